package store

import (
	"context"

	"errors"
	"fmt"

	"iter"
	"net/url"

	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// IsURL reports whether dsn names a PostgreSQL database rather than a SQLite
// file.
func IsURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// masked replaces passwords in what Redact returns.
const masked = "xxxxx"

// Redact returns dsn fit to show in logs, errors and pages: a PostgreSQL URL
// with its password (and sslpassword) replaced by xxxxx, or a file path as
// it is. A URL that does not parse is shown as its scheme alone.
func Redact(dsn string) string {
	if !IsURL(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn[:strings.Index(dsn, "://")+3] + "..."
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), masked)
	}
	q := u.Query()
	changed := false
	for k := range q {
		if k == "password" || k == "sslpassword" {
			q.Set(k, masked)
			changed = true
		}
	}
	if changed {
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// secrets returns the passwords dsn holds, as written and decoded.
func secrets(dsn string) []string {
	if !IsURL(dsn) {
		return nil
	}
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s, url.QueryEscape(s), url.PathEscape(s))
		}
	}
	// The userinfo as written, parsed or not.
	rest := dsn[strings.Index(dsn, "://")+3:]
	if at := strings.LastIndex(strings.SplitN(rest, "/", 2)[0], "@"); at >= 0 {
		if _, pw, ok := strings.Cut(rest[:at], ":"); ok {
			add(pw)
			if d, err := url.PathUnescape(pw); err == nil {
				add(d)
			}
		}
	}
	if u, err := url.Parse(dsn); err == nil {
		for _, k := range []string{"password", "sslpassword"} {
			add(u.Query().Get(k))
		}
	}
	return out
}

// redactedError is an error whose message has the passwords of a database
// URL masked.
type redactedError struct {
	err     error
	secrets []string
}

func (e *redactedError) Error() string {
	msg := e.err.Error()
	for _, s := range e.secrets {
		msg = strings.ReplaceAll(msg, s, masked)
	}
	return msg
}

func (e *redactedError) Unwrap() error { return e.err }

// redactError returns err with the passwords of dsn masked in its message.
func redactError(err error, dsn string) error {
	s := secrets(dsn)
	if err == nil || len(s) == 0 {
		return err
	}
	return &redactedError{err: err, secrets: s}
}

// openPostgres connects to the PostgreSQL database at the URL dsn.
func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	name := Redact(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", name, redactError(err, dsn))
	}
	pool := stdlib.OpenDB(*cfg)
	pool.SetMaxOpenConns(16)
	pool.SetMaxIdleConns(4)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: open %s: %w", name, redactError(err, dsn))
	}
	return &DB{name: name, dialect: postgresDialect, writer: pool, reader: pool}, nil
}

// postgresRetryable reports whether a write transaction that failed with
// err may succeed when run again: a serialization failure, a deadlock, or a
// unique or foreign key violation, which a concurrent save causes when it
// commits first the same document name or dictionary, or removes a
// dictionary no committed document used. The store checks what it writes, so
// such a violation has no other cause; were it to, the runs would fail
// alike and the last error be returned.
func postgresRetryable(err error) bool {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case "40001", "40P01", "23505", "23503":
		return true
	}
	return false
}

// copyRows sends the rows into tb with pgx's CopyFrom, on the connection
// of t, inside its transaction. The statement names a table and columns of
// the fixed definitions of rows.go.
func copyRows(ctx context.Context, t *txn, tb table, rows func(yield func([]any) bool)) error {
	next, stop := iter.Pull(iter.Seq[[]any](rows))
	defer stop()
	err := t.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("connection is a %T, not pgx's", dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{tb.name}, tb.cols, &pullRows{next: next})
		return err
	})
	if err != nil {
		return fmt.Errorf("copy into %s: %w", tb.name, err)
	}
	return nil
}

// pullRows is a pgx.CopyFromSource over rows pulled one at a time.
type pullRows struct {
	next func() ([]any, bool)
	row  []any
}

func (p *pullRows) Next() bool {
	var ok bool
	p.row, ok = p.next()
	return ok
}

func (p *pullRows) Values() ([]any, error) { return p.row, nil }

func (p *pullRows) Err() error { return nil }
