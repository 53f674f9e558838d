package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"amendlens/analysis"
)

// Save stores r as SaveAll does.
func (db *DB) Save(ctx context.Context, r *analysis.Result) error {
	return db.SaveAll(ctx, []*analysis.Result{r})
}

// SaveAll stores every Result of rs under its Document.Name in one
// transaction, replacing a stored document of that name when it was given
// the same name (Document.Title). A document gets the next revision number
// and the ingestion time db.Now(). If anything fails, the database is left
// as it was: so it is when a Result does not pass Validate, and when a name
// is that of a stored document given another name (a
// *analysis.NameTakenError).
//
// A save that returned nil survives a crash of the program, SIGKILL
// included; a power loss or a crash of the operating system may lose the
// last saves, never the consistency of the file (the write-ahead log is
// synced at checkpoints, not at every commit).
func (db *DB) SaveAll(ctx context.Context, rs []*analysis.Result) error {
	layouts := make([]*layout, len(rs))
	for i, r := range rs {
		if err := r.Validate(); err != nil {
			return fmt.Errorf("store: save: %w", err)
		}
		layouts[i] = newLayout(r)
	}
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save: %w", err)
	}
	defer tx.Rollback()
	for i, r := range rs {
		if err := db.save(ctx, tx, r, layouts[i]); err != nil {
			return fmt.Errorf("store: save %s: %w", r.Document.Name, err)
		}
	}
	if err := deleteUnusedDictionaries(ctx, tx); err != nil {
		return fmt.Errorf("store: save: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save: commit: %w", err)
	}
	return nil
}

// checkTitle returns a *analysis.NameTakenError when the document d names
// is stored under another given name.
func checkTitle(ctx context.Context, tx *sql.Tx, d *analysis.Document) error {
	var stored string
	err := tx.QueryRowContext(ctx, `SELECT title FROM documents WHERE name = ?`, d.Name).Scan(&stored)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("find document: %w", err)
	case stored != title(d):
		return &analysis.NameTakenError{Name: d.Name, Title: title(d), Stored: stored}
	}
	return nil
}

// title is the name d was given: its Title, or its Name when it has none.
func title(d *analysis.Document) string {
	if d.Title == "" {
		return d.Name
	}
	return d.Title
}

// save writes r, laid out by l, inside tx.
func (db *DB) save(ctx context.Context, tx *sql.Tx, r *analysis.Result, l *layout) error {
	d := r.Document
	if err := checkTitle(ctx, tx, d); err != nil {
		return err
	}
	if err := deleteDocument(ctx, tx, d.Name); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	var revision int64
	if err := tx.QueryRowContext(ctx, `UPDATE revision SET last = last + 1 WHERE id = 1 RETURNING last`).Scan(&revision); err != nil {
		return fmt.Errorf("next revision: %w", err)
	}
	dictID, err := saveDictionary(ctx, tx, r.Dictionary)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx,
		`INSERT INTO documents (name, title, source, outcome, revision, ingested, dictionary_id, paragraphs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		d.Name, title(d), d.Source, r.Outcome, revision, db.Now().UnixNano(), dictID, len(d.Paragraphs))
	if err != nil {
		return fmt.Errorf("insert document: %w", err)
	}
	docID, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("insert document: %w", err)
	}

	if err := saveDocumentRows(ctx, tx, docID, r); err != nil {
		return err
	}
	if err := saveParagraphs(ctx, tx, docID, r, l); err != nil {
		return err
	}
	steps := []func(context.Context, *sql.Tx, int64, *analysis.Result) error{
		saveSectionMetrics,
		saveTotals,
		saveUptake,
		saveAlignment,
	}
	for _, step := range steps {
		if err := step(ctx, tx, docID, r); err != nil {
			return err
		}
	}
	return nil
}

// saveDictionary stores dict unless a dictionary with its hash is stored
// already, and returns its id.
func saveDictionary(ctx context.Context, tx *sql.Tx, dict *analysis.Dictionary) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM dictionaries WHERE hash = ?`, dict.Hash).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("find dictionary: %w", err)
	}
	source := dict.Source
	if source == nil {
		source = []byte{} // the column is NOT NULL
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO dictionaries (hash, source) VALUES (?, ?)`, dict.Hash, source)
	if err != nil {
		return 0, fmt.Errorf("insert dictionary: %w", err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, fmt.Errorf("insert dictionary: %w", err)
	}
	for i, t := range dict.Themes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO themes (dictionary_id, ordinal, name, label, color) VALUES (?, ?, ?, ?, ?)`,
			id, i, t.Name, t.Label, t.Color); err != nil {
			return 0, fmt.Errorf("insert theme %s: %w", t.Name, err)
		}
		for j, term := range t.Terms {
			if _, err := tx.ExecContext(ctx, `INSERT INTO theme_terms (dictionary_id, theme, ordinal, term) VALUES (?, ?, ?, ?)`,
				id, i, j, term); err != nil {
				return 0, fmt.Errorf("insert term %q of theme %s: %w", term, t.Name, err)
			}
		}
	}
	return id, nil
}

// deleteUnusedDictionaries removes the dictionaries no document uses.
func deleteUnusedDictionaries(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx,
		`DELETE FROM dictionaries WHERE NOT EXISTS (SELECT 1 FROM documents WHERE documents.dictionary_id = dictionaries.id)`)
	if err != nil {
		return fmt.Errorf("delete unused dictionaries: %w", err)
	}
	return nil
}

// table is the name and columns of a table rows are inserted into.
type table struct {
	name string
	cols []string
}

// The tables Save fills, with their columns in the order of the values given.
// They are read, never written.
var (
	variantsTable   = table{"variants", []string{"document_id", "ordinal", "name"}}
	sectionsTable   = table{"sections", []string{"document_id", "ordinal", "section", "title", "parent", "line"}}
	paragraphsTable = table{"paragraphs", []string{"document_id", "ordinal", "paragraph", "section", "new", "line",
		"texts", "comparisons", "uptake", "hidden"}}
	symbolsTable       = table{"symbols", []string{"document_id", "ordinal", "text"}}
	metricCols         = []string{"paragraphs", "amended", "new", "unchanged", "absent", "base_words", "variant_words", "added", "deleted", "spans", "change_ratio", "merged"}
	sectionMetricsTbl  = table{"section_metrics", append([]string{"document_id", "ordinal", "section", "variant"}, metricCols...)}
	sectionThemesTable = table{"section_themes", []string{"document_id", "metrics", "theme", "added", "removed", "paragraphs"}}
	sectionKindsTable  = table{"section_kinds", []string{"document_id", "metrics", "kind", "spans"}}
	totalsTable        = table{"totals", append([]string{"document_id", "variant"}, metricCols...)}
	totalThemesTable   = table{"total_themes", []string{"document_id", "variant", "theme", "added", "removed", "paragraphs"}}
	totalKindsTable    = table{"total_kinds", []string{"document_id", "variant", "kind", "spans"}}
	themeUptakeTable   = table{"theme_uptake", []string{"document_id", "ordinal", "proposal", "theme", "proposed", "adopted", "pending"}}
	unthemedTable      = table{"unthemed", []string{"document_id", "ordinal", "variant", "phrase", "count"}}
	alignmentTable     = table{"alignment", []string{"document_id", "ordinal", "variant", "paragraph", "variant_paragraph", "position", "relation", "similarity"}}
)

// fill inserts the rows that each calls add with, then flushes them.
func fill(ctx context.Context, tx *sql.Tx, t table, each func(add func(vals ...any) error) error) error {
	ins, err := newInserter(ctx, tx, t.name, t.cols, batchRows)
	if err != nil {
		return err
	}
	err = each(func(vals ...any) error { return ins.add(ctx, vals...) })
	if cerr := ins.close(ctx); err == nil {
		err = cerr
	}
	return err
}

// saveDocumentRows stores the variants and sections.
func saveDocumentRows(ctx context.Context, tx *sql.Tx, docID int64, r *analysis.Result) error {
	d := r.Document
	err := fill(ctx, tx, variantsTable, func(add func(...any) error) error {
		for i, v := range d.Variants {
			if err := add(docID, i, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return fill(ctx, tx, sectionsTable, func(add func(...any) error) error {
		for i, s := range d.Sections {
			if err := add(docID, i, s.ID, s.Title, s.Parent, s.Line); err != nil {
				return err
			}
		}
		return nil
	})
}

// saveParagraphs stores one row per paragraph, with its texts, comparisons
// (spans and hits included) and span uptake packed as JSON (see migration
// 002), then the symbols the packed columns name.
func saveParagraphs(ctx context.Context, tx *sql.Tx, docID int64, r *analysis.Result, l *layout) error {
	var syms symbols
	var buf []byte
	err := fill(ctx, tx, paragraphsTable, func(add func(...any) error) error {
		for i := range r.Document.Paragraphs {
			p := &r.Document.Paragraphs[i]
			buf = appendTexts(buf[:0], p.Texts)
			t := len(buf)
			buf = appendComparisons(buf, r, l.comparisons(i), &syms)
			c := len(buf)
			buf = appendUptake(buf, r, l.uptake(i), &syms)
			// One string for the three columns: they are read, never
			// changed, until the batch is inserted.
			s := string(buf)
			if err := add(docID, i, p.ID, p.Section, p.New, p.Line, s[:t], s[t:c], s[c:], hiddenColumn(p.Hidden)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return fill(ctx, tx, symbolsTable, func(add func(...any) error) error {
		for i, s := range syms.list {
			if err := add(docID, i, s); err != nil {
				return err
			}
		}
		return nil
	})
}

// hiddenColumn returns the hidden column of a paragraph: its counts of
// removed format characters as a JSON array, or "" when there are none.
func hiddenColumn(hidden []int) string {
	if len(hidden) == 0 {
		return ""
	}
	b := []byte{'['}
	for _, n := range hidden {
		b = appendInt(b, n)
	}
	return string(closeArray(b))
}

// appendTexts appends the texts column of a paragraph.
func appendTexts(b []byte, texts []string) []byte {
	b = append(b, '[')
	for _, t := range texts {
		b = append(appendString(b, t), ',')
	}
	return closeArray(b)
}

// appendComparisons appends the comparisons column of a paragraph whose
// comparisons are r.Comparisons[i] for i in idx.
func appendComparisons(b []byte, r *analysis.Result, idx []int, syms *symbols) []byte {
	b = append(b, '[')
	for _, i := range idx {
		c := &r.Comparisons[i]
		b = append(b, '[')
		b = appendInt(b, i)
		b = appendInt(b, c.Variant)
		b = appendInt(b, syms.id(symStatus, string(c.Status)))
		b = appendInt(b, c.BaseWords)
		b = appendInt(b, c.VariantWords)
		b = appendInt(b, c.Added)
		b = appendInt(b, c.Deleted)
		b = appendFloat(b, c.ChangeRatio)
		b = append(b, '[')
		for j := range c.Spans {
			s := &c.Spans[j]
			b = append(b, '[')
			b = appendInt(b, syms.id(symOp, string(s.Op)))
			b = appendInt(b, syms.id(symKind, string(s.Kind)))
			b = appendInt(b, s.BaseTok.Start)
			b = appendInt(b, s.BaseTok.End)
			b = appendInt(b, s.VarTok.Start)
			b = appendInt(b, s.VarTok.End)
			b = appendInt(b, s.BaseBytes.Start)
			b = appendInt(b, s.BaseBytes.End)
			b = appendInt(b, s.VarBytes.Start)
			b = appendInt(b, s.VarBytes.End)
			b = appendInt(b, s.Added)
			b = appendInt(b, s.Deleted)
			b = append(closeArray(b), ',')
		}
		b = append(closeArray(b), ',', '[')
		for j := range c.Hits {
			h := &c.Hits[j]
			b = append(b, '[')
			b = appendInt(b, syms.id(symTheme, h.Theme))
			b = appendInt(b, syms.id(symTerm, h.Term))
			b = appendInt(b, syms.id(symMatched, h.Matched))
			b = appendInt(b, syms.id(symChange, string(h.Change)))
			b = appendInt(b, h.Tokens.Start)
			b = appendInt(b, h.Tokens.End)
			b = appendInt(b, h.Bytes.Start)
			b = appendInt(b, h.Bytes.End)
			b = append(closeArray(b), ',')
		}
		// The words in square brackets come last, after the hits, so
		// that the views reading the elements before keep their indexes
		// and analyses saved without it read as 0.
		b = append(closeArray(b), ',')
		b = appendInt(b, c.Bracketed)
		b = append(closeArray(b), ',')
	}
	return closeArray(b)
}

// appendUptake appends the uptake column of a paragraph whose span uptake is
// r.SpanUptake[i] for i in idx.
func appendUptake(b []byte, r *analysis.Result, idx []int, syms *symbols) []byte {
	b = append(b, '[')
	for _, i := range idx {
		u := &r.SpanUptake[i]
		b = append(b, '[')
		b = appendInt(b, i)
		b = appendInt(b, u.Proposal)
		b = appendInt(b, u.Span)
		b = appendInt(b, syms.id(symVerdict, string(u.Verdict)))
		b = appendInt(b, u.Words)
		b = appendInt(b, u.Adopted)
		b = append(closeArray(b), ',')
	}
	return closeArray(b)
}

// metricValues returns the values of the metric columns of m.
func metricValues(m *analysis.Metrics) []any {
	return []any{m.Paragraphs, m.Amended, m.New, m.Unchanged, m.Absent, m.BaseWords, m.VariantWords,
		m.Added, m.Deleted, m.Spans, m.ChangeRatio, m.Merged}
}

// themeRows calls add with, for every theme named in any of the theme maps
// of m in name order, its added, removed and paragraph counts; a count is
// nil (NULL) when its map has no entry for the theme.
func themeRows(m *analysis.Metrics, add func(theme string, added, removed, paras any) error) error {
	names := make(map[string]bool)
	for _, mp := range []map[string]int{m.ThemeAdded, m.ThemeRemoved, m.ThemeParas} {
		for k := range mp {
			names[k] = true
		}
	}
	sorted := make([]string, 0, len(names))
	for k := range names {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	value := func(mp map[string]int, k string) any {
		if n, ok := mp[k]; ok {
			return n
		}
		return nil
	}
	for _, k := range sorted {
		if err := add(k, value(m.ThemeAdded, k), value(m.ThemeRemoved, k), value(m.ThemeParas, k)); err != nil {
			return err
		}
	}
	return nil
}

// kindRows calls add with every kind of m.KindSpans, in kind order.
func kindRows(m *analysis.Metrics, add func(kind string, spans int) error) error {
	kinds := make([]string, 0, len(m.KindSpans))
	for k := range m.KindSpans {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		if err := add(k, m.KindSpans[analysis.Kind(k)]); err != nil {
			return err
		}
	}
	return nil
}

// saveSectionMetrics stores the metrics of the sections and their maps.
func saveSectionMetrics(ctx context.Context, tx *sql.Tx, docID int64, r *analysis.Result) error {
	err := fill(ctx, tx, sectionMetricsTbl, func(add func(...any) error) error {
		for i := range r.Sections {
			s := &r.Sections[i]
			if err := add(append([]any{docID, i, s.Section, s.Variant}, metricValues(&s.Metrics)...)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = fill(ctx, tx, sectionThemesTable, func(add func(...any) error) error {
		for i := range r.Sections {
			err := themeRows(&r.Sections[i].Metrics, func(theme string, added, removed, paras any) error {
				return add(docID, i, theme, added, removed, paras)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return fill(ctx, tx, sectionKindsTable, func(add func(...any) error) error {
		for i := range r.Sections {
			err := kindRows(&r.Sections[i].Metrics, func(kind string, spans int) error {
				return add(docID, i, kind, spans)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// saveTotals stores the document totals of every variant and their maps.
func saveTotals(ctx context.Context, tx *sql.Tx, docID int64, r *analysis.Result) error {
	err := fill(ctx, tx, totalsTable, func(add func(...any) error) error {
		for v := range r.Totals {
			if err := add(append([]any{docID, v}, metricValues(&r.Totals[v])...)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = fill(ctx, tx, totalThemesTable, func(add func(...any) error) error {
		for v := range r.Totals {
			err := themeRows(&r.Totals[v], func(theme string, added, removed, paras any) error {
				return add(docID, v, theme, added, removed, paras)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return fill(ctx, tx, totalKindsTable, func(add func(...any) error) error {
		for v := range r.Totals {
			err := kindRows(&r.Totals[v], func(kind string, spans int) error {
				return add(docID, v, kind, spans)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// saveUptake stores the theme uptake and the unthemed phrases; the span
// uptake is packed with the paragraphs.
func saveUptake(ctx context.Context, tx *sql.Tx, docID int64, r *analysis.Result) error {
	err := fill(ctx, tx, themeUptakeTable, func(add func(...any) error) error {
		for i, u := range r.ThemeUptake {
			if err := add(docID, i, u.Proposal, u.Theme, u.Proposed, u.Adopted, u.Pending); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return fill(ctx, tx, unthemedTable, func(add func(...any) error) error {
		for i, u := range r.Unthemed {
			if err := add(docID, i, u.Variant, u.Phrase, u.Count); err != nil {
				return err
			}
		}
		return nil
	})
}

// saveAlignment stores the alignments of the variants given as versions.
func saveAlignment(ctx context.Context, tx *sql.Tx, docID int64, r *analysis.Result) error {
	return fill(ctx, tx, alignmentTable, func(add func(...any) error) error {
		i := 0
		for _, al := range r.Document.Alignments {
			for _, l := range al.Links {
				if err := add(docID, i, al.Variant, l.Paragraph, l.VariantParagraph, l.Position, string(l.Relation), l.Similarity); err != nil {
					return err
				}
				i++
			}
		}
		return nil
	})
}
