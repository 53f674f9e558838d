package analysis

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"amendlens/parse"
)

// paragraphUptake judges paragraph p's insertions against the outcome's
// own text of it, as analyseParagraph does for a paragraph no version
// merged: their fates, then their verdicts and the theme uptake.
func paragraphUptake(r *Result, p int, toks [][]Token, mt *meter) ([]SpanUptake, []ThemeUptake, error) {
	c := r.Comparison(p, r.Outcome)
	out := outcomeText{toks: toks[r.Outcome], spans: c.Spans, hits: c.Hits, absent: c.Status == StatusAbsent}
	pairs := &pairTexts{r: r, p: p, toks: toks, mt: mt, outcome: &out}
	fates, err := paragraphFates(r, p, toks, pairs, mt)
	if err != nil {
		return nil, nil, err
	}
	themes, err := themeUptake(r, p, pairs)
	return stageUptake(r, fates, len(r.Stages)-1), themes, err
}

// pathologicalDump returns a table dump of one paragraph built to make
// uptake expensive: a base of baseWords words, proposals columns that each
// insert one word after every base word (so baseWords one-word insertions
// each), and an outcome of outcomeWords one-letter words that shares no word
// with the base, so that every one of its words is inserted. With 62
// proposals, 1,000 base words and 300,000 outcome words it is the 1.39 MB
// file that once cost minutes of CPU.
func pathologicalDump(proposals, baseWords, outcomeWords int) []byte {
	var b bytes.Buffer
	dumpHeader(&b, proposals)
	pathologicalRow(&b, "1", proposals, baseWords, outcomeWords)
	return b.Bytes()
}

// dumpHeader writes the header row of a table dump with proposals
// proposal columns and an outcome.
func dumpHeader(b *bytes.Buffer, proposals int) {
	b.WriteString("\t1.\nIntroduction\n")
	for c := range proposals {
		fmt.Fprintf(b, "\tProposal %d\n", c+1)
	}
	b.WriteString("\tOutcome\n")
}

// pathologicalRow writes the row of paragraph id that pathologicalDump
// describes.
func pathologicalRow(b *bytes.Buffer, id string, proposals, baseWords, outcomeWords int) {
	fmt.Fprintf(b, "\t%s.\n", id)
	for i := range baseWords {
		fmt.Fprintf(b, "b%d ", i)
	}
	b.WriteString("\n")
	for c := range proposals {
		b.WriteString("\t")
		for i := range baseWords {
			fmt.Fprintf(b, "b%d words%d ", i, c)
		}
		b.WriteString("\n")
	}
	b.WriteString("\t")
	for i := range outcomeWords {
		b.WriteByte(byte('a' + i%26))
		b.WriteByte(' ')
	}
	b.WriteString("\n")
}

// plainRow writes a row of paragraph id in which every proposal adds a
// few words and the outcome takes those of the first.
func plainRow(b *bytes.Buffer, id string, proposals int) {
	fmt.Fprintf(b, "\t%s.\nWe agree on access for all.\n", id)
	for c := range proposals {
		fmt.Fprintf(b, "\tWe agree on affordable access for all, proposal %d.\n", c+1)
	}
	b.WriteString("\tWe agree on affordable access for all.\n")
}

// BenchmarkUptakePathological analyses the pathological file whole
// (62 proposals) and with one proposal, on one core.
func BenchmarkUptakePathological(b *testing.B) {
	for _, proposals := range []int{1, 62} {
		data := pathologicalDump(proposals, 1000, 300_000)
		b.Run(fmt.Sprintf("proposals=%d", proposals), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				doc, err := parse.Parse("pathological.txt", data, parse.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Analyse(doc, DefaultDictionary(), Options{Workers: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPathologicalFileAnalyses: the pathological file is what the issue
// describes (1.39 MB), and it now analyses within the default budget, every
// one-word insertion judged not adopted.
func TestPathologicalFileAnalyses(t *testing.T) {
	if testing.Short() {
		t.Skip("a second of CPU")
	}
	data := pathologicalDump(62, 1000, 300_000)
	if n := len(data); n < 1_380_000 || n > 1_400_000 {
		t.Fatalf("pathological file of %d bytes, want 1.39 MB", n)
	}
	doc, err := parse.Parse("pathological.txt", data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.SpanUptake) != 62*1000 {
		t.Fatalf("%d insertions judged, want %d", len(r.SpanUptake), 62*1000)
	}
	for _, u := range r.SpanUptake {
		if u.Verdict != VerdictNotAdopted || u.Words != 1 {
			t.Fatalf("insertion %+v, want one word not adopted", u)
		}
	}
}

// TestWorkBudgetRefuses: past its budget an analysis fails with
// ErrWorkBudget naming the paragraph it had reached, after the cheap
// paragraphs before it passed.
func TestWorkBudgetRefuses(t *testing.T) {
	var b bytes.Buffer
	dumpHeader(&b, 3)
	plainRow(&b, "1", 3)
	plainRow(&b, "2", 3)
	pathologicalRow(&b, "3", 3, 1000, 100_000)
	plainRow(&b, "4", 3)
	doc, err := parse.Parse("budget.txt", b.Bytes(), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Within the default budget it analyses...
	if _, err := Analyse(doc, DefaultDictionary(), Options{}); err != nil {
		t.Fatalf("default budget: %v", err)
	}
	// ...and with one of 20 million steps, which the plain paragraphs need
	// a few thousand of, it stops at paragraph 3.
	var done []int
	_, err = Analyse(doc, DefaultDictionary(), Options{MaxWork: 20_000_000, Workers: 1, Progress: func(n, _ int) { done = append(done, n) }})
	if !errors.Is(err, ErrWorkBudget) {
		t.Fatalf("err = %v, want ErrWorkBudget", err)
	}
	for _, want := range []string{"analyse budget:", `paragraph "3" (line `, "20,000,000 steps"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if !slices.Equal(done, []int{1, 2}) {
		t.Errorf("paragraphs done before the refusal: %v, want 1 and 2", done)
	}
}

// TestAnalyseContextCancelled: an analysis whose context is done stops at
// the next paragraph, or within the one it is in, with the context's error.
func TestAnalyseContextCancelled(t *testing.T) {
	var b bytes.Buffer
	dumpHeader(&b, 2)
	for i := range 5 {
		plainRow(&b, fmt.Sprint(i+1), 2)
	}
	pathologicalRow(&b, "6", 2, 1000, 100_000)
	doc, err := parse.Parse("cancel.txt", b.Bytes(), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := AnalyseContext(ctx, doc, DefaultDictionary(), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: err = %v, want context.Canceled", err)
	}

	// Cancelled once the second paragraph is done: the third is refused.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	_, err = AnalyseContext(ctx, doc, DefaultDictionary(), Options{Workers: 1, Progress: func(n, _ int) {
		if n == 2 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), `paragraph "3"`) {
		t.Errorf("cancelled after paragraph 2: err = %v, want context.Canceled at paragraph 3", err)
	}

	// Cancelled while the long paragraph 6 is analysed: the meter checks
	// the context every meterFlush steps, so the paragraph stops early in
	// its diff (its 100,000 tokens count 64 steps each, so 6 million
	// steps are spent before the diff starts) rather than at its end.
	steps := func(ctx context.Context) (int64, error) {
		r := newResult(doc, DefaultDictionary(), 3, false)
		mt := &meter{ctx: ctx, total: new(atomic.Int64), limit: 1 << 62}
		err := analyseParagraph(r, 5, NewTokenizer(), make([][]Token, len(doc.Variants)), &paragraphWork{}, mt, nil)
		mt.flush()
		return mt.total.Load(), err
	}
	whole, err := steps(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	part, err := steps(&doneAfter{Context: context.Background(), checks: 4})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled within paragraph 6: err = %v, want context.Canceled", err)
	}
	if part >= whole/10 {
		t.Errorf("cancelled within paragraph 6 after %d steps of %d, want a tenth at most", part, whole)
	}
}

// doneAfter is a context whose Err is nil for its first checks calls and
// context.Canceled after: a cancellation at a known point of the work.
type doneAfter struct {
	context.Context
	checks int
}

func (c *doneAfter) Err() error {
	if c.checks > 0 {
		c.checks--
		return nil
	}
	return context.Canceled
}

// referenceSubsequence is the textbook longest common subsequence, for
// checking the others.
func referenceSubsequence(a, b []string) int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				t[i+1][j+1] = t[i][j] + 1
			} else {
				t[i+1][j+1] = max(t[i][j+1], t[i+1][j])
			}
		}
	}
	return t[len(a)][len(b)]
}

// TestSubsequenceMethodsAgree checks the table and the sparse method
// against the textbook definition on random word sequences over small
// vocabularies (so words repeat), and the greedy match as a lower bound
// that is exact when a is a subsequence.
func TestSubsequenceMethodsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	seq := func(n, vocab int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = string(rune('a' + rng.IntN(vocab)))
		}
		return out
	}
	for range 2000 {
		vocab := 1 + rng.IntN(6)
		a, b := seq(rng.IntN(12), vocab), seq(rng.IntN(30), vocab)
		want := referenceSubsequence(a, b)
		ix := newWordIndex(b)
		if len(a) > 0 && len(b) > 0 {
			if got := tableSubsequence(a, b); got != want {
				t.Fatalf("table(%v, %v) = %d, want %d", a, b, got, want)
			}
		}
		if got := sparseSubsequence(a, ix, nil); got != want {
			t.Fatalf("sparse(%v, %v) = %d, want %d", a, b, got, want)
		}
		if got := commonSubsequence(a, ix, nil); got != want {
			t.Fatalf("commonSubsequence(%v, %v) = %d, want %d", a, b, got, want)
		}
		g := greedyMatch(a, ix)
		if g > want || (want == len(a) && g != want) {
			t.Fatalf("greedy(%v, %v) = %d, longest %d", a, b, g, want)
		}
	}
}

// TestCommonSubsequenceLongInsertions: long insertions stay exact through
// the sparse method while it is cheaper than the table, and fall back on
// the greedy match past both bounds.
func TestCommonSubsequenceLongInsertions(t *testing.T) {
	cycle := func(n, period int, w string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("%s%d", w, i%period)
		}
		return out
	}
	// 300 words against 100,000: the table would be 30 million cells, the
	// sparse method is exact in a few hundred thousand steps. Every word
	// of a recurs every 7 words of b, so all of a is found, in order.
	a := cycle(300, 7, "w")
	slices.Reverse(a)
	b := cycle(100_000, 7, "w")
	if got, want := commonSubsequence(a, newWordIndex(b), nil), 300; got != want {
		t.Errorf("long outcome: %d, want %d", got, want)
	}
	short := cycle(20, 7, "w")
	slices.Reverse(short)
	if got, want := commonSubsequence(short, newWordIndex(cycle(14, 7, "w")), nil), referenceSubsequence(short, cycle(14, 7, "w")); got != want {
		t.Errorf("reversed: %d, want %d", got, want)
	}
	// Past both bounds: the greedy match, which finds a whole copy and
	// nothing of a disjoint text.
	long := cycle(5000, 7, "w")
	if got := commonSubsequence(long, newWordIndex(long), nil); got != len(long) {
		t.Errorf("identical long insertions: %d, want %d", got, len(long))
	}
	if got := commonSubsequence(long, newWordIndex(cycle(3000, 7, "z")), nil); got != 0 {
		t.Errorf("disjoint long insertions: %d, want 0", got)
	}
}

// uptakeParagraph returns the analysis of a document of one paragraph for
// benchmarking its uptake: a base of spans words, one proposal inserting
// two words after each (one the outcome inserted too, one it did not, so
// that each insertion is partly adopted and needs its longest common
// subsequence), and an outcome of outcomeWords words over 1,000 distinct
// ones, all of them inserted.
func uptakeParagraph(b *testing.B, spans, outcomeWords int) (*Result, [][]Token) {
	b.Helper()
	var buf bytes.Buffer
	dumpHeader(&buf, 1)
	buf.WriteString("\t1.\n")
	for i := range spans {
		fmt.Fprintf(&buf, "b%d ", i)
	}
	buf.WriteString("\n\t")
	for i := range spans {
		fmt.Fprintf(&buf, "b%d c%d x%d ", i, i%1000, i)
	}
	buf.WriteString("\n\t")
	for i := range outcomeWords {
		fmt.Fprintf(&buf, "c%d ", (i*7)%1000)
	}
	buf.WriteString("\n")
	doc, err := parse.Parse("uptake.txt", buf.Bytes(), parse.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{MaxWork: -1})
	if err != nil {
		b.Fatal(err)
	}
	if got := len(r.SpanUptake); got != spans {
		b.Fatalf("%d insertions, want %d", got, spans)
	}
	for _, u := range r.SpanUptake {
		if u.Verdict != VerdictPartly || u.Adopted != 1 {
			b.Fatalf("insertion %+v, want partly adopted, 1 word", u)
		}
	}
	tok := NewTokenizer()
	toks := make([][]Token, len(doc.Variants))
	for v, text := range doc.Paragraphs[0].Texts {
		toks[v] = tok.Tokenize(text)
	}
	return r, toks
}

// BenchmarkParagraphUptake measures the uptake of one paragraph against
// the number of insertions (at an outcome of 10,000 words) and against the
// length of the outcome (at 1,000 insertions). ns/op grows about linearly
// with each: the outcome's inserted words are indexed once, and each
// insertion costs a few look-ups in the index.
func BenchmarkParagraphUptake(b *testing.B) {
	for _, size := range []struct{ spans, outcome int }{
		{1_000, 10_000}, {4_000, 10_000}, {16_000, 10_000}, {32_000, 10_000},
		{1_000, 50_000}, {1_000, 200_000},
	} {
		b.Run(fmt.Sprintf("spans=%d/outcome=%d", size.spans, size.outcome), func(b *testing.B) {
			r, toks := uptakeParagraph(b, size.spans, size.outcome)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := paragraphUptake(r, 0, toks, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestOutcomeComplete: with the outcome complete, the insertions of the
// sample that were pending (the compromise has no text for their
// paragraphs) are not adopted, the others keep their verdicts, and every
// pending theme hit is counted proposed and not adopted.
func TestOutcomeComplete(t *testing.T) {
	open := analyseSource(t)
	complete := analyseSourceWith(t, Options{OutcomeComplete: true})
	if len(open.SpanUptake) != len(complete.SpanUptake) {
		t.Fatalf("%d insertions judged, then %d", len(open.SpanUptake), len(complete.SpanUptake))
	}
	pending := 0
	for i, u := range open.SpanUptake {
		c := complete.SpanUptake[i]
		want := u
		if u.Verdict == VerdictPending {
			pending++
			want.Verdict = VerdictNotAdopted
			if open.Comparison(u.Paragraph, open.Outcome).Status != StatusAbsent {
				t.Errorf("pending insertion %+v where the outcome has text", u)
			}
		}
		if u.Verdict == VerdictPending && c.Evidence.Rule != RuleNoText {
			t.Errorf("insertion %d: rule %q with the outcome complete, want %q", i, c.Evidence.Rule, RuleNoText)
		}
		c.Evidence, want.Evidence = Evidence{}, Evidence{}
		if !reflect.DeepEqual(c, want) {
			t.Errorf("insertion %d: %+v with the outcome complete, want %+v", i, c, want)
		}
	}
	if pending == 0 {
		t.Fatal("the sample has no pending insertion to test")
	}
	if len(open.ThemeUptake) != len(complete.ThemeUptake) {
		t.Fatalf("%d theme rows, then %d", len(open.ThemeUptake), len(complete.ThemeUptake))
	}
	hadPending := false
	for i, u := range open.ThemeUptake {
		c := complete.ThemeUptake[i]
		hadPending = hadPending || u.Pending > 0
		want := ThemeUptake{Proposal: u.Proposal, Theme: u.Theme, Proposed: u.Proposed + u.Pending, Adopted: u.Adopted}
		if c != want {
			t.Errorf("theme uptake %+v with the outcome complete, want %+v", c, want)
		}
	}
	if !hadPending {
		t.Error("the sample has no pending theme hit to test")
	}
}
