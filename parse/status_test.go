package parse

import (
	"slices"
	"strings"
	"testing"
)

// TestStatusMarks: the marks of working papers are metadata. A short
// paragraph ending "(Agreed)" is a paragraph, not a heading, and keeps its
// words without the mark; "[New] 62bis." is the new paragraph 62bis, not
// text of 62; a "[Deleted]" paragraph has no text.
func TestStatusMarks(t *testing.T) {
	src := strings.Join([]string{
		"1. Introduction",
		"12. Internet governance is global (Agreed)",
		"13. We reaffirm the principles of the Geneva phase. (Agreed ad ref.)",
		"62. We recognise the role of the private sector.",
		"[New] 62bis. We recognise the gender dimension of the information society.",
		"63. [Deleted]",
		"64. Final text. (agreed ad referendum)",
	}, "\n\n") + "\n"
	doc, err := Parse("wp.txt", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range doc.Paragraphs {
		ids = append(ids, p.ID)
	}
	if want := []string{"12", "13", "62", "62bis", "64"}; !slices.Equal(ids, want) {
		t.Fatalf("paragraphs %v, want %v", ids, want)
	}
	if len(doc.Sections) != 1 || doc.Sections[0].ID != "1" {
		t.Errorf("sections %+v, want 1 alone: an agreed paragraph is no heading", doc.Sections)
	}
	want := map[string]struct {
		text   string
		agreed bool
	}{
		"12":    {"Internet governance is global", true},
		"13":    {"We reaffirm the principles of the Geneva phase.", true},
		"62":    {"We recognise the role of the private sector.", false},
		"62bis": {"We recognise the gender dimension of the information society.", false},
		"64":    {"Final text.", true},
	}
	for _, p := range doc.Paragraphs {
		w := want[p.ID]
		if p.Texts[0] != w.text || p.IsAgreed(0) != w.agreed {
			t.Errorf("paragraph %s: %q agreed %v, want %q agreed %v", p.ID, p.Texts[0], p.IsAgreed(0), w.text, w.agreed)
		}
	}
}
