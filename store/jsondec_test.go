package store

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestDecodeEscapes(t *testing.T) {
	// Escapes SQLite's and PostgreSQL's JSON writers may use.
	d := decoder{s: `"\/\b\f\u00e9\ud834\udd1e\u2013 \"q\" \\ \n\r\t\u0001"`}
	if got, want := d.str(), "/\b\fé𝄞– \"q\" \\ \n\r\t\x01"; got != want || d.done() != nil {
		t.Errorf("decoded %q (%v), want %q", got, d.done(), want)
	}
}

// TestDecodeSpaced reads arrays as PostgreSQL's json_agg writes them, with
// spaces after the commas.
func TestDecodeSpaced(t *testing.T) {
	d := decoder{s: ` [[0, "gender", -7], [1, "a b", 12]] `}
	var got []string
	d.open()
	for first := true; d.more(first); first = false {
		d.open()
		n := d.int()
		d.sep()
		s := d.str()
		d.sep()
		m := d.int()
		d.end()
		got = append(got, strconv.Itoa(n)+"|"+s+"|"+strconv.Itoa(m))
	}
	if err := d.done(); err != nil || strings.Join(got, ";") != "0|gender|-7;1|a b|12" {
		t.Errorf("decoded %q (%v)", got, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
		read           func(d *decoder)
	}{
		{"not an array", `{}`, "want '['", func(d *decoder) { d.open() }},
		{"unterminated array", `[1,2`, "unterminated array", func(d *decoder) {
			d.open()
			for first := true; d.more(first); first = false {
				d.int()
			}
		}},
		{"array too long", `[1,2]`, "longer than expected", func(d *decoder) { d.open(); d.int(); d.end() }},
		{"fraction for an integer", `1.5`, "not a fraction", func(d *decoder) { d.int() }},
		{"integer out of range", `99999999999999999999`, "out of range", func(d *decoder) { d.int() }},
		{"no integer", `"x"`, "want an integer", func(d *decoder) { d.int() }},
		{"unterminated string", `"abc`, "unterminated string", func(d *decoder) { d.str() }},
		{"unknown escape", `"a\qb"`, "unknown escape", func(d *decoder) { d.str() }},
		{"short unicode escape", `"\u00"`, "escape", func(d *decoder) { d.str() }},
		{"trailing data", `1 2`, "trailing data", func(d *decoder) { d.int() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &decoder{s: tt.in}
			tt.read(d)
			err := d.done()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestCopyLines reads COPY's text format as PostgreSQL writes it, split
// across writes anywhere.
func TestCopyLines(t *testing.T) {
	out := "1\t-2\tgender\\tequality\\\\ \\n\\r\\b\\f\\v\n3\t4\t\n"
	for split := range len(out) {
		var got []string
		w := &lineWriter{fn: func(c *copyLine) error {
			a, b, s := c.int(), c.int(), c.str()
			got = append(got, strconv.Itoa(a)+"|"+strconv.Itoa(b)+"|"+s)
			return nil
		}}
		if _, err := w.Write([]byte(out[:split])); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(out[split:])); err != nil {
			t.Fatal(err)
		}
		want := "1|-2|gender\tequality\\ \n\r\b\f\v;3|4|"
		if strings.Join(got, ";") != want || len(w.buf) != 0 {
			t.Fatalf("split at %d: read %q, want %q", split, strings.Join(got, ";"), want)
		}
	}
	for _, bad := range []string{"x\n", "1\n", "\\N\n"} {
		w := &lineWriter{fn: func(c *copyLine) error { c.int(); c.str(); return nil }}
		if _, err := w.Write([]byte(bad)); err == nil {
			t.Errorf("line %q read without error", bad)
		}
	}
}

// TestCopyRowRoundTrip writes rows in COPY's text format and reads them back.
func TestCopyRowRoundTrip(t *testing.T) {
	texts := []string{"", "plain", "tab\there", "back\\slash", "new\nline\r\n", `\N`, "é – “q”"}
	var b []byte
	var err error
	for i, s := range texts {
		if b, err = appendCopyRow(b, []any{int64(i), s}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	w := &lineWriter{fn: func(c *copyLine) error { c.int(); got = append(got, c.str()); return nil }}
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\x00") != strings.Join(texts, "\x00") {
		t.Errorf("read back %q, want %q", got, texts)
	}
	if _, err := appendCopyRow(nil, []any{struct{}{}}); err == nil {
		t.Error("a value of an unknown type was written")
	}
}

func TestCopyBytea(t *testing.T) {
	var got [][]byte
	w := &lineWriter{fn: func(c *copyLine) error {
		b := c.bytea()
		if b != nil {
			b = append([]byte{}, b...)
		}
		got = append(got, b)
		return nil
	}}
	if _, err := w.Write([]byte("\\\\x00ff10\n\\N\n\\\\x\n")); err != nil {
		t.Fatal(err)
	}
	if want := [][]byte{{0, 0xff, 0x10}, nil, nil}; !reflect.DeepEqual(got, want) {
		t.Fatalf("read %#v, want %#v", got, want)
	}
	for _, bad := range []string{"00ff\n", "\\\\x0\n", "\\\\xzz\n", "\\x00\n"} {
		w := &lineWriter{fn: func(c *copyLine) error { c.bytea(); return nil }}
		if _, err := w.Write([]byte(bad)); err == nil {
			t.Errorf("bytea %q read without error", bad)
		}
	}
}
