// Package store keeps negotiation texts and their analyses in SQL: a
// SQLite file, through the pure Go driver modernc.org/sqlite, or a
// PostgreSQL database, through github.com/jackc/pgx/v5. Both hold the same
// relational schema (see the README, "Storage"): a table per thing
// (documents, variants, sections, paragraphs, cells, alignment, joins,
// dictionaries), each of a document's tables with a primary key that
// starts with the document id. The schema is a set of numbered migrations
// per dialect, embedded in the binary, applied one transaction per file and
// recorded in the migrations table.
//
// Each fact is stored once. What is stored is what a document is (its
// texts, with how versions were aligned and tracked changes joined
// paragraphs), the dictionary it was analysed with (its YAML) and the
// outcome chosen; its figures, spans, hits and uptake are a function of
// them, and Load analyses them again (analysis.Reanalyse), which costs less
// than writing and reading a million rows of them did. Saving a document
// under a name already stored replaces it in one transaction: readers see
// the old document or the new one, never a mix. Rows are written with
// multi-row INSERT statements on SQLite and pgx's CopyFrom on PostgreSQL,
// and read back with Scan.
//
// Write transactions that fail for want of serialization (SQLSTATE 40001, a
// deadlock, SQLite's busy) or meet a concurrent save of the same name are
// run again, a few times at most.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"amendlens/analysis"
)

// ErrNotFound is returned, wrapped, when a document name is not stored.
var ErrNotFound = analysis.ErrNotFound

// DB is an open amendlens database.
//
// On SQLite, writes go through one connection, so that saves from several
// goroutines queue instead of failing with "database is locked"; reads use a
// pool and, in WAL mode, run beside a save. On PostgreSQL, one pool serves
// both, and reads run in REPEATABLE READ transactions, so that every query
// of a Load sees the same snapshot.
type DB struct {
	name    string // the path, or the URL without its password: safe to show
	dialect *dialect
	writer  *sql.DB
	reader  *sql.DB
	probe   changeProbe // the connection of Changed on SQLite

	// Now returns the time recorded as a document's ingestion time. Open
	// sets it to time.Now; tests replace it.
	Now func() time.Time
}

// Open opens the database dsn and brings its schema up to date. dsn is a
// PostgreSQL URL (postgres://... or postgresql://..., with any of libpq's
// parameters, sslmode included) or the path of a SQLite file, created with
// mode 0600 when it does not exist; ":memory:" opens a private in-memory
// SQLite database. Errors never show the URL's password.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		return nil, errors.New("store: open: empty database path")
	}
	var (
		db  *DB
		err error
	)
	if IsURL(dsn) {
		db, err = openPostgres(ctx, dsn)
	} else {
		db, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	db.Now = time.Now
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", db.name, redactError(err, dsn))
	}
	return db, nil
}

// String returns the database's path, or its URL without the password.
func (db *DB) String() string { return db.name }

// Close closes the database.
func (db *DB) Close() error {
	db.probe.close()
	var err error
	if db.reader != nil && db.reader != db.writer {
		err = db.reader.Close()
	}
	if db.writer != nil {
		if werr := db.writer.Close(); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil {
		return fmt.Errorf("store: close %s: %w", db.name, err)
	}
	return nil
}

// read runs fn in a read-only transaction that sees one snapshot.
func (db *DB) read(ctx context.Context, fn func(*txn) error) error {
	conn, err := db.reader.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, db.dialect.readOptions)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(&txn{tx: tx, conn: conn, d: db.dialect})
}

// tableNames returns the tables Counts reports.
func tableNames() []string {
	return []string{
		"migrations", "revision", "dictionaries",
		"documents", "variants", "sections", "paragraphs", "cells", "alignment", "joins", "judgements",
	}
}

// Counts returns the number of rows of every table, by table name.
func (db *DB) Counts(ctx context.Context) (map[string]int64, error) {
	counts := make(map[string]int64)
	err := db.read(ctx, func(t *txn) error {
		for _, name := range tableNames() {
			var n int64
			// Table names come from the fixed list above, never from input.
			if err := t.queryRow(ctx, `SELECT count(*) FROM `+name).Scan(&n); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			counts[name] = n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: counts: %w", err)
	}
	return counts, nil
}
