package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// dialect is what differs between the SQL databases the store runs on.
type dialect struct {
	name        string         // "sqlite" or "postgres": the folder of its migrations
	dollar      bool           // placeholders are $1, $2... rather than ?
	readOptions *sql.TxOptions // of the transactions that read
	retryable   func(error) bool
	// bulk inserts rows into a table inside t.
	bulk func(ctx context.Context, t *txn, tb table, rows func(yield func([]any) bool)) error
	// changed is DB.Changed.
	changed func(ctx context.Context, db *DB) (uint64, error)
}

var sqliteDialect = &dialect{
	name:        "sqlite",
	readOptions: &sql.TxOptions{ReadOnly: true},
	retryable:   sqliteBusy,
	bulk:        insertRows,
	changed:     sqliteChanged,
}

var postgresDialect = &dialect{
	name:   "postgres",
	dollar: true,
	// Under PostgreSQL's default READ COMMITTED every statement sees the
	// data committed when it starts: the queries of one Load could read two
	// analyses.
	readOptions: &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
	retryable:   postgresRetryable,
	bulk:        copyRows,
	changed:     postgresChanged,
}

// rebind returns query as the dialect wants it: for PostgreSQL, with its ?
// placeholders written $1, $2.... The store's queries hold no ? inside
// string literals.
func (d *dialect) rebind(query string) string {
	if !d.dollar {
		return query
	}
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// txn is a transaction of the store. Its queries are written with ?
// placeholders.
type txn struct {
	tx   *sql.Tx
	conn *sql.Conn // the connection of tx, for COPY
	d    *dialect
}

func (t *txn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.d.rebind(query), args...)
}

func (t *txn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.d.rebind(query), args...)
}

func (t *txn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.d.rebind(query), args...)
}

// maxAttempts bounds the runs of a write transaction that failed for want
// of serialization.
const maxAttempts = 6

// errConflict is returned, wrapped, when a write transaction still failed
// for want of serialization after maxAttempts runs.
var errConflict = errors.New("the database stayed busy with other writes")

// write runs fn in a write transaction and commits it. When the transaction
// fails in a way the dialect says a new run may not (serialization failure,
// deadlock, busy database, a concurrent save of the same document name), it
// runs it again after a short random pause, maxAttempts times at most: fn
// must do the same work whatever an earlier run did.
func (db *DB) write(ctx context.Context, fn func(*txn) error) error {
	pause := 20 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := db.writeOnce(ctx, fn)
		if err == nil || !db.dialect.retryable(err) {
			return err
		}
		if attempt == maxAttempts {
			return fmt.Errorf("%w (%d attempts): %w", errConflict, attempt, err)
		}
		wait := pause/2 + rand.N(pause)
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(wait):
		}
		pause *= 2
	}
}

// writeOnce runs fn in a write transaction and commits it.
func (db *DB) writeOnce(ctx context.Context, fn func(*txn) error) error {
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(&txn{tx: tx, conn: conn, d: db.dialect}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
