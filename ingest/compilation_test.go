package ingest

import (
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"amendlens/analysis"

	"amendlens/docx/docxtest"
	"amendlens/parse"
)

// compilationRows reads the chain fixture's compilation of proposals as
// rows of cells, the header first.
func compilationRows(t *testing.T) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(string(readChainFile(t, "compilation.csv")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestCompilationOfProposals: the common compilation of proposals, one row
// per paragraph and source ("Paragraph | Original text | Source | Proposed
// text"), reads the same as CSV, as a table dump and as a Word table: each
// delegation an actor whose proposal against the original text is its
// rows' text, no outcome.
func TestCompilationOfProposals(t *testing.T) {
	rows := compilationRows(t)
	docxData := docxtest.File(t, docxtest.Table(rows), docxtest.Parts{})
	var want *analysis.Document
	for _, f := range []File{
		{Name: "compilation.csv", Data: readChainFile(t, "compilation.csv")},
		{Name: "compilation-dump.txt", Data: readChainFile(t, "compilation-dump.txt")},
		{Name: "compilation.docx", Data: docxData},
	} {
		doc, err := parse.Parse(f.Name, f.Data, parse.Options{})
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if want := []string{analysis.BaseName, "European Union", "G77 and China", "United States"}; !slices.Equal(doc.Variants, want) {
			t.Fatalf("%s: variants %v, want %v", f.Name, doc.Variants, want)
		}
		var ids []string
		for _, p := range doc.Paragraphs {
			ids = append(ids, p.ID)
		}
		if !slices.Equal(ids, []string{"39", "42", "43", "49"}) {
			t.Fatalf("%s: paragraphs %v", f.Name, ids)
		}
		p49 := doc.Paragraphs[3]
		if p49.Texts[1] != rows[7][3] || p49.Texts[3] != rows[6][3] || p49.Texts[2] != "" || p49.Texts[0] != rows[6][1] {
			t.Errorf("%s: paragraph 49 %q", f.Name, p49.Texts)
		}
		if want == nil {
			want = doc
		} else {
			for i := range doc.Paragraphs {
				if !slices.Equal(doc.Paragraphs[i].Texts, want.Paragraphs[i].Texts) {
					t.Errorf("%s: paragraph %s %q, want the CSV's %q", f.Name, doc.Paragraphs[i].ID, doc.Paragraphs[i].Texts, want.Paragraphs[i].Texts)
				}
			}
		}
		r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Outcome != 0 || len(r.Stages) != 1 || len(r.Stages[0].Proposals) != 3 {
			t.Errorf("%s: outcome %d, stages %+v: want one stage with three proposals", f.Name, r.Outcome, r.Stages)
		}
	}

	// As the first stage of a chain, the delegations' insertions are
	// judged against the next stage: Rev.1 took none of them but three
	// words of the EU's "with full respect for human rights" ("and the
	// respect of all aspects of human rights"): partly adopted.
	rs, err := Analyse(context.Background(), analysis.DefaultDictionary(), Input{Name: "c", Stages: []StageFile{
		{Name: "Draft", File: File{Name: "compilation.csv", Data: readChainFile(t, "compilation.csv")}},
		{Name: "Rev.1", File: File{Name: "rev1.txt", Data: readChainFile(t, "rev1.txt")}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	actors := tableCSV(t, r, "actors")
	for _, want := range []string{"c,European Union,,3,1,1,13,3,\n", "c,G77 and China,,3,0,0,8,0,\n", "c,United States,,1,0,0,1,0,\n"} {
		if !strings.Contains(actors, want) {
			t.Errorf("actors lack %q:\n%s", want, actors)
		}
	}
}

// TestCompilationErrors: a compilation that contradicts itself says where.
func TestCompilationErrors(t *testing.T) {
	head := "Paragraph,Original text,Source,Proposed text\n"
	for _, tc := range []struct {
		csv, source, want string
	}{
		{head + "39,One text.,EU,One text more.\n39,Another text.,US,Another.\n", "", "compilation.csv:3: paragraph 39: an original text other than that of line 2"},
		{head + "39,One text.,EU,One text more.\n39,,EU,One text again.\n", "", "compilation.csv:3: paragraph 39: a second proposal of EU"},
		{head + ",No number here.,EU,No number here at all.\n", "", "compilation.csv:2: row without a paragraph number"},
		{head + "39,One text.,,One text more.\n", "", "compilation.csv:2: paragraph 39: a proposal without a source"},
		{"Paragraph,Original text,Submitted,Proposed text\n39,One text.,EU,One text more.\n", "", "without a source column"},
	} {
		_, err := parse.Parse("compilation.csv", []byte(tc.csv), parse.Options{SourceColumn: tc.source})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.csv, err, tc.want)
		}
	}
	// Named with -source-column, any header is the source.
	doc, err := parse.Parse("compilation.csv", []byte("Paragraph,Original text,Submitted,Proposed text\n39,One text.,EU,One text more.\n"), parse.Options{SourceColumn: "submitted"})
	if err != nil || !slices.Equal(doc.Variants, []string{analysis.BaseName, "EU"}) {
		t.Errorf("-source-column submitted: %v, %v", doc, err)
	}
}

// markedUp returns the Word markup of a compilation's proposed text: the
// words of original it drops struck through, those it adds underlined, the
// rest plain, as compilations show a proposal against the original.
func markedUp(original, proposed string) string {
	ow, pw := strings.Fields(original), strings.Fields(proposed)
	pre := 0
	for pre < len(ow) && pre < len(pw) && ow[pre] == pw[pre] {
		pre++
	}
	suf := 0
	for suf < len(ow)-pre && suf < len(pw)-pre && ow[len(ow)-1-suf] == pw[len(pw)-1-suf] {
		suf++
	}
	piece := func(rPr string, words []string) string {
		if len(words) == 0 {
			return ""
		}
		return docxtest.Run(rPr, strings.Join(words, " ")+" ")
	}
	return "<w:p>" + piece("", ow[:pre]) + piece("<w:strike/>", ow[pre:len(ow)-suf]) + piece(`<w:u w:val="single"/>`, pw[pre:len(pw)-suf]) + piece("", ow[len(ow)-suf:]) + "</w:p>"
}

// TestCompilationMarkup: a Word compilation whose proposed texts are the
// original marked up (dropped words struck through, added ones
// underlined) reads as the CSV whose cells hold the proposals as they
// read: struck text is no proposal's, underlining changes no text.
func TestCompilationMarkup(t *testing.T) {
	rows := compilationRows(t)
	var cells [][]string
	struck := 0 // proposals that drop or replace words
	for i, r := range rows {
		row := []string{docxtest.Cell("", docxtest.Para(r[0])), docxtest.Cell("", docxtest.Para(r[1])), docxtest.Cell("", docxtest.Para(r[2]))}
		if i == 0 {
			row = append(row, docxtest.Cell("", docxtest.Para(r[3])))
		} else {
			m := markedUp(r[1], r[3])
			if strings.Contains(m, "<w:strike/>") {
				struck++
			}
			row = append(row, docxtest.Cell("", m))
		}
		cells = append(cells, row)
	}
	doc, err := parse.Parse("marked.docx", docxtest.File(t, docxtest.TableOf(4, cells...), docxtest.Parts{}), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := parse.Parse("compilation.csv", readChainFile(t, "compilation.csv"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Variants, want.Variants) || len(doc.Paragraphs) != len(want.Paragraphs) {
		t.Fatalf("variants %v, %d paragraphs; want %v, %d", doc.Variants, len(doc.Paragraphs), want.Variants, len(want.Paragraphs))
	}
	// The markup is written word by word: the lines of a text are
	// compared as its words.
	words := func(texts []string) []string {
		out := make([]string, len(texts))
		for i, s := range texts {
			out[i] = strings.Join(strings.Fields(s), " ")
		}
		return out
	}
	for i, p := range doc.Paragraphs {
		if !slices.Equal(words(p.Texts), words(want.Paragraphs[i].Texts)) {
			t.Errorf("paragraph %s: %q, want the CSV's %q", p.ID, p.Texts, want.Paragraphs[i].Texts)
		}
	}
	if struck == 0 {
		t.Error("no proposal of the fixture drops or replaces words: the markup is not exercised")
	}
}
