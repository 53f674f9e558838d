package parse

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestParseText(t *testing.T) {
	type para struct{ id, section, text string }
	tests := []struct {
		name     string
		in       string
		sections []string // "ID Title"
		paras    []para
	}{{
		name:     "unnumbered, blank lines",
		in:       "First paragraph, one line.\n\nSecond paragraph\non two lines.\n\n\nThird.\n",
		sections: []string{"0 "},
		paras:    []para{{"p1", "0", "First paragraph, one line."}, {"p2", "0", "Second paragraph\non two lines."}, {"p3", "0", "Third."}},
	}, {
		name:     "numbered without blank lines",
		in:       "1. Introduction\n29. We reaffirm the principles.\n30) We thank the Secretary-General\nfor his report.\nNew 30bis. We add this.\n",
		sections: []string{"1 Introduction"},
		paras:    []para{{"29", "1", "We reaffirm the principles."}, {"30", "1", "We thank the Secretary-General\nfor his report."}, {"30bis", "1", "We add this."}},
	}, {
		name:     "unnumbered headings, markdown, mixed",
		in:       "# Outcome of the summit\n\nWe met in Tunis.\n\n## 2. Stakeholders\n\n43.\nWe reaffirm that:\n\na) states have rights;\n\n(b) the private sector has a role.\n\nNot an item but still 43's.\n\n## Final provisions\n\nAn unnumbered closing paragraph.\n",
		sections: []string{"s1 Outcome of the summit", "2 Stakeholders", "s2 Final provisions"},
		paras: []para{
			{"p1", "s1", "We met in Tunis."},
			{"43", "2", "We reaffirm that:\n\na) states have rights;\n\n(b) the private sector has a role.\n\nNot an item but still 43's."},
			{"p3", "s2", "An unnumbered closing paragraph."},
		},
	}, {
		name:     "subsection, and a short line without final stop is a heading",
		in:       "3a. Critical resources\n\n57. Short text.\n\n58. Another\n\n4.\nFollow-up\n\n59.\nA numbered paragraph, its number alone.\n",
		sections: []string{"3 ", "3a Critical resources", "58 Another", "4 Follow-up"},
		paras:    []para{{"57", "3a", "Short text."}, {"59", "4", "A numbered paragraph, its number alone."}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readText("v.txt", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var secs []string
			for _, s := range doc.Sections {
				secs = append(secs, s.ID+" "+s.Title)
			}
			if strings.Join(secs, "|") != strings.Join(tt.sections, "|") {
				t.Errorf("sections %q, want %q", secs, tt.sections)
			}
			var got []para
			for _, p := range doc.Paragraphs {
				if len(p.Texts) != 1 || len(doc.Variants) != 1 {
					t.Fatalf("paragraph %s: %d texts, %d variants; want the base only", p.ID, len(p.Texts), len(doc.Variants))
				}
				got = append(got, para{p.ID, p.Section, p.Texts[0]})
			}
			if len(got) != len(tt.paras) {
				t.Fatalf("paragraphs %q, want %q", got, tt.paras)
			}
			for i := range got {
				if got[i] != tt.paras[i] {
					t.Errorf("paragraph %d: %q, want %q", i, got[i], tt.paras[i])
				}
			}
		})
	}
}

func TestParseTextErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"empty", "\n \n", 1, "empty file"},
		{"duplicate", "1. Intro\n\n29. One.\n\n30. Two.\n\n29. Three.\n", 7, "duplicate paragraph 29: already at line 3"},
		{"headings only", "Introduction\n\nStakeholders\n", 3, "no paragraph found"},
		{"number without text", "1. Intro\n\n29.\n\n30. Text.\n", 3, "paragraph 29 has no text"},
		{"utf8", "One.\n\nTwo \xff.\n", 3, "invalid UTF-8"},
		{"duplicate heading", "2. Stakeholders\n\nText.\n\n2. Stakeholders\n\nMore.\n", 5, "duplicate section 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readText("v.txt", []byte(tt.in))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v, want a *ParseError", err)
			}
			if pe.File != "v.txt" || pe.Line != tt.line || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("error %q, want v.txt:%d: ...%s...", err, tt.line, tt.msg)
			}
		})
	}
	lim := DefaultLimits()
	lim.MaxCellBytes = 10
	if _, err := readTextWithin("v.txt", []byte("1. Intro\n\n29. A paragraph longer than ten bytes.\n"), lim); err == nil || !strings.Contains(err.Error(), "v.txt:3:") {
		t.Errorf("paragraph over the limit: error %v, want one at v.txt:3", err)
	}
	// Blocks that continue a numbered paragraph count towards its size: the
	// error names the paragraph's first line, not the block that passed.
	lim.MaxCellBytes = 40
	data := "1. Intro\n\n29. Short.\n\nab.\n\ncd.\n\n" + strings.Repeat("ef.\n\n", 8)
	if _, err := readTextWithin("v.txt", []byte(data), lim); err == nil || !strings.Contains(err.Error(), "v.txt:3:") || !strings.Contains(err.Error(), `paragraph "29" of 42 bytes`) || !strings.Contains(err.Error(), "expected the next paragraph's number (30)") {
		t.Errorf("paragraph grown over the limit by its blocks: error %v, want one at v.txt:3", err)
	}
	if _, err := readTextWithin("v.txt", []byte("1. Intro\n\n29. Short.\n\nab.\n\ncd.\n"), lim); err != nil {
		t.Errorf("paragraph within the limit with its blocks: %v", err)
	}
}

func TestIsRunningText(t *testing.T) {
	for in, want := range map[string]bool{
		"\n\n29. We reaffirm.\n":                 true,
		"Title\n\nText.":                         true,
		"  \n \t1.\nIntroduction\n\tGC\n":        false,
		"\ufeffsection,paragraph,variant,text\n": false,
		"":                                       true,
	} {
		if got := isRunningText([]byte(in)); got != want {
			t.Errorf("IsRunningText(%q) = %v, want %v", in, got, want)
		}
	}
	data, err := os.ReadFile("../testdata/wsis-tunis-internet-governance-gc.txt")
	if err != nil {
		t.Fatal(err)
	}
	if isRunningText(data) {
		t.Error("the sample table dump reads as running text")
	}
}
