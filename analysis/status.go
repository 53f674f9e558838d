package analysis

import (
	"regexp"
	"strings"
)

// Working papers mark a paragraph's status in its text: "(Agreed)" or
// "(Agreed ad ref.)" after it once the negotiators agreed it, "[Deleted]"
// in place of a paragraph dropped. The marks are metadata, not words: a
// parser removes them and records them (see Paragraph.Agreed), so that
// they are neither counted as inserted words nor read as a heading.
var (
	// agreedMark is an agreed mark at the end of a text.
	agreedMark = regexp.MustCompile(`(?i)\s*\(\s*agreed(?:\s+ad\s+ref(?:\.|erendum)?)?\s*\)\s*$`)
	// deletedMark is a text that is the mark of a deleted paragraph alone.
	deletedMark = regexp.MustCompile(`(?i)^[\[(]?\s*deleted\s*[\])]?\.?$`)
)

// cutAgreed returns text without a trailing agreed mark, and whether it had
// one.
func cutAgreed(text string) (string, bool) {
	loc := agreedMark.FindStringIndex(text)
	if loc == nil {
		return text, false
	}
	return text[:loc[0]], true
}

// isDeletedMark reports whether text is only the mark of a deleted
// paragraph ("[Deleted]").
func isDeletedMark(text string) bool {
	return deletedMark.MatchString(strings.TrimSpace(text))
}

// markStatus removes the status marks of every text of doc: an agreed mark
// is recorded in Paragraph.Agreed, a text that is a deleted mark alone
// becomes absent. A paragraph left with no text in any variant is dropped.
func markStatus(doc *Document) *Document {
	out := doc.Paragraphs[:0]
	for _, p := range doc.Paragraphs {
		for v, t := range p.Texts {
			if isDeletedMark(t) {
				p.Texts[v] = ""
				continue
			}
			if cut, ok := cutAgreed(t); ok && strings.TrimSpace(cut) != "" {
				p.Texts[v] = strings.TrimRight(cut, " \t\n")
				markAgreed(&p, v, true)
			}
		}
		if hasText(p.Texts) {
			out = append(out, p)
		}
	}
	doc.Paragraphs = out
	return doc
}
