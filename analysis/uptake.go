package analysis

// outcomeText is the outcome's text of a paragraph as uptake judges it: its
// tokens and its changes from the base. For a paragraph the outcome merged
// into another, it is the merged paragraph's.
type outcomeText struct {
	toks     []Token
	spans    []Span
	hits     []Hit
	absent   bool // the outcome has no text for the paragraph
	complete bool // the outcome is a complete text (Options.OutcomeComplete)
}

// paragraphUptake judges, for paragraph p, what the outcome made of each
// insertion of each proposal, and counts theme hits proposed and adopted.
// toks holds the tokens of every variant's text of the paragraph. Where a
// complete outcome has no text, the insertions are not adopted; where an
// incomplete one has none, they are pending.
func paragraphUptake(r *Result, p int, toks [][]Token, out outcomeText) ([]SpanUptake, []ThemeUptake) {
	pending := out.absent && !out.complete
	var outWords []string
	outThemes := map[string]int{}
	for _, s := range out.spans {
		outWords = append(outWords, words(out.toks, s.VarTok)...)
	}
	for _, h := range out.hits {
		if h.Change == ChangeAdded {
			outThemes[h.Theme]++
		}
	}
	var spans []SpanUptake
	var themes []ThemeUptake
	for _, v := range r.Proposals() {
		c := r.Comparison(p, v)
		for i, s := range c.Spans {
			if s.Added == 0 {
				continue
			}
			u := SpanUptake{Paragraph: p, Proposal: v, Span: i, Words: s.Added, Verdict: VerdictPending}
			if !pending {
				u.Verdict, u.Adopted = judge(words(toks[v], s.VarTok), outWords)
			}
			spans = append(spans, u)
		}
		proposed := map[string]int{}
		for _, h := range c.Hits {
			if h.Change == ChangeAdded {
				proposed[h.Theme]++
			}
		}
		for _, name := range r.Dictionary.Names() {
			n := proposed[name]
			if n == 0 {
				continue
			}
			t := ThemeUptake{Proposal: v, Theme: name}
			if pending {
				t.Pending = n
			} else {
				t.Proposed = n
				t.Adopted = min(n, outThemes[name])
			}
			themes = append(themes, t)
		}
	}
	return spans, themes
}

// judge gives the verdict on a proposal's inserted words against the words
// the outcome inserted in the same paragraph, and how many of them the
// outcome took, in order. Function words alone ("and", "the") do not make an
// insertion partly adopted: they are in most insertions.
func judge(proposed, outcome []string) (Verdict, int) {
	all := commonSubsequence(proposed, outcome, func(string) bool { return true })
	if all == len(proposed) {
		return VerdictAdopted, all
	}
	if commonSubsequence(proposed, outcome, func(w string) bool { return !isStopword(w) }) > 0 {
		return VerdictPartly, all
	}
	return VerdictNotAdopted, 0
}

// maxSubsequenceCells bounds the table commonSubsequence fills: past it
// (two insertions of a few thousand words each) an ordered greedy match is
// used instead, so one huge paragraph cannot stall an analysis.
const maxSubsequenceCells = 4 << 20

// commonSubsequence returns the length of the longest common subsequence of
// a and b counting only the words of a that keep accepts. Insertions are
// short, so the quadratic table is small; for very long ones the result is
// the length of a greedy ordered match, a lower bound of the longest.
func commonSubsequence(a, b []string, keep func(string) bool) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a)*len(b) > maxSubsequenceCells {
		return greedySubsequence(a, b, keep)
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		k := keep(a[i])
		for j := range b {
			switch {
			case k && a[i] == b[j]:
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

// greedySubsequence matches each kept word of a with its next occurrence in
// b after the previous match, in time linear in len(a)+len(b) (plus the
// occurrences skipped).
func greedySubsequence(a, b []string, keep func(string) bool) int {
	at := map[string][]int{}
	for j, w := range b {
		at[w] = append(at[w], j)
	}
	n, pos := 0, -1
	for _, w := range a {
		if !keep(w) {
			continue
		}
		occ := at[w]
		for len(occ) > 0 && occ[0] <= pos {
			occ = occ[1:]
		}
		at[w] = occ
		if len(occ) > 0 {
			pos = occ[0]
			n++
		}
	}
	return n
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
