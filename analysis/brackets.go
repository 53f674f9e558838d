package analysis

// BracketedRanges returns the byte ranges of text inside square brackets,
// brackets included, outermost only: negotiators bracket wording not yet
// agreed. A bracket left open runs to the end of the text; a closing
// bracket without an opening one is ignored.
func BracketedRanges(text string) []Range {
	var out []Range
	depth, start := 0, 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '[':
			if depth == 0 {
				start = i
			}
			depth++
		case ']':
			if depth == 0 {
				continue
			}
			depth--
			if depth == 0 {
				out = append(out, Range{start, i + 1})
			}
		}
	}
	if depth > 0 {
		out = append(out, Range{start, len(text)})
	}
	return out
}

// bracketedWords counts the words of toks, the tokens of text, that lie
// inside square brackets.
func bracketedWords(text string, toks []Token) int {
	ranges := BracketedRanges(text)
	n, r := 0, 0
	for _, t := range toks {
		for r < len(ranges) && ranges[r].End <= t.Start {
			r++
		}
		if r == len(ranges) {
			break
		}
		if t.Word && t.Start >= ranges[r].Start && t.End <= ranges[r].End {
			n++
		}
	}
	return n
}
