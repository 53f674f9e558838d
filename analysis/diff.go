package analysis

import "amendlens/norm"

// Diff compares the words of base and variant and returns the changes that
// turn base into variant, in text order.
//
// Only word tokens take part, compared by Norm: punctuation stays in the token
// slices for display but is never counted, and a difference in punctuation,
// case, quote style or white space alone is no change. The word sequences are
// compared with Myers' O((N+M)D) algorithm in its linear-space form (Myers
// 1986, "An O(ND) difference algorithm and its variations"), so the result
// is a minimal edit: as few words inserted and deleted as possible. A run of
// changes that could equally sit in several places ("X [and Z] and Y" or "X
// and [Z and] Y") is moved to where it lines up best with the punctuation:
// preferably whole sentences, then whole phrases between punctuation marks,
// else the earliest place. Adjacent deletions and insertions make one replace
// span. For long, thoroughly rewritten texts (a stretch with more than about
// 2×maxCost words inserted and deleted) the search is cut short and the
// edit, though still correct, may not be minimal.
//
// Span token ranges index base and variant; a span's deleted (inserted)
// tokens run from its first to its last deleted (inserted) word. The side
// with no words in a span gets the empty range where the change goes: the
// index of the token that follows the insertion point, after the punctuation
// that precedes the change on the other side. Byte ranges are the text
// covered by those tokens; an empty byte range sits at the end of the token
// before the insertion point. Added and Deleted count words, so that
// CountWords(variant) == CountWords(base) + ΣAdded - ΣDeleted.
//
// A base with no words and a variant with words give exactly one insert span
// of kind KindNewParagraph, from the variant's first word to its last; a
// variant with no words gives one delete span of all the base's words. The
// Kind of every other span is set as classify describes.
func Diff(base, variant []Token) []Span {
	spans, _ := diff(base, variant, nil)
	return spans
}

// diff is Diff counting its steps on mt: the words it compares and the
// diagonals it searches. It stops with mt's error when mt stops the work.
func diff(base, variant []Token, mt *meter) ([]Span, error) {
	if sameWords(base, variant) {
		// Unchanged, as most paragraphs of most versions are: nothing to
		// compare, and nothing allocated.
		if !mt.spend(len(base) + len(variant)) {
			return nil, mt.stopped()
		}
		return nil, nil
	}
	d := newDiffer(base, variant)
	d.mt = mt
	n, m := len(d.a), len(d.b)
	if !mt.spend(n + m) {
		return nil, mt.stopped()
	}
	if n == 0 && m == 0 {
		return nil, nil
	}
	d.compare(0, n, 0, m)
	if err := mt.stopped(); err != nil {
		return nil, err
	}
	d.shift(d.ca, d.a, base, d.aw)
	d.shift(d.cb, d.b, variant, d.bw)
	spans := d.spans(base, variant)
	if n == 0 {
		// All words are new: compare made them one insert.
		spans[0].Kind = KindNewParagraph
	}
	return spans, nil
}

// sameWords reports whether a and b have the same words (their Norm), in
// the same order: Diff then finds no change.
func sameWords(a, b []Token) bool {
	i, j := 0, 0
	for {
		for i < len(a) && !a[i].Word {
			i++
		}
		for j < len(b) && !b[j].Word {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i].Norm != b[j].Norm {
			return false
		}
		i++
		j++
	}
}

// maxCost bounds the edit distance bisect searches for (in each direction)
// before it settles for a good split instead of the optimal one. It bounds
// the work on pathological inputs (thousands of words rewritten) to
// O((N+M)·maxCost) per level of bisection, while every realistic amendment
// still gets the minimal diff.
const maxCost = 1024

// differ holds the state of one Diff: the word sequences of both sides, the
// token index of each word, which words changed, and scratch space.
type differ struct {
	a, b   []string // Norm of each word of base (a) and variant (b)
	ha, hb []uint64 // hash of each Norm, compared before the strings
	aw, bw []int    // token index of each word
	ca, cb []bool   // whether each word was deleted (ca) or inserted (cb)
	v      []int    // the forward and backward vectors of bisect
	mt     *meter   // counts the work; nil counts nothing
}

// newDiffer extracts the words of base and variant into one allocation per
// kind of slice.
func newDiffer(base, variant []Token) *differ {
	n, m := CountWords(base), CountWords(variant)
	words := make([]string, 0, n+m)
	hashes := make([]uint64, 0, n+m)
	index := make([]int, 0, n+m)
	for _, toks := range [2][]Token{base, variant} {
		for i := range toks {
			if toks[i].Word {
				words = append(words, toks[i].Norm)
				hashes = append(hashes, norm.Hash(toks[i].Norm))
				index = append(index, i)
			}
		}
	}
	changed := make([]bool, n+m)
	return &differ{
		a: words[:n], b: words[n:],
		ha: hashes[:n], hb: hashes[n:],
		aw: index[:n], bw: index[n:],
		ca: changed[:n], cb: changed[n:],
	}
}

// eq reports whether word x of base equals word y of variant.
func (d *differ) eq(x, y int) bool {
	return d.ha[x] == d.hb[y] && d.a[x] == d.b[y]
}

// compare marks the words of a[a0:a1] and b[b0:b1] that a minimal edit
// deletes and inserts. The recursion splits at a point on an optimal path,
// so it is O((N+M)D) time and O(N+M) space, and only O(log D) deep.
func (d *differ) compare(a0, a1, b0, b1 int) {
	for {
		for a0 < a1 && b0 < b1 && d.eq(a0, b0) {
			a0++
			b0++
		}
		for a0 < a1 && b0 < b1 && d.eq(a1-1, b1-1) {
			a1--
			b1--
		}
		if a0 == a1 || b0 == b1 {
			mark(d.ca[a0:a1])
			mark(d.cb[b0:b1])
			return
		}
		x, y, ok := d.bisect(a0, a1, b0, b1)
		if !ok {
			mark(d.ca[a0:a1])
			mark(d.cb[b0:b1])
			return
		}
		d.compare(a0, x, b0, y)
		a0, b0 = x, y
	}
}

// mark sets every element of c.
func mark(c []bool) {
	for i := range c {
		c[i] = true
	}
}

// bisect finds the middle snake of a[a0:a1] and b[b0:b1], which share no
// first and no last word, and returns a point (x, y) on an optimal edit path
// strictly inside the box, so both halves are smaller. ok is false when the
// two share no word at all, or when the meter stops the work. The search
// runs from both ends at once, as in Myers' paper (section 4b) and
// diff-match-patch's diff_bisect.
func (d *differ) bisect(a0, a1, b0, b1 int) (x, y int, ok bool) {
	A, B := d.a[a0:a1], d.b[b0:b1]
	HA, HB := d.ha[a0:a1], d.hb[b0:b1]
	n, m := len(A), len(B)
	maxD := (n + m + 1) / 2
	off := maxD
	vlen := 2*maxD + 2
	if cap(d.v) < 2*vlen {
		d.v = make([]int, 2*vlen)
	}
	v1, v2 := d.v[:vlen], d.v[vlen:2*vlen]
	for i := range v1 {
		v1[i], v2[i] = -1, -1
	}
	v1[off+1], v2[off+1] = 0, 0
	delta := n - m
	front := delta&1 != 0 // odd delta: the paths meet in the forward pass
	var k1start, k1end, k2start, k2end, snakes int
	for dd := 0; dd < maxD; dd++ {
		if dd > maxCost {
			return d.bestForward(v1, off, dd-1, n, m, a0, b0)
		}
		// Each step visits up to 2dd+2 diagonals, and the step before
		// followed snakes words long.
		if !d.mt.spend(2*dd + 2 + snakes) {
			return 0, 0, false
		}
		snakes = 0
		for k1 := -dd + k1start; k1 <= dd-k1end; k1 += 2 {
			k1o := off + k1
			var x1 int
			if k1 == -dd || (k1 != dd && v1[k1o-1] < v1[k1o+1]) {
				x1 = v1[k1o+1]
			} else {
				x1 = v1[k1o-1] + 1
			}
			y1 := x1 - k1
			x0 := x1
			for x1 < n && y1 < m && HA[x1] == HB[y1] && A[x1] == B[y1] {
				x1++
				y1++
			}
			snakes += x1 - x0
			v1[k1o] = x1
			switch {
			case x1 > n:
				k1end += 2 // ran off the right of the box
			case y1 > m:
				k1start += 2 // ran off the bottom
			case front:
				k2o := off + delta - k1
				if k2o >= 0 && k2o < vlen && v2[k2o] != -1 && x1 >= n-v2[k2o] {
					return a0 + x1, b0 + y1, true
				}
			}
		}
		for k2 := -dd + k2start; k2 <= dd-k2end; k2 += 2 {
			k2o := off + k2
			var x2 int
			if k2 == -dd || (k2 != dd && v2[k2o-1] < v2[k2o+1]) {
				x2 = v2[k2o+1]
			} else {
				x2 = v2[k2o-1] + 1
			}
			y2 := x2 - k2
			x0 := x2
			for x2 < n && y2 < m && HA[n-x2-1] == HB[m-y2-1] && A[n-x2-1] == B[m-y2-1] {
				x2++
				y2++
			}
			snakes += x2 - x0
			v2[k2o] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > m:
				k2start += 2
			case !front:
				k1o := off + delta - k2
				if k1o >= 0 && k1o < vlen && v1[k1o] != -1 {
					x1 := v1[k1o]
					y1 := off + x1 - k1o
					if x1 >= n-x2 {
						return a0 + x1, b0 + y1, true
					}
				}
			}
		}
	}
	return 0, 0, false
}

// bestForward returns the furthest point the forward search reached after
// dd steps, the split bisect settles for when the edit is too costly to
// search for exactly. Every such point lies on a valid (if not minimal) path.
func (d *differ) bestForward(v1 []int, off, dd, n, m, a0, b0 int) (x, y int, ok bool) {
	best := -1
	for k := -dd; k <= dd; k += 2 {
		x1 := v1[off+k]
		y1 := x1 - k
		if x1 < 0 || x1 > n || y1 < 0 || y1 > m || (x1 == n && y1 == m) || x1+y1 == 0 {
			continue
		}
		if x1+y1 > best {
			best, x, y = x1+y1, x1, y1
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	return a0 + x, b0 + y, true
}

// shift moves each run of changed words of one side (c over words w, whose
// token indexes into toks are wi) to its best place among the equally minimal
// ones: a run [s, e) can slide up while the word before it equals its last
// word, and down while the word after it equals its first. Sliding keeps the
// unchanged words the same sequence, so the edit stays valid and minimal.
// The score prefers whole sentences, then runs bounded by punctuation; ties
// go to the earliest place.
func (d *differ) shift(c []bool, w []string, toks []Token, wi []int) {
	n := len(c)
	for i := 0; i < n; {
		if !c[i] {
			i++
			continue
		}
		s, e := i, i
		for e < n && c[e] {
			e++
		}
		up := 0
		for s-up > 0 && !c[s-up-1] && w[s-up-1] == w[e-up-1] {
			up++
		}
		down := 0
		for e+down < n && !c[e+down] && w[s+down] == w[e+down] {
			down++
		}
		if up+down > 0 {
			best, bestScore := 0, -1
			for o := -up; o <= down; o++ {
				if sc := runScore(toks, wi, s+o, e+o); sc > bestScore {
					best, bestScore = o, sc
				}
			}
			for k := s; k < e; k++ {
				c[k] = false
			}
			s, e = s+best, e+best
			mark(c[s:e])
		}
		i = e
	}
}

// runScore rates the place of a run of words [s, e) of a side whose words
// sit at token indexes wi. Each end scores 1 when punctuation separates it
// from the next word outside the run and 2 more when that punctuation ends a
// sentence; the text's edges count as sentence ends (3).
func runScore(toks []Token, wi []int, s, e int) int {
	score := 0
	if s == 0 {
		score += 3
	} else if wi[s]-wi[s-1] > 1 {
		score++
		if hasTerminator(toks[wi[s-1]+1 : wi[s]]) {
			score += 2
		}
	}
	if e == len(wi) {
		score += 3
	} else if wi[e]-wi[e-1] > 1 {
		score++
		if hasTerminator(toks[wi[e-1]+1 : wi[e]]) {
			score += 2
		}
	}
	return score
}

// spans walks both sides' change marks in step and turns each stretch of
// changed words into a Span.
func (d *differ) spans(base, variant []Token) []Span {
	var out []Span
	n, m := len(d.a), len(d.b)
	i, j := 0, 0
	for i < n || j < m {
		if i < n && j < m && !d.ca[i] && !d.cb[j] {
			i++
			j++
			continue
		}
		i0, j0 := i, j
		for i < n && d.ca[i] {
			i++
		}
		for j < m && d.cb[j] {
			j++
		}
		if i == i0 && j == j0 {
			// Unreachable: both sides keep the same number of words.
			panic("analysis: diff lost step between base and variant")
		}
		s := Span{
			Deleted: i - i0,
			Added:   j - j0,
			BaseTok: tokenRange(d.aw, i0, i, base, d.bw, j0, variant),
			VarTok:  tokenRange(d.bw, j0, j, variant, d.aw, i0, base),
		}
		switch {
		case s.Deleted == 0:
			s.Op = OpInsert
		case s.Added == 0:
			s.Op = OpDelete
		default:
			s.Op = OpReplace
		}
		s.BaseBytes = byteRange(base, s.BaseTok)
		s.VarBytes = byteRange(variant, s.VarTok)
		s.Kind = classify(&s, variant)
		out = append(out, s)
	}
	return out
}

// tokenRange returns the token range of the changed words [w0, w1) of one
// side (word token indexes wi, tokens toks). With no changed words it is the
// empty range where the other side's change goes: as many tokens past the
// previous word as the other side has punctuation tokens between its previous
// word and its first changed word (owi[o0]), but never past the next word.
func tokenRange(wi []int, w0, w1 int, toks []Token, owi []int, o0 int, otoks []Token) Range {
	if w1 > w0 {
		return Range{wi[w0], wi[w1-1] + 1}
	}
	prev := 0
	if w0 > 0 {
		prev = wi[w0-1] + 1
	}
	next := len(toks)
	if w0 < len(wi) {
		next = wi[w0]
	}
	oprev := 0
	if o0 > 0 {
		oprev = owi[o0-1] + 1
	}
	p := min(prev+owi[o0]-oprev, next)
	return Range{p, p}
}

// byteRange returns the bytes covered by the tokens r of toks; for an empty
// r, the empty range at the end of the token before it (the start of the
// text's first token when there is none).
func byteRange(toks []Token, r Range) Range {
	switch {
	case r.Len() > 0:
		return Range{toks[r.Start].Start, toks[r.End-1].End}
	case r.Start > 0:
		p := toks[r.Start-1].End
		return Range{p, p}
	case len(toks) > 0:
		p := toks[0].Start
		return Range{p, p}
	}
	return Range{}
}
