package dashboard

import (
	"fmt"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// The heatmap and the change map run along the document: one column per
// paragraph, or per section when rolled up. Past zoomWindow paragraphs they
// open zoomed on the first ones, and a click opens the paragraph (section)
// whose column is under the pointer, read from the axis rather than from
// the bar hit, so that it holds however thin the columns are.

// column is one column of a chart along the document: a paragraph, or a
// section when rolled up.
type column struct {
	ID   string // the axis category
	Name string // how tooltips name it: "Paragraph 12 (section 3a)", "Section 3a. Water"
	URL  string
}

// paragraphColumns are the columns of the paragraphs of r.
func paragraphColumns(r *analysis.Result) []column {
	// The section by its number only: a title repeated on every one of
	// thousands of paragraphs would weigh more than the chart's data.
	d := r.Document
	cols := make([]column, len(d.Paragraphs))
	for i, p := range d.Paragraphs {
		name := "Paragraph " + p.ID
		if p.Section != "" {
			name += " (section " + p.Section + ")"
		}
		cols[i] = column{ID: p.ID, Name: label(name), URL: paraURL(d.Name, p.ID)}
	}
	return cols
}

// sectionColumns are the columns of the sections of r, variant v chosen on
// their pages.
func sectionColumns(r *analysis.Result, v int) []column {
	d := r.Document
	cols := make([]column, len(d.Sections))
	for i, sec := range d.Sections {
		cols[i] = column{ID: sec.ID, Name: label("Section " + sectionName(sec)), URL: withQuery(sectionURL(d.Name, sec.ID), vq("variant", d.Variants[v]))}
	}
	return cols
}

// sectionMetrics returns the figures of every section of r in variant v,
// in document order.
func sectionMetrics(r *analysis.Result, v int) []analysis.Metrics {
	d := r.Document
	index := make(map[string]int, len(d.Sections))
	for i, sec := range d.Sections {
		index[sec.ID] = i
	}
	out := make([]analysis.Metrics, len(d.Sections))
	for _, sm := range r.Sections {
		if i, ok := index[sm.Section]; ok && sm.Variant == v {
			out[i] = sm.Metrics
		}
	}
	return out
}

// columnsOf names what a column stands for.
func columnsOf(bySection bool) string {
	if bySection {
		return "section"
	}
	return "paragraph"
}

// heatmapChart is chart c: added hits per paragraph (or section) and theme
// in variant v.
func heatmapChart(r *analysis.Result, themes []themeInfo, v int, bySection bool) (*chartView, error) {
	d := r.Document
	var cols []column
	var counts func(c int) []int
	if bySection {
		cols = sectionColumns(r, v)
		ms := sectionMetrics(r, v)
		counts = func(c int) []int {
			out := make([]int, len(themes))
			for i, t := range themes {
				out[i] = ms[c].ThemeAdded[t.Name]
			}
			return out
		}
	} else {
		cols = paragraphColumns(r)
		index := make(map[string]int, len(themes))
		for i, t := range themes {
			index[t.Name] = i
		}
		counts = func(p int) []int {
			out := make([]int, len(themes))
			for _, h := range r.Comparison(p, v).Hits {
				if i, ok := index[h.Theme]; ok && h.Change == analysis.ChangeAdded {
					out[i]++
				}
			}
			return out
		}
	}
	ids := make([]string, len(cols))
	links := make([]string, len(cols))
	for i, c := range cols {
		ids[i], links[i] = c.ID, c.URL
	}
	ylabels := make([]string, len(themes))
	tv := tableView{Head: []string{capital(columnsOf(bySection))}}
	for i, t := range themes {
		ylabels[i] = t.Label
		tv.Head = append(tv.Head, t.Label)
	}
	var data []opts.HeatMapData
	max, top, topN := 1, "", 0
	for c, col := range cols {
		k := counts(c)
		row := []string{col.ID}
		any := false
		for i, n := range k {
			row = append(row, strconv.Itoa(n))
			if n == 0 {
				continue
			}
			any = true
			// The item's name is its tooltip: where, which theme, how many.
			// ECharts' tooltip templates have no placeholder for one
			// dimension of a value, so the count is written here.
			data = append(data, opts.HeatMapData{Name: fmt.Sprintf("%s · %s: %d added %s", col.Name, label(themes[i].Label), n, plural("hit", n)), Value: [3]int{c, i, n}})
			max = maxInt(max, n)
			if n > topN {
				top, topN = col.Name+", "+themes[i].Label, n
			}
		}
		if any {
			tv.Rows = append(tv.Rows, row)
		}
	}
	h := charts.NewHeatMap()
	h.SetGlobalOptions(chartInit(chartHeatmap)...)
	// The visual map sits under the grid, the zoom slider under both.
	vmBottom := 0
	if len(cols) > zoomWindow {
		vmBottom = 26
	}
	h.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels(ids), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: labels(ylabels), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{
			Calculable: opts.Bool(true), Min: 0, Max: float32(max), Orient: "horizontal", Left: "center", Bottom: strconv.Itoa(vmBottom),
			InRange: &opts.VisualMapInRange{Color: []string{"#f1f3f5", "#4f86c6", "#1f4e79"}},
		}),
		withGrid(opts.Grid{Left: "8", Right: "16", Bottom: strconv.Itoa(vmBottom + 56), Top: "32", ContainLabel: opts.Bool(true)}),
	)
	h.AddSeries(label("Added hits in "+d.Variants[v]), data)
	option, err := chartOption(h, zoomOption("x", len(cols)))
	if err != nil {
		return nil, err
	}
	per := columnsOf(bySection)
	desc := fmt.Sprintf("Heatmap of added theme hits per %s and theme in %s, %d %ss by %d themes", per, d.Variants[v], len(cols), per, len(themes))
	if topN > 0 {
		desc += fmt.Sprintf(", most: %s (%d hits)", top, topN)
	}
	cv := &chartView{
		ID: chartHeatmap, Title: "Themes by " + per + " in " + d.Variants[v], Desc: desc, Option: option, Links: linksJSON(links), LinkBy: "x", Tall: true,
		Note:  "Added theme hits per paragraph (columns, in document order) and theme (rows). Click a column for the paragraph. The table lists paragraphs with hits.",
		Table: tv, CSV: exportURL(d.Name, "hits", vq("variant", d.Variants[v])),
	}
	if bySection {
		cv.Note = "Added theme hits per section (columns, in document order; a section includes its subsections) and theme (rows). Click a column for the section. The table lists sections with hits."
		cv.CSV = exportURL(d.Name, "sections", vq("variant", d.Variants[v]))
	} else if len(cols) > zoomWindow {
		cv.Note += fmt.Sprintf(" It opens on the first %d of %d paragraphs: drag the slider, or drag and Ctrl+wheel in the chart, to move and zoom.", zoomWindow, len(cols))
	}
	return cv, nil
}

// zoomOption is the dataZoom of a chart with n categories on axis, as
// extra option keys; nil when they fit.
func zoomOption(axis string, n int) map[string]any {
	z := zoomed(axis, n, zoomWindow)
	if z == nil {
		return nil
	}
	return map[string]any{"dataZoom": z}
}

// dominantTheme is the theme with most added hits among counts, ties in
// dictionary order, or "" when none has any.
func dominantTheme(counts map[string]int, themes []themeInfo) string {
	best, bestN := "", 0
	for _, t := range themes {
		if counts[t.Name] > bestN {
			best, bestN = t.Name, counts[t.Name]
		}
	}
	return best
}

// addedHits counts the added hits of cmp per theme.
func addedHits(cmp *analysis.Comparison) map[string]int {
	counts := make(map[string]int)
	for _, h := range cmp.Hits {
		if h.Change == analysis.ChangeAdded {
			counts[h.Theme]++
		}
	}
	return counts
}

// noTheme names the change map's series of columns that added no theme.
const noTheme = "no theme"

// changeMapChart is chart d: every paragraph (or section) in document
// order, bar height its change ratio in variant v, colour the theme it
// added most. Each colour is a series named after its theme, all sharing
// one bar slot, so the legend shows the colours the bars have.
func changeMapChart(r *analysis.Result, themes []themeInfo, v int, bySection bool) (*chartView, error) {
	d := r.Document
	var cols []column
	var figures func(c int) (status string, added, deleted int, ratio float64, themeCounts map[string]int)
	if bySection {
		cols = sectionColumns(r, v)
		ms := sectionMetrics(r, v)
		figures = func(c int) (string, int, int, float64, map[string]int) {
			return "", ms[c].Added, ms[c].Deleted, ms[c].ChangeRatio, ms[c].ThemeAdded
		}
	} else {
		cols = paragraphColumns(r)
		figures = func(p int) (string, int, int, float64, map[string]int) {
			cmp := r.Comparison(p, v)
			return string(cmp.Status), cmp.Added, cmp.Deleted, cmp.ChangeRatio, addedHits(cmp)
		}
	}
	per := columnsOf(bySection)
	ids := make([]string, len(cols))
	links := make([]string, len(cols))
	series := make(map[string][]opts.BarData)
	tv := tableView{Head: []string{capital(per), "Status", "Added", "Deleted", "Change ratio", "Dominant theme"}}
	if bySection {
		tv.Head = []string{"Section", "Added", "Deleted", "Change ratio", "Dominant theme"}
	}
	top, topRatio := "", 0.0
	for c, col := range cols {
		ids[c], links[c] = col.ID, col.URL
		status, added, deleted, ratio, counts := figures(c)
		dom, domLabel := noTheme, ""
		if name := dominantTheme(counts, themes); name != "" {
			dom = name
			for _, t := range themes {
				if t.Name == name {
					domLabel = t.Label
				}
			}
		}
		// [column, ratio] pairs put each bar in its column whatever its
		// series; the name, with the ratio, is the tooltip's line.
		series[dom] = append(series[dom], opts.BarData{Name: col.Name + ": change ratio " + fmtNum(ratio), Value: [2]any{c, num(ratio)}})
		if ratio > topRatio {
			top, topRatio = col.Name, ratio
		}
		row := []string{col.ID}
		if !bySection {
			row = append(row, status)
		}
		tv.Rows = append(tv.Rows, append(row, strconv.Itoa(added), strconv.Itoa(deleted), fmtNum(ratio), domLabel))
	}
	b := barChart(chartChangeMap, ids, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "Theme added most: {a}<br/>{b}"}))
	if len(cols) > zoomWindow {
		b.SetGlobalOptions(withGrid(opts.Grid{Left: "8", Right: "16", Bottom: "32", Top: "36", ContainLabel: opts.Bool(true)}))
	}
	slot := charts.WithBarChartOpts(opts.BarChart{BarGap: "-100%"})
	for _, t := range themes {
		if data := series[t.Name]; len(data) > 0 {
			b.AddSeries(label(t.Label), data, slot, charts.WithItemStyleOpts(opts.ItemStyle{Color: t.Color}))
		}
	}
	if data := series[noTheme]; len(data) > 0 {
		b.AddSeries(noTheme, data, slot, charts.WithItemStyleOpts(opts.ItemStyle{Color: colorNone}))
	}
	option, err := chartOption(b, zoomOption("x", len(cols)))
	if err != nil {
		return nil, err
	}
	desc := fmt.Sprintf("Bar chart of the change ratio of each %s in %s, %d %ss in document order, coloured by the theme each added most", per, d.Variants[v], len(cols), per)
	if top != "" {
		desc += fmt.Sprintf(", largest: %s (%s)", top, fmtNum(topRatio))
	}
	cv := &chartView{
		ID: chartChangeMap, Title: "Change map of " + d.Variants[v], Desc: desc, Option: option, Links: linksJSON(links), LinkBy: "x",
		Note:  "Every paragraph in document order; bar height is (added + deleted) / base words, colour the theme it added most (see the legend; grey: none). Click a column for the paragraph.",
		Table: tv, CSV: exportURL(d.Name, "paragraphs", vq("variant", d.Variants[v])),
	}
	if bySection {
		cv.Note = "Every section in document order (a section includes its subsections); bar height is (added + deleted) / base words, colour the theme it added most (see the legend; grey: none). Click a column for the section."
		cv.CSV = exportURL(d.Name, "sections", vq("variant", d.Variants[v]))
	} else if len(cols) > zoomWindow {
		cv.Note += fmt.Sprintf(" It opens on the first %d of %d paragraphs: drag the slider, or drag and Ctrl+wheel in the chart, to move and zoom.", zoomWindow, len(cols))
	}
	return cv, nil
}

// capital returns s with its first letter in upper case (ASCII).
func capital(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
