package parse

import (
	"strings"
	"unicode"

	"amendlens/docx"
)

// buildDocx turns the blocks of a Word document into a Document: the first
// table whose header row has 2 or more cells when there is one (unless
// opts.Tracked and the document has tracked changes), else its running
// text, one variant per author of tracked changes.
//
// A table that is no compilation (see compilation: a 2x2 table, a list of
// sponsors, an annex) does not make the document one: when it does not
// read as one, the document is read as running text, its tables' cells in
// place, and Document.Note says so. It is refused only when neither
// reading fits, with both readings' errors.
func buildDocx(file string, body []docx.Block, labels map[*docx.Para]string, opts Options) (*Document, error) {
	table := firstTable(body)
	if table == nil || opts.Tracked && hasTracked(body) {
		return runningDoc(file, body, labels, opts)
	}
	doc, err := docxTableDoc(file, table, labels, opts.Limits, opts.SourceColumn)
	if err == nil || compilation(table, labels) {
		return doc, err
	}
	text, terr := runningDoc(file, body, labels, opts)
	if terr != nil {
		return nil, docxErrorf(file, "", "neither a compilation table (%v) nor numbered running text (%v): expected a table of variants or paragraphs starting with their numbers", err, terr)
	}
	text.Note = "read as running text, its tables' cells as text: its first table is not a compilation of variants (" + err.Error() + ")"
	return text, nil
}

// compilation reports whether t looks like a compilation of variants,
// whose errors are the document's: a row after the header whose first
// cell with text starts with a paragraph number.
func compilation(t *docx.Table, labels map[*docx.Para]string) bool {
	for _, r := range t.Rows[1:] {
		for _, c := range r.Cells {
			text := strings.TrimSpace(blocksText(c.Blocks, accepted, labels))
			if blank(text) {
				continue
			}
			if _, ok := parseLabel(text); ok {
				return true
			}
			break
		}
	}
	return false
}

// firstTable returns the first table of the body whose first row has two
// cells or more, nil when none.
func firstTable(blocks []docx.Block) *docx.Table {
	for _, b := range blocks {
		if b.Table != nil && len(b.Table.Rows) > 0 && len(b.Table.Rows[0].Cells) >= 2 {
			return b.Table
		}
	}
	return nil
}

// hasTracked reports whether any paragraph of blocks holds a tracked
// insertion or deletion.
func hasTracked(blocks []docx.Block) bool {
	for _, p := range docxParagraphs(blocks, nil) {
		if p.Mark.Kind != docx.Unchanged {
			return true
		}
		for _, pc := range p.Pieces {
			if pc.Change.Kind != docx.Unchanged {
				return true
			}
		}
	}
	return false
}

// docxParagraphs appends to ps the paragraphs of blocks in document order,
// those of table cells row by row.
func docxParagraphs(blocks []docx.Block, ps []*docx.Para) []*docx.Para {
	for _, b := range blocks {
		if b.Para != nil {
			ps = append(ps, b.Para)
			continue
		}
		for _, r := range b.Table.Rows {
			for _, c := range r.Cells {
				ps = docxParagraphs(c.Blocks, ps)
			}
		}
	}
	return ps
}

// view chooses which tracked changes a text keeps.
type view func(c docx.Change) bool

// accepted keeps insertions and drops deletions: the text as it reads once
// every change is accepted.
func accepted(c docx.Change) bool { return c.Kind != docx.Deleted }

// rejected keeps deletions and drops insertions: the base text.
func rejected(c docx.Change) bool { return c.Kind != docx.Inserted }

// byAuthor keeps the changes of author, accepted, and rejects the others.
func byAuthor(author string) view {
	return func(c docx.Change) bool {
		switch c.Kind {
		case docx.Inserted:
			return c.Author == author
		case docx.Deleted:
			return c.Author != author
		}
		return true
	}
}

// paraText returns the text of p in view v, struck-through text left out,
// after its automatic number when it has one. Spaces at the ends of lines
// are kept, as table dumps keep them. A number ending with a dot or
// parenthesis starts the line, others ("29") stand on a line of their own,
// as labels do in table dumps.
func paraText(p *docx.Para, v view, label string) string {
	var b strings.Builder
	for _, pc := range p.Pieces {
		if !pc.Strike && v(pc.Change) {
			b.WriteString(pc.Text)
		}
	}
	text := b.String()
	if label == "" || strings.TrimSpace(text) == "" {
		return text
	}
	text = strings.TrimLeftFunc(text, unicode.IsSpace)
	if strings.HasSuffix(label, ".") || strings.HasSuffix(label, ")") {
		return label + " " + text
	}
	return label + "\n" + text
}

// blocksText returns the lines of blocks in view v: one per paragraph, those
// of nested tables included, trimmed as the cells of a table dump are.
func blocksText(blocks []docx.Block, v view, labels map[*docx.Para]string) string {
	var lines []string
	for _, p := range docxParagraphs(blocks, nil) {
		lines = append(lines, paraText(p, v, labels[p]))
	}
	lead := 0
	for lead < len(lines) && strings.TrimSpace(lines[lead]) == "" {
		lead++
	}
	return strings.TrimSpace(strings.Join(lines[lead:], "\n"))
}

// docxTableDoc reads a compilation table with the rules of the table dump
// (see readTableDump): row 1 is the header, each other row a heading or a
// paragraph. A merged cell's text is in its first grid column and the
// continuation of a vertical merge is empty, so merges never shift columns.
// Tracked changes inside the table are read accepted.
func docxTableDoc(file string, t *docx.Table, labels map[*docx.Para]string, lim Limits, source string) (*Document, error) {
	doc := newDocument(file)
	doc.Variants, doc.Unit = []string{BaseName}, UnitTableRow
	p := &tableParser{file: file, unit: UnitTableRow, doc: doc, lim: lim, seen: map[string]int{}, sectionAt: map[string]int{}}
	var width int
	var comp *compColumns // the header is a compilation of proposals'
	var compRows []compRow
	for i, r := range t.Rows {
		n := i + 1
		var cells []cell
		for range r.Before {
			cells = append(cells, cell{line: n, textLine: n})
		}
		for _, c := range r.Cells {
			text := ""
			if !c.Continued {
				text = blocksText(c.Blocks, accepted, labels)
			}
			if len(text) > lim.MaxCellBytes {
				return nil, p.errorf(n, "cell %d of %s bytes, the limit is %s", len(cells)+1, FormatCount(int64(len(text))), formatSize(int64(lim.MaxCellBytes)))
			}
			cells = append(cells, cell{line: n, textLine: n, text: text})
			for range c.Span - 1 {
				cells = append(cells, cell{line: n, textLine: n})
			}
		}
		if comp != nil {
			row := compRow{line: n}
			for _, c := range cells {
				row.cells = append(row.cells, c.text)
			}
			compRows = append(compRows, row)
			continue
		}
		if i == 0 {
			for len(cells) > 2 && blank(cells[len(cells)-1].text) {
				cells = cells[:len(cells)-1]
			}
			width = len(cells)
			header := make([]string, len(cells))
			for k, c := range cells {
				header[k] = c.text
			}
			if c, ok := compilationColumns(header, source); ok {
				comp = &c
				continue
			}
			if err := p.names(cells); err != nil {
				return nil, err
			}
			continue
		}
		for len(cells) > width && blank(cells[len(cells)-1].text) {
			cells = cells[:len(cells)-1]
		}
		if len(cells) > width {
			return nil, p.errorf(n, "row of %d cells with text in cell %d: expected at most %d, one per column of the header row", len(cells), len(cells), width)
		}
		for len(cells) < width {
			cells = append(cells, cell{line: n, textLine: n})
		}
		if err := p.row(cells); err != nil {
			return nil, err
		}
	}
	if comp != nil {
		cd, err := compilationDocument(file, *comp, compRows, lim)
		if cd != nil {
			cd.Unit = UnitTableRow
		}
		return cd, err
	}
	if len(doc.Paragraphs) == 0 {
		return nil, p.errorf(len(t.Rows), "expected at least one paragraph row after the header row")
	}
	return doc, nil
}
