package dashboard

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestTableJSONShape(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	w := get(t, s.engine, "/api/d/fixture/paragraphs")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d\n%s", w.Code, w.Body.String())
	}
	tj := decodeTable(t, w.Body.Bytes())
	if tj.Document != "fixture" || tj.Dict != fixtureResult().Dictionary.Hash || tj.Dict == "" || tj.Limit != DefaultJSONLimit || tj.Offset != 0 || tj.Next != nil {
		t.Errorf("envelope: document %q dictionary %q limit %d offset %d next %v", tj.Document, tj.Dict, tj.Limit, tj.Offset, tj.Next)
	}
	var roles []string
	for _, v := range tj.Variants {
		roles = append(roles, v.Name+"="+v.Role)
	}
	if got := strings.Join(roles, ","); got != "Base=base,North=proposal,Outcome=outcome" {
		t.Errorf("variants %s", got)
	}
	absent := 0
	for _, row := range tj.Rows {
		if _, ok := row["base_words"].(json.Number); !ok {
			t.Errorf("base_words %T %v, want a number", row["base_words"], row["base_words"])
		}
		if _, ok := row["paragraph"].(string); !ok {
			t.Errorf("paragraph %T, want a string", row["paragraph"])
		}
		if row["status"] == "absent" {
			absent++
			if row["change_ratio"] != nil {
				t.Errorf("absent paragraph %v: change_ratio %v, want null", row["paragraph"], row["change_ratio"])
			}
		} else if _, ok := row["change_ratio"].(json.Number); !ok {
			t.Errorf("paragraph %v: change_ratio %T, want a number", row["paragraph"], row["change_ratio"])
		}
	}
	if absent != 1 {
		t.Errorf("%d absent rows, want 1 (paragraph 2 of Outcome)", absent)
	}
}

func TestTableJSONPages(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	all := jsonRows(t, get(t, s.engine, "/api/d/fixture/paragraphs?variant=North").Body.Bytes())
	if len(all) != 4 {
		t.Fatalf("%d rows, want 4", len(all))
	}
	var got []map[string]string
	next := "/api/d/fixture/paragraphs?variant=North&limit=3"
	for pages := 0; next != ""; pages++ {
		if pages > 3 {
			t.Fatal("next links do not end")
		}
		w := get(t, s.engine, next)
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", next, w.Code)
		}
		got = append(got, jsonRows(t, w.Body.Bytes())...)
		tj := decodeTable(t, w.Body.Bytes())
		if len(tj.Rows) > 3 {
			t.Errorf("GET %s: %d rows, limit 3", next, len(tj.Rows))
		}
		next = ""
		if tj.Next != nil {
			next = *tj.Next
			if !strings.Contains(next, "variant=North") || !strings.Contains(next, "limit=3") {
				t.Errorf("next %s drops the filter or the limit", next)
			}
		}
	}
	if len(got) != len(all) {
		t.Fatalf("pages hold %d rows, want %d", len(got), len(all))
	}
	for i := range all {
		if got[i]["paragraph"] != all[i]["paragraph"] {
			t.Errorf("row %d: paragraph %s, want %s", i, got[i]["paragraph"], all[i]["paragraph"])
		}
	}
	for _, bad := range []string{"limit=0", "limit=x", "limit=10001", "offset=-1"} {
		if w := get(t, s.engine, "/api/d/fixture/paragraphs?"+bad); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "whole number") {
			t.Errorf("%s: status %d, want 400\n%s", bad, w.Code, w.Body.String())
		}
	}
}

func TestAPIDocuments(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	w := get(t, s.engine, "/api/documents")
	var out struct {
		Documents []struct {
			Name       string        `json:"name"`
			Source     string        `json:"source"`
			Variants   []variantRole `json:"variants"`
			Paragraphs int           `json:"paragraphs"`
			URL        string        `json:"url"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("%v\n%s", err, w.Body.String())
	}
	if len(out.Documents) != 1 {
		t.Fatalf("%d documents, want 1", len(out.Documents))
	}
	d := out.Documents[0]
	if d.Name != "fixture" || d.Source != "fixture.txt" || d.Paragraphs != 4 || d.URL != "/d/fixture" || len(d.Variants) != 3 || d.Variants[2].Role != "outcome" {
		t.Errorf("document %+v", d)
	}
}

func TestCSVForExcel(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	plain := get(t, s.engine, "/d/fixture/export/paragraphs.csv").Body.String()
	excel := get(t, s.engine, "/d/fixture/export/paragraphs.csv?bom=1").Body.String()
	if strings.HasPrefix(plain, "\uFEFF") || excel != "\uFEFF"+plain {
		t.Errorf("bom=1 should prefix the same CSV with a BOM; plain starts %q, excel %q", plain[:10], excel[:10])
	}
	if page := get(t, s.engine, "/d/fixture").Body.String(); !strings.Contains(page, `/d/fixture/export/paragraphs.csv?bom=1">for Excel`) {
		t.Error("the overview has no Excel link")
	}
}

// A variant without text in a paragraph or section gets no bar: ECharts
// draws none for "-", where 0 would read as "unchanged".
func TestAbsentHasNoBar(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	page := get(t, s.engine, "/d/fixture?variant=Outcome").Body.String()
	change := element(t, page, "chart_changemap", "</script>")
	if !strings.Contains(change, `{"value":"-"}`) {
		t.Errorf("the change map of Outcome draws a bar for absent paragraph 2:\n%s", change)
	}
	table := element(t, page, "chart_changemap-table", "</table>")
	if !strings.Contains(table, `">2</a></th><td>absent</td><td>0</td><td>0</td><td>no text</td>`) {
		t.Errorf("change map table:\n%s", table)
	}
}
