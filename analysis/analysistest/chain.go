package analysistest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"amendlens/analysis"
	"amendlens/ingest"
)

// ChainFixture returns the analysis with dict of the chain fixture,
// testdata/chain/negotiation.yaml under root (the module's folder, as a
// relative path from the test's package): four stages of a negotiation
// and two actors' proposals, as the document "internet-governance-chapter"
// (see testdata/chain/README.md). testdata/chain/golden holds its chain's
// tables.
func ChainFixture(tb testing.TB, root string, dict *analysis.Dictionary) *analysis.Result {
	tb.Helper()
	return Manifest(tb, filepath.Join(root, "testdata", "chain", "negotiation.yaml"), dict)
}

// UptakeFixture returns the analysis with dict of the uptake gold set's
// negotiation, testdata/uptake/negotiation.yaml under root: the sample
// followed by a later text, as the document "uptake-gold" (see
// testdata/uptake/README.md).
func UptakeFixture(tb testing.TB, root string, dict *analysis.Dictionary) *analysis.Result {
	tb.Helper()
	return Manifest(tb, filepath.Join(root, "testdata", "uptake", "negotiation.yaml"), dict)
}

// Manifest returns the analysis with dict of the negotiation manifest at
// file, its stages' files read from the manifest's folder.
func Manifest(tb testing.TB, file string, dict *analysis.Dictionary) *analysis.Result {
	tb.Helper()
	dir := filepath.Dir(file)
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := ingest.ParseManifest(file, data)
	if err != nil {
		tb.Fatal(err)
	}
	in, err := m.Input(file, "", func(path string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, path)) })
	if err != nil {
		tb.Fatal(err)
	}
	rs, err := ingest.Analyse(context.Background(), dict, in)
	if err != nil {
		tb.Fatal(err)
	}
	return rs[0]
}
