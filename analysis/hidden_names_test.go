package analysis

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"amendlens/docx/docxtest"
	"amendlens/parse"
)

// Hidden characters a pasted name may carry: a right-to-left mark, a
// right-to-left override (which reverses the text after it on the page), a
// byte order mark (a zero-width no-break space), and the control characters
// escape, bell and CSI (C1), which drive a terminal the name is written to.
const (
	rlm = "\u200F"
	rlo = "\u202E"
	zw  = "\uFEFF"
	esc = "\x1b"
	bel = "\a"
	csi = "\u009b"
)

// hiddenMarks replaces each "|" of s by one of the hidden characters in
// turn, or drops it when clean is set: the same input as it looks, with
// and without them.
func hiddenMarks(s string, clean bool) string {
	return withMarks(s, clean, []string{rlm, esc, rlo, bel, zw, csi})
}

// hiddenMarksXML is hiddenMarks with the hidden characters XML may hold:
// no C0 control but tab and line ends, which Word cannot write either.
func hiddenMarksXML(s string, clean bool) string {
	return withMarks(s, clean, []string{rlm, "\x7f", rlo, csi, zw})
}

// withMarks replaces each "|" of s by one of marks in turn, or drops it
// when clean is set.
func withMarks(s string, clean bool, marks []string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if r != '|' {
			b.WriteRune(r)
			continue
		}
		if !clean {
			b.WriteString(marks[n%len(marks)])
		}
		n++
	}
	return b.String()
}

// docNames is what a document names: variants, sections and paragraphs,
// with the lines they were read at.
func docNames(doc *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "variants %q\n", doc.Variants)
	for _, s := range doc.Sections {
		fmt.Fprintf(&b, "section %q %q parent %q line %d\n", s.ID, s.Title, s.Parent, s.Line)
	}
	for _, p := range doc.Paragraphs {
		fmt.Fprintf(&b, "paragraph %q section %q new %v line %d texts %q\n", p.ID, p.Section, p.New, p.Line, p.Texts)
	}
	return b.String()
}

// hiddenIn returns the names, titles and IDs of doc that hold a format
// character.
func hiddenIn(doc *Document) []string {
	var found []string
	check := func(what, s string) {
		if strings.ContainsFunc(s, parse.IsHidden) {
			found = append(found, fmt.Sprintf("%s %q", what, s))
		}
	}
	for _, v := range doc.Variants {
		check("variant", v)
	}
	for _, s := range doc.Sections {
		check("section ID", s.ID)
		check("section title", s.Title)
		check("section parent", s.Parent)
	}
	for _, p := range doc.Paragraphs {
		check("paragraph ID", p.ID)
		check("paragraph section", p.Section)
		for _, t := range p.Texts {
			check("text", t)
		}
	}
	return found
}

// hiddenNameCase is one input with "|" where hidden characters go.
type hiddenNameCase struct {
	name  string
	file  string
	input string                            // the file's content, "|" where hidden characters go
	data  func(s string) []byte             // makes the file of input; nil: input as it is
	check func(t *testing.T, doc *Document) // what else the clean document must show
}

// TestHiddenCharactersInNames: in every input format, variant names (and
// the authors of tracked changes), section IDs and titles and paragraph
// IDs holding U+200F, U+202E or U+FEFF read as the same names without
// them, as they look: the document is that of the same file without them.
func TestHiddenCharactersInNames(t *testing.T) {
	docx := func(s string) []byte { return docxtest.File(t, s, docxtest.Parts{}) }
	for _, tc := range []hiddenNameCase{{
		name: "table dump", file: "names.txt",
		input: "\t|1.\nIntro|duction|\n\tNo|rth|\n\t|Out come\n" +
			"\t3|9.\nWe agree on access.\n\tWe agree on gender equality.\n\tWe agree.\n" +
			"\t|1a.| Sub|sec|tion\n\t\n\t\n" +
			"\t|\n\tNew 4|0.| We add this.\n\t|\n",
		check: func(t *testing.T, doc *Document) {
			if !reflect.DeepEqual(doc.Variants, []string{BaseName, "North", "Out come"}) || len(doc.Sections) != 2 || doc.Sections[1].Title != "Subsection" || doc.Paragraphs[1].ID != "40" || !doc.Paragraphs[1].New {
				t.Errorf("document read:\n%s", docNames(doc))
			}
		},
	}, {
		name: "csv", file: "names.csv",
		input: "section,paragraph,variant,text,section_title\n" +
			"|1,3|9|,|Base,We agree on access.,Intro|duction\n" +
			"1|,|39,G|C |,We agree on gender equality.,|Introduction\n" +
			"|1a|,|40,|Base|,We agree.,Sub|section\n",
		check: func(t *testing.T, doc *Document) {
			if !reflect.DeepEqual(doc.Variants, []string{BaseName, "GC"}) || doc.Sections[0].Title != "Introduction" || doc.Paragraphs[1].ID != "40" || doc.Paragraphs[1].Section != "1a" {
				t.Errorf("document read:\n%s", docNames(doc))
			}
		},
	}, {
		name: "running text", file: "names.md",
		input: "# |Intro|duction|\n\n|3|9. We agree on access.\n\n## 2.| Stake|holders|\n\n4|0.| We add this.\n",
		check: func(t *testing.T, doc *Document) {
			if len(doc.Sections) != 2 || doc.Sections[0].Title != "Introduction" || doc.Sections[1].ID != "2" || doc.Sections[1].Title != "Stakeholders" || doc.Paragraphs[0].ID != "39" || doc.Paragraphs[1].ID != "40" {
				t.Errorf("document read:\n%s", docNames(doc))
			}
		},
	}, {
		name: "docx table", file: "names.docx", data: docx,
		input: "<w:tbl>" + // the rows of docxtest.Table, "|" left in the text
			strings.TrimPrefix(docxtest.Table([][]string{
				{"|1.\nIntro|duction", "No|rth|", "|Out come"},
				{"3|9.\nWe agree on access.", "We agree on gender equality.", "We agree."},
				{"|", "New 4|0.| We add this.", ""},
			}), "<w:tbl>"),
		check: func(t *testing.T, doc *Document) {
			if !reflect.DeepEqual(doc.Variants, []string{BaseName, "North", "Out come"}) || doc.Sections[0].Title != "Introduction" || doc.Paragraphs[0].ID != "39" || doc.Paragraphs[1].ID != "40" {
				t.Errorf("document read:\n%s", docNames(doc))
			}
		},
	}, {
		name: "docx tracked", file: "names-tracked.docx", data: docx,
		input: docxtest.Para("|1.| Intro|duction") +
			"<w:p>" + docxtest.Runs("|3|9. We affirm that", "w:t", "") + docxtest.Ins("1", "Swe|den", " gender equality and") + docxtest.Runs(" human rights apply.", "w:t", "") + "</w:p>" +
			"<w:p>" + docxtest.Runs("40. We ", "w:t", "") + docxtest.Ins("2", "Sweden", "also ") + docxtest.Ins("3", "|", "really ") + docxtest.Runs("agree.", "w:t", "") + "</w:p>",
		check: func(t *testing.T, doc *Document) {
			// Swe|den is Sweden; an author of hidden characters alone
			// has no name, as one of none.
			if !reflect.DeepEqual(doc.Variants, []string{BaseName, "Sweden", "Unnamed author"}) || doc.Sections[0].Title != "Introduction" || doc.Paragraphs[0].ID != "39" {
				t.Errorf("document read:\n%s", docNames(doc))
			}
		},
	}, {
		name: "docx running text", file: "names-text.docx", data: docx,
		input: docxtest.Para("|Intro|duction") + docxtest.Para("|3|9. We agree on access.") + docxtest.Para("2.| Stake|holders") + docxtest.Para("4|0.| We add this."),
		check: func(t *testing.T, doc *Document) {
			if len(doc.Sections) != 2 || doc.Sections[0].Title != "Introduction" || doc.Sections[1].Title != "Stakeholders" || doc.Paragraphs[0].ID != "39" || doc.Paragraphs[1].ID != "40" {
				t.Errorf("document read:\n%s", docNames(doc))
			}
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			read := func(clean bool) *Document {
				t.Helper()
				s := hiddenMarks(tc.input, clean)
				data := []byte(s)
				if tc.data != nil {
					data = tc.data(hiddenMarksXML(tc.input, clean))
				}
				read := func() (*Document, error) { return parse.Parse(tc.file, data, parse.Options{}) }
				if strings.HasSuffix(tc.file, ".md") {
					read = func() (*Document, error) { return parse.Parse(tc.file, data, parse.Options{}) }
				}
				doc, err := read()
				if err != nil {
					t.Fatalf("clean %v: %v", clean, err)
				}
				return doc
			}
			if !strings.Contains(tc.input, "|") {
				t.Fatal("no hidden character in the input")
			}
			want, got := read(true), read(false)
			if found := hiddenIn(got); len(found) > 0 {
				t.Errorf("hidden characters kept: %s", strings.Join(found, ", "))
			}
			if g, w := docNames(got), docNames(want); g != w {
				t.Errorf("with hidden characters:\n%s\nwithout:\n%s", g, w)
			}
			tc.check(t, want)
		})
	}
}

// TestHiddenCharactersNameErrors: a name of hidden characters alone is an
// empty name, with the error an empty one gets, and two names that differ
// only by hidden characters are the same name.
func TestHiddenCharactersNameErrors(t *testing.T) {
	docx := func(rows ...[]string) []byte { return docxtest.File(t, docxtest.Table(rows), docxtest.Parts{}) }
	for _, tc := range []struct {
		name        string
		file        string
		empty, mark []byte // the file with an empty name, and with one of hidden characters alone
		dup         []byte // the file with two names that differ only by hidden characters
		emptyWant   string // what the error says of empty
		dupWant     string // what the error says of dup
	}{{
		name:      "table dump",
		file:      "names.txt",
		empty:     []byte("\t1.\nIntroduction\n\t\n\tOutcome\n\t39.\nWe agree.\n\tWe agree.\n\tWe agree.\n"),
		mark:      []byte("\t1.\nIntroduction\n\t" + rlm + zw + "\n\tOutcome\n\t39.\nWe agree.\n\tWe agree.\n\tWe agree.\n"),
		dup:       []byte("\t1.\nIntroduction\n\tNorth\n\tNo" + rlo + "rth\n\t39.\nWe agree.\n\tWe agree.\n\tWe agree.\n"),
		emptyWant: "header row: empty variant name in column 2",
		dupWant:   `duplicate variant name "North"`,
	}, {
		name:      "csv",
		file:      "names.csv",
		empty:     []byte("section,paragraph,variant,text\n1,39,Base,We agree.\n1,39,,We agree.\n"),
		mark:      []byte("section,paragraph,variant,text\n1,39,Base,We agree.\n1,39," + rlm + " " + zw + ",We agree.\n"),
		dup:       []byte("section,paragraph,variant,text\n1,39,Base,We agree.\n1,39,North,We agree.\n1,39,No" + rlo + "rth,We agree too.\n"),
		emptyWant: "column variant is empty",
		dupWant:   `already has a record for variant "North"`,
	}, {
		name:      "csv paragraph",
		file:      "names.csv",
		empty:     []byte("section,paragraph,variant,text\n1,39,Base,We agree.\n1,,North,We agree.\n"),
		mark:      []byte("section,paragraph,variant,text\n1,39,Base,We agree.\n1," + rlo + ",North,We agree.\n"),
		dup:       []byte("section,paragraph,variant,text\n1,39,Base,We agree.\n1,40,Base,We agree.\n1," + zw + "39,North,We agree.\n"),
		emptyWant: "column paragraph is empty",
		dupWant:   "paragraph 39 already ended",
	}, {
		name:      "docx table",
		file:      "names.docx",
		empty:     docx([]string{"1.\nIntroduction", "", "Outcome"}, []string{"39. We agree.", "We agree.", "We agree."}),
		mark:      docx([]string{"1.\nIntroduction", rlm + zw, "Outcome"}, []string{"39. We agree.", "We agree.", "We agree."}),
		dup:       docx([]string{"1.\nIntroduction", "North", "No" + rlo + "rth"}, []string{"39. We agree.", "We agree.", "We agree."}),
		emptyWant: "table row 1: header row: empty variant name in column 2",
		dupWant:   `duplicate variant name "North"`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			_, emptyErr := parse.Parse(tc.file, tc.empty, parse.Options{})
			_, markErr := parse.Parse(tc.file, tc.mark, parse.Options{})
			if emptyErr == nil || !strings.Contains(emptyErr.Error(), tc.emptyWant) {
				t.Fatalf("empty name: %v, want %q", emptyErr, tc.emptyWant)
			}
			if markErr == nil || markErr.Error() != emptyErr.Error() {
				t.Errorf("name of hidden characters alone: %v\nwant the error of an empty name: %v", markErr, emptyErr)
			}
			if _, err := parse.Parse(tc.file, tc.dup, parse.Options{}); err == nil || !strings.Contains(err.Error(), tc.dupWant) {
				t.Errorf("names differing by hidden characters only: %v, want %q", err, tc.dupWant)
			}
		})
	}
}

// TestHiddenCharactersInVersionNames: the names given to versions lose
// their hidden format characters too: one of them alone is no name (the
// file's name is taken, as for an empty one), and two names differing
// only by them are the same name.
func TestHiddenCharactersInVersionNames(t *testing.T) {
	text := func(name, s string) *Document {
		t.Helper()
		d, err := parse.Parse(name, []byte(s), parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	base := text("base.txt", "1. We reaffirm the principles.\n")
	later := text("later.txt", "1. We reaffirm the principles of gender equality.\n")
	adopted := text("adopted.txt", "1. We reaffirm the principles, adopted.\n\n2. A new paragraph.\n")
	doc, err := Versions(base, []*Document{later, adopted}, []string{"Dr" + rlm + "aft", rlo + zw})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{BaseName, "Draft", "adopted"}; !reflect.DeepEqual(doc.Variants, want) {
		t.Errorf("variants %q, want %q", doc.Variants, want)
	}
	if found := hiddenIn(doc); len(found) > 0 {
		t.Errorf("hidden characters kept: %s", strings.Join(found, ", "))
	}
	_, err = Versions(base, []*Document{later, adopted}, []string{"Draft", zw + "Draft" + rlm})
	if err == nil || !strings.Contains(err.Error(), `duplicate variant name "Draft"`) {
		t.Errorf("names differing by hidden characters only: %v, want a duplicate", err)
	}
}

// TestHiddenCharactersInOutcomeName: an outcome named with hidden format
// characters, as copied from the file's header, names the variant the
// header names without them.
func TestHiddenCharactersInOutcomeName(t *testing.T) {
	doc, err := parse.Parse("names.txt", []byte("\t1.\nIntroduction\n\tNorth\n\tOut"+rlm+"come\n\tSouth\n\t39.\nWe agree.\n\tWe agree on access.\n\tWe agree on it.\n\tWe agree.\n"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{Outcome: zw + "Out" + rlm + "come "})
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome != 2 {
		t.Errorf("outcome %d, want 2 (Outcome, not the last column)", r.Outcome)
	}
}

// TestHiddenCharactersInDocumentTitle checks that a document's title,
// from its file's name or given, loses its hidden format characters, and
// that its name is the one the visible title gives.
func TestHiddenCharactersInDocumentTitle(t *testing.T) {
	data, err := os.ReadFile("../testdata/wsis-tunis-internet-governance-gc.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Parse("Tunis\u200f draft\u202e.txt", data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Tunis draft" || doc.Name != "tunis-draft" {
		t.Errorf("from the file name: title %q, name %q; want \"Tunis draft\", \"tunis-draft\"", doc.Title, doc.Name)
	}
	if err := doc.SetName("\ufeffGeneva\u200b2003\u2066"); err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Geneva2003" || doc.Name != "geneva2003" {
		t.Errorf("given: title %q, name %q; want \"Geneva2003\", \"geneva2003\"", doc.Title, doc.Name)
	}
	if err := doc.SetName("\u200f\u202e"); err == nil {
		t.Error("a name of hidden characters alone was taken")
	}
}
