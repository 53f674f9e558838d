package analysis

import (
	"math/bits"
	"slices"
)

// outcomeText is the outcome's text of a paragraph as uptake judges it: its
// tokens, its changes from the base and their theme hits. For a paragraph
// the outcome merged into another, it is the merged paragraph's.
type outcomeText struct {
	toks   []Token
	spans  []Span
	hits   []Hit
	absent bool // the outcome has no text for the paragraph
	// ix and themes are the words the outcome inserted, indexed, and the
	// theme hits it added; built by index.
	ix     *wordIndex
	themes map[string]int
}

// index builds out's ix and themes, once, counting the work on mt.
func (out *outcomeText) index(mt *meter) error {
	if out.ix != nil || out.absent {
		return nil
	}
	var outWords []string
	for _, s := range out.spans {
		outWords = append(outWords, words(out.toks, s.VarTok)...)
	}
	out.ix = newWordIndex(outWords)
	if !mt.spend(len(outWords)) {
		return mt.stopped()
	}
	out.themes = map[string]int{}
	for _, h := range out.hits {
		if h.Change == ChangeAdded {
			out.themes[h.Theme]++
		}
	}
	return nil
}

// wordIndex is the sequence of words the outcome inserted in a paragraph
// with, for each distinct word, its positions in ascending order, so that
// "the next occurrence of w after position i" costs a binary search.
type wordIndex struct {
	words []string
	at    map[string][]int32
}

// newWordIndex indexes words.
func newWordIndex(words []string) *wordIndex {
	ix := &wordIndex{words: words, at: make(map[string][]int32)}
	for j, w := range words {
		ix.at[w] = append(ix.at[w], int32(j))
	}
	return ix
}

// next returns the first position of w after position after, or -1.
func (ix *wordIndex) next(w string, after int) int {
	occ := ix.at[w]
	i, _ := slices.BinarySearch(occ, int32(after)+1)
	if i == len(occ) {
		return -1
	}
	return int(occ[i])
}

// searchCost is what one call of next costs in steps: a binary search over
// at most all the words.
func (ix *wordIndex) searchCost() int {
	return bits.Len(uint(len(ix.words))) + 1
}

// judge gives the verdict on a proposal's inserted words against the words
// the outcome inserted in the same paragraph (indexed by ix), and how many
// of them the outcome took, in order: the length of their longest common
// subsequence. Function words alone ("and", "the") do not make an insertion
// partly adopted: they are in most insertions.
//
// The verdict costs O(k log M) for k proposed words and M outcome words:
// the words are all taken, in order, exactly when matching each with its
// next occurrence after the previous match takes them all, and some content
// word is taken exactly when one occurs at all. Only a partly adopted
// insertion needs the longest common subsequence for its count (see
// commonSubsequence).
func judge(proposed []string, ix *wordIndex, mt *meter) (Verdict, int) {
	cost := ix.searchCost()
	if !mt.spend(len(proposed) * cost) {
		return VerdictNotAdopted, 0
	}
	if greedyMatch(proposed, ix) == len(proposed) {
		return VerdictAdopted, len(proposed)
	}
	content := false
	for _, w := range proposed {
		if !isStopword(w) && len(ix.at[w]) > 0 {
			content = true
			break
		}
	}
	if !content {
		return VerdictNotAdopted, 0
	}
	return VerdictPartly, commonSubsequence(proposed, ix, mt)
}

// greedyMatch matches each word of a with its next occurrence in ix after
// the previous match, and returns how many it matched: all of a exactly
// when a is a subsequence of the indexed words, else a lower bound of the
// longest common subsequence.
func greedyMatch(a []string, ix *wordIndex) int {
	n, pos := 0, -1
	for _, w := range a {
		if q := ix.next(w, pos); q >= 0 {
			pos = q
			n++
		}
	}
	return n
}

// maxSubsequenceCells bounds the steps commonSubsequence spends on one
// insertion: past it (an insertion of thousands of words, partly adopted
// into an outcome of thousands) the greedy ordered match is used instead, a
// lower bound of the longest, so one huge paragraph cannot stall an
// analysis.
const maxSubsequenceCells = 4 << 20

// commonSubsequence returns the length of the longest common subsequence of
// a and the words of ix, by whichever of two exact methods costs less:
//
//   - the textbook table, len(a) x M cells for M indexed words;
//   - for a shorter than the words, the sparse method that keeps, for each
//     length l, the earliest position in the words at which a common
//     subsequence of length l of the words of a seen so far can end, and
//     extends it with each next word of a through the index: len(a) x L
//     look-ups for a result L, independent of M.
//
// When both would cost more than maxSubsequenceCells steps it returns the
// greedy ordered match, a lower bound.
func commonSubsequence(a []string, ix *wordIndex, mt *meter) int {
	b := ix.words
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	table := len(a) * len(b)
	sparse := len(a) * len(a) * ix.searchCost()
	switch {
	case table <= sparse && table <= maxSubsequenceCells:
		if !mt.spend(table) {
			return 0
		}
		return tableSubsequence(a, b)
	case sparse <= maxSubsequenceCells:
		return sparseSubsequence(a, ix, mt)
	}
	return greedyMatch(a, ix)
}

// tableSubsequence fills the table of the longest common subsequence of a
// and b one row at a time.
func tableSubsequence(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// sparseSubsequence returns the length of the longest common subsequence of
// a and the words of ix. end[l] is the earliest position of the words at
// which a common subsequence of length l can end; each word of a, in turn,
// may extend each length by one through its next occurrence after end[l].
// Lengths are visited from the longest down, so a word extends a
// subsequence that does not use it already.
func sparseSubsequence(a []string, ix *wordIndex, mt *meter) int {
	end := make([]int, 1, len(a)+1)
	end[0] = -1
	cost := ix.searchCost()
	for _, w := range a {
		if len(ix.at[w]) == 0 {
			continue
		}
		if !mt.spend(len(end) * cost) {
			return 0
		}
		for l := len(end) - 1; l >= 0; l-- {
			q := ix.next(w, end[l])
			switch {
			case q < 0:
			case l+1 == len(end):
				end = append(end, q)
			case q < end[l+1]:
				end[l+1] = q
			}
		}
	}
	return len(end) - 1
}

// words returns the normalised words of toks within rng.
func words(toks []Token, rng Range) []string {
	var ws []string
	for _, t := range toks[rng.Start:rng.End] {
		if t.Word {
			ws = append(ws, t.Norm)
		}
	}
	return ws
}

// mergeUptake gathers the uptake of every paragraph in document order and
// sums the theme uptake per proposal, in dictionary order.
func mergeUptake(r *Result, work []paragraphWork) ([]SpanUptake, []ThemeUptake) {
	var spans []SpanUptake
	sums := map[int]map[string]*ThemeUptake{}
	for _, w := range work {
		spans = append(spans, w.spans...)
		for _, t := range w.themes {
			m := sums[t.Proposal]
			if m == nil {
				m = map[string]*ThemeUptake{}
				sums[t.Proposal] = m
			}
			s := m[t.Theme]
			if s == nil {
				s = &ThemeUptake{Proposal: t.Proposal, Theme: t.Theme}
				m[t.Theme] = s
			}
			s.Proposed += t.Proposed
			s.Adopted += t.Adopted
			s.Pending += t.Pending
		}
	}
	var themes []ThemeUptake
	for _, v := range r.Proposals() {
		for _, name := range r.Dictionary.Names() {
			if s := sums[v][name]; s != nil {
				themes = append(themes, *s)
			}
		}
	}
	return spans, themes
}
