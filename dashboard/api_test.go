package dashboard

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/ingest"
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
	// A negotiation's stages are stages, its last the outcome.
	s = mustServer(t, newFakeSource(chainResult(t)), nil)
	w = get(t, s.engine, "/api/documents")
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	var roles []string
	for _, v := range out.Documents[0].Variants {
		roles = append(roles, v.Name+":"+v.Role)
	}
	if got := strings.Join(roles, " "); got != "Chair's draft:base Gender Caucus:proposal Rev.1:stage G77:proposal Rev.2:stage Adopted:outcome" {
		t.Errorf("roles %s", got)
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

// wideChanges is a document whose proposal rewrites each of n paragraphs
// with an insertion of about size bytes of word: rows of the changes table
// of that size, or more where JSON escapes word.
func wideChanges(t *testing.T, n, size int, word string) *analysis.Result {
	t.Helper()
	var b strings.Builder
	b.WriteString("\t1.\nIntroduction\n\tProposal\n")
	for i := range n {
		fmt.Fprintf(&b, "\t%d.\nWe note.\n\tWe note %s.\n", i+1, strings.Repeat(word, size/len(word)))
	}
	rs, err := ingest.Analyse(context.Background(), analysis.DefaultDictionary(), ingest.Input{Name: "wide", Files: []ingest.File{{Name: "wide.txt", Data: []byte(b.String())}}})
	if err != nil {
		t.Fatal(err)
	}
	return rs[0]
}

// TestJSONPageBound: a JSON page ends before the row that would take it
// past jsonPageBytes (a page of a document of a hundred thousand themes
// once ran to 3.69 MB for 2 rows), its next link going on from that row,
// and holds one row however large; following the links gives every row
// once.
func TestJSONPageBound(t *testing.T) {
	for _, tc := range []struct {
		name    string
		n, size int
		word    string
		perPage int // rows a page holds
	}{
		{"rows of 600 KB", 7, 600 << 10, "gender ", 3},
		// "<" is written \u003c: 900 KB of text make a row of 2.5 MB.
		{"rows of 2.5 MB", 2, 900 << 10, "g<g> ", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustServer(t, newFakeSource(wideChanges(t, tc.n, tc.size, tc.word)), nil)
			next, rows := "/api/d/wide/changes", 0
			for pages := 0; next != ""; pages++ {
				if pages > tc.n {
					t.Fatal("next links do not end")
				}
				w := get(t, s.engine, next)
				if w.Code != http.StatusOK {
					t.Fatalf("GET %s: %d", next, w.Code)
				}
				tj := decodeTable(t, w.Body.Bytes())
				if len(tj.Rows) == 0 {
					t.Fatalf("GET %s: no row", next)
				}
				if tc.perPage > 1 && w.Body.Len() > jsonPageBytes {
					t.Errorf("GET %s: %d bytes, over %d", next, w.Body.Len(), jsonPageBytes)
				}
				if last := rows+len(tj.Rows) == tc.n; !last && len(tj.Rows) != tc.perPage {
					t.Errorf("GET %s: %d rows, want %d", next, len(tj.Rows), tc.perPage)
				}
				rows += len(tj.Rows)
				next = ""
				if tj.Next != nil {
					next = *tj.Next
				}
			}
			if rows != tc.n {
				t.Errorf("%d rows through the pages, want %d", rows, tc.n)
			}
		})
	}
}
