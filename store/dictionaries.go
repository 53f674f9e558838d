package store

import (
	"context"
	"errors"
	"fmt"

	"amendlens/analysis"
)

// A dictionary is stored once, by its hash, for every document analysed
// with it, as the YAML it was read from (which Load parses again), and
// removed once no document uses it.

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
