package analysis

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"amendlens/parse"
)

// followDump returns a table dump of paragraphs rows built to make the
// rules search: proposals columns that each insert a clause of six words
// into every row, and an outcome of about outcomeWords words that takes a
// third of the clauses where they were proposed, moves a third to the
// next row and drops the rest, so that two thirds of the insertions are
// looked for in every other row. Words are drawn from a vocabulary of
// 20,000 made-up words, so that a stem occurs in a few places as in a
// real text.
func followDump(proposals, paragraphs, outcomeWords int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 20_000)
	const letters = "bcdfghjklmnprstvz"
	const vowels = "aeiou"
	for i := range vocab {
		var w []byte
		for n := i + 1; n > 0; n /= len(letters) * len(vowels) {
			w = append(w, letters[n%len(letters)], vowels[(n/len(letters))%len(vowels)])
		}
		vocab[i] = string(append(w, 'n'))
	}
	words := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = vocab[rng.IntN(len(vocab))]
		}
		return out
	}
	join := func(parts ...[]string) string {
		var b bytes.Buffer
		for _, p := range parts {
			for _, w := range p {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(w)
			}
		}
		b.WriteByte('.')
		return b.String()
	}
	baseWords := max(outcomeWords/paragraphs-4*proposals, 8)
	bases := make([][]string, paragraphs)
	clauses := make([][][]string, paragraphs) // row, proposal
	for i := range bases {
		bases[i] = words(baseWords)
		clauses[i] = make([][]string, proposals)
		for c := range clauses[i] {
			clauses[i][c] = words(6)
		}
	}
	var b bytes.Buffer
	dumpHeader(&b, proposals)
	for i := range bases {
		half := len(bases[i]) / 2
		fmt.Fprintf(&b, "\t%d.\n%s\n", i+1, join(bases[i]))
		for c := range proposals {
			fmt.Fprintf(&b, "\t%s\n", join(bases[i][:half], clauses[i][c], bases[i][half:]))
		}
		var kept, moved [][]string
		for c := range proposals {
			switch (i + c) % 3 {
			case 0:
				kept = append(kept, clauses[i][c])
			}
			// The clause the row before proposed, moved here.
			if prev := (i + paragraphs - 1) % paragraphs; (prev+c)%3 == 1 {
				moved = append(moved, clauses[prev][c])
			}
		}
		out := append([][]string{bases[i][:half]}, kept...)
		out = append(out, bases[i][half:])
		out = append(out, moved...)
		fmt.Fprintf(&b, "\t%s\n", join(out...))
	}
	return b.Bytes()
}

// BenchmarkFollow analyses, on one core, 10,000 insertions against an
// outcome of 200,000 words, two thirds of them looked for in every other
// row (see followDump), then four times the insertions and four times the
// outcome. ns/op grows about linearly with each: an insertion's candidates
// come from the stage's index of stems, never from a scan of the stage.
func BenchmarkFollow(b *testing.B) {
	for _, size := range []struct{ proposals, paragraphs, outcome int }{
		{1, 10_000, 200_000}, {4, 10_000, 200_000}, {1, 10_000, 800_000},
	} {
		b.Run(fmt.Sprintf("insertions=%d/outcome=%d", size.proposals*size.paragraphs, size.outcome), func(b *testing.B) {
			data := followDump(size.proposals, size.paragraphs, size.outcome)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				doc, err := parse.Parse("follow.txt", data, parse.Options{})
				if err != nil {
					b.Fatal(err)
				}
				r, err := Analyse(doc, DefaultDictionary(), Options{Workers: 1})
				if err != nil {
					b.Fatal(err)
				}
				// A third moved, found: the search ran, within its budget.
				moved := 0
				for _, u := range r.SpanUptake {
					if u.Evidence.Moved && u.Verdict == VerdictAdopted {
						moved++
					}
				}
				if want := size.proposals * size.paragraphs / 3; moved < want-size.proposals {
					b.Fatalf("%d insertions found moved, want %d", moved, want)
				}
			}
		})
	}
}

// TestFollowDump: the benchmark's document is what it says, and the rules
// find what it moved: a third of the insertions adopted where proposed, a
// third adopted moved, a third not adopted.
func TestFollowDump(t *testing.T) {
	doc, err := parse.Parse("follow.txt", followDump(2, 300, 6_000), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.SpanUptake) != 600 {
		t.Fatalf("%d insertions judged, want 600", len(r.SpanUptake))
	}
	count := map[string]int{}
	for _, u := range r.SpanUptake {
		count[fmt.Sprintf("%s moved=%v", u.Verdict, u.Evidence.Moved)]++
	}
	want := map[string]int{"adopted moved=false": 200, "adopted moved=true": 200, "not_adopted moved=false": 200}
	if fmt.Sprint(count) != fmt.Sprint(want) {
		t.Errorf("verdicts %v, want %v", count, want)
	}
}
