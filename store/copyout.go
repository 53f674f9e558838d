package store

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/stdlib"
)

// On PostgreSQL, Load reads the large tables (cells, spans, hits) with COPY
// (SELECT ...) TO STDOUT in text format, in the order of their primary
// key: the server writes those lines faster than it builds JSON, and the
// store reads them with copyLine below.

// copyOut runs query, a COPY ... TO STDOUT in text format, on t's
// connection, and calls row with each line.
func copyOut(ctx context.Context, t *txn, query string, row func(*copyLine) error) error {
	w := &lineWriter{fn: row}
	err := t.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("connection is a %T, not pgx's", dc)
		}
		_, err := c.Conn().PgConn().CopyTo(ctx, w, query)
		return err
	})
	if err == nil {
		err = w.err
	}
	if err == nil && len(w.buf) > 0 {
		err = fmt.Errorf("COPY output ends in a line without its end")
	}
	return err
}

// lineWriter splits what COPY writes into lines.
type lineWriter struct {
	fn   func(*copyLine) error
	buf  []byte
	line copyLine
	err  error
}

func (w *lineWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	data := p
	if len(w.buf) > 0 {
		w.buf = append(w.buf, p...)
		data = w.buf
	}
	for {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			break
		}
		w.line = copyLine{b: data[:end]}
		if err := w.fn(&w.line); err != nil {
			w.err = err
			return 0, err
		}
		if w.line.err != nil {
			w.err = w.line.err
			return 0, w.err
		}
		data = data[end+1:]
	}
	w.buf = append(w.buf[:0], data...)
	return len(p), nil
}

// copyLine reads the values of one line of COPY's text format, in turn.
// It implements fields.
type copyLine struct {
	b       []byte // what is left of the line
	scratch []byte
	err     error
}

// next returns the raw bytes of the next value.
func (c *copyLine) next() []byte {
	if c.err != nil {
		return nil
	}
	if c.b == nil {
		c.err = fmt.Errorf("COPY line: fewer values than expected")
		return nil
	}
	i := bytes.IndexByte(c.b, '\t')
	if i < 0 {
		v := c.b
		c.b = nil
		return v
	}
	v := c.b[:i]
	c.b = c.b[i+1:]
	return v
}

func (c *copyLine) sep() {}

func (c *copyLine) int() int {
	v := c.next()
	if c.err != nil {
		return 0
	}
	neg := len(v) > 0 && v[0] == '-'
	if neg {
		v = v[1:]
	}
	if len(v) == 0 || len(v) > 18 {
		c.err = fmt.Errorf("COPY line: want an integer, not %q", v)
		return 0
	}
	n := 0
	for _, d := range v {
		if d < '0' || d > '9' {
			c.err = fmt.Errorf("COPY line: want an integer, not %q", v)
			return 0
		}
		n = n*10 + int(d-'0')
	}
	if neg {
		n = -n
	}
	return n
}

// text returns the next value unescaped; it may share memory with the line
// or the scratch buffer.
func (c *copyLine) text() []byte {
	v := c.next()
	if c.err != nil || bytes.IndexByte(v, '\\') < 0 {
		return v
	}
	if len(v) == 2 && v[1] == 'N' {
		c.err = fmt.Errorf("COPY line: NULL where text is expected")
		return nil
	}
	out := c.scratch[:0]
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' || i+1 == len(v) {
			out = append(out, v[i])
			continue
		}
		i++
		switch e := v[i]; e {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'v':
			out = append(out, '\v')
		default:
			out = append(out, e) // \\ and any other escaped byte stand for themselves
		}
	}
	c.scratch = out
	return out
}

func (c *copyLine) str() string { return string(c.text()) }

// bytea returns the next value, a bytea in hex, decoded; nil for NULL (and
// maybe for an empty bytea, which items never are). It
// may share memory with the scratch buffer.
func (c *copyLine) bytea() []byte {
	v := c.next()
	switch {
	case c.err != nil:
		return nil
	case string(v) == `\N`:
		return nil
	case !bytes.HasPrefix(v, []byte(`\\x`)):
		c.err = fmt.Errorf("COPY line: want a bytea in hex, not %.20q", v)
		return nil
	}
	out, err := hex.AppendDecode(c.scratch[:0], v[3:])
	if err != nil {
		c.err = fmt.Errorf("COPY line: bytea: %w", err)
		return nil
	}
	c.scratch = out
	return out
}

func (c *copyLine) intern(in interned) string {
	b := c.text()
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := strings.Clone(string(b))
	in[s] = s
	return s
}
