package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestStringRoundTrip(t *testing.T) {
	tests := []string{
		"",
		"plain words",
		`quotes " and \ backslashes`,
		"control \x00 \x01 \x1f \t \n \r characters",
		"é – “curly” ’ and 𝄞",
		"invalid \xff\xfe UTF-8 \xc3",
		`\u0041 is not an escape here`,
	}
	for _, s := range tests {
		b := appendString(nil, s)
		d := decoder{s: string(b)}
		if got := d.str(); got != s || d.done() != nil {
			t.Errorf("%q encoded as %s decodes to %q (%v)", s, b, got, d.done())
		}
	}
}

func TestDecodeEscapes(t *testing.T) {
	// Escapes a JSON writer other than appendString may use, such as
	// SQLite's when migration 002 converts a database.
	d := decoder{s: `"\/\b\f\u00e9\ud834\udd1e\u2013"`}
	if got, want := d.str(), "/\b\fé𝄞–"; got != want || d.done() != nil {
		t.Errorf("decoded %q (%v), want %q", got, d.done(), want)
	}
}

func TestArrayRoundTrip(t *testing.T) {
	b := append([]byte{'['}, '[')
	b = appendInt(b, -7)
	b = appendFloat(b, 5.0/7)
	b = appendFloat(b, 1e-7)
	b = append(closeArray(b), ',', '[')
	b = append(closeArray(b), ',')
	b = closeArray(b)
	if got, want := string(b), "[[-7,0.7142857142857143,1e-07],[]]"; got != want {
		t.Fatalf("encoded %s, want %s", got, want)
	}
	d := decoder{s: " [ [-7 , 0.7142857142857143,1e-07] ,[ ] ] "}
	d.open()
	if !d.more(true) {
		t.Fatal("no first element")
	}
	d.open()
	n := d.int()
	d.sep()
	f := d.float()
	d.sep()
	g := d.float()
	d.end()
	if !d.more(false) {
		t.Fatal("no second element")
	}
	d.open()
	if d.more(true) {
		t.Error("the second element is not empty")
	}
	if d.more(false) {
		t.Error("a third element")
	}
	if err := d.done(); err != nil || n != -7 || f != 5.0/7 || g != 1e-7 {
		t.Errorf("decoded %d %v %v (%v)", n, f, g, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	syms := []string{"added", "removed"}
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
		{"symbol out of range", `2`, errBadSymbol.Error(), func(d *decoder) { d.symbol(syms) }},
		{"negative symbol", `-1`, errBadSymbol.Error(), func(d *decoder) { d.symbol(syms) }},
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
	d := &decoder{s: `1`}
	if got := d.symbol(syms); got != "removed" || d.done() != nil {
		t.Errorf("symbol 1 of 2: %q, %v", got, d.done())
	}
	d = &decoder{s: `2`}
	if d.symbol(syms); !errors.Is(d.done(), errBadSymbol) {
		t.Errorf("symbol 2 of 2: %v, want errBadSymbol", d.done())
	}
}

func TestSymbols(t *testing.T) {
	var s symbols
	ids := []int{
		s.id(symTheme, "gender"), s.id(symTheme, "gender"), s.id(symTerm, "gender"),
		s.id(symTheme, "access"), s.id(symChange, ""), s.id(symVerdict, ""), s.id(symTheme, "gender"),
	}
	if want := []int{0, 0, 0, 1, 2, 2, 0}; !slices.Equal(ids, want) {
		t.Errorf("ids %v, want %v", ids, want)
	}
	if want := []string{"gender", "access", ""}; !slices.Equal(s.list, want) {
		t.Errorf("symbols %q, want %q", s.list, want)
	}
}
