package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestQuiet checks that ingest -q prints nothing on success, for a
// table, versions aligned by content and a text alone (whose summary says
// how to add a version), while the same ingest without -q prints its
// summary; AMENDLENS_Q=1 is -q too. The database is written either way.
func TestIngestQuiet(t *testing.T) {
	dir := t.TempDir()
	alone := filepath.Join(dir, "adopted.txt")
	if err := os.WriteFile(alone, []byte("1. Internet governance\n\n39. We reaffirm our commitment to gender equality online.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		summary string // a line the summary prints without -q
	}{
		{"table", []string{sourceDoc}, "GC Proposed Text (proposal): 16 amended"},
		{"versions", []string{"-name", "gold", "-versions", alignBase, alignVersion}, "gold (align-base.txt): 24 paragraphs"},
		{"text alone", []string{alone}, "adopted (adopted.txt): "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loud := filepath.Join(t.TempDir(), "loud.db")
			out, errOut, err := runCmd(t, append([]string{"ingest", "-db", loud}, tc.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tc.summary) {
				t.Errorf("without -q: stdout %q, want the summary (%q)", out, tc.summary)
			}
			if errOut != "" {
				t.Errorf("without -q: stderr %q, want nothing (not a terminal)", errOut)
			}
			quiet := filepath.Join(t.TempDir(), "quiet.db")
			out, errOut, err = runCmd(t, append([]string{"ingest", "-q", "-db", quiet}, tc.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			if out != "" || errOut != "" {
				t.Errorf("with -q: stdout %q, stderr %q, want nothing", out, errOut)
			}
			if n := counts(t, quiet)["documents"]; n != 1 {
				t.Errorf("with -q: %d documents stored, want 1", n)
			}
		})
	}
	t.Run("AMENDLENS_Q", func(t *testing.T) {
		t.Setenv("AMENDLENS_Q", "1")
		out, errOut, err := runCmd(t, "ingest", "-db", filepath.Join(t.TempDir(), "a.db"), sourceDoc)
		if err != nil {
			t.Fatal(err)
		}
		if out != "" || errOut != "" {
			t.Errorf("AMENDLENS_Q=1: stdout %q, stderr %q, want nothing", out, errOut)
		}
	})
}

// TestIngestQuietError checks that -q silences only success: a file that
// does not parse still exits with status 65 (EX_DATAERR) and says why on standard error,
// with nothing on standard output and no database left behind.
func TestIngestQuietError(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	// A table dump whose first row has no paragraph number.
	if err := os.WriteFile(bad, []byte("\tBase\tProposal\nno number here\tx\ty\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "a.db")
	cmd := commandProcess(t, context.Background(), "ingest", "-q", "-db", db, bad)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitDataErr {
		t.Fatalf("ingest -q of a bad file: %v, want exit status %d", err, exitDataErr)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout %q, want nothing", stdout.String())
	}
	if !strings.Contains(stderr.String(), "bad.txt") {
		t.Errorf("stderr %q, want an error naming the file", stderr.String())
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("database after a failed ingest: %v, want none", err)
	}
}
