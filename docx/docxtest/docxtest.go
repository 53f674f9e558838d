// Package docxtest builds Word documents (.docx) for tests: the package
// parts Word and LibreOffice need, and the WordprocessingML of
// paragraphs, runs, tables and tracked changes.
package docxtest

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// NS declares the namespaces the test documents use.
const NS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:x="urn:example:unknown" mc:Ignorable="w14"`

// Parts are the parts of a test document besides word/document.xml.
type Parts struct {
	Styles    string // body of w:styles, "" for no styles.xml
	Numbering string // body of w:numbering, "" for no numbering.xml
}

// Zip packs files (name, content pairs, in order) into a zip archive.
func Zip(t testing.TB, files ...string) []byte {
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

// File returns a .docx whose body is body (WordprocessingML), with the
// package parts Word and LibreOffice need to open it.
func File(t testing.TB, body string, parts Parts) []byte {
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
		`<w:document ` + NS + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:styles ` + NS + `>` + parts.Styles + `</w:styles>`
	numbering := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:numbering ` + NS + `>` + parts.Numbering + `</w:numbering>`
	return Zip(t,
		"[Content_Types].xml", contentTypes,
		"_rels/.rels", rels,
		"word/_rels/document.xml.rels", docRels,
		"word/document.xml", doc,
		"word/styles.xml", styles,
		"word/numbering.xml", numbering)
}

// Text escapes s for XML text.
func Text(s string) string {
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

// Runs returns Runs holding text, its line ends made line breaks; textTag
// is "w:t" or, for deleted text, "w:delText".
func Runs(text, textTag, rPr string) string {
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		b.WriteString("<w:r>" + rPr)
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		if line != "" {
			b.WriteString("<" + textTag + ` xml:space="preserve">` + Text(line) + "</" + textTag + ">")
		}
		b.WriteString("</w:r>")
	}
	return b.String()
}

// Para returns a paragraph of text, its lines separated by breaks.
func Para(text string) string {
	return "<w:p>" + Runs(text, "w:t", "") + "</w:p>"
}

// Table returns a table of rows of cells, each line of a cell one
// paragraph of it.
func Table(rows [][]string) string {
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
				b.WriteString(Para(line))
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

// Cell is a table cell of content (paragraphs or tables), with cell
// properties tcPr ("" for none).
func Cell(tcPr, content string) string {
	return "<w:tc><w:tcPr>" + tcPr + "</w:tcPr>" + content + "</w:tc>"
}

// TableOf is a table of rows of cells made with Cell.
func TableOf(cols int, rows ...[]string) string {
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

// Run is a Run of text with Run properties rPr ("" for none).
func Run(rPr, text string) string {
	return "<w:r><w:rPr>" + rPr + `</w:rPr><w:t xml:space="preserve">` + Text(text) + "</w:t></w:r>"
}

// Ins and Del are Runs inserted or deleted by author, id making the
// change's w:id.
func Ins(id, author, text string) string {
	return `<w:ins w:id="` + id + `" w:author="` + author + `" w:date="2025-01-01T00:00:00Z">` + Runs(text, "w:t", "") + `</w:ins>`
}

func Del(id, author, text string) string {
	return `<w:del w:id="` + id + `" w:author="` + author + `" w:date="2025-01-01T00:00:00Z">` + Runs(text, "w:delText", "") + `</w:del>`
}

// HeaderRow is the header row of a three-column compilation table.
func HeaderRow() []string {
	return []string{Cell("", Para("Base")), Cell("", Para("Proposal")), Cell("", Para("Outcome"))}
}

// Numbering29 defines a decimal list starting at 29 with lettered second
// level, used directly and, through a numbering style, by a paragraph
// style.
const Numbering29 = `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>` +
	`<w:lvl w:ilvl="0"><w:start w:val="29"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>` +
	`</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ParaList"/></w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>` +
	`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
	`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
	`<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>`

// NumberingStyles are the numbering style the list links and a paragraph
// style numbered through it.
const NumberingStyles = `<w:style w:type="numbering" w:styleId="ParaList"><w:name w:val="Paragraph list"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="NumberedPara"><w:name w:val="Numbered paragraph"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body numbered"/><w:basedOn w:val="NumberedPara"/></w:style>`

// FixtureDir holds the Word fixtures, as seen from a package directory of
// the module (see the fixtures' README).
const FixtureDir = "../testdata/analysis/docx"

// Fixture reads the Word fixture name of FixtureDir.
func Fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(FixtureDir, name))
	if err != nil {
		t.Fatalf("%v (generated fixtures: go test ./parse -run TestGenerateDocxFixtures -docx-generate)", err)
	}
	return data
}

// MarkChanged is a paragraph whose mark kind ("ins" or "del") is a
// tracked change by author, holding runs.
func MarkChanged(kind, id, author string, runs ...string) string {
	out := `<w:p><w:pPr><w:rPr><w:` + kind + ` w:id="` + id + `" w:author="` + author + `" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>`
	for _, r := range runs {
		out += r
	}
	return out + "</w:p>"
}
