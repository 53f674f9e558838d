package parse

import (
	"bytes"

	"amendlens/docx"
)

// format is a kind of input file.
type format int

// The formats of input files.
const (
	formatTableDump format = iota // the text of a Word table, cells starting with a tab
	formatCSV                     // the long form: a header naming section, paragraph, variant, text (or some of them)
	formatText                    // running text: one version of a text as it reads
	formatDocx                    // a Word document
	formatOLE                     // an old binary Word document (.doc) or another OLE file
	formatPDF                     // a PDF file
	formatManifest                // a manifest of a negotiation's stages (see Manifest)
)

// oleMagic starts every OLE compound file, the container of .doc files.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// detect tells the format of data by its content, whatever its file's
// name: the one place formats are told apart. A file of white space alone
// is a table dump, whose parser says it is empty.
func detect(data []byte) format {
	text := bytes.TrimPrefix(data, bom)
	switch {
	case isZip(data):
		return formatDocx
	case bytes.HasPrefix(data, oleMagic):
		return formatOLE
	case bytes.HasPrefix(data, []byte(pdfMagic)):
		return formatPDF
	case IsManifest(text):
		return formatManifest
	case isCSVHeader(firstLine(text)), looksLikeCSVHeader(firstLine(text)), isCompilationHeader(firstLine(text)):
		return formatCSV
	case len(bytes.TrimSpace(text)) > 0 && isRunningText(data):
		return formatText
	}
	return formatTableDump
}

// isZip reports whether data starts like a zip archive.
func isZip(data []byte) bool { return docx.IsZip(data) }

// Parse reads a negotiation text in any of its formats, told apart by
// content (see detect), through one switch: a Word document (a zip
// archive), a PDF, a long-form CSV (a first line naming the columns
// section, paragraph, variant and text), running text, or a table dump.
// An old binary Word document (.doc) is an error saying how to convert it,
// a manifest one saying where it goes. file is used in errors, as
// Document.Source and, through Slug of its base name without extension, as
// Document.Name. opts sets the limits (DefaultLimits where zero) and what
// to read from a Word document.
func Parse(file string, data []byte, opts Options) (*Document, error) {
	lim := opts.Limits.OrDefault()
	if err := checkFileSize(file, data, lim); err != nil {
		return nil, err
	}
	opts.Limits = lim
	f := detect(data)
	switch f {
	case formatDocx:
		doc, err := removeHidden(parseDocx(file, data, opts))
		if err != nil {
			return nil, err
		}
		return markStatus(doc), nil
	case formatOLE:
		return nil, docxErrorf(file, "", "an old binary Word document (.doc) or other OLE file: convert it to .docx first (LibreOffice: soffice --headless --convert-to docx FILE)")
	case formatManifest:
		return nil, Errorf(file, 1, "a manifest of a negotiation's stages, which names the files of the stages: give it alone to ingest, serve or the upload form, not as a stage or version")
	case formatPDF:
		text, note, err := pdfText(opts.Ctx(), file, data)
		if err != nil {
			return nil, err
		}
		doc, err := readTextWithin(file, []byte(text), lim)
		if err != nil {
			return nil, err
		}
		doc.Note, doc.Unit = note, UnitTextLine
		return markStatus(doc), nil
	}
	// A text file: in UTF-8, or else in the encodings Word and Excel save
	// plain text in, decoded first.
	data, encoding := decodeText(data)
	if encoding != "" {
		f = detect(data)
	}
	var doc *Document
	var err error
	switch f {
	case formatCSV:
		doc, err = removeHidden(parseCSV(file, data, lim, opts.SourceColumn))
	case formatText:
		doc, err = readTextWithin(file, data, lim)
	default:
		doc, err = removeHidden(parseTableDump(file, data, lim, opts.SourceColumn))
	}
	if err != nil {
		return nil, err
	}
	doc.Encoding = encoding
	return markStatus(doc), nil
}
