package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/store"
)

// asCommandEnv, set to 1, makes the test binary run main instead of the
// tests: the tests start it as the amendlens command.
const asCommandEnv = "AMENDLENS_TEST_BINARY_IS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(asCommandEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// commandProcess returns the test binary set up to run as the amendlens
// command with args.
func commandProcess(t *testing.T, ctx context.Context, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append(os.Environ(), asCommandEnv+"=1")
	return cmd
}

// sampleName is the name the sample document is stored under.
const sampleName = "wsis-tunis-internet-governance-gc"

// writeSample writes the built-in sample into dir and returns its path.
func writeSample(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, sampleFile)
	if err := os.WriteFile(path, sample, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// amendlens runs the command line in-process and returns its error and
// what it printed.
func amendlens(args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// dbState is what a database holds: the rows of every table, and the stored
// description and analysis of one document.
type dbState struct {
	counts map[string]int64
	info   analysis.DocumentInfo
	result *analysis.Result
}

// readState reads the state of the database at path for document doc.
func readState(t *testing.T, path, doc string) dbState {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s dbState
	if s.counts, err = db.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	if s.info, err = db.Document(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if s.result, err = db.Load(ctx, doc); err != nil {
		t.Fatal(err)
	}
	return s
}

// checkSameState fails t unless got equals want: same rows per table, same
// revision and ingestion time, and an equal analysis.
func checkSameState(t *testing.T, got, want dbState) {
	t.Helper()
	if !reflect.DeepEqual(got.counts, want.counts) {
		t.Errorf("rows per table changed:\n got %v\nwant %v", got.counts, want.counts)
	}
	if !reflect.DeepEqual(got.info, want.info) {
		t.Errorf("document changed:\n got %+v\nwant %+v", got.info, want.info)
	}
	if !reflect.DeepEqual(got.result, want.result) {
		t.Errorf("stored analysis of %s changed", want.info.Name)
	}
}

// paraID returns a distinct paragraph ID for every p from 1: the numbers 1
// to 9999 (labels have at most four digits), then again with two-letter
// suffixes.
func paraID(p int) string {
	n := p - 1
	id := strconv.Itoa(n%9999 + 1)
	if g := n / 9999; g > 0 {
		id += string(rune('a'+g/26%26)) + string(rune('a'+g%26))
	}
	return id
}

// manyRows returns a table dump of three columns and n paragraphs.
func manyRows(n int) []byte {
	b := make([]byte, 0, n*48)
	b = append(b, "\t1. Heading\n\tProposal\n\tOutcome\n"...)
	for p := 1; p <= n; p++ {
		b = append(b, '\t')
		b = append(b, paraID(p)...)
		b = append(b, ".\nWe agree.\n\tWe agree fully.\n\tWe agree.\n"...)
	}
	return b
}

// binary returns n random bytes, every 7th a NUL, from a fixed seed.
func binary(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		if i%7 == 3 {
			continue
		}
		b[i] = byte(rng.Uint32())
	}
	return b
}

// TestBadFilesLeaveDatabase ingests, into a database holding the sample,
// files that must be refused: each fails with an error naming the file, the
// line and what was expected, and the database is left as it was.
func TestBadFilesLeaveDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	good := writeSample(t, dir)
	if _, _, err := amendlens("ingest", "-q", "-db", db, good); err != nil {
		t.Fatal(err)
	}
	before := readState(t, db, sampleName)
	if before.counts["paragraphs"] == 0 {
		t.Fatal("the sample stored no paragraph")
	}

	fixture := func(name string) func() []byte {
		return func() []byte {
			data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "cmd", name))
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	tests := []struct {
		name   string
		data   func() []byte // the document, or the dictionary when themes
		themes bool          // data is a -themes dictionary, the sample the document
		line   int
		want   []string
	}{
		{"empty.txt", func() []byte { return nil }, false, 1, []string{"empty file: expected a table dump"}},
		{"binary.dat", func() []byte { return binary(4096) }, false, 1, []string{"expected text in UTF-8, UTF-16 with a byte order mark and Windows-1252"}},
		{"nul-byte.txt", fixture("nul-byte.txt"), false, 6, []string{"NUL byte at byte 22 of the line: expected text in UTF-8"}},
		{"header-only.txt", fixture("header-only.txt"), false, 3, []string{"expected at least one paragraph row after the header row"}},
		{"long-line.txt", func() []byte { return append([]byte("\t"), bytes.Repeat([]byte("words "), 50<<20/6)...) }, false, 1,
			[]string{"cell of 52,428,798 bytes, the limit is 1 MiB"}},
		{"million-rows.txt", func() []byte { return manyRows(1_000_000) }, false, 3 + 200_000*4 + 1,
			[]string{`paragraph "` + paraID(200_001) + `" is paragraph 200,001, the limit is 200,000 paragraphs`}},
		{"extra-cell.txt", fixture("extra-cell.txt"), false, 12, []string{`row of 3 cells starts with "An extra cell.": expected a paragraph number`}},
		{"misnumbered-cell.txt", fixture("misnumbered-cell.txt"), false, 11, []string{`Outcome cell of paragraph 2 is numbered "3.": expected 2 or no number (is a cell missing or extra?)`}},
		{"field-count.csv", fixture("field-count.csv"), false, 3, []string{"record has 5 fields: expected 4, one per column of the header"}},
		{"bad-yaml.yaml", fixture("bad-yaml.yaml"), true, 3, []string{"invalid YAML", "did not find expected"}},
		{"duplicate-theme.yaml", fixture("duplicate-theme.yaml"), true, 6, []string{`duplicate theme name "rights" (first at line 2)`}},
		{"invalid-theme-name.yaml", fixture("invalid-theme-name.yaml"), true, 2, []string{`invalid theme name "!!!": expected 1 to 64 letters or digits`}},
		{"empty-term.yaml", fixture("empty-term.yaml"), true, 3, []string{`theme "rights": empty term: expected a word or phrase`}},
		{"star-term.yaml", fixture("star-term.yaml"), true, 3, []string{`theme "rights": term "*" is only '*': expected a word before the '*'`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.name)
			if err := os.WriteFile(path, tt.data(), 0o600); err != nil {
				t.Fatal(err)
			}
			args := []string{"ingest", "-db", db, path}
			if tt.themes {
				args = []string{"ingest", "-db", db, "-themes", path, good}
			}
			stdout, _, err := amendlens(args...)
			if err == nil {
				t.Fatal("ingest succeeded")
			}
			if at := fmt.Sprintf("%s:%d: ", path, tt.line); !strings.Contains(err.Error(), at) {
				t.Errorf("error %q does not name %s", err, at)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if stdout != "" {
				t.Errorf("printed %q", stdout)
			}
			checkSameState(t, readState(t, db, sampleName), before)
		})
	}
}

// TestBadFileExitStatus runs the command as a process on a bad file: it
// exits with status 65 (EX_DATAERR), the error on standard error and nothing on standard
// output.
func TestBadFileExitStatus(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join("..", "..", "testdata", "cmd", "nul-byte.txt")
	cmd := commandProcess(t, context.Background(), "ingest", "-db", filepath.Join(dir, "a.db"), bad)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitDataErr {
		t.Fatalf("exit: %v, want status %d", err, exitDataErr)
	}
	want := "amendlens: " + bad + ":6: NUL byte at byte 22 of the line: expected text in UTF-8, UTF-16 with a byte order mark and Windows-1252, not a binary file (or UTF-16 without its byte order mark); save the file as UTF-8 text (in Word: Save As, Plain Text, then Unicode (UTF-8))\n"
	if stderr.String() != want {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", stdout.String())
	}
}

// TestCopyFailureLeavesNoTarget: a copy that fails (a document the source
// does not hold) removes the target database it created, as a failed
// ingest does, and leaves a target that existed as it was.
func TestCopyFailureLeavesNoTarget(t *testing.T) {
	dir := t.TempDir()
	from := filepath.Join(dir, "from.db")
	if _, _, err := runCmd(t, "ingest", "-q", "-db", from, writeSample(t, dir)); err != nil {
		t.Fatal(err)
	}
	to := filepath.Join(dir, "new.db")
	_, _, err := runCmd(t, "copy", "-from", from, "-to", to, "-doc", "nosuch")
	if err == nil {
		t.Fatal("copy of a missing document: no error")
	}
	for _, p := range []string{to, to + "-wal", to + "-shm"} {
		if _, serr := os.Stat(p); !errors.Is(serr, fs.ErrNotExist) {
			t.Errorf("%s is left behind (%v) after: %v", p, serr, err)
		}
	}
	// A target that existed stays, with what it held.
	if _, _, err := runCmd(t, "copy", "-from", from, "-to", to); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "copy", "-from", from, "-to", to, "-doc", "nosuch"); err == nil {
		t.Fatal("copy of a missing document: no error")
	}
	out, _, err := runCmd(t, "export", "-db", to, "-doc", sampleName, "-table", "sections")
	if err != nil || !strings.Contains(out, "Introduction") {
		t.Errorf("the target that existed lost its document: %v\n%s", err, out)
	}
}
