package dashboard

// Each test here holds a fact of go-echarts that a work-around of
// echarts.go rests on: when one fails, the library has changed and the
// work-around may go.

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// TestEchartsValidatePanics: Validate panics on a chart without an x axis,
// which chartOption recovers from and reports as an error.
func TestEchartsValidatePanics(t *testing.T) {
	b := charts.NewBar()
	b.XAxisList = nil
	panicked := func() (p bool) {
		defer func() { p = recover() != nil }()
		b.Validate()
		return false
	}()
	if !panicked {
		t.Error("Validate no longer panics on a chart without an x axis: chartOption's recover may go")
	}
	b = charts.NewBar()
	b.XAxisList = nil
	if _, err := chartOption(b); err == nil || !strings.Contains(err.Error(), "chart option") {
		t.Errorf("chartOption of a chart without an x axis: %v, want an error", err)
	}
}

// TestEchartsWithGridOptsAppends: WithGridOpts adds a grid beside the one
// a chart has, which withGrid replaces instead.
func TestEchartsWithGridOptsAppends(t *testing.T) {
	b := charts.NewBar()
	b.SetGlobalOptions(withGrid(chartGrid(8)), charts.WithGridOpts(chartGrid(40)))
	if len(b.GridList) != 2 {
		t.Errorf("WithGridOpts leaves %d grids, want 2: withGrid may go", len(b.GridList))
	}
	b = charts.NewBar()
	b.SetGlobalOptions(withGrid(chartGrid(8)), withGrid(chartGrid(40)))
	if len(b.GridList) != 1 || b.GridList[0].Left != "40" {
		t.Errorf("withGrid leaves grids %+v, want the last one alone", b.GridList)
	}
}

// TestEchartsLineHeightIsText: an axis label's lineHeight is a string in
// go-echarts, which ECharts would concatenate; spaceWrappedLines writes it
// as a number.
func TestEchartsLineHeightIsText(t *testing.T) {
	f, ok := reflect.TypeOf(opts.AxisLabel{}).FieldByName("LineHeight")
	if !ok || f.Type.Kind() != reflect.String {
		t.Errorf("opts.AxisLabel.LineHeight is %v: spaceWrappedLines may go", f.Type)
	}
	out, err := spaceWrappedLines([]byte(`{"yAxis":[{"axisLabel":{"overflow":"break"}},{"axisLabel":{}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		YAxis []struct {
			AxisLabel map[string]any `json:"axisLabel"`
		} `json:"yAxis"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if got.YAxis[0].AxisLabel["lineHeight"] != float64(wrappedLineHeight) || got.YAxis[1].AxisLabel["lineHeight"] != nil {
		t.Errorf("labels %+v, want the wrapping one's line height a number, the other's unset", got.YAxis)
	}
}

// TestEchartsSankeyHasNoLayoutIterations: go-echarts' series have no
// layoutIterations, which sankeyOption sets to keep the nodes in order.
func TestEchartsSankeyHasNoLayoutIterations(t *testing.T) {
	if _, ok := reflect.TypeOf(charts.SingleSeries{}).FieldByName("LayoutIterations"); ok {
		t.Error("charts.SingleSeries has LayoutIterations: sankeyOption may go")
	}
	s := charts.NewSankey()
	s.SetGlobalOptions(chartInit("chart_test")...)
	s.AddSeries("a", []opts.SankeyNode{{Name: "x"}, {Name: "y"}}, []opts.SankeyLink{{Source: "x", Target: "y", Value: 1}})
	option, err := sankeyOption(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(option), `"layoutIterations":0`) {
		t.Errorf("option %s, want layoutIterations 0", option)
	}
}
