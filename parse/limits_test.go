package parse

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// paraID returns a distinct paragraph ID for every p from 1: the numbers 1
// to 9999 (labels have at most four digits), then again with the suffixes
// "ab", "ac"...
func paraID(p int) string {
	return string(appendParaID(nil, p))
}

// appendParaID appends paraID(p) to b.
func appendParaID(b []byte, p int) []byte {
	n := p - 1
	b = strconv.AppendInt(b, int64(n%9999+1), 10)
	if g := n / 9999; g > 0 {
		b = append(b, byte('a'+g/26%26), byte('a'+g%26))
	}
	return b
}

// tableDump returns a table dump with a header of the base and variants,
// then sections of paragraphs numbered 1 to paragraphs, each with a text in
// every column.
func tableDump(variants, paragraphs int) []byte {
	b := make([]byte, 0, paragraphs*(16+16*variants))
	b = append(b, "\t1. Heading\n"...)
	for v := 1; v < variants; v++ {
		b = fmt.Appendf(b, "\tVariant %d\n", v)
	}
	for p := 1; p <= paragraphs; p++ {
		b = append(b, '\t')
		b = appendParaID(b, p)
		b = append(b, ".\nWe agree.\n"...)
		for v := 1; v < variants; v++ {
			b = append(b, "\tWe agree fully.\n"...)
		}
	}
	return b
}

// longCSV returns a long-form CSV of the given variants (the base included)
// and paragraphs.
func longCSV(variants, paragraphs int) []byte {
	b := make([]byte, 0, paragraphs*variants*32)
	b = append(b, "section,paragraph,variant,text\n"...)
	for p := 1; p <= paragraphs; p++ {
		for v := range variants {
			b = append(b, "1,"...)
			b = appendParaID(b, p)
			if v == 0 {
				b = append(b, ",Base,We agree.\n"...)
				continue
			}
			b = fmt.Appendf(b, ",V%d,We agree fully.\n", v)
		}
	}
	return b
}

// checkLimitError fails t unless err is a *ParseError of file at line whose
// message holds every one of want.
func checkLimitError(t *testing.T, err error, file string, line int, want ...string) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T), want a *ParseError", err, err)
	}
	if pe.File != file || pe.Line != line {
		t.Errorf("error at %s:%d, want %s:%d (%v)", pe.File, pe.Line, file, line, err)
	}
	for _, w := range want {
		if !strings.Contains(pe.Msg, w) {
			t.Errorf("error %q lacks %q", pe.Msg, w)
		}
	}
}

func TestParseAppliesDefaultLimits(t *testing.T) {
	// One byte over the default cell limit in a variant cell of a document
	// that is otherwise fine.
	big := strings.Repeat("a", 1<<20+1)
	data := "\t1. Heading\n\tAmended\n\t1.\nWe agree.\n\t" + big + "\n"
	for _, parse := range []func(string, []byte) (*Document, error){parseDefault, readTableDump} {
		_, err := parse("big.txt", []byte(data))
		checkLimitError(t, err, "big.txt", 5, "cell of 1,048,577 bytes, the limit is 1 MiB")
	}
	csvData := "section,paragraph,variant,text\n1,1,Base,We agree.\n1,1,V," + big + "\n"
	for _, parse := range []func(string, []byte) (*Document, error){parseDefault, readCSV} {
		_, err := parse("big.csv", []byte(csvData))
		checkLimitError(t, err, "big.csv", 3, "column 4: field of 1,048,577 bytes, the limit is 1 MiB")
	}
	// At the limit exactly, both parse.
	at := big[1:]
	for name, data := range map[string]string{
		"at.txt": "\t1. Heading\n\tAmended\n\t1.\nWe agree.\n\t" + at + "\n",
		"at.csv": "section,paragraph,variant,text\n1,1,Base,We agree.\n1,1,V," + at + "\n",
	} {
		if _, err := Parse(name, []byte(data), Options{}); err != nil {
			t.Errorf("%s: cell at the limit: %v", name, err)
		}
	}
}

func TestParseWithLimits(t *testing.T) {
	small := Limits{MaxFileBytes: 1 << 10, MaxCellBytes: 100, MaxParagraphs: 3, MaxVariants: 3}
	tests := []struct {
		name string
		data string
		line int
		want []string
	}{{
		name: "file.txt",
		data: strings.Repeat("\t1. A\n", 200),
		line: 171, // 1024 bytes = 170 lines of 6 bytes and 4 more
		want: []string{"file of more than 1 KiB, the limit is 1 KiB"},
	}, {
		name: "file.csv",
		data: "section,paragraph,variant,text\n" + strings.Repeat("1,1,a,b\n", 200),
		line: 126, // a header of 31 bytes, then lines of 8
		want: []string{"file of more than 1 KiB"},
	}, {
		name: "cell.txt",
		data: "\t1. Heading\n\tAmended\n\t1.\nWe agree.\n\tWe\n" + strings.Repeat("agree\n", 20),
		line: 5,
		want: []string{"cell of 122 bytes, the limit is 100 bytes"},
	}, {
		name: "header-cell.txt",
		data: "\t1. Heading\n\t" + strings.Repeat("x", 101) + "\n\t1.\nWe agree.\n\tWe do.\n",
		line: 2,
		want: []string{"cell of 101 bytes, the limit is 100 bytes"},
	}, {
		name: "cell.csv",
		data: "section,paragraph,variant,text\n1,1,a,b\n1,1,c,\"" + strings.Repeat("d\n", 60) + "\"\n",
		line: 3,
		want: []string{"column 4: field of 120 bytes, the limit is 100 bytes"},
	}, {
		name: "header.csv",
		data: "section,paragraph,variant,text," + strings.Repeat("x", 101) + "\n",
		line: 1,
		want: []string{"column 5: field of 101 bytes"},
	}, {
		name: "paragraphs.txt",
		data: string(tableDump(2, 5)),
		line: 12, // header 2 lines, then 3 lines per paragraph
		want: []string{`paragraph "4" is paragraph 4, the limit is 3 paragraphs`},
	}, {
		name: "paragraphs.csv",
		data: string(longCSV(2, 5)),
		line: 8,
		want: []string{`paragraph "4" is paragraph 4, the limit is 3 paragraphs`},
	}, {
		name: "sections.txt",
		data: "\t1. A\n\tV\n\t2. B\n\t\n\t3. C\n\t\n\t4. D\n\t\n\t5.\nWe agree.\n\t\n",
		line: 7,
		want: []string{`section "4" makes 4 sections, the limit is 3 sections`},
	}, {
		name: "subsections.csv",
		data: "section,paragraph,variant,text\n1,,,\n2a,,,\n3,1,a,b\n3,1,c,d\n",
		line: 4,
		want: []string{`section "3" makes 4 sections, the limit is 3`},
	}, {
		name: "variants.txt",
		data: string(tableDump(4, 1)),
		line: 1,
		want: []string{"header row of 4 columns, the limit is 3 variants, the base included"},
	}, {
		name: "variants.csv",
		data: string(longCSV(4, 1)),
		line: 5,
		want: []string{`column variant: variant "V3" is variant 4, the limit is 3 variants, the base included`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.name, []byte(tt.data), Options{Limits: small})
			if doc != nil {
				t.Errorf("got a document and error %v", err)
			}
			checkLimitError(t, err, tt.name, tt.line, tt.want...)
		})
	}
	// Documents at every limit parse.
	for name, data := range map[string][]byte{
		"at.txt": tableDump(3, 3),
		"at.csv": longCSV(3, 3),
	} {
		if len(data) > 1<<10 {
			t.Fatalf("%s: %d bytes, over the file limit", name, len(data))
		}
		doc, err := Parse(name, data, Options{Limits: small})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(doc.Paragraphs) != 3 || len(doc.Variants) != 3 {
			t.Errorf("%s: %d paragraphs, %d variants, want 3 and 3", name, len(doc.Paragraphs), len(doc.Variants))
		}
	}
}

// TestHugeInputsFailFast feeds the parsers a 50 MB line and a million
// paragraphs with the default limits: each fails with the limit it passes,
// in time linear in the input.
func TestHugeInputsFailFast(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 50 MB inputs")
	}
	words := func() []byte { return bytes.Repeat([]byte("word "), 10_000_000) }
	tests := []struct {
		name string
		data func() []byte
		line int
		want []string
	}{{
		name: "line.txt",
		data: func() []byte { return append([]byte("\t"), words()...) },
		line: 1,
		want: []string{"cell of 50,000,000 bytes, the limit is 1 MiB"},
	}, {
		name: "line.csv",
		data: func() []byte { return append([]byte("section,paragraph,variant,text\n1,1,Base,"), words()...) },
		line: 2,
		want: []string{"column 4: field of 50,000,000 bytes, the limit is 1 MiB"},
	}, {
		name: "rows.txt",
		data: func() []byte { return tableDump(3, 1_000_000) },
		line: 3 + 200_000*4 + 1, // header 3 lines, then 4 lines per paragraph
		want: []string{`paragraph "` + paraID(200_001) + `" is paragraph 200,001, the limit is 200,000 paragraphs`},
	}, {
		name: "rows.csv",
		data: func() []byte { return longCSV(2, 1_000_000) },
		line: 1 + 200_000*2 + 1,
		want: []string{`paragraph "` + paraID(200_001) + `" is paragraph 200,001, the limit is 200,000 paragraphs`},
	}, {
		name: "big.txt",
		data: func() []byte { return bytes.Repeat([]byte("\t1. A\n"), 12<<20) },
		line: 64<<20/6 + 1,
		want: []string{"file of more than 64 MiB, the limit is 64 MiB"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data()
			start := time.Now()
			_, err := Parse(tt.name, data, Options{})
			elapsed := time.Since(start)
			checkLimitError(t, err, tt.name, tt.line, tt.want...)
			// Linear work on these inputs takes well under a second; the
			// bound leaves room for slow and instrumented builds while
			// catching quadratic work, which would take hours.
			if elapsed > 20*time.Second {
				t.Errorf("took %v", elapsed)
			}
			t.Logf("%s: %d bytes, failed in %v", tt.name, len(data), elapsed)
		})
	}
}

func TestFormatSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 bytes"},
		{1, "1 byte"},
		{999, "999 bytes"},
		{1000, "1,000 bytes"},
		{1 << 10, "1 KiB"},
		{1<<20 + 1, "1,048,577 bytes"},
		{64 << 20, "64 MiB"},
		{3 << 30, "3 GiB"},
	}
	for _, tt := range tests {
		if got := formatSize(tt.n); got != tt.want {
			t.Errorf("formatSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	for n, want := range map[int64]string{0: "0", 12: "12", 123: "123", 1234: "1,234", 200000: "200,000", 2000000: "2,000,000", -1234567: "-1,234,567"} {
		if got := FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestParseRejectsNUL(t *testing.T) {
	utf16 := []byte{}
	for _, r := range "\t1. A\n\tB\n\t1.\nx\n\ty\n" {
		utf16 = append(utf16, byte(r), 0)
	}
	tests := []struct {
		name string
		data []byte
		line int
	}{
		{"nul.txt", []byte("\t1. A\n\tB\n\t1.\nx\x00y\n\tz\n"), 4},
		{"nul.csv", []byte("section,paragraph,variant,text\n1,1,a,b\n1,1,c,d\x00\n"), 3},
		{"utf16.txt", utf16, 1},
	}
	for _, tt := range tests {
		doc, err := Parse(tt.name, tt.data, Options{})
		if doc != nil {
			t.Errorf("%s: parsed", tt.name)
		}
		checkLimitError(t, err, tt.name, tt.line, "NUL byte", "not a binary file (or UTF-16 without its byte order mark)")
	}
}

// parseDefault is Parse with the default options.
func parseDefault(file string, data []byte) (*Document, error) { return Parse(file, data, Options{}) }
