package dashboard

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/ingest"
	"amendlens/parse"
)

// TestUploadFileCheck: the one-file form's check analyses the file and
// stores nothing: a table lists its columns with their roles and offers
// each as the outcome, the one in force first; two authors' tracked
// changes offer every change accepted; a file that does not read answers
// why, as JSON.
func TestUploadFileCheck(t *testing.T) {
	src := newFakeSource()
	s := mustServer(t, src, nil)
	sample, err := os.ReadFile("../testdata/" + sampleFile)
	if err != nil {
		t.Fatal(err)
	}
	tracked, err := os.ReadFile("../testdata/analysis/docx/tracked-two-authors.docx")
	if err != nil {
		t.Fatal(err)
	}
	check := func(fields map[string]string, file string, data []byte) (int, fileFound, string) {
		t.Helper()
		fields["check"] = "1"
		w := upload(t, s.engine, fields, file, data)
		var f fileFound
		var e struct{ Error string }
		body := w.Body.Bytes()
		if err := json.Unmarshal(body, &f); err != nil || json.Unmarshal(body, &e) != nil {
			t.Fatalf("%s: %d %q is no JSON", file, w.Code, body)
		}
		return w.Code, f, e.Error
	}
	values := func(f fileFound) []string {
		var out []string
		for _, o := range f.Outcomes {
			out = append(out, o.Value)
		}
		return out
	}

	code, f, _ := check(map[string]string{}, sampleFile, sample)
	var texts []string
	for _, tx := range f.Texts {
		texts = append(texts, tx.Name+"/"+tx.Role)
	}
	if code != http.StatusOK || strings.Join(texts, ",") != "Base/base,GC Proposed Text/proposal,Compromise text/outcome" ||
		!slices.Equal(values(f), []string{"Compromise text", "GC Proposed Text", analysis.NoOutcome}) || f.Outcome != "Compromise text" {
		t.Errorf("sample: %d, texts %v, outcome %q of %v", code, texts, f.Outcome, values(f))
	}
	if !strings.Contains(f.Summary, "26 paragraphs") || f.Texts[1].Added != 273 {
		t.Errorf("sample: summary %q, proposal +%d words", f.Summary, f.Texts[1].Added)
	}
	code, f, _ = check(map[string]string{"outcome": "GC Proposed Text"}, sampleFile, sample)
	if code != http.StatusOK || f.Outcome != "GC Proposed Text" || values(f)[0] != "GC Proposed Text" || f.Texts[1].Role != "outcome" {
		t.Errorf("outcome GC Proposed Text: %d, outcome %q of %v", code, f.Outcome, values(f))
	}

	code, f, _ = check(map[string]string{"tracked": "1"}, "tracked-two-authors.docx", tracked)
	if code != http.StatusOK || f.Outcome != analysis.NoOutcome || !slices.Contains(values(f), parse.AcceptAll) || len(f.Texts) != 3 {
		t.Errorf("two authors: %d, %d texts, outcome %q of %v; want every change accepted offered", code, len(f.Texts), f.Outcome, values(f))
	}
	code, f, _ = check(map[string]string{"tracked": "1", "outcome": parse.AcceptAll}, "tracked-two-authors.docx", tracked)
	if code != http.StatusOK || f.Outcome != parse.AcceptedName || slices.Contains(values(f), parse.AcceptAll) {
		t.Errorf("accept-all: %d, outcome %q of %v; want the accepted text in force", code, f.Outcome, values(f))
	}

	code, _, msg := check(map[string]string{}, "empty.txt", []byte("\x00\x01"))
	if code != http.StatusUnprocessableEntity || !strings.Contains(msg, "does not analyse") {
		t.Errorf("a file that does not read: %d %q", code, msg)
	}
	if src.saves != 0 {
		t.Errorf("the checks stored %d documents, want none", src.saves)
	}
}

// TestParagraphWhere: a paragraph page sends the reader to the paragraph
// where its file has it: the line of a text file, the row of a Word
// table.
func TestParagraphWhere(t *testing.T) {
	r, _ := sample(t)
	data, err := os.ReadFile("../testdata/analysis/docx/sample-table.docx")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ingest.Analyse(t.Context(), analysis.DefaultDictionary(), ingest.Input{Name: "table", Files: []ingest.File{{Name: "sample-table.docx", Data: data}}})
	if err != nil {
		t.Fatal(err)
	}
	s := mustServer(t, newFakeSource(r, rs[0]), nil)
	for _, c := range []struct{ doc, want string }{
		{r.Document.Name, "Line 8 of <code>" + sampleFile + "</code>"},
		{"table", "Table row 2 of <code>sample-table.docx</code>"}, // row 1 the header
	} {
		if page := get(t, s.engine, paraURL(c.doc, "39")).Body.String(); !strings.Contains(page, c.want) {
			t.Errorf("%s paragraph 39 does not say %q", c.doc, c.want)
		}
	}
}

// TestUploadFileCheckBaseOnly: a check of the base text alone says, in the
// dashboard's words, how to add a version: the form's field, no command.
func TestUploadFileCheckBaseOnly(t *testing.T) {
	s := mustServer(t, newFakeSource(), nil)
	data, err := os.ReadFile("../testdata/chain/adopted.txt")
	if err != nil {
		t.Fatal(err)
	}
	w := upload(t, s.engine, map[string]string{"check": "1"}, "adopted.txt", data)
	var f fileFound
	if err := json.Unmarshal(w.Body.Bytes(), &f); err != nil || w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body.String())
	}
	if !strings.Contains(f.Hint, "Versions field") || strings.Contains(f.Hint+f.Summary, "amendlens ingest") {
		t.Errorf("hint %q, summary %q: want the form's words and no command", f.Hint, f.Summary)
	}
}
