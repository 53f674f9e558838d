package dashboard

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	scriptTag = regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`)
	// optionTag is a chart's option: JSON data that amendlens.js reads.
	optionTag = regexp.MustCompile(`^ type="application/json" id="(\w+)-option"$`)
)

func TestSecurityHeaders(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	for _, path := range []string{"/", "/d/fixture", "/d/fixture/p/1", "/d/fixture/s/2", "/d/fixture/t/gender", "/themes", "/d/nope"} {
		w := get(t, s.engine, path)
		csp := w.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self';", "style-src 'self';", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "img-src 'self' data:", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: CSP lacks %q: %s", path, want, csp)
			}
		}
		if scripts := regexp.MustCompile(`script-src[^;]*`).FindString(csp); strings.Contains(csp, "nonce-") || scripts != "script-src 'self'" {
			t.Errorf("GET %s: CSP allows inline scripts: %s", path, csp)
		}
		if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", path, got)
		}
		if got := w.Header().Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("GET %s: Referrer-Policy %q", path, got)
		}
		body := w.Body.String()
		options := 0
		for _, m := range scriptTag.FindAllStringSubmatch(body, -1) {
			switch {
			case strings.Contains(m[1], "src=") && m[2] == "":
			case optionTag.MatchString(m[1]):
				options++
			default:
				t.Errorf("GET %s: inline script <script%s>", path, m[1])
			}
		}
		if regexp.MustCompile(`<style\b|\sstyle=`).MatchString(body) {
			t.Errorf("GET %s: inline style in the page", path)
		}
		if path == "/d/fixture" && options != 9 {
			t.Errorf("GET %s: %d chart options, want 9", path, options)
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
	"/d/fixture/search?q=access", "/d/inject/search?q=script*",
	"/d/fixture?variant=Outcome&against=North", "/d/inject?variant=Plain&against=" + url.QueryEscape(evil),
}

func TestInjection(t *testing.T) {
	s := mustServer(t, newFakeSource(injectionResult()), nil)
	for _, path := range []string{"/d/inject", "/d/inject?variant=Plain", "/d/inject/p/1", "/d/inject/s/1", "/d/inject/t/gender", "/d/inject/search?q=script*", "/themes"} {
		w := get(t, s.engine, path)
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: status %d\n%s", path, w.Code, w.Body.String())
		}
		body := w.Body.String()
		// U+2028 and U+2029 may stay in text; only scripts must not hold them.
		for _, bad := range []string{"<script>alert", "<script>alert(1)</script>\"'", "<!--"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: body contains raw %q", path, bad)
			}
		}
		if !strings.Contains(body, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("GET %s: the injected text is not shown as text", path)
		}
		for _, m := range scriptTag.FindAllStringSubmatch(body, -1) {
			if optionTag.MatchString(m[1]) {
				checkOption(t, path, m[2], false)
			} else if m[2] != "" {
				t.Errorf("GET %s: inline script <script%s>%.80s", path, m[1], m[2])
			}
		}
	}
	// The chart builders themselves, whether or not the page renders them.
	r := injectionResult()
	themes := themeInfos(r.Dictionary)
	every := window{Pager: pager{Total: len(r.Document.Sections)}, Hi: len(r.Document.Sections)}
	for _, build := range []func() (*chartView, error){
		func() (*chartView, error) { return themeChart(r, themes, []int{1, 2}, "") },
		func() (*chartView, error) {
			return sectionChart(r, []int{1, 2}, overviewQuery{norm: true, page: 1}, "", "/d/inject", every)
		},
		func() (*chartView, error) { return heatmapChart(r, themes, 1) },
		func() (*chartView, error) { return changeMapChart(r, themes, 1) },
		func() (*chartView, error) { return sectionHeatmap(r, themes, 1, every) },
		func() (*chartView, error) { return sectionChangeMap(r, themes, 1, every) },
	} {
		cv, err := build()
		if err != nil {
			t.Fatal(err)
		}
		checkOption(t, cv.ID, string(cv.Option), true)
	}
}

// checkOption asserts a chart's option is one JSON object that can neither
// end its script element nor open a comment or break a line in it, and
// that the evil text is inside its strings, intact.
func checkOption(t *testing.T, where, option string, labelled bool) {
	t.Helper()
	var opt map[string]any
	if err := json.Unmarshal([]byte(option), &opt); err != nil {
		t.Errorf("%s: option is not JSON: %v\n%s", where, err, option)
		return
	}
	for _, bad := range []string{"<", ">", "&", "\u2028", "\u2029"} {
		if strings.Contains(option, bad) {
			t.Errorf("%s: option contains raw %q", where, bad)
		}
	}
	if labelled && !slices.ContainsFunc(jsonStrings(opt), func(s string) bool { return strings.Contains(s, evil) }) {
		t.Errorf("%s: the evil label did not reach the chart intact", where)
	}
}

// jsonStrings returns the strings in decoded JSON.
func jsonStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, jsonStrings(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, jsonStrings(e)...)
		}
		return out
	}
	return nil
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
	var opt struct {
		Series []struct {
			Data []struct {
				Value     float64
				ItemStyle struct{ Color string }
			}
		}
	}
	if err := json.Unmarshal([]byte(cv.Option), &opt); err != nil {
		t.Fatalf("option is not JSON: %v", err)
	}
	data := opt.Series[0].Data
	if len(data) != 4 || data[0].Value != 0 || data[1].Value != 0 {
		t.Errorf("change map data %+v, want 4 bars with NaN and Inf as 0", data)
	}
	if data[0].ItemStyle.Color != "#e64980" || data[3].ItemStyle.Color != colorNone {
		t.Errorf("change map colours %q %q, want the gender colour and grey", data[0].ItemStyle.Color, data[3].ItemStyle.Color)
	}
	if !strings.Contains(cv.Links, `"/d/fixture/p/2bis"`) || cv.LinkBy != "x" {
		t.Errorf("change map links %s by %s", cv.Links, cv.LinkBy)
	}
}

// TestThemeStyle follows a page's theme stylesheet: the colours of the
// highlights come from a stylesheet of the dashboard, not an inline style.
func TestThemeStyle(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	body := get(t, s.engine, "/d/fixture/p/1").Body.String()
	m := regexp.MustCompile(`<link rel="stylesheet" href="(/theme\.css\?[^"]+)">`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the paragraph page links no theme stylesheet")
	}
	w := get(t, s.engine, html.UnescapeString(m[1]))
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/css; charset=utf-8" {
		t.Fatalf("GET %s: status %d, Content-Type %q", m[1], w.Code, w.Header().Get("Content-Type"))
	}
	css := w.Body.String()
	for _, want := range []string{
		"mark.th-gender{background:rgba(230,73,128,.22);border-bottom:2px solid #e64980}",
		".sw.th-stakeholders{background:#1c7ed6}",
		".sw.th-access{background:#37b24d}",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("the theme stylesheet lacks %q:\n%s", want, css)
		}
	}
	// Only class names and hex colours make a stylesheet.
	for _, bad := range []string{"/theme.css", "/theme.css?gender=e6498", "/theme.css?gender=e64980&x}{=000000", "/theme.css?gender=red", "/theme.css?a=000000;b=111111"} {
		if w := get(t, s.engine, bad); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", bad, w.Code)
		}
	}
}
