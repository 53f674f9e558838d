package dashboard

import (
	"encoding/json"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
)

// manySections analyses a document of n sections, section i with i added
// words in its one paragraph.
func manySections(t *testing.T, n int) *analysis.Result {
	t.Helper()
	d := &analysis.Document{Name: "many", Source: "many.txt", Variants: []string{analysis.BaseName, "North"}}
	for i := 1; i <= n; i++ {
		id := strconv.Itoa(i)
		d.Sections = append(d.Sections, analysis.Section{ID: id, Title: "Section title number " + id, Line: i})
		d.Paragraphs = append(d.Paragraphs, analysis.Paragraph{ID: id, Section: id, Line: i,
			Texts: []string{"We note it.", "We note it" + strings.Repeat(" again", i) + "."}})
	}
	r, err := analysis.Analyse(d, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// chartOptionOf decodes the option of chart id on page.
func chartOptionOf(t *testing.T, page, id string) map[string]any {
	t.Helper()
	raw := element(t, page, id+"-option", "</script>")
	raw = raw[strings.Index(raw, ">")+1:]
	var opt map[string]any
	if err := json.Unmarshal([]byte(raw), &opt); err != nil {
		t.Fatalf("%s option: %v", id, err)
	}
	return opt
}

func axisData(opt map[string]any, axis string) []string {
	var out []string
	for _, v := range opt[axis].([]any)[0].(map[string]any)["data"].([]any) {
		out = append(out, v.(string))
	}
	return out
}

func TestSectionsChartAtSize(t *testing.T) {
	s := mustServer(t, newFakeSource(manySections(t, 40), fixtureResult()), nil)
	page := get(t, s.engine, "/d/many").Body.String()
	opt := chartOptionOf(t, page, chartSections)
	cats := axisData(opt, "yAxis")
	if len(cats) != sectionRows {
		t.Fatalf("%d sections drawn, want the page's %d", len(cats), sectionRows)
	}
	if cats[0] != "40. Section title number 40" || cats[29] != "11. Section title number 11" {
		t.Errorf("drawn %q … %q, want the most changed first, with titles", cats[0], cats[29])
	}
	y := opt["yAxis"].([]any)[0].(map[string]any)
	if y["type"] != "category" || y["inverse"] != true {
		t.Errorf("past %d sections bars lie down, first on top: yAxis %v", sectionsHorizontal, y)
	}
	links := html.UnescapeString(element(t, page, chartSections, ">"))
	if !strings.Contains(links, `data-links="["/d/many/s/40","/d/many/s/39",`) {
		t.Errorf("the first bar does not open section 40: %s", links)
	}
	table := element(t, page, chartSections+"-table", "</table>")
	if n := strings.Count(table, "<tr>") - 1; n != sectionRows {
		t.Errorf("the table has %d rows, want the page's %d", n, sectionRows)
	}
	if strings.Index(table, `>40</a>`) > strings.Index(table, `>11</a>`) || strings.Contains(table, `>10</a>`) {
		t.Error("the table does not hold the chart's sections in its order")
	}
	// The second page draws and lists the rest, still most changed first.
	next := get(t, s.engine, "/d/many?page=2").Body.String()
	if cats := axisData(chartOptionOf(t, next, chartSections), "yAxis"); len(cats) != 10 || cats[0] != "10. Section title number 10" || cats[9] != "1. Section title number 1" {
		t.Errorf("page 2 draws %q, want sections 10 to 1", cats)
	}
	doc := chartOptionOf(t, get(t, s.engine, "/d/many?order=doc").Body.String(), chartSections)
	if cats := axisData(doc, "yAxis"); cats[0] != "1. Section title number 1" || cats[29] != "30. Section title number 30" {
		t.Errorf("in document order: %q … %q", cats[0], cats[29])
	}
	if !strings.Contains(page, `id="order" href="/d/many?order=doc"`) {
		t.Error("no switch to document order")
	}
	if w := get(t, s.engine, "/d/many?order=size"); w.Code != 400 {
		t.Errorf("order=size: %d, want 400", w.Code)
	}
	// A few sections stay columns.
	few := chartOptionOf(t, get(t, s.engine, "/d/fixture").Body.String(), chartSections)
	if x := few["xAxis"].([]any)[0].(map[string]any); x["type"] != "category" {
		t.Errorf("3 sections: xAxis %v, want the sections", x)
	}
}

// The theme chart's legend shows no colour its bars lack: bars take their
// theme's colour, the legend's swatches a grey at each variant's opacity,
// and one variant needs no legend.
func TestThemeChartLegend(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	for path, legend := range map[string]bool{"/d/fixture": true, "/d/fixture?variant=North": false} {
		opt := chartOptionOf(t, get(t, s.engine, path).Body.String(), chartThemes)
		for k, sr := range opt["series"].([]any) {
			style := sr.(map[string]any)["itemStyle"].(map[string]any)
			if style["color"] != colorLegend {
				t.Errorf("%s: series %d swatch %v, want %s", path, k, style["color"], colorLegend)
			}
			for _, d := range sr.(map[string]any)["data"].([]any) {
				if c := d.(map[string]any)["itemStyle"].(map[string]any)["color"]; c == colorLegend || c == nil {
					t.Errorf("%s: a bar without its theme's colour: %v", path, d)
				}
			}
		}
		shown := opt["legend"].(map[string]any)["show"]
		if (shown == true) != legend {
			t.Errorf("%s: legend shown %v, want %v", path, shown, legend)
		}
	}
}

// "By section" rolls the heatmap and the change map up to one column or
// bar per section, each opening its section.
func TestRollUpBySection(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	page := get(t, s.engine, "/d/fixture").Body.String()
	if !strings.Contains(page, `id="by" href="/d/fixture?by=section"`) {
		t.Fatal("no by-section switch")
	}
	page = get(t, s.engine, "/d/fixture?by=section&variant=North").Body.String()
	for _, id := range []string{chartHeatmap, chartChangeMap} {
		if got := axisData(chartOptionOf(t, page, id), "xAxis"); strings.Join(got, ",") != "1,2,2a" {
			t.Errorf("%s by section: columns %v, want the sections 1, 2, 2a", id, got)
		}
		if el := html.UnescapeString(element(t, page, id, ">")); !strings.Contains(el, `["/d/fixture/s/1","/d/fixture/s/2","/d/fixture/s/2a"]`) {
			t.Errorf("%s by section: links %s", id, el)
		}
	}
	// Section 2 (with 2a) of North: paragraphs 2, 2bis and 3, 6 base words,
	// 6 added (3 of them the new 2bis) and 1 deleted, a ratio of (3 + 1) /
	// 6; its hits are of stakeholders.
	table := element(t, page, chartChangeMap+"-table", "</table>")
	if !strings.Contains(table, `">2</a></th><td>Stakeholders</td><td>6</td><td>1</td><td>0.667</td><td>Multistakeholder</td>`) {
		t.Errorf("change map by section:\n%s", table)
	}
	if w := get(t, s.engine, "/d/fixture?by=chapter"); w.Code != 400 {
		t.Errorf("by=chapter: %d, want 400", w.Code)
	}
}

// TestBuildSection builds a section's page body of the sample without
// HTTP: its rows are its paragraphs and its subsections', ranked by the
// words they changed, and unknown sections and variants are not found.
func TestBuildSection(t *testing.T) {
	r, _ := sample(t)
	s := mustServer(t, newFakeSource(r), nil)
	d := r.Document
	id := d.Sections[len(d.Sections)-1].ID
	sq, err := parseSectionQuery(r, id, url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	sv, crumbs, err := s.buildSection(r, themeInfos(r.Dictionary), sq)
	if err != nil {
		t.Fatal(err)
	}
	tree := sectionTree(d, id)
	want := 0
	for _, p := range d.Paragraphs {
		if tree[p.Section] {
			want++
		}
	}
	if len(sv.Rows) != want || want == 0 {
		t.Errorf("%d rows, want the section's %d paragraphs", len(sv.Rows), want)
	}
	for i := 1; i < len(sv.Rows); i++ {
		if sv.Rows[i].Volume > sv.Rows[i-1].Volume || sv.Rows[i].Rank != i+1 {
			t.Errorf("row %d: %+v after %+v, want ranked by volume", i, sv.Rows[i], sv.Rows[i-1])
		}
	}
	if len(sv.Figures) != len(d.Variants)-1 || len(sv.Charts) != 2 || crumbs[len(crumbs)-1].Name != "Section "+id {
		t.Errorf("%d figures, %d charts, crumbs %+v", len(sv.Figures), len(sv.Charts), crumbs)
	}
	for _, q := range []struct {
		id string
		q  url.Values
	}{{"99z", url.Values{}}, {id, url.Values{"variant": {"nobody"}}}} {
		if _, err := parseSectionQuery(r, q.id, q.q); analysis.FailureOf(err) != analysis.FailNotFound {
			t.Errorf("%s %v: err = %v, want not found", q.id, q.q, err)
		}
	}
}

// TestSectionsRankedByLevel: the sections chart of a document with
// subsections ranks its top-level sections (each holding its
// subsections' words), not a section beside its own subsections, unless
// levels=all; sections are ranked by the largest stack a variant draws
// for them, the length a reader compares, not by the stacks summed.
func TestSectionsRankedByLevel(t *testing.T) {
	r := fixtureResult()
	s := mustServer(t, newFakeSource(r), nil)
	largest := func(id string) float64 {
		best := 0.0
		for _, m := range r.Sections {
			if m.Section == id && m.Present() > 0 {
				best = max(best, float64(m.Added+m.Deleted))
			}
		}
		return best
	}
	for path, want := range map[string][]string{
		"/d/fixture":            {"1", "2"},
		"/d/fixture?levels=all": {"1", "2", "2a"},
	} {
		page := get(t, s.engine, path).Body.String()
		cats := axisData(chartOptionOf(t, page, chartSections), "xAxis")
		var ids []string
		for _, c := range cats {
			id, _, _ := strings.Cut(c, ".")
			ids = append(ids, id)
		}
		got := slices.Clone(ids)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: sections %v, want %v", path, ids, want)
		}
		for i := 1; i < len(ids); i++ {
			if largest(ids[i-1]) < largest(ids[i]) {
				t.Errorf("%s: %s (largest stack %.0f) ranked before %s (%.0f)", path, ids[i-1], largest(ids[i-1]), ids[i], largest(ids[i]))
			}
		}
		if !strings.Contains(page, `id="chart_sections-choices"`) {
			t.Errorf("%s: no switch between top level and all levels", path)
		}
	}
	if w := get(t, s.engine, "/d/fixture?levels=some"); w.Code != 400 {
		t.Errorf("levels=some: %d, want 400", w.Code)
	}
}
