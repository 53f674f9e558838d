package dashboard

// The charts of every paragraph (or every section, with by=section): the
// heatmap of added hits and the change map.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// heatmapChart is chart c: added hits per paragraph and theme in variant v.
func heatmapChart(r *analysis.Result, themes []themeInfo, v int) (*chartView, error) {
	units := paragraphUnits(r, themes, v)
	return unitHeatmap(r, units, themes, v, "Paragraph", pager{Total: len(units)})
}

// sectionHeatmap is chart c rolled up by section: added hits per section
// and theme in variant v, for the sections of the page w.
func sectionHeatmap(r *analysis.Result, themes []themeInfo, v int, w window) (*chartView, error) {
	return w.drawn(unitHeatmap(r, sectionUnits(r, v)[w.Lo:w.Hi], themes, v, "Section", w.Pager))
}

// unitHeatmap draws added hits per unit (paragraph or section) and theme;
// units are those scope says, of every unit of their kind.
func unitHeatmap(r *analysis.Result, units []chartUnit, themes []themeInfo, v int, kind string, scope pager) (*chartView, error) {
	d := r.Document
	ids := make([]string, len(units))
	links := make([]string, len(units))
	for i, u := range units {
		ids[i], links[i] = u.ID, u.Link
	}
	ylabels := make([]string, len(themes))
	for i, t := range themes {
		ylabels[i] = t.Label
	}
	data, tv, top := heatCells(units, themes, kind)
	h := charts.NewHeatMap()
	h.SetGlobalOptions(chartInit(chartHeatmap)...)
	zoom := paragraphZoom(len(units))
	visual := opts.VisualMap{
		Calculable: opts.Bool(true), Min: 0, Max: float32(top), Orient: "horizontal", Left: "center", Bottom: "0",
		InRange: &opts.VisualMapInRange{Color: []string{"#f1f3f5", "#4f86c6", "#1f4e79"}},
	}
	grid := opts.Grid{Left: "8", Right: "16", Bottom: "56", Top: "36", ContainLabel: opts.Bool(true)}
	if zoom != nil {
		// The slider takes the bottom; the colour scale goes on top.
		visual.Bottom, visual.Top, visual.Left = "", "0", "8"
		grid.Top, grid.Bottom = "56", "48"
		h.SetGlobalOptions(charts.WithDataZoomOpts(zoom...))
	}
	h.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels(ids), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: labels(ylabels), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(visual),
		withGrid(grid),
	)
	h.AddSeries(label("Added hits in "+d.Variants[v]), data)
	option, err := chartOption(h)
	if err != nil {
		return nil, err
	}
	per, click := "paragraph (columns, in document order)", "Click a cell for the paragraph. The table lists paragraphs with hits."
	if kind == "Section" {
		per, click = "section (columns, in document order; a section includes its subsections)", "Click a cell for the section. The table lists sections with hits."
	}
	desc := fmt.Sprintf("Heatmap of added theme hits per %s and theme in %s, %s by %d themes", strings.ToLower(kind), d.Variants[v], scope.span(strings.ToLower(kind)), len(themes))
	most := -1
	for i, c := range data {
		if most < 0 || c.Value.([3]int)[2] > data[most].Value.([3]int)[2] {
			most = i
		}
	}
	if most >= 0 {
		desc += ", most: " + data[most].Name
	}
	return &chartView{
		ID: chartHeatmap, Desc: desc, Title: "Themes by " + strings.ToLower(kind) + " in " + d.Variants[v], Option: option, Links: linksJSON(links), LinkBy: "x", Tall: true,
		Note:  "Added theme hits per " + per + " and theme (rows). " + click,
		Table: tv, CSV: exportURL(d.Name, "hits", vq("variant", d.Variants[v])),
	}, nil
}

// heatCells returns the heatmap's cells of units (one per unit and theme
// with added hits, named for the tooltip), its table (the units with
// hits), and the most hits of a cell, 1 at least.
func heatCells(units []chartUnit, themes []themeInfo, kind string) ([]opts.HeatMapData, tableView, int) {
	tv := tableView{Head: []string{kind}}
	for _, t := range themes {
		tv.Head = append(tv.Head, t.Label)
	}
	var data []opts.HeatMapData
	most := 1
	for p, u := range units {
		hit := false
		for _, t := range themes {
			hit = hit || u.Themes[t.Name] > 0
		}
		if !hit {
			continue
		}
		row := []string{u.ID}
		tv.Links = append(tv.Links, u.Link)
		for i, t := range themes {
			k := u.Themes[t.Name]
			row = append(row, strconv.Itoa(k))
			if k > 0 {
				// The tooltip shows the item's name.
				tip := kind + " " + u.ID + ", " + t.Label + ": " + strconv.Itoa(k) + " added hit"
				if k != 1 {
					tip += "s"
				}
				data = append(data, opts.HeatMapData{Name: label(tip), Value: [3]int{p, i, k}})
				if k > most {
					most = k
				}
			}
		}
		tv.Rows = append(tv.Rows, row)
	}
	return data, tv, most
}

// chartUnit is what the heatmap and the change map draw one column or bar
// for: a paragraph, or a section when they are rolled up.
type chartUnit struct {
	ID, Link string
	Title    string // a section's title, for tables
	Name     string // for tooltips: "Paragraph 12 (section 3a. Title)"
	Status   string // "" for a section
	Absent   bool   // the variant has no text: no bar
	Added    int
	Deleted  int
	Ratio    float64
	Themes   map[string]int // added hits per theme
}

// paragraphUnits are the paragraphs of r in variant v.
func paragraphUnits(r *analysis.Result, themes []themeInfo, v int) []chartUnit {
	d := r.Document
	titles := sectionTitles(d)
	names := rowNames(d)
	out := make([]chartUnit, len(d.Paragraphs))
	for p, para := range d.Paragraphs {
		cmp := r.Comparison(p, v)
		// An axis names a new row by its own number, short; the tooltip
		// says which text added it.
		id := para.ID
		if n, ok := names[para.ID]; ok {
			id = n[:strings.Index(n, " (")] + " (new)"
		}
		u := chartUnit{ID: id, Link: paraURL(d.Name, para.ID), Name: "Paragraph " + rowName(names, para.ID), Status: string(cmp.Status),
			Absent: cmp.Status == analysis.StatusAbsent, Added: cmp.Added, Deleted: cmp.Deleted, Ratio: cmp.ChangeRatio, Themes: map[string]int{}}
		if t := titles[para.Section]; t != "" {
			u.Name += " (section " + t + ")"
		}
		for _, h := range cmp.Hits {
			if h.Change == analysis.ChangeAdded {
				u.Themes[h.Theme]++
			}
		}
		out[p] = u
	}
	return out
}

// sectionUnits are the sections of r in variant v, each with its
// subsections.
func sectionUnits(r *analysis.Result, v int) []chartUnit {
	d := r.Document
	byID := make(map[string]analysis.Metrics, len(d.Sections))
	for _, sm := range r.Sections {
		if sm.Variant == v {
			byID[sm.Section] = sm.Metrics
		}
	}
	out := make([]chartUnit, len(d.Sections))
	for i, sec := range d.Sections {
		m := byID[sec.ID]
		out[i] = chartUnit{ID: sec.ID, Link: sectionURL(d.Name, sec.ID), Name: "Section " + sectionName(sec), Title: sec.Title,
			Absent: m.Present() == 0, Added: m.Added, Deleted: m.Deleted, Ratio: m.ChangeRatio, Themes: m.ThemeAdded}
	}
	return out
}

// noValue is the value ECharts draws no bar or cell for: a figure that
// does not exist, such as the change of a variant that has no text.
const noValue = "-"

// noText is what tables show for such a figure.
const noText = "no text"

// ratioText formats the change ratio of m, or says the variant has no text
// in its scope.
func ratioText(m analysis.Metrics) string {
	if m.Present() == 0 {
		return noText
	}
	return fmtNum(m.ChangeRatio)
}

// changeMapChart is chart d: every paragraph in document order, bar height
// its change ratio in variant v, colour its dominant added theme.
func changeMapChart(r *analysis.Result, themes []themeInfo, v int) (*chartView, error) {
	units := paragraphUnits(r, themes, v)
	return unitChangeMap(r, units, themes, v, "Paragraph", pager{Total: len(units)})
}

// sectionChangeMap is chart d rolled up by section: a bar per section of
// the page w, height its change ratio in variant v.
func sectionChangeMap(r *analysis.Result, themes []themeInfo, v int, w window) (*chartView, error) {
	return w.drawn(unitChangeMap(r, sectionUnits(r, v)[w.Lo:w.Hi], themes, v, "Section", w.Pager))
}

// unitChangeMap draws a bar per unit (paragraph or section): height its
// change ratio, colour the theme it added most; units are those scope
// says, of every unit of their kind.
func unitChangeMap(r *analysis.Result, units []chartUnit, themes []themeInfo, v int, kind string, scope pager) (*chartView, error) {
	d := r.Document
	cb := changeBars(units, themes, kind)
	// The legend names the colours: one empty series per theme some bar
	// has, stacked with the bars so that they take no room.
	b := barChart(chartChangeMap, cb.ids,
		charts.WithLegendOpts(wrappingLegend),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}"}))
	ratioAxis(b, "(added + deleted) / base words")
	if zoom := paragraphZoom(len(units)); zoom != nil {
		b.SetGlobalOptions(charts.WithDataZoomOpts(zoom...), withGrid(opts.Grid{Left: "8", Right: "16", Bottom: "48", Top: "36", ContainLabel: opts.Bool(true)}))
	}
	series := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: colorNone}), charts.WithBarChartOpts(opts.BarChart{Stack: "map"})}
	if cb.over {
		series = append(series, wholeTextLine(b)...)
	}
	b.AddSeries(label("No theme added"), cb.data, series...)
	for _, t := range themes {
		if cb.used[t.Name] {
			b.AddSeries(label(t.Label), []opts.BarData{}, charts.WithItemStyleOpts(opts.ItemStyle{Color: t.Color}), charts.WithBarChartOpts(opts.BarChart{Stack: "map"}))
		}
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	table := "paragraphs"
	if kind == "Section" {
		table = "sections"
	}
	cv := &chartView{
		ID: chartChangeMap, Title: "Change map of " + d.Variants[v], Option: option, Links: linksJSON(cb.tv.Links), LinkBy: "x",
		Table: cb.tv, CSV: exportURL(d.Name, table, vq("variant", d.Variants[v])),
	}
	cv.describeChangeMap(units, d.Variants[v], kind, scope, cb.over)
	return cv, nil
}

// changeMapBars are a change map's bars, one per unit, on the units' ids,
// with its table; used are the themes some bar is coloured by, over says
// some ratio passes 1.
type changeMapBars struct {
	ids  []string
	data []opts.BarData
	tv   tableView
	used map[string]bool
	over bool
}

// changeBars returns the change map's bars of units of kind.
func changeBars(units []chartUnit, themes []themeInfo, kind string) changeMapBars {
	cb := changeMapBars{
		ids: make([]string, len(units)), data: make([]opts.BarData, len(units)), used: make(map[string]bool),
		tv: tableView{Head: []string{kind, "Status", "Added", "Deleted", "Change ratio", "Dominant theme"}, Links: make([]string, len(units))},
	}
	if kind == "Section" {
		cb.tv.Head[1] = "Title"
	}
	for p, u := range units {
		cb.ids[p], cb.tv.Links[p] = u.ID, u.Link
		second := u.Status
		if kind == "Section" {
			second = u.Title
		}
		color, dom := colorNone, ""
		if t, ok := dominant(u.Themes, themes); ok {
			color, dom = t.Color, t.Label
			cb.used[t.Name] = true
		}
		if u.Absent {
			// No text is not "no change": no bar.
			cb.data[p] = opts.BarData{Value: noValue}
			cb.tv.Rows = append(cb.tv.Rows, []string{u.ID, second, "0", "0", noText, ""})
			continue
		}
		// The tooltip shows the item's name: unit, section, ratio and theme.
		tip := u.Name + ": change ratio " + fmtNum(u.Ratio)
		if dom != "" {
			tip += "; theme added most: " + dom
		}
		cb.data[p] = opts.BarData{Name: label(tip), Value: num(u.Ratio), ItemStyle: &opts.ItemStyle{Color: color}}
		cb.over = cb.over || u.Ratio > 1
		cb.tv.Rows = append(cb.tv.Rows, []string{u.ID, second, strconv.Itoa(u.Added), strconv.Itoa(u.Deleted), fmtNum(u.Ratio), dom})
	}
	return cb
}

// describeChangeMap words the note and the description of the change map
// of units of kind in the variant named variant.
func (cv *chartView) describeChangeMap(units []chartUnit, variant, kind string, scope pager, over bool) {
	what := "Every paragraph in document order"
	overNote := ""
	if over {
		overNote = " (above the dashed line at 1, more words changed than the base had)"
	}
	click := "Click a bar for the paragraph."
	if kind == "Section" {
		what, click = "Every section in document order, with its subsections", "Click a bar for the section."
		if scope.Paged() {
			what = "Sections in document order, each with its subsections (here " + scope.span("section") + ")"
		}
	}
	cv.Note = what + "; bar height is (added + deleted) / base words" + overNote + ", colour the theme it added most (grey: none), no bar where the variant has no text. " + click
	cv.Desc = fmt.Sprintf("Bar chart of the change ratio of each %s in %s, %s in document order, coloured by the theme each added most", strings.ToLower(kind), variant, scope.span(strings.ToLower(kind)))
	best := -1
	for p, u := range units {
		if !u.Absent && u.Ratio > 0 && (best < 0 || u.Ratio > units[best].Ratio) {
			best = p
		}
	}
	if best >= 0 {
		cv.Desc += ", largest: " + units[best].Name + ", change ratio " + fmtNum(units[best].Ratio)
	}
}

// dominant returns the theme with most hits in counts, ties in the order
// of themes; false when counts has none.
func dominant(counts map[string]int, themes []themeInfo) (themeInfo, bool) {
	best, bestN := themeInfo{}, 0
	for _, t := range themes {
		if counts[t.Name] > bestN {
			best, bestN = t, counts[t.Name]
		}
	}
	return best, bestN > 0
}
