package analysis

import "testing"

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
