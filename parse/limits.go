package parse

import (
	"bytes"
	"strconv"
)

// Limits bounds what the parsers accept, so that a damaged or hostile file
// fails with an error naming the limit instead of exhausting memory or time.
// The parsers check each limit as soon as the quantity it bounds is known,
// before the work that depends on it. A field that is zero or negative takes
// its value from DefaultLimits.
type Limits struct {
	// MaxFileBytes bounds the size of a whole file. Parsing keeps a few
	// copies of the text (lines, cells, tokens), so memory grows with a
	// small multiple of it.
	MaxFileBytes int64
	// MaxCellBytes bounds one cell of a table dump, from its tab to the end
	// of its last line, and one field of a CSV record. The diff and the
	// uptake of a cell grow faster than its length, so this is what keeps
	// the analysis of one paragraph short.
	MaxCellBytes int
	// MaxParagraphs bounds the paragraphs of a document and, separately,
	// its section headings.
	MaxParagraphs int
	// MaxVariants bounds the columns of a document, the base included.
	MaxVariants int
}

// DefaultLimits returns the limits Parse applies. They are generous for
// real documents and small enough to keep a bad file's cost bounded:
//
//   - 64 MiB per file: the largest negotiation texts (a whole outcome
//     document with a dozen stakeholder columns) are a few MiB of text;
//     64 MiB leaves an order of magnitude of room while keeping the parse
//     of a file within a few hundred MiB of memory.
//   - 1 MiB per cell: a paragraph of a treaty is rarely over 10 KiB; a
//     whole chapter pasted into one cell still fits, a runaway line does not.
//   - 200,000 paragraphs: the longest consolidated texts (trade agreements
//     with annexes) have tens of thousands of numbered paragraphs.
//   - 64 variants, the base included: a working document sets side by side
//     a handful of proposals, rarely more than the regional groups and
//     major blocs of a negotiation; every variant adds a figure to every
//     chart and table.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:  64 << 20,
		MaxCellBytes:  1 << 20,
		MaxParagraphs: 200_000,
		MaxVariants:   64,
	}
}

// OrDefault returns lim with each field that is not positive set from
// DefaultLimits.
func (lim Limits) OrDefault() Limits {
	d := DefaultLimits()
	if lim.MaxFileBytes <= 0 {
		lim.MaxFileBytes = d.MaxFileBytes
	}
	if lim.MaxCellBytes <= 0 {
		lim.MaxCellBytes = d.MaxCellBytes
	}
	if lim.MaxParagraphs <= 0 {
		lim.MaxParagraphs = d.MaxParagraphs
	}
	if lim.MaxVariants <= 0 {
		lim.MaxVariants = d.MaxVariants
	}
	return lim
}

// checkFileSize returns an error when data is larger than lim.MaxFileBytes,
// located at the line on which the limit falls. data may be the start of a
// larger file, so the message does not claim a size beyond the limit.
func checkFileSize(file string, data []byte, lim Limits) error {
	if int64(len(data)) <= lim.MaxFileBytes {
		return nil
	}
	line := bytes.Count(data[:lim.MaxFileBytes], []byte{'\n'}) + 1
	return Errorf(file, line, "file of more than %s, the limit is %s (passed on this line): expected a smaller file",
		formatSize(lim.MaxFileBytes), formatSize(lim.MaxFileBytes))
}

// cellTooLarge is the error for a cell or field of n bytes at line.
func cellTooLarge(file string, line int, what string, n int, lim Limits) *ParseError {
	return Errorf(file, line, "%s of %s bytes, the limit is %s", what, FormatCount(int64(n)), formatSize(int64(lim.MaxCellBytes)))
}

// tooManyParagraphs is the error for the paragraph, starting at line, that
// passes lim.MaxParagraphs.
func tooManyParagraphs(file string, line int, id string, lim Limits) *ParseError {
	return Errorf(file, line, "paragraph %s is paragraph %s, the limit is %s paragraphs",
		Quote(id), FormatCount(int64(lim.MaxParagraphs)+1), FormatCount(int64(lim.MaxParagraphs)))
}

// tooManySections is the error for the section heading, at line, that
// brings the document to n sections, more than lim.MaxParagraphs.
func tooManySections(file string, line int, id string, n int, lim Limits) *ParseError {
	return Errorf(file, line, "section %s makes %s sections, the limit is %s sections",
		Quote(id), FormatCount(int64(n)), FormatCount(int64(lim.MaxParagraphs)))
}

// FormatCount writes n in decimal with commas between groups of three
// digits: 2,000,000.
func FormatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return neg + string(b)
}

// formatSize writes a size in bytes in the largest binary unit that divides
// it: "64 MiB", "512 KiB", "1,000 bytes".
func formatSize(n int64) string {
	switch {
	case n > 0 && n%(1<<30) == 0:
		return FormatCount(n>>30) + " GiB"
	case n > 0 && n%(1<<20) == 0:
		return FormatCount(n>>20) + " MiB"
	case n > 0 && n%(1<<10) == 0:
		return FormatCount(n>>10) + " KiB"
	case n == 1:
		return "1 byte"
	}
	return FormatCount(n) + " bytes"
}
