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
	// Bars take their theme's colour, fainter for later variants; the
	// legend, which draws a series' own colour, shows a neutral shade at
	// each variant's opacity, since no one theme colour stands for a variant.
	tv := variantSeries(b, d, shown, "Theme", cats, func(k, v, i int) opts.BarData {
		t := themes[i]
		return opts.BarData{Value: perVariant[v][t.Name], ItemStyle: &opts.ItemStyle{Color: t.Color, Opacity: opts.Float(variantOpacity(k))}}
	}, func(k int) opts.ItemStyle {
		return opts.ItemStyle{Color: colorLegend, Opacity: opts.Float(variantOpacity(k))}
	})
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
		ID: id, Title: title, Option: option, Links: linksJSON(links), LinkBy: "index", Tall: tallFor(cats),
		Desc:  barDesc("added theme hits per theme", variantNames(d, shown), len(themes), "theme", top, float64(topN), "hits"),
		Note:  "Added theme hits per theme; bars in the theme's colour, fainter for later variants (the legend shows each variant's shade). Click a bar for the theme's hits.",
		Table: tv, CSV: exportURL(d.Name, "themes", vq("variant", vf)),
	}, nil
}

// variantNames are the names of the variants shown.
func variantNames(d *analysis.Document, shown []int) []string {
	out := make([]string, len(shown))
	for i, v := range shown {
		out[i] = d.Variants[v]
	}
	return out
}

// barDesc is the aria-label of a bar chart: "Bar chart of WHAT for
// VARIANTS, N NOUNs, largest: TOP (VALUE UNIT)", the largest part left out
// when top is "".
func barDesc(what string, variants []string, n int, noun, top string, value float64, unit string) string {
	s := "Bar chart of " + what
	if len(variants) > 0 {
		s += " for " + strings.Join(variants, ", ")
	}
	s += fmt.Sprintf(", %d %s", n, plural(noun, n))
	if top != "" {
		s += fmt.Sprintf(", largest: %s (%s %s)", top, fmtNum(value), unit)
	}
	return s
}

// plural returns noun for one, noun+"s" otherwise.
func plural(noun string, n int) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// sectionTop is how many sections the section chart shows by volume; the
// table below it lists them all.
const sectionTop = 30

// sectionHorizontal is the number of sections past which the section chart
// lays its bars down, labels on the left where they need not tilt.
const sectionHorizontal = 20

// sectionChart is chart b: added and deleted words per section, stacked per
// variant, optionally per 100 words of the section's base; the sectionTop
// sections that changed most, most first, or with docOrder every section in
// document order (zoomed past sectionTop).
func sectionChart(r *analysis.Result, shown []int, norm, docOrder bool, vf string) (*chartView, error) {
	d := r.Document
	metrics := make(map[string]map[int]analysis.SectionMetrics)
	for _, sm := range r.Sections {
		if metrics[sm.Section] == nil {
			metrics[sm.Section] = make(map[int]analysis.SectionMetrics)
		}
		metrics[sm.Section][sm.Variant] = sm
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
	// Each section's figures per shown variant, and its volume: all its
	// bars end to end.
	type secFigures struct {
		sec            analysis.Section
		added, deleted []float64
		volume         float64
	}
	secs := make([]secFigures, len(d.Sections))
	for i, sec := range d.Sections {
		f := secFigures{sec: sec}
		for _, v := range shown {
			m := metrics[sec.ID][v]
			a, del := value(m.Added, m.BaseWords), value(m.Deleted, m.BaseWords)
			f.added, f.deleted = append(f.added, a), append(f.deleted, del)
			f.volume += a + del
		}
		secs[i] = f
	}
	if !docOrder {
		sort.SliceStable(secs, func(i, j int) bool { return secs[i].volume > secs[j].volume })
	}
	drawn := secs
	if !docOrder && len(drawn) > sectionTop {
		drawn = drawn[:sectionTop]
	}
	cats := make([]string, len(drawn))
	links := make([]string, len(drawn))
	for i, f := range drawn {
		cats[i] = f.sec.ID
		links[i] = withQuery(sectionURL(d.Name, f.sec.ID), vq("variant", vf))
	}
	tooltip := charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}<br/>{a}: {c}"})
	horizontal := len(drawn) > sectionHorizontal
	var b *charts.Bar
	if horizontal {
		b = hbarChart(chartSections, cats, tooltip)
	} else {
		b = barChart(chartSections, cats, tooltip)
	}
	unit := "words"
	if norm {
		unit = "per 100 base words"
	}
	tv := tableView{Head: []string{"Section", "Title"}}
	rows := make([][]string, len(secs))
	for i, f := range secs {
		rows[i] = []string{f.sec.ID, f.sec.Title}
		for k, v := range shown {
			rows[i] = append(rows[i], strconv.Itoa(metrics[f.sec.ID][v].BaseWords), fmtNum(f.added[k]), fmtNum(f.deleted[k]))
		}
	}
	for k, v := range shown {
		added := make([]opts.BarData, len(drawn))
		deleted := make([]opts.BarData, len(drawn))
		for i, f := range drawn {
			// The item's name is the tooltip's first line: the section's
			// number and title.
			name := label(sectionName(f.sec))
			added[i] = opts.BarData{Name: name, Value: f.added[k]}
			deleted[i] = opts.BarData{Name: name, Value: f.deleted[k]}
		}
		name := d.Variants[v]
		addChangeSeries(b, name, v, k, added, deleted)
		tv.Head = append(tv.Head, name+" base words", name+" added ("+unit+")", name+" deleted ("+unit+")")
	}
	tv.Rows = rows
	var extra map[string]any
	if docOrder {
		if z := zoomed("y", len(drawn), sectionTop); z != nil && horizontal {
			extra = map[string]any{"dataZoom": z}
			b.SetGlobalOptions(withGrid(opts.Grid{Left: "8", Right: "32", Bottom: "8", Top: "36", ContainLabel: opts.Bool(true)}))
		}
	}
	option, err := chartOption(b, extra)
	if err != nil {
		return nil, err
	}
	title := "Sections by change volume"
	if docOrder {
		title = "Change per section"
	}
	if norm {
		title += " (per 100 base words)"
	}
	var names []string
	for _, v := range shown {
		names = append(names, d.Variants[v])
	}
	desc := fmt.Sprintf("Bar chart of added and deleted words (%s) per section for %s, ", unit, strings.Join(names, ", "))
	if len(drawn) < len(secs) {
		desc += fmt.Sprintf("the %d of %d sections that changed most", len(drawn), len(secs))
	} else {
		desc += fmt.Sprintf("%d sections", len(secs))
	}
	if docOrder {
		desc += " in document order"
	}
	if best := mostVolume(secs, func(i int) float64 { return secs[i].volume }); best >= 0 && secs[best].volume > 0 {
		desc += fmt.Sprintf(", largest: %s (%s %s)", sectionName(secs[best].sec), fmtNum(secs[best].volume), unit)
	}
	note := "Added (green) and deleted (red) words per section, one stack per variant; the sections that changed most first"
	switch {
	case docOrder:
		note = "Added (green) and deleted (red) words per section in document order, one stack per variant"
	case len(drawn) < len(secs):
		note += fmt.Sprintf("; the chart shows the top %d of %d sections, the table all of them", len(drawn), len(secs))
	}
	note += ". A section includes its subsections. Click a bar for the section."
	return &chartView{
		ID: chartSections, Title: title, Desc: desc, Option: option, Links: linksJSON(links), LinkBy: "index", Tall: horizontal,
		Note:  note,
		Table: tv, CSV: exportURL(d.Name, "sections", vq("variant", vf)),
	}, nil
}

// mostVolume returns the index among n items with the largest value, the
// first such, or -1 when there are none.
func mostVolume[T any](items []T, value func(i int) float64) int {
	best := -1
	for i := range items {
		if best < 0 || value(i) > value(best) {
			best = i
		}
	}
	return best
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
	}, func(k int) opts.ItemStyle { return opts.ItemStyle{Color: variantShade(k)} })
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
		ID: chartKinds, Title: "Kinds of change", Option: option, Tall: tallFor(cats),
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
// bar(k, v, i) with an int value, the series' own style (which its legend
// entry draws) style(k), and returns the chart's table: a row per
// category, a column per variant.
func variantSeries(b *charts.Bar, d *analysis.Document, shown []int, head string, rowHeads []string, bar func(k, v, i int) opts.BarData, style func(k int) opts.ItemStyle) tableView {
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
		b.AddSeries(label(d.Variants[v]), data, charts.WithItemStyleOpts(style(k)))
		tv.Head = append(tv.Head, d.Variants[v])
	}
	return tv
}
