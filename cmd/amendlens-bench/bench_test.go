package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/ingest"
)

// benchLines runs bench with args and returns its output lines.
func benchLines(t *testing.T, args ...string) []string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, &out, &errOut); err != nil {
		t.Fatalf("bench %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errOut.String())
	}
	return strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
}

// stageLine returns the line of the table whose stage is stage.
func stageLine(lines []string, stage string) string {
	for _, l := range lines {
		if len(l) > 27 && strings.TrimSpace(l[:27]) == stage {
			return l
		}
	}
	return ""
}

func TestBenchQuick(t *testing.T) {
	start := time.Now()
	lines := benchLines(t, "-quick", "-skip", "command") // TestBenchCommand runs it
	t.Logf("bench -quick took %s:\n%s", time.Since(start), strings.Join(lines, "\n"))
	if !strings.HasPrefix(lines[0], "stage") {
		t.Errorf("first line %q: want the table header", lines[0])
	}
	figure := `[0-9.]+[kM]?`
	want := map[string]*regexp.Regexp{
		"corpus":                      regexp.MustCompile(`KB +` + figure + ` MB/s .* 4 columns, [1-9][0-9]* paragraphs`),
		"tokenize prose":              regexp.MustCompile(` MB/s .* 1\.00x `),
		"tokenize analysis":           regexp.MustCompile(` MB/s .* [0-9.]+x `),
		"ingest 1/4":                  regexp.MustCompile(` MB/s .* [0-9.]+x  parse .* save `),
		"ingest 1/2":                  regexp.MustCompile(` MB/s .* [0-9.]+x  parse .* save `),
		"ingest":                      regexp.MustCompile(` MB/s .* [0-9.]+x  parse .* save `),
		"dashboard overview":          regexp.MustCompile(` req/s +\S+ +\S+ .* [0-9.]+x  4 clients, [1-9][0-9]* requests, 0 errors`),
		"dashboard paragraph":         regexp.MustCompile(` req/s +\S+ +\S+ .* 4 clients, [1-9][0-9]* requests, 0 errors`),
		"dashboard export paragraphs": regexp.MustCompile(` req/s +\S+ +\S+ .* 4 clients, [1-9][0-9]* requests, 0 errors`),
		"dashboard static":            regexp.MustCompile(` req/s +\S+ +\S+ .* 1\.00x  4 clients, [1-9][0-9]* requests, 0 errors`),
		"export hits csv":             regexp.MustCompile(`^export hits csv +[0-9]+k rows +` + figure + ` rows/s `),
		"align 500":                   regexp.MustCompile(`^align 500 +500 +` + figure + ` paras/s +\S+ +- +- +- .* (9[5-9]|100)\.[0-9]% of paragraphs`),
		"align 1000":                  regexp.MustCompile(`^align 1000 +1000 +` + figure + ` paras/s +\S+ +- +- +[0-9.]+x .* (9[5-9]|100)\.[0-9]% of paragraphs`),
	}
	for stage, re := range want {
		l := stageLine(lines, stage)
		if l == "" {
			t.Errorf("no line for stage %q", stage)
			continue
		}
		if !re.MatchString(l) {
			t.Errorf("stage %q: line %q does not match %s", stage, l, re)
		}
	}
	summary := regexp.MustCompile(`^summary: ingest [0-9.]+x tokenizer ceiling \(.*\), overview p99 \S+ \([0-9.]+x static\), export ` + figure + ` rows/s, align 500 paragraphs \S+ \(1000: [0-9.]+x\)$`)
	if last := lines[len(lines)-1]; !summary.MatchString(last) {
		t.Errorf("last line %q: want the summary matching %s", last, summary)
	}
}

func TestBenchSkip(t *testing.T) {
	lines := benchLines(t, "-quick", "-mb", "0.1", "-hits-rows", "5000", "-skip", "tokenize, scaling,dashboard,command,align")
	var stages []string
	for _, l := range lines[1 : len(lines)-1] {
		stages = append(stages, strings.TrimSpace(l[:27]))
	}
	if got, want := strings.Join(stages, "|"), "corpus|ingest|export hits csv"; got != want {
		t.Errorf("stages %s, want %s", got, want)
	}
	if l := stageLine(lines, "ingest"); !strings.Contains(l, " - ") {
		t.Errorf("ingest line %q: want no ratio without the tokenizer ceiling", l)
	}
	if last := lines[len(lines)-1]; !regexp.MustCompile(`^summary: ingest [0-9.]+ MB/s, export \S+ rows/s$`).MatchString(last) {
		t.Errorf("summary %q", last)
	}
	// The export still needs a result: it ingests without measuring.
	lines = benchLines(t, "-quick", "-mb", "0.1", "-hits-rows", "5000", "-skip", "tokenize,scaling,ingest,dashboard,command,align")
	if len(lines) != 4 || stageLine(lines, "export hits csv") == "" {
		t.Errorf("export alone: %q", lines)
	}
	// Alignment alone.
	lines = benchLines(t, "-quick", "-mb", "0.1", "-align-paras", "300", "-skip", "tokenize,scaling,ingest,command,dashboard,export")
	if len(lines) != 5 || stageLine(lines, "align 300") == "" || stageLine(lines, "align 600") == "" {
		t.Errorf("align alone: %q", lines)
	}
}

func TestBenchFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-skip", "tokenize,bogus"}, `unknown stage "bogus"`},
		{[]string{"-mb", "0"}, "-mb 0"},
		{[]string{"-columns", "2", "-mb", "0.01"}, "2 columns"},
		{[]string{"-clients", "0"}, "-clients 0"},
		{[]string{"-hits-rows", "-1"}, "-hits-rows -1"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tt.args, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("bench %s: error %v, want one containing %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
}

func TestHitsResult(t *testing.T) {
	rs, err := ingest.Analyse(context.Background(), analysis.DefaultDictionary(),
		ingest.Input{Files: []ingest.File{{Name: analysis.SampleFile, Data: analysis.Sample()}}})
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	for _, want := range []int{1, 999, 10000} {
		big, rows, err := hitsResult(r, want)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		err = analysis.TableRows(big, "hits", analysis.Filter{}, func([]string) error { n++; return nil })
		if err != nil {
			t.Fatal(err)
		}
		if n != rows || rows < want || rows >= want+len(r.Comparisons) {
			t.Errorf("%d rows asked: %d said, %d in the table; want at least %d, less than one per comparison more", want, rows, n, want)
		}
	}
	before := 0
	for _, c := range r.Comparisons {
		before += len(c.Hits)
	}
	if _, _, err := hitsResult(r, 1<<20); err != nil {
		t.Fatal(err)
	}
	after := 0
	for _, c := range r.Comparisons {
		after += len(c.Hits)
	}
	if after != before {
		t.Errorf("hitsResult changed the result it copies: %d hits, then %d", before, after)
	}
	empty := *r
	empty.Comparisons = nil
	if _, _, err := hitsResult(&empty, 10); err != errNoHits {
		t.Errorf("no comparisons: error %v, want %v", err, errNoHits)
	}
}

func TestFormatFigures(t *testing.T) {
	tests := []struct{ got, want string }{
		{formatBytes(512), "512 B"},
		{formatBytes(3 << 10), "3 KB"},
		{formatBytes(1.5 * megabyte), "1.5 MB"},
		{formatBytes(20 * megabyte), "20 MB"},
		{formatCount(999), "999"},
		{formatCount(45_000), "45k"},
		{formatCount(1_250_000), "1.25M"},
		{formatLatency(250 * time.Microsecond), "250µs"},
		{formatLatency(2500 * time.Microsecond), "2.5ms"},
		{formatLatency(125 * time.Millisecond), "125ms"},
		{formatLatency(7199 * time.Millisecond), "7.2s"},
		{formatLatency(0), ""},
		{formatRatio(0.456), "0.46x"},
		{formatRatio(0), ""},
		{formatRatio(0.00423), "0.0042x"},
		{formatMBps(10*megabyte, 2*time.Second), "5.0 MB/s"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestBenchCommand builds the amendlens command and runs the command stage
// on it: the soft limit ingest used to set must show the collector running
// far more often than the default settings on the wide table. It is a
// measurement of half a minute, run by make bench
// (AMENDLENS_BENCH_COMMAND=1), not by make test; TestBenchQuick is the
// smoke test of the bench command that make test runs.
func TestBenchCommand(t *testing.T) {
	if os.Getenv("AMENDLENS_BENCH_COMMAND") != "1" {
		t.Skip("a measurement: make bench runs it (AMENDLENS_BENCH_COMMAND=1)")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build amendlens with")
	}
	bin := filepath.Join(t.TempDir(), "amendlens")
	build := exec.Command(goCmd, "build", "-tags", "nomsgpack", "-o", bin, "../amendlens")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	lines := benchLines(t, "-quick", "-amendlens", bin, "-skip", "tokenize,scaling,ingest,dashboard,export")
	t.Logf("\n%s", strings.Join(lines, "\n"))
	cycles := regexp.MustCompile(`CPU \S+, ([0-9]+) GC cycles`)
	gc := map[string]int{}
	for _, stage := range []string{"cmd corpus default", "cmd corpus GOMEMLIMIT=off", "cmd corpus 3x limit", "cmd wide default", "cmd wide GOMEMLIMIT=off", "cmd wide 3x limit"} {
		m := cycles.FindStringSubmatch(stageLine(lines, stage))
		if m == nil {
			t.Fatalf("no GC cycles on the line of stage %q", stage)
		}
		gc[stage], _ = strconv.Atoi(m[1])
	}
	if gc["cmd wide 3x limit"] < 2*gc["cmd wide default"] {
		t.Errorf("wide table: %d GC cycles under the former limit, %d with the defaults; want the former at least twice the defaults", gc["cmd wide 3x limit"], gc["cmd wide default"])
	}
	if l := stageLine(lines, "cmd start"); !strings.Contains(l, "amendlens themes") {
		t.Errorf("start line %q", l)
	}
	if !regexp.MustCompile(`[0-9.]+x  wall .* ratio: rate vs ingest in process .*x parse and analyse alone`).MatchString(stageLine(lines, "cmd corpus default")) {
		t.Errorf("corpus line %q: want the ratios to ingest and analysis in process", stageLine(lines, "cmd corpus default"))
	}
}
