package align_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"amendlens/align"
	"amendlens/analysis/analysistest"
)

// endsAfter is a context that ends at its n-th look at Err, counting the
// looks.
type endsAfter struct {
	context.Context
	n, looks int
}

func (c *endsAfter) Err() error {
	if c.looks++; c.looks >= c.n {
		return context.Canceled
	}
	return nil
}

func TestParagraphsContext(t *testing.T) {
	vs := analysistest.Generate(1, 5000, alignScript)
	want := align.Paragraphs(vs.Base, vs.Version)

	got, err := align.ParagraphsContext(context.Background(), vs.Base, vs.Version)
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("live context: %d links, err %v; want the %d links of Paragraphs", len(got), err, len(want))
	}

	ended, cancel := context.WithCancel(context.Background())
	cancel()
	if got, err := align.ParagraphsContext(ended, vs.Base, vs.Version); !errors.Is(err, context.Canceled) || got != nil {
		t.Errorf("ended context: %d links, err %v; want none and context.Canceled", len(got), err)
	}

	// Ending at each of the first looks stops the work there: no look
	// after the one that saw the end.
	for _, n := range []int{1, 2, 5, 9} {
		ctx := &endsAfter{Context: context.Background(), n: n}
		got, err := align.ParagraphsContext(ctx, vs.Base, vs.Version)
		if !errors.Is(err, context.Canceled) || got != nil {
			t.Errorf("ending at look %d: %d links, err %v; want none and context.Canceled", n, len(got), err)
		}
		if ctx.looks != n {
			t.Errorf("ending at look %d: Err looked at %d times, want %d", n, ctx.looks, n)
		}
	}
}
