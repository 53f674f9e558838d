package analysis

// UptakeCount is what the outcome made of the insertions of one proposal
// that carry one theme: how many were adopted, reworded, partly adopted, not adopted
// are pending, or lie where a partial stage has no text (out of scope).
// The uptake charts, their tables, the uptake CSV and the
// uptake page all count with UptakeByTheme, so they show the same numbers.
type UptakeCount struct {
	Proposal   int // variant index
	Theme      string
	Adopted    int
	Partly     int
	NotAdopted int
	Pending    int
	OutOfScope int
	Reworded   int
	// Words are the words those insertions proposed, WordsAdopted those of
	// them the stage inserted too (SpanUptake.Words and Adopted).
	Words, WordsAdopted int
}

// Share returns the part of the proposed words the stage inserted too,
// false when the insertions proposed none.
func (u UptakeCount) Share() (float64, bool) {
	if u.Words == 0 {
		return 0, false
	}
	return float64(u.WordsAdopted) / float64(u.Words), true
}

// Proposed returns the insertions counted: the total of the verdicts.
func (u UptakeCount) Proposed() int {
	return u.Adopted + u.Partly + u.NotAdopted + u.Pending + u.OutOfScope + u.Reworded
}

// Of returns how many insertions got verdict v.
func (u UptakeCount) Of(v Verdict) int {
	switch v {
	case VerdictAdopted:
		return u.Adopted
	case VerdictReworded:
		return u.Reworded
	case VerdictPartly:
		return u.Partly
	case VerdictNotAdopted:
		return u.NotAdopted
	case VerdictOutOfScope:
		return u.OutOfScope
	case VerdictPending:
		return u.Pending
	}
	return 0
}

// add counts one insertion with verdict v.
func (u *UptakeCount) add(v Verdict) {
	switch v {
	case VerdictAdopted:
		u.Adopted++
	case VerdictPartly:
		u.Partly++
	case VerdictReworded:
		u.Reworded++
	case VerdictNotAdopted:
		u.NotAdopted++
	case VerdictOutOfScope:
		u.OutOfScope++
	default:
		u.Pending++
	}
}

// UptakeByTheme counts, per proposal and theme (proposal-major, then the
// dictionary's order), the proposal's insertions that carry at least one
// added hit of the theme, by verdict. An insertion with hits of two themes
// counts once for each. It returns nil when the document has no outcome.
func (r *Result) UptakeByTheme() []UptakeCount { return r.UptakeCounts(r.SpanUptake) }

// UptakeCounts counts spans (SpanUptake, or the verdicts of another stage
// from UptakeAt) as UptakeByTheme does.
func (r *Result) UptakeCounts(spans []SpanUptake) []UptakeCount {
	if r.Outcome == 0 {
		return nil
	}
	names := r.Dictionary.Names()
	props := r.Proposals()
	out := make([]UptakeCount, 0, len(props)*len(names))
	at := make(map[int]int, len(props)) // proposal -> index of its first row
	index := make(map[string]int, len(names))
	for i, n := range names {
		index[n] = i
	}
	for _, p := range props {
		at[p] = len(out)
		for _, n := range names {
			out = append(out, UptakeCount{Proposal: p, Theme: n})
		}
	}
	for _, u := range spans {
		first, ok := at[u.Proposal]
		if !ok {
			continue
		}
		c := r.Comparison(u.Paragraph, u.Proposal)
		for _, theme := range InsertionThemes(c, u.Span, names) {
			row := &out[first+index[theme]]
			row.add(u.Verdict)
			row.Words += u.Words
			row.WordsAdopted += u.Adopted
		}
	}
	return out
}

// InsertionThemes returns the themes, in the order of names, of the added
// hits of c that lie in the inserted words of span i.
func InsertionThemes(c *Comparison, i int, names []string) []string {
	s := c.Spans[i]
	found := map[string]bool{}
	for _, h := range c.Hits {
		if h.Change == ChangeAdded && h.Tokens.Start < s.VarTok.End && s.VarTok.Start < h.Tokens.End {
			found[h.Theme] = true
		}
	}
	if len(found) == 0 {
		return nil
	}
	var out []string
	for _, n := range names {
		if found[n] {
			out = append(out, n)
		}
	}
	return out
}
