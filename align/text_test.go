package align

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"

	"amendlens/norm"
)

// referenceTokens is alignTokens as first written, rune by rune through
// unicode: the ASCII fast path must give the same hashes.
func referenceTokens(text string) []uint64 {
	var toks []uint64
	var word []byte
	flush := func() {
		if len(word) > 0 {
			toks = append(toks, norm.Hash(string(word)))
			word = word[:0]
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = utf8.AppendRune(word, norm.Rune(r))
		case unicode.IsSpace(r):
			flush()
		default:
			flush()
			var b [utf8.UTFMax]byte
			n := utf8.EncodeRune(b[:], norm.Rune(r))
			toks = append(toks, norm.Hash(string(b[:n]))^0x5bd1e995)
		}
	}
	flush()
	return toks
}

func FuzzAlignTokens(f *testing.F) {
	for _, s := range []string{"We reaffirm the “Geneva principles”, 2003.", "Ünïcode ÉTATS-membres\u00a0and\ttabs\n", "\x85\v\f\r x", "ǅ İstanbul ß", "\xff\xfe bad"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := alignTokens(s), referenceTokens(s); !slices.Equal(got, want) {
			t.Fatalf("alignTokens(%q) = %v, want %v", s, got, want)
		}
	})
}
