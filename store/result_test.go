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

// testResult returns a small but complete Result named name: three variants
// (base, a proposal, the outcome), two sections of which one is a
// subsection, four paragraphs among which a new one and one with an absent
// cell, spans of every op, hits added and removed, uptake, unthemed phrases,
// section metrics and totals with their maps filled.
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
	comparisons := []analysis.Comparison{
		{Paragraph: 0, Variant: 1, Status: analysis.StatusAmended, BaseWords: 7, VariantWords: 12, Added: 5,
			ChangeRatio: 5.0 / 7,
			Spans: []analysis.Span{{Op: analysis.OpInsert, Kind: analysis.KindClause,
				BaseTok: analysis.Range{Start: 7, End: 7}, VarTok: analysis.Range{Start: 7, End: 12},
				BaseBytes: analysis.Range{Start: 42, End: 42}, VarBytes: analysis.Range{Start: 42, End: 77}, Added: 5}},
			Hits: []analysis.Hit{
				{Match: analysis.Match{Theme: "gender", Term: "gender equality", Matched: "gender equality",
					Tokens: analysis.Range{Start: 9, End: 11}, Bytes: analysis.Range{Start: 50, End: 65}}, Change: analysis.ChangeAdded},
				{Match: analysis.Match{Theme: "gender", Term: "gender", Matched: "gender",
					Tokens: analysis.Range{Start: 9, End: 10}, Bytes: analysis.Range{Start: 50, End: 56}}, Change: analysis.ChangeAdded},
			}},
		{Paragraph: 0, Variant: 2, Status: analysis.StatusAmended, BaseWords: 7, VariantWords: 10, Added: 3,
			ChangeRatio: 3.0 / 7,
			Spans: []analysis.Span{{Op: analysis.OpInsert, Kind: analysis.KindQualifier,
				BaseTok: analysis.Range{Start: 7, End: 7}, VarTok: analysis.Range{Start: 7, End: 10},
				BaseBytes: analysis.Range{Start: 42, End: 42}, VarBytes: analysis.Range{Start: 42, End: 62}, Added: 3}},
			Hits: []analysis.Hit{
				{Match: analysis.Match{Theme: "gender", Term: "gender equality", Matched: "gender equality",
					Tokens: analysis.Range{Start: 8, End: 10}, Bytes: analysis.Range{Start: 47, End: 62}}, Change: analysis.ChangeAdded},
			}},
		{Paragraph: 1, Variant: 1, Status: analysis.StatusAbsent, BaseWords: 10},
		{Paragraph: 1, Variant: 2, Status: analysis.StatusAmended, BaseWords: 10, VariantWords: 5, Deleted: 5,
			ChangeRatio: 0.5,
			Spans: []analysis.Span{{Op: analysis.OpDelete, Kind: analysis.KindDeletion,
				BaseTok: analysis.Range{Start: 5, End: 10}, VarTok: analysis.Range{Start: 5, End: 5},
				BaseBytes: analysis.Range{Start: 30, End: 56}, VarBytes: analysis.Range{Start: 30, End: 30}, Deleted: 5}},
			Hits: []analysis.Hit{
				{Match: analysis.Match{Theme: "access", Term: "access", Matched: "access",
					Tokens: analysis.Range{Start: 6, End: 7}, Bytes: analysis.Range{Start: 35, End: 41}}, Change: analysis.ChangeRemoved},
			}},
		{Paragraph: 2, Variant: 1, Status: analysis.StatusNew, VariantWords: 8, Added: 8, ChangeRatio: 1,
			Spans: []analysis.Span{{Op: analysis.OpInsert, Kind: analysis.KindNewParagraph,
				VarTok: analysis.Range{Start: 0, End: 10}, VarBytes: analysis.Range{Start: 0, End: 56}, Added: 8}},
			Hits: []analysis.Hit{
				{Match: analysis.Match{Theme: "rights", Term: "human rights", Matched: "Human rights",
					Tokens: analysis.Range{Start: 0, End: 2}, Bytes: analysis.Range{Start: 0, End: 12}}, Change: analysis.ChangeAdded},
				{Match: analysis.Match{Theme: "access", Term: "affordability", Matched: "affordability",
					Tokens: analysis.Range{Start: 6, End: 7}, Bytes: analysis.Range{Start: 31, End: 44}}, Change: analysis.ChangeAdded},
				{Match: analysis.Match{Theme: "gender", Term: "women", Matched: "women",
					Tokens: analysis.Range{Start: 8, End: 9}, Bytes: analysis.Range{Start: 49, End: 54}}, Change: analysis.ChangeAdded},
			}},
		{Paragraph: 2, Variant: 2, Status: analysis.StatusAbsent},
		{Paragraph: 3, Variant: 1, Status: analysis.StatusUnchanged, BaseWords: 7, VariantWords: 7},
		{Paragraph: 3, Variant: 2, Status: analysis.StatusAmended, BaseWords: 7, VariantWords: 6, Added: 1, Deleted: 2,
			ChangeRatio: 3.0 / 7,
			Spans: []analysis.Span{{Op: analysis.OpReplace, Kind: analysis.KindSubstitution,
				BaseTok: analysis.Range{Start: 1, End: 3}, VarTok: analysis.Range{Start: 1, End: 2},
				BaseBytes: analysis.Range{Start: 3, End: 16}, VarBytes: analysis.Range{Start: 3, End: 10}, Added: 1, Deleted: 2}},
		},
	}
	proposal := analysis.Metrics{
		Paragraphs: 4, Amended: 1, New: 1, Unchanged: 1, Absent: 1, BaseWords: 24, VariantWords: 27,
		Added: 13, Spans: 2, ChangeRatio: 13.0 / 24,
		ThemeAdded:   map[string]int{"gender": 3, "rights": 1, "access": 1},
		ThemeRemoved: map[string]int{},
		ThemeParas:   map[string]int{"gender": 2, "rights": 1, "access": 1},
		KindSpans:    map[analysis.Kind]int{analysis.KindClause: 1, analysis.KindNewParagraph: 1},
	}
	outcome := analysis.Metrics{
		Paragraphs: 3, Amended: 3, Absent: 1, BaseWords: 24, VariantWords: 21,
		Added: 4, Deleted: 7, Spans: 3, ChangeRatio: 11.0 / 24,
		ThemeAdded:   map[string]int{"gender": 1},
		ThemeRemoved: map[string]int{"access": 1, "gender": 0},
		ThemeParas:   map[string]int{"gender": 1},
		KindSpans:    map[analysis.Kind]int{analysis.KindQualifier: 1, analysis.KindDeletion: 1, analysis.KindSubstitution: 1},
	}
	return &analysis.Result{
		Document:    doc,
		Dictionary:  mustDictionary(t, testDictionaryYAML),
		Outcome:     2,
		Comparisons: comparisons,
		Sections: []analysis.SectionMetrics{
			{Section: "1", Variant: 1, Metrics: analysis.Metrics{Paragraphs: 4, Amended: 1, New: 1, Unchanged: 1, Absent: 1,
				BaseWords: 24, VariantWords: 27, Added: 13, Spans: 2, ChangeRatio: 13.0 / 24,
				ThemeAdded: map[string]int{"gender": 3, "rights": 1, "access": 1},
				ThemeParas: map[string]int{"gender": 2, "rights": 1, "access": 1},
				KindSpans:  map[analysis.Kind]int{analysis.KindClause: 1, analysis.KindNewParagraph: 1}}},
			{Section: "1", Variant: 2, Metrics: outcome},
			{Section: "1a", Variant: 1, Metrics: analysis.Metrics{Paragraphs: 2, New: 1, Unchanged: 1,
				BaseWords: 7, VariantWords: 15, Added: 8, Spans: 1, ChangeRatio: 8.0 / 7,
				ThemeAdded: map[string]int{"gender": 1, "rights": 1, "access": 1},
				ThemeParas: map[string]int{"gender": 1, "rights": 1, "access": 1},
				KindSpans:  map[analysis.Kind]int{analysis.KindNewParagraph: 1}}},
			{Section: "1a", Variant: 2, Metrics: analysis.Metrics{Paragraphs: 1, Amended: 1, Absent: 1,
				BaseWords: 7, VariantWords: 6, Added: 1, Deleted: 2, Spans: 1, ChangeRatio: 3.0 / 7,
				KindSpans: map[analysis.Kind]int{analysis.KindSubstitution: 1}}},
		},
		Totals: []analysis.Metrics{{}, proposal, outcome},
		SpanUptake: []analysis.SpanUptake{
			{Paragraph: 0, Proposal: 1, Span: 0, Verdict: analysis.VerdictPartly, Words: 5, Adopted: 2},
			{Paragraph: 2, Proposal: 1, Span: 0, Verdict: analysis.VerdictPending, Words: 8},
		},
		ThemeUptake: []analysis.ThemeUptake{
			{Proposal: 1, Theme: "gender", Proposed: 2, Adopted: 1, Pending: 1},
			{Proposal: 1, Theme: "access", Pending: 1},
			{Proposal: 1, Theme: "rights", Pending: 1},
		},
		Unthemed: []analysis.Unthemed{
			{Variant: 1, Phrase: "perspective", Count: 1},
			{Variant: 1, Phrase: "apply online", Count: 1},
			{Variant: 2, Phrase: "welcome", Count: 1},
		},
	}
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
