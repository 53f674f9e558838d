package analysis

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/jdkato/prose/v3/tokenize"
)

// wsisDocument returns the real negotiation text the tests run on.
func wsisDocument(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "wsis-tunis-internet-governance-gc.txt"))
	if err != nil {
		tb.Fatalf("read source document: %v", err)
	}
	return string(data)
}

// tokenTexts returns the Text of each token.
func tokenTexts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// checkTokens fails unless toks are the tokens of text: in order, each at its
// offsets, and together everything in text but white space.
func checkTokens(t *testing.T, text string, toks []Token) {
	t.Helper()
	var b strings.Builder
	end := 0
	for i, tok := range toks {
		if tok.Start < end || tok.End > len(text) || tok.End != tok.Start+len(tok.Text) {
			t.Fatalf("token %d %q: offsets [%d,%d) out of order or range (previous end %d, text %d bytes)", i, tok.Text, tok.Start, tok.End, end, len(text))
		}
		if got := text[tok.Start:tok.End]; got != tok.Text {
			t.Fatalf("token %d: text[%d:%d] = %q, token says %q", i, tok.Start, tok.End, got, tok.Text)
		}
		if tok.Text == "" || strings.IndexFunc(tok.Text, unicode.IsSpace) >= 0 {
			t.Fatalf("token %d %q is empty or holds white space", i, tok.Text)
		}
		if tok.Word != strings.ContainsFunc(tok.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			t.Fatalf("token %d %q: Word = %v", i, tok.Text, tok.Word)
		}
		if strings.TrimFunc(text[end:tok.Start], unicode.IsSpace) != "" {
			t.Fatalf("token %d %q: text %q between tokens was dropped", i, tok.Text, text[end:tok.Start])
		}
		b.WriteString(tok.Text)
		end = tok.End
	}
	if rest := strings.TrimFunc(text[end:], unicode.IsSpace); rest != "" {
		t.Fatalf("text %q after the last token was dropped", rest)
	}
	if want := strings.Join(strings.FieldsFunc(text, unicode.IsSpace), ""); b.String() != want {
		t.Fatalf("tokens joined = %q, want the text without white space %q", b.String(), want)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", []string{}},
		{"white space only", " \n\t ", []string{}},
		{"curly single quotes keep s and r words", "We call it ‘sustainable’ and ‘reform’.",
			[]string{"We", "call", "it", "‘", "sustainable", "’", "and", "‘", "reform", "’", "."}},
		{"curly quotes around m, re and ll words", "‘mainstreaming’ ‘regional’ ‘llama’",
			[]string{"‘", "mainstreaming", "’", "‘", "regional", "’", "‘", "llama", "’"}},
		{"straight quotes", `'sustainable' "reform"`,
			[]string{"'", "sustainable", "'", `"`, "reform", `"`}},
		{"double curly quotes", "the “Geneva principles”.",
			[]string{"the", "“", "Geneva", "principles", "”", "."}},
		{"hyphenated words stay whole", "multi-stakeholder, cyber-security and gender-responsive e-commerce",
			[]string{"multi-stakeholder", ",", "cyber-security", "and", "gender-responsive", "e-commerce"}},
		{"numbers", "In December 2003, 10,000 users; 1.5% growth",
			[]string{"In", "December", "2003", ",", "10,000", "users", ";", "1.5%", "growth"}},
		{"list markers", "a) Policy\nb)\ndevelopment",
			[]string{"a", ")", "Policy", "b", ")", "development"}},
		{"clitics", "the WGIG’s report, it's",
			[]string{"the", "WGIG", "’s", "report", ",", "it", "'s"}},
		{"dashes split, hyphens do not", "governance—including e-commerce – and…",
			[]string{"governance", "—", "including", "e-commerce", "–", "and", "…"}},
		{"doubled full stop", "Human Rights..", []string{"Human", "Rights", ".", "."}},
		{"other quotes and primes", "‛word′ «mot» „Wort“",
			[]string{"‛", "word", "′", "«", "mot", "»", "„", "Wort", "“"}},
		{"abbreviations", "e.g. the U.N. system", []string{"e.g.", "the", "U.N.", "system"}},
		{"short words end sentences", "Mr. Smith and Art. 5 apply. So do We. And It.",
			[]string{"Mr.", "Smith", "and", "Art.", "5", "apply", ".", "So", "do", "We", ".", "And", "It", "."}},
		{"white space of any kind", "  double  space\n\tnew line\u00a0here  ",
			[]string{"double", "space", "new", "line", "here"}},
		{"brackets", "(IIC) [sic] and/or",
			[]string{"(", "IIC", ")", "[", "sic", "]", "and/or"}},
	}
	tk := NewTokenizer()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := tk.Tokenize(tt.in)
			checkTokens(t, tt.in, toks)
			if got := tokenTexts(toks); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizeKeepsQuotedWords(t *testing.T) {
	// prose v2 drops words in single curly quotes that start with s, m, re or
	// ll, taking them for clitics.
	text := "a ‘sustainable’ and ‘reform’ agenda, ‘mainstreamed’ and ‘llama’ free"
	toks := NewTokenizer().Tokenize(text)
	checkTokens(t, text, toks)
	words := map[string]bool{}
	for _, tok := range toks {
		words[tok.Norm] = true
	}
	for _, w := range []string{"sustainable", "reform", "mainstreamed", "llama"} {
		if !words[w] {
			t.Errorf("Tokenize(%q) lost %q: %q", text, w, tokenTexts(toks))
		}
	}
}

func TestTokenNorm(t *testing.T) {
	tests := []struct {
		in   string
		want []string // Norm of each token
		word []bool
	}{
		{"The WGIG’s", []string{"the", "wgig", "'s"}, []bool{true, true, true}},
		{"“Geneva” ‘Rules’", []string{`"`, "geneva", `"`, "'", "rules", "'"}, []bool{false, true, false, false, true, false}},
		{"ÄRGER Œuvre", []string{"ärger", "œuvre"}, []bool{true, true}},
		{"multi‑stakeholder", []string{"multi-stakeholder"}, []bool{true}},
		{"2003, …", []string{"2003", ",", "…"}, []bool{true, false, false}},
		{"already lower", []string{"already", "lower"}, []bool{true, true}},
	}
	tk := NewTokenizer()
	for _, tt := range tests {
		toks := tk.Tokenize(tt.in)
		checkTokens(t, tt.in, toks)
		var norms []string
		var words []bool
		for _, tok := range toks {
			norms = append(norms, tok.Norm)
			words = append(words, tok.Word)
		}
		if !reflect.DeepEqual(norms, tt.want) || !reflect.DeepEqual(words, tt.word) {
			t.Errorf("Tokenize(%q): norms %q words %v, want %q %v", tt.in, norms, words, tt.want, tt.word)
		}
	}
}

func TestTokenizeSourceDocument(t *testing.T) {
	doc := wsisDocument(t)
	toks := NewTokenizer().Tokenize(doc)
	checkTokens(t, doc, toks)
	n := CountWords(toks)
	// Every white-space separated field has at least one word unless it is
	// punctuation only, so the words are close to the fields.
	fields := 0
	for _, f := range strings.Fields(doc) {
		if strings.ContainsFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			fields++
		}
	}
	if n < fields || n > fields+fields/20 {
		t.Errorf("CountWords = %d, want about the %d fields with a letter or digit", n, fields)
	}
	for _, w := range []string{"multi-stakeholder", "cyber-security", "gender-responsive", "e-commerce"} {
		found := false
		for _, tok := range toks {
			found = found || tok.Norm == w
		}
		if !found {
			t.Errorf("hyphenated word %q is not one token of the source document", w)
		}
	}
}

func TestCountWords(t *testing.T) {
	tk := NewTokenizer()
	for in, want := range map[string]int{
		"":                           0,
		"… — ; .":                    0,
		"a) Policy, (IIC) and 2003.": 5,
		"the WGIG’s report":          4,
	} {
		if got := CountWords(tk.Tokenize(in)); got != want {
			t.Errorf("CountWords(Tokenize(%q)) = %d, want %d", in, got, want)
		}
	}
}

func TestTokenizerConcurrent(t *testing.T) {
	doc := wsisDocument(t)
	tk := NewTokenizer()
	want := tk.Tokenize(doc)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if got := tk.Tokenize(doc); !reflect.DeepEqual(got, want) {
					errs <- "concurrent Tokenize gave a different result"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// proseTokenize is Tokenize without the fast path: prose on the whole text,
// then the same refinement.
func proseTokenize(p *tokenize.Tokenizer, text string) []Token {
	toks := []Token{}
	for _, r := range p.Tokenize(text) {
		last := len(toks) - 1
		glued := last >= 0 && toks[last].End == r.Start && toks[last].Word
		toks = appendRefined(toks, r.Text, r.Start, glued)
	}
	return toks
}

func TestTokenizeAgreesWithProse(t *testing.T) {
	p, tk := tokenize.New(), NewTokenizer()
	check := func(text string) {
		t.Helper()
		if got, want := tk.Tokenize(text), proseTokenize(p, text); !reflect.DeepEqual(got, want) {
			t.Fatalf("Tokenize(%q) =\n%q\nprose gives\n%q", text, tokenTexts(got), tokenTexts(want))
		}
	}
	check(wsisDocument(t))
	// Fields built from pieces that exercise every rule of both paths:
	// abbreviations, emoticons, clitics, affixes and plain words.
	pieces := []string{"We", "Mr", "Art", "UN", "xD", "8D", "8-", ":", "(", ")", "'", "’", "s", "re", "ll", "n't",
		".", ",", ";", "“", "”", "‘", "-", "a", "Z", "9", "e.g", "é", "—", "…", "\"", "$", "[", "]", "?", "!"}
	r := rand.New(rand.NewSource(45))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.Intn(6) {
			b.WriteString(pieces[r.Intn(len(pieces))])
			if r.Intn(5) == 0 {
				b.WriteString([]string{" ", "\n", "\u00a0", "  "}[r.Intn(4)])
			}
		}
		check(b.String())
	}
}

func BenchmarkTokenize(b *testing.B) {
	doc := wsisDocument(b)
	tk := NewTokenizer()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		tk.Tokenize(doc)
	}
}

// BenchmarkTokenizeProse runs prose on the whole text, for comparison with
// BenchmarkTokenize.
func BenchmarkTokenizeProse(b *testing.B) {
	doc := wsisDocument(b)
	p := tokenize.New()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		proseTokenize(p, doc)
	}
}
