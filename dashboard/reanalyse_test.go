package dashboard

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"amendlens/analysis"
)

// postReanalyse posts the overview's "analyse again" form of doc with
// fields, the token first when given, and the dictionary file dict ("" for
// none), with extra headers.
func postReanalyse(t *testing.T, h http.Handler, doc string, fields url.Values, dict string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if tok, ok := fields["token"]; ok {
		mw.WriteField("token", tok[0])
	}
	for k, vs := range fields {
		for _, v := range vs {
			if k != "token" {
				mw.WriteField(k, v)
			}
		}
	}
	if dict != "" {
		data, err := os.ReadFile(dict)
		if err != nil {
			t.Fatal(err)
		}
		fw, _ := mw.CreateFormFile("dictionary", filepath.Base(dict))
		fw.Write(data)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, docURL(doc)+"/reanalyse", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// TestReanalyseForm: the overview's "analyse again" form, with a
// dictionary file, stores what analysing the document with that
// dictionary gives; with outcome none, an analysis without outcome; a
// variant there is none of, a wrong token, another site or a read-only
// server change nothing.
func TestReanalyseForm(t *testing.T) {
	r, _ := sample(t)
	name := r.Document.Name
	dictFile := filepath.Join("..", "testdata", "analysis", "dict-minimal.yaml")
	data, err := os.ReadFile(dictFile)
	if err != nil {
		t.Fatal(err)
	}
	dict, err := analysis.ReadDictionary(dictFile, data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := analysis.Analyse(r.Document, dict, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	table := func(r *analysis.Result, name string) string {
		var b bytes.Buffer
		if err := analysis.WriteTableCSV(&b, r, name, analysis.Filter{}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}

	src := newFakeSource(r)
	s := mustServer(t, src, func(c *Config) { c.Token = "s3cret" })
	page := get(t, s.engine, docURL(name)).Body.String()
	form := element(t, page, "reanalyse", "</form>")
	for _, want := range []string{`action="/d/` + name + `/reanalyse"`, `name="token"`, `<option value="Compromise text" selected>`, `<option value="none">`} {
		if !strings.Contains(form, want) {
			t.Errorf("the form lacks %s:\n%s", want, form)
		}
	}

	ok := url.Values{"token": {"s3cret"}, "outcome": {"Compromise text"}}
	for _, tc := range []struct {
		what   string
		fields url.Values
		header []string
		code   int
	}{
		{"a variant there is none of", url.Values{"token": {"s3cret"}, "outcome": {"Nobody"}}, nil, 422},
		{"a wrong token", url.Values{"token": {"nope"}, "outcome": {"none"}}, nil, 403},
		{"another site", url.Values{"token": {"s3cret"}, "outcome": {"none"}}, []string{"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"}, 403},
	} {
		if w := postReanalyse(t, s.engine, name, tc.fields, dictFile, tc.header...); w.Code != tc.code {
			t.Errorf("%s: %d, want %d", tc.what, w.Code, tc.code)
		}
		stored, _ := src.Load(t.Context(), name)
		if stored.Dictionary.Hash != r.Dictionary.Hash || stored.Outcome != r.Outcome {
			t.Fatalf("%s changed the stored document", tc.what)
		}
	}

	w := postReanalyse(t, s.engine, name, ok, dictFile)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != storedURL(name) {
		t.Fatalf("reanalyse: %d to %q\n%s", w.Code, w.Header().Get("Location"), w.Body.String())
	}
	stored, err := src.Load(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Dictionary.Hash != dict.Hash {
		t.Errorf("stored with dictionary %s, want %s", stored.Dictionary.Hash, dict.Hash)
	}
	for _, tb := range []string{"hits", "themes", "uptake"} {
		if table(stored, tb) != table(want, tb) {
			t.Errorf("%s after the form differs from analysing with the dictionary", tb)
		}
	}

	if w := postReanalyse(t, s.engine, name, url.Values{"token": {"s3cret"}, "outcome": {"none"}}, ""); w.Code != http.StatusSeeOther {
		t.Fatalf("outcome none: %d\n%s", w.Code, w.Body.String())
	}
	if stored, _ = src.Load(t.Context(), name); stored.Outcome != 0 || stored.Dictionary.Hash != dict.Hash {
		t.Errorf("outcome none: outcome %d, dictionary %s; want none and the dictionary kept", stored.Outcome, stored.Dictionary.Hash)
	}

	ro := mustServer(t, newFakeSource(r), func(c *Config) { c.ReadOnly = true })
	if w := postReanalyse(t, ro.engine, name, ok, dictFile); w.Code != http.StatusForbidden {
		t.Errorf("read-only: %d, want 403", w.Code)
	}
	if page := get(t, ro.engine, docURL(name)).Body.String(); strings.Contains(page, `id="reanalyse"`) {
		t.Error("a read-only overview offers to analyse again")
	}
}

// TestRenameForm: the "analyse again" form retitles the document and
// renames its variants, the base's included: the pages say the new names
// at the same address, every table reads as before with the names
// replaced, and a verdict checked against the renamed outcome follows it;
// two variants named alike are refused with nothing changed.
func TestRenameForm(t *testing.T) {
	r, _ := sample(t)
	name := r.Document.Name
	src := newFakeSource(r)
	s := mustServer(t, src, nil)
	form := element(t, get(t, s.engine, docURL(name)).Body.String(), "reanalyse", "</form>")
	for _, want := range []string{`name="title" value="` + r.Document.Title + `"`, `name="variant_name" value="Base"`, `name="variant_name" value="GC Proposed Text"`} {
		if !strings.Contains(form, want) {
			t.Errorf("the form lacks %s:\n%s", want, form)
		}
	}
	u := r.UptakeAt(r.StageOf("Compromise text"))[0]
	judged, err := r.NewJudgement(analysis.ChangeID(u.Paragraph, u.Proposal, u.Span), "Compromise text", "reworded", "Ana", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Judge(t.Context(), name, judged); err != nil {
		t.Fatal(err)
	}
	before, _ := src.Load(t.Context(), name)
	tables := func(r *analysis.Result) map[string]string {
		out := map[string]string{}
		for _, tb := range analysis.Tables {
			var b bytes.Buffer
			if err := analysis.WriteTableCSV(&b, r, tb, analysis.Filter{}); err != nil {
				t.Fatal(err)
			}
			out[tb] = b.String()
		}
		return out
	}
	want := tables(before)

	refused := url.Values{"title": {"Tunis"}, "variant_name": {"Base", "Agreed", "agreed"}}
	if w := postReanalyse(t, s.engine, name, refused, ""); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "two variants") {
		t.Errorf("two variants named alike: %d\n%s", w.Code, w.Body.String())
	}
	if stored, _ := src.Load(t.Context(), name); stored.Document.Title != r.Document.Title {
		t.Error("a refused rename changed the stored document")
	}

	fields := url.Values{"title": {"Tunis: Internet governance"}, "variant_name": {"Chair's draft", "Gender Caucus", "Agreed text"}, "outcome": {"Compromise text"}}
	if w := postReanalyse(t, s.engine, name, fields, ""); w.Code != http.StatusSeeOther || w.Header().Get("Location") != storedURL(name) {
		t.Fatalf("rename: %d to %q\n%s", w.Code, w.Header().Get("Location"), w.Body.String())
	}
	stored, err := src.Load(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Document.Title != "Tunis: Internet governance" || stored.Document.Name != name {
		t.Errorf("stored as %q [%s], want the new title and the same name", stored.Document.Title, stored.Document.Name)
	}
	rename := strings.NewReplacer("GC Proposed Text", "Gender Caucus", ",Base,", ",Chair's draft,", "Compromise text", "Agreed text")
	for tb, csv := range tables(stored) {
		if csv != rename.Replace(want[tb]) {
			t.Errorf("%s after renaming is not the table before with the names replaced", tb)
		}
	}
	if len(stored.Judgements) != 1 || stored.Judgements[0].JudgedAt != "Agreed text" || stored.Judgements[0].Verdict != analysis.VerdictReworded {
		t.Errorf("judgements %+v, want the one checked against the outcome, under its new name", stored.Judgements)
	}
	page := get(t, s.engine, docURL(name)).Body.String()
	for _, want := range []string{"<title>Tunis: Internet governance", "Gender Caucus", "Chair&#39;s draft"} {
		if !strings.Contains(page, want) {
			t.Errorf("the overview lacks %q", want)
		}
	}
}
