package dashboard

import (
	"context"
	"testing"

	"amendlens/analysis"
)

// sankeyNodePoint finds the node named name of the Sankey chart id and
// returns its middle in viewport coordinates and its link.
const sankeyNodePoint = `function (id, name) {
	var el = document.getElementById(id);
	el.scrollIntoView({block: "center", inline: "nearest"});
	var inst = echarts.getInstanceByDom(el);
	var links = JSON.parse(el.getAttribute("data-links") || "[]");
	var series = inst.getModel().getSeriesByIndex(0);
	var data = series.getData();
	var at = series.layoutInfo || {x: 0, y: 0}; // node layouts are within the series' box
	for (var i = 0; i < data.count(); i++) {
		if (data.getName(i) !== name) { continue; }
		var l = data.getItemLayout(i);
		var box = el.getBoundingClientRect();
		return {found: true, index: i, category: name, link: links[i] || "",
			x: box.left + at.x + l.x + l.dx / 2, y: box.top + at.y + l.y + l.dy / 2};
	}
	return {found: false};
}`

// TestBrowserAlignment: the alignment chart draws, and a click on a
// version's paragraph opens the page of the row that holds it.
func TestBrowserAlignment(t *testing.T) {
	t.Parallel()
	path := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	bctx := startBrowser(t, ctx, path)
	h, err := New(Config{Source: newFakeSource(versionsResult(t)), Dictionary: analysis.DefaultDictionary()})
	if err != nil {
		t.Fatal(err)
	}
	tb := newTab(t, bctx, browserServer(t, h).URL)
	tb.open("/d/gold")
	tb.checkClean("/d/gold")
	node := eval[chartPoint](tb, sankeyNodePoint, chartAlignment+"1", "Adopted 44")
	if !node.Found || node.Link != "/d/gold/p/9" {
		t.Fatalf("node Adopted 44: %+v, want one linking to /d/gold/p/9", node)
	}
	tb.clickAndLoad("click the node Adopted 44", node.X, node.Y)
	if loc := tb.location(); loc != "/d/gold/p/9" {
		t.Errorf("clicking Adopted 44 opened %s, want /d/gold/p/9", loc)
	}
	if got := tb.text("#aligned-v1"); got != "Paragraph 44, was 9 moved now after 16" {
		t.Errorf("paragraph 9 says %q", got)
	}
	tb.checkClean("/d/gold/p/9")
}
