package dashboard

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

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
	t.Parallel()
	tb := chainTab(t)
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

// TestBrowserSeriesButtons: under a chart with a legend, a button per
// series, named in full, shows or hides it from the keyboard: Enter on the
// first hides its series in the chart and marks the button unpressed.
func TestBrowserSeriesButtons(t *testing.T) {
	t.Parallel()
	tb := chainTab(t)
	tb.open("/d/internet-governance-chapter")
	id := chartUptakeThemes
	type buttons struct {
		Names  []string `json:"names"`
		Legend []string `json:"legend"`
	}
	got := eval[buttons](tb, `function (id) {
		var bs = Array.prototype.map.call(document.querySelectorAll("#" + id + "-series button"), function (b) { return b.textContent; });
		var lm = echarts.getInstanceByDom(document.getElementById(id)).getModel().getComponent("legend");
		return {names: bs, legend: lm.getData().map(function (d) { return d.get("name"); })};
	}`, id)
	if len(got.Names) < 8 || strings.Join(got.Names, "|") != strings.Join(got.Legend, "|") {
		t.Fatalf("buttons %q, legend %q: want a button per series, in full", got.Names, got.Legend)
	}
	first := "#" + id + "-series button"
	tb.run("focus the first series button", chromedp.Focus(first))
	tb.run("press Enter", chromedp.KeyEvent(kb.Enter))
	state := eval[[]string](tb, `function (id, name) {
		var b = document.querySelector("#" + id + "-series button");
		var sel = echarts.getInstanceByDom(document.getElementById(id)).getOption().legend[0].selected || {};
		return [b.getAttribute("aria-pressed"), String(sel[name])];
	}`, id, got.Names[0])
	if state[0] != "false" || state[1] != "false" {
		t.Errorf("after Enter on %q: aria-pressed %s, series selected %s; want false and false", got.Names[0], state[0], state[1])
	}
	tb.checkClean("/d/internet-governance-chapter")
}

// chainTab opens a browser tab on a dashboard serving the chain fixture,
// whose overview's uptake chart has a series per actor and verdict.
func chainTab(t *testing.T) *tab {
	t.Helper()
	path := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	bctx := startBrowser(t, ctx, path)
	h, err := New(Config{Source: newFakeSource(chainResult(t)), Dictionary: analysis.DefaultDictionary()})
	if err != nil {
		t.Fatal(err)
	}
	return newTab(t, bctx, browserServer(t, h).URL)
}
