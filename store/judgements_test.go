package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/store"
)

// TestJudgements: a judgement is stored and loaded with its document,
// replaced by a later one of the same insertion, kept when the document is
// saved again, carried by a copy, and deleted with the document; judging
// moves the document's revision, so that pages drawn before are drawn
// again.
func TestJudgements(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		ctx := context.Background()
		db := bk.open(t)
		r := testResult(t, "tunis")
		mustSave(t, db, r)
		if len(r.SpanUptake) == 0 {
			t.Fatal("the test document has no insertion to judge")
		}
		u := r.SpanUptake[0]
		id := analysis.ChangeID(u.Paragraph, u.Proposal, u.Span)
		at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
		other := analysis.VerdictNotAdopted
		if u.Verdict == other {
			other = analysis.VerdictAdopted
		}
		j, err := r.NewJudgement(id, "", string(other), " Ana\x1b[2J  Ruiz ", at)
		if err != nil {
			t.Fatal(err)
		}
		if j.Who != "Ana [2J Ruiz" || j.Original != u.Verdict || j.Verdict != other {
			t.Fatalf("judgement %+v", j)
		}
		before, err := db.Document(ctx, "tunis")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Judge(ctx, "tunis", j); err != nil {
			t.Fatal(err)
		}
		after, err := db.Document(ctx, "tunis")
		if err != nil {
			t.Fatal(err)
		}
		if after.Revision == before.Revision {
			t.Error("judging did not move the document's revision")
		}
		got := mustLoad(t, db, "tunis")
		if len(got.Judgements) != 1 || got.Judgements[0] != j {
			t.Fatalf("loaded judgements %+v, want %+v", got.Judgements, j)
		}
		if c := got.Checked(); c != (analysis.Checked{Judged: 1, Agree: 0}) {
			t.Errorf("checked %+v, want 1 judged, none agreeing", c)
		}
		// The same insertion judged again: the later judgement stands.
		j.Verdict, j.At = u.Verdict, at.Add(time.Minute)
		if err := db.Judge(ctx, "tunis", j); err != nil {
			t.Fatal(err)
		}
		// Saved again (the file ingested anew): the judgement stays.
		mustSave(t, db, testResult(t, "tunis"))
		got = mustLoad(t, db, "tunis")
		if len(got.Judgements) != 1 || got.Judgements[0] != j {
			t.Fatalf("after a new judgement and a new save: %+v, want %+v", got.Judgements, j)
		}
		if c := got.Checked(); c != (analysis.Checked{Judged: 1, Agree: 1}) {
			t.Errorf("checked %+v, want 1 judged, agreeing", c)
		}
		// A copy carries it.
		copyDB := bk.open(t)
		mustSave(t, copyDB, got)
		if c := mustLoad(t, copyDB, "tunis"); len(c.Judgements) != 1 || c.Judgements[0] != j {
			t.Errorf("copied judgements %+v", c.Judgements)
		}
		if err := db.Judge(ctx, "nosuch", j); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("judging a document not stored: %v", err)
		}
		if err := db.Delete(ctx, "tunis"); err != nil {
			t.Fatal(err)
		}
		if n := mustCounts(t, db)["judgements"]; n != 0 {
			t.Errorf("%d judgements left after deleting their document", n)
		}
	})
}

// TestReplaceRenames: Replace stores a document analysed again with a new
// title and its variants' names swapped, where SaveAll refuses the new
// title; the judgement checked against the outcome follows the outcome's
// new name; a document deleted meanwhile is not stored again.
func TestReplaceRenames(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		ctx := context.Background()
		db := bk.open(t)
		r := testResult(t, "tunis")
		mustSave(t, db, r)
		u := r.SpanUptake[0]
		j, err := r.NewJudgement(analysis.ChangeID(u.Paragraph, u.Proposal, u.Span), "", string(analysis.VerdictReworded), "Ana", time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Judge(ctx, "tunis", j); err != nil {
			t.Fatal(err)
		}
		loaded := mustLoad(t, db, "tunis")
		swapped := []string{"", "Compromise text", "GC Proposed Text"}
		out, err := analysis.AnalyseAgain(ctx, loaded, analysis.Reanalysis{Title: "Tunis agenda", Names: swapped})
		if err != nil {
			t.Fatal(err)
		}
		var taken *analysis.NameTakenError
		if err := db.SaveAll(ctx, []*analysis.Result{out}); !errors.As(err, &taken) {
			t.Errorf("SaveAll of a new title: %v, want a NameTakenError", err)
		}
		if err := db.Replace(ctx, out); err != nil {
			t.Fatal(err)
		}
		got := mustLoad(t, db, "tunis")
		if got.Document.Title != "Tunis agenda" || got.Document.Variants[1] != "Compromise text" || got.Document.Variants[2] != "GC Proposed Text" {
			t.Errorf("stored %q %q, want the new title and the names swapped", got.Document.Title, got.Document.Variants)
		}
		if len(got.Judgements) != 1 || got.Judgements[0].JudgedAt != "GC Proposed Text" || got.Judgements[0].Verdict != analysis.VerdictReworded {
			t.Errorf("judgements %+v, want the one of the outcome under its new name", got.Judgements)
		}
		if err := db.Delete(ctx, "tunis"); err != nil {
			t.Fatal(err)
		}
		if err := db.Replace(ctx, out); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Replace of a deleted document: %v, want ErrNotFound", err)
		}
		if docs, err := db.Documents(ctx); err != nil || len(docs) != 0 {
			t.Errorf("after a refused Replace: %v, %v; want no document", docs, err)
		}
	})
}
