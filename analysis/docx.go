package analysis

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Word documents (.docx) are read with archive/zip and a streaming
// encoding/xml decoder rather than a docx library: the Go libraries either
// drop the text inside tracked insertions (w:ins), cannot read tables, or are
// AGPL or commercial. Only word/document.xml, word/styles.xml and
// word/numbering.xml are read; footnotes, endnotes, comments, headers and
// footers are not part of the negotiated text and are ignored.

// The limits of a Word document's reading, besides Limits: they bound the
// work of unpacking whatever the compressed size.
const (
	// maxDocxXMLBytes bounds the XML read from all parts together.
	maxDocxXMLBytes = 64 << 20
	// maxDocxRatio bounds the XML read against the size of the file: zip
	// bombs pack gigabytes in kilobytes, Word's XML compresses about 10:1.
	maxDocxRatio = 100
	// maxDocxEntries bounds the entries of the zip archive, checked before
	// its directory is read.
	maxDocxEntries = 10_000
	// maxXMLDepth bounds the nesting of XML elements. Tables nested ten deep
	// are about 60 levels.
	maxXMLDepth = 256
)

// The variant names and outcome choices that tracked changes bring.
const (
	// AcceptAll is the Options.Outcome (and ParseOptions.Outcome) value that
	// adds to a document of tracked changes the variant AcceptedName, the
	// text with every change accepted, as its outcome.
	AcceptAll = "accept-all"
	// AcceptedName names the variant of a document of tracked changes with
	// every change accepted.
	AcceptedName = "All changes accepted"
)

// ParseOptions choose how a file is read.
type ParseOptions struct {
	Limits Limits
	// Tracked makes a Word document holding both a compilation table and
	// tracked changes read as tracked changes by author.
	Tracked bool
	// Outcome is the outcome the analysis will use; AcceptAll adds the
	// variant AcceptedName to a document of tracked changes.
	Outcome string
	// Context stops the reading of a Word document when it is done (an
	// upload whose client left); nil is context.Background.
	Context context.Context
}

// context returns the options' context, context.Background when unset.
func (o ParseOptions) context() context.Context {
	if o.Context == nil {
		return context.Background()
	}
	return o.Context
}

// ParseWith is Parse with options: limits and what to read from a Word
// document.
func ParseWith(file string, data []byte, opts ParseOptions) (*Document, error) {
	lim := opts.Limits.orDefault()
	if err := checkFileSize(file, data, lim); err != nil {
		return nil, err
	}
	switch {
	case isZip(data):
		opts.Limits = lim
		return removeHidden(parseDocx(file, data, opts))
	case bytes.HasPrefix(data, oleMagic):
		return nil, docxErrorf(file, "", "an old binary Word document (.doc) or other OLE file: convert it to .docx first (LibreOffice: soffice --headless --convert-to docx FILE)")
	case isCSVHeader(firstLine(bytes.TrimPrefix(data, bom))):
		return removeHidden(parseCSV(file, data, lim))
	}
	return removeHidden(parseTableDump(file, data, lim))
}

// ParseDocx reads a Word document (see the README for its five shapes:
// compilation table, compilation markup, tracked changes, running text,
// wrappers).
func ParseDocx(file string, data []byte, opts ParseOptions) (*Document, error) {
	opts.Limits = opts.Limits.orDefault()
	if err := checkFileSize(file, data, opts.Limits); err != nil {
		return nil, err
	}
	return removeHidden(parseDocx(file, data, opts))
}

// oleMagic starts every OLE compound file, the container of .doc files.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// isZip reports whether data starts like a zip archive.
func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// docxErrorf builds the *ParseError of a Word document at where (a part, a
// table row, a paragraph), "" for the file as a whole. Its Line is 1, which
// callers that know better change.
func docxErrorf(file, where, format string, args ...any) *ParseError {
	e := errorf(file, 1, format, args...)
	e.Where = where
	if where == "" {
		e.Where = "Word document"
	}
	return e
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

// docxReader reads the parts of a Word document within one budget of XML.
type docxReader struct {
	file   string
	zr     *zip.Reader
	budget int64 // XML bytes that may still be read
	ctx    context.Context
}

// budgetReader counts what is read from a part against the reader's budget,
// so that a zip bomb stops at the limit rather than after inflating.
type budgetReader struct {
	r io.Reader
	d *docxReader
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

// parseDocx reads the Word document data, whose size has been checked.
func parseDocx(file string, data []byte, opts ParseOptions) (*Document, error) {
	n, ok := zipEntries(data)
	if !ok {
		return nil, docxErrorf(file, "", "a zip archive without its end (the central directory): the file is cut short or damaged; expected a whole .docx file")
	}
	if n > maxDocxEntries {
		return nil, docxErrorf(file, "", "a zip archive of %s entries, the limit is %s: expected a Word document", formatCount(int64(n)), formatCount(maxDocxEntries))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, docxErrorf(file, "", "not a readable zip archive (%v): the file is cut short or damaged; expected a whole .docx file", err)
	}
	if len(zr.File) > maxDocxEntries {
		return nil, docxErrorf(file, "", "a zip archive of %s entries, the limit is %s: expected a Word document", formatCount(int64(len(zr.File))), formatCount(maxDocxEntries))
	}
	d := &docxReader{file: file, zr: zr, budget: min(maxDocxXMLBytes, maxDocxRatio*int64(len(data))), ctx: opts.context()}
	if d.find("word/document.xml") == nil {
		return nil, docxErrorf(file, "", "a zip archive without word/document.xml: expected a Word document (.docx), not another kind of zip file")
	}
	st := &docxStyles{styles: map[string]*docxStyle{}}
	if err := d.readPart("word/styles.xml", st.read); err != nil {
		return nil, err
	}
	num := newDocxNumbering()
	if err := d.readPart("word/numbering.xml", num.read); err != nil {
		return nil, err
	}
	var body []docxBlock
	err = d.readPart("word/document.xml", func(x *xmlReader) error {
		w := &docxWalker{x: x, styles: st}
		var err error
		body, err = w.document()
		return err
	})
	if err != nil {
		return nil, err
	}
	return buildDocx(file, body, st, num, opts)
}

// find returns the entry named name, compared without regard to case as
// Office does, or nil.
func (d *docxReader) find(name string) *zip.File {
	for _, f := range d.zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// readPart streams the part name, when the archive has it, through fn.
func (d *docxReader) readPart(name string, fn func(x *xmlReader) error) error {
	f := d.find(name)
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return docxErrorf(d.file, name, "cannot open the part (%v): expected a whole .docx file", err)
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
		return docxErrorf(d.file, name, "more XML than the limit of %s (and %d times the file's size): expected a Word document, not a zip bomb", formatSize(maxDocxXMLBytes), maxDocxRatio)
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		return pe
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
	e := docxErrorf(d.file, fmt.Sprintf("%s line %d", name, line), "%s", msg)
	e.Line = line
	return e
}

// inputLine returns the line of the part the decoder has reached.
func inputLine(x *xmlReader) int {
	line, _ := x.d.InputPos()
	return line
}
