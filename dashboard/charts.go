package dashboard

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chartView is one chart on a page: the container (id = ID, class "chart"),
// its option as JSON data, the URLs a click opens, and the chart's numbers
// as a table with a CSV download of the same rows.
type chartView struct {
	ID     string // DOM id and go-echarts ChartID; unique on a page
	Title  string
	Desc   string // the container's aria-label: what the chart shows, in words
	Note   string
	Option template.JS // the ECharts option, JSON safe inside a script element
	Links  string      // JSON array of same-site URLs
	LinkBy string      // what indexes Links: "index" (the clicked item's), "x" or "y" (the category under the pointer on that axis)
	Tall   bool
	Table  tableView
	CSV    string // URL of the CSV download with the same filters
}

// tableView is an HTML table of strings.
type tableView struct {
	Head []string
	Rows [][]string
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
	for _, row := range t.Rows {
		b.WriteString("\n<tr>")
		for i, v := range row {
			if i == 0 {
				b.WriteString(`<th scope="row">`)
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

// echartsChart is a go-echarts chart: Validate puts its series and axes in
// place, JSON returns its option.
type echartsChart interface {
	Validate()
	JSON() map[string]any
}

// chartInit returns the options every chart gets: its ID, a title-less
// layout with a legend, axis tooltips and a "save as image" button. The
// legend leaves the top right corner to the button.
func chartInit(id string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0", Left: "8", Right: "40"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithToolboxOpts(saveAsImage(id)),
		withGrid(chartGrid(8)),
	}
}

// saveAsImage is the toolbox of every chart: one button that saves the
// chart as a PNG named after it. ECharts draws the file from its own
// canvas, so it works offline.
func saveAsImage(name string) opts.Toolbox {
	return opts.Toolbox{Show: opts.Bool(true), Right: "8", Top: "0", Feature: &opts.ToolBoxFeature{
		SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Type: "png", Name: name, Title: "Save as PNG"},
	}}
}

// zoomWindow is how many categories a chart of paragraphs (or of sections
// in document order) shows at first when it has more: enough for an
// overview of a part, few enough that every bar is wide enough to point at.
const zoomWindow = 150

// zoomed returns the dataZoom option of a category axis ("x" or "y") of n
// categories: a slider and zooming inside the plot (drag to pan,
// Ctrl+wheel to zoom, so that the wheel still scrolls the page), opening
// on the first window categories; nil when n fits in the window.
// go-echarts' DataZoom has no startValue, so it is added to the option as
// data (see chartOption).
func zoomed(axis string, n, window int) []map[string]any {
	if n <= window {
		return nil
	}
	slider := map[string]any{"type": "slider", axis + "AxisIndex": 0, "startValue": 0, "endValue": window - 1, "filterMode": "filter"}
	if axis == "x" {
		slider["bottom"], slider["height"] = 4, 18
	} else {
		slider["right"], slider["width"] = 4, 18
	}
	inside := map[string]any{"type": "inside", axis + "AxisIndex": 0, "startValue": 0, "endValue": window - 1,
		"filterMode": "filter", "zoomOnMouseWheel": "ctrl", "moveOnMouseWheel": false}
	return []map[string]any{slider, inside}
}

// chartGrid is the plot area of a chart with axes: margins in pixels, left
// as given, with the axis labels inside.
func chartGrid(left int) opts.Grid {
	return opts.Grid{Left: strconv.Itoa(left), Right: "16", Bottom: "8", Top: "36", ContainLabel: opts.Bool(true)}
}

// withGrid sets a chart's one grid, replacing the one chartInit gives:
// go-echarts' WithGridOpts appends a second grid, which the axes ignore.
func withGrid(g opts.Grid) charts.GlobalOpts {
	return func(bc *charts.BaseConfiguration) { bc.GridList = []opts.Grid{g} }
}

// chartOption returns a chart's ECharts option as JSON for a
// <script type="application/json"> element, which amendlens.js reads to
// draw the chart. encoding/json escapes "<", ">", "&", U+2028 and U+2029
// inside strings, so text in labels can neither end the element nor open a
// comment: the page's parser sees data only. An option must be data: a
// chart with event listeners or JavaScript functions is refused, since the
// static script gives the click handlers and nothing would run them.
// Keys of extra are set at the top level of the option, for the few
// options go-echarts v2.6.7 cannot express (dataZoom by value).
func chartOption(c echartsChart, extra ...map[string]any) (option template.JS, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			err = fmt.Errorf("chart option: %v", rec)
		}
	}()
	c.Validate()
	var bc *charts.BaseConfiguration
	switch ch := c.(type) {
	case *charts.Bar:
		bc = &ch.BaseConfiguration
	case *charts.HeatMap:
		bc = &ch.BaseConfiguration
	case *charts.Sankey:
		bc = &ch.BaseConfiguration
	}
	if bc != nil && (len(bc.EventListeners) > 0 || len(bc.JSFunctions.Fns) > 0) {
		return "", errors.New("chart option: event listeners or JavaScript functions in a chart; the page's script draws data only")
	}
	obj := c.JSON()
	for _, m := range extra {
		for k, v := range m {
			obj[k] = v
		}
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return "", fmt.Errorf("chart option: %w", err)
	}
	if bytes.Contains(b, []byte(`"overflow":"break"`)) {
		if b, err = spaceWrappedLines(b); err != nil {
			return "", fmt.Errorf("chart option: %w", err)
		}
	}
	return template.JS(b), nil
}

// wrappedLineHeight is the line height of wrapped axis labels. ECharts
// takes a line's height from the width of a CJK glyph, which is a few
// pixels where no CJK font is installed, and wrapped lines then overlap;
// go-echarts types lineHeight as a string, which ECharts would concatenate,
// so it is set here as a number.
const wrappedLineHeight = 15

// spaceWrappedLines sets the line height of every wrapping axis label of
// an option.
func spaceWrappedLines(option []byte) ([]byte, error) {
	var obj map[string]any
	if err := json.Unmarshal(option, &obj); err != nil {
		return nil, err
	}
	for _, key := range []string{"xAxis", "yAxis"} {
		axes, _ := obj[key].([]any)
		for _, a := range axes {
			axis, _ := a.(map[string]any)
			if l, ok := axis["axisLabel"].(map[string]any); ok && l["overflow"] == "break" {
				l["lineHeight"] = wrappedLineHeight
			}
		}
	}
	return json.Marshal(obj)
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

// linksJSON encodes URLs for a chart's data-links attribute.
func linksJSON(urls []string) string {
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

// Colours of added and deleted words, and of change without a theme.
const (
	colorAdded   = "#2b8a3e"
	colorDeleted = "#c92a2a"
	colorNone    = "#adb5bd"
	// colorLegend stands in the legend for bars coloured by theme.
	colorLegend = "#495057"
)

// barChart is a category bar chart with the common options: bars up from
// an axis of short names, tilted when many, or bars across from names down
// the left, wrapped, when any name is long (see longLabels), so that no name
// is cut or runs off the chart at a phone's width.
func barChart(id string, categories []string, extra ...charts.GlobalOpts) *charts.Bar {
	if longLabels(categories) {
		return hbarChart(id, categories, extra...)
	}
	b := charts.NewBar()
	b.SetGlobalOptions(chartInit(id)...)
	b.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels(categories), AxisLabel: &opts.AxisLabel{Interval: "auto", Rotate: rotation(categories)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
	)
	b.SetGlobalOptions(extra...)
	b.SetXAxis(labels(categories))
	return b
}

// labelWrap is the width in pixels at which the names down the left of a
// chart of horizontal bars wrap: two lines hold most theme names, and a
// phone's width keeps some 200 pixels for the bars.
const labelWrap = 140

// longLabels reports whether some category name is too long to stand under
// a bar, even tilted, on a phone: past 14 characters.
func longLabels(categories []string) bool {
	for _, c := range categories {
		if utf8.RuneCountInString(c) > 14 {
			return true
		}
	}
	return false
}

// hbarChart is a bar chart with the categories down the left, first at
// the top: for many categories, or long names, that would tilt or crowd
// under vertical bars.
func hbarChart(id string, categories []string, extra ...charts.GlobalOpts) *charts.Bar {
	axisLabel := &opts.AxisLabel{Interval: "auto"}
	if longLabels(categories) {
		// Every name, wrapped rather than cut; the chart is tall enough
		// (see tallFor) for two lines a bar.
		axisLabel = &opts.AxisLabel{Interval: "0", Width: labelWrap, Overflow: "break"}
	}
	b := charts.NewBar()
	b.SetGlobalOptions(chartInit(id)...)
	b.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: labels(categories), Inverse: opts.Bool(true), AxisLabel: axisLabel}),
	)
	b.SetGlobalOptions(extra...)
	b.SetXAxis(labels(categories)).XYReversal()
	return b
}

// tallFor reports whether a bar chart of categories needs a tall
// container: many bars across, or names that wrap.
func tallFor(categories []string) bool {
	return len(categories) > sectionHorizontal || longLabels(categories) && len(categories) > 6
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
