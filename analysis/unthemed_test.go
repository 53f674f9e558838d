package analysis

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"amendlens/parse"
)

func TestUnthemedPhrases(t *testing.T) {
	toks := testTokens("we wish to continue the work of women, and the regional level.")
	// 0 we 1 wish 2 to 3 continue 4 the 5 work 6 of 7 women 8 , 9 and
	// 10 the 11 regional 12 level 13 .
	women := Hit{Match: Match{Theme: "gender", Tokens: Range{7, 8}}, Change: ChangeAdded}
	tests := []struct {
		name  string
		spans []Span
		hits  []Hit
		want  []string
	}{
		{
			name:  "stopwords trimmed at both ends, kept inside",
			spans: []Span{{Op: OpInsert, VarTok: Range{0, 5}}},
			want:  []string{"wish to continue"},
		},
		{
			name:  "an added hit splits a run",
			spans: []Span{{Op: OpReplace, VarTok: Range{3, 13}}},
			hits:  []Hit{women},
			want:  []string{"continue the work", "regional level"},
		},
		{
			name:  "a removed hit does not cover variant words",
			spans: []Span{{Op: OpInsert, VarTok: Range{5, 8}}},
			hits:  []Hit{{Match: women.Match, Change: ChangeRemoved}},
			want:  []string{"work of women"},
		},
		{
			name:  "punctuation splits a run",
			spans: []Span{{Op: OpInsert, VarTok: Range{7, 13}}},
			want:  []string{"women", "regional level"},
		},
		{
			name:  "runs of stopwords only are dropped",
			spans: []Span{{Op: OpInsert, VarTok: Range{8, 11}}},
			want:  nil,
		},
		{
			name:  "separate spans are separate runs",
			spans: []Span{{Op: OpInsert, VarTok: Range{1, 2}}, {Op: OpInsert, VarTok: Range{3, 4}}},
			want:  []string{"wish", "continue"},
		},
		{
			name:  "adjacent spans join",
			spans: []Span{{Op: OpInsert, VarTok: Range{1, 2}}, {Op: OpReplace, VarTok: Range{2, 4}}},
			want:  []string{"wish to continue"},
		},
		{
			name:  "deletions insert nothing",
			spans: []Span{{Op: OpDelete, BaseTok: Range{0, 3}, VarTok: Range{1, 1}}},
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := unthemedPhrases(toks, tt.spans, tt.hits)
			if !slices.Equal(got, tt.want) {
				t.Errorf("UnthemedPhrases = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUnthemedPhrasesLongRun(t *testing.T) {
	toks := testTokens("We underline the need to develop effective instruments and efficient mechanisms for the prosecution")
	got := unthemedPhrases(toks, []Span{{Op: OpInsert, VarTok: Range{0, len(toks)}}}, nil)
	want := []string{"underline", "need", "develop effective instruments", "efficient mechanisms", "prosecution"}
	if !slices.Equal(got, want) {
		t.Errorf("UnthemedPhrases = %q, want %q", got, want)
	}
	// Six words after trimming stay one phrase.
	toks = testTokens("in policy and take advantage of ICTs for their")
	got = unthemedPhrases(toks, []Span{{Op: OpInsert, VarTok: Range{0, len(toks)}}}, nil)
	if want := []string{"policy and take advantage of icts"}; !slices.Equal(got, want) {
		t.Errorf("UnthemedPhrases = %q, want %q", got, want)
	}
}

func TestUnthemedPhrasesGC(t *testing.T) {
	d := DefaultDictionary()
	tests := []struct {
		text string
		want []string
	}{
		{
			"[We call for capacity building for SMEs, including women owned SMEs in developing countries, to participate in policy and take advantage of ICTs for their economic development.]",
			[]string{"call", "policy and take advantage of icts"},
		},
		{
			"that [the Internet is a central element of the infrastructure of the emerging information society, and its] international management",
			[]string{"internet is a central element", "emerging information society"},
		},
		{
			"and acknowledge [wish to continue] the priority given to the security",
			[]string{"wish to continue"},
		},
		{
			"taking into account multilingualism [and a gender equality perspective].",
			nil,
		},
	}
	for _, tt := range tests {
		_, toks, spans := bracketed(t, tt.text)
		hits := Hits(d, nil, toks, spans)
		if got := unthemedPhrases(toks, spans, hits); !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestUnthemedPhrasesSkipItemMarkers(t *testing.T) {
	tk := NewTokenizer()
	text := "57 new(b)\nReducing losses by 2005.\nNew c)\nRecognising ITU as a key stakeholder"
	toks := tk.Tokenize(text)
	got := unthemedPhrases(toks, []Span{{Op: OpInsert, VarTok: Range{0, len(toks)}}}, nil)
	want := []string{"reducing losses", "recognising itu as a key stakeholder"}
	if !slices.Equal(got, want) {
		t.Errorf("UnthemedPhrases = %q, want %q", got, want)
	}
	for _, tc := range []struct {
		text   string
		marker bool
	}{
		{"57", true}, {"new(b", true}, {"2.1", true}, {"c )", true},
		{"new", false}, {"itu", false}, {"g20", false}, {"a key", false},
	} {
		toks := tk.Tokenize(tc.text)
		if got := itemMarkerAt(toks, 0); got != tc.marker {
			t.Errorf("itemMarkerAt(%q) = %v, want %v", tc.text, got, tc.marker)
		}
	}
}

// TestDictionaryStopwords: words a dictionary lists under stopwords leave
// the unthemed phrases as function words do; a stopwords entry that is no
// word is an error naming its line.
func TestDictionaryStopwords(t *testing.T) {
	doc, err := parse.Parse(sourceDoc, mustRead(t, sourceDoc), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := ParseDictionary("d.yaml", []byte("themes:\n  - name: gender\n    terms: [women]\n"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyse(doc, plain, Options{})
	if err != nil {
		t.Fatal(err)
	}
	top := strings.Fields(a.Unthemed[0].Phrase)[0]
	stopped, err := ParseDictionary("d.yaml", []byte("themes:\n  - name: gender\n    terms: [women]\nstopwords: ["+strings.ToUpper(top)+"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Analyse(doc, stopped, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range b.Unthemed {
		for _, w := range strings.Fields(u.Phrase) {
			if w == top && (strings.HasPrefix(u.Phrase, w+" ") || strings.HasSuffix(u.Phrase, " "+w) || u.Phrase == w) {
				t.Errorf("unthemed %q starts or ends with the stopword %q", u.Phrase, top)
			}
		}
	}
	if len(b.Unthemed) == 0 || slices.EqualFunc(a.Unthemed, b.Unthemed, func(x, y Unthemed) bool { return x == y }) {
		t.Errorf("the stopword %q changed no unthemed phrase", top)
	}
	_, err = ParseDictionary("d.yaml", []byte("themes:\n  - name: gender\n    terms: [women]\nstopwords:\n  - two words\n"))
	var de *DictionaryError
	if !errors.As(err, &de) || de.Line != 5 || !strings.Contains(err.Error(), "expected one word") {
		t.Errorf("a stopword of two words: %v", err)
	}
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
