package dashboard

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"amendlens/analysis"
)

// uploadParts posts a form with fields and files (field -> name, data).
func uploadParts(t *testing.T, h http.Handler, fields map[string]string, files map[string][2]string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for field, f := range files {
		fw, err := mw.CreateFormFile(field, f[0])
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(f[1]))
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

const uploadCSV = "section,paragraph,variant,text\n" +
	"1,1,Base,We note the report.\n1,1,North,We note the report on women.\n1,1,South,We note the report on access.\n"

func TestUploadDictionaryAndOutcome(t *testing.T) {
	src := newFakeSource()
	s := mustServer(t, src, func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	yaml := "themes:\n  - name: womenonly\n    terms: [women]\n"
	w := uploadParts(t, s.engine, map[string]string{"name": "own", "outcome": "none"},
		map[string][2]string{"file": {"own.csv", uploadCSV}, "dictionary": {"mine.yaml", yaml}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("status %d\n%s", w.Code, w.Body.String())
	}
	r, err := src.Load(context.Background(), "own")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := analysis.ParseDictionary("mine.yaml", []byte(yaml))
	if r.Dictionary.Hash != want.Hash || len(r.Dictionary.Themes) != 1 {
		t.Errorf("analysed with dictionary %s (%d themes), want the uploaded %s", r.Dictionary.Hash, len(r.Dictionary.Themes), want.Hash)
	}
	if r.Outcome != 0 {
		t.Errorf("outcome %d, want none", r.Outcome)
	}
	if hits := r.Comparison(0, 1).Hits; len(hits) != 1 || hits[0].Theme != "womenonly" {
		t.Errorf("North's hits %v, want one of womenonly", hits)
	}

	// The outcome column by name; no dictionary file means the server's.
	w = uploadParts(t, s.engine, map[string]string{"name": "two", "outcome": "North"},
		map[string][2]string{"file": {"two.csv", uploadCSV}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("status %d\n%s", w.Code, w.Body.String())
	}
	r, _ = src.Load(context.Background(), "two")
	if r.Outcome != 1 || r.Dictionary.Hash != s.cfg.Dictionary.Hash {
		t.Errorf("outcome %d dictionary %s, want North (1) and the server's", r.Outcome, r.Dictionary.Hash)
	}

	// A bad dictionary or outcome stores nothing and says what is wrong.
	for _, tc := range []struct {
		fields map[string]string
		dict   string
		want   string
	}{
		{map[string]string{"name": "bad1"}, "themes:\n  - name: x\n    terms: []\n", "bad.yaml:"},
		{map[string]string{"name": "bad2", "outcome": "Nobody"}, "", `outcome &#34;Nobody&#34;: no such variant`},
	} {
		files := map[string][2]string{"file": {"bad.csv", uploadCSV}}
		if tc.dict != "" {
			files["dictionary"] = [2]string{"bad.yaml", tc.dict}
		}
		w := uploadParts(t, s.engine, tc.fields, files)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), tc.want) {
			t.Errorf("%v: status %d, want 422 with %q\n%.2000s", tc.fields, w.Code, tc.want, w.Body.String())
		}
		if _, err := src.Load(context.Background(), tc.fields["name"]); err == nil {
			t.Errorf("%v: stored", tc.fields)
		}
	}
	if page := get(t, s.engine, "/").Body.String(); !strings.Contains(page, `name="dictionary"`) || !strings.Contains(page, `name="outcome"`) {
		t.Error("the upload form offers no dictionary or outcome field")
	}
}
