package dashboard

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"amendlens/analysis"
)

// zoomPoint zooms chart id's x axis on [lo, hi] and returns the viewport
// point of the item at x index want (a bar, or a heatmap cell), the
// window the axis shows, and the item's tooltip text.
const zoomPoint = `function (id, lo, hi, want) {
	var el = document.getElementById(id);
	el.scrollIntoView({block: "center", inline: "nearest"});
	var inst = echarts.getInstanceByDom(el);
	var before = inst.getModel().getComponent("xAxis", 0).axis.scale.getExtent();
	if (lo >= 0) {
		inst.dispatchAction({type: "dataZoom", startValue: lo, endValue: hi});
	}
	var extent = inst.getModel().getComponent("xAxis", 0).axis.scale.getExtent();
	var opt = inst.getOption();
	var data = opt.series[0].data;
	var box = el.getBoundingClientRect();
	for (var i = 0; i < data.length; i++) {
		var d = data[i];
		var v = (d !== null && typeof d === "object" && !Array.isArray(d)) ? d.value : d;
		var x = Array.isArray(v) ? v[0] : i;
		if (x !== want) { continue; }
		var p;
		if (Array.isArray(v)) {
			p = inst.convertToPixel({seriesIndex: 0}, [v[0], v[1]]);
		} else {
			// Zoomed, the series' data holds the window's items only.
			var sd = inst.getModel().getSeriesByIndex(0).getData();
			var layout = sd.getItemLayout(sd.indexOfRawIndex(i));
			p = [layout.x + layout.width / 2, layout.y + layout.height / 2];
		}
		return {found: true, x: box.left + p[0], y: box.top + p[1], name: (d && d.name) || "",
			before: before, extent: extent, zooms: (opt.dataZoom || []).length};
	}
	return {found: false, before: before, extent: extent, zooms: (opt.dataZoom || []).length};
}`

type zoomResult struct {
	Found  bool      `json:"found"`
	X      float64   `json:"x"`
	Y      float64   `json:"y"`
	Name   string    `json:"name"`
	Before []float64 `json:"before"`
	Extent []float64 `json:"extent"`
	Zooms  int       `json:"zooms"`
}

// TestBrowserZoom: on a document of 2,100 paragraphs the heatmap and the
// change map open on the first 150 paragraphs with a slider and wheel
// zoom; zoomed anywhere, a click opens the paragraph under the pointer;
// the uptake page lists the insertions its filters select.
func TestBrowserZoom(t *testing.T) {
	t.Parallel()
	path := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	bctx := startBrowser(t, ctx, path)
	r := hugeResult(t, 2100)
	s := mustServer(t, newFakeSource(r), nil)
	srv := browserServer(t, s.engine)
	tb := newTab(t, bctx, srv.URL)

	for _, tc := range []struct {
		chart string
		want  int // paragraph index clicked
	}{
		{chartChangeMap, 2000},
		{chartHeatmap, 2000},
		{chartChangeMap, 1},
	} {
		tb.open("/d/huge")
		first := eval[zoomResult](tb, zoomPoint, tc.chart, -1, -1, 0)
		if first.Zooms != 2 || len(first.Before) != 2 || first.Before[0] != 0 || first.Before[1] != zoomParagraphs-1 {
			t.Errorf("%s: %d dataZoom, opens on paragraphs %v, want a slider and wheel zoom on [0 %d]", tc.chart, first.Zooms, first.Before, zoomParagraphs-1)
		}
		lo, hi := max(tc.want-10, 0), tc.want+10
		pt := eval[zoomResult](tb, zoomPoint, tc.chart, lo, hi, tc.want)
		if !pt.Found {
			t.Fatalf("%s: no item at paragraph index %d", tc.chart, tc.want)
		}
		if pt.Extent[0] > float64(tc.want) || pt.Extent[1] < float64(tc.want) {
			t.Fatalf("%s: zoomed to %v, want %d inside", tc.chart, pt.Extent, tc.want)
		}
		id := r.Document.Paragraphs[tc.want].ID
		if !strings.HasPrefix(pt.Name, "Paragraph "+id+" ") && !strings.HasPrefix(pt.Name, "Paragraph "+id+",") {
			t.Errorf("%s: tooltip %q does not name paragraph %s", tc.chart, pt.Name, id)
		}
		// A pointer comes to the item before it clicks: zrender finds what
		// is under it as it moves.
		tb.run("point at paragraph "+id, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, pt.X, pt.Y))
		tb.clickAndLoad("click "+tc.chart+" at paragraph "+strconv.Itoa(tc.want), pt.X, pt.Y)
		if loc, want := tb.location(), paraURL("huge", id); loc != want {
			t.Errorf("%s zoomed on [%d %d]: the click on paragraph %s opened %s, want %s", tc.chart, lo, hi, id, loc, want)
		}
	}

	// Zoomed out on every paragraph, columns are under a pixel wide: a click
	// on the item of paragraph 2000 opens the paragraph whose column ECharts
	// finds under the pointer (convertFromPixel), not a neighbour the canvas
	// hit-tests, nor nothing.
	n := len(r.Document.Paragraphs)
	for _, chart := range []string{chartChangeMap, chartHeatmap} {
		tb.open("/d/huge")
		pt := eval[zoomResult](tb, zoomPoint, chart, 0, n-1, 2000)
		if !pt.Found || pt.Extent[0] != 0 || pt.Extent[1] != float64(n-1) {
			t.Fatalf("%s zoomed out: item found %v, axis on %v, want [0 %d]", chart, pt.Found, pt.Extent, n-1)
		}
		x, y := math.Round(pt.X), math.Round(pt.Y)
		under := eval[int](tb, `function (id, x, y) {
			var el = document.getElementById(id), inst = echarts.getInstanceByDom(el);
			var box = el.getBoundingClientRect();
			return Math.round(inst.convertFromPixel({gridIndex: 0}, [x - box.left, y - box.top])[0]);
		}`, chart, x, y)
		if under < 1995 || under > 2005 {
			t.Fatalf("%s zoomed out: the item of paragraph index 2000 is over column %d", chart, under)
		}
		id := r.Document.Paragraphs[under].ID
		tb.run("point at column "+id, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
		tb.clickAndLoad(chart+" zoomed out: click column "+id, x, y)
		if loc, want := tb.location(), paraURL("huge", id); loc != want {
			t.Errorf("%s zoomed out on %d paragraphs: the click over column %d (paragraph %s) opened %s, want %s", chart, n, under, id, loc, want)
		}
	}

	// A bar of the uptake chart opens the uptake page filtered to it: the
	// first bar above zero is Proposal's adopted insertions of gender.
	tb.open("/d/huge")
	bar := eval[chartPoint](tb, barPoint, chartUptakeThemes)
	if !bar.Found {
		t.Fatal("the uptake chart has no bar")
	}
	tb.run("point at the uptake bar", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, bar.X, bar.Y))
	tb.clickAndLoad("click the uptake bar", bar.X, bar.Y)
	if loc, want := tb.location(), "/d/huge/uptake?proposal=Proposal&theme=gender&verdict=adopted"; loc != want {
		t.Errorf("the uptake bar opened %s, want %s", loc, want)
	}
	if h1 := tb.text("h1"); h1 != "Uptake in Outcome" {
		t.Errorf("uptake page heading %q", h1)
	}
	counts := tb.text("#verdicts")
	// Of 2,100 insertions of "for women", the outcome has the same words
	// in every fourth paragraph from the second, and no text in every
	// fourth from the third.
	for _, want := range []string{"525 adopted", "1050 not adopted", "525 pending"} {
		if !strings.Contains(counts, want) {
			t.Errorf("uptake counts %q lack %q", counts, want)
		}
	}
	if rows := eval[int](tb, `function () { return document.querySelectorAll("#insertions tbody tr").length; }`); rows != 500 {
		t.Errorf("uptake page shows %d rows, want a page of 500", rows)
	}
	// The proposed text reads as text: aligned to the start of its cell,
	// which is wide enough for a few words a line.
	cell := eval[map[string]float64](tb, `function () {
		var td = document.querySelector("#insertions tbody td.proposed");
		return td ? {right: getComputedStyle(td).textAlign === "right" ? 1 : 0, width: td.getBoundingClientRect().width} : {width: -1};
	}`)
	if cell["width"] < 0 {
		t.Error("the uptake page has no proposed-text cell")
	} else if cell["right"] == 1 || cell["width"] < 150 {
		t.Errorf("the proposed text is right-aligned (%v) or %v px wide, want start-aligned and at least 150 px", cell["right"] == 1, cell["width"])
	}
	tb.checkClean("/d/huge/uptake")
}

// TestBrowserPhone: at a phone's width (390 CSS pixels) no page is wider
// than the screen, and every chart fits its panel; on a narrow window (800
// and 1,000 pixels) a paragraph's page with three variants side by side
// is no wider than the window either, nothing sticking out of its column.
func TestBrowserPhone(t *testing.T) {
	t.Parallel()
	path := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	bctx := startBrowser(t, ctx, path)
	r, _ := sample(t)
	three := threeVariants(t, r)
	s := mustServer(t, newFakeSource(r, manySections(t, 40), three), nil)
	srv := browserServer(t, s.engine)
	tb := newTab(t, bctx, srv.URL)
	for _, width := range []int64{1000, 800} {
		tb.run("narrow window", chromedp.EmulateViewport(width, 900))
		for _, d := range []*analysis.Document{three.Document, r.Document} {
			p := paraURL(d.Name, "39")
			tb.open(p)
			if n := eval[int](tb, `function () { return document.querySelectorAll("#texts > article.cell").length; }`); n != len(d.Variants) {
				t.Fatalf("%s: %d columns of text, want %d", p, n, len(d.Variants))
			}
			wide := eval[[]string](tb, narrowProblems)
			for _, problem := range wide {
				t.Errorf("%s at %d px: %s", p, width, problem)
			}
			if len(wide) > 0 {
				keepShot(tb, fmt.Sprintf("narrow-%d-%s.png", width, strings.ReplaceAll(strings.Trim(p, "/"), "/", "-")))
			}
		}
	}
	tb.run("phone width", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	tb.run("phone width", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	doc := docURL(r.Document.Name)
	for _, p := range []string{doc, doc + "/p/39", doc + "/s/3", doc + "/t/gender", doc + "/uptake", "/d/many", "/themes", doc + "?variant=Compromise+text&against=GC+Proposed+Text", doc + "/search?q=women"} {
		tb.open(p)
		wide := eval[[]string](tb, `function () {
			var out = [];
			var w = document.documentElement.clientWidth;
			if (document.documentElement.scrollWidth > w + 1) { out.push("page " + document.documentElement.scrollWidth + " > " + w); }
			document.querySelectorAll("div.chart").forEach(function (el) {
				var box = el.getBoundingClientRect(), c = el.querySelector("canvas");
				if (box.right > w + 1) { out.push(el.id + " ends at " + box.right); }
				if (c && c.getBoundingClientRect().width > box.width + 1) { out.push(el.id + " canvas wider than its box"); }
			});
			return out;
		}`)
		// No name on a chart's category axis is cut short or runs off it.
		labels := eval[labelReport](tb, readLabels, labelWrap, wrapBars)
		for _, problem := range labels.Problems {
			t.Errorf("%s at 390 px: %s", p, problem)
		}
		if len(wide) > 0 || len(labels.Problems) > 0 {
			t.Errorf("%s at 390 px: %v", p, wide)
			keepShot(tb, "phone-"+strings.ReplaceAll(strings.Trim(p, "/"), "/", "-")+".png")
		}
	}
}

// keepShot takes a screenshot named name and copies it into the folder
// AMENDLENS_SHOTS names, if set, to be looked at after the test.
func keepShot(tb *tab, name string) {
	shot := tb.screenshot(name)
	if dir := os.Getenv("AMENDLENS_SHOTS"); dir != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(filepath.Join(dir, filepath.Base(shot)), data, 0o644)
	}
}

// narrowProblems lists what makes a paragraph's page wider than the
// window or sticks out of a column of text: the page's scroll width past
// the window's, any element of a column ending past the column's inner
// edge, but the contents of a box that scrolls sideways (a table of
// changes), which must itself fit and scroll. An element may pass the
// edge by 5px, a space's width: the space that ends a line of a text
// (white-space: pre-wrap) hangs past it, unseen.
const narrowProblems = `function () {
	var out = [];
	var doc = document.documentElement;
	if (doc.scrollWidth > window.innerWidth) { out.push("page " + doc.scrollWidth + " px wide in a window of " + window.innerWidth); }
	document.querySelectorAll("#texts > article.cell").forEach(function (cell) {
		var box = cell.getBoundingClientRect(), style = getComputedStyle(cell);
		var right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
		var name = cell.querySelector("h2").firstChild.textContent.trim();
		if (box.right > window.innerWidth) { out.push("column " + name + " ends at " + box.right); }
		cell.querySelectorAll("*").forEach(function (el) {
			var scroller = el.parentElement.closest(".scroll");
			if (scroller && cell.contains(scroller)) {
				return;
			}
			var b = el.getBoundingClientRect();
			if (b.width > 0 && b.right > right + 5) {
				out.push(name + ": " + el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " " + JSON.stringify(el.textContent.slice(0, 40)) + " ends at " + Math.round(b.right) + ", past the column's " + Math.round(right));
			}
			if (el.classList.contains("scroll") && el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX !== "auto") {
				out.push(name + ": a table wider than its column that does not scroll");
			}
		});
	});
	return out;
}`

// threeVariants is paragraph 39 of the sample with a third variant that
// adds the longest theme labels of the dictionary and a long address,
// which no space lets break: three variants beside the base.
func threeVariants(t *testing.T, r *analysis.Result) *analysis.Result {
	t.Helper()
	var p39 analysis.Paragraph
	for _, p := range r.Document.Paragraphs {
		if p.ID == "39" {
			p39 = p
		}
	}
	third := strings.Replace(p39.Texts[1], "civil society", "civil society, through multistakeholder participation consistent with international commitments and instruments,", 1) +
		" See https://www.itu.int/net/wsis/docs2/tunis/off/6rev1-multistakeholder-internet-governance.html for the report."
	d := &analysis.Document{Name: "three", Source: "three.txt",
		Variants: []string{analysis.BaseName, r.Document.Variants[1], "Sweden, Norway and Switzerland", r.Document.Variants[2]},
		Sections: []analysis.Section{{ID: "1", Title: "Internet governance", Line: 1}},
		Paragraphs: []analysis.Paragraph{{ID: "39", Section: "1", Line: 2,
			Texts: []string{p39.Texts[0], p39.Texts[1], third, p39.Texts[2]}}},
	}
	three, err := analysis.Analyse(d, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return three
}
