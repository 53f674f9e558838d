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

	"amendlens/analysis"
	"amendlens/dashboard"
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
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != doc {
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
