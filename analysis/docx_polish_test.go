package analysis

import (
	"reflect"
	"strings"
	"testing"
)

// hiddenStyles are a hidden character style, one based on it turning it
// "off", a hidden paragraph style and one based on it.
const hiddenStyles = `<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="Shown"><w:name w:val="Shown"/><w:basedOn w:val="Secret"/><w:rPr><w:vanish w:val="off"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="HiddenPara"><w:name w:val="Hidden paragraph"/><w:rPr><w:vanish w:val="1"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="HiddenChild"><w:name w:val="Hidden child"/><w:basedOn w:val="HiddenPara"/></w:style>`

// TestDocxHiddenText checks that hidden text (w:vanish, w:specVanish, set
// directly, by a character style or by a paragraph style through basedOn,
// undone by w:val="0", "false" and "off") is in no variant's text, in a
// table and in tracked running text, and that an author whose only change
// is hidden is no variant.
func TestDocxHiddenText(t *testing.T) {
	p := func(pPr string, runs ...string) string {
		out := "<w:p><w:pPr>" + pPr + "</w:pPr>"
		for _, r := range runs {
			out += r
		}
		return out + "</w:p>"
	}
	table := tableOf(3,
		headerRow(),
		[]string{cellXML("", para("1. Hidden")), cellXML("", ""), cellXML("", "")},
		[]string{cellXML("", para("20.\nWe will enhance cooperation.")),
			cellXML("", p("", run("", "We will "), run("<w:vanish/>", "secretly "), run(`<w:rStyle w:val="Secret"/>`, "quietly "), run("", "enhance cooperation"), run("<w:specVanish/>", " now"), run("", "."))),
			cellXML("", p(`<w:pStyle w:val="HiddenChild"/>`, run("", "a hidden line "), run(`<w:vanish w:val="0"/>`, "We will "), run(`<w:rStyle w:val="Shown"/>`, "enhance "), run(`<w:vanish w:val="false"/>`, "cooperation.")))},
	)
	checkDocx(t, parseDocxOK(t, "hidden.docx", docxFile(t, table, docxParts{styles: hiddenStyles}), ParseOptions{}), docxWant{
		variants:   []string{BaseName, "Proposal", "Outcome"},
		sections:   []string{"1 Hidden"},
		paragraphs: [][]string{{"20", "We will enhance cooperation.", "We will enhance cooperation.", "We will enhance cooperation."}},
	})

	// Tracked running text: Ghost's only change is hidden.
	body := para("1. Hidden") +
		p("", run("", "2. We act"), `<w:ins w:id="1" w:author="Ghost" w:date="2025-01-01T00:00:00Z"><w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> unseen</w:t></w:r></w:ins>`,
			insRun("2", "Chair", " now"), run(`<w:rStyle w:val="Secret"/>`, " hidden words"), run("", ".")) +
		p(`<w:pStyle w:val="HiddenPara"/>`, run("", "3. A hidden paragraph.")) +
		p("", run("", "4. We note."))
	checkDocx(t, parseDocxOK(t, "hidden.docx", docxFile(t, body, docxParts{styles: hiddenStyles}), ParseOptions{Tracked: true}), docxWant{
		variants:   []string{BaseName, "Chair"},
		sections:   []string{"1 Hidden"},
		paragraphs: [][]string{{"2", "We act.", "We act now."}, {"4", "We note.", "We note."}},
	})
}

// markChanged is a paragraph whose mark kind ("ins" or "del") is a tracked
// change by author, holding runs.
func markChanged(kind, id, author string, runs ...string) string {
	out := `<w:p><w:pPr><w:rPr><w:` + kind + ` w:id="` + id + `" w:author="` + author + `" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>`
	for _, r := range runs {
		out += r
	}
	return out + "</w:p>"
}

// TestDocxTrackedParagraphMarks checks what tracked paragraph marks do to
// rows: a deleted mark merges the next numbered paragraph into the one
// before it for its author (StatusMerged, its words counted once), an
// inserted mark splits a base paragraph into two parts of that paragraph's
// row, and a paragraph deleted whole, mark included, is absent for its
// author and merges nothing.
func TestDocxTrackedParagraphMarks(t *testing.T) {
	body := para("1. Marks") +
		markChanged("del", "1", "Sweden", run("", "10. We act.")) +
		para("11. We note the report.") +
		markChanged("ins", "2", "Brazil", run("", "12. We welcome")) +
		para("the plan.") +
		markChanged("del", "3", "Sweden", delRun("4", "Sweden", "13. We decide to meet.")) +
		para("14. We close.")
	doc := parseDocxOK(t, "marks.docx", docxFile(t, body, docxParts{}), ParseOptions{Tracked: true, Outcome: AcceptAll})
	checkDocx(t, doc, docxWant{
		variants: []string{BaseName, "Sweden", "Brazil", AcceptedName},
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
	body = para("1. Chain") +
		markChanged("del", "1", "Chair", run("", "20. First.")) +
		markChanged("del", "2", "Chair", run("", "21. Second, as follows:")) +
		para("further line") +
		markChanged("del", "3", "Chair", run("", "22. Third.")) +
		para("23. Fourth.")
	doc = parseDocxOK(t, "chain.docx", docxFile(t, body, docxParts{}), ParseOptions{Tracked: true})
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

// TestDocxTrackedMarksNumbered checks inserted paragraph marks between
// automatically numbered paragraphs: the number Word shows for the base
// paragraph (that of its last mark) starts its first part, whether the
// mark splits the base paragraph or ends it before a paragraph inserted
// whole (as pressing Enter at its end does).
func TestDocxTrackedMarksNumbered(t *testing.T) {
	numbered := func(runs ...string) string {
		out := `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>`
		for _, r := range runs {
			out += r
		}
		return out + "</w:p>"
	}
	insMark := func(runs ...string) string {
		out := `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:ins w:id="9" w:author="Kenya" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>`
		for _, r := range runs {
			out += r
		}
		return out + "</w:p>"
	}
	body := para("1. Marks") +
		numbered(run("", "We act.")) +
		insMark(run("", "We welcome")) + // split by Kenya
		numbered(run("", "the plan.")) +
		insMark(run("", "We note.")) + // Enter at its end, then a new paragraph
		numbered(insRun("1", "Kenya", "We add this.")) +
		numbered(run("", "We close."))
	doc := parseDocxOK(t, "numbered.docx", docxFile(t, body, docxParts{numbering: numbering29}), ParseOptions{Tracked: true})
	checkDocx(t, doc, docxWant{
		variants: []string{BaseName, "Kenya"},
		sections: []string{"1 Marks"},
		paragraphs: [][]string{
			{"29", "We act.", "We act."},
			{"30", "We welcome the plan.", "We welcome\nthe plan."},
			{"31", "We note.", "We note."},
			{"31bis", "", "We add this."},
			{"32", "We close.", "We close."},
		},
	})
}

// TestDocxTableNotCompilation: a Word document of numbered prose with a
// table that is no compilation (a 2x2 table of sponsors, the like of which
// was refused with "empty variant name in column 2") reads as running
// text, the table's cells in place, saying so; a compilation keeps its own
// errors.
func TestDocxTableNotCompilation(t *testing.T) {
	sponsors := tableXML([][]string{{"Sponsors", ""}, {"Brazil", "Sweden"}})
	data := docxFile(t, para("1. Internet governance")+para("39. We reaffirm the principles.")+sponsors+para("40. We welcome the report."), docxParts{})
	doc, err := ParseDocx("resolution.docx", data, ParseOptions{})
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
	alone, err := ParseDocx("table.docx", docxFile(t, sponsors, docxParts{}), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(alone.Paragraphs) != 1 || alone.Paragraphs[0].Texts[0] != "Sponsors\nBrazil | Sweden" || alone.Note == "" {
		t.Errorf("table alone: %+v, note %q", alone.Paragraphs, alone.Note)
	}

	// A compilation (a row starting with a number) with a cell numbered
	// wrong keeps its error.
	bad := tableXML([][]string{{"Base", "North"}, {"1.\nIntro", ""}, {"39. We agree.", "40.\nWe agree."}})
	if _, err := ParseDocx("bad.docx", docxFile(t, bad, docxParts{}), ParseOptions{}); err == nil || strings.Contains(err.Error(), "running text") {
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
		{"../testdata/analysis/docx/sample-table.docx", false, UnitTableRow},
		{"../testdata/analysis/docx/sample-tracked.docx", true, UnitParagraph},
		{"../testdata/analysis/docx/numbering-29.docx", false, UnitParagraph},
		{"../testdata/analysis/pdf/draft.pdf", false, UnitTextLine},
	} {
		doc, err := ParseWith(c.file, mustRead(t, c.file), ParseOptions{Tracked: c.tracked})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Unit != c.want {
			t.Errorf("%s: unit %q, want %q", c.file, doc.Unit, c.want)
		}
	}
	if got := Where(UnitTableRow, 12); got != "table row 12" {
		t.Errorf("Where = %q", got)
	}
}
