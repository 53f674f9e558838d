package analysis

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// analyseManifestAt analyses the manifest file of folder dir as ingest
// does.
func analyseManifestAt(t testing.TB, dir, name string) *Result {
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
	rs, err := AnalyseInputs(context.Background(), DefaultDictionary(), in)
	if err != nil {
		t.Fatal(err)
	}
	return rs[0]
}

// evaluateGold holds r against the gold file at path.
func evaluateGold(t *testing.T, r *Result, path string) *Evaluation {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gold, err := ParseGold(path, data)
	if err != nil {
		t.Fatal(err)
	}
	e, err := Evaluate(r, gold)
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
		v                 Verdict
		precision, recall float64
	}{
		{VerdictAdopted, 1.00, 0.93},
		{VerdictReworded, 0.66, 0.40},
		{VerdictPartly, 0.60, 1.00},
		{VerdictNotAdopted, 0.88, 0.93},
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
	gold, err := ParseGold("verdicts.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	e, err := Evaluate(r, gold)
	if err != nil {
		t.Fatal(err)
	}
	if e.Rows != len(r.SpanUptake) || e.Agree != e.Rows {
		t.Errorf("verdicts against themselves: %d/%d, want %d/%d", e.Agree, e.Rows, len(r.SpanUptake), len(r.SpanUptake))
	}
}

// TestParseGoldErrors: a gold file that is not one says where and what
// was expected.
func TestParseGoldErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"empty", "", "empty: expected a header"},
		{"no verdict", "change_id,note\np1v1s1,x\n", `g.csv:1: header "change_id,note": expected a verdict column`},
		{"bad verdict", "change_id,verdict\np1v1s1,adopted\np1v1s2,maybe\n", `g.csv:3: verdict "maybe": expected adopted, partly`},
		{"bad moved", "change_id,verdict,moved\np1v1s1,adopted,often\n", `g.csv:2: moved "often": expected true or false`},
		{"no id", "change_id,actor,paragraph,proposed_text,verdict\n,GC,39,,adopted\n", "g.csv:2: expected a change_id, or an actor"},
		{"no rows", "change_id,verdict\n", "no rows"},
	} {
		_, err := ParseGold("g.csv", []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	r := analyseSource(t)
	gold, err := ParseGold("g.csv", []byte("change_id,verdict\np1v1s3,adopted\np99v1s1,adopted\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Evaluate(r, gold); err == nil || !strings.Contains(err.Error(), `line 3: no insertion "p99v1s1"`) {
		t.Errorf("unknown change: err = %v", err)
	}
	gold[1] = GoldRow{Line: 3, ChangeID: "p1v1s3", JudgedAt: "Rev.9", Verdict: VerdictAdopted}
	if _, err := Evaluate(r, gold); err == nil || !strings.Contains(err.Error(), `line 3: Document`) {
		t.Errorf("unknown stage: err = %v", err)
	}
}
