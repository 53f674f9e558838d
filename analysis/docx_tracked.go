package analysis

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
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
	if len(authors) == 0 {
		return plainRunningDoc(file, paras, labels, opts.Limits)
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
	if opts.Outcome == AcceptAll {
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

// textLine is a line number in a message of ParseText.
var textLine = regexp.MustCompile(`line [0-9]+`)

// plainRunningDoc reads running text without tracked changes as running
// text files are read (see ParseText), each paragraph (w:p) a block of
// lines after a blank line, its automatic number written before it, so
// that a Word document and its text give the same Document. Errors name
// the paragraph.
func plainRunningDoc(file string, paras []*docxPara, labels map[*docxPara]string, lim Limits) (*Document, error) {
	var b strings.Builder
	var at []int // the paragraph of each line written
	for _, p := range paras {
		text := strings.TrimSpace(paraText(p, accepted, labels[p]))
		if text == "" {
			continue
		}
		for _, line := range strings.Split(text, "\n") {
			b.WriteString(line)
			b.WriteByte('\n')
			at = append(at, p.n)
		}
		b.WriteByte('\n')
		at = append(at, p.n)
	}
	if len(at) == 0 {
		return nil, docxErrorf(file, "", "no text in %d paragraphs: expected a compilation table or numbered paragraphs of running text", len(paras))
	}
	doc, err := ParseTextWithLimits(file, []byte(b.String()), lim)
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
	for i := range doc.Paragraphs {
		doc.Paragraphs[i].Line = para(doc.Paragraphs[i].Line)
	}
	for i := range doc.Sections {
		doc.Sections[i].Line = para(doc.Sections[i].Line)
	}
	return doc, nil
}
