package analysis

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// change is a tracked change: an insertion or deletion by an author.
type change struct {
	kind   changeKind
	author string
}

// changeKind is what a tracked change does to text.
type changeKind uint8

const (
	unchanged changeKind = iota
	inserted             // w:ins, w:moveTo
	deleted              // w:del, w:moveFrom
)

// docxPiece is a stretch of a paragraph's text with one formatting and one
// tracked change.
type docxPiece struct {
	text   string
	strike bool
	change change
}

// docxPara is a paragraph (w:p).
type docxPara struct {
	n      int // 1-based index among the paragraphs of the document
	style  string
	num    *numRef // direct numbering, nil when none
	mark   change  // tracked change of the paragraph mark
	pieces []docxPiece
}

// numRef is a w:numPr: a list and a level.
type numRef struct {
	numID string
	ilvl  int
}

// docxTable is a table (w:tbl).
type docxTable struct {
	rows []docxRow
}

// docxRow is a table row (w:tr).
type docxRow struct {
	before int // grid columns skipped before the first cell (w:gridBefore)
	cells  []docxCell
}

// docxCell is a table cell (w:tc).
type docxCell struct {
	span      int  // grid columns it covers (w:gridSpan)
	continued bool // continues a vertical merge: its text is above
	blocks    []docxBlock
}

// docxBlock is a paragraph or a table.
type docxBlock struct {
	para  *docxPara
	table *docxTable
}

// docxWalker reads word/document.xml into blocks.
type docxWalker struct {
	x       *xmlReader
	styles  *docxStyles
	paras   int      // paragraphs read so far
	changes []change // tracked changes open around the current element
}

// document reads the document element and returns the blocks of its body.
func (w *docxWalker) document() ([]docxBlock, error) {
	var blocks []docxBlock
	found := false
	for {
		t, err := w.x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		if !isW(se, "document") {
			return nil, fmt.Errorf("root element %s: expected w:document", se.Name.Local)
		}
		err = w.x.children(func(se xml.StartElement) error {
			if !isW(se, "body") {
				return w.x.skip()
			}
			found = true
			return w.x.children(w.blockFn(&blocks))
		})
		if err != nil {
			return nil, err
		}
		break
	}
	if !found {
		return nil, fmt.Errorf("no w:body")
	}
	return blocks, nil
}

// current returns the innermost tracked change open, or none.
func (w *docxWalker) current() change {
	if len(w.changes) == 0 {
		return change{}
	}
	return w.changes[len(w.changes)-1]
}

// tracked returns the change se opens, ok false when se is not one.
func tracked(se xml.StartElement) (change, bool) {
	if !wSpace(se) {
		return change{}, false
	}
	author, _ := attr(se, "author")
	// The author names a variant: one that is hidden format characters
	// alone is no name, and two that differ only by them are one author.
	author = visibleName(author)
	switch se.Name.Local {
	case "ins", "moveTo":
		return change{kind: inserted, author: author}, true
	case "del", "moveFrom":
		return change{kind: deleted, author: author}, true
	}
	return change{}, false
}

// wrapper reports whether se holds content to read through: content
// controls, custom XML, smart tags, hyperlinks and simple fields.
func wrapper(se xml.StartElement) bool {
	if !wSpace(se) {
		return false
	}
	switch se.Name.Local {
	case "sdt", "sdtContent", "customXml", "smartTag", "hyperlink", "fldSimple", "dir", "bdo":
		return true
	}
	return false
}

// through returns the handler of an element's children that reads through
// wrappers and markup-compatibility branches, opens the tracked changes
// around content, and passes every other element to fn, which must read it
// whole.
func (w *docxWalker) through(fn func(se xml.StartElement) error) func(se xml.StartElement) error {
	var h func(se xml.StartElement) error
	h = func(se xml.StartElement) error {
		switch {
		case se.Name.Space == nsMC && se.Name.Local == "AlternateContent":
			return w.x.alternate(h)
		case wrapper(se):
			return w.x.children(h)
		}
		if c, ok := tracked(se); ok {
			w.changes = append(w.changes, c)
			err := w.x.children(h)
			w.changes = w.changes[:len(w.changes)-1]
			return err
		}
		return fn(se)
	}
	return h
}

// blockFn returns the handler of block-level content appending to blocks.
func (w *docxWalker) blockFn(blocks *[]docxBlock) func(se xml.StartElement) error {
	return w.through(func(se xml.StartElement) error {
		switch {
		case isW(se, "p"):
			p, err := w.para()
			if err != nil {
				return err
			}
			*blocks = append(*blocks, docxBlock{para: p})
			return nil
		case isW(se, "tbl"):
			t, err := w.table()
			if err != nil {
				return err
			}
			*blocks = append(*blocks, docxBlock{table: t})
			return nil
		}
		return w.x.skip()
	})
}

// table reads a w:tbl just started.
func (w *docxWalker) table() (*docxTable, error) {
	t := &docxTable{}
	return t, w.x.children(w.through(func(se xml.StartElement) error {
		if !isW(se, "tr") {
			return w.x.skip()
		}
		r, err := w.row()
		t.rows = append(t.rows, r)
		return err
	}))
}

// row reads a w:tr just started.
func (w *docxWalker) row() (docxRow, error) {
	var r docxRow
	return r, w.x.children(w.through(func(se xml.StartElement) error {
		switch {
		case isW(se, "trPr"):
			return w.x.children(func(se xml.StartElement) error {
				if isW(se, "gridBefore") {
					r.before = max(0, min(intAttr(se, 0), maxDocxSpan))
				}
				return w.x.skip()
			})
		case isW(se, "tc"):
			c, err := w.cell()
			r.cells = append(r.cells, c)
			return err
		}
		return w.x.skip()
	}))
}

// cell reads a w:tc just started.
func (w *docxWalker) cell() (docxCell, error) {
	c := docxCell{span: 1}
	blockFn := w.blockFn(&c.blocks)
	err := w.x.children(func(se xml.StartElement) error {
		if !isW(se, "tcPr") {
			return blockFn(se)
		}
		return w.x.children(func(se xml.StartElement) error {
			switch {
			case isW(se, "gridSpan"):
				c.span = max(1, min(intAttr(se, 1), maxDocxSpan))
			case isW(se, "vMerge"):
				v, _ := attr(se, "val")
				c.continued = v == "" || v == "continue"
			}
			return w.x.skip()
		})
	})
	return c, err
}

// maxDocxSpan bounds the grid columns one cell may span, so that a cell
// cannot make a row of millions of empty cells.
const maxDocxSpan = 64

// para reads a w:p just started.
func (w *docxWalker) para() (*docxPara, error) {
	w.paras++
	p := &docxPara{n: w.paras}
	return p, w.x.children(w.through(func(se xml.StartElement) error {
		switch {
		case isW(se, "pPr"):
			return w.paraProps(p)
		case isW(se, "r"):
			return w.run(p)
		}
		return w.x.skip()
	}))
}

// paraProps reads a w:pPr just started into p.
func (w *docxWalker) paraProps(p *docxPara) error {
	return w.x.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "pStyle"):
			p.style, _ = attr(se, "val")
		case isW(se, "numPr"):
			ref, err := readNumPr(w.x)
			p.num = ref
			return err
		case isW(se, "rPr"):
			// The paragraph mark's properties: only whether the mark
			// itself was inserted or deleted matters.
			return w.x.children(func(se xml.StartElement) error {
				if c, ok := tracked(se); ok {
					p.mark = c
				}
				return w.x.skip()
			})
		}
		return w.x.skip()
	})
}

// readNumPr reads a w:numPr just started.
func readNumPr(x *xmlReader) (*numRef, error) {
	ref := &numRef{}
	err := x.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "numId"):
			ref.numID, _ = attr(se, "val")
		case isW(se, "ilvl"):
			ref.ilvl = max(0, min(intAttr(se, 0), 8))
		}
		return x.skip()
	})
	return ref, err
}

// runProps are the properties of a run that change its text.
type runProps struct {
	style  string
	strike *bool // nil when the run does not set it
	hidden *bool // w:vanish or w:specVanish; nil when the run sets neither
}

// readRunProps reads a w:rPr just started. Formatting changes
// (w:rPrChange) are skipped: they change no text.
func readRunProps(x *xmlReader) (runProps, error) {
	var rp runProps
	err := x.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "rStyle"):
			rp.style, _ = attr(se, "val")
		case isW(se, "strike"), isW(se, "dstrike"):
			on := onOff(se)
			if rp.strike == nil || on {
				rp.strike = &on
			}
		case isW(se, "vanish"), isW(se, "specVanish"):
			on := onOff(se)
			if rp.hidden == nil || on {
				rp.hidden = &on
			}
		}
		return x.skip()
	})
	return rp, err
}

// run reads a w:r just started, appending its text to p.
func (w *docxWalker) run(p *docxPara) error {
	var rp runProps
	var b strings.Builder
	var content func(se xml.StartElement) error
	content = func(se xml.StartElement) error {
		if se.Name.Space == nsMC && se.Name.Local == "AlternateContent" {
			return w.x.alternate(content)
		}
		if !wSpace(se) {
			return w.x.skip()
		}
		switch se.Name.Local {
		case "rPr":
			var err error
			rp, err = readRunProps(w.x)
			return err
		case "t", "delText":
			s, err := w.x.text()
			b.WriteString(s)
			return err
		case "tab", "ptab":
			b.WriteByte(' ')
		case "br", "cr":
			b.WriteByte('\n')
		case "noBreakHyphen":
			b.WriteByte('-')
		}
		return w.x.skip()
	}
	if err := w.x.children(content); err != nil {
		return err
	}
	if b.Len() == 0 || w.styles.hidden(rp, p.style) {
		// Hidden text is not what the reader of the document sees: it is
		// in no variant, and its tracked changes make no author.
		return nil
	}
	p.pieces = append(p.pieces, docxPiece{
		text:   b.String(),
		strike: w.styles.struck(rp, p.style),
		change: w.current(),
	})
	return nil
}
