package dashboard

import (
	"slices"
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
	chartUptakeFound   = "chart_uptake_found"
	chartUptakeShare   = "chart_uptake_share"
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

// sectionsHorizontal is how many sections a chart draws as columns; past
// it, bars lie down, their long names readable on the vertical axis.
const sectionsHorizontal = 20

// sectionChart is chart b: added and deleted words per section, stacked per
// variant, optionally per 100 words of the section's base (oq.norm), each
// variant's own; the sections with most change first, by the largest stack
// a section has (or in document order), those of the page of that order
// drawn and in the table. A document with subsections ranks its top-level
// sections, each holding its subsections' words, unless oq.allLevels
// ranks every level; w is the page of the overview's sections, which the
// chart follows when it ranks them all.
func sectionChart(r *analysis.Result, shown []int, oq overviewQuery, vf, path string, w window) (*chartView, error) {
	d := r.Document
	cands, w, nested := rankedSections(d, oq, path, w)
	n := len(cands)
	names := make([]string, n)
	links := make([]string, n)
	for k, i := range cands {
		names[k] = sectionName(d.Sections[i])
		links[k] = withQuery(sectionURL(d.Name, d.Sections[i].ID), vq("variant", vf))
	}
	sb := sectionFigures(r, shown, cands, oq.norm)
	order := make([]int, n)
	for k := range order {
		order[k] = k
	}
	if !oq.docOrder {
		sort.SliceStable(order, func(a, b int) bool { return sb.volume[order[a]] > sb.volume[order[b]] })
	}
	// The page's sections of that order: drawn, and the table's rows.
	page := order[min(w.Lo, n):min(w.Hi, n)]
	cats := make([]string, len(page))
	tv := tableView{Head: sb.head}
	for j, k := range page {
		cats[j] = names[k]
		tv.Rows = append(tv.Rows, sb.rows[k])
		tv.Links = append(tv.Links, links[k])
	}
	var b *charts.Bar
	horizontal := len(page) > sectionsHorizontal
	if horizontal {
		b = horizontalBarChart(chartSections, cats)
	} else {
		b = barChart(chartSections, cats)
	}
	if oq.norm {
		ratioAxis(b, "words per 100 base words")
	}
	for j, v := range shown {
		a, del := make([]opts.BarData, len(page)), make([]opts.BarData, len(page))
		for x, k := range page {
			a[x], del[x] = sb.added[j][k], sb.deleted[j][k]
		}
		addChangeSeries(b, d.Variants[v], v, j, a, del)
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	cv := &chartView{
		ID: chartSections, Option: option, Links: linksJSON(tv.Links), LinkBy: "index", Tall: horizontal || wrapsLabels(cats),
		ChoicesLabel: "Sections",
		Table:        tv, CSV: exportURL(d.Name, "sections", vq("variant", vf)),
	}
	cv.describeSections(r, shown, oq, path, w, nested)
	best := -1
	for _, k := range page {
		if sb.volume[k] > 0 && (best < 0 || sb.volume[k] > sb.volume[best]) {
			best = k
		}
	}
	if best >= 0 {
		cv.Desc += ", largest: " + names[best] + " (" + fmtNum(sb.volume[best]) + " " + sb.unit + ")"
	}
	return w.drawn(cv, nil)
}

// sectionBars are the sections chart's figures, per shown variant j and
// ranked section k: the bars, the table's cells and head, and each
// section's volume, its largest stack (the length a reader compares).
type sectionBars struct {
	added, deleted [][]opts.BarData
	rows           [][]string
	head           []string
	volume         []float64
	unit           string // "words" or "per 100 base words"
}

// sectionFigures returns the bars of sections cands of r for the variants
// shown, in words or per 100 words of each section's base (norm).
func sectionFigures(r *analysis.Result, shown, cands []int, norm bool) sectionBars {
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
	n := len(cands)
	sb := sectionBars{
		added: make([][]opts.BarData, len(shown)), deleted: make([][]opts.BarData, len(shown)),
		rows: make([][]string, n), volume: make([]float64, n), head: []string{"Section", "Title"}, unit: "words",
	}
	if norm {
		sb.unit = "per 100 base words"
	}
	for k, i := range cands {
		sb.rows[k] = []string{d.Sections[i].ID, d.Sections[i].Title}
	}
	for j, v := range shown {
		sb.added[j] = make([]opts.BarData, n)
		sb.deleted[j] = make([]opts.BarData, n)
		for k, i := range cands {
			m := metrics[d.Sections[i].ID][v]
			if m.Present() == 0 {
				// The variant has no text in the section: no bar, not a
				// zero one.
				sb.added[j][k], sb.deleted[j][k] = opts.BarData{Value: noValue}, opts.BarData{Value: noValue}
				sb.rows[k] = append(sb.rows[k], "0", noText, noText)
				continue
			}
			a, del := value(m.Added, m.BaseWords), value(m.Deleted, m.BaseWords)
			sb.added[j][k], sb.deleted[j][k] = opts.BarData{Value: a}, opts.BarData{Value: del}
			sb.volume[k] = max(sb.volume[k], a+del)
			sb.rows[k] = append(sb.rows[k], strconv.Itoa(m.BaseWords), fmtNum(a), fmtNum(del))
		}
		name := d.Variants[v]
		sb.head = append(sb.head, name+" base words", name+" added ("+sb.unit+")", name+" deleted ("+sb.unit+")")
	}
	return sb
}

// describeSections words the sections chart of r for oq: its title, its
// note (with the choice of levels, for a document with subsections), and
// the description a screen reader reads, but for its largest section.
func (cv *chartView) describeSections(r *analysis.Result, shown []int, oq overviewQuery, path string, w window, nested bool) {
	cv.Title = "Sections by change volume"
	if oq.norm {
		cv.Title += " (per 100 base words)"
	}
	ordered := "most changed first"
	if oq.docOrder {
		ordered = "in document order"
	}
	note := "Added (green) and deleted (red) words per section, one stack per variant, " + ordered
	if !oq.docOrder && len(shown) > 1 {
		note += " by each section's largest stack"
	}
	if w.Pager.Paged() {
		note += "; " + strconv.Itoa(sectionRows) + " sections a page, in the chart and the table, all in the downloads"
	}
	levels, choices := levelChoices(oq, path, nested)
	cv.Note = note + ". " + levels + " Click a bar for the section."
	cv.Choices = choices
	what := "added and deleted words per section"
	if oq.norm {
		what = "added and deleted words per 100 base words, per section"
	}
	cv.Desc = "Bar chart of " + what + " for " + strings.Join(variantNames(r.Document, shown), ", ") + ", " + w.Pager.span("section") + " " + ordered
}

// rankedSections returns the indexes of the sections of d the sections
// chart ranks, and the page of them it draws: every section, or, when d
// has subsections and oq asks for no other, the top level's, paged on
// their own (w is the page of the overview's list of every section);
// nested says whether d has subsections.
func rankedSections(d *analysis.Document, oq overviewQuery, path string, w window) (cands []int, page window, nested bool) {
	nested = slices.ContainsFunc(d.Sections, func(sec analysis.Section) bool { return sec.Parent != "" })
	for i, sec := range d.Sections {
		if oq.allLevels || !nested || sec.Parent == "" {
			cands = append(cands, i)
		}
	}
	if nested && !oq.allLevels {
		pg, lo, hi := pageWithin(path, oq.q, sectionRows, len(cands), oq.page)
		pg.Noun = "sections"
		w = window{Pager: pg, Lo: lo, Hi: hi}
	}
	return cands, w, nested
}

// levelChoices says which levels of sections the sections chart ranks,
// and offers the other, for a document with subsections (nested).
func levelChoices(oq overviewQuery, path string, nested bool) (string, []link) {
	if !nested {
		return "A section includes its subsections.", nil
	}
	say := "Top-level sections, each including its subsections."
	if oq.allLevels {
		say = "Every level: a section includes its subsections, which also stand on their own."
	}
	return say, []link{
		{Name: "top level", URL: toggleURL(path, oq.q, "levels", "all", true, "page"), Active: !oq.allLevels},
		{Name: "all levels", URL: toggleURL(path, oq.q, "levels", "all", false, "page"), Active: oq.allLevels},
	}
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
		charts.WithXAxisOpts(opts.XAxis{Type: "value", MinInterval: 1}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: axisLabel}),
	)
	b.SetGlobalOptions(extra...)
	b.SetXAxis(labels(categories))
	b.XYReversal()
	return b
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
