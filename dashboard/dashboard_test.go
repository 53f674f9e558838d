package dashboard

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/templates"
)

// get requests path from h with optional header pairs.
func get(t *testing.T, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// element returns the text from the tag carrying id="id" to the end of its
// table row or section, for assertions on one place of a page.
func element(t *testing.T, body, id, end string) string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no element id=%q", id)
	}
	j := strings.Index(body[i:], end)
	if j < 0 {
		t.Fatalf("element id=%q has no %q after it", id, end)
	}
	return body[i : i+j]
}

// cells returns the text of the <td> cells of an HTML fragment.
func cells(frag string) []string {
	re := regexp.MustCompile(`<td[^>]*>(.*?)</td>`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(frag, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestRoutes(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	const html, csv, js = "text/html; charset=utf-8", "text/csv; charset=utf-8", "application/json; charset=utf-8"
	tests := []struct {
		name     string
		path     string
		wantCode int
		wantType string
		wantBody []string
		notBody  []string
	}{
		{"index", "/", 200, html, []string{`href="/d/fixture"`, "fixture.txt", "North, Outcome", `name="file"`, "Up to 10 MB"}, []string{`name="token"`}},
		{"overview", "/d/fixture", 200, html, []string{
			`<div id="chart_themes" class="chart"`, `id="chart_sections"`, `id="chart_heatmap" class="chart tall"`, `id="chart_changemap"`, `id="chart_kinds"`,
			`id="chart_uptake_themes"`, `id="chart_uptake_spans"`, "Themes by paragraph in Outcome", "Change map of Outcome",
			`href="/d/fixture/export/themes.csv"`, `href="/d/fixture/export/hits.csv?variant=Outcome"`, `href="/api/d/fixture/paragraphs"`,
			`href="/d/fixture/s/2a"`, "Sections by change volume<", `href="/d/fixture?norm=1"`,
		}, nil},
		{"overview variant", "/d/fixture?variant=North", 200, html, []string{
			`class="active" aria-current="true">North<`, "Themes by paragraph in North", `href="/d/fixture/export/themes.csv?variant=North"`,
			`&#34;/d/fixture/t/gender?variant=North&#34;`,
		}, []string{`id="figures-v2"`}},
		{"overview normalised", "/d/fixture?norm=1", 200, html, []string{"Sections by change volume (per 100 base words)", "per 100 base words)</th>", `id="norm" href="/d/fixture"`}, nil},
		{"overview unknown variant", "/d/fixture?variant=South", 404, html, []string{"no variant &#34;South&#34;"}, nil},
		{"overview unknown document", "/d/nope", 404, html, []string{"There is no document named &#34;nope&#34;."}, nil},
		{"paragraph", "/d/fixture/p/1", 200, html, []string{
			`<ins><mark class="hit th-access" title="Access: affordable">affordable</mark> </ins>`,
			`<ins>, with <mark class="hit th-gender" title="Gender equality: gender equality">gender equality</mark></ins>`,
			`rel="next" id="next" href="/d/fixture/p/2"`, `href="/d/fixture/s/1">Section 1. Introduction`,
			`<td class="verdict-not_adopted">not adopted <span class="note">0 of 1 words</span>`,
			`<td class="verdict-adopted">adopted <span class="note">3 of 3 words</span>`,
			`<mark class="hit th-access" title="Access: access">access</mark>`,
		}, []string{`rel="prev"`}},
		{"paragraph deletion", "/d/fixture/p/3", 200, html, []string{`Security matters<del> greatly</del>.`, `rel="prev" id="prev" href="/d/fixture/p/2bis"`}, []string{`rel="next"`}},
		{"paragraph new and absent", "/d/fixture/p/2bis", 200, html, []string{"No text in the base: the paragraph was proposed.", `<span class="role">new</span>`, `<td class="verdict-partly">partly adopted`}, nil},
		{"paragraph absent in outcome", "/d/fixture/p/2", 200, html, []string{`class="cell variant status-absent"`, "No text.", `<td class="verdict-pending">pending`}, nil},
		{"paragraph unknown", "/d/fixture/p/99", 404, html, []string{"no paragraph &#34;99&#34;"}, nil},
		{"theme", "/d/fixture/t/gender", 200, html, []string{
			"2 added hits of theme", `<a href="/d/fixture/s/1">1. Introduction</a>`,
			`<td class="left">We value affordable access for all, with </td><td class="hit"><mark class="hit th-gender" title="gender equality">gender equality</mark></td><td>.</td>`,
			`href="/d/fixture/p/1">1</a>`, `href="/d/fixture/export/hits.csv?theme=gender"`,
		}, nil},
		{"theme variant filter", "/d/fixture/t/stakeholders?variant=Outcome", 200, html, []string{"1 added hit of theme", `href="/d/fixture/p/2bis"`}, []string{`href="/d/fixture/p/2"`}},
		{"theme section filter", "/d/fixture/t/stakeholders?section=2a", 200, html, []string{"2 added hits of theme", "section 2a", `<a href="/d/fixture/s/2a">2a. Roles</a>`}, []string{`href="/d/fixture/p/2"`}},
		{"theme none", "/d/fixture/t/access?variant=Outcome", 200, html, []string{"No variant added this theme."}, nil},
		{"theme unknown", "/d/fixture/t/climate", 404, html, []string{"no theme &#34;climate&#34;"}, nil},
		{"theme unknown section", "/d/fixture/t/gender?section=9", 404, html, []string{"no section &#34;9&#34;"}, nil},
		{"section", "/d/fixture/s/2", 200, html, []string{
			`id="chart_section_paragraphs"`, `id="chart_section_themes"`, `href="/d/fixture/s/2a">2a. Roles</a>`,
			`<td class="num">1</td><th scope="row"><a href="/d/fixture/p/2bis">2bis</a></th><td class="num">7</td><td class="num">0</td><td class="num">7</td>`,
			`<td class="num">2</td><th scope="row"><a href="/d/fixture/p/2">2</a></th><td class="num">3</td><td class="num">0</td><td class="num">3</td>`,
			`<td class="num">3</td><th scope="row"><a href="/d/fixture/p/3">3</a></th><td class="num">0</td><td class="num">1</td><td class="num">1</td>`,
			`href="/d/fixture/export/paragraphs.csv?section=2"`,
		}, nil},
		{"subsection", "/d/fixture/s/2a?variant=North", 200, html, []string{`Part of <a href="/d/fixture/s/2">2. Stakeholders</a>`, "&#43;0 −1 (amended)", "&#43;3 −0 (new)"}, []string{"(absent)"}},
		{"section unknown", "/d/fixture/s/9", 404, html, []string{"no section &#34;9&#34;"}, nil},
		{"themes", "/themes", 200, html, []string{
			`id="theme-gender"`, "<tr><td>gender equality</td><td class=\"num\">2</td></tr>", "<tr><td>private sector</td><td class=\"num\">2</td></tr>",
			"<tr><td>women</td><td class=\"num\">0</td></tr>", "<tr><td>with</td><td class=\"num\">2</td></tr>", "#e64980", "fixturehash",
		}, nil},
		{"themes of a document", "/themes?doc=fixture", 200, html, []string{`href="/d/fixture/export/unthemed.csv"`, "in fixture"}, nil},
		{"themes unknown document", "/themes?doc=nope", 404, html, []string{"no document named"}, nil},
		{"csv", "/d/fixture/export/paragraphs.csv", 200, csv, nil, nil},
		{"csv unknown table", "/d/fixture/export/nope.csv", 404, html, []string{"There is no table &#34;nope&#34;"}, nil},
		{"csv without extension", "/d/fixture/export/paragraphs.json", 404, html, nil, nil},
		{"csv unknown document", "/d/nope/export/paragraphs.csv", 404, html, nil, nil},
		{"csv unknown variant", "/d/fixture/export/paragraphs.csv?variant=South", 404, html, []string{"no variant"}, nil},
		{"csv unknown paragraph", "/d/fixture/export/paragraphs.csv?paragraph=99", 404, html, []string{"no paragraph"}, nil},
		{"json", "/api/d/fixture/paragraphs", 200, js, nil, nil},
		{"json unknown table", "/api/d/fixture/nope", 404, js, []string{`"error":"There is no table`}, nil},
		{"json unknown document", "/api/d/nope/paragraphs", 404, js, []string{`"error"`}, nil},
		{"static script", "/static/amendlens.js", 200, "text/javascript; charset=utf-8", []string{"getInstanceByDom"}, nil},
		{"static style", "/static/amendlens.css", 200, "text/css; charset=utf-8", []string{".chart"}, nil},
		{"static unknown", "/static/nope.js", 404, html, nil, nil},
		{"static hidden", "/static/.gitignore", 404, html, nil, nil},
		{"no route", "/nowhere", 404, html, []string{"There is no such page."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, s.engine, tt.path)
			if w.Code != tt.wantCode {
				t.Fatalf("GET %s: status %d, want %d\n%s", tt.path, w.Code, tt.wantCode, w.Body.String())
			}
			if ct := w.Header().Get("Content-Type"); ct != tt.wantType {
				t.Errorf("GET %s: Content-Type %q, want %q", tt.path, ct, tt.wantType)
			}
			body := w.Body.String()
			for _, want := range tt.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("GET %s: body lacks %q", tt.path, want)
				}
			}
			for _, not := range tt.notBody {
				if strings.Contains(body, not) {
					t.Errorf("GET %s: body has %q", tt.path, not)
				}
			}
			if t.Failed() && testing.Verbose() {
				t.Log(body)
			}
		})
	}
}

func TestOverviewFigures(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	body := get(t, s.engine, "/d/fixture").Body.String()
	tests := []struct {
		variant int
		want    []string // amended, new, unchanged, absent, added, deleted, ratio
		top     []string
	}{
		{1, []string{"3", "1", "0", "0", "10", "1", "1"}, []string{"Multistakeholder 2", "Gender equality 1", "Access 1"}},
		{2, []string{"1", "1", "1", "1", "7", "0", "0.636"}, []string{"Gender equality 1", "Multistakeholder 1"}},
	}
	for _, tt := range tests {
		row := element(t, body, "figures-v"+strconv.Itoa(tt.variant), "</tr>")
		got := cells(row)
		if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
			t.Errorf("variant %d figures %q, want %q", tt.variant, got, tt.want)
		}
		last := 0
		for _, top := range tt.top {
			i := strings.Index(row, top)
			if i < last {
				t.Errorf("variant %d top themes: %q missing or out of order in %s", tt.variant, top, row)
			}
			last = i
		}
	}
	// The heatmap table lists the paragraphs where the focus variant added
	// hits: 1 (gender) and 2bis (stakeholders) in the outcome.
	heat := element(t, body, "chart_heatmap-table", "</table>")
	if !strings.Contains(heat, `<th scope="row">1</th><td>1</td><td>0</td><td>0</td>`) || !strings.Contains(heat, `<th scope="row">2bis</th><td>0</td><td>1</td><td>0</td>`) {
		t.Errorf("heatmap table:\n%s", heat)
	}
	change := element(t, body, "chart_changemap-table", "</table>")
	for _, want := range []string{
		"<th scope=\"row\">1</th><td>amended</td><td>3</td><td>0</td><td>0.6</td><td>Gender equality</td>",
		"<th scope=\"row\">2</th><td>absent</td><td>0</td><td>0</td><td>0</td><td></td>",
		"<th scope=\"row\">3</th><td>unchanged</td><td>0</td><td>0</td><td>0</td><td></td>",
	} {
		if !strings.Contains(change, want) {
			t.Errorf("change map table lacks %q:\n%s", want, change)
		}
	}
	norm := get(t, s.engine, "/d/fixture?norm=1&variant=North").Body.String()
	sec := element(t, norm, "chart_sections-table", "</table>")
	// Section 2 holds paragraphs 2, 2bis and 3: 6 base words, 6 added, 1 deleted.
	if !strings.Contains(sec, `<th scope="row">2</th><td>Stakeholders</td><td>6</td><td>100</td><td>16.667</td>`) {
		t.Errorf("normalised section table:\n%s", sec)
	}
}

var inlineScript = regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`)

func TestSecurityHeaders(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	nonceRe := regexp.MustCompile(`script-src 'self' 'nonce-([A-Za-z0-9_-]{20,})'`)
	seen := map[string]bool{}
	for _, path := range []string{"/", "/d/fixture", "/d/fixture/p/1", "/d/fixture/s/2", "/d/fixture/t/gender", "/themes", "/d/nope"} {
		w := get(t, s.engine, path)
		csp := w.Header().Get("Content-Security-Policy")
		m := nonceRe.FindStringSubmatch(csp)
		if m == nil {
			t.Fatalf("GET %s: CSP without nonce: %q", path, csp)
		}
		nonce := m[1]
		if seen[nonce] {
			t.Errorf("GET %s: nonce %s reused", path, nonce)
		}
		seen[nonce] = true
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "img-src 'self' data:", "style-src 'self' 'nonce-" + nonce + "'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: CSP lacks %q", path, want)
			}
		}
		if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", path, got)
		}
		if got := w.Header().Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("GET %s: Referrer-Policy %q", path, got)
		}
		body := w.Body.String()
		inline := 0
		for _, m := range inlineScript.FindAllStringSubmatch(body, -1) {
			if strings.Contains(m[1], "src=") {
				continue
			}
			inline++
			if !strings.Contains(m[1], `nonce="`+nonce+`"`) {
				t.Errorf("GET %s: inline script without the nonce: <script%s>", path, m[1])
			}
		}
		for _, m := range regexp.MustCompile(`<style([^>]*)>`).FindAllStringSubmatch(body, -1) {
			if !strings.Contains(m[1], `nonce="`+nonce+`"`) {
				t.Errorf("GET %s: style element without the nonce", path)
			}
		}
		if path == "/d/fixture" && s.echarts && inline != 7 {
			t.Errorf("GET %s: %d inline chart scripts, want 7", path, inline)
		}
	}
}

func TestNoRemoteAssets(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult(), injectionResult()), nil)
	remote := regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?\s*(https?:|//)`)
	for _, path := range pagePaths {
		body := get(t, s.engine, path).Body.String()
		if m := remote.FindString(body); m != "" {
			t.Errorf("GET %s: remote reference %q", path, m)
		}
		for _, bad := range []string{"cdn", "jsdelivr", "go-echarts.github.io", "http://", "https://"} {
			if strings.Contains(strings.ToLower(body), bad) {
				t.Errorf("GET %s: body mentions %q", path, bad)
			}
		}
	}
}

// pagePaths are pages of both fixtures, for checks that apply to all.
var pagePaths = []string{
	"/", "/themes", "/themes?doc=inject",
	"/d/fixture", "/d/fixture?variant=North&norm=1", "/d/fixture/p/1", "/d/fixture/s/2", "/d/fixture/t/gender",
	"/d/inject", "/d/inject/p/1", "/d/inject/s/1", "/d/inject/t/gender",
}

var optionRe = regexp.MustCompile(`(?s)^if \(typeof echarts !== "undefined"\) \{\s*"use strict";\s*let goecharts_(\w+) = echarts\.init\(document\.getElementById\('(\w+)'\), "white", \{ renderer: "canvas" \}\);\s*let option_(\w+) = (.*?)\s*goecharts_(\w+)\.setOption\(option_(\w+)\);\s*\}$`)

func TestInjection(t *testing.T) {
	s := mustServer(t, newFakeSource(injectionResult()), nil)
	if !s.echarts {
		t.Log("static/echarts.min.js missing: chart scripts are not rendered; checking their builder directly")
	}
	for _, path := range []string{"/d/inject", "/d/inject?variant=Plain", "/d/inject/p/1", "/d/inject/s/1", "/d/inject/t/gender", "/themes"} {
		w := get(t, s.engine, path)
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: status %d\n%s", path, w.Code, w.Body.String())
		}
		body := w.Body.String()
		for _, bad := range []string{"<script>alert", "<script>alert(1)</script>\"'"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: body contains raw %q", path, bad)
			}
		}
		if !strings.Contains(body, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("GET %s: the injected text is not shown as text", path)
		}
		for _, m := range inlineScript.FindAllStringSubmatch(body, -1) {
			if strings.Contains(m[1], "src=") {
				continue
			}
			checkChartScript(t, path, m[2], false)
		}
	}
	// The chart builders themselves, whether or not the page renders them.
	r := injectionResult()
	themes := themeInfos(r.Dictionary)
	for _, build := range []func() (*chartView, error){
		func() (*chartView, error) { return themeChart(r, themes, []int{1, 2}, "") },
		func() (*chartView, error) { return sectionChart(r, []int{1, 2}, true, "") },
		func() (*chartView, error) { return heatmapChart(r, themes, 1) },
		func() (*chartView, error) { return changeMapChart(r, themes, 1) },
	} {
		cv, err := build()
		if err != nil {
			t.Fatal(err)
		}
		checkChartScript(t, cv.ID, string(cv.Script), true)
	}
}

// checkChartScript asserts a chart script is the expected code around one
// valid JSON option, and that the evil text is inside JSON strings only.
func checkChartScript(t *testing.T, where, script string, labelled bool) {
	t.Helper()
	m := optionRe.FindStringSubmatch(script)
	if m == nil {
		t.Errorf("%s: unexpected chart script:\n%s", where, script)
		return
	}
	if m[1] != m[2] || m[1] != m[3] || m[1] != m[5] || m[1] != m[6] {
		t.Errorf("%s: chart IDs differ in %v", where, m[1:])
	}
	var opt map[string]any
	if err := json.Unmarshal([]byte(m[4]), &opt); err != nil {
		t.Errorf("%s: option is not JSON: %v\n%s", where, err, m[4])
		return
	}
	for _, bad := range []string{"<", ">", "\u2028"} {
		if strings.Contains(script, bad) {
			t.Errorf("%s: script contains raw %q", where, bad)
		}
	}
	if labelled && !strings.Contains(string(mustJSON(t, opt)), "alert(1)") {
		t.Errorf("%s: the evil label did not reach the chart as text", where)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestChartNumbers(t *testing.T) {
	r := fixtureResult()
	// A ratio of NaN or Inf must not reach the chart.
	r.Comparison(0, 1).ChangeRatio = nan()
	r.Comparison(1, 1).ChangeRatio = inf()
	cv, err := changeMapChart(r, themeInfos(r.Dictionary), 1)
	if err != nil {
		t.Fatal(err)
	}
	m := optionRe.FindStringSubmatch(string(cv.Script))
	if m == nil {
		t.Fatalf("unexpected script %s", cv.Script)
	}
	var opt struct {
		Series []struct {
			Data []struct {
				Value     float64
				ItemStyle struct{ Color string }
			}
		}
	}
	if err := json.Unmarshal([]byte(m[4]), &opt); err != nil {
		t.Fatalf("option is not JSON: %v", err)
	}
	data := opt.Series[0].Data
	if len(data) != 4 || data[0].Value != 0 || data[1].Value != 0 {
		t.Errorf("change map data %+v, want 4 bars with NaN and Inf as 0", data)
	}
	if data[0].ItemStyle.Color != "#e64980" || data[3].ItemStyle.Color != colorNone {
		t.Errorf("change map colours %q %q, want the gender colour and grey", data[0].ItemStyle.Color, data[3].ItemStyle.Color)
	}
	if !strings.Contains(cv.Links, `"/d/fixture/p/2bis"`) || cv.LinkBy != "index" {
		t.Errorf("change map links %s by %s", cv.Links, cv.LinkBy)
	}
}

func TestETag(t *testing.T) {
	src := newFakeSource(fixtureResult())
	s := mustServer(t, src, nil)
	for _, path := range []string{"/d/fixture", "/d/fixture/p/1", "/d/fixture/export/paragraphs.csv", "/api/d/fixture/themes", "/themes", "/static/amendlens.css"} {
		w := get(t, s.engine, path)
		etag := w.Header().Get("ETag")
		if w.Code != 200 || etag == "" {
			t.Fatalf("GET %s: status %d, ETag %q", path, w.Code, etag)
		}
		w2 := get(t, s.engine, path, "If-None-Match", etag)
		if w2.Code != http.StatusNotModified || w2.Body.Len() != 0 {
			t.Errorf("GET %s with If-None-Match: status %d, %d bytes", path, w2.Code, w2.Body.Len())
		}
		if csp := w2.Header().Get("Content-Security-Policy"); csp != "" && path != "/static/amendlens.css" {
			t.Errorf("GET %s: 304 carries a CSP whose nonce would not match the cached page", path)
		}
		if w3 := get(t, s.engine, path, "If-None-Match", `"other"`); w3.Code != 200 {
			t.Errorf("GET %s with another ETag: status %d", path, w3.Code)
		}
	}
	// Different queries, different tags.
	a := get(t, s.engine, "/d/fixture").Header().Get("ETag")
	b := get(t, s.engine, "/d/fixture?variant=North").Header().Get("ETag")
	if a == b {
		t.Error("the ETag does not depend on the query")
	}
	// Re-ingesting the document changes the tag and the page.
	loads := src.loads
	r := fixtureResult()
	r.Document.Variants[1] = "Northern"
	if err := src.Save(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	w := get(t, s.engine, "/d/fixture", "If-None-Match", a)
	if w.Code != 200 || w.Header().Get("ETag") == a {
		t.Fatalf("after a new revision: status %d, ETag %q (was %q)", w.Code, w.Header().Get("ETag"), a)
	}
	if !strings.Contains(w.Body.String(), "Northern") {
		t.Error("the page shows the old revision")
	}
	if src.loads != loads+1 {
		t.Errorf("%d loads after a new revision, want 1", src.loads-loads)
	}
}

func TestCache(t *testing.T) {
	src := newFakeSource(fixtureResult())
	s := mustServer(t, src, nil)
	for _, path := range []string{"/d/fixture", "/d/fixture/p/1", "/d/fixture/p/2", "/d/fixture/s/2", "/d/fixture", "/d/fixture/export/hits.csv"} {
		if w := get(t, s.engine, path); w.Code != 200 {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
	}
	if src.loads != 1 {
		t.Errorf("%d loads for one revision, want 1", src.loads)
	}
	// A cached page is rendered with the request's own nonce.
	w1, w2 := get(t, s.engine, "/d/fixture"), get(t, s.engine, "/d/fixture")
	n1 := nonceOf(w1.Header().Get("Content-Security-Policy"))
	n2 := nonceOf(w2.Header().Get("Content-Security-Policy"))
	if n1 == n2 || !strings.Contains(w2.Body.String(), `nonce="`+n2+`"`) || strings.Contains(w2.Body.String(), n1) {
		t.Error("a cached page is not rendered with a fresh nonce")
	}
}

func nonceOf(csp string) string {
	m := regexp.MustCompile(`'nonce-([^']+)'`).FindStringSubmatch(csp)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestExportHeaders(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	for _, table := range analysis.Tables {
		w := get(t, s.engine, "/d/fixture/export/"+table+".csv?variant=North")
		if w.Code != 200 {
			t.Fatalf("%s: status %d\n%s", table, w.Code, w.Body.String())
		}
		if got, want := w.Header().Get("Content-Disposition"), `attachment; filename="fixture-`+table+`.csv"`; got != want {
			t.Errorf("%s: Content-Disposition %q, want %q", table, got, want)
		}
		head, err := analysis.TableHeader(fixtureResult(), table)
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(w.Body.String(), "\n")
		if strings.TrimRight(first, "\r") != strings.Join(head, ",") {
			t.Errorf("%s: header %q, want %q", table, first, strings.Join(head, ","))
		}
		// The JSON rows are the CSV rows keyed by the header.
		jw := get(t, s.engine, "/api/d/fixture/"+table+"?variant=North")
		var rows []map[string]string
		if err := json.Unmarshal(jw.Body.Bytes(), &rows); err != nil {
			t.Fatalf("%s: JSON: %v\n%s", table, err, jw.Body.String())
		}
		var want [][]string
		if err := analysis.TableRows(fixtureResult(), table, analysis.Filter{Variant: "North"}, func(row []string) error {
			want = append(want, append([]string(nil), row...))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(want) {
			t.Fatalf("%s: %d JSON rows, want %d", table, len(rows), len(want))
		}
		for i, row := range want {
			for j, k := range head {
				if rows[i][k] != row[j] {
					t.Errorf("%s row %d %s: %q, want %q", table, i, k, rows[i][k], row[j])
				}
			}
		}
	}
}

// upload posts a multipart form to h.
func upload(t *testing.T, h http.Handler, fields map[string]string, file string, data []byte, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if file != "" {
		fw, err := mw.CreateFormFile("file", file)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestUploadRefused(t *testing.T) {
	tests := []struct {
		name     string
		mod      func(*Config)
		fields   map[string]string
		data     []byte
		header   []string
		wantCode int
		wantBody string
	}{
		{"read-only", func(c *Config) { c.ReadOnly = true }, nil, []byte("x"), nil, 403, "read-only"},
		{"no token", func(c *Config) { c.Token = "s3cret" }, nil, []byte("x"), nil, 403, "token is missing or wrong"},
		{"wrong token", func(c *Config) { c.Token = "s3cret" }, map[string]string{"token": "guess"}, []byte("x"), nil, 403, "token is missing or wrong"},
		{"cross-site", nil, nil, []byte("x"), []string{"Origin", "http://evil.example"}, 403, "own form"},
		{"too large", func(c *Config) { c.MaxUpload = 100 }, nil, bytes.Repeat([]byte("x"), 5000), nil, 413, "larger than the limit of 100 bytes"},
		{"no file", nil, nil, nil, nil, 422, "Choose a file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newFakeSource(fixtureResult())
			s := mustServer(t, src, tt.mod)
			file := "doc.txt"
			if tt.data == nil {
				file = ""
			}
			w := upload(t, s.engine, tt.fields, file, tt.data, tt.header...)
			if w.Code != tt.wantCode || !strings.Contains(w.Body.String(), tt.wantBody) {
				t.Errorf("status %d, want %d with %q\n%s", w.Code, tt.wantCode, tt.wantBody, w.Body.String())
			}
			if src.saves != 0 {
				t.Errorf("%d saves, want none", src.saves)
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), func(c *Config) { c.ReadOnly = true })
	w := get(t, s.engine, "/")
	if w.Code != http.StatusFound || w.Header().Get("Location") != "/d/fixture" {
		t.Errorf("read-only with one document: status %d to %q, want 302 to /d/fixture", w.Code, w.Header().Get("Location"))
	}
	s = mustServer(t, newFakeSource(fixtureResult(), injectionResult()), func(c *Config) { c.ReadOnly = true })
	w = get(t, s.engine, "/")
	if w.Code != 200 || strings.Contains(w.Body.String(), `name="file"`) {
		t.Errorf("read-only index: status %d, upload form shown: %v", w.Code, strings.Contains(w.Body.String(), `name="file"`))
	}
	s = mustServer(t, newFakeSource(fixtureResult()), func(c *Config) { c.Token = "s3cret" })
	if body := get(t, s.engine, "/").Body.String(); !strings.Contains(body, `name="token"`) {
		t.Error("the upload form has no token field when a token is set")
	}
}

// TestTemplatesExecuted fails when a template file is never executed by any
// route: every *.html file must be reachable.
func TestTemplatesExecuted(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult(), injectionResult()), nil)
	for _, path := range append(pagePaths, "/d/nope") {
		get(t, s.engine, path)
	}
	files, err := fs.Glob(templates.FS, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	executed := s.pages.executedNames()
	for _, f := range files {
		name := strings.TrimSuffix(f, ".html")
		if !slices.Contains(executed, name) {
			t.Errorf("template %s is never executed (executed: %v)", f, executed)
		}
		data, _ := fs.ReadFile(templates.FS, f)
		if !strings.Contains(string(data), `{{executed "`+name+`"}}`) {
			t.Errorf("template %s does not mark itself executed", f)
		}
	}
	if len(files) != len(pageNames)+len(partialFiles) {
		t.Errorf("%d template files, %d pages and %d partials known", len(files), len(pageNames), len(partialFiles))
	}
}

func TestNew(t *testing.T) {
	if _, err := New(Config{Dictionary: testDictionary()}); err == nil {
		t.Error("New without a Source: no error")
	}
	if _, err := New(Config{Source: newFakeSource()}); err == nil {
		t.Error("New without a Dictionary: no error")
	}
	h, err := New(Config{Source: newFakeSource(fixtureResult()), Dictionary: testDictionary()})
	if err != nil {
		t.Fatal(err)
	}
	if w := get(t, h, "/d/fixture"); w.Code != 200 {
		t.Errorf("GET /d/fixture: %d", w.Code)
	}
	req := httptest.NewRequest(http.MethodDelete, "/d/fixture", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("DELETE: %d, want 405", w.Code)
	}
	io.Copy(io.Discard, w.Body)
}

// TestWithoutECharts renders pages as when static/echarts.min.js was not
// fetched: no chart containers or scripts, the numbers shown open.
func TestWithoutECharts(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	s.echarts = false
	for _, path := range []string{"/d/fixture", "/d/fixture/s/2"} {
		w := get(t, s.engine, path)
		body := w.Body.String()
		if w.Code != 200 {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
		if strings.Contains(body, "echarts.min.js") || regexp.MustCompile(`class="chart[" ]`).MatchString(body) {
			t.Errorf("GET %s: chart assets or containers without ECharts", path)
		}
		for _, m := range inlineScript.FindAllStringSubmatch(body, -1) {
			if !strings.Contains(m[1], "src=") {
				t.Errorf("GET %s: inline script without ECharts", path)
			}
		}
		if !strings.Contains(body, `<details class="numbers" open>`) {
			t.Errorf("GET %s: the chart tables are not open", path)
		}
	}
}

func TestHead(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	srv := httptest.NewServer(s.engine)
	defer srv.Close()
	for _, path := range []string{"/", "/d/fixture", "/d/fixture/export/paragraphs.csv", "/static/amendlens.css"} {
		resp, err := http.Head(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") == "" {
			t.Errorf("HEAD %s: status %d, Content-Type %q", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

func TestExportRows(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	tests := []struct {
		path string
		rows int
		want map[string]string // column -> value in the first row
	}{
		{"/d/fixture/export/paragraphs.csv", 8, map[string]string{"paragraph": "1", "variant": "North", "added_words": "4", "deleted_words": "0", "added_gender": "1", "added_access": "1"}},
		{"/d/fixture/export/paragraphs.csv?variant=Outcome", 4, map[string]string{"paragraph": "1", "variant": "Outcome", "added_words": "3"}},
		{"/d/fixture/export/paragraphs.csv?section=2", 6, map[string]string{"paragraph": "2", "section": "2", "added_words": "3"}},
		{"/d/fixture/export/paragraphs.csv?paragraph=3&variant=North", 1, map[string]string{"paragraph": "3", "status": "amended", "deleted_words": "1"}},
		{"/d/fixture/export/hits.csv?theme=stakeholders", 3, map[string]string{"paragraph": "2", "theme": "stakeholders", "term": "civil society", "change": "added"}},
		{"/d/fixture/export/themes.csv?variant=North&theme=gender", 1, map[string]string{"theme": "gender", "added": "1"}},
	}
	for _, tt := range tests {
		w := get(t, s.engine, tt.path)
		if w.Code != 200 {
			t.Fatalf("GET %s: %d\n%s", tt.path, w.Code, w.Body.String())
		}
		recs, err := csv.NewReader(strings.NewReader(w.Body.String())).ReadAll()
		if err != nil {
			t.Fatalf("GET %s: %v", tt.path, err)
		}
		if len(recs)-1 != tt.rows {
			t.Errorf("GET %s: %d rows, want %d", tt.path, len(recs)-1, tt.rows)
			continue
		}
		for col, want := range tt.want {
			i := slices.Index(recs[0], col)
			if i < 0 {
				t.Errorf("GET %s: no column %s in %v", tt.path, col, recs[0])
			} else if recs[1][i] != want {
				t.Errorf("GET %s: %s = %q, want %q", tt.path, col, recs[1][i], want)
			}
		}
	}
}
