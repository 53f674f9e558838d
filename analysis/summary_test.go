package analysis

import (
	"strings"
	"testing"
)

func TestSummary(t *testing.T) {
	r := analyseSource(t)
	got := r.Summary()
	for _, want := range []string{
		"wsis-tunis-internet-governance-gc (" + r.Document.Source + "): 26 paragraphs, 7 sections, base and 2 variants\n",
		"  GC Proposed Text (proposal): 16 amended, 2 new, 2 unchanged, 6 absent;",
		"  Compromise text (outcome): 1 amended, 0 new, 0 unchanged, 25 absent; +5 -0 words",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if lines := strings.Count(got, "\n"); lines != 3 {
		t.Errorf("%d lines, want 3 (no hidden characters in the source):\n%s", lines, got)
	}
	r.Document.Paragraphs[0].Hidden = []int{0, 2, 1}
	if got := r.Summary(); !strings.Contains(got, "3 hidden characters (zero-width spaces, joiners, direction marks, control characters) removed from 1 paragraph: GC Proposed Text 2, Compromise text 1\n") {
		t.Errorf("summary with hidden characters:\n%s", got)
	}
}
