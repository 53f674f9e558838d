package analysistest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"amendlens/analysis"
)

// ChainFixture returns the analysis with dict of the chain fixture,
// testdata/chain/negotiation.yaml under root (the module's folder, as a
// relative path from the test's package): four stages of a negotiation
// and two actors' proposals, as the document "internet-governance-chapter"
// (see testdata/chain/README.md). testdata/chain/golden holds its chain's
// tables.
func ChainFixture(tb testing.TB, root string, dict *analysis.Dictionary) *analysis.Result {
	tb.Helper()
	dir := filepath.Join(root, "testdata", "chain")
	file := filepath.Join(dir, "negotiation.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := analysis.ParseManifest(file, data)
	if err != nil {
		tb.Fatal(err)
	}
	in, err := m.Input(file, "", func(path string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, path)) })
	if err != nil {
		tb.Fatal(err)
	}
	rs, err := analysis.AnalyseInputs(context.Background(), dict, in)
	if err != nil {
		tb.Fatal(err)
	}
	return rs[0]
}
