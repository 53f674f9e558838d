package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/tokenize"
)

// Tokenizer splits prose into Tokens. It wraps prose's English tokenizer
// (github.com/jdkato/prose/v3/tokenize), which keeps hyphenated words whole,
// splits clitics ("it's" -> "it" "'s") and reports byte offsets into the
// untouched input, and refines its output where negotiated texts need it
// (see Tokenize).
//
// A Tokenizer is safe for concurrent use by several goroutines: prose's
// tokenizer is never written after construction (its affix lists, its
// compiled regular expression and its emoticon table are only read), and
// Tokenizer adds no state of its own.
type Tokenizer struct {
	prose *tokenize.Tokenizer
}

// NewTokenizer returns a Tokenizer with prose's default English rules.
func NewTokenizer() *Tokenizer {
	return &Tokenizer{prose: tokenize.New()}
}

// Tokenize splits text into tokens in text order. Every token satisfies
// text[t.Start:t.End] == t.Text; white space is never part of a token.
//
// On top of prose's rules, marks that prose leaves attached to a word are
// split off as tokens of their own so that a quoted or dashed word compares
// equal to the bare word: a leading straight apostrophe ('sustainable'), quotes
// and primes prose does not know (‛ „ ‚ « » ‹ › ′ ″ `), the ellipsis (…), braces,
// and en and em dashes, also inside a token ("word—word"). Hyphens stay inside
// words ("multi-stakeholder"), as do clitics prose split off ("’s", "n't"): a
// token glued to the word before it keeps its leading apostrophe.
func (t *Tokenizer) Tokenize(text string) []Token {
	raw := t.prose.Tokenize(text)
	toks := make([]Token, 0, len(raw))
	for i, r := range raw {
		glued := i > 0 && raw[i-1].End() == r.Start && hasWordRune(raw[i-1].Text)
		toks = appendRefined(toks, r.Text, r.Start, glued)
	}
	return toks
}

// CountWords returns how many of toks are words.
func CountWords(toks []Token) int {
	n := 0
	for i := range toks {
		if toks[i].Word {
			n++
		}
	}
	return n
}

// appendRefined appends the tokens of one prose token s found at byte offset
// start, splitting off the marks prose leaves attached (see Tokenize). glued
// says s directly follows a word, as a split-off clitic does.
func appendRefined(toks []Token, s string, start int, glued bool) []Token {
	if !needsRefining(s) {
		return append(toks, newToken(s, start))
	}
	// Leading marks, one token each.
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if n == len(s) || !leadingMark(r, glued) {
			break
		}
		toks = append(toks, newToken(s[:n], start))
		s, start = s[n:], start+n
	}
	// Trailing marks, collected from the end and appended after the core.
	end := len(s)
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:end])
		if n == end || !(isDetached(r) || r == '\'') {
			break
		}
		end -= n
	}
	core, tail := s[:end], s[end:]
	// Dashes inside the core separate words.
	for len(core) > 0 {
		i := indexDash(core)
		if i < 0 {
			toks = append(toks, newToken(core, start))
			break
		}
		if i > 0 {
			toks = append(toks, newToken(core[:i], start))
		}
		_, n := utf8.DecodeRuneInString(core[i:])
		toks = append(toks, newToken(core[i:i+n], start+i))
		core, start = core[i+n:], start+i+n
	}
	start += len(core)
	for len(tail) > 0 {
		_, n := utf8.DecodeRuneInString(tail)
		toks = append(toks, newToken(tail[:n], start))
		tail, start = tail[n:], start+n
	}
	return toks
}

// needsRefining reports whether s may hold a mark that appendRefined splits
// off. Most tokens are plain ASCII words and take the fast path.
func needsRefining(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\'' && i == 0, c == '`', c == '{', c == '}':
			return true
		}
	}
	return false
}

// leadingMark reports whether r starting a token is a mark of its own. An
// apostrophe is one unless the token is glued to a word, as a clitic is.
func leadingMark(r rune, glued bool) bool {
	if r == '\'' || r == '’' {
		return !glued
	}
	return isDetached(r)
}

// isDetached reports whether r is a mark that never belongs to a word: a
// quote, prime, brace, ellipsis or dash that prose leaves attached.
func isDetached(r rune) bool {
	switch r {
	case '‛', '‟', '„', '‚', '«', '»', '‹', '›', '′', '″', '‵', '‶', '`', '{', '}', '…',
		'‘', '’', '“', '”':
		return true
	}
	return isDash(r)
}

// isDash reports whether r is an en, em or horizontal-bar dash. Hyphens
// (-, ‐, ‑) are not dashes: they join the parts of one word.
func isDash(r rune) bool {
	return r == '–' || r == '—' || r == '―'
}

// indexDash returns the byte index of the first dash in s, or -1.
func indexDash(s string) int {
	return strings.IndexFunc(s, isDash)
}

// hasWordRune reports whether s has a letter or a digit.
func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// newToken returns the token s found at byte offset start.
func newToken(s string, start int) Token {
	return Token{Text: s, Norm: normalize(s), Start: start, End: start + len(s), Word: hasWordRune(s)}
}

// normalize returns s lower-cased, with curly and other typographic quotes,
// apostrophes and primes made straight (' and ") and Unicode hyphens made
// '-', so that spellings that differ only in typography compare equal. It
// returns s itself, without allocating, when nothing changes.
func normalize(s string) string {
	ascii, upper := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return s
		}
		return strings.ToLower(s)
	}
	return strings.Map(normalizeRune, s)
}

// normalizeRune maps one rune for normalize.
func normalizeRune(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′', '‵', '‹', '›', 'ʼ', '＇':
		return '\''
	case '“', '”', '„', '‟', '″', '‶', '«', '»', '＂':
		return '"'
	case '‐', '‑':
		return '-'
	}
	return unicode.ToLower(r)
}
