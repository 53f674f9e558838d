package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/ingest"
	"amendlens/store"
)

// sourceDoc is the source document as the tests keep it.
const sourceDoc = "../../testdata/wsis-tunis-internet-governance-gc.txt"

// runCmd runs the command line in-process and returns what it printed.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// counts returns the rows per table of the database at path.
func counts(t *testing.T, path string) map[string]int64 {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestIngestPrintsSummary(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	out, _, err := runCmd(t, "ingest", "-db", db, sourceDoc)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"wsis-tunis-internet-governance-gc (wsis-tunis-internet-governance-gc.txt): 26 paragraphs, 7 sections, base and 2 variants",
		"GC Proposed Text (proposal): 16 amended, 2 new, 2 unchanged, 6 absent;",
		"Compromise text (outcome): 1 amended, 0 new, 0 unchanged, 25 absent; +5 -0 words",
		"themes: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if fi, err := os.Stat(db); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("database mode = %v (%v), want 0600", fi.Mode().Perm(), err)
	}
}

// TestExportMatchesGolden checks that every table exported from the
// database equals the golden file the analysis package keeps: what the
// store gives back is what the analysis produced.
func TestExportMatchesGolden(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if _, _, err := runCmd(t, "ingest", "-db", db, sourceDoc); err != nil {
		t.Fatal(err)
	}
	for _, table := range analysis.Tables {
		out, _, err := runCmd(t, "export", "-db", db, "-table", table)
		if err != nil {
			t.Fatalf("export %s: %v", table, err)
		}
		want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "analysis", "golden", table+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("export %s differs from the golden file", table)
		}
	}
}

func TestExportToFileWithFilter(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if _, _, err := runCmd(t, "ingest", "-db", db, "-name", "Tunis IG", sourceDoc); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "hits.csv")
	if _, _, err := runCmd(t, "export", "-db", db, "-doc", "tunis-ig", "-table", "hits", "-theme", "gender", "-o", out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < 2 {
		t.Fatalf("no hits exported:\n%s", data)
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "tunis-ig,") || !strings.Contains(l, ",gender,") {
			t.Errorf("row %q: want document tunis-ig and theme gender", l)
		}
	}
}

func TestReingestReplaces(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if _, _, err := runCmd(t, "ingest", "-db", db, sourceDoc); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	if _, _, err := runCmd(t, "ingest", "-db", db, sourceDoc); err != nil {
		t.Fatal(err)
	}
	after := counts(t, db)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("table %s: %d rows after re-ingest, %d before", table, after[table], n)
		}
	}
	if _, _, err := runCmd(t, "ingest", "-db", db, "-name", "second", sourceDoc); err != nil {
		t.Fatal(err)
	}
	if got := counts(t, db)["documents"]; got != 2 {
		t.Errorf("%d documents after ingesting under a second name, want 2", got)
	}
}

func TestIngestBadFileStoresNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if _, _, err := runCmd(t, "ingest", "-db", db, sourceDoc); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte(" \t1.\nIntroduction\n\tA\n\tB\n\t39.\nText.\n\tX.\n\tY.\n\tnonsense row\n\t\n\t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.txt")
	data, _ := os.ReadFile(sourceDoc)
	if err := os.WriteFile(good, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCmd(t, "ingest", "-db", db, good, bad)
	if err == nil || !strings.Contains(err.Error(), "bad.txt:9") {
		t.Fatalf("error = %v, want one naming bad.txt line 9", err)
	}
	after := counts(t, db)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("table %s: %d rows after a failed ingest, %d before", table, after[table], n)
		}
	}
}

func TestCommandErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	stored := filepath.Join(t.TempDir(), "stored.db")
	if _, _, err := runCmd(t, "ingest", "-q", "-db", stored, sourceDoc); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(bad, []byte("\tBase\tProposal\nno number here\tx\ty\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		want   string
		status int
	}{
		{"no command", nil, "no command", exitUsage},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`, exitUsage},
		{"unknown flag", []string{"ingest", "-frobnicate", sourceDoc}, "flag provided but not defined: -frobnicate", exitUsage},
		{"ingest without files", []string{"ingest", "-db", db}, "no file given", exitUsage},
		{"name with two files", []string{"ingest", "-db", db, "-name", "x", sourceDoc, sourceDoc}, "-name needs exactly one file", exitUsage},
		{"missing file", []string{"ingest", "-db", db, "nope.txt"}, "nope.txt", exitNoInput},
		{"bad file", []string{"ingest", "-db", db, bad}, "bad.txt:1", exitDataErr},
		{"bad outcome", []string{"ingest", "-db", db, "-outcome", "Nobody", sourceDoc}, `outcome "Nobody": no such variant`, exitDataErr},
		{"export without table", []string{"export", "-db", db}, "-table is required", exitUsage},
		{"export missing database", []string{"export", "-db", filepath.Join(t.TempDir(), "none.db"), "-table", "hits"}, "none.db", exitNoInput},
		{"delete of no document", []string{"delete", "-db", stored, "nosuch"}, `no document named "nosuch"`, exitNoInput},
		{"database that is a directory", []string{"ingest", "-db", t.TempDir(), sourceDoc}, "", exitFailure},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runCmd(t, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
			if got := exitStatus(err); got != tc.status {
				t.Errorf("exit status %d, want %d (error %v)", got, tc.status, err)
			}
		})
	}
}

// TestExitStatusNameTaken: storing a document under a name another was
// given is a conflict, status 73.
func TestExitStatusNameTaken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, "-name", "Tunis draft", sourceDoc); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCmd(t, "ingest", "-q", "-db", db, "-name", "tunis DRAFT", sourceDoc)
	if got := exitStatus(err); got != exitCantCreate {
		t.Errorf("exit status %d, want %d (error %v)", got, exitCantCreate, err)
	}
}

func TestExportUnknownTableAndDocument(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if _, _, err := runCmd(t, "ingest", "-db", db, sourceDoc); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "export", "-db", db, "-table", "nope"); !errors.Is(err, analysis.ErrNotFound) {
		t.Errorf("unknown table: %v, want not found", err)
	}
	if _, _, err := runCmd(t, "export", "-db", db, "-doc", "nope", "-table", "hits"); err == nil || !strings.Contains(err.Error(), "not found") || !strings.Contains(err.Error(), `no document "nope"`) || !strings.Contains(err.Error(), "the documents are wsis-tunis-internet-governance-gc") {
		t.Errorf("unknown document: %v, want not found, naming the stored documents", err)
	}
}

// An unknown filter value is an error with the dashboard's 404 message,
// not a table of only a header.
func TestExportUnknownFilter(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if _, _, err := runCmd(t, "ingest", "-db", db, "-name", "tunis", sourceDoc); err != nil {
		t.Fatal(err)
	}
	for flag, want := range map[string]string{
		"-variant":   `Document tunis has no variant "Nobody".`,
		"-theme":     `The dictionary of tunis has no theme "Nobody".`,
		"-section":   `Document tunis has no section "Nobody".`,
		"-paragraph": `Document tunis has no paragraph "Nobody".`,
	} {
		out, _, err := runCmd(t, "export", "-db", db, "-table", "paragraphs", flag, "Nobody")
		if err == nil || !strings.Contains(err.Error(), want) || out != "" {
			t.Errorf("export %s Nobody: error %v, output %.40q; want %q and no output", flag, err, out, want)
		}
	}
	plain, _, err := runCmd(t, "export", "-db", db, "-table", "themes")
	if err != nil {
		t.Fatal(err)
	}
	excel, _, err := runCmd(t, "export", "-db", db, "-table", "themes", "-bom")
	if err != nil {
		t.Fatal(err)
	}
	if excel != "\uFEFF"+plain {
		t.Errorf("-bom: %.20q, want a BOM then %.20q", excel, plain)
	}
}

func TestHelpOnEverySubcommand(t *testing.T) {
	for _, c := range commands() {
		_, stderr, err := runCmd(t, c.name, "-h")
		if !errors.Is(err, flag.ErrHelp) {
			t.Errorf("%s -h: error %v, want flag.ErrHelp", c.name, err)
		}
		if !strings.Contains(stderr, "usage: amendlens "+c.name) {
			t.Errorf("%s -h printed %q", c.name, stderr)
		}
	}
}

func TestThemesPrintsDefaultDictionary(t *testing.T) {
	out, _, err := runCmd(t, "themes")
	if err != nil {
		t.Fatal(err)
	}
	d, err := analysis.ParseDictionary("themes output", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if d.Hash != analysis.DefaultDictionary().Hash {
		t.Error("themes printed something other than the default dictionary")
	}
}

func TestFlagsFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "env.db")
	t.Setenv("AMENDLENS_DB", db)
	t.Setenv("AMENDLENS_NAME", "from-env")
	if _, _, err := runCmd(t, "ingest", sourceDoc); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCmd(t, "export", "-table", "unthemed", "-doc", "from-env")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "document,variant,phrase,count\nfrom-env,") {
		t.Errorf("export through AMENDLENS_DB gave %.80q", out)
	}
	t.Setenv("AMENDLENS_Q", "maybe")
	if _, _, err := runCmd(t, "ingest", sourceDoc); err == nil || !strings.Contains(err.Error(), "AMENDLENS_Q") {
		t.Errorf("bad environment value: error %v, want one naming AMENDLENS_Q", err)
	}
}

// sample is the built-in sample.
var sample = analysis.Sample()

// sampleFile is its file name.
const sampleFile = analysis.SampleFile

// analyseData analyses data read from file as ingest does, named name when
// it is set.
func analyseData(file string, data []byte, name string, dict *analysis.Dictionary, opts analysis.Options) (*analysis.Result, error) {
	in := ingest.Input{Name: name, Files: []ingest.File{{Name: file, Data: data}}, Options: opts}
	rs, err := ingest.Analyse(context.Background(), dict, in)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// TestExportSearch: export -table search -q writes every place the phrase
// occurs; without -q the table is empty, and a query that is no term is
// a usage error.
func TestExportSearch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, sourceDoc); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCmd(t, "export", "-db", db, "-table", "search", "-q", "internet governance")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 3 || rows[0][5] != "matched" {
		t.Fatalf("search rows %v (%v)", rows, err)
	}
	for _, row := range rows[1:] {
		if !strings.EqualFold(row[5], "internet governance") {
			t.Errorf("row %v matched %q", row, row[5])
		}
	}
	if out, _, _ := runCmd(t, "export", "-db", db, "-table", "search"); strings.Count(out, "\n") != 1 {
		t.Errorf("without -q: %q, want the header alone", out)
	}
	if _, _, err := runCmd(t, "export", "-db", db, "-table", "search", "-q", "*"); exitStatus(err) != exitUsage {
		t.Errorf("-q '*': %v (status %d), want a usage error", err, exitStatus(err))
	}
}

// TestExportDataPackage: export -datapackage -o writes the zip of every
// table with its datapackage.json; without -o, or with -table, it is a
// usage error.
func TestExportDataPackage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, sourceDoc); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "p.zip")
	if _, _, err := runCmd(t, "export", "-db", db, "-datapackage", "-o", out); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	// Every table but search and compare, which need a query and two texts.
	if !slices.Contains(names, "datapackage.json") || !slices.Contains(names, "verdicts.csv") || len(names) != len(analysis.Tables)-1 {
		t.Errorf("the zip holds %v", names)
	}
	for _, args := range [][]string{{"-datapackage"}, {"-datapackage", "-table", "hits", "-o", out}} {
		if _, _, err := runCmd(t, append([]string{"export", "-db", db}, args...)...); exitStatus(err) != exitUsage {
			t.Errorf("export %v: %v, want a usage error", args, err)
		}
	}
}
