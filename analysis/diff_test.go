package analysis

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// wantSpan describes a span by the text it covers.
type wantSpan struct {
	op      Op
	kind    Kind
	del     string // base text of BaseBytes
	ins     string // variant text of VarBytes
	deleted int
	added   int
}

// describeSpans turns spans into wantSpans for comparison.
func describeSpans(baseText, varText string, spans []Span) []wantSpan {
	out := []wantSpan{}
	for _, s := range spans {
		out = append(out, wantSpan{
			op: s.Op, kind: s.Kind,
			del: baseText[s.BaseBytes.Start:s.BaseBytes.End], ins: varText[s.VarBytes.Start:s.VarBytes.End],
			deleted: s.Deleted, added: s.Added,
		})
	}
	return out
}

// checkSpans fails unless spans are a valid edit of base into variant: in
// order, within range, bounded by words, byte ranges matching token ranges,
// counts matching, and replaying them on the base's words gives the
// variant's words.
func checkSpans(t *testing.T, base, variant []Token, spans []Span) {
	t.Helper()
	all := func(toks []Token) Range { return Range{0, len(toks)} }
	var rebuilt []string
	bpos, vpos, added, deleted := 0, 0, 0, 0
	for i, s := range spans {
		for _, side := range []struct {
			name  string
			toks  []Token
			r, br Range
			pos   int
			words int
		}{
			{"base", base, s.BaseTok, s.BaseBytes, bpos, s.Deleted},
			{"variant", variant, s.VarTok, s.VarBytes, vpos, s.Added},
		} {
			r, toks := side.r, side.toks
			if r.Start < side.pos || r.End < r.Start || r.End > len(toks) {
				t.Fatalf("span %d: %s tokens %v out of order or range (from %d, %d tokens)", i, side.name, r, side.pos, len(toks))
			}
			if got := len(words(toks, r)); got != side.words {
				t.Fatalf("span %d: %s tokens %v hold %d words, span counts %d", i, side.name, r, got, side.words)
			}
			if r.Len() > 0 && (!toks[r.Start].Word || !toks[r.End-1].Word) {
				t.Fatalf("span %d: %s tokens %v do not start and end with a word", i, side.name, r)
			}
			if want := byteRange(toks, r); side.br != want {
				t.Fatalf("span %d: %s bytes %v, tokens %v cover %v", i, side.name, side.br, r, want)
			}
		}
		if s.Added+s.Deleted == 0 {
			t.Fatalf("span %d changes no word", i)
		}
		wantOp := map[bool]map[bool]Op{true: {true: OpReplace, false: OpDelete}, false: {true: OpInsert}}[s.Deleted > 0][s.Added > 0]
		if s.Op != wantOp {
			t.Fatalf("span %d: Op %s with %d deleted and %d added", i, s.Op, s.Deleted, s.Added)
		}
		rebuilt = append(rebuilt, words(base, Range{bpos, s.BaseTok.Start})...)
		rebuilt = append(rebuilt, words(variant, s.VarTok)...)
		bpos, vpos = s.BaseTok.End, s.VarTok.End
		added += s.Added
		deleted += s.Deleted
	}
	rebuilt = append(rebuilt, words(base, Range{bpos, len(base)})...)
	if want := words(variant, all(variant)); !reflect.DeepEqual(rebuilt, want) {
		t.Fatalf("base words with the spans applied:\n%q\nwant the variant's words:\n%q", rebuilt, want)
	}
	if CountWords(variant) != CountWords(base)+added-deleted {
		t.Fatalf("variant words %d != base words %d + added %d - deleted %d", CountWords(variant), CountWords(base), added, deleted)
	}
}

// diffTexts tokenizes and diffs two texts, checking the result is valid.
func diffTexts(t *testing.T, base, variant string) ([]Token, []Token, []Span) {
	t.Helper()
	tk := NewTokenizer()
	bt, vt := tk.Tokenize(base), tk.Tokenize(variant)
	spans := Diff(bt, vt)
	checkSpans(t, bt, vt, spans)
	return bt, vt, spans
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name          string
		base, variant string
		want          []wantSpan
	}{
		{"both empty", "", "", []wantSpan{}},
		{"punctuation only on both sides", "—", "…", []wantSpan{}},
		{"identical", "We note the report.", "We note the report.", []wantSpan{}},
		{"doubled full stop", "the respect of Human Rights.", "the respect of Human Rights..", []wantSpan{}},
		{"white space, case and quote style", "the “Geneva principles” ", "  the \"geneva Principles\"\n", []wantSpan{}},
		{"empty base", "", "We take note that freedom of expression is cross-cutting.",
			[]wantSpan{{OpInsert, KindNewParagraph, "", "We take note that freedom of expression is cross-cutting", 0, 9}}},
		{"base of punctuation only", "—", "New text.",
			[]wantSpan{{OpInsert, KindNewParagraph, "", "New text", 0, 2}}},
		{"empty variant", "We note the report.", "",
			[]wantSpan{{OpDelete, KindDeletion, "We note the report", "", 4, 0}}},
		{"replace", "We would work to enhance participation.", "We would work to guarantee participation.",
			[]wantSpan{{OpReplace, KindSubstitution, "enhance", "guarantee", 1, 1}}},
		{"deletion", "taking into account multilingualism and culture.", "taking into account culture.",
			[]wantSpan{{OpDelete, KindDeletion, "multilingualism and", "", 2, 0}}},
		{"qualifier", "facilitate access for all", "facilitate access and affordability for all",
			[]wantSpan{{OpInsert, KindQualifier, "", "and affordability", 0, 2}}},
		{"clause before the full stop", "into account multilingualism.", "into account multilingualism and a gender equality perspective.",
			[]wantSpan{{OpInsert, KindClause, "", "and a gender equality perspective", 0, 5}}},
		{"multiple spans", "We seek to improve the coordination of the activities.", "We seek to improve and strengthen the coordination of all activities, urgently.",
			[]wantSpan{
				{OpInsert, KindQualifier, "", "and strengthen", 0, 2},
				{OpReplace, KindSubstitution, "the", "all", 1, 1},
				{OpInsert, KindQualifier, "", "urgently", 0, 1},
			}},
		{"appended sentence", "We note the report.", "We note the report. We thank the chairman.",
			[]wantSpan{{OpInsert, KindNewSentence, "", "We thank the chairman", 0, 4}}},
		{"appended sentence without full stop", "We note the report.", "We note the report. We thank the chairman",
			[]wantSpan{{OpInsert, KindNewSentence, "", "We thank the chairman", 0, 4}}},
		{"sentence in front", "We note the report.", "We thank the chairman. We note the report.",
			[]wantSpan{{OpInsert, KindNewSentence, "", "We thank the chairman", 0, 4}}},
		{"sentence in the middle slides to the sentence boundary", "We do this. We do that.", "We do this. We do more. We do that.",
			[]wantSpan{{OpInsert, KindNewSentence, "", "We do more", 0, 3}}},
		{"sentence joined to the head of the next", "Governments act.", "Parliaments vote. Then governments act.",
			[]wantSpan{{OpInsert, KindNewSentence, "", "Parliaments vote. Then", 0, 3}}},
		{"word in front of a sentence is no sentence", "We agree.", "Thus we agree.",
			[]wantSpan{{OpInsert, KindQualifier, "", "Thus", 0, 1}}},
		{"ambiguous insert goes first", "access and trade", "access and privacy and trade",
			[]wantSpan{{OpInsert, KindQualifier, "", "and privacy", 0, 2}}},
		{"ambiguous insert lines up with commas", "access, and trade", "access, and privacy, and trade",
			[]wantSpan{{OpInsert, KindQualifier, "", "and privacy", 0, 2}}},
		{"ambiguous clause goes first", "ensure participation of all", "ensure participation of men and women of all",
			[]wantSpan{{OpInsert, KindClause, "", "of men and women", 0, 4}}},
		{"two qualifiers", "to ensure participation", "to ensure effective and equal participation of all",
			[]wantSpan{
				{OpInsert, KindQualifier, "", "effective and equal", 0, 3},
				{OpInsert, KindQualifier, "", "of all", 0, 2},
			}},
		{"all words replaced", "alpha beta", "gamma delta epsilon",
			[]wantSpan{{OpReplace, KindSubstitution, "alpha beta", "gamma delta epsilon", 2, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, spans := diffTexts(t, tt.base, tt.variant)
			if got := describeSpans(tt.base, tt.variant, spans); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff(%q, %q) =\n%+v\nwant\n%+v", tt.base, tt.variant, got, tt.want)
			}
		})
	}
}

func TestDiffEmptyRanges(t *testing.T) {
	tests := []struct {
		name          string
		base, variant string
		baseTok       Range // of the only span
		varTok        Range
	}{
		// "multilingualism" "." : the insert goes before the full stop.
		{"insert before punctuation", "multilingualism.", "multilingualism and more.", Range{1, 1}, Range{1, 3}},
		// The variant has its full stop before the new words: they go after the base's.
		{"insert after a sentence", "We agree.", "We agree. We act.", Range{3, 3}, Range{3, 5}},
		{"insert at the start", "“We agree.”", "“Today we agree.”", Range{1, 1}, Range{1, 2}},
		{"delete before punctuation", "multilingualism and more.", "multilingualism.", Range{1, 3}, Range{1, 1}},
		{"delete a whole base", "We agree.", "", Range{0, 2}, Range{0, 0}},
		{"new paragraph", "", "We agree.", Range{0, 0}, Range{0, 2}},
		{"new paragraph in quotes", "", "“We agree.”", Range{0, 0}, Range{1, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, spans := diffTexts(t, tt.base, tt.variant)
			if len(spans) != 1 || spans[0].BaseTok != tt.baseTok || spans[0].VarTok != tt.varTok {
				t.Fatalf("Diff(%q, %q) = %+v, want one span with BaseTok %v and VarTok %v", tt.base, tt.variant, spans, tt.baseTok, tt.varTok)
			}
		})
	}
}

// docLine returns line n (1-based) of the source document, white space and
// all, after checking it starts with prefix.
func docLine(t *testing.T, n int, prefix string) string {
	t.Helper()
	lines := strings.Split(wsisDocument(t), "\n")
	line := lines[n-1]
	if !strings.HasPrefix(strings.TrimLeft(line, "\t"), prefix) {
		t.Fatalf("line %d of the source document is %q, want it to start with %q", n, line, prefix)
	}
	return line
}

func TestDiffSourceDocument(t *testing.T) {
	type para struct {
		line   int
		prefix string
		tail   string // white space the cell adds after the line
	}
	p39 := para{9, "We reaffirm the principles", ""}
	p45 := para{92, "We recognise that, for historical", ""}
	p54 := para{191, "We call for the policy", "\n\n\n"}
	p55 := para{200, "We note with satisfaction", "\n"}
	p56 := para{213, "We reaffirm our commitment to turning", ""}
	p58 := para{253, "We would work", ""}
	p61 := para{278, "We recognise that an enabling", ""}
	tests := []struct {
		name          string
		base, variant para
		want          []wantSpan
	}{
		{"39 GC", p39, para{12, "We reaffirm the principles", ""}, []wantSpan{
			{OpInsert, KindClause, "", "Internet is a central element of the infrastructure of the emerging information society, and its", 0, 15},
			{OpInsert, KindQualifier, "", "and affordability", 0, 2},
			{OpInsert, KindClause, "", "and a gender equality perspective", 0, 5},
		}},
		{"39 Compromise", p39, para{14, "We reaffirm the principles", ""}, []wantSpan{
			{OpInsert, KindClause, "", "and a gender equality perspective", 0, 5},
		}},
		{"45 GC", p45, para{94, "We recognise that, for historical", ""}, []wantSpan{
			{OpInsert, KindQualifier, "", "wish to continue", 0, 3},
		}},
		{"54 GC, trailing white space only", p54, para{195, "We call for the policy", "\n\n"}, []wantSpan{}},
		{"55 GC, trailing space only", p55, para{203, "We note with satisfaction", ""}, []wantSpan{}},
		// The comma is punctuation; of the words, "a" became "an equal".
		{"56 GC", p56, para{216, "We reaffirm our commitment to turning", ""}, []wantSpan{
			{OpReplace, KindSubstitution, "a", "an equal", 1, 2},
		}},
		// The GC text keeps "enhance" (struck out in the original, which plain
		// text cannot show), so "guarantee" is an insertion.
		{"58 GC", p58, para{257, "We would work", ""}, []wantSpan{
			{OpInsert, KindQualifier, "", "guarantee", 0, 1},
			{OpInsert, KindClause, "", "with equal representation of men and women", 0, 7},
			{OpReplace, KindSubstitution, "involved", "involve", 1, 1},
			{OpInsert, KindQualifier, "", "and regional", 0, 2},
			{OpInsert, KindQualifier, "", "and equal", 0, 2},
		}},
		{"61 GC", p61, para{282, "We recognise that an enabling", ""}, []wantSpan{
			{OpInsert, KindNewSentence, "", "We commit to ensure such an environment that promotes the convergence of traditional and new ICTs to enhance development and maximum use of the Internet", 0, 25},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := docLine(t, tt.base.line, tt.base.prefix) + tt.base.tail
			variant := docLine(t, tt.variant.line, tt.variant.prefix) + tt.variant.tail
			bt, vt, spans := diffTexts(t, base, variant)
			if got := describeSpans(base, variant, spans); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff =\n%+v\nwant\n%+v", got, tt.want)
			}
			added, deleted := 0, 0
			for _, s := range spans {
				added += s.Added
				deleted += s.Deleted
			}
			if CountWords(vt)-CountWords(bt) != added-deleted {
				t.Errorf("variant has %d words more than the base, spans add %d and delete %d", CountWords(vt)-CountWords(bt), added, deleted)
			}
		})
	}
}

// randomProse returns words from a small vocabulary, so that repeats make the
// diff ambiguous, with punctuation here and there.
func randomProse(r *rand.Rand, words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(" ")
		}
		if r.Intn(12) == 0 {
			b.WriteString("“")
		}
		if r.Intn(5) == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		switch r.Intn(10) {
		case 0:
			b.WriteString(".")
		case 1:
			b.WriteString(",")
		case 2:
			b.WriteString(";")
		}
	}
	return b.String()
}

// perturbWords returns words with random insertions, deletions and replacements.
func perturbWords(r *rand.Rand, words, vocab []string) []string {
	var out []string
	for _, w := range words {
		switch r.Intn(10) {
		case 0: // delete
		case 1: // replace
			out = append(out, vocab[r.Intn(len(vocab))])
		case 2: // insert before
			for range 1 + r.Intn(5) {
				out = append(out, vocab[r.Intn(len(vocab))])
			}
			out = append(out, w)
		default:
			out = append(out, w)
		}
	}
	if r.Intn(3) == 0 {
		for range r.Intn(8) {
			out = append(out, vocab[r.Intn(len(vocab))])
		}
	}
	return out
}

// wordEditDistance returns the fewest word insertions and deletions that turn a
// into b, by the textbook quadratic LCS table.
func wordEditDistance(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return len(a) + len(b) - 2*prev[len(b)]
}

func TestDiffRandom(t *testing.T) {
	r := rand.New(rand.NewSource(39))
	vocab := []string{"the", "of", "and", "internet", "governance", "rights", "women", "access", "equal", "we"}
	tk := NewTokenizer()
	for iter := range 3000 {
		drawn := make([]string, r.Intn(60))
		for i := range drawn {
			drawn[i] = vocab[r.Intn(len(vocab))]
		}
		base := randomProse(r, drawn)
		variant := randomProse(r, perturbWords(r, drawn, vocab))
		t.Run(fmt.Sprint(iter), func(t *testing.T) {
			bt, vt := tk.Tokenize(base), tk.Tokenize(variant)
			spans := Diff(bt, vt)
			checkSpans(t, bt, vt, spans)
			cost := 0
			for _, s := range spans {
				cost += s.Added + s.Deleted
			}
			if want := wordEditDistance(words(bt, Range{0, len(bt)}), words(vt, Range{0, len(vt)})); cost != want {
				t.Fatalf("Diff(%q, %q) inserts and deletes %d words, the minimum is %d", base, variant, cost, want)
			}
		})
	}
}

// longPair returns the whole source document as one long paragraph and a
// copy with about one word in twenty changed.
func longPair(tb testing.TB) (base, variant []Token) {
	doc := strings.Join(strings.Fields(wsisDocument(tb)), " ")
	r := rand.New(rand.NewSource(58))
	words := strings.Fields(doc)
	var out []string
	for _, w := range words {
		switch r.Intn(40) {
		case 0:
		case 1:
			out = append(out, "amended")
		case 2:
			out = append(out, "gender-responsive", w)
		default:
			out = append(out, w)
		}
	}
	tk := NewTokenizer()
	return tk.Tokenize(doc), tk.Tokenize(strings.Join(out, " "))
}

func TestDiffLong(t *testing.T) {
	base, variant := longPair(t)
	spans := Diff(base, variant)
	checkSpans(t, base, variant, spans)
	if len(spans) < 50 {
		t.Errorf("Diff of a document with a word in twenty changed gave %d spans", len(spans))
	}

	// A thorough rewrite, beyond what bisect searches exactly, still gives a
	// valid edit.
	at, bt := rewrittenPair(6000)
	checkSpans(t, at, bt, Diff(at, bt))
}

// rewrittenPair returns two unrelated texts of n words each from a
// vocabulary of 300: thousands of words apart, as a rewritten paragraph is.
func rewrittenPair(n int) (base, variant []Token) {
	r := rand.New(rand.NewSource(61))
	a, b := make([]string, n), make([]string, n)
	for i := range a {
		a[i] = fmt.Sprint("w", r.Intn(300))
		b[i] = fmt.Sprint("w", r.Intn(300))
	}
	tk := NewTokenizer()
	return tk.Tokenize(strings.Join(a, " ")), tk.Tokenize(strings.Join(b, " "))
}

func BenchmarkDiff(b *testing.B) {
	base, variant := longPair(b)
	b.ReportAllocs()
	for b.Loop() {
		Diff(base, variant)
	}
}

// BenchmarkDiffRewritten diffs two unrelated texts of 2000 words, the worst
// case: a paragraph rewritten from start to end.
func BenchmarkDiffRewritten(b *testing.B) {
	base, variant := rewrittenPair(2000)
	b.ReportAllocs()
	for b.Loop() {
		Diff(base, variant)
	}
}

// BenchmarkDiffParagraph diffs paragraph 58 with its GC variant.
func BenchmarkDiffParagraph(b *testing.B) {
	tk := NewTokenizer()
	doc := strings.Split(wsisDocument(b), "\n")
	base, variant := tk.Tokenize(doc[252]), tk.Tokenize(doc[256])
	b.ReportAllocs()
	for b.Loop() {
		Diff(base, variant)
	}
}

func TestDiffKinds(t *testing.T) {
	tests := []struct {
		base, variant string
		want          []Kind
	}{
		{"", "New text.", []Kind{KindNewParagraph}},
		{"We act. We vote.", "We vote.", []Kind{KindDeletion}},
		{"We act quickly.", "We act slowly.", []Kind{KindSubstitution}},
		{"We agree.", "We agree. Do we act?", []Kind{KindNewSentence}},
		{"We act.", "We act! We vote!", []Kind{KindNewSentence}},
		{"He said “yes.” We act.", "He said “yes.” Then we vote. We act.", []Kind{KindNewSentence}},
		{"We act.", "We act with all speed.", []Kind{KindQualifier}},
		{"We act.", "We act with all due speed.", []Kind{KindClause}},
		{"We act.", "Today, we act.", []Kind{KindQualifier}},
		{"a) Policy;", "a) Policy and rules for all;", []Kind{KindClause}},
		{"a) Policy; b) Rules;", "a) Policy; c) Laws; b) Rules;", []Kind{KindQualifier}},
	}
	for _, tt := range tests {
		_, _, spans := diffTexts(t, tt.base, tt.variant)
		var got []Kind
		for _, s := range spans {
			got = append(got, s.Kind)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Diff(%q, %q) kinds %v, want %v", tt.base, tt.variant, got, tt.want)
		}
	}
}
