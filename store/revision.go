package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// changeProbe is the connection Changed asks, kept for that alone: SQLite's
// data_version tells one connection of the commits of all the others.
type changeProbe struct {
	mu   sync.Mutex
	conn *sql.Conn
	last int64  // data_version last read on conn
	gen  uint64 // what Changed returns: counts the changes of last and of conn
}

// Changed returns a number that changes whenever a write to the database
// is committed, by this DB or by any other connection or process (an
// ingest from the command line while the dashboard serves the same file).
// Between writes it returns the same number, so that a reader can keep what
// it read until the number moves. It costs one PRAGMA on a connection kept
// for it; no table is read.
//
// An in-memory database has one connection, which only this DB writes
// through: the number is then the count of rows it has changed.
//
// On PostgreSQL the number is the revision row's, which every save and
// delete moves in its transaction: one primary-key read of one row, as
// cheap for the server as a query gets. Callers bound how often they ask
// (the dashboard, every 250 ms at most).
func (db *DB) Changed(ctx context.Context) (uint64, error) {
	n, err := db.dialect.changed(ctx, db)
	if err != nil {
		return 0, fmt.Errorf("store: changed: %w", err)
	}
	return n, nil
}

// postgresChanged is Changed on PostgreSQL: the revision row.
func postgresChanged(ctx context.Context, db *DB) (uint64, error) {
	var v int64
	err := db.reader.QueryRowContext(ctx, `SELECT last FROM revision WHERE id = 1`).Scan(&v)
	return uint64(v), err
}

// sqliteChanged is Changed on SQLite: data_version on the probe's
// connection, or the changes of the one connection of an in-memory
// database.
func sqliteChanged(ctx context.Context, db *DB) (uint64, error) {
	var v int64
	if db.reader == db.writer {
		err := db.writer.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&v)
		return uint64(v), err
	}
	p := &db.probe
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conn == nil {
		conn, err := db.reader.Conn(ctx)
		if err != nil {
			return 0, err
		}
		// A new connection counts from its own start: whatever it reads
		// first is a change.
		p.conn, p.last = conn, -1
	}
	if err := p.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		// A later call starts over on a new connection.
		p.conn.Close()
		p.conn = nil
		return 0, err
	}
	if v != p.last {
		p.last = v
		p.gen++
	}
	return p.gen, nil
}

// close releases the probe's connection.
func (p *changeProbe) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conn != nil {
		p.conn.Close()
		p.conn = nil
	}
}
