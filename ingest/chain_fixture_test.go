package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"amendlens/analysis"

	"amendlens/docx/docxtest"
	"amendlens/parse"
)

// chainDir holds the chain fixture: four stages written from the sample
// (see testdata/chain/README.md).
const chainDir = "../testdata/chain"

// chainStages are the fixture's stage files, earliest first.
var chainStages = []string{"draft.txt", "rev1.txt", "rev2.txt", "adopted.txt"}

// readChainFile reads a file of the chain fixture.
func readChainFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(chainDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// analyseManifest analyses the chain fixture's manifest as ingest does.
func analyseManifest(t testing.TB) *analysis.Result {
	t.Helper()
	if !parse.IsManifest(readChainFile(t, "negotiation.yaml")) {
		t.Fatal("the fixture's manifest is not recognised as one")
	}
	return analyseManifestAt(t, chainDir, "negotiation.yaml")
}

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// tableCSV returns table of r as CSV.
func tableCSV(t testing.TB, r *analysis.Result, table string) string {
	t.Helper()
	var b bytes.Buffer
	if err := analysis.WriteTableCSV(&b, r, table, analysis.Filter{}); err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(b.String(), "\r\n", "\n")
}

// records returns the rows of table of r as maps keyed by the header.
func records(t testing.TB, r *analysis.Result, table string, f analysis.Filter) []map[string]string {
	t.Helper()
	var b bytes.Buffer
	if err := analysis.WriteTableCSV(&b, r, table, f); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := make(map[string]string, len(rec))
		for i, k := range recs[0] {
			m[k] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// TestChainFixture follows the fixture's four stages: a draft and the
// Gender Caucus's proposal against it, Rev.1 (renumbered, 40 and 41
// merged, 43 split, 46 moved after 49, two bracketed passages resolved and
// one left, the caucus's two insertions taken) and the G77's proposal
// against it, Rev.2 (an excerpt of three paragraphs, the gender phrase
// dropped again, the last bracket resolved), and the adopted text
// (renumbered again, the G77's clause taken). Every lineage row, stage
// figure and fate is in the golden files, read and checked by hand; the
// points the fixture was written for are asserted here too.
func TestChainFixture(t *testing.T) {
	r := analyseManifest(t)
	var names []string
	for _, s := range r.Stages {
		names = append(names, s.Name)
	}
	if want := []string{"Chair's draft", "Rev.1", "Rev.2", "Adopted"}; !slices.Equal(names, want) {
		t.Fatalf("stages %v, want %v", names, want)
	}
	if !r.Stages[2].Partial || r.Stages[3].Partial || r.Stages[0].Date != "2005-09-19" || !r.OutcomeComplete {
		t.Errorf("stages %+v: want Rev.2 partial, the adopted text whole and complete, the draft dated", r.Stages)
	}
	if got := r.Proposals(); len(got) != 2 || r.Document.Actor(got[0]) != "Gender Caucus" || r.Document.Actor(got[1]) != "G77" {
		t.Fatalf("proposals %v, want the Gender Caucus's and the G77's", got)
	}
	for _, table := range []string{"stages", "lineage", "fates", "actors", "provenance"} {
		checkGolden(t, filepath.Join(chainDir, "golden", table+".csv"), tableCSV(t, r, table))
	}

	fate := func(text string) *analysis.Fate {
		t.Helper()
		for i, f := range r.Fates {
			s := r.Comparison(f.Paragraph, f.Proposal).Spans[f.Span]
			if r.Document.Paragraphs[f.Paragraph].Texts[f.Proposal][s.VarBytes.Start:s.VarBytes.End] == text {
				return &r.Fates[i]
			}
		}
		t.Fatalf("no insertion %q", text)
		return nil
	}
	// Adopted in Rev.1, dropped in Rev.2, not in the adopted text.
	gender := fate("and a gender equality perspective")
	if gender.Next() != analysis.VerdictAdopted || gender.Verdicts[2] != analysis.VerdictNotAdopted || gender.Final() != analysis.VerdictNotAdopted ||
		gender.FirstAdopted() != 1 || gender.LastPresent() != 1 {
		t.Errorf("gender perspective: %+v, want adopted in Rev.1, lost in Rev.2 and after", gender)
	}
	// Rev.2 is an excerpt without 49: out of scope there, never lost.
	rights := fate("and the respect of all aspects of human rights")
	if rights.Next() != analysis.VerdictAdopted || rights.Verdicts[2] != analysis.VerdictOutOfScope || rights.Final() != analysis.VerdictAdopted || rights.LastPresent() != 3 {
		t.Errorf("human rights: %+v, want adopted in Rev.1, out of scope in Rev.2, adopted", rights)
	}
	// Proposed against Rev.1, judged from Rev.1's text.
	g77 := fate("and developing countries should be fully involved")
	if g77.Stage != 1 || g77.Next() != analysis.VerdictNotAdopted || g77.Final() != analysis.VerdictAdopted || g77.FirstAdopted() != 3 {
		t.Errorf("G77: %+v, want proposed against Rev.1, not in Rev.2, adopted", g77)
	}
	if len(r.Fates) != 4 {
		t.Errorf("%d fates, want the 4 insertions of the two proposals", len(r.Fates))
	}

	figs := r.StageFigures
	agreed := []int{figs[0].Agreed, figs[1].Agreed, figs[2].Agreed, figs[3].Agreed}
	if !slices.Equal(agreed, []int{1, 1, 2, 0}) {
		t.Errorf("agreed paragraphs per stage %v, want [1 1 2 0]", agreed)
	}
	if f := figs[1]; f.Brackets != 1 || f.ResolvedKept != 1 || f.ResolvedDeleted != 1 || f.Paragraphs != 7 {
		t.Errorf("Rev.1 %+v, want 7 paragraphs, one bracket left, one resolved kept, one deleted", f)
	}
	if f := figs[2]; f.OutOfScope != 4 || f.DroppedParagraphs != 0 || f.ResolvedKept != 1 || f.Paragraphs != 3 {
		t.Errorf("Rev.2 %+v, want 3 paragraphs, 4 out of scope, none dropped, the last bracket resolved", f)
	}
	if f := figs[3]; f.NewParagraphs != 0 || f.DroppedParagraphs != 0 || f.Paragraphs != 7 {
		t.Errorf("adopted %+v, want 7 paragraphs, none new or dropped", f)
	}
	if err := r.Validate(); err != nil {
		t.Error(err)
	}
}

// TestChainAsFiles: the fixture's stages given as files in order (ingest
// -chain), without the proposals, have the manifest's lineage and stage
// figures; and with Rev.1 as a Word document of running text, the same.
func TestChainAsFiles(t *testing.T) {
	want := analyseManifest(t)
	stages := func(rev1 File) []StageFile {
		var ss []StageFile
		for _, f := range chainStages {
			sf := StageFile{File: File{Name: f, Data: readChainFile(t, f)}}
			if f == "rev1.txt" {
				sf.File = rev1
			}
			ss = append(ss, sf)
		}
		ss[2].Partial = true
		return ss
	}
	var body strings.Builder
	for _, block := range strings.Split(strings.TrimSpace(string(readChainFile(t, "rev1.txt"))), "\n\n") {
		body.WriteString(docxtest.Para(block))
	}
	for _, rev1 := range []File{
		{Name: "rev1.txt", Data: readChainFile(t, "rev1.txt")},
		{Name: "rev1.docx", Data: docxtest.File(t, body.String(), docxtest.Parts{})},
	} {
		t.Run(rev1.Name, func(t *testing.T) {
			rs, err := Analyse(context.Background(), analysis.DefaultDictionary(), Input{Name: "chain", Stages: stages(rev1)})
			if err != nil {
				t.Fatal(err)
			}
			r := rs[0]
			var names []string
			for _, s := range r.Stages {
				names = append(names, s.Name)
			}
			if !slices.Equal(names, []string{"draft", "rev1", "rev2", "adopted"}) {
				t.Errorf("stages %v, want the files' names", names)
			}
			// The proposals' new row apart, the lineage is the manifest's.
			got := lineageText(r)
			exp := lineageText(want)
			if !slices.Equal(got, exp) {
				t.Errorf("lineage\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(exp, "\n"))
			}
			for i := range r.StageFigures {
				g, w := r.StageFigures[i], want.StageFigures[i]
				if g != w {
					t.Errorf("stage %d: %+v, want %+v", i+1, g, w)
				}
			}
			if err := r.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

// lineageText returns the lineage rows of r as text, stage names apart,
// without the rows no stage has text for.
func lineageText(r *analysis.Result) []string {
	var out []string
	for _, l := range r.Lineage {
		out = append(out, strings.Join([]string{r.Document.Paragraphs[l.Paragraph].ID, parse.FormatCount(int64(l.Stage)), l.StageParagraph, l.Relation}, " "))
	}
	return out
}

// checkGolden compares got with the golden file; -update rewrites it.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./ingest -update)", err)
	}
	if got != strings.ReplaceAll(string(want), "\r\n", "\n") {
		t.Errorf("%s differs; run with -update and read the diff", golden)
	}
}
