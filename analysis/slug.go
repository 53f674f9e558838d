package analysis

import (
	"strings"
	"unicode"
)

// slugFallback is the slug of a string that keeps nothing.
const slugFallback = "document"

// Slug returns a URL-safe identifier for s: lower-case ASCII letters, digits
// and single hyphens, without a hyphen at either end. Latin letters with
// accents and ligatures are transliterated ("é" to "e", "ß" to "ss"),
// apostrophes are dropped ("WGIG’s" gives "wgigs"), other letters without an
// ASCII form are dropped and any other character separates words. It
// returns "document" when nothing is left, so that a slug is never empty.
func Slug(s string) string {
	var b strings.Builder
	pendingHyphen := false
	emit := func(t string) {
		if pendingHyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		pendingHyphen = false
		b.WriteString(t)
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			emit(string(r))
		case r >= 'A' && r <= 'Z':
			emit(string(r + 'a' - 'A'))
		case r == '\'' || r == '’' || r == 'ʼ':
			// An apostrophe joins the parts of a word.
		default:
			if t, ok := transliterate(r); ok {
				if t != "" {
					emit(t)
				}
				continue
			}
			pendingHyphen = true
		}
	}
	if b.Len() == 0 {
		return slugFallback
	}
	return b.String()
}

// transliterate returns the ASCII spelling of r when r is a letter: its
// transliteration, or "" for a letter without one. ok is false when r is not
// a letter.
func transliterate(r rune) (t string, ok bool) {
	if r < 0x80 {
		return "", false
	}
	if t, ok := latinASCII(r); ok {
		return t, true
	}
	if unicode.IsLetter(r) {
		return "", true
	}
	return "", false
}
