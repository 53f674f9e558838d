package dashboard

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/parse"
)

var sectionLink = regexp.MustCompile(`<li><a href="/d/[a-z]+/s/(\d+)">`)

// listedSections returns the IDs of the sections the overview's list of
// sections links to.
func listedSections(t *testing.T, page string) []string {
	t.Helper()
	var ids []string
	for _, m := range sectionLink.FindAllStringSubmatch(element(t, page, "sections", "</section>"), -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// span returns the IDs from to to as strings.
func span(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return out
}

// The overview of a document of 450 sections shows them sectionRows a
// page, in its list, its sections chart and its charts rolled up by
// section, with links to the other pages; the downloads hold all 450.
func TestOverviewSectionsPaged(t *testing.T) {
	const n = 450
	pages := (n + sectionRows - 1) / sectionRows
	s := mustServer(t, newFakeSource(manySections(t, n)), nil)

	for _, tc := range []struct {
		path       string
		from, to   int // the sections listed, in document order
		prev, next string
	}{
		{"/d/many", 1, sectionRows, "", "/d/many?page=2#sections"},
		{"/d/many?page=2", sectionRows + 1, 2 * sectionRows, "/d/many#sections", "/d/many?page=3#sections"},
		{fmt.Sprintf("/d/many?page=%d", pages), (pages-1)*sectionRows + 1, n, fmt.Sprintf("/d/many?page=%d#sections", pages-1), ""},
		{"/d/many?by=section&page=2", sectionRows + 1, 2 * sectionRows, "/d/many?by=section#sections", "/d/many?by=section&amp;page=3#sections"},
	} {
		w := get(t, s.engine, tc.path)
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", tc.path, w.Code)
		}
		page := w.Body.String()
		if got, want := listedSections(t, page), span(tc.from, tc.to); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s lists sections %v, want %d to %d", tc.path, got, tc.from, tc.to)
		}
		list := element(t, page, "sections", "</section>")
		nav := fmt.Sprintf(`<nav class="pager" aria-label="Pages of sections">Sections %d–%d of %d (page %d of %d).`, tc.from, tc.to, n, (tc.from-1)/sectionRows+1, pages)
		if !strings.Contains(list, nav) {
			t.Errorf("%s: the list's pager does not say %q:\n%s", tc.path, nav, list)
		}
		if tc.next != "" && !strings.Contains(list, `<a href="`+tc.next+`" rel="next">Next</a>`) {
			t.Errorf("%s: no link to the next page %s:\n%s", tc.path, tc.next, list)
		}
		if tc.prev != "" && !strings.Contains(list, `<a href="`+tc.prev+`" rel="prev">Previous</a>`) {
			t.Errorf("%s: no link to the previous page %s:\n%s", tc.path, tc.prev, list)
		}
		if tc.next == "" && strings.Contains(list, `rel="next"`) || tc.prev == "" && strings.Contains(list, `rel="prev"`) {
			t.Errorf("%s: a link past the ends:\n%s", tc.path, list)
		}

		// The sections chart draws the page's sections of its ranking, most
		// changed first (section i added i words), and its table holds the
		// same rows; the pager stands under the chart.
		rank := axisData(chartOptionOf(t, page, chartSections), "yAxis")
		top := n - tc.from + 1
		if len(rank) != tc.to-tc.from+1 || rank[0] != fmt.Sprintf("%d. Section title number %d", top, top) {
			t.Errorf("%s: the sections chart draws %d sections from %q, want %d from section %d", tc.path, len(rank), rank[0], tc.to-tc.from+1, top)
		}
		table := element(t, page, chartSections+"-table", "</table>")
		if rows := strings.Count(table, `<th scope="row">`); rows != len(rank) || !strings.Contains(table, fmt.Sprintf(`>%d</a>`, top)) {
			t.Errorf("%s: the sections table has %d rows, want the chart's %d from section %d", tc.path, rows, len(rank), top)
		}
		panel := element(t, page, chartSections+"-panel", "</section>")
		if p := strings.Index(panel, `aria-label="Pages of sections"`); p < 0 || p > strings.Index(panel, "<details") {
			t.Errorf("%s: no pager between the sections chart and its numbers", tc.path)
		}
		if strings.Contains(panel, "<details class=\"numbers\" open>") {
			t.Errorf("%s: the numbers of a paged chart open by themselves", tc.path)
		}

		// Rolled up by section, the heatmap and the change map draw the
		// page's sections, in document order.
		if strings.Contains(tc.path, "by=section") {
			for _, id := range []string{chartHeatmap, chartChangeMap} {
				if got := axisData(chartOptionOf(t, page, id), "xAxis"); strings.Join(got, ",") != strings.Join(span(tc.from, tc.to), ",") {
					t.Errorf("%s: %s draws %v, want sections %d to %d", tc.path, id, got, tc.from, tc.to)
				}
				if !strings.Contains(element(t, page, id+"-panel", "<details"), fmt.Sprintf("Sections %d–%d of %d", tc.from, tc.to, n)) {
					t.Errorf("%s: %s has no pager under it", tc.path, id)
				}
			}
			if desc := element(t, page, chartChangeMap, ">"); !strings.Contains(desc, fmt.Sprintf("sections %d–%d of %d in document order", tc.from, tc.to, n)) {
				t.Errorf("%s: the change map's description does not say which sections it draws: %s", tc.path, desc)
			}
		}
	}

	// Past the last page is a 404, as on the other paged lists; not a
	// number is a 400.
	for path, code := range map[string]int{
		fmt.Sprintf("/d/many?page=%d", pages+1): http.StatusNotFound,
		"/d/many?page=0":                        http.StatusBadRequest,
		"/d/many?page=two":                      http.StatusBadRequest,
	} {
		if w := get(t, s.engine, path); w.Code != code {
			t.Errorf("GET %s: %d, want %d", path, w.Code, code)
		}
	}

	// Another order or unit ranks the sections anew: back to page 1.
	page := get(t, s.engine, "/d/many?page=2").Body.String()
	for _, id := range []string{"order", "norm", "by"} {
		if sw := element(t, page, id, ">"); strings.Contains(sw, "page=") {
			t.Errorf("page 2: the %s switch keeps the page: %s", id, sw)
		}
	}
	// In document order words per 100 base words keep it.
	if sw := element(t, get(t, s.engine, "/d/many?order=doc&page=2").Body.String(), "norm", ">"); !strings.Contains(sw, "page=2") {
		t.Errorf("page 2 in document order: the norm switch loses the page: %s", sw)
	}

	// The downloads are the whole figure, not a page.
	recs, err := csv.NewReader(strings.NewReader(get(t, s.engine, "/d/many/export/sections.csv?page=2").Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != n {
		t.Errorf("sections.csv: %d rows, want all %d", len(recs)-1, n)
	}
	if rows := decodeTable(t, get(t, s.engine, "/api/d/many/sections").Body.Bytes()).Rows; len(rows) != n {
		t.Errorf("sections JSON: %d rows, want all %d", len(rows), n)
	}
}

// A document with few sections lists them all on every page that its
// longer tables run to, and a base-only document pages its sections as the
// overview of changes does.
func TestOverviewSectionsAlong(t *testing.T) {
	r := hugeResult(t, 2*pageRows+1) // 4 sections; 3 pages of the change map's rows
	s := mustServer(t, newFakeSource(r), nil)
	page := get(t, s.engine, "/d/huge?page=3").Body.String()
	if list := element(t, page, "sections", "</section>"); strings.Count(list, "<li>") != 4 || strings.Contains(list, "<nav") {
		t.Errorf("page 3: the list of 4 sections is not whole, or paged:\n%s", list)
	}
	if w := get(t, s.engine, "/d/huge?page=4"); w.Code != http.StatusNotFound {
		t.Errorf("page 4 of 3: %d, want 404", w.Code)
	}
	// With sections on 2 pages, page 3 of the tables lists none, and says
	// so, with the way back.
	s = mustServer(t, newFakeSource(sectionedResult(t, 2*pageRows+1, sectionRows+1)), nil)
	page = get(t, s.engine, "/d/huge?page=3").Body.String()
	if list := element(t, page, "sections", "</section>"); strings.Contains(list, "<li>") || !strings.Contains(list, "No section on this page.") || !strings.Contains(list, `None of the 31 sections on this page: they fill 2 pages. <a href="/d/huge#sections">First</a> <a href="/d/huge?page=2#sections" rel="prev">Previous</a></nav>`) {
		t.Errorf("page 3 of 2 of sections:\n%s", list)
	}
	if table := element(t, page, chartSections+"-table", "</table>"); strings.Contains(table, `<th scope="row">`) {
		t.Errorf("page 3 of 2 of sections: the sections table has rows:\n%s", table)
	}
	if w := get(t, s.engine, "/d/huge?page=2"); w.Code != http.StatusOK || len(listedSections(t, w.Body.String())) != 1 {
		t.Errorf("page 2 of sections: %d, want the last section", w.Code)
	}

	var b strings.Builder
	for i := 1; i <= 2*sectionRows+1; i++ {
		fmt.Fprintf(&b, "%d. Part %d\n\n%d.1 We note access point %d.\n\n", i, i, i, i)
	}
	doc, err := parse.Parse("parts.txt", []byte(b.String()), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sections) != 2*sectionRows+1 {
		t.Fatalf("%d sections parsed, want %d", len(doc.Sections), 2*sectionRows+1)
	}
	br, err := analysis.Analyse(doc, testDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s = mustServer(t, newFakeSource(br), nil)
	page = get(t, s.engine, "/d/parts?page=3").Body.String()
	list := element(t, page, "sections", "</section>")
	if n := strings.Count(list, "<li>"); n != 1 || !strings.Contains(list, `/d/parts?page=2#sections" rel="prev"`) {
		t.Errorf("base-only page 3: %d sections listed, want the last one with a link back:\n%s", n, list)
	}
	if rows := strings.Count(element(t, page, "base-paragraphs", "</table>"), `<th scope="row">`); rows != 2*sectionRows+1 {
		t.Errorf("base-only page 3: %d paragraphs of the base text, want all %d (they fit one page)", rows, 2*sectionRows+1)
	}
	if w := get(t, s.engine, "/d/parts?page=4"); w.Code != http.StatusNotFound {
		t.Errorf("base-only page 4 of 3: %d, want 404", w.Code)
	}
}
