package analysis

import (
	"strconv"

	"amendlens/align"
)

// alignmentRows writes the alignment of each variant given as a version:
// one row per base paragraph and counterpart, the paragraph empty for a
// new version paragraph and the version's paragraph empty for a deleted
// one. The section and paragraph filters apply to the row of the document
// that holds the version paragraph (or was deleted); the theme filter does
// not apply.
func alignmentRows(t *tableRun) error {
	doc := t.r.Document
	at := make(map[string]int, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		at[p.ID] = i
	}
	for _, al := range doc.Alignments {
		if !t.variant(al.Variant) {
			continue
		}
		for _, l := range al.Links {
			if p, ok := at[l.Paragraph]; ok && !t.paragraph(p) && (t.f.Paragraph == "" || t.f.Paragraph != l.VariantParagraph || !t.inSection(doc.Paragraphs[p].Section)) {
				continue
			}
			para := l.Paragraph
			if l.Relation == align.RelationNew {
				para = ""
			}
			t.start()
			t.add(doc.Variants[al.Variant], para, l.VariantParagraph, string(l.Relation), strconv.FormatFloat(l.Similarity, 'f', 4, 64))
			if err := t.send(); err != nil {
				return err
			}
		}
	}
	return nil
}
