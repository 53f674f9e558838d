package ingest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"amendlens/analysis"

	"amendlens/parse"
)

// TestChainBounds: a negotiation is bounded like versions: at most
// analysis.MaxVersions+1 stages and proposals given as files, and at most
// MaxVariants texts in all, the columns of tables given as stages
// included; past either, the error names the file and the limit.
func TestChainBounds(t *testing.T) {
	ctx := context.Background()
	text := func(i int) File {
		return File{Name: fmt.Sprintf("stage%02d.txt", i), Data: []byte(fmt.Sprintf("1. We agree on access for all, round %d.\n", i))}
	}
	var stages []StageFile
	for i := range analysis.MaxVersions + 2 {
		stages = append(stages, StageFile{File: text(i)})
	}
	_, err := Analyse(ctx, analysis.DefaultDictionary(), Input{Name: "many", Stages: stages})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%d stages and proposals, the limit is %d", analysis.MaxVersions+2, analysis.MaxVersions+1)) {
		t.Errorf("%d stages: %v", analysis.MaxVersions+2, err)
	}
	// Three tables of 30 proposals and an outcome each: 32 texts a table,
	// the third passes the bound.
	table := func(i int) File {
		var b bytes.Buffer
		b.WriteString("\t1.\nIntroduction\n")
		for c := range 30 {
			fmt.Fprintf(&b, "\tDelegation %d-%d\n", i, c+1)
		}
		fmt.Fprintf(&b, "\tOutcome %d\n", i)
		b.WriteString("\t1.\nWe agree on access for all.\n")
		for c := range 30 {
			fmt.Fprintf(&b, "\tWe agree on affordable access for all, proposal %d.\n", c+1)
		}
		b.WriteString("\tWe agree on affordable access for all.\n")
		return File{Name: fmt.Sprintf("table%d.txt", i), Data: b.Bytes()}
	}
	stages = []StageFile{{File: table(1)}, {Name: "Rev.1", File: table(2)}, {Name: "Rev.2", File: table(3)}}
	_, err = Analyse(ctx, analysis.DefaultDictionary(), Input{Name: "wide", Stages: stages})
	if err == nil || !strings.Contains(err.Error(), "table3.txt: the negotiation reaches 96 texts") || !strings.Contains(err.Error(), fmt.Sprintf("the limit is %d", parse.DefaultLimits().MaxVariants)) {
		t.Errorf("three tables of 30 proposals: %v", err)
	}
	// Within the bounds, it analyses: a table of 30 proposals, then two
	// texts.
	within := []StageFile{{File: table(1)}, {Name: "Rev.1", File: text(1)}, {Name: "Rev.2", File: text(2)}}
	if _, err := Analyse(ctx, analysis.DefaultDictionary(), Input{Name: "within", Stages: within}); err != nil {
		t.Errorf("a table of 30 proposals and two texts: %v", err)
	}
}
