package store

import (
	"fmt"
	"math"

	"amendlens/analysis"
)

// layout groups the comparisons and span uptake of a Result by paragraph, the
// row they are packed into. Building it checks the references the schema
// cannot check in packed columns.
type layout struct {
	compStart []int // comparisons of paragraph p: comps[compStart[p]:compStart[p+1]]
	comps     []int // indexes into Result.Comparisons
	upStart   []int // span uptake of paragraph p: ups[upStart[p]:upStart[p+1]]
	ups       []int // indexes into Result.SpanUptake
}

// comparisons returns the indexes of the comparisons of paragraph p, in the
// order of Result.Comparisons.
func (l *layout) comparisons(p int) []int { return l.comps[l.compStart[p]:l.compStart[p+1]] }

// uptake returns the indexes of the span uptake of paragraph p, in the order
// of Result.SpanUptake.
func (l *layout) uptake(p int) []int { return l.ups[l.upStart[p]:l.upStart[p+1]] }

// newLayout lays r out by paragraph. It fails when a paragraph has more texts
// than the document has variants, when a comparison names a paragraph or
// variant the document does not have, when two comparisons name the same
// paragraph and variant, when a change ratio is not a finite number, or when
// a span uptake names a span no comparison has.
func newLayout(r *analysis.Result) (*layout, error) {
	d := r.Document
	np, nv := len(d.Paragraphs), len(d.Variants)
	for i, p := range d.Paragraphs {
		if len(p.Texts) > nv {
			return nil, fmt.Errorf("paragraph %d (%s): %d texts for %d variants", i, p.ID, len(p.Texts), nv)
		}
	}
	l := &layout{compStart: make([]int, np+1), upStart: make([]int, np+1)}

	for i := range r.Comparisons {
		c := &r.Comparisons[i]
		switch {
		case c.Paragraph < 0 || c.Paragraph >= np:
			return nil, fmt.Errorf("comparison %d: paragraph %d out of range (%d paragraphs)", i, c.Paragraph, np)
		case c.Variant < 0 || c.Variant >= nv:
			return nil, fmt.Errorf("comparison %d: variant %d out of range (%d variants)", i, c.Variant, nv)
		case math.IsNaN(c.ChangeRatio) || math.IsInf(c.ChangeRatio, 0):
			return nil, fmt.Errorf("comparison %d: change ratio %v is not a finite number", i, c.ChangeRatio)
		}
		l.compStart[c.Paragraph+1]++
	}
	l.comps = group(l.compStart, len(r.Comparisons), func(i int) int { return r.Comparisons[i].Paragraph })

	// seen[v] is p+1 once a comparison of paragraph p and variant v is met.
	seen := make([]int, nv)
	for p := range np {
		for _, i := range l.comparisons(p) {
			v := r.Comparisons[i].Variant
			if seen[v] == p+1 {
				return nil, fmt.Errorf("comparison %d: a second comparison of paragraph %d and variant %d", i, p, v)
			}
			seen[v] = p + 1
		}
	}

	for i := range r.SpanUptake {
		u := &r.SpanUptake[i]
		if u.Paragraph < 0 || u.Paragraph >= np {
			return nil, fmt.Errorf("span uptake %d: paragraph %d out of range (%d paragraphs)", i, u.Paragraph, np)
		}
		spans := -1
		for _, j := range l.comparisons(u.Paragraph) {
			if c := &r.Comparisons[j]; c.Variant == u.Proposal {
				spans = len(c.Spans)
			}
		}
		if spans < 0 {
			return nil, fmt.Errorf("span uptake %d: paragraph %d has no comparison of variant %d", i, u.Paragraph, u.Proposal)
		}
		if u.Span < 0 || u.Span >= spans {
			return nil, fmt.Errorf("span uptake %d: span %d out of range (%d spans in paragraph %d, variant %d)",
				i, u.Span, spans, u.Paragraph, u.Proposal)
		}
		l.upStart[u.Paragraph+1]++
	}
	l.ups = group(l.upStart, len(r.SpanUptake), func(i int) int { return r.SpanUptake[i].Paragraph })
	return l, nil
}

// group sorts the indexes 0..n-1 by the paragraph key(i) gives, keeping
// their order within a paragraph. On entry start[p+1] is the number of
// indexes of paragraph p; on return start[p] is where they begin.
func group(start []int, n int, key func(int) int) []int {
	for p := 1; p < len(start); p++ {
		start[p] += start[p-1]
	}
	next := make([]int, len(start)-1)
	copy(next, start)
	out := make([]int, n)
	for i := range n {
		p := key(i)
		out[next[p]] = i
		next[p]++
	}
	return out
}
