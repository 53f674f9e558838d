package analysistest

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"amendlens/parse"

	"amendlens/analysis"
)

// CorpusSpec says what GenerateCorpus makes.
type CorpusSpec struct {
	Seed    uint64 // the same seed gives the same bytes
	Bytes   int64  // cell text to generate, at least (the last row may go past it)
	Columns int    // base, proposals and outcome: 3 or more
}

// Corpus is a generated table dump and what it holds.
type Corpus struct {
	Data       []byte // the table dump
	TextBytes  int64  // bytes of cell text, labels excluded
	Paragraphs int
	Sections   int // headings, subsections included
}

// The limits of a generated corpus. Labels have at most 4 digits (the parser
// takes longer numbers for text), so paragraph numbers go round 1..9999 with
// a letter after them from the second round on, and section numbers, which
// take at most one letter, stop at 9999.
const (
	maxLabel          = 9999
	maxCorpusRounds   = 27 // no letter, then a to z
	maxCorpusColumns  = 26
	corpusNewSuffix   = "bis"
	corpusMinSections = 15 // paragraphs per section, at least
	corpusMaxSections = 40 // and at most
)

// GenerateCorpus writes a synthetic negotiation text in the table-dump format
// (a table dump, see parse.Parse) made from the base paragraphs and section
// titles of the table dump source. Each generated paragraph is one to three
// source paragraphs; each proposal perturbs it (words inserted from the
// terms of dict, words deleted or replaced, a sentence added) or leaves it
// unchanged or absent; the outcome takes the base, a proposal as it is or
// amended, an amendment of its own, or nothing. Now and then a proposal adds
// a new paragraph ("New 12bis"). Section headings, some with subsections,
// come every few dozen paragraphs.
func GenerateCorpus(spec CorpusSpec, source []byte, dict *analysis.Dictionary) (*Corpus, error) {
	if spec.Columns < 3 || spec.Columns > maxCorpusColumns {
		return nil, fmt.Errorf("corpus: %d columns: want 3 to %d (base, proposals, outcome)", spec.Columns, maxCorpusColumns)
	}
	if spec.Bytes <= 0 {
		return nil, fmt.Errorf("corpus: size %d bytes: want more than 0", spec.Bytes)
	}
	g, err := newCorpusGen(spec, source, dict)
	if err != nil {
		return nil, err
	}
	return g.run()
}

// corpusGen holds the material and state of one generation.
type corpusGen struct {
	spec   CorpusSpec
	rng    *rand.Rand
	paras  [][]string // base paragraphs of the source, as lines
	titles []string   // section titles of the source
	terms  [][]string // dictionary terms, as words
	vocab  []string   // words of the source paragraphs
	out    bytes.Buffer
	c      Corpus
	para   int // paragraphs numbered so far
	top    int // top-level sections so far
}

func newCorpusGen(spec CorpusSpec, source []byte, dict *analysis.Dictionary) (*corpusGen, error) {
	doc, err := parse.Parse("source", source, parse.Options{})
	if err != nil {
		return nil, fmt.Errorf("corpus: source: %w", err)
	}
	g := &corpusGen{
		spec: spec,
		rng:  rand.New(rand.NewPCG(spec.Seed, spec.Seed^0x9e3779b97f4a7c15)),
	}
	for _, p := range doc.Paragraphs {
		text := p.Texts[0]
		if first, _ := utf8.DecodeRuneInString(text); !unicode.IsLetter(first) {
			continue // a variant must not start with what reads as a label
		}
		if last, _ := utf8.DecodeLastRuneInString(text); !strings.ContainsRune(".;:!?", last) && !strings.Contains(text, "\n") {
			continue // a base cell alone in its row must not read as a heading
		}
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				lines = append(lines, l)
			}
		}
		g.paras = append(g.paras, lines)
		for _, l := range lines {
			g.vocab = append(g.vocab, strings.Fields(l)...)
		}
	}
	for _, s := range doc.Sections {
		if s.Title != "" {
			g.titles = append(g.titles, s.Title)
		}
	}
	for _, th := range dict.Themes {
		for _, t := range th.Terms {
			if words := strings.Fields(strings.TrimSuffix(t, "*")); len(words) > 0 {
				g.terms = append(g.terms, words)
			}
		}
	}
	switch {
	case len(g.paras) == 0:
		return nil, errors.New("corpus: source: no base paragraph starting with a letter")
	case len(g.titles) == 0:
		return nil, errors.New("corpus: source: no section title")
	case len(g.terms) == 0:
		return nil, errors.New("corpus: dictionary has no terms")
	}
	return g, nil
}

// run writes the header and rows until the cell text reaches the size asked.
func (g *corpusGen) run() (*Corpus, error) {
	g.out.Grow(int(g.spec.Bytes + g.spec.Bytes/8))
	g.cell("Base text")
	for v := 1; v < g.spec.Columns-1; v++ {
		g.cell(fmt.Sprintf("Proposal %c", 'A'+v-1))
	}
	g.cell("Outcome")
	for g.c.TextBytes < g.spec.Bytes {
		if err := g.section(); err != nil {
			return nil, err
		}
	}
	g.c.Data = g.out.Bytes()
	return &g.c, nil
}

// section writes a heading, maybe a subsection heading, and the paragraphs
// under them, stopping early once the size is reached.
func (g *corpusGen) section() error {
	g.top++
	if g.top > maxLabel {
		return fmt.Errorf("corpus: more than %d sections: ask for less text", maxLabel)
	}
	id := fmt.Sprint(g.top)
	g.heading(id)
	n := corpusMinSections + g.rng.IntN(corpusMaxSections-corpusMinSections+1)
	sub := 0
	for i := 0; i < n && g.c.TextBytes < g.spec.Bytes; i++ {
		if i > 0 && sub < 26 && g.rng.IntN(12) == 0 {
			g.heading(fmt.Sprintf("%s%c", id, 'a'+sub))
			sub++
		}
		if err := g.paragraph(); err != nil {
			return err
		}
	}
	return nil
}

// heading writes a section heading row.
func (g *corpusGen) heading(id string) {
	g.c.Sections++
	g.cell(id + ".\n" + g.titles[g.rng.IntN(len(g.titles))])
	for v := 1; v < g.spec.Columns; v++ {
		g.cell("")
	}
}

// paragraph writes one paragraph row and, sometimes, a new paragraph after it.
func (g *corpusGen) paragraph() error {
	g.para++
	if g.para > maxLabel*maxCorpusRounds {
		return fmt.Errorf("corpus: more than %d paragraphs: ask for less text", maxLabel*maxCorpusRounds)
	}
	id := fmt.Sprint((g.para-1)%maxLabel + 1)
	if round := (g.para - 1) / maxLabel; round > 0 {
		id += string(rune('a' + round - 1))
	}
	base := g.baseLines()
	texts := make([]string, g.spec.Columns)
	texts[0] = strings.Join(base, "\n")
	outcome := g.spec.Columns - 1
	for v := 1; v < outcome; v++ {
		switch r := g.rng.IntN(10); {
		case r < 2: // absent
		case r < 4:
			texts[v] = texts[0]
		default:
			texts[v] = g.amend(base, 1+g.rng.IntN(4))
		}
	}
	texts[outcome] = g.outcome(base, texts[:outcome])
	g.row(id+".", texts)
	g.c.Paragraphs++

	if g.rng.IntN(30) == 0 {
		g.newParagraph(id + corpusNewSuffix)
	}
	return nil
}

// newParagraph writes a row whose base is empty, proposed by the first
// proposal that has text.
func (g *corpusGen) newParagraph(id string) {
	lines := g.paras[g.rng.IntN(len(g.paras))]
	texts := make([]string, g.spec.Columns)
	outcome := g.spec.Columns - 1
	first := 1 + g.rng.IntN(outcome-1)
	texts[first] = g.amend(lines, 1)
	for v := first + 1; v < outcome; v++ {
		if g.rng.IntN(3) == 0 {
			texts[v] = g.amend(lines, 1)
		}
	}
	if g.rng.IntN(2) == 0 {
		texts[outcome] = g.amend(lines, 1)
	}
	g.row("New "+id, texts)
	g.c.Paragraphs++
}

// outcome returns the outcome's text of a paragraph whose base is base and
// whose proposals' texts are proposals[1:].
func (g *corpusGen) outcome(base []string, proposals []string) string {
	var present []string
	for _, t := range proposals[1:] {
		if t != "" {
			present = append(present, t)
		}
	}
	r := g.rng.IntN(20)
	switch {
	case r < 2:
		return ""
	case r < 7 || len(present) == 0:
		return proposals[0]
	case r < 14:
		return present[g.rng.IntN(len(present))]
	case r < 18:
		return g.amend(strings.Split(present[g.rng.IntN(len(present))], "\n"), 1)
	default:
		return g.amend(base, 1+g.rng.IntN(2))
	}
}

// baseLines returns the lines of one to three source paragraphs.
func (g *corpusGen) baseLines() []string {
	n := 1 + g.rng.IntN(3)
	var lines []string
	for range n {
		lines = append(lines, g.paras[g.rng.IntN(len(g.paras))]...)
	}
	return lines
}

// amend returns lines with edits applied, joined with line ends. The first
// word of the first line is never touched so that the text never starts
// with something that reads as a paragraph number.
func (g *corpusGen) amend(lines []string, edits int) string {
	words := make([][]string, len(lines))
	for i, l := range lines {
		words[i] = strings.Fields(l)
	}
	for range edits {
		i := g.rng.IntN(len(words))
		w := words[i]
		at := 1 + g.rng.IntN(len(w)) // 1..len(w): after the first word
		switch g.rng.IntN(8) {
		case 0, 1, 2: // a theme term, with or without a word leading it in
			ins := g.term()
			if lead := corpusLinks[g.rng.IntN(len(corpusLinks))]; lead != "" {
				ins = append([]string{lead}, ins...)
			}
			w = insertWords(w, at, ins)
		case 3: // deletion, leaving at least 3 words
			n := min(1+g.rng.IntN(6), len(w)-3)
			if n > 0 && at < len(w) {
				n = min(n, len(w)-at)
				w = append(w[:at:at], w[at+n:]...)
			}
		case 4, 5: // substitution by a term or by other words
			if at < len(w) {
				n := min(1+g.rng.IntN(3), len(w)-at)
				repl := g.term()
				if g.rng.IntN(2) == 0 {
					repl = g.words(1 + g.rng.IntN(3))
				}
				w = insertWords(append(w[:at:at], w[at+n:]...), at, repl)
			}
		case 6: // plain words inserted
			w = insertWords(w, at, g.words(1+g.rng.IntN(5)))
		default: // a new sentence at the end of the line
			w = append(w[:len(w):len(w)], g.sentence()...)
		}
		words[i] = w
	}
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.Join(w, " ")
	}
	return strings.Join(out, "\n")
}

// corpusLinks are the words that may lead an inserted term in.
var corpusLinks = [...]string{"", "", "and", "including", "with", "for", "on", "and promote"}

// term returns the words of a random dictionary term.
func (g *corpusGen) term() []string {
	return g.terms[g.rng.IntN(len(g.terms))]
}

// words returns n random words of the source.
func (g *corpusGen) words(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = g.vocab[g.rng.IntN(len(g.vocab))]
	}
	return out
}

// sentence returns a sentence of source words and a theme term.
func (g *corpusGen) sentence() []string {
	s := append([]string{"We", corpusVerbs[g.rng.IntN(len(corpusVerbs))]}, g.words(2+g.rng.IntN(6))...)
	s = append(s, g.term()...)
	s = append(s, g.words(1+g.rng.IntN(4))...)
	last := strings.TrimRight(s[len(s)-1], ".,;:")
	if last == "" {
		last = "all"
	}
	s[len(s)-1] = last + "."
	return s
}

// corpusVerbs start the sentences amendments add.
var corpusVerbs = [...]string{"recognize", "stress", "reaffirm", "encourage", "call for", "note", "support"}

// insertWords returns w with ins inserted before index at.
func insertWords(w []string, at int, ins []string) []string {
	out := make([]string, 0, len(w)+len(ins))
	out = append(out, w[:at]...)
	out = append(out, ins...)
	return append(out, w[at:]...)
}

// row writes a paragraph row: label before the first non-empty text.
func (g *corpusGen) row(label string, texts []string) {
	labelled := false
	for _, t := range texts {
		if t != "" && !labelled {
			g.cell(label + "\n" + t)
			labelled = true
		} else {
			g.cell(t)
		}
		g.c.TextBytes += int64(len(t))
	}
}

// cell writes one cell: a tab, its text, a line end.
func (g *corpusGen) cell(text string) {
	g.out.WriteByte('\t')
	g.out.WriteString(text)
	g.out.WriteByte('\n')
}
