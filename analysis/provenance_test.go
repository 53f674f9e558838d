package analysis_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
	"amendlens/parse"
)

// TestProvenanceCoversEveryWord: in the chain fixture and the gold set's
// negotiation, every word of every stage after the first is credited
// once (shares summing to one), runs lie within their texts, and the
// Gender Caucus's clause in 39 is credited to it at Rev.1, and gone at
// Rev.2.
func TestProvenanceCoversEveryWord(t *testing.T) {
	for _, r := range []*analysis.Result{analysistest.ChainFixture(t, "..", analysis.DefaultDictionary()), analysistest.UptakeFixture(t, "..", analysis.DefaultDictionary())} {
		tok := analysis.NewTokenizer()
		credit := map[[3]int]float64{} // stage, paragraph, word
		for _, run := range r.Provenance {
			text := r.Document.Paragraphs[run.Paragraph].Texts[r.Stages[run.Stage].Variant]
			n := analysis.CountWords(tok.Tokenize(text))
			if run.Words.Start < 0 || run.Words.End > n || run.Words.Start >= run.Words.End {
				t.Fatalf("%s: run %+v outside the %d words of its text", r.Document.Name, run, n)
			}
			for w := run.Words.Start; w < run.Words.End; w++ {
				credit[[3]int{run.Stage, run.Paragraph, w}] += run.Credit.Share
			}
		}
		for s := 1; s < len(r.Stages); s++ {
			for p := range r.Document.Paragraphs {
				text := r.Document.Paragraphs[p].Texts[r.Stages[s].Variant]
				for w := range analysis.CountWords(tok.Tokenize(text)) {
					if c := credit[[3]int{s, p, w}]; c < 0.999 || c > 1.001 {
						t.Fatalf("%s: word %d of %s at %s credited %.3f times", r.Document.Name, w, r.Document.Paragraphs[p].ID, r.Stages[s].Name, c)
					}
				}
			}
		}
	}
	r := analysistest.ChainFixture(t, "..", analysis.DefaultDictionary())
	gc := func(stage string) float64 {
		s := r.StageOf(stage)
		for _, sw := range r.WordSources(s, func(p int) bool { return r.Document.Paragraphs[p].ID == "39" }) {
			if sw.Actor == "Gender Caucus" {
				return sw.Words
			}
		}
		return 0
	}
	if got := gc("Rev.1"); got != 5 {
		t.Errorf("Rev.1 credits the Gender Caucus with %v words of 39, want 5 (\"and a gender equality perspective\")", got)
	}
	// Won at Rev.1, lost at Rev.2 (which closed 39 without it).
	if got := gc("Rev.2"); got != 0 {
		t.Errorf("Rev.2 credits the Gender Caucus with %v words of 39, which it dropped", got)
	}
}

// TestProvenanceSharedCredit: two proposals that inserted the same words
// share their credit, half each; words the outcome wrote itself are its
// own.
func TestProvenanceSharedCredit(t *testing.T) {
	var b bytes.Buffer
	analysis.DumpHeader(&b, 2)
	fmt.Fprintf(&b, "\t1.\nWe agree on access for all.\n")
	fmt.Fprintf(&b, "\tWe agree on affordable access for all.\n")
	fmt.Fprintf(&b, "\tWe agree on affordable access for all.\n")
	fmt.Fprintf(&b, "\tWe firmly agree on affordable access for all.\n")
	doc, err := parse.Parse("shared.txt", b.Bytes(), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sw := range r.WordSources(1, nil) {
		got = append(got, fmt.Sprintf("%s %.1f", sw.Label(r), sw.Words))
	}
	if want := "Base 6.0, Outcome's own words 1.0, Proposal 1 0.5, Proposal 2 0.5"; strings.Join(got, ", ") != want {
		t.Errorf("sources %s, want %s", strings.Join(got, ", "), want)
	}
}

// TestThemeSources: the words of each theme's terms in a stage are
// credited once each, and Rev.1's gender wording in the chain fixture is
// partly the Gender Caucus's ("gender equality" in 39).
func TestThemeSources(t *testing.T) {
	r := analysistest.ChainFixture(t, "..", analysis.DefaultDictionary())
	tok := analysis.NewTokenizer()
	for s := 1; s < len(r.Stages); s++ {
		want := map[string]int{}
		for p := range r.Document.Paragraphs {
			text := r.Document.Paragraphs[p].Texts[r.Stages[s].Variant]
			if text == "" {
				continue
			}
			toks := tok.Tokenize(text)
			for _, m := range r.Dictionary.Match(toks) {
				want[m.Theme] += analysis.CountWords(toks[m.Tokens.Start:m.Tokens.End])
			}
		}
		got := r.ThemeSources(s, tok)
		for theme, n := range want {
			sum := 0.0
			for _, sw := range got[theme] {
				sum += sw.Words
			}
			if sum < float64(n)-0.001 || sum > float64(n)+0.001 {
				t.Errorf("%s, %s: %.2f words credited, %d matched", r.Stages[s].Name, theme, sum, n)
			}
		}
	}
	gc := 0.0
	for _, sw := range r.ThemeSources(r.StageOf("Rev.1"), tok)["gender"] {
		if sw.Actor == "Gender Caucus" {
			gc = sw.Words
		}
	}
	if gc < 2 {
		t.Errorf("Rev.1's gender wording credits the Gender Caucus with %.1f words, want at least \"gender equality\"", gc)
	}
}
