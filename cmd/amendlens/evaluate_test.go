package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/store"
)

// TestEvaluate: amendlens evaluate holds the stored gold set's verdicts
// against its gold file and ends with the accuracy; the judgements a
// person gave, exported, are a gold file too; a file that is no gold file
// is refused, naming it and its line.
func TestEvaluate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "gold.db")
	if _, stderr, err := runCmd(t, "ingest", "-q", "-db", db, filepath.Join("..", "..", "testdata", "uptake", "negotiation.yaml")); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	out, stderr, err := runCmd(t, "evaluate", "-db", db, filepath.Join("..", "..", "testdata", "uptake", "gold.csv"))
	if err != nil {
		t.Fatalf("evaluate: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; last != "accuracy 35/40" || !strings.HasPrefix(out, "verdict ") || !strings.Contains(out, "moved 23/23") {
		t.Errorf("evaluate printed:\n%s", out)
	}

	// Two judgements, one agreeing with amendlens, one not.
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Load(ctx, "uptake-gold")
	if err != nil {
		t.Fatal(err)
	}
	u, w := r.SpanUptake[0], r.SpanUptake[1]
	for i, c := range []struct{ id, verdict string }{
		{analysis.ChangeID(u.Paragraph, u.Proposal, u.Span), string(u.Verdict)},
		{analysis.ChangeID(w.Paragraph, w.Proposal, w.Span), "out_of_scope"},
	} {
		if string(w.Verdict) == "out_of_scope" {
			t.Fatal("the second insertion is already out of scope")
		}
		j, err := r.NewJudgement(c.id, "", c.verdict, "reader", time.Date(2026, 12, 7, 9, i, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Judge(ctx, "uptake-gold", j); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	judged := filepath.Join(t.TempDir(), "judgements.csv")
	if _, stderr, err := runCmd(t, "export", "-db", db, "-table", "judgements", "-o", judged); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	out, stderr, err = runCmd(t, "evaluate", "-db", db, judged)
	if err != nil {
		t.Fatalf("evaluate the judgements: %v\n%s", err, stderr)
	}
	if !strings.HasSuffix(strings.TrimSpace(out), "accuracy 1/2") {
		t.Errorf("evaluate of the judgements printed:\n%s", out)
	}

	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("paragraph,text\n39,x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "evaluate", "-db", db, bad); err == nil || !strings.Contains(err.Error(), "bad.csv:1:") {
		t.Errorf("evaluate of a file without verdicts: %v", err)
	}
}
