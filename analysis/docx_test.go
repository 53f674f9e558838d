package analysis

import (
	"archive/zip"
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"amendlens/docx"
	"amendlens/docx/docxtest"
	"amendlens/parse"
)

// parseDocxOK parses data as file, failing the test on error.
func parseDocxOK(t testing.TB, file string, data []byte, opts parse.Options) *Document {
	t.Helper()
	doc, err := parse.Parse(file, data, opts)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// docxWant is what a fixture must parse to: its variants, sections ("ID
// title") and paragraphs ("ID" then its texts).
type docxWant struct {
	variants   []string
	sections   []string
	paragraphs [][]string
	outcome    string
}

// checkDocx compares doc with want.
func checkDocx(t *testing.T, doc *Document, want docxWant) {
	t.Helper()
	if !reflect.DeepEqual(doc.Variants, want.variants) {
		t.Errorf("variants %q, want %q", doc.Variants, want.variants)
	}
	if doc.Outcome != want.outcome {
		t.Errorf("outcome %q, want %q", doc.Outcome, want.outcome)
	}
	var sections []string
	for _, s := range doc.Sections {
		sections = append(sections, s.ID+" "+s.Title)
	}
	if !reflect.DeepEqual(sections, want.sections) {
		t.Errorf("sections %q, want %q", sections, want.sections)
	}
	var paras [][]string
	for _, p := range doc.Paragraphs {
		paras = append(paras, append([]string{p.ID}, p.Texts...))
	}
	if !reflect.DeepEqual(paras, want.paragraphs) {
		t.Errorf("paragraphs\n%q\nwant\n%q", paras, want.paragraphs)
	}
}

func TestDocxFixtures(t *testing.T) {
	tri := []string{BaseName, "Proposal", "Outcome"}
	for _, tc := range []struct {
		file string
		opts parse.Options
		want docxWant
	}{
		{"merged-cells.docx", parse.Options{}, docxWant{
			variants: tri,
			sections: []string{"1 Access", "2 Capacity"},
			paragraphs: [][]string{
				{"10", "We commit to access for all.", "We commit to affordable access for all women and men.", "We commit to affordable access for all."},
				// The outcome's merged cell covers 11 too: its text is
				// not repeated.
				{"11", "We note progress.", "We note uneven progress.", ""},
				// A nested table's text belongs to its cell.
				{"12", "We support training.", "nested left\nnested right", "We support training."},
				// w:gridBefore keeps the columns in place.
				{"12bis", "", "We support gender-responsive training.", ""},
			}}},
		{"strike.docx", parse.Options{}, docxWant{
			variants: tri,
			sections: []string{"1 Strikethrough"},
			paragraphs: [][]string{
				// Direct w:strike; underline changes no text.
				{"20", "We will enhance cooperation.", "We will  strengthen cooperation.", "We will strengthen cooperation."},
				// A struck character style; w:dstrike, and w:val="0".
				{"21", "We note the role of all stakeholders.", "We welcome the role of all stakeholders.", "We note the role of all stakeholders."},
				// A paragraph style based on a struck one; w:val="false"
				// and a character style turning the strike "off".
				{"22", "We invite governments to act.", "We invite governments and women to act.", "We invite governments to act."},
			}}},
		{"brackets.docx", parse.Options{}, docxWant{
			variants: tri,
			sections: []string{"1 Brackets"},
			paragraphs: [][]string{
				{"30", "We recognise the role of ICTs.", "We recognise the [central and gender-responsive] role of ICTs [for all].", "We recognise the [central] role of ICTs."},
				{"31", "We act.", "We act now.", ""},
			}}},
		{"tracked-two-authors.docx", parse.Options{}, docxWant{
			variants: []string{BaseName, "Sweden", "Brazil"},
			outcome:  NoOutcome,
			sections: []string{"1 Principles"},
			paragraphs: [][]string{
				{"1", "We affirm that human rights apply online and offline.", "We affirm that gender equality and human rights apply online and offline.", "We affirm that human rights apply online."},
				// Inserted whole by Sweden, after paragraph 1.
				{"1bis", "", "We call for the empowerment of women and girls through ICTs.", ""},
				// Brazil's move: from 2 to 3.
				{"2", "We support capacity building. Developing countries need support.", "We support capacity building. Developing countries need support.", "We support capacity building."},
				{"3", "We encourage investment in infrastructure.", "We encourage investment in infrastructure.", "We encourage investment in infrastructure. Developing countries need support."},
				// A formatting change only.
				{"4", "We note the report.", "We note the report.", "We note the report."},
				{"5", "We request Member States to act.", "We urge Member States to act.", "We request all Member States to act."},
			}}},
		{"tracked-two-authors.docx", parse.Options{Outcome: parse.AcceptAll}, docxWant{
			variants: []string{BaseName, "Sweden", "Brazil", parse.AcceptedName},
			sections: []string{"1 Principles"},
			paragraphs: [][]string{
				{"1", "We affirm that human rights apply online and offline.", "We affirm that gender equality and human rights apply online and offline.", "We affirm that human rights apply online.", "We affirm that gender equality and human rights apply online."},
				{"1bis", "", "We call for the empowerment of women and girls through ICTs.", "", "We call for the empowerment of women and girls through ICTs."},
				{"2", "We support capacity building. Developing countries need support.", "We support capacity building. Developing countries need support.", "We support capacity building.", "We support capacity building."},
				{"3", "We encourage investment in infrastructure.", "We encourage investment in infrastructure.", "We encourage investment in infrastructure. Developing countries need support.", "We encourage investment in infrastructure. Developing countries need support."},
				{"4", "We note the report.", "We note the report.", "We note the report.", "We note the report."},
				{"5", "We request Member States to act.", "We urge Member States to act.", "We request all Member States to act.", "We urge all Member States to act."},
			}}},
		{"numbering-29.docx", parse.Options{}, docxWant{
			variants: []string{BaseName},
			// Read as running text files are: the title is a heading, the
			// paragraphs after a numbered one are its own, a blank line
			// apart.
			sections: []string{"s1 Chapter three", "3 Internet governance", "3a Infrastructure"},
			paragraphs: [][]string{
				{"29", "We reaffirm the principles of the Geneva phase."},
				{"30", "We recognise that:\n\na) governments have a role;\n\nb) the private sector has a role.\n\na bulleted remark of paragraph 30."},
				// Numbered through a paragraph style linked to the list.
				{"31", "We support infrastructure."},
				{"32", "We call for:\n\na) investment."},
				// Through a style based on that one.
				{"33", "We note the progress."},
			}}},
		// Written by the npm package docx (gen/make-fixtures.mjs).
		{"npm-table.docx", parse.Options{}, docxWant{
			variants: []string{BaseName, "Group A", "Agreed text"},
			sections: []string{"1 Human rights"},
			paragraphs: [][]string{
				{"60", "We reaffirm human rights.", "We  uphold human rights [online and offline].", "We uphold human rights."},
				{"61", "We support privacy.", "We [strongly] support privacy.", ""},
			}}},
		// Hidden text on runs, by a character style and by a paragraph
		// style based on a hidden one.
		{"npm-hidden.docx", parse.Options{}, docxWant{
			variants: []string{BaseName, "Group A", "Agreed text"},
			sections: []string{"1 Human rights"},
			paragraphs: [][]string{
				{"60", "We reaffirm human rights.", "We reaffirm human rights.", "We reaffirm human rights."},
			}}},
		{"npm-tracked-numbered.docx", parse.Options{}, docxWant{
			variants: []string{BaseName, "Kenya", "Norway"},
			outcome:  NoOutcome,
			sections: []string{"2 Access"},
			paragraphs: [][]string{
				{"29", "We commit to universal access.", "We commit to affordable and universal access.", "We commit to universal access."},
				{"30", "We note the important role of libraries.", "We note the important role of libraries.", "We note the role of libraries."},
				{"30bis", "", "", "We call for gender-responsive access policies."},
				// Kenya's deletion is rejected in Norway's variant.
				{"31", "We invite stakeholders to act soon.", "We invite all stakeholders to act.", "We invite stakeholders to act soon now."},
			}}},
		{"alternate-content.docx", parse.Options{}, docxWant{
			variants: []string{BaseName, "Proposal"},
			sections: []string{"1 Wrappers"},
			paragraphs: [][]string{
				{"40", "We welcome the report of the Working Group on Internet governance.", "We welcome the report and its annex of the Working Group on Internet governance"},
				{"41", "Non-discrimination in multistakeholder fora\nis essential.", "Non-discrimination is essential."},
			}}},
	} {
		t.Run(tc.file+tc.opts.Outcome, func(t *testing.T) {
			data := docxtest.Fixture(t, tc.file)
			checkDocx(t, parseDocxOK(t, tc.file, data, tc.opts), tc.want)
		})
	}
}

// TestDocxLibreOffice checks that fixtures saved again by LibreOffice
// (opened, saved as .odt, saved as .docx: its own styles, run splits,
// numbering and tracked-change markup) read as the originals do.
func TestDocxLibreOffice(t *testing.T) {
	for _, name := range []string{"merged-cells", "strike", "tracked-two-authors", "numbering-29"} {
		t.Run(name, func(t *testing.T) {
			want := parseDocxOK(t, "x.docx", docxtest.Fixture(t, name+".docx"), parse.Options{})
			got := parseDocxOK(t, "x.docx", docxtest.Fixture(t, name+"-libreoffice.docx"), parse.Options{})
			if !reflect.DeepEqual(got.Paragraphs, want.Paragraphs) || !reflect.DeepEqual(got.Variants, want.Variants) || !reflect.DeepEqual(got.Sections, want.Sections) {
				t.Errorf("LibreOffice's copy reads\n%+v\nthe original\n%+v", got, want)
			}
		})
	}
}

// deflated returns the zip of one entry name holding n bytes of fill after
// prefix, with extra stored bytes of padding in a second entry.
func deflated(t testing.TB, name, prefix string, fill byte, n int, pad int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(prefix))
	chunk := bytes.Repeat([]byte{fill}, 1<<16)
	for left := n; left > 0; left -= len(chunk) {
		f.Write(chunk[:min(left, len(chunk))])
	}
	if pad > 0 {
		g, err := zw.CreateHeader(&zip.FileHeader{Name: "word/media/pad.bin", Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		g.Write(make([]byte, pad))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDocxErrors checks that bad Word documents fail with an error naming
// the file, where and what was expected.
func TestDocxErrors(t *testing.T) {
	table := func(rows ...[]string) []byte { return docxtest.File(t, docxtest.Table(rows), docxtest.Parts{}) }
	deep := strings.Repeat("<w:sdt><w:sdtContent>", 300) + docxtest.Para("1. x") + strings.Repeat("</w:sdtContent></w:sdt>", 300)
	var many [][2]string
	for i := range docx.MaxEntries + 1 {
		many = append(many, [2]string{"f" + parse.FormatCount(int64(i)), ""})
	}
	manyFiles := []string{"word/document.xml", "<w:document/>"}
	for _, f := range many {
		manyFiles = append(manyFiles, f[0], f[1])
	}
	for _, tc := range []struct {
		name string
		data []byte
		want []string
	}{
		{"doc", docxtest.Fixture(t, "brackets.doc"), []string{"doc.docx: Word document: an old binary Word document (.doc)", "soffice --headless --convert-to docx FILE"}},
		{"truncated", docxtest.Fixture(t, "truncated.docx"), []string{"truncated.docx: Word document:", "cut short"}},
		{"not word", docxtest.Zip(t, "content.xml", "<office:document/>"), []string{"without word/document.xml", "expected a Word document"}},
		{"ratio bomb", deflated(t, "word/document.xml", "<w:document "+docxtest.NS+"><w:body>", ' ', 8<<20, 0), []string{"ratio bomb.docx: word/document.xml: more XML than the limit of 64 MiB (and 100 times the file's size)"}},
		{"size bomb", deflated(t, "word/document.xml", "<w:document "+docxtest.NS+"><w:body>", ' ', 65<<20, 700<<10), []string{"size bomb.docx: word/document.xml: more XML than the limit"}},
		{"entries", docxtest.Zip(t, manyFiles...), []string{"a zip archive of 10,002 entries, the limit is 10,000"}},
		{"depth", docxtest.File(t, deep, docxtest.Parts{}), []string{"depth.docx: word/document.xml line 2: elements nested more than 256 deep: expected a Word document's XML"}},
		{"bad xml", docxtest.Zip(t, "word/document.xml", "<w:document "+docxtest.NS+"><w:body><w:p></w:body>"), []string{"bad xml.docx: word/document.xml line 1: element <p> closed by </body>: expected well-formed XML"}},
		{"no text", docxtest.File(t, docxtest.Para("")+`<w:p><w:r><w:rPr><w:strike/></w:rPr><w:t>struck</w:t></w:r></w:p>`, docxtest.Parts{}), []string{"no text.docx: Word document: no text in 2 paragraphs"}},
		{"row", table([]string{"Base", "Proposal"}, []string{"1. Intro", ""}, []string{"10. Text.", "Text."}, []string{"Some prose", "x"}),
			[]string{"row.docx: table row 4: row of 2 cells starts with \"Some prose\": expected a paragraph number"}},
		{"wide row", table([]string{"Base", "Proposal"}, []string{"1. Intro", ""}, []string{"10. Text.", "Text.", "extra"}),
			[]string{"wide row.docx: table row 3: row of 3 cells with text in cell 3: expected at most 2, one per column of the header row"}},
		{"duplicate", table([]string{"Base", "Proposal"}, []string{"1. Intro", ""}, []string{"10. Text.", "Text."}, []string{"10. More.", "x"}),
			[]string{"duplicate.docx: table row 4: duplicate paragraph 10: already at table row 3"}},
		{"running", docxtest.File(t, docxtest.Para("Title")+docxtest.Para("1. Intro")+docxtest.Para("")+docxtest.Para("10. Text.\nSecond line.")+docxtest.Para("10. Again."), docxtest.Parts{}),
			[]string{"running.docx: paragraph 5: duplicate paragraph 10: already at paragraph 4"}},
		{"tracked", docxtest.File(t, docxtest.Para("10. Text before a heading.")+"<w:p>"+docxtest.Ins("1", "A", "11. More.")+"</w:p>", docxtest.Parts{}),
			[]string{"tracked.docx: paragraph 1: paragraph 10 comes before any section"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := parse.Parse(tc.name+".docx", tc.data, parse.Options{})
			if err == nil {
				t.Fatalf("no error, document %+v", doc)
			}
			var pe *parse.ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T, want *ParseError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

// TestDocxPreferTracked checks that a document holding a table and tracked
// changes reads as its table unless Tracked is set.
func TestDocxPreferTracked(t *testing.T) {
	body := docxtest.Table([][]string{{"Base", "Proposal"}, {"1. Intro", ""}, {"10. Text.", "More text."}}) +
		"<w:p>" + docxtest.Runs("11. Text", "w:t", "") + docxtest.Ins("1", "Chair", " and more") + docxtest.Runs(".", "w:t", "") + "</w:p>"
	data := docxtest.File(t, body, docxtest.Parts{})
	checkDocx(t, parseDocxOK(t, "x.docx", data, parse.Options{}), docxWant{
		variants:   []string{BaseName, "Proposal"},
		sections:   []string{"1 Intro"},
		paragraphs: [][]string{{"10", "Text.", "More text."}},
	})
	checkDocx(t, parseDocxOK(t, "x.docx", data, parse.Options{Tracked: true}), docxWant{
		variants:   []string{BaseName, "Chair"},
		sections:   []string{"1 Intro"},
		paragraphs: [][]string{{"10", "Text.\nMore text.", "Text.\nMore text."}, {"11", "Text.", "Text and more."}},
	})
	// A layout table (numbers in one column, text in the next) with
	// tracked changes: its cells are running text, row by row.
	layout := docxtest.File(t, docxtest.TableOf(2,
		[]string{docxtest.Cell("", docxtest.Para("1.")), docxtest.Cell("", docxtest.Para("Intro"))},
		[]string{docxtest.Cell("", docxtest.Para("10.")), docxtest.Cell("", "<w:p>"+docxtest.Runs("Text", "w:t", "")+docxtest.Ins("1", "Chair", " and more")+docxtest.Runs(".", "w:t", "")+"</w:p>")}),
		docxtest.Parts{})
	if _, err := parse.Parse("layout.docx", layout, parse.Options{}); err == nil || !strings.Contains(err.Error(), "layout.docx: table row 1: header row") {
		t.Errorf("layout table read as a compilation table: error %v, want one about its header row", err)
	}
	checkDocx(t, parseDocxOK(t, "x.docx", layout, parse.Options{Tracked: true}), docxWant{
		variants:   []string{BaseName, "Chair"},
		sections:   []string{"1 Intro"},
		paragraphs: [][]string{{"10", "Text.", "Text and more."}},
	})
}

// TestDocxDefaultParagraphStyle checks that paragraphs naming no style take
// the default paragraph style's strikethrough and numbering.
func TestDocxDefaultParagraphStyle(t *testing.T) {
	styles := `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:strike/></w:rPr></w:style>`
	body := docxtest.Para("Intro") + `<w:p><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>` + docxtest.Run(`<w:strike w:val="0"/>`, "1. Title") + "</w:p>" +
		"<w:p>" + docxtest.Run("", "struck ") + docxtest.Run(`<w:strike w:val="off"/>`, "We act.") + "</w:p>"
	doc := parseDocxOK(t, "x.docx", docxtest.File(t, body, docxtest.Parts{Styles: styles, Numbering: docxtest.Numbering29}), parse.Options{})
	checkDocx(t, doc, docxWant{
		variants:   []string{BaseName},
		sections:   []string{"1 Title"},
		paragraphs: [][]string{{"30", "We act."}},
	})
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		n      int
		format string
		want   string
	}{
		{29, "decimal", "29"},
		{3, "lowerLetter", "c"},
		{28, "upperLetter", "BB"},
		{14, "lowerRoman", "xiv"},
		{1994, "upperRoman", "MCMXCIV"},
		{7, "decimalZero", "07"},
		{2147483647, "lowerLetter", "2147483647"},
		{0, "upperRoman", "0"},
	} {
		if got := docx.FormatNumber(tc.n, tc.format); got != tc.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tc.n, tc.format, got, tc.want)
		}
	}
}

// TestDocxRunningTextAsText checks that running text without tracked
// changes reads as the same text in a .txt file does, automatic numbers
// written out.
func TestDocxRunningTextAsText(t *testing.T) {
	doc := parseDocxOK(t, "chapter.docx", docxtest.Fixture(t, "numbering-29.docx"), parse.Options{})
	txt, err := parse.Parse("chapter.txt", []byte("Chapter three\n\n3. Internet governance\n\n29. We reaffirm the principles of the Geneva phase.\n\n"+
		"30. We recognise that:\n\na) governments have a role;\n\nb) the private sector has a role.\n\na bulleted remark of paragraph 30.\n\n"+
		"3a) Infrastructure\n\n31. We support infrastructure.\n\n32. We call for:\n\na) investment.\n\n33. We note the progress.\n"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	strip := func(d *Document) ([]Section, []Paragraph) {
		ss := append([]Section(nil), d.Sections...)
		for i := range ss {
			ss[i].Line = 0
		}
		ps := append([]Paragraph(nil), d.Paragraphs...)
		for i := range ps {
			ps[i].Line = 0
		}
		return ss, ps
	}
	ds, dp := strip(doc)
	ts, tp := strip(txt)
	if !reflect.DeepEqual(ds, ts) || !reflect.DeepEqual(dp, tp) {
		t.Errorf("the .docx reads\n%+v\n%+v\nthe .txt\n%+v\n%+v", ds, dp, ts, tp)
	}
	// Lines are the Word paragraphs: 29 is the third.
	if doc.Paragraphs[0].Line != 3 {
		t.Errorf("paragraph 29 at %d, want paragraph 3 of the document", doc.Paragraphs[0].Line)
	}
}
