package align

// The steps of Align: anchors, gaps aligned in order, merges and splits
// grown, leftovers matched by similarity.

import (
	"slices"
	"sort"
)

// anchor matches the paragraphs unique in both texts, then aligns the gaps
// between the anchors that are in order.
func (a *aligner) anchor() {
	inBase, inVer := fingerprints(a.base), fingerprints(a.ver)
	var anchors []pair
	for i, p := range a.base {
		if sb, sv := inBase[p.fp], inVer[p.fp]; p.fp != 0 && sb.n == 1 && sv.n == 1 {
			anchors = append(anchors, pair{b: i, v: sv.at, sim: 1})
		}
	}
	for _, p := range anchors {
		a.match([]int{p.b}, []int{p.v}, 1)
	}
	a.gaps(increasing(anchors), 0)
}

// seen counts the paragraphs of a fingerprint, at the last of them.
type seen struct{ n, at int }

// fingerprints counts the fingerprints of ps, paragraphs without tokens
// left out.
func fingerprints(ps []alignPara) map[uint64]seen {
	m := make(map[uint64]seen, len(ps))
	for i, p := range ps {
		if p.fp != 0 {
			m[p.fp] = seen{m[p.fp].n + 1, i}
		}
	}
	return m
}

// increasing returns a longest subsequence of ps (sorted by b) whose v
// increase.
func increasing(ps []pair) []pair {
	tails := []int{} // index in ps of the smallest tail of each length
	prev := make([]int, len(ps))
	for k, p := range ps {
		n := sort.Search(len(tails), func(i int) bool { return ps[tails[i]].v >= p.v })
		if n > 0 {
			prev[k] = tails[n-1]
		} else {
			prev[k] = -1
		}
		if n == len(tails) {
			tails = append(tails, k)
		} else {
			tails[n] = k
		}
	}
	out := make([]pair, len(tails))
	k := -1
	if len(tails) > 0 {
		k = tails[len(tails)-1]
	}
	for i := len(tails) - 1; i >= 0; i-- {
		out[i] = ps[k]
		k = prev[k]
	}
	return out
}

// maxGapCells bounds the dynamic programming of one gap (base paragraphs
// times version paragraphs); a larger gap is first cut by similarity.
const maxGapCells = 4096

// gaps aligns the unmatched paragraphs between consecutive in-order matches
// of ordered, at recursion depth depth.
func (a *aligner) gaps(ordered []pair, depth int) {
	b0, v0 := 0, 0
	for k := 0; k <= len(ordered); k++ {
		b1, v1 := len(a.base), len(a.ver)
		if k < len(ordered) {
			b1, v1 = ordered[k].b, ordered[k].v
		}
		if a.stopped() {
			return
		}
		var bs, vs []int
		for b := b0; b < b1; b++ {
			if a.bg[b] < 0 {
				bs = append(bs, b)
			}
		}
		for v := v0; v < v1; v++ {
			if a.vg[v] < 0 {
				vs = append(vs, v)
			}
		}
		a.gap(bs, vs, depth)
		b0, v0 = b1+1, v1+1
	}
}

// gap aligns base paragraphs bs with version paragraphs vs in order.
func (a *aligner) gap(bs, vs []int, depth int) {
	if len(bs) == 0 || len(vs) == 0 {
		return
	}
	if len(bs)*len(vs) <= maxGapCells {
		a.program(bs, vs)
		return
	}
	if depth > 0 {
		return // left to the similarity match of the leftovers
	}
	// Cut the gap at pairs that are each other's best match, in order.
	best := a.similar(bs, vs, Threshold)
	bestB := map[int]pair{}
	bestV := map[int]pair{}
	for _, p := range best {
		if q, ok := bestB[p.b]; !ok || p.sim > q.sim {
			bestB[p.b] = p
		}
		if q, ok := bestV[p.v]; !ok || p.sim > q.sim {
			bestV[p.v] = p
		}
	}
	var mutual []pair
	for _, p := range best {
		if bestB[p.b] == p && bestV[p.v] == p {
			mutual = append(mutual, p)
		}
	}
	sort.Slice(mutual, func(i, j int) bool { return mutual[i].b < mutual[j].b })
	cut := increasing(mutual)
	for _, p := range cut {
		a.match([]int{p.b}, []int{p.v}, p.sim)
	}
	a.gaps(cut, depth+1)
}

// Steps of the gap alignment.
const (
	stepNone byte = iota
	stepDelete
	stepInsert
	stepOne
	stepMerge
	stepSplit
)

// program aligns bs with vs in order by dynamic programming.
func (a *aligner) program(bs, vs []int) {
	n, m := len(bs), len(vs)
	w := m + 1
	score := make([]float64, (n+1)*w)
	step := make([]byte, (n+1)*w)
	sims := make([]float64, (n+1)*w) // similarity of the step chosen
	// Shingles of two adjacent base (version) paragraphs joined, for the
	// merge (split) steps ending at each index; nil when not adjacent.
	joinedB := make([][]uint64, n)
	for i := 1; i < n; i++ {
		if bs[i] == bs[i-1]+1 {
			joinedB[i] = a.joined(a.base, bs[i-1], bs[i])
		}
	}
	joinedV := make([][]uint64, m)
	for j := 1; j < m; j++ {
		if vs[j] == vs[j-1]+1 {
			joinedV[j] = a.joined(a.ver, vs[j-1], vs[j])
		}
	}
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			c := i*w + j
			if i == 0 && j == 0 {
				continue
			}
			best, how, sim := -1.0, stepNone, 0.0
			if i > 0 && score[c-w] > best {
				best, how = score[c-w], stepDelete
			}
			if j > 0 && score[c-1] > best {
				best, how = score[c-1], stepInsert
			}
			if i > 0 && j > 0 {
				if s := dice(a.base[bs[i-1]].shingles, a.ver[vs[j-1]].shingles); s >= Threshold && score[c-w-1]+2*s > best {
					best, how, sim = score[c-w-1]+2*s, stepOne, s
				}
			}
			if i > 1 && j > 0 && joinedB[i-1] != nil {
				v := a.ver[vs[j-1]].shingles
				if s := dice(joinedB[i-1], v); s >= Threshold && score[c-2*w-1]+3*s > best &&
					containment(a.base[bs[i-2]].shingles, v) >= partThreshold && containment(a.base[bs[i-1]].shingles, v) >= partThreshold {
					best, how, sim = score[c-2*w-1]+3*s, stepMerge, s
				}
			}
			if i > 0 && j > 1 && joinedV[j-1] != nil {
				b := a.base[bs[i-1]].shingles
				if s := dice(b, joinedV[j-1]); s >= Threshold && score[c-w-2]+3*s > best &&
					containment(a.ver[vs[j-2]].shingles, b) >= partThreshold && containment(a.ver[vs[j-1]].shingles, b) >= partThreshold {
					best, how, sim = score[c-w-2]+3*s, stepSplit, s
				}
			}
			score[c], step[c], sims[c] = best, how, sim
		}
	}
	for i, j := n, m; i > 0 || j > 0; {
		c := i*w + j
		switch step[c] {
		case stepDelete:
			i--
		case stepInsert:
			j--
		case stepOne:
			a.match([]int{bs[i-1]}, []int{vs[j-1]}, sims[c])
			i, j = i-1, j-1
		case stepMerge:
			a.match([]int{bs[i-2], bs[i-1]}, []int{vs[j-1]}, sims[c])
			i, j = i-2, j-1
		case stepSplit:
			a.match([]int{bs[i-1]}, []int{vs[j-2], vs[j-1]}, sims[c])
			i, j = i-1, j-2
		}
	}
}

// joined returns the shingles of paragraphs x and y of ps joined.
func (a *aligner) joined(ps []alignPara, x, y int) []uint64 {
	return joinedAll(ps, []int{x, y})
}

// extend grows each merge and split by the unmatched paragraphs next to
// it, on the side of several, whose shingles are mostly in the other side
// and whose joining raises the similarity: a paragraph split in three is
// first found as split in two.
func (a *aligner) extend() {
	for g := range a.groups {
		if a.stopped() {
			return
		}
		gr := &a.groups[g]
		switch {
		case len(gr.bs) > 1:
			gr.bs = a.grow(g, a.base, a.bg, gr.bs, a.ver[gr.vs[0]].shingles, func(idx []int) float64 {
				return dice(joinedAll(a.base, idx), a.ver[gr.vs[0]].shingles)
			})
		case len(gr.vs) > 1:
			gr.vs = a.grow(g, a.ver, a.vg, gr.vs, a.base[gr.bs[0]].shingles, func(idx []int) float64 {
				return dice(a.base[gr.bs[0]].shingles, joinedAll(a.ver, idx))
			})
		}
	}
}

// grow adds to parts, consecutive paragraphs of ps in group g, the
// unmatched paragraphs after and before them that whole mostly contains
// while sim(parts) rises, and returns the parts.
func (a *aligner) grow(g int, ps []alignPara, of []int, parts []int, whole []uint64, sim func([]int) float64) []int {
	gr := &a.groups[g]
	try := func(i int, at func([]int, int) []int) bool {
		if i < 0 || i >= len(ps) || of[i] >= 0 || ps[i].fp == 0 || containment(ps[i].shingles, whole) < partThreshold {
			return false
		}
		more := at(parts, i)
		if s := sim(more); s > gr.sim {
			parts, gr.sim = more, s
			of[i] = g
			return true
		}
		return false
	}
	after := func(p []int, i int) []int { return append(slices.Clone(p), i) }
	before := func(p []int, i int) []int { return append([]int{i}, p...) }
	for try(parts[len(parts)-1]+1, after) {
	}
	for try(parts[0]-1, before) {
	}
	return parts
}

// maxPostings is the most paragraphs a shingle may occur in to be used to
// find candidates: commoner ones ("of the") tell nothing and would make the
// search quadratic.
const maxPostings = 32

// similar returns the pairs of bs and vs whose similarity is at least min,
// found through an inverted index of the shingles of bs, best first.
func (a *aligner) similar(bs, vs []int, min float64) []pair {
	index := map[uint64][]int32{}
	for _, b := range bs {
		sh := a.base[b].shingles
		for k, s := range sh {
			if k > 0 && sh[k-1] == s {
				continue
			}
			index[s] = append(index[s], int32(b))
		}
	}
	var out []pair
	shared := map[int32]int{}
	for _, v := range vs {
		if a.stopped() {
			return nil
		}
		clear(shared)
		sh := a.ver[v].shingles
		for k, s := range sh {
			if k > 0 && sh[k-1] == s {
				continue
			}
			if post := index[s]; len(post) <= maxPostings {
				for _, b := range post {
					shared[b]++
				}
			}
		}
		for b, n := range shared {
			// Shared distinct shingles bound the Dice coefficient from
			// below only loosely; a candidate needs a fair share of them.
			if 2*float64(n) < min*float64(len(sh)+len(a.base[b].shingles))/2 {
				continue
			}
			if s := dice(a.base[b].shingles, sh); s >= min {
				out = append(out, pair{b: int(b), v: v, sim: s})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].sim != out[j].sim {
			return out[i].sim > out[j].sim
		}
		if out[i].b != out[j].b {
			return out[i].b < out[j].b
		}
		return out[i].v < out[j].v
	})
	return out
}

// leftovers matches the paragraphs still unmatched by similarity, best
// pairs first.
func (a *aligner) leftovers() {
	var bs, vs []int
	for b, g := range a.bg {
		if g < 0 && a.base[b].fp != 0 {
			bs = append(bs, b)
		}
	}
	for v, g := range a.vg {
		if g < 0 && a.ver[v].fp != 0 {
			vs = append(vs, v)
		}
	}
	if len(bs) == 0 || len(vs) == 0 {
		return
	}
	for _, p := range a.similar(bs, vs, Threshold) {
		if a.bg[p.b] < 0 && a.vg[p.v] < 0 {
			a.match([]int{p.b}, []int{p.v}, p.sim)
		}
	}
}
