package parse

import (
	"encoding/csv"
	"io"
	"slices"
	"strings"
)

// A compilation of proposals is a table with one row per paragraph and
// source: the paragraph's number, its original text, who proposed
// ("Source", "Proposed by", "Delegation") and what they proposed. Each
// source is an actor whose proposal against the original text is the
// column of its rows: the document is the first stage of a negotiation,
// its sources' proposals against it, and no outcome.

// The header names of the columns of a compilation, lower case.
var (
	compParagraphNames = []string{"paragraph", "para", "para.", "no.", "no", "number", "#", "paragraph number", "op", "pp"}
	compOriginalNames  = []string{"original text", "original", "base text", "text", "draft text", "chair's text", "existing text"}
	compSourceNames    = []string{"source", "proposed by", "delegation", "proposer", "actor", "submitted by", "country", "group"}
	compProposedNames  = []string{"proposed text", "proposal", "proposed amendment", "amendment", "proposed wording", "proposed change", "proposed changes"}
)

// compColumns are the column indexes of a compilation; para is -1 when
// the original text starts with the paragraph's number instead.
type compColumns struct {
	para, original, source, proposed int
	section                          int // -1 when none
}

// compilationColumns finds the columns of a compilation in a header row:
// a source column (named as compSourceNames say, or source when it is set,
// which -source-column names), an original and a proposed text. ok is false
// for a header without a source column: a table of variants.
func compilationColumns(header []string, source string) (c compColumns, ok bool) {
	c = compColumns{para: -1, original: -1, source: -1, proposed: -1, section: -1}
	for i, h := range header {
		name := strings.Join(strings.Fields(strings.ToLower(Visible(h))), " ")
		switch {
		case source != "" && strings.EqualFold(name, strings.TrimSpace(source)), source == "" && slices.Contains(compSourceNames, name):
			if c.source < 0 {
				c.source = i
			}
		case slices.Contains(compParagraphNames, name) && c.para < 0:
			c.para = i
		case slices.Contains(compOriginalNames, name) && c.original < 0:
			c.original = i
		case slices.Contains(compProposedNames, name) && c.proposed < 0:
			c.proposed = i
		case name == colSection && c.section < 0:
			c.section = i
		}
	}
	return c, c.source >= 0 && c.original >= 0 && c.proposed >= 0
}

// isCompilationHeader reports whether line is the header of a CSV
// compilation of proposals: an original and a proposed text column, and
// a source column of a usual name or another (see -source-column).
func isCompilationHeader(line []byte) bool {
	names := headerNames(line)
	return len(names) >= 3 && slices.ContainsFunc(names, func(n string) bool { return slices.Contains(compOriginalNames, n) }) &&
		slices.ContainsFunc(names, func(n string) bool { return slices.Contains(compProposedNames, n) })
}

// compRow is one row of a compilation: its line and its cells.
type compRow struct {
	line  int
	cells []string
}

// compilationDocument builds the document of a compilation's rows: the
// paragraphs in the order of their first row, each with its original text
// (the same on all its rows, or empty on all but one) as the base, and one
// variant per source, in the order sources first appear, holding what the
// source proposed. Errors name the row's line: a row without a paragraph
// number or a source, two original texts of one paragraph that differ, a
// source proposing twice for one paragraph.
func compilationDocument(file string, c compColumns, rows []compRow, lim Limits) (*Document, error) {
	doc := newDocument(file)
	doc.Variants = []string{BaseName}
	doc.Outcome = NoOutcome
	at := map[string]int{}
	sectionAt := map[string]int{}
	source := map[string]int{}
	cellOf := func(r compRow, i int) string {
		if i < 0 || i >= len(r.cells) {
			return ""
		}
		return strings.TrimSpace(strings.ReplaceAll(r.cells[i], "\r\n", "\n"))
	}
	for _, r := range rows {
		if slices.IndexFunc(r.cells, func(s string) bool { return strings.TrimSpace(s) != "" }) < 0 {
			continue
		}
		original, proposed, who := cellOf(r, c.original), cellOf(r, c.proposed), VisibleName(cellOf(r, c.source))
		id := cellOf(r, c.para)
		if id != "" {
			l, ok := parseLabel(id)
			if !ok {
				return nil, Errorf(file, r.line, "paragraph %s: expected a paragraph number (\"39\", \"43bis\")", Quote(id))
			}
			id = l.id
		} else if l, ok := parseLabel(original); ok {
			id, original = l.id, l.body
		} else {
			return nil, Errorf(file, r.line, "row without a paragraph number: expected one in the paragraph column or at the start of the original text")
		}
		if l, ok := parseLabel(proposed); ok && l.id == id {
			proposed = l.body
		}
		if who == "" && proposed != "" {
			return nil, Errorf(file, r.line, "paragraph %s: a proposal without a source: expected who proposed it in the source column", id)
		}
		p, ok := at[id]
		if !ok {
			if len(doc.Paragraphs) >= lim.MaxParagraphs {
				return nil, tooManyParagraphs(file, r.line, id, lim)
			}
			section := cellOf(r, c.section)
			if section == "" {
				section = UntitledSection
			}
			if _, ok := sectionAt[section]; !ok {
				if msg := addSection(doc, sectionAt, Section{ID: section, Line: r.line}); msg != "" {
					return nil, Errorf(file, r.line, "%s", msg)
				}
			}
			p = len(doc.Paragraphs)
			at[id] = p
			doc.Paragraphs = append(doc.Paragraphs, Paragraph{ID: id, Section: section, Line: r.line, Texts: make([]string, len(doc.Variants))})
		}
		para := &doc.Paragraphs[p]
		switch {
		case original == "":
		case para.Texts[0] == "":
			para.Texts[0] = original
		case !NormalisedEqual(para.Texts[0], original):
			return nil, Errorf(file, r.line, "paragraph %s: an original text other than that of line %d: expected the same original text on every row of a paragraph", id, para.Line)
		}
		if who == "" {
			continue
		}
		v, ok := source[strings.ToLower(who)]
		if !ok {
			if len(doc.Variants) >= lim.MaxVariants {
				return nil, Errorf(file, r.line, "source %q: more than %d sources, the limit of variants", who, lim.MaxVariants-1)
			}
			doc.Variants = append(doc.Variants, who)
			v = len(doc.Variants) - 1
			source[strings.ToLower(who)] = v
			for i := range doc.Paragraphs {
				doc.Paragraphs[i].Texts = append(doc.Paragraphs[i].Texts, "")
			}
		}
		if para.Texts[v] != "" {
			return nil, Errorf(file, r.line, "paragraph %s: a second proposal of %s: expected one row per paragraph and source", id, who)
		}
		para.Texts[v] = proposed
	}
	if len(doc.Paragraphs) == 0 {
		return nil, Errorf(file, 1, "a compilation of proposals without rows: expected one row per paragraph and source")
	}
	for i := range doc.Paragraphs {
		doc.Paragraphs[i].New = doc.Paragraphs[i].Texts[0] == ""
	}
	return doc, nil
}

// csvCompilation reads the records of a CSV whose header is a
// compilation's.
func csvCompilation(file string, r *csv.Reader, header []string, c compColumns, lim Limits) (*Document, error) {
	var rows []compRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(file, err, rec, len(header))
		}
		line, _ := r.FieldPos(0)
		if err := checkFields(file, line, rec, lim); err != nil {
			return nil, err
		}
		rows = append(rows, compRow{line: line, cells: rec})
	}
	return compilationDocument(file, c, rows, lim)
}
