package store

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// openSQLite opens the SQLite file at path, creating it with mode 0600.
func openSQLite(path string) (*DB, error) {
	db := &DB{name: path, dialect: sqliteDialect}
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
		return db, nil
	}
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
// page_size applies when the file is created: pages of 16 KiB hold more of
// the rows of cells, whose texts are often several hundred bytes. The driver
// runs the _pragma list (busy_timeout first, the others sorted) before
// _foreign_keys, _journal_mode and _synchronous, so page_size comes before
// the switch to WAL, which would fix the size of a new file.
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

// sqliteBusy reports whether err is SQLite's "database is busy" or "locked",
// which another process's writer causes once busy_timeout has run out.
func sqliteBusy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return false
}
