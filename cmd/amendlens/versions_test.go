package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	gcProposal   = "../../testdata/wsis-gc-proposal.txt"
	alignBase    = "../../testdata/analysis/align-base.txt"
	alignVersion = "../../testdata/analysis/align-version.txt"
)

func TestIngestAlign(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	out, _, err := runCmd(t, "ingest", "-db", db, "-name", "wsis", "-align", gcProposal, sourceDoc)
	if err != nil {
		t.Fatal(err)
	}
	// The GC text, aligned, is the outcome; it is the GC column with the
	// paragraphs the column leaves empty unchanged.
	for _, want := range []string{
		"wsis (wsis-tunis-internet-governance-gc.txt): 26 paragraphs, 7 sections, base and 3 variants",
		"Compromise text (proposal): 1 amended",
		"wsis-gc-proposal (outcome): 16 amended, 2 new, 8 unchanged, 0 absent; +273 -2 words",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestIngestVersions(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	out, _, err := runCmd(t, "ingest", "-db", db, "-name", "gold", "-versions", "-variant-names", "Draft,Adopted", alignBase, alignBase, alignVersion)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"gold (align-base.txt): 24 paragraphs, 1 section, base and 2 variants",
		"Draft (proposal): 0 amended, 0 new, 22 unchanged, 2 absent", // the rows of the Adopted text's new paragraphs
		"Adopted (outcome): 4 amended, 2 new, 16 unchanged, 1 absent, 1 merged; +52 -7 words",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// TestIngestVersionsBaseName: one name more than versions names the base
// first, in every table.
func TestIngestVersionsBaseName(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, "-name", "gold", "-versions", "-variant-names", "Chair's draft,Adopted", alignBase, alignVersion); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCmd(t, "export", "-db", db, "-doc", "gold", "-table", "alignment")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, ",Adopted,") {
		t.Errorf("alignment names no Adopted:\n%.300s", out)
	}
	out, _, err = runCmd(t, "export", "-db", db, "-doc", "gold", "-table", "lineage")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, ",Chair's draft,") || strings.Contains(out, ",Base,") {
		t.Errorf("lineage names the base otherwise than Chair's draft:\n%.300s", out)
	}
}

func TestIngestVersionsErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-versions", alignBase}, "-versions needs a base and at least one version"},
		{[]string{"-variant-names", "A", alignBase}, "-variant-names names versions given with -versions, -align or -chain"},
		{[]string{"-versions", "-variant-names", "A,B,C", alignBase, alignVersion}, "names 3 variants for 1 versions"},
		{[]string{"-versions", "-variant-names", "Rev.1,rev.1", alignBase, alignVersion}, "the base's name \"Rev.1\" is the name of one of its variants"},
		{[]string{"-align", alignVersion, sourceDoc, sourceDoc}, "-align adds versions to one table document, got 2 files"},
		{[]string{"-align", "../../testdata/cmd/nul-byte.txt", sourceDoc}, "nul-byte.txt:"},
		{[]string{"-versions", "-variant-names", "Base", alignBase, alignVersion}, "duplicate variant name"},
	}
	for _, tt := range tests {
		_, _, err := runCmd(t, append([]string{"ingest", "-q", "-db", db}, tt.args...)...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ingest %q: error %v, want one saying %q", tt.args, err, tt.want)
		}
	}
	if c := counts(t, db); c["documents"] != 0 {
		t.Errorf("%d documents stored after errors, want 0", c["documents"])
	}
}

func TestExportAlignment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, "-name", "gold", "-versions", "-variant-names", "Adopted", alignBase, alignVersion); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCmd(t, "export", "-db", db, "-doc", "gold", "-table", "alignment")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../testdata/analysis/alignment-gold.csv")
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("export -table alignment:\n%s\nwant:\n%s", out, want)
	}
}
