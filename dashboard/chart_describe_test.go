package dashboard

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"amendlens/analysis"
)

var chartDivRe = regexp.MustCompile(`<div id="(chart_[\w-]+)" class="chart[^"]*"[^>]* aria-label="([^"]*)"`)

// TestChartsDescribedAndSaved: every chart of the pages with charts has a
// save-as-image button and an aria-label that says what it shows (kind of
// chart, what is counted, how many, the largest), not only its title.
func TestChartsDescribedAndSaved(t *testing.T) {
	r, _ := sample(t)
	s := mustServer(t, newFakeSource(r, versionsResult(t)), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	doc := docURL(r.Document.Name)
	kinds := regexp.MustCompile(`^(Bar chart of|Heatmap of|Sankey diagram aligning|Sankey diagram following) \S.*\d`)
	seen := map[string]bool{}
	for _, path := range []string{doc, doc + "?by=section", doc + "/s/3", docURL("gold")} {
		page := get(t, s.engine, path).Body.String()
		divs := chartDivRe.FindAllStringSubmatch(page, -1)
		if len(divs) == 0 {
			t.Fatalf("GET %s: no chart", path)
		}
		for _, m := range divs {
			id, aria := m[1], html.UnescapeString(m[2])
			seen[id] = true
			if !kinds.MatchString(aria) {
				t.Errorf("GET %s: %s is labelled %q, which does not say what it shows", path, id, aria)
			}
			// Saved by buttons of the page, which the keyboard reaches,
			// not by the chart's own toolbox, which it does not.
			if tb, _ := chartOptionOf(t, page, id)["toolbox"].(map[string]any); tb["show"] == true {
				t.Errorf("GET %s: %s has a toolbox %v, want the page's save buttons alone", path, id, tb)
			}
			for _, kind := range []string{"png", "svg"} {
				if !strings.Contains(page, `<button type="button" class="save-`+kind+`" data-chart="`+id+`">`) {
					t.Errorf("GET %s: %s has no button saving it as %s", path, id, kind)
				}
			}
			if !strings.Contains(page, `id="`+id+`"`) || !strings.Contains(m[0], `tabindex="0"`) {
				t.Errorf("GET %s: %s does not take the focus: %s", path, id, m[0])
			}
		}
	}
	for _, id := range append(overviewCharts(r), chartSectionParas, chartSectionThemes) {
		if !seen[id] {
			t.Errorf("chart %s was on no page", id)
		}
	}
	// The largest is named: the section that changed most in the sample.
	page := get(t, s.engine, doc).Body.String()
	for _, m := range chartDivRe.FindAllStringSubmatch(page, -1) {
		if m[1] == chartSections && !strings.Contains(html.UnescapeString(m[2]), ", largest: 4. Measures to promote development (") {
			t.Errorf("section chart labelled %q", html.UnescapeString(m[2]))
		}
	}
}
