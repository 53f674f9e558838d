package store_test

import (
	"testing"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
)

// versionsResult analyses the gold pair of versions as the document "gold".
func versionsResult(t testing.TB) *analysis.Result {
	return analysistest.GoldVersions(t, "..", mustDictionary(t, testDictionaryYAML))
}

// TestSaveLoadAlignment: the alignment and the merged status come back as
// saved, and go with their document.
func TestSaveLoadAlignment(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		want := versionsResult(t)
		mustSave(t, db, want)
		got := mustLoad(t, db, want.Document.Name)
		if d := resultDiff(got, normalize(versionsResult(t))); d != "" {
			t.Fatal(d)
		}
		if len(got.Document.Alignments) != 1 || len(got.Document.Alignments[0].Links) != 25 {
			t.Fatalf("alignments %+v, want one of 25 links", got.Document.Alignments)
		}
		if c := got.Comparison(4, 1); c.Status != analysis.StatusMerged {
			t.Errorf("paragraph 5: status %s, want merged", c.Status)
		}
		if got.Totals[1].Merged != 1 || got.Sections[0].Merged != 1 {
			t.Errorf("merged paragraphs: %d in the totals, %d in section %s; want 1", got.Totals[1].Merged, got.Sections[0].Merged, got.Sections[0].Section)
		}
		if n := mustCounts(t, db)["alignment"]; n != 25 {
			t.Errorf("%d alignment rows, want 25", n)
		}
		if err := db.Delete(t.Context(), want.Document.Name); err != nil {
			t.Fatal(err)
		}
		if n := mustCounts(t, db)["alignment"]; n != 0 {
			t.Errorf("%d alignment rows after the delete, want 0", n)
		}
	})
}
