package store_test

import (
	"context"
	"slices"
	"testing"

	"amendlens/analysis"
	"amendlens/parse"
)

// TestSaveLoadBaseOnly saves and loads a document that has only its base
// text (a plain numbered running text): no comparison, no metrics of a
// variant. It reads back equal, passes Validate, is listed with its one
// column, and a second save replaces it.
func TestSaveLoadBaseOnly(t *testing.T) {
	doc, err := parse.Parse("adopted.txt", []byte("1. Internet governance\n\n29. We reaffirm our commitment to gender equality.\n\n30. The Internet is a global facility.\n"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, mustDictionary(t, oneTheme), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.Document.Name = "adopted"
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		mustSave(t, db, r)
		got := mustLoad(t, db, "adopted")
		if d := resultDiff(got, normalize(r)); d != "" {
			t.Fatal(d)
		}
		if err := got.Validate(); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, p := range got.Document.Paragraphs {
			ids = append(ids, p.ID)
		}
		if !got.Document.BaseOnly() || !slices.Equal(ids, []string{"29", "30"}) || len(got.Comparisons) != 0 {
			t.Errorf("loaded variants %q, paragraphs %v, %d comparisons; want the base alone with 29 and 30", got.Document.Variants, ids, len(got.Comparisons))
		}
		info, err := db.Document(context.Background(), "adopted")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(info.Variants, []string{analysis.BaseName}) || info.Paragraphs != 2 || info.Outcome != 0 {
			t.Errorf("document info %+v, want the base alone, 2 paragraphs", info)
		}
		mustSave(t, db, r)
		again, err := db.Document(context.Background(), "adopted")
		if err != nil {
			t.Fatal(err)
		}
		if again.Revision <= info.Revision {
			t.Errorf("revision %d after a second save, %d before", again.Revision, info.Revision)
		}
	})
}
