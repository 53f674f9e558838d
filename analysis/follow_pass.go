package analysis

import (
	"cmp"
	"math"
	"slices"
)

// followPair is a pair of stages whose words uptake searches: the words
// the later stage's text inserted against the earlier's, in every row.
type followPair struct {
	from, to int // stage indexes
}

// followPairs returns every stage with proposals paired with every later
// stage, in the order paragraphWork.words holds them.
func followPairs(r *Result) []followPair {
	var pairs []followPair
	last := len(r.Stages) - 1
	for si := range last {
		if len(r.Stages[si].Proposals) == 0 {
			continue
		}
		for sj := si + 1; sj <= last; sj++ {
			pairs = append(pairs, followPair{si, sj})
		}
	}
	return pairs
}

// insertedRows gives, for paragraph p, the words each later stage inserted
// (see followPairs), nil where the row has no text of its own there (a
// row merged into another, whose text the first row of the merge holds).
func insertedRows(r *Result, p int, pairs *pairTexts, merges map[int]mergeCell) ([]*stageWords, error) {
	fp := followPairs(r)
	out := make([]*stageWords, len(fp))
	nv := len(r.Document.Variants)
	for k, pr := range fp {
		from, to := r.Stages[pr.from].Variant, r.Stages[pr.to].Variant
		if m, ok := merges[p*nv+to]; ok && m.into >= 0 {
			continue
		}
		if _, err := pairs.get(from, to); err != nil {
			return nil, err
		}
		if sw := pairs.words(from, to); len(sw.words) > 0 {
			out[k] = sw
		}
	}
	return out, nil
}

// stageIndex is every word a stage inserted against an earlier stage, in
// every row, indexed by the stem of each content word: what the rules
// search for an insertion its own paragraph does not hold.
type stageIndex struct {
	rows  []*stageWords
	at    map[string][]posting
	limit int // postings past which a stem is too common to find candidates by
}

// posting is one occurrence of a stem: rows[row].words[pos].
type posting struct{ row, pos int32 }

// newStageIndex indexes the rows of one pair.
func newStageIndex(rows []*stageWords, mt *meter) *stageIndex {
	ix := &stageIndex{rows: rows, at: map[string][]posting{}}
	n := 0
	for ri, sw := range rows {
		for j, w := range sw.words {
			if isStopword(w) {
				continue
			}
			ix.at[sw.stems[j]] = append(ix.at[sw.stems[j]], posting{int32(ri), int32(j)})
			n++
		}
	}
	mt.spend(n)
	// A stem in more places than the square root of the words is in every
	// other paragraph ("internet", "development"): it finds no candidate,
	// though it counts in the alignment of those the others find.
	ix.limit = max(64, int(math.Sqrt(float64(n))))
	return ix
}

// index returns the stage index of sw's words alone, built once: where
// the rules look for an insertion's words in its own paragraph.
func (sw *stageWords) index(mt *meter) *stageIndex {
	sw.once.Do(func() { sw.ix = newStageIndex([]*stageWords{sw}, mt) })
	return sw.ix
}

// candidate is a window of one row's words where several of an
// insertion's content stems occur.
type candidate struct {
	row, lo, hi int
	stems       int
}

// maxCandidates is how many windows an insertion is aligned with, the
// richest in its stems first.
const maxCandidates = 4

// candidates returns the windows of ix, outside row skip, where at least
// least of p's distinct content stems occur within a stretch of about its
// length, the richest first.
func (ix *stageIndex) candidates(p *proposed, skip, least int, mt *meter) []candidate {
	n := len(p.words)
	width := max(8, n)
	type bucket struct{ row, at int32 }
	count := map[bucket]int{}
	last := map[bucket]int{}
	seen := map[string]bool{}
	id := 0
	for i, st := range p.stems {
		if isStopword(p.words[i]) || seen[st] {
			continue
		}
		seen[st] = true
		id++
		occ := ix.at[st]
		if len(occ) > ix.limit {
			continue
		}
		if !mt.spend(len(occ)) {
			return nil
		}
		for _, o := range occ {
			if ix.rows[o.row].row == skip {
				continue
			}
			// Each occurrence counts in its bucket and the next, so that a
			// stretch across a bucket's edge is found whole.
			for _, b := range []bucket{{o.row, o.pos / int32(width)}, {o.row, o.pos/int32(width) + 1}} {
				if last[b] != id {
					last[b] = id
					count[b]++
				}
			}
		}
	}
	var cs []candidate
	for b, c := range count {
		if c < least {
			continue
		}
		words := len(ix.rows[b.row].words)
		lo := max(0, int(b.at-1)*width-n)
		hi := min(words, int(b.at+1)*width+n)
		cs = append(cs, candidate{row: int(b.row), lo: lo, hi: hi, stems: c})
	}
	slices.SortFunc(cs, func(a, b candidate) int {
		return cmp.Or(b.stems-a.stems, a.row-b.row, a.lo-b.lo)
	})
	return cs[:min(len(cs), maxCandidates)]
}

// rank orders verdicts by how much of an insertion they say came back.
func rank(v Verdict) int {
	switch v {
	case VerdictAdopted:
		return 3
	case VerdictReworded:
		return 2
	case VerdictPartly:
		return 1
	}
	return 0
}

// follow looks for the insertions their own paragraph did not take whole
// in every other paragraph of each later stage: candidates from the stage's
// index, then a local alignment of each. An insertion found there, word for
// word or reworded, takes that verdict, moved, when it says more came back
// than its own paragraph did.
func follow(r *Result, work []paragraphWork, merges map[int]mergeCell, mt *meter) error {
	nv := len(r.Document.Variants)
	for k, pr := range followPairs(r) {
		var ix *stageIndex
		to := r.Stages[pr.to].Variant
		for p := range work {
			for fi := range work[p].fates {
				f := &work[p].fates[fi]
				if f.Stage != pr.from || f.in.content < movedContent || rank(f.Verdicts[pr.to]) == 3 || f.Verdicts[pr.to] == VerdictOutOfScope {
					continue
				}
				if ix == nil {
					var rows []*stageWords
					for q := range work {
						if sw := work[q].words[k]; sw != nil {
							rows = append(rows, sw)
						}
					}
					ix = newStageIndex(rows, mt)
				}
				own := p
				if m, ok := merges[p*nv+to]; ok && m.into >= 0 {
					own = m.into
				}
				best, bestVerdict := (*match)(nil), VerdictNotAdopted
				for _, c := range ix.candidates(f.in, own, movedContent, mt) {
					m := localAlign(f.in, ix.rows[c.row], c.lo, c.hi, mt)
					v := m.verdict(f.in, movedContent)
					if rank(v) > rank(bestVerdict) || rank(v) == rank(bestVerdict) && best != nil && m.weight > best.weight {
						best, bestVerdict = m, v
					}
				}
				if err := mt.stopped(); err != nil {
					return err
				}
				// The counterpart's words win in doubt: words found
				// elsewhere replace its verdict when they are adopted there,
				// or when it took none.
				now := f.Verdicts[pr.to]
				if best == nil || bestVerdict == VerdictNotAdopted || best.content < movedContent ||
					bestVerdict != VerdictAdopted && now != VerdictNotAdopted || rank(bestVerdict) <= rank(now) {
					continue
				}
				rule := RuleMoved
				if bestVerdict == VerdictReworded {
					rule = RuleReworded
				}
				f.Verdicts[pr.to], f.Adopted[pr.to] = bestVerdict, best.exact
				f.Evidence[pr.to] = best.evidence(f.in, rule, true)
			}
		}
	}
	for p := range work {
		work[p].words = nil
		for fi := range work[p].fates {
			work[p].fates[fi].in = nil
		}
	}
	return nil
}
