package analysis

import (
	"math"
	"slices"
	"strings"
	"testing"

	"amendlens/align"
	"amendlens/parse"
)

func TestValidate(t *testing.T) {
	if err := analyseSource(t).Validate(); err != nil {
		t.Fatalf("the analysis of the source: %v", err)
	}
	tests := []struct {
		name    string
		corrupt func(r *Result)
		want    string
	}{
		{"no document", func(r *Result) { r.Document = nil }, "no document"},
		{"no name", func(r *Result) { r.Document.Name = "" }, "no name"},
		{"a name that is not a slug", func(r *Result) { r.Document.Name = "Tunis Agenda" }, "not a slug"},
		{"no dictionary", func(r *Result) { r.Dictionary = nil }, "no dictionary"},
		{"a dictionary hash not of its source", func(r *Result) {
			d := *r.Dictionary
			d.Hash = "0123"
			r.Dictionary = &d
		}, "not the hash of its source"},
		{"only the base", func(r *Result) { r.Document.Variants = r.Document.Variants[:1] }, "1 columns"},
		{"an outcome out of range", func(r *Result) { r.Outcome = 7 }, "outcome 7"},
		{"a paragraph with a text too many", func(r *Result) {
			r.Document.Paragraphs[3].Texts = append(r.Document.Paragraphs[3].Texts, "extra")
		}, "texts for"},
		{"a comparison missing", func(r *Result) { r.Comparisons = r.Comparisons[1:] }, "comparisons for"},
		{"comparisons out of order", func(r *Result) { r.Comparisons[0], r.Comparisons[1] = r.Comparisons[1], r.Comparisons[0] }, "comparison 0 is of"},
		{"a NaN change ratio", func(r *Result) { r.Comparisons[2].ChangeRatio = math.NaN() }, "not a finite number"},
		{"an infinite total", func(r *Result) { r.Totals[1].ChangeRatio = math.Inf(1) }, "not a finite number"},
		{"totals longer than the variants", func(r *Result) { r.Totals = append(r.Totals, Metrics{}) }, "totals for"},
		{"section metrics of no variant", func(r *Result) { r.Sections[0].Variant = 9 }, "variant 9"},
		{"span uptake of no span", func(r *Result) { r.SpanUptake[0].Span = 999 }, "span 999"},
		{"span uptake of no paragraph", func(r *Result) { r.SpanUptake[0].Paragraph = -1 }, "paragraph -1"},
		{"span uptake of the base", func(r *Result) { r.SpanUptake[0].Proposal = 0 }, "proposal 0"},
		{"theme uptake of no proposal", func(r *Result) { r.ThemeUptake[0].Proposal = 9 }, "proposal 9"},
		{"unthemed phrase of no variant", func(r *Result) { r.Unthemed[0].Variant = 9 }, "variant 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analyseSource(t)
			if len(r.SpanUptake) == 0 || len(r.ThemeUptake) == 0 || len(r.Unthemed) == 0 || len(r.Sections) == 0 {
				t.Fatal("the source has no uptake, unthemed phrases or sections to corrupt")
			}
			tt.corrupt(r)
			err := r.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want an error saying %q", err, tt.want)
			}
		})
	}
	var nilResult *Result
	if err := nilResult.Validate(); err == nil {
		t.Error("a nil Result is valid")
	}
}

func TestValidateAlignments(t *testing.T) {
	aligned := func(t *testing.T) *Result {
		base, err := parse.Parse("base.txt", []byte("1. Intro\n\n29. We reaffirm the principles.\n\n30. We thank the Secretary-General.\n"), parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		later, err := parse.Parse("later.txt", []byte("1. We thank the Secretary-General.\n\n2. A new paragraph of its own.\n"), parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Versions(base, []*Document{later}, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Analyse(doc, DefaultDictionary(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if err := aligned(t).Validate(); err != nil {
		t.Fatalf("an aligned document: %v", err)
	}
	tests := []struct {
		name    string
		corrupt func(d *Document)
		want    string
	}{
		{"the base aligned", func(d *Document) { d.Alignments[0].Variant = 0 }, "variant 0 out of range"},
		{"a variant aligned twice", func(d *Document) { d.Alignments = append(d.Alignments, d.Alignments[0]) }, "aligned twice"},
		{"a row the document lacks", func(d *Document) { d.Alignments[0].Links[0].Paragraph = "99" }, `no paragraph "99"`},
		{"an unknown relation", func(d *Document) { d.Alignments[0].Links[0].Relation = "copied" }, `unknown relation "copied"`},
		{"a similarity over 1", func(d *Document) { d.Alignments[0].Links[0].Similarity = 1.5 }, "not within 0-1"},
		{"a NaN similarity", func(d *Document) { d.Alignments[0].Links[0].Similarity = math.NaN() }, "not within 0-1"},
		{"a deleted row with a counterpart", func(d *Document) {
			for i, l := range d.Alignments[0].Links {
				if l.Relation == align.RelationSame {
					d.Alignments[0].Links[i].Relation = align.RelationDeleted
				}
			}
		}, "relation deleted with version paragraph"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := aligned(t)
			tt.corrupt(r.Document)
			if err := r.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

// TestValidateLineage: a lineage that misses a paragraph a stage has, holds
// one twice without a split, names a stage or paragraph that does not
// exist, or gives a deleted paragraph a stage paragraph, fails Validate
// with what is wrong; the sample's own lineage passes.
func TestValidateLineage(t *testing.T) {
	r := analyseSource(t)
	if err := r.Validate(); err != nil || len(r.Lineage) == 0 {
		t.Fatalf("the sample: %v, %d lineage rows", err, len(r.Lineage))
	}
	for _, tc := range []struct {
		name   string
		change func([]LineageRow) []LineageRow
		want   string
	}{
		{"a row missing", func(l []LineageRow) []LineageRow { return l[1:] }, "has text and no lineage row"},
		{"a row twice", func(l []LineageRow) []LineageRow { return append(l, l[0]) }, "has two lineage rows (same)"},
		{"no such stage", func(l []LineageRow) []LineageRow { l[0].Stage = 9; return l }, "out of range"},
		{"no such paragraph", func(l []LineageRow) []LineageRow { l[0].Paragraph = -1; return l }, "out of range"},
		{"deleted with a paragraph", func(l []LineageRow) []LineageRow { l[0].Relation = "deleted"; return l }, "is deleted with stage paragraph"},
	} {
		broken := *r
		broken.Lineage = tc.change(slices.Clone(r.Lineage))
		if err := broken.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
