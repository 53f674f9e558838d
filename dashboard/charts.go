package dashboard

import (
	"encoding/json"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// chartView is one chart on a page: the container (id = ID, class "chart"),
// its option as JSON data, the URLs a click opens, and the chart's numbers
// as a table with a CSV download of the same rows.
type chartView struct {
	ID     string // DOM id and go-echarts ChartID; unique on a page
	Title  string
	Note   string
	Option template.JS // the ECharts option, JSON safe inside a script element
	Links  string      // JSON array of same-site URLs
	LinkBy string      // what indexes Links: "index", the clicked item's; "x" or "y", the category under the pointer on that axis; "series": Links holds an array per series, by index
	Tall   bool
	Desc   string // what the chart shows, in words: its aria-label
	Table  tableView
	CSV    string // URL of the CSV download with the same filters
	More   link   // a page that goes further, when set
	// Choices are other views of the same chart (the stage the uptake
	// charts judge against), the one shown marked, under ChoicesLabel.
	Choices      []link
	ChoicesLabel string
	Pager        pager // the page of Table's rows shown, when it runs to several
	// PagedChart says that the chart too draws only Pager's page, so that
	// the pager belongs under it rather than under the table.
	PagedChart bool
}

// tableView is an HTML table of strings.
type tableView struct {
	Head  []string
	Rows  [][]string
	Links []string // per row, the page its header cell links to ("" none); nil for none
}

// cellEscaper escapes text as html/template does in element content, so
// that a table body written here reads as one the template would write.
var cellEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// BodyHTML returns the rows of the table body, each on its own line, the
// first cell of a row its header; a table without rows says so. The rows
// of a chart of every paragraph number in the thousands: written here
// rather than by the template, they cost a string builder's appends
// instead of a template action per cell.
func (t tableView) BodyHTML() template.HTML {
	if len(t.Rows) == 0 {
		return template.HTML("\n<tr><td colspan=\"" + strconv.Itoa(len(t.Head)) + "\">No figures.</td></tr>")
	}
	n := 0
	for _, row := range t.Rows {
		n += 48
		for _, v := range row {
			n += len(v) + 9
		}
	}
	var b strings.Builder
	b.Grow(n)
	for r, row := range t.Rows {
		b.WriteString("\n<tr>")
		for i, v := range row {
			if i == 0 {
				b.WriteString(`<th scope="row">`)
				if r < len(t.Links) && t.Links[r] != "" {
					// Keyboard users drill down from the table as
					// pointer users do from the chart.
					b.WriteString(`<a href="`)
					cellEscaper.WriteString(&b, t.Links[r])
					b.WriteString(`">`)
					cellEscaper.WriteString(&b, v)
					b.WriteString("</a></th>")
					continue
				}
				cellEscaper.WriteString(&b, v)
				b.WriteString("</th>")
				continue
			}
			b.WriteString("<td>")
			cellEscaper.WriteString(&b, v)
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	return template.HTML(b.String())
}

// wrappingLegend is the legend of every chart that has one: every series
// named in full, on as many lines as the names take (never paged); the
// page's script moves the plot down below it.
var wrappingLegend = opts.Legend{Show: opts.Bool(true), Type: "plain", Top: "0", Left: "8", Right: "8"}

// chartInit returns the options every chart gets: its ID, a title-less layout with a legend and axis tooltips.
func chartInit(id string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithAnimation(false),
		charts.WithLegendOpts(wrappingLegend),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		withGrid(chartGrid(8)),
	}
}

// zoomParagraphs is how many paragraphs a chart of every paragraph shows at
// first; past it, a slider and the mouse wheel or a drag move and zoom the
// window.
const zoomParagraphs = 150

// paragraphZoom returns the dataZoom of a chart of n paragraphs along its x
// axis, opening on the first zoomParagraphs; nil when they all fit.
func paragraphZoom(n int) []opts.DataZoom {
	if n <= zoomParagraphs {
		return nil
	}
	// A category axis of n items spans n-1 steps; the window ends on the
	// item zoomParagraphs-1.
	end := float32(zoomParagraphs-1) * 100 / float32(n-1)
	return []opts.DataZoom{
		{Type: "slider", Start: 0, End: end, XAxisIndex: 0, FilterMode: "filter"},
		{Type: "inside", Start: 0, End: end, XAxisIndex: 0, FilterMode: "filter"},
	}
}

// chartGrid is the plot area of a chart with axes: margins in pixels, left
// as given, with the axis labels inside.
func chartGrid(left int) opts.Grid {
	return opts.Grid{Left: strconv.Itoa(left), Right: "16", Bottom: "8", Top: "36", ContainLabel: opts.Bool(true)}
}

// barDesc describes a bar chart for its aria-label: "Bar chart of WHAT for
// VARIANTS, N NOUNs, largest: TOP (VALUE UNIT)"; no variants part without
// variants, no largest part when top is "".
func barDesc(what string, variants []string, n int, noun, top string, value float64, unit string) string {
	s := "Bar chart of " + what
	if len(variants) > 0 {
		s += " for " + strings.Join(variants, ", ")
	}
	s += ", " + strconv.Itoa(n) + " " + plural(noun, n)
	if top != "" {
		s += ", largest: " + top + " (" + fmtNum(value) + " " + unit + ")"
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

// variantNames are the names of the variants shown.
func variantNames(d *analysis.Document, shown []int) []string {
	out := make([]string, len(shown))
	for i, v := range shown {
		out[i] = d.Variants[v]
	}
	return out
}

// label is a string as a chart shows it: control characters become spaces.
func label(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// labels applies label to each string.
func labels(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = label(s)
	}
	return out
}

// num makes a figure safe for a chart: NaN and ±Inf become 0 (JSON has no
// encoding for them and go-echarts drops the whole option on an encoding
// error), and it is rounded to 3 decimals.
func num(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1000) / 1000
}

// fmtNum formats a figure for a table.
func fmtNum(x float64) string {
	return strconv.FormatFloat(num(x), 'f', -1, 64)
}

// linksJSON encodes URLs for a chart's data-links attribute: one per item,
// or, for a chart whose LinkBy is "series", an array per series. It is ""
// for none, which leaves the attribute out.
func linksJSON[L []string | [][]string](urls L) string {
	if len(urls) == 0 {
		return ""
	}
	b, err := json.Marshal(urls)
	if err != nil {
		return ""
	}
	return string(b)
}

// variantShades colour series that stand for variants; theme colours are
// kept for themes.
var variantShades = []string{"#1f4e79", "#4f86c6", "#8fb8de", "#2b8a3e", "#e8590c", "#862e9c", "#495057"}

func variantShade(i int) string { return variantShades[i%len(variantShades)] }

// variantOpacity tells variants apart in bars coloured by theme.
func variantOpacity(i int) float32 {
	o := 1 - 0.25*float32(i)
	if o < 0.35 {
		o = 0.35
	}
	return o
}

// colorLegend is the swatch of a series whose bars each have their own
// colour.
const colorLegend = "#495057"

// Colours of added and deleted words, and of change without a theme.
const (
	colorAdded   = "#2b8a3e"
	colorDeleted = "#c92a2a"
	colorNone    = "#adb5bd"
	// colorOutOfScope is an insertion's where a partial stage lacks its
	// paragraph: neither a verdict's colour nor pending's grey.
	colorOutOfScope = "#9775fa"
	// colorReworded is an insertion's whose content came back in other
	// words.
	colorReworded = "#0c8599"
	// colorMoved is an insertion's whose words came back in another
	// paragraph; colorWeakened one's whose obligation came back weaker.
	colorMoved    = "#1864ab"
	colorWeakened = "#e8590c"
)

// barChart is a category bar chart with the common options. Its bars are
// counts: the value axis has whole steps (ratioAxis for ratios).
func barChart(id string, categories []string, extra ...charts.GlobalOpts) *charts.Bar {
	rot := rotation(categories)
	if rot > 0 && longest(categories) > longLabel && len(categories) <= sectionRows {
		// Long names tilted reach past a phone's screen: lay the bars down,
		// the names on the vertical axis.
		return horizontalBarChart(id, categories, extra...)
	}
	b := charts.NewBar()
	b.SetGlobalOptions(chartInit(id)...)
	axisLabel := &opts.AxisLabel{Interval: "auto", Rotate: rot}
	if rot > 0 {
		// A very long tilted label would leave the bars no height; the
		// tooltip and the table keep the whole text.
		axisLabel.Width, axisLabel.Overflow = 300, "truncate"
	}
	b.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels(categories), AxisLabel: axisLabel}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}),
	)
	if rot > 0 && len(categories) > 0 {
		// containLabel keeps tilted labels within the chart's height but
		// not its left edge: make room for the first one, which reaches
		// about 5 pixels a character left of its bar.
		left := 5*utf8.RuneCountInString(categories[0]) - 30
		b.SetGlobalOptions(withGrid(chartGrid(min(max(left, 8), 160))))
	}
	b.SetGlobalOptions(extra...)
	b.SetXAxis(labels(categories))
	return b
}

// ratioAxis lets the value axis of bar chart b, whose bars are counts
// unless said so (barChart), take fractional steps: for ratios. The axis
// is named name, which says what the ratio divides.
func ratioAxis(b *charts.Bar, name string) {
	for i := range b.XAxisList {
		if b.XAxisList[i].Type == "value" {
			b.XAxisList[i].MinInterval = 0
			b.XAxisList[i].Name, b.XAxisList[i].NameLocation = name, "middle"
			b.XAxisList[i].NameGap = 28
		}
	}
	for i := range b.YAxisList {
		if b.YAxisList[i].Type == "value" {
			b.YAxisList[i].MinInterval = 0
			b.YAxisList[i].Name, b.YAxisList[i].NameLocation = name, "end"
		}
	}
}

// lying reports whether bar chart b lays its bars down: its value axis
// is the horizontal one (see horizontalBarChart).
func lying(b *charts.Bar) bool { return len(b.XAxisList) > 0 && b.XAxisList[0].Type == "value" }

// valueEnd is where a bar's label goes in bar chart b: past the bar's end
// along its value axis.
func valueEnd(b *charts.Bar) string {
	if lying(b) {
		return "right"
	}
	return "top"
}

// wholeTextLine is the series option that draws a dashed line at change
// ratio 1 on the value axis of b, for a chart some of whose ratios pass
// it: a ratio reads as a share of the base's words up to 1, and above it a
// unit changed more words than its base had (a rewrite, or text added).
func wholeTextLine(b *charts.Bar) []charts.SeriesOpts {
	style := charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
		Symbol:    []string{"none", "none"},
		Label:     &opts.Label{Show: opts.Bool(true), Formatter: "1 = as many words changed as the base had", Position: "insideEndTop"},
		LineStyle: &opts.LineStyle{Type: "dashed", Color: "#495057"},
	})
	if lying(b) {
		return []charts.SeriesOpts{charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: "1", XAxis: 1}), style}
	}
	return []charts.SeriesOpts{charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: "1", YAxis: 1}), style}
}

// rotation tilts category labels when there are many or long ones.
func rotation(categories []string) float64 {
	long := 0
	for _, c := range categories {
		if len(c) > long {
			long = len(c)
		}
	}
	// Beyond about 60 characters in all, a chart half a page wide hides
	// every other label.
	if len(categories) > 8 || long*len(categories) > 60 {
		return 40
	}
	return 0
}

// longLabel is the length past which category names make bars lie down.
const longLabel = 14

// Names down the left of lying bars wrap at labelWrap pixels when there are
// at most wrapBars of them (themes, proposals, kinds: every line shown, in
// a tall chart); more (the top sections) are cut at that width instead,
// whole in the tooltip and the table, as wrapped they would overlap.
const (
	labelWrap = 150
	wrapBars  = 12
)

// wrapsLabels reports whether a chart of lying bars over categories wraps
// its names, and so needs a tall container.
func wrapsLabels(categories []string) bool {
	return len(categories) <= wrapBars && longest(categories) > longLabel
}

// longest returns the length in characters of the longest of names.
func longest(names []string) int {
	n := 0
	for _, s := range names {
		n = max(n, utf8.RuneCountInString(s))
	}
	return n
}
