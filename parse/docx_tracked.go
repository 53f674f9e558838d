package parse

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"amendlens/docx"
)

// unnamedAuthor names the variant of tracked changes without an author.
const unnamedAuthor = "Unnamed author"

// runningDoc reads the running text of a Word document, each paragraph
// (w:p) one line. Without tracked changes it is read as running text files
// are (see plainRunningDoc). Otherwise its variants are the base (every
// tracked change rejected), one per author of tracked changes in order of
// first appearance (the base with that author's changes accepted) and, when
// opts.Outcome is AcceptAll, AcceptedName (every change accepted).
//
// A paragraph starting with a number (typed or automatic) starts a row of
// the table dump's rules (a heading or a numbered paragraph); the paragraphs
// after it are its further lines. Text before the first number (a title, a
// preamble) is not read. A paragraph an author inserted whole and that has
// no number of its own is a new paragraph of that author, after its
// predecessor, numbered like it with "bis" ("40bis", then "40ter"...).
func runningDoc(file string, body []docx.Block, labels map[*docx.Para]string, opts Options) (*Document, error) {
	paras := docxParagraphs(body, nil)
	authors := trackedAuthors(paras)
	if len(authors) == 0 {
		return plainRunningDoc(file, body, len(paras), labels, opts.Limits)
	}
	doc := newDocument(file)
	doc.Variants, doc.Unit = []string{BaseName}, UnitParagraph
	views := []view{rejected}
	p := &tableParser{file: file, unit: UnitParagraph, doc: doc, lim: opts.Limits, seen: map[string]int{}, sectionAt: map[string]int{}}
	for _, a := range authors {
		if len(doc.Variants) >= opts.Limits.MaxVariants {
			return nil, docxErrorf(file, "", "tracked changes by %s authors, the limit is %s variants, the base included", FormatCount(int64(len(authors))), FormatCount(int64(opts.Limits.MaxVariants)))
		}
		if msg := addVariant(doc, a); msg != "" {
			return nil, docxErrorf(file, "", "tracked changes by author %q: %s: expected authors named apart", a, msg)
		}
		if a == unnamedAuthor {
			a = ""
		}
		views = append(views, byAuthor(a))
	}
	if opts.Outcome == AcceptAll {
		if msg := addVariant(doc, AcceptedName); msg != "" {
			return nil, docxErrorf(file, "", "%s: expected no author named %q", msg, AcceptedName)
		}
		views = append(views, accepted)
	} else if len(authors) > 1 {
		// Authors are proposals side by side: none is the outcome.
		doc.Outcome = NoOutcome
	}

	groups, err := trackedGroups(opts.Ctx(), paras, views, baseLabels(paras, labels), opts.Limits.MaxCellBytes)
	var big *bigGroupError
	switch {
	case errors.As(err, &big):
		gr := groups[big.group]
		return nil, p.errorf(gr.n, "%s text of more than %s, the limit, from paragraph %d to paragraph %d: expected paragraph marks between paragraphs (a deleted mark joins a paragraph to the next)",
			doc.Variants[big.view], formatSize(int64(opts.Limits.MaxCellBytes)), gr.n, big.at)
	case err != nil:
		return nil, err
	}
	rowOf := make([]string, len(groups)) // ID of each group's row, "" for none
	for g, gr := range groups {
		cells := make([]cell, len(views))
		for v := range views {
			cells[v] = cell{line: gr.n, textLine: gr.n, text: strings.TrimSpace(string(gr.text[v]))}
		}
		np := len(doc.Paragraphs)
		if err := p.row(cells); err != nil {
			return nil, err
		}
		if len(doc.Paragraphs) > np {
			rowOf[g] = doc.Paragraphs[np].ID
		}
	}
	addJoins(doc, groups, rowOf, len(views))
	if len(doc.Paragraphs) == 0 {
		return nil, docxErrorf(file, "", "no numbered paragraph in %d paragraphs: expected a compilation table, or paragraphs starting with a number (\"39.\", typed or automatic)", len(paras))
	}
	return doc, nil
}

// trackedAuthors returns the authors of the tracked changes of paras, in
// the order their first change comes; unnamedAuthor for changes without
// one.
func trackedAuthors(paras []*docx.Para) []string {
	var authors []string
	seen := map[string]bool{}
	note := func(c docx.Change) {
		if c.Kind == docx.Unchanged {
			return
		}
		if c.Author == "" {
			c.Author = unnamedAuthor
		}
		if !seen[c.Author] {
			seen[c.Author] = true
			authors = append(authors, c.Author)
		}
	}
	for _, p := range paras {
		for _, pc := range p.Pieces {
			note(pc.Change)
		}
		note(p.Mark)
	}
	return authors
}

// addJoins adds to doc, per variant of the nv views, the rows merged into
// each row: groups' rows are rowOf ("" for a group without one).
func addJoins(doc *Document, groups []*trackedGroup, rowOf []string, nv int) {
	for v := 1; v < nv; v++ {
		at := map[int]int{} // root group -> index in doc.Joins
		for g, gr := range groups {
			root := gr.into[v]
			if root < 0 || rowOf[g] == "" || rowOf[root] == "" {
				continue
			}
			k, ok := at[root]
			if !ok {
				k = len(doc.Joins)
				at[root] = k
				doc.Joins = append(doc.Joins, Join{Variant: v, Paragraphs: []string{rowOf[root]}})
			}
			doc.Joins[k].Paragraphs = append(doc.Joins[k].Paragraphs, rowOf[g])
		}
	}
}

// baseLabels returns labels with each automatic number on the paragraph
// that starts its base paragraph. A paragraph whose mark is a tracked
// insertion is one base paragraph with the paragraphs after it, up to one
// whose mark is not inserted; Word numbers that base paragraph by the
// properties of that last mark (see numberParas), and its text starts in
// the first of them with base text.
func baseLabels(paras []*docx.Para, labels map[*docx.Para]string) map[*docx.Para]string {
	out := maps.Clone(labels)
	for i := 0; i < len(paras); i++ {
		j := i
		for j < len(paras)-1 && paras[j].Mark.Kind == docx.Inserted {
			j++
		}
		if j == i {
			continue
		}
		if l := out[paras[j]]; l != "" {
			for k := i; k < j; k++ {
				if strings.TrimSpace(paraText(paras[k], rejected, "")) != "" {
					if out[paras[k]] == "" {
						out[paras[k]] = l
						delete(out, paras[j])
					}
					break
				}
			}
		}
		i = j
	}
	return out
}

// trackedGroup is the paragraphs (w:p) of tracked running text that make
// one row: one that starts it (a number, or inserted whole) and the lines
// after it.
type trackedGroup struct {
	n int // paragraph that starts it
	// text is, per view, its lines so far, one after another; appended to
	// in place, so that a chain of joined paragraphs costs its length, not
	// its square.
	text    [][]byte
	heading bool  // its number could be a heading's: never joined
	into    []int // per view: the group it is merged into, -1 none
}

// bigGroupError is the error of trackedGroups when the text of a group in
// a view passes the cell limit: at paragraph at.
type bigGroupError struct{ group, view, at int }

func (e *bigGroupError) Error() string {
	return fmt.Sprintf("group %d of view %d too long at paragraph %d", e.group, e.view, e.at)
}

// ctxCheckEvery is how many paragraphs the Word reader's loops read between
// two looks at the context.
const ctxCheckEvery = 1024

// trackedGroups reads the paragraphs of tracked running text into rows,
// the text of each in each view.
//
// A paragraph mark (the end of a w:p) that a view drops joins the
// paragraph with the next one in that view, as accepting or rejecting the
// change does in Word (a space between their texts). An author who deleted
// the mark between two numbered paragraphs merged the second into the
// first: the first row holds both texts in that author's view, and the
// second is merged into it (Join, StatusMerged). A mark an author inserted
// split a base paragraph: the paragraph after it has no row of its own,
// its text is a further line of the base paragraph's row (in the base
// joined to the text before it), as a version's split parts are joined. A
// mark joins nothing when the text before it is empty in the view: a
// paragraph deleted whole, mark included, is gone, not merged.
//
// The text of a group in a view is checked against maxBytes as it grows: a
// *bigGroupError says where it passed. The loop stops when ctx is done.
func trackedGroups(ctx context.Context, paras []*docx.Para, views []view, labels map[*docx.Para]string, maxBytes int) ([]*trackedGroup, error) {
	nv := len(views)
	gr := &grouper{
		nv: nv, maxBytes: maxBytes, taken: map[string]int{}, bis: map[string]int{},
		open: make([]bool, nv), dst: make([]int, nv),
	}
	for i, para := range paras {
		if gr.tooBig != nil {
			return gr.groups, gr.tooBig
		}
		if i%ctxCheckEvery == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		gr.at = para.N
		texts := make([]string, nv)
		bare := make([]string, nv) // without the automatic number
		lead := ""
		for v, vw := range views {
			texts[v] = strings.TrimSpace(paraText(para, vw, labels[para]))
			bare[v] = strings.TrimSpace(paraText(para, vw, ""))
			if lead == "" {
				lead = texts[v]
			}
		}
		was := slices.Clone(gr.open)
		for v, vw := range views {
			gr.open[v] = !vw(para.Mark) && (texts[v] != "" || gr.open[v])
		}
		if lead == "" {
			continue
		}
		l, labelled, _ := labelAfter(lead, gr.lastID)
		switch {
		case was[0] && texts[0] != "" && len(gr.groups) > 0:
			// Split from the base paragraph before it by an inserted
			// mark: a further part of that paragraph.
			for v := range views {
				if bare[v] != "" {
					gr.add(gr.dst[v], v, bare[v], was[v])
				}
			}
		case labelled:
			gr.numbered(para.N, l, texts, bare, was)
		case texts[0] == "" && gr.lastID != "":
			gr.inserted(para.N, texts, was)
		case len(gr.groups) == 0:
			// text before the first number
		default:
			for v, t := range texts {
				if t != "" {
					gr.add(gr.dst[v], v, t, was[v])
				}
			}
		}
	}
	if gr.tooBig != nil {
		return gr.groups, gr.tooBig
	}
	return gr.groups, nil
}

// grouper is the state of trackedGroups: the rows so far and, per view,
// where its lines go.
type grouper struct {
	nv       int // views
	maxBytes int
	groups   []*trackedGroup
	taken    map[string]int // the IDs of rows so far
	bis      map[string]int
	open     []bool // per view: the mark before the paragraph is dropped in the view, after text
	dst      []int  // per view: the group receiving its lines
	lastID   string
	tooBig   *bigGroupError
	at       int // the paragraph being read
}

// add adds line t to group g's text in view v, after a space (join) or a
// line break; past maxBytes it sets tooBig instead.
func (gr *grouper) add(g, v int, t string, join bool) {
	b := gr.groups[g].text[v]
	switch {
	case len(b) > 0 && join:
		b = append(b, ' ')
	case len(b) > 0:
		b = append(b, '\n')
	}
	if len(b)+len(t) > gr.maxBytes {
		if gr.tooBig == nil {
			gr.tooBig = &bigGroupError{group: g, view: v, at: gr.at}
		}
		return
	}
	gr.groups[g].text[v] = append(b, t...)
}

// newGroup adds a group read from paragraph n and returns its index.
func (gr *grouper) newGroup(n int, heading bool) int {
	g := &trackedGroup{n: n, text: make([][]byte, gr.nv), heading: heading, into: make([]int, gr.nv)}
	for v := range g.into {
		g.into[v] = -1
	}
	gr.groups = append(gr.groups, g)
	return len(gr.groups) - 1
}

// numbered reads paragraph n, numbered l: a row of its own, but in a view
// that dropped its mark before it, where it is merged into the row the
// text before it is in.
func (gr *grouper) numbered(n int, l label, texts, bare []string, was []bool) {
	gr.lastID = l.id
	gr.taken[l.id] = n
	heading := isHeading(l)
	prev := len(gr.groups) - 1
	g := gr.newGroup(n, heading)
	for v, t := range texts {
		if t == "" {
			gr.dst[v] = g
			continue
		}
		if was[v] && prev >= 0 && !heading && !gr.groups[prev].heading && !gr.groups[gr.dst[v]].heading {
			// Its mark before it deleted in this view: merged into the
			// row the text before it is in.
			if vl, ok := parseLabel(bare[v]); ok && vl.id == l.id {
				bare[v] = vl.body
			}
			root := gr.dst[v]
			if gr.groups[root].into[v] >= 0 {
				root = gr.groups[root].into[v]
			}
			gr.groups[g].into[v] = root
			if t := strings.TrimSpace(bare[v]); t != "" {
				gr.add(root, v, t, true)
			}
			continue
		}
		gr.dst[v] = g
		gr.add(g, v, t, false)
	}
}

// inserted reads paragraph n, inserted whole without a number: a new
// paragraph after its predecessor, unless its mark before it is dropped
// in a view, which then joins its text to the text before it.
func (gr *grouper) inserted(n int, texts []string, was []bool) {
	g, id := -1, ""
	for v, t := range texts {
		switch {
		case t == "":
		case was[v] && len(gr.groups) > 0:
			gr.add(gr.dst[v], v, t, true)
		default:
			if g < 0 {
				g, id = gr.newGroup(n, false), newID(gr.lastID, gr.bis, gr.taken)
				gr.taken[id] = n
			}
			gr.dst[v] = g
			gr.add(g, v, "New "+id+"\n"+t, false)
		}
	}
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
			cand = base + "bis" + docx.FormatNumber(k-len(bisSuffixes)+1, "lowerLetter")
		}
		if _, ok := taken[cand]; !ok {
			return cand
		}
	}
}

// textLine is a line number in a message of readText.
var textLine = regexp.MustCompile(`line [0-9]+`)

// plainRunningDoc reads running text without tracked changes as running
// text files are read (see readText), each paragraph (w:p) a block of
// lines after a blank line, its automatic number written before it, so
// that a Word document and its text give the same Document. Errors name
// the paragraph.
//
// A table among the paragraphs is one block of its rows, a line each, its
// cells' texts joined by " | ": the text of the paragraph before it, as it
// reads on the page, never a heading or a paragraph of its own.
func plainRunningDoc(file string, body []docx.Block, paras int, labels map[*docx.Para]string, lim Limits) (*Document, error) {
	var b strings.Builder
	var at []int // the paragraph of each line written
	block := func(text string, n int) {
		for _, line := range strings.Split(text, "\n") {
			b.WriteString(line)
			b.WriteByte('\n')
			at = append(at, n)
		}
		b.WriteByte('\n')
		at = append(at, n)
	}
	for _, bl := range body {
		if bl.Table != nil {
			var rows []string
			first := 0
			for _, r := range bl.Table.Rows {
				var cells []string
				for _, c := range r.Cells {
					if t := strings.Join(strings.Fields(blocksText(c.Blocks, accepted, labels)), " "); t != "" {
						cells = append(cells, t)
					}
				}
				if len(cells) > 0 {
					rows = append(rows, strings.Join(cells, " | "))
				}
			}
			if ps := docxParagraphs([]docx.Block{bl}, nil); len(ps) > 0 {
				first = ps[0].N
			}
			if len(rows) > 0 {
				block(strings.Join(rows, "\n"), first)
			}
			continue
		}
		if text := strings.TrimSpace(paraText(bl.Para, accepted, labels[bl.Para])); text != "" {
			block(text, bl.Para.N)
		}
	}
	if len(at) == 0 {
		return nil, docxErrorf(file, "", "no text in %d paragraphs: expected a compilation table or numbered paragraphs of running text", paras)
	}
	doc, err := readTextWithin(file, []byte(b.String()), lim)
	para := func(line int) int { return at[max(0, min(line, len(at))-1)] }
	var pe *ParseError
	if errors.As(err, &pe) && pe.Where == "" {
		n := para(pe.Line)
		pe.Line, pe.Where = n, fmt.Sprintf("paragraph %d", n)
		// "already at line 3": the lines are those of the text made here.
		pe.Msg = textLine.ReplaceAllStringFunc(pe.Msg, func(m string) string {
			l, _ := strconv.Atoi(strings.TrimPrefix(m, "line "))
			return fmt.Sprintf("paragraph %d", para(l))
		})
	}
	if err != nil {
		return nil, err
	}
	doc.Unit = UnitParagraph
	for i := range doc.Paragraphs {
		doc.Paragraphs[i].Line = para(doc.Paragraphs[i].Line)
	}
	for i := range doc.Sections {
		doc.Sections[i].Line = para(doc.Sections[i].Line)
	}
	return doc, nil
}
