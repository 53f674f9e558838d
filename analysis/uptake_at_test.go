package analysis_test

import (
	"errors"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
)

// verdictsOf returns the verdict of each insertion in spans by its change
// id.
func verdictsOf(spans []analysis.SpanUptake) map[string]analysis.Verdict {
	m := map[string]analysis.Verdict{}
	for _, u := range spans {
		m[analysis.ChangeID(u.Paragraph, u.Proposal, u.Span)] = u.Verdict
	}
	return m
}

// TestUptakeAt judges the chain fixture's proposals against the stage one
// picks: the Gender Caucus's "gender equality perspective" (p1v1s1) was
// taken by Rev.1 and lost again, so it is adopted against the next stage
// and not adopted against the last; the G77's clause (p6v3s1), made
// against Rev.1, is not judged by Rev.1; Rev.2, an excerpt, has no
// paragraph 49, where the caucus's human-rights clause (p8v1s1) stands.
func TestUptakeAt(t *testing.T) {
	r := analysistest.ChainFixture(t, "..", analysis.DefaultDictionary())
	last := len(r.Stages) - 1
	if got := r.UptakeAt(last); len(got) != len(r.SpanUptake) || &got[0] != &r.SpanUptake[0] {
		t.Errorf("UptakeAt(last) is not analysis.SpanUptake")
	}
	next := verdictsOf(r.UptakeAt(analysis.StageNext))
	want := map[string]analysis.Verdict{"p1v1s1": analysis.VerdictAdopted, "p2v1s1": analysis.VerdictNotAdopted, "p6v3s1": analysis.VerdictNotAdopted, "p8v1s1": analysis.VerdictAdopted}
	if len(next) != len(want) {
		t.Errorf("next stage judged %d insertions, want %d: %v", len(next), len(want), next)
	}
	for id, v := range want {
		if next[id] != v {
			t.Errorf("next stage: %s is %q, want %q", id, next[id], v)
		}
	}
	if final := verdictsOf(r.SpanUptake); final["p1v1s1"] != analysis.VerdictNotAdopted || final["p6v3s1"] != analysis.VerdictAdopted {
		t.Errorf("last stage: %v; want the gender phrase lost, the G77's clause taken", final)
	}
	rev1 := verdictsOf(r.UptakeAt(1))
	if _, ok := rev1["p6v3s1"]; ok || len(rev1) != 3 {
		t.Errorf("Rev.1 judged %v; want the caucus's three insertions and not the G77's, made against it", rev1)
	}
	rev2 := verdictsOf(r.UptakeAt(2))
	if rev2["p8v1s1"] != analysis.VerdictOutOfScope || rev2["p1v1s1"] != analysis.VerdictNotAdopted {
		t.Errorf("Rev.2 judged %v; want 49 out of scope, the gender phrase dropped", rev2)
	}
	if got := r.UptakeAt(0); got != nil {
		t.Errorf("the first stage judged %d insertions, want none", len(got))
	}

	for in, want := range map[string]int{"": last, "final": last, "next": analysis.StageNext, "Rev.1": 1, " rev.2 ": 2, "Adopted": last} {
		if got, err := r.ParseStage(in); err != nil || got != want {
			t.Errorf("ParseStage(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"Chair's draft", "Rev.3"} {
		_, err := r.ParseStage(in)
		if !errors.Is(err, analysis.ErrNotFound) || !strings.Contains(err.Error(), `"Rev.1", "Rev.2", "Adopted"`) {
			t.Errorf("ParseStage(%q): %v; want a not-found error listing the stages after the first", in, err)
		}
	}

	// The tables judge against the stage the filter names, and say which
	// in the outcome column.
	judges := map[string]string{}
	for _, row := range analysis.Records(t, r, "verdicts", analysis.Filter{Stage: "next"}) {
		judges[row["change_id"]] = row["outcome"] + " " + row["verdict"] + " " + row["stage"]
	}
	if judges["p1v1s1"] != "Rev.1 adopted Chair's draft" || judges["p6v3s1"] != "Rev.2 not_adopted Rev.1" {
		t.Errorf("verdicts at the next stage: %v", judges)
	}
	uptake := analysis.Records(t, r, "uptake", analysis.Filter{Stage: "Rev.2", Theme: "rights", Variant: "Gender Caucus"})
	if len(uptake) != 1 || uptake[0]["out_of_scope"] != "1" || uptake[0]["outcome"] != "Rev.2" || uptake[0]["proposal"] != "Gender Caucus" {
		t.Errorf("uptake of human rights in Rev.2: %v; want the caucus's clause out of scope", uptake)
	}
	if err := analysis.CheckFilter(r, analysis.Filter{Stage: "Rev.9"}); !errors.Is(err, analysis.ErrNotFound) {
		t.Errorf("CheckFilter of an unknown stage: %v", err)
	}
}

// TestUptakeAtTable: a table has two stages, so the next stage is its
// outcome and every choice gives the verdicts it always had.
func TestUptakeAtTable(t *testing.T) {
	r := analysis.AnalyseSource(t)
	if at, err := r.ParseStage("next"); err != nil || at != 1 {
		t.Fatalf("ParseStage(next) of the sample: %d, %v; want its outcome, stage 1", at, err)
	}
	if got := r.UptakeAt(analysis.StageNext); len(got) != len(r.SpanUptake) || &got[0] != &r.SpanUptake[0] {
		t.Errorf("the sample's next stage is not its outcome")
	}
}
