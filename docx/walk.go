package docx

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Change is a tracked change: an insertion or deletion by an author (the
// author as Word writes it; Kind Unchanged for text no change holds).
type Change struct {
	Kind   ChangeKind
	Author string
}

// ChangeKind is what a tracked change does to text.
type ChangeKind uint8

// The kinds of change.
const (
	Unchanged ChangeKind = iota
	Inserted             // w:ins, w:moveTo
	Deleted              // w:del, w:moveFrom
)

// Piece is a stretch of a paragraph's text with one formatting and one
// tracked change.
type Piece struct {
	Text   string
	Strike bool
	Change Change
}

// Para is a paragraph (w:p).
type Para struct {
	N      int // 1-based index among the paragraphs of the document
	Style  string
	num    *numRef // direct numbering, nil when none
	Mark   Change  // tracked change of the paragraph mark
	Pieces []Piece
}

// numRef is a w:numPr: a list and a level.
type numRef struct {
	numID string
	ilvl  int
}

// Table is a table (w:tbl).
type Table struct {
	Rows []Row
}

// Row is a table row (w:tr).
type Row struct {
	Before int // grid columns skipped before the first cell (w:gridBefore)
	Cells  []Cell
}

// Cell is a table cell (w:tc).
type Cell struct {
	Span      int  // grid columns it covers (w:gridSpan)
	Continued bool // continues a vertical merge: its text is above
	Blocks    []Block
}

// Block is a paragraph or a table.
type Block struct {
	Para  *Para
	Table *Table
}

// walker reads word/document.xml into blocks.
type walker struct {
	x       *xmlReader
	styles  *styleSheet
	paras   int      // paragraphs read so far
	changes []Change // tracked changes open around the current element
}

// document reads the document element and returns the blocks of its body.
func (w *walker) document() ([]Block, error) {
	var blocks []Block
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
func (w *walker) current() Change {
	if len(w.changes) == 0 {
		return Change{}
	}
	return w.changes[len(w.changes)-1]
}

// tracked returns the change se opens, ok false when se is not one.
func tracked(se xml.StartElement) (Change, bool) {
	if !wSpace(se) {
		return Change{}, false
	}
	author, _ := attr(se, "author")
	switch se.Name.Local {
	case "ins", "moveTo":
		return Change{Kind: Inserted, Author: author}, true
	case "del", "moveFrom":
		return Change{Kind: Deleted, Author: author}, true
	}
	return Change{}, false
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
func (w *walker) through(fn func(se xml.StartElement) error) func(se xml.StartElement) error {
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
func (w *walker) blockFn(blocks *[]Block) func(se xml.StartElement) error {
	return w.through(func(se xml.StartElement) error {
		switch {
		case isW(se, "p"):
			p, err := w.para()
			if err != nil {
				return err
			}
			*blocks = append(*blocks, Block{Para: p})
			return nil
		case isW(se, "tbl"):
			t, err := w.table()
			if err != nil {
				return err
			}
			*blocks = append(*blocks, Block{Table: t})
			return nil
		}
		return w.x.skip()
	})
}

// table reads a w:tbl just started.
func (w *walker) table() (*Table, error) {
	t := &Table{}
	return t, w.x.children(w.through(func(se xml.StartElement) error {
		if !isW(se, "tr") {
			return w.x.skip()
		}
		r, err := w.row()
		t.Rows = append(t.Rows, r)
		return err
	}))
}

// row reads a w:tr just started.
func (w *walker) row() (Row, error) {
	var r Row
	return r, w.x.children(w.through(func(se xml.StartElement) error {
		switch {
		case isW(se, "trPr"):
			return w.x.children(func(se xml.StartElement) error {
				if isW(se, "gridBefore") {
					r.Before = max(0, min(intAttr(se, 0), maxDocxSpan))
				}
				return w.x.skip()
			})
		case isW(se, "tc"):
			c, err := w.cell()
			r.Cells = append(r.Cells, c)
			return err
		}
		return w.x.skip()
	}))
}

// cell reads a w:tc just started.
func (w *walker) cell() (Cell, error) {
	c := Cell{Span: 1}
	blockFn := w.blockFn(&c.Blocks)
	err := w.x.children(func(se xml.StartElement) error {
		if !isW(se, "tcPr") {
			return blockFn(se)
		}
		return w.x.children(func(se xml.StartElement) error {
			switch {
			case isW(se, "gridSpan"):
				c.Span = max(1, min(intAttr(se, 1), maxDocxSpan))
			case isW(se, "vMerge"):
				v, _ := attr(se, "val")
				c.Continued = v == "" || v == "continue"
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
func (w *walker) para() (*Para, error) {
	w.paras++
	p := &Para{N: w.paras}
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
func (w *walker) paraProps(p *Para) error {
	return w.x.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "pStyle"):
			p.Style, _ = attr(se, "val")
		case isW(se, "numPr"):
			ref, err := readNumPr(w.x)
			p.num = ref
			return err
		case isW(se, "rPr"):
			// The paragraph mark's properties: only whether the mark
			// itself was inserted or deleted matters.
			return w.x.children(func(se xml.StartElement) error {
				if c, ok := tracked(se); ok {
					p.Mark = c
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
func (w *walker) run(p *Para) error {
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
	if b.Len() == 0 || w.styles.hidden(rp, p.Style) {
		// Hidden text is not what the reader of the document sees: it is
		// in no variant, and its tracked changes make no author.
		return nil
	}
	p.Pieces = append(p.Pieces, Piece{
		Text:   b.String(),
		Strike: w.styles.struck(rp, p.Style),
		Change: w.current(),
	})
	return nil
}
