package align

// The text side of alignment: paragraphs normalised into token hashes,
// fingerprints and shingles, and the similarities of shingle sets.

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"amendlens/norm"
)

// maxNumberDigits is the most digits of a paragraph number followed by
// text on its line, as the parsers read them: "2005. Tunis" is a year.
const maxNumberDigits = 4

// alignPara is a paragraph normalised for alignment.
type alignPara struct {
	fp       uint64   // hash of every token, 0 for a paragraph without tokens
	toks     []uint64 // hash of each token
	shingles []uint64 // hashes of adjacent token pairs (the token alone for one), sorted
}

// newAlignPara normalises text.
func newAlignPara(text string) alignPara {
	text = stripNumber(strings.TrimSpace(text))
	var p alignPara
	p.toks = alignTokens(text)
	if len(p.toks) == 0 {
		return p
	}
	p.fp = 14695981039346656037
	for _, t := range p.toks {
		p.fp = (p.fp ^ t) * 1099511628211
	}
	if p.fp == 0 {
		p.fp = 1
	}
	p.shingles = shingles(p.toks, nil)
	return p
}

// stripNumber returns text without the number it starts with: "39.",
// "43bis)", "New 12." followed by white space, or a number alone on the
// first line; as the parsers read paragraph numbers, without its regular expressions,
// which cost more than the rest of an alignment.
func stripNumber(text string) string {
	i := 0
	if len(text) >= 3 && strings.EqualFold(text[:3], "new") {
		i = 3
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
	}
	d := i
	for i < len(text) && '0' <= text[i] && text[i] <= '9' {
		i++
	}
	if i == d || i-d > maxNumberDigits {
		return text
	}
	for l := i; i < len(text) && i-l < 6 && ('a' <= text[i] && text[i] <= 'z' || 'A' <= text[i] && text[i] <= 'Z'); i++ {
	}
	if i < len(text) && (text[i] == '.' || text[i] == ')') {
		i++
	} else if i < len(text) && text[i] != '\n' && text[i] != '\r' {
		return text // "2005 was": a number without a dot is a label alone on its line only
	}
	if i < len(text) && !unicode.IsSpace(rune(text[i])) {
		return text
	}
	return strings.TrimSpace(text[i:])
}

// alignTokens returns the hashes of the tokens of text: runs of letters and
// digits, lower-cased, and each other mark on its own, quotes made straight.
// ASCII, most of most texts, is folded without a look-up: aligning a
// chain of stages tokenizes every paragraph once per stage.
func alignTokens(text string) []uint64 {
	toks := make([]uint64, 0, len(text)/6+1)
	const offset, prime = 14695981039346656037, 1099511628211
	h, inWord := uint64(offset), false
	add := func(b byte) { h = (h ^ uint64(b)) * prime }
	flush := func() {
		if inWord {
			toks = append(toks, h)
			h, inWord = offset, false
		}
	}
	mark := func(r rune) {
		var b [utf8.UTFMax]byte
		n := utf8.EncodeRune(b[:], norm.Rune(r))
		toks = append(toks, norm.Hash(string(b[:n]))^0x5bd1e995)
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				add(c)
				inWord = true
			case 'A' <= c && c <= 'Z':
				add(c + 'a' - 'A')
				inWord = true
			case c == ' ' || '\t' <= c && c <= '\r':
				flush()
			default:
				flush()
				mark(rune(c))
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			var b [utf8.UTFMax]byte
			for _, x := range b[:utf8.EncodeRune(b[:], norm.Rune(r))] {
				add(x)
			}
			inWord = true
		case unicode.IsSpace(r):
			flush()
		default:
			flush()
			mark(r)
		}
	}
	flush()
	return toks
}

// shingles appends to dst the sorted hashes of the adjacent pairs of toks,
// or of its one token.
func shingles(toks []uint64, dst []uint64) []uint64 {
	if cap(dst) < len(toks) {
		dst = make([]uint64, 0, len(toks))
	}
	dst = dst[:0]
	if len(toks) == 1 {
		return append(dst, toks[0])
	}
	for i := 1; i < len(toks); i++ {
		dst = append(dst, (toks[i-1]*1099511628211)^(toks[i]+0x9e3779b97f4a7c15))
	}
	slices.Sort(dst)
	return dst
}

// common returns how many elements two sorted multisets share.
func common(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// dice returns the Dice coefficient of two sorted multisets.
func dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(common(a, b)) / float64(len(a)+len(b))
}

// containment returns the share of part found in whole.
func containment(part, whole []uint64) float64 {
	if len(part) == 0 {
		return 0
	}
	return float64(common(part, whole)) / float64(len(part))
}

// joinedAll returns the shingles of the paragraphs idx of ps joined.
func joinedAll(ps []alignPara, idx []int) []uint64 {
	n := 0
	for _, i := range idx {
		n += len(ps[i].toks)
	}
	toks := make([]uint64, 0, n)
	for _, i := range idx {
		toks = append(toks, ps[i].toks...)
	}
	return shingles(toks, nil)
}
