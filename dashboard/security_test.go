package dashboard

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

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
		if path == "/d/fixture" && inline != 7 {
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
	"/d/fixture/uptake", "/d/fixture/uptake?proposal=North&theme=gender&verdict=adopted",
	"/d/inject", "/d/inject/p/1", "/d/inject/s/1", "/d/inject/t/gender",
}

var optionRe = regexp.MustCompile(`(?s)^if \(typeof echarts !== "undefined"\) \{\s*"use strict";\s*let goecharts_(\w+) = echarts\.init\(document\.getElementById\('(\w+)'\), "white", \{ renderer: "canvas" \}\);\s*let option_(\w+) = (.*?)\s*goecharts_(\w+)\.setOption\(option_(\w+)\);\s*\}$`)

func TestInjection(t *testing.T) {
	s := mustServer(t, newFakeSource(injectionResult()), nil)
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
