package dashboard

import (
	"encoding/csv"
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
)

var lastLink = regexp.MustCompile(`<a href="([^"]+)">Last`)

// maxPageBytes bounds every page and JSON response of a huge document.
const maxPageBytes = 3 << 20

// hugeResult analyses a generated document of n tiny paragraphs in a few
// sections, three columns, with theme words, new and absent paragraphs.
func hugeResult(t testing.TB, n int) *analysis.Result {
	t.Helper()
	return sectionedResult(t, n, 4)
}

// sectionedResult is hugeResult with the paragraphs spread evenly over
// sections sections.
func sectionedResult(t testing.TB, n, sections int) *analysis.Result {
	t.Helper()
	d := &analysis.Document{Name: "huge", Source: "huge.txt", Variants: []string{analysis.BaseName, "Proposal", "Outcome"}}
	for s := 1; s <= sections; s++ {
		d.Sections = append(d.Sections, analysis.Section{ID: strconv.Itoa(s), Title: "Part " + strconv.Itoa(s), Line: s})
	}
	for i := range n {
		base := "We note item " + strconv.Itoa(i) + "."
		prop := "We note item " + strconv.Itoa(i) + " for women."
		out := base
		switch i % 4 {
		case 1:
			out = prop
		case 2:
			out = ""
		}
		p := analysis.Paragraph{ID: strconv.Itoa(i + 1), Section: strconv.Itoa(1 + i*sections/n), Line: i + 10, Texts: []string{base, prop, out}}
		d.Paragraphs = append(d.Paragraphs, p)
	}
	r, err := analysis.Analyse(d, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every page of a document of 100,000 tiny paragraphs stays under 3 MB;
// JSON tables come a page at a time; CSV streams whole.
func TestOutputBounds(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("analyses 100,000 paragraphs")
	}
	const n = 100000
	r := hugeResult(t, n)
	s := mustServer(t, newFakeSource(r), nil)
	pages := []string{
		"/", "/d/huge", "/d/huge?variant=Proposal", "/d/huge?norm=1", "/d/huge/s/1", "/d/huge/t/gender",
		"/d/huge/uptake", "/d/huge/p/50000", "/themes", "/themes?doc=huge",
	}
	paged := 0
	for _, path := range pages {
		w := get(t, s.engine, path)
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d\n%.300s", path, w.Code, w.Body.String())
		}
		t.Logf("GET %s: %d bytes", path, w.Body.Len())
		if w.Body.Len() >= maxPageBytes {
			t.Errorf("GET %s: %d bytes, want under %d", path, w.Body.Len(), maxPageBytes)
		}
		// A paged table links to its other pages, bounded too.
		for _, m := range lastLink.FindAllStringSubmatch(w.Body.String(), -1) {
			last, _, _ := strings.Cut(html.UnescapeString(m[1]), "#") // browsers keep the fragment
			lw := get(t, s.engine, last)
			if lw.Code != http.StatusOK || lw.Body.Len() >= maxPageBytes {
				t.Errorf("GET %s: %d, %d bytes", last, lw.Code, lw.Body.Len())
			}
			paged++
		}
	}
	if paged < 4 {
		t.Errorf("%d paged tables, want the overview's, the section's, the theme's and the uptake page's", paged)
	}
	for _, table := range analysis.Tables {
		path := "/api/d/huge/" + table
		w := get(t, s.engine, path)
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
		t.Logf("GET %s: %d bytes", path, w.Body.Len())
		if w.Body.Len() >= maxPageBytes {
			t.Errorf("GET %s: %d bytes, want under %d", path, w.Body.Len(), maxPageBytes)
		}
	}
	// The JSON pages of the paragraphs table add up to the whole table,
	// which the CSV holds in one response.
	w := get(t, s.engine, "/d/huge/export/paragraphs.csv")
	recs, err := csv.NewReader(strings.NewReader(w.Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(recs)-1, 2*n; got != want {
		t.Fatalf("CSV: %d rows, want %d", got, want)
	}
	rows, next := 0, "/api/d/huge/paragraphs"
	for k := 0; next != ""; k++ {
		if k > 1000 {
			t.Fatal("next links do not end")
		}
		// Only each row's order is read: decoding a thousand pages into
		// maps of every cell took a third of the test's time.
		var tj struct {
			Rows []struct {
				Order json.Number `json:"order"`
			} `json:"rows"`
			Next *string `json:"next"`
		}
		body := get(t, s.engine, next).Body.Bytes()
		if err := json.Unmarshal(body, &tj); err != nil {
			t.Fatalf("GET %s: not a JSON table: %v\n%.300s", next, err, body)
		}
		if len(tj.Rows) > DefaultJSONLimit {
			t.Fatalf("GET %s: %d rows", next, len(tj.Rows))
		}
		if len(tj.Rows) > 0 && tj.Rows[0].Order.String() != strconv.Itoa(rows/2+1) {
			t.Fatalf("GET %s: first row of paragraph order %v, want %d", next, tj.Rows[0].Order, rows/2+1)
		}
		rows += len(tj.Rows)
		next = ""
		if tj.Next != nil {
			next = *tj.Next
		}
	}
	if rows != 2*n {
		t.Errorf("JSON pages hold %d rows, want %d", rows, 2*n)
	}
}
