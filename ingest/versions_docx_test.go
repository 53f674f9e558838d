package ingest

import (
	"context"
	"errors"
	"testing"

	"amendlens/docx/docxtest"
	"amendlens/parse"
)

// TestVersionsDocx: a Word document of running text is a version like a
// text file: its automatic numbers (from 29) are its paragraphs' IDs.
func TestVersionsDocx(t *testing.T) {
	base := File{Name: "draft.txt", Data: []byte("3. Internet governance\n\n" +
		"1. We reaffirm the principles of the Geneva phase.\n\n" +
		"2. We recognise that:\n\na) governments have a role;\n\nb) the private sector has a role.\n\n" +
		"3a) Infrastructure\n\n3. We support infrastructure and its financing.\n")}
	doc, err := versionsDocument(base, []File{{Name: "adopted.docx", Data: docxtest.Fixture(t, "numbering-29.docx")}}, nil, parse.Options{})
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
	if _, err := versionsDocument(base, []File{{Name: "tracked.docx", Data: docxtest.Fixture(t, "tracked-two-authors.docx")}}, nil, parse.Options{}); err == nil {
		t.Error("a version with tracked changes was taken")
	}
}

// TestVersionsKeepEncoding: a base read as Windows-1252 with versions keeps
// saying so; a done context stops the versions before they are aligned.
func TestVersionsKeepEncoding(t *testing.T) {
	base := File{Name: "base.txt", Data: []byte("1. Soci\xe9t\xe9\n\n1. Nous notons.\n")}
	v := File{Name: "v.txt", Data: []byte("1. Société\n\n1. Nous notons bien.\n")}
	doc, err := versionsDocument(base, []File{v}, nil, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Encoding != parse.EncodingCP1252 || doc.Sections[0].Title != "Société" {
		t.Errorf("encoding %q, section %q", doc.Encoding, doc.Sections[0].Title)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := versionsDocument(base, []File{v}, nil, parse.Options{Context: ctx}); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: err = %v, want context.Canceled", err)
	}
}
