package parse

import (
	"regexp"
	"strings"
)

// Working papers mark a paragraph's status in its text: "(Agreed)" or
// "(Agreed ad ref.)" after it once the negotiators agreed it, "[Deleted]"
// in place of a paragraph dropped. The marks are metadata, not words: a
// parser removes them and records them (see Paragraph.Agreed), so that
// they are neither counted as inserted words nor read as a heading.
// deletedMark is a text that is the mark of a deleted paragraph alone.
var deletedMark = regexp.MustCompile(`(?i)^[\[(]?\s*deleted\s*[\])]?\.?$`)

// agreedMarks are the agreed marks, inside their parentheses, lower case,
// spaces single.
var agreedMarks = map[string]bool{"agreed": true, "agreed ad ref": true, "agreed ad ref.": true, "agreed ad referendum": true}

// cutAgreed returns text without a trailing agreed mark ("(Agreed)",
// "(Agreed ad ref.)", "(agreed ad referendum)"), and whether it had one. It
// looks at the text's last parenthesis alone, so that it costs no more
// than the mark's length.
func cutAgreed(text string) (string, bool) {
	t := strings.TrimRight(text, " \t\r\n")
	if !strings.HasSuffix(t, ")") {
		return text, false
	}
	open := strings.LastIndexByte(t, '(')
	if open < 0 || len(t)-open > 40 {
		return text, false
	}
	if !agreedMarks[strings.Join(strings.Fields(strings.ToLower(t[open+1:len(t)-1])), " ")] {
		return text, false
	}
	return strings.TrimRight(t[:open], " \t\r\n"), true
}

// isDeletedMark reports whether text is only the mark of a deleted
// paragraph ("[Deleted]").
func isDeletedMark(text string) bool {
	text = strings.TrimSpace(text)
	return len(text) <= 12 && deletedMark.MatchString(text)
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
				MarkAgreed(&p, v, true)
			}
		}
		if hasText(p.Texts) {
			out = append(out, p)
		}
	}
	doc.Paragraphs = out
	return doc
}
