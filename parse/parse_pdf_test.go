package parse

import (
	"slices"
	"testing"
)

// TestPDFRunningLines: the lines at the top or the bottom of most pages
// of a document, numbers aside, and page numbers, are left out; a line of
// the text that happens to stand at a page's top once is kept.
func TestPDFRunningLines(t *testing.T) {
	var lines []pdfLine
	for p := 1; p <= 4; p++ {
		page := []string{"A/CONF.213/L.1", "Draft outcome, page " + string(rune('0'+p)), "text of page " + string(rune('0'+p)), "05-1234" + string(rune('0'+p)), "- " + string(rune('0'+p)) + " -"}
		if p == 3 {
			page[0] = "43. A paragraph that starts the page."
		}
		for i, s := range page {
			lines = append(lines, pdfLine{text: s, y: float64(800 - 12*i), page: p, top: i == 0, bot: i == len(page)-1})
		}
	}
	kept, dropped := dropRunning(lines, 4)
	var got []string
	for _, l := range kept {
		got = append(got, l.text)
	}
	// The running header (3 pages of 4), the page numbers; the footer
	// line "05-1234N" is not at the bottom (the page number is), so kept.
	want := []string{"Draft outcome, page 1", "text of page 1", "05-12341",
		"Draft outcome, page 2", "text of page 2", "05-12342",
		"43. A paragraph that starts the page.", "Draft outcome, page 3", "text of page 3", "05-12343",
		"Draft outcome, page 4", "text of page 4", "05-12344"}
	if !slices.Equal(got, want) || dropped != 7 {
		t.Errorf("kept %q (%d dropped), want %q (7 dropped)", got, dropped, want)
	}
}

// TestPDFParagraphs: lines join into paragraphs by the space between
// them and by paragraph numbers; a word cut at a line's end is joined
// without the hyphen when the text has it so elsewhere, with it else.
func TestPDFParagraphs(t *testing.T) {
	at := func(page int, y float64, s string) pdfLine { return pdfLine{text: s, y: y, page: page} }
	lines := []pdfLine{
		at(1, 800, "1. Introduction"),
		at(1, 776, "39. We promote the develop-"),
		at(1, 764, "ment of cross-"),
		at(1, 752, "cutting measures."),
		at(1, 728, "40. We note the development"),
		at(1, 716, "of the"),
		at(2, 800, "report."),
		at(2, 788, "41. We close."),
	}
	got := pdfParagraphs(lines)
	want := "1. Introduction\n\n39. We promote the development of cross-cutting measures.\n\n40. We note the development of the report.\n\n41. We close.\n"
	if got != want {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want)
	}
}
