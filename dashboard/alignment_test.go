package dashboard

import (
	"encoding/json"
	"os"
	"testing"

	"amendlens/analysis"
)

// versionsResult analyses the gold base and its later version, aligned, as
// the document "gold".
func versionsResult(t testing.TB) *analysis.Result {
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
	doc.Name = "gold"
	r, err := analysis.Analyse(doc, testDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestExportAlignment(t *testing.T) {
	s := mustServer(t, newFakeSource(versionsResult(t)), nil)
	want, err := os.ReadFile("../testdata/analysis/alignment-gold.csv")
	if err != nil {
		t.Fatal(err)
	}
	w := get(t, s.engine, "/d/gold/export/alignment.csv")
	if w.Code != 200 || w.Body.String() != string(want) {
		t.Errorf("alignment.csv: status %d\n%s\nwant:\n%s", w.Code, w.Body.String(), want)
	}
	w = get(t, s.engine, "/api/d/gold/alignment?variant=Adopted")
	var rows []map[string]string
	if err := json.Unmarshal(w.Body.Bytes(), &rows); err != nil {
		t.Fatalf("JSON: %v\n%s", err, w.Body.String())
	}
	if len(rows) != 25 || rows[9]["paragraph"] != "9" || rows[9]["variant_paragraph"] != "44" || rows[9]["relation"] != "moved" || rows[9]["similarity"] != "1.0000" {
		t.Errorf("%d rows, row 9 %v; want 25, 9 moved to 44", len(rows), rows[min(9, len(rows)-1)])
	}
}
