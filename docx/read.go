// Package docx reads Word documents (.docx, Office Open XML) into their
// paragraphs and tables: each paragraph's text in runs, with the tracked
// change (insertion or deletion, and its author) and the strike-through of
// each, its paragraph mark's tracked change, and the number Word shows
// before it when it is numbered automatically. It knows nothing of
// amendlens's documents.
//
// It is written on archive/zip and a streaming encoding/xml decoder rather
// than a docx library: the Go libraries either drop the text inside
// tracked insertions (w:ins), cannot read tables, or are AGPL or
// commercial. Only word/document.xml, word/styles.xml and
// word/numbering.xml are read; footnotes, endnotes, comments, headers and
// footers are not part of a negotiated text and are ignored.
package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The limits of a Word document's reading: they bound the work of
// unpacking whatever the compressed size.
const (
	// MaxXMLBytes bounds the XML read from all parts together.
	MaxXMLBytes = 64 << 20
	// MaxRatio bounds the XML read against the size of the file: zip
	// bombs pack gigabytes in kilobytes, Word's XML compresses about 10:1.
	MaxRatio = 100
	// MaxEntries bounds the entries of the zip archive, checked before
	// its directory is read.
	MaxEntries = 10_000
	// maxXMLDepth bounds the nesting of XML elements. Tables nested ten deep
	// are about 60 levels.
	maxXMLDepth = 256
)

// Document is what Read finds in a Word document: its body's blocks in
// order, and the number Word shows before each automatically numbered
// paragraph ("29.", "3a)"). A paragraph whose mark is a tracked insertion
// is not counted: numbers are those of the text without insertions.
type Document struct {
	Body   []Block
	Labels map[*Para]string
}

// Error is an error of a Word document: what was wrong (Msg, which says
// what was expected) and where, Part being "" for the file as a whole or
// the part ("word/document.xml"), Line its line when known (0 otherwise).
type Error struct {
	Part string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.Part == "":
		return e.Msg
	case e.Line > 0:
		return fmt.Sprintf("%s line %d: %s", e.Part, e.Line, e.Msg)
	}
	return e.Part + ": " + e.Msg
}

// IsZip reports whether data starts like a zip archive.
func IsZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// Read reads the Word document data. Its errors are an *Error, or the
// error of ctx when ctx is done first: the XML is read looking at ctx
// every few thousand tokens. A nil ctx is context.Background.
func Read(ctx context.Context, data []byte) (*Document, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	n, ok := zipEntries(data)
	if !ok {
		return nil, &Error{Msg: "a zip archive without its end (the central directory): the file is cut short or damaged; expected a whole .docx file"}
	}
	if n > MaxEntries {
		return nil, &Error{Msg: fmt.Sprintf("a zip archive of %s entries, the limit is %s: expected a Word document", count(n), count(MaxEntries))}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &Error{Msg: fmt.Sprintf("not a readable zip archive (%v): the file is cut short or damaged; expected a whole .docx file", err)}
	}
	if len(zr.File) > MaxEntries {
		return nil, &Error{Msg: fmt.Sprintf("a zip archive of %s entries, the limit is %s: expected a Word document", count(len(zr.File)), count(MaxEntries))}
	}
	d := &reader{zr: zr, budget: min(MaxXMLBytes, MaxRatio*int64(len(data))), ctx: ctx}
	if d.find("word/document.xml") == nil {
		return nil, &Error{Msg: "a zip archive without word/document.xml: expected a Word document (.docx), not another kind of zip file"}
	}
	st := &styleSheet{styles: map[string]*style{}}
	if err := d.readPart("word/styles.xml", st.read); err != nil {
		return nil, err
	}
	num := newNumbering()
	if err := d.readPart("word/numbering.xml", num.read); err != nil {
		return nil, err
	}
	var body []Block
	err = d.readPart("word/document.xml", func(x *xmlReader) error {
		w := &walker{x: x, styles: st}
		var err error
		body, err = w.document()
		return err
	})
	if err != nil {
		return nil, err
	}
	doc := &Document{Body: body, Labels: map[*Para]string{}}
	numberParas(body, st, num, doc.Labels)
	return doc, nil
}

// numberParas computes, in document order, the number Word shows before each
// automatically numbered paragraph. A paragraph whose mark is a tracked
// insertion is not counted: numbers are those of the base text.
func numberParas(blocks []Block, st *styleSheet, num *numbering, labels map[*Para]string) {
	for _, b := range blocks {
		if b.Table != nil {
			for _, r := range b.Table.Rows {
				for _, c := range r.Cells {
					numberParas(c.Blocks, st, num, labels)
				}
			}
			continue
		}
		p := b.Para
		if p.Mark.Kind == Inserted {
			continue
		}
		ref := p.num
		if fromStyle := st.numOf(p.Style); ref == nil {
			ref = fromStyle
		} else if ref.numID == "" && fromStyle != nil {
			ref = &numRef{numID: fromStyle.numID, ilvl: ref.ilvl}
		}
		if l := num.label(ref, st); l != "" {
			labels[p] = l
		}
	}
}

// count writes n with commas between thousands: 10,000.
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// zipEntries returns the number of entries the end of central directory
// record of data announces, so that a directory of millions of entries is
// refused before archive/zip reads it. ok is false when the record is
// missing: the file is cut short or not a zip archive.
func zipEntries(data []byte) (n int, ok bool) {
	const eocdLen = 22
	start := max(0, len(data)-(eocdLen+0xFFFF))
	i := bytes.LastIndex(data[start:], []byte("PK\x05\x06"))
	if i < 0 || len(data)-(start+i) < eocdLen {
		return 0, false
	}
	rec := data[start+i:]
	return int(binary.LittleEndian.Uint16(rec[10:12])), true
}

// reader reads the parts of a Word document within one budget of XML.
type reader struct {
	zr     *zip.Reader
	budget int64 // XML bytes that may still be read
	ctx    context.Context
}

// budgetReader counts what is read from a part against the reader's budget,
// so that a zip bomb stops at the limit rather than after inflating.
type budgetReader struct {
	r io.Reader
	d *reader
}

// errBudget is the error of a part that passes the budget.
var errBudget = errors.New("budget")

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.d.budget <= 0 {
		return 0, errBudget
	}
	if int64(len(p)) > b.d.budget {
		p = p[:b.d.budget]
	}
	n, err := b.r.Read(p)
	b.d.budget -= int64(n)
	return n, err
}

// find returns the entry named name, compared without regard to case as
// Office does, or nil.
func (d *reader) find(name string) *zip.File {
	for _, f := range d.zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// readPart streams the part name, when the archive has it, through fn.
func (d *reader) readPart(name string, fn func(x *xmlReader) error) error {
	f := d.find(name)
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return &Error{Part: name, Msg: fmt.Sprintf("cannot open the part (%v): expected a whole .docx file", err)}
	}
	defer rc.Close()
	x := newXMLReader(&budgetReader{r: rc, d: d})
	x.ctx = d.ctx
	err = fn(x)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, errBudget):
		return &Error{Part: name, Msg: fmt.Sprintf("more XML than the limit of %d MiB (and %d times the file's size): expected a Word document, not a zip bomb", MaxXMLBytes>>20, MaxRatio)}
	}
	line, msg := inputLine(x), ""
	var syn *xml.SyntaxError
	var deep errDepth
	switch {
	case errors.As(err, &deep):
		line, msg = deep.line, fmt.Sprintf("elements nested more than %d deep: expected a Word document's XML", maxXMLDepth)
	case errors.As(err, &syn):
		line, msg = syn.Line, syn.Msg+": expected well-formed XML"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		msg = "the part ends early: expected well-formed XML"
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat):
		msg = fmt.Sprintf("damaged zip entry (%v): expected a whole .docx file", err)
	default:
		msg = err.Error() + ": expected a Word document's XML"
	}
	return &Error{Part: name, Line: line, Msg: msg}
}

// inputLine returns the line of the part the decoder has reached.
func inputLine(x *xmlReader) int {
	line, _ := x.d.InputPos()
	return line
}
