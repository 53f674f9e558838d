package dashboard

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/parse"
)

const sampleFile = "wsis-tunis-internet-governance-gc.txt"

// sample parses and analyses the source document of the test data.
func sample(t testing.TB) (*analysis.Result, []byte) {
	t.Helper()
	data, err := os.ReadFile("../testdata/" + sampleFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Parse(sampleFile, data, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r, data
}

func TestSampleParagraph39(t *testing.T) {
	r, _ := sample(t)
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	w := get(t, s.engine, docURL(r.Document.Name)+"/p/39")
	if w.Code != http.StatusOK {
		t.Fatalf("paragraph 39: status %d\n%s", w.Code, w.Body.String())
	}
	if len(r.Document.Variants) < 3 {
		t.Fatalf("variants %q, want a proposal and an outcome", r.Document.Variants)
	}
	for v := 1; v < len(r.Document.Variants); v++ {
		found := false
		changes := pageChanges(t, w.Body.String(), "text-v"+strconv.Itoa(v))
		for _, c := range changes {
			found = found || c.kind == "ins" && strings.Contains(c.text, "gender equality perspective")
		}
		if !found {
			t.Errorf("variant %s: no insertion holds %q among %+v", r.Document.Variants[v], "gender equality perspective", changes)
		}
	}
}

// TestSamplePages visits every page of the sample and downloads every
// table: each answers 200, and the CSV parses with the table's header.
func TestSamplePages(t *testing.T) {
	r, _ := sample(t)
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	d := r.Document
	paths := []string{"/", "/themes", docURL(d.Name), withQuery(docURL(d.Name), vq("norm", "1"))}
	for v := 1; v < len(d.Variants); v++ {
		paths = append(paths, withQuery(docURL(d.Name), vq("variant", d.Variants[v])))
	}
	for _, sec := range d.Sections {
		paths = append(paths, sectionURL(d.Name, sec.ID))
	}
	for _, p := range d.Paragraphs {
		paths = append(paths, paraURL(d.Name, p.ID))
	}
	for _, name := range r.Dictionary.Names() {
		paths = append(paths, themeURL(d.Name, name))
	}
	for _, path := range paths {
		w := get(t, s.engine, path)
		if w.Code != http.StatusOK {
			t.Errorf("GET %s: status %d", path, w.Code)
		}
	}
	for _, table := range analysis.Tables {
		w := get(t, s.engine, exportURL(d.Name, table, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", table, w.Code)
		}
		recs, err := csv.NewReader(bytes.NewReader(w.Body.Bytes())).ReadAll()
		if err != nil {
			t.Fatalf("%s: CSV: %v", table, err)
		}
		head, _ := analysis.TableHeader(r, table)
		if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(head, ",") {
			t.Errorf("%s: header %v, want %v", table, recs[0], head)
		}
		jw := get(t, s.engine, apiURL(d.Name, table, nil))
		rows := jsonRows(t, jw.Body.Bytes())
		if len(rows) != len(recs)-1 {
			t.Errorf("%s: %d JSON rows, %d CSV rows", table, len(rows), len(recs)-1)
		}
	}
}

func TestUpload(t *testing.T) {
	_, data := sample(t)
	src := newFakeSource()
	s := mustServer(t, src, func(c *Config) { c.Dictionary = analysis.DefaultDictionary(); c.Token = "s3cret" })

	// A file that does not parse: nothing is stored, the page says where.
	bad := []byte("section,paragraph,variant,text\n1,39,Base,We reaffirm.\n1,,North,We reaffirm it.\n")
	w := upload(t, s.engine, map[string]string{"token": "s3cret"}, "bad.csv", bad)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad file: status %d, want 422\n%s", w.Code, w.Body.String())
	}
	if body := w.Body.String(); !strings.Contains(body, `id="message"`) || !strings.Contains(body, "bad.csv:3:") {
		t.Errorf("bad file: the message does not name file and line:\n%s", body)
	}
	if src.saves != 0 {
		t.Fatalf("bad file: %d saves", src.saves)
	}

	// A good file with a name of our own.
	w = upload(t, s.engine, map[string]string{"token": "s3cret", "name": "Tunis Agenda, GC"}, sampleFile, data)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != storedURL(parse.Slug("Tunis Agenda, GC")) {
		t.Fatalf("good file: status %d to %q, want 303 to /d/%s\n%s", w.Code, w.Header().Get("Location"), parse.Slug("Tunis Agenda, GC"), w.Body.String())
	}
	if src.saves != 1 {
		t.Fatalf("good file: %d saves, want 1", src.saves)
	}
	if w := get(t, s.engine, w.Header().Get("Location")); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), sampleFile) {
		t.Errorf("the stored document's overview: status %d", w.Code)
	}
	// Without a name, the parser names it after the file.
	w = upload(t, s.engine, map[string]string{"token": "s3cret"}, sampleFile, data)
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/d/wsis-tunis") {
		t.Errorf("unnamed upload: status %d to %q", w.Code, w.Header().Get("Location"))
	}
}
