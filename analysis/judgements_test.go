package analysis_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
)

// TestJudgementsAreGold: judgements given on the gold set's negotiation
// come out as the judgements table, which amendlens evaluate reads as a
// gold file, and the evaluation agrees with analysis.Checked; a judgement of an
// insertion the document no longer has is counted gone, not held.
func TestJudgementsAreGold(t *testing.T) {
	r := analysistest.UptakeFixture(t, "..", analysis.DefaultDictionary())
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	spans := r.UptakeAt(len(r.Stages) - 1)
	var want analysis.Checked
	for i, u := range spans[:6] {
		v := u.Verdict
		if i%2 == 1 { // every other one corrected
			v = analysis.VerdictReworded
			if u.Verdict == v {
				v = analysis.VerdictPartly
			}
		} else {
			want.Agree++
		}
		j, err := r.NewJudgement(analysis.ChangeID(u.Paragraph, u.Proposal, u.Span), "final", string(v), "reader", at)
		if err != nil {
			t.Fatal(err)
		}
		r.Judgements = append(r.Judgements, j)
		want.Judged++
	}
	r.Judgements = append(r.Judgements, analysis.Judgement{ChangeID: "p999v1s1", JudgedAt: r.Stages[len(r.Stages)-1].Name, Original: analysis.VerdictAdopted, Verdict: analysis.VerdictAdopted, Who: "reader", At: at})
	want.Gone = 1
	if got := r.Checked(); got != want {
		t.Errorf("checked %+v, want %+v", got, want)
	}
	var buf bytes.Buffer
	if err := analysis.WriteTableCSV(&buf, r, "judgements", analysis.Filter{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n"); n != 1+7 {
		t.Fatalf("judgements table of %d lines, want a header and 7 rows:\n%s", n, buf.String())
	}
	// The row of the gone insertion has no current verdict: evaluate
	// skips it.
	gold, err := analysis.ParseGold("judgements.csv", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	e, err := analysis.Evaluate(r, gold)
	if err != nil {
		t.Fatal(err)
	}
	if e.Rows != want.Judged || e.Agree != want.Agree {
		t.Errorf("evaluated %d/%d, want %d/%d", e.Agree, e.Rows, want.Agree, want.Judged)
	}
	// Bad judgements are refused, saying why.
	u := spans[0]
	id := analysis.ChangeID(u.Paragraph, u.Proposal, u.Span)
	for _, c := range []struct{ id, stage, verdict, who, want string }{
		{"p999v1s1", "", "adopted", "a", "no insertion"},
		{id, "Nowhere", "adopted", "a", "no stage"},
		{id, "", "maybe", "a", "no verdict"},
		{id, "", "adopted", " \t", "Give your name"},
		{id, "", "adopted", strings.Repeat("x", analysis.MaxJudgeName+1), "Give your name"},
	} {
		_, err := r.NewJudgement(c.id, c.stage, c.verdict, c.who, at)
		var fe *analysis.FilterError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewJudgement(%q, %q, %q, %q): %v, want a analysis.FilterError saying %q", c.id, c.stage, c.verdict, c.who, err, c.want)
		}
	}
}
