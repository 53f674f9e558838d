package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
)

// benchConfig is what bench measures and how much.
type benchConfig struct {
	seed       uint64
	mb         float64 // cell text of the corpus, in MB
	columns    int
	clients    int
	duration   time.Duration // load time per dashboard target
	requests   int           // most requests per dashboard target
	hitsRows   int           // rows of the exported hits table, at least
	alignParas int           // paragraphs of the smaller alignment
	skip       map[string]bool
	cpuProfile string // CPU profile of the full-size ingest
	amendlens  string // the amendlens command, for the command stage
}

// benchStages are the stages -skip may name, in the order they run. The
// corpus is always generated.
var benchStages = []string{"tokenize", "scaling", "ingest", "command", "dashboard", "export", "align"}

// quickBench holds the sizes of -quick: a run of a few seconds that still
// goes through every stage.
var quickBench = map[string]string{
	"mb":          "0.25",
	"clients":     "4",
	"duration":    "200ms",
	"requests":    "200",
	"hits-rows":   "20000",
	"align-paras": "500",
}

// run measures amendlens on a corpus generated from the built-in
// sample and prints one table row per measurement, then a summary line:
//
//   - corpus: generating it (-seed, -mb of cell text, -columns);
//   - tokenize prose, tokenize analysis: prose's tokenizer alone over every
//     cell on one core (GOMAXPROCS=1), the ceiling ingest is compared with,
//     then analysis.Tokenizer on the same cells;
//   - ingest 1/4, ingest 1/2, ingest: parse, analyse on every core and save
//     to a new SQLite database, at three sizes so that linearity shows;
//     ratio is the rate over the tokenizer ceiling;
//   - cmd start, cmd corpus/wide: the amendlens command (-amendlens)
//     started (amendlens themes), and running ingest of the corpus and of a
//     wide table into a new database, process start to exit, with its
//     default settings, with GOMEMLIMIT=off and with the soft limit ingest
//     used to set (3x limit); wall and CPU time, GC cycles; ratio is the
//     rate over the in-process rate of the ingest stage (best of 3, also
//     given over parse and analyse alone) for the default run, CPU time
//     over the run with no limit for the others;
//   - dashboard: the overview, a paragraph page, the paragraphs CSV and a
//     static blob of the overview's size from the same server on 127.0.0.1,
//     each loaded by -clients clients for -duration or -requests; ratio is
//     the rate over the static blob's;
//   - export hits csv: at least -hits-rows rows of the hits table written as
//     CSV to nowhere;
//   - align N, align 2N: a generated base of -align-paras paragraphs and a
//     version of it (10% edited, 2% moved, 1% merged, 1% split) aligned on
//     one goroutine, then twice as many; ratio is the second time over the
//     first.
//
// Rates are per MB (2^20 bytes) of cell text. Peak memory is Go memory in use
// (heap spans and stacks, from runtime/metrics, sampled every 2ms): for
// ingest, how far it rose above its level before the run plus the input it
// reads; elsewhere, marked +, how far it rose above its level before. The
// resident set size, which also counts SQLite's memory, is in the notes.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		cfg   benchConfig
		skip  string
		quick bool
	)
	fs := newFlags(stderr)
	fs.Uint64Var(&cfg.seed, "seed", 1, "`seed` of the generated corpus: the same seed gives the same corpus")
	fs.Float64Var(&cfg.mb, "mb", 20, "cell text of the corpus in `MB`; ingest also runs at 1/4 and 1/2 of it")
	fs.IntVar(&cfg.columns, "columns", 4, "`columns` of the corpus: base, proposals and outcome (3 or more)")
	fs.IntVar(&cfg.clients, "clients", 32, "concurrent dashboard `clients`")
	fs.DurationVar(&cfg.duration, "duration", 5*time.Second, "load `time` per dashboard page")
	fs.IntVar(&cfg.requests, "requests", 100000, "most `requests` per dashboard page")
	fs.IntVar(&cfg.hitsRows, "hits-rows", 1000000, "`rows` of the hits table to export as CSV, at least")
	fs.IntVar(&cfg.alignParas, "align-paras", 5000, "`paragraphs` of the smaller alignment; the larger has twice as many")
	fs.StringVar(&skip, "skip", "", "comma-separated `stages` to skip: "+strings.Join(benchStages, ", "))
	fs.BoolVar(&quick, "quick", false, "tiny sizes, for a run of a few seconds (flags given still apply)")
	fs.StringVar(&cfg.amendlens, "amendlens", "", "the amendlens `command` the command stage runs (default: amendlens beside this command, else on PATH)")
	fs.StringVar(&cfg.cpuProfile, "cpuprofile", "", "write a CPU profile of the full-size ingest to `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("bench: unexpected argument %q", fs.Arg(0))
	}
	if quick {
		given := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
		for name, v := range quickBench {
			if !given[name] {
				if err := fs.Set(name, v); err != nil {
					return fmt.Errorf("bench: -quick: %w", err)
				}
			}
		}
	}
	var err error
	if cfg.skip, err = parseSkip(skip); err != nil {
		return err
	}
	switch {
	case cfg.mb <= 0:
		return fmt.Errorf("bench: -mb %g: want more than 0", cfg.mb)
	case cfg.clients < 1:
		return fmt.Errorf("bench: -clients %d: want 1 or more", cfg.clients)
	case cfg.duration <= 0:
		return fmt.Errorf("bench: -duration %s: want more than 0", cfg.duration)
	case cfg.requests < 1:
		return fmt.Errorf("bench: -requests %d: want 1 or more", cfg.requests)
	case cfg.hitsRows < 1:
		return fmt.Errorf("bench: -hits-rows %d: want 1 or more", cfg.hitsRows)
	case cfg.alignParas < 1:
		return fmt.Errorf("bench: -align-paras %d: want 1 or more", cfg.alignParas)
	}
	tmp, err := os.MkdirTemp("", "amendlens-bench-")
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer os.RemoveAll(tmp)
	b := &bench{cfg: cfg, out: stdout, dict: analysis.DefaultDictionary(), tmp: tmp}
	return b.run(ctx)
}

// parseSkip reads the -skip list.
func parseSkip(list string) (map[string]bool, error) {
	skip := map[string]bool{}
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !slices.Contains(benchStages, s) {
			return nil, fmt.Errorf("bench: -skip: unknown stage %q; the stages are %s", s, strings.Join(benchStages, ", "))
		}
		skip[s] = true
	}
	return skip, nil
}

// bench is one run of the benchmark: its configuration, what the stages
// hand each other and the figures of the summary.
type bench struct {
	cfg  benchConfig
	out  io.Writer
	dict *analysis.Dictionary
	tmp  string // folder of the databases

	corpus  *analysistest.Corpus
	ceiling float64 // prose tokenizer, MB/s on one core; 0 when not measured
	result  *analysis.Result
	dbPath  string // database holding the full-size corpus

	summary []string
}

// run runs every stage not skipped and prints the table and the summary.
func (b *bench) run(ctx context.Context) error {
	b.header()
	if err := b.corpusStage(); err != nil {
		return err
	}
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"tokenize", b.tokenizeStage},
		{"scaling", b.scalingStage},
		{"ingest", b.ingestStage},
		{"command", b.commandStage},
		{"dashboard", b.dashboardStage},
		{"export", b.exportStage},
		{"align", b.alignStage},
	}
	for _, s := range steps {
		if b.cfg.skip[s.name] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("bench: %s: %w", s.name, err)
		}
	}
	if len(b.summary) == 0 {
		b.summary = append(b.summary, "nothing measured")
	}
	_, err := fmt.Fprintf(b.out, "summary: %s\n", strings.Join(b.summary, ", "))
	return err
}

// benchRow is one line of the table.
type benchRow struct {
	stage, size, rate, p50, p99, peak, ratio, note string
}

const benchRowFormat = "%-27s %9s %13s %8s %8s %9s %7s  %s\n"

func (b *bench) header() {
	fmt.Fprintf(b.out, benchRowFormat, "stage", "size", "rate", "p50", "p99", "peak", "ratio", "note")
}

// row prints r, with "-" for figures not measured.
func (b *bench) row(r benchRow) {
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	fmt.Fprintf(b.out, benchRowFormat, r.stage, dash(r.size), dash(r.rate), dash(r.p50), dash(r.p99), dash(r.peak), dash(r.ratio), r.note)
}

// needResult makes sure b.result and b.dbPath hold the full-size corpus,
// ingesting it without measuring when the ingest stage was skipped.
func (b *bench) needResult(ctx context.Context) error {
	if b.result != nil {
		return nil
	}
	run, err := b.ingest(ctx, b.corpus, "full", "")
	if err != nil {
		return err
	}
	b.result, b.dbPath = run.result, run.dbPath
	return nil
}

// errNoHits is returned when the corpus gives no theme hit to export.
var errNoHits = errors.New("the corpus has no theme hit to export")

// formatBytes writes n bytes with a unit.
func formatBytes(n float64) string {
	switch {
	case n >= 10*megabyte:
		return fmt.Sprintf("%.0f MB", n/megabyte)
	case n >= megabyte:
		return fmt.Sprintf("%.1f MB", n/megabyte)
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", n/(1<<10))
	}
	return fmt.Sprintf("%.0f B", n)
}

// formatMBps writes a rate of n bytes in d.
func formatMBps(n float64, d time.Duration) string {
	return fmt.Sprintf("%.1f MB/s", mbps(n, d))
}

// mbps returns the MB per second of n bytes in d.
func mbps(n float64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return n / megabyte / d.Seconds()
}

// formatCount writes a count with a k or M suffix.
func formatCount(n float64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.2fM", n/1e6)
	case n >= 1e4:
		return fmt.Sprintf("%.0fk", n/1e3)
	}
	return fmt.Sprintf("%.0f", n)
}

// formatLatency writes d with a precision that suits its size.
func formatLatency(d time.Duration) string {
	switch {
	case d <= 0:
		return ""
	case d < time.Millisecond:
		return fmt.Sprintf("%dµs", d.Microseconds())
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%.0fms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}

// formatRatio writes x as "1.23x", or with two significant digits when it
// is less than 0.1 ("0.0042x"), or "" when x is not a positive number.
func formatRatio(x float64) string {
	switch {
	case x <= 0 || math.IsNaN(x) || math.IsInf(x, 0):
		return ""
	case x < 0.1:
		return fmt.Sprintf("%.2gx", x)
	}
	return fmt.Sprintf("%.2fx", x)
}

// seconds writes d in seconds for the notes.
func seconds(d time.Duration) string {
	return fmt.Sprintf("%.2fs", d.Seconds())
}
