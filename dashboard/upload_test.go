package dashboard

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"amendlens/analysis"
)

// upload posts a multipart form to h.
func upload(t *testing.T, h http.Handler, fields map[string]string, file string, data []byte, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	// The token first, as the dashboard's form sends it.
	if tok, ok := fields["token"]; ok {
		if err := mw.WriteField("token", tok); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range fields {
		if k == "+file" || k == "token" {
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
		{"cross-site fetch", nil, nil, []byte("x"), []string{"Sec-Fetch-Site", "cross-site"}, 403, "own form"},
		// A sibling host (another subdomain of the same site) is another
		// origin all the same.
		{"same-site fetch", nil, nil, []byte("x"), []string{"Sec-Fetch-Site", "same-site", "Origin", "http://other.example.com"}, 403, "own form"},
		{"null origin", nil, nil, []byte("x"), []string{"Origin", "null"}, 403, "own form"},
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
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != storedURL("tunis-compilation") {
		t.Fatalf("status %d to %q, want 303 to %s\n%s", w.Code, w.Header().Get("Location"), storedURL("tunis-compilation"), w.Body.String())
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

// TestUploadSameOrigin: the dashboard's own form, as a browser sends it,
// is accepted.
func TestUploadSameOrigin(t *testing.T) {
	csv := []byte("section,paragraph,variant,text\n1,1,Base,We value access.\n1,1,North,We value affordable access.\n")
	for _, header := range [][]string{
		{"Sec-Fetch-Site", "same-origin", "Origin", "http://example.com"},
		{"Origin", "http://example.com"},
		nil, // not a browser
	} {
		src := newFakeSource()
		s := mustServer(t, src, nil)
		if w := upload(t, s.engine, nil, "doc.csv", csv, header...); w.Code != http.StatusSeeOther || src.saves != 1 {
			t.Errorf("upload with %q: status %d, %d saves\n%s", header, w.Code, src.saves, w.Body.String())
		}
	}
}

// countingReader counts the bytes read from r.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// TestUploadTokenBeforeBody: a wrong or missing token is refused before
// the file is read: the server reads the header or the first part only,
// and writes nothing to disk.
func TestUploadTokenBeforeBody(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where multipart spools files past 1 MB
	csv := "section,paragraph,variant,text\n1,1,Base,We value access.\n1,1,North,We value affordable access.\n"
	big := csv + strings.Repeat("1,1,North,We value affordable access for all.\n", (4<<20)/46)
	body := func(token string, first bool, file string) (string, []byte) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		if first && token != "" {
			mw.WriteField("token", token)
		}
		fw, _ := mw.CreateFormFile("file", "doc.csv")
		io.WriteString(fw, file)
		if !first && token != "" {
			mw.WriteField("token", token)
		}
		mw.Close()
		return mw.FormDataContentType(), buf.Bytes()
	}
	tests := []struct {
		name     string
		header   string // X-Amendlens-Token, "" for none
		token    string // the form's token field, "" for none
		first    bool   // the token field comes before the file
		file     string
		wantCode int
		maxRead  int64 // bytes of the body the server may read; 0 for no bound
	}{
		{"wrong token first", "", "guess", true, big, http.StatusForbidden, 64 << 10},
		{"no token", "", "", true, big, http.StatusForbidden, 64 << 10},
		{"token after the file", "", "s3cret", false, big, http.StatusForbidden, 64 << 10},
		{"wrong header", "guess", "s3cret", true, big, http.StatusForbidden, 1},
		{"right token first", "", "s3cret", true, csv, http.StatusSeeOther, 0},
		{"right header", "s3cret", "", true, csv, http.StatusSeeOther, 0},
		// With the right token the big file is read (spooled to disk), then
		// refused for its repeated rows; its spool file is removed.
		{"right header, big file", "s3cret", "", true, big, http.StatusUnprocessableEntity, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newFakeSource()
			s := mustServer(t, src, func(c *Config) { c.Token = "s3cret" })
			ct, data := body(tt.token, tt.first, tt.file)
			cr := &countingReader{r: bytes.NewReader(data)}
			req := httptest.NewRequest(http.MethodPost, "/", cr)
			req.Header.Set("Content-Type", ct)
			if tt.header != "" {
				req.Header.Set(TokenHeader, tt.header)
			}
			w := httptest.NewRecorder()
			s.engine.ServeHTTP(w, req)
			if w.Code != tt.wantCode {
				t.Fatalf("status %d, want %d\n%.300s", w.Code, tt.wantCode, w.Body.String())
			}
			if tt.maxRead > 0 {
				if n := cr.n.Load(); n > tt.maxRead {
					t.Errorf("the server read %d of %d bytes before refusing, want at most %d", n, len(data), tt.maxRead)
				}
				if src.saves != 0 {
					t.Errorf("%d saves after a refused upload", src.saves)
				}
				if !strings.Contains(w.Body.String(), "token is missing or wrong") {
					t.Errorf("the refusal does not say why:\n%.300s", w.Body.String())
				}
			}
			if entries, err := os.ReadDir(tmp); err != nil || len(entries) != 0 {
				t.Errorf("temporary files left: %v %v", entries, err)
			}
		})
	}
}

// TestUploadWorkBudget: an upload's analysis stops at Config.UploadWork
// steps whatever the file's size (which alone allows more), with a 422
// naming the budget, and stores nothing; the same file within the budget is
// stored.
func TestUploadWorkBudget(t *testing.T) {
	src := newFakeSource()
	data := analysis.Sample()
	s := mustServer(t, src, func(c *Config) { c.UploadWork = 100_000 })
	w := upload(t, s.engine, map[string]string{"name": "tight"}, "sample.txt", data)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "work budget exceeded") {
		t.Errorf("status %d, want 422 with the budget named:\n%.300s", w.Code, w.Body.String())
	}
	if infos, _ := src.Documents(context.Background()); len(infos) != 0 {
		t.Errorf("%d documents stored, want none: %+v", len(infos), infos)
	}
	s = mustServer(t, src, nil)
	if w := upload(t, s.engine, map[string]string{"name": "roomy"}, "sample.txt", data); w.Code != http.StatusSeeOther {
		t.Errorf("within the default budget: status %d, want 303", w.Code)
	}
	if s.cfg.UploadWork != DefaultUploadWork {
		t.Errorf("default upload work %d, want %d", s.cfg.UploadWork, DefaultUploadWork)
	}
}

// trackedCompilation is a Word document of running text in which Brazil
// inserted words as a tracked change, followed by a compilation table of
// the base and a proposal.
func trackedCompilation(t *testing.T) []byte {
	t.Helper()
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	p := func(text string) string { return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>` }
	cell := func(text string) string { return `<w:tc>` + p(text) + `</w:tc>` }
	body := p("1. Marks") +
		`<w:p><w:r><w:t xml:space="preserve">10. We act</w:t></w:r><w:ins w:id="1" w:author="Brazil" w:date="2025-01-01T00:00:00Z"><w:r><w:t xml:space="preserve"> at once</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>` +
		p("11. We note the report.") +
		`<w:tbl><w:tr>` + cell("Base") + cell("Proposal") + `</w:tr><w:tr>` + cell("2. Annex") + cell("") + `</w:tr><w:tr>` + cell("20. We act.") + cell("We act now.") + `</w:tr></w:tbl>`
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ` + ns + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`},
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, f.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestUploadTrackedBox: a Word compilation that also holds tracked changes
// is read as its table, unless the form's "read tracked changes" box is
// ticked, which reads each author as a variant; the upload opens its
// overview saying it was stored, and no link of that page carries the
// notice on.
func TestUploadTrackedBox(t *testing.T) {
	data := trackedCompilation(t)
	for _, tracked := range []bool{false, true} {
		src := newFakeSource()
		s := mustServer(t, src, nil)
		fields := map[string]string{"name": "Compilation"}
		if tracked {
			fields["tracked"] = "1"
		}
		w := upload(t, s.engine, fields, "compilation.docx", data)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != storedURL("compilation") {
			t.Fatalf("tracked %v: status %d to %q\n%s", tracked, w.Code, w.Header().Get("Location"), w.Body.String())
		}
		r, err := src.Load(context.Background(), "compilation")
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(r.Document.Variants, "Brazil"); got != tracked {
			t.Errorf("tracked %v: variants %q", tracked, r.Document.Variants)
		}
		page := get(t, s.engine, storedURL("compilation")).Body.String()
		if !strings.Contains(page, `id="notice" role="status">Stored Compilation:`) {
			t.Errorf("tracked %v: the page opened does not say the document was stored", tracked)
		}
		if strings.Count(page, "stored=1") > 0 {
			t.Errorf("tracked %v: a link of the page carries stored=1 on", tracked)
		}
	}
	// Deleting says so on the list, once the document is gone.
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	if body := get(t, s.engine, "/?deleted=fixture").Body.String(); strings.Contains(body, `id="notice"`) {
		t.Error("the list says fixture was deleted while it is stored")
	}
	s = mustServer(t, newFakeSource(), nil)
	if body := get(t, s.engine, "/?deleted=fixture").Body.String(); !strings.Contains(body, `id="notice" role="status">Deleted fixture.</p>`) {
		t.Error("the list does not say fixture was deleted")
	}
}
