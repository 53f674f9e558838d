package analysis

import (
	"testing"

	"amendlens/docx/docxtest"
	"amendlens/parse"
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
	table := docxtest.TableOf(3,
		docxtest.HeaderRow(),
		[]string{docxtest.Cell("", docxtest.Para("1. Hidden")), docxtest.Cell("", ""), docxtest.Cell("", "")},
		[]string{docxtest.Cell("", docxtest.Para("20.\nWe will enhance cooperation.")),
			docxtest.Cell("", p("", docxtest.Run("", "We will "), docxtest.Run("<w:vanish/>", "secretly "), docxtest.Run(`<w:rStyle w:val="Secret"/>`, "quietly "), docxtest.Run("", "enhance cooperation"), docxtest.Run("<w:specVanish/>", " now"), docxtest.Run("", "."))),
			docxtest.Cell("", p(`<w:pStyle w:val="HiddenChild"/>`, docxtest.Run("", "a hidden line "), docxtest.Run(`<w:vanish w:val="0"/>`, "We will "), docxtest.Run(`<w:rStyle w:val="Shown"/>`, "enhance "), docxtest.Run(`<w:vanish w:val="false"/>`, "cooperation.")))},
	)
	checkDocx(t, parseDocxOK(t, "hidden.docx", docxtest.File(t, table, docxtest.Parts{Styles: hiddenStyles}), parse.Options{}), docxWant{
		variants:   []string{BaseName, "Proposal", "Outcome"},
		sections:   []string{"1 Hidden"},
		paragraphs: [][]string{{"20", "We will enhance cooperation.", "We will enhance cooperation.", "We will enhance cooperation."}},
	})

	// Tracked running text: Ghost's only change is hidden.
	body := docxtest.Para("1. Hidden") +
		p("", docxtest.Run("", "2. We act"), `<w:ins w:id="1" w:author="Ghost" w:date="2025-01-01T00:00:00Z"><w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> unseen</w:t></w:r></w:ins>`,
			docxtest.Ins("2", "Chair", " now"), docxtest.Run(`<w:rStyle w:val="Secret"/>`, " hidden words"), docxtest.Run("", ".")) +
		p(`<w:pStyle w:val="HiddenPara"/>`, docxtest.Run("", "3. A hidden paragraph.")) +
		p("", docxtest.Run("", "4. We note."))
	checkDocx(t, parseDocxOK(t, "hidden.docx", docxtest.File(t, body, docxtest.Parts{Styles: hiddenStyles}), parse.Options{Tracked: true}), docxWant{
		variants:   []string{BaseName, "Chair"},
		sections:   []string{"1 Hidden"},
		paragraphs: [][]string{{"2", "We act.", "We act now."}, {"4", "We note.", "We note."}},
	})
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
	body := docxtest.Para("1. Marks") +
		numbered(docxtest.Run("", "We act.")) +
		insMark(docxtest.Run("", "We welcome")) + // split by Kenya
		numbered(docxtest.Run("", "the plan.")) +
		insMark(docxtest.Run("", "We note.")) + // Enter at its end, then a new paragraph
		numbered(docxtest.Ins("1", "Kenya", "We add this.")) +
		numbered(docxtest.Run("", "We close."))
	doc := parseDocxOK(t, "numbered.docx", docxtest.File(t, body, docxtest.Parts{Numbering: docxtest.Numbering29}), parse.Options{Tracked: true})
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
