package analysis

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"amendlens/parse"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// analyseSource parses and analyses the source document with the default
// dictionary.
// sourceDoc is the sample, a table dump.
const sourceDoc = "../testdata/wsis-tunis-internet-governance-gc.txt"

func analyseSource(t testing.TB) *Result {
	t.Helper()
	return analyseSourceWith(t, Options{})
}

// analyseSourceWith is analyseSource with options.
func analyseSourceWith(t testing.TB, opts Options) *Result {
	t.Helper()
	data, err := os.ReadFile(sourceDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Parse(sourceDoc, data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyse(doc, DefaultDictionary(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// paragraphsWith returns the IDs of the paragraphs whose comparison in
// variant v satisfies keep, in document order.
func paragraphsWith(r *Result, v int, keep func(c *Comparison) bool) []string {
	var ids []string
	for p, para := range r.Document.Paragraphs {
		if keep(r.Comparison(p, v)) {
			ids = append(ids, para.ID)
		}
	}
	return ids
}

func paragraphIndex(t *testing.T, r *Result, id string) int {
	t.Helper()
	for p, para := range r.Document.Paragraphs {
		if para.ID == id {
			return p
		}
	}
	t.Fatalf("no paragraph %s", id)
	return -1
}

func TestAnalyseSourceDocument(t *testing.T) {
	r := analyseSource(t)
	const gc, compromise = 1, 2
	if want := []string{BaseName, "GC Proposed Text", "Compromise text"}; !reflect.DeepEqual(r.Document.Variants, want) {
		t.Fatalf("variants = %q, want %q", r.Document.Variants, want)
	}
	if r.Outcome != compromise {
		t.Errorf("outcome = %d, want the last column %d", r.Outcome, compromise)
	}
	var sections []string
	for _, s := range r.Document.Sections {
		sections = append(sections, s.ID)
	}
	if want := []string{"1", "2", "3", "3a", "3b", "4", "5"}; !reflect.DeepEqual(sections, want) {
		t.Errorf("sections = %q, want %q", sections, want)
	}
	status := func(v int, s Status) []string {
		return paragraphsWith(r, v, func(c *Comparison) bool { return c.Status == s })
	}
	if got := status(gc, StatusAmended); len(got) != 16 {
		t.Errorf("GC amended %d paragraphs %q, want 16", len(got), got)
	}
	for _, tc := range []struct {
		variant int
		status  Status
		want    []string
	}{
		{gc, StatusUnchanged, []string{"54", "55"}},
		{gc, StatusNew, []string{"43bis", "56bis"}},
		{gc, StatusAbsent, []string{"40", "41", "42", "47", "48", "62"}},
		{compromise, StatusAmended, []string{"39"}},
		{compromise, StatusUnchanged, nil},
		{compromise, StatusNew, nil},
	} {
		if got := status(tc.variant, tc.status); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %s = %q, want %q", r.Document.Variants[tc.variant], tc.status, got, tc.want)
		}
	}
	p39 := paragraphIndex(t, r, "39")
	if got := r.Comparison(p39, gc).Added; got != 22 {
		t.Errorf("39 GC added %d words, want 22", got)
	}
	if got := r.Comparison(p39, compromise).Added; got != 5 {
		t.Errorf("39 Compromise added %d words, want 5", got)
	}
	gender := paragraphsWith(r, gc, func(c *Comparison) bool {
		return slices.ContainsFunc(c.Hits, func(h Hit) bool { return h.Theme == "gender" && h.Change == ChangeAdded })
	})
	if want := []string{"39", "50", "51", "56bis", "58", "59"}; !reflect.DeepEqual(gender, want) {
		t.Errorf("gender added in %q, want %q", gender, want)
	}
}

func TestUptakeParagraph39(t *testing.T) {
	r := analyseSource(t)
	p39 := paragraphIndex(t, r, "39")
	c := r.Comparison(p39, 1)
	verdicts := map[string]Verdict{}
	for _, u := range r.SpanUptake {
		if u.Paragraph != p39 {
			continue
		}
		s := c.Spans[u.Span]
		verdicts[r.Document.Paragraphs[p39].Texts[1][s.VarBytes.Start:s.VarBytes.End]] = u.Verdict
	}
	want := map[string]Verdict{
		"Internet is a central element of the infrastructure of the emerging information society, and its": VerdictNotAdopted,
		"and affordability":                 VerdictNotAdopted,
		"and a gender equality perspective": VerdictAdopted,
	}
	if !reflect.DeepEqual(verdicts, want) {
		t.Errorf("verdicts of 39 = %v, want %v", verdicts, want)
	}
	themes := map[string]ThemeUptake{}
	for _, u := range r.ThemeUptake {
		themes[u.Theme] = u
	}
	if u := themes["gender"]; u.Proposed == 0 || u.Adopted == 0 {
		t.Errorf("gender uptake = %+v, want proposed and adopted in 39", u)
	}
	if u := themes["access"]; u.Proposed == 0 || u.Adopted != 0 {
		t.Errorf("access uptake = %+v, want affordability proposed and not adopted", u)
	}
	// Every other GC insertion has no compromise text: pending.
	for _, u := range r.SpanUptake {
		if u.Paragraph != p39 && u.Verdict != VerdictPending {
			t.Errorf("paragraph %s span %d: verdict %s, want pending", r.Document.Paragraphs[u.Paragraph].ID, u.Span, u.Verdict)
		}
	}
}

func TestJudge(t *testing.T) {
	for _, tc := range []struct {
		proposed, outcome string
		want              Verdict
		adopted           int
	}{
		{"and a gender equality perspective", "and a gender equality perspective", VerdictAdopted, 5},
		{"and affordability", "and a gender equality perspective", VerdictNotAdopted, 0},
		{"gender responsive instruments", "responsive legal instruments", VerdictPartly, 2},
		{"with urgency", "", VerdictNotAdopted, 0},
		{"women and girls", "girls and women", VerdictPartly, 1},
	} {
		verdict, n := judge(strings.Fields(tc.proposed), newWordIndex(strings.Fields(tc.outcome)), nil)
		if verdict != tc.want || n != tc.adopted {
			t.Errorf("judge(%q, %q) = %s %d, want %s %d", tc.proposed, tc.outcome, verdict, n, tc.want, tc.adopted)
		}
	}
}

func TestSectionsRollUpSubsections(t *testing.T) {
	r := analyseSource(t)
	get := func(id string, v int) Metrics {
		for _, s := range r.Sections {
			if s.Section == id && s.Variant == v {
				return s.Metrics
			}
		}
		t.Fatalf("no section %s variant %d", id, v)
		return Metrics{}
	}
	s3, s3a, s3b := get("3", 1), get("3a", 1), get("3b", 1)
	if s3.Paragraphs != s3a.Paragraphs+s3b.Paragraphs || s3.Added != s3a.Added+s3b.Added || s3.BaseWords != s3a.BaseWords+s3b.BaseWords {
		t.Errorf("section 3 = %d paragraphs %d added, want the sum of 3a and 3b (%d+%d, %d+%d)",
			s3.Paragraphs, s3.Added, s3a.Paragraphs, s3b.Paragraphs, s3a.Added, s3b.Added)
	}
	total := 0
	for _, s := range r.Document.Sections {
		if s.Parent == "" {
			total += get(s.ID, 1).Added
		}
	}
	if total != r.Totals[1].Added {
		t.Errorf("top-level sections add %d words, document total %d", total, r.Totals[1].Added)
	}
}

func TestFiguresAreFinite(t *testing.T) {
	doc := &Document{
		Name:     "empty",
		Variants: []string{BaseName, "A", "B"},
		Sections: []Section{{ID: "1", Title: "Empty"}},
		Paragraphs: []Paragraph{
			{ID: "1", Section: "1", Texts: []string{"", "", ""}},
			{ID: "2", Section: "1", Texts: []string{"...", "", "..."}},
			{ID: "3", Section: "1", New: true, Texts: []string{"", "Words here.", ""}},
		},
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, x float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Errorf("%s = %v", what, x)
		}
	}
	for _, c := range r.Comparisons {
		check("paragraph change ratio", c.ChangeRatio)
	}
	for _, s := range r.Sections {
		check("section change ratio", s.ChangeRatio)
	}
	for _, m := range r.Totals[1:] {
		check("total change ratio", m.ChangeRatio)
	}
	if got := r.Comparison(2, 1).ChangeRatio; got != 1 {
		t.Errorf("new paragraph change ratio = %v, want 1", got)
	}
}

func TestOutcomeOption(t *testing.T) {
	variants := []string{BaseName, "A", "B", "C"}
	for _, tc := range []struct {
		outcome string
		want    int
		err     bool
	}{
		{"", 3, false},
		{"b", 2, false},
		{NoOutcome, 0, false},
		{"Z", 0, true},
	} {
		got, err := outcomeIndex(variants, tc.outcome)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("outcomeIndex(%q) = %d, %v; want %d, error %v", tc.outcome, got, err, tc.want, tc.err)
		}
	}
	if got, _ := outcomeIndex(variants[:2], ""); got != 0 {
		t.Errorf("two columns: outcome %d, want none", got)
	}
}

func TestAnalyseIsDeterministicAcrossWorkers(t *testing.T) {
	one := analyseSourceWith(t, Options{Workers: 1})
	many := analyseSourceWith(t, Options{Workers: 4})
	if !reflect.DeepEqual(one, many) {
		t.Error("analysis with 4 workers differs from analysis with 1")
	}
}

// TestGoldenTables compares every table of the source document with its
// golden file; run with -update to rewrite them, then read the diff.
func TestGoldenTables(t *testing.T) {
	r := analyseSource(t)
	for _, name := range Tables {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTableCSV(&buf, r, name, Filter{}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("..", "testdata", "analysis", "golden", name+".csv")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./analysis -update)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("table %s differs from %s; run with -update and read the diff", name, golden)
			}
		})
	}
}
