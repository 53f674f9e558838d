package dashboard

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/event"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

func TestCachedPageEqualsRender(t *testing.T) {
	cached := mustServer(t, newFakeSource(fixtureResult(), injectionResult()), nil)
	fresh := mustServer(t, newFakeSource(fixtureResult(), injectionResult()), func(c *Config) { c.CacheBytes = -1 })
	for _, path := range pagePaths {
		first, second := get(t, cached.engine, path), get(t, cached.engine, path)
		want := get(t, fresh.engine, path)
		if first.Code != 200 || second.Code != 200 || want.Code != 200 {
			t.Fatalf("GET %s: status %d, %d, %d", path, first.Code, second.Code, want.Code)
		}
		if got, want := second.Body.String(), want.Body.String(); got != want {
			t.Errorf("GET %s: the cached page differs from a fresh render:\n%s", path, firstDiff(got, want))
		}
		if first.Body.String() != second.Body.String() {
			t.Errorf("GET %s: the second request got another page", path)
		}
		if ct := second.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
		if cl := second.Header().Get("Content-Length"); path != "/" && cl != fmt.Sprint(second.Body.Len()) {
			t.Errorf("GET %s: Content-Length %s for %d bytes", path, cl, second.Body.Len())
		}
		if second.Header().Get("ETag") != want.Header().Get("ETag") {
			t.Errorf("GET %s: cached and fresh ETags differ", path)
		}
	}
	if _, n := fresh.responses.stats(); n != 0 {
		t.Errorf("a server without cache keeps %d responses", n)
	}
}

// firstDiff shows where two strings start to differ.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(i-80, 0)
	return fmt.Sprintf("at byte %d:\n got %q\nwant %q", i, a[lo:min(i+80, len(a))], b[lo:min(i+80, len(b))])
}

func TestCacheInvalidation(t *testing.T) {
	src := newFakeSource(fixtureResult())
	s := mustServer(t, src, nil)
	paths := []string{"/d/fixture", "/d/fixture/p/1", "/d/fixture/export/paragraphs.csv"}
	for _, p := range paths {
		get(t, s.engine, p)
	}
	_, kept := s.responses.stats()
	if kept != len(paths) {
		t.Fatalf("%d responses kept, want %d", kept, len(paths))
	}
	builds := s.responses.builds.Load()
	for _, p := range paths {
		get(t, s.engine, p)
	}
	if b := s.responses.builds.Load(); b != builds {
		t.Fatalf("%d builds for pages kept", b-builds)
	}

	tests := []struct {
		name   string
		change func(r *analysis.Result)
		want   string // in the overview after the change
	}{
		{"revision", func(r *analysis.Result) { r.Document.Variants[1] = "Northern" }, "Northern"},
		{"same content, new revision", func(r *analysis.Result) {}, "North"},
		{"dictionary", func(r *analysis.Result) {
			d := *r.Dictionary
			d.Themes = append([]analysis.Theme(nil), d.Themes...)
			d.Themes[0].Label = "Equality of genders"
			d.Source = []byte("labels changed\n")
			r.Dictionary = withHash(&d)
		}, "Equality of genders"},
	}
	for _, tt := range tests {
		before := get(t, s.engine, "/d/fixture")
		r := fixtureResult()
		tt.change(r)
		if err := src.Save(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		builds := s.responses.builds.Load()
		after := get(t, s.engine, "/d/fixture")
		if got := s.responses.builds.Load() - builds; got != 1 {
			t.Errorf("%s: %d builds of the overview, want 1", tt.name, got)
		}
		if after.Header().Get("ETag") == before.Header().Get("ETag") {
			t.Errorf("%s: the ETag did not change", tt.name)
		}
		if !strings.Contains(after.Body.String(), tt.want) {
			t.Errorf("%s: the overview does not show %q", tt.name, tt.want)
		}
		// The entries of the old stamp went when the new one was kept.
		if _, n := s.responses.stats(); n != 1 {
			t.Errorf("%s: %d responses kept after the change, want the new overview only", tt.name, n)
		}
		for _, p := range paths {
			get(t, s.engine, p)
		}
	}
	// A dictionary the dashboard is given is part of the stamp as well.
	other := testDictionary()
	other.Hash = "serverhash"
	s2 := mustServer(t, src, func(c *Config) { c.Dictionary = other })
	if s.etag(s.stamp(src.infos["fixture"]), "/d/fixture", "") == s2.etag(s2.stamp(src.infos["fixture"]), "/d/fixture", "") {
		t.Error("the stamp does not depend on the dashboard's dictionary")
	}
}

func TestCacheBound(t *testing.T) {
	// Many distinct keys, in a cache of 40 KB.
	c := newResponseCache(40 << 10)
	body := bytes.Repeat([]byte("x"), 3000)
	for i := range 200 {
		key := fmt.Sprintf("/d/doc%d/p/%d", i%3, i)
		_, err := c.do(context.Background(), key, fmt.Sprint("doc", i%3), "1", func() (*response, error) {
			return &response{body: body}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if size, _ := c.stats(); size > c.max {
			t.Fatalf("after %d keys: %d bytes kept, bound %d", i+1, size, c.max)
		}
	}
	if size, n := c.stats(); n < 5 || size < c.max/2 {
		t.Errorf("%d bytes in %d entries: the cache keeps too little", size, n)
	}
	// A response bigger than a quarter of the bound is served, not kept.
	big := bytes.Repeat([]byte("y"), 20<<10)
	resp, err := c.do(context.Background(), "/big", "big", "1", func() (*response, error) {
		return &response{body: big}, nil
	})
	if err != nil || len(resp.body) != len(big) {
		t.Fatalf("big response: %v", err)
	}
	if size, _ := c.stats(); size > c.max {
		t.Errorf("%d bytes kept, bound %d", size, c.max)
	}

	// Through the server: unknown values are not keys, flags mean one key.
	src := newFakeSource(fixtureResult())
	s := mustServer(t, src, nil)
	get(t, s.engine, "/d/fixture")
	for i := range 50 {
		if w := get(t, s.engine, fmt.Sprintf("/d/fixture?variant=v%d", i)); w.Code != http.StatusNotFound {
			t.Fatalf("unknown variant: status %d", w.Code)
		}
		if w := get(t, s.engine, fmt.Sprintf("/d/fixture?norm=%d&x=%d", i+2, i)); w.Code != 200 {
			t.Fatalf("norm=%d: status %d", i+2, w.Code)
		}
	}
	if _, n := s.responses.stats(); n != 1 {
		t.Errorf("%d responses kept for one page", n)
	}
	// Pages of 2.5 to 10 KB in a cache of 24 KB.
	const bound = 24 << 10
	s = mustServer(t, src, func(c *Config) { c.CacheBytes = bound })
	paths := []string{"/d/fixture/p/1", "/d/fixture/p/2", "/d/fixture/p/3", "/d/fixture/s/2", "/d/fixture/t/gender", "/d/fixture/t/access", "/d/fixture/p/1"}
	for _, p := range paths {
		if w := get(t, s.engine, p); w.Code != 200 {
			t.Fatalf("GET %s: %d", p, w.Code)
		}
		if size, _ := s.responses.stats(); size > bound {
			t.Fatalf("after %s: %d bytes kept, bound %d", p, size, bound)
		}
	}
	if _, n := s.responses.stats(); n < 2 || n >= len(paths)-1 {
		t.Errorf("%d of %d pages kept in %d bytes", n, len(paths)-1, bound)
	}
	if b := s.responses.builds.Load(); b != int64(len(paths)) {
		t.Errorf("%d builds for %d requests: the first paragraph was kept though pages came after it", b, len(paths))
	}
}

// gatedSource blocks Load until the gate is closed.
type gatedSource struct {
	*fakeSource
	gate chan struct{}
}

func (g *gatedSource) Load(ctx context.Context, name string) (*analysis.Result, error) {
	<-g.gate
	return g.fakeSource.Load(ctx, name)
}

func TestConcurrentFirstRequests(t *testing.T) {
	src := &gatedSource{fakeSource: newFakeSource(fixtureResult()), gate: make(chan struct{})}
	s := mustServer(t, src, nil)
	const clients = 16
	var wg sync.WaitGroup
	bodies := make([]string, clients)
	codes := make([]int, clients)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := httptest.NewRecorder()
			s.engine.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/d/fixture", nil))
			codes[i], bodies[i] = w.Code, w.Body.String()
		}()
	}
	time.Sleep(100 * time.Millisecond) // let the requests reach the cache
	close(src.gate)
	wg.Wait()
	if b := s.responses.builds.Load(); b != 1 {
		t.Errorf("%d concurrent first requests: %d builds, want 1", clients, b)
	}
	if src.loads != 1 {
		t.Errorf("%d loads, want 1", src.loads)
	}
	for i := range clients {
		if codes[i] != 200 || bodies[i] != bodies[0] {
			t.Errorf("request %d: status %d, same page %v", i, codes[i], bodies[i] == bodies[0])
		}
	}
}

func TestFlightOfGoneRequest(t *testing.T) {
	c := newResponseCache(1 << 20)
	started := make(chan struct{})
	release := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	leader := make(chan error, 1)
	go func() {
		_, err := c.do(ctx, "k", "g", "1", func() (*response, error) {
			close(started)
			<-release
			return nil, fmt.Errorf("load: %w", ctx.Err())
		})
		leader <- err
	}()
	<-started
	waiter := make(chan *response, 1)
	go func() {
		resp, err := c.do(context.Background(), "k", "g", "1", func() (*response, error) {
			return &response{body: []byte("ok")}, nil
		})
		if err != nil {
			t.Error(err)
		}
		waiter <- resp
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	close(release)
	if err := <-leader; !errors.Is(err, context.Canceled) {
		t.Errorf("leader: %v", err)
	}
	if resp := <-waiter; resp == nil || string(resp.body) != "ok" {
		t.Error("the waiter did not build the response itself when the leader's request went away")
	}
	// A failed build is not kept, and its error reaches the waiters.
	_, err := c.do(context.Background(), "nf", "g", "1", func() (*response, error) { return nil, notFound("no") })
	if analysis.FailureOf(err) != analysis.FailNotFound || err.Error() != "no" {
		t.Errorf("error %v, want the not found one", err)
	}
	if _, n := c.stats(); n != 1 {
		t.Errorf("%d entries, want 1", n)
	}
}

func TestExportCache(t *testing.T) {
	src := newFakeSource(fixtureResult())
	streamed := mustServer(t, src, func(c *Config) { c.CacheBytes = -1 })
	for _, path := range []string{"/d/fixture/export/hits.csv", "/d/fixture/export/paragraphs.csv?variant=North", "/api/d/fixture/changes"} {
		want := get(t, streamed.engine, path)
		if want.Code != 200 || want.Header().Get("Content-Length") != "" {
			t.Fatalf("GET %s without cache: status %d, Content-Length %q (want streamed)", path, want.Code, want.Header().Get("Content-Length"))
		}
		for _, limit := range []int{DefaultExportCache, 64} {
			s := mustServer(t, src, nil)
			s.exportCache = limit
			for range 2 {
				w := get(t, s.engine, path)
				if w.Code != 200 || w.Body.String() != want.Body.String() {
					t.Fatalf("GET %s (keep %d): status %d, body differs from the streamed one", path, limit, w.Code)
				}
				for _, h := range []string{"Content-Type", "Content-Disposition", "ETag"} {
					if w.Header().Get(h) != want.Header().Get(h) {
						t.Errorf("GET %s (keep %d): %s %q, want %q", path, limit, h, w.Header().Get(h), want.Header().Get(h))
					}
				}
				kept := w.Header().Get("Content-Length") != ""
				if kept != (limit == DefaultExportCache) {
					t.Errorf("GET %s (keep %d): Content-Length %q", path, limit, w.Header().Get("Content-Length"))
				}
			}
			if b := s.responses.builds.Load(); b != 1 {
				t.Errorf("GET %s twice (keep %d): %d builds, want 1", path, limit, b)
			}
		}
	}
	s := mustServer(t, src, nil)
	if w := get(t, s.engine, "/d/fixture/export/hits.csv?theme=nope"); w.Code != http.StatusNotFound {
		t.Errorf("unknown theme: status %d", w.Code)
	}
	if _, n := s.responses.stats(); n != 0 {
		t.Errorf("a 404 download is kept")
	}
}

func TestTableBodyHTML(t *testing.T) {
	// The template the method replaces.
	old := template.Must(template.New("t").Parse(`{{- range .Rows}}
<tr>{{range $i, $v := .}}{{if eq $i 0}}<th scope="row">{{$v}}</th>{{else}}<td>{{$v}}</td>{{end}}{{end}}</tr>
{{- else}}
<tr><td colspan="{{len .Head}}">No figures.</td></tr>
{{- end}}`))
	tests := []tableView{
		{Head: []string{"a", "b"}},
		{Head: []string{"P", "x"}, Rows: [][]string{{"1", "2"}, {"2a", "+3 −4"}}},
		{Head: []string{"P", "x", "y"}, Rows: [][]string{{`</th><script>alert(1)</script>`, `"q" & 'a'`, "a\x00b\u2028é"}, {"", ""}, {"only"}}},
	}
	for _, tv := range tests {
		var want strings.Builder
		if err := old.Execute(&want, tv); err != nil {
			t.Fatal(err)
		}
		if got := string(tv.BodyHTML()); got != want.String() {
			t.Errorf("rows %q:\n got %q\nwant %q", tv.Rows, got, want.String())
		}
	}
}

func TestChartOption(t *testing.T) {
	cats := []string{"1", "2a", evil, "line\u2028sep", "Gender equality"}
	b := barChart(chartChangeMap, cats, charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	b.AddSeries(label(evil+" added"), []opts.BarData{{Value: 1}, {Value: 2.5, ItemStyle: &opts.ItemStyle{Color: "#e64980"}}},
		charts.WithBarChartOpts(opts.BarChart{Stack: "v1"}))
	option, err := chartOption(b)
	if err != nil {
		t.Fatal(err)
	}
	checkOption(t, "bar", string(option), true)
	var opt struct {
		XAxis []struct{ Data []string } `json:"xAxis"`
		YAxis []struct{ Data []string } `json:"yAxis"`
	}
	if err := json.Unmarshal([]byte(option), &opt); err != nil {
		t.Fatal(err)
	}
	// Names this long lay the bars down: the categories are on the y axis.
	if len(opt.YAxis) != 1 || strings.Join(opt.YAxis[0].Data, "|") != strings.Join(labels(cats), "|") {
		t.Errorf("categories %+v, want %q", opt.YAxis, labels(cats))
	}
	// An option is data: a chart with functions or listeners is refused,
	// for nothing on the page would run them.
	f := barChart("chart_x", cats)
	f.SetGlobalOptions(charts.WithEventListeners(event.Listener{EventName: "click", Handler: opts.FuncOpts("function () {}")}))
	if _, err := chartOption(f); err == nil {
		t.Error("a chart with an event listener is accepted")
	}
	f = barChart("chart_y", cats)
	f.JSFunctions.AddJSFuncStrs("console.log(1)")
	if _, err := chartOption(f); err == nil {
		t.Error("a chart with a JavaScript function is accepted")
	}
}
