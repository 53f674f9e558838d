package dashboard

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
)

// generated analyses a generated document of about size bytes of text.
func generated(t *testing.T, size int64) *analysis.Result {
	t.Helper()
	c, err := analysistest.GenerateCorpus(analysistest.CorpusSpec{Seed: 3, Bytes: size, Columns: 3}, analysis.Sample(), analysis.DefaultDictionary())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := analysis.Parse("gen.txt", c.Data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// echartsOption is the part of an ECharts option these tests read.
type echartsOption struct {
	Legend struct {
		Show bool
	}
	Tooltip struct {
		Trigger   string
		Formatter string
	}
	Toolbox struct {
		Show    bool
		Feature struct {
			SaveAsImage struct {
				Show bool
				Type string
			}
		}
	}
	XAxis []struct {
		Type string
		Data []string
	}
	YAxis []struct {
		Type    string
		Data    []string
		Inverse bool
	}
	DataZoom []struct {
		Type       string
		XAxisIndex *int
		YAxisIndex *int
		StartValue int
		EndValue   int
	}
	Series []struct {
		Name      string
		ItemStyle struct {
			Color   string
			Opacity float64
		}
		Data []struct {
			Name      string
			Value     json.RawMessage
			ItemStyle struct {
				Color   string
				Opacity float64
			}
		}
	}
}

func decodeOption(t *testing.T, cv *chartView) echartsOption {
	t.Helper()
	var o echartsOption
	if err := json.Unmarshal([]byte(cv.Option), &o); err != nil {
		t.Fatalf("%s: option: %v", cv.ID, err)
	}
	return o
}

// TestSectionChartOrder: sections by change volume, most first, the top
// sectionTop as horizontal bars named by title, the table with them all;
// order=doc gives every section in document order, zoomed.
func TestSectionChartOrder(t *testing.T) {
	r := generated(t, 2<<20)
	d := r.Document
	if len(d.Sections) <= sectionTop {
		t.Fatalf("%d sections, want more than %d", len(d.Sections), sectionTop)
	}
	shown := []int{1, 2}
	volume := map[string]int{}
	for _, sm := range r.Sections {
		if sm.Variant > 0 {
			volume[sm.Section] += sm.Added + sm.Deleted
		}
	}
	byVolume := make([]analysis.Section, len(d.Sections))
	copy(byVolume, d.Sections)
	sort.SliceStable(byVolume, func(i, j int) bool { return volume[byVolume[i].ID] > volume[byVolume[j].ID] })

	cv, err := sectionChart(r, shown, false, false, "")
	if err != nil {
		t.Fatal(err)
	}
	o := decodeOption(t, cv)
	if o.YAxis[0].Type != "category" || o.XAxis[0].Type != "value" || !o.YAxis[0].Inverse {
		t.Errorf("section chart axes x %q y %q (inverse %v), want horizontal bars, first at the top", o.XAxis[0].Type, o.YAxis[0].Type, o.YAxis[0].Inverse)
	}
	var wantCats []string
	for _, sec := range byVolume[:sectionTop] {
		wantCats = append(wantCats, sec.ID)
	}
	if !slices.Equal(o.YAxis[0].Data, wantCats) {
		t.Errorf("section chart categories\n%q\nwant the top %d by volume\n%q", o.YAxis[0].Data, sectionTop, wantCats)
	}
	if len(cv.Table.Rows) != len(d.Sections) || cv.Table.Rows[0][0] != byVolume[0].ID || cv.Table.Rows[len(d.Sections)-1][0] != byVolume[len(d.Sections)-1].ID {
		t.Errorf("section table has %d rows, want all %d in volume order", len(cv.Table.Rows), len(d.Sections))
	}
	if got, want := o.Series[0].Data[0].Name, sectionName(byVolume[0]); got != want || !strings.Contains(o.Tooltip.Formatter, "{b}") {
		t.Errorf("first bar named %q with tooltip %q, want %q in the tooltip", got, o.Tooltip.Formatter, want)
	}
	var links []string
	if err := json.Unmarshal([]byte(cv.Links), &links); err != nil || len(links) != sectionTop || links[0] != sectionURL(d.Name, byVolume[0].ID) {
		t.Errorf("section links %.200s, want %d in chart order", cv.Links, sectionTop)
	}
	if !strings.Contains(cv.Desc, sectionName(byVolume[0])) || !strings.Contains(cv.Desc, fmt.Sprintf("%d of %d sections", sectionTop, len(d.Sections))) {
		t.Errorf("section chart described as %q", cv.Desc)
	}

	cv, err = sectionChart(r, shown, false, true, "")
	if err != nil {
		t.Fatal(err)
	}
	o = decodeOption(t, cv)
	var docCats []string
	for _, sec := range d.Sections {
		docCats = append(docCats, sec.ID)
	}
	if !slices.Equal(o.YAxis[0].Data, docCats) {
		t.Errorf("section chart in document order has categories %q", o.YAxis[0].Data)
	}
	if len(o.DataZoom) != 2 || o.DataZoom[0].YAxisIndex == nil || o.DataZoom[0].EndValue != sectionTop-1 {
		t.Errorf("section chart in document order: zoom %+v, want the first %d sections on the y axis", o.DataZoom, sectionTop)
	}

	// A few sections stand as vertical bars.
	cv, err = sectionChart(fixtureResult(), []int{1}, false, false, "")
	if err != nil {
		t.Fatal(err)
	}
	if o := decodeOption(t, cv); o.XAxis[0].Type != "category" || len(o.DataZoom) != 0 {
		t.Errorf("a chart of %d sections has x axis %q and zoom %v", len(o.XAxis[0].Data), o.XAxis[0].Type, o.DataZoom)
	}
}

// TestChangeMapLegend: the change map's series are the themes it colours
// bars with, in their colours, so its legend names them; every paragraph is
// in exactly one, named with its section; tooltips name series and item.
func TestChangeMapLegend(t *testing.T) {
	r := generated(t, 400<<10)
	d := r.Document
	themes := themeInfos(r.Dictionary)
	cv, err := changeMapChart(r, themes, 2, false)
	if err != nil {
		t.Fatal(err)
	}
	o := decodeOption(t, cv)
	if !o.Legend.Show {
		t.Errorf("change map has no legend")
	}
	colour := map[string]string{noTheme: colorNone}
	for _, ti := range themes {
		colour[ti.Label] = ti.Color
	}
	seen := make([]int, len(d.Paragraphs))
	for _, s := range o.Series {
		if want, ok := colour[s.Name]; !ok || s.ItemStyle.Color != want {
			t.Errorf("change map series %q in %q, want a theme (or %q) in its colour", s.Name, s.ItemStyle.Color, noTheme)
		}
		for _, item := range s.Data {
			var v [2]float64
			if err := json.Unmarshal(item.Value, &v); err != nil {
				t.Fatalf("change map item %s: %v", item.Value, err)
			}
			p := int(v[0])
			seen[p]++
			cmp := r.Comparison(p, 2)
			dom := dominantTheme(addedHits(cmp), themes)
			if want := themeOf(r.Dictionary, dom).Label; dom != "" && s.Name != want || dom == "" && s.Name != noTheme {
				t.Errorf("paragraph %s is in series %q, its dominant theme is %q", d.Paragraphs[p].ID, s.Name, dom)
			}
			if v[1] != num(cmp.ChangeRatio) {
				t.Errorf("paragraph %s bar %v, change ratio %v", d.Paragraphs[p].ID, v[1], cmp.ChangeRatio)
			}
			if want := "Paragraph " + d.Paragraphs[p].ID + " (section " + d.Paragraphs[p].Section + "): change ratio " + fmtNum(cmp.ChangeRatio); item.Name != want {
				t.Errorf("paragraph %s bar named %q, want %q", d.Paragraphs[p].ID, item.Name, want)
			}
		}
	}
	for p, n := range seen {
		if n != 1 {
			t.Errorf("paragraph %s has %d bars", d.Paragraphs[p].ID, n)
		}
	}
	if f := o.Tooltip.Formatter; o.Tooltip.Trigger != "item" || !strings.Contains(f, "{a}") || !strings.Contains(f, "{b}") {
		t.Errorf("change map tooltip %q (%s), want the series (theme) and the item (paragraph, section)", f, o.Tooltip.Trigger)
	}

	// The heatmap's cells are named by paragraph, section and theme, and its
	// tooltip adds the count.
	hv, err := heatmapChart(r, themes, 2, false)
	if err != nil {
		t.Fatal(err)
	}
	o = decodeOption(t, hv)
	cell := o.Series[0].Data[0]
	var v [3]int
	if err := json.Unmarshal(cell.Value, &v); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("Paragraph %s (section %s) · %s: %d added %s", d.Paragraphs[v[0]].ID, d.Paragraphs[v[0]].Section, themes[v[1]].Label, v[2], plural("hit", v[2])); cell.Name != want {
		t.Errorf("heatmap cell %v named %q, want %q", v, cell.Name, want)
	}
	if f := o.Tooltip.Formatter; f != "{b}" {
		t.Errorf("heatmap tooltip %q, want the cell's name", f)
	}
}

// TestThemeChartLegend: the theme chart's bars are in their themes'
// colours, and each variant's legend swatch (its series' own style) is
// the neutral shade at the opacity of that variant's bars, not a variant
// colour no bar has.
func TestThemeChartLegend(t *testing.T) {
	r := fixtureResult()
	themes := themeInfos(r.Dictionary)
	cv, err := themeChart(r, themes, []int{1, 2}, "")
	if err != nil {
		t.Fatal(err)
	}
	o := decodeOption(t, cv)
	if len(o.Series) != 2 {
		t.Fatalf("%d series", len(o.Series))
	}
	for k, s := range o.Series {
		for i, item := range s.Data {
			if item.ItemStyle.Color != themes[i].Color || item.ItemStyle.Opacity != s.ItemStyle.Opacity {
				t.Errorf("series %q bar %d in %s at %v, want %s at the series' %v", s.Name, i, item.ItemStyle.Color, item.ItemStyle.Opacity, themes[i].Color, s.ItemStyle.Opacity)
			}
		}
		if s.ItemStyle.Color != colorLegend || s.ItemStyle.Opacity != float64(variantOpacity(k)) {
			t.Errorf("series %q draws its legend in %s at %v, want %s at %v", s.Name, s.ItemStyle.Color, s.ItemStyle.Opacity, colorLegend, variantOpacity(k))
		}
	}
}

var ariaRe = regexp.MustCompile(`<div id="(chart_\w+)" class="chart[^"]*"[^>]* aria-label="([^"]*)"`)

// TestChartsSaveAndDescribe: every chart of the overview has a save-as-PNG
// button and an aria-label that says what it shows, beyond its title.
func TestChartsSaveAndDescribe(t *testing.T) {
	r, _ := sample(t)
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	body := get(t, s.engine, docURL(r.Document.Name)).Body.String()
	labels := map[string]string{}
	for _, m := range ariaRe.FindAllStringSubmatch(body, -1) {
		labels[m[1]] = html.UnescapeString(m[2])
	}
	for _, id := range overviewCharts(r) {
		l := labels[id]
		if !strings.Contains(l, " chart of ") && !strings.HasPrefix(l, "Heatmap of ") || !regexp.MustCompile(`\d`).MatchString(l) {
			t.Errorf("%s: aria-label %q does not say what it shows and how much", id, l)
		}
	}
	if l := labels[chartSections]; !strings.Contains(l, "largest: ") {
		t.Errorf("section chart aria-label %q names no largest section", l)
	}
	themes := themeInfos(analysis.DefaultDictionary())
	builders := map[string]func() (*chartView, error){
		chartThemes:       func() (*chartView, error) { return themeChart(r, themes, []int{1}, "") },
		chartSections:     func() (*chartView, error) { return sectionChart(r, []int{1}, false, false, "") },
		chartHeatmap:      func() (*chartView, error) { return heatmapChart(r, themes, 1, false) },
		chartChangeMap:    func() (*chartView, error) { return changeMapChart(r, themes, 1, true) },
		chartKinds:        func() (*chartView, error) { return kindChart(r, []int{1}, "") },
		chartUptakeThemes: func() (*chartView, error) { return uptakeThemeChart(r, themes) },
		chartUptakeSpans:  func() (*chartView, error) { return uptakeSpanChart(r) },
	}
	for id, build := range builders {
		cv, err := build()
		if err != nil {
			t.Fatal(err)
		}
		o := decodeOption(t, cv)
		if !o.Toolbox.Show || !o.Toolbox.Feature.SaveAsImage.Show || o.Toolbox.Feature.SaveAsImage.Type != "png" {
			t.Errorf("%s: toolbox %+v, want a save-as-PNG button", id, o.Toolbox)
		}
		if cv.Desc == "" || cv.Desc == cv.Title {
			t.Errorf("%s: described as %q", id, cv.Desc)
		}
	}
}

// TestParagraphChartsZoom: past zoomWindow paragraphs, the heatmap and the
// change map open on the first zoomWindow; below, they show all.
func TestParagraphChartsZoom(t *testing.T) {
	big, small := generated(t, 600<<10), fixtureResult()
	if n := len(big.Document.Paragraphs); n <= zoomWindow {
		t.Fatalf("%d paragraphs", n)
	}
	for _, tt := range []struct {
		r    *analysis.Result
		zoom bool
	}{{big, true}, {small, false}} {
		themes := themeInfos(tt.r.Dictionary)
		for _, build := range []func(*analysis.Result, []themeInfo, int, bool) (*chartView, error){heatmapChart, changeMapChart} {
			cv, err := build(tt.r, themes, 1, false)
			if err != nil {
				t.Fatal(err)
			}
			o := decodeOption(t, cv)
			if !tt.zoom {
				if len(o.DataZoom) != 0 {
					t.Errorf("%s of %d paragraphs zooms: %+v", cv.ID, len(tt.r.Document.Paragraphs), o.DataZoom)
				}
				continue
			}
			if len(o.DataZoom) != 2 || o.DataZoom[0].Type != "slider" || o.DataZoom[1].Type != "inside" ||
				o.DataZoom[0].XAxisIndex == nil || o.DataZoom[0].StartValue != 0 || o.DataZoom[0].EndValue != zoomWindow-1 || o.DataZoom[1].EndValue != zoomWindow-1 {
				t.Errorf("%s of %d paragraphs: zoom %+v, want slider and inside on the first %d", cv.ID, len(tt.r.Document.Paragraphs), o.DataZoom, zoomWindow)
			}
		}
	}
}

// TestOverviewSwitches: the overview's switches for section order and the
// roll-up are links that set and clear their query parameters, and the
// charts follow them.
func TestOverviewSwitches(t *testing.T) {
	r := fixtureResult()
	s := mustServer(t, newFakeSource(r), nil)
	doc := docURL(r.Document.Name)
	for _, tt := range []struct {
		path    string
		links   []string // switch hrefs, HTML-escaped as the page writes them
		titles  []string // chart titles the page shows
		missing []string // and does not
	}{
		{doc, []string{`id="order" href="` + doc + `?order=doc"`, `id="by" href="` + doc + `?by=section"`},
			[]string{"Sections by change volume", "Themes by paragraph in "}, []string{"Change per section", "Themes by section in "}},
		{doc + "?order=doc&by=section", []string{`id="order" href="` + doc + `?by=section"`, `id="by" href="` + doc + `?order=doc"`},
			[]string{"Change per section", "Themes by section in "}, []string{"Sections by change volume", "Themes by paragraph in "}},
		// An unknown value is the switch off.
		{doc + "?order=size&by=page", []string{`id="order" href="` + doc + `?order=doc"`},
			[]string{"Sections by change volume", "Themes by paragraph in "}, nil},
	} {
		w := get(t, s.engine, tt.path)
		if w.Code != 200 {
			t.Fatalf("GET %s: %d", tt.path, w.Code)
		}
		body := w.Body.String()
		for _, want := range append(tt.links, tt.titles...) {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: no %q", tt.path, want)
			}
		}
		for _, not := range tt.missing {
			if strings.Contains(body, not) {
				t.Errorf("GET %s: shows %q", tt.path, not)
			}
		}
	}
}
