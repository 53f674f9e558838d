package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"amendlens/parse"

	"github.com/jdkato/prose/v3/tokenize"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
	"amendlens/store"
)

// corpusFile is the name the corpus is parsed under; the document is named
// after it.
const corpusFile = "bench-corpus.txt"

// generate makes the corpus of a fraction of -mb.
func (b *bench) generate(fraction float64) (*analysistest.Corpus, error) {
	return analysistest.GenerateCorpus(analysistest.CorpusSpec{
		Seed:    b.cfg.seed,
		Bytes:   max(int64(b.cfg.mb*fraction*megabyte), 1),
		Columns: b.cfg.columns,
	}, analysis.Sample(), b.dict)
}

// corpusStage generates the full-size corpus.
func (b *bench) corpusStage() error {
	start := time.Now()
	c, err := b.generate(1)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	d := time.Since(start)
	b.corpus = c
	b.row(benchRow{
		stage: "corpus",
		size:  formatBytes(float64(c.TextBytes)),
		rate:  formatMBps(float64(c.TextBytes), d),
		note: fmt.Sprintf("seed %d, %d columns, %d paragraphs, %d sections, file %s",
			b.cfg.seed, b.cfg.columns, c.Paragraphs, c.Sections, formatBytes(float64(len(c.Data)))),
	})
	return nil
}

// tokenizeStage measures prose's tokenizer on every cell of the corpus on
// one core, the ceiling ingest is compared with, and then analysis's
// Tokenizer on the same cells.
func (b *bench) tokenizeStage(context.Context) error {
	doc, err := parse.Parse(corpusFile, b.corpus.Data, parse.Options{})
	if err != nil {
		return err
	}
	var cells []string
	var size int64
	for _, p := range doc.Paragraphs {
		for _, t := range p.Texts {
			if t != "" {
				cells = append(cells, t)
				size += int64(len(t))
			}
		}
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)

	prose := tokenize.New()
	runtime.GC()
	start := time.Now()
	for _, c := range cells {
		prose.Tokenize(c)
	}
	proseTime := time.Since(start)

	ours := analysis.NewTokenizer()
	runtime.GC()
	start = time.Now()
	for _, c := range cells {
		ours.Tokenize(c)
	}
	oursTime := time.Since(start)

	b.ceiling = mbps(float64(size), proseTime)
	note := fmt.Sprintf("%d cells, one goroutine, GOMAXPROCS=1", len(cells))
	b.row(benchRow{stage: "tokenize prose", size: formatBytes(float64(size)), rate: formatMBps(float64(size), proseTime), ratio: "1.00x", note: note + "; the ceiling"})
	b.row(benchRow{stage: "tokenize analysis", size: formatBytes(float64(size)), rate: formatMBps(float64(size), oursTime),
		ratio: formatRatio(proseTime.Seconds() / oursTime.Seconds()), note: note + "; vs prose"})
	return nil
}

// ingestRun is what one ingest measured.
type ingestRun struct {
	parse, analyse, save, total time.Duration
	// open (create and migrate), write (one transaction) and close (the
	// checkpoint of the write-ahead log, synced) make up save.
	open, write, close time.Duration
	// peak is the Go memory in use at the peak of the run above what was in
	// use before it, plus the input; live is the same after the run and a
	// collection, with the result still held.
	peak, live uint64
	peakRSS    uint64 // resident set size of the process at the peak
	result     *analysis.Result
	dbPath     string
}

// ingest runs the whole pipeline on c, as the ingest command does: parse,
// analyse (tokenize, diff, themes, uptake, metrics) on every core, and save
// to a new database named after tag. With profile set, it writes a CPU
// profile of the run there.
func (b *bench) ingest(ctx context.Context, c *analysistest.Corpus, tag, profile string) (*ingestRun, error) {
	run := &ingestRun{dbPath: filepath.Join(b.tmp, "bench-"+tag+".db")}

	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
		defer pprof.StopCPUProfile()
	}
	mem := startMemSampler()
	start := time.Now()
	doc, err := parse.Parse(corpusFile, c.Data, parse.Options{})
	if err != nil {
		mem.Stop()
		return nil, err
	}
	run.parse = time.Since(start)
	r, err := analysis.Analyse(doc, b.dict, analysis.Options{})
	if err != nil {
		mem.Stop()
		return nil, err
	}
	run.analyse = time.Since(start) - run.parse
	if err := saveResult(ctx, run, r); err != nil {
		mem.Stop()
		return nil, err
	}
	run.total = time.Since(start)
	run.save = run.total - run.parse - run.analyse
	_, run.peakRSS = mem.Stop()
	input := uint64(len(c.Data))
	run.peak = mem.Above() + input
	if now := goMemoryInUse(); now > mem.baseGo {
		run.live = now - mem.baseGo + input
	}
	run.result = r
	return run, nil
}

// saveResult stores r in a new database at run.dbPath, timing its open,
// write and close.
func saveResult(ctx context.Context, run *ingestRun, r *analysis.Result) error {
	start := time.Now()
	db, err := store.Open(ctx, run.dbPath)
	if err != nil {
		return err
	}
	run.open = time.Since(start)
	if err := db.SaveAll(ctx, []*analysis.Result{r}); err != nil {
		db.Close()
		return err
	}
	run.write = time.Since(start) - run.open
	err = db.Close()
	run.close = time.Since(start) - run.open - run.write
	return err
}

// ingestRow prints the figures of run over c.
func (b *bench) ingestRow(stage string, c *analysistest.Corpus, run *ingestRun) {
	size := float64(c.TextBytes)
	rate := mbps(size, run.total)
	ratio := ""
	if b.ceiling > 0 {
		ratio = formatRatio(rate / b.ceiling)
	}
	note := fmt.Sprintf("parse %s, analyse %s (%s, %d cores), save %s (open %s, write %s, close %s); peak %.1fx text, live after %s, rss %s; ratio vs prose",
		seconds(run.parse), seconds(run.analyse), formatMBps(size, run.analyse), runtime.GOMAXPROCS(0),
		seconds(run.save), seconds(run.open), seconds(run.write), seconds(run.close), float64(run.peak)/size, formatBytes(float64(run.live)), formatBytes(float64(run.peakRSS)))
	b.row(benchRow{stage: stage, size: formatBytes(size), rate: formatMBps(size, run.total),
		peak: formatBytes(float64(run.peak)), ratio: ratio, note: note})
}

// scalingStage ingests corpora of 1/4 and 1/2 of the size, so that the rate
// of the full size (ingest stage) shows whether ingest is linear.
func (b *bench) scalingStage(ctx context.Context) error {
	for _, f := range []struct {
		name     string
		fraction float64
	}{{"1/4", 0.25}, {"1/2", 0.5}} {
		c, err := b.generate(f.fraction)
		if err != nil {
			return err
		}
		run, err := b.ingest(ctx, c, "scaling", "")
		if err != nil {
			return err
		}
		b.ingestRow("ingest "+f.name, c, run)
		if err := os.Remove(run.dbPath); err != nil {
			return err
		}
	}
	return nil
}

// ingestStage ingests the full-size corpus, keeping its result and database
// for the dashboard and export stages.
func (b *bench) ingestStage(ctx context.Context) error {
	run, err := b.ingest(ctx, b.corpus, "full", b.cfg.cpuProfile)
	if err != nil {
		return err
	}
	b.result, b.dbPath = run.result, run.dbPath
	b.ingestRow("ingest", b.corpus, run)
	if b.ceiling > 0 {
		rate := mbps(float64(b.corpus.TextBytes), run.total)
		b.summary = append(b.summary, fmt.Sprintf("ingest %.2fx tokenizer ceiling (%.1f vs %.1f MB/s)", rate/b.ceiling, rate, b.ceiling))
	} else {
		b.summary = append(b.summary, "ingest "+formatMBps(float64(b.corpus.TextBytes), run.total))
	}
	return nil
}
