// Package store keeps analysis results in SQLite, through the pure Go driver
// modernc.org/sqlite.
//
// A document is stored with the whole analysis.Result it was saved with, so
// that Load can give the Result back. A large document has a million spans
// and hits: to save and load it in about a second, each paragraph is one row
// of the paragraphs table, with its texts, its comparisons (spans and hits
// included) and the uptake of its spans packed as JSON arrays, the strings
// that repeat among them named by index into the document's symbols (see
// migrations/002_packed.sql). The views cells, comparisons, spans, hits and
// span_uptake unpack them with json_each into the rows of one cell,
// comparison, span, hit or uptake each, for queries on the database file;
// metrics, theme uptake and unthemed phrases are plain tables. Saving a
// document under a name already stored replaces it in one transaction:
// readers see the old analysis or the new one, never a mix.
//
// Load gives back what was saved with two conventions: the maps of every
// Metrics are non-nil (empty when the saved map was nil or empty), and the
// slices Sections, Paragraphs, Comparisons, Spans, Hits, Sections (metrics),
// Totals, SpanUptake, ThemeUptake and Unthemed are nil when they hold no
// element. Paragraph.Texts and Document.Variants keep their length.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"amendlens/analysis"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound is returned, wrapped, when a document name is not stored.
var ErrNotFound = analysis.ErrNotFound

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is an open amendlens database. Writes go through one connection, so
// that saves from several goroutines queue instead of failing with "database
// is locked"; reads use a pool and, in WAL mode, run beside a save.
type DB struct {
	path   string
	writer *sql.DB
	reader *sql.DB
	probe  changeProbe // the connection of Changed

	// Now returns the time recorded as a document's ingestion time. Open
	// sets it to time.Now; tests replace it.
	Now func() time.Time
}

// Open opens the database at path, creating the file with mode 0600 when it
// does not exist, and brings its schema up to date. The path ":memory:"
// opens a private in-memory database.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: open: empty database path")
	}
	db := &DB{path: path, Now: time.Now}
	if path == ":memory:" {
		// Every connection to ":memory:" is a database of its own: reads and
		// writes must share the one connection.
		w, err := sql.Open("sqlite", "file::memory:?"+dsnParams(false))
		if err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		w.SetMaxOpenConns(1)
		w.SetConnMaxLifetime(0)
		w.SetConnMaxIdleTime(0)
		db.writer, db.reader = w, w
	} else {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		name := "file:" + escapePath(path) + "?"
		w, err := sql.Open("sqlite", name+dsnParams(true))
		if err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		w.SetMaxOpenConns(1)
		w.SetConnMaxLifetime(0)
		w.SetConnMaxIdleTime(0)
		r, err := sql.Open("sqlite", name+dsnParams(false)+"&_pragma=query_only(1)")
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		db.writer, db.reader = w, r
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// dsnParams returns the query of the data source name. Write transactions
// begin IMMEDIATE so that a writer takes the lock when it starts and waits
// (busy_timeout) for another process's writer, rather than failing when it
// first writes; reads begin deferred. The writer keeps statement journals in
// memory and a page cache of up to 64 MiB, as a large save touches many
// pages of the same b-trees.
//
// synchronous=NORMAL: in WAL mode a commit appends to the write-ahead log
// without waiting for the disk, which is synced at checkpoints. A crash of
// the application, SIGKILL included, loses no committed save and never
// corrupts the file; a power loss or a crash of the operating system keeps
// the file consistent but may lose the saves committed since the last
// checkpoint.
//
// page_size applies when the file is created: pages of 16 KiB hold several
// paragraph rows, which are often over 1 KiB, where 4 KiB pages hold two.
// The driver runs the _pragma list (busy_timeout first, the others sorted)
// before _foreign_keys, _journal_mode and _synchronous, so page_size comes
// before the switch to WAL, which would fix the size of a new file.
func dsnParams(write bool) string {
	p := "_pragma=busy_timeout(5000)&_pragma=page_size(16384)" +
		"&_foreign_keys=1&_journal_mode=WAL&_synchronous=NORMAL"
	if write {
		p += "&_pragma=temp_store(memory)&_pragma=cache_size(-65536)&_txlock=immediate"
	}
	return p
}

// escapePath makes a file path safe inside a SQLite URI, where '?' starts the
// query, '#' a fragment and '%' an escape.
func escapePath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

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
		return fmt.Errorf("store: close %s: %w", db.path, err)
	}
	return nil
}

// migrate applies the embedded migrations not yet recorded in the migrations
// table, each in a transaction of its own, in the order of their file names.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.writer.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// migrateFile applies one migration unless it is recorded already. The check
// runs inside the write transaction so that two processes opening a new
// database at once do not both apply it.
func (db *DB) migrateFile(ctx context.Context, name string) error {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	buf, err := migrationFS.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name) VALUES (?)`, name); err != nil {
		return err
	}
	return tx.Commit()
}

// tableNames returns the tables and views Counts reports.
func tableNames() []string {
	return []string{
		"migrations", "revision", "dictionaries", "themes", "theme_terms",
		"documents", "variants", "sections", "paragraphs", "symbols", "cells",
		"comparisons", "spans", "hits",
		"section_metrics", "section_themes", "section_kinds",
		"totals", "total_themes", "total_kinds",
		"span_uptake", "theme_uptake", "unthemed", "alignment",
	}
}

// Counts returns the number of rows of every table, by table name. The
// tables cells, comparisons, spans, hits and span_uptake are views of the
// rows packed in the paragraphs table: their figures count the packed
// items, as a table of one row per item would have them.
func (db *DB) Counts(ctx context.Context) (map[string]int64, error) {
	tx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: counts: %w", err)
	}
	defer tx.Rollback()
	counts := make(map[string]int64)
	for _, t := range tableNames() {
		var n int64
		// Table names come from the fixed list above, never from input.
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM "`+t+`"`).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: counts: %s: %w", t, err)
		}
		counts[t] = n
	}
	return counts, nil
}
