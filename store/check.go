package store

import (
	"fmt"
	"math"

	"amendlens/analysis"
)

// checkReferences checks what the tables of one row per item do not check
// with foreign keys: it fails when a paragraph has more texts than the
// document has variants, when a comparison names a paragraph or variant the
// document does not have, when two comparisons name the same paragraph and
// variant, when a change ratio is not a finite number, or when a span
// uptake names a span no comparison has.
func checkReferences(r *analysis.Result) error {
	d := r.Document
	np, nv := len(d.Paragraphs), len(d.Variants)
	for i, p := range d.Paragraphs {
		if len(p.Texts) > nv {
			return fmt.Errorf("paragraph %d (%s): %d texts for %d variants", i, p.ID, len(p.Texts), nv)
		}
	}
	// spans[p*nv+v] is 1 + the number of spans of the comparison of
	// paragraph p and variant v, 0 when there is none.
	spans := make([]int, np*nv)
	for i := range r.Comparisons {
		c := &r.Comparisons[i]
		switch {
		case c.Paragraph < 0 || c.Paragraph >= np:
			return fmt.Errorf("comparison %d: paragraph %d out of range (%d paragraphs)", i, c.Paragraph, np)
		case c.Variant < 0 || c.Variant >= nv:
			return fmt.Errorf("comparison %d: variant %d out of range (%d variants)", i, c.Variant, nv)
		case math.IsNaN(c.ChangeRatio) || math.IsInf(c.ChangeRatio, 0):
			return fmt.Errorf("comparison %d: change ratio %v is not a finite number", i, c.ChangeRatio)
		}
		k := c.Paragraph*nv + c.Variant
		if spans[k] != 0 {
			return fmt.Errorf("comparison %d: a second comparison of paragraph %d and variant %d", i, c.Paragraph, c.Variant)
		}
		spans[k] = 1 + len(c.Spans)
	}
	for i := range r.SpanUptake {
		u := &r.SpanUptake[i]
		if u.Paragraph < 0 || u.Paragraph >= np {
			return fmt.Errorf("span uptake %d: paragraph %d out of range (%d paragraphs)", i, u.Paragraph, np)
		}
		if u.Proposal < 0 || u.Proposal >= nv || spans[u.Paragraph*nv+u.Proposal] == 0 {
			return fmt.Errorf("span uptake %d: paragraph %d has no comparison of variant %d", i, u.Paragraph, u.Proposal)
		}
		if n := spans[u.Paragraph*nv+u.Proposal] - 1; u.Span < 0 || u.Span >= n {
			return fmt.Errorf("span uptake %d: span %d out of range (%d spans in paragraph %d, variant %d)",
				i, u.Span, n, u.Paragraph, u.Proposal)
		}
	}
	return nil
}
