package parse

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug returns the document name made of s: its letters and digits, of every
// script, in Unicode normal form C and lower case, with single hyphens
// between words and none at either end. Combining marks stay with the letter
// they follow (Devanagari vowel signs, Arabic vowel marks), apostrophes join
// the parts of a word ("WGIG’s" gives "wgigs") and any other character
// separates words. Slug returns "" when s holds no letter or digit: such a
// string cannot name a document.
//
// URLs carry the name percent-encoded; the name itself is what the user
// gave, so that "Ελληνικά" and "日本語" name documents of their own.
func Slug(s string) string {
	var b strings.Builder
	pendingHyphen, inWord := false, false
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen, inWord = false, true
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.M, r) && inWord && !pendingHyphen:
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == 'ʼ':
			// An apostrophe joins the parts of a word.
		default:
			pendingHyphen, inWord = true, false
		}
	}
	// Lowering a letter can leave a sequence that composes further.
	return norm.NFC.String(b.String())
}

// FileBase returns the last element of a path written with slashes or
// backslashes, as browsers send the file names of uploads from Windows.
func FileBase(path string) string {
	path = strings.TrimRight(path, `/\`)
	return path[strings.LastIndexAny(path, `/\`)+1:]
}
