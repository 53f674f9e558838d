package analysis

// Builders of Word documents for the tests, and the generator of the
// fixtures under testdata/analysis/docx made from the sample:
//
//	go test -tags nomsgpack ./analysis -run TestGenerateDocxFixtures -docx-generate

import (
	"archive/zip"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var docxGenerate = flag.Bool("docx-generate", false, "rewrite the .docx fixtures generated from the sample")

// docxDir holds the Word fixtures.
const docxDir = "../testdata/analysis/docx"

// docxNS declares the namespaces the test documents use.
const docxNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:x="urn:example:unknown" mc:Ignorable="w14"`

// docxParts are the parts of a test document besides word/document.xml.
type docxParts struct {
	styles    string // body of w:styles, "" for no styles.xml
	numbering string // body of w:numbering, "" for no numbering.xml
}

// zipFiles packs files (name, content pairs, in order) into a zip archive.
func zipFiles(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		f, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(files[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxFile returns a .docx whose body is body (WordprocessingML), with the
// package parts Word and LibreOffice need to open it.
func docxFile(t testing.TB, body string, parts docxParts) []byte {
	t.Helper()
	const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
		`</Types>`
	const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`</Relationships>`
	docRels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
		`</Relationships>`
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document ` + docxNS + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:styles ` + docxNS + `>` + parts.styles + `</w:styles>`
	numbering := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:numbering ` + docxNS + `>` + parts.numbering + `</w:numbering>`
	return zipFiles(t,
		"[Content_Types].xml", contentTypes,
		"_rels/.rels", rels,
		"word/_rels/document.xml.rels", docRels,
		"word/document.xml", doc,
		"word/styles.xml", styles,
		"word/numbering.xml", numbering)
}

// xmlText escapes s for XML text.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// runs returns runs holding text, its line ends made line breaks; textTag
// is "w:t" or, for deleted text, "w:delText".
func runs(text, textTag, rPr string) string {
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		b.WriteString("<w:r>" + rPr)
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		if line != "" {
			b.WriteString("<" + textTag + ` xml:space="preserve">` + xmlText(line) + "</" + textTag + ">")
		}
		b.WriteString("</w:r>")
	}
	return b.String()
}

// para returns a paragraph of text, its lines separated by breaks.
func para(text string) string {
	return "<w:p>" + runs(text, "w:t", "") + "</w:p>"
}

// tableXML returns a table of rows of cells, each line of a cell one
// paragraph of it.
func tableXML(rows [][]string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>`)
	for range rows[0] {
		b.WriteString(`<w:gridCol w:w="3000"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, r := range rows {
		b.WriteString("<w:tr>")
		for _, c := range r {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>`)
			for _, line := range strings.Split(c, "\n") {
				b.WriteString(para(line))
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

// dumpRows returns the rows of cells of a table dump, the header first,
// each row as wide as the header.
func dumpRows(t testing.TB, file string) [][]string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lim := DefaultLimits()
	lines, err := splitLines(file, bytes.TrimPrefix(data, bom))
	if err != nil {
		t.Fatal(err)
	}
	cells, err := splitCells(file, lines, lim)
	if err != nil {
		t.Fatal(err)
	}
	p := &tableParser{file: file, doc: newDocument(file), lim: lim, seen: map[string]int{}, sectionAt: map[string]int{}}
	n, err := p.header(cells)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for start := 0; start < len(cells); start += n {
		if start == 0 {
			row := make([]string, n)
			for i := range row {
				row[i] = cells[i].text
			}
			rows = append(rows, row)
			continue
		}
		row := make([]string, n)
		for i := range row {
			if start+i < len(cells) {
				row[i] = cells[start+i].text
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// sampleTableDocx is the sample as a Word table, one row per row of the
// dump.
func sampleTableDocx(t testing.TB) []byte {
	return docxFile(t, para("Internet governance: compilation of the Gender Caucus's proposals")+
		tableXML(dumpRows(t, sourceDoc)), docxParts{})
}

// wordTokens splits s into pieces that each end with the white space after
// a word, so that joining them gives s back.
var wordTokens = regexp.MustCompile(`\s+|\S+\s*`)

// trackedRuns returns the runs that turn base into variant as tracked
// changes by author: the words the two share are plain, the others deleted
// or inserted, found by a longest common subsequence of exact pieces.
func trackedRuns(base, variant, author string) string {
	a, b := wordTokens.FindAllString(base, -1), wordTokens.FindAllString(variant, -1)
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	id := 0
	del := func(s string) {
		id++
		out.WriteString(`<w:del w:id="` + itoaTest(id) + `" w:author="` + xmlText(author) + `" w:date="2005-09-20T00:00:00Z">` + runs(s, "w:delText", "") + `</w:del>`)
	}
	ins := func(s string) {
		id++
		out.WriteString(`<w:ins w:id="` + itoaTest(id) + `" w:author="` + xmlText(author) + `" w:date="2005-09-20T00:00:00Z">` + runs(s, "w:t", "") + `</w:ins>`)
	}
	i, j := 0, 0
	var same, gone, added strings.Builder
	flush := func() {
		if gone.Len() > 0 {
			del(gone.String())
			gone.Reset()
		}
		if added.Len() > 0 {
			ins(added.String())
			added.Reset()
		}
	}
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			flush()
			same.WriteString(a[i])
			if i+1 == len(a) || j+1 == len(b) || a[i+1] != b[j+1] {
				out.WriteString(runs(same.String(), "w:t", ""))
				same.Reset()
			}
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			added.WriteString(b[j])
			j++
		default:
			gone.WriteString(a[i])
			i++
		}
	}
	flush()
	return out.String()
}

// itoaTest writes n in decimal.
func itoaTest(n int) string { return formatCount(int64(n)) }

// gcAuthor is the author of the Gender Caucus's tracked changes.
const gcAuthor = "Gender Caucus"

// sampleTrackedDocx is the sample as running text, one paragraph per row of
// the dump, with the Gender Caucus's column as tracked changes: rows the
// Caucus left empty are untouched, its new paragraphs inserted whole.
func sampleTrackedDocx(t testing.TB) []byte {
	rows := dumpRows(t, sourceDoc)
	var body strings.Builder
	body.WriteString(para("Internet governance"))
	body.WriteString(para(rows[0][0])) // the first section heading
	for _, r := range rows[1:] {
		base, gc := r[0], r[1]
		switch {
		case base == "" && gc == "":
			continue
		case base == "":
			body.WriteString(`<w:p><w:pPr><w:rPr><w:ins w:id="0" w:author="` + gcAuthor + `" w:date="2005-09-20T00:00:00Z"/></w:rPr></w:pPr>` +
				`<w:ins w:id="0" w:author="` + gcAuthor + `" w:date="2005-09-20T00:00:00Z">` + runs(gc, "w:t", "") + `</w:ins></w:p>`)
			continue
		case gc == "":
			body.WriteString(para(base))
			continue
		}
		l, _ := parseLabel(base)
		if g, ok := parseLabel(gc); !ok || g.id != l.id {
			prefix := base
			if i := strings.Index(base, l.body); l.body != "" && i >= 0 {
				prefix = base[:i]
			}
			gc = prefix + gc
		}
		body.WriteString("<w:p>" + trackedRuns(base, gc, gcAuthor) + "</w:p>")
	}
	return docxFile(t, body.String(), docxParts{})
}

// TestGenerateDocxFixtures rewrites the fixtures generated from the sample
// when run with -docx-generate.
func TestGenerateDocxFixtures(t *testing.T) {
	if !*docxGenerate {
		t.Skip("run with -docx-generate to rewrite the generated .docx fixtures")
	}
	for name, data := range docxFixtures(t) {
		if err := os.WriteFile(filepath.Join(docxDir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// docxFixtures returns the generated fixtures by file name.
func docxFixtures(t testing.TB) map[string][]byte {
	return map[string][]byte{
		"sample-table.docx":        sampleTableDocx(t),
		"sample-tracked.docx":      sampleTrackedDocx(t),
		"merged-cells.docx":        mergedCellsDocx(t),
		"strike.docx":              strikeDocx(t),
		"brackets.docx":            bracketsDocx(t),
		"tracked-two-authors.docx": trackedTwoAuthorsDocx(t),
		"numbering-29.docx":        numbering29Docx(t),
		"alternate-content.docx":   alternateContentDocx(t),
	}
}

// cellXML is a table cell of content (paragraphs or tables), with cell
// properties tcPr ("" for none).
func cellXML(tcPr, content string) string {
	return "<w:tc><w:tcPr>" + tcPr + "</w:tcPr>" + content + "</w:tc>"
}

// tableOf is a table of rows of cells made with cellXML.
func tableOf(cols int, rows ...[]string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr/><w:tblGrid>`)
	for range cols {
		b.WriteString(`<w:gridCol w:w="3000"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, r := range rows {
		b.WriteString("<w:tr>" + strings.Join(r, "") + "</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

// headerRow is the header row of a three-column compilation table.
func headerRow() []string {
	return []string{cellXML("", para("Base")), cellXML("", para("Proposal")), cellXML("", para("Outcome"))}
}

// mergedCellsDocx is a table whose section headings span the three
// columns (w:gridSpan), whose outcome cell covers two paragraphs
// (w:vMerge), one of whose cells holds a nested table and one of whose
// rows starts after an empty grid column (w:gridBefore).
func mergedCellsDocx(t testing.TB) []byte {
	span := `<w:gridSpan w:val="3"/>`
	nested := tableOf(2, []string{cellXML("", para("nested left")), cellXML("", para("nested right"))})
	body := tableOf(3,
		headerRow(),
		[]string{cellXML(span, para("1. Access"))},
		[]string{cellXML("", para("10.\nWe commit to access for all.")), cellXML("", para("10.\nWe commit to affordable access for all women and men.")),
			cellXML(`<w:vMerge w:val="restart"/>`, para("We commit to affordable access for all."))},
		[]string{cellXML("", para("11.\nWe note progress.")), cellXML("", para("We note uneven progress.")), cellXML(`<w:vMerge/>`, para(""))},
		[]string{cellXML(span, para("2. Capacity"))},
		[]string{cellXML("", para("12.\nWe support training.")), cellXML("", para("12.")+nested+"<w:p/>"), cellXML("", para("We support training."))},
		[]string{`<w:trPr><w:gridBefore w:val="1"/></w:trPr>`, cellXML("", para("New 12bis\nWe support gender-responsive training.")), cellXML("", "<w:p/>")},
	)
	return docxFile(t, body, docxParts{})
}

// strikeStyles defines a struck character style, a struck paragraph style
// and a paragraph style based on it.
const strikeStyles = `<w:style w:type="character" w:styleId="Deleted"><w:name w:val="Deleted text"/><w:rPr><w:strike/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="StruckPara"><w:name w:val="Struck paragraph"/><w:rPr><w:dstrike w:val="true"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="StruckChild"><w:name w:val="Struck child"/><w:basedOn w:val="StruckPara"/></w:style>` +
	`<w:style w:type="character" w:styleId="NotDeleted"><w:name w:val="Not deleted"/><w:basedOn w:val="Deleted"/><w:rPr><w:strike w:val="off"/></w:rPr></w:style>`

// run is a run of text with run properties rPr ("" for none).
func run(rPr, text string) string {
	return "<w:r><w:rPr>" + rPr + `</w:rPr><w:t xml:space="preserve">` + xmlText(text) + "</w:t></w:r>"
}

// strikeDocx is a table whose proposal column strikes words through
// directly, by character style, by paragraph style and by a style based on
// it, and undoes strikes with w:val="0", "false" and "off".
func strikeDocx(t testing.TB) []byte {
	p := func(pPr string, runs ...string) string {
		return "<w:p><w:pPr>" + pPr + "</w:pPr>" + strings.Join(runs, "") + "</w:p>"
	}
	body := tableOf(3,
		headerRow(),
		[]string{cellXML("", para("1. Strikethrough")), cellXML("", ""), cellXML("", "")},
		[]string{cellXML("", para("20.\nWe will enhance cooperation.")),
			cellXML("", p("", run("", "20."))+p("", run("", "We will "), run("<w:strike/>", "enhance"), run("<w:u w:val=\"single\"/>", " strengthen"), run("", " cooperation."))),
			cellXML("", p("", run("", "We will strengthen cooperation.")))},
		[]string{cellXML("", para("21.\nWe note the role of all stakeholders.")),
			cellXML("", p("", run(`<w:rStyle w:val="Deleted"/>`, "We note"), run("", "We welcome the role of all stakeholders."))),
			cellXML("", p("", run(`<w:dstrike/>`, "old words "), run(`<w:strike w:val="0"/>`, "We note the role of all stakeholders.")))},
		[]string{cellXML("", para("22.\nWe invite governments to act.")),
			cellXML("", p(`<w:pStyle w:val="StruckChild"/>`, run("", "an entire struck line"))+p("", run("", "We invite governments and women to act."))),
			cellXML("", p(`<w:pStyle w:val="StruckPara"/>`, run(`<w:dstrike w:val="false"/>`, "We invite governments "), run("", "struck by style "), run(`<w:rStyle w:val="NotDeleted"/>`, "to act.")))},
	)
	return docxFile(t, body, docxParts{styles: strikeStyles})
}

// bracketsDocx is a table whose variant cells hold square-bracketed text,
// brackets split across runs and formatting.
func bracketsDocx(t testing.TB) []byte {
	body := tableOf(3,
		headerRow(),
		[]string{cellXML("", para("1. Brackets")), cellXML("", ""), cellXML("", "")},
		[]string{cellXML("", para("30.\nWe recognise the role of ICTs.")),
			cellXML("", "<w:p>"+run("", "30. We recognise the ")+run("<w:b/>", "[")+run("", "central ")+run("<w:u w:val=\"single\"/>", "and gender-responsive")+run("", "] role of ICTs [for")+run("<w:i/>", " all]")+run("", ".")+"</w:p>"),
			cellXML("", para("We recognise the [central] role of ICTs."))},
		[]string{cellXML("", para("31.\nWe act.")), cellXML("", para("We act now.")), cellXML("", "")},
	)
	return docxFile(t, body, docxParts{})
}

// insRun and delRun are runs inserted or deleted by author, id making the
// change's w:id.
func insRun(id, author, text string) string {
	return `<w:ins w:id="` + id + `" w:author="` + author + `" w:date="2025-01-01T00:00:00Z">` + runs(text, "w:t", "") + `</w:ins>`
}

func delRun(id, author, text string) string {
	return `<w:del w:id="` + id + `" w:author="` + author + `" w:date="2025-01-01T00:00:00Z">` + runs(text, "w:delText", "") + `</w:del>`
}

// trackedTwoAuthorsDocx is running text with tracked changes by two
// authors: insertions and deletions by each, a whole paragraph Sweden
// inserts (mark included), a sentence Brazil moves from one paragraph to
// another, and changes of formatting only.
func trackedTwoAuthorsDocx(t testing.TB) []byte {
	const se, br = "Sweden", "Brazil"
	body := para("Draft outcome document") +
		para("1. Principles") +
		"<w:p>" + runs("1. We affirm that", "w:t", "") + insRun("1", se, " gender equality and") + runs(" human rights apply online", "w:t", "") + delRun("2", br, " and offline") + runs(".", "w:t", "") + "</w:p>" +
		`<w:p><w:pPr><w:rPr><w:ins w:id="3" w:author="` + se + `" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>` + insRun("4", se, "We call for the empowerment of women and girls through ICTs.") + "</w:p>" +
		"<w:p>" + runs("2. We support capacity building.", "w:t", "") +
		`<w:moveFrom w:id="5" w:author="` + br + `" w:date="2025-01-01T00:00:00Z">` + runs(" Developing countries need support.", "w:t", "") + `</w:moveFrom>` + "</w:p>" +
		`<w:p><w:pPr><w:pPrChange w:id="6" w:author="` + se + `" w:date="2025-01-01T00:00:00Z"><w:pPr/></w:pPrChange></w:pPr>` +
		runs("3. We encourage investment in infrastructure.", "w:t", "") +
		`<w:moveTo w:id="7" w:author="` + br + `" w:date="2025-01-01T00:00:00Z">` + runs(" Developing countries need support.", "w:t", "") + `</w:moveTo>` + "</w:p>" +
		"<w:p>" + `<w:r><w:rPr><w:b/><w:rPrChange w:id="8" w:author="Chair" w:date="2025-01-01T00:00:00Z"><w:rPr/></w:rPrChange></w:rPr><w:t xml:space="preserve">4. We note the report.</w:t></w:r>` + "</w:p>" +
		"<w:p>" + runs("5. We ", "w:t", "") + delRun("9", se, "request") + insRun("10", se, "urge") + insRun("11", br, " all") + runs(" Member States to act.", "w:t", "") + "</w:p>"
	return docxFile(t, body, docxParts{})
}

// numbering29 defines a decimal list starting at 29 with lettered second
// level, used directly and, through a numbering style, by a paragraph
// style.
const numbering29 = `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>` +
	`<w:lvl w:ilvl="0"><w:start w:val="29"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>` +
	`</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ParaList"/></w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>` +
	`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
	`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
	`<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>`

// numberingStyles are the numbering style the list links and a paragraph
// style numbered through it.
const numberingStyles = `<w:style w:type="numbering" w:styleId="ParaList"><w:name w:val="Paragraph list"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="NumberedPara"><w:name w:val="Numbered paragraph"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body numbered"/><w:basedOn w:val="NumberedPara"/></w:style>`

// numbering29Docx is running text without tracked changes whose paragraphs
// are numbered automatically from 29, with lettered items, a bulleted line
// and numbering through styles.
func numbering29Docx(t testing.TB) []byte {
	num := func(ilvl int, text string) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + itoaTest(ilvl) + `"/><w:numId w:val="1"/></w:numPr></w:pPr>` + runs(text, "w:t", "") + "</w:p>"
	}
	styled := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + runs(text, "w:t", "") + "</w:p>"
	}
	body := para("Chapter three") +
		para("3. Internet governance") +
		num(0, "We reaffirm the principles of the Geneva phase.") +
		num(0, "We recognise that:") +
		num(1, "governments have a role;") +
		num(1, "the private sector has a role.") +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>` + runs("a bulleted remark of paragraph 30.", "w:t", "") + "</w:p>" +
		para("3a) Infrastructure") +
		styled("NumberedPara", "We support infrastructure.") +
		num(0, "We call for:") +
		num(1, "investment.") +
		styled("Body", "We note the progress.")
	return docxFile(t, body, docxParts{styles: numberingStyles, numbering: numbering29})
}

// alternateContentDocx is a table read through wrappers (content controls,
// custom XML, hyperlinks, simple fields, smart tags), with markup
// compatibility branches of which one is read, and the special characters
// of runs.
func alternateContentDocx(t testing.TB) []byte {
	alt := func(requires, choice, fallback string) string {
		return `<mc:AlternateContent><mc:Choice Requires="` + requires + `">` + choice + `</mc:Choice><mc:Fallback>` + fallback + `</mc:Fallback></mc:AlternateContent>`
	}
	body := tableOf(2,
		[]string{cellXML("", para("Base")), cellXML("", para("Proposal"))},
		[]string{cellXML("", para("1. Wrappers")), cellXML("", "")},
		[]string{cellXML("", `<w:sdt><w:sdtPr/><w:sdtContent><w:p>`+run("", "40. We welcome ")+`<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+run("", "the report")+`</w:hyperlink>`+run("", " of the ")+
			`<w:fldSimple w:instr=" REF x ">`+run("", "Working Group")+`</w:fldSimple>`+`<w:customXml w:element="x">`+run("", " on")+`</w:customXml>`+`<w:smartTag w:element="place">`+run("", " Internet")+`</w:smartTag>`+run("", " governance.")+`</w:p></w:sdtContent></w:sdt>`),
			cellXML("", "<w:p>"+run("", "We welcome the report")+alt("w14", run("", " and its annex"), run("", " and its annex (fallback)"))+alt("x", run("", " (unknown choice)"), run("", " of the Working Group"))+
				run("", " on Internet governance")+"</w:p>")},
		[]string{cellXML("", "<w:p>"+`<w:r><w:t>41.</w:t><w:tab/><w:t>Non</w:t><w:noBreakHyphen/><w:t>discrimination in multi</w:t><w:softHyphen/><w:t>stakeholder fora</w:t><w:br/><w:t>is essential.</w:t></w:r>`+"</w:p>"),
			cellXML("", "<w:p>"+`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://example.org" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+run("", "Non-discrimination is essential.")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`+"</w:p>")},
	)
	body = alt("w14", body, para("fallback text that must not be read"))
	return docxFile(t, body, docxParts{})
}
