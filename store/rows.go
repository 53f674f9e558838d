package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"amendlens/analysis"
)

// table is the name and columns of a table rows are written into.
type table struct {
	name string
	cols []string
}

// filler gives the rows of one table of a document.
type filler struct {
	table table
	// rows yields the rows of the document docID of d, in the order of the
	// table's columns and of its primary key. The slice it yields is
	// reused for the next row. Its values are int64, bool or string.
	rows func(docID int64, d *analysis.Document) func(yield func([]any) bool)
}

// fillers are the tables of a document's rows, in the order Save fills them:
// parents before the tables whose foreign keys name them. They hold what the
// document is (its variants, sections, paragraphs and their texts, and how
// versions were aligned and tracked changes joined paragraphs); its figures
// are analysed again from them on load (see Load).
var fillers = []filler{
	{table{"variants", []string{"document_id", "ordinal", "name"}}, variantRows},
	{table{"sections", []string{"document_id", "ordinal", "section", "title", "parent", "line"}}, sectionRows},
	{table{"paragraphs", []string{"document_id", "ordinal", "paragraph", "section", "new", "line"}}, paragraphRows},
	{table{"cells", []string{"document_id", "paragraph", "variant", "text", "hidden_chars"}}, cellRows},
	{table{"alignment", []string{"document_id", "ordinal", "variant", "paragraph", "variant_paragraph", "position",
		"relation", "similarity"}}, alignmentRows},
	joinsFiller,
	{table{"stages", []string{"document_id", "ordinal", "variant", "name", "date", "partial"}}, stageRows},
	{table{"proposals", []string{"document_id", "variant", "stage", "actor"}}, proposalRows},
	{table{"agreed", []string{"document_id", "paragraph", "variant"}}, agreedRows},
}

// joinsFiller gives the rows of the joins of tracked changes.
var joinsFiller = filler{table{"joins", []string{"document_id", "ordinal", "position", "variant", "paragraph"}}, joinRows}

func variantRows(docID int64, d *analysis.Document) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for i, v := range d.Variants {
			if !yield([]any{docID, int64(i), v}) {
				return
			}
		}
	}
}

func sectionRows(docID int64, d *analysis.Document) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for i, s := range d.Sections {
			if !yield([]any{docID, int64(i), s.ID, s.Title, s.Parent, int64(s.Line)}) {
				return
			}
		}
	}
}

func paragraphRows(docID int64, d *analysis.Document) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 6)
		for i, p := range d.Paragraphs {
			if !yield(append(row[:0], docID, int64(i), p.ID, p.Section, p.New, int64(p.Line))) {
				return
			}
		}
	}
}

func cellRows(docID int64, d *analysis.Document) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 5)
		for i, p := range d.Paragraphs {
			for v, text := range p.Texts {
				if !yield(append(row[:0], docID, int64(i), int64(v), text, int64(p.HiddenChars(v)))) {
					return
				}
			}
		}
	}
}

func alignmentRows(docID int64, d *analysis.Document) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 8)
		n := int64(0)
		for _, al := range d.Alignments {
			for _, l := range al.Links {
				if !yield(append(row[:0], docID, n, int64(al.Variant), l.Paragraph, l.VariantParagraph, int64(l.Position),
					string(l.Relation), l.Similarity)) {
					return
				}
				n++
			}
		}
	}
}

func joinRows(docID int64, d *analysis.Document) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 5)
		for i, j := range d.Joins {
			for k, p := range j.Paragraphs {
				if !yield(append(row[:0], docID, int64(i), int64(k), int64(j.Variant), p)) {
					return
				}
			}
		}
	}
}

func stageRows(docID int64, d *analysis.Document) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for i, s := range d.Stages {
			if !yield([]any{docID, int64(i), int64(s.Variant), s.Name, s.Date, s.Partial}) {
				return
			}
		}
	}
}

func proposalRows(docID int64, d *analysis.Document) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		var rows [][]any
		for i, s := range d.Stages {
			for _, v := range s.Proposals {
				rows = append(rows, []any{docID, int64(v), int64(i), d.Actor(v)})
			}
		}
		// In the order of the primary key.
		slices.SortFunc(rows, func(a, b []any) int { return int(a[1].(int64) - b[1].(int64)) })
		for _, r := range rows {
			if !yield(r) {
				return
			}
		}
	}
}

func agreedRows(docID int64, d *analysis.Document) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 3)
		for i, p := range d.Paragraphs {
			for v := range p.Texts {
				if p.IsAgreed(v) && !yield(append(row[:0], docID, int64(i), int64(v))) {
					return
				}
			}
		}
	}
}

// batchRows is how many rows one INSERT statement carries on SQLite: each
// statement crosses into SQLite once, and 256 rows of the widest table, 8
// values each, stay far below SQLite's limit of 32766 parameters.
const batchRows = 256

// insertRows writes rows into tb with multi-row INSERT statements, batchRows
// rows each, the statement of a full batch prepared once. The statement
// names a table and columns of the fixed definitions above; every value is
// a bound parameter.
func insertRows(ctx context.Context, t *txn, tb table, rows func(yield func([]any) bool)) error {
	full, err := t.tx.PrepareContext(ctx, t.d.rebind(insertSQL(tb, batchRows)))
	if err != nil {
		return fmt.Errorf("insert into %s: %w", tb.name, err)
	}
	defer full.Close()
	args := make([]any, 0, batchRows*len(tb.cols))
	for row := range rows {
		args = append(args, row...)
		if len(args) == cap(args) {
			if _, err := full.ExecContext(ctx, args...); err != nil {
				return fmt.Errorf("insert into %s: %w", tb.name, err)
			}
			args = args[:0]
		}
	}
	if len(args) > 0 {
		if _, err := t.exec(ctx, insertSQL(tb, len(args)/len(tb.cols)), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", tb.name, err)
		}
	}
	return nil
}

// insertSQL returns the INSERT statement of n rows into tb: the names of a
// table and columns of the fixed definitions above, and ? placeholders.
func insertSQL(tb table, n int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(tb.cols)), ", ") + ")"
	return "INSERT INTO " + tb.name + " (" + strings.Join(tb.cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
}
