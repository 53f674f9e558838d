package analysis

import (
	"testing"
)

// TestSampleImpliedChain: the sample, one table, reads as two stages: the
// base with the Gender Caucus's proposal against it, then the compromise
// text, partial (its empty cells are pending). Every insertion's fate
// against the compromise is its verdict, pending read as out of scope, and
// the first stage's figures are the base's.
func TestSampleImpliedChain(t *testing.T) {
	r := analyseSource(t)
	if len(r.Stages) != 2 {
		t.Fatalf("%d stages, want 2", len(r.Stages))
	}
	first, second := r.Stages[0], r.Stages[1]
	if first.Variant != 0 || len(first.Proposals) != 1 || first.Proposals[0] != 1 || second.Variant != 2 || !second.Partial {
		t.Fatalf("stages %+v, want the base with proposal 1, then variant 2, partial", r.Stages)
	}
	if len(r.Fates) != len(r.SpanUptake) {
		t.Fatalf("%d fates for %d insertions judged", len(r.Fates), len(r.SpanUptake))
	}
	pending := 0
	for i, f := range r.Fates {
		u := r.SpanUptake[i]
		want := u.Verdict
		if want == VerdictPending {
			want = VerdictOutOfScope
			pending++
		}
		if f.Paragraph != u.Paragraph || f.Span != u.Span || f.Final() != want || f.Next() != want || f.Verdicts[0] != "" {
			t.Errorf("fate %+v, want the verdict %+v", f, u)
		}
	}
	if pending == 0 {
		t.Error("no pending insertion in the sample: the test tests nothing of partial stages")
	}
	words, paras, brackets := 0, 0, 0
	for p := range r.Document.Paragraphs {
		if text := r.Document.Paragraphs[p].Texts[0]; text != "" {
			paras++
			words += r.Comparison(p, 1).BaseWords
			brackets += len(BracketedRanges(text))
		}
	}
	fig := r.StageFigures[0]
	if fig.Paragraphs != paras || fig.Words != words || fig.Brackets != brackets {
		t.Errorf("first stage %+v, want %d paragraphs, %d words, %d brackets", fig, paras, words, brackets)
	}
	// The compromise lacks most paragraphs: out of scope, not dropped.
	comp := r.StageFigures[1]
	if comp.OutOfScope == 0 || comp.DroppedParagraphs != 0 || comp.OutOfScope+comp.Paragraphs+comp.NewParagraphs < paras {
		t.Errorf("compromise %+v, want its missing paragraphs out of scope", comp)
	}
	if err := r.Validate(); err != nil {
		t.Error(err)
	}
}
