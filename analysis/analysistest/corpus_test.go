package analysistest

import (
	"bytes"
	"strings"
	"testing"

	"amendlens/parse"

	"amendlens/analysis"
)

// testCorpus generates a corpus from the built-in sample.
func testCorpus(t testing.TB, spec CorpusSpec) *Corpus {
	t.Helper()
	c, err := GenerateCorpus(spec, analysis.Sample(), analysis.DefaultDictionary())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCorpusDeterministic(t *testing.T) {
	spec := CorpusSpec{Seed: 7, Bytes: 200 << 10, Columns: 4}
	a, b := testCorpus(t, spec), testCorpus(t, spec)
	if !bytes.Equal(a.Data, b.Data) {
		t.Error("same seed: the corpora differ")
	}
	spec.Seed = 8
	if c := testCorpus(t, spec); bytes.Equal(a.Data, c.Data) {
		t.Error("seeds 7 and 8: the corpora are equal")
	}
}

func TestCorpusParses(t *testing.T) {
	tests := []struct {
		columns int
		bytes   int64
	}{
		{3, 50 << 10},
		{4, 300 << 10},
		{6, 1 << 20},
	}
	for _, tt := range tests {
		c := testCorpus(t, CorpusSpec{Seed: 1, Bytes: tt.bytes, Columns: tt.columns})
		doc, err := parse.Parse("corpus.txt", c.Data, parse.Options{})
		if err != nil {
			t.Fatalf("%d columns, %d bytes: %v", tt.columns, tt.bytes, err)
		}
		if len(doc.Variants) != tt.columns {
			t.Errorf("%d columns asked: parsed %d (%v)", tt.columns, len(doc.Variants), doc.Variants)
		}
		if len(doc.Paragraphs) != c.Paragraphs || len(doc.Sections) != c.Sections {
			t.Errorf("%d columns: parsed %d paragraphs and %d sections, generated %d and %d",
				tt.columns, len(doc.Paragraphs), len(doc.Sections), c.Paragraphs, c.Sections)
		}
		var text int64
		statuses := map[string]int{}
		for _, p := range doc.Paragraphs {
			for v, s := range p.Texts {
				text += int64(len(s))
				switch {
				case v == 0:
				case s == "":
					statuses["absent"]++
				case p.New:
					statuses["new"]++
				case s == p.Texts[0]:
					statuses["unchanged"]++
				default:
					statuses["amended"]++
				}
			}
		}
		if text != c.TextBytes {
			t.Errorf("%d columns: parsed %d bytes of text, generated %d", tt.columns, text, c.TextBytes)
		}
		if text < tt.bytes || float64(text) > 1.05*float64(tt.bytes) {
			t.Errorf("%d columns: %d bytes of text, want %d to 5%% more", tt.columns, text, tt.bytes)
		}
		for _, s := range []string{"absent", "new", "unchanged", "amended"} {
			if statuses[s] == 0 {
				t.Errorf("%d columns: no %s variant among %v", tt.columns, s, statuses)
			}
		}
	}
}

// TestCorpusAmendsWithThemes checks that the amendments bring theme terms:
// every variant adds hits, and the outcome takes up some proposals.
func TestCorpusAmendsWithThemes(t *testing.T) {
	c := testCorpus(t, CorpusSpec{Seed: 3, Bytes: 200 << 10, Columns: 4})
	doc, err := parse.Parse("corpus.txt", c.Data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v < len(doc.Variants); v++ {
		added := 0
		for _, n := range r.Totals[v].ThemeAdded {
			added += n
		}
		if added == 0 {
			t.Errorf("%s: no theme hit added", doc.Variants[v])
		}
		for _, k := range []analysis.Kind{analysis.KindQualifier, analysis.KindNewSentence, analysis.KindDeletion, analysis.KindSubstitution} {
			if r.Totals[v].KindSpans[k] == 0 {
				t.Errorf("%s: no %s span", doc.Variants[v], k)
			}
		}
	}
	verdicts := map[analysis.Verdict]int{}
	for _, u := range r.SpanUptake {
		verdicts[u.Verdict]++
	}
	for _, v := range []analysis.Verdict{analysis.VerdictAdopted, analysis.VerdictNotAdopted, analysis.VerdictPending} {
		if verdicts[v] == 0 {
			t.Errorf("no %s span among %v", v, verdicts)
		}
	}
}

func TestCorpusLargeNumbersParagraphsInRounds(t *testing.T) {
	if testing.Short() {
		t.Skip("generates more than 9999 paragraphs")
	}
	c := testCorpus(t, CorpusSpec{Seed: 2, Bytes: 24 << 20, Columns: 3})
	if c.Paragraphs <= maxLabel {
		t.Fatalf("%d paragraphs, want more than %d to test the second round", c.Paragraphs, maxLabel)
	}
	doc, err := parse.Parse("corpus.txt", c.Data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	last := doc.Paragraphs[len(doc.Paragraphs)-1].ID
	if !strings.ContainsAny(last, "abcdefghijklmnopqrstuvwxyz") {
		t.Errorf("last paragraph %s: want a round letter", last)
	}
}

func TestCorpusErrors(t *testing.T) {
	dict := analysis.DefaultDictionary()
	tests := []struct {
		name   string
		spec   CorpusSpec
		source []byte
		want   string
	}{
		{"two columns", CorpusSpec{Bytes: 1000, Columns: 2}, analysis.Sample(), "2 columns"},
		{"no size", CorpusSpec{Columns: 4}, analysis.Sample(), "size 0"},
		{"bad source", CorpusSpec{Bytes: 1000, Columns: 4}, []byte("no table"), "corpus: source"},
	}
	for _, tt := range tests {
		_, err := GenerateCorpus(tt.spec, tt.source, dict)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}
