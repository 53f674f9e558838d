package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"amendlens/analysis/analysistest"
)

// wideSpec is the wide table of the command stage: 0.8 MB, 2 paragraphs of
// 1,000 words, 40 proposals each inserting a word after every base word,
// and outcomes of 20,000 words. Its ingest peaks near 100 MB, over 100
// times its size, so a soft memory limit proportional to the input, as
// ingest used to set, keeps the collector running.
var wideSpec = analysistest.WideSpec{Paragraphs: 2, BaseWords: 1000, Proposals: 40, OutcomeWords: 20000}

// commandLimits are the memory settings the command stage runs ingest with:
// its own (it sets no limit), none, and the soft limit it used to set, 3x
// the input + 16 MB over what the process held (about 12 MB at start).
var commandLimits = []struct {
	name     string
	gomemlim func(size int) string // the GOMEMLIMIT value; "" leaves it unset
}{
	{"default", func(int) string { return "" }},
	{"GOMEMLIMIT=off", func(int) string { return "off" }},
	{"3x limit", func(size int) string { return strconv.Itoa(12<<20 + 3*size + 16<<20) }},
}

// commandRun is what one run of the command measured.
type commandRun struct {
	wall, cpu time.Duration
	gcCycles  int
}

// runCommand runs the amendlens command with args and the environment
// variables env added, and measures it from start to exit. GC cycles are
// counted from the runtime's trace (GODEBUG=gctrace=1) on stderr.
func runCommand(ctx context.Context, path string, env []string, args ...string) (*commandRun, error) {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = append(append(os.Environ(), "GODEBUG=gctrace=1"), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w: %.300s", path, strings.Join(args, " "), err, stderr.String())
	}
	run := &commandRun{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(l, "gc ") {
			run.gcCycles++
		}
	}
	return run, nil
}

// amendlensCommand finds the amendlens command: -amendlens, else amendlens
// beside this command, else on PATH.
func (b *bench) amendlensCommand() (string, error) {
	if b.cfg.amendlens != "" {
		return b.cfg.amendlens, nil
	}
	if self, err := os.Executable(); err == nil {
		if p := filepath.Join(filepath.Dir(self), "amendlens"); fileExists(p) {
			return p, nil
		}
	}
	return exec.LookPath("amendlens")
}

func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// commandStage measures the amendlens command as a user runs it: its start
// (amendlens themes), and ingest of the corpus and of a wide table into a
// new database under each of commandLimits, three times each, keeping the
// run of least wall time.
func (b *bench) commandStage(ctx context.Context) error {
	path, err := b.amendlensCommand()
	if err != nil {
		b.row(benchRow{stage: "command", note: "skipped: no amendlens command (make build, or -amendlens FILE)"})
		return nil
	}
	ingestRate, analysisRate, err := b.inProcessRates(ctx)
	if err != nil {
		return err
	}
	var startRun *commandRun
	for range 5 {
		run, err := runCommand(ctx, path, nil, "themes")
		if err != nil {
			return err
		}
		if startRun == nil || run.wall < startRun.wall {
			startRun = run
		}
	}
	b.row(benchRow{stage: "cmd start", p50: formatLatency(startRun.wall),
		note: fmt.Sprintf("amendlens themes, start to exit, best of 5; CPU %s", formatLatency(startRun.cpu))})

	wide := analysistest.WideTable(wideSpec)
	inputs := []struct {
		name string
		data []byte
	}{{"corpus", b.corpus.Data}, {"wide", wide}}
	for _, in := range inputs {
		file := filepath.Join(b.tmp, "command-"+in.name+".txt")
		if err := os.WriteFile(file, in.data, 0o600); err != nil {
			return err
		}
		runs := make([]*commandRun, len(commandLimits))
		for i, l := range commandLimits {
			var env []string
			if v := l.gomemlim(len(in.data)); v != "" {
				env = append(env, "GOMEMLIMIT="+v)
			}
			for k := range 3 {
				db := filepath.Join(b.tmp, fmt.Sprintf("command-%s-%d-%d.db", in.name, i, k))
				run, err := runCommand(ctx, path, env, "ingest", "-q", "-db", db, file)
				if err != nil {
					return err
				}
				if err := removeDB(db); err != nil {
					return err
				}
				if runs[i] == nil || run.wall < runs[i].wall {
					runs[i] = run
				}
			}
		}
		size := float64(len(in.data))
		for i, l := range commandLimits {
			run := runs[i]
			ratio, what := run.cpu.Seconds()/runs[1].cpu.Seconds(), "CPU vs GOMEMLIMIT=off"
			if i == 0 && in.name == "corpus" {
				ratio = mbps(size, run.wall) / ingestRate
				what = fmt.Sprintf("rate vs ingest in process (%.1f MB/s); %.2fx parse and analyse alone (%.1f MB/s)",
					ingestRate, mbps(size, run.wall)/analysisRate, analysisRate)
			}
			b.row(benchRow{
				stage: fmt.Sprintf("cmd %s %s", in.name, l.name),
				size:  formatBytes(size), rate: formatMBps(size, run.wall), ratio: formatRatio(ratio),
				note: fmt.Sprintf("wall %s, CPU %s, %d GC cycles, best of 3; ratio: %s", seconds(run.wall), seconds(run.cpu), run.gcCycles, what),
			})
		}
		b.summary = append(b.summary, fmt.Sprintf("command ingest %s CPU %.2fx GOMEMLIMIT=off", in.name, runs[0].cpu.Seconds()/runs[1].cpu.Seconds()))
		if in.name == "corpus" {
			b.summary = append(b.summary, fmt.Sprintf("command ingest %.2fx ingest in process", mbps(size, runs[0].wall)/ingestRate))
		}
	}
	return nil
}

// inProcessRates returns the MB/s of file that ingest reaches in process
// on the corpus (parse, analyse, save to a new database, close), and that
// parse and analyse alone reach, each the best of 3 runs.
func (b *bench) inProcessRates(ctx context.Context) (ingest, analysis float64, err error) {
	var bestIngest, bestAnalysis time.Duration
	for range 3 {
		run, err := b.ingest(ctx, b.corpus, "command", "")
		if err != nil {
			return 0, 0, err
		}
		if err := removeDB(run.dbPath); err != nil {
			return 0, 0, err
		}
		if bestIngest == 0 || run.total < bestIngest {
			bestIngest = run.total
		}
		if d := run.parse + run.analyse; bestAnalysis == 0 || d < bestAnalysis {
			bestAnalysis = d
		}
	}
	size := float64(len(b.corpus.Data))
	return mbps(size, bestIngest), mbps(size, bestAnalysis), nil
}

// removeDB removes a database file and its write-ahead log and index.
func removeDB(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
