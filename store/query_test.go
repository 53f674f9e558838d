package store_test

import (
	"fmt"
	"reflect"
	"sort"
	"testing"
)

// addedHitsPerSection is the README's example query: added gender hits per
// section and variant of one document.
const addedHitsPerSection = `SELECT p.section, v.name AS variant, count(*) AS added_hits
FROM hits h
JOIN documents d ON d.id = h.document_id
JOIN paragraphs p ON p.document_id = h.document_id AND p.ordinal = h.paragraph
JOIN variants v ON v.document_id = h.document_id AND v.ordinal = h.variant
WHERE d.name = 'tunis' AND h.theme = 'gender' AND h.change = 'added'
GROUP BY p.section, v.name
ORDER BY p.section, v.name`

// TestREADMEQuery runs the README's query on both databases, holding two
// documents, and checks it against the figures of the saved Result.
func TestREADMEQuery(t *testing.T) {
	r := testResult(t, "tunis")
	counts := map[string]int{}
	for _, c := range r.Comparisons {
		for _, h := range c.Hits {
			if h.Theme == "gender" && h.Change == "added" {
				counts[r.Document.Paragraphs[c.Paragraph].Section+"|"+r.Document.Variants[c.Variant]]++
			}
		}
	}
	var want []string
	for k, n := range counts {
		want = append(want, fmt.Sprintf("%s|%d", k, n))
	}
	sort.Strings(want)
	if len(want) < 2 {
		t.Fatalf("the test result has gender hits in %d section and variant, want several", len(want))
	}
	forEachDB(t, func(t *testing.T, bk backend) {
		dsn := bk.fresh(t)
		db := mustOpenPath(t, dsn)
		mustSave(t, db, r)
		mustSave(t, db, testResult(t, "athens")) // rows the query must leave out
		// The order of text is the collation's, which differs between the
		// databases: compare the rows as sets.
		got := viewRowsDB(t, openRaw(t, dsn), addedHitsPerSection)
		sort.Strings(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("rows:\n got  %q\n want %q", got, want)
		}
	})
}
