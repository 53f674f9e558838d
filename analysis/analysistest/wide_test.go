package analysistest

import (
	"context"
	"testing"

	"amendlens/parse"

	"amendlens/analysis"
)

func TestWideTable(t *testing.T) {
	data := WideTable(WideSpec{Paragraphs: 2, BaseWords: 50, Proposals: 3, OutcomeWords: 400})
	doc, err := parse.Parse("wide.txt", data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Paragraphs) != 2 || len(doc.Variants) != 5 {
		t.Fatalf("%d paragraphs, variants %q; want 2 and base, 3 proposals, outcome", len(doc.Paragraphs), doc.Variants)
	}
	r, err := analysis.AnalyseContext(context.Background(), doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= 3; v++ {
		c := r.Comparison(0, v)
		if c.Added != 50 || c.Deleted != 0 {
			t.Errorf("proposal %d: +%d -%d words, want +50 -0", v, c.Added, c.Deleted)
		}
	}
	if c := r.Comparison(0, 4); c.VariantWords != 400 {
		t.Errorf("outcome: %d words, want 400", c.VariantWords)
	}
}
