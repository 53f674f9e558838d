package analysis

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"amendlens/docx/docxtest"
	"amendlens/parse"
)

// Tests of reading documents that hold what they read against the
// analysis: figures, golden tables, verdicts.

// TestDocxTrackedParagraphMarks checks what tracked paragraph marks do to
// rows: a deleted mark merges the next numbered paragraph into the one
// before it for its author (StatusMerged, its words counted once), an
// inserted mark splits a base paragraph into two parts of that paragraph's
// row, and a paragraph deleted whole, mark included, is absent for its
// author and merges nothing.
func TestDocxTrackedParagraphMarks(t *testing.T) {
	body := docxtest.Para("1. Marks") +
		docxtest.MarkChanged("del", "1", "Sweden", docxtest.Run("", "10. We act.")) +
		docxtest.Para("11. We note the report.") +
		docxtest.MarkChanged("ins", "2", "Brazil", docxtest.Run("", "12. We welcome")) +
		docxtest.Para("the plan.") +
		docxtest.MarkChanged("del", "3", "Sweden", docxtest.Del("4", "Sweden", "13. We decide to meet.")) +
		docxtest.Para("14. We close.")
	doc := parseDocxOK(t, "marks.docx", docxtest.File(t, body, docxtest.Parts{}), parse.Options{Tracked: true, Outcome: parse.AcceptAll})
	checkDocx(t, doc, docxWant{
		variants: []string{BaseName, "Sweden", "Brazil", parse.AcceptedName},
		sections: []string{"1 Marks"},
		paragraphs: [][]string{
			{"10", "We act.", "We act. We note the report.", "We act.", "We act. We note the report."},
			{"11", "We note the report.", "", "We note the report.", ""},
			{"12", "We welcome the plan.", "We welcome the plan.", "We welcome\nthe plan.", "We welcome\nthe plan."},
			{"13", "We decide to meet.", "", "We decide to meet.", ""},
			{"14", "We close.", "We close.", "We close.", "We close."},
		},
	})
	wantJoins := []Join{{Variant: 1, Paragraphs: []string{"10", "11"}}, {Variant: 3, Paragraphs: []string{"10", "11"}}}
	if !reflect.DeepEqual(doc.Joins, wantJoins) {
		t.Errorf("joins %+v, want %+v", doc.Joins, wantJoins)
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		p, v           int
		status         Status
		base, variant  int
		added, deleted int
	}{
		{0, 1, StatusUnchanged, 6, 6, 0, 0}, // compared with 10 and 11 joined
		{1, 1, StatusMerged, 0, 0, 0, 0},
		{2, 2, StatusUnchanged, 4, 4, 0, 0}, // split, same words
		{3, 1, StatusAbsent, 4, 0, 0, 0},    // deleted whole
		{3, 2, StatusUnchanged, 4, 4, 0, 0},
		{4, 1, StatusUnchanged, 2, 2, 0, 0},
	} {
		c := r.Comparison(tc.p, tc.v)
		if c.Status != tc.status || c.BaseWords != tc.base || c.VariantWords != tc.variant || c.Added != tc.added || c.Deleted != tc.deleted {
			t.Errorf("paragraph %s, %s: %s, %d base words, %d variant words, %d added, %d deleted; want %s, %d, %d, %d, %d",
				doc.Paragraphs[tc.p].ID, doc.Variants[tc.v], c.Status, c.BaseWords, c.VariantWords, c.Added, c.Deleted,
				tc.status, tc.base, tc.variant, tc.added, tc.deleted)
		}
	}
	// Sweden's words: each counted once, none added.
	if m := r.Totals[1]; m.Merged != 1 || m.Absent != 1 || m.VariantWords != 12 || m.Added != 0 {
		t.Errorf("Sweden's totals: %d merged, %d absent, %d words, %d added; want 1, 1, 12, 0", m.Merged, m.Absent, m.VariantWords, m.Added)
	}

	// A chain of deleted marks, through a paragraph's further line.
	body = docxtest.Para("1. Chain") +
		docxtest.MarkChanged("del", "1", "Chair", docxtest.Run("", "20. First.")) +
		docxtest.MarkChanged("del", "2", "Chair", docxtest.Run("", "21. Second, as follows:")) +
		docxtest.Para("further line") +
		docxtest.MarkChanged("del", "3", "Chair", docxtest.Run("", "22. Third.")) +
		docxtest.Para("23. Fourth.")
	doc = parseDocxOK(t, "chain.docx", docxtest.File(t, body, docxtest.Parts{}), parse.Options{Tracked: true})
	checkDocx(t, doc, docxWant{
		variants: []string{BaseName, "Chair"},
		sections: []string{"1 Chain"},
		paragraphs: [][]string{
			{"20", "First.", "First. Second, as follows: further line"},
			{"21", "Second, as follows:\nfurther line", ""},
			{"22", "Third.", "Third. Fourth."},
			{"23", "Fourth.", ""},
		},
	})
	wantJoins = []Join{{Variant: 1, Paragraphs: []string{"20", "21"}}, {Variant: 1, Paragraphs: []string{"22", "23"}}}
	if !reflect.DeepEqual(doc.Joins, wantJoins) {
		t.Errorf("joins %+v, want %+v", doc.Joins, wantJoins)
	}
}

// TestDocxTableNotCompilation: a Word document of numbered prose with a
// table that is no compilation (a 2x2 table of sponsors, the like of which
// was refused with "empty variant name in column 2") reads as running
// text, the table's cells in place, saying so; a compilation keeps its own
// errors.
func TestDocxTableNotCompilation(t *testing.T) {
	sponsors := docxtest.Table([][]string{{"Sponsors", ""}, {"Brazil", "Sweden"}})
	data := docxtest.File(t, docxtest.Para("1. Internet governance")+docxtest.Para("39. We reaffirm the principles.")+sponsors+docxtest.Para("40. We welcome the report."), docxtest.Parts{})
	doc, err := parse.Parse("resolution.docx", data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Variants) != 1 || len(doc.Paragraphs) != 2 || !strings.Contains(doc.Note, "read as running text") || !strings.Contains(doc.Note, "empty variant name in column 2") {
		t.Fatalf("variants %q, %d paragraphs, note %q", doc.Variants, len(doc.Paragraphs), doc.Note)
	}
	if !strings.Contains(doc.Paragraphs[0].Texts[0], "Brazil") {
		t.Errorf("the table's cells are not in paragraph 39's text: %q", doc.Paragraphs[0].Texts[0])
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Summary(), "read as running text, its tables' cells as text") {
		t.Errorf("summary without the note:\n%s", r.Summary())
	}

	// A table alone is a paragraph of text, its rows its lines.
	alone, err := parse.Parse("table.docx", docxtest.File(t, sponsors, docxtest.Parts{}), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(alone.Paragraphs) != 1 || alone.Paragraphs[0].Texts[0] != "Sponsors\nBrazil | Sweden" || alone.Note == "" {
		t.Errorf("table alone: %+v, note %q", alone.Paragraphs, alone.Note)
	}

	// A compilation (a row starting with a number) with a cell numbered
	// wrong keeps its error.
	bad := docxtest.Table([][]string{{"Base", "North"}, {"1.\nIntro", ""}, {"39. We agree.", "40.\nWe agree."}})
	if _, err := parse.Parse("bad.docx", docxtest.File(t, bad, docxtest.Parts{}), parse.Options{}); err == nil || strings.Contains(err.Error(), "running text") {
		t.Errorf("compilation with a misnumbered cell: err = %v, want its own error", err)
	}
}

// TestDocumentUnit: a document says what the lines of its paragraphs
// count, so that a page sends a reader to the right place: a text file's
// lines, a Word table's rows, a Word document's paragraphs, the lines of
// a PDF's text layer.
func TestDocumentUnit(t *testing.T) {
	for _, c := range []struct {
		file    string
		tracked bool
		want    string
	}{
		{sourceDoc, false, ""},
		{"../testdata/analysis/docx/sample-table.docx", false, parse.UnitTableRow},
		{"../testdata/analysis/docx/sample-tracked.docx", true, parse.UnitParagraph},
		{"../testdata/analysis/docx/numbering-29.docx", false, parse.UnitParagraph},
		{"../testdata/analysis/pdf/draft.pdf", false, parse.UnitTextLine},
	} {
		doc, err := parse.Parse(c.file, mustRead(t, c.file), parse.Options{Tracked: c.tracked})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Unit != c.want {
			t.Errorf("%s: unit %q, want %q", c.file, doc.Unit, c.want)
		}
	}
	if got := parse.Where(parse.UnitTableRow, 12); got != "table row 12" {
		t.Errorf("Where = %q", got)
	}
}

// TestDocxSampleTable checks that the sample as a Word table gives the
// golden files' figures: the paragraphs, sections, themes and uptake
// tables are those of the dump byte for byte, the document name apart.
func TestDocxSampleTable(t *testing.T) {
	data := docxtest.Fixture(t, "sample-table.docx")
	if !bytes.Equal(data, docxtest.Fixture(t, "sample-table.docx")) {
		t.Error("sample-table.docx differs from what its generator writes: run with -docx-generate")
	}
	doc := parseDocxOK(t, "wsis-tunis-internet-governance-gc.docx", data, parse.Options{})
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	dump := analyseSource(t)
	if !reflect.DeepEqual(doc.Paragraphs, dump.Document.Paragraphs) {
		for i := range min(len(doc.Paragraphs), len(dump.Document.Paragraphs)) {
			if !reflect.DeepEqual(doc.Paragraphs[i].Texts, dump.Document.Paragraphs[i].Texts) {
				t.Errorf("paragraph %s: texts %q, dump %q", doc.Paragraphs[i].ID, doc.Paragraphs[i].Texts, dump.Document.Paragraphs[i].Texts)
				break
			}
		}
	}
	for _, name := range []string{"paragraphs", "sections", "themes", "uptake"} {
		var got bytes.Buffer
		if err := WriteTableCSV(&got, r, name, Filter{}); err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "testdata", "analysis", "golden", name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("table %s of the .docx differs from the golden file of the dump", name)
		}
	}
}

// TestDocxSampleTracked checks the sample as running text with the Gender
// Caucus's proposals as tracked changes: variant "Gender Caucus" has the
// text, word counts and theme hits of the dump's "GC Proposed Text" in
// every paragraph where the column has text, and the paragraphs the column
// leaves empty are unchanged instead of absent.
func TestDocxSampleTracked(t *testing.T) {
	data := docxtest.Fixture(t, "sample-tracked.docx")
	if !bytes.Equal(data, docxtest.Fixture(t, "sample-tracked.docx")) {
		t.Error("sample-tracked.docx differs from what its generator writes: run with -docx-generate")
	}
	doc := parseDocxOK(t, "sample-tracked.docx", data, parse.Options{})
	if want := []string{BaseName, "Gender Caucus"}; !reflect.DeepEqual(doc.Variants, want) {
		t.Fatalf("variants %q, want %q", doc.Variants, want)
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	dump := analyseSource(t)
	at := map[string]int{}
	for p, para := range r.Document.Paragraphs {
		at[para.ID] = p
	}
	var unchanged []string
	compared := 0
	for dp, dpara := range dump.Document.Paragraphs {
		want := dump.Comparison(dp, 1)
		p, ok := at[dpara.ID]
		if !ok {
			if dpara.Texts[0] != "" || dpara.Texts[1] != "" {
				t.Errorf("paragraph %s missing from the .docx", dpara.ID)
			}
			continue
		}
		got := r.Comparison(p, 1)
		if r.Document.Paragraphs[p].Section != dpara.Section {
			t.Errorf("paragraph %s in section %s, dump %s", dpara.ID, r.Document.Paragraphs[p].Section, dpara.Section)
		}
		if want.Status == StatusAbsent {
			if got.Status != StatusUnchanged || r.Document.Paragraphs[p].Texts[1] != dpara.Texts[0] {
				t.Errorf("paragraph %s: status %s, want unchanged with the base text", dpara.ID, got.Status)
			}
			continue
		}
		compared++
		if text := r.Document.Paragraphs[p].Texts[1]; text != dpara.Texts[1] {
			t.Errorf("paragraph %s: text %q, dump %q", dpara.ID, text, dpara.Texts[1])
		}
		if got.Status != want.Status || got.BaseWords != want.BaseWords || got.VariantWords != want.VariantWords ||
			got.Added != want.Added || got.Deleted != want.Deleted {
			t.Errorf("paragraph %s: %s %d/%d +%d -%d, dump %s %d/%d +%d -%d", dpara.ID,
				got.Status, got.BaseWords, got.VariantWords, got.Added, got.Deleted,
				want.Status, want.BaseWords, want.VariantWords, want.Added, want.Deleted)
		}
		if !reflect.DeepEqual(got.Hits, want.Hits) {
			t.Errorf("paragraph %s: hits %v, dump %v", dpara.ID, got.Hits, want.Hits)
		}
	}
	// 54 and 55 are unchanged in the dump too; the others are absent there.
	unchanged = paragraphsWith(r, 1, func(c *Comparison) bool { return c.Status == StatusUnchanged })
	if want := []string{"40", "41", "42", "47", "48", "54", "55", "62"}; !reflect.DeepEqual(unchanged, want) {
		t.Errorf("unchanged: %q, want %q", unchanged, want)
	}
	if compared < 20 {
		t.Errorf("only %d paragraphs compared", compared)
	}
}

// TestDocxTrackedOutcome checks the outcome tracked changes imply: none
// between several authors, "All changes accepted" with -outcome accept-all.
func TestDocxTrackedOutcome(t *testing.T) {
	data := docxtest.Fixture(t, "tracked-two-authors.docx")
	for _, tc := range []struct {
		outcome string
		want    int
	}{{"", 0}, {parse.AcceptAll, 3}} {
		doc := parseDocxOK(t, "t.docx", data, parse.Options{Outcome: tc.outcome})
		r, err := Analyse(doc, DefaultDictionary(), Options{Outcome: tc.outcome})
		if err != nil {
			t.Fatal(err)
		}
		if r.Outcome != tc.want {
			t.Errorf("outcome %q: variant %d, want %d", tc.outcome, r.Outcome, tc.want)
		}
	}
}

func TestBracketedWords(t *testing.T) {
	tok := NewTokenizer()
	for _, tc := range []struct {
		text string
		want int
	}{
		{"no brackets here", 0},
		{"We recognise the [central and gender-responsive] role of ICTs [for all].", 5},
		{"[[nested] words] out", 2},
		{"stray ] bracket [open to the end", 4},
		{"[ ] empty", 0},
		{"", 0},
	} {
		if got := bracketedWords(tc.text, tok.Tokenize(tc.text)); got != tc.want {
			t.Errorf("BracketedWords(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// TestDocxBracketsCounted checks bracketed_words of the brackets fixture,
// whose brackets are split across runs and formatting, in the paragraphs
// table.
func TestDocxBracketsCounted(t *testing.T) {
	doc := parseDocxOK(t, "brackets.docx", docxtest.Fixture(t, "brackets.docx"), parse.Options{})
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteTableCSV(&buf, r, "paragraphs", Filter{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if !strings.HasPrefix(lines[0], "document,section,paragraph,order,variant,status,base_words,variant_words,added_words,deleted_words,change_ratio,spans,bracketed_words,hidden_chars,added_") {
		t.Errorf("header %q: want bracketed_words right after spans", lines[0])
	}
	want := map[string]int{"30/Proposal": 5, "30/Outcome": 1, "31/Proposal": 0, "31/Outcome": 0}
	for _, l := range lines[1:] {
		if l == "" {
			continue
		}
		f := strings.Split(l, ",")
		key := f[2] + "/" + f[4]
		if w, ok := want[key]; !ok || f[12] != parse.FormatCount(int64(w)) {
			t.Errorf("row %q: bracketed_words %s, want %d", key, f[12], w)
		}
		delete(want, key)
	}
	if len(want) > 0 {
		t.Errorf("rows missing: %v", want)
	}
}

// TestAcceptAllWithoutTrackedChanges checks that -outcome accept-all leaves
// a document without tracked changes its default outcome, and the authors
// of tracked changes read without the accepted variant proposals.
func TestAcceptAllWithoutTrackedChanges(t *testing.T) {
	for _, tc := range []struct {
		file string
		want int
	}{{"brackets.docx", 2}, {"tracked-two-authors.docx", 0}} {
		doc := parseDocxOK(t, tc.file, docxtest.Fixture(t, tc.file), parse.Options{})
		r, err := Analyse(doc, DefaultDictionary(), Options{Outcome: parse.AcceptAll})
		if err != nil {
			t.Fatal(err)
		}
		if r.Outcome != tc.want {
			t.Errorf("%s: outcome %d, want %d", tc.file, r.Outcome, tc.want)
		}
	}
}

// TestAcceptAllOutcomeComplete checks that "All changes accepted" is a
// whole text: an insertion in a paragraph it deleted is not_adopted, not
// pending; with the column chosen by name it stays pending, as for any
// other outcome column.
func TestAcceptAllOutcomeComplete(t *testing.T) {
	doc := &Document{
		Name:     "accepted",
		Source:   "accepted.docx",
		Variants: []string{BaseName, "Brazil", parse.AcceptedName},
		Sections: []Section{{ID: "1", Title: "Marks", Line: 1}},
		Paragraphs: []Paragraph{
			{ID: "10", Section: "1", Line: 2, Texts: []string{"We act now.", "We act now for women.", ""}},
			{ID: "11", Section: "1", Line: 3, Texts: []string{"We close.", "We close.", "We close."}},
		},
	}
	for _, tc := range []struct {
		outcome string
		want    Verdict
	}{{parse.AcceptAll, VerdictNotAdopted}, {parse.AcceptedName, VerdictPending}} {
		r, err := Analyse(doc, DefaultDictionary(), Options{Outcome: tc.outcome})
		if err != nil {
			t.Fatal(err)
		}
		if r.Outcome != 2 || len(r.SpanUptake) != 1 {
			t.Fatalf("outcome %q: outcome variant %d, %d insertions judged, want 2 and 1", tc.outcome, r.Outcome, len(r.SpanUptake))
		}
		if got := r.SpanUptake[0].Verdict; got != tc.want {
			t.Errorf("outcome %q: Brazil's insertion in a paragraph the outcome deleted is %s, want %s", tc.outcome, got, tc.want)
		}
	}
}

// TestLegacyEncodings: text saved as Windows-1252 (Word's plain text on
// Windows) and as UTF-16 with its byte order mark reads as the same text
// in UTF-8, saying which encoding it was read in; in every text format.
func TestLegacyEncodings(t *testing.T) {
	text := "1. Société civile\n\n1. Nous réaffirmons l’égalité des femmes.\n"
	dump := "\t1.\nSociété civile\n\tProposition\n\t1. Nous réaffirmons.\n\t1. Nous réaffirmons l’égalité.\n"
	csv := "section,paragraph,variant,text\n1,1,Base,Société civile.\n1,1,Proposition,Société civile égale.\n"
	cp1252 := func(s string) []byte {
		r := strings.NewReplacer("é", "\xe9", "’", "\x92")
		return []byte(r.Replace(s))
	}
	for _, c := range []struct {
		name, source string
		data         []byte
		encoding     string
	}{
		{"text, Windows-1252", text, cp1252(text), parse.EncodingCP1252},
		{"text, UTF-16", text, utf16LE(text), parse.EncodingUTF16},
		{"table dump, Windows-1252", dump, cp1252(dump), parse.EncodingCP1252},
		{"CSV, UTF-16", csv, utf16LE(csv), parse.EncodingUTF16},
		{"text, UTF-8", text, []byte(text), ""},
	} {
		want, err := parse.Parse("f.txt", []byte(c.source), parse.Options{})
		if err != nil {
			t.Fatalf("%s: the UTF-8 source: %v", c.name, err)
		}
		got, err := parse.Parse("f.txt", c.data, parse.Options{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got.Encoding != c.encoding {
			t.Errorf("%s: read as %q, want %q", c.name, got.Encoding, c.encoding)
		}
		if docNames(got) != docNames(want) {
			t.Errorf("%s:\n%s\nwant\n%s", c.name, docNames(got), docNames(want))
		}
	}
	r, err := Analyse(mustParse(t, "f.txt", cp1252(dump)), DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Summary(); !strings.Contains(s, "read as Windows-1252, not UTF-8") {
		t.Errorf("summary does not say the encoding:\n%s", s)
	}
}

func TestDefaultLimits(t *testing.T) {
	got := parse.DefaultLimits()
	want := parse.Limits{MaxFileBytes: 64 << 20, MaxCellBytes: 1 << 20, MaxParagraphs: 200_000, MaxVariants: 64}
	if got != want {
		t.Errorf("DefaultLimits() = %+v, want %+v", got, want)
	}
	if (parse.Limits{}).OrDefault() != want {
		t.Errorf("zero Limits do not take the defaults: %+v", (parse.Limits{}).OrDefault())
	}
	part := parse.Limits{MaxCellBytes: 10}.OrDefault()
	if part.MaxCellBytes != 10 || part.MaxVariants != 64 {
		t.Errorf("Limits{MaxCellBytes: 10} became %+v", part)
	}
}

// TestPDF reads PDFs that LibreOffice made from running-text files (see
// testdata/analysis/pdf/README.md) and holds each equal to its text file
// read as text: the same paragraph numbers and sections, in order, and at
// least 99% of the words; the summary says the text came from a PDF. A
// PDF without a text layer is refused saying so.
func TestPDF(t *testing.T) {
	tok := NewTokenizer()
	for _, tc := range []struct{ pdf, txt string }{
		{"draft.pdf", "../testdata/chain/draft.txt"},
		{"wsis-gc-proposal.pdf", "../testdata/wsis-gc-proposal.txt"},
	} {
		pdfData, err := os.ReadFile(filepath.Join("..", "testdata", "analysis", "pdf", tc.pdf))
		if err != nil {
			t.Fatal(err)
		}
		txtData, err := os.ReadFile(tc.txt)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parse.Parse(tc.pdf, pdfData, parse.Options{})
		if err != nil {
			t.Fatalf("%s: %v", tc.pdf, err)
		}
		want, err := parse.Parse(filepath.Base(tc.txt), txtData, parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ids := func(d *Document) (ps, ss []string) {
			for _, p := range d.Paragraphs {
				ps = append(ps, p.Section+"/"+p.ID)
			}
			for _, s := range d.Sections {
				ss = append(ss, s.ID+" "+s.Title)
			}
			return ps, ss
		}
		gp, gs := ids(got)
		wp, ws := ids(want)
		if !slices.Equal(gp, wp) || !slices.Equal(gs, ws) {
			t.Errorf("%s: paragraphs %v in sections %v, want %v in %v", tc.pdf, gp, gs, wp, ws)
		}
		var gt, wt []Token
		for _, p := range got.Paragraphs {
			gt = append(gt, tok.Tokenize(p.Texts[0])...)
		}
		for _, p := range want.Paragraphs {
			wt = append(wt, tok.Tokenize(p.Texts[0])...)
		}
		total, differ := CountWords(wt), 0
		for _, sp := range Diff(wt, gt) {
			differ += max(sp.Added, sp.Deleted)
		}
		if share := 1 - float64(differ)/float64(total); share < 0.99 {
			t.Errorf("%s: %.2f%% of the %d words as in the text file, want 99%% at least", tc.pdf, 100*share, total)
		} else {
			t.Logf("%s: %d of %d words as in the text file", tc.pdf, total-differ, total)
		}
		if !strings.HasPrefix(got.Note, "read from the text layer of a PDF of ") {
			t.Errorf("%s: note %q", tc.pdf, got.Note)
		}
	}
	data, err := os.ReadFile(filepath.Join("..", "testdata", "analysis", "pdf", "no-text.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = parse.Parse("scan.pdf", data, parse.Options{})
	var pe *parse.ParseError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "scan.pdf:1: a PDF without a text layer") || !strings.Contains(err.Error(), "OCR") {
		t.Errorf("a PDF without text: %v", err)
	}
	if _, err := parse.Parse("broken.pdf", []byte("%PDF-1.4\nnot a pdf at all"), parse.Options{}); !errors.As(err, &pe) || !strings.Contains(err.Error(), "a PDF that does not read") {
		t.Errorf("a broken PDF: %v", err)
	}
}

// FuzzParsePDF reads mutated PDFs: a PDF reads, or is refused with an
// error naming the file, never a crash; what reads analyses and
// validates.
func FuzzParsePDF(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "analysis", "pdf", "*.pdf"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no PDF seeds in testdata/analysis/pdf (%v)", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !strings.HasPrefix(string(data), "%PDF-") {
			return
		}
		doc, err := parse.Parse("f.pdf", data, parse.Options{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.pdf") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		r, err := Analyse(doc, DefaultDictionary(), Options{})
		if err != nil {
			t.Fatalf("a PDF read into a document that does not analyse: %v", err)
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("a PDF read into a document that does not validate: %v", err)
		}
	})
}

func FuzzParse(f *testing.F) {
	var files []string
	for _, pattern := range []string{"*.txt", "*.csv"} {
		found, err := filepath.Glob(filepath.Join("..", "testdata", "analysis", pattern))
		if err != nil {
			f.Fatal(err)
		}
		files = append(files, found...)
	}
	// The small documents cover every structure of the source document,
	// whose size would slow the minimising of new inputs down.
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// Names, IDs and titles with hidden format characters.
	f.Add([]byte("\t\u200F1.\nIntro\u202Eductio\uFEFFn\n\tNo\u200Frth\n\t\u202E\n\t3\uFEFF9.\u200F We agree.\n\t\u200F\n\tx\n"))
	f.Add([]byte("section,paragraph,variant,text,section_title\n\u200F1,3\u202E9,\uFEFFBase,x,T\u200Fitle\n1,39,\u200F,y,\n"))
	dict := DefaultDictionary()
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := parse.Parse("fuzz.txt", data, parse.Options{})
		if err != nil {
			var pe *parse.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.txt" || pe.Line < 1 || pe.Msg == "" {
				t.Fatalf("error %v (%T) is not a located *ParseError", err, err)
			}
			if doc != nil {
				t.Fatal("both a document and an error")
			}
			return
		}
		checkParsed(t, doc, dict)
	})
}

// TestParseTextProposal reads the sample's Gender Caucus column written out
// as a document of its own, renumbered from 1.
func TestParseTextProposal(t *testing.T) {
	data, err := os.ReadFile("../testdata/wsis-gc-proposal.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Parse("testdata/wsis-gc-proposal.txt", data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Name != "wsis-gc-proposal" || len(doc.Paragraphs) != 26 {
		t.Fatalf("document %s with %d paragraphs, want wsis-gc-proposal with 26", doc.Name, len(doc.Paragraphs))
	}
	for i, p := range doc.Paragraphs {
		if want := itoa(i + 1); p.ID != want {
			t.Errorf("paragraph %d: ID %s, want %s", i, p.ID, want)
		}
	}
	// Paragraph 5 (table 43) keeps its items, blank lines between them.
	if p := doc.Paragraphs[4]; !strings.HasPrefix(p.Texts[0], "We reaffirm that the management") || !strings.Contains(p.Texts[0], "\n\nb) The private sector") || p.Section != "2" {
		t.Errorf("paragraph 5: section %s, text %q", p.Section, p.Texts[0])
	}
}

func FuzzParseText(f *testing.F) {
	f.Add([]byte("1. Intro\n\n29. Text.\n\na) item\n\n30) More\n"))
	f.Add([]byte("# Title\n\nA paragraph.\n\n## 2. Section\n\n4.\nHeading\n"))
	// A paragraph of a format character alone (U+0600), found by the fuzzer.
	f.Add([]byte("\u0600"))
	// Format characters around a space: no text once they are removed.
	f.Add([]byte("\u0600 \u0600"))
	f.Add([]byte("# \u200FIntro\n\n\u202E3\uFEFF9. Text.\n\n2.\u200F Stake\u202Eholders\n"))
	dict := DefaultDictionary()
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := parse.Parse("f.txt", data, parse.Options{})
		if err != nil {
			var pe *parse.ParseError
			if !errors.As(err, &pe) || pe.File != "f.txt" || pe.Line < 1 {
				t.Fatalf("error %v: want a *ParseError with file and line", err)
			}
			return
		}
		sections := map[string]bool{}
		for _, s := range doc.Sections {
			sections[s.ID] = true
		}
		ids := map[string]bool{}
		for _, p := range doc.Paragraphs {
			if ids[p.ID] || p.ID == "" || !sections[p.Section] || len(p.Texts) != 1 || strings.TrimSpace(p.Texts[0]) == "" {
				t.Fatalf("paragraph %+v: duplicate, without id, section or text", p)
			}
			ids[p.ID] = true
		}
		checkBaseOnly(t, doc, dict)
	})
}

// TestStatusMarksInTable: an agreed mark in a table's cell is not an
// inserted sentence: the outcome that marks the base's text agreed is
// unchanged.
func TestStatusMarksInTable(t *testing.T) {
	dump := "\t1.\nIntroduction\n\tProposal\n\tOutcome\n" +
		"\t12.\nInternet governance is global.\n\tInternet governance is global and open.\n\tInternet governance is global. (Agreed)\n"
	doc, err := parse.Parse("t.txt", []byte(dump), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := r.Comparison(0, 2)
	if c.Status != StatusUnchanged || !doc.Paragraphs[0].IsAgreed(2) || doc.Paragraphs[0].IsAgreed(0) {
		t.Errorf("outcome %s, agreed %v; want unchanged and marked agreed", c.Status, doc.Paragraphs[0].Agreed)
	}
	if f := r.StageFigures[1]; f.Agreed != 1 || f.Added != 0 {
		t.Errorf("outcome stage %+v, want 1 agreed paragraph, no word added", f)
	}
}

// utf16LE returns s in UTF-16, little-endian, after its byte order mark:
// Word's and Notepad's "Unicode" text.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return out
}

// mustParse parses data read from file.
func mustParse(t *testing.T, file string, data []byte) *parse.Document {
	t.Helper()
	doc, err := parse.Parse(file, data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
