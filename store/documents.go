package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"amendlens/analysis"
)

// Documents returns every stored document, ordered by name.
func (db *DB) Documents(ctx context.Context) ([]analysis.DocumentInfo, error) {
	var infos []analysis.DocumentInfo
	err := db.read(ctx, func(t *txn) (err error) {
		infos, err = documentInfos(ctx, t, true, "")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: documents: %w", err)
	}
	return infos, nil
}

// Document returns the description of the document name. The error wraps
// ErrNotFound when there is no such document.
func (db *DB) Document(ctx context.Context, name string) (analysis.DocumentInfo, error) {
	var infos []analysis.DocumentInfo
	err := db.read(ctx, func(t *txn) (err error) {
		infos, err = documentInfos(ctx, t, false, name)
		return err
	})
	if err != nil {
		return analysis.DocumentInfo{}, fmt.Errorf("store: document %s: %w", name, err)
	}
	if len(infos) == 0 {
		return analysis.DocumentInfo{}, fmt.Errorf("store: document %s: %w", name, ErrNotFound)
	}
	return infos[0], nil
}

// documentInfos returns the descriptions of every document when all is set,
// else of the document name, ordered by name.
func documentInfos(ctx context.Context, t *txn, all bool, name string) ([]analysis.DocumentInfo, error) {
	rows, err := t.query(ctx, `
		SELECT d.id, d.name, d.title, d.source, d.outcome, d.revision, d.ingested, x.hash, d.paragraphs
		FROM documents d JOIN dictionaries x ON x.id = d.dictionary_id
		WHERE ? OR d.name = ?`, all, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var infos []analysis.DocumentInfo
	index := make(map[int64]int) // document id -> index in infos
	for rows.Next() {
		var (
			info     analysis.DocumentInfo
			id       int64
			ingested int64
		)
		if err := rows.Scan(&id, &info.Name, &info.Title, &info.Source, &info.Outcome, &info.Revision, &ingested,
			&info.DictHash, &info.Paragraphs); err != nil {
			return nil, err
		}
		info.Ingested = time.Unix(0, ingested).UTC()
		index[id] = len(infos)
		infos = append(infos, info)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(infos) == 0 {
		return nil, nil
	}

	err = perDocument(ctx, t, index, `
		SELECT v.document_id, v.name FROM variants v JOIN documents d ON d.id = v.document_id
		WHERE ? OR d.name = ?
		ORDER BY v.document_id, v.ordinal`, all, name, func(i int, v string) { infos[i].Variants = append(infos[i].Variants, v) })
	if err != nil {
		return nil, err
	}
	err = perDocument(ctx, t, index, `
		SELECT s.document_id, s.variant FROM stages s JOIN documents d ON d.id = s.document_id
		WHERE ? OR d.name = ?
		ORDER BY s.document_id, s.ordinal`, all, name, func(i int, v int) { infos[i].Stages = append(infos[i].Stages, v) })
	if err != nil {
		return nil, err
	}
	// Sorted here rather than by the database, whose collation may order
	// text otherwise (PostgreSQL's locale).
	sort.Slice(infos, func(i, j int) bool { return infos[i].Name < infos[j].Name })
	return infos, nil
}

// Delete removes the document name and its analysis. The error wraps
// ErrNotFound when there is no such document.
func (db *DB) Delete(ctx context.Context, name string) error {
	err := db.write(ctx, func(t *txn) error {
		if _, err := deleteDocument(ctx, t, name); err != nil {
			return err
		}
		// A save replaces the document and keeps its judgements; a
		// deletion removes them.
		if _, err := t.exec(ctx, `DELETE FROM judgements WHERE document = ?`, name); err != nil {
			return fmt.Errorf("delete judgements: %w", err)
		}
		if err := deleteUnusedDictionaries(ctx, t); err != nil {
			return err
		}
		// Servers that poll the revision learn of the deletion.
		_, err := nextRevision(ctx, t)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: delete %s: %w", name, err)
	}
	return nil
}

// childTables lists the tables that hold a document's rows, children before
// their parents.
func childTables() []string {
	return []string{"joins", "alignment", "cells", "paragraphs", "sections", "variants"}
}

// deleteDocument removes the document name inside t, with its rows in the
// other tables, and returns its id. The error wraps ErrNotFound when there
// is no such document.
//
// ON DELETE CASCADE would remove the rows of the tables that have foreign
// keys too, but row by row through every foreign key; deleting each table's
// range of the document, children first, leaves the cascades nothing to do.
func deleteDocument(ctx context.Context, t *txn, name string) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM documents WHERE name = ?`, name).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("find document: %w", errNoRowsToNotFound(err))
	}
	for _, tb := range childTables() {
		// Table names come from the fixed list above; the id is a parameter.
		if _, err := t.exec(ctx, `DELETE FROM `+tb+` WHERE document_id = ?`, id); err != nil {
			return 0, fmt.Errorf("delete from %s: %w", tb, err)
		}
	}
	if _, err := t.exec(ctx, `DELETE FROM documents WHERE id = ?`, id); err != nil {
		return 0, fmt.Errorf("delete document: %w", err)
	}
	return id, nil
}

// errNoRowsToNotFound turns sql.ErrNoRows into ErrNotFound.
func errNoRowsToNotFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// perDocument runs query (with all and name), whose rows are a document id
// and one value, and hands each value of a document in index (document id
// -> index into the infos being built) to add, in the rows' order.
func perDocument[T any](ctx context.Context, t *txn, index map[int64]int, query string, all bool, name string, add func(i int, v T)) error {
	rows, err := t.query(ctx, query, all, name)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			v  T
		)
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			add(i, v)
		}
	}
	return rows.Err()
}
