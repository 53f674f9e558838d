package analysis

import (
	"context"
	"fmt"

	"amendlens/parse"
)

// ComparePair compares variant v's text of every paragraph with variant
// a's, word by word with r's dictionary, as the analysis compares a
// variant with the base: any two texts (a proposal with the outcome, two
// proposals) read with the same diff. It returns one Comparison per
// paragraph, in document order, of Variant v: absent where v has no text,
// new where a has none. The work is bounded by the budget an analysis of
// the document has and stops when ctx is done. Two indexes that are the
// same or out of range are an error of kind FailInvalid.
func (r *Result) ComparePair(ctx context.Context, v, a int) ([]Comparison, error) {
	doc := r.Document
	if v == a || v < 0 || a < 0 || v >= len(doc.Variants) || a >= len(doc.Variants) {
		return nil, Fail(FailInvalid, fmt.Sprintf("compare variants %d and %d: want two of the %d texts of %s", v, a, len(doc.Variants), doc.Name))
	}
	mt := newBudget(doc, Options{}).meter(ctx)
	tok := NewTokenizer()
	out := make([]Comparison, len(doc.Paragraphs))
	for p := range doc.Paragraphs {
		para := &doc.Paragraphs[p]
		base, variant := tok.Tokenize(para.Texts[a]), tok.Tokenize(para.Texts[v])
		if !mt.spend(tokenSteps*(len(base)+len(variant))) || !mt.flush() {
			return nil, fmt.Errorf("compare %s with %s: paragraph %s (line %d): %w", doc.Variants[v], doc.Variants[a], parse.Quote(para.ID), para.Line, mt.stopped())
		}
		if _, err := compareCell(&out[p], r.Dictionary, r.stops.has, p, v, a, para, base, variant, mt); err != nil {
			return nil, fmt.Errorf("compare %s with %s: paragraph %s (line %d): %w", doc.Variants[v], doc.Variants[a], parse.Quote(para.ID), para.Line, err)
		}
	}
	return out, nil
}

// compareRows writes the compare table: Filter.Variant's text of each
// paragraph compared with Filter.Against's, none without both.
func compareRows(t *tableRun) error {
	d := t.r.Document
	v, a := textIndex(d, t.f.Variant), textIndex(d, t.f.Against)
	if t.f.Variant == "" || t.f.Against == "" || v < 0 || a < 0 || v == a {
		return nil
	}
	cmps, err := t.r.ComparePair(context.Background(), v, a)
	if err != nil {
		return err
	}
	names := t.r.Dictionary.Names()
	for i := range cmps {
		c := &cmps[i]
		para := &d.Paragraphs[c.Paragraph]
		m := paragraphMetrics(c)
		if !t.inSection(para.Section) || t.f.Paragraph != "" && t.f.Paragraph != para.ID || t.f.Theme != "" && m.ThemeAdded[t.f.Theme] == 0 {
			continue
		}
		t.start()
		t.add(para.Section, para.ID)
		t.addInt(c.Paragraph + 1)
		t.add(d.Variants[v], d.Variants[a], string(c.Status))
		t.addInt(c.BaseWords, c.VariantWords, c.Added, c.Deleted)
		if c.Status == StatusAbsent {
			t.add("")
		} else {
			t.add(ratio(c.ChangeRatio))
		}
		for _, name := range names {
			t.addInt(m.ThemeAdded[name])
		}
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}
