package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// terminalSafe returns s as it may be written to a terminal: control
// characters (C0 other than tab and newline, DEL, C1), invisible format
// characters (zero-width spaces, bidi controls) and bytes that are not
// UTF-8 are written as Go escapes (\x1b, \u202e, \xff). Names, variant
// names and errors carry text from the documents and dictionaries read,
// and an escape sequence in a column name would otherwise drive the
// terminal that shows it. Every line the commands print that holds such
// text goes through it.
func terminalSafe(s string) string {
	clean := true
	for _, r := range s {
		if escaped(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && escaped(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case escaped(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// reportError prints err as the command's failure, escaped.
func reportError(w io.Writer, err error) {
	fmt.Fprintln(w, "amendlens:", terminalSafe(err.Error()))
}

// escaped reports whether terminalSafe escapes r; utf8.RuneError stands
// for a byte that is not UTF-8 (a real U+FFFD is escaped too, harmlessly).
func escaped(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r == utf8.RuneError:
		return true
	}
	return r >= 0x80 && unicode.Is(unicode.Cf, r)
}
