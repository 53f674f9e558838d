package parse

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// readText reads a running-text document (.txt or .md): one version of a
// text, paragraph after paragraph, as a Document with the base column only.
// Versions read this way are aligned with a base by Align.
//
// Paragraphs are separated by blank lines, or each starts with its number
// ("29.", "43bis)", "New 12."): the blocks after a numbered paragraph, up
// to the next number or heading, are its own (items, sub-paragraphs). A
// paragraph's ID is its number as written, without "New" and the dot; an
// unnumbered paragraph's ID is its ordinal among the document's paragraphs
// after a "p" ("p7"). A block that starts with an item marker ("a)",
// "(b)", "-", "•") continues the paragraph before it, numbered or not.
//
// A block of one line is a heading when it reads as one in a table dump (a
// number with at most one letter and a short title: "2. Stakeholders", or
// the number alone with the title on the next line), or
// when it is unnumbered and reads as a title: at most 16 words, no final
// punctuation. Markdown heading marks ("## ") are dropped. An unnumbered
// heading's ID is its ordinal among the headings after an "s" ("s2").
// Paragraphs before any heading belong to a section "0" with no title.
//
// Hidden format characters are removed from the texts and counted, as by
// the other parsers (see RemoveHidden). Errors are *ParseError values
// naming the line and what was expected.
func readText(file string, data []byte) (*Document, error) {
	return readTextWithin(file, data, DefaultLimits())
}

// readTextWithin is readText within lim.
func readTextWithin(file string, data []byte, lim Limits) (*Document, error) {
	lim = lim.OrDefault()
	if err := checkFileSize(file, data, lim); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, bom)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Errorf(file, 1, "empty file: expected paragraphs of running text separated by blank lines or starting with their numbers")
	}
	lines, err := splitLines(file, data)
	if err != nil {
		return nil, err
	}
	p := &textParser{file: file, lim: lim, doc: newDocument(file), seen: map[string]int{}, sectionAt: map[string]int{}}
	p.doc.Variants = []string{BaseName}
	for _, b := range textBlocks(lines) {
		if err := p.block(b); err != nil {
			return nil, err
		}
	}
	if err := p.flush(); err != nil {
		return nil, err
	}
	if len(p.doc.Paragraphs) == 0 {
		return nil, Errorf(file, len(lines), "no paragraph found, only headings: expected paragraphs of running text")
	}
	return removeHidden(p.doc, nil)
}

// textBlock is a run of lines of a running text, cut at blank lines and
// before numbered lines.
type textBlock struct {
	line  int      // 1-based line of its first line
	lines []string // trimmed of trailing white space
	blank bool     // a blank line comes before it (or it starts the file)
}

// textBlocks cuts lines into blocks.
func textBlocks(lines []string) []textBlock {
	var out []textBlock
	blank := true
	prev := "" // the last paragraph number
	for i, l := range lines {
		l = strings.TrimRight(l, " \t")
		t := strings.TrimSpace(l)
		if t == "" {
			blank = true
			continue
		}
		lb, numbered, stray := labelAfter(stripMarkdown(t), prev)
		if numbered && !isHeading(lb) {
			prev = lb.id
		}
		// A stray number starts a block, for block to refuse.
		numbered = numbered || stray
		if blank || numbered || len(out) == 0 {
			out = append(out, textBlock{line: i + 1, blank: blank})
		}
		out[len(out)-1].lines = append(out[len(out)-1].lines, l)
		blank = false
	}
	return out
}

// markdownHeading is a Markdown heading mark.
var markdownHeading = regexp.MustCompile(`^#{1,6}\s+`)

// stripMarkdown drops a Markdown heading mark from a line.
func stripMarkdown(line string) string {
	return markdownHeading.ReplaceAllString(line, "")
}

// itemMarker matches the start of an item of a list inside a paragraph.
var itemMarker = regexp.MustCompile(`^(\(?[a-z]{1,4}\)|[a-z]\.\s|[-•*–·]\s)`)

// textParser holds the state of readText between blocks.
type textParser struct {
	file     string
	lim      Limits
	doc      *Document
	section  string
	headings int
	cur      *Paragraph // paragraph being read, not yet added
	curText  []string
	curSize  int // bytes of curText, each text counted with a line end
	curLine  int // line of its text's start
	// curNumbered is set when the paragraph being read is numbered: the
	// blocks up to the next number or heading are then its own.
	curNumbered bool
	seen        map[string]int
	sectionAt   map[string]int
}

// block reads one block.
func (p *textParser) block(b textBlock) error {
	first := stripMarkdown(strings.TrimSpace(b.lines[0]))
	l, numbered, stray := labelAfter(first, p.lastID())
	if stray {
		return Errorf(p.file, b.line, "%s", strayNumberError(l, p.lastID()))
	}
	if _, agreed := cutAgreed(b.lines[len(b.lines)-1]); numbered && l.alone && len(b.lines) == 2 && !agreed {
		// A number alone and a title on the next line, as in table dumps.
		if h, ok := parseLabel(first + "\n" + strings.TrimSpace(b.lines[1])); ok && isHeading(h) {
			return p.heading(h.id, h.body, b.line)
		}
	}
	if _, agreed := cutAgreed(first); agreed && len(b.lines) == 1 {
		// A line marked agreed is a paragraph, however short: headings
		// are not agreed.
	} else if len(b.lines) == 1 {
		switch {
		case numbered && isHeading(l):
			return p.heading(l.id, l.body, b.line)
		case !numbered && isTitle(first) && !itemMarker.MatchString(first):
			p.headings++
			return p.heading(fmt.Sprintf("s%d", p.headings), first, b.line)
		}
	}
	if !numbered && p.cur != nil && (p.curNumbered || itemMarker.MatchString(first)) {
		return p.addText("", strings.Join(b.lines, "\n"))
	}
	if err := p.flush(); err != nil {
		return err
	}
	text := strings.TrimSpace(strings.Join(b.lines, "\n"))
	id := fmt.Sprintf("p%d", len(p.doc.Paragraphs)+1)
	if numbered {
		id = l.id
		text = strings.TrimSpace(strings.Join(b.lines[1:], "\n"))
		if !l.alone {
			text = strings.TrimSpace(l.body + "\n" + text)
		}
	}
	if at, dup := p.seen[id]; dup {
		return Errorf(p.file, b.line, "duplicate paragraph %s: already at line %d", id, at)
	}
	if len(p.doc.Paragraphs) >= p.lim.MaxParagraphs {
		return tooManyParagraphs(p.file, b.line, id, p.lim)
	}
	p.seen[id] = b.line
	p.cur = &Paragraph{ID: id, Line: b.line}
	p.curNumbered = numbered
	p.curText, p.curSize = nil, 0
	p.curLine = b.line
	return p.addText(text)
}

// lastID returns the ID of the last paragraph read, "" for none.
func (p *textParser) lastID() string {
	if p.cur != nil {
		return p.cur.ID
	}
	if n := len(p.doc.Paragraphs); n > 0 {
		return p.doc.Paragraphs[n-1].ID
	}
	return ""
}

// addText adds texts to the paragraph being read and refuses the paragraph
// once it is larger than a table cell may be. Its size is summed as the
// texts come, so that a paragraph of many blocks is read in linear time.
func (p *textParser) addText(texts ...string) error {
	for _, t := range texts {
		p.curText = append(p.curText, t)
		p.curSize += len(t) + 1
	}
	if p.curSize > p.lim.MaxCellBytes {
		e := cellTooLarge(p.file, p.curLine, "paragraph "+Quote(p.cur.ID), p.curSize, p.lim)
		if p.curNumbered {
			e.Msg += fmt.Sprintf(": the blocks after it have no paragraph number of their own, so they were read as its text; expected the next paragraph's number (%s) at the start of its block", nextNumber(p.cur.ID))
		}
		return e
	}
	return nil
}

// heading adds a section heading, ending the paragraph being read.
func (p *textParser) heading(id, title string, line int) error {
	if err := p.flush(); err != nil {
		return err
	}
	if msg := addSection(p.doc, p.sectionAt, Section{ID: id, Title: title, Line: line}); msg != "" {
		return Errorf(p.file, line, "%s", msg)
	}
	if len(p.doc.Sections) > p.lim.MaxParagraphs {
		return tooManySections(p.file, line, id, len(p.doc.Sections), p.lim)
	}
	p.section = id
	return nil
}

// flush adds the paragraph being read.
func (p *textParser) flush() error {
	if p.cur == nil {
		return nil
	}
	text := strings.TrimSpace(strings.Join(p.curText, "\n"))
	if text == "" {
		return Errorf(p.file, p.curLine, "paragraph %s has no text: expected text after its number", p.cur.ID)
	}
	if p.section == "" {
		if msg := addSection(p.doc, p.sectionAt, Section{ID: UntitledSection, Line: p.curLine}); msg != "" {
			return Errorf(p.file, p.curLine, "%s", msg)
		}
		p.section = UntitledSection
	}
	p.cur.Section = p.section
	p.cur.Texts = []string{text}
	p.doc.Paragraphs = append(p.doc.Paragraphs, *p.cur)
	p.cur, p.curText, p.curSize = nil, nil, 0
	return nil
}

// UntitledSection is the ID of the section of the paragraphs of a running
// text that come before its first heading.
const UntitledSection = "0"

// isRunningText reports whether data, text, reads as running text (see
// readText) rather than a table dump, whose first line with text starts
// with a tab, or a long-form CSV, whose first line is its header. A Word
// document is neither: see readDocx.
func isRunningText(data []byte) bool {
	data = bytes.TrimPrefix(data, bom)
	if isCSVHeader(firstLine(data)) {
		return false
	}
	for len(data) > 0 {
		line := firstLine(data)
		if t := bytes.TrimLeft(line, " "); len(bytes.TrimSpace(t)) > 0 {
			return t[0] != '\t'
		}
		data = data[min(len(line)+1, len(data)):]
	}
	return true
}
