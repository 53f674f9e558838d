package store

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"amendlens/analysis"
)

// itemsComparison is a comparison whose items exercise the form: figures,
// strings
// shared between spans and hits, more strings than the encoder keeps in a
// list, negative and large numbers, text with NUL and multibyte letters.
func itemsComparison() analysis.Comparison {
	c := analysis.Comparison{Paragraph: 3, Variant: 2, Status: analysis.StatusAmended, BaseWords: 40, VariantWords: 1 << 33,
		Added: 6, Deleted: -2, ChangeRatio: 0.2 + 1e-17, Bracketed: 3}
	c.Spans = []analysis.Span{
		{Op: analysis.OpReplace, Kind: analysis.KindSubstitution, BaseTok: analysis.Range{Start: 0, End: 1},
			VarTok: analysis.Range{Start: 0, End: 3}, BaseBytes: analysis.Range{Start: -1, End: math.MaxInt},
			VarBytes: analysis.Range{Start: math.MinInt, End: 15}, Added: 3, Deleted: 1},
		{Op: analysis.OpInsert, Kind: analysis.Kind("added"), Added: 1 << 40},
	}
	for i := range 40 {
		c.Hits = append(c.Hits, analysis.Hit{Match: analysis.Match{Theme: []string{"gender", "access"}[i%2],
			Term: "gender equality", Matched: strings.Repeat("é\x00", i%25), Tokens: analysis.Range{Start: i, End: i + 2},
			Bytes: analysis.Range{Start: i * 300, End: i*300 + 15}}, Change: analysis.ChangeAdded})
	}
	return c
}

func TestItemsRoundTrip(t *testing.T) {
	var (
		enc itemsEncoder
		dec itemsDecoder // one for all, as Load uses it
	)
	for _, c := range []analysis.Comparison{itemsComparison(), {Paragraph: 1}, itemsComparison()} {
		b := enc.encode(&c)
		var got analysis.Comparison
		if err := dec.decode(b, &got); err != nil {
			t.Fatal(err)
		}
		got.Paragraph, got.Variant = c.Paragraph, c.Variant // not in items
		if !reflect.DeepEqual(normalizeItems(got), normalizeItems(c)) {
			t.Fatalf("decoded\n %+v\nwant\n %+v", got, c)
		}
	}
}

// TestItemsSlicesStay checks that the items of one comparison stay as they
// were encoded while the encoder writes the next ones: a save holds a batch
// of them before it sends it.
func TestItemsSlicesStay(t *testing.T) {
	var enc itemsEncoder
	c := itemsComparison()
	first := enc.encode(&c)
	want := string(first)
	for range 5000 {
		enc.encode(&c)
	}
	if string(first) != want {
		t.Fatal("the items of the first comparison changed as others were encoded")
	}
	if cap(first) != len(first) {
		t.Fatalf("items have room to grow (%d of %d), which an append would write into", len(first), cap(first))
	}
}

func TestItemsMalformed(t *testing.T) {
	var enc itemsEncoder
	c := itemsComparison()
	good := enc.encode(&c)
	tests := map[string][]byte{
		"empty":           {},
		"another version": append([]byte{2}, good[1:]...),
		"truncated":       good[:len(good)-1],
		"trailing bytes":  append(append([]byte(nil), good...), 0),
		"status of none":  {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, // the status is string 0 of none
		"huge count":      {1, 0xff, 0xff, 0xff, 0x0f},                         // 4 billion strings in 4 bytes
		"overlong varint": {1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01},
		"string past end": {1, 1, 5, 'a'},
		"no hit count":    {1, 0, 0},
		// A hit whose change is string 5 of one.
		"hit string index": {1, 1, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 0},
		"no change ratio":  {1, 1, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0, 0},
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			got := analysis.Comparison{Spans: c.Spans}
			var dec itemsDecoder
			err := dec.decode(b, &got)
			if !errors.Is(err, errItems) {
				t.Fatalf("error %v, want %v", err, errItems)
			}
			if !reflect.DeepEqual(got, analysis.Comparison{}) {
				t.Errorf("a failed decode left %+v", got)
			}
		})
	}
}

func FuzzDecodeItems(f *testing.F) {
	var enc itemsEncoder
	c := itemsComparison()
	f.Add(enc.encode(&c))
	f.Add([]byte{1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var (
			got analysis.Comparison
			dec itemsDecoder
		)
		if err := dec.decode(b, &got); err != nil {
			return
		}
		// What decodes encodes back to items that decode the same.
		var again analysis.Comparison
		if err := dec.decode(enc.encode(&got), &again); err != nil {
			t.Fatalf("re-encoded items do not decode: %v", err)
		}
		if !reflect.DeepEqual(normalizeItems(again), normalizeItems(got)) {
			t.Fatal("re-encoded items decode differently")
		}
	})
}

// normalizeItems returns c with empty spans and hits nil.
func normalizeItems(c analysis.Comparison) analysis.Comparison {
	if len(c.Spans) == 0 {
		c.Spans = nil
	}
	if len(c.Hits) == 0 {
		c.Hits = nil
	}
	return c
}

func TestItemsMalformedWhy(t *testing.T) {
	for b, want := range map[string]string{
		string([]byte{1, 1, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 0}): "number out of range",
		string([]byte{1, 1, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0, 0}):                                              "truncated change ratio",
	} {
		var dec itemsDecoder
		var c analysis.Comparison
		if err := dec.decode([]byte(b), &c); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("% x: error %v, want %q", b, err, want)
		}
	}
}
