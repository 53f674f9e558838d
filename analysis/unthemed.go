package analysis

import (
	"strings"
	"unicode/utf8"
)

// maxUnthemedWords is the length beyond which an unthemed phrase is cut at
// its stopwords: long insertions are kept, but as their content-bearing
// pieces, which recur across variants where the whole run would not.
const maxUnthemedWords = 6

// unthemedPhrases returns the phrases a variant added that no theme matched, one
// string per occurrence in text order, lower-cased (Token.Norm) and joined
// by single spaces. A phrase is a maximal run of consecutive inserted words
// (VarTok of insert and replace spans) that no added hit covers; punctuation
// ends it. Stopwords are trimmed from both ends and runs of stopwords only
// are dropped. A run longer than six words is cut at each of its stopwords
// into shorter phrases.
func unthemedPhrases(variant []Token, spans []Span, hits []Hit) []string {
	return unthemedPhrasesWith(variant, spans, hits, isStopword)
}

// unthemedPhrasesWith is unthemedPhrases with stop telling the stopwords
// (see stopSet).
func unthemedPhrasesWith(variant []Token, spans []Span, hits []Hit, stop func(string) bool) []string {
	ins := spanTokens(len(variant), spans, true)
	if ins == nil {
		return nil
	}
	for _, h := range hits {
		if h.Change != ChangeAdded {
			continue
		}
		for i := max(h.Tokens.Start, 0); i < h.Tokens.End && i < len(ins); i++ {
			ins[i] = false
		}
	}
	var out, run []string
	for i, t := range variant {
		if ins[i] && t.Word && !itemMarkerAt(variant, i) {
			run = append(run, unthemedWord(t))
			continue
		}
		out = appendUnthemed(out, run, stop)
		run = run[:0]
	}
	return appendUnthemed(out, run, stop)
}

// itemMarkerAt reports whether toks[i] numbers or letters an item rather
// than saying anything: "57", "new(b", or the "c" of "c)". Such words end a
// phrase, as punctuation does, and are not counted as vocabulary.
func itemMarkerAt(toks []Token, i int) bool {
	word := toks[i].Norm
	if strings.ContainsAny(word, "()") || strings.Trim(word, "0123456789.") == "" {
		return true
	}
	return utf8.RuneCountInString(word) == 1 && i+1 < len(toks) && toks[i+1].Text == ")"
}

// unthemedWord returns the normalised text of a word token.
func unthemedWord(t Token) string {
	if t.Norm != "" {
		return t.Norm
	}
	return normalizeMatchText(t.Text)
}

// appendUnthemed appends the phrases of one run of words to out, stop
// telling its stopwords.
func appendUnthemed(out, run []string, stop func(string) bool) []string {
	run = trimStopwords(run, stop)
	if len(run) == 0 {
		return out
	}
	if len(run) <= maxUnthemedWords {
		return append(out, strings.Join(run, " "))
	}
	start := 0
	for i, w := range run {
		if stop(w) {
			if start < i {
				out = append(out, strings.Join(run[start:i], " "))
			}
			start = i + 1
		}
	}
	if start < len(run) {
		out = append(out, strings.Join(run[start:], " "))
	}
	return out
}

// trimStopwords drops the words stop tells from both ends of run.
func trimStopwords(run []string, stop func(string) bool) []string {
	for len(run) > 0 && stop(run[0]) {
		run = run[1:]
	}
	for len(run) > 0 && stop(run[len(run)-1]) {
		run = run[:len(run)-1]
	}
	return run
}
