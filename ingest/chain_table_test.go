package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"amendlens/analysis"

	"amendlens/parse"
)

// rev1Table writes the chain fixture's Rev.1 and the G77's proposal
// against it as one long-form CSV, a table of two columns ("Rev.1 text",
// G77), as a secretariat circulates a revision with the proposals on it.
// extra is one more column, with text in the rows it names.
func rev1Table(t *testing.T, extra string, rows map[string]string) []byte {
	t.Helper()
	rev1, err := parse.Parse("rev1.txt", readChainFile(t, "rev1.txt"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g77, err := parse.Parse("g77-rev1.txt", readChainFile(t, "g77-rev1.txt"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"section", "paragraph", "variant", "text"})
	marked := func(p analysis.Paragraph) string {
		if p.IsAgreed(0) {
			return p.Texts[0] + " (Agreed)"
		}
		return p.Texts[0]
	}
	for i, p := range rev1.Paragraphs {
		if g77.Paragraphs[i].ID != p.ID {
			t.Fatalf("the G77's paragraph %d is %s, Rev.1's %s", i, g77.Paragraphs[i].ID, p.ID)
		}
		w.Write([]string{p.Section, p.ID, "Rev.1 text", marked(p)})
		w.Write([]string{p.Section, p.ID, "G77", marked(g77.Paragraphs[i])})
		if text, ok := rows[p.ID]; ok {
			w.Write([]string{p.Section, p.ID, extra, text})
		}
		if text, ok := rows[p.ID+"bis"]; ok {
			// A paragraph the G77 proposed that the outcome took.
			w.Write([]string{p.Section, p.ID + "bis", "G77", text})
			w.Write([]string{p.Section, p.ID + "bis", extra, text})
		}
	}
	w.Flush()
	return b.Bytes()
}

// TestChainTableStage: a later stage given as a table is its first column,
// aligned with the stage before, and its other columns, which follow that
// column's rows: its proposals by the actors their headers name, and its
// outcome as the next stage. Rev.1 and the G77's proposal given as one
// table give the manifest's every lineage row, stage figure and fate.
func TestChainTableStage(t *testing.T) {
	stage := func(name, file string) StageFile {
		return StageFile{Name: name, File: File{Name: file, Data: readChainFile(t, file)}}
	}
	draft := stage("Chair's draft", "draft.txt")
	draft.Date = "2005-09-19"
	draft.Proposals = []ProposalFile{{Actor: "Gender Caucus", File: File{Name: "gc-draft.txt", Data: readChainFile(t, "gc-draft.txt")}}}
	rev1 := StageFile{Name: "Rev.1", Date: "2005-09-28", File: File{Name: "rev1.csv", Data: rev1Table(t, "", nil)}}
	rev2 := stage("Rev.2", "rev2.txt")
	rev2.Date, rev2.Partial = "2005-11-13", true
	adopted := stage("Adopted", "adopted.txt")
	adopted.Date = "2005-11-18"
	rs, err := Analyse(context.Background(), analysis.DefaultDictionary(), Input{Name: "Internet governance chapter", Stages: []StageFile{draft, rev1, rev2, adopted},
		Options: analysis.Options{OutcomeComplete: true}})
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	if got := r.Proposals(); len(got) != 2 || r.Document.Actor(got[1]) != "G77" || r.ProposalStage(got[1]) != 1 {
		t.Fatalf("proposals %v: want the G77's against Rev.1, the table's second column", got)
	}
	for _, table := range []string{"stages", "lineage", "fates", "actors"} {
		checkGolden(t, filepath.Join(chainDir, "golden", table+".csv"), tableCSV(t, r, table))
	}

	// Three columns: the last is the outcome, the next stage, named by its
	// header and partial where its cells are empty.
	bis := "35bis. We call for capacity building on Internet governance in developing countries."
	rev1.File.Data = rev1Table(t, "Rev.1 bis", map[string]string{"29": "29. We reaffirm the principles enunciated in the Geneva phase of the WSIS, in December 2003, that the international management of the Internet should be multilateral, transparent and democratic.",
		"35bis": bis})
	rs, err = Analyse(context.Background(), analysis.DefaultDictionary(), Input{Name: "igc", Stages: []StageFile{draft, rev1, adopted}})
	if err != nil {
		t.Fatal(err)
	}
	r = rs[0]
	var names []string
	for _, s := range r.Stages {
		names = append(names, s.Name)
	}
	if strings.Join(names, "|") != "Chair's draft|Rev.1|Rev.1 bis|Adopted" || !r.Stages[2].Partial {
		t.Fatalf("stages %v (%+v): want the table's outcome column, partial, after Rev.1", names, r.Stages)
	}
	fates := records(t, r, "fates", analysis.Filter{Paragraph: "39"})
	if len(fates) != 1 || fates[0]["next_stage"] != "Rev.1" {
		t.Fatalf("fates of 39: %v", fates)
	}
	// Rev.1 bis has 29 (the draft's 39) without the caucus's phrase, and
	// no other paragraph: out of scope there.
	judged := records(t, r, "verdicts", analysis.Filter{Stage: "Rev.1 bis"})
	got := map[string]string{}
	for _, row := range judged {
		got[row["paragraph"]] = row["verdict"]
	}
	if got["39"] != "not_adopted" || got["49"] != "out_of_scope" {
		t.Errorf("verdicts in Rev.1 bis: %v; want 39's phrase dropped, 49 out of scope", got)
	}

	// The G77's new paragraph and the outcome's are one row.
	row := -1
	for i, p := range r.Document.Paragraphs {
		if strings.HasSuffix(p.ID, "35bis") {
			if row >= 0 {
				t.Errorf("two rows for 35bis: %s and %s", r.Document.Paragraphs[row].ID, p.ID)
			}
			row = i
		}
	}
	if row < 0 || r.Document.Paragraphs[row].Texts[r.Stages[2].Variant] == "" || r.Document.Paragraphs[row].Texts[r.Proposals()[1]] == "" {
		t.Errorf("35bis is not one row with the G77's text and Rev.1 bis's")
	} else if got := records(t, r, "verdicts", analysis.Filter{Stage: "Rev.1 bis", Paragraph: r.Document.Paragraphs[row].ID}); len(got) != 1 || got[0]["verdict"] != "adopted" {
		t.Errorf("the G77's 35bis in Rev.1 bis: %v, want adopted", got)
	}

	// A table whose column names an earlier stage is refused.
	rev1.File.Data = rev1Table(t, "Chair's draft", map[string]string{"29": "29. Text."})
	if _, err := Analyse(context.Background(), analysis.DefaultDictionary(), Input{Name: "igc", Stages: []StageFile{draft, rev1, adopted}}); err == nil ||
		!strings.Contains(err.Error(), `rev1.csv: the outcome column "Chair's draft" has the name of an earlier stage`) {
		t.Errorf("a column named as an earlier stage: %v", err)
	}
}
