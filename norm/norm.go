// Package norm holds how amendlens folds text before it compares it,
// shared by the tokenizer and diff of analysis and by align: quotes made
// straight, hyphens one, letters lower-cased, and a word's hash.
package norm

import "unicode"

// Rune folds one rune: curly and angle quotes to straight ones, the
// non-breaking and Unicode hyphens to '-', letters to lower case.
func Rune(r rune) rune {
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

// Hash returns the 64-bit FNV-1a hash of s. Words with different hashes
// differ, so most comparisons of unequal words cost one integer comparison.
func Hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
