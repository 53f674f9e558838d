package analysis

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"amendlens/parse"
)

// ErrWorkBudget is returned, wrapped, by an analysis that needs more work
// than its budget (Options.MaxWork).
var ErrWorkBudget = errors.New("work budget exceeded")

// The work budget of an analysis is counted in steps, a step being about
// the CPU time of one word comparison of the diff (2 to 7 ns here): each
// diagonal the diff searches and each word its snakes follow, each cell of
// a subsequence table and each look-up in the index of the outcome's
// inserted words (one per level of its binary search) is a step, and each
// token, which is tokenized, matched against the dictionary and scanned for
// unthemed phrases, is tokenSteps steps.
//
// The default budget is workBase steps, about a second of CPU, plus
// workPerByte steps per byte of text. Real documents need about 10 steps
// per byte (the sample and the bench corpus), a cell rewritten from end to
// end against a long one up to about 400, the pathological file of
// BenchmarkUptakePathological 250: the budget leaves room over all of them
// and stops an input whose work grows faster than its size.
const (
	tokenSteps  = 64
	workBase    = 300_000_000
	workPerByte = 1_000
)

// defaultMaxWork returns the work budget of an analysis of doc when
// Options.MaxWork is not set: proportional to its text, with a floor.
func defaultMaxWork(doc *Document) int64 {
	return workBase + workPerByte*textBytes(doc)
}

// budget is the work budget the steps of an analysis of doc share.
type budget struct {
	total atomic.Int64
	limit int64
	doc   *Document
}

// newBudget returns the budget of an analysis of doc with opts: MaxWork
// (the default budget when 0, none when negative), at most MaxWorkCap.
func newBudget(doc *Document, opts Options) *budget {
	b := &budget{limit: opts.MaxWork, doc: doc}
	switch {
	case b.limit == 0:
		b.limit = defaultMaxWork(doc)
	case b.limit < 0:
		b.limit = 1<<63 - 1
	}
	if opts.MaxWorkCap > 0 {
		b.limit = min(b.limit, opts.MaxWorkCap)
	}
	return b
}

// meter returns a meter of one worker counting against b.
func (b *budget) meter(ctx context.Context) *meter {
	return &meter{ctx: ctx, total: &b.total, limit: b.limit}
}

// explain returns err of the step what, saying for a step past the budget
// what the budget was, and hint, if any, of what costs the most.
func (b *budget) explain(what string, err error, hint string) error {
	if !errors.Is(err, ErrWorkBudget) {
		return fmt.Errorf("%s: %w", what, err)
	}
	if hint != "" {
		hint = "; " + hint
	}
	return fmt.Errorf("%s: %w: the analysis passed its budget of %s steps for %s of text%s",
		what, err, parse.FormatCount(b.limit), parse.FormatSize(textBytes(b.doc)), hint)
}

// meterFlush is how many steps a meter counts locally before it adds them to
// the shared total and checks the limit and the context: often enough to
// stop within a fraction of a millisecond, rarely enough to cost nothing.
const meterFlush = 1 << 16

// meter counts the steps of one worker against the budget shared by every
// worker of an analysis, and stops the work (its error set, spend false)
// when the budget is spent or the context is done. A nil meter counts
// nothing and never stops.
type meter struct {
	ctx   context.Context
	total *atomic.Int64 // steps of every worker, flushed
	limit int64
	n     int64 // steps not yet flushed
	err   error // why the work stopped; sticky
}

// spend counts n steps and reports whether the work may go on.
func (m *meter) spend(n int) bool {
	if m == nil {
		return true
	}
	m.n += int64(n)
	if m.n < meterFlush {
		return m.err == nil
	}
	return m.flush()
}

// flush adds the local count to the shared total, checks the limit and the
// context, and reports whether the work may go on.
func (m *meter) flush() bool {
	if m == nil {
		return true
	}
	if m.err != nil {
		return false
	}
	t := m.total.Add(m.n)
	m.n = 0
	switch {
	case t > m.limit:
		m.err = ErrWorkBudget
	case m.ctx.Err() != nil:
		m.err = m.ctx.Err()
	}
	return m.err == nil
}

// stopped returns why the work stopped, or nil.
func (m *meter) stopped() error {
	if m == nil {
		return nil
	}
	return m.err
}
