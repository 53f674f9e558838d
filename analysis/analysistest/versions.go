package analysistest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"amendlens/align"
)

// Script is an edit script: the share of base paragraphs each edit touches
// when a version is made from a base. Shares are of the base's paragraphs;
// a paragraph gets at most one of merge, split, delete and edit, and moves
// are drawn among the paragraphs kept whole.
type Script struct {
	Edited   float64 // words replaced, inserted or deleted
	Moved    float64 // put elsewhere, at least MinMove paragraphs away
	Merged   float64 // joined with the next paragraph
	Split    float64 // cut in two
	Deleted  float64 // dropped
	Inserted float64 // new paragraphs added, as a share of the base's count
	// Renumber numbers the version's paragraphs from Offset+1 in their new
	// order; the base is numbered from 1. Without it neither is numbered.
	Renumber bool
	Offset   int
}

// MinMove is the least distance, in paragraphs, a moved paragraph travels,
// so that which paragraph moved is not ambiguous.
const MinMove = 8

// Versions is a base text, a version made from it by a script, and the
// alignment the script implies.
type Versions struct {
	Base, Version []string
	// Want holds the Links the script implies, in analysis.Align's order.
	Want []align.Link
	// Edited tells, per base paragraph, whether the script changed its
	// words (edited, merged or split).
	Edited []bool
}

// Generate returns a base of n paragraphs drawn from seed and a version
// made from it by s.
func Generate(seed uint64, n int, s Script) *Versions {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	g.vocabulary(3000)
	base := make([][]string, n)
	for i := range base {
		base[i] = g.paragraph()
	}

	// One unit per version paragraph: its words and where they came from.
	type unit struct {
		words []string
		bs    []int // base paragraphs, none for new
		parts int   // split parts: 2 on both halves
		rel   align.Relation
	}
	var units []unit
	edited := make([]bool, n)
	for i := 0; i < n; i++ {
		x := g.rng.Float64()
		switch {
		case x < s.Merged && i+1 < n:
			w := append(append([]string(nil), base[i]...), base[i+1]...)
			units = append(units, unit{words: w, bs: []int{i, i + 1}, rel: align.RelationMerged})
			edited[i], edited[i+1] = true, true
			i++
		case x < s.Merged+s.Split && len(base[i]) >= 24:
			cut := len(base[i])/2 + g.rng.IntN(len(base[i])/5) - len(base[i])/10
			units = append(units,
				unit{words: base[i][:cut], bs: []int{i}, parts: 2, rel: align.RelationSplit},
				unit{words: base[i][cut:], bs: []int{i}, parts: 2, rel: align.RelationSplit})
			edited[i] = true
		case x < s.Merged+s.Split+s.Deleted:
			edited[i] = true
		case x < s.Merged+s.Split+s.Deleted+s.Edited:
			units = append(units, unit{words: g.edit(base[i]), bs: []int{i}, rel: align.RelationEdited})
			edited[i] = true
		default:
			units = append(units, unit{words: base[i], bs: []int{i}, rel: align.RelationSame})
		}
	}
	// Moves: take whole 1-1 units out and put them back far away.
	moves := int(s.Moved * float64(n))
	moved := map[int]bool{} // base paragraph
	for k := 0; k < moves*4 && len(moved) < moves; k++ {
		from := g.rng.IntN(len(units))
		u := units[from]
		if len(u.bs) != 1 || u.parts != 0 || moved[u.bs[0]] || len(units) < 3*MinMove {
			continue
		}
		to := g.rng.IntN(len(units) - 1)
		if d := to - from; d > -MinMove && d < MinMove {
			continue
		}
		units = append(units[:from], units[from+1:]...)
		units = append(units[:to], append([]unit{u}, units[to:]...)...)
		moved[u.bs[0]] = true
	}
	for k := int(s.Inserted * float64(n)); k > 0; k-- {
		at := g.rng.IntN(len(units) + 1)
		units = append(units[:at], append([]unit{{words: g.paragraph(), rel: align.RelationNew}}, units[at:]...)...)
	}

	vs := &Versions{Edited: edited}
	for i, w := range base {
		vs.Base = append(vs.Base, numbered(s.Renumber, i+1, w))
	}
	where := make([][]int, n) // version paragraphs of each base paragraph
	for j, u := range units {
		vs.Version = append(vs.Version, numbered(s.Renumber, s.Offset+j+1, u.words))
		for _, b := range u.bs {
			where[b] = append(where[b], j)
		}
	}
	rel := make([]align.Relation, n)
	for i := range rel {
		rel[i] = align.RelationDeleted
	}
	for _, u := range units {
		for _, b := range u.bs {
			rel[b] = u.rel
			if moved[b] {
				rel[b] = align.RelationMoved
			}
		}
	}
	for b := range base {
		if len(where[b]) == 0 {
			vs.Want = append(vs.Want, align.Link{Base: b, Version: -1, Relation: rel[b]})
		}
		for _, j := range where[b] {
			vs.Want = append(vs.Want, align.Link{Base: b, Version: j, Relation: rel[b]})
		}
	}
	for j, u := range units {
		if len(u.bs) == 0 {
			vs.Want = append(vs.Want, align.Link{Base: -1, Version: j, Relation: align.RelationNew})
		}
	}
	return vs
}

// numbered returns words as a paragraph, numbered "n. " when on.
func numbered(on bool, n int, words []string) string {
	text := strings.Join(words, " ")
	if on {
		return fmt.Sprintf("%d. %s", n, text)
	}
	return text
}

// generator draws words with a Zipf-like law, so that paragraphs share
// function words as prose does.
type generator struct {
	rng   *rand.Rand
	words []string
	zipf  *rand.Zipf
}

// vocabulary makes n words of syllables.
func (g *generator) vocabulary(n int) {
	syll := []string{"ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pe", "go", "da", "zu", "ri", "ban", "tel", "mor"}
	seen := map[string]bool{}
	for len(g.words) < n {
		var b strings.Builder
		for k := 1 + g.rng.IntN(4); k > 0; k-- {
			b.WriteString(syll[g.rng.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			g.words = append(g.words, w)
		}
	}
	g.zipf = rand.NewZipf(g.rng, 1.1, 2, uint64(n-1))
}

// word draws one word.
func (g *generator) word() string { return g.words[g.zipf.Uint64()] }

// paragraph draws a paragraph of 25 to 80 words ending with a full stop.
func (g *generator) paragraph() []string {
	w := make([]string, 25+g.rng.IntN(56))
	for i := range w {
		w[i] = g.word()
	}
	w[len(w)-1] += "."
	return w
}

// edit changes about a tenth of words: replaces, inserts or deletes them,
// at least one.
func (g *generator) edit(words []string) []string {
	out := append([]string(nil), words...)
	for k := 1 + g.rng.IntN(max(1, len(words)/8)); k > 0; k-- {
		i := g.rng.IntN(len(out) - 1)
		switch g.rng.IntN(3) {
		case 0:
			out[i] = g.word()
		case 1:
			out = append(out[:i], append([]string{g.word(), g.word()}, out[i:]...)...)
		default:
			out = append(out[:i], out[i+1:]...)
		}
	}
	return out
}
