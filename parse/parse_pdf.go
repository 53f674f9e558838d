package parse

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// A PDF is read as running text: its text layer's glyphs, placed on the
// page, become lines (by their baseline), lines paragraphs (by the space
// between them), and the paragraphs go to the running-text parser as a
// text file's would. Lines repeated at the top or the bottom of most pages
// (running headers and footers) and lines that are a page number alone are
// dropped; a word hyphenated at a line's end is joined again.

// unreadablePDF is the error of a PDF that does not read, for why.
func unreadablePDF(file string, why any) error {
	return Errorf(file, 1, "a PDF that does not read (%v): expected a PDF with a text layer; save it again from the program that made it, or as .docx or .txt", why)
}

// maxPDFPages bounds the pages read, whatever the file's size.
const maxPDFPages = 2000

// pdfLine is one line of a page: its text and its baseline and height.
type pdfLine struct {
	text     string
	y, size  float64
	page     int
	top, bot bool // the page's first or last line
}

// pdfText returns the running text of a PDF's text layer, its paragraphs
// separated by blank lines, and a note saying how it was read.
func pdfText(ctx context.Context, file string, data []byte) (text, note string, err error) {
	defer func() {
		if p := recover(); p != nil {
			// The PDF library panics on some damaged files.
			text, note, err = "", "", unreadablePDF(file, p)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", "", unreadablePDF(file, err)
	}
	n := r.NumPage()
	if n > maxPDFPages {
		return "", "", Errorf(file, 1, "a PDF of %d pages, the limit is %d", n, maxPDFPages)
	}
	var lines []pdfLine
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return "", "", err
		}
		page := r.Page(i)
		if page.V.IsNull() {
			continue
		}
		lines = append(lines, pageLines(page.Content().Text, i)...)
	}
	if len(lines) == 0 {
		return "", "", Errorf(file, 1, "a PDF without a text layer (%d pages of images: a scan?): amendlens reads the text of a PDF, not its images; run it through OCR first, or save the document as .docx or .txt", n)
	}
	kept, dropped := dropRunning(lines, n)
	text = pdfParagraphs(kept)
	note = fmt.Sprintf("read from the text layer of a PDF of %s", Counted(n, "page"))
	if dropped > 0 {
		note += fmt.Sprintf(", %s of running headers, footers and page numbers left out", Counted(dropped, "line"))
	}
	return text, note, nil
}

// pageLines groups the glyphs of page p into lines, top to bottom, each
// line's glyphs left to right with a space where a gap separates words.
func pageLines(glyphs []pdf.Text, p int) []pdfLine {
	type glyph struct {
		x, y, w, size float64
		s             string
	}
	var gs []glyph
	for _, t := range glyphs {
		if t.S == "" {
			continue
		}
		gs = append(gs, glyph{t.X, t.Y, t.W, t.FontSize, t.S})
	}
	// Top to bottom (PDF's y grows upwards), then left to right.
	sort.SliceStable(gs, func(i, j int) bool {
		if math.Abs(gs[i].y-gs[j].y) > 1 {
			return gs[i].y > gs[j].y
		}
		return gs[i].x < gs[j].x
	})
	var out []pdfLine
	var b strings.Builder
	var cur *glyph
	var end float64
	flush := func() {
		if cur != nil {
			if t := strings.Join(strings.Fields(b.String()), " "); t != "" {
				out = append(out, pdfLine{text: t, y: cur.y, size: cur.size, page: p})
			}
		}
		b.Reset()
	}
	for i := range gs {
		g := &gs[i]
		switch {
		case cur == nil || math.Abs(g.y-cur.y) > math.Max(1, cur.size/3):
			flush()
			cur = g
		case g.x-end > g.size*0.25:
			b.WriteByte(' ') // a gap between words that the PDF does not spell
		}
		b.WriteString(g.s)
		end = g.x + g.w
	}
	flush()
	if len(out) > 0 {
		out[0].top, out[len(out)-1].bot = true, true
	}
	return out
}

// pageNumber is a line that is a page number alone: "3", "- 3 -", "Page 3",
// "Page 3 of 12", "3/12".
var pageNumber = regexp.MustCompile(`(?i)^[-–—\s]*(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?[-–—\s]*$`)

// digits stand for any number when running lines are compared.
var digits = regexp.MustCompile(`\d+`)

// dropRunning leaves out the page numbers at a page's top or bottom, and
// the lines that, numbers aside, stand at the top (or the bottom) of at
// least half the pages of a document of three pages or more: its running
// headers and footers. It returns the lines kept and how many it left out.
func dropRunning(lines []pdfLine, pages int) ([]pdfLine, int) {
	count := map[string]int{}
	key := func(l pdfLine) string {
		pos := "b"
		if l.top {
			pos = "t"
		}
		return pos + digits.ReplaceAllString(strings.ToLower(l.text), "#")
	}
	for _, l := range lines {
		if l.top || l.bot {
			count[key(l)]++
		}
	}
	var kept []pdfLine
	for _, l := range lines {
		edge := l.top || l.bot
		if edge && (pageNumber.MatchString(l.text) || pages >= 3 && 2*count[key(l)] >= pages) {
			continue
		}
		kept = append(kept, l)
	}
	return kept, len(lines) - len(kept)
}

// paraStart is a line that starts a paragraph of a negotiated text
// whatever the space before it: a paragraph number ("39.", "43bis.", "(a)",
// "a)").
var paraStart = regexp.MustCompile(`^(\d{1,5}(bis|ter|quater)?\.|\(?[a-z]\))\s`)

// pdfParagraphs joins lines into paragraphs, separated by blank lines: a
// line starts a paragraph when the space above it is clearly more than
// the page's usual line spacing, on a new page when it starts with a
// paragraph number. A word cut by a hyphen at a line's end is joined
// again: without the hyphen when the text has the word so written
// elsewhere ("develop-" "ment"), else with it ("cross-" "cutting").
func pdfParagraphs(lines []pdfLine) string {
	words := map[string]bool{}
	for _, l := range lines {
		for _, w := range strings.Fields(l.text) {
			words[strings.ToLower(strings.TrimFunc(w, notLetter))] = true
		}
	}
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		if lines[i].page == lines[i-1].page {
			gaps = append(gaps, lines[i-1].y-lines[i].y)
		}
	}
	slices.Sort(gaps)
	usual := 0.0
	if len(gaps) > 0 {
		usual = gaps[len(gaps)/4] // the spacing within paragraphs: the shorter gaps
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			newPara := false
			switch {
			case l.page != prev.page:
				newPara = paraStart.MatchString(l.text)
			default:
				newPara = prev.y-l.y > usual*1.4 || paraStart.MatchString(l.text)
			}
			switch {
			case newPara:
				b.WriteString("\n\n")
			case hyphenated(prev.text, l.text):
				head := prev.text[strings.LastIndexByte(" "+prev.text, ' '):]
				tail, _, _ := strings.Cut(l.text, " ")
				joined := strings.TrimFunc(strings.TrimSuffix(head, "-"), notLetter) + strings.TrimFunc(tail, notLetter)
				if words[strings.ToLower(joined)] {
					s := b.String()
					b.Reset()
					b.WriteString(s[:len(s)-1]) // the hyphen of a cut
				}
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(l.text)
	}
	b.WriteByte('\n')
	return b.String()
}

// hyphenated reports whether a line ending prev continues, cut by a
// hyphen, in next: a letter and a hyphen, then a lower-case letter.
func hyphenated(prev, next string) bool {
	if !strings.HasSuffix(prev, "-") || len(prev) < 2 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-1])
	after, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLetter(before) && unicode.IsLower(after)
}

// notLetter reports whether r is neither a letter nor a digit.
func notLetter(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
