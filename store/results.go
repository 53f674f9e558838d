package store

// A result is stored as its document, its dictionary and its outcome
// choices (see the package documentation); Load analyses it again.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"amendlens/align"
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
// Saves of different documents from several processes run side by side on
// PostgreSQL. Of two saves of the same name at once, the second waits for
// the first to commit, then replaces it; readers see one whole analysis or
// the other.
//
// On SQLite, a save that returned nil survives a crash of the program,
// SIGKILL included; a power loss or a crash of the operating system may lose
// the last saves, never the consistency of the file (the write-ahead log is
// synced at checkpoints, not at every commit).
func (db *DB) SaveAll(ctx context.Context, rs []*analysis.Result) error {
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			return fmt.Errorf("store: save: %w", err)
		}
	}
	err := db.write(ctx, func(t *txn) error {
		for _, r := range rs {
			if err := db.save(ctx, t, r, false); err != nil {
				return fmt.Errorf("%s: %w", r.Document.Name, err)
			}
		}
		return deleteUnusedDictionaries(ctx, t)
	})
	if errors.Is(err, errConflict) {
		return fmt.Errorf("store: save: other saves (of the same document?) kept conflicting with this one; nothing was saved, try again: %w", err)
	}
	if err != nil {
		return fmt.Errorf("store: save %w", err)
	}
	return nil
}

// Replace stores r in place of the stored document of its name, whatever
// name that was given: a stored document analysed again, retitled or with
// its variants renamed. A judgement of a renamed variant (the stage that
// judged it) follows its new name. The error wraps ErrNotFound when there
// is no document of that name (deleted since it was read), and then
// nothing is stored. As SaveAll, all or nothing.
func (db *DB) Replace(ctx context.Context, r *analysis.Result) error {
	if err := r.Validate(); err != nil {
		return fmt.Errorf("store: replace: %w", err)
	}
	err := db.write(ctx, func(t *txn) error {
		if err := renameJudged(ctx, t, r.Document); err != nil {
			return err
		}
		if err := db.save(ctx, t, r, true); err != nil {
			return err
		}
		return deleteUnusedDictionaries(ctx, t)
	})
	if errors.Is(err, errConflict) {
		return fmt.Errorf("store: replace %s: other saves of it kept conflicting with this one; nothing was saved, try again: %w", r.Document.Name, err)
	}
	if err != nil {
		return fmt.Errorf("store: replace %s: %w", r.Document.Name, err)
	}
	return nil
}

// renameJudged renames the stage of the stored judgements of d's document
// whose variant d names otherwise than the stored document does. It moves
// them through names no variant has first (a word joiner, a hidden format
// character that variant names never keep, and the variant's index), so
// that two variants that swap names swap their judgements.
func renameJudged(ctx context.Context, t *txn, d *analysis.Document) error {
	stored, err := storedVariants(ctx, t, d.Name)
	if err != nil {
		return err
	}
	if len(stored) == 0 {
		return ErrNotFound
	}
	var moved []int
	for v, name := range stored {
		if v < len(d.Variants) && d.Variants[v] != name {
			moved = append(moved, v)
		}
	}
	for pass := range 2 {
		for _, v := range moved {
			from, to := stored[v], "\u2060"+strconv.Itoa(v)
			if pass == 1 {
				from, to = to, d.Variants[v]
			}
			if _, err := t.exec(ctx, `UPDATE judgements SET judged_at = ? WHERE document = ? AND judged_at = ?`, to, d.Name, from); err != nil {
				return fmt.Errorf("rename judgements: %w", err)
			}
		}
	}
	return nil
}

// storedVariants returns the variant names of stored document name, in
// order; none when there is no such document.
func storedVariants(ctx context.Context, t *txn, name string) ([]string, error) {
	rows, err := t.query(ctx, `SELECT v.name FROM variants v JOIN documents d ON d.id = v.document_id WHERE d.name = ? ORDER BY v.ordinal`, name)
	if err != nil {
		return nil, fmt.Errorf("variants: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("variants: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("variants: %w", err)
	}
	return out, nil
}

// checkTitle returns a *analysis.NameTakenError when the document d names
// is stored under another given name.
func checkTitle(ctx context.Context, t *txn, d *analysis.Document) error {
	var stored string
	err := t.queryRow(ctx, `SELECT title FROM documents WHERE name = ?`, d.Name).Scan(&stored)
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

// save writes r inside t, in place of the stored document of its name:
// one given the same name, or when replace whatever name it was given.
// The revision is taken last, so that the one row every save updates is
// locked for the shortest time.
func (db *DB) save(ctx context.Context, t *txn, r *analysis.Result, replace bool) error {
	d := r.Document
	if !replace {
		if err := checkTitle(ctx, t, d); err != nil {
			return err
		}
	}
	if _, err := deleteDocument(ctx, t, d.Name); err != nil && (replace || !errors.Is(err, ErrNotFound)) {
		return err
	}
	dictID, err := saveDictionary(ctx, t, r.Dictionary)
	if err != nil {
		return err
	}
	var docID int64
	err = t.queryRow(ctx,
		`INSERT INTO documents (name, title, source, encoding, note, unit, outcome, outcome_complete, implied_outcome, revision, ingested, dictionary_id, paragraphs)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id`,
		d.Name, title(d), d.Source, d.Encoding, d.Note, d.Unit, r.Outcome, r.OutcomeComplete, d.Outcome, db.Now().UnixNano(), dictID, len(d.Paragraphs)).Scan(&docID)
	if err != nil {
		return fmt.Errorf("insert document: %w", err)
	}
	for _, f := range fillers {
		if err := t.d.bulk(ctx, t, f.table, f.rows(docID, d)); err != nil {
			return err
		}
	}
	// Judgements outlive the analysis: those stored stay, those the result
	// carries (a copy from another database) are added.
	if err := putJudgements(ctx, t, d.Name, r.Judgements); err != nil {
		return err
	}
	revision, err := nextRevision(ctx, t)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `UPDATE documents SET revision = ? WHERE id = ?`, revision, docID); err != nil {
		return fmt.Errorf("set revision: %w", err)
	}
	return nil
}

// nextRevision takes the next revision number.
func nextRevision(ctx context.Context, t *txn) (int64, error) {
	var revision int64
	if err := t.queryRow(ctx, `UPDATE revision SET last = last + 1 WHERE id = 1 RETURNING last`).Scan(&revision); err != nil {
		return 0, fmt.Errorf("next revision: %w", err)
	}
	return revision, nil
}

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
		SELECT d.id, d.name, d.title, d.source, d.encoding, d.note, d.unit, d.outcome, d.outcome_complete, d.implied_outcome, d.paragraphs, x.hash, x.source
		FROM documents d JOIN dictionaries x ON x.id = d.dictionary_id
		WHERE d.name = ?`, name).Scan(&docID, &doc.Name, &doc.Title, &doc.Source, &doc.Encoding, &doc.Note, &doc.Unit, &outcome, &complete, &doc.Outcome, &paragraphs, &hash, &dsrc)
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
	for _, step := range []func(*analysis.Document) error{l.document, l.paragraphs, l.cells, l.alignment, l.joins, l.chain} {
		if err := step(doc); err != nil {
			return nil, err
		}
	}
	if paragraphs != len(doc.Paragraphs) {
		return nil, fmt.Errorf("paragraphs: %d stored, the document says %d", len(doc.Paragraphs), paragraphs)
	}
	r, err := analysis.Reanalyse(ctx, doc, dict, outcome, complete)
	if err != nil {
		return nil, err
	}
	if r.Judgements, err = judgements(ctx, t, doc.Name); err != nil {
		return nil, err
	}
	return r, nil
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

// chain reads the stages, the proposals' actors and the agreed marks.
func (l *loader) chain(d *analysis.Document) error {
	err := l.each(`SELECT ordinal, variant, name, date, partial FROM stages WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var ordinal int
		var s analysis.Stage
		if err := rows.Scan(&ordinal, &s.Variant, &s.Name, &s.Date, &s.Partial); err != nil {
			return err
		}
		if ordinal != len(d.Stages) || s.Variant < 0 || s.Variant >= len(d.Variants) {
			return fmt.Errorf("stage %d: out of order or range (variant %d of %d)", ordinal, s.Variant, len(d.Variants))
		}
		d.Stages = append(d.Stages, s)
		return nil
	})
	if err != nil {
		return fmt.Errorf("stages: %w", err)
	}
	err = l.each(`SELECT variant, stage, actor FROM proposals WHERE document_id = ? ORDER BY variant`, func(rows *sql.Rows) error {
		var v, stage int
		var actor string
		if err := rows.Scan(&v, &stage, &actor); err != nil {
			return err
		}
		if stage < 0 || stage >= len(d.Stages) || v < 0 || v >= len(d.Variants) {
			return fmt.Errorf("proposal %d against stage %d: out of range (%d stages, %d variants)", v, stage, len(d.Stages), len(d.Variants))
		}
		if d.Actors == nil {
			d.Actors = make([]string, len(d.Variants))
		}
		d.Actors[v] = actor
		d.Stages[stage].Proposals = append(d.Stages[stage].Proposals, v)
		return nil
	})
	if err != nil {
		return fmt.Errorf("proposals: %w", err)
	}
	err = l.each(`SELECT paragraph, variant FROM agreed WHERE document_id = ? ORDER BY paragraph, variant`, func(rows *sql.Rows) error {
		var p, v int
		if err := rows.Scan(&p, &v); err != nil {
			return err
		}
		if p < 0 || p >= len(d.Paragraphs) || v < 0 || v >= len(d.Variants) {
			return fmt.Errorf("paragraph %d, variant %d: out of range", p, v)
		}
		para := &d.Paragraphs[p]
		if para.Agreed == nil {
			para.Agreed = make([]bool, len(d.Variants))
		}
		para.Agreed[v] = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("agreed: %w", err)
	}
	return nil
}
