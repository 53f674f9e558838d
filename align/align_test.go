package align_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"amendlens/align"
	"amendlens/analysis/analysistest"
)

// blocks returns the blank-line separated paragraphs of a test file.
func blocks(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n\n")
}

// row renders a link as "base version relation", -1 as "-".
func row(l align.Link) string {
	b, v := "-", "-"
	if l.Base >= 0 {
		b = fmt.Sprint(l.Base)
	}
	if l.Version >= 0 {
		v = fmt.Sprint(l.Version)
	}
	return fmt.Sprintf("%s %s %s", b, v, l.Relation)
}

func TestAlignGold(t *testing.T) {
	base := blocks(t, "../testdata/analysis/align-base.txt")
	version := blocks(t, "../testdata/analysis/align-version.txt")
	if len(base) != 22 || len(version) != 23 {
		t.Fatalf("%d base and %d version paragraphs, want 22 and 23", len(base), len(version))
	}
	got := align.Paragraphs(base, version)
	if msg := checkLinks(got, len(base), len(version)); msg != "" {
		t.Fatal(msg)
	}
	want := []string{
		"0 0 same", // 1 -> 29: renumbered
		"1 1 same",
		"2 2 edited",
		"3 3 merged", // 4 and 5 -> 32
		"4 3 merged",
		"5 4 split", // 6 -> 33 and 34
		"5 5 split",
		"6 - deleted", // 7
		"7 6 same",
		"8 15 moved", // 9 -> 44
		"9 7 same",
		"10 8 same",
		"11 10 same",
		"12 11 edited",
		"13 12 same",
		"14 13 same",
		"15 14 same",
		"16 16 same",
		"17 17 same",
		"18 19 same",
		"19 20 same",
		"20 21 same",
		"21 22 same",
		"- 9 new",  // 38
		"- 18 new", // 47
	}
	var rows []string
	for _, l := range got {
		rows = append(rows, row(l))
		switch l.Relation {
		case align.RelationSame, align.RelationMoved:
			if l.Similarity != 1 {
				t.Errorf("%s: similarity %v, want 1 (unedited)", row(l), l.Similarity)
			}
		case align.RelationDeleted, align.RelationNew:
			if l.Similarity != 0 {
				t.Errorf("%s: similarity %v, want 0", row(l), l.Similarity)
			}
		default:
			if l.Similarity < align.Threshold || l.Similarity >= 1 {
				t.Errorf("%s: similarity %v, want in [%v, 1)", row(l), l.Similarity, align.Threshold)
			}
		}
	}
	if !slices.Equal(rows, want) {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

func TestAlignIdentical(t *testing.T) {
	base := blocks(t, "../testdata/analysis/align-base.txt")
	// Renumbered, re-spaced, re-cased and with curly quotes: still the same.
	var version []string
	for i, p := range base {
		_, text, _ := strings.Cut(p, ". ")
		text = strings.ReplaceAll(text, " ", "  \n")
		text = strings.ToUpper(text[:1]) + text[1:]
		version = append(version, fmt.Sprintf("%d) %s", i+100, text))
	}
	for i, l := range align.Paragraphs(base, version) {
		if l.Base != i || l.Version != i || l.Relation != align.RelationSame || l.Similarity != 1 {
			t.Errorf("link %d: %+v, want %d -> %d same 1", i, l, i, i)
		}
	}
}

func TestAlignReversed(t *testing.T) {
	base := blocks(t, "../testdata/analysis/align-base.txt")
	version := slices.Clone(base)
	slices.Reverse(version)
	got := align.Paragraphs(base, version)
	if len(got) != len(base) {
		t.Fatalf("%d links, want %d", len(got), len(base))
	}
	same := 0
	for i, l := range got {
		if l.Base != i || l.Version != len(base)-1-i {
			t.Errorf("link %d: %+v, want %d -> %d", i, l, i, len(base)-1-i)
		}
		switch l.Relation {
		case align.RelationSame:
			same++
		case align.RelationMoved:
		default:
			t.Errorf("link %d: relation %s, want moved or same", i, l.Relation)
		}
	}
	// Reversed, only one paragraph keeps its order among the others.
	if same != 1 {
		t.Errorf("%d paragraphs same, want 1: every other one moved", same)
	}
}

func TestAlignEmpty(t *testing.T) {
	base := blocks(t, "../testdata/analysis/align-base.txt")
	got := align.Paragraphs(base, nil)
	if len(got) != len(base) {
		t.Fatalf("%d links, want %d", len(got), len(base))
	}
	for i, l := range got {
		if l != (align.Link{Base: i, Version: -1, Relation: align.RelationDeleted}) {
			t.Errorf("link %d: %+v, want deleted", i, l)
		}
	}
	for i, l := range align.Paragraphs(nil, base) {
		if l != (align.Link{Base: -1, Version: i, Relation: align.RelationNew}) {
			t.Errorf("link %d of a version of an empty base: %+v, want new", i, l)
		}
	}
}

// recovered returns how many of want's base paragraphs got exactly their
// links in got, and the base paragraphs that did not.
func recovered(want, got []align.Link) (int, []int) {
	per := func(ls []align.Link) map[int][]string {
		m := map[int][]string{}
		for _, l := range ls {
			m[l.Base] = append(m[l.Base], row(l))
		}
		return m
	}
	w, g := per(want), per(got)
	ok := 0
	var bad []int
	for b, rows := range w {
		if b < 0 {
			continue
		}
		if slices.Equal(rows, g[b]) {
			ok++
		} else {
			bad = append(bad, b)
		}
	}
	slices.Sort(bad)
	return ok, bad
}

func TestAlignProperty(t *testing.T) {
	scripts := map[string]analysistest.Script{
		"renumber":  {Renumber: true, Offset: 28},
		"moves":     {Moved: 0.05, Renumber: true, Offset: 3},
		"mixed":     {Edited: 0.1, Moved: 0.02, Merged: 0.02, Split: 0.02, Deleted: 0.03, Inserted: 0.03, Renumber: true, Offset: 10},
		"heavy":     {Edited: 0.3, Moved: 0.05, Merged: 0.05, Split: 0.05, Deleted: 0.05, Inserted: 0.05},
		"unordered": {Edited: 0.1, Moved: 0.1, Merged: 0.01, Split: 0.01, Deleted: 0.02, Inserted: 0.02, Renumber: true},
	}
	for name, s := range scripts {
		t.Run(name, func(t *testing.T) {
			exact := s.Edited+s.Merged+s.Split+s.Deleted+s.Inserted == 0
			for seed := uint64(1); seed <= 20; seed++ {
				n := 20 + int(seed*37%300)
				vs := analysistest.Generate(seed, n, s)
				got := align.Paragraphs(vs.Base, vs.Version)
				if msg := checkLinks(got, len(vs.Base), len(vs.Version)); msg != "" {
					t.Fatalf("seed %d: %s", seed, msg)
				}
				ok, bad := recovered(vs.Want, got)
				if exact && len(bad) > 0 || float64(ok) < 0.95*float64(n) {
					t.Errorf("seed %d, %d paragraphs: %d recovered (%.1f%%), wrong: %v", seed, n, ok, 100*float64(ok)/float64(n), bad)
					continue
				}
				// Unedited moved paragraphs are found exactly, whatever else
				// the script did.
				wantMoved := map[int]int{}
				for _, l := range vs.Want {
					if l.Relation == align.RelationMoved && !vs.Edited[l.Base] {
						wantMoved[l.Base] = l.Version
					}
				}
				for _, l := range got {
					if v, ok := wantMoved[l.Base]; ok {
						if l.Version != v || l.Relation != align.RelationMoved || l.Similarity != 1 {
							t.Errorf("seed %d: moved paragraph %d: %+v, want moved to %d", seed, l.Base, l, v)
						}
					}
				}
				// The new paragraphs found are the script's, at least 95%.
				newWant, newGot := 0, 0
				for _, l := range vs.Want {
					if l.Relation == align.RelationNew {
						newWant++
						if slices.Contains(got, l) {
							newGot++
						}
					}
				}
				if float64(newGot) < 0.95*float64(newWant) {
					t.Errorf("seed %d: %d of %d new paragraphs found", seed, newGot, newWant)
				}
			}
		})
	}
}

// TestAlignThreeParts: a paragraph split in three and three merged into
// one are found whole, not as a split in two and a new paragraph.
func TestAlignThreeParts(t *testing.T) {
	base := blocks(t, "../testdata/analysis/align-base.txt")
	strip := func(p string) string { _, text, _ := strings.Cut(p, ". "); return text }
	var version []string
	version = append(version, base[:2]...)
	// 3 cut in three.
	w := strings.Fields(strip(base[2]))
	k := len(w) / 3
	version = append(version, strings.Join(w[:k], " "), strings.Join(w[k:2*k], " "), strings.Join(w[2*k:], " "))
	version = append(version, base[3:13]...)
	// 14, 15 and 16 as one.
	version = append(version, strip(base[13])+" "+strip(base[14])+" "+strip(base[15]))
	version = append(version, base[16:]...)
	var rows []string
	for _, l := range align.Paragraphs(base, version) {
		if l.Relation != align.RelationSame {
			rows = append(rows, row(l))
		}
	}
	want := []string{"2 2 split", "2 3 split", "2 4 split", "13 15 merged", "14 15 merged", "15 15 merged"}
	if !slices.Equal(rows, want) {
		t.Errorf("rows other than same: %q, want %q", rows, want)
	}
}

// checkLinks returns what is wrong with links as an alignment of nb base
// and nv version paragraphs: each base paragraph has its links, each
// version paragraph belongs to one base paragraph (or several, merged) or
// is new, similarities are within 0-1.
func checkLinks(links []align.Link, nb, nv int) string {
	perBase := make([][]align.Link, nb)
	perVer := make([][]align.Link, nv)
	for _, l := range links {
		if l.Similarity < 0 || l.Similarity > 1 {
			return fmt.Sprintf("%+v: similarity out of 0-1", l)
		}
		switch {
		case l.Base < 0 && l.Version < 0, l.Base >= nb, l.Version >= nv:
			return fmt.Sprintf("%+v: paragraph out of range", l)
		case l.Base < 0 && l.Relation != align.RelationNew, l.Base >= 0 && l.Relation == align.RelationNew:
			return fmt.Sprintf("%+v: new is the relation of version paragraphs alone", l)
		case l.Version < 0 && l.Relation != align.RelationDeleted, l.Version >= 0 && l.Relation == align.RelationDeleted:
			return fmt.Sprintf("%+v: deleted is the relation of base paragraphs without counterpart alone", l)
		}
		if l.Base >= 0 {
			perBase[l.Base] = append(perBase[l.Base], l)
		}
		if l.Version >= 0 {
			perVer[l.Version] = append(perVer[l.Version], l)
		}
	}
	for b, ls := range perBase {
		if len(ls) == 0 || len(ls) > 1 && ls[0].Relation != align.RelationSplit {
			return fmt.Sprintf("base paragraph %d: links %+v", b, ls)
		}
	}
	for v, ls := range perVer {
		if len(ls) == 0 || len(ls) > 1 && ls[0].Relation != align.RelationMerged {
			return fmt.Sprintf("version paragraph %d: links %+v", v, ls)
		}
	}
	return ""
}

func FuzzAlign(f *testing.F) {
	f.Add("1. a b c\n\n2. d e f\n\n3. g h", "1. d e f\n\n2. a b c x\n\n3. new text here")
	f.Add("same\n\nsame\n\nsame", "same\n\nsame")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, base, version string) {
		bs, vs := strings.Split(base, "\n\n"), strings.Split(version, "\n\n")
		if msg := checkLinks(align.Paragraphs(bs, vs), len(bs), len(vs)); msg != "" {
			t.Error(msg)
		}
	})
}

func TestAlignStripsNumbers(t *testing.T) {
	base := []string{"39. We reaffirm the principles.", "New 43bis) Civil society has a role.", "2005 was the year of the summit.", "7\nSeven on the next line."}
	version := []string{"We reaffirm the principles.", "Civil society has a role.", "2005 was the year of the summit.", "Seven on the next line."}
	for i, l := range align.Paragraphs(base, version) {
		if l.Relation != align.RelationSame || l.Base != i || l.Version != i {
			t.Errorf("%q and %q: %+v, want same", base[i], version[i], l)
		}
	}
	// A year that starts a sentence is its text, not a number.
	if l := align.Paragraphs([]string{"2005 was the year of the summit."}, []string{"was the year of the summit."}); l[0].Relation != align.RelationEdited {
		t.Errorf("a year stripped as a number: %+v", l)
	}
}
