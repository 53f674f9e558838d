package analysis

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// testTokens splits text into tokens for the tests of this file: words are
// runs of letters and digits, joined by a hyphen, slash or apostrophe between
// two of them ("gender-responsive", "women's"); every other character but
// white space is a token of its own.
func testTokens(text string) []Token {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	norm := strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`)
	var toks []Token
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		i += size
		if isWord(r) {
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				if isWord(r) {
					i += size
					continue
				}
				if r == '-' || r == '/' || r == '\'' || r == '\u2019' {
					if next, _ := utf8.DecodeRuneInString(text[i+size:]); i+size < len(text) && isWord(next) {
						i += size
						continue
					}
				}
				break
			}
		}
		s := text[start:i]
		toks = append(toks, Token{
			Text:  s,
			Norm:  norm.Replace(strings.ToLower(s)),
			Start: start,
			End:   i,
			Word:  strings.IndexFunc(s, isWord) >= 0,
		})
	}
	return toks
}

// testDictionary parses a dictionary of the tests or fails the test.
func testDictionary(t testing.TB, yaml string) *Dictionary {
	t.Helper()
	d, err := ParseDictionary("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatalf("ParseDictionary: %v", err)
	}
	return d
}

// matchStrings writes matches as "theme:matched" for comparison.
func matchStrings(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Theme+":"+m.Matched)
	}
	return out
}

const matchTestYAML = `
themes:
  - name: gender
    terms: ["gender*", "women", "men and women", "gender responsive", "women's rights"]
  - name: rights
    terms: ["human rights", "human rights defenders", "rights of women", "freedom of expression"]
  - name: participation
    terms: ["multi-stakeholder", "participat*", "Geneva principles"]
  - name: security
    terms: ["secur*", "cyber*"]
  - name: development
    terms: ["developing countr*", "development", "CEDAW"]
  - name: equality
    terms: ["equal*", "for all"]
  - name: quotes
    terms: ["WGIG’s report"]
`

// A term written with punctuation matches its words, the text's
// punctuation ignored; other terms still stop at punctuation.
func TestMatchTermWithPunctuation(t *testing.T) {
	d := testDictionary(t, `themes:
  - name: rights
    terms: ["free, prior and informed consent", "consent"]
  - name: gender
    terms: ["men and women"]
`)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"with their free, prior and informed consent.", []string{"rights:free, prior and informed consent"}},
		{"with their free prior and informed consent.", []string{"rights:free prior and informed consent"}},
		{"free; prior and informed (consent)", []string{"rights:free; prior and informed (consent"}},
		{"informed consent only", []string{"rights:consent"}},
		{"free, prior and informed consent of men, and women", []string{"rights:free, prior and informed consent"}},
	} {
		if got := matchStrings(d.Match(testTokens(tt.text))); !slices.Equal(got, tt.want) {
			t.Errorf("Match(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	d := testDictionary(t, matchTestYAML)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"multi-word term", "the equal role of men and women here", []string{"equality:equal", "gender:men and women"}},
		{"multi-word term needs every word", "men and children", nil},
		{"hyphen in text, space in term", "a gender-responsive approach", []string{"gender:gender-responsive"}},
		{"space in text, hyphen in term", "a multi stakeholder process", []string{"participation:multi stakeholder"}},
		{"hyphen in text and term", "a multi-stakeholder process", []string{"participation:multi-stakeholder"}},
		{"prefix matches longer words", "Gendered views; participation", []string{"gender:Gendered", "participation:participation"}},
		{"prefix matches the first part of a hyphenated word", "gender-based analysis", []string{"gender:gender-based"}},
		{"prefix matches a later part of a hyphenated word", "anti-gender talk", []string{"gender:anti-gender"}},
		{"prefix does not match inside a word", "to engender change", nil},
		{"prefix as the last word of a phrase", "developing countries and developing country", []string{"development:developing countries", "development:developing country"}},
		{"longest term wins", "men and women", []string{"gender:men and women"}},
		{"longest wins over leftmost", "human rights defenders", []string{"rights:human rights defenders"}},
		{"one match per token and theme", "cyber-security", []string{"security:cyber-security"}},
		{"several themes on the same words", "gender equality", []string{"gender:gender", "equality:equality"}},
		{"case does not matter", "WOMEN and cedaw", []string{"gender:WOMEN", "development:cedaw"}},
		{"curly apostrophe in text", "women’s rights", []string{"gender:women’s rights"}},
		{"curly apostrophe in term", "the WGIG's report", []string{"quotes:WGIG's report"}},
		{"full stop breaks a term", "men. And women", []string{"gender:women"}},
		{"comma breaks a term", "men and, women", []string{"gender:women"}},
		{"semicolon breaks a term", "human; rights", nil},
		{"bracket breaks a term", "human (rights)", nil},
		{"quotes do not break a term", "the “Geneva principles” apply", []string{"participation:Geneva principles"}},
		{"quote inside a term", `men "and" women`, []string{`gender:men "and" women`}},
		{"term at the end of the text", "access for all", []string{"equality:for all"}},
		{"no match", "nothing to see here", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := matchStrings(d.Match(testTokens(tt.text)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Match(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestMatchFields(t *testing.T) {
	d := testDictionary(t, matchTestYAML)
	text := "We call for equal  men and\nwomen, for all."
	toks := testTokens(text)
	got := d.Match(toks)
	want := []Match{
		{Theme: "equality", Term: "equal*", Matched: "equal", Tokens: Range{3, 4}, Bytes: Range{12, 17}},
		{Theme: "gender", Term: "men and women", Matched: "men and women", Tokens: Range{4, 7}, Bytes: Range{19, 32}},
		{Theme: "equality", Term: "for all", Matched: "for all", Tokens: Range{8, 10}, Bytes: Range{34, 41}},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Match = %+v\nwant %+v", got, want)
	}
	for _, m := range got {
		if s := text[m.Bytes.Start:m.Bytes.End]; strings.Join(strings.Fields(s), " ") != m.Matched {
			t.Errorf("Bytes %v give %q, Matched %q", m.Bytes, s, m.Matched)
		}
	}
}

func TestMatchSplitApostrophe(t *testing.T) {
	// Some tokenizers cut "women's" into "women" and "'s": both must match.
	d := testDictionary(t, matchTestYAML)
	whole := d.Match(testTokens("women's rights"))
	split := d.Match([]Token{
		{Text: "women", Norm: "women", Start: 0, End: 5, Word: true},
		{Text: "’s", Norm: "'s", Start: 5, End: 9, Word: true},
		{Text: "rights", Norm: "rights", Start: 10, End: 16, Word: true},
	})
	if got, want := matchStrings(whole), []string{"gender:women's rights"}; !slices.Equal(got, want) {
		t.Errorf("whole token: %q, want %q", got, want)
	}
	if got, want := matchStrings(split), []string{"gender:women’s rights"}; !slices.Equal(got, want) {
		t.Errorf("split token: %q, want %q", got, want)
	}
}

func TestMatchWithoutNorm(t *testing.T) {
	d := testDictionary(t, matchTestYAML)
	toks := testTokens("Gender-Responsive WOMEN")
	for i := range toks {
		toks[i].Norm = ""
	}
	got := matchStrings(d.Match(toks))
	if want := []string{"gender:Gender-Responsive", "gender:WOMEN"}; !slices.Equal(got, want) {
		t.Errorf("Match = %q, want %q", got, want)
	}
}

func TestMatchHandBuiltDictionary(t *testing.T) {
	d := &Dictionary{Themes: []Theme{{Name: "gender", Terms: []string{"women", "gen*der"}}}}
	got := matchStrings(d.Match(testTokens("women and gender")))
	if want := []string{"gender:women"}; !slices.Equal(got, want) {
		t.Errorf("Match = %q, want %q", got, want)
	}
	var nilDict *Dictionary
	if got := nilDict.Match(testTokens("women")); got != nil {
		t.Errorf("nil dictionary matched %v", got)
	}
}

// hitStrings writes hits as "change theme:matched".
func hitStrings(hs []Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, string(h.Change)+" "+h.Theme+":"+h.Matched)
	}
	return out
}

func TestHits(t *testing.T) {
	d := testDictionary(t, `
themes:
  - name: access
    terms: ["access", "affordab*", "universal access"]
  - name: gender
    terms: ["women", "men and women"]
  - name: equality
    terms: ["equal*", "for all"]
`)
	tests := []struct {
		name          string
		base, variant string
		spans         []Span
		want          []string
	}{
		{
			name:    "insert makes added hits, context words do not",
			base:    "we call for access for all",
			variant: "we call for affordable access for all women",
			spans: []Span{
				{Op: OpInsert, BaseTok: Range{3, 3}, VarTok: Range{3, 4}},
				{Op: OpInsert, BaseTok: Range{6, 6}, VarTok: Range{7, 8}},
			},
			want: []string{"added access:affordable", "added gender:women"},
		},
		{
			name:    "a match with one inserted word is added",
			base:    "universal access for men",
			variant: "universal access for men and women",
			spans:   []Span{{Op: OpInsert, BaseTok: Range{4, 4}, VarTok: Range{4, 6}}},
			want:    []string{"added gender:men and women"},
		},
		{
			name:    "replace adds in the variant and removes in the base",
			base:    "equal access",
			variant: "universal access",
			spans:   []Span{{Op: OpReplace, BaseTok: Range{0, 1}, VarTok: Range{0, 1}}},
			want:    []string{"added access:universal access", "removed equality:equal"},
		},
		{
			name:    "delete removes",
			base:    "access for all women",
			variant: "access",
			spans:   []Span{{Op: OpDelete, BaseTok: Range{1, 4}, VarTok: Range{1, 1}}},
			want:    []string{"removed equality:for all", "removed gender:women"},
		},
		{
			name:    "no spans, no hits",
			base:    "women",
			variant: "women",
			want:    nil,
		},
		{
			name:    "inserted punctuation inside a match is no hit",
			base:    "men and women",
			variant: `men "and" women`,
			spans: []Span{
				{Op: OpInsert, BaseTok: Range{1, 1}, VarTok: Range{1, 2}},
				{Op: OpInsert, BaseTok: Range{2, 2}, VarTok: Range{3, 4}},
			},
			want: nil,
		},
		{
			name:    "spans past the end are clipped",
			base:    "access",
			variant: "access for women",
			spans:   []Span{{Op: OpInsert, BaseTok: Range{1, 1}, VarTok: Range{1, 99}}},
			want:    []string{"added gender:women"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hitStrings(Hits(d, testTokens(tt.base), testTokens(tt.variant), tt.spans))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Hits = %q, want %q", got, tt.want)
			}
		})
	}
}

// bracketed removes the brackets of text and returns it with the token
// ranges the brackets enclosed, as insert spans.
func bracketed(t *testing.T, text string) (string, []Token, []Span) {
	t.Helper()
	var b strings.Builder
	var byteRanges []Range
	open := -1
	for _, r := range text {
		switch r {
		case '[':
			open = b.Len()
		case ']':
			if open < 0 {
				t.Fatalf("unbalanced ] in %q", text)
			}
			byteRanges = append(byteRanges, Range{open, b.Len()})
			open = -1
		default:
			b.WriteRune(r)
		}
	}
	plain := b.String()
	toks := testTokens(plain)
	var spans []Span
	for _, br := range byteRanges {
		s := Span{Op: OpInsert, VarTok: Range{-1, -1}}
		for i, tok := range toks {
			if tok.Start >= br.Start && tok.End <= br.End {
				if s.VarTok.Start < 0 {
					s.VarTok.Start = i
				}
				s.VarTok.End = i + 1
			}
		}
		if s.VarTok.Start < 0 {
			t.Fatalf("no token inside brackets in %q", text)
		}
		spans = append(spans, s)
	}
	return plain, toks, spans
}

// gcInsertions lists what the GC Proposed Text column of the WSIS Tunis
// negotiation text inserts into the base, paragraph by paragraph, within
// enough of its context to check that context words make no hits. Brackets
// mark the inserted words; want lists the added hits of the default
// dictionary as "theme:matched".
var gcInsertions = []struct {
	para string
	text string
	want []string
}{
	{"39", "that [the Internet is a central element of the infrastructure of the emerging information society, and its] international management of the Internet", []string{"access:infrastructure"}},
	{"39", "facilitate access [and affordability] for all", []string{"access:affordability"}},
	{"39", "taking into account multilingualism [and a gender equality perspective].", []string{"gender:gender equality perspective", "equality:equality"}},
	{"43", "relevant intergovernmental and international organizations [to achieve universal access and promotion of all aspects of human rights]. In this respect", []string{"access:universal access", "rights:human rights"}},
	{"43b", "in the development [and management] of the Internet, both in the technical and economic [and social development] fields", []string{"development:social development"}},
	{"43c", "on Internet matters, [in the development of the Internet as developers, end-users and stakeholders, in policy formulation and implementation,] especially at [the] community level", []string{"development:development", "participation:stakeholders", "participation:policy formulation"}},
	{"43bis", "[We take note that freedom of expression and communication rights are cross-cutting principles in Internet governance and should not be sacrificed in its implementation.]", []string{"rights:freedom of expression", "rights:communication rights"}},
	{"44", "at all levels. [Principles and rules of the multi-stakeholder approach should be elaborated and implemented at international, regional and national levels.]", []string{"participation:multi-stakeholder"}},
	{"45", "and acknowledge [wish to continue] the priority given to the security, stability", nil},
	{"46", "that helps up [us] implement", nil},
	{"46", "regarding the role of governments and all stakeholders [and fulfil international development agreements]. Institutional", []string{"commitments:international development agreements", "development:development agreements"}},
	{"49", "supported by increased international cooperation [and the respect of all aspects of Human Rights.]. Within this global culture of cyber-security", []string{"rights:Human Rights"}},
	{"49", "the protection of data and privacy [for all], while enhancing access and trade", []string{"equality:for all"}},
	{"50", "to continue to develop appropriate [gender responsive] instruments and mechanisms", []string{"gender:gender responsive"}},
	{"51b", "development of technical measures [which are gender sensitive] ;", []string{"gender:gender sensitive"}},
	{"51c", "establishment of multi-stakeholder partnerships [in which men and women are equally represented] ;", []string{"gender:men and women", "participation:equally represented", "equality:equally"}},
	{"51e", "development of a global [gender-responsive and] coordinated approach to the problem", []string{"gender:gender-responsive"}},
	{"52", "provisions for freedom of expression [and human rights] as contained in the Universal Declaration of Human Rights", []string{"rights:human rights"}},
	{"52", "and the WSIS Declaration of Principles [the Beijing Platform for Action and other human rights conventions and declarations.].", []string{"commitments:Beijing Platform for Action", "rights:human rights", "commitments:conventions", "commitments:declarations"}},
	{"53", "to consider doing [do] so", nil},
	{"53", "to consider doing do so, [as a matter of urgency,] with the participation of all stakeholders", []string{"urgency:as a matter of urgency"}},
	{"56", "turning the digital divide[,] into [an equal] digital opportunity", []string{"equality:equal"}},
	{"56bis", "[We call for capacity building for SMEs, including women owned SMEs in developing countries, to participate in policy and take advantage of ICTs for their economic development.]", []string{"development:capacity building", "development:SMEs", "gender:women owned", "development:SMEs", "development:developing countries", "participation:participate", "development:economic development"}},
	{"57", "should be redressed [with urgency] through further dialogue", []string{"urgency:with urgency"}},
	{"57 new(b)", "[Reducing losses by developing countries from new Internet telephony technologies.]", []string{"development:developing countries", "technology:Internet telephony", "technology:technologies"}},
	{"57c", "Developing low-cost [interoperable] equipment, such as computers especially for use in developing countries [and among disadvantaged populations].", []string{"technology:interoperable", "equality:disadvantaged"}},
	{"57 new c)", "[Recognising ITU as a key stakeholder in the facilitation of reduction of International Internet costs charged by backbone providers and losses from new Internet telephony technologies.]", []string{"participation:stakeholder", "access:costs", "technology:Internet telephony", "technology:technologies"}},
	{"58", "We would work to enhance [guarantee] multi-stakeholder participation in governance mechanisms [with equal representation of men and women].", []string{"equality:equal", "participation:representation", "gender:men and women"}},
	{"58", "This would [involve] making available adequate resources", nil},
	{"58", "at the national [and regional] level", nil},
	{"58", "to ensure effective [and equal] participation in global Internet governance", []string{"participation:equal participation", "equality:equal"}},
	{"59", "all stakeholders, particularly [women] from developing countries", []string{"gender:women"}},
	{"60", "transparent and democratic process [that promotes human rights], involving governments", []string{"rights:human rights"}},
	{"61", "and its optimal use. [We commit to ensure such an environment that promotes the convergence of traditional and new ICTs to enhance development and maximum use of the Internet]", []string{"technology:convergence", "development:development"}},
}

func TestDefaultDictionaryGCInsertions(t *testing.T) {
	src, err := os.ReadFile("../testdata/wsis-tunis-internet-governance-gc.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Join(strings.Fields(string(src)), " ")
	d := DefaultDictionary()
	for _, tt := range gcInsertions {
		t.Run(tt.para, func(t *testing.T) {
			plain, toks, spans := bracketed(t, tt.text)
			if !strings.Contains(doc, strings.Join(strings.Fields(plain), " ")) {
				t.Fatalf("paragraph %s: %q is not in the document", tt.para, plain)
			}
			got := hitStrings(Hits(d, nil, toks, spans))
			var want []string
			for _, w := range tt.want {
				want = append(want, "added "+w)
			}
			if !slices.Equal(got, want) {
				t.Errorf("paragraph %s: added hits\n got %q\nwant %q", tt.para, got, want)
			}
		})
	}
}

func TestDefaultDictionaryTermsMatchThemselves(t *testing.T) {
	d := DefaultDictionary()
	for _, th := range d.Themes {
		for _, term := range th.Terms {
			text := strings.TrimSuffix(term, "*")
			toks := testTokens(text)
			found := false
			for _, m := range d.Match(toks) {
				if m.Theme == th.Name && m.Tokens == (Range{0, len(toks)}) {
					found = true
				}
			}
			if !found {
				t.Errorf("theme %s: term %q does not match its own words", th.Name, term)
			}
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	src, err := os.ReadFile("../testdata/wsis-tunis-internet-governance-gc.txt")
	if err != nil {
		b.Fatal(err)
	}
	d := DefaultDictionary()
	for _, copies := range []int{1, 100} {
		text := strings.Repeat(string(src)+"\n", copies)
		toks := testTokens(text)
		b.Run(fmt.Sprintf("x%d", copies), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				d.Match(toks)
			}
		})
	}
}
