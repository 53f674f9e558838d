package analysistest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"amendlens/ingest"
)

// GenerateChain returns the stages of a generated negotiation, as files
// of running text: a first draft of paragraphs numbered paragraphs, then
// stages-1 revisions, each editing a tenth of the paragraphs of the one
// before (a clause inserted, a word deleted or replaced), moving one
// paragraph and adding one, with one proposal against every stage but the
// last that inserts a clause into a twentieth of its paragraphs. The same
// arguments give the same files.
func GenerateChain(stages, paragraphs int, seed uint64) []ingest.StageFile {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	vocab := strings.Fields("governments private sector civil society international organizations internet governance " +
		"development access infrastructure security stability cooperation principles policy public technical management " +
		"resources developing countries capacity building women gender rights information society multilateral transparent")
	sentence := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	texts := make([]string, paragraphs)
	for i := range texts {
		texts[i] = "We " + sentence(20+rng.IntN(20)) + "."
	}
	write := func(ts []string) []byte {
		var b strings.Builder
		for i, t := range ts {
			fmt.Fprintf(&b, "%d. %s\n\n", i+1, t)
		}
		return []byte(b.String())
	}
	edit := func(t string) string {
		words := strings.Fields(t)
		at := 1 + rng.IntN(len(words)-1)
		switch rng.IntN(3) {
		case 0:
			words = append(words[:at], append(strings.Fields(sentence(3)), words[at:]...)...)
		case 1:
			words = append(words[:at], words[at+1:]...)
		default:
			words[at] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(words, " ")
	}
	var out []ingest.StageFile
	for s := range stages {
		if s > 0 {
			next := make([]string, len(texts))
			copy(next, texts)
			for i := range next {
				if rng.IntN(10) == 0 {
					next[i] = edit(next[i])
				}
			}
			// One paragraph moved, one added.
			i, j := rng.IntN(len(next)), rng.IntN(len(next))
			p := next[i]
			next = append(next[:i], next[i+1:]...)
			next = append(next[:j], append([]string{p}, next[j:]...)...)
			next = append(next, "We "+sentence(25)+".")
			texts = next
		}
		st := ingest.StageFile{Name: fmt.Sprintf("Rev.%d", s), File: ingest.File{Name: fmt.Sprintf("rev%d.txt", s), Data: write(texts)}}
		if s < stages-1 {
			prop := make([]string, len(texts))
			for i, t := range texts {
				prop[i] = t
				if rng.IntN(20) == 0 {
					prop[i] = strings.TrimSuffix(t, ".") + ", " + sentence(6) + "."
				}
			}
			st.Proposals = []ingest.ProposalFile{{Actor: fmt.Sprintf("Group %d", s), File: ingest.File{Name: fmt.Sprintf("group%d.txt", s), Data: write(prop)}}}
		}
		out = append(out, st)
	}
	return out
}
