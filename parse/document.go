package parse

import (
	"fmt"
	"strconv"
	"strings"

	"amendlens/align"
)

// The units Document.Unit names.
const (
	UnitTableRow  = "table row" // the rows of a Word table
	UnitParagraph = "paragraph" // the paragraphs of a Word document
	UnitTextLine  = "text line" // the lines of a PDF's text layer
)

// Where names line n of a document of unit u as a reader finds it: "line
// 12", "table row 12", "paragraph 12", "text line 12".
func Where(unit string, n int) string {
	if unit == "" {
		unit = "line"
	}
	return unit + " " + strconv.Itoa(n)
}

// BaseName is the name given to the first column, the base text.
const BaseName = "Base"

// Join is paragraphs of a document that one variant made one paragraph:
// the variant's text is on the first, the others are merged into it.
type Join struct {
	Variant    int
	Paragraphs []string // IDs in document order, 2 or more
}

// Document is a parsed negotiation text: its columns (variants), sections and
// paragraphs in document order.
type Document struct {
	Name       string   // Slug of Title: identifies the document everywhere, percent-encoded in URLs
	Title      string   // the name as given (or the file's base name without extension)
	Source     string   // base name of the file it was read from
	Variants   []string // column names, trimmed; Variants[0] is BaseName
	Sections   []Section
	Paragraphs []Paragraph
	// Alignments holds, for each variant given as a separate document and
	// aligned by content (see AddVersion), its alignment; nil for a
	// document whose rows are aligned already (table, CSV).
	Alignments []Alignment
	// Joins holds, for variants read from tracked changes, the paragraphs
	// a variant made one by deleting the paragraph marks between them
	// (see StatusMerged); nil when none did.
	Joins []Join
	// Note says how the file was read when that is not what its kind
	// implies (a Word document with a table that is no compilation, read
	// as running text); "" otherwise.
	Note string
	// Unit is what Paragraph.Line and Section.Line count: "" for lines of
	// the file; UnitTableRow, UnitParagraph or UnitTextLine otherwise.
	Unit string
	// Encoding is the encoding a text file was read in when it was not
	// UTF-8 (EncodingUTF16, EncodingCP1252); "" for UTF-8 and Word files.
	Encoding string
	// Outcome is the outcome the source implies, used by Analyse when its
	// Options.Outcome is empty: NoOutcome for tracked changes by several
	// authors, who are proposals side by side; "" to let Analyse choose.
	Outcome string
	// Stages is the chain of a document given as rounds of a negotiation
	// (see Chain), earliest first; nil for a document read as one table of
	// variants or a text and its versions, whose chain is implied: its base,
	// the proposals against it, and its outcome (see Result.Stages).
	Stages []Stage
	// Actors names who made each proposal of a chain, index as Variants
	// ("" for a stage's text); nil when the variant names say it (see
	// Actor).
	Actors []string
}

// Section is a heading of the document ("1", "Introduction"). A subsection
// ("3a") names its parent ("3").
type Section struct {
	ID     string // as the document writes it, without the trailing dot
	Title  string
	Parent string // "" for a top-level section
	Line   int    // 1-based line of the heading in the source file
}

// SectionLevel returns the depth of section i: 1 for a section, 2 for a
// subsection, and so on.
func (d *Document) SectionLevel(i int) int {
	level := 1
	for parent := d.Sections[i].Parent; parent != "" && level <= len(d.Sections); level++ {
		next := ""
		for _, s := range d.Sections {
			if s.ID == parent {
				next = s.Parent
				break
			}
		}
		parent = next
	}
	return level
}

// Paragraph is one row of the document: one text per variant.
type Paragraph struct {
	ID      string   // as the document writes it, without the trailing dot: "39", "43bis"
	Section string   // ID of the innermost section it belongs to
	New     bool     // the base has no text: the paragraph was proposed
	Line    int      // 1-based line where the row starts in the source file
	Texts   []string // one per variant, index as Document.Variants; "" means absent
	// Hidden counts the format characters (zero-width spaces, bidi
	// controls...) the parser removed from each text, index as Texts; nil
	// when there were none. See RemoveHidden.
	Hidden []int
	// Agreed says, index as Texts, which texts the document marked agreed
	// ("(Agreed)", "(Agreed ad ref.)" after the text: see StatusMarks);
	// nil when none did. The mark is not part of the text.
	Agreed []bool
}

// IsAgreed reports whether the text of variant v was marked agreed.
func (p *Paragraph) IsAgreed(v int) bool { return v < len(p.Agreed) && p.Agreed[v] }

// HiddenChars returns how many format characters the parser removed from
// the text of variant v (v = 0 is the base).
func (p *Paragraph) HiddenChars(v int) int {
	if v < len(p.Hidden) {
		return p.Hidden[v]
	}
	return 0
}

// Alignment is how the paragraphs of a variant given as a separate document
// (a version) were aligned with the document's rows by content.
type Alignment struct {
	Variant int // variant index
	Links   []AlignedLink
}

// AlignedLink is one row of an Alignment: a Link with paragraphs named.
type AlignedLink struct {
	// Paragraph is the ID of the document's row that holds the version
	// paragraph's text, or of the row deleted. A new version paragraph is
	// given a row of its own (see AddVersion), named here.
	Paragraph        string
	VariantParagraph string // the version's own ID, "" when deleted
	Position         int    // index of the version paragraph in the version, -1 when deleted
	Relation         align.Relation
	Similarity       float64
}

// Alignment returns the alignment of variant v, nil when v is a column of
// the document rather than an aligned version.
func (d *Document) Alignment(v int) *Alignment {
	for i := range d.Alignments {
		if d.Alignments[i].Variant == v {
			return &d.Alignments[i]
		}
	}
	return nil
}

// MarkAgreed marks p's text of variant v agreed when agreed is true (see
// Paragraph.Agreed).
func MarkAgreed(p *Paragraph, v int, agreed bool) {
	if !agreed {
		return
	}
	if p.Agreed == nil {
		p.Agreed = make([]bool, len(p.Texts))
	}
	p.Agreed[v] = true
}

// AddHidden counts n hidden format characters removed from p's text of
// variant v (see Paragraph.Hidden).
func AddHidden(p *Paragraph, v, n int) {
	if n == 0 {
		return
	}
	if p.Hidden == nil {
		p.Hidden = make([]int, len(p.Texts))
	}
	p.Hidden[v] += n
}

// Stage is one round of a negotiation: a text (a chair's draft, Rev.1, the
// adopted text) and the proposals made against it.
type Stage struct {
	Name    string // the variant name of its text
	Variant int    // index into Document.Variants of its text
	Date    string // "YYYY-MM-DD" when known, else ""
	// Partial says the stage is an excerpt: a paragraph it has no text for
	// is out of scope, neither deleted nor a proposal not adopted.
	Partial bool
	// Proposals are the variant indexes of the proposals made against the
	// stage's text, each by an actor (see Document.Actor).
	Proposals []int
}

// Actor returns who made the proposal of variant v: its actor as the
// chain names it (Document.Actors), or else the variant's name, as a
// table's header names it.
func (d *Document) Actor(v int) string {
	if v < len(d.Actors) && d.Actors[v] != "" {
		return d.Actors[v]
	}
	return d.Variants[v]
}

// BaseOnly reports whether d has only its base text: no variant to compare
// it with.
func (d *Document) BaseOnly() bool { return len(d.Variants) == 1 }

// SetName names d after given: Name is Slug(given) and Title is given,
// without its hidden format characters (bidi controls, zero-width spaces)
// as names read from files are. It fails, leaving d as it was, when given
// has no letter or digit.
func (d *Document) SetName(given string) error {
	given = strings.TrimSpace(Visible(given))
	name := Slug(given)
	if name == "" {
		return fmt.Errorf("the name %q has no letter or digit to name the document by: give a name", given)
	}
	d.Name, d.Title = name, given
	return nil
}

// NoOutcome is the Options.Outcome value that makes every variant a proposal.
const NoOutcome = "none"
