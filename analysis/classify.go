package analysis

// classify returns the Kind of span s, a change made by the variant whose
// tokens are variant:
//
//   - a replace is a KindSubstitution and a delete a KindDeletion;
//   - an insert is a KindNewSentence when its words form one or more whole
//     sentences: it starts a sentence (no word precedes it in the variant, or
//     a sentence end . ! ? stands between the previous word and its first
//     word) and it ends one (no word follows it, or a sentence end stands
//     between its last word and the next word) or contains a sentence end
//     itself, as "C. D" does when it joins a new sentence to the head of the
//     next one;
//   - any other insert lies inside a sentence: a KindQualifier when it adds
//     1 to 3 words, a KindClause when it adds 4 or more.
//
// KindNewParagraph is set by Diff itself, for a variant whose base has no
// words.
func classify(s *Span, variant []Token) Kind {
	switch s.Op {
	case OpReplace:
		return KindSubstitution
	case OpDelete:
		return KindDeletion
	}
	if startsSentence(variant, s.VarTok.Start) &&
		(endsSentence(variant, s.VarTok.End) || hasTerminator(variant[s.VarTok.Start:s.VarTok.End])) {
		return KindNewSentence
	}
	if s.Added <= 3 {
		return KindQualifier
	}
	return KindClause
}

// startsSentence reports whether a word at token index i of toks starts a
// sentence: no word comes before it, or a sentence end lies between it and
// the previous word.
func startsSentence(toks []Token, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if toks[k].Word {
			return false
		}
		if isTerminator(toks[k].Text) {
			return true
		}
	}
	return true
}

// endsSentence reports whether a word ending just before token index i of
// toks ends a sentence: no word comes after it, or a sentence end lies
// between it and the next word.
func endsSentence(toks []Token, i int) bool {
	for k := i; k < len(toks); k++ {
		if toks[k].Word {
			return false
		}
		if isTerminator(toks[k].Text) {
			return true
		}
	}
	return true
}

// hasTerminator reports whether toks hold a sentence end.
func hasTerminator(toks []Token) bool {
	for i := range toks {
		if !toks[i].Word && isTerminator(toks[i].Text) {
			return true
		}
	}
	return false
}

// isTerminator reports whether a token ends a sentence: a full stop,
// exclamation or question mark (prose splits each mark off on its own, so
// "Rights.." is "Rights" "." ".").
func isTerminator(s string) bool {
	return s == "." || s == "!" || s == "?"
}
