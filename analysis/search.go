package analysis

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SearchHit is one place a search's term matched a text: its paragraph
// and variant, the words matched as written, their byte range in the
// text, and the words around them (keyword in context).
type SearchHit struct {
	Paragraph int // index into Document.Paragraphs
	Variant   int // index into Document.Variants, the base 0
	Matched   string
	Bytes     Range
	Left      string // up to KWICWords words of text before (see KWIC)
	Right     string // up to KWICWords words of text after
}

// KWICWords is how many words of context a hit shows on either side.
const KWICWords = 8

// maxQueryBytes bounds a search term.
const maxQueryBytes = 200

// Search finds f.Query in every text of r, the base's included, that f's
// variant, section and paragraph let through, in document order and, in a
// paragraph, by variant. The query is written as a dictionary term is: a
// word or a phrase, case and quotes folded, its punctuation ignored, a
// final * for any ending ("right*"). A query that is no term is an error
// of kind FailBadRequest saying why.
func (r *Result) Search(f Filter) ([]SearchHit, error) {
	q := strings.TrimSpace(f.Query)
	if len(q) > maxQueryBytes {
		return nil, Fail(FailBadRequest, fmt.Sprintf("search: a term of %d bytes, the limit is %d: expected a word or a phrase", len(q), maxQueryBytes))
	}
	if _, err := compileTerm(q); err != nil {
		return nil, Fail(FailBadRequest, "search: "+err.Error())
	}
	themes := []Theme{{Name: "query", Terms: []string{q}}}
	d := &Dictionary{Themes: themes, m: compileMatcher(themes)}
	t := &tableRun{r: r, f: f, sections: sectionIndex(r.Document)}
	tok := NewTokenizer()
	var out []SearchHit
	for p := range r.Document.Paragraphs {
		if !t.paragraph(p) {
			continue
		}
		for v, text := range r.Document.Paragraphs[p].Texts {
			if strings.TrimSpace(text) == "" || !t.variant(v) {
				continue
			}
			for _, m := range d.Match(tok.Tokenize(text)) {
				left, right := KWIC(text, m.Bytes.Start, m.Bytes.End, KWICWords)
				out = append(out, SearchHit{Paragraph: p, Variant: v, Matched: m.Matched, Bytes: m.Bytes, Left: left, Right: right})
			}
		}
	}
	return out, nil
}

// sectionIndex maps each section's ID to its index in d.Sections.
func sectionIndex(d *Document) map[string]int {
	m := make(map[string]int, len(d.Sections))
	for i, s := range d.Sections {
		m[s.ID] = i
	}
	return m
}

// KWIC returns up to n words of text before byte a and after byte b,
// each run of white space one space, with one space where the words meet
// text[a:b] when the text has one there: the context of a keyword. It
// reads only the n words on each side, however long the text.
func KWIC(text string, a, b, n int) (left, right string) {
	var lw []string
	i := a
	for len(lw) < n {
		i = spaceBefore(text, i)
		j := i
		for i > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:i])
			if unicode.IsSpace(r) {
				break
			}
			i -= size
		}
		if i == j {
			break
		}
		lw = append(lw, text[i:j])
	}
	slices.Reverse(lw)
	var rw []string
	i = b
	for len(rw) < n {
		i = spaceAfter(text, i)
		j := i
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += size
		}
		if i == j {
			break
		}
		rw = append(rw, text[j:i])
	}
	left, right = strings.Join(lw, " "), strings.Join(rw, " ")
	if left != "" && spaceBefore(text, a) < a {
		left += " "
	}
	if right != "" && spaceAfter(text, b) > b {
		right = " " + right
	}
	return left, right
}

// spaceBefore returns the start of the white space that ends at byte i.
func spaceBefore(text string, i int) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// spaceAfter returns the end of the white space that starts at byte i.
func spaceAfter(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// searchRows writes a row per hit of the filter's query, none without one.
func searchRows(t *tableRun) error {
	if strings.TrimSpace(t.f.Query) == "" {
		return nil
	}
	hits, err := t.r.Search(t.f)
	if err != nil {
		return err
	}
	for _, h := range hits {
		para := &t.r.Document.Paragraphs[h.Paragraph]
		t.start()
		t.add(para.Section, para.ID, t.r.Document.Variants[h.Variant], t.f.Query, h.Matched, h.Left, h.Right)
		t.addInt(h.Bytes.Start, h.Bytes.End)
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}
