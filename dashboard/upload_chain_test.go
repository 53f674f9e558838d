package dashboard

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amendlens/analysis"
)

// uploadStages posts the chain form: files (from the chain fixture) in the
// field stages, in the order given, and the plan.
func uploadStages(t *testing.T, h http.Handler, plan string, files ...string) *httptest.ResponseRecorder {
	t.Helper()
	return uploadStagesWith(t, h, map[string]string{planField: plan}, files...)
}

// uploadStagesWith posts the chain form with files and the fields given
// (those with a value).
func uploadStagesWith(t *testing.T, h http.Handler, fields map[string]string, files ...string) *httptest.ResponseRecorder {
	t.Helper()
	var named []namedFile
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "chain", f))
		if err != nil {
			t.Fatal(err)
		}
		named = append(named, namedFile{f, data})
	}
	return postStages(t, h, fields, named...)
}

// namedFile is a file of an upload: its name and content.
type namedFile struct {
	name string
	data []byte
}

// postStages posts the chain form with files, in order, and the fields
// given (those with a value).
func postStages(t *testing.T, h http.Handler, fields map[string]string, files ...namedFile) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range files {
		fw, err := mw.CreateFormFile(stagesField, f.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(f.data)
	}
	for k, v := range fields {
		if v != "" {
			mw.WriteField(k, v)
		}
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// TestUploadChain: the chain form's plan orders and names the stages and
// proposals whatever the files' order; a manifest among the files does it
// without a plan; without either nothing is stored.
func TestUploadChain(t *testing.T) {
	src := newFakeSource()
	s := mustServer(t, src, func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	plan := `[{"file":2,"role":"stage","name":"Chair's draft"},{"file":3,"role":"proposal","name":"Gender Caucus"},` +
		`{"file":1,"role":"stage","name":"Rev.1"},{"file":0,"role":"stage","name":"Adopted"}]`
	w := uploadStages(t, s.engine, plan, "adopted.txt", "rev1.txt", "draft.txt", "gc-draft.txt")
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != storedURL("draft") {
		t.Fatalf("upload: %d %s\n%s", w.Code, w.Header().Get("Location"), w.Body.String())
	}
	r, err := src.Load(context.Background(), "draft")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, st := range r.Stages {
		names = append(names, st.Name)
	}
	if strings.Join(names, "|") != "Chair's draft|Rev.1|Adopted" || len(r.Stages[0].Proposals) != 1 || r.Document.Actor(r.Stages[0].Proposals[0]) != "Gender Caucus" {
		t.Errorf("stages %v, proposals %v: want the plan's", names, r.Stages[0].Proposals)
	}

	// The manifest names the files: no plan needed.
	w = uploadStages(t, s.engine, "", "rev2.txt", "negotiation.yaml", "adopted.txt", "draft.txt", "gc-draft.txt", "rev1.txt", "g77-rev1.txt")
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != storedURL("internet-governance-chapter") {
		t.Fatalf("manifest upload: %d %s\n%s", w.Code, w.Header().Get("Location"), w.Body.String())
	}
	if r, err = src.Load(context.Background(), "internet-governance-chapter"); err != nil || len(r.Stages) != 4 || !r.Stages[2].Partial {
		t.Errorf("manifest upload stored %v (%v), want the four stages, Rev.2 an excerpt", r, err)
	}

	saves := src.saves
	for _, tc := range []struct {
		plan  string
		files []string
		want  string
	}{
		{"", []string{"draft.txt", "rev1.txt"}, "the order of the stages is missing"},
		{`[{"file":0,"role":"proposal"},{"file":1,"role":"stage"}]`, []string{"gc-draft.txt", "draft.txt"}, "gc-draft.txt, first in the list, is a proposal"},
		{`[{"file":0,"role":"stage"}]`, []string{"draft.txt", "rev1.txt"}, "rev1.txt is not in the list of stages"},
		{`[{"file":0,"role":"stage"},{"file":0,"role":"stage"}]`, []string{"draft.txt", "rev1.txt"}, "names file 1 of 2, or twice"},
		{`{`, []string{"draft.txt"}, "the list of stages does not read"},
		{"", []string{"negotiation.yaml", "draft.txt"}, "is not among the files uploaded with the manifest"},
	} {
		w := uploadStages(t, s.engine, tc.plan, tc.files...)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), tc.want) {
			t.Errorf("plan %s files %v: %d, want 422 saying %q\n%s", tc.plan, tc.files, w.Code, tc.want, element(t, w.Body.String(), "message", "</p>"))
		}
	}
	if src.saves != saves {
		t.Errorf("%d saves of refused uploads", src.saves-saves)
	}
}

// TestUploadChainCheck: the chain form's check analyses the files as the
// plan or a manifest orders them and answers what it found (the stages in
// order with their files, names, dates, excerpts and figures, the
// proposals with their actors and insertions) or why it cannot, and
// stores nothing.
func TestUploadChainCheck(t *testing.T) {
	src := newFakeSource()
	s := mustServer(t, src, func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	decode := func(w *httptest.ResponseRecorder) (chainFound, string) {
		t.Helper()
		var f chainFound
		var e struct{ Error string }
		body := w.Body.Bytes()
		if err := json.Unmarshal(body, &f); err != nil {
			t.Fatalf("check answered %d %q: %v", w.Code, body, err)
		}
		json.Unmarshal(body, &e)
		return f, e.Error
	}
	w := uploadStagesWith(t, s.engine, map[string]string{checkField: "1"}, "rev2.txt", "negotiation.yaml", "adopted.txt", "draft.txt", "gc-draft.txt", "rev1.txt", "g77-rev1.txt")
	f, msg := decode(w)
	if w.Code != 200 || msg != "" || f.Name != "internet-governance-chapter" || len(f.Stages) != 4 {
		t.Fatalf("manifest check: %d %q %+v", w.Code, msg, f)
	}
	var got []string
	for _, st := range f.Stages {
		line := st.Name + "<" + st.File + ">"
		if st.Partial {
			line += " excerpt"
		}
		for _, p := range st.Proposals {
			line += fmt.Sprintf(" %s<%s>:%d", p.Actor, p.File, p.Insertions)
		}
		got = append(got, line)
	}
	want := []string{"Chair's draft<draft.txt> Gender Caucus<gc-draft.txt>:3", "Rev.1<rev1.txt> G77<g77-rev1.txt>:1", "Rev.2<rev2.txt> excerpt", "Adopted<adopted.txt>"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f.Stages[2].OutOfScope != 4 || f.Stages[2].Paragraphs != 3 || f.Stages[0].Date != "2005-09-19" {
		t.Errorf("Rev.2 found %+v, the draft %+v", f.Stages[2], f.Stages[0])
	}
	if f.Replaces != "" {
		t.Errorf("nothing stored, yet the check says %q", f.Replaces)
	}
	// Once a document of that name is stored, the check says it will be
	// replaced.
	if err := src.Save(context.Background(), chainResult(t)); err != nil {
		t.Fatal(err)
	}
	src.saves-- // the test's own, not a check's
	w = uploadStagesWith(t, s.engine, map[string]string{checkField: "1"}, "rev2.txt", "negotiation.yaml", "adopted.txt", "draft.txt", "gc-draft.txt", "rev1.txt", "g77-rev1.txt")
	if f, _ = decode(w); !strings.HasPrefix(f.Replaces, "Storing it will replace the stored document internet-governance-chapter (Internet governance chapter, ingested ") {
		t.Errorf("the check of a stored name says %q", f.Replaces)
	}
	if err := src.Delete(context.Background(), "internet-governance-chapter"); err != nil {
		t.Fatal(err)
	}

	// The plan orders them; a wrong plan says why.
	plan := `[{"file":1,"role":"stage","name":"Draft"},{"file":0,"role":"stage","name":"Final"}]`
	w = uploadStagesWith(t, s.engine, map[string]string{checkField: "1", planField: plan}, "adopted.txt", "draft.txt")
	if f, msg = decode(w); w.Code != 200 || len(f.Stages) != 2 || f.Stages[0].Name != "Draft" || f.Stages[1].File != "adopted.txt" {
		t.Errorf("plan check: %d %q %+v", w.Code, msg, f)
	}
	w = uploadStagesWith(t, s.engine, map[string]string{checkField: "1", planField: `[{"file":0,"role":"proposal"}]`}, "draft.txt")
	if _, msg = decode(w); w.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "first in the list, is a proposal") {
		t.Errorf("bad plan check: %d %q", w.Code, msg)
	}
	w = uploadStagesWith(t, s.engine, map[string]string{checkField: "1", planField: `[{"file":0,"role":"stage"},{"file":1,"role":"stage"}]`}, "draft.txt", "negotiation.yaml")
	if _, msg = decode(w); w.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "This does not analyse") {
		t.Errorf("unanalysable check: %d %q", w.Code, msg)
	}
	if src.saves != 0 {
		t.Errorf("%d saves from checks", src.saves)
	}
}

// TestUploadManifestNamesUploadedFiles: a manifest in an upload names
// files of that upload by their names alone; a folder, "..", or an
// absolute name is refused with the manifest's line, and nothing is read
// from the server's disk or stored.
func TestUploadManifestNamesUploadedFiles(t *testing.T) {
	src := newFakeSource()
	s := mustServer(t, src, func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	draft, err := os.ReadFile(filepath.Join("..", "testdata", "chain", "draft.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../draft.txt", "/etc/draft.txt", "sub/draft.txt", `..\draft.txt`, "C:/draft.txt"} {
		manifest := fmt.Sprintf("name: Paths\nstages:\n  - name: Draft\n    file: draft.txt\n  - name: Rev.1\n    file: %q\n", name)
		w := postStages(t, s.engine, nil, namedFile{"negotiation.yaml", []byte(manifest)}, namedFile{"draft.txt", draft})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "negotiation.yaml:5") || !strings.Contains(w.Body.String(), "by their names alone") {
			t.Errorf("manifest naming %q: %d\n%s", name, w.Code, element(t, w.Body.String(), "message", "</p>"))
		}
	}
	if src.saves != 0 {
		t.Errorf("%d saves of refused manifests", src.saves)
	}
}
