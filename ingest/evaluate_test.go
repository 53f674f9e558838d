package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"amendlens/analysis"
)

// analyseManifestAt analyses the manifest file of folder dir as ingest
// does.
func analyseManifestAt(t testing.TB, dir, name string) *analysis.Result {
	t.Helper()
	file := filepath.Join(dir, name)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseManifest(file, data)
	if err != nil {
		t.Fatal(err)
	}
	in, err := m.Input(file, "", func(path string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, path)) })
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Analyse(context.Background(), analysis.DefaultDictionary(), in)
	if err != nil {
		t.Fatal(err)
	}
	return rs[0]
}

// evaluateGold holds r against the gold file at path.
func evaluateGold(t *testing.T, r *analysis.Result, path string) *analysis.Evaluation {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gold, err := analysis.ParseGold(path, data)
	if err != nil {
		t.Fatal(err)
	}
	e, err := analysis.Evaluate(r, gold)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := e.Write(&b); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", path, b.String())
	return e
}

// TestGoldSet holds the verdicts against the gold sets read by hand (see
// testdata/uptake/README.md): the thresholds of the rules were chosen on
// them, and the test fails when the verdicts agree with fewer of them
// than they did then, so that a change of a rule shows its cost.
func TestGoldSet(t *testing.T) {
	r := analyseManifestAt(t, "../testdata/uptake", "negotiation.yaml")
	e := evaluateGold(t, r, "../testdata/uptake/gold.csv")
	if e.Rows != 40 {
		t.Fatalf("%d gold rows held, want 40", e.Rows)
	}
	const wantAgree = 35 // measured when the thresholds were chosen
	if e.Agree < wantAgree {
		t.Errorf("accuracy %d/%d, below the %d/%d measured: a rule changed for the worse", e.Agree, e.Rows, wantAgree, e.Rows)
	}
	// The precision and recall measured, rounded down: the README's table.
	for _, w := range []struct {
		v                 analysis.Verdict
		precision, recall float64
	}{
		{analysis.VerdictAdopted, 1.00, 0.93},
		{analysis.VerdictReworded, 0.66, 0.40},
		{analysis.VerdictPartly, 0.60, 1.00},
		{analysis.VerdictNotAdopted, 0.88, 0.93},
	} {
		p, pok := e.Precision(w.v)
		rc, rok := e.Recall(w.v)
		if !pok || !rok || p < w.precision || rc < w.recall {
			t.Errorf("%s: precision %.2f, recall %.2f, want at least %.2f and %.2f", w.v, p, rc, w.precision, w.recall)
		}
	}
	if e.Moved != 23 || e.MovedAgree < 23 {
		t.Errorf("moved %d/%d, want 23/23", e.MovedAgree, e.Moved)
	}
	if e.Weakened != 2 || e.WeakenedAgree != 2 {
		t.Errorf("weakened %d/%d, want 2/2", e.WeakenedAgree, e.Weakened)
	}

	chain := analyseManifest(t)
	if e := evaluateGold(t, chain, "../testdata/chain/gold.csv"); e.Agree != e.Rows || e.Rows != 10 {
		t.Errorf("chain fixture: accuracy %d/%d, want 10/10", e.Agree, e.Rows)
	}
}

// TestVerdictsTableIsGold: the verdicts table, as exported, is a gold
// file, and holds every verdict against itself.
func TestVerdictsTableIsGold(t *testing.T) {
	r := analyseManifestAt(t, "../testdata/uptake", "negotiation.yaml")
	data := []byte(tableCSV(t, r, "verdicts"))
	gold, err := analysis.ParseGold("verdicts.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	e, err := analysis.Evaluate(r, gold)
	if err != nil {
		t.Fatal(err)
	}
	if e.Rows != len(r.SpanUptake) || e.Agree != e.Rows {
		t.Errorf("verdicts against themselves: %d/%d, want %d/%d", e.Agree, e.Rows, len(r.SpanUptake), len(r.SpanUptake))
	}
}
