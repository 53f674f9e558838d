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
	for name, data := range map[string][]byte{
		"sample-table.docx":   sampleTableDocx(t),
		"sample-tracked.docx": sampleTrackedDocx(t),
	} {
		if err := os.WriteFile(filepath.Join(docxDir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
