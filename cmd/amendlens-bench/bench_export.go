package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"time"

	"amendlens/analysis"
)

// exportStage streams the hits table of a result holding at least -hits-rows
// hits as CSV to nowhere, measuring rows per second and the memory the
// export takes above what was in use before it.
func (b *bench) exportStage(ctx context.Context) error {
	if err := b.needResult(ctx); err != nil {
		return err
	}
	r, rows, err := hitsResult(b.result, b.cfg.hitsRows)
	if err != nil {
		return err
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	allocated := ms.TotalAlloc
	mem := startMemSampler()
	w := countingWriter{w: io.Discard}
	start := time.Now()
	err = analysis.WriteTableCSV(&w, r, "hits", analysis.Filter{})
	d := time.Since(start)
	mem.Stop()
	if err != nil {
		return err
	}
	runtime.ReadMemStats(&ms)
	allocated = ms.TotalAlloc - allocated
	rate := float64(rows) / d.Seconds()
	b.row(benchRow{
		stage: "export hits csv",
		size:  formatCount(float64(rows)) + " rows",
		rate:  formatCount(rate) + " rows/s",
		peak:  "+" + formatBytes(float64(mem.Above())),
		note: fmt.Sprintf("%s of CSV (%s), %.0f B allocated per row, peak above %s in use before",
			formatBytes(float64(w.n)), formatMBps(float64(w.n), d), float64(allocated)/float64(rows), formatBytes(float64(mem.baseGo))),
	})
	b.summary = append(b.summary, fmt.Sprintf("export %s rows/s", formatCount(rate)))
	return nil
}

// hitsResult returns a copy of r whose comparisons hold, between them, at
// least rows hits, drawn in turn from the hits of r, and how many rows its
// hits table has. The copy shares r's document and hits: only the
// comparisons are new.
func hitsResult(r *analysis.Result, rows int) (*analysis.Result, int, error) {
	var pool []analysis.Hit
	for _, c := range r.Comparisons {
		pool = append(pool, c.Hits...)
	}
	if len(pool) == 0 || len(r.Comparisons) == 0 {
		return nil, 0, errNoHits
	}
	per := (rows + len(r.Comparisons) - 1) / len(r.Comparisons)
	// Repeat the pool so that any window of per hits is one slice.
	for len(pool) <= per {
		pool = append(pool, pool...)
	}
	n := len(pool) - per
	out := *r
	out.Comparisons = make([]analysis.Comparison, len(r.Comparisons))
	off := 0
	for i, c := range r.Comparisons {
		c.Hits = pool[off : off+per : off+per]
		out.Comparisons[i] = c
		off = (off + per) % n
	}
	return &out, per * len(r.Comparisons), nil
}

// countingWriter counts the bytes written through it to w.
type countingWriter struct {
	w io.Writer
	n int64
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	w.n += int64(n)
	return n, err
}
