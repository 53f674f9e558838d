package dashboard_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/dashboard"
	"amendlens/parse"
	"amendlens/store"
)

// TestStore runs the dashboard on the real SQLite store (from this external
// test package: the dashboard itself never imports the store).
func TestStore(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "amendlens.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	data, err := os.ReadFile("../testdata/wsis-tunis-internet-governance-gc.txt")
	if err != nil {
		t.Fatal(err)
	}
	h, err := dashboard.New(dashboard.Config{Source: db, Dictionary: analysis.DefaultDictionary()})
	if err != nil {
		t.Fatal(err)
	}

	// Upload through the form: the document lands in the database.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "wsis-tunis-internet-governance-gc.txt")
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	const doc = "/d/wsis-tunis-internet-governance-gc"
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != doc+"?stored=1" {
		t.Fatalf("upload: status %d to %q\n%s", w.Code, w.Header().Get("Location"), w.Body.String())
	}
	if _, err := db.Document(ctx, "wsis-tunis-internet-governance-gc"); err != nil {
		t.Fatalf("the upload is not stored: %v", err)
	}

	tests := []struct {
		path     string
		wantCode int
		wantBody string
	}{
		{"/", 200, `href="` + doc + `"`},
		{doc, 200, `id="chart_uptake_spans-panel"`},
		{doc + "/p/39", 200, "gender equality perspective</mark></ins>"},
		{doc + "/s/3", 200, `id="chart_section_paragraphs-panel"`},
		{doc + "/t/gender", 200, "gender equality perspective"},
		{"/themes", 200, "Additions no theme matched"},
		{doc + "/export/paragraphs.csv", 200, "document,section,paragraph,order,variant,status"},
		{doc + "/p/999", 404, "no paragraph"},
		// The store must wrap analysis.ErrNotFound for an unknown document.
		{"/d/nope", 404, "There is no document named"},
		{"/api/d/nope/paragraphs", 404, `"error"`},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if w.Code != tt.wantCode || !strings.Contains(w.Body.String(), tt.wantBody) {
			t.Errorf("GET %s: status %d, want %d with %q", tt.path, w.Code, tt.wantCode, tt.wantBody)
		}
	}
}

// TestStoreOtherWriter runs the dashboard on a database file that another
// connection (as the command line's ingest would, from another process)
// writes to: the dashboard's document list and pages follow within a
// moment, without the dashboard being told.
func TestStoreOtherWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "amendlens.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	h, err := dashboard.New(dashboard.Config{Source: db, Dictionary: analysis.DefaultDictionary()})
	if err != nil {
		t.Fatal(err)
	}
	page := func(path string) (int, string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		return w.Code, w.Body.String()
	}
	if _, body := page("/"); strings.Contains(body, `href="/d/`) {
		t.Fatal("a new database lists a document")
	}
	save := func(variant string) {
		doc, err := parse.Parse("other.csv", []byte("section,paragraph,variant,text\n1,1,Base,We value access.\n1,1,"+variant+",We value affordable access.\n"), parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := other.Save(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	// waitFor polls path until its body holds want; the probe interval is
	// 250 ms, the deadline generous for a loaded machine.
	waitFor := func(path, want string) {
		t.Helper()
		start := time.Now()
		for {
			code, body := page(path)
			if code == http.StatusOK && strings.Contains(body, want) {
				t.Logf("%s shows %q after %v", path, want, time.Since(start).Round(time.Millisecond))
				return
			}
			if time.Since(start) > 10*time.Second {
				t.Fatalf("%s does not show %q 10 s after another connection wrote it (status %d)", path, want, code)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	save("North")
	waitFor("/", `href="/d/other"`)
	waitFor("/d/other", "North")
	save("Southern")
	waitFor("/d/other", "Southern")
	if err := other.Delete(ctx, "other"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for code, _ := page("/d/other"); code != http.StatusNotFound; code, _ = page("/d/other") {
		if time.Since(start) > 10*time.Second {
			t.Fatalf("/d/other answers %d 10 s after another connection deleted it", code)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
