package store_test

import (
	"fmt"
	"reflect"
	"sort"
	"testing"
)

// rewrittenPerSection is the README's example query: the paragraphs each
// variant gives a text of its own, per section, in one document. Figures
// (changes, hits, uptake) come from the CSV tables; the database holds the
// texts they are analysed from.
const rewrittenPerSection = `SELECT p.section, v.name AS variant, count(*) AS rewritten
FROM cells c
JOIN documents d ON d.id = c.document_id
JOIN cells b ON b.document_id = c.document_id AND b.paragraph = c.paragraph AND b.variant = 0
JOIN paragraphs p ON p.document_id = c.document_id AND p.ordinal = c.paragraph
JOIN variants v ON v.document_id = c.document_id AND v.ordinal = c.variant
WHERE d.name = 'tunis' AND c.variant > 0 AND c.text <> '' AND c.text <> b.text
GROUP BY p.section, v.name
ORDER BY p.section, v.name`

// TestREADMEQuery runs the README's query on both databases, holding two
// documents, and checks it against the saved document.
func TestREADMEQuery(t *testing.T) {
	r := testResult(t, "tunis")
	counts := map[string]int{}
	for _, p := range r.Document.Paragraphs {
		for v := 1; v < len(p.Texts); v++ {
			if p.Texts[v] != "" && p.Texts[v] != p.Texts[0] {
				counts[p.Section+"|"+r.Document.Variants[v]]++
			}
		}
	}
	var want []string
	for k, n := range counts {
		want = append(want, fmt.Sprintf("%s|%d", k, n))
	}
	sort.Strings(want)
	if len(want) < 2 {
		t.Fatalf("the test document has rewritten texts in %d section and variant, want several", len(want))
	}
	forEachDB(t, func(t *testing.T, bk backend) {
		dsn := bk.fresh(t)
		db := mustOpenPath(t, dsn)
		mustSave(t, db, r)
		mustSave(t, db, testResult(t, "athens")) // rows the query must leave out
		// The order of text is the collation's, which differs between the
		// databases: compare the rows as sets.
		got := viewRowsDB(t, openRaw(t, dsn), rewrittenPerSection)
		sort.Strings(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("rows:\n got  %q\n want %q", got, want)
		}
	})
}
