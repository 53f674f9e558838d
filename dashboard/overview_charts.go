package dashboard

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// Chart IDs; each is also the id of its container.
const (
	chartThemes        = "chart_themes"
	chartSections      = "chart_sections"
	chartHeatmap       = "chart_heatmap"
	chartChangeMap     = "chart_changemap"
	chartKinds         = "chart_kinds"
	chartUptakeThemes  = "chart_uptake_themes"
	chartUptakeSpans   = "chart_uptake_spans"
	chartSectionParas  = "chart_section_paragraphs"
	chartSectionThemes = "chart_section_themes"
)

// themeChart is chart a: added hits per theme, one series per variant, bars
// in the theme's colour.
func themeChart(r *analysis.Result, themes []themeInfo, shown []int, vf string) (*chartView, error) {
	return themeBars(chartThemes, "Amendments by theme", r, themes, shown, vf, func(v int) map[string]int {
		return r.Totals[v].ThemeAdded
	})
}

// themeBars draws added hits per theme for the variants shown; counts gives
// a variant's hits per theme name.
func themeBars(id, title string, r *analysis.Result, themes []themeInfo, shown []int, vf string, counts func(v int) map[string]int) (*chartView, error) {
	d := r.Document
	cats := make([]string, len(themes))
	links := make([]string, len(themes))
	for i, t := range themes {
		cats[i] = t.Label
		links[i] = withQuery(themeURL(d.Name, t.Name), vq("variant", vf))
	}
	b := barChart(id, cats)
	perVariant := make(map[int]map[string]int, len(shown))
	for _, v := range shown {
		perVariant[v] = counts(v)
	}
	tv := variantSeries(b, d, shown, "Theme", cats, func(k, v, i int) opts.BarData {
		t := themes[i]
		return opts.BarData{Value: perVariant[v][t.Name], ItemStyle: &opts.ItemStyle{Color: t.Color, Opacity: opts.Float(variantOpacity(k))}}
	})
	tv.Links = links
	// Every bar has its theme's colour; what tells variants apart is the
	// opacity. The legend's swatch is the series' colour: make it a neutral
	// grey at the variant's opacity, not a colour no bar has, and leave the
	// legend out when one variant is shown.
	for k := range b.MultiSeries {
		b.MultiSeries[k].ItemStyle = &opts.ItemStyle{Color: colorLegend, Opacity: opts.Float(variantOpacity(k))}
	}
	if len(shown) == 1 {
		b.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	top, topN := "", 0
	for _, v := range shown {
		for _, t := range themes {
			if n := perVariant[v][t.Name]; n > topN {
				top, topN = t.Label+" in "+d.Variants[v], n
			}
		}
	}
	return &chartView{
		ID: id, Title: title, Option: option, Links: linksJSON(links), LinkBy: "index", Tall: wrapsLabels(cats),
		Desc:  barDesc("added theme hits per theme", variantNames(d, shown), len(themes), "theme", top, float64(topN), "hits"),
		Note:  "Added theme hits per theme; bars in the theme's colour, fainter for later variants. Click a bar for the theme's hits.",
		Table: tv, CSV: exportURL(d.Name, "themes", vq("variant", vf)),
	}, nil
}

// sectionTop is how many sections the sections chart draws; the table
// holds them all.
const sectionTop = 30

// sectionsHorizontal is how many sections a chart draws as columns; past
// it, bars lie down, their long names readable on the vertical axis.
const sectionsHorizontal = 20

// sectionChart is chart b: added and deleted words per section, stacked per
// variant, optionally per 100 words of the section's base; the sections
// with most change first (or in document order), the top sectionTop drawn.
func sectionChart(r *analysis.Result, shown []int, norm, docOrder bool, vf string) (*chartView, error) {
	d := r.Document
	metrics := make(map[string]map[int]analysis.SectionMetrics)
	for _, sm := range r.Sections {
		if metrics[sm.Section] == nil {
			metrics[sm.Section] = make(map[int]analysis.SectionMetrics)
		}
		metrics[sm.Section][sm.Variant] = sm
	}
	n := len(d.Sections)
	names := make([]string, n)
	links := make([]string, n)
	for i, sec := range d.Sections {
		names[i] = sectionName(sec)
		links[i] = withQuery(sectionURL(d.Name, sec.ID), vq("variant", vf))
	}
	value := func(words, base int) float64 {
		if !norm {
			return float64(words)
		}
		if base == 0 {
			return 0
		}
		return num(float64(words) * 100 / float64(base))
	}
	unit := "words"
	if norm {
		unit = "per 100 base words"
	}
	// Per shown variant k and section i: the bars, and the table's cells.
	added := make([][]opts.BarData, len(shown))
	deleted := make([][]opts.BarData, len(shown))
	rows := make([][]string, n)
	volume := make([]float64, n)
	for i, sec := range d.Sections {
		rows[i] = []string{sec.ID, sec.Title}
	}
	tv := tableView{Head: []string{"Section", "Title"}}
	for k, v := range shown {
		added[k] = make([]opts.BarData, n)
		deleted[k] = make([]opts.BarData, n)
		for i, sec := range d.Sections {
			m := metrics[sec.ID][v]
			if m.Present() == 0 {
				// The variant has no text in the section: no bar, not a
				// zero one.
				added[k][i], deleted[k][i] = opts.BarData{Value: noValue}, opts.BarData{Value: noValue}
				rows[i] = append(rows[i], "0", noText, noText)
				continue
			}
			a, del := value(m.Added, m.BaseWords), value(m.Deleted, m.BaseWords)
			added[k][i], deleted[k][i] = opts.BarData{Value: a}, opts.BarData{Value: del}
			volume[i] += a + del
			rows[i] = append(rows[i], strconv.Itoa(m.BaseWords), fmtNum(a), fmtNum(del))
		}
		name := d.Variants[v]
		tv.Head = append(tv.Head, name+" base words", name+" added ("+unit+")", name+" deleted ("+unit+")")
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if !docOrder {
		sort.SliceStable(order, func(a, b int) bool { return volume[order[a]] > volume[order[b]] })
	}
	for _, i := range order {
		tv.Rows = append(tv.Rows, rows[i])
		tv.Links = append(tv.Links, links[i])
	}
	top := order[:min(n, sectionTop)]
	cats := make([]string, len(top))
	chartLinks := make([]string, len(top))
	for j, i := range top {
		cats[j], chartLinks[j] = names[i], links[i]
	}
	var b *charts.Bar
	horizontal := len(top) > sectionsHorizontal
	if horizontal {
		b = horizontalBarChart(chartSections, cats)
	} else {
		b = barChart(chartSections, cats)
	}
	for k, v := range shown {
		a, del := make([]opts.BarData, len(top)), make([]opts.BarData, len(top))
		for j, i := range top {
			a[j], del[j] = added[k][i], deleted[k][i]
		}
		addChangeSeries(b, d.Variants[v], v, k, a, del)
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	title := "Sections by change volume"
	if norm {
		title += " (per 100 base words)"
	}
	note := "Added (green) and deleted (red) words per section, one stack per variant, "
	if docOrder {
		note += "in document order"
	} else {
		note += "most changed first"
	}
	if len(top) < n {
		which := "most changed"
		if docOrder {
			which = "first"
		}
		note += "; the " + strconv.Itoa(len(top)) + " " + which + " of " + strconv.Itoa(n) + " drawn, all in the table"
	}
	note += ". A section includes its subsections. Click a bar for the section."
	what := "added and deleted words per section"
	if norm {
		what = "added and deleted words per 100 base words, per section"
	}
	count := strconv.Itoa(n) + " sections"
	if len(top) < n {
		which := "most changed"
		if docOrder {
			which = "first"
		}
		count = "the " + strconv.Itoa(len(top)) + " " + which + " of " + strconv.Itoa(n) + " sections"
	}
	desc := "Bar chart of " + what + " for " + strings.Join(variantNames(d, shown), ", ") + ", " + count
	if docOrder {
		desc += " in document order"
	}
	best := -1
	for i := range volume {
		if volume[i] > 0 && (best < 0 || volume[i] > volume[best]) {
			best = i
		}
	}
	if best >= 0 {
		desc += ", largest: " + names[best] + " (" + fmtNum(volume[best]) + " " + unit + ")"
	}
	return &chartView{
		ID: chartSections, Title: title, Desc: desc, Option: option, Links: linksJSON(chartLinks), LinkBy: "index", Tall: horizontal || wrapsLabels(cats),
		Note:  note,
		Table: tv, CSV: exportURL(d.Name, "sections", vq("variant", vf)),
	}, nil
}

// horizontalBarChart is barChart with the bars lying down: categories on
// the vertical axis, the first at the top, long names cut on the axis and
// whole in the tooltip and the table.
func horizontalBarChart(id string, categories []string, extra ...charts.GlobalOpts) *charts.Bar {
	axisLabel := &opts.AxisLabel{Interval: "0", Width: labelWrap, Overflow: "truncate"}
	if wrapsLabels(categories) {
		axisLabel.Overflow = "break"
	}
	b := charts.NewBar()
	b.SetGlobalOptions(chartInit(id)...)
	b.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: axisLabel}),
	)
	b.SetGlobalOptions(extra...)
	b.SetXAxis(labels(categories))
	b.XYReversal()
	return b
}

// heatmapChart is chart c: added hits per paragraph and theme in variant v.
func heatmapChart(r *analysis.Result, themes []themeInfo, v int) (*chartView, error) {
	return unitHeatmap(r, paragraphUnits(r, themes, v), themes, v, "Paragraph")
}

// unitHeatmap draws added hits per unit (paragraph or section) and theme.
func unitHeatmap(r *analysis.Result, units []chartUnit, themes []themeInfo, v int, kind string) (*chartView, error) {
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
	tv := tableView{Head: []string{kind}}
	for _, t := range themes {
		tv.Head = append(tv.Head, t.Label)
	}
	var data []opts.HeatMapData
	max := 1
	for p, u := range units {
		any := false
		for _, t := range themes {
			any = any || u.Themes[t.Name] > 0
		}
		if !any {
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
				if k > max {
					max = k
				}
			}
		}
		tv.Rows = append(tv.Rows, row)
	}
	h := charts.NewHeatMap()
	h.SetGlobalOptions(chartInit(chartHeatmap)...)
	zoom := paragraphZoom(len(units))
	visual := opts.VisualMap{
		Calculable: opts.Bool(true), Min: 0, Max: float32(max), Orient: "horizontal", Left: "center", Bottom: "0",
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
	desc := fmt.Sprintf("Heatmap of added theme hits per %s and theme in %s, %d %s by %d themes", strings.ToLower(kind), d.Variants[v], len(units), plural(strings.ToLower(kind), len(units)), len(themes))
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

// chartUnit is what the heatmap and the change map draw one column or bar
// for: a paragraph, or a section when they are rolled up.
type chartUnit struct {
	ID, Link string
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
	out := make([]chartUnit, len(d.Paragraphs))
	for p, para := range d.Paragraphs {
		cmp := r.Comparison(p, v)
		u := chartUnit{ID: para.ID, Link: paraURL(d.Name, para.ID), Name: "Paragraph " + para.ID, Status: string(cmp.Status),
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
		out[i] = chartUnit{ID: sec.ID, Link: sectionURL(d.Name, sec.ID), Name: "Section " + sectionName(sec),
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
	return unitChangeMap(r, paragraphUnits(r, themes, v), themes, v, "Paragraph")
}

// unitChangeMap draws a bar per unit (paragraph or section): height its
// change ratio, colour the theme it added most.
func unitChangeMap(r *analysis.Result, units []chartUnit, themes []themeInfo, v int, kind string) (*chartView, error) {
	d := r.Document
	ids := make([]string, len(units))
	links := make([]string, len(units))
	data := make([]opts.BarData, len(units))
	tv := tableView{Head: []string{kind, "Status", "Added", "Deleted", "Change ratio", "Dominant theme"}}
	if kind == "Section" {
		tv.Head[1] = "Title"
	}
	used := make(map[string]bool)
	for p, u := range units {
		ids[p], links[p] = u.ID, u.Link
		second := u.Status
		if kind == "Section" {
			second = d.Sections[p].Title
		}
		color, dom := colorNone, ""
		if t, ok := dominant(u.Themes, themes); ok {
			color, dom = t.Color, t.Label
			used[t.Name] = true
		}
		if u.Absent {
			// No text is not "no change": no bar.
			data[p] = opts.BarData{Value: noValue}
			tv.Rows = append(tv.Rows, []string{u.ID, second, "0", "0", noText, ""})
			continue
		}
		// The tooltip shows the item's name: unit, section, ratio and theme.
		tip := u.Name + ": change ratio " + fmtNum(u.Ratio)
		if dom != "" {
			tip += "; theme added most: " + dom
		}
		data[p] = opts.BarData{Name: label(tip), Value: num(u.Ratio), ItemStyle: &opts.ItemStyle{Color: color}}
		tv.Rows = append(tv.Rows, []string{u.ID, second, strconv.Itoa(u.Added), strconv.Itoa(u.Deleted), fmtNum(u.Ratio), dom})
	}
	tv.Links = links
	// The legend names the colours: one empty series per theme some bar
	// has, stacked with the bars so that they take no room.
	b := barChart(chartChangeMap, ids,
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0", Right: "40"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}"}))
	if zoom := paragraphZoom(len(units)); zoom != nil {
		b.SetGlobalOptions(charts.WithDataZoomOpts(zoom...), withGrid(opts.Grid{Left: "8", Right: "16", Bottom: "48", Top: "36", ContainLabel: opts.Bool(true)}))
	}
	b.AddSeries(label("No theme added"), data, charts.WithItemStyleOpts(opts.ItemStyle{Color: colorNone}), charts.WithBarChartOpts(opts.BarChart{Stack: "map"}))
	for _, t := range themes {
		if used[t.Name] {
			b.AddSeries(label(t.Label), []opts.BarData{}, charts.WithItemStyleOpts(opts.ItemStyle{Color: t.Color}), charts.WithBarChartOpts(opts.BarChart{Stack: "map"}))
		}
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	what := "Every paragraph in document order"
	click := "Click a bar for the paragraph."
	if kind == "Section" {
		what, click = "Every section in document order, with its subsections", "Click a bar for the section."
	}
	csv := exportURL(d.Name, "paragraphs", vq("variant", d.Variants[v]))
	if kind == "Section" {
		csv = exportURL(d.Name, "sections", vq("variant", d.Variants[v]))
	}
	desc := fmt.Sprintf("Bar chart of the change ratio of each %s in %s, %d %s in document order, coloured by the theme each added most", strings.ToLower(kind), d.Variants[v], len(units), plural(strings.ToLower(kind), len(units)))
	best := -1
	for p, u := range units {
		if !u.Absent && u.Ratio > 0 && (best < 0 || u.Ratio > units[best].Ratio) {
			best = p
		}
	}
	if best >= 0 {
		desc += ", largest: " + units[best].Name + ", change ratio " + fmtNum(units[best].Ratio)
	}
	return &chartView{
		ID: chartChangeMap, Desc: desc, Title: "Change map of " + d.Variants[v], Option: option, Links: linksJSON(links), LinkBy: "x",
		Note:  what + "; bar height is (added + deleted) / base words, colour the theme it added most (grey: none), no bar where the variant has no text. " + click,
		Table: tv, CSV: csv,
	}, nil
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

// kindChart is chart e: change spans per kind and variant.
func kindChart(r *analysis.Result, shown []int, vf string) (*chartView, error) {
	d := r.Document
	cats := make([]string, len(analysis.Kinds))
	for i, k := range analysis.Kinds {
		cats[i] = kindLabel(k)
	}
	b := barChart(chartKinds, cats)
	tv := variantSeries(b, d, shown, "Kind", cats, func(k, v, i int) opts.BarData {
		return opts.BarData{Value: r.Totals[v].KindSpans[analysis.Kinds[i]]}
	})
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	top, topN := "", 0
	for _, v := range shown {
		for i, kind := range analysis.Kinds {
			if n := r.Totals[v].KindSpans[kind]; n > topN {
				top, topN = cats[i]+" in "+d.Variants[v], n
			}
		}
	}
	return &chartView{
		ID: chartKinds, Title: "Kinds of change", Option: option,
		Desc:  barDesc("change spans per kind of change", variantNames(d, shown), len(cats), "kind", top, float64(topN), "spans"),
		Note:  "Change spans per kind: qualifier (1 to 3 words inserted), clause (4 or more), new sentence, new paragraph, deletion, substitution.",
		Table: tv, CSV: exportURL(d.Name, "changes", vq("variant", vf)),
	}, nil
}

// kindLabel names a kind of change for readers.
func kindLabel(k analysis.Kind) string {
	switch k {
	case analysis.KindQualifier:
		return "qualifier"
	case analysis.KindClause:
		return "clause"
	case analysis.KindNewSentence:
		return "new sentence"
	case analysis.KindNewParagraph:
		return "new paragraph"
	case analysis.KindDeletion:
		return "deletion"
	case analysis.KindSubstitution:
		return "substitution"
	}
	return string(k)
}

// addChangeSeries adds to b the added and deleted words of variant v, the
// k-th shown, named name, as one stack of two bars.
func addChangeSeries(b *charts.Bar, name string, v, k int, added, deleted []opts.BarData) {
	stack := "v" + strconv.Itoa(v)
	b.AddSeries(label(name+" added"), added,
		charts.WithBarChartOpts(opts.BarChart{Stack: stack}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorAdded, Opacity: opts.Float(variantOpacity(k))}))
	b.AddSeries(label(name+" deleted"), deleted,
		charts.WithBarChartOpts(opts.BarChart{Stack: stack}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorDeleted, Opacity: opts.Float(variantOpacity(k))}))
}

// variantSeries adds to b one bar series per shown variant over the
// categories named by rowHeads, bar i of the k-th shown variant v being
// bar(k, v, i) with an int value, and returns the chart's table: a row per
// category, a column per variant.
func variantSeries(b *charts.Bar, d *analysis.Document, shown []int, head string, rowHeads []string, bar func(k, v, i int) opts.BarData) tableView {
	tv := tableView{Head: []string{head}, Rows: make([][]string, len(rowHeads))}
	for i, h := range rowHeads {
		tv.Rows[i] = []string{h}
	}
	for k, v := range shown {
		data := make([]opts.BarData, len(rowHeads))
		for i := range rowHeads {
			data[i] = bar(k, v, i)
			tv.Rows[i] = append(tv.Rows[i], strconv.Itoa(data[i].Value.(int)))
		}
		b.AddSeries(label(d.Variants[v]), data, charts.WithItemStyleOpts(opts.ItemStyle{Color: variantShade(k)}))
		tv.Head = append(tv.Head, d.Variants[v])
	}
	return tv
}

// sectionTitles maps section IDs to how charts name them: "3a. Title".
func sectionTitles(d *analysis.Document) map[string]string {
	out := make(map[string]string, len(d.Sections))
	for _, s := range d.Sections {
		out[s.ID] = sectionName(s)
	}
	return out
}
