package analysis

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strconv"
	"testing"
)

// TestComparePair: on the sample, a proposal compared with the base reads
// as the analysis compares it; the outcome compared with the proposal is
// the mirror of the proposal compared with the outcome, words added one
// way deleted the other; the compare table carries those figures; a text
// compared with itself or with a text there is none of is refused, and a
// context done stops the work.
func TestComparePair(t *testing.T) {
	r := analyseSource(t)
	d := r.Document
	nv := len(d.Variants) - 1
	gc := pairOf(t, r, 1, 0)
	for p, c := range gc {
		want := r.Comparisons[p*nv]
		if c.Status != want.Status || c.Added != want.Added || c.Deleted != want.Deleted || c.BaseWords != want.BaseWords || len(c.Hits) != len(want.Hits) {
			t.Errorf("paragraph %s: compared with the base %s +%d -%d of %d, %d hits; the analysis %s +%d -%d of %d, %d hits",
				d.Paragraphs[p].ID, c.Status, c.Added, c.Deleted, c.BaseWords, len(c.Hits), want.Status, want.Added, want.Deleted, want.BaseWords, len(want.Hits))
		}
	}
	outVsGC, gcVsOut := pairOf(t, r, 2, 1), pairOf(t, r, 1, 2)
	both := 0
	for p := range outVsGC {
		a, b := outVsGC[p], gcVsOut[p]
		if a.Status == StatusAbsent || b.Status == StatusAbsent {
			continue
		}
		both++
		if a.Added != b.Deleted || a.Deleted != b.Added || a.BaseWords != b.VariantWords {
			t.Errorf("paragraph %s: outcome against the proposal +%d -%d of %d; the proposal against the outcome +%d -%d, %d words",
				d.Paragraphs[p].ID, a.Added, a.Deleted, a.BaseWords, b.Added, b.Deleted, b.VariantWords)
		}
	}
	if both == 0 {
		t.Fatal("no paragraph where the proposal and the outcome both have text")
	}

	var buf bytes.Buffer
	if err := WriteTableCSV(&buf, r, "compare", Filter{Variant: "compromise text", Against: "GC Proposed Text"}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(d.Paragraphs)+1 {
		t.Fatalf("compare table: %d rows, want a header and one per paragraph (%d)", len(rows), len(d.Paragraphs))
	}
	for i, row := range rows[1:] {
		c := outVsGC[i]
		if row[2] != d.Paragraphs[i].ID || row[4] != "Compromise text" || row[5] != "GC Proposed Text" || row[6] != string(c.Status) ||
			row[9] != strconv.Itoa(c.Added) || row[10] != strconv.Itoa(c.Deleted) {
			t.Errorf("compare row %v, want paragraph %s %s +%d -%d", row, d.Paragraphs[i].ID, c.Status, c.Added, c.Deleted)
		}
	}

	var fe *FilterError
	for _, f := range []Filter{{Variant: "GC Proposed Text", Against: "gc proposed text"}, {Variant: "GC Proposed Text", Against: "Nobody"}} {
		if err := CheckFilter(r, f); !errors.As(err, &fe) {
			t.Errorf("filter %+v: %v, want a FilterError", f, err)
		}
	}
	if _, err := r.ComparePair(context.Background(), 1, 1); FailureOf(err) != FailInvalid {
		t.Errorf("a text compared with itself: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.ComparePair(ctx, 1, 2); !errors.Is(err, context.Canceled) {
		t.Errorf("a context done: %v, want it canceled", err)
	}
}

// pairOf is r.ComparePair of v and a, failing the test on an error.
func pairOf(t *testing.T, r *Result, v, a int) []Comparison {
	t.Helper()
	out, err := r.ComparePair(context.Background(), v, a)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// BenchmarkComparePair compares the outcome with the proposal of the
// sample repeated, against the full analysis of the same document: the
// overview's comparison costs one diff per paragraph and variant pair.
func BenchmarkComparePair(b *testing.B) {
	doc, size := repeatedDocument(b, 100)
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("compare", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			if _, err := r.ComparePair(context.Background(), 2, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("analyse", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			if _, err := Analyse(doc, DefaultDictionary(), Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
