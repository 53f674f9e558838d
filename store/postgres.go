package store

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/url"
	"strconv"
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

// copyRows sends the rows into tb with COPY, on the connection of t, in
// COPY's text format, written here: pgx's CopyFrom would find how to
// encode each of a million rows' values through its type map, which costs
// more than the server takes to store them. The statement names a table
// and columns of the fixed definitions of rows.go.
func copyRows(ctx context.Context, t *txn, tb table, rows func(yield func([]any) bool)) error {
	next, stop := iter.Pull(iter.Seq[[]any](rows))
	defer stop()
	src := &copyText{next: next}
	err := t.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("connection is a %T, not pgx's", dc)
		}
		_, err := c.Conn().PgConn().CopyFrom(ctx, src,
			"COPY "+tb.name+" ("+strings.Join(tb.cols, ", ")+") FROM STDIN")
		return err
	})
	if err == nil {
		err = src.err
	}
	if err != nil {
		return fmt.Errorf("copy into %s: %w", tb.name, err)
	}
	return nil
}

// copyText reads rows as the lines of COPY's text format.
type copyText struct {
	next func() ([]any, bool)
	buf  []byte
	off  int
	done bool
	err  error
}

func (c *copyText) Read(p []byte) (int, error) {
	for len(c.buf)-c.off < len(p) && !c.done {
		if c.off > 0 {
			c.buf = c.buf[:copy(c.buf, c.buf[c.off:])]
			c.off = 0
		}
		row, ok := c.next()
		if !ok {
			c.done = true
			break
		}
		if c.buf, c.err = appendCopyRow(c.buf, row); c.err != nil {
			return 0, c.err
		}
	}
	if c.off == len(c.buf) && c.done {
		return 0, io.EOF
	}
	n := copy(p, c.buf[c.off:])
	c.off += n
	return n, nil
}

// appendCopyRow appends row as one line of COPY's text format: the values
// separated by tabs, NULL as \N, and in text the backslash and the
// characters that separate values and lines escaped.
func appendCopyRow(b []byte, row []any) ([]byte, error) {
	for i, v := range row {
		if i > 0 {
			b = append(b, '\t')
		}
		switch v := v.(type) {
		case nil:
			b = append(b, '\\', 'N')
		case int64:
			b = strconv.AppendInt(b, v, 10)
		case float64:
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
		case bool:
			if v {
				b = append(b, 't')
			} else {
				b = append(b, 'f')
			}
		case string:
			b = appendCopyText(b, v)
		case []byte:
			b = append(b, `\\x`...)
			b = hex.AppendEncode(b, v)
		default:
			return b, fmt.Errorf("value of type %T in column %d", v, i)
		}
	}
	return append(b, '\n'), nil
}

// appendCopyText appends s with the escapes of COPY's text format.
func appendCopyText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var e byte
		switch s[i] {
		case '\\':
			e = '\\'
		case '\n':
			e = 'n'
		case '\r':
			e = 'r'
		case '\t':
			e = 't'
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, '\\', e)
		start = i + 1
	}
	return append(b, s[start:]...)
}
