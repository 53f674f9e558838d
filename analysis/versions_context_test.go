package analysis

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"amendlens/parse"
)

// TestVersionsStopInAlignment: a context that ends while a version is
// aligned stops the alignment, not only the loop between versions, which
// looks at it once before the only version here.
func TestVersionsStopInAlignment(t *testing.T) {
	var text strings.Builder
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&text, "%d. The conference considered item %d and its report %d.\n\n", i, i, i*7)
	}
	base, err := parse.Parse("base.txt", []byte(text.String()), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	version, err := parse.Parse("version.txt", []byte(text.String()), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := versionsOf(&doneAfter{Context: context.Background(), checks: 1}, base, []*Document{version}, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled from inside the alignment", err)
	}
	if _, err := versionsOf(&doneAfter{Context: context.Background(), checks: 1 << 20}, base, []*Document{version}, nil); err != nil {
		t.Fatalf("live context: %v", err)
	}
}
