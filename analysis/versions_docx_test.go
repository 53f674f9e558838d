package analysis

import (
	"testing"

	"amendlens/parse"
)

// TestVersionsDocx: a Word document of running text is a version like a
// text file: its automatic numbers (from 29) are its paragraphs' IDs.
func TestVersionsDocx(t *testing.T) {
	base := File{Name: "draft.txt", Data: []byte("3. Internet governance\n\n" +
		"1. We reaffirm the principles of the Geneva phase.\n\n" +
		"2. We recognise that:\n\na) governments have a role;\n\nb) the private sector has a role.\n\n" +
		"3a) Infrastructure\n\n3. We support infrastructure and its financing.\n")}
	doc, err := versionsDocument(base, []File{{Name: "adopted.docx", Data: readDocxFixture(t, "numbering-29.docx")}}, nil, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Variants) != 2 || doc.Variants[1] != "adopted" {
		t.Fatalf("variants %q, want the base and adopted", doc.Variants)
	}
	got := map[string]string{}
	for _, l := range doc.Alignment(1).Links {
		got[l.Paragraph] = l.VariantParagraph + " " + string(l.Relation)
	}
	for id, want := range map[string]string{"1": "29 same", "3": "31 edited"} {
		if got[id] != want {
			t.Errorf("paragraph %s: %q, want %q (alignment %v)", id, got[id], want, got)
		}
	}
	// A Word version with tracked changes has several columns: refused.
	if _, err := versionsDocument(base, []File{{Name: "tracked.docx", Data: readDocxFixture(t, "tracked-two-authors.docx")}}, nil, parse.Options{}); err == nil {
		t.Error("a version with tracked changes was taken")
	}
}
