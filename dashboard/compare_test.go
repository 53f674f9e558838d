package dashboard

import (
	"bytes"
	"encoding/csv"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
)

// TestOverviewCompare: the overview compares the variant shown with any
// other text: its rows are the compare table's paragraphs that differ,
// its totals their sums, each row opens the paragraph compared the same
// way; the choice is offered only with a variant shown, and a text there
// is none of, the variant itself, or no variant are refused.
func TestOverviewCompare(t *testing.T) {
	r, _ := sample(t)
	d := r.Document
	name := d.Name
	s := mustServer(t, newFakeSource(r), nil)
	cv, err := buildCompare(t.Context(), r, themeInfos(r.Dictionary), 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := analysis.WriteTableCSV(&buf, r, "compare", analysis.Filter{Variant: d.Variants[2], Against: d.Variants[1]}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var differ []string
	added, deleted, same := 0, 0, 0
	for _, row := range rows[1:] {
		switch row[6] {
		case "unchanged":
			same++
		case "amended":
			a, _ := strconv.Atoi(row[9])
			dl, _ := strconv.Atoi(row[10])
			added, deleted = added+a, deleted+dl
			differ = append(differ, row[2])
		case "new":
			differ = append(differ, row[2])
		}
	}
	var got []string
	for _, row := range cv.Rows {
		got = append(got, row.ID)
	}
	if strings.Join(got, ",") != strings.Join(differ, ",") || cv.Added != added || cv.Deleted != deleted || cv.Same != same || len(differ) == 0 {
		t.Errorf("compare view %v +%d -%d, %d alike; the compare table %v +%d -%d, %d alike", got, cv.Added, cv.Deleted, cv.Same, differ, added, deleted, same)
	}

	path := docURL(name) + "?" + url.Values{"variant": {d.Variants[2]}, "against": {d.Variants[1]}}.Encode()
	page := get(t, s.engine, path).Body.String()
	panel := html.UnescapeString(element(t, page, "compare", "</section>"))
	if !strings.Contains(panel, d.Variants[2]+" compared with "+d.Variants[1]) || !strings.Contains(panel, exportURL(name, "compare", vq("variant", d.Variants[2], "against", d.Variants[1]))) {
		t.Errorf("the panel lacks its title or its CSV:\n%.600s", panel)
	}
	for _, row := range cv.Rows {
		if row.Status != "amended" {
			continue
		}
		para := get(t, s.engine, row.URL)
		if para.Code != http.StatusOK {
			t.Fatalf("%s: %d", row.URL, para.Code)
		}
		ins, del := 0, 0
		for _, ch := range pageChanges(t, para.Body.String(), "text-v2") {
			if ch.kind == "ins" {
				ins += len(strings.Fields(ch.text))
			} else {
				del += len(strings.Fields(ch.text))
			}
		}
		if ins < row.Added || del < row.Deleted || ins+del == 0 {
			t.Errorf("%s marks %d words inserted and %d deleted, the overview +%d -%d", row.URL, ins, del, row.Added, row.Deleted)
		}
	}
	if !strings.Contains(page, `id="compare-with"`) || strings.Contains(get(t, s.engine, docURL(name)).Body.String(), `id="compare-with"`) {
		t.Error("the choice of a text to compare with is not offered exactly when a variant is shown")
	}
	for _, c := range []struct {
		q    url.Values
		code int
	}{
		{url.Values{"variant": {d.Variants[2]}, "against": {"Nobody"}}, http.StatusNotFound},
		{url.Values{"against": {d.Variants[1]}}, http.StatusBadRequest},
		{url.Values{"variant": {d.Variants[2]}, "against": {d.Variants[2]}}, http.StatusBadRequest},
	} {
		if w := get(t, s.engine, docURL(name)+"?"+c.q.Encode()); w.Code != c.code {
			t.Errorf("%v: %d, want %d", c.q, w.Code, c.code)
		}
	}
}
