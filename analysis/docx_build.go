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
			for len(cells) > 2 && cells[len(cells)-1].text == "" {
				cells = cells[:len(cells)-1]
			}
			width = len(cells)
			if err := p.names(cells); err != nil {
				return nil, err
			}
			continue
		}
		for len(cells) > width && cells[len(cells)-1].text == "" {
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

// unnamedAuthor names the variant of tracked changes without an author.
const unnamedAuthor = "Unnamed author"

// runningDoc reads the running text of a Word document, each paragraph
// (w:p) one line. Its variants are the base (every tracked change rejected),
// one per author of tracked changes in order of first appearance (the base
// with that author's changes accepted) and, when opts.Outcome is AcceptAll,
// AcceptedName (every change accepted).
//
// A paragraph starting with a number (typed or automatic) starts a row of
// the table dump's rules (a heading or a numbered paragraph); the paragraphs
// after it are its further lines. Text before the first number (a title, a
// preamble) is not read. A paragraph an author inserted whole and that has
// no number of its own is a new paragraph of that author, after its
// predecessor, numbered like it with "bis" ("40bis", then "40ter"...).
func runningDoc(file string, body []docxBlock, labels map[*docxPara]string, opts ParseOptions) (*Document, error) {
	paras := docxParagraphs(body, nil)
	var authors []string
	seen := map[string]bool{}
	note := func(c change) {
		if c.kind == unchanged {
			return
		}
		if c.author == "" {
			c.author = unnamedAuthor
		}
		if !seen[c.author] {
			seen[c.author] = true
			authors = append(authors, c.author)
		}
	}
	for _, p := range paras {
		for _, pc := range p.pieces {
			note(pc.change)
		}
		note(p.mark)
	}
	doc := newDocument(file)
	doc.Variants = []string{BaseName}
	views := []view{rejected}
	p := &tableParser{file: file, unit: "paragraph", doc: doc, lim: opts.Limits, seen: map[string]int{}, sectionAt: map[string]int{}}
	for _, a := range authors {
		if len(doc.Variants) >= opts.Limits.MaxVariants {
			return nil, docxErrorf(file, "", "tracked changes by %s authors, the limit is %s variants, the base included", formatCount(int64(len(authors))), formatCount(int64(opts.Limits.MaxVariants)))
		}
		if msg := addVariant(doc, a); msg != "" {
			return nil, docxErrorf(file, "", "tracked changes by author %q: %s: expected authors named apart", a, msg)
		}
		if a == unnamedAuthor {
			a = ""
		}
		views = append(views, byAuthor(a))
	}
	if opts.Outcome == AcceptAll && len(authors) > 0 {
		if msg := addVariant(doc, AcceptedName); msg != "" {
			return nil, docxErrorf(file, "", "%s: expected no author named %q", msg, AcceptedName)
		}
		views = append(views, accepted)
	} else if len(authors) > 1 {
		// Authors are proposals side by side: none is the outcome.
		doc.Outcome = NoOutcome
	}

	type group struct {
		n     int        // paragraph that starts it
		lines [][]string // per variant
	}
	var cur *group
	flush := func() error {
		if cur == nil {
			return nil
		}
		cells := make([]cell, len(views))
		for v := range views {
			text := strings.TrimSpace(strings.Join(cur.lines[v], "\n"))
			if len(text) > opts.Limits.MaxCellBytes {
				return p.errorf(cur.n, "%s text of %s bytes, the limit is %s", doc.Variants[v], formatCount(int64(len(text))), formatSize(int64(opts.Limits.MaxCellBytes)))
			}
			cells[v] = cell{line: cur.n, textLine: cur.n, text: text}
		}
		cur = nil
		return p.row(cells)
	}
	lastID := ""
	bis := map[string]int{}
	for _, para := range paras {
		texts := make([]string, len(views))
		lead := ""
		for v, vw := range views {
			texts[v] = strings.TrimSpace(paraText(para, vw, labels[para]))
			if lead == "" {
				lead = texts[v]
			}
		}
		if lead == "" {
			continue
		}
		l, labelled := parseLabel(lead)
		switch {
		case labelled:
			if err := flush(); err != nil {
				return nil, err
			}
			lastID = l.id
			cur = &group{n: para.n, lines: make([][]string, len(views))}
		case texts[0] == "" && lastID != "":
			// Inserted whole, without a number: a new paragraph after
			// its predecessor.
			if err := flush(); err != nil {
				return nil, err
			}
			id := newID(lastID, bis, p.seen)
			for v := range texts {
				if texts[v] != "" {
					texts[v] = "New " + id + "\n" + texts[v]
				}
			}
			cur = &group{n: para.n, lines: make([][]string, len(views))}
		case cur == nil:
			continue // text before the first number
		}
		for v, t := range texts {
			if t != "" {
				cur.lines[v] = append(cur.lines[v], t)
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(doc.Paragraphs) == 0 {
		return nil, docxErrorf(file, "", "no numbered paragraph in %d paragraphs: expected a compilation table, or paragraphs starting with a number (\"39.\", typed or automatic)", len(paras))
	}
	return doc, nil
}

// bisSuffixes are the Latin suffixes of inserted paragraphs' numbers.
var bisSuffixes = []string{"bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"}

// newID returns the next free ID for a paragraph inserted after paragraph
// id: "40bis", "40ter"..., then "40new11" and so on.
func newID(id string, bis map[string]int, taken map[string]int) string {
	base := strings.TrimRightFunc(id, func(r rune) bool { return r < '0' || r > '9' })
	if base == "" {
		base = id
	}
	for {
		k := bis[base]
		bis[base]++
		var cand string
		if k < len(bisSuffixes) {
			cand = base + bisSuffixes[k]
		} else {
			cand = base + "bis" + formatNumber(k-len(bisSuffixes)+1, "lowerLetter")
		}
		if _, ok := taken[cand]; !ok {
			return cand
		}
	}
}
