package analysis

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Relation says what became of a base paragraph in a later version of the
// text, or that a version paragraph has no base counterpart.
type Relation string

// The relations of an alignment.
const (
	RelationSame    Relation = "same"    // identical apart from white space, case, quotes and numbering
	RelationEdited  Relation = "edited"  // the counterpart differs, in the same order
	RelationMerged  Relation = "merged"  // two base paragraphs became one version paragraph
	RelationSplit   Relation = "split"   // one base paragraph became two version paragraphs
	RelationMoved   Relation = "moved"   // its order among the aligned paragraphs changed, edited or not
	RelationDeleted Relation = "deleted" // no counterpart in the version
	RelationNew     Relation = "new"     // a version paragraph with no base counterpart
)

// AlignThreshold is the similarity (Dice coefficient of two paragraphs'
// two-token shingles, see Link.Similarity) from which two paragraphs that are
// not identical are taken for one another. Unrelated paragraphs of the same
// negotiation share function-word pairs ("of the") and stay below 0.2 (two
// built on the same formula can reach 0.33); a paragraph with a fifth of its
// words replaced keeps about 0.7, a third 0.5, half 0.3.
const AlignThreshold = 0.3

// partThreshold is the share of a part's shingles that must be found in the
// whole for a merge or split step: a deleted paragraph next to an edited
// one is not taken for half of a merge.
const partThreshold = 0.5

// Link is one row of an alignment of a version with the base. Base and
// Version index the two lists of paragraphs given to Align; Base is -1 for a
// new paragraph and Version -1 for a deleted one. A merged paragraph has one
// Link per base paragraph, a split one a Link per version part.
type Link struct {
	Base       int
	Version    int
	Relation   Relation
	Similarity float64 // 0-1: Dice coefficient of the two texts' shingles; 1 for same, 0 for deleted and new
}

// Align aligns version with base by content, not by number: each text is a
// paragraph, its leading number ignored. It returns one Link per base
// paragraph and counterpart in base order (split paragraphs have several),
// then one per new version paragraph in version order.
//
// The method:
//  1. Each paragraph is normalised: the leading number stripped, case and
//     quotes folded, white space ignored. Its fingerprint is the hash of
//     its tokens, its shingles the hashes of each pair of adjacent tokens.
//  2. Paragraphs whose fingerprint occurs once in the base and once in the
//     version are anchored to each other. The anchors in order (a longest
//     increasing subsequence of their version positions) cut both texts
//     into gaps.
//  3. Within each gap the paragraphs are aligned in order by dynamic
//     programming with steps 1-1, 2-1 (merge), 1-2 (split), 1-0 and 0-1,
//     a step's weight being its similarity times the paragraphs it covers.
//     A large gap is first cut by pairs that are each other's best match
//     and in order.
//     A merge or split takes in a third paragraph, and more, next to it
//     when that raises its similarity.
//  4. The paragraphs left over are matched by similarity through an
//     inverted index of their shingles (never every pair), best pairs
//     first, from AlignThreshold up.
//  5. A matched pair out of order among all the matches (not in a longest
//     increasing subsequence) is moved; what remains is deleted or new.
//
// Cost grows about linearly with the paragraphs: every step is linear or
// n log n except the gaps' dynamic programming, which is bounded per gap.
func Align(base, version []string) []Link {
	a := &aligner{
		base: make([]alignPara, len(base)),
		ver:  make([]alignPara, len(version)),
	}
	for i, t := range base {
		a.base[i] = newAlignPara(t)
	}
	for j, t := range version {
		a.ver[j] = newAlignPara(t)
	}
	a.bg = filled(len(base), -1)
	a.vg = filled(len(version), -1)
	a.anchor()
	a.extend()
	a.leftovers()
	return a.links()
}

// alignPara is a paragraph normalised for alignment.
type alignPara struct {
	fp       uint64   // hash of every token, 0 for a paragraph without tokens
	toks     []uint64 // hash of each token
	shingles []uint64 // hashes of adjacent token pairs (the token alone for one), sorted
}

// newAlignPara normalises text.
func newAlignPara(text string) alignPara {
	text = stripNumber(strings.TrimSpace(text))
	var p alignPara
	p.toks = alignTokens(text)
	if len(p.toks) == 0 {
		return p
	}
	p.fp = 14695981039346656037
	for _, t := range p.toks {
		p.fp = (p.fp ^ t) * 1099511628211
	}
	if p.fp == 0 {
		p.fp = 1
	}
	p.shingles = shingles(p.toks, nil)
	return p
}

// stripNumber returns text without the number it starts with: "39.",
// "43bis)", "New 12." followed by white space, or a number alone on the
// first line; as parseLabel reads labels, without its regular expressions,
// which cost more than the rest of an alignment.
func stripNumber(text string) string {
	i := 0
	if len(text) >= 3 && strings.EqualFold(text[:3], "new") {
		i = 3
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
	}
	d := i
	for i < len(text) && '0' <= text[i] && text[i] <= '9' {
		i++
	}
	if i == d || i-d > maxIDDigits {
		return text
	}
	for l := i; i < len(text) && i-l < 6 && ('a' <= text[i] && text[i] <= 'z' || 'A' <= text[i] && text[i] <= 'Z'); i++ {
	}
	if i < len(text) && (text[i] == '.' || text[i] == ')') {
		i++
	} else if i < len(text) && text[i] != '\n' && text[i] != '\r' {
		return text // "2005 was": a number without a dot is a label alone on its line only
	}
	if i < len(text) && !unicode.IsSpace(rune(text[i])) {
		return text
	}
	return strings.TrimSpace(text[i:])
}

// alignTokens returns the hashes of the tokens of text: runs of letters and
// digits, lower-cased, and each other mark on its own, quotes made straight.
func alignTokens(text string) []uint64 {
	toks := make([]uint64, 0, len(text)/6+1)
	var word []byte
	flush := func() {
		if len(word) > 0 {
			toks = append(toks, hash(string(word)))
			word = word[:0]
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = utf8.AppendRune(word, normalizeRune(r))
		case unicode.IsSpace(r):
			flush()
		default:
			flush()
			var b [utf8.UTFMax]byte
			n := utf8.EncodeRune(b[:], normalizeRune(r))
			toks = append(toks, hash(string(b[:n]))^0x5bd1e995)
		}
	}
	flush()
	return toks
}

// shingles appends to dst the sorted hashes of the adjacent pairs of toks,
// or of its one token.
func shingles(toks []uint64, dst []uint64) []uint64 {
	if cap(dst) < len(toks) {
		dst = make([]uint64, 0, len(toks))
	}
	dst = dst[:0]
	if len(toks) == 1 {
		return append(dst, toks[0])
	}
	for i := 1; i < len(toks); i++ {
		dst = append(dst, (toks[i-1]*1099511628211)^(toks[i]+0x9e3779b97f4a7c15))
	}
	slices.Sort(dst)
	return dst
}

// common returns how many elements two sorted multisets share.
func common(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// dice returns the Dice coefficient of two sorted multisets.
func dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(common(a, b)) / float64(len(a)+len(b))
}

// containment returns the share of part found in whole.
func containment(part, whole []uint64) float64 {
	if len(part) == 0 {
		return 0
	}
	return float64(common(part, whole)) / float64(len(part))
}

// group is one match: consecutive base paragraphs bs with consecutive
// version paragraphs vs, one side having one paragraph.
type group struct {
	bs, vs []int
	sim    float64
}

// aligner holds the state of one Align.
type aligner struct {
	base, ver []alignPara
	bg, vg    []int // group of each base and version paragraph, -1 when unmatched
	groups    []group
}

// filled returns a slice of n times x.
func filled(n, x int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = x
	}
	return s
}

// match records a group.
func (a *aligner) match(bs, vs []int, sim float64) {
	g := len(a.groups)
	a.groups = append(a.groups, group{bs: bs, vs: vs, sim: sim})
	for _, b := range bs {
		a.bg[b] = g
	}
	for _, v := range vs {
		a.vg[v] = g
	}
}

// pair is a candidate match of base paragraph b and version paragraph v.
type pair struct {
	b, v int
	sim  float64
}

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
	best := a.similar(bs, vs, AlignThreshold)
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
				if s := dice(a.base[bs[i-1]].shingles, a.ver[vs[j-1]].shingles); s >= AlignThreshold && score[c-w-1]+2*s > best {
					best, how, sim = score[c-w-1]+2*s, stepOne, s
				}
			}
			if i > 1 && j > 0 && joinedB[i-1] != nil {
				v := a.ver[vs[j-1]].shingles
				if s := dice(joinedB[i-1], v); s >= AlignThreshold && score[c-2*w-1]+3*s > best &&
					containment(a.base[bs[i-2]].shingles, v) >= partThreshold && containment(a.base[bs[i-1]].shingles, v) >= partThreshold {
					best, how, sim = score[c-2*w-1]+3*s, stepMerge, s
				}
			}
			if i > 0 && j > 1 && joinedV[j-1] != nil {
				b := a.base[bs[i-1]].shingles
				if s := dice(b, joinedV[j-1]); s >= AlignThreshold && score[c-w-2]+3*s > best &&
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

// joinedAll returns the shingles of the paragraphs idx of ps joined.
func joinedAll(ps []alignPara, idx []int) []uint64 {
	n := 0
	for _, i := range idx {
		n += len(ps[i].toks)
	}
	toks := make([]uint64, 0, n)
	for _, i := range idx {
		toks = append(toks, ps[i].toks...)
	}
	return shingles(toks, nil)
}

// extend grows each merge and split by the unmatched paragraphs next to
// it, on the side of several, whose shingles are mostly in the other side
// and whose joining raises the similarity: a paragraph split in three is
// first found as split in two.
func (a *aligner) extend() {
	for g := range a.groups {
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
	for _, p := range a.similar(bs, vs, AlignThreshold) {
		if a.bg[p.b] < 0 && a.vg[p.v] < 0 {
			a.match([]int{p.b}, []int{p.v}, p.sim)
		}
	}
}

// links derives the relations and returns them in Align's order.
func (a *aligner) links() []Link {
	// Matches in base order; those out of the longest in-order run moved.
	order := make([]pair, 0, len(a.groups))
	for g, gr := range a.groups {
		order = append(order, pair{b: gr.bs[0], v: gr.vs[0], sim: float64(g)})
	}
	sort.Slice(order, func(i, j int) bool { return order[i].b < order[j].b })
	moved := make([]bool, len(a.groups))
	for g := range moved {
		moved[g] = true
	}
	for _, p := range increasing(order) {
		moved[int(p.sim)] = false
	}

	links := make([]Link, 0, len(a.base)+len(a.ver)/8)
	for b, g := range a.bg {
		if g < 0 {
			links = append(links, Link{Base: b, Version: -1, Relation: RelationDeleted})
			continue
		}
		gr := a.groups[g]
		switch {
		case len(gr.bs) > 1:
			links = append(links, Link{Base: b, Version: gr.vs[0], Relation: RelationMerged, Similarity: gr.sim})
		case len(gr.vs) > 1:
			for _, v := range gr.vs {
				links = append(links, Link{Base: b, Version: v, Relation: RelationSplit, Similarity: gr.sim})
			}
		default:
			l := Link{Base: b, Version: gr.vs[0], Relation: RelationEdited, Similarity: gr.sim}
			if a.base[b].fp == a.ver[gr.vs[0]].fp && slices.Equal(a.base[b].toks, a.ver[gr.vs[0]].toks) {
				l.Relation, l.Similarity = RelationSame, 1
			} else if l.Similarity >= 1 {
				// Shingles alike, tokens not (repeated pairs reordered).
				l.Similarity = 0.9999
			}
			if moved[g] {
				l.Relation = RelationMoved
			}
			links = append(links, l)
		}
	}
	for v, g := range a.vg {
		if g < 0 {
			links = append(links, Link{Base: -1, Version: v, Relation: RelationNew})
		}
	}
	return links
}
