package parse

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// cell is one cell of a table dump.
type cell struct {
	line     int    // line of the tab that starts the cell
	text     string // the cell's text, trimmed, line ends made LF
	textLine int    // line where text starts; line when the cell is empty
}

// readTableDump reads a table dump: the text of a word-processor table with
// one row per paragraph and one column per variant, the first column being
// the base text.
//
// Every cell starts on a line whose first character other than spaces is a
// tab and runs until the next such line; lines in between belong to the
// cell. Rows have as many cells as the header row; the last row may be cut
// short, its missing cells being empty. Lines end with LF, CRLF or CR and the
// file may start with a byte order mark.
//
// The header row is the first cell followed by the variant names, up to the
// first cell that starts with a number or has more than one line (the start
// of the next row). Variant names are thus one line each, trimmed with inner
// white space collapsed and without hidden format characters (see
// RemoveHidden), as are section titles; Variants[0] is always BaseName. The first cell of the header is the first section heading when
// it reads as one (see below) and is otherwise ignored as the base column's
// name.
//
// Each other row is a heading, a paragraph or, when all its cells are empty,
// skipped. Its first non-empty cell must start with a label: a number with
// optional letters ("39.", "43bis", "3a)") alone on its line or followed by
// text after a dot or parenthesis, optionally written after "New" ("New43bis",
// "New 56bis"). The label's ID drops "New", inner spaces and the dot.
//
// A row is a heading when all of these hold:
//   - its first cell has the label and every other cell is empty or repeats
//     a heading with the same ID (variant titles are not kept);
//   - the ID is a number with at most one letter ("3", "3a") and has no "New";
//   - the text after the label, the title, is a single line of at most 16
//     words starting with a letter, digit or quote and not ending with
//     sentence punctuation (. , ; : ! ? …).
//
// Any other labelled row is a paragraph: prose has several lines, many words
// or a final full stop. So a one-line paragraph of a few words without final
// punctuation and without variant text reads as a heading; end it with a full
// stop to make it a paragraph. A section ID with a letter ("3a") is a
// subsection of the number ("3"); a subsection whose parent has not appeared
// gets one created with an empty title.
//
// A paragraph's text in a column is its cell's text without the label; a
// variant cell may repeat the paragraph's number or not, but a number alone on
// the first line of a variant cell must be the paragraph's. An empty cell
// means the variant has no text for the paragraph. A paragraph whose base cell
// is empty is New. Every paragraph belongs to the innermost section heading
// before it.
//
// Errors are *ParseError values naming the line and what was expected.
// readTableDump applies DefaultLimits.
func readTableDump(file string, data []byte) (*Document, error) {
	lim := DefaultLimits()
	if err := checkFileSize(file, data, lim); err != nil {
		return nil, err
	}
	return removeHidden(parseTableDump(file, data, lim, ""))
}

// parseTableDump is readTableDump within lim, whose file size has been
// checked.
func parseTableDump(file string, data []byte, lim Limits, source string) (*Document, error) {
	data = bytes.TrimPrefix(data, bom)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Errorf(file, 1, "empty file: expected a table dump whose cells each start on a line with a tab")
	}
	lines, err := splitLines(file, data)
	if err != nil {
		return nil, err
	}
	cells, err := splitCells(file, lines, lim)
	if err != nil {
		return nil, err
	}

	if doc, ok, err := tableCompilation(file, cells, lim, source); ok {
		return doc, err
	}
	doc := newDocument(file)
	doc.Variants = []string{BaseName}
	p := &tableParser{file: file, doc: doc, lim: lim, seen: map[string]int{}, sectionAt: map[string]int{}}
	n, err := p.header(cells)
	if err != nil {
		return nil, err
	}
	for start := n; start < len(cells); start += n {
		row := make([]cell, n)
		copy(row, cells[start:min(start+n, len(cells))])
		if err := p.row(row); err != nil {
			return nil, err
		}
	}
	if len(doc.Paragraphs) == 0 {
		return nil, Errorf(file, len(lines), "expected at least one paragraph row after the header row")
	}
	return doc, nil
}

// tableCompilation reads a table dump whose header row is a compilation's
// (see compilationColumns): ok is false for a table of variants.
func tableCompilation(file string, cells []cell, lim Limits, source string) (*Document, bool, error) {
	n := 0
	for n < len(cells) && !startsWithLabel(cells[n].text) && !strings.Contains(cells[n].text, "\n") && !blank(cells[n].text) {
		n++
	}
	header := make([]string, n)
	for i := range header {
		header[i] = cells[i].text
	}
	c, ok := compilationColumns(header, source)
	if !ok {
		return nil, false, nil
	}
	var rows []compRow
	for start := n; start < len(cells); start += n {
		row := compRow{line: cells[start].line}
		for _, x := range cells[start:min(start+n, len(cells))] {
			row.cells = append(row.cells, x.text)
		}
		rows = append(rows, row)
	}
	doc, err := compilationDocument(file, c, rows, lim)
	return doc, true, err
}

// splitCells cuts lines into cells, none larger than lim.MaxCellBytes.
func splitCells(file string, lines []string, lim Limits) ([]cell, error) {
	var cells []cell
	var body []string
	size := 0 // bytes of the current cell after its tab, line ends included
	flush := func() error {
		if size > lim.MaxCellBytes {
			return cellTooLarge(file, cells[len(cells)-1].line, "cell", size, lim)
		}
		c := &cells[len(cells)-1]
		lead := 0
		for lead < len(body) && strings.TrimSpace(body[lead]) == "" {
			lead++
		}
		c.text = strings.TrimSpace(strings.Join(body[lead:], "\n"))
		if len(body)-lead == 1 {
			// A one-line cell would be a slice of the whole file's text and
			// keep all of it alive as long as the document lives.
			c.text = strings.Clone(c.text)
		}
		if c.text != "" {
			c.textLine = c.line + lead
		}
		return nil
	}
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if strings.HasPrefix(trimmed, "\t") {
			if len(cells) > 0 {
				if err := flush(); err != nil {
					return nil, err
				}
			}
			cells = append(cells, cell{line: i + 1, textLine: i + 1})
			body = append(body[:0], trimmed[1:])
			size = len(trimmed) - 1
			continue
		}
		if len(cells) == 0 {
			if strings.TrimSpace(l) != "" {
				return nil, Errorf(file, i+1, "expected a table cell, a line starting with a tab, found %s", Quote(l))
			}
			continue
		}
		body = append(body, l)
		size += 1 + len(l)
	}
	if len(cells) == 0 {
		return nil, Errorf(file, 1, "no table cell found: expected lines starting with a tab")
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return cells, nil
}

// tableParser holds the state of a table's reading between rows. The table
// dump and the tables of Word documents feed it cells; unit names what a
// cell's line counts ("" for lines of a file, "table row" for the rows of a
// Word table, "paragraph" for the paragraphs of running text) so that errors
// say where they are.
type tableParser struct {
	file      string
	unit      string
	doc       *Document
	lim       Limits
	section   string         // ID of the current section
	seen      map[string]int // line of each paragraph ID
	sectionAt map[string]int // index in doc.Sections of each section ID
}

// errorf builds a *ParseError at line, a line of the file or, when p.unit
// is set, a row or paragraph of a Word document.
func (p *tableParser) errorf(line int, format string, args ...any) *ParseError {
	e := Errorf(p.file, line, format, args...)
	if p.unit != "" {
		e.Where = fmt.Sprintf("%s %d", p.unit, line)
	}
	return e
}

// place names line for messages: "line 12", "table row 12".
func (p *tableParser) place(line int) string {
	if p.unit == "" {
		return fmt.Sprintf("line %d", line)
	}
	return fmt.Sprintf("%s %d", p.unit, line)
}

// header reads the header row from the start of cells and returns the number
// of cells in a row.
func (p *tableParser) header(cells []cell) (int, error) {
	end := 1
	for end < len(cells) && !startsWithLabel(cells[end].text) && !strings.Contains(cells[end].text, "\n") {
		end++
	}
	// Empty cells before the first label start the next row: a variant name
	// is never empty. A cell of hidden format characters alone looks empty.
	for end > 1 && blank(cells[end-1].text) {
		end--
	}
	return end, p.names(cells[:end])
}

// names reads a header row of end cells: the base column's cell, then the
// variant names.
func (p *tableParser) names(cells []cell) error {
	end := len(cells)
	if end < 2 {
		return p.errorf(cells[0].line, "header row has 1 cell: expected the base column's cell followed by at least one variant name")
	}
	if end > p.lim.MaxVariants {
		return p.errorf(cells[0].line, "header row of %s columns, the limit is %s variants, the base included", FormatCount(int64(end)), FormatCount(int64(p.lim.MaxVariants)))
	}
	for i, c := range cells[1:end] {
		// A name without its hidden format characters, which would make
		// two names that look the same differ; one of them alone is empty.
		name := VisibleName(c.text)
		if name == "" {
			return p.errorf(c.line, "header row: empty variant name in column %d: expected a name of one line", i+2)
		}
		if msg := addVariant(p.doc, name); msg != "" {
			return p.errorf(c.textLine, "header row: %s in column %d: expected a name of its own", msg, i+2)
		}
	}
	first := cells[0]
	if l, ok := parseLabel(first.text); ok {
		if !isHeading(l) {
			return p.errorf(first.textLine, "header row: first cell starts with %s but is not a section heading: expected a heading (a number and a short title) or the base column's name", Quote(firstLineOf(first.text)))
		}
		if err := p.section0(l, first); err != nil {
			return err
		}
	}
	return nil
}

// startsWithLabel reports whether text starts with a label.
func startsWithLabel(text string) bool {
	_, ok := parseLabel(text)
	return ok
}

// isHeading reports whether a labelled cell reads as a section heading.
func isHeading(l label) bool {
	return l.isSectionID() && isTitle(l.body)
}

// section0 adds the heading of cell c, whose label is l.
func (p *tableParser) section0(l label, c cell) error {
	if msg := addSection(p.doc, p.sectionAt, Section{ID: l.id, Title: l.body, Line: c.line}); msg != "" {
		return p.errorf(c.textLine, "%s", msg)
	}
	if len(p.doc.Sections) > p.lim.MaxParagraphs {
		return tooManySections(p.file, c.textLine, l.id, len(p.doc.Sections), p.lim)
	}
	p.section = l.id
	return nil
}

// row reads one row of cells, padded with empty cells to the header's width.
func (p *tableParser) row(row []cell) error {
	k := 0
	for k < len(row) && blank(row[k].text) {
		k++
	}
	if k == len(row) {
		return nil
	}
	lead := row[k]
	prev := ""
	if n := len(p.doc.Paragraphs); n > 0 {
		prev = p.doc.Paragraphs[n-1].ID
	}
	l, ok, stray := labelAfter(lead.text, prev)
	if stray {
		return p.errorf(lead.textLine, "%s", strayNumberError(l, prev))
	}
	if !ok {
		return p.errorf(lead.textLine, "row of %d cells starts with %s: expected a paragraph number (\"39.\"), \"New\" and a number (\"New 43bis\") or a section heading (\"2.\" and a title)", len(row), Quote(firstLineOf(lead.text)))
	}
	if k == 0 && isHeading(l) && p.repeatsHeading(l, row[1:]) {
		return p.section0(l, lead)
	}

	texts := make([]string, len(row))
	for j := range k {
		// Empty but for hidden format characters, which removeHidden
		// counts and removes.
		texts[j] = row[j].text
	}
	texts[k] = l.body
	for j := k + 1; j < len(row); j++ {
		text, err := p.variantText(l.id, row[j], p.doc.Variants[j])
		if err != nil {
			return err
		}
		texts[j] = text
	}
	if !hasText(texts) {
		return p.errorf(lead.textLine, "paragraph %s has no text in any column: expected text after its number", l.id)
	}
	if p.section == "" {
		return p.errorf(lead.textLine, "paragraph %s comes before any section: expected a section heading (a number and a short title) first", l.id)
	}
	if at, dup := p.seen[l.id]; dup {
		return p.errorf(lead.textLine, "duplicate paragraph %s: already at %s", l.id, p.place(at))
	}
	if len(p.doc.Paragraphs) >= p.lim.MaxParagraphs {
		return tooManyParagraphs(p.file, lead.textLine, l.id, p.lim)
	}
	p.seen[l.id] = lead.textLine
	p.doc.Paragraphs = append(p.doc.Paragraphs, Paragraph{
		ID:      l.id,
		Section: p.section,
		New:     texts[0] == "",
		Line:    row[0].line,
		Texts:   texts,
	})
	return nil
}

// repeatsHeading reports whether every cell of others is empty or a heading
// with the ID of l.
func (p *tableParser) repeatsHeading(l label, others []cell) bool {
	for _, c := range others {
		if blank(c.text) {
			continue
		}
		o, ok := parseLabel(c.text)
		if !ok || o.id != l.id || !isHeading(o) {
			return false
		}
	}
	return true
}

// variantText returns the text of cell c of paragraph id in a variant column
// named name, without the paragraph's number when the cell repeats it.
func (p *tableParser) variantText(id string, c cell, name string) (string, error) {
	l, ok := parseLabel(c.text)
	if !ok && len(id) > maxIDDigits {
		// The row's own number of many digits ("10000. The..."), which
		// the row's first cell has already told from a figure.
		if long, ok2 := parseLabelDigits(c.text, maxLoneIDDigits); ok2 && long.id == id {
			l, ok = long, true
		}
	}
	switch {
	case !ok:
		return c.text, nil
	case l.id == id:
		return l.body, nil
	case l.alone:
		return "", p.errorf(c.textLine, "%s cell of paragraph %s is numbered %s: expected %s or no number (is a cell missing or extra?)", name, id, Quote(firstLineOf(c.text)), id)
	default:
		// A number followed by text on the same line is the text's own.
		return c.text, nil
	}
}

// firstLineOf returns the first line of s.
func firstLineOf(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// Quote quotes s for an error message, shortened to 40 runes.
func Quote(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
