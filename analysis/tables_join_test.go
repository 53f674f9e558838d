package analysis

import (
	"errors"
	"strconv"
	"testing"
)

// records returns the rows of table as maps keyed by the header.
func records(t *testing.T, r *Result, table string, f Filter) []map[string]string {
	t.Helper()
	recs := readTable(t, r, table, f)
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := make(map[string]string, len(rec))
		for i, k := range recs[0] {
			m[k] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// An absent text is not "no change": its ratio is empty, and a section
// counts only the paragraphs where the variant has text.
func TestAbsentTextHasNoRatio(t *testing.T) {
	r := analyseSource(t)
	absent := 0
	for _, row := range records(t, r, "paragraphs", Filter{}) {
		if row["status"] == string(StatusAbsent) {
			absent++
			if row["change_ratio"] != "" {
				t.Errorf("paragraph %s %s is absent with change_ratio %q, want empty", row["paragraph"], row["variant"], row["change_ratio"])
			}
		} else if row["change_ratio"] == "" {
			t.Errorf("paragraph %s %s (%s) has no change_ratio", row["paragraph"], row["variant"], row["status"])
		}
	}
	if absent == 0 {
		t.Fatal("the sample has no absent text; the test proves nothing")
	}
	// Section 1 of the GC proposal: only paragraph 39 has text (203 base
	// words in all, 68 in 39): its ratio is 22/68, not 22/203.
	for _, row := range records(t, r, "sections", Filter{Section: "1", Variant: "GC Proposed Text"}) {
		if row["section"] != "1" {
			continue
		}
		if row["paragraphs"] != "4" || row["present"] != "1" || row["base_words"] != "68" || row["change_ratio"] != "0.3235" {
			t.Errorf("section 1: paragraphs %s present %s base_words %s change_ratio %s, want 4, 1, 68, 0.3235",
				row["paragraphs"], row["present"], row["base_words"], row["change_ratio"])
		}
	}
	// The compromise text has no text in section 2: no ratio, not 0.
	for _, row := range records(t, r, "sections", Filter{Section: "2", Variant: "Compromise text"}) {
		if row["present"] != "0" || row["change_ratio"] != "" {
			t.Errorf("section 2 of the compromise: present %s change_ratio %q, want 0 and empty", row["present"], row["change_ratio"])
		}
	}
}

// The uptake table counts insertions by verdict, proposed is their total,
// and the same counts come from joining verdicts with hits by change_id.
func TestUptakeCountsJoin(t *testing.T) {
	r := analyseSource(t)
	verdictOf := map[string]string{}
	for _, v := range records(t, r, "verdicts", Filter{}) {
		if v["change_id"] == "" {
			t.Fatalf("verdict without change_id: %v", v)
		}
		verdictOf[v["change_id"]] = v["verdict"]
	}
	changes := map[string]bool{}
	for _, c := range records(t, r, "changes", Filter{}) {
		if changes[c["change_id"]] {
			t.Fatalf("change_id %s twice", c["change_id"])
		}
		changes[c["change_id"]] = true
	}
	for id := range verdictOf {
		if !changes[id] {
			t.Errorf("verdict change_id %s is in no changes row", id)
		}
	}
	// Theme x verdict counts from the join: each insertion once per theme.
	type key struct{ proposal, theme, verdict string }
	joined := map[key]int{}
	seen := map[[2]string]bool{}
	for _, h := range records(t, r, "hits", Filter{}) {
		if h["change_id"] == "" || !changes[h["change_id"]] {
			t.Errorf("hit %v has no change_id of the changes table", h)
			continue
		}
		v, ok := verdictOf[h["change_id"]]
		if !ok || h["change"] != "added" || seen[[2]string{h["change_id"], h["theme"]}] {
			continue
		}
		seen[[2]string{h["change_id"], h["theme"]}] = true
		joined[key{h["variant"], h["theme"], v}]++
	}
	total := 0
	for _, u := range records(t, r, "uptake", Filter{}) {
		n := map[string]int{}
		for _, col := range []string{"proposed", "adopted", "partly_adopted", "not_adopted", "pending"} {
			n[col], _ = strconv.Atoi(u[col])
		}
		if n["proposed"] != n["adopted"]+n["partly_adopted"]+n["not_adopted"]+n["pending"] {
			t.Errorf("%s %s: proposed %d is not the total of the four", u["proposal"], u["theme"], n["proposed"])
		}
		for col, verdict := range map[string]Verdict{"adopted": VerdictAdopted, "partly_adopted": VerdictPartly, "not_adopted": VerdictNotAdopted, "pending": VerdictPending} {
			if got := joined[key{u["proposal"], u["theme"], string(verdict)}]; got != n[col] {
				t.Errorf("%s %s %s: uptake says %d, verdicts joined with hits %d", u["proposal"], u["theme"], col, n[col], got)
			}
		}
		total += n["proposed"]
	}
	if total == 0 {
		t.Fatal("no insertion carries a theme; the test proves nothing")
	}
}

func TestSectionOrderLevelParent(t *testing.T) {
	r := analyseSource(t)
	prev := 0
	for _, row := range records(t, r, "sections", Filter{Variant: "GC Proposed Text"}) {
		order, _ := strconv.Atoi(row["order"])
		if order <= prev {
			t.Errorf("section %s: order %d after %d", row["section"], order, prev)
		}
		prev = order
		want := map[string][2]string{"3": {"1", ""}, "3a": {"2", "3"}, "3b": {"2", "3"}, "4": {"1", ""}}
		if w, ok := want[row["section"]]; ok && (row["level"] != w[0] || row["parent"] != w[1]) {
			t.Errorf("section %s: level %s parent %q, want %s %q", row["section"], row["level"], row["parent"], w[0], w[1])
		}
	}
	last := 0
	for _, row := range records(t, r, "paragraphs", Filter{Variant: "GC Proposed Text"}) {
		order, _ := strconv.Atoi(row["order"])
		if order != last+1 {
			t.Errorf("paragraph %s: order %d after %d", row["paragraph"], order, last)
		}
		last = order
	}
}

func TestCheckFilter(t *testing.T) {
	r := analyseSource(t)
	for _, tc := range []struct {
		f    Filter
		want string
	}{
		{Filter{Variant: "gc proposed text"}, ""},
		{Filter{Variant: "Nobody"}, `Document wsis-tunis-internet-governance-gc has no variant "Nobody".`},
		{Filter{Theme: "gender"}, ""},
		{Filter{Theme: "nope"}, `The dictionary of wsis-tunis-internet-governance-gc has no theme "nope".`},
		{Filter{Section: "3a"}, ""},
		{Filter{Section: "9"}, `Document wsis-tunis-internet-governance-gc has no section "9".`},
		{Filter{Paragraph: "39"}, ""},
		{Filter{Paragraph: "999"}, `Document wsis-tunis-internet-governance-gc has no paragraph "999".`},
	} {
		err := CheckFilter(r, tc.f)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: %v", tc.f, err)
		case tc.want != "" && (err == nil || err.Error() != tc.want || !errors.Is(err, ErrNotFound)):
			t.Errorf("%+v: error %v, want %q wrapping ErrNotFound", tc.f, err, tc.want)
		}
	}
}

func TestNumberColumns(t *testing.T) {
	r := analyseSource(t)
	for _, table := range Tables {
		head, _ := TableHeader(r, table)
		for _, col := range head {
			want := numericColumns[col] || (len(col) > 6 && col[:6] == "added_")
			if NumberColumn(col) != want {
				t.Errorf("%s.%s: NumberColumn %v, want %v", table, col, NumberColumn(col), want)
			}
		}
	}
}
