package analysis

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestSearch: on the sample, every occurrence of a word, a phrase or a
// prefix is found in every text, the base's included, as many times as a
// regular expression over the texts finds it; each hit's context reads
// as the text does around it; filters narrow the hits; a query that is no
// term is a bad request.
func TestSearch(t *testing.T) {
	r := analyseSource(t)
	d := r.Document
	for _, tc := range []struct {
		query string
		re    string
	}{
		{"internet", `(?i)\binternet\b`},
		{"gender equality perspective", `(?i)\bgender\s+equality\s+perspective\b`},
		{"women", `(?i)\bwomen\b`},
		{"right*", `(?i)\bright\w*`},
	} {
		hits, err := r.Search(Filter{Query: tc.query})
		if err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		re := regexp.MustCompile(tc.re)
		want := map[int]int{}
		total := 0
		for _, p := range d.Paragraphs {
			for v, text := range p.Texts {
				n := len(re.FindAllStringIndex(text, -1))
				want[v] += n
				total += n
			}
		}
		got := map[int]int{}
		for _, h := range hits {
			got[h.Variant]++
			text := d.Paragraphs[h.Paragraph].Texts[h.Variant]
			if !re.MatchString(h.Matched) || text[h.Bytes.Start:h.Bytes.End] != h.Matched && !strings.EqualFold(strings.Join(strings.Fields(text[h.Bytes.Start:h.Bytes.End]), " "), h.Matched) {
				t.Errorf("%s: hit %q at %v of paragraph %s reads %q there", tc.query, h.Matched, h.Bytes, d.Paragraphs[h.Paragraph].ID, text[h.Bytes.Start:h.Bytes.End])
			}
			around := strings.TrimPrefix(h.Left, "… ") + h.Matched + strings.TrimSuffix(h.Right, " …")
			if !strings.Contains(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(around), " ")) {
				t.Errorf("%s: context %q is not the text around the hit", tc.query, around)
			}
		}
		if total == 0 || len(hits) != total {
			t.Errorf("%s: %d hits, want the %d the expression finds", tc.query, len(hits), total)
		}
		for v := range d.Variants {
			if got[v] != want[v] {
				t.Errorf("%s in %s: %d hits, want %d", tc.query, d.Variants[v], got[v], want[v])
			}
		}
	}

	// Filters narrow the hits: the base alone, one section.
	all, _ := r.Search(Filter{Query: "internet"})
	base, _ := r.Search(Filter{Query: "internet", Variant: BaseName})
	sec, _ := r.Search(Filter{Query: "internet", Section: "3"})
	if len(base) == 0 || len(base) >= len(all) || len(sec) == 0 || len(sec) >= len(all) {
		t.Errorf("internet: %d hits, %d in the base, %d in section 3: want the filters to narrow them", len(all), len(base), len(sec))
	}
	for _, h := range base {
		if h.Variant != 0 {
			t.Errorf("variant filter %q let through a hit of %s", BaseName, d.Variants[h.Variant])
		}
	}

	for _, q := range []string{"*", "a*b", "", strings.Repeat("x", 201)} {
		if _, err := r.Search(Filter{Query: q}); FailureOf(err) != FailBadRequest {
			t.Errorf("query %q: err %v, want a bad request", q, err)
		}
	}

	// The table of a query holds its hits.
	var buf bytes.Buffer
	if err := WriteTableCSV(&buf, r, "search", Filter{Query: "gender equality perspective"}); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(buf.String(), "\n") - 1; rows != len(mustSearch(t, r, "gender equality perspective")) || rows == 0 {
		t.Errorf("search table: %d rows:\n%s", rows, buf.String())
	}
}

func mustSearch(t *testing.T, r *Result, q string) []SearchHit {
	t.Helper()
	hits, err := r.Search(Filter{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// BenchmarkSearch searches the source document repeated 100 and 400 times
// (about 4 and 16 MB of text) for a word and for a prefix: every text is
// tokenized and matched once per search.
func BenchmarkSearch(b *testing.B) {
	for _, copies := range []int{100, 400} {
		doc, size := repeatedDocument(b, copies)
		r := &Result{Document: doc}
		for _, q := range []string{"gender", "right*"} {
			b.Run(fmt.Sprintf("x%d/%s", copies, q), func(b *testing.B) {
				b.SetBytes(size)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := r.Search(Filter{Query: q}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
