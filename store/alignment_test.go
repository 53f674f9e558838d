package store_test

import (
	"os"
	"testing"

	"amendlens/analysis"
)

// versionsResult analyses the gold base and its later version, aligned.
func versionsResult(t *testing.T) *analysis.Result {
	t.Helper()
	read := func(file string) *analysis.Document {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		d, err := analysis.ParseText(file, data)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	doc, err := analysis.Versions(read("../testdata/analysis/align-base.txt"), []*analysis.Document{read("../testdata/analysis/align-version.txt")}, []string{"Adopted"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, mustDictionary(t, testDictionaryYAML), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSaveLoadAlignment: the alignment and the merged status come back as
// saved, and go with their document.
func TestSaveLoadAlignment(t *testing.T) {
	db := MustOpenDB(t)
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
	if n := mustCounts(t, db)["alignment"]; n != 25 {
		t.Errorf("%d alignment rows, want 25", n)
	}
	if err := db.Delete(t.Context(), want.Document.Name); err != nil {
		t.Fatal(err)
	}
	if n := mustCounts(t, db)["alignment"]; n != 0 {
		t.Errorf("%d alignment rows after the delete, want 0", n)
	}
}
