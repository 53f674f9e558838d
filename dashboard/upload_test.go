package dashboard

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// upload posts a multipart form to h.
func upload(t *testing.T, h http.Handler, fields map[string]string, file string, data []byte, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if k == "+file" {
			continue
		}
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if file != "" {
		fw, err := mw.CreateFormFile("file", file)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	if extra := fields["+file"]; extra != "" {
		// A second file part, for the test of uploads of several files.
		fw, err := mw.CreateFormFile("file", extra)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestUploadRefused(t *testing.T) {
	tests := []struct {
		name     string
		mod      func(*Config)
		fields   map[string]string
		data     []byte
		header   []string
		wantCode int
		wantBody string
	}{
		{"read-only", func(c *Config) { c.ReadOnly = true }, nil, []byte("x"), nil, 403, "read-only"},
		{"no token", func(c *Config) { c.Token = "s3cret" }, nil, []byte("x"), nil, 403, "token is missing or wrong"},
		{"wrong token", func(c *Config) { c.Token = "s3cret" }, map[string]string{"token": "guess"}, []byte("x"), nil, 403, "token is missing or wrong"},
		{"cross-site", nil, nil, []byte("x"), []string{"Origin", "http://evil.example"}, 403, "own form"},
		{"null origin", nil, nil, []byte("x"), []string{"Origin", "null"}, 403, "own form"},
		{"null origin cross-site", nil, nil, []byte("x"), []string{"Origin", "null", "Sec-Fetch-Site", "cross-site"}, 403, "own form"},
		{"null origin same-site", nil, nil, []byte("x"), []string{"Origin", "null", "Sec-Fetch-Site", "same-site"}, 403, "own form"},
		{"too large", func(c *Config) { c.MaxUpload = 100 }, nil, bytes.Repeat([]byte("x"), 5000), nil, 413, "larger than the limit of 100 bytes"},
		{"no file", nil, nil, nil, nil, 422, "Choose a file"},
		{"two files", nil, map[string]string{"+file": "second.txt"}, []byte("x"), nil, 422, "Upload one file at a time; this upload holds 2 files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newFakeSource(fixtureResult())
			s := mustServer(t, src, tt.mod)
			file := "doc.txt"
			if tt.data == nil {
				file = ""
			}
			w := upload(t, s.engine, tt.fields, file, tt.data, tt.header...)
			if w.Code != tt.wantCode || !strings.Contains(w.Body.String(), tt.wantBody) {
				t.Errorf("status %d, want %d with %q\n%s", w.Code, tt.wantCode, tt.wantBody, w.Body.String())
			}
			if src.saves != 0 {
				t.Errorf("%d saves, want none", src.saves)
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), func(c *Config) { c.ReadOnly = true })
	w := get(t, s.engine, "/")
	if w.Code != http.StatusFound || w.Header().Get("Location") != "/d/fixture" {
		t.Errorf("read-only with one document: status %d to %q, want 302 to /d/fixture", w.Code, w.Header().Get("Location"))
	}
	s = mustServer(t, newFakeSource(fixtureResult(), injectionResult()), func(c *Config) { c.ReadOnly = true })
	w = get(t, s.engine, "/")
	if w.Code != 200 || strings.Contains(w.Body.String(), `name="file"`) {
		t.Errorf("read-only index: status %d, upload form shown: %v", w.Code, strings.Contains(w.Body.String(), `name="file"`))
	}
	s = mustServer(t, newFakeSource(fixtureResult()), func(c *Config) { c.Token = "s3cret" })
	if body := get(t, s.engine, "/").Body.String(); !strings.Contains(body, `name="token"`) {
		t.Error("the upload form has no token field when a token is set")
	}
}

// TestUploadDocx uploads Word documents: the sample as a table is stored
// and opens its overview, a browser's form post (Origin "null" under the
// pages' no-referrer policy, Sec-Fetch-Site same-origin) is accepted, and a
// .doc is refused with how to convert it, storing nothing.
func TestUploadDocx(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "analysis", "docx", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	src := newFakeSource(fixtureResult())
	s := mustServer(t, src, nil)
	w := upload(t, s.engine, nil, "Tunis compilation.docx", read("sample-table.docx"), "Origin", "null", "Sec-Fetch-Site", "same-origin")
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != docURL("tunis-compilation") {
		t.Fatalf("status %d to %q, want 303 to %s\n%s", w.Code, w.Header().Get("Location"), docURL("tunis-compilation"), w.Body.String())
	}
	r := src.docs["tunis-compilation"]
	if r == nil || len(r.Document.Paragraphs) != 26 || r.Document.Variants[1] != "GC Proposed Text" {
		t.Fatalf("stored %+v, want the sample's 26 paragraphs", r)
	}
	saves := src.saves
	w = upload(t, s.engine, nil, "old.doc", read("brackets.doc"))
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "convert it to .docx first (LibreOffice: soffice --headless --convert-to docx FILE)") {
		t.Errorf("status %d, want 422 saying how to convert a .doc\n%s", w.Code, w.Body.String())
	}
	if src.saves != saves {
		t.Error("a refused .doc was stored")
	}
}
