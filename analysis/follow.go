package analysis

import (
	"slices"
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
)

// Rule names the step of the uptake rules that decided a verdict (see
// Evidence).
type Rule string

// The rules of uptake, in the order they are tried.
const (
	RuleSamePlace  Rule = "same_place"   // the words are among those the stage inserted in the paragraph's counterpart
	RuleMoved      Rule = "moved"        // found, word for word, among those it inserted in another paragraph
	RuleReworded   Rule = "reworded"     // the content words come back folded (stem) or as terms of their themes
	RuleNoMatch    Rule = "no_match"     // no content word came back
	RuleNoText     Rule = "no_text"      // the stage has no text for the paragraph, and the words are nowhere else
	RuleOutOfScope Rule = "out_of_scope" // the stage is an excerpt without the paragraph
	// RuleFunctionWords: only function words ("and", "the") came back,
	// which prove nothing.
	RuleFunctionWords Rule = "function_words"
)

// Evidence is why an insertion got its verdict from one stage: where the
// stage holds its words, which of them came back, how well they match, and
// the rule that decided. Rows and words index the stage's own text as the
// document holds it (Document.Paragraphs[Paragraph].Texts of the stage's
// variant).
type Evidence struct {
	Rule      Rule
	Paragraph int     // row holding the stage's words; -1 when none came back
	Words     Range   // their word positions in that text (0-based, end exclusive)
	Bytes     Range   // their byte offsets in that text
	Kept      []Range // byte offsets of each word that matched a proposed one
	Unmatched []string
	// Score is how much of the insertion came back, 0 to 1: the weight of
	// its content words matched (exactly 1, folded 0.75, by theme 0.5; a
	// function word counts a third of a content word) over the weight of
	// all its words.
	Score float64
	// Moved says the words came back in another paragraph than the
	// insertion's own.
	Moved bool
	// Weakened is "shall>should" when the term of the obligation scale
	// governing the insertion is weaker in the stage than in the proposal,
	// "" otherwise (see Obligations).
	Weakened string
}

// VerdictReworded is the verdict on an insertion whose content words came
// back in other forms or other words of their themes, not word for word.
const VerdictReworded Verdict = "reworded"

// The thresholds of the rules, chosen on the gold set (testdata/uptake,
// see the README's "How right the verdicts are").
const (
	// rewordedScore is the Score from which an insertion whose content
	// words came back in other forms is reworded rather than partly
	// adopted or not adopted.
	rewordedScore = 0.6
	// adoptedWords is the share of an insertion's words that must come
	// back word for word, its content words all among them, for it to be
	// adopted.
	adoptedWords = 0.8
	// movedContent is how many content words an insertion must have, and
	// must see come back, to be looked for in other paragraphs: a word or
	// two ("women", "with urgency") recur anywhere and prove nothing.
	movedContent = 3
)

// The weights of the alignment (in quarters of a function word).
const (
	weightContent  = 12
	weightFunction = 4
	weightFolded   = 9 // three quarters of a content word
	weightTheme    = 6 // half
	penaltyMiss    = -3
	penaltyOpen    = -4
	penaltyExtend  = -1
)

// stem folds a case-folded word to its English stem, so that plural and
// simple inflection match ("rights" and "right", "participate" and
// "participation").
func stem(w string) string {
	if len(w) < 4 {
		return w
	}
	return english.Stem(w, false)
}

// stageWords are the words a stage inserted in one row, against the text
// a proposal was made against: what uptake searches, at the same place and
// from other paragraphs.
type stageWords struct {
	row    int
	words  []string // case-folded
	stems  []string
	theme  []int16 // the first theme a word is a term of, -1 none
	word   []int32 // word position of each in the row's stage text
	bytes  []Range
	tokEnd []int32 // token index just past each
	sent   []int32 // sentence of each (see sentences)
	obl    []obligationHit

	once   sync.Once // builds ix
	ix     *stageIndex
	atOnce sync.Once // builds at
	at     map[string][]int32
}

// newStageWords gathers what out (a row's stage text, as judged from an
// earlier one) inserted, with the obligation terms of its whole text.
func newStageWords(row int, out *outcomeText, text string, dict *Dictionary) *stageWords {
	toks := out.toks
	sw := &stageWords{row: row}
	inserted := spanTokens(len(toks), out.spans, true)
	if inserted == nil {
		return sw
	}
	themeOf := addedThemes(toks, out.hits, dict)
	sents := sentences(toks, text)
	wordAt := int32(0)
	for i, t := range toks {
		if !t.Word {
			continue
		}
		if inserted[i] {
			for _, w := range wordParts(t.Norm) {
				sw.words = append(sw.words, w)
				sw.stems = append(sw.stems, stem(w))
				sw.theme = append(sw.theme, themeOf[i])
				sw.word = append(sw.word, wordAt)
				sw.bytes = append(sw.bytes, Range{t.Start, t.End})
				sw.tokEnd = append(sw.tokEnd, int32(i+1))
				sw.sent = append(sw.sent, int32(sents[i]))
			}
		}
		wordAt++
	}
	sw.obl = dict.scale().find(toks, sents)
	return sw
}

// wordParts returns the parts of a hyphenated word ("gender-responsive":
// "gender", "responsive"), as the rules compare words: a hyphen and a
// space are the same, as they are for the dictionary's terms. Another
// word is its own only part.
func wordParts(w string) []string {
	if !strings.Contains(w, "-") {
		return []string{w}
	}
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' })
	if len(parts) == 0 {
		return []string{w}
	}
	return parts
}

// proposed is an insertion as the rules compare it: its words, their
// stems and themes, and the obligation term that governs it in the
// proposal.
type proposed struct {
	words   []string
	stems   []string
	theme   []int16
	content int // words that are not function words
	weight  int // the alignment weight of all its words matched exactly
	obl     obligationHit
	hasObl  bool
}

// proposalText is what the insertions of one proposal in one paragraph
// share: its tokens, the sentence of each and the obligation terms.
type proposalText struct {
	toks  []Token
	sents []int
	obl   []obligationHit
	theme []int16 // per token, the first theme it is a term of, -1 none
}

// newProposalText reads a proposal's text of a paragraph, toks its tokens
// and hits its theme hits, once for all its insertions.
func newProposalText(toks []Token, text string, hits []Hit, dict *Dictionary) *proposalText {
	sents := sentences(toks, text)
	return &proposalText{toks: toks, sents: sents, obl: dict.scale().find(toks, sents), theme: addedThemes(toks, hits, dict)}
}

// addedThemes returns, per token of toks, the first theme whose term an
// added hit of hits matched there, -1 where none did.
func addedThemes(toks []Token, hits []Hit, dict *Dictionary) []int16 {
	theme := make([]int16, len(toks))
	for i := range theme {
		theme[i] = -1
	}
	for _, h := range hits {
		if h.Change != ChangeAdded {
			continue
		}
		ti := int16(dict.themeIndex(h.Theme))
		for t := max(h.Tokens.Start, 0); t < h.Tokens.End && t < len(toks); t++ {
			if theme[t] < 0 {
				theme[t] = ti
			}
		}
	}
	return theme
}

// newProposed reads the insertion s of a proposal's text pt.
func newProposed(pt *proposalText, s Span, dict *Dictionary) *proposed {
	toks := pt.toks
	p := &proposed{}
	for i := s.VarTok.Start; i < s.VarTok.End; i++ {
		t := toks[i]
		if !t.Word {
			continue
		}
		for _, w := range wordParts(t.Norm) {
			p.words = append(p.words, w)
			p.stems = append(p.stems, stem(w))
			p.theme = append(p.theme, pt.theme[i])
			if isStopword(w) {
				p.weight += weightFunction
			} else {
				p.content++
				p.weight += weightContent
			}
		}
	}
	if s.VarTok.End > 0 {
		p.obl, p.hasObl = governing(pt.obl, pt.sents[s.VarTok.End-1], s.VarTok.End)
	}
	return p
}

// pairScore is the alignment score of proposed word i against stage word
// j of sw, and whether they match at all.
func (p *proposed) pairScore(i int, sw *stageWords, j int) (int, bool) {
	a, b := p.words[i], sw.words[j]
	function := isStopword(a)
	switch {
	case a == b && function:
		return weightFunction, true
	case a == b:
		return weightContent, true
	case function || isStopword(b):
		return penaltyMiss, false
	case p.stems[i] == sw.stems[j]:
		return weightFolded, true
	case p.theme[i] >= 0 && p.theme[i] == sw.theme[j]:
		return weightTheme, true
	}
	return penaltyMiss, false
}

// match is the best local alignment of an insertion with words of a
// stage: which stage word each proposed word matched (-1 none) and its
// figures.
type match struct {
	sw      *stageWords
	at      []int // per proposed word, the stage word it matched or -1
	exact   int   // words matched word for word
	content int   // content words matched word for word
	folded  int   // content words matched folded or by theme
	weight  int   // the weight of the words matched (see Evidence.Score)
}

// score is the weight matched over the weight of every word proposed.
func (m *match) score(p *proposed) float64 {
	if p.weight == 0 {
		return 0
	}
	return float64(m.weight) / float64(p.weight)
}

// maxAlignCells bounds one alignment: an insertion of thousands of words
// is looked for in windows of the stage's words, not the whole of them.
const maxAlignCells = 1 << 20

// localAlign returns the best local alignment (Smith-Waterman with affine
// gaps: opening a gap costs more than extending it, so "with urgency"
// aligns with "as a matter of urgency" through one gap) of the proposed
// words with sw's words lo to hi, counting its cells on mt. Matches are
// only those pairScore allows: a function word matches only itself.
func localAlign(p *proposed, sw *stageWords, lo, hi int, mt *meter) *match {
	n, w := len(p.words), hi-lo
	if n == 0 || w <= 0 || n*w > maxAlignCells || !mt.spend(n*w) {
		return nil
	}
	const neg = -1 << 30
	// h: best ending with i and j paired; e: ending with a gap in the
	// proposal (stage words skipped); f: a gap in the stage (proposed
	// words left out). Row-major (n+1) x (w+1); from holds the traceback.
	cols := w + 1
	h := make([]int32, (n+1)*cols)
	e := make([]int32, (n+1)*cols)
	f := make([]int32, (n+1)*cols)
	from := make([]uint8, (n+1)*cols) // 0 start, 1 diagonal, 2 from e, 3 from f
	for j := range cols {
		e[j], f[j] = neg, neg
	}
	best, bi, bj := int32(0), 0, 0
	for i := 1; i <= n; i++ {
		row, up := i*cols, (i-1)*cols
		e[row], f[row] = neg, neg
		for j := 1; j <= w; j++ {
			e[row+j] = max(e[row+j-1]+penaltyExtend, h[row+j-1]+penaltyOpen)
			f[row+j] = max(f[up+j]+penaltyExtend, h[up+j]+penaltyOpen)
			s, _ := p.pairScore(i-1, sw, lo+j-1)
			v, src := h[up+j-1]+int32(s), uint8(1)
			if e[row+j] > v {
				v, src = e[row+j], 2
			}
			if f[row+j] > v {
				v, src = f[row+j], 3
			}
			if v <= 0 {
				v, src = 0, 0
			}
			h[row+j], from[row+j] = v, src
			if v > best {
				best, bi, bj = v, i, j
			}
		}
	}
	m := &match{sw: sw, at: make([]int, n)}
	for i := range m.at {
		m.at[i] = -1
	}
	// Trace back from the best cell: a gap's cells point back through h
	// of the cell that opened it, which is where the path rejoins.
	i, j := bi, bj
	for i > 0 && j > 0 && h[i*cols+j] > 0 {
		switch from[i*cols+j] {
		case 1:
			if s, ok := p.pairScore(i-1, sw, lo+j-1); ok {
				m.at[i-1] = lo + j - 1
				m.add(p, i-1, s)
			}
			i, j = i-1, j-1
		case 2:
			for j > 0 && e[i*cols+j] != h[i*cols+j-1]+penaltyOpen {
				j--
			}
			j--
		case 3:
			for i > 0 && f[i*cols+j] != h[(i-1)*cols+j]+penaltyOpen {
				i--
			}
			i--
		default:
			i = 0
		}
	}
	return m
}

// greedyMatchOf returns the match of each proposed word with its next
// occurrence among sw's words after the previous match: the words an
// adopted insertion's verdict found, for its evidence.
func greedyMatchOf(p *proposed, sw *stageWords) *match {
	at := sw.positions()
	m := &match{sw: sw, at: make([]int, len(p.words))}
	pos := -1
	for i, w := range p.words {
		m.at[i] = -1
		occ := at[w]
		k, _ := slices.BinarySearch(occ, int32(pos+1))
		if k < len(occ) {
			q := int(occ[k])
			m.at[i], pos = q, q
			s := weightContent
			if isStopword(w) {
				s = weightFunction
			}
			m.add(p, i, s)
		}
	}
	return m
}

// positions returns the positions of each of sw's words, in order, built
// once.
func (sw *stageWords) positions() map[string][]int32 {
	sw.atOnce.Do(func() {
		sw.at = make(map[string][]int32, len(sw.words))
		for j, w := range sw.words {
			sw.at[w] = append(sw.at[w], int32(j))
		}
	})
	return sw.at
}

// add counts proposed word i matched with alignment score s.
func (m *match) add(p *proposed, i, s int) {
	switch s {
	case weightFunction:
		m.exact++
		m.weight += weightFunction
	case weightContent:
		m.exact++
		m.content++
		m.weight += weightContent
	default:
		m.folded++
		m.weight += s
	}
}

// verdict classifies m:
//   - adopted when every content word came back word for word, in order,
//     and at least adoptedWords of all the words did (a connective at an
//     insertion's edge, "and its", need not come back);
//   - reworded when every content word came back, some in another form
//     (folded, or a term of its theme) or with other function words ("with
//     urgency" as "as a matter of urgency"), or when folded words bring
//     the score to rewordedScore;
//   - partly when at least half the content words came back word for
//     word;
//   - else not adopted. minContent is how many content words must come
//     back at all.
func (m *match) verdict(p *proposed, minContent int) Verdict {
	switch back := m.content + m.folded; {
	case m == nil || p.content == 0 || back < max(1, minContent):
		return VerdictNotAdopted
	case m.content == p.content && float64(m.exact) >= adoptedWords*float64(len(p.words)):
		return VerdictAdopted
	case back == p.content || m.folded > 0 && m.score(p) >= rewordedScore:
		return VerdictReworded
	case 2*m.content >= p.content:
		return VerdictPartly
	}
	return VerdictNotAdopted
}

// evidence returns the evidence of m with the rule that chose it.
func (m *match) evidence(p *proposed, rule Rule, moved bool) Evidence {
	ev := Evidence{Rule: rule, Paragraph: m.sw.row, Score: m.score(p), Moved: moved}
	first, last := -1, -1
	for i, j := range m.at {
		if j < 0 {
			ev.Unmatched = append(ev.Unmatched, p.words[i])
			continue
		}
		if first < 0 {
			first = j
		}
		last = j
		ev.Kept = append(ev.Kept, m.sw.bytes[j])
	}
	if first < 0 {
		return Evidence{Rule: rule, Paragraph: -1, Unmatched: p.words}
	}
	ev.Words = Range{int(m.sw.word[first]), int(m.sw.word[last]) + 1}
	ev.Bytes = Range{m.sw.bytes[first].Start, m.sw.bytes[last].End}
	to, ok := governing(m.sw.obl, int(m.sw.sent[last]), int(m.sw.tokEnd[last]))
	ev.Weakened = weakened(p.obl, to, p.hasObl, ok)
	return ev
}

// functionOnly reports whether the words of p that ix holds are all
// function words, and there is one: "and", "the" prove nothing.
func functionOnly(p *proposed, ix *wordIndex) bool {
	some := false
	for _, w := range p.words {
		switch {
		case ix == nil || len(ix.at[w]) == 0:
		case !isStopword(w):
			return false
		default:
			some = true
		}
	}
	return some
}

// joinWords joins words for a table cell.
func joinWords(ws []string) string { return strings.Join(ws, " ") }
