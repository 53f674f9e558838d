package analysis_test

import (
	"context"
	"fmt"
	"testing"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
	"amendlens/ingest"
)

// BenchmarkChain parses, aligns and judges a generated negotiation (see
// analysistest.GenerateChain) on one core: 5 and 10 stages of 2,500 and
// 5,000 paragraphs, a tenth edited per stage and a proposal against every
// stage but the last. ns/op grows about linearly with stages and with
// paragraphs.
func BenchmarkChain(b *testing.B) {
	dict := analysis.DefaultDictionary()
	for _, size := range []struct{ stages, paragraphs int }{{5, 2500}, {10, 2500}, {5, 5000}, {10, 5000}} {
		b.Run(fmt.Sprintf("stages=%d/paragraphs=%d", size.stages, size.paragraphs), func(b *testing.B) {
			stages := analysistest.GenerateChain(size.stages, size.paragraphs, 1)
			in := ingest.Input{Name: "chain", Stages: stages, Options: analysis.Options{Workers: 1}}
			b.ReportAllocs()
			for b.Loop() {
				rs, err := ingest.Analyse(context.Background(), dict, in)
				if err != nil {
					b.Fatal(err)
				}
				if len(rs[0].Stages) != size.stages {
					b.Fatalf("%d stages, want %d", len(rs[0].Stages), size.stages)
				}
			}
		})
	}
}
