package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"amendlens/align"
	"amendlens/parse"
)

// Validate reports the first broken invariant of r, the ones every reader of
// a Result relies on: a named document with a base and any number of
// variants (none for a document that has only its base text); every paragraph with one text per variant; one comparison per
// paragraph and variant, in the order Comparison indexes them, with finite
// change ratios; one Totals entry per variant; section metrics, uptake and
// unthemed phrases that name variants, paragraphs and spans the document
// has; a lineage with a row for each paragraph each stage has (see
// validateLineage); and a dictionary whose hash is that of its source. Analyse returns
// Results that pass; the store checks a Result before saving it and the
// dashboard after loading one.
func (r *Result) Validate() error {
	if r == nil {
		return errors.New("nil result")
	}
	if err := r.validate(); err != nil {
		if r.Document != nil && r.Document.Name != "" {
			return fmt.Errorf("%s: %w", r.Document.Name, err)
		}
		return err
	}
	return nil
}

func (r *Result) validate() error {
	d := r.Document
	switch {
	case d == nil:
		return errors.New("result has no document")
	case d.Name == "":
		return errors.New("document has no name")
	case parse.Slug(d.Name) != d.Name:
		return fmt.Errorf("document name %q is not a slug (%q)", d.Name, parse.Slug(d.Name))
	case r.Dictionary == nil:
		return errors.New("result has no dictionary")
	}
	sum := sha256.Sum256(r.Dictionary.Source)
	if h := hex.EncodeToString(sum[:]); h != r.Dictionary.Hash {
		return fmt.Errorf("dictionary hash %q is not the hash of its source (%s)", r.Dictionary.Hash, h)
	}
	np, nv := len(d.Paragraphs), len(d.Variants)
	if nv < 1 {
		return errors.New("no columns, want at least the base text")
	}
	if r.Outcome < 0 || r.Outcome >= nv {
		return fmt.Errorf("outcome %d out of range (%d columns)", r.Outcome, nv)
	}
	for i, p := range d.Paragraphs {
		if len(p.Texts) != nv {
			return fmt.Errorf("paragraph %d (%s): %d texts for %d columns", i, p.ID, len(p.Texts), nv)
		}
	}
	if len(r.Comparisons) != np*(nv-1) {
		return fmt.Errorf("%d comparisons for %d paragraphs and %d variants", len(r.Comparisons), np, nv-1)
	}
	for i := range r.Comparisons {
		c := &r.Comparisons[i]
		if p, v := i/(nv-1), i%(nv-1)+1; c.Paragraph != p || c.Variant != v {
			return fmt.Errorf("comparison %d is of paragraph %d and variant %d, want paragraph %d and variant %d", i, c.Paragraph, c.Variant, p, v)
		}
		if !finite(c.ChangeRatio) {
			return fmt.Errorf("comparison %d: change ratio %v is not a finite number", i, c.ChangeRatio)
		}
	}
	if len(r.Totals) != nv {
		return fmt.Errorf("%d totals for %d columns", len(r.Totals), nv)
	}
	for v := range r.Totals {
		if !finite(r.Totals[v].ChangeRatio) {
			return fmt.Errorf("totals of variant %d: change ratio %v is not a finite number", v, r.Totals[v].ChangeRatio)
		}
	}
	for i, s := range r.Sections {
		switch {
		case s.Variant < 1 || s.Variant >= nv:
			return fmt.Errorf("section metrics %d: variant %d out of range (%d columns)", i, s.Variant, nv)
		case !finite(s.ChangeRatio):
			return fmt.Errorf("section metrics %d: change ratio %v is not a finite number", i, s.ChangeRatio)
		}
	}
	for i, u := range r.SpanUptake {
		switch {
		case u.Paragraph < 0 || u.Paragraph >= np:
			return fmt.Errorf("span uptake %d: paragraph %d out of range (%d paragraphs)", i, u.Paragraph, np)
		case u.Proposal < 1 || u.Proposal >= nv:
			return fmt.Errorf("span uptake %d: proposal %d out of range (%d columns)", i, u.Proposal, nv)
		}
		if spans := len(r.Comparison(u.Paragraph, u.Proposal).Spans); u.Span < 0 || u.Span >= spans {
			return fmt.Errorf("span uptake %d: span %d out of range (%d spans in paragraph %d, variant %d)",
				i, u.Span, spans, u.Paragraph, u.Proposal)
		}
	}
	for i, u := range r.ThemeUptake {
		if u.Proposal < 1 || u.Proposal >= nv {
			return fmt.Errorf("theme uptake %d: proposal %d out of range (%d columns)", i, u.Proposal, nv)
		}
	}
	for i, u := range r.Unthemed {
		if u.Variant < 1 || u.Variant >= nv {
			return fmt.Errorf("unthemed phrase %d: variant %d out of range (%d columns)", i, u.Variant, nv)
		}
	}
	if err := validateJoins(d); err != nil {
		return err
	}
	if err := r.validateLineage(); err != nil {
		return err
	}
	return validateAlignments(d)
}

// validateLineage checks r's lineage: every row names a stage and a
// paragraph; every paragraph a stage has text for has a row in that stage,
// and only one unless the stage split it; and a row names a stage's
// paragraph unless the paragraph is deleted or out of scope.
func (r *Result) validateLineage() error {
	d := r.Document
	rows := make([][]int, len(r.Stages))
	for i := range rows {
		rows[i] = make([]int, len(d.Paragraphs))
	}
	for _, l := range r.Lineage {
		if l.Stage < 0 || l.Stage >= len(r.Stages) || l.Paragraph < 0 || l.Paragraph >= len(d.Paragraphs) {
			return fmt.Errorf("lineage row %+v out of range", l)
		}
		name, id := r.Stages[l.Stage].Name, d.Paragraphs[l.Paragraph].ID
		if rows[l.Stage][l.Paragraph]++; rows[l.Stage][l.Paragraph] > 1 && l.Relation != string(align.RelationSplit) {
			return fmt.Errorf("stage %s: paragraph %s has two lineage rows (%s)", name, id, l.Relation)
		}
		if gone := l.Relation == string(align.RelationDeleted) || l.Relation == RelationOutOfScope; gone != (l.StageParagraph == "") {
			return fmt.Errorf("stage %s: paragraph %s is %s with stage paragraph %q", name, id, l.Relation, l.StageParagraph)
		}
	}
	for si, st := range r.Stages {
		if st.Variant < 0 || st.Variant >= len(d.Variants) {
			return fmt.Errorf("stage %s: variant %d out of range (%d columns)", st.Name, st.Variant, len(d.Variants))
		}
		for p, para := range d.Paragraphs {
			if strings.TrimSpace(para.Texts[st.Variant]) != "" && rows[si][p] == 0 {
				return fmt.Errorf("stage %s: paragraph %s has text and no lineage row", st.Name, para.ID)
			}
		}
	}
	return nil
}

// validateJoins checks that the joins of d name variants and paragraphs d
// has, 2 or more each.
func validateJoins(d *Document) error {
	rows := make(map[string]bool, len(d.Paragraphs))
	for _, p := range d.Paragraphs {
		rows[p.ID] = true
	}
	for i, j := range d.Joins {
		if j.Variant < 1 || j.Variant >= len(d.Variants) {
			return fmt.Errorf("join %d: variant %d out of range (%d columns)", i, j.Variant, len(d.Variants))
		}
		if len(j.Paragraphs) < 2 {
			return fmt.Errorf("join %d: %d paragraphs, want 2 or more", i, len(j.Paragraphs))
		}
		for _, id := range j.Paragraphs {
			if !rows[id] {
				return fmt.Errorf("join %d: no paragraph %q", i, id)
			}
		}
	}
	return nil
}

// validateAlignments checks that the alignments of d name variants and
// paragraphs d has, once each variant, with known relations and
// similarities within 0-1.
func validateAlignments(d *Document) error {
	if len(d.Alignments) == 0 {
		return nil
	}
	rows := make(map[string]bool, len(d.Paragraphs))
	for _, p := range d.Paragraphs {
		rows[p.ID] = true
	}
	seen := map[int]bool{}
	for _, al := range d.Alignments {
		switch {
		case al.Variant < 1 || al.Variant >= len(d.Variants):
			return fmt.Errorf("alignment of variant %d out of range (%d columns)", al.Variant, len(d.Variants))
		case seen[al.Variant]:
			return fmt.Errorf("variant %d aligned twice", al.Variant)
		}
		seen[al.Variant] = true
		for i, l := range al.Links {
			switch {
			case !rows[l.Paragraph]:
				return fmt.Errorf("alignment of variant %d, row %d: no paragraph %q", al.Variant, i, l.Paragraph)
			case !slices.Contains(align.Relations, l.Relation):
				return fmt.Errorf("alignment of variant %d, row %d: unknown relation %q", al.Variant, i, l.Relation)
			case !(l.Similarity >= 0 && l.Similarity <= 1):
				return fmt.Errorf("alignment of variant %d, row %d: similarity %v not within 0-1", al.Variant, i, l.Similarity)
			case (l.Relation == align.RelationDeleted) != (l.VariantParagraph == "" && l.Position < 0):
				return fmt.Errorf("alignment of variant %d, row %d: relation %s with version paragraph %q at %d", al.Variant, i, l.Relation, l.VariantParagraph, l.Position)
			}
		}
	}
	return nil
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
