package analysis

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"amendlens/align"
)

// columnOf returns column v of table as a document of its own: the rows
// that have a text in v, in order, with their IDs, sections, lines, hidden
// characters and agreed marks.
func columnOf(table *Document, v int, name string) *Document {
	col := &Document{Source: table.Source, Variants: []string{name}, Sections: table.Sections}
	for _, p := range table.Paragraphs {
		if strings.TrimSpace(p.Texts[v]) == "" {
			continue
		}
		q := Paragraph{ID: p.ID, Section: p.Section, Line: p.Line, Texts: []string{p.Texts[v]}}
		if h := p.HiddenChars(v); h > 0 {
			q.Hidden = []int{h}
		}
		if p.IsAgreed(v) {
			q.Agreed = []bool{true}
		}
		col.Paragraphs = append(col.Paragraphs, q)
	}
	return col
}

// rowLink is one row of doc that a paragraph of a table's first column
// went to, and how (merged, split, or the one row).
type rowLink struct {
	row      string // the row's paragraph ID
	relation align.Relation
}

// columnRows returns, per paragraph ID of the version that became variant
// v (a stage aligned by content), the rows it went to.
func columnRows(doc *Document, v int) map[string][]rowLink {
	out := map[string][]rowLink{}
	al := doc.Alignment(v)
	if al == nil {
		return out
	}
	for _, l := range al.Links {
		if l.Position < 0 || l.Paragraph == "" {
			continue
		}
		rel := align.RelationSame
		if l.Relation == align.RelationMerged || l.Relation == align.RelationSplit {
			rel = l.Relation
		}
		out[l.VariantParagraph] = append(out[l.VariantParagraph], rowLink{row: l.Paragraph, relation: rel})
	}
	return out
}

// followRows returns the links of a column of a table to doc's rows: each
// of its paragraphs goes where the paragraph of the same ID of the table's
// first column went (by), as a table's columns share its rows; a
// paragraph the first column does not have is new. The links come as
// align.Paragraphs gives them: per row in order (deleted where the column
// has nothing for a row that has a text), then the new paragraphs. Each
// of joins (the table's paragraph IDs that tracked changes joined in the
// column, first first) merges the rows its paragraphs went to into the
// column's paragraph of the first.
func followRows(doc *Document, col *Document, by map[string][]rowLink, joins [][]string) func(rows, texts []string) ([]align.Link, error) {
	return func(rows, _ []string) ([]align.Link, error) {
		at := make(map[string]int, len(doc.Paragraphs))
		for i, p := range doc.Paragraphs {
			at[p.ID] = i
		}
		byRow := map[int][]align.Link{}
		var fresh []align.Link
		for j, p := range col.Paragraphs {
			targets := by[p.ID]
			if len(targets) == 0 {
				fresh = append(fresh, align.Link{Base: -1, Version: j, Relation: align.RelationNew})
				continue
			}
			for _, t := range targets {
				if i, ok := at[t.row]; ok {
					byRow[i] = append(byRow[i], align.Link{Base: i, Version: j, Relation: t.relation, Similarity: 1})
				}
			}
		}
		colAt := make(map[string]int, len(col.Paragraphs))
		for j, p := range col.Paragraphs {
			colAt[p.ID] = j
		}
		for _, join := range joins {
			j, ok := colAt[join[0]]
			if !ok {
				continue
			}
			for _, id := range join {
				for _, t := range by[id] {
					if i, ok := at[t.row]; ok {
						byRow[i] = []align.Link{{Base: i, Version: j, Relation: align.RelationMerged, Similarity: 1}}
					}
				}
			}
		}
		var links []align.Link
		for i := range rows {
			switch ls := byRow[i]; {
			case len(ls) > 0:
				slices.SortStableFunc(ls, func(a, b align.Link) int { return cmp.Compare(a.Version, b.Version) })
				links = append(links, ls...)
			case rows[i] != "":
				links = append(links, align.Link{Base: i, Version: -1, Relation: align.RelationDeleted})
			}
		}
		return append(links, fresh...), nil
	}
}

// addTableStage adds a later stage given as a table (a table dump, CSV, a
// Word table or tracked changes: several columns) to doc, whose chain so
// far is chain, actors its variants' actors and refs the stages to align
// with: the table's first column becomes the stage sf, named name, aligned
// by content; its proposal columns become proposals against it by the
// actors their headers name; its outcome column, if any, the next stage,
// named by its header, partial where its cells are empty unless complete.
// Each column other than the first follows the first column's rows.
func addTableStage(ctx context.Context, doc *Document, sf ChainStage, name string, chain []Stage, actors []string, refs []int, complete bool) ([]Stage, []string, error) {
	table := sf.Doc
	outcome, err := outcomeIndex(table.Variants, table.Outcome)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", sf.Source, err)
	}
	if err := addAligned(ctx, doc, columnOf(table, 0, name), name, refs); err != nil {
		return nil, nil, err
	}
	sv := len(doc.Variants) - 1
	at := len(chain)
	chain = append(chain, Stage{Name: name, Variant: sv, Date: sf.Date, Partial: sf.Partial})
	actors = append(actors, "")
	by := columnRows(doc, sv)
	// A paragraph the first column lacks is a new row, the first time a
	// column has it; the columns after it follow that row.
	add := func(c int, vname string) error {
		col := columnOf(table, c, vname)
		var joins [][]string
		for _, j := range table.Joins {
			if j.Variant == c {
				joins = append(joins, j.Paragraphs)
			}
		}
		if err := addLinked(doc, col, vname, []int{sv}, followRows(doc, col, by, joins)); err != nil {
			return err
		}
		for _, l := range doc.Alignment(len(doc.Variants) - 1).Links {
			if l.Relation == align.RelationNew && len(by[l.VariantParagraph]) == 0 {
				by[l.VariantParagraph] = []rowLink{{row: l.Paragraph, relation: align.RelationSame}}
			}
		}
		return nil
	}
	for c := 1; c < len(table.Variants); c++ {
		if c == outcome {
			continue
		}
		actor := table.Variants[c]
		vname := actor
		if nameTaken(doc, vname) {
			vname = actor + " on " + name
		}
		if nameTaken(doc, vname) {
			return nil, nil, fmt.Errorf("%s: column %q: two proposals of %q against %q: give each actor one proposal per stage", sf.Source, actor, actor, name)
		}
		if err := add(c, vname); err != nil {
			return nil, nil, err
		}
		actors = append(actors, actor)
		chain[at].Proposals = append(chain[at].Proposals, len(doc.Variants)-1)
	}
	if outcome > 0 {
		next := table.Variants[outcome]
		if nameTaken(doc, next) {
			return nil, nil, fmt.Errorf("%s: the outcome column %q has the name of an earlier stage or proposal: give it a name of its own", sf.Source, next)
		}
		if err := add(outcome, next); err != nil {
			return nil, nil, err
		}
		actors = append(actors, "")
		chain = append(chain, Stage{Name: next, Variant: len(doc.Variants) - 1, Partial: !complete})
	}
	return chain, actors, nil
}
