package analysis

import (
	"strings"
	"unicode/utf8"
)

// maxUnthemedWords is the length beyond which an unthemed phrase is cut at
// its stopwords: long insertions are kept, but as their content-bearing
// pieces, which recur across variants where the whole run would not.
const maxUnthemedWords = 6

// isStopword reports whether the normalised word w is an English function
// word ("the", "of", "and"): it carries no theme or content of its own, so
// unthemed phrases are trimmed of it.
func isStopword(w string) bool {
	switch w {
	case "a", "about", "all", "also", "an", "and", "any", "are", "as", "at",
		"be", "been", "being", "both", "but", "by", "can", "could", "did", "do",
		"does", "each", "for", "from", "had", "has", "have", "in", "into", "is",
		"it", "its", "may", "might", "must", "no", "nor", "not", "of", "on",
		"onto", "or", "other", "our", "shall", "should", "so", "such", "than",
		"that", "the", "their", "them", "these", "they", "this", "those", "to",
		"upon", "us", "was", "we", "were", "which", "while", "who", "whom",
		"whose", "will", "with", "would", "'s", "there", "where", "when", "if",
		"i", "you", "he", "she", "his", "her", "then",
		// Words that join or frame a clause, and carry no content of
		// their own: the unthemed list's most frequent entries else.
		"among", "amongst", "through", "throughout", "including", "new", "within",
		"without", "between", "towards", "toward", "across", "against", "under",
		"over", "further", "more", "most", "very", "only", "own", "same", "every",
		"well", "how", "what", "why", "per", "via", "whether", "since", "until",
		"after", "before", "during", "regarding", "concerning", "particular",
		"particularly", "especially", "inter", "alia", "etc":
		return true
	}
	return false
}

// unthemedPhrases returns the phrases a variant added that no theme matched, one
// string per occurrence in text order, lower-cased (Token.Norm) and joined
// by single spaces. A phrase is a maximal run of consecutive inserted words
// (VarTok of insert and replace spans) that no added hit covers; punctuation
// ends it. Stopwords are trimmed from both ends and runs of stopwords only
// are dropped. A run longer than six words is cut at each of its stopwords
// into shorter phrases.
func unthemedPhrases(variant []Token, spans []Span, hits []Hit) []string {
	return unthemedPhrasesWith(variant, spans, hits, nil)
}

// unthemedPhrasesWith is unthemedPhrases with the words of extra (a
// dictionary's own stopwords, normalised) taken for stopwords too.
func unthemedPhrasesWith(variant []Token, spans []Span, hits []Hit, extra map[string]bool) []string {
	stop := func(w string) bool { return isStopword(w) || extra[w] }
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
