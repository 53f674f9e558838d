package analysis_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"amendlens/align"
	"amendlens/analysis"
	"amendlens/analysis/analysistest"
	"amendlens/ingest"
	"amendlens/parse"
)

// readDoc parses a test file with parse.
func readDoc(t *testing.T, file string) *analysis.Document {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Parse(file, data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// hits returns the theme hits of c as "change theme term".
func hits(c *analysis.Comparison) []string {
	var out []string
	for _, h := range c.Hits {
		out = append(out, string(h.Change)+" "+h.Theme+" "+h.Term)
	}
	return out
}

// TestAlignedProposal aligns the sample's Gender Caucus column, written out
// as a document of its own and renumbered, with the sample: its analysis
// must be the column's, paragraph by paragraph, except that paragraphs the
// column leaves empty are unchanged in the document.
func TestAlignedProposal(t *testing.T) {
	doc := readDoc(t, "../testdata/wsis-tunis-internet-governance-gc.txt")
	rows := len(doc.Paragraphs)
	gc := readDoc(t, "../testdata/wsis-gc-proposal.txt")
	if err := analysis.AddVersion(doc, gc, "GC text"); err != nil {
		t.Fatal(err)
	}
	if len(doc.Paragraphs) != rows || len(doc.Variants) != 4 {
		t.Fatalf("%d rows and variants %q, want %d rows and the GC text after the columns", len(doc.Paragraphs), doc.Variants, rows)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{Outcome: analysis.NoOutcome})
	if err != nil {
		t.Fatal(err)
	}
	amended := 0
	for p, para := range doc.Paragraphs {
		col, ver := r.Comparison(p, 1), r.Comparison(p, 3)
		want := col.Status
		if want == analysis.StatusAbsent && !para.New {
			want = analysis.StatusUnchanged
		}
		if ver.Status != want {
			t.Errorf("paragraph %s: status %s, want %s (column: %s)", para.ID, ver.Status, want, col.Status)
			continue
		}
		if want == analysis.StatusAmended {
			amended++
		}
		if col.Status == analysis.StatusAbsent {
			continue
		}
		if ver.Added != col.Added || ver.Deleted != col.Deleted || ver.VariantWords != col.VariantWords || len(ver.Spans) != len(col.Spans) {
			t.Errorf("paragraph %s: +%d -%d %d words %d spans, want the column's +%d -%d %d words %d spans", para.ID, ver.Added, ver.Deleted, ver.VariantWords, len(ver.Spans), col.Added, col.Deleted, col.VariantWords, len(col.Spans))
		}
		if !slices.Equal(hits(ver), hits(col)) {
			t.Errorf("paragraph %s: hits %q, want the column's %q", para.ID, hits(ver), hits(col))
		}
	}
	if amended < 10 {
		t.Errorf("%d paragraphs amended, want the column's many", amended)
	}
	for _, th := range r.Dictionary.Names() {
		if a, b := r.Totals[3].ThemeAdded[th], r.Totals[1].ThemeAdded[th]; a != b {
			t.Errorf("theme %s: %d added, want the column's %d", th, a, b)
		}
	}
	// The alignment: renumbered from 1, each row found.
	al := doc.Alignment(3)
	if al == nil || doc.Alignment(1) != nil {
		t.Fatal("alignment of the GC text missing, or one of a column")
	}
	ids := map[string]string{}
	for _, l := range al.Links {
		ids[l.Paragraph] = l.VariantParagraph
		if l.Relation == align.RelationDeleted || l.Relation == align.RelationMerged || l.Relation == align.RelationSplit || l.Relation == align.RelationMoved {
			t.Errorf("link %+v: the GC text only edits and adds", l)
		}
	}
	if ids["39"] != "1" || ids["40"] != "2" || ids["43"] != "5" {
		t.Errorf("39, 40, 43 became %s, %s, %s; want 1, 2, 5", ids["39"], ids["40"], ids["43"])
	}
}

// TestVersions builds a document from a base and two versions given as
// running text: the later one merges, splits, deletes and adds.
func TestVersions(t *testing.T) {
	base := readDoc(t, "../testdata/analysis/align-base.txt")
	later := readDoc(t, "../testdata/analysis/align-version.txt")
	doc, err := analysis.Versions(base, []*analysis.Document{base, later}, []string{"Draft"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Variants, []string{"Base", "Draft", "align-version"}) {
		t.Fatalf("variants %q", doc.Variants)
	}
	var ids []string
	for _, p := range doc.Paragraphs {
		ids = append(ids, p.ID)
	}
	// The new paragraphs 38 and 47 come after the rows of the version
	// paragraphs before them, 37 (base 11) and 46 (base 18).
	want := "1 2 3 4 5 6 7 8 9 10 11 new-align-version-38 12 13 14 15 16 17 18 new-align-version-47 19 20 21 22"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("rows %s\nwant %s", got, want)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	status := func(id string) analysis.Status {
		for p, para := range doc.Paragraphs {
			if para.ID == id {
				return r.Comparison(p, 2).Status
			}
		}
		t.Fatalf("no row %s", id)
		return ""
	}
	for id, want := range map[string]analysis.Status{
		"1": analysis.StatusUnchanged, "3": analysis.StatusAmended, "4": analysis.StatusAmended, "5": analysis.StatusMerged,
		"7": analysis.StatusAbsent, "9": analysis.StatusUnchanged, "13": analysis.StatusAmended,
		"new-align-version-38": analysis.StatusNew,
	} {
		if got := status(id); got != want {
			t.Errorf("row %s: %s, want %s", id, got, want)
		}
	}
	// The merge 4+5 -> 32 is compared with both base texts joined: "These
	// principles, norms and rules" replaced by "that", the rest kept; no
	// words counted on 5.
	c4, c5 := r.Comparison(3, 2), r.Comparison(4, 2)
	if c4.BaseWords != 43 || c4.Deleted != 5 || c4.Added != 1 || c5.BaseWords != 0 || c5.VariantWords != 0 || len(c5.Spans) != 0 {
		t.Errorf("merge: 4 %+v, 5 %+v", c4, c5)
	}
	// The split 6 -> 33, 34 is joined: unchanged apart from the full stop
	// ending the first part.
	if c := r.Comparison(5, 2); c.Status != analysis.StatusAmended || c.Added != 0 || c.Deleted != 1 {
		t.Errorf("split: %+v, want one word (and) deleted", c)
	}
}

// TestVersionsOutcomeComplete: an outcome given as a version is complete, so
// a proposal's insertion in a paragraph the outcome dropped, and a
// proposal's own new paragraph the outcome does not have, are not adopted.
func TestVersionsOutcomeComplete(t *testing.T) {
	data, err := os.ReadFile("../testdata/analysis/align-base.txt")
	if err != nil {
		t.Fatal(err)
	}
	base, err := parse.Parse("base.txt", data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "We note with concern", "We note with grave concern", 1) +
		"\n23. We call for the equal participation of women in every forum of Internet governance.\n"
	proposal, err := parse.Parse("proposal.txt", []byte(text), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	outcome := readDoc(t, "../testdata/analysis/align-version.txt")
	doc, err := analysis.Versions(base, []*analysis.Document{proposal, outcome}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	verdicts := map[string]analysis.Verdict{}
	for _, u := range r.SpanUptake {
		verdicts[doc.Paragraphs[u.Paragraph].ID] = u.Verdict
	}
	want := map[string]analysis.Verdict{"7": analysis.VerdictNotAdopted, "new-proposal-23": analysis.VerdictNotAdopted}
	if len(verdicts) != len(want) || verdicts["7"] != want["7"] || verdicts["new-proposal-23"] != want["new-proposal-23"] {
		t.Errorf("verdicts %v, want %v", verdicts, want)
	}
	// The same outcome, told incomplete and made a column: pending.
	outcomeCol := len(doc.Variants) - 1
	doc.Alignments = slices.DeleteFunc(doc.Alignments, func(a analysis.Alignment) bool { return a.Variant == outcomeCol })
	r, err = analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range r.SpanUptake {
		if u.Verdict != analysis.VerdictPending {
			t.Errorf("incomplete outcome: %s %v, want pending", doc.Paragraphs[u.Paragraph].ID, u.Verdict)
		}
	}
	r, err = analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{OutcomeComplete: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range r.SpanUptake {
		if u.Verdict != analysis.VerdictNotAdopted {
			t.Errorf("OutcomeComplete: %s %v, want not_adopted", doc.Paragraphs[u.Paragraph].ID, u.Verdict)
		}
	}
}

func TestAlignmentTable(t *testing.T) {
	r := analysistest.GoldVersions(t, "..", analysis.DefaultDictionary())
	var b strings.Builder
	if err := analysis.WriteTableCSV(&b, r, "alignment", analysis.Filter{}); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../testdata/analysis/alignment-gold.csv")
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("alignment table:\n%s\nwant:\n%s", b.String(), want)
	}
	// Filtered by paragraph: the base's or the version's number.
	for _, f := range []analysis.Filter{{Paragraph: "9"}, {Paragraph: "44"}} {
		b.Reset()
		if err := analysis.WriteTableCSV(&b, r, "alignment", f); err != nil {
			t.Fatal(err)
		}
		if got := strings.Split(strings.TrimSpace(b.String()), "\n"); len(got) != 2 || got[1] != "gold,Adopted,9,44,moved,1.0000" {
			t.Errorf("filter %+v: %q, want the row of 9 moved to 44", f, got)
		}
	}
}

// TestVersionsHidden: hidden format characters are removed from versions
// as from tables, and counted on the row their text goes to.
func TestVersionsHidden(t *testing.T) {
	base, err := parse.Parse("base.txt", []byte("1. Intro\n\n29. We reaffirm the principles.\n\n30. We thank the Secretary-General.\n"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	later, err := parse.Parse("later.txt", []byte("1. We thank the Secretary\u200b-General.\n\n2. We reaffirm the\u200b\u200b principles.\n\n3. A new\u200e paragraph.\n"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := analysis.Versions(base, []*analysis.Document{later}, []string{"Later"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]any{
		"29":          {"We reaffirm the principles.", 2},
		"30":          {"We thank the Secretary-General.", 1},
		"new-later-3": {"A new paragraph.", 1},
	}
	for _, p := range doc.Paragraphs {
		w, ok := want[p.ID]
		if !ok {
			t.Errorf("unexpected row %s", p.ID)
			continue
		}
		if p.Texts[1] != w[0] || p.HiddenChars(1) != w[1] || p.HiddenChars(0) != 0 {
			t.Errorf("row %s: %q with %d hidden (base %d), want %q with %d", p.ID, p.Texts[1], p.HiddenChars(1), p.HiddenChars(0), w[0], w[1])
		}
	}
}

// TestVersionsNewRowTaken: two versions whose names give the same slug both
// add new paragraphs numbered alike, the second's on both sides of a row;
// its first such paragraph cannot have its row, and the error names it,
// the same every run.
func TestVersionsNewRowTaken(t *testing.T) {
	text := func(name, s string) *analysis.Document {
		t.Helper()
		d, err := parse.Parse(name, []byte(s), parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	base := text("base.txt", "1. The base paragraph on access for all.\n")
	a := "1. The base paragraph on access for all.\n\n7. A wholly different paragraph about gender equality.\n\n8. Yet another on capacity building in developing countries.\n"
	b := "7. Privacy and the protection of personal data online.\n\n1. The base paragraph on access for all.\n\n8. Multilingual content and local languages on the web.\n"
	for range 20 {
		_, err := analysis.Versions(base, []*analysis.Document{text("a.txt", a), text("b.txt", b)}, []string{"G C", "g-c"})
		if err == nil || err.Error() != "version b.txt: new paragraph 7: row new-g-c-7 already exists" {
			t.Fatalf("error %v, want the second version's paragraph 7 named", err)
		}
	}
}

// TestVersionsLimit: a document takes at most MaxVersions versions; the
// error names the first file past the limit.
func TestVersionsLimit(t *testing.T) {
	base := ingest.File{Name: "base.txt", Data: []byte("1. Intro\n\n1. We note the report.\n")}
	var vs []ingest.File
	for i := range analysis.MaxVersions + 1 {
		vs = append(vs, ingest.File{Name: fmt.Sprintf("v%02d.txt", i+1), Data: []byte("1. Intro\n\n1. We note the report and more.\n")})
	}
	in := ingest.Input{Files: []ingest.File{base}, Versions: vs[:analysis.MaxVersions]}
	if _, err := ingest.Analyse(context.Background(), analysis.DefaultDictionary(), in); err != nil {
		t.Fatalf("%d versions: %v", analysis.MaxVersions, err)
	}
	in.Versions = vs
	_, err := ingest.Analyse(context.Background(), analysis.DefaultDictionary(), in)
	want := fmt.Sprintf("v%02d.txt: %d versions, the limit is %d", analysis.MaxVersions+1, analysis.MaxVersions+1, analysis.MaxVersions)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// TestVersionsNewBeforeFirstAligned: a version's new paragraphs that come
// before the first paragraph it shares with the base sit just before that
// paragraph, in its section, not at the top of the document: an excerpt of
// the second section that opens with a paragraph of its own.
func TestVersionsNewBeforeFirstAligned(t *testing.T) {
	base, err := parse.Parse("base.txt", []byte("1. Introduction\n\n10. We reaffirm the principles of the Geneva phase on access for all.\n\n"+
		"11. We thank the Secretary-General for the working group.\n\n2. Stakeholders\n\n20. The private sector has an important role in the development of the Internet.\n\n"+
		"21. Civil society has an important role at the community level.\n"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	later, err := parse.Parse("later.txt", []byte("19. Governments hold policy authority for Internet-related public policy issues.\n\n"+
		"20. The private sector has an important role in the development of the Internet.\n\n21. Civil society has an important role at the community level.\n"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := analysis.Versions(base, []*analysis.Document{later}, []string{"Rev.1"})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, p := range doc.Paragraphs {
		order = append(order, p.Section+":"+p.ID)
	}
	if want := []string{"1:10", "1:11", "2:new-rev-1-19", "2:20", "2:21"}; !slices.Equal(order, want) {
		t.Errorf("rows %v, want %v", order, want)
	}
}
