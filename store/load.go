package store

import (
	"context"
	"database/sql"
	"fmt"

	"amendlens/analysis"
)

// Load returns the analysis stored under name, as it was saved (see the
// package documentation for how empty slices and maps read back). The
// dictionary is parsed again from its stored YAML. The error wraps
// ErrNotFound when there is no such document.
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
		hash       string
		dsrc       []byte
		doc        = &analysis.Document{}
		r          = &analysis.Result{Document: doc}
	)
	err := t.queryRow(ctx, `
		SELECT d.id, d.name, d.title, d.source, d.outcome, d.paragraphs, x.hash, x.source
		FROM documents d JOIN dictionaries x ON x.id = d.dictionary_id
		WHERE d.name = ?`, name).Scan(&docID, &doc.Name, &doc.Title, &doc.Source, &r.Outcome, &paragraphs, &hash, &dsrc)
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
	r.Dictionary = dict

	l := &loader{ctx: ctx, t: t, docID: docID}
	for _, step := range []func(*analysis.Result) error{
		l.document, l.paragraphs, l.sectionMetrics, l.totals, l.uptake, l.alignment,
	} {
		if err := step(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// document reads the variants and sections.
func (l *loader) document(r *analysis.Result) error {
	d := r.Document
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

// metricsColumns are the columns scanned by scanMetrics, in its order.
const metricsColumns = `paragraphs, amended, new, unchanged, absent, base_words, variant_words, added, deleted, spans, change_ratio, merged`

// metricsDest returns the scan destinations of metricsColumns in m, and
// makes the maps of m.
func metricsDest(m *analysis.Metrics) []any {
	m.ThemeAdded = map[string]int{}
	m.ThemeRemoved = map[string]int{}
	m.ThemeParas = map[string]int{}
	m.KindSpans = map[analysis.Kind]int{}
	return []any{&m.Paragraphs, &m.Amended, &m.New, &m.Unchanged, &m.Absent, &m.BaseWords, &m.VariantWords,
		&m.Added, &m.Deleted, &m.Spans, &m.ChangeRatio, &m.Merged}
}

// sectionMetrics reads the metrics of the sections.
func (l *loader) sectionMetrics(r *analysis.Result) error {
	err := l.each(`SELECT ordinal, section, variant, `+metricsColumns+`
		FROM section_metrics WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var (
			s       analysis.SectionMetrics
			ordinal int
		)
		if err := rows.Scan(append([]any{&ordinal, &s.Section, &s.Variant}, metricsDest(&s.Metrics)...)...); err != nil {
			return err
		}
		if ordinal != len(r.Sections) {
			return fmt.Errorf("metrics %d missing", len(r.Sections))
		}
		r.Sections = append(r.Sections, s)
		return nil
	})
	if err != nil {
		return fmt.Errorf("section metrics: %w", err)
	}
	err = l.each(`SELECT metrics, theme, added, removed, paragraphs FROM section_themes WHERE document_id = ?`, func(rows *sql.Rows) error {
		var (
			i                       int
			theme                   string
			added, removed, paragrs sql.NullInt64
		)
		if err := rows.Scan(&i, &theme, &added, &removed, &paragrs); err != nil {
			return err
		}
		if i < 0 || i >= len(r.Sections) {
			return fmt.Errorf("theme metrics of section metrics %d out of range", i)
		}
		putTheme(&r.Sections[i].Metrics, theme, added, removed, paragrs)
		return nil
	})
	if err != nil {
		return fmt.Errorf("section themes: %w", err)
	}
	err = l.each(`SELECT metrics, kind, spans FROM section_kinds WHERE document_id = ?`, func(rows *sql.Rows) error {
		var (
			i, n int
			kind analysis.Kind
		)
		if err := rows.Scan(&i, &kind, &n); err != nil {
			return err
		}
		if i < 0 || i >= len(r.Sections) {
			return fmt.Errorf("kind metrics of section metrics %d out of range", i)
		}
		r.Sections[i].KindSpans[kind] = n
		return nil
	})
	if err != nil {
		return fmt.Errorf("section kinds: %w", err)
	}
	return nil
}

// putTheme records the counts of theme in m, leaving out the NULL ones.
func putTheme(m *analysis.Metrics, theme string, added, removed, paragraphs sql.NullInt64) {
	if added.Valid {
		m.ThemeAdded[theme] = int(added.Int64)
	}
	if removed.Valid {
		m.ThemeRemoved[theme] = int(removed.Int64)
	}
	if paragraphs.Valid {
		m.ThemeParas[theme] = int(paragraphs.Int64)
	}
}

// totals reads the document totals of every variant.
func (l *loader) totals(r *analysis.Result) error {
	err := l.each(`SELECT variant, `+metricsColumns+` FROM totals WHERE document_id = ? ORDER BY variant`, func(rows *sql.Rows) error {
		var (
			m analysis.Metrics
			v int
		)
		if err := rows.Scan(append([]any{&v}, metricsDest(&m)...)...); err != nil {
			return err
		}
		if v != len(r.Totals) {
			return fmt.Errorf("totals of variant %d missing", len(r.Totals))
		}
		r.Totals = append(r.Totals, m)
		return nil
	})
	if err != nil {
		return fmt.Errorf("totals: %w", err)
	}
	err = l.each(`SELECT variant, theme, added, removed, paragraphs FROM total_themes WHERE document_id = ?`, func(rows *sql.Rows) error {
		var (
			v                       int
			theme                   string
			added, removed, paragrs sql.NullInt64
		)
		if err := rows.Scan(&v, &theme, &added, &removed, &paragrs); err != nil {
			return err
		}
		if v < 0 || v >= len(r.Totals) {
			return fmt.Errorf("theme totals of variant %d out of range", v)
		}
		putTheme(&r.Totals[v], theme, added, removed, paragrs)
		return nil
	})
	if err != nil {
		return fmt.Errorf("total themes: %w", err)
	}
	err = l.each(`SELECT variant, kind, spans FROM total_kinds WHERE document_id = ?`, func(rows *sql.Rows) error {
		var (
			v, n int
			kind analysis.Kind
		)
		if err := rows.Scan(&v, &kind, &n); err != nil {
			return err
		}
		if v < 0 || v >= len(r.Totals) {
			return fmt.Errorf("kind totals of variant %d out of range", v)
		}
		r.Totals[v].KindSpans[kind] = n
		return nil
	})
	if err != nil {
		return fmt.Errorf("total kinds: %w", err)
	}
	return nil
}

// uptake reads the theme uptake and the unthemed phrases.
func (l *loader) uptake(r *analysis.Result) error {
	err := l.each(`SELECT proposal, theme, proposed, adopted, pending
		FROM theme_uptake WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var u analysis.ThemeUptake
		if err := rows.Scan(&u.Proposal, &u.Theme, &u.Proposed, &u.Adopted, &u.Pending); err != nil {
			return err
		}
		r.ThemeUptake = append(r.ThemeUptake, u)
		return nil
	})
	if err != nil {
		return fmt.Errorf("theme uptake: %w", err)
	}
	err = l.each(`SELECT variant, phrase, count FROM unthemed WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var u analysis.Unthemed
		if err := rows.Scan(&u.Variant, &u.Phrase, &u.Count); err != nil {
			return err
		}
		r.Unthemed = append(r.Unthemed, u)
		return nil
	})
	if err != nil {
		return fmt.Errorf("unthemed: %w", err)
	}
	return nil
}

// alignment reads the alignments of the variants given as versions.
func (l *loader) alignment(r *analysis.Result) error {
	d := r.Document
	err := l.each(`SELECT variant, paragraph, variant_paragraph, position, relation, similarity
		FROM alignment WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var v int
		var a analysis.AlignedLink
		var rel string
		if err := rows.Scan(&v, &a.Paragraph, &a.VariantParagraph, &a.Position, &rel, &a.Similarity); err != nil {
			return err
		}
		a.Relation = analysis.Relation(rel)
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
