package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amendlens/store/storetest"
)

// chainDir holds the chain fixture (see testdata/chain/README.md).
var chainDir = filepath.Join("..", "..", "testdata", "chain")

// TestIngestManifest ingests the chain fixture's manifest into each kind of
// database and exports the chain's tables: they are the analysis's golden
// files, byte for byte, so the stored chain (stages, actors, agreed marks)
// gives back every lineage row, stage figure and fate.
func TestIngestManifest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, k storetest.Kind) {
		db := k.Fresh(t)
		out, stderr, err := runCmd(t, "ingest", "-db", db, filepath.Join(chainDir, "negotiation.yaml"))
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		for _, want := range []string{
			"Internet governance chapter [internet-governance-chapter] (draft.txt): 8 paragraphs, 2 sections, 4 stages, 2 proposals",
			"3. Rev.2 (2005-11-13) (excerpt): 3 paragraphs, 100 words, 2 agreed; +0 -5 words of the 105 they share with the stage before, 4 paragraphs out of scope",
			"Gender Caucus proposed 3 insertions: 2 taken by Rev.1, 1 in Adopted",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("summary lacks %q:\n%s", want, out)
			}
		}
		for _, table := range []string{"stages", "lineage", "fates", "actors"} {
			got, stderr, err := runCmd(t, "export", "-db", db, "-doc", "internet-governance-chapter", "-table", table)
			if err != nil {
				t.Fatalf("export %s: %v\n%s", table, err, stderr)
			}
			want, err := os.ReadFile(filepath.Join(chainDir, "golden", table+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			if strings.ReplaceAll(got, "\r\n", "\n") != string(want) {
				t.Errorf("%s from %s differs from the golden file:\n%s", table, k.Name, got)
			}
		}
		// -stage judges against another stage than the last: Rev.1 took
		// the caucus's gender phrase, which the adopted text lost.
		got, stderr, err := runCmd(t, "export", "-db", db, "-table", "verdicts", "-stage", "next", "-paragraph", "39")
		if err != nil || !strings.Contains(got, ",Gender Caucus,Rev.1,p1v1s1,") || !strings.Contains(got, ",adopted,Chair's draft") {
			t.Errorf("verdicts at the next stage: %v\n%s%s", err, got, stderr)
		}
		if _, stderr, err := runCmd(t, "export", "-db", db, "-table", "verdicts", "-stage", "Rev.7"); err == nil || !strings.Contains(err.Error()+stderr, `no stage "Rev.7"`) {
			t.Errorf("-stage Rev.7: %v, %s", err, stderr)
		}
	})
}

// TestIngestChainFlag: the stages given as files, the excerpt named by
// -partial, read as the manifest reads them.
func TestIngestChainFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	var files []string
	for _, f := range []string{"draft.txt", "rev1.txt", "rev2.txt", "adopted.txt"} {
		files = append(files, filepath.Join(chainDir, f))
	}
	args := append([]string{"ingest", "-db", db, "-name", "igc", "-chain", "-partial", "Rev.2",
		"-variant-names", "Chair's draft,Rev.1,Rev.2,Adopted"}, files...)
	out, stderr, err := runCmd(t, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{
		"igc (draft.txt): 7 paragraphs, 2 sections, 4 stages, 0 proposals",
		"3. Rev.2 (excerpt): 3 paragraphs, 100 words, 2 agreed",
		"4. Adopted: 7 paragraphs, 226 words; +7 -0 words of the 219 they share with the stage before",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// TestIngestChainErrors: a chain given wrong says what and where, and
// stores nothing.
func TestIngestChainErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	draft, err := filepath.Abs(filepath.Join(chainDir, "draft.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rev1 := filepath.Join(chainDir, "rev1.txt")
	missing := write("missing.yaml", "name: x\nstages:\n  - name: Draft\n    file: "+draft+"\n  - name: Rev.1\n    file: nosuch.txt\n")
	unknown := write("unknown.yaml", "stages:\n  - name: Draft\n    fille: draft.txt\n")
	noFile := write("nofile.yaml", "stages:\n  - name: Draft\n  - name: Rev.1\n    file: rev1.txt\n")
	badDate := write("date.yaml", "stages:\n  - name: Draft\n    file: "+draft+"\n    date: 19/09/2005\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{missing}, "missing.yaml:5: stage 2 (Rev.1): open "},
		{[]string{unknown}, "unknown.yaml:3: manifest: field fille not found"},
		{[]string{noFile}, "nofile.yaml:2: stage 1 has no file"},
		{[]string{badDate}, `date.yaml:2: stage 1: date "19/09/2005": expected YYYY-MM-DD`},
		{[]string{"-chain", "-partial", "rev9", draft, rev1}, `-partial names "rev9", which is no stage's name`},
		{[]string{"-chain", "-versions", draft, rev1}, "-chain does not go with -versions"},
		{[]string{"-partial", "rev1", draft}, "-partial names stages given with -chain"},
		{[]string{"-chain", "-outcome", "rev1", draft, rev1}, "a negotiation in stages has its last stage as its outcome"},
	}
	for _, tc := range tests {
		db := filepath.Join(dir, "a.db")
		_, _, err := runCmd(t, append([]string{"ingest", "-db", db}, tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ingest %v: error %v, want one containing %q", tc.args, err, tc.want)
		}
		if _, err := os.Stat(db); err == nil {
			t.Errorf("ingest %v failed and left %s", tc.args, db)
		}
	}
}

// TestIngestCompilation: a compilation of proposals whose source column
// has an unusual header is read with -source-column, and refused without.
func TestIngestCompilation(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "comp.csv")
	csv := "Paragraph,Original text,Submitted,Proposed text\n39,We reaffirm the principles.,EU,We reaffirm the principles of law.\n39,,Brazil,We reaffirm the principles firmly.\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "a.db")
	if _, _, err := runCmd(t, "ingest", "-db", db, file); err == nil || !strings.Contains(err.Error(), "without a source column") {
		t.Errorf("without -source-column: %v, want a refusal naming the missing source column", err)
	}
	out, stderr, err := runCmd(t, "ingest", "-db", db, "-source-column", "Submitted", file)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"comp (comp.csv): 1 paragraph, 1 section, base and 2 variants", "EU (proposal): 1 amended", "Brazil (proposal): 1 amended"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}
