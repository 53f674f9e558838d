package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/tokenize"

	"amendlens/norm"
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
// and en and em dashes, also inside a token ("word—word"); and the full stop
// after a capitalized word of two or three letters ("It.") that is not a
// common abbreviation ("Mr.", see knownAbbreviation). Hyphens stay inside
// words ("multi-stakeholder"), as do clitics prose split off ("’s", "n't"): a
// token glued to the word before it keeps its leading apostrophe.
//
// prose splits each white-space separated field on its own. Fields that are
// plain words, with at most one trailing , ; : or . (most fields of prose),
// are split here directly with the same result, which is several times
// faster; the rest go through prose.
func (t *Tokenizer) Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5+2)
	start := -1 // start of the current field, -1 in white space
	for i := 0; i < len(text); {
		c := text[i]
		size, space := 1, false
		if c < utf8.RuneSelf {
			space = c == ' ' || '\t' <= c && c <= '\r'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			toks = t.field(toks, text[start:i], start)
			start = -1
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		toks = t.field(toks, text[start:], start)
	}
	return toks
}

// field appends the tokens of one white-space separated field f found at
// byte offset start.
func (t *Tokenizer) field(toks []Token, f string, start int) []Token {
	core, suffix := f, ""
	if n := len(f); n > 1 {
		switch f[n-1] {
		case ',', ';', ':', '.':
			core, suffix = f[:n-1], f[n-1:]
		}
	}
	if plain(core) && !(suffix == "." && abbreviation(core) && knownAbbreviation(core)) {
		toks = append(toks, newToken(core, start))
		if suffix != "" {
			toks = append(toks, newToken(suffix, start+len(core)))
		}
		return toks
	}
	for _, r := range t.prose.Tokenize(f) {
		last := len(toks) - 1
		glued := last >= 0 && toks[last].End == start+r.Start && toks[last].Word
		toks = appendRefined(toks, r.Text, start+r.Start, glued)
	}
	return toks
}

// plain reports whether s is made of ASCII letters, digits and hyphens only,
// which prose keeps as one token.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// abbreviation reports whether s followed by a full stop has the shape of
// the abbreviations prose keeps whole ("Mr.", "Art."): a capital and one or
// two small letters.
func abbreviation(s string) bool {
	if len(s) < 2 || len(s) > 3 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// knownAbbreviation reports whether s is a common abbreviation of that
// shape. prose keeps every word of the shape whole with its full stop, so
// "We agree, as do Us." would end in the word "Us."; Tokenize splits the full
// stop off all but these.
func knownAbbreviation(s string) bool {
	switch s {
	case "Mr", "Mrs", "Ms", "Dr", "St", "No", "Nos", "Art", "Vol", "Co", "Inc", "Ltd", "Jr", "Sr",
		"Rev", "Fig", "Sec", "Ch", "Gen", "Gov", "Sen", "Rep", "Mt", "Ave", "Res", "Doc":
		return true
	}
	return false
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
	if n := len(s) - 1; n > 0 && s[n] == '.' && abbreviation(s[:n]) && !knownAbbreviation(s[:n]) {
		return append(toks, newToken(s[:n], start), newToken(s[n:], start+n))
	}
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
	return strings.Map(norm.Rune, s)
}
