package align_test

import (
	"fmt"
	"testing"

	"amendlens/align"
	"amendlens/analysis/analysistest"
)

// AlignScript is the edit script of the alignment benchmark: 10% of
// paragraphs edited, 2% moved, 1% merged, 1% split.
var alignScript = analysistest.Script{Edited: 0.10, Moved: 0.02, Merged: 0.01, Split: 0.01, Renumber: true, Offset: 10}

// BenchmarkAlign aligns two versions of 5,000 and 10,000 paragraphs; the
// time should grow about linearly.
func BenchmarkAlign(b *testing.B) {
	for _, n := range []int{5000, 10000} {
		vs := analysistest.Generate(1, n, alignScript)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				align.Paragraphs(vs.Base, vs.Version)
			}
		})
	}
}
