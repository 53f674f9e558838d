package parse

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// StripHidden returns s without its hidden characters and how many it
// removed: format characters (Unicode category Cf: zero-width spaces and
// joiners, soft hyphens, byte order marks, bidi controls...) and control
// characters but tab and line feed (C0, DEL, C1: escape, bell, carriage
// return...). They are invisible, yet a zero-width space inside a word
// ("gen\u200Bder") would split it in two, make it differ from the same word
// in another variant and hide it from the dictionary, and an escape
// written to a terminal drives it.
func StripHidden(s string) (string, int) {
	first := -1
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
				first = i
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if IsHidden(r) {
			first = i
			break
		}
		i += size
	}
	if first < 0 {
		return s, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	n := 0
	for _, r := range s[first:] {
		if IsHidden(r) {
			n++
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), n
}

// IsHidden reports whether RemoveHidden removes r.
func IsHidden(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r) && r != '\t' && r != '\n'
}

// removeHidden removes the format characters of every text of the
// document err did not fail, counting them in Paragraph.Hidden. The parsers
// call it last, so that the texts stored and shown are those tokenized and
// every offset into them holds.
func removeHidden(doc *Document, err error) (*Document, error) {
	if err != nil {
		return doc, err
	}
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		for v, t := range p.Texts {
			clean, n := StripHidden(t)
			if n == 0 {
				continue
			}
			// The white space the characters stood beside is the edge of
			// the text now: "\u0600 \u0600" leaves no text.
			clean = strings.TrimSpace(clean)
			if p.Hidden == nil {
				p.Hidden = make([]int, len(p.Texts))
			}
			p.Texts[v], p.Hidden[v] = clean, n
		}
		if p.Hidden == nil || p.Texts[0] != "" {
			continue
		}
		// A text of format characters alone is no text: the base's makes
		// the paragraph new, and a paragraph with no text left is an error,
		// as it would be without them.
		if !slices.ContainsFunc(p.Texts, func(t string) bool { return t != "" }) {
			return nil, Errorf(doc.Source, p.Line, "paragraph %s has no text, only hidden format characters (zero-width spaces, direction marks...)", Quote(p.ID))
		}
		p.New = true
	}
	return doc, nil
}
