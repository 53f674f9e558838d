package dashboard

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"amendlens/analysis"
)

// legendLayout is what a chart with a legend drew: the legend's kind, its
// names and the items drawn for them, where it ends, and where the plot
// starts.
type legendLayout struct {
	ID           string  `json:"id"`
	Type         string  `json:"type"`
	Names        int     `json:"names"`
	Drawn        int     `json:"drawn"`
	LegendBottom float64 `json:"legendBottom"`
	LegendLeft   float64 `json:"legendLeft"`
	LegendRight  float64 `json:"legendRight"`
	Width        float64 `json:"width"`
	PlotTop      float64 `json:"plotTop"`
}

const legendLayouts = `function () {
	var out = [];
	document.querySelectorAll("div.chart").forEach(function (el) {
		var inst = echarts.getInstanceByDom(el);
		var lm = inst && inst.getModel().getComponent("legend");
		if (!lm || !lm.get("show")) { return; }
		var view = inst.getViewOfComponentModel(lm);
		var r = view.group.getBoundingRect();
		var gm = inst.getModel().getComponent("grid");
		out.push({id: el.id, type: lm.get("type"), names: lm.getData().length, drawn: view.getContentGroup().childCount(),
			legendBottom: view.group.y + r.y + r.height, legendLeft: view.group.x + r.x, legendRight: view.group.x + r.x + r.width,
			width: inst.getWidth(), plotTop: gm && gm.coordinateSystem ? gm.coordinateSystem.getRect().y : -1});
	});
	return out;
}`

// TestBrowserLegends: on the overview of a negotiation of two actors,
// whose uptake chart has a series per actor and verdict, every legend
// names each of its series in full, unpaged, inside the chart, and above
// the plot, at a desktop's width and a phone's.
func TestBrowserLegends(t *testing.T) {
	path := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	bctx := startBrowser(t, ctx, path)
	h, err := New(Config{Source: newFakeSource(chainResult(t)), Dictionary: analysis.DefaultDictionary()})
	if err != nil {
		t.Fatal(err)
	}
	tb := newTab(t, bctx, browserServer(t, h).URL)
	for _, width := range []int64{1100, 390} {
		tb.run("window width", chromedp.EmulateViewport(width, 900))
		tb.open("/d/internet-governance-chapter")
		layouts := eval[[]legendLayout](tb, legendLayouts)
		many := false
		for _, l := range layouts {
			many = many || l.Names >= 8
			if l.Type != "plain" && l.Type != "" || l.Drawn != l.Names { // "" is ECharts' default, plain
				t.Errorf("%d px, %s: legend %q drawing %d of its %d names, want a plain legend drawing every one", width, l.ID, l.Type, l.Drawn, l.Names)
			}
			if l.LegendLeft < 0 || l.LegendRight > l.Width {
				t.Errorf("%d px, %s: legend spans %.0f-%.0f px of a %.0f px chart", width, l.ID, l.LegendLeft, l.LegendRight, l.Width)
			}
			if l.PlotTop >= 0 && l.LegendBottom > l.PlotTop {
				t.Errorf("%d px, %s: legend ends at %.0f px, below the plot's top at %.0f px", width, l.ID, l.LegendBottom, l.PlotTop)
			}
		}
		if !many {
			t.Errorf("%d px: no chart with a legend of 8 names or more among %+v", width, layouts)
		}
		tb.checkClean("/d/internet-governance-chapter")
	}
}
