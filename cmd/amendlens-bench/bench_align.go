package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"amendlens/align"
	"amendlens/analysis/analysistest"
)

// alignScript is the edit script of the align stage: 10% of paragraphs
// edited, 2% moved, 1% merged and 1% split, all renumbered.
var alignScript = analysistest.Script{Edited: 0.10, Moved: 0.02, Merged: 0.01, Split: 0.01, Renumber: true, Offset: 10}

// alignRuns is how many times each size is aligned; the median is kept.
const alignRuns = 5

// alignStage aligns a generated base of -align-paras paragraphs with a
// version made from it by alignScript, then twice as many, on one
// goroutine: the ratio of the two times shows how the cost grows.
func (b *bench) alignStage(ctx context.Context) error {
	var times [2]time.Duration
	for i, n := range []int{b.cfg.alignParas, 2 * b.cfg.alignParas} {
		vs := analysistest.Generate(b.cfg.seed, n, alignScript)
		var runs []time.Duration
		var links []align.Link
		for range alignRuns {
			if err := ctx.Err(); err != nil {
				return err
			}
			start := time.Now()
			links = align.Paragraphs(vs.Base, vs.Version)
			runs = append(runs, time.Since(start))
		}
		slices.Sort(runs)
		times[i] = runs[len(runs)/2]
		r := benchRow{
			stage: fmt.Sprintf("align %d", n),
			size:  fmt.Sprint(n),
			rate:  fmt.Sprintf("%s paras/s", formatCount(float64(n)/times[i].Seconds())),
			p50:   formatLatency(times[i]),
			note:  fmt.Sprintf("median of %d, one goroutine; %.1f%% of paragraphs as the script made them", alignRuns, 100*recoveredShare(vs, links)),
		}
		if i == 1 {
			r.ratio = formatRatio(float64(times[1]) / float64(times[0]))
		}
		b.row(r)
	}
	b.summary = append(b.summary, fmt.Sprintf("align %d paragraphs %s (%d: %.2fx)", b.cfg.alignParas, formatLatency(times[0]), 2*b.cfg.alignParas, float64(times[1])/float64(times[0])))
	return nil
}

// recoveredShare returns the share of base paragraphs whose links in got
// are those the script made.
func recoveredShare(vs *analysistest.Versions, got []align.Link) float64 {
	per := func(ls []align.Link) map[int][]align.Link {
		m := map[int][]align.Link{}
		for _, l := range ls {
			if l.Base >= 0 {
				l.Similarity = 0
				m[l.Base] = append(m[l.Base], l)
			}
		}
		return m
	}
	want, have := per(vs.Want), per(got)
	ok := 0
	for b, ls := range want {
		if slices.Equal(ls, have[b]) {
			ok++
		}
	}
	if len(vs.Base) == 0 {
		return 1
	}
	return float64(ok) / float64(len(vs.Base))
}
