package dashboard

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"amendlens/parse"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
)

// TestBrowserZoomGenerated zooms and clicks the charts of a generated
// document of thousands of paragraphs, whose paragraph numbers are not
// their positions ("bis" paragraphs come in): far into the document,
// zoomed out on all of it, and rolled up by section.
func TestBrowserZoomGenerated(t *testing.T) {
	t.Parallel()
	path := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	bctx := startBrowser(t, ctx, path)
	r := bigDoc(t)
	s := mustServer(t, newFakeSource(r), nil)
	srv := browserServer(t, s.engine)
	testBrowserZoomGenerated(t, newTab(t, bctx, srv.URL), r)
}

// bigDoc is a generated document of some thousands of paragraphs and a
// hundred-odd sections, with an outcome: the size at which charts along the
// document must zoom.
func bigDoc(t *testing.T) *analysis.Result {
	t.Helper()
	c, err := analysistest.GenerateCorpus(analysistest.CorpusSpec{Seed: 10, Bytes: 9 << 20, Columns: 3}, analysis.Sample(), analysis.DefaultDictionary())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Parse("big.txt", c.Data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.Document.Paragraphs); n < 3000 {
		t.Fatalf("the generated document has %d paragraphs, want some thousands", n)
	}
	return r
}

// zoomState is a chart's zoom: its dataZoom components and the window its
// x axis shows, in categories.
type zoomState struct {
	Types      []string `json:"types"`
	StartValue int      `json:"startValue"`
	EndValue   int      `json:"endValue"`
	Categories int      `json:"categories"`
}

const readZoom = `function (id) {
	var inst = echarts.getInstanceByDom(document.getElementById(id));
	var opt = inst.getOption();
	var dz = opt.dataZoom || [];
	var extent = inst.getModel().getComponent("xAxis", 0).axis.scale.getExtent();
	return {types: dz.map(function (z) { return z.type; }),
		startValue: Math.round(extent[0]), endValue: Math.round(extent[1]),
		categories: opt.xAxis[0].data.length};
}`

// zoomTo shows categories from to to of a chart's x axis.
const zoomTo = `function (id, from, to) {
	var inst = echarts.getInstanceByDom(document.getElementById(id));
	inst.dispatchAction({type: "dataZoom", dataZoomIndex: 0, startValue: from, endValue: to});
	return true;
}`

// pointAt returns the viewport point, on whole CSS pixels, at the middle of
// the plot's height over category i of a chart's x axis, and the category
// ECharts finds under that point (convertFromPixel on the grid), which is
// what a click there must open.
const pointAt = `function (id, i) {
	var el = document.getElementById(id);
	el.scrollIntoView({block: "center", inline: "nearest"});
	var inst = echarts.getInstanceByDom(el);
	var rect = inst.getModel().getComponent("grid", 0).coordinateSystem.getRect();
	var px = inst.convertToPixel({gridIndex: 0}, [i, 0]);
	var box = el.getBoundingClientRect();
	var x = Math.round(box.left + px[0]), y = Math.round(box.top + rect.y + rect.height / 2);
	var local = [x - box.left, y - box.top];
	var under = inst.convertFromPixel({gridIndex: 0}, local);
	return {found: inst.containPixel({gridIndex: 0}, local), index: Math.round(under[0]), x: x, y: y,
		category: String(inst.getOption().xAxis[0].data[Math.round(under[0])])};
}`

// testBrowserZoomGenerated opens the overview of a document of thousands of
// paragraphs: the heatmap and the change map open zoomed on the first
// zoomParagraphs paragraphs with a slider and inside zoom, and a click opens
// the paragraph under the pointer zoomed far into the document and zoomed
// out to all of it; rolled up by section, a page of sections at a time, a
// column opens its section.
func testBrowserZoomGenerated(t *testing.T, tb *tab, r *analysis.Result) {
	d := r.Document
	doc := docURL(d.Name)
	n := len(d.Paragraphs)
	target := n * 2 / 3
	for _, id := range []string{chartChangeMap, chartHeatmap} {
		for vi, view := range []struct {
			name     string
			from, to int
		}{
			{"zoomed in far", target - 40, target + 60},
			{"zoomed out", 0, n - 1},
		} {
			tb.open(doc)
			if vi == 0 {
				// As the page opens, before any zoom.
				z := eval[zoomState](tb, readZoom, id)
				if z.Categories != n {
					t.Errorf("%s: %d categories, want %d paragraphs", id, z.Categories, n)
				}
				if len(z.Types) != 2 || z.Types[0] != "slider" || z.Types[1] != "inside" || z.StartValue != 0 || z.EndValue != zoomParagraphs-1 {
					t.Errorf("%s: zoom %+v, want a slider and inside zoom on categories 0 to %d", id, z, zoomParagraphs-1)
				}
			}
			eval[bool](tb, zoomTo, id, view.from, view.to)
			if z := eval[zoomState](tb, readZoom, id); z.StartValue != view.from || z.EndValue != view.to {
				t.Fatalf("%s %s: zoom shows %d to %d, want %d to %d", id, view.name, z.StartValue, z.EndValue, view.from, view.to)
			}
			// The page may still be laying out (charts below drawing,
			// scrolling): aim once the point holds still.
			pt := eval[chartPoint](tb, pointAt, id, target)
			for try := 0; try < 50; try++ {
				time.Sleep(100 * time.Millisecond)
				again := eval[chartPoint](tb, pointAt, id, target)
				if again == pt {
					break
				}
				pt = again
			}
			if !pt.Found {
				t.Fatalf("%s %s: the point over paragraph %d is outside the plot", id, view.name, target)
			}
			// Zoomed out, a column is under a pixel wide: the pointer may
			// be over a neighbour of the target, but must open the one it is over.
			if d := pt.Index - target; d < -3 || d > 3 {
				t.Errorf("%s %s: the pointer aimed at paragraph %d is over paragraph %d", id, view.name, target, pt.Index)
			}
			if pt.Index < 0 || pt.Index >= n || pt.Category != d.Paragraphs[pt.Index].ID {
				t.Fatalf("%s %s: the pointer is over category %d %q", id, view.name, pt.Index, pt.Category)
			}
			want := paraURL(d.Name, d.Paragraphs[pt.Index].ID)
			tb.clickAndLoad(id+" "+view.name+": click paragraph "+pt.Category, pt.X, pt.Y)
			if loc := tb.location(); loc != want {
				t.Errorf("%s %s: a click over paragraph %s (index %d) opened %s, want %s", id, view.name, pt.Category, pt.Index, loc, want)
			}
		}
	}
	tb.checkClean(doc)

	// Rolled up: one column per section of the page, sectionRows a page
	// and so never zoomed; a click opens the section, on the first page
	// and on the last, which the chart's pager links to.
	byURL := withQuery(doc, vq("by", "section"))
	pages := pageCount(len(d.Sections), sectionRows)
	if pages < 2 {
		t.Fatalf("%d sections fill one page: the roll-up is not paged", len(d.Sections))
	}
	for _, id := range []string{chartChangeMap, chartHeatmap} {
		for _, pg := range []int{1, pages} {
			tb.open(byURL)
			if pg > 1 {
				last := eval[string](tb, `function (id) {
	var a = document.querySelector("#" + id + "-panel nav.pager a[href*='page=']:last-of-type");
	return a ? a.getAttribute("href") : "";
}`, id)
				if want := withQuery(doc, vq("by", "section", "page", strconv.Itoa(pages))) + "#" + id + "-panel"; last != want {
					t.Fatalf("%s by section: the pager's last link is %q, want %q", id, last, want)
				}
				tb.open(last)
			}
			lo := (pg - 1) * sectionRows
			n := min(len(d.Sections)-lo, sectionRows)
			z := eval[zoomState](tb, readZoom, id)
			if z.Categories != n || len(z.Types) > 0 {
				t.Errorf("%s by section, page %d: %d categories and zoom %v, want the page's %d sections, not zoomed", id, pg, z.Categories, z.Types, n)
			}
			i := n / 2
			pt := eval[chartPoint](tb, pointAt, id, i)
			if !pt.Found || pt.Index != i || pt.Category != d.Sections[lo+i].ID {
				t.Fatalf("%s by section, page %d: the point over column %d is over %+v, want section %s", id, pg, i, pt, d.Sections[lo+i].ID)
			}
			want := sectionURL(d.Name, d.Sections[lo+i].ID)
			tb.clickAndLoad(fmt.Sprintf("%s by section, page %d: click section %s", id, pg, d.Sections[lo+i].ID), pt.X, pt.Y)
			if loc := tb.location(); loc != want {
				t.Errorf("%s by section, page %d: a click over section %s opened %s, want %s", id, pg, d.Sections[lo+i].ID, loc, want)
			}
		}
	}
	tb.checkClean(byURL)
}
