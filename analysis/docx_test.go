package analysis

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"amendlens/docx"
)

// readDocxFixture reads a fixture of testdata/analysis/docx.
func readDocxFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(docxDir, name))
	if err != nil {
		t.Fatalf("%v (generated fixtures: go test ./analysis -run TestGenerateDocxFixtures -docx-generate)", err)
	}
	return data
}

// parseDocxOK parses data as file, failing the test on error.
func parseDocxOK(t testing.TB, file string, data []byte, opts ParseOptions) *Document {
	t.Helper()
	doc, err := ParseWith(file, data, opts)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestDocxSampleTable checks that the sample as a Word table gives the
// golden files' figures: the paragraphs, sections, themes and uptake
// tables are those of the dump byte for byte, the document name apart.
func TestDocxSampleTable(t *testing.T) {
	data := readDocxFixture(t, "sample-table.docx")
	if !bytes.Equal(data, sampleTableDocx(t)) {
		t.Error("sample-table.docx differs from what its generator writes: run with -docx-generate")
	}
	doc := parseDocxOK(t, "wsis-tunis-internet-governance-gc.docx", data, ParseOptions{})
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
	data := readDocxFixture(t, "sample-tracked.docx")
	if !bytes.Equal(data, sampleTrackedDocx(t)) {
		t.Error("sample-tracked.docx differs from what its generator writes: run with -docx-generate")
	}
	doc := parseDocxOK(t, "sample-tracked.docx", data, ParseOptions{})
	if want := []string{BaseName, gcAuthor}; !reflect.DeepEqual(doc.Variants, want) {
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
		opts ParseOptions
		want docxWant
	}{
		{"merged-cells.docx", ParseOptions{}, docxWant{
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
		{"strike.docx", ParseOptions{}, docxWant{
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
		{"brackets.docx", ParseOptions{}, docxWant{
			variants: tri,
			sections: []string{"1 Brackets"},
			paragraphs: [][]string{
				{"30", "We recognise the role of ICTs.", "We recognise the [central and gender-responsive] role of ICTs [for all].", "We recognise the [central] role of ICTs."},
				{"31", "We act.", "We act now.", ""},
			}}},
		{"tracked-two-authors.docx", ParseOptions{}, docxWant{
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
		{"tracked-two-authors.docx", ParseOptions{Outcome: AcceptAll}, docxWant{
			variants: []string{BaseName, "Sweden", "Brazil", AcceptedName},
			sections: []string{"1 Principles"},
			paragraphs: [][]string{
				{"1", "We affirm that human rights apply online and offline.", "We affirm that gender equality and human rights apply online and offline.", "We affirm that human rights apply online.", "We affirm that gender equality and human rights apply online."},
				{"1bis", "", "We call for the empowerment of women and girls through ICTs.", "", "We call for the empowerment of women and girls through ICTs."},
				{"2", "We support capacity building. Developing countries need support.", "We support capacity building. Developing countries need support.", "We support capacity building.", "We support capacity building."},
				{"3", "We encourage investment in infrastructure.", "We encourage investment in infrastructure.", "We encourage investment in infrastructure. Developing countries need support.", "We encourage investment in infrastructure. Developing countries need support."},
				{"4", "We note the report.", "We note the report.", "We note the report.", "We note the report."},
				{"5", "We request Member States to act.", "We urge Member States to act.", "We request all Member States to act.", "We urge all Member States to act."},
			}}},
		{"numbering-29.docx", ParseOptions{}, docxWant{
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
		{"npm-table.docx", ParseOptions{}, docxWant{
			variants: []string{BaseName, "Group A", "Agreed text"},
			sections: []string{"1 Human rights"},
			paragraphs: [][]string{
				{"60", "We reaffirm human rights.", "We  uphold human rights [online and offline].", "We uphold human rights."},
				{"61", "We support privacy.", "We [strongly] support privacy.", ""},
			}}},
		// Hidden text on runs, by a character style and by a paragraph
		// style based on a hidden one.
		{"npm-hidden.docx", ParseOptions{}, docxWant{
			variants: []string{BaseName, "Group A", "Agreed text"},
			sections: []string{"1 Human rights"},
			paragraphs: [][]string{
				{"60", "We reaffirm human rights.", "We reaffirm human rights.", "We reaffirm human rights."},
			}}},
		{"npm-tracked-numbered.docx", ParseOptions{}, docxWant{
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
		{"alternate-content.docx", ParseOptions{}, docxWant{
			variants: []string{BaseName, "Proposal"},
			sections: []string{"1 Wrappers"},
			paragraphs: [][]string{
				{"40", "We welcome the report of the Working Group on Internet governance.", "We welcome the report and its annex of the Working Group on Internet governance"},
				{"41", "Non-discrimination in multistakeholder fora\nis essential.", "Non-discrimination is essential."},
			}}},
	} {
		t.Run(tc.file+tc.opts.Outcome, func(t *testing.T) {
			data := readDocxFixture(t, tc.file)
			if gen, ok := docxFixtures(t)[tc.file]; ok && !bytes.Equal(gen, data) {
				t.Errorf("%s differs from what its generator writes: run with -docx-generate", tc.file)
			}
			checkDocx(t, parseDocxOK(t, tc.file, data, tc.opts), tc.want)
		})
	}
}

// TestDocxTrackedOutcome checks the outcome tracked changes imply: none
// between several authors, "All changes accepted" with -outcome accept-all.
func TestDocxTrackedOutcome(t *testing.T) {
	data := readDocxFixture(t, "tracked-two-authors.docx")
	for _, tc := range []struct {
		outcome string
		want    int
	}{{"", 0}, {AcceptAll, 3}} {
		doc := parseDocxOK(t, "t.docx", data, ParseOptions{Outcome: tc.outcome})
		r, err := Analyse(doc, DefaultDictionary(), Options{Outcome: tc.outcome})
		if err != nil {
			t.Fatal(err)
		}
		if r.Outcome != tc.want {
			t.Errorf("outcome %q: variant %d, want %d", tc.outcome, r.Outcome, tc.want)
		}
	}
}

// TestDocxLibreOffice checks that fixtures saved again by LibreOffice
// (opened, saved as .odt, saved as .docx: its own styles, run splits,
// numbering and tracked-change markup) read as the originals do.
func TestDocxLibreOffice(t *testing.T) {
	for _, name := range []string{"merged-cells", "strike", "tracked-two-authors", "numbering-29"} {
		t.Run(name, func(t *testing.T) {
			want := parseDocxOK(t, "x.docx", readDocxFixture(t, name+".docx"), ParseOptions{})
			got := parseDocxOK(t, "x.docx", readDocxFixture(t, name+"-libreoffice.docx"), ParseOptions{})
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
	table := func(rows ...[]string) []byte { return docxFile(t, tableXML(rows), docxParts{}) }
	deep := strings.Repeat("<w:sdt><w:sdtContent>", 300) + para("1. x") + strings.Repeat("</w:sdtContent></w:sdt>", 300)
	var many [][2]string
	for i := range docx.MaxEntries + 1 {
		many = append(many, [2]string{"f" + itoaTest(i), ""})
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
		{"doc", readDocxFixture(t, "brackets.doc"), []string{"doc.docx: Word document: an old binary Word document (.doc)", "soffice --headless --convert-to docx FILE"}},
		{"truncated", readDocxFixture(t, "truncated.docx"), []string{"truncated.docx: Word document:", "cut short"}},
		{"not word", zipFiles(t, "content.xml", "<office:document/>"), []string{"without word/document.xml", "expected a Word document"}},
		{"ratio bomb", deflated(t, "word/document.xml", "<w:document "+docxNS+"><w:body>", ' ', 8<<20, 0), []string{"ratio bomb.docx: word/document.xml: more XML than the limit of 64 MiB (and 100 times the file's size)"}},
		{"size bomb", deflated(t, "word/document.xml", "<w:document "+docxNS+"><w:body>", ' ', 65<<20, 700<<10), []string{"size bomb.docx: word/document.xml: more XML than the limit"}},
		{"entries", zipFiles(t, manyFiles...), []string{"a zip archive of 10,002 entries, the limit is 10,000"}},
		{"depth", docxFile(t, deep, docxParts{}), []string{"depth.docx: word/document.xml line 2: elements nested more than 256 deep: expected a Word document's XML"}},
		{"bad xml", zipFiles(t, "word/document.xml", "<w:document "+docxNS+"><w:body><w:p></w:body>"), []string{"bad xml.docx: word/document.xml line 1: element <p> closed by </body>: expected well-formed XML"}},
		{"no text", docxFile(t, para("")+`<w:p><w:r><w:rPr><w:strike/></w:rPr><w:t>struck</w:t></w:r></w:p>`, docxParts{}), []string{"no text.docx: Word document: no text in 2 paragraphs"}},
		{"row", table([]string{"Base", "Proposal"}, []string{"1. Intro", ""}, []string{"10. Text.", "Text."}, []string{"Some prose", "x"}),
			[]string{"row.docx: table row 4: row of 2 cells starts with \"Some prose\": expected a paragraph number"}},
		{"wide row", table([]string{"Base", "Proposal"}, []string{"1. Intro", ""}, []string{"10. Text.", "Text.", "extra"}),
			[]string{"wide row.docx: table row 3: row of 3 cells with text in cell 3: expected at most 2, one per column of the header row"}},
		{"duplicate", table([]string{"Base", "Proposal"}, []string{"1. Intro", ""}, []string{"10. Text.", "Text."}, []string{"10. More.", "x"}),
			[]string{"duplicate.docx: table row 4: duplicate paragraph 10: already at table row 3"}},
		{"running", docxFile(t, para("Title")+para("1. Intro")+para("")+para("10. Text.\nSecond line.")+para("10. Again."), docxParts{}),
			[]string{"running.docx: paragraph 5: duplicate paragraph 10: already at paragraph 4"}},
		{"tracked", docxFile(t, para("10. Text before a heading.")+"<w:p>"+insRun("1", "A", "11. More.")+"</w:p>", docxParts{}),
			[]string{"tracked.docx: paragraph 1: paragraph 10 comes before any section"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse(tc.name+".docx", tc.data)
			if err == nil {
				t.Fatalf("no error, document %+v", doc)
			}
			var pe *ParseError
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
	doc := parseDocxOK(t, "brackets.docx", readDocxFixture(t, "brackets.docx"), ParseOptions{})
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
		if w, ok := want[key]; !ok || f[12] != itoaTest(w) {
			t.Errorf("row %q: bracketed_words %s, want %d", key, f[12], w)
		}
		delete(want, key)
	}
	if len(want) > 0 {
		t.Errorf("rows missing: %v", want)
	}
}

// TestDocxPreferTracked checks that a document holding a table and tracked
// changes reads as its table unless Tracked is set.
func TestDocxPreferTracked(t *testing.T) {
	body := tableXML([][]string{{"Base", "Proposal"}, {"1. Intro", ""}, {"10. Text.", "More text."}}) +
		"<w:p>" + runs("11. Text", "w:t", "") + insRun("1", "Chair", " and more") + runs(".", "w:t", "") + "</w:p>"
	data := docxFile(t, body, docxParts{})
	checkDocx(t, parseDocxOK(t, "x.docx", data, ParseOptions{}), docxWant{
		variants:   []string{BaseName, "Proposal"},
		sections:   []string{"1 Intro"},
		paragraphs: [][]string{{"10", "Text.", "More text."}},
	})
	checkDocx(t, parseDocxOK(t, "x.docx", data, ParseOptions{Tracked: true}), docxWant{
		variants:   []string{BaseName, "Chair"},
		sections:   []string{"1 Intro"},
		paragraphs: [][]string{{"10", "Text.\nMore text.", "Text.\nMore text."}, {"11", "Text.", "Text and more."}},
	})
	// A layout table (numbers in one column, text in the next) with
	// tracked changes: its cells are running text, row by row.
	layout := docxFile(t, tableOf(2,
		[]string{cellXML("", para("1.")), cellXML("", para("Intro"))},
		[]string{cellXML("", para("10.")), cellXML("", "<w:p>"+runs("Text", "w:t", "")+insRun("1", "Chair", " and more")+runs(".", "w:t", "")+"</w:p>")}),
		docxParts{})
	if _, err := Parse("layout.docx", layout); err == nil || !strings.Contains(err.Error(), "layout.docx: table row 1: header row") {
		t.Errorf("layout table read as a compilation table: error %v, want one about its header row", err)
	}
	checkDocx(t, parseDocxOK(t, "x.docx", layout, ParseOptions{Tracked: true}), docxWant{
		variants:   []string{BaseName, "Chair"},
		sections:   []string{"1 Intro"},
		paragraphs: [][]string{{"10", "Text.", "Text and more."}},
	})
}

// TestDocxDefaultParagraphStyle checks that paragraphs naming no style take
// the default paragraph style's strikethrough and numbering.
func TestDocxDefaultParagraphStyle(t *testing.T) {
	styles := `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:strike/></w:rPr></w:style>`
	body := para("Intro") + `<w:p><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>` + run(`<w:strike w:val="0"/>`, "1. Title") + "</w:p>" +
		"<w:p>" + run("", "struck ") + run(`<w:strike w:val="off"/>`, "We act.") + "</w:p>"
	doc := parseDocxOK(t, "x.docx", docxFile(t, body, docxParts{styles: styles, numbering: numbering29}), ParseOptions{})
	checkDocx(t, doc, docxWant{
		variants:   []string{BaseName},
		sections:   []string{"1 Title"},
		paragraphs: [][]string{{"30", "We act."}},
	})
}

// TestAcceptAllWithoutTrackedChanges checks that -outcome accept-all leaves
// a document without tracked changes its default outcome, and the authors
// of tracked changes read without the accepted variant proposals.
func TestAcceptAllWithoutTrackedChanges(t *testing.T) {
	for _, tc := range []struct {
		file string
		want int
	}{{"brackets.docx", 2}, {"tracked-two-authors.docx", 0}} {
		doc := parseDocxOK(t, tc.file, readDocxFixture(t, tc.file), ParseOptions{})
		r, err := Analyse(doc, DefaultDictionary(), Options{Outcome: AcceptAll})
		if err != nil {
			t.Fatal(err)
		}
		if r.Outcome != tc.want {
			t.Errorf("%s: outcome %d, want %d", tc.file, r.Outcome, tc.want)
		}
	}
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
	doc := parseDocxOK(t, "chapter.docx", readDocxFixture(t, "numbering-29.docx"), ParseOptions{})
	txt, err := ParseText("chapter.txt", []byte("Chapter three\n\n3. Internet governance\n\n29. We reaffirm the principles of the Geneva phase.\n\n"+
		"30. We recognise that:\n\na) governments have a role;\n\nb) the private sector has a role.\n\na bulleted remark of paragraph 30.\n\n"+
		"3a) Infrastructure\n\n31. We support infrastructure.\n\n32. We call for:\n\na) investment.\n\n33. We note the progress.\n"))
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

// TestAcceptAllOutcomeComplete checks that "All changes accepted" is a
// whole text: an insertion in a paragraph it deleted is not_adopted, not
// pending; with the column chosen by name it stays pending, as for any
// other outcome column.
func TestAcceptAllOutcomeComplete(t *testing.T) {
	doc := &Document{
		Name:     "accepted",
		Source:   "accepted.docx",
		Variants: []string{BaseName, "Brazil", AcceptedName},
		Sections: []Section{{ID: "1", Title: "Marks", Line: 1}},
		Paragraphs: []Paragraph{
			{ID: "10", Section: "1", Line: 2, Texts: []string{"We act now.", "We act now for women.", ""}},
			{ID: "11", Section: "1", Line: 3, Texts: []string{"We close.", "We close.", "We close."}},
		},
	}
	for _, tc := range []struct {
		outcome string
		want    Verdict
	}{{AcceptAll, VerdictNotAdopted}, {AcceptedName, VerdictPending}} {
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
