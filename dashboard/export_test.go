package dashboard

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
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
		rows := jsonRows(t, jw.Body.Bytes())
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

// tableJSON is a JSON table response.
type tableJSON struct {
	Document string `json:"document"`
	Dict     string `json:"dictionary_sha256"`
	Variants []struct {
		Name string `json:"name"`
		Role string `json:"role"`
	} `json:"variants"`
	Limit  int              `json:"limit"`
	Offset int              `json:"offset"`
	Rows   []map[string]any `json:"rows"`
	Next   *string          `json:"next"`
}

// decodeTable decodes a JSON table response, numbers kept as written.
func decodeTable(t *testing.T, body []byte) tableJSON {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var tj tableJSON
	if err := dec.Decode(&tj); err != nil {
		t.Fatalf("JSON: %v\n%.2000s", err, body)
	}
	return tj
}

// jsonRows returns the rows of a JSON table response with every cell as
// the CSV writes it: numbers as written, null as "".
func jsonRows(t *testing.T, body []byte) []map[string]string {
	t.Helper()
	var out []map[string]string
	for _, row := range decodeTable(t, body).Rows {
		m := make(map[string]string, len(row))
		for k, v := range row {
			switch v := v.(type) {
			case nil:
				m[k] = ""
			case string:
				m[k] = v
			case json.Number:
				m[k] = v.String()
			default:
				t.Fatalf("cell %s: %T %v", k, v, v)
			}
		}
		out = append(out, m)
	}
	return out
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

// TestExportDataPackage: /d/{doc}/export/datapackage.zip is the zip
// analysis.WriteDataPackage writes, every CSV in it the CSV download of
// its table, and the overview links to it.
func TestExportDataPackage(t *testing.T) {
	r := fixtureResult()
	s := mustServer(t, newFakeSource(r), nil)
	w := get(t, s.engine, "/d/fixture/export/datapackage.zip")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/zip" || !strings.Contains(w.Header().Get("Content-Disposition"), "fixture-datapackage.zip") {
		t.Fatalf("status %d, type %q, disposition %q", w.Code, w.Header().Get("Content-Type"), w.Header().Get("Content-Disposition"))
	}
	body := w.Body.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range zr.File {
		table, ok := strings.CutSuffix(f.Name, ".csv")
		if !ok {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if want := get(t, s.engine, "/d/fixture/export/"+f.Name).Body.String(); string(data) != want {
			t.Errorf("%s in the package differs from the %s download", f.Name, table)
		}
		seen++
	}
	if seen != len(analysis.Tables)-2 {
		t.Errorf("%d CSVs in the package, want every table but search and compare (%d)", seen, len(analysis.Tables)-2)
	}
	if !strings.Contains(get(t, s.engine, "/d/fixture").Body.String(), `href="/d/fixture/export/datapackage.zip"`) {
		t.Error("the overview does not link to the data package")
	}
}
