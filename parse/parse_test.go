package parse

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sourceDoc is the negotiation text the parsers were written for.
const sourceDoc = "../testdata/wsis-tunis-internet-governance-gc.txt"

// readTestdata reads a file of testdata/analysis.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "analysis", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sectionsOf lists the sections of doc as "ID|Title|Parent|Line".
func sectionsOf(doc *Document) []string {
	var out []string
	for _, s := range doc.Sections {
		out = append(out, fmt.Sprintf("%s|%s|%s|%d", s.ID, s.Title, s.Parent, s.Line))
	}
	return out
}

// paragraphsOf lists the paragraphs of doc as "ID|Section|Line", with "|new"
// after New ones.
func paragraphsOf(doc *Document) []string {
	var out []string
	for _, p := range doc.Paragraphs {
		s := fmt.Sprintf("%s|%s|%d", p.ID, p.Section, p.Line)
		if p.New {
			s += "|new"
		}
		out = append(out, s)
	}
	return out
}

// paragraph returns the paragraph of doc with the given ID.
func paragraph(t *testing.T, doc *Document, id string) Paragraph {
	t.Helper()
	for _, p := range doc.Paragraphs {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no paragraph %s", id)
	return Paragraph{}
}

func TestParseErrorError(t *testing.T) {
	err := error(&ParseError{File: "a/b.txt", Line: 12, Msg: "expected a tab"})
	if got, want := err.Error(), "a/b.txt:12: expected a tab"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestParseSource(t *testing.T) {
	data, err := os.ReadFile(sourceDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("testdata/wsis-tunis-internet-governance-gc.txt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Name != "wsis-tunis-internet-governance-gc" || doc.Source != "testdata/wsis-tunis-internet-governance-gc.txt" {
		t.Errorf("Name, Source = %q, %q", doc.Name, doc.Source)
	}
	if want := []string{"Base", "GC Proposed Text", "Compromise text"}; !reflect.DeepEqual(doc.Variants, want) {
		t.Errorf("Variants = %q, want %q", doc.Variants, want)
	}
	wantSections := []string{
		"1|Introduction||1",
		"2|Stakeholders||38",
		"3|Public policy issues relevant to Internet Governance||78",
		"3a|Infrastructure and management of critical Internet resources|3|85",
		"3b|Public policy issues related to the use of the Internet|3|115",
		"4|Measures to promote development||206",
		"5|Follow-up and Possible Future Arrangements||286",
	}
	if got := sectionsOf(doc); !reflect.DeepEqual(got, wantSections) {
		t.Errorf("sections:\n got %q\nwant %q", got, wantSections)
	}
	wantParas := []string{
		"39|1|8", "40|1|18", "41|1|25", "42|1|31",
		"43|2|45", "43bis|2|65|new", "44|2|70",
		"45|3a|91", "46|3a|97", "47|3a|103", "48|3a|109",
		"49|3b|121", "50|3b|128", "51|3b|136", "52|3b|175", "53|3b|183", "54|3b|190", "55|3b|199",
		"56|4|212", "56bis|4|220|new", "57|4|227", "58|4|252", "59|4|262", "60|4|269", "61|4|277",
		"62|5|293",
	}
	if got := paragraphsOf(doc); !reflect.DeepEqual(got, wantParas) {
		t.Errorf("paragraphs:\n got %q\nwant %q", got, wantParas)
	}

	gcEmpty := map[string]bool{"40": true, "41": true, "42": true, "47": true, "48": true, "62": true}
	for _, p := range doc.Paragraphs {
		if len(p.Texts) != 3 {
			t.Fatalf("paragraph %s has %d texts, want 3", p.ID, len(p.Texts))
		}
		if (p.Texts[0] == "") != p.New {
			t.Errorf("paragraph %s: New = %v with base text %q", p.ID, p.New, p.Texts[0])
		}
		if got := p.Texts[1] == ""; got != gcEmpty[p.ID] {
			t.Errorf("paragraph %s: GC text empty = %v, want %v", p.ID, got, gcEmpty[p.ID])
		}
		if got := p.Texts[2] != ""; got != (p.ID == "39") {
			t.Errorf("paragraph %s: compromise text present = %v, want %v", p.ID, got, p.ID == "39")
		}
		for v, text := range p.Texts {
			if strings.TrimSpace(text) != text || strings.Contains(text, "\r") {
				t.Errorf("paragraph %s variant %d: text not trimmed or has CR: %q", p.ID, v, text)
			}
			if strings.HasPrefix(text, p.ID) || strings.HasPrefix(text, "New") {
				t.Errorf("paragraph %s variant %d: text keeps its number: %.20q", p.ID, v, text)
			}
		}
	}

	p39 := paragraph(t, doc, "39")
	if !strings.HasPrefix(p39.Texts[1], "We reaffirm the principles enunciated") || !strings.HasSuffix(p39.Texts[1], "gender equality perspective.") {
		t.Errorf("39 GC text = %q", p39.Texts[1])
	}
	if !strings.HasSuffix(p39.Texts[2], "multilingualism and a gender equality perspective.") {
		t.Errorf("39 compromise text = %q", p39.Texts[2])
	}
	if got := paragraph(t, doc, "41").Texts[0]; !strings.Contains(got, "WGIG’s report") {
		t.Errorf("41 base text lost its curly apostrophe: %.60q", got)
	}
	p43 := paragraph(t, doc, "43")
	if !strings.Contains(p43.Texts[0], "public policy issues;\n\nb) The private sector") || !strings.HasSuffix(p43.Texts[0], "relevant policies.") {
		t.Errorf("43 base text lettered items not kept as written: %q", p43.Texts[0])
	}
	if got := paragraph(t, doc, "43bis").Texts; got[0] != "" || !strings.HasPrefix(got[1], "We take note that freedom of expression") || got[2] != "" {
		t.Errorf("43bis texts = %q", got)
	}
	if got := paragraph(t, doc, "56bis").Texts; got[0] != "" || !strings.HasPrefix(got[1], "We call for capacity building for SMEs") {
		t.Errorf("56bis texts = %q", got)
	}
	if got := paragraph(t, doc, "49").Texts[1]; !strings.HasPrefix(got, "We seek to counter") {
		t.Errorf("49 GC text = %.40q", got)
	}
	p57 := paragraph(t, doc, "57").Texts[1]
	if !strings.Contains(p57, "57 new(b)\nReducing losses") || !strings.Contains(p57, "New c)\nRecognising ITU") {
		t.Errorf("57 GC text lacks its inserted items: %q", p57)
	}
	if got := paragraph(t, doc, "55").Texts[0]; !strings.Contains(got, "We\u00a0call") {
		t.Errorf("55 base text lost its no-break space: %.200q", got)
	}
	p62 := paragraph(t, doc, "62")
	if !strings.HasPrefix(p62.Texts[0], "In reviewing the adequacy") || !strings.HasSuffix(p62.Texts[0], "· Possible forum") || p62.Texts[1] != "" || p62.Texts[2] != "" {
		t.Errorf("62 texts = %q", p62.Texts)
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		file       string
		variants   []string
		sections   []string
		paragraphs []string
		texts      map[string][]string // all texts of some paragraphs
	}{{
		file:     "four-columns.txt",
		variants: []string{"Base", "Draft A", "Draft B", "Final"},
		sections: []string{"1|Scope||1", "1a|Definitions|1|16"},
		paragraphs: []string{
			"1|1|8", "2|1a|21", "2bis|1a|27|new", "3|1a|34",
		},
		texts: map[string][]string{
			"1":    {"The parties agree on the scope.", "The parties agree on the wide scope.", "", "The parties agree on the scope."},
			"2":    {"Terms mean what they say.", "Terms mean what they say, and more.", "Terms mean what they say; nothing more.", ""},
			"2bis": {"", "", "A term may be defined later.", "A term may be defined later by the parties."},
			"3":    {"Disputes go to arbitration.", "", "", "Disputes go to arbitration in Geneva."},
		},
	}, {
		file:       "crlf.txt",
		variants:   []string{"Base", "Proposal", "Outcome"},
		sections:   []string{"1|Introduction||1", "2|Next steps||20"},
		paragraphs: []string{"10|1|7", "11|2|24"},
		texts: map[string][]string{
			"10": {"We agree:\n\na) one;\nb) two.", "We agree:\n\na) one;\nb) two and three.", ""},
			"11": {"We meet again.", "", "We meet again in 2026."},
		},
	}, {
		file:       "bom.txt",
		variants:   []string{"Base", "NGO text", "Agreed text"},
		sections:   []string{"1|The “Geneva principles”||1"},
		paragraphs: []string{"5|1|8"},
		texts: map[string][]string{
			"5": {"We implement the “Geneva principles”.", "We implement the “Geneva principles” fully.", "We implement the ‘Geneva principles’ in full."},
		},
	}, {
		file:       "missing-number.txt",
		variants:   []string{"Base", "Amendments", "Outcome"},
		sections:   []string{"1|Introduction||1"},
		paragraphs: []string{"20|1|5", "21|1|10", "22|1|14"},
		texts: map[string][]string{
			"20": {"We welcome the report.", "We welcome the report of the group.", "We welcome the report."},
			"21": {"We note progress since 2005.", "2005 was a year of progress.", ""},
			"22": {"We agree on three points:\na) first;\nb) second.", "a) first;\nb) second;\nc) third.", "We agree on three points:\na) first;\nb) second."},
		},
	}, {
		file:       "cut-short.txt",
		variants:   []string{"Base", "Proposal A", "Proposal B"},
		sections:   []string{"1|Introduction||1"},
		paragraphs: []string{"7|1|5", "8|1|11"},
		texts: map[string][]string{
			"7": {"We open the meeting.", "We open the meeting today.", "We open the meeting now."},
			"8": {"We close the meeting.", "We close the meeting tomorrow.", ""},
		},
	}, {
		file:       "two-columns.txt",
		variants:   []string{"Base", "Amended text"},
		sections:   []string{"1|Purpose||1", "2|Means||10", "2a|Money|2|13", "2b|People|2|19"},
		paragraphs: []string{"9bis|1|3|new", "10|1|6", "11|2a|16", "12|2b|21"},
		texts: map[string][]string{
			"9bis": {"", "We add a paragraph before the first one."},
			"10":   {"We state the purpose.", "We state the purpose clearly."},
			"11":   {"Funds come from members.", ""},
			"12":   {"Staff come from members.", "Staff come from all members."},
		},
	}, {
		file:       "equivalent.csv",
		variants:   []string{"Base", "Amendment", "Result"},
		sections:   []string{"1|General||2", "2|Finance||6", "2a|Budget|2|7"},
		paragraphs: []string{"30|1|2", "31|2a|7", "31bis|2a|9|new", "32|2a|11"},
		texts: map[string][]string{
			"30":    {"We agree on \"peace, order\" and good\ngovernment.", "We agree on \"peace, order\" and good government for all.", ""},
			"31bis": {"", "The budget is published.", "The budget is published yearly."},
			"32":    {"Audits happen every year.", "", ""},
		},
	}, {
		file:       "equivalent-notitle.csv",
		variants:   []string{"Base", "Amendment", "Result"},
		sections:   []string{"1|||2", "2|||5", "2a||2|5"},
		paragraphs: []string{"30|1|2", "31|2a|5", "31bis|2a|7|new", "32|2a|9"},
		texts: map[string][]string{
			"30": {"We agree on \"peace, order\" and good\ngovernment.", "We agree on \"peace, order\" and good government for all.", ""},
			"31": {"The budget is balanced.", "", "The budget is balanced, mostly."},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := Parse("docs/"+tt.file, readTestdata(t, tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if want := Slug(strings.TrimSuffix(tt.file, filepath.Ext(tt.file))); doc.Name != want || doc.Source != "docs/"+tt.file {
				t.Errorf("Name, Source = %q, %q, want %q, %q", doc.Name, doc.Source, want, "docs/"+tt.file)
			}
			if !reflect.DeepEqual(doc.Variants, tt.variants) {
				t.Errorf("Variants = %q, want %q", doc.Variants, tt.variants)
			}
			if got := sectionsOf(doc); !reflect.DeepEqual(got, tt.sections) {
				t.Errorf("sections:\n got %q\nwant %q", got, tt.sections)
			}
			if got := paragraphsOf(doc); !reflect.DeepEqual(got, tt.paragraphs) {
				t.Errorf("paragraphs:\n got %q\nwant %q", got, tt.paragraphs)
			}
			for id, want := range tt.texts {
				if got := paragraph(t, doc, id).Texts; !reflect.DeepEqual(got, want) {
					t.Errorf("paragraph %s texts:\n got %q\nwant %q", id, got, want)
				}
			}
		})
	}
}

// withoutPlaces returns a copy of doc without what depends on the file it
// came from: Source, Name, Title and lines; and without section titles when
// titles is false.
func withoutPlaces(doc *Document, titles bool) Document {
	out := *doc
	out.Source, out.Name, out.Title = "", "", ""
	out.Sections = append([]Section(nil), doc.Sections...)
	for i := range out.Sections {
		out.Sections[i].Line = 0
		if !titles {
			out.Sections[i].Title = ""
		}
	}
	out.Paragraphs = append([]Paragraph(nil), doc.Paragraphs...)
	for i := range out.Paragraphs {
		out.Paragraphs[i].Line = 0
	}
	return out
}

func TestParseCSVEquivalentToTableDump(t *testing.T) {
	table, err := Parse("equivalent.txt", readTestdata(t, "equivalent.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		file   string
		titles bool
	}{
		{"equivalent.csv", true},
		{"equivalent-notitle.csv", false},
	} {
		t.Run(tt.file, func(t *testing.T) {
			long, err := Parse(tt.file, readTestdata(t, tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, want := withoutPlaces(long, tt.titles), withoutPlaces(table, tt.titles)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("CSV and table dump differ:\n csv   %+v\n table %+v", got, want)
			}
		})
	}
}

func TestParseBad(t *testing.T) {
	tests := []struct {
		file string
		line int
		want []string // substrings of the message
	}{
		{"bad-empty.txt", 1, []string{"empty file"}},
		{"bad-header-one-cell.txt", 1, []string{"header row has 1 cell", "variant name"}},
		{"bad-empty-variant.txt", 4, []string{"empty variant name in column 3"}},
		{"bad-duplicate-variant.txt", 4, []string{`duplicate variant name "proposal"`, "column 3"}},
		{"bad-row-start.txt", 9, []string{`starts with "We also agree."`, "expected a paragraph number"}},
		{"bad-duplicate-paragraph.txt", 9, []string{"duplicate paragraph 39", "line 5"}},
		{"bad-before-section.txt", 3, []string{"paragraph 39 comes before any section", "expected a section heading"}},
		{"bad-no-text.txt", 9, []string{"paragraph 40 has no text in any column"}},
		{"bad-misnumbered.txt", 7, []string{`Proposal cell of paragraph 39 is numbered "40."`, "expected 39 or no number"}},
		{"bad-duplicate-section.txt", 9, []string{"duplicate section 1", "line 1"}},
		{"bad-header-paragraph.txt", 1, []string{"header row", `"39."`, "expected a heading"}},
		{"bad-no-paragraphs.txt", 8, []string{"expected at least one paragraph row"}},
		{"bad-unknown-column.csv", 1, []string{`unknown column(s) "comment", "Note"`}},
		{"bad-duplicate-cell.csv", 4, []string{"column variant", `paragraph 39 already has a record for variant "GC" at line 3`}},
		{"bad-paragraph-column.csv", 3, []string{"column paragraph", `"abc"`, "expected a paragraph number"}},
		{"bad-section-column.csv", 3, []string{"column section", `"Intro"`, "expected a section number"}},
		{"bad-field-count.csv", 3, []string{"record has 3 fields: expected 4"}},
		{"bad-quote.csv", 3, []string{"bare \"", "expected a well-formed CSV field"}},
		{"bad-only-base.csv", 3, []string{"column variant", `only the base "Base"`}},
		{"bad-order.csv", 4, []string{"paragraph 39 already ended", "line 2"}},
		{"bad-section-order.csv", 4, []string{"column section", "section 1 already ended"}},
		{"bad-section-title.csv", 3, []string{"column section_title", `"Introduction"`, `"Preamble"`}},
		{"bad-no-text.csv", 3, []string{"column text", "paragraph 40 has no text in any variant"}},
		{"bad-variant-column.csv", 3, []string{"column variant is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			file := "in/" + tt.file
			doc, err := Parse(file, readTestdata(t, tt.file), Options{})
			if err == nil {
				t.Fatalf("no error; got %d paragraphs", len(doc.Paragraphs))
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			if pe.File != file || pe.Line != tt.line {
				t.Errorf("error at %s:%d, want %s:%d (%v)", pe.File, pe.Line, file, tt.line, err)
			}
			if prefix := fmt.Sprintf("%s:%d: ", file, tt.line); !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q does not start with %q", err, prefix)
			}
			for _, w := range tt.want {
				if !strings.Contains(pe.Msg, w) {
					t.Errorf("message %q lacks %q", pe.Msg, w)
				}
			}
		})
	}
}

func TestParseCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		line int
		want string
	}{
		{"missing columns", "section,variant\n1,Base\n", 1, "header lacks column(s) paragraph, text"},
		{"column twice", "section,paragraph,variant,text,Text\n", 1, "names column text twice"},
		{"empty", "\ufeff \n", 1, "empty file"},
		{"header only", "section,paragraph,variant,text\n", 1, "expected at least one paragraph record"},
		{"invalid UTF-8", "section,paragraph,variant,text\n1,39,Base,ok\n1,39,GC,\xc3(\n", 3, "invalid UTF-8"},
		{"base named Base later", "section,paragraph,variant,text\n1,39,Original,We agree.\n1,39,base,We all agree.\n", 3, `"Base" is the name of the base column`},
		{"text without paragraph", "section,paragraph,variant,text\n1,39,Base,We agree.\n1,,GC,We all agree.\n", 3, "column paragraph is empty"},
		{"new section in a paragraph", "section,paragraph,variant,text\n1,39,Base,We agree.\n2,39,GC,We all agree.\n", 3, "paragraph 39 is in section 1"},
		{"variants in another order", "section,paragraph,variant,text\n1,39,Base,We agree.\n1,39,GC,We all agree.\n1,39,Outcome,We agree.\n1,40,Base,We note.\n1,40,Outcome,We note.\n1,40,GC,We all note.\n", 7,
			`variant "GC" comes after "Outcome" in paragraph 40, but the records from line 2 give the variants in the order Base, GC, Outcome`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readCSV("x.csv", []byte(tt.data))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.Line != tt.line || !strings.Contains(pe.Msg, tt.want) {
				t.Errorf("error %q, want line %d and %q", err, tt.line, tt.want)
			}
		})
	}
}

func TestParseTableDumpCases(t *testing.T) {
	hdr := "\t1.\nIntroduction\n\tProposal\n"
	tests := []struct {
		name string
		data string
		want []string // paragraphsOf, or the error message prefix "error: ..."
	}{
		// A short line without final punctuation and no variant text is a heading.
		{"heading after paragraph", hdr + "\t5.\nText.\n\t\n\t2.\nScope of work\n\t\n\t6.\nMore text.\n\t\n", []string{"5|1|4", "6|2|10"}},
		// The documented ambiguity: a short line without final punctuation
		// and no variant text reads as a heading; a full stop makes it prose.
		{"short line reads as heading", hdr + "\t5.\nWe agree\n\t\n\t6.\nWe agree.\n\t\n", []string{"6|5|7"}},
		{"many words", hdr + "\t7.\nOne two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen\n\t\n", []string{"7|1|4"}},
		{"two lines", hdr + "\t7.\nAgreed\nin part\n\t\n", []string{"7|1|4"}},
		// A heading whose variant has other text is a paragraph.
		{"heading with variant text", hdr + "\t2.\nScope\n\t2.\nScope and aims.\n", []string{"2|1|4"}},
		{"lone CR line ends", "\t1.\rIntroduction\r\tProposal\r\t5.\rText.\r\t5.\rText too.\r", []string{"5|1|4"}},
		{"number and text on one line", hdr + "\t5. We agree.\n\t5. We all agree.\n", []string{"5|1|4"}},
		{"upper-case section letter", hdr + "\t1A) Details\n\t\n\t5.\nText.\n\t\n", []string{"5|1A|6"}},
		{"spaced suffix", hdr + "\t5 bis.\nText.\n\t\n", []string{"5bis|1|4"}},
		{"empty rows skipped", hdr + "\t\n\t\n\t5.\nText.\n\t\n", []string{"5|1|6"}},
		{"text before the first cell", "Title\n" + hdr, []string{"error: expected a table cell"}},
		{"blank lines before the first cell", "\n\n" + hdr + "\t5.\nText.\n", []string{"5|1|6"}},
		{"bare New", hdr + "\t5.\nText.\n\t\n\t\n\tNew\nText.\n", []string{"error: row of 2 cells starts with \"New\""}},
		{"heading without title", hdr + "\t5.\nText.\n\t\n\t2.\n\t\n", []string{"error: paragraph 2 has no text"}},
		// A number alone on its line may have 6 digits; followed by text, 4,
		// so that a year starting a text is not taken for a label.
		{"a long number alone", hdr + "\t10000.\nText.\n\t\n\t999999.\nMore.\n\t\n", []string{"10000|1|4", "999999|1|7"}},
		{"seven digits alone", hdr + "\t1000000.\nText.\n\t\n", []string{"error: row of 2 cells starts with \"1000000.\""}},
		{"a year is not a number", hdr + "\t5.\nText.\n\t\n\t20250. Text.\n\t\n", []string{"error: row of 2 cells starts with \"20250. Text.\""}},
		{"four digits before text", hdr + "\t2025. Text.\n\t\n", []string{"2025|1|4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readTableDump("t.txt", []byte(tt.data))
			if strings.HasPrefix(tt.want[0], "error: ") {
				want := strings.TrimPrefix(tt.want[0], "error: ")
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("error %v, want one containing %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := paragraphsOf(doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("paragraphs = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestParseSniff: detect tells every format by its content, and Parse
// reads each through its one switch: the long-form CSV (its header in any
// order, with a BOM, quotes and CRLF), the table dump, running text, Word
// documents and old binary Word files.
func TestParseSniff(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		format   format
		variants []string // of the document Parse reads; nil for an error
	}{
		{"long form", "section,paragraph,variant,text\n1,1,B,x\n1,1,V,y\n", formatCSV, []string{"Base", "V"}},
		{"other order with title, BOM, quotes, CRLF", "\ufeff\"Text\", Variant ,paragraph,section,section_title\r\nx,B,1,1,T\r\ny,V,1,1,T\r\n", formatCSV, []string{"Base", "V"}},
		{"table dump", "\t1.\nIntroduction\n\tV\n\t1.\nx.\n\t1.\ny.\n", formatTableDump, []string{"Base", "V"}},
		{"tab in first line", "\tsection,paragraph,variant,text\n\tV\n\t1.\nx.\n", formatTableDump, nil},
		{"some columns only", "section,paragraph,text\n1,1,x\n", formatCSV, nil}, // the CSV parser names the column it lacks
		{"running text", "1. Introduction\n\n1. We agree.\n", formatText, []string{"Base"}},
		{"text without numbers", "Just some text\nwithout any tab\n", formatText, []string{"Base"}},
		{"white space alone", " \n\n", formatTableDump, nil},
		{"old Word", string(oleMagic) + "rest", formatOLE, nil},
		{"Word", string(sampleTableDocx(t)), formatDocx, []string{"Base", "GC Proposed Text", "Compromise text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := detect([]byte(tt.data)); got != tt.format {
				t.Errorf("detect = %d, want %d", got, tt.format)
			}
			doc, err := Parse("s", []byte(tt.data), Options{})
			switch {
			case tt.variants == nil && err == nil:
				t.Errorf("Parse read variants %q, want an error", doc.Variants)
			case tt.variants != nil && err != nil:
				t.Errorf("Parse: %v", err)
			case tt.variants != nil && !reflect.DeepEqual(doc.Variants, tt.variants):
				t.Errorf("variants %q, want %q", doc.Variants, tt.variants)
			}
		})
	}
}

func TestParseCSVLineEndsInText(t *testing.T) {
	doc, err := readCSV("ends.csv", []byte("section,paragraph,variant,text\n1,1,Base,\"a\rb\"\n1,1,V,\"a\r\nb\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Paragraphs[0].Texts; got[0] != "a\nb" || got[1] != "a\nb" {
		t.Errorf("texts = %q, want CR and CRLF made LF", got)
	}
}

// TestCSVLackingColumns: a CSV whose header names some of the long form's
// columns, not all, is a CSV that lacks them, not running text.
func TestCSVLackingColumns(t *testing.T) {
	_, err := Parse("q.csv", []byte("section,paragraph,text\n1,39,We agree.\n"), Options{})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 1 || !strings.Contains(pe.Msg, "header lacks column(s) variant") {
		t.Errorf("err = %v, want line 1 naming the column variant", err)
	}
	// A line of prose with commas is no header.
	if doc, err := Parse("t.txt", []byte("1. Sections, paragraphs, texts\n\n1. We agree.\n"), Options{}); err != nil || len(doc.Paragraphs) != 1 {
		t.Errorf("prose with commas: %v", err)
	}
}
