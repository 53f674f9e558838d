package parse

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseError is a parse failure at a line of a file.
type ParseError struct {
	File  string // file name as given to the parser
	Line  int    // 1-based line of the failure; for a Word document, the row or paragraph Where counts
	Where string // where in a file without lines: "table row 12", "paragraph 40", "word/document.xml"; "" for a line
	Msg   string // what was found and what was expected
}

// Error returns "FILE:LINE: MSG", or "FILE: WHERE: MSG" when Where is set.
func (e *ParseError) Error() string {
	if e.Where != "" {
		return fmt.Sprintf("%s: %s: %s", e.File, e.Where, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Errorf builds a *ParseError.
func Errorf(file string, line int, format string, args ...any) *ParseError {
	return &ParseError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// bom is the UTF-8 byte order mark some editors put at the start of a file.
var bom = []byte("\uFEFF")

// firstLine returns data up to its first line end, without the line end.
func firstLine(data []byte) []byte {
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		return data[:i]
	}
	return data
}

// isCSVHeader reports whether line is a CSV header holding at least the
// required columns of the long form. A line holding a tab is never one: the
// table dump starts its cells with tabs.
func isCSVHeader(line []byte) bool {
	names := headerNames(line)
	for _, c := range csvRequired {
		if !slices.Contains(names, c) {
			return false
		}
	}
	return names != nil
}

// headerNames returns the fields of line as a CSV header names them:
// trimmed, unquoted, lower case, without hidden characters; nil for a line
// with a tab, which is a table dump's.
func headerNames(line []byte) []string {
	if bytes.IndexByte(line, '\t') >= 0 {
		return nil
	}
	fields := strings.Split(string(line), ",")
	for i, f := range fields {
		fields[i] = strings.ToLower(strings.Trim(strings.TrimSpace(Visible(f)), `"`))
	}
	return fields
}

// looksLikeCSVHeader reports whether line, which isCSVHeader refuses, is
// still the header of a long-form CSV that lacks columns: two fields or
// more, two of them named as its columns are ("section,paragraph,text"),
// so that the CSV parser says which columns it lacks rather than the file
// being read as running text.
func looksLikeCSVHeader(line []byte) bool {
	names := headerNames(line)
	known := 0
	for _, name := range names {
		if slices.Contains(csvRequired, name) || name == colSectionTitle {
			known++
		}
	}
	return len(names) >= 2 && known >= 2
}

// newDocument returns an empty Document named after file.
func newDocument(file string) *Document {
	base := filepath.Base(file)
	base = Visible(strings.TrimSuffix(base, filepath.Ext(base)))
	return &Document{Name: Slug(base), Title: base, Source: file}
}

// splitLines checks that data (without a byte order mark) is valid UTF-8
// without NUL bytes, which text never holds and binary and UTF-16 files are
// full of, and splits it into lines without their line ends. CRLF and lone CR end lines
// like LF does; the line end of the last line is optional.
func splitLines(file string, data []byte) ([]string, error) {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, l := range lines {
		if !utf8.ValidString(l) {
			col := 0
			for col < len(l) {
				r, n := utf8.DecodeRuneInString(l[col:])
				if r == utf8.RuneError && n <= 1 {
					break
				}
				col += n
			}
			return nil, Errorf(file, i+1, "invalid UTF-8 at byte %d of the line: expected text in %s; %s", col+1, encodingsTried, saveAsUTF8Hint)
		}
		if col := strings.IndexByte(l, 0); col >= 0 {
			return nil, Errorf(file, i+1, "NUL byte at byte %d of the line: expected text in %s, not a binary file (or UTF-16 without its byte order mark); %s", col+1, encodingsTried, saveAsUTF8Hint)
		}
	}
	return lines, nil
}

// checkUTF8 returns an error naming the first line of data that is not valid
// UTF-8 or holds a NUL byte.
func checkUTF8(file string, data []byte) error {
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return nil
	}
	_, err := splitLines(file, data)
	return err
}

// A label is the number a cell or CSV field starts with: "39.", "New43bis",
// "New 56bis", "[New] 62bis.", "3a)". Its ID drops the "New" prefix, the inner spaces and the
// trailing dot or parenthesis.
var (
	// labelLine is a label alone on its line.
	labelLine = regexp.MustCompile(`^(?i:\[?(new)\]?\s*)?([0-9]+)(\s*[a-z]+|[A-Z])?\s*[.)]?$`)
	// labelText is a label followed on the same line by text; the dot or
	// parenthesis is then required so that "2005 was" is not a label.
	// It matches the label and the space after it alone, so that its
	// cost does not grow with the text: the text starts where it ends.
	labelText = regexp.MustCompile(`^(?i:\[?(new)\]?\s*)?([0-9]+)(\s*[a-z]+|[A-Z])?[.)]\s+`)
)

// label is the parsed label of a cell.
type label struct {
	id     string // "39", "43bis", "3a"
	new    bool   // written with a "New" prefix
	suffix string // letters after the number
	body   string // the text after the label, trimmed
	alone  bool   // the label is alone on its line
}

// maxIDDigits bounds the number of a label followed by text on its line,
// so that a year or another number starting a text ("2005. Tunis") is not
// taken for one; maxLoneIDDigits bounds a number alone on its line, which
// only a label is, so that a long document's paragraph 10000 is one.
const (
	maxIDDigits     = 4
	maxLoneIDDigits = 6
)

// parseLabel splits text (trimmed) into its leading label and the rest. ok
// is false when text does not start with a label. Hidden format characters
// (see RemoveHidden) before the label or in it, up to the text after it,
// are not part of it: "\u200F39." is the label 39, as it looks. Those in
// the text after the label stay there, for removeHidden to count with the
// text's.
func parseLabel(text string) (l label, ok bool) {
	return parseLabelDigits(text, maxIDDigits)
}

// parseLabelDigits is parseLabel taking up to digits digits in a number
// followed by text on its line.
func parseLabelDigits(text string, digits int) (l label, ok bool) {
	first, rest, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if l, ok = matchLabel(first, rest, first, -1, digits); ok || !mayHideLabel(first) {
		return l, ok
	}
	clean, n := StripHidden(first)
	if n == 0 {
		return label{}, false
	}
	trimmed := strings.TrimSpace(clean)
	return matchLabel(first, rest, trimmed, strings.Index(clean, trimmed), digits)
}

// labelAfter is parseLabel for a text that comes after the paragraph
// numbered prev ("" for none). A number of more than maxIDDigits digits
// followed by text on its line ("10000. The conference...") could be a
// figure that starts the text, and parseLabel does not take it; here it is
// a label when it continues the numbering: prev+1, or prev or prev+1 with
// a suffix ("10000bis" after 10000). stray is set, and ok false, for such
// a number that does not continue the numbering of a document already
// numbered in thousands (prev of 4 digits or more), where it can only be a
// number that is out of order or mistyped.
func labelAfter(text, prev string) (l label, ok, stray bool) {
	if l, ok = parseLabel(text); ok {
		return l, true, false
	}
	l, ok = parseLabelDigits(text, maxLoneIDDigits)
	if !ok {
		return label{}, false, false
	}
	if continues(l, prev) {
		return l, true, false
	}
	return l, false, len(leadingDigits(prev)) >= maxIDDigits
}

// continues reports whether label l is the paragraph after the one
// numbered prev: prev+1, or prev or prev+1 with a suffix.
func continues(l label, prev string) bool {
	pd := leadingDigits(prev)
	if pd == "" {
		return false
	}
	n, err1 := strconv.Atoi(pd)
	m, err2 := strconv.Atoi(strings.TrimSuffix(l.id, l.suffix))
	switch {
	case err1 != nil || err2 != nil:
		return false
	case m == n+1:
		return true
	case m == n:
		return l.suffix != "" && l.id != prev
	}
	return false
}

// leadingDigits returns the digits id starts with.
func leadingDigits(id string) string {
	i := 0
	for i < len(id) && '0' <= id[i] && id[i] <= '9' {
		i++
	}
	return id[:i]
}

// strayNumberError is the message of a number of many digits on a text's
// line that does not continue the numbering after prev.
func strayNumberError(l label, prev string) string {
	return fmt.Sprintf("%s reads as paragraph %s, which does not follow paragraph %s: expected %s next; a number of more than %d digits followed by text on its line is read as a paragraph's number only when it continues the numbering (give it a line of its own to number it out of order)",
		Quote(l.id+"."), l.id, prev, nextNumber(prev), maxIDDigits)
}

// nextNumber returns the number after the paragraph numbered prev.
func nextNumber(prev string) string {
	n, _ := strconv.Atoi(leadingDigits(prev))
	return strconv.Itoa(n + 1)
}

// mayHideLabel reports whether first, a line that is no label as it is
// written, may be one without its hidden format characters: only a line
// whose first rune other than those and white space is a digit or the N
// of "New" can.
func mayHideLabel(first string) bool {
	for _, r := range first {
		if IsHidden(r) || unicode.IsSpace(r) {
			continue
		}
		return '0' <= r && r <= '9' || r == 'n' || r == 'N'
	}
	return false
}

// matchLabel reads the label of the line first, followed by the lines
// rest. The label is matched in clean: first itself when lead is -1, else
// first without its hidden format characters and then trimmed of the lead
// bytes of white space it started with. The body after the label is
// taken from first, its hidden characters kept.
func matchLabel(first, rest, clean string, lead, digits int) (l label, ok bool) {
	var m []int
	if m = labelLine.FindStringSubmatchIndex(clean); m != nil {
		l.body = strings.TrimSpace(rest)
		l.alone = true
	} else if m = labelText.FindStringSubmatchIndex(clean); m != nil && m[1] < len(clean) {
		start := m[1]
		if lead >= 0 {
			start = visibleOffset(first, lead+start)
		}
		l.body = strings.TrimSpace(first[start:] + "\n" + rest)
	} else {
		return label{}, false
	}
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return clean[m[2*i]:m[2*i+1]]
	}
	if n := len(group(2)); n > digits && !(l.alone && n <= maxLoneIDDigits) {
		return label{}, false
	}
	l.new = group(1) != ""
	l.suffix = strings.TrimSpace(group(3))
	l.id = group(2) + l.suffix
	return l, true
}

// visibleOffset returns the offset in s past its first n bytes that are
// not hidden format characters (and past the hidden ones among them): the
// offset in s of offset n in s without them.
func visibleOffset(s string, n int) int {
	i := 0
	for i < len(s) && n > 0 {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !IsHidden(r) {
			n -= size
		}
		i += size
	}
	return i
}

// isSectionID reports whether a label can name a section: a number with at
// most one letter after it ("3", "3a") and no "New" prefix.
func (l label) isSectionID() bool {
	return !l.new && len(l.suffix) <= 1
}

// sectionParent returns the parent of a section ID: "3" for "3a", "" for a
// top-level section.
func sectionParent(id string) string {
	trimmed := strings.TrimRightFunc(id, unicode.IsLetter)
	if trimmed == id {
		return ""
	}
	return trimmed
}

// maxTitleWords is the longest heading title, in words. The longest title of
// the source documents has ten.
const maxTitleWords = 16

// isTitle reports whether s reads as a heading title rather than prose: one
// line of at most maxTitleWords words that starts with a letter, digit or
// quote and does not end with sentence punctuation, hidden format
// characters (see RemoveHidden) left out. A paragraph's text is refused
// before any of it is cleaned, at its first line end or its word past the
// limit.
func isTitle(s string) bool {
	if strings.IndexByte(s, '\n') >= 0 {
		return false
	}
	words := 0
	for f := range strings.FieldsSeq(s) {
		if blank(f) {
			continue // hidden characters alone are no word
		}
		if words++; words > maxTitleWords {
			return false
		}
	}
	if words == 0 {
		return false
	}
	s = strings.TrimSpace(Visible(s))
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(first) && !unicode.IsDigit(first) && !strings.ContainsRune("\"'“‘«", first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".,;:!?…", last)
}

// addSection appends s to doc, first creating its parent when the document
// has not defined it: a document may start inside a subsection. The parent
// created has an empty title and the subsection's line. at maps the ID of
// each section of doc to its index, kept up to date here, so that a document
// of many sections is read in linear time. The ID and title lose their
// hidden format characters (see visible). It returns an error message when
// s or the parent it needs clashes with a section defined earlier, ""
// otherwise.
func addSection(doc *Document, at map[string]int, s Section) string {
	s.ID, s.Title = strings.TrimSpace(Visible(s.ID)), strings.TrimSpace(Visible(s.Title))
	if i, ok := at[s.ID]; ok {
		return fmt.Sprintf("duplicate section %s: already defined at line %d", s.ID, doc.Sections[i].Line)
	}
	s.Parent = sectionParent(s.ID)
	if _, ok := at[s.Parent]; s.Parent != "" && !ok {
		at[s.Parent] = len(doc.Sections)
		doc.Sections = append(doc.Sections, Section{ID: s.Parent, Line: s.Line})
	}
	at[s.ID] = len(doc.Sections)
	doc.Sections = append(doc.Sections, s)
	return ""
}

// addVariant appends a variant name to doc, made a name by visibleName,
// returning an error message when it is empty or already used (compared
// without regard to case).
func addVariant(doc *Document, name string) string {
	name = VisibleName(name)
	if name == "" {
		return "empty variant name"
	}
	for i, v := range doc.Variants {
		if strings.EqualFold(v, name) {
			if i == 0 {
				return fmt.Sprintf("duplicate variant name %q: %q is the name of the base column", name, BaseName)
			}
			return fmt.Sprintf("duplicate variant name %q", name)
		}
	}
	doc.Variants = append(doc.Variants, name)
	return ""
}

// hasText reports whether any of texts is not empty.
func hasText(texts []string) bool {
	for _, t := range texts {
		if t != "" {
			return true
		}
	}
	return false
}

// Visible returns s without its hidden format characters (see
// RemoveHidden), for a name, title or ID: those are compared and shown,
// and two that look the same must be the same, nor may a bidi control
// reorder the page around them. Unlike a text's, their hidden characters
// are not counted.
func Visible(s string) string {
	s, _ = StripHidden(s)
	return s
}

// VisibleName returns s as a variant name: without its hidden format
// characters, trimmed, inner runs of white space made one space.
func VisibleName(s string) string {
	return strings.Join(strings.Fields(Visible(s)), " ")
}

// blank reports whether s is empty but for white space and hidden format
// characters: a cell that looks empty. It stops at the first rune that is
// neither, so a cell of text costs a rune or two.
func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !IsHidden(r) {
			return false
		}
	}
	return true
}

// Version reads a version of a text, file naming it in errors: running
// text, or a Word document of running text; a table of variants is an
// error.
func Version(file string, data []byte, opts Options) (*Document, error) {
	switch detect(data) {
	case formatTableDump, formatCSV:
		return nil, Errorf(file, 1, "a table of variants, not a version: expected a version of the text as it reads (running text, or a Word document of running text); give a table as the first file")
	}
	return Parse(file, data, Options{Limits: opts.Limits, Context: opts.Context})
}

// AddVariant appends a variant named name (made a name by VisibleName) to
// d; an empty name, or one d has already (compared without regard to
// case), is an error.
func (d *Document) AddVariant(name string) error {
	if msg := addVariant(d, name); msg != "" {
		return errors.New(msg)
	}
	return nil
}

// RenameBase names d's first column, its base text, name; a name one of
// its variants has already (compared without regard to case) is an error.
func (d *Document) RenameBase(name string) error {
	for _, v := range d.Variants[1:] {
		if strings.EqualFold(v, name) {
			return fmt.Errorf("the base's name %q is the name of one of its variants: give the base another name", name)
		}
	}
	d.Variants[0] = name
	return nil
}

// TrimBOM returns data without the UTF-8 byte order mark it may start with.
func TrimBOM(data []byte) []byte { return bytes.TrimPrefix(data, bom) }
