package store_test

import (
	"slices"
	"testing"

	"amendlens/parse"

	"amendlens/analysis"
)

// TestSaveLoadHiddenCharacters: the counts of format characters the parser
// removed come back from the store per paragraph and variant, and a
// paragraph without any loads none.
func TestSaveLoadHiddenCharacters(t *testing.T) {
	data := "\t1.\nIntroduction\n\tProposal\n\tOutcome\n" +
		"\t39.\nWe agree\u200B on access.\n\tWe agree on gen\u200Bder\u200D equality.\n\tWe agree.\n" +
		"\t40.\nWe note.\n\tWe note it.\n\t\n"
	doc, err := parse.Parse("hidden.txt", []byte(data), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		mustSave(t, db, r)
		got := mustLoad(t, db, "hidden")
		if h := got.Document.Paragraphs[0].Hidden; !slices.Equal(h, []int{1, 2, 0}) {
			t.Errorf("paragraph 39: hidden %v, want [1 2 0]", h)
		}
		if h := got.Document.Paragraphs[1].Hidden; h != nil {
			t.Errorf("paragraph 40: hidden %v, want none", h)
		}
	})
}
