package dashboard

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestETag(t *testing.T) {
	src := newFakeSource(fixtureResult())
	s := mustServer(t, src, nil)
	for _, path := range []string{"/d/fixture", "/d/fixture/p/1", "/d/fixture/export/paragraphs.csv", "/api/d/fixture/themes", "/themes", "/static/amendlens.css"} {
		w := get(t, s.engine, path)
		etag := w.Header().Get("ETag")
		if w.Code != 200 || etag == "" {
			t.Fatalf("GET %s: status %d, ETag %q", path, w.Code, etag)
		}
		w2 := get(t, s.engine, path, "If-None-Match", etag)
		if w2.Code != http.StatusNotModified || w2.Body.Len() != 0 {
			t.Errorf("GET %s with If-None-Match: status %d, %d bytes", path, w2.Code, w2.Body.Len())
		}
		if w3 := get(t, s.engine, path, "If-None-Match", `"other"`); w3.Code != 200 {
			t.Errorf("GET %s with another ETag: status %d", path, w3.Code)
		}
	}
	// Different queries, different tags.
	a := get(t, s.engine, "/d/fixture").Header().Get("ETag")
	b := get(t, s.engine, "/d/fixture?variant=North").Header().Get("ETag")
	if a == b {
		t.Error("the ETag does not depend on the query")
	}
	// Re-ingesting the document changes the tag and the page.
	loads := src.loads
	r := fixtureResult()
	r.Document.Variants[1] = "Northern"
	if err := src.Save(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	w := get(t, s.engine, "/d/fixture", "If-None-Match", a)
	if w.Code != 200 || w.Header().Get("ETag") == a {
		t.Fatalf("after a new revision: status %d, ETag %q (was %q)", w.Code, w.Header().Get("ETag"), a)
	}
	if !strings.Contains(w.Body.String(), "Northern") {
		t.Error("the page shows the old revision")
	}
	if src.loads != loads+1 {
		t.Errorf("%d loads after a new revision, want 1", src.loads-loads)
	}
}

func TestCache(t *testing.T) {
	src := newFakeSource(fixtureResult())
	s := mustServer(t, src, nil)
	for _, path := range []string{"/d/fixture", "/d/fixture/p/1", "/d/fixture/p/2", "/d/fixture/s/2", "/d/fixture", "/d/fixture/export/hits.csv"} {
		if w := get(t, s.engine, path); w.Code != 200 {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
	}
	if src.loads != 1 {
		t.Errorf("%d loads for one revision, want 1", src.loads)
	}
	// A cached page is the same bytes each time.
	w1, w2 := get(t, s.engine, "/d/fixture"), get(t, s.engine, "/d/fixture")
	if w1.Body.String() != w2.Body.String() {
		t.Error("a cached page differs between two requests")
	}
}

func TestHead(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	srv := httptest.NewServer(s.engine)
	defer srv.Close()
	for _, path := range []string{"/", "/d/fixture", "/d/fixture/export/paragraphs.csv", "/static/amendlens.css"} {
		resp, err := http.Head(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") == "" {
			t.Errorf("HEAD %s: status %d, Content-Type %q", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

// TestConcurrent serves pages from many goroutines at once, for the race
// detector: caches and tokenizers are shared between requests.
func TestConcurrent(t *testing.T) {
	src := newFakeSource(fixtureResult(), injectionResult())
	s := mustServer(t, src, nil)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j, path := range pagePaths {
				if (i+j)%5 == 0 && i%4 == 0 {
					src.Save(context.Background(), fixtureResult()) // a new revision mid-flight
				}
				req := httptest.NewRequest(http.MethodGet, path, nil)
				w := httptest.NewRecorder()
				s.engine.ServeHTTP(w, req)
				if w.Code != 200 {
					errs <- path
				}
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for path := range errs {
		t.Errorf("GET %s failed under load", path)
	}
}
