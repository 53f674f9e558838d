package dashboard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// requireBrowserEnv makes a missing browser a failure instead of a skip;
// CI sets it.
const requireBrowserEnv = "AMENDLENS_REQUIRE_BROWSER"

// browserTimeout bounds the whole browser test, browser start included, and
// stepTimeout one step of it (a navigation, a wait for the charts, a
// screenshot). On an idle machine the test takes about 10 s and a step well
// under a second; the bounds are generous so that a loaded machine (two
// shared cores, compilers running) slows the test rather than fails it,
// while a page that never loads still fails.
const (
	browserTimeout = 5 * time.Minute
	stepTimeout    = 45 * time.Second
)

// chromiumNames are the executables tried, in order, on PATH and in
// /usr/bin.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome"}

// skipOrFail skips the test with msg, or fails it when requireBrowserEnv is
// set to 1.
func skipOrFail(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv(requireBrowserEnv) == "1" {
		t.Fatalf("%s (%s=1 requires the browser test to run)", msg, requireBrowserEnv)
	}
	t.Skip(msg)
}

// chromiumPath returns the browser's executable, skipping (or failing) the
// test when there is none.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
		if p := filepath.Join("/usr/bin", name); isExecutable(p) {
			return p
		}
	}
	skipOrFail(t, "no Chromium found (tried "+strings.Join(chromiumNames, ", ")+"): install it with `apt-get install chromium` to run the browser test")
	return ""
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// startBrowser starts headless Chromium with a fresh profile and returns a
// context holding it; the browser stops when ctx ends or the test is over.
func startBrowser(t *testing.T, ctx context.Context, path string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	return bctx
}

// browserServer serves h on 127.0.0.1, with a probe page of its own under
// /__probe that breaks the page rules on purpose, to show that the watcher
// sees what it is meant to catch.
func browserServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/", h)
	mux.HandleFunc("/__probe", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "script-src 'self'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// 127.0.0.2:9 is on the loopback range; nothing listens there.
		fmt.Fprint(w, `<!DOCTYPE html><title>probe</title><p>probe</p><script>window.__probe = 1;</script><img src="http://127.0.0.2:9/probe.png" alt="">`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("test server at %s, want 127.0.0.1", srv.URL)
	}
	return srv
}

// tab is one browser tab on the test server, with what the page reported:
// console errors, uncaught exceptions, browser log errors (among them CSP
// violations) and requests to anywhere but the test server.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string // the server's URL, without a trailing slash

	mu       sync.Mutex
	problems []string
	requests []string // every URL requested, in order
}

// newTab opens a tab of the browser in bctx that watches its events from
// its first message on.
func newTab(t *testing.T, bctx context.Context, base string) *tab {
	t.Helper()
	tb := &tab{t: t, base: base}
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	tb.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return tb
}

// listen records the events that tell of a broken page. It runs on the
// browser connection's goroutine, so it only appends under the lock.
func (tb *tab) listen(ev any) {
	var problem, req string
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range e.Args {
				if a.Value != nil {
					args = append(args, string(a.Value))
				} else {
					args = append(args, a.Description)
				}
			}
			problem = "console." + string(e.Type) + ": " + strings.Join(args, " ")
		}
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		problem = fmt.Sprintf("exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, msg)
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			problem = fmt.Sprintf("log error (%s) %s: %s", e.Entry.Source, e.Entry.URL, e.Entry.Text)
		}
	case *network.EventRequestWillBeSent:
		req = e.Request.URL
	}
	if problem == "" && req == "" {
		return
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if problem != "" {
		tb.problems = append(tb.problems, problem)
	}
	if req != "" {
		tb.requests = append(tb.requests, req)
	}
}

// local says whether a requested URL stays on the test server (or is an
// inline data:, blob: or about: URL).
func (tb *tab) local(u string) bool {
	for _, p := range []string{"data:", "blob:", "about:"} {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return strings.HasPrefix(u, tb.base+"/")
}

// drain returns and forgets what the page reported since the last call:
// its problems and the requests that left the test server.
func (tb *tab) drain() (problems, foreign, all []string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	problems, all = tb.problems, tb.requests
	tb.problems, tb.requests = nil, nil
	for _, u := range all {
		if !tb.local(u) {
			foreign = append(foreign, u)
		}
	}
	return problems, foreign, all
}

// checkClean fails the test for every console error, exception, log error
// and foreign request since the last check. where names the page.
func (tb *tab) checkClean(where string) {
	tb.t.Helper()
	// Give late events (a CSP report, a lazy request) a moment to arrive.
	tb.run(where+": settle", chromedp.Sleep(100*time.Millisecond))
	problems, foreign, all := tb.drain()
	for _, p := range problems {
		tb.t.Errorf("%s: %s", where, p)
	}
	for _, u := range foreign {
		tb.t.Errorf("%s: request to a non-local address: %s", where, u)
	}
	if len(all) == 0 {
		tb.t.Errorf("%s: the watcher saw no request at all", where)
	}
}

// run runs one action in the tab with a timeout of its own, failing the
// test with what on error.
func (tb *tab) run(what string, a chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if _, err := runIn(tb, stepTimeout, a); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// runIn runs a in tb's tab for at most d.
func runIn[T any](tb *tab, d time.Duration, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(tb.ctx, d)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// eval calls the JavaScript function fn with args (encoded as JSON) in the
// page and decodes its result into T.
func eval[T any](tb *tab, fn string, args ...any) T {
	tb.t.Helper()
	var enc []string
	for _, a := range args {
		b, err := json.Marshal(a)
		if err != nil {
			tb.t.Fatalf("encode argument %v: %v", a, err)
		}
		enc = append(enc, string(b))
	}
	expr := "(" + fn + ")(" + strings.Join(enc, ", ") + ")"
	v, err := runIn(tb, stepTimeout, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %.80s…: %v", fn, err)
	}
	return v
}

// open navigates to path on the test server and waits until every chart
// container has its ECharts instance and canvas.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.run("open "+path, chromedp.Navigate(tb.base+path))
	tb.waitCharts(path)
}

// waitCharts waits until every div.chart of the page has an ECharts
// instance and a canvas.
func (tb *tab) waitCharts(where string) {
	tb.t.Helper()
	const ready = `Array.prototype.every.call(document.querySelectorAll("div.chart"), function (el) {
		return window.echarts && echarts.getInstanceByDom(el) && el.querySelector("canvas");
	})`
	// A page that is still loading when the poll starts replaces its
	// JavaScript context under it ("Cannot find context with specified
	// id"): poll again in the new one until the step's time is up.
	deadline := time.Now().Add(stepTimeout)
	for {
		_, err := runIn(tb, time.Until(deadline), chromedp.Poll[bool](ready, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		if !contextReplaced(err) || time.Now().After(deadline) {
			tb.t.Fatalf("%s: charts not ready: %v", where, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// contextReplaced reports whether err says that the page's JavaScript
// context went away under an evaluation, as it does when a page navigates.
func contextReplaced(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot find context with specified id") ||
		strings.Contains(msg, "Execution context was destroyed")
}

// location is the tab's URL without the server part.
func (tb *tab) location() string {
	tb.t.Helper()
	loc, err := runIn(tb, stepTimeout, chromedp.Location())
	if err != nil {
		tb.t.Fatalf("location: %v", err)
	}
	return strings.TrimPrefix(loc, tb.base)
}

// text returns the visible text of the first element matching sel.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	s, err := runIn(tb, stepTimeout, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		tb.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// clickAndLoad clicks the page at viewport point (x, y) and waits for the
// page it leads to to load, charts included.
func (tb *tab) clickAndLoad(what string, x, y float64) {
	tb.t.Helper()
	// On a machine loaded by the other tests, a click on a page still
	// busy drawing its charts may be lost: click again, at the same
	// point, a few times before calling it a failure.
	const tries = 3
	for try := 1; ; try++ {
		wait := chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.MouseClickXY(x, y))
		_, err := runIn(tb, stepTimeout/tries, wait)
		if err == nil {
			break
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			tb.t.Fatalf("%s: %v", what, err)
		}
		if try == tries {
			tb.t.Fatalf("%s: %d clicks at (%.0f, %.0f) opened no page (now at %s)", what, tries, x, y, tb.location())
		}
		tb.t.Logf("%s: the click at (%.0f, %.0f) opened no page in %s; again", what, x, y, stepTimeout/tries)
	}
	tb.waitCharts(what)
}

// screenshot saves a full-page PNG as name in the test's temporary
// directory and logs its path; run with -v to see where.
func (tb *tab) screenshot(name string) string {
	tb.t.Helper()
	png, err := runIn(tb, stepTimeout, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(tb.t.TempDir(), name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		tb.t.Fatalf("save screenshot: %v", err)
	}
	tb.t.Logf("screenshot: %s", p)
	return p
}

// chartPixels is what canvasReport tells of one chart container.
type chartPixels struct {
	ID       string         `json:"id"`
	Width    int            `json:"width"`
	Height   int            `json:"height"`
	Instance bool           `json:"instance"`
	Canvases int            `json:"canvases"`
	Pixels   int            `json:"pixels"`  // device pixels of its canvases
	Ink      int            `json:"ink"`     // opaque pixels that are not white
	Colours  int            `json:"colours"` // distinct opaque colours, counted up to 4096
	Wanted   map[string]int `json:"wanted"`  // pixels of each wanted colour
	CanvasW  float64        `json:"canvasW"` // CSS size of its first canvas
	CanvasH  float64        `json:"canvasH"`
	Grids    int            `json:"grids"` // grid components of its option
}

// canvasReport reads back the pixels of every div.chart's canvases: how
// many are inked, how many colours, and how many pixels are exactly each of
// the wanted "#rrggbb" colours.
const canvasReport = `function (wanted) {
	var out = [];
	var want = {};
	wanted.forEach(function (c) { want[parseInt(c.slice(1), 16)] = c; });
	document.querySelectorAll("div.chart").forEach(function (el) {
		var r = {id: el.id, width: el.clientWidth, height: el.clientHeight,
			instance: !!(window.echarts && echarts.getInstanceByDom(el)),
			canvases: 0, pixels: 0, ink: 0, colours: 0, wanted: {}, canvasW: 0, canvasH: 0, grids: 0};
		var first = el.querySelector("canvas");
		if (first) {
			var box = first.getBoundingClientRect();
			r.canvasW = box.width;
			r.canvasH = box.height;
		}
		if (r.instance) {
			r.grids = (echarts.getInstanceByDom(el).getOption().grid || []).length;
		}
		var seen = new Set();
		el.querySelectorAll("canvas").forEach(function (c) {
			r.canvases++;
			if (!c.width || !c.height) { return; }
			var d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
			r.pixels += c.width * c.height;
			for (var i = 0; i < d.length; i += 4) {
				if (d[i + 3] < 255) { continue; }
				var rgb = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
				if (seen.size < 4096) { seen.add(rgb); }
				if (rgb !== 0xffffff) { r.ink++; }
				if (rgb in want) { r.wanted[want[rgb]] = (r.wanted[want[rgb]] || 0) + 1; }
			}
		});
		r.colours = seen.size;
		out.push(r);
	});
	return out;
}`

// checkCharts asserts the page has the chart containers ids (in any order,
// at least these) and that each drew: a sized container, an ECharts
// instance, a canvas of the container's size with some ink in several
// colours, and at most one grid (a second one is never used by the axes, so
// its margins are lost). It returns the report by chart id.
func (tb *tab) checkCharts(where string, ids []string, wanted []string) map[string]chartPixels {
	tb.t.Helper()
	if wanted == nil {
		wanted = []string{}
	}
	report := eval[[]chartPixels](tb, canvasReport, wanted)
	byID := make(map[string]chartPixels, len(report))
	for _, c := range report {
		byID[c.ID] = c
		switch {
		case c.Width < 100 || c.Height < 100:
			tb.t.Errorf("%s: chart %s is %d×%d CSS pixels", where, c.ID, c.Width, c.Height)
		case !c.Instance:
			tb.t.Errorf("%s: chart %s has no ECharts instance", where, c.ID)
		case c.Canvases == 0 || c.Pixels == 0:
			tb.t.Errorf("%s: chart %s has no canvas to draw on", where, c.ID)
		case c.Colours < 3 || c.Ink*1000 < c.Pixels:
			// Axes and labels alone ink well under 1% of the chart.
			tb.t.Errorf("%s: chart %s looks blank: %d of %d pixels inked, %d colours", where, c.ID, c.Ink, c.Pixels, c.Colours)
		}
		if math.Abs(c.CanvasW-float64(c.Width)) > 1 || math.Abs(c.CanvasH-float64(c.Height)) > 1 {
			tb.t.Errorf("%s: chart %s draws on a %.0f×%.0f canvas in a %d×%d container", where, c.ID, c.CanvasW, c.CanvasH, c.Width, c.Height)
		}
		if c.Grids > 1 {
			tb.t.Errorf("%s: chart %s has %d grids; its axes use the first only", where, c.ID, c.Grids)
		}
	}
	for _, id := range ids {
		if _, ok := byID[id]; !ok {
			tb.t.Errorf("%s: no chart %s on the page (charts: %v)", where, id, keys(byID))
		}
	}
	return byID
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// chartPoint is where a chart item is on the page, and what clicking it
// should open.
type chartPoint struct {
	Found    bool    `json:"found"`
	Series   int     `json:"series"`
	Index    int     `json:"index"`
	Value    float64 `json:"value"`
	Category string  `json:"category"`
	Link     string  `json:"link"`
	X        float64 `json:"x"` // viewport CSS pixels
	Y        float64 `json:"y"`
}

// barPoint finds the first bar with a value above zero in a bar chart and
// returns the middle of it in viewport coordinates. It scrolls the chart to
// the middle of the viewport first. The bar's pixels come from the chart's
// own coordinate system (convertToPixel); a bar of a grouped series sits
// beside its category's middle, so its laid-out rectangle is used when the
// series has one.
const barPoint = `function (id) {
	var el = document.getElementById(id);
	el.scrollIntoView({block: "center", inline: "nearest"});
	var inst = echarts.getInstanceByDom(el);
	var opt = inst.getOption();
	var links = JSON.parse(el.getAttribute("data-links") || "[]");
	// Bars with long names lie down, the names on the y axis.
	var cats = (opt.xAxis[0].data && opt.xAxis[0].data.length) ? opt.xAxis[0].data : opt.yAxis[0].data;
	for (var s = 0; s < opt.series.length; s++) {
		var data = opt.series[s].data;
		for (var i = 0; i < data.length; i++) {
			var d = data[i];
			var v = (d !== null && typeof d === "object") ? d.value : d;
			if (!(v > 0)) { continue; }
			var top = inst.convertToPixel({seriesIndex: s}, [i, v]);
			var zero = inst.convertToPixel({seriesIndex: s}, [i, 0]);
			var x = top[0], y = (top[1] + zero[1]) / 2;
			var layout = inst.getModel().getSeriesByIndex(s).getData().getItemLayout(i);
			if (layout && layout.width) {
				x = layout.x + layout.width / 2;
				y = layout.y + layout.height / 2;
			}
			var box = el.getBoundingClientRect();
			return {found: true, series: s, index: i, value: v, category: String(cats[i]),
				link: (Array.isArray(links[s]) ? links[s][i] : links[i]) || "", x: box.left + x, y: box.top + y};
		}
	}
	return {found: false};
}`

// cellPoint finds the first cell of a heatmap and returns its middle in
// viewport coordinates, the category of its column and its link.
const cellPoint = `function (id) {
	var el = document.getElementById(id);
	el.scrollIntoView({block: "center", inline: "nearest"});
	var inst = echarts.getInstanceByDom(el);
	var opt = inst.getOption();
	var links = JSON.parse(el.getAttribute("data-links") || "[]");
	var data = opt.series[0].data;
	if (!data.length) { return {found: false}; }
	var d = data[0];
	var v = (d !== null && typeof d === "object" && !Array.isArray(d)) ? d.value : d;
	var p = inst.convertToPixel({seriesIndex: 0}, [v[0], v[1]]);
	var box = el.getBoundingClientRect();
	return {found: true, series: 0, index: v[0], value: v[2], category: String(opt.xAxis[0].data[v[0]]),
		link: links[v[0]] || "", x: box.left + p[0], y: box.top + p[1]};
}`
