// Package align aligns two versions of a text, paragraph by paragraph, by
// content rather than by number: which base paragraph each version
// paragraph continues, and whether it was kept, edited, moved, merged,
// split, deleted or is new. It knows nothing of amendlens's documents: a
// paragraph is a string.
package align

import (
	"context"
	"slices"
	"sort"
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

// Relations lists every Relation in the order tables and charts show them.
var Relations = []Relation{RelationSame, RelationEdited, RelationMerged, RelationSplit, RelationMoved, RelationDeleted, RelationNew}

// Threshold is the similarity (Dice coefficient of two paragraphs'
// two-token shingles, see Link.Similarity) from which two paragraphs that are
// not identical are taken for one another. Unrelated paragraphs of the same
// negotiation share function-word pairs ("of the") and stay below 0.2 (two
// built on the same formula can reach 0.33); a paragraph with a fifth of its
// words replaced keeps about 0.7, a third 0.5, half 0.3.
const Threshold = 0.3

// partThreshold is the share of a part's shingles that must be found in the
// whole for a merge or split step: a deleted paragraph next to an edited
// one is not taken for half of a merge.
const partThreshold = 0.5

// Link is one row of an alignment of a version with the base. Base and
// Version index the two lists of paragraphs given to Paragraphs; Base is -1 for a
// new paragraph and Version -1 for a deleted one. A merged paragraph has one
// Link per base paragraph, a split one a Link per version part.
type Link struct {
	Base       int
	Version    int
	Relation   Relation
	Similarity float64 // 0-1: Dice coefficient of the two texts' shingles; 1 for same, 0 for deleted and new
}

// Paragraphs aligns version with base by content, not by number: each text is a
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
//     first, from Threshold up.
//  5. A matched pair out of order among all the matches (not in a longest
//     increasing subsequence) is moved; what remains is deleted or new.
//
// Cost grows about linearly with the paragraphs: every step is linear or
// n log n except the gaps' dynamic programming, which is bounded per gap.
func Paragraphs(base, version []string) []Link {
	links, _ := ParagraphsContext(context.Background(), base, version)
	return links
}

// ParagraphsContext is Paragraphs stopping when ctx is done: it returns
// ctx's error, and no links, within a few thousand paragraphs or gaps of
// work after ctx ends.
func ParagraphsContext(ctx context.Context, base, version []string) ([]Link, error) {
	a := &aligner{
		ctx:  ctx,
		base: make([]alignPara, len(base)),
		ver:  make([]alignPara, len(version)),
	}
	for i, t := range base {
		if a.stopped() {
			return nil, a.err
		}
		a.base[i] = newAlignPara(t)
	}
	for j, t := range version {
		if a.stopped() {
			return nil, a.err
		}
		a.ver[j] = newAlignPara(t)
	}
	a.bg = slices.Repeat([]int{-1}, len(base))
	a.vg = slices.Repeat([]int{-1}, len(version))
	for _, step := range []func(){a.anchor, a.extend, a.leftovers} {
		if step(); a.stopped() {
			return nil, a.err
		}
	}
	return a.links(), nil
}

// group is one match: consecutive base paragraphs bs with consecutive
// version paragraphs vs, one side having one paragraph.
type group struct {
	bs, vs []int
	sim    float64
}

// aligner holds the state of one Align.
type aligner struct {
	ctx       context.Context
	err       error // ctx's error once seen; every step then returns at once
	ticks     int   // calls of stopped
	base, ver []alignPara
	bg, vg    []int // group of each base and version paragraph, -1 when unmatched
	groups    []group
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

// stopped reports whether the alignment is to stop: ctx is looked at once
// every 1,024 calls, a call being one paragraph, gap or candidate of work.
func (a *aligner) stopped() bool {
	if a.err == nil {
		if a.ticks++; a.ticks%1024 == 0 {
			a.err = a.ctx.Err()
		}
	}
	return a.err != nil
}

// pair is a candidate match of base paragraph b and version paragraph v.
type pair struct {
	b, v int
	sim  float64
}

// links derives the relations and returns them in Align's order.
func (a *aligner) links() []Link {
	// Matches in base order; those out of the longest in-order run moved.
	// A match's group is that of its first base paragraph.
	order := make([]pair, 0, len(a.groups))
	for _, gr := range a.groups {
		order = append(order, pair{b: gr.bs[0], v: gr.vs[0], sim: gr.sim})
	}
	sort.Slice(order, func(i, j int) bool { return order[i].b < order[j].b })
	moved := slices.Repeat([]bool{true}, len(a.groups))
	for _, p := range increasing(order) {
		moved[a.bg[p.b]] = false
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
