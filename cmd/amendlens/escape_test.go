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

// TestIngestOutputEscaped: variant names holding terminal escape sequences
// lose their control characters when the file is read, so that neither the
// ingest summary nor an error nor an export holds them, and the summary
// says how many hidden characters were removed from the texts; a file name
// holding them, which no parser cleans, is printed escaped.
func TestIngestOutputEscaped(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "escape\x1b[2J.txt")
	data := "\t1.\nIntroduction\a\n\tNorth\x1b[31m\n\tOutcome\x1b]0;pwned\x07\n" +
		"\t39.\nWe agree on access.\n\tWe agree on gen\u200Bder equality.\n\t\u202EWe agree.\u202C\x1b[2J\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "a.db")
	out, _, err := runCmd(t, "ingest", "-name", "escape", "-db", db, file)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("summary holds raw control characters:\n%q", out)
	}
	for _, want := range []string{`North[31m (proposal): 1 amended`, `Outcome]0;pwned (outcome)`,
		"4 hidden characters (zero-width spaces, joiners, direction marks, control characters) removed from 1 paragraph: North[31m 1, Outcome]0;pwned 3"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary does not say %q:\n%s", want, out)
		}
	}
	for _, table := range []string{"sections", "paragraphs", "changes", "verdicts"} {
		csv, _, err := runCmd(t, "export", "-db", db, "-doc", "escape", "-table", table)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsFunc(csv, func(r rune) bool {
			return r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0
		}) {
			t.Errorf("export of %s holds control characters:\n%q", table, csv)
		}
	}
	_, _, err = runCmd(t, "ingest", "-q", "-db", db, "-outcome", "nope", file)
	if err == nil {
		t.Fatal("unknown outcome: no error")
	}
	var printed strings.Builder
	reportError(&printed, err)
	if msg := printed.String(); strings.ContainsAny(msg, "\x1b\x07") || !strings.Contains(msg, `North[31m`) || !strings.Contains(msg, `escape\x1b[2J.txt`) {
		t.Errorf("error as printed: %q, want the variant names clean and the file name escaped", msg)
	}
}
