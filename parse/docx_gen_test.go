package parse

// Builders of Word documents for the tests, and the generator of the
// fixtures under testdata/analysis/docx made from the sample:
//
//	go test -tags nomsgpack ./analysis -run TestGenerateDocxFixtures -docx-generate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"amendlens/docx/docxtest"
)

var docxGenerate = flag.Bool("docx-generate", false, "rewrite the .docx fixtures generated from the sample")

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
	return docxtest.File(t, docxtest.Para("Internet governance: compilation of the Gender Caucus's proposals")+
		docxtest.Table(dumpRows(t, sourceDoc)), docxtest.Parts{})
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
		out.WriteString(`<w:del w:id="` + itoaTest(id) + `" w:author="` + docxtest.Text(author) + `" w:date="2005-09-20T00:00:00Z">` + docxtest.Runs(s, "w:delText", "") + `</w:del>`)
	}
	ins := func(s string) {
		id++
		out.WriteString(`<w:ins w:id="` + itoaTest(id) + `" w:author="` + docxtest.Text(author) + `" w:date="2005-09-20T00:00:00Z">` + docxtest.Runs(s, "w:t", "") + `</w:ins>`)
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
				out.WriteString(docxtest.Runs(same.String(), "w:t", ""))
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
func itoaTest(n int) string { return FormatCount(int64(n)) }

// gcAuthor is the author of the Gender Caucus's tracked changes.
const gcAuthor = "Gender Caucus"

// sampleTrackedDocx is the sample as running text, one paragraph per row of
// the dump, with the Gender Caucus's column as tracked changes: rows the
// Caucus left empty are untouched, its new paragraphs inserted whole.
func sampleTrackedDocx(t testing.TB) []byte {
	rows := dumpRows(t, sourceDoc)
	var body strings.Builder
	body.WriteString(docxtest.Para("Internet governance"))
	body.WriteString(docxtest.Para(rows[0][0])) // the first section heading
	for _, r := range rows[1:] {
		base, gc := r[0], r[1]
		switch {
		case base == "" && gc == "":
			continue
		case base == "":
			body.WriteString(`<w:p><w:pPr><w:rPr><w:ins w:id="0" w:author="` + gcAuthor + `" w:date="2005-09-20T00:00:00Z"/></w:rPr></w:pPr>` +
				`<w:ins w:id="0" w:author="` + gcAuthor + `" w:date="2005-09-20T00:00:00Z">` + docxtest.Runs(gc, "w:t", "") + `</w:ins></w:p>`)
			continue
		case gc == "":
			body.WriteString(docxtest.Para(base))
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
	return docxtest.File(t, body.String(), docxtest.Parts{})
}

// TestGenerateDocxFixtures rewrites the fixtures generated from the sample
// when run with -docx-generate.
func TestGenerateDocxFixtures(t *testing.T) {
	if !*docxGenerate {
		t.Skip("run with -docx-generate to rewrite the generated .docx fixtures")
	}
	for name, data := range docxFixtures(t) {
		if err := os.WriteFile(filepath.Join(docxtest.FixtureDir, name), data, 0o644); err != nil {
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

// mergedCellsDocx is a table whose section headings span the three
// columns (w:gridSpan), whose outcome cell covers two paragraphs
// (w:vMerge), one of whose cells holds a nested table and one of whose
// rows starts after an empty grid column (w:gridBefore).
func mergedCellsDocx(t testing.TB) []byte {
	span := `<w:gridSpan w:val="3"/>`
	nested := docxtest.TableOf(2, []string{docxtest.Cell("", docxtest.Para("nested left")), docxtest.Cell("", docxtest.Para("nested right"))})
	body := docxtest.TableOf(3,
		docxtest.HeaderRow(),
		[]string{docxtest.Cell(span, docxtest.Para("1. Access"))},
		[]string{docxtest.Cell("", docxtest.Para("10.\nWe commit to access for all.")), docxtest.Cell("", docxtest.Para("10.\nWe commit to affordable access for all women and men.")),
			docxtest.Cell(`<w:vMerge w:val="restart"/>`, docxtest.Para("We commit to affordable access for all."))},
		[]string{docxtest.Cell("", docxtest.Para("11.\nWe note progress.")), docxtest.Cell("", docxtest.Para("We note uneven progress.")), docxtest.Cell(`<w:vMerge/>`, docxtest.Para(""))},
		[]string{docxtest.Cell(span, docxtest.Para("2. Capacity"))},
		[]string{docxtest.Cell("", docxtest.Para("12.\nWe support training.")), docxtest.Cell("", docxtest.Para("12.")+nested+"<w:p/>"), docxtest.Cell("", docxtest.Para("We support training."))},
		[]string{`<w:trPr><w:gridBefore w:val="1"/></w:trPr>`, docxtest.Cell("", docxtest.Para("New 12bis\nWe support gender-responsive training.")), docxtest.Cell("", "<w:p/>")},
	)
	return docxtest.File(t, body, docxtest.Parts{})
}

// strikeStyles defines a struck character style, a struck paragraph style
// and a paragraph style based on it.
const strikeStyles = `<w:style w:type="character" w:styleId="Deleted"><w:name w:val="Deleted text"/><w:rPr><w:strike/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="StruckPara"><w:name w:val="Struck paragraph"/><w:rPr><w:dstrike w:val="true"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="StruckChild"><w:name w:val="Struck child"/><w:basedOn w:val="StruckPara"/></w:style>` +
	`<w:style w:type="character" w:styleId="NotDeleted"><w:name w:val="Not deleted"/><w:basedOn w:val="Deleted"/><w:rPr><w:strike w:val="off"/></w:rPr></w:style>`

// strikeDocx is a table whose proposal column strikes words through
// directly, by character style, by paragraph style and by a style based on
// it, and undoes strikes with w:val="0", "false" and "off".
func strikeDocx(t testing.TB) []byte {
	p := func(pPr string, runs ...string) string {
		return "<w:p><w:pPr>" + pPr + "</w:pPr>" + strings.Join(runs, "") + "</w:p>"
	}
	body := docxtest.TableOf(3,
		docxtest.HeaderRow(),
		[]string{docxtest.Cell("", docxtest.Para("1. Strikethrough")), docxtest.Cell("", ""), docxtest.Cell("", "")},
		[]string{docxtest.Cell("", docxtest.Para("20.\nWe will enhance cooperation.")),
			docxtest.Cell("", p("", docxtest.Run("", "20."))+p("", docxtest.Run("", "We will "), docxtest.Run("<w:strike/>", "enhance"), docxtest.Run("<w:u w:val=\"single\"/>", " strengthen"), docxtest.Run("", " cooperation."))),
			docxtest.Cell("", p("", docxtest.Run("", "We will strengthen cooperation.")))},
		[]string{docxtest.Cell("", docxtest.Para("21.\nWe note the role of all stakeholders.")),
			docxtest.Cell("", p("", docxtest.Run(`<w:rStyle w:val="Deleted"/>`, "We note"), docxtest.Run("", "We welcome the role of all stakeholders."))),
			docxtest.Cell("", p("", docxtest.Run(`<w:dstrike/>`, "old words "), docxtest.Run(`<w:strike w:val="0"/>`, "We note the role of all stakeholders.")))},
		[]string{docxtest.Cell("", docxtest.Para("22.\nWe invite governments to act.")),
			docxtest.Cell("", p(`<w:pStyle w:val="StruckChild"/>`, docxtest.Run("", "an entire struck line"))+p("", docxtest.Run("", "We invite governments and women to act."))),
			docxtest.Cell("", p(`<w:pStyle w:val="StruckPara"/>`, docxtest.Run(`<w:dstrike w:val="false"/>`, "We invite governments "), docxtest.Run("", "struck by style "), docxtest.Run(`<w:rStyle w:val="NotDeleted"/>`, "to act.")))},
	)
	return docxtest.File(t, body, docxtest.Parts{Styles: strikeStyles})
}

// bracketsDocx is a table whose variant cells hold square-bracketed text,
// brackets split across runs and formatting.
func bracketsDocx(t testing.TB) []byte {
	body := docxtest.TableOf(3,
		docxtest.HeaderRow(),
		[]string{docxtest.Cell("", docxtest.Para("1. Brackets")), docxtest.Cell("", ""), docxtest.Cell("", "")},
		[]string{docxtest.Cell("", docxtest.Para("30.\nWe recognise the role of ICTs.")),
			docxtest.Cell("", "<w:p>"+docxtest.Run("", "30. We recognise the ")+docxtest.Run("<w:b/>", "[")+docxtest.Run("", "central ")+docxtest.Run("<w:u w:val=\"single\"/>", "and gender-responsive")+docxtest.Run("", "] role of ICTs [for")+docxtest.Run("<w:i/>", " all]")+docxtest.Run("", ".")+"</w:p>"),
			docxtest.Cell("", docxtest.Para("We recognise the [central] role of ICTs."))},
		[]string{docxtest.Cell("", docxtest.Para("31.\nWe act.")), docxtest.Cell("", docxtest.Para("We act now.")), docxtest.Cell("", "")},
	)
	return docxtest.File(t, body, docxtest.Parts{})
}

// trackedTwoAuthorsDocx is running text with tracked changes by two
// authors: insertions and deletions by each, a whole paragraph Sweden
// inserts (mark included), a sentence Brazil moves from one paragraph to
// another, and changes of formatting only.
func trackedTwoAuthorsDocx(t testing.TB) []byte {
	const se, br = "Sweden", "Brazil"
	body := docxtest.Para("Draft outcome document") +
		docxtest.Para("1. Principles") +
		"<w:p>" + docxtest.Runs("1. We affirm that", "w:t", "") + docxtest.Ins("1", se, " gender equality and") + docxtest.Runs(" human rights apply online", "w:t", "") + docxtest.Del("2", br, " and offline") + docxtest.Runs(".", "w:t", "") + "</w:p>" +
		`<w:p><w:pPr><w:rPr><w:ins w:id="3" w:author="` + se + `" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>` + docxtest.Ins("4", se, "We call for the empowerment of women and girls through ICTs.") + "</w:p>" +
		"<w:p>" + docxtest.Runs("2. We support capacity building.", "w:t", "") +
		`<w:moveFrom w:id="5" w:author="` + br + `" w:date="2025-01-01T00:00:00Z">` + docxtest.Runs(" Developing countries need support.", "w:t", "") + `</w:moveFrom>` + "</w:p>" +
		`<w:p><w:pPr><w:pPrChange w:id="6" w:author="` + se + `" w:date="2025-01-01T00:00:00Z"><w:pPr/></w:pPrChange></w:pPr>` +
		docxtest.Runs("3. We encourage investment in infrastructure.", "w:t", "") +
		`<w:moveTo w:id="7" w:author="` + br + `" w:date="2025-01-01T00:00:00Z">` + docxtest.Runs(" Developing countries need support.", "w:t", "") + `</w:moveTo>` + "</w:p>" +
		"<w:p>" + `<w:r><w:rPr><w:b/><w:rPrChange w:id="8" w:author="Chair" w:date="2025-01-01T00:00:00Z"><w:rPr/></w:rPrChange></w:rPr><w:t xml:space="preserve">4. We note the report.</w:t></w:r>` + "</w:p>" +
		"<w:p>" + docxtest.Runs("5. We ", "w:t", "") + docxtest.Del("9", se, "request") + docxtest.Ins("10", se, "urge") + docxtest.Ins("11", br, " all") + docxtest.Runs(" Member States to act.", "w:t", "") + "</w:p>"
	return docxtest.File(t, body, docxtest.Parts{})
}

// numbering29Docx is running text without tracked changes whose paragraphs
// are numbered automatically from 29, with lettered items, a bulleted line
// and numbering through styles.
func numbering29Docx(t testing.TB) []byte {
	num := func(ilvl int, text string) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + itoaTest(ilvl) + `"/><w:numId w:val="1"/></w:numPr></w:pPr>` + docxtest.Runs(text, "w:t", "") + "</w:p>"
	}
	styled := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + docxtest.Runs(text, "w:t", "") + "</w:p>"
	}
	body := docxtest.Para("Chapter three") +
		docxtest.Para("3. Internet governance") +
		num(0, "We reaffirm the principles of the Geneva phase.") +
		num(0, "We recognise that:") +
		num(1, "governments have a role;") +
		num(1, "the private sector has a role.") +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>` + docxtest.Runs("a bulleted remark of paragraph 30.", "w:t", "") + "</w:p>" +
		docxtest.Para("3a) Infrastructure") +
		styled("NumberedPara", "We support infrastructure.") +
		num(0, "We call for:") +
		num(1, "investment.") +
		styled("Body", "We note the progress.")
	return docxtest.File(t, body, docxtest.Parts{Styles: docxtest.NumberingStyles, Numbering: docxtest.Numbering29})
}

// alternateContentDocx is a table read through wrappers (content controls,
// custom XML, hyperlinks, simple fields, smart tags), with markup
// compatibility branches of which one is read, and the special characters
// of runs.
func alternateContentDocx(t testing.TB) []byte {
	alt := func(requires, choice, fallback string) string {
		return `<mc:AlternateContent><mc:Choice Requires="` + requires + `">` + choice + `</mc:Choice><mc:Fallback>` + fallback + `</mc:Fallback></mc:AlternateContent>`
	}
	body := docxtest.TableOf(2,
		[]string{docxtest.Cell("", docxtest.Para("Base")), docxtest.Cell("", docxtest.Para("Proposal"))},
		[]string{docxtest.Cell("", docxtest.Para("1. Wrappers")), docxtest.Cell("", "")},
		[]string{docxtest.Cell("", `<w:sdt><w:sdtPr/><w:sdtContent><w:p>`+docxtest.Run("", "40. We welcome ")+`<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+docxtest.Run("", "the report")+`</w:hyperlink>`+docxtest.Run("", " of the ")+
			`<w:fldSimple w:instr=" REF x ">`+docxtest.Run("", "Working Group")+`</w:fldSimple>`+`<w:customXml w:element="x">`+docxtest.Run("", " on")+`</w:customXml>`+`<w:smartTag w:element="place">`+docxtest.Run("", " Internet")+`</w:smartTag>`+docxtest.Run("", " governance.")+`</w:p></w:sdtContent></w:sdt>`),
			docxtest.Cell("", "<w:p>"+docxtest.Run("", "We welcome the report")+alt("w14", docxtest.Run("", " and its annex"), docxtest.Run("", " and its annex (fallback)"))+alt("x", docxtest.Run("", " (unknown choice)"), docxtest.Run("", " of the Working Group"))+
				docxtest.Run("", " on Internet governance")+"</w:p>")},
		[]string{docxtest.Cell("", "<w:p>"+`<w:r><w:t>41.</w:t><w:tab/><w:t>Non</w:t><w:noBreakHyphen/><w:t>discrimination in multi</w:t><w:softHyphen/><w:t>stakeholder fora</w:t><w:br/><w:t>is essential.</w:t></w:r>`+"</w:p>"),
			docxtest.Cell("", "<w:p>"+`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://example.org" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+docxtest.Run("", "Non-discrimination is essential.")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`+"</w:p>")},
	)
	body = alt("w14", body, docxtest.Para("fallback text that must not be read"))
	return docxtest.File(t, body, docxtest.Parts{})
}

// TestDocxFixturesGenerated: every generated fixture committed is what its
// generator writes today.
func TestDocxFixturesGenerated(t *testing.T) {
	for name, gen := range docxFixtures(t) {
		data, err := os.ReadFile(filepath.Join(docxtest.FixtureDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(gen, data) {
			t.Errorf("%s differs from what its generator writes: run with -docx-generate", name)
		}
	}
}
