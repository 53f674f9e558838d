package store

import "amendlens/analysis"

// layout groups the comparisons and span uptake of a Result by paragraph, the
// row they are packed into.
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

// newLayout lays r out by paragraph. r must pass Validate, which checks the
// references the schema cannot check in packed columns.
func newLayout(r *analysis.Result) *layout {
	np := len(r.Document.Paragraphs)
	l := &layout{compStart: make([]int, np+1), upStart: make([]int, np+1)}
	for i := range r.Comparisons {
		l.compStart[r.Comparisons[i].Paragraph+1]++
	}
	l.comps = group(l.compStart, len(r.Comparisons), func(i int) int { return r.Comparisons[i].Paragraph })
	for i := range r.SpanUptake {
		l.upStart[r.SpanUptake[i].Paragraph+1]++
	}
	l.ups = group(l.upStart, len(r.SpanUptake), func(i int) int { return r.SpanUptake[i].Paragraph })
	return l
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
