package dashboard

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"amendlens/analysis"
)

func TestExportHeaders(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	for _, table := range analysis.Tables {
		w := get(t, s.engine, "/d/fixture/export/"+table+".csv?variant=North")
		if w.Code != 200 {
			t.Fatalf("%s: status %d\n%s", table, w.Code, w.Body.String())
		}
		if got, want := w.Header().Get("Content-Disposition"), `attachment; filename="fixture-`+table+`.csv"; filename*=UTF-8''fixture-`+table+`.csv`; got != want {
			t.Errorf("%s: Content-Disposition %q, want %q", table, got, want)
		}
		head, err := analysis.TableHeader(fixtureResult(), table)
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(w.Body.String(), "\n")
		if strings.TrimRight(first, "\r") != strings.Join(head, ",") {
			t.Errorf("%s: header %q, want %q", table, first, strings.Join(head, ","))
		}
		// The JSON rows are the CSV rows keyed by the header.
		jw := get(t, s.engine, "/api/d/fixture/"+table+"?variant=North")
		var rows []map[string]string
		if err := json.Unmarshal(jw.Body.Bytes(), &rows); err != nil {
			t.Fatalf("%s: JSON: %v\n%s", table, err, jw.Body.String())
		}
		var want [][]string
		if err := analysis.TableRows(fixtureResult(), table, analysis.Filter{Variant: "North"}, func(row []string) error {
			want = append(want, append([]string(nil), row...))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(want) {
			t.Fatalf("%s: %d JSON rows, want %d", table, len(rows), len(want))
		}
		for i, row := range want {
			for j, k := range head {
				if rows[i][k] != row[j] {
					t.Errorf("%s row %d %s: %q, want %q", table, i, k, rows[i][k], row[j])
				}
			}
		}
	}
}

func TestExportRows(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	tests := []struct {
		path string
		rows int
		want map[string]string // column -> value in the first row
	}{
		{"/d/fixture/export/paragraphs.csv", 8, map[string]string{"paragraph": "1", "variant": "North", "added_words": "4", "deleted_words": "0", "added_gender": "1", "added_access": "1"}},
		{"/d/fixture/export/paragraphs.csv?variant=Outcome", 4, map[string]string{"paragraph": "1", "variant": "Outcome", "added_words": "3"}},
		{"/d/fixture/export/paragraphs.csv?section=2", 6, map[string]string{"paragraph": "2", "section": "2", "added_words": "3"}},
		{"/d/fixture/export/paragraphs.csv?paragraph=3&variant=North", 1, map[string]string{"paragraph": "3", "status": "amended", "deleted_words": "1"}},
		{"/d/fixture/export/hits.csv?theme=stakeholders", 3, map[string]string{"paragraph": "2", "theme": "stakeholders", "term": "civil society", "change": "added"}},
		{"/d/fixture/export/themes.csv?variant=North&theme=gender", 1, map[string]string{"theme": "gender", "added": "1"}},
	}
	for _, tt := range tests {
		w := get(t, s.engine, tt.path)
		if w.Code != 200 {
			t.Fatalf("GET %s: %d\n%s", tt.path, w.Code, w.Body.String())
		}
		recs, err := csv.NewReader(strings.NewReader(w.Body.String())).ReadAll()
		if err != nil {
			t.Fatalf("GET %s: %v", tt.path, err)
		}
		if len(recs)-1 != tt.rows {
			t.Errorf("GET %s: %d rows, want %d", tt.path, len(recs)-1, tt.rows)
			continue
		}
		for col, want := range tt.want {
			i := slices.Index(recs[0], col)
			if i < 0 {
				t.Errorf("GET %s: no column %s in %v", tt.path, col, recs[0])
			} else if recs[1][i] != want {
				t.Errorf("GET %s: %s = %q, want %q", tt.path, col, recs[1][i], want)
			}
		}
	}
}
