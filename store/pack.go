package store

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The packed columns of the paragraphs table hold JSON arrays, so that the
// views of migration 002 can unpack them with json_each. Save writes them
// with the appenders below and Load reads them with a decoder that knows
// their shape, both much faster than encoding/json on this data.
//
// The strings of spans, hits and comparisons that repeat (statuses, ops,
// kinds, themes, terms, matched words, changes, verdicts) are written as
// indexes into the document's rows of the symbols table.

// appendString appends s to b as a JSON string. Only '"', '\' and control
// characters are escaped; every other byte, invalid UTF-8 included, is
// copied, so that decodeString gives back exactly s.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			const hex = "0123456789abcdef"
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendInt appends n and a comma.
func appendInt(b []byte, n int) []byte {
	return append(strconv.AppendInt(b, int64(n), 10), ',')
}

// appendFloat appends f in the shortest form that reads back as f, and a
// comma. JSON has no NaN or infinities: the caller rejects them.
func appendFloat(b []byte, f float64) []byte {
	return append(strconv.AppendFloat(b, f, 'g', -1, 64), ',')
}

// closeArray replaces the comma after the last element by ']', or appends
// ']' when the array is empty (b ends with its '[').
func closeArray(b []byte) []byte {
	if b[len(b)-1] == ',' {
		b[len(b)-1] = ']'
		return b
	}
	return append(b, ']')
}

// The kinds of strings a document's symbols hold, each with the last string
// of its kind remembered: consecutive hits mostly repeat their theme, term
// and change, and a comparison of strings that share their bytes is cheaper
// than a map lookup.
const (
	symStatus = iota
	symOp
	symKind
	symTheme
	symTerm
	symMatched
	symChange
	symVerdict
	symKinds
)

// symbols numbers the distinct strings of one document in the order they are
// first met.
type symbols struct {
	index map[string]int
	list  []string
	last  [symKinds]struct {
		str string
		id  int
		set bool
	}
}

// id returns the index of str, a string of kind k, numbering it if it is
// new.
func (s *symbols) id(k int, str string) int {
	last := &s.last[k]
	if last.set && last.str == str {
		return last.id
	}
	i := s.lookup(str)
	last.str, last.id, last.set = str, i, true
	return i
}

// lookup returns the index of str, numbering it if it is new.
func (s *symbols) lookup(str string) int {
	if i, ok := s.index[str]; ok {
		return i
	}
	if s.index == nil {
		s.index = make(map[string]int)
	}
	i := len(s.list)
	s.index[str] = i
	s.list = append(s.list, str)
	return i
}

// decoder reads one packed column. Its methods do nothing once an error is
// recorded; the caller checks err at the end.
type decoder struct {
	s   string
	i   int
	err error
}

// fail records the first error, at the current offset.
func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("packed data at byte %d: %s", d.i, fmt.Sprintf(format, args...))
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

// token returns the bytes of a number.
func (d *decoder) token() string {
	d.skipSpace()
	start := d.i
	for d.i < len(d.s) {
		c := d.s[d.i]
		if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			d.i++
			continue
		}
		break
	}
	return d.s[start:d.i]
}

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

// float reads a number.
func (d *decoder) float() float64 {
	if d.err != nil {
		return 0
	}
	t := d.token()
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		d.fail("want a number: %v", err)
		return 0
	}
	return f
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

// errBadSymbol is wrapped by the errors of packed data that names a symbol
// the document does not have.
var errBadSymbol = errors.New("no such symbol")

// symbol reads a symbol index and returns its string from list.
func (d *decoder) symbol(list []string) string {
	n := d.int()
	if d.err != nil {
		return ""
	}
	if n < 0 || n >= len(list) {
		d.err = fmt.Errorf("packed data at byte %d: %w: %d of %d", d.i, errBadSymbol, n, len(list))
		return ""
	}
	return list[n]
}
