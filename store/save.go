package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

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
			if err := db.save(ctx, t, r); err != nil {
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

// save writes r inside t. The revision is taken last, so that the one row
// every save updates is locked for the shortest time.
func (db *DB) save(ctx context.Context, t *txn, r *analysis.Result) error {
	d := r.Document
	if err := checkTitle(ctx, t, d); err != nil {
		return err
	}
	if _, err := deleteDocument(ctx, t, d.Name); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	dictID, err := saveDictionary(ctx, t, r.Dictionary)
	if err != nil {
		return err
	}
	var docID int64
	err = t.queryRow(ctx,
		`INSERT INTO documents (name, title, source, outcome, outcome_complete, implied_outcome, revision, ingested, dictionary_id, paragraphs)
		VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id`,
		d.Name, title(d), d.Source, r.Outcome, r.OutcomeComplete, d.Outcome, db.Now().UnixNano(), dictID, len(d.Paragraphs)).Scan(&docID)
	if err != nil {
		return fmt.Errorf("insert document: %w", err)
	}
	for _, f := range fillers {
		if err := t.d.bulk(ctx, t, f.table, f.rows(docID, d)); err != nil {
			return err
		}
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

// saveDictionary stores dict unless a dictionary with its hash is stored
// already, and returns its id.
func saveDictionary(ctx context.Context, t *txn, dict *analysis.Dictionary) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM dictionaries WHERE hash = ?`, dict.Hash).Scan(&id)
	if err == nil {
		return id, nil
	}
	if err = errNoRowsToNotFound(err); !errors.Is(err, ErrNotFound) {
		return 0, fmt.Errorf("find dictionary: %w", err)
	}
	source := dict.Source
	if source == nil {
		source = []byte{} // the column is NOT NULL
	}
	if err := t.queryRow(ctx, `INSERT INTO dictionaries (hash, source) VALUES (?, ?) RETURNING id`, dict.Hash, source).Scan(&id); err != nil {
		return 0, fmt.Errorf("insert dictionary: %w", err)
	}
	return id, nil
}

// deleteUnusedDictionaries removes the dictionaries no document uses.
func deleteUnusedDictionaries(ctx context.Context, t *txn) error {
	_, err := t.exec(ctx,
		`DELETE FROM dictionaries WHERE NOT EXISTS (SELECT 1 FROM documents WHERE documents.dictionary_id = dictionaries.id)`)
	if err != nil {
		return fmt.Errorf("delete unused dictionaries: %w", err)
	}
	return nil
}
