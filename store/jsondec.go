package store

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Load reads the spans, hits and texts of a document as one JSON array per
// comparison or paragraph, which the database builds (json_group_array on
// SQLite, json_agg on PostgreSQL): a million rows read one by one through
// SQLite's driver cost several times what the database takes to aggregate
// them. The decoder below reads those arrays, knowing their shape, much
// faster than encoding/json.

// decoder reads one aggregated column. Its methods do nothing once an error
// is recorded; the caller checks err at the end.
type decoder struct {
	s   string
	i   int
	err error
}

// fail records the first error, at the current offset.
func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("aggregated data at byte %d: %s", d.i, fmt.Sprintf(format, args...))
	}
}

// skipSpace steps over JSON white space.
func (d *decoder) skipSpace() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// expect consumes the byte c.
func (d *decoder) expect(c byte) {
	if d.err != nil {
		return
	}
	d.skipSpace()
	if d.i >= len(d.s) || d.s[d.i] != c {
		d.fail("want %q", c)
		return
	}
	d.i++
}

// open consumes the '[' that starts an array.
func (d *decoder) open() { d.expect('[') }

// more reports whether the array being read has another element, consuming
// the ',' before it or the ']' that ends the array. first says whether no
// element of the array was read yet.
func (d *decoder) more(first bool) bool {
	if d.err != nil {
		return false
	}
	d.skipSpace()
	if d.i >= len(d.s) {
		d.fail("unterminated array")
		return false
	}
	if d.s[d.i] == ']' {
		d.i++
		return false
	}
	if !first {
		if d.s[d.i] != ',' {
			d.fail("want ',' or ']'")
			return false
		}
		d.i++
	}
	return true
}

// end checks that the array is over, consuming its ']'.
func (d *decoder) end() {
	if d.more(false) {
		d.fail("array longer than expected")
	}
}

// sep consumes the ',' before the next element of a fixed-length array.
func (d *decoder) sep() { d.expect(',') }

// int reads an integer.
func (d *decoder) int() int {
	if d.err != nil {
		return 0
	}
	d.skipSpace()
	neg := false
	if d.i < len(d.s) && d.s[d.i] == '-' {
		neg = true
		d.i++
	}
	start := d.i
	n := 0
	for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
		if n > (math.MaxInt-9)/10 {
			d.fail("integer out of range")
			return 0
		}
		n = n*10 + int(d.s[d.i]-'0')
		d.i++
	}
	if d.i == start {
		d.fail("want an integer")
		return 0
	}
	if d.i < len(d.s) && (d.s[d.i] == '.' || d.s[d.i] == 'e' || d.s[d.i] == 'E') {
		d.fail("want an integer, not a fraction")
		return 0
	}
	if neg {
		return -n
	}
	return n
}

// str reads a string. Without escapes it is a substring of the column, not
// a copy.
func (d *decoder) str() string {
	if d.err != nil {
		return ""
	}
	d.expect('"')
	if d.err != nil {
		return ""
	}
	start := d.i
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case '"':
			d.i++
			return d.s[start : d.i-1]
		case '\\':
			return d.escaped(start)
		}
		d.i++
	}
	d.fail("unterminated string")
	return ""
}

// escaped reads the rest of a string that started at start and has an
// escape at the current offset.
func (d *decoder) escaped(start int) string {
	var b strings.Builder
	b.WriteString(d.s[start:d.i])
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return b.String()
		case c != '\\':
			b.WriteByte(c)
			d.i++
			continue
		}
		d.i++
		if d.i >= len(d.s) {
			break
		}
		e := d.s[d.i]
		d.i++
		switch e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r := d.hex4()
			if utf16.IsSurrogate(r) && strings.HasPrefix(d.s[d.i:], `\u`) {
				d.i += 2
				r = utf16.DecodeRune(r, d.hex4())
			}
			if d.err != nil {
				return ""
			}
			b.WriteRune(r)
		default:
			d.fail("unknown escape \\%c", e)
			return ""
		}
	}
	d.fail("unterminated string")
	return ""
}

// hex4 reads the four hex digits of a \u escape.
func (d *decoder) hex4() rune {
	if d.i+4 > len(d.s) {
		d.fail("short \\u escape")
		return utf8.RuneError
	}
	n, err := strconv.ParseUint(d.s[d.i:d.i+4], 16, 16)
	if err != nil {
		d.fail("bad \\u escape")
		return utf8.RuneError
	}
	d.i += 4
	return rune(n)
}

// done checks that nothing but white space follows the value read, and
// returns the first error.
func (d *decoder) done() error {
	if d.err != nil {
		return d.err
	}
	d.skipSpace()
	if d.i != len(d.s) {
		d.fail("trailing data")
	}
	return d.err
}

// fields reads the values of one item in turn: from a JSON array (decoder)
// or from a line of COPY's text format (copyLine).
type fields interface {
	sep()                      // steps over the separator before the next value
	int() int                  // reads an integer
	str() string               // reads a string, which may share memory with the row
	intern(in interned) string // reads a string and returns in's copy
}

// interned shares one copy of each string among the items of a Load: the
// themes, terms, kinds... of a million hits and spans repeat, and a string
// read from an aggregated column would keep the whole column in memory.
type interned map[string]string

// get returns in's copy of s.
func (in interned) get(s string) string {
	if c, ok := in[s]; ok {
		return c
	}
	s = strings.Clone(s)
	in[s] = s
	return s
}

// bytes returns in's copy of the string of b.
func (in interned) bytes(b []byte) string {
	if c, ok := in[string(b)]; ok {
		return c
	}
	s := string(b)
	in[s] = s
	return s
}

func (d *decoder) intern(in interned) string { return in.get(d.str()) }
