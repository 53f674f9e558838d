package analysis

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
)

// readTable exports table with f and reads it back as records.
func readTable(t *testing.T, r *Result, table string, f Filter) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTableCSV(&buf, r, table, f); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("table %s is not valid CSV: %v", table, err)
	}
	return recs
}

// column returns the index of name in header.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %s in %q", name, header)
	return -1
}

func TestTableHeaders(t *testing.T) {
	r := analyseSource(t)
	for _, tc := range []struct {
		table, prefix string
	}{
		{"paragraphs", "document,section,paragraph,order,variant,status,base_words,variant_words,added_words,deleted_words,change_ratio,spans,bracketed_words,hidden_chars,added_gender"},
		{"sections", "document,section,order,level,parent,title,variant,paragraphs,present,amended,new,base_words,added_words,deleted_words,change_ratio,new_words,added_gender"},
		{"themes", "document,variant,theme,added,removed,paragraphs"},
		{"uptake", "document,proposal,outcome,theme,proposed,adopted,partly_adopted,not_adopted,pending"},
		{"changes", "document,section,paragraph,order,variant,change_id,kind,base_text,variant_text,added_words,deleted_words,themes"},
		{"hits", "document,section,paragraph,variant,change_id,theme,term,matched,change"},
		{"verdicts", "document,section,paragraph,proposal,outcome,change_id,kind,proposed_text,words,adopted_words,verdict"},
		{"unthemed", "document,variant,phrase,count"},
	} {
		h, err := TableHeader(r, tc.table)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(h, ","); !strings.HasPrefix(got, tc.prefix) {
			t.Errorf("%s header = %s, want it to start with %s", tc.table, got, tc.prefix)
		}
	}
	if _, err := TableHeader(r, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown table: error %v, want ErrNotFound", err)
	}
}

func TestParagraphsTableValues(t *testing.T) {
	r := analyseSource(t)
	recs := readTable(t, r, "paragraphs", Filter{Paragraph: "39"})
	if len(recs) != 3 {
		t.Fatalf("paragraph 39: %d records, want header and 2 variants", len(recs))
	}
	h := recs[0]
	gc, comp := recs[1], recs[2]
	for _, tc := range []struct {
		row        []string
		col, value string
	}{
		{gc, "document", "wsis-tunis-internet-governance-gc"},
		{gc, "section", "1"},
		{gc, "variant", "GC Proposed Text"},
		{gc, "status", "amended"},
		{gc, "added_words", "22"},
		{gc, "deleted_words", "0"},
		{gc, "spans", "3"},
		{comp, "variant", "Compromise text"},
		{comp, "added_words", "5"},
		{comp, "spans", "1"},
	} {
		if got := tc.row[column(t, h, tc.col)]; got != tc.value {
			t.Errorf("%s = %q, want %q", tc.col, got, tc.value)
		}
	}
	base := gc[column(t, h, "base_words")]
	ratio := gc[column(t, h, "change_ratio")]
	if base == "0" || ratio == "0.0000" {
		t.Errorf("39: base_words %s change_ratio %s, want both positive", base, ratio)
	}
}

func TestTableFilters(t *testing.T) {
	r := analyseSource(t)
	for _, tc := range []struct {
		name    string
		table   string
		f       Filter
		col     string
		allowed []string
	}{
		{"variant", "paragraphs", Filter{Variant: "Compromise text"}, "variant", []string{"Compromise text"}},
		{"section with subsections", "paragraphs", Filter{Section: "3"}, "section", []string{"3a", "3b"}},
		{"theme", "hits", Filter{Theme: "gender"}, "theme", []string{"gender"}},
		{"section table", "sections", Filter{Section: "3"}, "section", []string{"3", "3a", "3b"}},
		{"uptake proposal", "uptake", Filter{Variant: "GC Proposed Text"}, "proposal", []string{"GC Proposed Text"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := readTable(t, r, tc.table, tc.f)
			if len(recs) < 2 {
				t.Fatalf("no rows")
			}
			i := column(t, recs[0], tc.col)
			for _, rec := range recs[1:] {
				if !contains(tc.allowed, rec[i]) {
					t.Errorf("row with %s %q passed the filter", tc.col, rec[i])
				}
			}
		})
	}
	all := readTable(t, r, "hits", Filter{})
	gender := readTable(t, r, "hits", Filter{Theme: "gender"})
	if len(gender) >= len(all) {
		t.Errorf("theme filter kept %d of %d rows", len(gender), len(all))
	}
}

func TestNeutraliseCell(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1)":   "'=SUM(A1)",
		"+1+2":       "'+1+2",
		"-cmd":       "'-cmd",
		"@A1":        "'@A1",
		"\tx":        "'\tx",
		"\rx":        "'\rx",
		"-3":         "-3",
		"+2.5":       "+2.5",
		"plain text": "plain text",
		"":           "",
	} {
		if got := neutraliseCell(in); got != want {
			t.Errorf("NeutraliseCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestChangesTableQuotesSpanText(t *testing.T) {
	r := analyseSource(t)
	recs := readTable(t, r, "changes", Filter{Paragraph: "39", Variant: "Compromise text"})
	if len(recs) != 2 {
		t.Fatalf("39 in the compromise: %d records, want header and one change", len(recs))
	}
	h, row := recs[0], recs[1]
	if got := row[column(t, h, "variant_text")]; got != "and a gender equality perspective" {
		t.Errorf("variant_text = %q", got)
	}
	if got := row[column(t, h, "themes")]; !strings.Contains(got, "gender") {
		t.Errorf("themes = %q, want gender among them", got)
	}
	if got := row[column(t, h, "kind")]; got != string(KindClause) {
		t.Errorf("kind = %q, want clause", got)
	}
}
