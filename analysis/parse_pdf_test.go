package analysis

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPDF reads PDFs that LibreOffice made from running-text files (see
// testdata/analysis/pdf/README.md) and holds each equal to its text file
// read as text: the same paragraph numbers and sections, in order, and at
// least 99% of the words; the summary says the text came from a PDF. A
// PDF without a text layer is refused saying so.
func TestPDF(t *testing.T) {
	tok := NewTokenizer()
	for _, tc := range []struct{ pdf, txt string }{
		{"draft.pdf", "../testdata/chain/draft.txt"},
		{"wsis-gc-proposal.pdf", "../testdata/wsis-gc-proposal.txt"},
	} {
		pdfData, err := os.ReadFile(filepath.Join("..", "testdata", "analysis", "pdf", tc.pdf))
		if err != nil {
			t.Fatal(err)
		}
		txtData, err := os.ReadFile(tc.txt)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseWith(tc.pdf, pdfData, ParseOptions{})
		if err != nil {
			t.Fatalf("%s: %v", tc.pdf, err)
		}
		want, err := ParseWith(filepath.Base(tc.txt), txtData, ParseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ids := func(d *Document) (ps, ss []string) {
			for _, p := range d.Paragraphs {
				ps = append(ps, p.Section+"/"+p.ID)
			}
			for _, s := range d.Sections {
				ss = append(ss, s.ID+" "+s.Title)
			}
			return ps, ss
		}
		gp, gs := ids(got)
		wp, ws := ids(want)
		if !slices.Equal(gp, wp) || !slices.Equal(gs, ws) {
			t.Errorf("%s: paragraphs %v in sections %v, want %v in %v", tc.pdf, gp, gs, wp, ws)
		}
		var gt, wt []Token
		for _, p := range got.Paragraphs {
			gt = append(gt, tok.Tokenize(p.Texts[0])...)
		}
		for _, p := range want.Paragraphs {
			wt = append(wt, tok.Tokenize(p.Texts[0])...)
		}
		total, differ := CountWords(wt), 0
		for _, sp := range Diff(wt, gt) {
			differ += max(sp.Added, sp.Deleted)
		}
		if share := 1 - float64(differ)/float64(total); share < 0.99 {
			t.Errorf("%s: %.2f%% of the %d words as in the text file, want 99%% at least", tc.pdf, 100*share, total)
		} else {
			t.Logf("%s: %d of %d words as in the text file", tc.pdf, total-differ, total)
		}
		if !strings.HasPrefix(got.Note, "read from the text layer of a PDF of ") {
			t.Errorf("%s: note %q", tc.pdf, got.Note)
		}
	}
	data, err := os.ReadFile(filepath.Join("..", "testdata", "analysis", "pdf", "no-text.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseWith("scan.pdf", data, ParseOptions{})
	var pe *ParseError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "scan.pdf:1: a PDF without a text layer") || !strings.Contains(err.Error(), "OCR") {
		t.Errorf("a PDF without text: %v", err)
	}
	if _, err := ParseWith("broken.pdf", []byte("%PDF-1.4\nnot a pdf at all"), ParseOptions{}); !errors.As(err, &pe) || !strings.Contains(err.Error(), "a PDF that does not read") {
		t.Errorf("a broken PDF: %v", err)
	}
}

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

// FuzzParsePDF reads mutated PDFs: a PDF reads, or is refused with an
// error naming the file, never a crash; what reads analyses and
// validates.
func FuzzParsePDF(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "analysis", "pdf", "*.pdf"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no PDF seeds in testdata/analysis/pdf (%v)", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !strings.HasPrefix(string(data), pdfMagic) {
			return
		}
		doc, err := ParseWith("f.pdf", data, ParseOptions{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.pdf") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		r, err := Analyse(doc, DefaultDictionary(), Options{})
		if err != nil {
			t.Fatalf("a PDF read into a document that does not analyse: %v", err)
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("a PDF read into a document that does not validate: %v", err)
		}
	})
}
