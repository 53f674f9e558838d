package ingest

import (
	"context"
	"testing"

	"amendlens/analysis"

	"amendlens/docx/docxtest"
)

// TestChainTrackedStageJoins: a Word document of tracked changes given as
// a later stage is a table, each author a proposal against its first
// column; a paragraph mark an author deleted merges two of the chain's
// rows for that author, as it does when the document stands alone.
func TestChainTrackedStageJoins(t *testing.T) {
	draft := "1. Marks\n\n10. We act.\n\n11. We note the report.\n\n12. We welcome the plan.\n\n14. We close.\n"
	body := docxtest.Para("1. Marks") +
		docxtest.MarkChanged("del", "1", "Sweden", docxtest.Run("", "10. We act.")) +
		docxtest.Para("11. We note the report.") +
		docxtest.Para("12. We welcome the plan.") +
		docxtest.Para("14. We close.")
	rev := docxtest.File(t, body, docxtest.Parts{})
	rs, err := Analyse(context.Background(), analysis.DefaultDictionary(), Input{Name: "marks", Stages: []StageFile{
		{Name: "Draft", File: File{Name: "draft.txt", Data: []byte(draft)}},
		{Name: "Rev.1", File: File{Name: "rev1.docx", Data: rev}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	doc := r.Document
	sweden := -1
	for v, name := range doc.Variants {
		if name == "Sweden" {
			sweden = v
		}
	}
	if sweden < 0 {
		t.Fatalf("variants %q: no Sweden", doc.Variants)
	}
	if got := r.Comparison(1, sweden).Status; got != analysis.StatusMerged {
		t.Errorf("paragraph 11 for Sweden: %s, want merged into 10", got)
	}
	// Compared with 10 and 11 joined, as when the document stands alone.
	if c := r.Comparison(0, sweden); c.Status != analysis.StatusUnchanged || c.BaseWords != 6 || c.VariantWords != 6 {
		t.Errorf("paragraph 10 for Sweden: %s, %d base and %d variant words; want unchanged, 6 and 6 (10 and 11 joined)", c.Status, c.BaseWords, c.VariantWords)
	}
	if m := r.Totals[sweden]; m.Merged != 1 || m.Absent != 0 || m.Added != 0 {
		t.Errorf("Sweden's totals: %d merged, %d absent, %d added; want 1, 0, 0", m.Merged, m.Absent, m.Added)
	}
}
