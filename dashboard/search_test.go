package dashboard

import (
	"encoding/csv"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
)

// TestSearchPage: the sample's search page finds a phrase in every text,
// counts it per text and section as the hits listed say, links each hit
// to its paragraph, narrows by variant and section, downloads the same
// hits as CSV, and answers a query that is no term with 400 and an
// unknown variant with 404.
func TestSearchPage(t *testing.T) {
	r, _ := sample(t)
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	d := r.Document
	base := searchURL(d.Name)

	hits, err := r.Search(analysis.Filter{Query: "internet"})
	if err != nil || len(hits) < 3 {
		t.Fatalf("the sample has %d hits of internet (%v)", len(hits), err)
	}
	sv, err := buildSearch(r, url.Values{"q": {"internet"}})
	if err != nil {
		t.Fatal(err)
	}
	if sv.Total != len(hits) || len(sv.Hits) != len(hits) {
		t.Errorf("page: %d hits, %d listed; want %d", sv.Total, len(sv.Hits), len(hits))
	}
	sum := 0
	for _, c := range sv.ByVariant {
		sum += c.Count
		n := 0
		for _, h := range sv.Hits {
			if h.Variant == c.Name {
				n++
			}
		}
		if n != c.Count {
			t.Errorf("%s: counted %d, %d listed", c.Name, c.Count, n)
		}
	}
	if sum != sv.Total || len(sv.ByVariant) != len(d.Variants) {
		t.Errorf("per text: %+v, want every text's hits summing to %d", sv.ByVariant, sv.Total)
	}

	body := get(t, s.engine, base+"?q=internet").Body.String()
	if !strings.Contains(body, `id="search-total">`+strconv.Itoa(len(hits))+` hits of <q>internet</q>`) {
		t.Errorf("the page does not say %d hits:\n%s", len(hits), element(t, body, "search-total", "</p>"))
	}
	for _, h := range sv.Hits {
		if !strings.Contains(body, `<a href="`+h.Para.URL+`">`) {
			t.Errorf("hit in %s: no link to %s", h.Para.Name, h.Para.URL)
		}
	}
	marks := strings.Count(body, `<mark class="found">`)
	if marks != len(hits) {
		t.Errorf("%d marked hits, want %d", marks, len(hits))
	}

	// Narrowed to the proposal, then to a section.
	gc := d.Variants[1]
	narrow, err := buildSearch(r, url.Values{"q": {"internet"}, "variant": {gc}})
	if err != nil || narrow.Total == 0 || narrow.Total >= sv.Total {
		t.Errorf("variant %s: %d hits of %d (%v)", gc, narrow.Total, sv.Total, err)
	}
	for _, h := range narrow.Hits {
		if h.Variant != gc {
			t.Errorf("variant %s: a hit of %s", gc, h.Variant)
		}
	}
	if len(sv.BySection) == 0 {
		t.Fatal("no section counts")
	}
	first := sv.BySection[0]
	u, _ := url.Parse(first.URL)
	inSec, err := buildSearch(r, u.Query())
	if err != nil || inSec.Total != first.Count {
		t.Errorf("section link %s: %d hits, counted %d (%v)", first.URL, inSec.Total, first.Count, err)
	}

	// The download holds the page's hits.
	w := get(t, s.engine, "/d/"+d.Name+"/export/search.csv?q=internet")
	rows, err := csv.NewReader(strings.NewReader(w.Body.String())).ReadAll()
	if err != nil || len(rows) != len(hits)+1 || rows[0][4] != "query" || rows[1][4] != "internet" {
		t.Errorf("search.csv: %d rows (%v), header %v", len(rows), err, rows[0])
	}

	for path, code := range map[string]int{
		base:                             200,
		base + "?q=*":                    400,
		base + "?q=internet&variant=Nob": 404,
		base + "?q=internet&section=99":  404,
		base + "?q=internet&page=9":      404,
	} {
		if got := get(t, s.engine, path).Code; got != code {
			t.Errorf("GET %s: %d, want %d", path, got, code)
		}
	}
	if ov := get(t, s.engine, docURL(d.Name)).Body.String(); !strings.Contains(ov, `action="`+docURL(d.Name)+`/search"`) {
		t.Error("the overview has no search form")
	}
}
