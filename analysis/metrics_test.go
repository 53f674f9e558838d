package analysis_test

import (
	"fmt"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/parse"
)

// TestChangeRatioOfSharedParagraphs: a version that edits its one shared
// paragraph a little and adds twenty of its own is little changed, with
// many new words, not changed twelve times over.
func TestChangeRatioOfSharedParagraphs(t *testing.T) {
	base, err := parse.Parse("base.txt", []byte("1. Introduction\n\n1. We note the report of the group.\n"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var v strings.Builder
	v.WriteString("1. Introduction\n\n1. We welcome the report of the group.\n\n")
	for i := 2; i <= 21; i++ {
		fmt.Fprintf(&v, "%d. We call on governments to act on matter %d.\n\n", i, i)
	}
	version, err := parse.Parse("version.txt", []byte(v.String()), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := analysis.Versions(base, []*analysis.Document{version}, []string{"Rev.1"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := r.Totals[1]
	// "note" became "welcome": 1 added, 1 deleted of 7 base words; each
	// new paragraph has 9 words.
	if m.New != 20 || m.NewWords != 180 || m.Added != 181 || m.Deleted != 1 || m.BaseWords != 7 {
		t.Fatalf("totals: %d new paragraphs, %d new words, %d added, %d deleted, %d base words; want 20, 180, 181, 1, 7",
			m.New, m.NewWords, m.Added, m.Deleted, m.BaseWords)
	}
	if want := 2.0 / 7; m.ChangeRatio != want {
		t.Errorf("change ratio %v, want %v: the shared paragraph's (1 + 1) / 7, not (181 + 1) / 7", m.ChangeRatio, want)
	}
	if got := r.Summary(); !strings.Contains(got, "+181 -1 words (+180 in new paragraphs)") {
		t.Errorf("summary says nothing of the new paragraphs' words:\n%s", got)
	}
	// Figures of new text alone read 1.
	if m := analysis.ParagraphMetrics(&analysis.Comparison{Status: analysis.StatusNew, Added: 9, VariantWords: 9}); m.NewWords != 9 || m.ChangeRatio != 1 {
		t.Errorf("new text alone: %d new words, ratio %v; want 9 and 1", m.NewWords, m.ChangeRatio)
	}
}
