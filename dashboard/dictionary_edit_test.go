package dashboard

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/ingest"
)

// TestDictionaryEdit: on a document's dictionary page, adding an unthemed
// phrase to a theme analyses the document again with the new version of
// its dictionary: the phrase is a term of the theme, its additions hits,
// no longer unthemed; adding a theme does the same with its terms; a bad
// term, a wrong token or a read-only server change nothing.
func TestDictionaryEditForm(t *testing.T) {
	r, _ := sample(t)
	name := r.Document.Name
	if len(r.Unthemed) == 0 {
		t.Fatal("the sample has no unthemed phrase")
	}
	phrase := r.Unthemed[0].Phrase
	src := newFakeSource(r)
	s := mustServer(t, src, func(c *Config) { c.Token = "s3cret"; c.Dictionary = analysis.DefaultDictionary() })
	page := get(t, s.engine, "/themes?doc="+name).Body.String()
	if !strings.Contains(page, `action="/d/`+name+`/dictionary"`) || !strings.Contains(page, `<input type="hidden" name="term" value="`+phrase+`">`) {
		t.Fatal("the dictionary page has no form adding an unthemed phrase")
	}
	post := func(form url.Values) int {
		form.Set("token", "s3cret")
		return postForm(t, s.engine, "/d/"+name+"/dictionary", form).Code
	}
	for _, tc := range []struct {
		what string
		form url.Values
		code int
	}{
		{"no term", url.Values{"op": {"term"}, "theme": {"gender"}, "term": {"*"}}, 422},
		{"no theme", url.Values{"op": {"term"}, "theme": {"nosuch"}, "term": {"x"}}, 422},
		{"no op", url.Values{"term": {"x"}}, 400},
	} {
		if code := post(tc.form); code != tc.code {
			t.Errorf("%s: %d, want %d", tc.what, code, tc.code)
		}
	}
	if w := postForm(t, s.engine, "/d/"+name+"/dictionary", url.Values{"op": {"term"}, "theme": {"gender"}, "term": {phrase}, "token": {"nope"}}); w.Code != http.StatusForbidden {
		t.Errorf("wrong token: %d", w.Code)
	}
	if stored, _ := src.Load(t.Context(), name); stored.Dictionary.Hash != r.Dictionary.Hash {
		t.Fatal("a refused change changed the dictionary")
	}

	if code := post(url.Values{"op": {"term"}, "theme": {"gender"}, "term": {phrase}}); code != http.StatusSeeOther {
		t.Fatalf("add %q: %d", phrase, code)
	}
	stored, err := src.Load(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	gender := stored.Dictionary.Themes[slices.IndexFunc(stored.Dictionary.Themes, func(th analysis.Theme) bool { return th.Name == "gender" })]
	if stored.Dictionary.Hash == r.Dictionary.Hash || !slices.Contains(gender.Terms, phrase) {
		t.Fatalf("gender's terms after the edit: %q", gender.Terms)
	}
	if slices.ContainsFunc(stored.Unthemed, func(u analysis.Unthemed) bool { return u.Phrase == phrase }) {
		t.Errorf("%q is still unthemed", phrase)
	}
	hit := false
	for _, c := range stored.Comparisons {
		for _, h := range c.Hits {
			hit = hit || h.Theme == "gender" && h.Term == phrase
		}
	}
	if !hit {
		t.Errorf("no hit of the new term %q", phrase)
	}

	if code := post(url.Values{"op": {"theme"}, "label": {"Climate change"}, "terms": {"climate, emission*"}}); code != http.StatusSeeOther {
		t.Fatalf("add a theme: %d", code)
	}
	stored, _ = src.Load(t.Context(), name)
	if last := stored.Dictionary.Themes[len(stored.Dictionary.Themes)-1]; last.Name != "climate-change" || !slices.Equal(last.Terms, []string{"climate", "emission*"}) {
		t.Errorf("the new theme: %+v", last)
	}

	ro := mustServer(t, newFakeSource(r), func(c *Config) { c.ReadOnly = true })
	if page := get(t, ro.engine, "/themes?doc="+name).Body.String(); strings.Contains(page, `/dictionary"`) {
		t.Error("a read-only dictionary page offers to change it")
	}
}

// TestDictionaryEditAlso: a dictionary change analyses again, in one step,
// the other documents ticked that were analysed with the same dictionary:
// the page offers exactly those; a document with another dictionary, or
// none of that name, is refused with nothing changed.
func TestDictionaryEditAlso(t *testing.T) {
	r, data := sample(t)
	rs, err := ingest.Analyse(t.Context(), r.Dictionary, ingest.Input{Name: "copy", Files: []ingest.File{{Name: sampleFile, Data: data}}})
	if err != nil {
		t.Fatal(err)
	}
	other := fixtureResult() // analysed with another dictionary
	src := newFakeSource(r, rs[0], other)
	s := mustServer(t, src, nil)
	name := r.Document.Name
	page := get(t, s.engine, "/themes?doc="+name).Body.String()
	if !strings.Contains(page, `name="also" value="copy"`) || strings.Contains(page, `name="also" value="`+other.Document.Name+`"`) {
		t.Fatal("the page does not offer exactly the documents of the same dictionary")
	}
	hash := func(doc string) string {
		got, err := src.Load(t.Context(), doc)
		if err != nil {
			t.Fatal(err)
		}
		return got.Dictionary.Hash
	}
	edit := url.Values{"op": {"term"}, "theme": {"gender"}, "term": {"caucus"}}
	for _, bad := range []string{other.Document.Name, "nosuch"} {
		f := url.Values{"also": {"copy", bad}}
		for k, v := range edit {
			f[k] = v
		}
		if w := postForm(t, s.engine, "/d/"+name+"/dictionary", f); w.Code < 400 {
			t.Errorf("also %s: %d, want a refusal", bad, w.Code)
		}
		if hash(name) != r.Dictionary.Hash || hash("copy") != r.Dictionary.Hash {
			t.Fatalf("also %s: a refused change changed a dictionary", bad)
		}
	}
	edit["also"] = []string{"copy"}
	if w := postForm(t, s.engine, "/d/"+name+"/dictionary", edit); w.Code != http.StatusSeeOther {
		t.Fatalf("edit with also: %d %s", w.Code, w.Body.String())
	}
	if h := hash(name); h == r.Dictionary.Hash || hash("copy") != h || hash(other.Document.Name) != other.Dictionary.Hash {
		t.Errorf("after the edit: %s and copy %s, want the same new dictionary; the other document's kept: %v", h, hash("copy"), hash(other.Document.Name) == other.Dictionary.Hash)
	}
}
