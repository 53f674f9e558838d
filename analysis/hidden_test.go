package analysis

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"

	"amendlens/parse"
)

func TestRemoveHidden(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		n        int
	}{
		{"gender", "gender", 0},
		{"gen\u200Bder", "gender", 1},                               // zero-width space
		{"\uFEFFwomen\u200D and\u00AD girls", "women and girls", 3}, // BOM, joiner, soft hyphen
		{"a \u202Eevil\u202C b", "a evil b", 2},                     // bidi override and pop
		{"\u2066isolate\u2069", "isolate", 2},                       // bidi isolates
		{"café – “quoted”\u00A0", "café – “quoted”\u00A0", 0},       // visible or space: kept
		{"tab\there\nline", "tab\there\nline", 0},
	} {
		got, n := parse.StripHidden(tc.in)
		if got != tc.want || n != tc.n {
			t.Errorf("RemoveHidden(%q) = %q, %d; want %q, %d", tc.in, got, n, tc.want, tc.n)
		}
	}
}

// hiddenDump is a table dump whose proposal writes "gender" with a
// zero-width space inside and whose outcome carries a bidi override.
const hiddenDump = "\t1.\nIntroduction\n\tProposal\n\tOutcome\n" +
	"\t39.\nWe agree on access.\n" +
	"\tWe agree on gen\u200Bder equality and access.\n" +
	"\t\u202EWe agree on access.\u202C\n"

// TestHiddenCharactersRemoved: the parser removes the format characters and
// counts them per variant, so that the proposal's "gen\u200Bder" is the
// word gender the dictionary knows, the outcome is unchanged, the counts
// reach the paragraphs table, and every span's bytes index the stored text.
func TestHiddenCharactersRemoved(t *testing.T) {
	csvDoc := "section,paragraph,variant,text\n" +
		"1,39,Base,We agree on access.\n" +
		"1,39,Proposal,We agree on gen\u200Bder equality and access.\n" +
		"1,39,Outcome,\u202EWe agree on access.\u202C\n"
	for name, data := range map[string]string{"hidden.txt": hiddenDump, "hidden.csv": csvDoc} {
		t.Run(name, func(t *testing.T) {
			doc, err := parse.Parse(name, []byte(data), parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			p := &doc.Paragraphs[0]
			if p.Texts[1] != "We agree on gender equality and access." || p.Texts[2] != "We agree on access." {
				t.Errorf("texts %q, want the format characters removed", p.Texts)
			}
			for v, want := range []int{0, 1, 2} {
				if got := p.HiddenChars(v); got != want {
					t.Errorf("variant %d: %d hidden characters, want %d", v, got, want)
				}
			}
			r, err := Analyse(doc, DefaultDictionary(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			prop, out := r.Comparison(0, 1), r.Comparison(0, 2)
			if out.Status != StatusUnchanged {
				t.Errorf("outcome %s, want unchanged", out.Status)
			}
			gender := false
			for _, h := range prop.Hits {
				gender = gender || (h.Theme == "gender" && h.Change == ChangeAdded && strings.HasPrefix(h.Matched, "gender"))
			}
			if !gender || prop.Added != 3 {
				t.Errorf("proposal: %d words added, hits %+v; want 3 (gender equality and) with a gender hit", prop.Added, prop.Hits)
			}
			for _, s := range prop.Spans {
				if got := p.Texts[1][s.VarBytes.Start:s.VarBytes.End]; got != "gender equality and" {
					t.Errorf("span bytes %q, want %q", got, "gender equality and")
				}
			}
			var buf bytes.Buffer
			if err := WriteTableCSV(&buf, r, "paragraphs", Filter{}); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := slices.Index(recs[0], "hidden_chars")
			if col < 0 || recs[0][col-1] != "bracketed_words" || recs[0][col-2] != "spans" {
				t.Fatalf("header %q, want hidden_chars after spans and bracketed_words", recs[0])
			}
			for i, want := range []string{"1", "2"} {
				if got := recs[i+1][col]; got != want {
					t.Errorf("paragraphs row %q: hidden_chars %s, want %s", recs[i+1], got, want)
				}
			}
		})
	}
}

// TestDictionaryTermsLoseHiddenCharacters: a term with a zero-width space
// pasted into it matches the word without, as the texts have it.
func TestDictionaryTermsLoseHiddenCharacters(t *testing.T) {
	d, err := ParseDictionary("hidden.yaml", []byte("themes:\n  - name: gender\n    terms: [\"gen\u200Bder\", \"\u200Dwomen\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Themes[0].Terms; !slices.Equal(got, []string{"gender", "women"}) {
		t.Errorf("terms %q, want the hidden characters removed", got)
	}
	ms := d.Match(NewTokenizer().Tokenize("Gender and women."))
	if len(ms) != 2 {
		t.Errorf("matches %+v, want gender and women", ms)
	}
	// Two terms that differ only by a hidden character are one term.
	_, err = ParseDictionary("dup.yaml", []byte("themes:\n  - name: gender\n    terms: [gender, \"gen\u200Bder\"]\n"))
	if err == nil || !strings.Contains(err.Error(), "repeats the term at line") {
		t.Errorf("err = %v, want the repeated term", err)
	}
}

// TestHiddenOnlyText checks that a text of format characters alone is no
// text: a paragraph with nothing else is an error naming it and its line,
// and a base cell of them alone makes the paragraph new.
func TestHiddenOnlyText(t *testing.T) {
	_, err := parse.Parse("f.txt", []byte("\u200b\u0600\n\n1. Intro\n\n29. We agree.\n"), parse.Options{})
	var pe *parse.ParseError
	if !errors.As(err, &pe) || pe.Line != 1 || !strings.Contains(pe.Msg, `paragraph "p1" has no text, only hidden format characters`) {
		t.Errorf("error %v, want one naming paragraph p1 at line 1", err)
	}
	doc, err := parse.Parse("t.txt", []byte("\t1.\nIntro\n\tProposal\n\t5.\n\u200b\n\t5.\nWe agree.\n"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p := doc.Paragraphs[0]; !p.New || p.Texts[0] != "" || p.Texts[1] != "We agree." {
		t.Errorf("paragraph %+v, want new, with the proposal's text alone", p)
	}
}

// TestControlCharactersRemoved: escape sequences, bells and C1 controls in
// a text (a terminal's "clear screen" and "set title" among them) are
// removed at parse time and counted as hidden characters; tabs and line
// ends stay.
func TestControlCharactersRemoved(t *testing.T) {
	dump := "\t1.\nIntro\x1b]0;owned\a\n\tProposal\x1b[2J\n" +
		"\t39.\nWe agree\x7f on\taccess.\n\tWe agree on \u009b2Jgender equality.\nAnd more.\n"
	doc, err := parse.Parse("controls.txt", []byte(dump), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Variants[1] != "Proposal[2J" || doc.Sections[0].Title != "Intro]0;owned" {
		t.Errorf("variant %q, section title %q: want the controls gone, their printable rest kept", doc.Variants[1], doc.Sections[0].Title)
	}
	p := doc.Paragraphs[0]
	if p.Texts[0] != "We agree on\taccess." || p.Texts[1] != "We agree on 2Jgender equality.\nAnd more." {
		t.Errorf("texts %q, want DEL and CSI removed, tab and line end kept", p.Texts)
	}
	if p.HiddenChars(0) != 1 || p.HiddenChars(1) != 1 {
		t.Errorf("hidden characters %d and %d, want 1 and 1", p.HiddenChars(0), p.HiddenChars(1))
	}
}
