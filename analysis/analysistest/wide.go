package analysistest

import (
	"bytes"
	"fmt"
	"strings"
)

// WideSpec says what WideTable makes.
type WideSpec struct {
	Paragraphs   int // rows after the header, at least 1
	BaseWords    int // words of each base paragraph, at least 1
	Proposals    int // proposal columns, at least 1
	OutcomeWords int // words of each outcome paragraph; 0 for no outcome column
}

// WideTable returns a table dump that is hard on the analysis rather than
// large: paragraphs of BaseWords words, each proposal inserting one word of
// its own after every base word, and an outcome of OutcomeWords words that
// repeats the base with every proposal's insertions in turn. Such files
// make many short insertion spans per paragraph, each of which uptake
// matches against a long outcome.
func WideTable(spec WideSpec) []byte {
	spec.Paragraphs = max(spec.Paragraphs, 1)
	spec.BaseWords = max(spec.BaseWords, 1)
	spec.Proposals = max(spec.Proposals, 1)
	var b bytes.Buffer
	cell := func(s string) { b.WriteString("\t" + s + "\n") }
	cell("1.")
	b.WriteString("Wide\n")
	for p := 1; p <= spec.Proposals; p++ {
		cell(fmt.Sprintf("Proposal %d", p))
	}
	if spec.OutcomeWords > 0 {
		cell("Outcome")
	}
	base := make([]string, spec.BaseWords)
	for i := range base {
		base[i] = fmt.Sprintf("w%d", i%997)
	}
	for n := 1; n <= spec.Paragraphs; n++ {
		cell(fmt.Sprintf("%d.", n))
		b.WriteString(strings.Join(base, " ") + ".\n")
		for p := 1; p <= spec.Proposals; p++ {
			cell(proposalText(base, p) + ".")
		}
		if spec.OutcomeWords > 0 {
			var out []string
			for p := 1; len(out) < spec.OutcomeWords; p = p%spec.Proposals + 1 {
				out = append(out, strings.Fields(proposalText(base, p))...)
			}
			cell(strings.Join(out[:spec.OutcomeWords], " ") + ".")
		}
	}
	return b.Bytes()
}

// proposalText is base with the word "pP" inserted after each word.
func proposalText(base []string, p int) string {
	var b strings.Builder
	for i, w := range base {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s p%d", w, p)
	}
	return b.String()
}
