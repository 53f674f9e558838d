package analysis

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"amendlens/parse"
)

// aliasedDictionary returns a dictionary of themes themes that all alias
// one list of terms terms, each term being words words long: the
// "billion laughs" shape of a dictionary, small to read and huge to expand.
func aliasedDictionary(themes, terms, words int) []byte {
	var b bytes.Buffer
	b.WriteString("themes:\n  - name: t0\n    terms: &all\n")
	for i := range terms {
		b.WriteString("      - ")
		for w := range words {
			if w > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "term%dw%d", i, w)
		}
		b.WriteByte('\n')
	}
	for i := 1; i < themes; i++ {
		fmt.Fprintf(&b, "  - name: t%d\n    terms: *all\n", i)
	}
	return b.Bytes()
}

// TestDictionaryAliasBomb: 1,000 themes aliasing one list of 10,000 terms
// (a file of about 220 KB, which once took 26 s and 2.7 GB to fail) is
// refused at the theme that passes the limit, before anything is compiled,
// allocating well under 100 MB on the way.
func TestDictionaryAliasBomb(t *testing.T) {
	data := aliasedDictionary(1000, 10_000, 1)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ParseDictionary("bomb.yaml", data)
	runtime.ReadMemStats(&after)
	var de *DictionaryError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a DictionaryError", err)
	}
	// Theme t10 brings the count to 110,000 terms; it is named at the line
	// of its alias, "terms: *all".
	wantLine := 3 + 10_000 + 2*10
	if de.Line != wantLine || !strings.Contains(de.Msg, `theme "t10" brings the dictionary to 110,000 terms, the limit is 100,000`) {
		t.Errorf("err = %v, want line %d, theme t10 and the limit", err, wantLine)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 100<<20 {
		t.Errorf("refusing the dictionary allocated %d MB, want under 100 MB", alloc>>20)
	}
	t.Logf("%d bytes of YAML; refused after allocating %.1f MB", len(data), float64(after.TotalAlloc-before.TotalAlloc)/(1<<20))
}

// TestDictionaryTermBytesLimit: few terms, but long ones shared by many
// themes, are refused by their total size.
func TestDictionaryTermBytesLimit(t *testing.T) {
	// 1,000 terms of 12 words make about 120 KB: the 36th theme passes
	// 4 MiB.
	data := aliasedDictionary(100, 1_000, 12)
	_, err := ParseDictionary("long.yaml", data)
	var de *DictionaryError
	if !errors.As(err, &de) || !strings.Contains(de.Msg, `theme "t35" brings the dictionary's terms to `) || !strings.Contains(de.Msg, "the limit is 4 MiB") {
		t.Fatalf("err = %v, want the limit of the terms' bytes at theme t35", err)
	}
	// Under both limits the same shape parses, every theme with every term.
	d, err := ParseDictionary("ok.yaml", aliasedDictionary(20, 1_000, 12))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Themes) != 20 || len(d.Themes[19].Terms) != 1000 {
		t.Errorf("%d themes, the last with %d terms; want 20 and 1,000", len(d.Themes), len(d.Themes[19].Terms))
	}
}

// BenchmarkDictionaryAliasBomb measures refusing the alias bomb and
// parsing the largest aliased dictionary the limits accept.
func BenchmarkDictionaryAliasBomb(b *testing.B) {
	for _, tc := range []struct {
		name   string
		themes int
	}{{"refused-1000x10000", 1000}, {"accepted-10x10000", 10}} {
		data := aliasedDictionary(tc.themes, 10_000, 1)
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err := ParseDictionary("bomb.yaml", data)
				if (err != nil) != (tc.themes > 10) {
					b.Fatal(err)
				}
			}
		})
	}
}

// quantedaCategories is a quanteda dictionary of n categories of one term
// each.
func quantedaCategories(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "cat%d:\n  - word%d\n", i, i)
	}
	return b.Bytes()
}

// TestDictionaryThemesLimit: a dictionary holds at most maxThemes themes,
// in amendlens's YAML, quanteda's and LIWC's, refused at the theme past the
// limit; a quanteda file of 100,000 categories (once 11 s and 1 GB to
// import, duplicates found by a linear scan) is refused while it is read.
func TestDictionaryThemesLimit(t *testing.T) {
	var ours bytes.Buffer
	ours.WriteString("themes:\n")
	for i := range maxThemes + 1 {
		fmt.Fprintf(&ours, "  - name: t%d\n    terms: [w%d]\n", i, i)
	}
	if _, err := ParseDictionary("many.yaml", ours.Bytes()); err == nil || !strings.Contains(err.Error(), "1,001 themes, the limit is 1,000") || !strings.Contains(err.Error(), fmt.Sprintf("many.yaml:%d", 2+2*maxThemes)) {
		t.Errorf("1,001 themes: err = %v, want the limit at the line of the 1,001st", err)
	}
	if _, err := ReadDictionary("ok.yaml", quantedaCategories(maxThemes)); err != nil {
		t.Errorf("%d quanteda categories: %v", maxThemes, err)
	}
	if _, err := ReadDictionary("many.yaml", quantedaCategories(maxThemes+1)); err == nil || !strings.Contains(err.Error(), `category "cat1000" is theme 1,001, the limit is 1,000 themes`) {
		t.Errorf("1,001 quanteda categories: err = %v, want the limit", err)
	}
	var liwc bytes.Buffer
	liwc.WriteString("%\n")
	for i := range maxThemes + 1 {
		fmt.Fprintf(&liwc, "%d c%d\n", i+1, i)
	}
	liwc.WriteString("%\nword 1\n")
	if _, err := ReadDictionary("many.dic", liwc.Bytes()); err == nil || !strings.Contains(err.Error(), "the limit is 1,000 themes") {
		t.Errorf("1,001 LIWC categories: err = %v, want the limit", err)
	}
	data := quantedaCategories(100_000)
	var err error
	alloc := allocated(func() { _, err = ReadDictionary("huge.yaml", data) })
	t.Logf("%d bytes of quanteda YAML: refused after %.1f MB, err = %v", len(data), float64(alloc)/(1<<20), err)
	if err == nil || alloc > 200*uint64(len(data)) {
		t.Errorf("100,000 categories: err = %v after %d MB, want refused within 200 bytes per byte", err, alloc>>20)
	}
}

// TestConvertedDictionaryHasNoHiddenCharacters: a category named with a
// right-to-left override or an escape sequence, and a term holding them,
// are converted without them, so that `themes -convert` never writes them
// to a terminal.
func TestConvertedDictionaryHasNoHiddenCharacters(t *testing.T) {
	// YAML holds control characters only as escapes.
	in := "\"Gen\u202Eder \\e[2J\":\n  - \"equa\u200Blity\"\n  - \"wo\\u009bmen\"\n"
	out, _, err := ConvertDictionary("q.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseDictionary("q.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsFunc(string(out), parse.IsHidden) {
		t.Errorf("converted YAML holds hidden characters raw:\n%s", out)
	}
	th := d.Themes[0]
	if th.Label != "Gender [2J" || !slices.Equal(th.Terms, []string{"equality", "women"}) {
		t.Errorf("theme %q %q, want label and terms without hidden characters", th.Label, th.Terms)
	}
}
