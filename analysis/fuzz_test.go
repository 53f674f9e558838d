package analysis

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"amendlens/docx"
	"amendlens/docx/docxtest"
	"amendlens/parse"
)

// textColumns are the table columns that hold text; numericColumns those
// that hold numbers, besides the added_THEME columns. Every column of every
// table is one or the other, so a new column has to be classified here.
var (
	textColumns = map[string]bool{
		"document": true, "section": true, "paragraph": true, "variant": true,
		"status": true, "title": true, "theme": true, "proposal": true,
		"outcome": true, "kind": true, "base_text": true, "variant_text": true,
		"themes": true, "term": true, "matched": true, "change": true, "phrase": true,
		"proposed_text": true, "verdict": true, "parent": true, "change_id": true, "variant_paragraph": true, "relation": true,
		"stage": true, "name": true, "date": true, "partial": true, "stage_paragraph": true, "actor": true, "next_stage": true,
		"next_verdict": true, "final_verdict": true, "first_adopted_stage": true, "last_stage_present": true, "final_paragraph": true,
		"final_text": true, "unmatched": true, "moved": true, "weakened": true, "rule": true,
		"judged_at": true, "original_verdict": true, "source_stage": true, "source_actor": true, "current_verdict": true, "who": true, "judged": true,
		"query": true, "left": true, "right": true, "theme_label": true, "against": true,
	}
	numericColumns = map[string]bool{
		"base_words": true, "variant_words": true, "added_words": true,
		"deleted_words": true, "change_ratio": true, "spans": true, "hidden_chars": true,
		"paragraphs": true, "amended": true, "new": true, "added": true,
		"removed": true, "proposed": true, "adopted": true, "count": true,
		"words": true, "adopted_words": true, "bracketed_words": true, "similarity": true, "order": true, "level": true,
		"present": true, "partly_adopted": true, "not_adopted": true, "pending": true, "start_word": true, "end_word": true, "credit": true,
		"brackets": true, "agreed_paragraphs": true, "shared_words": true, "new_paragraphs": true, "new_words": true,
		"dropped_paragraphs": true, "out_of_scope": true, "brackets_resolved_kept": true, "brackets_resolved_deleted": true,
		"brackets_added": true, "adopted_next": true, "in_final": true, "words_proposed": true, "words_in_final": true, "proposals": true,
		"final_start_word": true, "final_end_word": true, "score": true, "reworded": true,
		"start_byte": true, "end_byte": true, "against_words": true, "words_adopted": true, "share": true,
	}
	// emptyWhenNone are the number columns that are empty when what they
	// measure does not exist.
	emptyWhenNone = map[string]bool{"final_start_word": true, "final_end_word": true, "score": true, "share": true}
	// finiteNumber is how a number is written in a table: digits, with a
	// fraction for ratios; never NaN, Inf or an exponent.
	finiteNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
)

// baseFigures are the number columns a document of the base text alone
// fills in; its other number cells are empty.
var baseFigures = map[string]bool{
	"order": true, "level": true, "base_words": true, "bracketed_words": true,
	"hidden_chars": true, "paragraphs": true, "present": true,
}

// checkFinite returns a description of the first figure of r that is not a
// finite number, in its fields or in any table it exports, "" when there is
// none.
func checkFinite(r *Result) string {
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) && x >= 0 }
	doc := r.Document
	if want := len(doc.Paragraphs) * (len(doc.Variants) - 1); len(r.Comparisons) != want {
		return "comparisons: " + itoa(len(r.Comparisons)) + ", want " + itoa(want)
	}
	for i := range r.Comparisons {
		if c := &r.Comparisons[i]; !finite(c.ChangeRatio) {
			return "paragraph " + doc.Paragraphs[c.Paragraph].ID + " variant " + itoa(c.Variant) + ": change ratio " + ftoa(c.ChangeRatio)
		}
	}
	for _, s := range r.Sections {
		if !finite(s.ChangeRatio) {
			return "section " + s.Section + ": change ratio " + ftoa(s.ChangeRatio)
		}
	}
	for v := 1; v < len(r.Totals); v++ {
		if !finite(r.Totals[v].ChangeRatio) {
			return "totals of variant " + itoa(v) + ": change ratio " + ftoa(r.Totals[v].ChangeRatio)
		}
	}
	for _, table := range Tables {
		var buf bytes.Buffer
		if err := WriteTableCSV(&buf, r, table, Filter{}); err != nil {
			return table + ": " + err.Error()
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			return table + ": " + err.Error()
		}
		if len(rows) == 0 {
			return table + ": no header"
		}
		header := rows[0]
		for _, col := range header {
			if !textColumns[col] && !numericColumns[col] && !strings.HasPrefix(col, "added_") {
				return table + ": column " + col + " is neither text nor number"
			}
			if NumberColumn(col) == textColumns[col] {
				return table + ": column " + col + ": NumberColumn says " + strconv.FormatBool(NumberColumn(col))
			}
		}
		for _, row := range rows[1:] {
			for i, cell := range row {
				if textColumns[header[i]] {
					continue
				}
				if cell == "" && (header[i] == "change_ratio" || emptyWhenNone[header[i]]) {
					// The ratio of a text that is absent does not exist,
					// nor the place of words that did not come back, nor the
					// score of an insertion an excerpt does not judge.
					continue
				}
				if cell == "" && doc.BaseOnly() && !baseFigures[header[i]] {
					// Nor does any figure of a variant, when there is none.
					continue
				}
				if !finiteNumber.MatchString(cell) {
					return table + ": column " + header[i] + ": " + parse.Quote(cell) + " is not a finite number"
				}
			}
		}
	}
	return ""
}

// itoa formats n for a message.
func itoa(n int) string { return parse.FormatCount(int64(n)) }

// ftoa formats x for a message, NaN and infinities included.
func ftoa(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "+Inf"
	case math.IsInf(x, -1):
		return "-Inf"
	}
	return ratio(x)
}

// checkParsed fails t unless doc is a well-formed document, without hidden
// format characters in its texts, names and IDs, that Analyse, with dict,
// turns into finite figures. It is the property every document
// the parsers accept must have.
func checkParsed(t *testing.T, doc *Document, dict *Dictionary) {
	t.Helper()
	if msg := checkDocument(doc); msg != "" {
		t.Fatalf("invalid document: %s", msg)
	}
	if found := hiddenIn(doc); len(found) > 0 {
		t.Fatalf("hidden format characters kept: %s", strings.Join(found, ", "))
	}
	r, err := Analyse(doc, dict, Options{})
	if err != nil {
		t.Fatalf("Analyse: %v", err)
	}
	if msg := checkFinite(r); msg != "" {
		t.Fatalf("figures: %s", msg)
	}
}

// checkBaseOnly fails t unless doc, the base text alone, holds no hidden
// format character in its texts, names and IDs and analyses with dict
// into a valid Result with finite figures.
func checkBaseOnly(t *testing.T, doc *Document, dict *Dictionary) {
	t.Helper()
	if found := hiddenIn(doc); len(found) > 0 {
		t.Fatalf("hidden format characters kept: %s", strings.Join(found, ", "))
	}
	r, err := Analyse(doc, dict, Options{})
	if err != nil {
		t.Fatalf("Analyse: %v", err)
	}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if msg := checkFinite(r); msg != "" {
		t.Fatalf("figures: %s", msg)
	}
}

// checkParseError fails t unless err is a *ParseError of file at a line and
// doc is nil.
func checkParseError(t *testing.T, doc *Document, err error, file string) {
	t.Helper()
	var pe *parse.ParseError
	if !errors.As(err, &pe) || pe.File != file || pe.Line < 1 || pe.Msg == "" {
		t.Fatalf("error %v (%T) is not a located *ParseError", err, err)
	}
	if doc != nil {
		t.Fatal("both a document and an error")
	}
}

// FuzzParseCSV feeds the long-form CSV parser arbitrary bytes: it must
// return a located *ParseError or a well-formed document that analyses into
// finite figures, and never panic or hang.
func FuzzParseCSV(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "analysis", "*.csv"))
	if err != nil {
		f.Fatal(err)
	}
	if len(files) == 0 {
		f.Fatal("no CSV seeds in testdata/analysis")
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("section,paragraph,variant,text\n1,1,Base,\n1,1,V,Added words.\n"))
	f.Add([]byte("\uFEFFSection , Paragraph,VARIANT,text,section_title\r\n3a,1,A,\"x\"\"y\",T\r\n3a,1,B,z,\r\n"))
	f.Add([]byte("VAriAnt,TeXt,SeCtion,PArAgrAph \n0,\"0\r0\",2a,32\n1,,2a,32 "))
	dict := DefaultDictionary()
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := parse.Parse("fuzz.csv", data, parse.Options{})
		if err != nil {
			checkParseError(t, doc, err, "fuzz.csv")
			return
		}
		checkParsed(t, doc, dict)
	})
}

// TestTablesFiniteOnDegenerateDocuments analyses documents whose figures divide by zero if
// done carelessly: paragraphs without base text, paragraphs of no words
// (punctuation only) in any column, and a document with sections but no
// paragraph, which the parsers reject but a Result may still describe.
// Every figure and every number of every table must be finite.
func TestTablesFiniteOnDegenerateDocuments(t *testing.T) {
	dict := DefaultDictionary()
	parsed := map[string]string{
		"empty-base.txt": "\t1. Heading\n\tProposal\n\tOutcome\n" +
			"\t1.\n\tWe add women and girls.\n\tWe add women.\n" +
			"\t2.\n\t\n\t.\n",
		"zero-words.txt": "\t1. Heading\n\tProposal\n\tOutcome\n" +
			"\t1.\n...\n\t— ; —\n\t!\n" +
			"\t2.\n“ ”\n\tWe add words.\n\t\n" +
			"\t3.\n\t?\n\t\n",
		"zero-words.csv": "section,paragraph,variant,text\n" +
			"1,1,Base,…\n1,1,P,--\n1,1,O,\n" +
			"1,2,P,.\n1,2,O,Human rights.\n",
	}
	for name, data := range parsed {
		t.Run(name, func(t *testing.T) {
			doc, err := parse.Parse(name, []byte(data), parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkParsed(t, doc, dict)
			// The document is as degenerate as it claims: some cells
			// with text have no base words, some have no words at all.
			r, err := Analyse(doc, dict, Options{})
			if err != nil {
				t.Fatal(err)
			}
			noBase, noWords := 0, 0
			for _, c := range r.Comparisons {
				if c.BaseWords == 0 && c.Status != StatusAbsent {
					noBase++
				}
				if c.BaseWords == 0 && c.VariantWords == 0 && c.Status != StatusAbsent {
					noWords++
				}
			}
			if noBase == 0 || strings.HasPrefix(name, "zero-words") && noWords == 0 {
				t.Errorf("%d cells without base words, %d without words: the document does not test what it should", noBase, noWords)
			}
		})
	}
	t.Run("no paragraphs", func(t *testing.T) {
		if _, err := parse.Parse("headings.txt", []byte("\t1. Heading\n\tProposal\n\t2. Other\n\t\n"), parse.Options{}); err == nil {
			t.Error("Parse accepted a document of headings only")
		}
		doc := &Document{
			Name:     "headings",
			Source:   "headings.txt",
			Variants: []string{BaseName, "Proposal", "Outcome"},
			Sections: []Section{{ID: "1", Title: "Heading", Line: 1}, {ID: "1a", Parent: "1", Line: 4}},
		}
		r, err := Analyse(doc, dict, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if msg := checkFinite(r); msg != "" {
			t.Error(msg)
		}
		if len(r.Totals) != 3 || r.Totals[1].ChangeRatio != 0 {
			t.Errorf("totals %+v, want zero figures for 2 variants", r.Totals)
		}
	})
	t.Run("checker", func(t *testing.T) {
		// The checker itself finds a non-finite ratio.
		doc, err := parse.Parse("c.txt", []byte(parsed["empty-base.txt"]), parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := Analyse(doc, dict, Options{})
		if err != nil {
			t.Fatal(err)
		}
		r.Totals[1].ChangeRatio = math.NaN()
		if msg := checkFinite(r); !strings.Contains(msg, "NaN") {
			t.Errorf("checkFinite missed a NaN total: %q", msg)
		}
	})
}

// FuzzParseDocx feeds the Word reader arbitrary bytes: it must return a
// located *ParseError or a well-formed document that analyses into finite
// figures, and never panic or hang. Inputs that start like a zip archive are
// read as a whole .docx; others are packed as the word/document.xml of one,
// so that mutations reach the XML reader rather than the zip checksums. The
// seeds are the .docx fixtures and their document.xml. The last byte
// chooses the options, so both the table and the tracked reading of each
// seed are explored.
func FuzzParseDocx(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "analysis", "docx", "*.docx"))
	if err != nil {
		f.Fatal(err)
	}
	if len(files) == 0 {
		f.Fatal("no .docx seeds in testdata/analysis/docx")
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
			for _, zf := range zr.File {
				if zf.Name != "word/document.xml" {
					continue
				}
				rc, err := zf.Open()
				if err != nil {
					f.Fatal(err)
				}
				xml, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					f.Fatal(err)
				}
				f.Add(xml)
			}
		}
	}
	dict := DefaultDictionary()
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := parse.Options{}
		if len(data) > 0 && data[len(data)-1]&1 == 1 {
			opts = parse.Options{Tracked: true, Outcome: parse.AcceptAll}
		}
		if !docx.IsZip(data) {
			data = docxtest.Zip(t, "word/document.xml", string(data))
		}
		doc, err := parse.Parse("fuzz.docx", data, opts)
		if err != nil {
			checkParseError(t, doc, err, "fuzz.docx")
			return
		}
		if doc.BaseOnly() {
			// Running text without tracked changes: the base alone.
			if len(doc.Paragraphs) == 0 {
				t.Fatal("a document without paragraphs")
			}
			checkBaseOnly(t, doc, dict)
			return
		}
		checkParsed(t, doc, dict)
	})
}

// checkDocument returns what is wrong with a parsed document, "" when
// nothing is. Only running text reads as the base alone.
func checkDocument(doc *parse.Document) string {
	if len(doc.Variants) < 1 || doc.Variants[0] != BaseName {
		return fmt.Sprintf("variants %q", doc.Variants)
	}
	if doc.Name == "" || doc.Name != parse.Slug(doc.Name) {
		return fmt.Sprintf("name %q is not a slug", doc.Name)
	}
	sections := map[string]bool{}
	for _, s := range doc.Sections {
		if s.ID == "" || sections[s.ID] || (s.Parent != "" && !sections[s.Parent]) || s.Line < 1 {
			return fmt.Sprintf("section %+v", s)
		}
		sections[s.ID] = true
	}
	if len(doc.Paragraphs) == 0 {
		return "no paragraphs"
	}
	ids := map[string]bool{}
	for _, p := range doc.Paragraphs {
		if p.ID == "" || ids[p.ID] || !sections[p.Section] || p.Line < 1 {
			return fmt.Sprintf("paragraph %+v", p)
		}
		ids[p.ID] = true
		if len(p.Texts) != len(doc.Variants) || !slices.ContainsFunc(p.Texts, func(t string) bool { return t != "" }) || p.New != (p.Texts[0] == "") {
			return fmt.Sprintf("paragraph %s texts %q new %v", p.ID, p.Texts, p.New)
		}
		for _, text := range p.Texts {
			if !utf8.ValidString(text) || strings.TrimSpace(text) != text || strings.Contains(text, "\r") {
				return fmt.Sprintf("paragraph %s text %q", p.ID, text)
			}
		}
	}
	return ""
}
