package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// dictTerm is one compiled term of a dictionary.
type dictTerm struct {
	text   string   // as written in the dictionary
	parts  []string // its words, normalised and cut as tokens are
	prefix bool     // the last part is a prefix ("gender*")
	across bool     // written with punctuation: matches across the text's punctuation
	theme  int32    // index into Dictionary.Themes
}

// key identifies terms that match the same words.
func (t dictTerm) key() string {
	k := strings.Join(t.parts, " ")
	if t.prefix {
		k += "*"
	}
	return k
}

// termBreakers are the marks that end a phrase in the text. A term that
// holds one ("free, prior and informed consent") matches its words with
// the text's punctuation ignored.
const termBreakers = ",;:!?()[]{}"

// compileTerm checks and compiles one term as written in a dictionary.
func compileTerm(s string) (dictTerm, error) {
	t := dictTerm{text: s}
	switch {
	case s == "":
		return t, fmt.Errorf("empty term: expected a word or phrase")
	case strings.Trim(s, "* \t") == "":
		return t, fmt.Errorf("term %q is only '*': expected a word before the '*'", s)
	}
	body := s
	if n := strings.Count(s, "*"); n > 1 || n == 1 && !strings.HasSuffix(s, "*") {
		return t, fmt.Errorf("term %q has '*' other than at its end: expected '*' only as the last character (prefix match)", s)
	} else if n == 1 {
		body = s[:len(s)-1]
		r, _ := utf8.DecodeLastRuneInString(body)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return t, fmt.Errorf("term %q: expected a letter or digit just before the '*'", s)
		}
		t.prefix = true
	}
	t.across = strings.ContainsAny(body, termBreakers)
	t.parts = appendWordParts(nil, normalizeMatchText(body))
	if len(t.parts) == 0 {
		return t, fmt.Errorf("term %q has no word: expected letters or digits", s)
	}
	return t, nil
}

// matchQuotes makes curly quotes and apostrophes straight, as Token.Norm
// does.
var matchQuotes = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u2033", `"`,
)

// normalizeMatchText case-folds s and makes its quotes straight.
func normalizeMatchText(s string) string {
	return matchQuotes.Replace(strings.ToLower(s))
}

// isSimplePart reports whether w is one part as it stands: lower-case ASCII
// letters and digits only, the common case.
func isSimplePart(w string) bool {
	for i := 0; i < len(w); i++ {
		if b := w[i]; !('a' <= b && b <= 'z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return w != ""
}

// appendWordParts appends the parts of the normalised word w to dst: its
// maximal runs of letters and digits, an apostrophe starting a new part.
// Parts are substrings of w.
func appendWordParts(dst []string, w string) []string {
	if isSimplePart(w) {
		return append(dst, w)
	}
	for _, r := range appendPartBounds(nil, w) {
		dst = append(dst, w[r.lo:r.hi])
	}
	return dst
}

// partBounds are the byte offsets of a part within its word.
type partBounds struct {
	lo, hi int32
}

// appendPartBounds appends the bounds of the parts of w, as appendWordParts
// cuts them, to dst.
func appendPartBounds(dst []partBounds, w string) []partBounds {
	start := -1 // start of the current part, -1 outside one
	alnum := false
	end := func(i int) {
		if start >= 0 && alnum {
			dst = append(dst, partBounds{int32(start), int32(i)})
		}
		start, alnum = -1, false
	}
	for i, r := range w {
		switch {
		case r == '\'':
			end(i)
			start = i
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
			alnum = true
		default:
			end(i)
		}
	}
	end(len(w))
	return dst
}

// isQuoteOnly reports whether a token is made only of quote marks, which
// matching passes over.
func isQuoteOnly(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch r {
		case '"', '\'', '`', '\u2018', '\u2019', '\u201a', '\u201b', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2039', '\u203a':
		default:
			return false
		}
	}
	return true
}

// matcher holds the terms of a dictionary in a byte trie keyed by their
// first part, so that a token costs one walk down the trie however many
// terms there are.
type matcher struct {
	terms  []dictTerm
	themes []string // theme names, index as Dictionary.Themes
	nodes  []trieNode
	// skipMarks: punctuation does not end a phrase (the matcher of the
	// terms written with punctuation).
	skipMarks bool
	// across matches the terms written with punctuation; nil when none is.
	across *matcher
}

// trieNode is one node of the trie of first parts. Its children are held
// densely by byte, from lo on: a lookup is one index.
type trieNode struct {
	lo     byte
	next   []int32 // child by byte lo+i; 0 for none (the root is nobody's child)
	prefix []int32 // one-part prefix terms whose prefix ends here
	exact  []int32 // terms whose first part ends here, matched whole
}

// compileMatcher builds the matcher of themes. Terms that do not compile are
// left out; ParseDictionary has rejected them already.
func compileMatcher(themes []Theme) *matcher {
	m := compileTerms(themes, false)
	if a := compileTerms(themes, true); len(a.terms) > 0 {
		m.across = a
	}
	return m
}

// compileTerms builds the matcher of the terms of themes written with
// punctuation (across) or without.
func compileTerms(themes []Theme, across bool) *matcher {
	m := &matcher{nodes: make([]trieNode, 1), skipMarks: across}
	for ti, th := range themes {
		m.themes = append(m.themes, th.Name)
		for _, s := range th.Terms {
			t, err := compileTerm(strings.TrimSpace(s))
			if err != nil || t.across != across {
				continue
			}
			t.theme = int32(ti)
			id := int32(len(m.terms))
			m.terms = append(m.terms, t)
			n := m.insert(t.parts[0])
			if t.prefix && len(t.parts) == 1 {
				m.nodes[n].prefix = append(m.nodes[n].prefix, id)
			} else {
				m.nodes[n].exact = append(m.nodes[n].exact, id)
			}
		}
	}
	return m
}

// insert adds the path of w to the trie and returns its last node.
func (m *matcher) insert(w string) int32 {
	var n int32
	for i := 0; i < len(w); i++ {
		c := m.child(n, w[i])
		if c < 0 {
			c = int32(len(m.nodes))
			m.nodes = append(m.nodes, trieNode{})
			m.nodes[n].setChild(w[i], c)
		}
		n = c
	}
	return n
}

// setChild makes c the child of the node by byte b, widening its table.
func (t *trieNode) setChild(b byte, c int32) {
	switch {
	case len(t.next) == 0:
		t.lo = b
		t.next = []int32{c}
		return
	case b < t.lo:
		grown := make([]int32, int(t.lo-b)+len(t.next))
		copy(grown[t.lo-b:], t.next)
		t.lo, t.next = b, grown
	case int(b-t.lo) >= len(t.next):
		t.next = append(t.next, make([]int32, int(b-t.lo)+1-len(t.next))...)
	}
	t.next[b-t.lo] = c
}

// child returns the child of node n by byte b, or -1.
func (m *matcher) child(n int32, b byte) int32 {
	t := &m.nodes[n]
	if i := int(b) - int(t.lo); i >= 0 && i < len(t.next) && t.next[i] != 0 {
		return t.next[i]
	}
	return -1
}

// matchPart is one part of a word token of the text: bytes [lo, hi) of the
// token's normalised text. It holds no pointer, so the garbage collector
// need not scan the slice of them.
type matchPart struct {
	tok, lo, hi int32
}

// matchCand is a candidate match: term at parts [p0, p1), tokens [t0, t1).
type matchCand struct {
	term, theme    int32
	p0, p1, t0, t1 int32
}

// matchState is the working memory of one Match call.
type matchState struct {
	m     *matcher
	toks  []Token
	parts []matchPart
	norms map[int32]string // normalised text of tokens that came without Norm
	tmp   []partBounds
	cands []matchCand
	keep  []matchCand
	out   []Match
}

// Match returns every match of every theme in toks, ordered by the position
// of their first token, then by theme order.
//
// Matching compares words, not characters. Each word token is cut into parts
// at hyphens, slashes and other marks inside it, and before an apostrophe
// ("gender-responsive" gives "gender" and "responsive"; "women's" gives
// "women" and "'s"); a term is cut the same way, so a hyphen and a space are
// the same to it. A term of several parts matches consecutive parts; its last
// part may end in "*" and then matches any part that starts with it.
// Comparison is case-insensitive and takes curly quotes and apostrophes for
// straight ones. A match covers whole tokens: "gender*" matches all of
// "gender-responsive".
//
// Punctuation tokens end a phrase: no term matches across a full stop, comma,
// semicolon, colon, bracket, dash or slash standing alone. Tokens made only
// of quote marks are passed over, so "Geneva principles" matches inside
// “Geneva principles” and across a stray quote. A term written with
// punctuation (any of ,;:!?()[]{}) is the exception: it matches its words
// whatever punctuation stands between them, so "free, prior and informed
// consent" matches "free, prior and informed consent" and "free prior and
// informed consent".
//
// Within one theme, matches do not share tokens: the match of most parts
// wins, then the leftmost, then the term listed first. Different themes may
// match the same words.
//
// Matched is the text from the first to the last matched token with one
// space wherever the text had white space. Tokens without Norm are
// normalised from Text. A Dictionary not made by ParseDictionary is compiled
// afresh on every call, its invalid terms left out.
func (d *Dictionary) Match(toks []Token) []Match {
	if d == nil || len(toks) == 0 {
		return nil
	}
	m := d.m
	if m == nil {
		m = compileMatcher(d.Themes)
	}
	out := m.match(toks)
	if m.across != nil {
		out = mergeMatches(out, m.across.match(toks), m.themes)
	}
	return out
}

// mergeMatches merges the matches of the terms written with punctuation
// into the others': within a theme, the match of more tokens wins, then the
// leftmost.
func mergeMatches(a, b []Match, themes []string) []Match {
	if len(b) == 0 {
		return a
	}
	order := make(map[string]int, len(themes))
	for i, t := range themes {
		order[t] = i
	}
	all := append(append([]Match(nil), a...), b...)
	slices.SortStableFunc(all, func(x, y Match) int {
		return cmp.Or(cmp.Compare(order[x.Theme], order[y.Theme]), cmp.Compare(y.Tokens.Len(), x.Tokens.Len()), cmp.Compare(x.Tokens.Start, y.Tokens.Start))
	})
	var keep []Match
next:
	for _, x := range all {
		for _, k := range keep {
			if k.Theme == x.Theme && x.Tokens.Start < k.Tokens.End && k.Tokens.Start < x.Tokens.End {
				continue next
			}
		}
		keep = append(keep, x)
	}
	slices.SortStableFunc(keep, func(x, y Match) int {
		return cmp.Or(cmp.Compare(x.Tokens.Start, y.Tokens.Start), cmp.Compare(order[x.Theme], order[y.Theme]))
	})
	return keep
}

// match returns the matches of m's terms in toks.
func (m *matcher) match(toks []Token) []Match {
	st := matchState{m: m, toks: toks}
	for i := range toks {
		t := &toks[i]
		if !t.Word {
			if m.skipMarks || isQuoteOnly(t.Text) {
				continue
			}
			st.flush()
			continue
		}
		norm := t.Norm
		if norm == "" {
			norm = normalizeMatchText(t.Text)
			if st.norms == nil {
				st.norms = make(map[int32]string)
			}
			st.norms[int32(i)] = norm
		}
		if isSimplePart(norm) {
			st.parts = append(st.parts, matchPart{int32(i), 0, int32(len(norm))})
			continue
		}
		st.tmp = appendPartBounds(st.tmp[:0], norm)
		for _, b := range st.tmp {
			st.parts = append(st.parts, matchPart{int32(i), b.lo, b.hi})
		}
	}
	st.flush()
	return st.out
}

// flush matches the parts gathered since the last phrase break and empties
// them.
func (st *matchState) flush() {
	if len(st.parts) == 0 {
		return
	}
	st.cands = st.cands[:0]
	m := st.m
	for p := range st.parts {
		w := st.part(p)
		var n int32
		for j := 0; j < len(w); j++ {
			if n = m.child(n, w[j]); n < 0 {
				break
			}
			node := &m.nodes[n]
			for _, id := range node.prefix {
				st.cand(id, p)
			}
			if j == len(w)-1 {
				for _, id := range node.exact {
					st.cand(id, p)
				}
			}
		}
	}
	st.resolve()
	st.parts = st.parts[:0]
}

// part returns the text of part p.
func (st *matchState) part(p int) string {
	mp := st.parts[p]
	norm := st.toks[mp.tok].Norm
	if norm == "" {
		norm = st.norms[mp.tok]
	}
	return norm[mp.lo:mp.hi]
}

// cand records term id as a candidate at part p if the rest of its parts
// follow.
func (st *matchState) cand(id int32, p int) {
	t := &st.m.terms[id]
	n := len(t.parts)
	if p+n > len(st.parts) {
		return
	}
	for k := 1; k < n; k++ {
		w := st.part(p + k)
		if k == n-1 && t.prefix {
			if !strings.HasPrefix(w, t.parts[k]) {
				return
			}
		} else if w != t.parts[k] {
			return
		}
	}
	st.cands = append(st.cands, matchCand{
		term: id, theme: t.theme,
		p0: int32(p), p1: int32(p + n),
		t0: st.parts[p].tok, t1: st.parts[p+n-1].tok + 1,
	})
}

// resolve keeps, per theme, the longest non-overlapping candidates and
// appends them to the output in order of position, then theme.
func (st *matchState) resolve() {
	c := st.cands
	if len(c) == 0 {
		return
	}
	slices.SortFunc(c, func(a, b matchCand) int {
		return cmp.Or(cmp.Compare(a.theme, b.theme), cmp.Compare(a.p0, b.p0),
			cmp.Compare(b.p1, a.p1), cmp.Compare(a.term, b.term))
	})
	st.keep = st.keep[:0]
	for i := 0; i < len(c); {
		// A cluster is a run of candidates of one theme whose tokens chain
		// into each other; candidates of different clusters cannot clash.
		end, j := c[i].t1, i+1
		for ; j < len(c) && c[j].theme == c[i].theme && c[j].t0 < end; j++ {
			end = max(end, c[j].t1)
		}
		if j-i == 1 {
			st.keep = append(st.keep, c[i])
			i = j
			continue
		}
		cl := c[i:j]
		slices.SortFunc(cl, func(a, b matchCand) int {
			return cmp.Or(cmp.Compare(b.p1-b.p0, a.p1-a.p0), cmp.Compare(a.p0, b.p0), cmp.Compare(a.term, b.term))
		})
		first := len(st.keep)
	next:
		for _, x := range cl {
			for _, k := range st.keep[first:] {
				if x.t0 < k.t1 && k.t0 < x.t1 {
					continue next
				}
			}
			st.keep = append(st.keep, x)
		}
		i = j
	}
	slices.SortFunc(st.keep, func(a, b matchCand) int {
		return cmp.Or(cmp.Compare(a.t0, b.t0), cmp.Compare(a.theme, b.theme))
	})
	for _, k := range st.keep {
		st.out = append(st.out, Match{
			Theme:   st.m.themes[k.theme],
			Term:    st.m.terms[k.term].text,
			Matched: tokenText(st.toks[k.t0:k.t1]),
			Tokens:  Range{int(k.t0), int(k.t1)},
			Bytes:   Range{st.toks[k.t0].Start, st.toks[k.t1-1].End},
		})
	}
}

// tokenText writes tokens as they stand in their text, with one space where
// the text had white space between two of them.
func tokenText(toks []Token) string {
	if len(toks) == 1 {
		return toks[0].Text
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && toks[i-1].End < t.Start {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// Hits returns the theme matches a variant added and removed: a match in
// variant is added when one of its words lies in an inserted part (VarTok of
// an insert or replace span), and a match in base is removed when one of its
// words lies in a deleted part (BaseTok of a delete or replace span). Added
// hits come first in variant order, then removed hits in base order.
func Hits(d *Dictionary, base, variant []Token, spans []Span) []Hit {
	ins := spanTokens(len(variant), spans, true)
	del := spanTokens(len(base), spans, false)
	var hits []Hit
	if ins != nil {
		for _, m := range d.Match(variant) {
			if touchesChanged(variant, ins, m.Tokens) {
				hits = append(hits, Hit{Match: m, Change: ChangeAdded})
			}
		}
	}
	if del != nil {
		for _, m := range d.Match(base) {
			if touchesChanged(base, del, m.Tokens) {
				hits = append(hits, Hit{Match: m, Change: ChangeRemoved})
			}
		}
	}
	return hits
}

// spanTokens marks the tokens of a text of n tokens that spans inserted
// (inserted true: the variant's) or deleted (the base's). It returns nil when
// none is.
func spanTokens(n int, spans []Span, inserted bool) []bool {
	var mark []bool
	for _, s := range spans {
		r := s.BaseTok
		ok := s.Op == OpDelete || s.Op == OpReplace
		if inserted {
			r = s.VarTok
			ok = s.Op == OpInsert || s.Op == OpReplace
		}
		lo, hi := max(r.Start, 0), min(r.End, n)
		if !ok || lo >= hi {
			continue
		}
		if mark == nil {
			mark = make([]bool, n)
		}
		for i := lo; i < hi; i++ {
			mark[i] = true
		}
	}
	return mark
}

// touchesChanged reports whether one of the word tokens of r is marked.
func touchesChanged(toks []Token, mark []bool, r Range) bool {
	for i := max(r.Start, 0); i < r.End && i < len(toks); i++ {
		if mark[i] && toks[i].Word {
			return true
		}
	}
	return false
}
