package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTerminalSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Gender Caucus", "Gender Caucus"},
		{"tab\tand\nnewline", "tab\tand\nnewline"},
		{"\x1b[2J\x1b]0;pwned\x07", `\x1b[2J\x1b]0;pwned\x07`},
		{"del\x7f c1\u0085\u009b", `del\x7f c1\u0085\u009b`},
		{"bidi \u202Eevil\u202C", `bidi \u202eevil\u202c`},
		{"bad \xff byte", `bad \xff byte`},
		{"Société – “quoted” 日本", "Société – “quoted” 日本"},
	} {
		if got := terminalSafe(tc.in); got != tc.want {
			t.Errorf("terminalSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestIngestOutputEscaped: a variant name holding terminal escape
// sequences is printed escaped by the ingest summary and in an error, and
// the summary says how many hidden characters were removed.
func TestIngestOutputEscaped(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "escape.txt")
	data := "\t1.\nIntroduction\n\tNorth\x1b[31m\n\tOutcome\x1b]0;pwned\x07\n" +
		"\t39.\nWe agree on access.\n\tWe agree on gen\u200Bder equality.\n\t\u202EWe agree.\u202C\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCmd(t, "ingest", "-db", filepath.Join(dir, "a.db"), file)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("summary holds raw control characters:\n%q", out)
	}
	for _, want := range []string{`North\x1b[31m (proposal): 1 amended`, `Outcome\x1b]0;pwned\x07 (outcome)`,
		"3 hidden characters (zero-width spaces, joiners, direction marks) removed from 1 paragraph: North\\x1b[31m 1, Outcome\\x1b]0;pwned\\x07 2"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary does not say %q:\n%s", want, out)
		}
	}
	_, _, err = runCmd(t, "ingest", "-q", "-db", filepath.Join(dir, "a.db"), "-outcome", "nope", file)
	if err == nil {
		t.Fatal("unknown outcome: no error")
	}
	var printed strings.Builder
	reportError(&printed, err)
	if msg := printed.String(); strings.ContainsAny(msg, "\x1b\x07") || !strings.Contains(msg, `North\x1b[31m`) {
		t.Errorf("error as printed: %q, want the variant names escaped", msg)
	}
}
