package store_test

import (
	"os"
	"testing"

	"amendlens/parse"

	"amendlens/analysis"
)

// sourceDoc is the negotiation text the project ships as test data.
const sourceDoc = "../testdata/wsis-tunis-internet-governance-gc.txt"

// analyseSource analyses the source document with the default dictionary.
func analyseSource(t testing.TB) *analysis.Result {
	t.Helper()
	data, err := os.ReadFile(sourceDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Parse(sourceDoc, data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSaveLoadSourceDocument(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		r := analyseSource(t)
		mustSave(t, db, r)

		got := mustLoad(t, db, r.Document.Name)
		if d := resultDiff(got, normalize(analyseSource(t))); d != "" {
			t.Fatal(d)
		}

		// The stored rows are the document's, one for one: a text per
		// paragraph and variant; its figures are analysed again on load.
		var spans, hits int
		for _, c := range r.Comparisons {
			spans += len(c.Spans)
			hits += len(c.Hits)
		}
		c := mustCounts(t, db)
		for table, want := range map[string]int{
			"paragraphs":   len(r.Document.Paragraphs),
			"sections":     len(r.Document.Sections),
			"variants":     len(r.Document.Variants),
			"cells":        len(r.Document.Paragraphs) * len(r.Document.Variants),
			"dictionaries": 1,
		} {
			if c[table] != int64(want) {
				t.Errorf("%s: %d rows, want %d", table, c[table], want)
			}
		}
		if hits == 0 || len(r.SpanUptake) == 0 {
			t.Errorf("the source document gave %d hits and %d span uptake rows: the round trip tested little", hits, len(r.SpanUptake))
		}
		t.Logf("%s: %d paragraphs, %d comparisons, %d spans, %d hits", r.Document.Name, len(r.Document.Paragraphs), len(r.Comparisons), spans, hits)

		// Saving the analysis again replaces it.
		mustSave(t, db, analyseSource(t))
		if again := mustCounts(t, db); again["hits"] != c["hits"] || again["documents"] != 1 {
			t.Errorf("after saving again: %d hits, %d documents; want %d, 1", again["hits"], again["documents"], c["hits"])
		}
	})
}
