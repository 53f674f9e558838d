package analysis

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"amendlens/align"
	"amendlens/parse"
)

// Versions builds one document from a base text and later versions of it,
// each a document of one column (the running text parse.Parse reads): the
// base's paragraphs are the rows, and each version becomes a variant
// aligned by AddVersion. names name the variants; an empty or missing name
// is the version's file name.
func Versions(base *Document, versions []*Document, names []string) (*Document, error) {
	return versionsOf(context.Background(), base, versions, names)
}

// versionsOf is Versions stopping between versions when ctx is done.
func versionsOf(ctx context.Context, base *Document, versions []*Document, names []string) (*Document, error) {
	if len(base.Variants) != 1 {
		return nil, fmt.Errorf("versions of %s: the base has %d columns, want running text of one", base.Source, len(base.Variants))
	}
	doc := &Document{Name: base.Name, Source: base.Source, Encoding: base.Encoding, Note: base.Note, Unit: base.Unit, Variants: []string{BaseName}, Sections: slices.Clone(base.Sections)}
	doc.Paragraphs = make([]Paragraph, len(base.Paragraphs))
	for i, p := range base.Paragraphs {
		p.Texts = slices.Clone(p.Texts)
		p.Hidden = slices.Clone(p.Hidden)
		doc.Paragraphs[i] = p
	}
	if err := addVersions(ctx, doc, versions, names); err != nil {
		return nil, err
	}
	return doc, nil
}

// addVersions adds each of versions to doc by AddVersion, named by the name
// of the same index in names (trimmed; missing or empty: its file name). It
// stops between versions when ctx is done.
func addVersions(ctx context.Context, doc *Document, versions []*Document, names []string) error {
	for i, v := range versions {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := ""
		if i < len(names) {
			name = strings.TrimSpace(names[i])
		}
		if err := addAligned(ctx, doc, v, name, nil); err != nil {
			return err
		}
	}
	return nil
}

// VersionName is the variant name of a version read from file: its base
// name without extension.
func VersionName(file string) string {
	base := parse.FileBase(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// WithVersions returns the document of doc and its later versions, each a
// document of one column, named by names (file names where a name is
// missing). When doc has one column it is their base, and the result a
// new document (see Versions); when it has columns (a table), each version
// is aligned with its rows as one more variant after them (see
// AddVersion), and the result is doc. It stops between versions when ctx
// is done.
func WithVersions(ctx context.Context, doc *Document, versions []*Document, names []string) (*Document, error) {
	if len(doc.Variants) == 1 {
		return versionsOf(ctx, doc, versions, names)
	}
	if err := addVersions(ctx, doc, versions, names); err != nil {
		return nil, err
	}
	return doc, nil
}

// MaxVersions bounds the versions of one document. A negotiation runs to a
// dozen revisions at most; every version is a variant in every chart and
// table, and an alignment, so the limit keeps a document's pages readable
// and its analysis bounded by a small multiple of its text.
const MaxVersions = 24

// AddVersion appends version, a document of one column, to doc as one more
// variant named name (VersionName of its file when empty, hidden format
// characters apart), its paragraphs
// aligned with doc's rows by Align. A row's text for the alignment is its
// base text or, for a row the base does not have, its first variant's text,
// so that a paragraph proposed in a column or an earlier version finds its
// row.
//
// Each row gets the text of its counterpart: a split row its parts joined
// by a blank line; a merged row's text goes on the first row of the merge,
// the others are marked merged (see StatusMerged); a deleted row has none
// (absent). A version paragraph with no counterpart gets a new row, after
// the row of the version paragraph before it, with the ID
// "new-VARIANT-ID" (VARIANT a slug of the variant name).
//
// An error leaves doc changed in part: discard it.
func AddVersion(doc *Document, version *Document, name string) error {
	return addAligned(context.Background(), doc, version, name, nil)
}

// addAligned is AddVersion aligning with the texts of the variants of refs
// in turn: a row's text for the alignment is its text of the first of refs
// that has one (else, as AddVersion, its first text), and a row none of
// refs has text for is new whatever the version made of it. A stage of a
// chain is aligned with the stages before it, latest first, so that every
// stage follows its predecessor. nil refs are the base alone. The
// alignment stops when ctx is done.
func addAligned(ctx context.Context, doc *Document, version *Document, name string, refs []int) error {
	return addLinked(doc, version, name, refs, func(rows, texts []string) ([]align.Link, error) {
		return align.ParagraphsContext(ctx, rows, texts)
	})
}

// addLinked is addAligned with the links between doc's rows and version's
// paragraphs made by link from the rows' texts for the alignment (see
// addAligned; "" for a row that follows another) and the version's texts.
func addLinked(doc *Document, version *Document, name string, refs []int, link func(rows, texts []string) ([]align.Link, error)) error {
	if len(refs) == 0 {
		refs = []int{0}
	}
	if len(version.Variants) != 1 {
		return fmt.Errorf("version %s: %d columns, want running text of one", version.Source, len(version.Variants))
	}
	// A name of hidden format characters alone is an empty name.
	if name = parse.VisibleName(name); name == "" {
		name = VersionName(version.Source)
	}
	if err := doc.AddVariant(name); err != nil {
		return fmt.Errorf("version %s: %w", version.Source, err)
	}
	v := len(doc.Variants) - 1
	rows, ids, noBase := rowTexts(doc, refs)
	texts := make([]string, len(version.Paragraphs))
	for j, p := range version.Paragraphs {
		texts[j] = p.Texts[0]
	}
	// A row a stage merged into another has its text on the merge's
	// first row: it follows that row rather than being aligned alone.
	carried := carriedMerges(doc, refs, len(rows))
	for i := range carried {
		rows[i] = ""
	}
	links, err := link(rows, texts)
	if err != nil {
		return err
	}
	rowOf := placeTexts(doc, version, v, links)
	newRow, err := addNewRows(doc, version, v, parse.Slug(name), rowOf)
	if err != nil {
		return err
	}

	// The alignment, rows named. A row the base does not have is new
	// whatever the version made of it.
	al := Alignment{Variant: v, Links: make([]AlignedLink, 0, len(links))}
	for _, l := range links {
		a := AlignedLink{Relation: l.Relation, Similarity: l.Similarity, Position: l.Version}
		if l.Version >= 0 {
			a.VariantParagraph = version.Paragraphs[l.Version].ID
		}
		switch {
		case l.Base >= 0 && noBase[l.Base] && l.Relation == align.RelationDeleted:
			continue // a row proposed in a column, not a base paragraph
		case l.Base >= 0 && hasKey(carried, l.Base):
			continue // linked with its merge's first row, below
		case l.Base >= 0:
			a.Paragraph = ids[l.Base]
			if noBase[l.Base] {
				a.Relation = align.RelationNew
			}
		default:
			a.Paragraph = newRow[l.Version]
		}
		al.Links = append(al.Links, a)
	}
	al.Links = carryMerges(al.Links, carried, ids)
	doc.Alignments = append(doc.Alignments, al)
	return nil
}

// rowTexts gives every row of doc an empty cell for a new last variant
// and returns, per row, its text for the alignment (that of the first of
// refs that has one, else its first text), its ID, and whether none of
// refs has a text for it.
func rowTexts(doc *Document, refs []int) (rows, ids []string, noBase []bool) {
	rows = make([]string, len(doc.Paragraphs))
	ids = make([]string, len(doc.Paragraphs))
	noBase = make([]bool, len(doc.Paragraphs))
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		ids[i], noBase[i] = p.ID, true
		for _, r := range refs {
			if strings.TrimSpace(p.Texts[r]) != "" {
				rows[i], noBase[i] = p.Texts[r], false
				break
			}
		}
		p.Texts = append(p.Texts, "")
		if p.Hidden != nil {
			p.Hidden = append(p.Hidden, 0)
		}
		if p.Agreed != nil {
			p.Agreed = append(p.Agreed, false)
		}
		for _, t := range p.Texts {
			if rows[i] != "" {
				break
			}
			if strings.TrimSpace(t) != "" {
				rows[i] = t
			}
		}
	}
	return rows, ids, noBase
}

// placeTexts gives each row linked to a paragraph of version its text in
// variant v (a split row its parts joined by a blank line, a merge's text
// on its first row) and returns the row of each version paragraph, -1
// for a new one.
func placeTexts(doc *Document, version *Document, v int, links []align.Link) []int {
	rowOf := make([]int, len(version.Paragraphs))
	for j := range rowOf {
		rowOf[j] = -1
	}
	parts := map[int][]string{}
	for _, l := range links {
		if l.Relation == align.RelationDeleted || l.Relation == align.RelationNew {
			continue
		}
		from, to := &version.Paragraphs[l.Version], &doc.Paragraphs[l.Base]
		switch {
		case l.Relation == align.RelationSplit:
			parts[l.Base] = append(parts[l.Base], from.Texts[0])
			parse.AddHidden(to, v, from.HiddenChars(0))
		case l.Relation != align.RelationMerged || rowOf[l.Version] < 0: // a merge's first row
			to.Texts[v] = from.Texts[0]
			parse.AddHidden(to, v, from.HiddenChars(0))
			parse.MarkAgreed(to, v, from.IsAgreed(0))
		}
		rowOf[l.Version] = max(rowOf[l.Version], l.Base)
	}
	for b, ps := range parts {
		doc.Paragraphs[b].Texts[v] = strings.Join(ps, "\n\n")
	}
	return rowOf
}

// addNewRows adds a row for each paragraph of version that has none
// (rowOf -1), with the ID "new-SLUG-ID", after the row of the version
// paragraph before it; those before the version's first paragraph that
// has a row go just before that row, in its section. It returns the row
// ID of each new paragraph.
func addNewRows(doc *Document, version *Document, v int, slug string, rowOf []int) (map[int]string, error) {
	firstRow := -1
	for j := range version.Paragraphs {
		if rowOf[j] >= 0 {
			firstRow = rowOf[j]
			break
		}
	}
	seen := make(map[string]bool, len(doc.Paragraphs))
	for _, p := range doc.Paragraphs {
		seen[p.ID] = true
	}
	after := map[int][]Paragraph{} // row index (-1: before all) -> new rows
	last, lead := -1, -1
	if firstRow > 0 {
		// Before the first row, which may have had rows of its own
		// section before it: after the row before it, in its section.
		lead = firstRow - 1
	}
	newRow := map[int]string{}
	for j, p := range version.Paragraphs {
		if rowOf[j] >= 0 {
			last = rowOf[j]
			continue
		}
		id := "new-" + slug + "-" + p.ID
		if seen[id] {
			return nil, fmt.Errorf("version %s: new paragraph %s: row %s already exists", version.Source, p.ID, id)
		}
		seen[id] = true
		section, at := "", last
		switch {
		case last >= 0:
			section = doc.Paragraphs[last].Section
		case firstRow >= 0:
			section, at = doc.Paragraphs[firstRow].Section, lead
		case len(doc.Paragraphs) > 0:
			section = doc.Paragraphs[0].Section
		}
		if section == "" {
			if len(doc.Sections) == 0 {
				doc.Sections = append(doc.Sections, Section{ID: parse.UntitledSection, Line: p.Line})
			}
			section = doc.Sections[0].ID
		}
		texts := make([]string, len(doc.Variants))
		texts[v] = p.Texts[0]
		row := Paragraph{ID: id, Section: section, New: true, Line: p.Line, Texts: texts}
		parse.AddHidden(&row, v, p.HiddenChars(0))
		parse.MarkAgreed(&row, v, p.IsAgreed(0))
		after[at] = append(after[at], row)
		newRow[j] = id
	}
	if len(after) > 0 {
		out := make([]Paragraph, 0, len(doc.Paragraphs)+len(newRow))
		out = append(out, after[-1]...)
		for i, p := range doc.Paragraphs {
			out = append(out, p)
			out = append(out, after[i]...)
		}
		doc.Paragraphs = out
	}
	return newRow, nil
}

// carriedMerges returns the rows that the latest of the stages refs to
// have a text for them (refs[1:] when refs is a chain's, nil for a
// version of a table) merged into an earlier row, each with the merge's
// first row. n is the number of rows.
func carriedMerges(doc *Document, refs []int, n int) map[int]int {
	if len(doc.Stages) == 0 && len(refs) <= 1 {
		return nil
	}
	at := make(map[string]int, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		at[p.ID] = i
	}
	into := make([]map[int]int, len(refs))
	for k, r := range refs {
		into[k] = mergedRows(doc, r, at)
	}
	carried := map[int]int{}
	for i := range n {
		for k, r := range refs {
			if root, ok := into[k][i]; ok {
				carried[i] = root
				break
			}
			if strings.TrimSpace(doc.Paragraphs[i].Texts[r]) != "" {
				break
			}
		}
	}
	return carried
}

// hasKey reports whether m has key k.
func hasKey(m map[int]int, k int) bool {
	_, ok := m[k]
	return ok
}

// mergedRows returns the rows variant v merged into an earlier one (its
// alignment's merges, its tracked joins), each with the merge's first row;
// at gives the row of each paragraph ID.
func mergedRows(doc *Document, v int, at map[string]int) map[int]int {
	into := map[int]int{}
	group := func(rows []int) {
		slices.Sort(rows)
		for _, i := range rows[1:] {
			into[i] = rows[0]
		}
	}
	if al := doc.Alignment(v); al != nil {
		groups := map[string][]int{}
		for _, l := range al.Links {
			if i, ok := at[l.Paragraph]; ok && l.Relation == align.RelationMerged {
				groups[l.VariantParagraph] = append(groups[l.VariantParagraph], i)
			}
		}
		for _, rows := range groups {
			if len(rows) > 1 {
				group(rows)
			}
		}
	}
	for _, j := range doc.Joins {
		if j.Variant != v {
			continue
		}
		var rows []int
		for _, id := range j.Paragraphs {
			if i, ok := at[id]; ok {
				rows = append(rows, i)
			}
		}
		if len(rows) > 1 {
			group(rows)
		}
	}
	return into
}

// carryMerges adds to links, for each carried row (see carriedMerges), a
// link merging it with the merge's first row into that row's counterpart,
// whose link becomes a merge too; a carried row whose first row has no
// counterpart is deleted with it.
func carryMerges(links []AlignedLink, carried map[int]int, ids []string) []AlignedLink {
	if len(carried) == 0 {
		return links
	}
	first := map[string]int{}
	for k, l := range links {
		if _, ok := first[l.Paragraph]; !ok && l.Relation != align.RelationDeleted {
			first[l.Paragraph] = k
		}
	}
	rows := make([]int, 0, len(carried))
	for i := range carried {
		rows = append(rows, i)
	}
	slices.Sort(rows)
	for _, i := range rows {
		k, ok := first[ids[carried[i]]]
		if !ok {
			links = append(links, AlignedLink{Paragraph: ids[i], Position: -1, Relation: align.RelationDeleted})
			continue
		}
		links[k].Relation = align.RelationMerged
		l := links[k]
		l.Paragraph = ids[i]
		links = append(links, l)
	}
	return links
}
