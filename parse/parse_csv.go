package parse

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The columns of the long-form CSV.
const (
	colSection      = "section"
	colParagraph    = "paragraph"
	colVariant      = "variant"
	colText         = "text"
	colSectionTitle = "section_title"
)

// csvRequired lists the columns every long-form CSV has.
var csvRequired = []string{colSection, colParagraph, colVariant, colText}

// readCSV reads the long form of a negotiation text: a CSV file whose header
// names the columns section, paragraph, variant and text, in any order, and
// optionally section_title (names are trimmed and compared without regard to
// case; any other column is an error). Each further record holds the text of
// one paragraph in one variant.
//
// Records are in document order: paragraphs and sections come in the order of
// their first record, the records of one paragraph are consecutive and a
// section does not come back once another has started. The first variant
// named is the base; Variants[0] is BaseName whatever the CSV calls it, and
// the other variants follow in the order they are first named (trimmed, inner
// white space collapsed, compared without regard to case). Names, IDs and
// titles lose their hidden format characters (see RemoveHidden): a field
// of them alone is empty. A paragraph with
// no base text is New. An empty text means the variant has no text for the
// paragraph; a paragraph and variant given twice is an error.
//
// Section IDs are written like the headings of a table dump ("3", "3a", "3."
// is read as "3"); "3a" is a subsection of "3". A record with an empty
// paragraph, variant and text only declares its section and title, which lets
// a section without paragraphs of its own appear. A subsection whose parent
// has not appeared gets the parent created, with an empty title, just before
// it. The title of a section is that of its records' non-empty section_title
// fields, which must agree.
//
// Errors are *ParseError values naming the CSV line, the column and what was
// expected. readCSV applies DefaultLimits.
func readCSV(file string, data []byte) (*Document, error) {
	lim := DefaultLimits()
	if err := checkFileSize(file, data, lim); err != nil {
		return nil, err
	}
	return removeHidden(parseCSV(file, data, lim, ""))
}

// parseCSV is readCSV within lim, whose file size has been checked; a
// header naming a source column (source: its name, "" for the usual names)
// is a compilation of proposals (see compilationColumns).
func parseCSV(file string, data []byte, lim Limits, source string) (*Document, error) {
	data = bytes.TrimPrefix(data, bom)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Errorf(file, 1, "empty file: expected a CSV header naming the columns %s", strings.Join(csvRequired, ","))
	}
	if err := checkUTF8(file, data); err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(data))
	header, err := r.Read()
	if err != nil {
		return nil, csvError(file, err, nil, 0)
	}
	if err := checkFields(file, 1, header, lim); err != nil {
		return nil, err
	}
	if c, ok := compilationColumns(header, source); ok {
		return csvCompilation(file, r, header, c, lim)
	}
	if isCompilationHeader([]byte(strings.Join(header, ","))) {
		return nil, Errorf(file, 1, "a compilation of proposals (original and proposed text) without a source column: expected a column named %s, or its name given with -source-column", strings.Join(compSourceNames[:3], ", "))
	}
	cols, err := csvColumns(file, header)
	if err != nil {
		return nil, err
	}

	p := &csvParser{
		file:      file,
		doc:       newDocument(file),
		lim:       lim,
		cols:      cols,
		paraAt:    map[string]int{},
		cellAt:    map[cellKey]int{},
		sectionAt: map[string]int{},
	}
	line := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(file, err, rec, len(header))
		}
		line, _ = r.FieldPos(0)
		if err := checkFields(file, line, rec, lim); err != nil {
			return nil, err
		}
		if err := p.record(line, rec); err != nil {
			return nil, err
		}
	}
	return p.finish(line)
}

// csvError turns an error of encoding/csv into a *ParseError. rec is the
// record read with the error, if any, and width the header's field count.
func csvError(file string, err error, rec []string, width int) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return Errorf(file, 1, "%v", err)
	}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return Errorf(file, pe.StartLine, "record has %d fields: expected %d, one per column of the header", len(rec), width)
	}
	return Errorf(file, pe.Line, "column %d: %v: expected a well-formed CSV field", pe.Column, pe.Err)
}

// checkFields returns an error when a field of rec, the record at line, is
// larger than lim.MaxCellBytes.
func checkFields(file string, line int, rec []string, lim Limits) error {
	for i, f := range rec {
		if len(f) > lim.MaxCellBytes {
			return cellTooLarge(file, line, fmt.Sprintf("column %d: field", i+1), len(f), lim)
		}
	}
	return nil
}

// csvColumns maps the column names of header to their indexes.
func csvColumns(file string, header []string) (map[string]int, error) {
	cols := map[string]int{}
	var unknown []string
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(Visible(h)))
		switch name {
		case colSection, colParagraph, colVariant, colText, colSectionTitle:
		default:
			unknown = append(unknown, fmt.Sprintf("%q", h))
			continue
		}
		if _, dup := cols[name]; dup {
			return nil, Errorf(file, 1, "header names column %s twice: expected each column once", name)
		}
		cols[name] = i
	}
	if len(unknown) > 0 {
		return nil, Errorf(file, 1, "header has unknown column(s) %s: expected only %s and optionally %s", strings.Join(unknown, ", "), strings.Join(csvRequired, ", "), colSectionTitle)
	}
	var missing []string
	for _, c := range csvRequired {
		if _, ok := cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, Errorf(file, 1, "header lacks column(s) %s: expected %s and optionally %s", strings.Join(missing, ", "), strings.Join(csvRequired, ", "), colSectionTitle)
	}
	return cols, nil
}

// csvParser holds the state of readCSV between records.
type csvParser struct {
	file     string
	doc      *Document
	lim      Limits
	cols     map[string]int
	baseName string          // the base variant's name in the CSV
	section  string          // ID of the current section
	para     string          // ID of the current paragraph
	paraAt   map[string]int  // line of each paragraph's first record
	cellAt   map[cellKey]int // line of the record of each paragraph and variant
	lastV    int             // variant index of the current paragraph's last record
	lastName string          // its name as this CSV writes it
	orderAt  int             // line of the first paragraph that gave the variants' order

	sectionAt map[string]int // index in doc.Sections of each section ID
}

// cellKey names the text of a paragraph in a variant.
type cellKey struct {
	para    string
	variant int
}

// field returns the trimmed value of column col of rec, "" when the header
// has no such column.
func (p *csvParser) field(rec []string, col string) string {
	i, ok := p.cols[col]
	if !ok {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// record reads one CSV record found at line.
func (p *csvParser) record(line int, rec []string) error {
	if err := p.sectionOf(line, rec); err != nil {
		return err
	}
	// The paragraph and the variant are named without hidden format
	// characters: one of them alone is an empty field.
	para := strings.TrimSpace(Visible(p.field(rec, colParagraph)))
	variant := VisibleName(p.field(rec, colVariant))
	// encoding/csv turns CRLF inside a quoted field into LF; a lone CR
	// ends a line too, as in table dumps.
	text := strings.ReplaceAll(p.field(rec, colText), "\r", "\n")
	if para == "" {
		if variant != "" || text != "" {
			return Errorf(p.file, line, "column %s is empty: expected a paragraph number like 39 or 43bis for a record with a variant or text", colParagraph)
		}
		return nil
	}
	l, ok := parseLabel(para)
	if !ok || !l.alone || l.body != "" {
		return Errorf(p.file, line, "column %s: found %s, expected a paragraph number like 39 or 43bis", colParagraph, Quote(para))
	}
	if variant == "" {
		return Errorf(p.file, line, "column %s is empty: expected the name of the variant whose text this is", colVariant)
	}
	v, err := p.variant(line, variant)
	if err != nil {
		return err
	}

	doc := p.doc
	if l.id != p.para {
		if at, seen := p.paraAt[l.id]; seen {
			return Errorf(p.file, line, "column %s: paragraph %s already ended (its records start at line %d): expected the records of a paragraph together, in document order", colParagraph, l.id, at)
		}
		if len(doc.Paragraphs) >= p.lim.MaxParagraphs {
			return tooManyParagraphs(p.file, line, l.id, p.lim)
		}
		p.paraAt[l.id] = line
		p.para = l.id
		p.lastV, p.lastName = -1, ""
		doc.Paragraphs = append(doc.Paragraphs, Paragraph{ID: l.id, Section: p.section, Line: line})
		if p.orderAt == 0 {
			p.orderAt = line
		}
	}
	// The columns' roles follow from the variants' order (the first the
	// base, the last the outcome): an order that changes between paragraphs
	// would give one variant's words to another's role.
	if v < p.lastV {
		return Errorf(p.file, line, "column %s: variant %q comes after %q in paragraph %s, but the records from line %d give the variants in the order %s: expected the same order in every paragraph",
			colVariant, variant, p.lastName, l.id, p.orderAt, p.variantOrder())
	}
	p.lastV, p.lastName = v, variant
	cur := &doc.Paragraphs[len(doc.Paragraphs)-1]
	if cur.Section != p.section {
		return Errorf(p.file, line, "column %s: paragraph %s is in section %s from line %d: expected the same section on all its records", colSection, l.id, cur.Section, p.paraAt[l.id])
	}
	key := cellKey{l.id, v}
	if at, dup := p.cellAt[key]; dup {
		return Errorf(p.file, line, "column %s: paragraph %s already has a record for variant %q at line %d: expected one record per paragraph and variant", colVariant, l.id, variant, at)
	}
	p.cellAt[key] = line
	for len(cur.Texts) <= v {
		cur.Texts = append(cur.Texts, "")
	}
	cur.Texts[v] = text
	return nil
}

// sectionOf reads the section and section title of rec, found at line,
// making the section current.
func (p *csvParser) sectionOf(line int, rec []string) error {
	raw := p.field(rec, colSection)
	l, ok := parseLabel(Visible(raw))
	if !ok || !l.alone || l.body != "" || !l.isSectionID() {
		return Errorf(p.file, line, "column %s: found %s, expected a section number like 3 or 3a", colSection, Quote(raw))
	}
	doc := p.doc
	if l.id != p.section {
		if msg := addSection(doc, p.sectionAt, Section{ID: l.id, Line: line}); msg != "" {
			return Errorf(p.file, line, "column %s: section %s already ended: expected the records of a section together, in document order (%s)", colSection, l.id, msg)
		}
		if len(doc.Sections) > p.lim.MaxParagraphs {
			return tooManySections(p.file, line, l.id, len(doc.Sections), p.lim)
		}
		p.section = l.id
	}
	title := VisibleName(p.field(rec, colSectionTitle))
	if title == "" {
		return nil
	}
	s := &doc.Sections[len(doc.Sections)-1]
	switch s.Title {
	case "":
		s.Title = title
	case title:
	default:
		return Errorf(p.file, line, "column %s: section %s has title %q from line %d, here %q: expected the same title on all its records", colSectionTitle, l.id, s.Title, s.Line, title)
	}
	return nil
}

// variantOrder lists the variants named so far, in their order.
func (p *csvParser) variantOrder() string {
	names := append([]string{p.baseName}, p.doc.Variants[1:]...)
	return strings.Join(names, ", ")
}

// variant returns the index of the variant named name, adding it when new.
// The first variant named is the base.
func (p *csvParser) variant(line int, name string) (int, error) {
	doc := p.doc
	if len(doc.Variants) == 0 {
		p.baseName = name
		doc.Variants = []string{BaseName}
		return 0, nil
	}
	if strings.EqualFold(name, p.baseName) {
		return 0, nil
	}
	for i := 1; i < len(doc.Variants); i++ {
		if strings.EqualFold(doc.Variants[i], name) {
			return i, nil
		}
	}
	if len(doc.Variants) >= p.lim.MaxVariants {
		return 0, Errorf(p.file, line, "column %s: variant %s is variant %s, the limit is %s variants, the base included", colVariant, Quote(name), FormatCount(int64(len(doc.Variants))+1), FormatCount(int64(p.lim.MaxVariants)))
	}
	if msg := addVariant(doc, name); msg != "" {
		return 0, Errorf(p.file, line, "column %s: %s (the base is %q): expected a name of its own", colVariant, msg, p.baseName)
	}
	return len(doc.Variants) - 1, nil
}

// finish checks the document read; last is the line of the last record.
func (p *csvParser) finish(last int) (*Document, error) {
	doc := p.doc
	if len(doc.Paragraphs) == 0 {
		return nil, Errorf(p.file, last, "expected at least one paragraph record after the header")
	}
	if len(doc.Variants) < 2 {
		return nil, Errorf(p.file, last, "column %s names only the base %q: expected at least one other variant", colVariant, p.baseName)
	}
	for i := range doc.Paragraphs {
		para := &doc.Paragraphs[i]
		for len(para.Texts) < len(doc.Variants) {
			para.Texts = append(para.Texts, "")
		}
		if !hasText(para.Texts) {
			return nil, Errorf(p.file, para.Line, "column %s: paragraph %s has no text in any variant: expected text in at least one", colText, para.ID)
		}
		para.New = para.Texts[0] == ""
	}
	return doc, nil
}
