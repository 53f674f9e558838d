package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"amendlens/align"
	"amendlens/analysis"
)

// Load returns the analysis of the document stored under name: the
// document is read back, its dictionary parsed again from its stored YAML,
// and it is analysed again with the outcome it was saved with
// (analysis.Reanalyse), which gives the Result that was saved. The error
// wraps ErrNotFound when there is no such document.
func (db *DB) Load(ctx context.Context, name string) (*analysis.Result, error) {
	// One read transaction: every query sees the same snapshot, even while
	// a save of the same document runs.
	var r *analysis.Result
	err := db.read(ctx, func(t *txn) (err error) {
		r, err = load(ctx, t, name)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: load %s: %w", name, err)
	}
	return r, nil
}

// loader reads the rows of one document.
type loader struct {
	ctx   context.Context
	t     *txn
	docID int64
}

// each runs query with the document id as its only parameter and calls scan
// for every row.
func (l *loader) each(query string, scan func(*sql.Rows) error) error {
	rows, err := l.t.query(l.ctx, query, l.docID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func load(ctx context.Context, t *txn, name string) (*analysis.Result, error) {
	var (
		docID      int64
		paragraphs int
		outcome    int
		complete   bool
		hash       string
		dsrc       []byte
		doc        = &analysis.Document{}
	)
	err := t.queryRow(ctx, `
		SELECT d.id, d.name, d.title, d.source, d.outcome, d.outcome_complete, d.implied_outcome, d.paragraphs, x.hash, x.source
		FROM documents d JOIN dictionaries x ON x.id = d.dictionary_id
		WHERE d.name = ?`, name).Scan(&docID, &doc.Name, &doc.Title, &doc.Source, &outcome, &complete, &doc.Outcome, &paragraphs, &hash, &dsrc)
	if err != nil {
		return nil, errNoRowsToNotFound(err)
	}
	if paragraphs > 0 {
		// Room for the paragraphs the document says it has, within reason.
		doc.Paragraphs = make([]analysis.Paragraph, 0, min(paragraphs, 1<<20))
	}
	dict, err := analysis.ParseDictionary("stored dictionary", dsrc)
	if err != nil {
		return nil, err
	}
	if dict.Hash != hash {
		return nil, fmt.Errorf("stored dictionary: hash of the source is %s, stored hash %s", dict.Hash, hash)
	}
	l := &loader{ctx: ctx, t: t, docID: docID}
	for _, step := range []func(*analysis.Document) error{l.document, l.paragraphs, l.cells, l.alignment, l.joins} {
		if err := step(doc); err != nil {
			return nil, err
		}
	}
	if paragraphs != len(doc.Paragraphs) {
		return nil, fmt.Errorf("paragraphs: %d stored, the document says %d", len(doc.Paragraphs), paragraphs)
	}
	return analysis.Reanalyse(ctx, doc, dict, outcome, complete)
}

// document reads the variants and sections.
func (l *loader) document(d *analysis.Document) error {
	err := l.each(`SELECT name FROM variants WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var v string
		if err := rows.Scan(&v); err != nil {
			return err
		}
		d.Variants = append(d.Variants, v)
		return nil
	})
	if err != nil {
		return fmt.Errorf("variants: %w", err)
	}
	err = l.each(`SELECT section, title, parent, line FROM sections WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var s analysis.Section
		if err := rows.Scan(&s.ID, &s.Title, &s.Parent, &s.Line); err != nil {
			return err
		}
		d.Sections = append(d.Sections, s)
		return nil
	})
	if err != nil {
		return fmt.Errorf("sections: %w", err)
	}
	return nil
}

// paragraphs reads the paragraphs, without their texts.
func (l *loader) paragraphs(d *analysis.Document) error {
	err := l.each(`SELECT ordinal, paragraph, section, new, line FROM paragraphs WHERE document_id = ? ORDER BY ordinal`,
		func(rows *sql.Rows) error {
			var (
				p       analysis.Paragraph
				ordinal int
			)
			if err := rows.Scan(&ordinal, &p.ID, &p.Section, &p.New, &p.Line); err != nil {
				return err
			}
			if ordinal != len(d.Paragraphs) {
				return fmt.Errorf("paragraph %d missing", len(d.Paragraphs))
			}
			d.Paragraphs = append(d.Paragraphs, p)
			return nil
		})
	if err != nil {
		return fmt.Errorf("paragraphs: %w", err)
	}
	return nil
}

// cells reads the texts of the paragraphs, and the counts of the hidden
// characters removed from them. A paragraph none was removed from has no
// Hidden counts.
func (l *loader) cells(d *analysis.Document) error {
	nv := len(d.Variants)
	texts := make([]string, len(d.Paragraphs)*nv)
	var hidden []int
	seen := 0
	err := l.each(`SELECT paragraph, variant, text, hidden_chars FROM cells WHERE document_id = ? ORDER BY paragraph, variant`,
		func(rows *sql.Rows) error {
			var p, v, n int
			var text string
			if err := rows.Scan(&p, &v, &text, &n); err != nil {
				return err
			}
			if p < 0 || p >= len(d.Paragraphs) || v < 0 || v >= nv || p*nv+v != seen {
				return fmt.Errorf("text of paragraph %d, variant %d: out of order or range (a text missing?)", p, v)
			}
			seen++
			texts[p*nv+v] = text
			if n != 0 {
				if hidden == nil {
					hidden = make([]int, len(texts))
				}
				hidden[p*nv+v] = n
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("cells: %w", err)
	}
	if seen != len(texts) {
		return fmt.Errorf("cells: %d texts, want %d (a text per paragraph and variant)", seen, len(texts))
	}
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		p.Texts = texts[i*nv : (i+1)*nv : (i+1)*nv]
		if hidden == nil {
			continue
		}
		if h := hidden[i*nv : (i+1)*nv : (i+1)*nv]; slices.ContainsFunc(h, func(n int) bool { return n != 0 }) {
			p.Hidden = h
		}
	}
	return nil
}

// alignment reads the alignments of the variants given as versions.
func (l *loader) alignment(d *analysis.Document) error {
	err := l.each(`SELECT variant, paragraph, variant_paragraph, position, relation, similarity
		FROM alignment WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var v int
		var a analysis.AlignedLink
		var rel string
		if err := rows.Scan(&v, &a.Paragraph, &a.VariantParagraph, &a.Position, &rel, &a.Similarity); err != nil {
			return err
		}
		a.Relation = align.Relation(rel)
		if n := len(d.Alignments); n == 0 || d.Alignments[n-1].Variant != v {
			d.Alignments = append(d.Alignments, analysis.Alignment{Variant: v})
		}
		al := &d.Alignments[len(d.Alignments)-1]
		al.Links = append(al.Links, a)
		return nil
	})
	if err != nil {
		return fmt.Errorf("alignment: %w", err)
	}
	return nil
}

// joins reads the paragraphs tracked changes joined.
func (l *loader) joins(d *analysis.Document) error {
	last := -1
	err := l.each(`SELECT ordinal, variant, paragraph FROM joins WHERE document_id = ? ORDER BY ordinal, position`, func(rows *sql.Rows) error {
		var ordinal, v int
		var p string
		if err := rows.Scan(&ordinal, &v, &p); err != nil {
			return err
		}
		if ordinal != last {
			d.Joins = append(d.Joins, analysis.Join{Variant: v})
			last = ordinal
		}
		j := &d.Joins[len(d.Joins)-1]
		j.Paragraphs = append(j.Paragraphs, p)
		return nil
	})
	if err != nil {
		return fmt.Errorf("joins: %w", err)
	}
	return nil
}
