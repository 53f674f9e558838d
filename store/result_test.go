package store_test

import (
	"testing"

	"amendlens/analysis"
)

// testDictionaryYAML is the dictionary of the test results.
const testDictionaryYAML = `themes:
  - name: gender
    label: Gender equality
    color: "#aa3377"
    terms: [gender, women, gender equality]
  - name: access
    terms: [access, affordability]
  - name: rights
    label: Human rights
    terms: [human rights]
`

// mustDictionary parses src as a dictionary.
func mustDictionary(t testing.TB, src string) *analysis.Dictionary {
	t.Helper()
	d, err := analysis.ParseDictionary("test dictionary", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testResult returns the analysis of a small but complete document named
// name: three variants (base, a proposal, the outcome), two sections of
// which one is a subsection, four paragraphs among which a new one and one
// with an absent cell, spans of every op, hits added and removed, uptake,
// unthemed phrases, section metrics and totals with their maps filled.
func testResult(t testing.TB, name string) *analysis.Result {
	t.Helper()
	doc := &analysis.Document{
		Name:     name,
		Title:    name,
		Source:   name + ".txt",
		Variants: []string{analysis.BaseName, "GC Proposed Text", "Compromise text"},
		Sections: []analysis.Section{
			{ID: "1", Title: "Introduction", Line: 1},
			{ID: "1a", Title: "Principles", Parent: "1", Line: 12},
		},
		Paragraphs: []analysis.Paragraph{
			{ID: "39", Section: "1", Line: 5, Texts: []string{
				"We reaffirm the principles of the Internet.",
				"We reaffirm the principles of the Internet and a gender equality perspective.",
				"We reaffirm the principles of the Internet and gender equality.",
			}},
			{ID: "40", Section: "1", Line: 9, Texts: []string{
				"We thank the Secretary-General for access to the report.",
				"",
				"We thank the Secretary-General.",
			}},
			{ID: "40bis", Section: "1a", New: true, Line: 13, Texts: []string{
				"",
				"Human rights apply online, with affordability for women.",
				"",
			}},
			{ID: "41", Section: "1a", Line: 16, Texts: []string{
				"We take note of the report’s definition.",
				"We take note of the report's definition.",
				"We welcome the report’s definition.",
			}},
		},
	}
	r, err := analysis.Analyse(doc, mustDictionary(t, testDictionaryYAML), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// normalize rewrites r in the form Load returns: empty slices nil, maps of
// Metrics non-nil. It returns r.
func normalize(r *analysis.Result) *analysis.Result {
	d := r.Document
	if len(d.Variants) == 0 {
		d.Variants = nil
	}
	if len(d.Sections) == 0 {
		d.Sections = nil
	}
	if len(d.Paragraphs) == 0 {
		d.Paragraphs = nil
	}
	for i := range d.Paragraphs {
		if len(d.Paragraphs[i].Texts) == 0 {
			d.Paragraphs[i].Texts = nil
		}
	}
	if len(r.Comparisons) == 0 {
		r.Comparisons = nil
	}
	for i := range r.Comparisons {
		c := &r.Comparisons[i]
		if len(c.Spans) == 0 {
			c.Spans = nil
		}
		if len(c.Hits) == 0 {
			c.Hits = nil
		}
	}
	if len(r.Sections) == 0 {
		r.Sections = nil
	}
	for i := range r.Sections {
		normalizeMetrics(&r.Sections[i].Metrics)
	}
	if len(r.Totals) == 0 {
		r.Totals = nil
	}
	for i := range r.Totals {
		normalizeMetrics(&r.Totals[i])
	}
	if len(r.SpanUptake) == 0 {
		r.SpanUptake = nil
	}
	if len(r.ThemeUptake) == 0 {
		r.ThemeUptake = nil
	}
	if len(r.Unthemed) == 0 {
		r.Unthemed = nil
	}
	return r
}

func normalizeMetrics(m *analysis.Metrics) {
	if m.ThemeAdded == nil {
		m.ThemeAdded = map[string]int{}
	}
	if m.ThemeRemoved == nil {
		m.ThemeRemoved = map[string]int{}
	}
	if m.ThemeParas == nil {
		m.ThemeParas = map[string]int{}
	}
	if m.KindSpans == nil {
		m.KindSpans = map[analysis.Kind]int{}
	}
}
