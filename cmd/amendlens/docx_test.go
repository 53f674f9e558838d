package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docxFixture is a Word fixture of the analysis package.
func docxFixture(name string) string {
	return filepath.Join("..", "..", "testdata", "analysis", "docx", name)
}

// TestIngestDocx ingests Word documents of each shape through the command
// line: a compilation table (the sample) and tracked changes by author with
// and without -outcome accept-all.
func TestIngestDocx(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{docxFixture("sample-table.docx")}, []string{
			"sample-table (sample-table.docx): 26 paragraphs, 7 sections, base and 2 variants",
			"GC Proposed Text (proposal): 16 amended, 2 new, 2 unchanged, 6 absent;",
		}},
		{[]string{docxFixture("sample-tracked.docx")}, []string{
			"sample-tracked (sample-tracked.docx): 26 paragraphs, 7 sections, base and 1 variant",
			"Gender Caucus (proposal): 16 amended, 2 new, 8 unchanged, 0 absent; +273 -2 words",
		}},
		{[]string{"-outcome", "accept-all", "-name", "two", docxFixture("tracked-two-authors.docx")}, []string{
			"two (tracked-two-authors.docx): 6 paragraphs, 1 section, base and 3 variants",
			"All changes accepted (outcome): 4 amended, 1 new, 1 unchanged, 0 absent;",
		}},
		{[]string{"-name", "two-none", docxFixture("tracked-two-authors.docx")}, []string{
			"Sweden (proposal): 2 amended, 1 new, 3 unchanged, 0 absent;",
			"Brazil (proposal): 4 amended, 0 new, 1 unchanged, 1 absent;",
		}},
	} {
		out, _, err := runCmd(t, append([]string{"ingest", "-db", db}, tc.args...)...)
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: summary lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
}

// TestIngestBadDocxStoresNothing checks that a .doc, a cut-short .docx and
// a zip bomb among good files store nothing and say why.
func TestIngestBadDocxStoresNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, sourceDoc); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	// A .doc renamed .docx is told by its content.
	renamed := filepath.Join(dir, "renamed.docx")
	data, err := os.ReadFile(docxFixture("brackets.doc"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(renamed, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, want string }{
		{renamed, "renamed.docx: Word document: an old binary Word document (.doc) or other OLE file: convert it to .docx first (LibreOffice: soffice --headless --convert-to docx FILE)"},
		{docxFixture("truncated.docx"), "truncated.docx: Word document: a zip archive without its end"},
	} {
		_, _, err := runCmd(t, "ingest", "-q", "-db", db, docxFixture("sample-table.docx"), tc.file)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error = %v, want %q", err, tc.want)
		}
	}
	after := counts(t, db)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("table %s: %d rows after failed ingests, %d before", table, after[table], n)
		}
	}
}

// TestServeDocx serves Word documents given on the command line: the
// tracked changes of two authors with -outcome accept-all, and a table
// whose paragraph page shades its bracketed words.
func TestServeDocx(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	base, stop := startServe(t, "-db", db, "-outcome", "accept-all", docxFixture("tracked-two-authors.docx"), docxFixture("brackets.docx"))
	defer stop()
	code, body := get(t, base+"/d/tracked-two-authors/export/uptake.csv")
	if code != http.StatusOK || !strings.Contains(body, "tracked-two-authors,Sweden,All changes accepted,gender,") {
		t.Errorf("uptake.csv: status %d, want Sweden's uptake in All changes accepted:\n%s", code, body)
	}
	code, body = get(t, base+"/d/brackets/p/30")
	if code != http.StatusOK || !strings.Contains(body, `<span class="bracketed"`) {
		t.Errorf("paragraph 30 of brackets: status %d, no shaded brackets", code)
	}
	if !strings.Contains(body, `<dt>In brackets</dt><dd><span class="bracketed">5 words</span></dd>`) {
		t.Errorf("paragraph 30 of brackets: the proposal's 5 bracketed words are not among its figures")
	}
}
