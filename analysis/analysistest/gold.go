package analysistest

import (
	"os"
	"path/filepath"
	"testing"

	"amendlens/analysis"
	"amendlens/parse"
)

// GoldVersions returns the analysis with dict of the gold pair of versions,
// testdata/analysis/align-base.txt and align-version.txt under root (the
// module's folder, as a relative path from the test's package): the base
// and its later version, named Adopted, as the document "gold". The pair
// has every relation of an alignment; testdata/analysis/alignment-gold.csv
// is its alignment table.
func GoldVersions(tb testing.TB, root string, dict *analysis.Dictionary) *analysis.Result {
	tb.Helper()
	read := func(name string) *analysis.Document {
		file := filepath.Join(root, "testdata", "analysis", name)
		data, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		d, err := parse.Parse(file, data, parse.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		return d
	}
	doc, err := analysis.Versions(read("align-base.txt"), []*analysis.Document{read("align-version.txt")}, []string{"Adopted"})
	if err != nil {
		tb.Fatal(err)
	}
	if err := doc.SetName("gold"); err != nil {
		tb.Fatal(err)
	}
	r, err := analysis.Analyse(doc, dict, analysis.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}
