package dashboard

import (
	"html"
	"html/template"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"amendlens/analysis"
)

// matchText returns the theme matches of text under dict, in text order.
func (s *server) matchText(dict *analysis.Dictionary, text string) []analysis.Match {
	if text == "" {
		return nil
	}
	ms := dict.Match(s.tokenizer.Tokenize(text))
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Bytes.Start < ms[j].Bytes.Start })
	return ms
}

// marker writes texts as HTML with theme matches highlighted and
// square-bracketed (unagreed) wording shaded.
type marker struct {
	b      strings.Builder
	themes map[string]themeInfo

	// bracketsOf and brackets cache the bracketed ranges of the text
	// last written.
	bracketsOf string
	brackets   []analysis.Range
}

// escape writes text[a:e] escaped, the parts inside square brackets in
// <span class="bracketed">. It writes the innermost pieces, so the spans
// nest inside any <ins>, <del> or <mark> around them.
func (m *marker) escape(text string, a, e int) {
	if m.bracketsOf != text {
		m.bracketsOf, m.brackets = text, analysis.BracketedRanges(text)
	}
	for _, r := range m.brackets {
		s, t := max(r.Start, a), min(r.End, e)
		if s >= t {
			continue
		}
		m.b.WriteString(html.EscapeString(text[a:s]))
		m.b.WriteString(`<span class="bracketed" title="in square brackets: not agreed">`)
		m.b.WriteString(html.EscapeString(text[s:t]))
		m.b.WriteString("</span>")
		a = t
	}
	if a < e {
		m.b.WriteString(html.EscapeString(text[a:e]))
	}
}

// clamp keeps a byte range inside text and on rune boundaries.
func clamp(text string, r analysis.Range) (int, int) {
	a, b := r.Start, r.End
	if a < 0 {
		a = 0
	}
	if b > len(text) {
		b = len(text)
	}
	if a > b {
		a = b
	}
	for a > 0 && a < len(text) && !utf8.RuneStart(text[a]) {
		a--
	}
	for b > 0 && b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	return a, b
}

// text writes text[a:end] escaped, wrapping the parts that matches cover in
// a focusable <mark> with the theme's class and label, which the
// stylesheet shows in text on focus. Overlapping matches are cut at
// the first one's end.
func (m *marker) text(text string, a, end int, ms []analysis.Match) {
	cur := a
	for _, mt := range ms {
		s, e := clamp(text, mt.Bytes)
		if s < cur {
			s = cur
		}
		if e > end {
			e = end
		}
		if s >= e {
			continue
		}
		m.escape(text, cur, s)
		t, ok := m.themes[mt.Theme]
		if !ok {
			t = themeInfo{Name: mt.Theme, Label: mt.Theme}
		}
		m.b.WriteString(`<mark class="hit`)
		if t.Class != "" {
			m.b.WriteString(" " + t.Class)
		}
		// The theme is also in data-theme, which the stylesheet shows in
		// text on focus and hover: a keyboard cannot reach a title.
		label := html.EscapeString(t.Label + ": " + mt.Term)
		m.b.WriteString(`" title="` + label + `" tabindex="0" data-theme="` + label + `">`)
		m.escape(text, s, e)
		m.b.WriteString("</mark>")
		cur = e
	}
	if cur < end {
		m.escape(text, cur, end)
	}
}

// html returns what was written. Everything written went through
// html.EscapeString or is one of the fixed tags above.
func (m *marker) html() template.HTML {
	return template.HTML(m.b.String())
}

// plainHTML renders text with its theme matches highlighted.
func plainHTML(text string, ms []analysis.Match, themes map[string]themeInfo) template.HTML {
	m := &marker{themes: themes}
	m.text(text, 0, len(text), ms)
	return m.html()
}

// diffHTML renders a variant's text with the base's deleted words in <del>
// where they were, its inserted words in <ins>, and theme matches of both
// texts highlighted. The spans' byte ranges index base and variant.
func diffHTML(base, variant string, spans []analysis.Span, baseMs, varMs []analysis.Match, themes map[string]themeInfo) template.HTML {
	m := &marker{themes: themes}
	sorted := append([]analysis.Span(nil), spans...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].VarBytes.Start < sorted[j].VarBytes.Start })
	cur := 0
	for _, sp := range sorted {
		vs, ve := clamp(variant, sp.VarBytes)
		if vs < cur {
			continue // overlaps the previous span: not a well-formed diff
		}
		m.text(variant, cur, vs, varMs)
		if bs, be := clamp(base, sp.BaseBytes); be > bs {
			// Keep the deleted words apart from the words around them.
			deleted := base[bs:be]
			if vs > 0 && !endsInSpace(variant[:vs]) && !startsWithSpace(deleted) {
				m.b.WriteByte(' ')
			}
			m.b.WriteString("<del>")
			m.text(base, bs, be, baseMs)
			m.b.WriteString("</del>")
			if startsWithWord(variant[vs:]) && !endsInSpace(deleted) {
				m.b.WriteByte(' ')
			}
		}
		if ve > vs {
			m.b.WriteString("<ins>")
			m.text(variant, vs, ve, varMs)
			m.b.WriteString("</ins>")
		}
		cur = ve
	}
	m.text(variant, cur, len(variant), varMs)
	return m.html()
}

func endsInSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func startsWithWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// excerpt returns text[r] trimmed, or "" for an empty range; a range that
// runs past the text is cut to it, and one that cuts a character widened
// to whole characters (byte ranges are not checked when a stored analysis
// is loaded). The uptake page's sliceText differs on purpose: it shows the
// text as the downloads have it.
func excerpt(text string, r analysis.Range) string {
	a, b := clamp(text, r)
	return strings.TrimSpace(text[a:b])
}
