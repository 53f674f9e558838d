package analysis

import (
	"strings"
	"unicode"
)

// buildDocx turns the blocks of a Word document into a Document: the first
// table whose header row has 2 or more cells when there is one (unless
// opts.Tracked and the document has tracked changes), else its running
// text, one variant per author of tracked changes.
func buildDocx(file string, body []docxBlock, st *docxStyles, num *docxNumbering, opts ParseOptions) (*Document, error) {
	labels := map[*docxPara]string{}
	numberParas(body, st, num, labels)
	table := firstTable(body)
	if table != nil && !(opts.Tracked && hasTracked(body)) {
		return docxTableDoc(file, table, labels, opts.Limits)
	}
	return runningDoc(file, body, labels, opts)
}

// numberParas computes, in document order, the number Word shows before each
// automatically numbered paragraph. A paragraph whose mark is a tracked
// insertion is not counted: numbers are those of the base text.
func numberParas(blocks []docxBlock, st *docxStyles, num *docxNumbering, labels map[*docxPara]string) {
	for _, b := range blocks {
		if b.table != nil {
			for _, r := range b.table.rows {
				for _, c := range r.cells {
					numberParas(c.blocks, st, num, labels)
				}
			}
			continue
		}
		p := b.para
		if p.mark.kind == inserted {
			continue
		}
		ref := p.num
		if fromStyle := st.numOf(p.style); ref == nil {
			ref = fromStyle
		} else if ref.numID == "" && fromStyle != nil {
			ref = &numRef{numID: fromStyle.numID, ilvl: ref.ilvl}
		}
		if l := num.label(ref, st); l != "" {
			labels[p] = l
		}
	}
}

// firstTable returns the first table of the body whose first row has two
// cells or more, nil when none.
func firstTable(blocks []docxBlock) *docxTable {
	for _, b := range blocks {
		if b.table != nil && len(b.table.rows) > 0 && len(b.table.rows[0].cells) >= 2 {
			return b.table
		}
	}
	return nil
}

// hasTracked reports whether any paragraph of blocks holds a tracked
// insertion or deletion.
func hasTracked(blocks []docxBlock) bool {
	for _, p := range docxParagraphs(blocks, nil) {
		if p.mark.kind != unchanged {
			return true
		}
		for _, pc := range p.pieces {
			if pc.change.kind != unchanged {
				return true
			}
		}
	}
	return false
}

// docxParagraphs appends to ps the paragraphs of blocks in document order,
// those of table cells row by row.
func docxParagraphs(blocks []docxBlock, ps []*docxPara) []*docxPara {
	for _, b := range blocks {
		if b.para != nil {
			ps = append(ps, b.para)
			continue
		}
		for _, r := range b.table.rows {
			for _, c := range r.cells {
				ps = docxParagraphs(c.blocks, ps)
			}
		}
	}
	return ps
}

// view chooses which tracked changes a text keeps.
type view func(c change) bool

// accepted keeps insertions and drops deletions: the text as it reads once
// every change is accepted.
func accepted(c change) bool { return c.kind != deleted }

// rejected keeps deletions and drops insertions: the base text.
func rejected(c change) bool { return c.kind != inserted }

// byAuthor keeps the changes of author, accepted, and rejects the others.
func byAuthor(author string) view {
	return func(c change) bool {
		switch c.kind {
		case inserted:
			return c.author == author
		case deleted:
			return c.author != author
		}
		return true
	}
}

// paraText returns the text of p in view v, struck-through text left out,
// after its automatic number when it has one. Spaces at the ends of lines
// are kept, as table dumps keep them. A number ending with a dot or
// parenthesis starts the line, others ("29") stand on a line of their own,
// as labels do in table dumps.
func paraText(p *docxPara, v view, label string) string {
	var b strings.Builder
	for _, pc := range p.pieces {
		if !pc.strike && v(pc.change) {
			b.WriteString(pc.text)
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
func blocksText(blocks []docxBlock, v view, labels map[*docxPara]string) string {
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
// (see ParseTableDump): row 1 is the header, each other row a heading or a
// paragraph. A merged cell's text is in its first grid column and the
// continuation of a vertical merge is empty, so merges never shift columns.
// Tracked changes inside the table are read accepted.
func docxTableDoc(file string, t *docxTable, labels map[*docxPara]string, lim Limits) (*Document, error) {
	doc := newDocument(file)
	doc.Variants = []string{BaseName}
	p := &tableParser{file: file, unit: "table row", doc: doc, lim: lim, seen: map[string]int{}, sectionAt: map[string]int{}}
	var width int
	for i, r := range t.rows {
		n := i + 1
		var cells []cell
		for range r.before {
			cells = append(cells, cell{line: n, textLine: n})
		}
		for _, c := range r.cells {
			text := ""
			if !c.continued {
				text = blocksText(c.blocks, accepted, labels)
			}
			if len(text) > lim.MaxCellBytes {
				return nil, p.errorf(n, "cell %d of %s bytes, the limit is %s", len(cells)+1, formatCount(int64(len(text))), formatSize(int64(lim.MaxCellBytes)))
			}
			cells = append(cells, cell{line: n, textLine: n, text: text})
			for range c.span - 1 {
				cells = append(cells, cell{line: n, textLine: n})
			}
		}
		if i == 0 {
			for len(cells) > 2 && blank(cells[len(cells)-1].text) {
				cells = cells[:len(cells)-1]
			}
			width = len(cells)
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
	if len(doc.Paragraphs) == 0 {
		return nil, p.errorf(len(t.rows), "expected at least one paragraph row after the header row")
	}
	return doc, nil
}
