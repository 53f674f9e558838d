package dashboard

// The work-arounds of go-echarts v2.6.7, in one place, each with why it is
// needed and a test in echarts_test.go that fails once the library no
// longer needs it: the chart option's validation, the grid, the line
// height of wrapped labels and the Sankey layout.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// echartsChart is a go-echarts chart: Validate puts its series and axes in
// place, JSON returns its option.
type echartsChart interface {
	Validate()
	JSON() map[string]any
}

// withGrid sets a chart's one grid, replacing the one chartInit gives.
// Work-around: go-echarts' WithGridOpts appends a second grid, which the
// axes ignore (TestEchartsWithGridOptsAppends).
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
func chartOption(c echartsChart) (option template.JS, err error) {
	defer func() {
		// Work-around: Validate indexes the chart's first x axis and
		// panics on a chart built without one (TestEchartsValidatePanics).
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
	b, err := json.Marshal(c.JSON())
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
const wrappedLineHeight = 14

// spaceWrappedLines sets the line height of every wrapping axis label of
// an option. Work-around: go-echarts types an axis label's lineHeight as
// a string (TestEchartsLineHeightIsText).
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

// sankeyOption is chartOption for a Sankey chart whose nodes keep the
// order given: ECharts otherwise reorders them to untangle the links.
// Work-around: layoutIterations 0 turns that off, and go-echarts has no
// option for it (TestEchartsSankeyHasNoLayoutIterations).
func sankeyOption(s *charts.Sankey) (template.JS, error) {
	raw, err := chartOption(s)
	if err != nil {
		return "", err
	}
	var option map[string]any
	if err := json.Unmarshal([]byte(raw), &option); err != nil {
		return "", fmt.Errorf("sankey option: %w", err)
	}
	series, _ := option["series"].([]any)
	for _, se := range series {
		if m, ok := se.(map[string]any); ok {
			m["layoutIterations"] = 0
			m["nodeGap"] = 2
		}
	}
	b, err := json.Marshal(option)
	if err != nil {
		return "", fmt.Errorf("sankey option: %w", err)
	}
	return template.JS(b), nil
}
