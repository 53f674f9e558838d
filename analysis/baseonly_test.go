package analysis

import (
	"bytes"
	"strings"
	"testing"

	"amendlens/parse"
)

// baseOnlyText is a plain numbered document: the base text alone.
const baseOnlyText = `1. Internet governance

29. The Internet has evolved into a global facility available to the public.

30. We reaffirm our commitment to gender equality and to [the rights of women] online.

1a. Follow-up

31. We call for capacity building in developing countries.
`

func analyseBaseOnly(t *testing.T) *Result {
	t.Helper()
	doc, err := parse.Parse("adopted.txt", []byte(baseOnlyText), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.BaseOnly() {
		t.Fatalf("variants %q, want the base alone", doc.Variants)
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestAnalyseBaseOnly checks that a document with only its base text gives
// a valid Result with no comparisons and finite figures.
func TestAnalyseBaseOnly(t *testing.T) {
	r := analyseBaseOnly(t)
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(r.Comparisons) != 0 || len(r.Sections) != 0 || len(r.Totals) != 1 || r.Outcome != 0 || len(r.SpanUptake)+len(r.ThemeUptake)+len(r.Unthemed) != 0 {
		t.Errorf("comparisons %d, section metrics %d, totals %d, outcome %d, uptake %d+%d, unthemed %d: want a Result of the base alone",
			len(r.Comparisons), len(r.Sections), len(r.Totals), r.Outcome, len(r.SpanUptake), len(r.ThemeUptake), len(r.Unthemed))
	}
	if !finite(r.Totals[0].ChangeRatio) {
		t.Errorf("base totals: change ratio %v", r.Totals[0].ChangeRatio)
	}
	if got, want := baseWordCounts(NewTokenizer(), r.Document), []int{12, 14, 8}; !equalInts(got, want) {
		t.Errorf("base words %v, want %v", got, want)
	}
	// A Result whose document has no column at all is still refused.
	bad := *r
	doc := *r.Document
	doc.Variants = nil
	bad.Document = &doc
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "no columns") {
		t.Errorf("Validate of a document without columns: %v", err)
	}
	if _, err := Analyse(&doc, DefaultDictionary(), Options{}); err == nil {
		t.Error("Analyse of a document without columns: no error")
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestBaseOnlyTables checks the tables of a base-only document: the
// paragraphs and sections tables have the base's rows, with empty cells
// for the figures a variant would give; the others have their header only.
func TestBaseOnlyTables(t *testing.T) {
	r := analyseBaseOnly(t)
	themes := strings.Repeat(",", len(r.Dictionary.Names()))
	want := map[string]string{
		"paragraphs": "adopted,1,29,1,Base,,12,,,,,,0,0" + themes + "\n" +
			"adopted,1,30,2,Base,,14,,,,,,4,0" + themes + "\n" +
			"adopted,1a,31,3,Base,,8,,,,,,0,0" + themes + "\n",
		"sections": "adopted,1,1,1,,Internet governance,Base,3,3,,,34,,,," + themes + "\n" +
			"adopted,1a,2,2,1,Follow-up,Base,1,1,,,8,,,," + themes + "\n",
		// The chain of one stage: the base, its words and brackets.
		"stages": "adopted,Base,1,Base,,false,3,34,1,4,0,0,0,0,,0,0,0,0,0,0,0\n",
		"lineage": "adopted,1,29,Base,1,29,same,1.0000\n" +
			"adopted,1,30,Base,1,30,same,1.0000\n" +
			"adopted,1a,31,Base,1,31,same,1.0000\n",
	}
	for _, name := range Tables {
		var b bytes.Buffer
		if err := WriteTableCSV(&b, r, name, Filter{}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		header, rows, _ := strings.Cut(b.String(), "\n")
		if h, _ := TableHeader(r, name); header != strings.Join(h, ",") {
			t.Errorf("%s: header %q", name, header)
		}
		if strings.ReplaceAll(rows, "\r\n", "\n") != want[name] {
			t.Errorf("%s rows:\n%s\nwant:\n%s", name, rows, want[name])
		}
	}
	// Filters narrow the base's rows as any other's.
	var b bytes.Buffer
	if err := WriteTableCSV(&b, r, "paragraphs", Filter{Section: "1a"}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(b.String(), "\n"); got != 2 || !strings.Contains(b.String(), "adopted,1a,31,") {
		t.Errorf("paragraphs of section 1a:\n%s", b.String())
	}
}

// TestSummaryBaseOnly checks what ingest prints for the base alone.
func TestSummaryBaseOnly(t *testing.T) {
	got := analyseBaseOnly(t).Summary()
	want := "adopted (adopted.txt): 3 paragraphs, 2 sections, the base text alone (34 words)\n"
	if got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}
}
