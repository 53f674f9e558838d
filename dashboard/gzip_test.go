package dashboard

import (
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"testing"
)

func TestGzipResponses(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult(), injectionResult()), nil)
	for _, path := range []string{"/d/fixture", "/d/inject", "/d/fixture/s/2", "/themes", "/d/fixture/export/paragraphs.csv", "/api/d/fixture/changes"} {
		plain := get(t, s.engine, path)
		for range 2 {
			w := get(t, s.engine, path, "Accept-Encoding", "br, gzip;q=0.8")
			if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" {
				t.Fatalf("GET %s: status %d, Content-Encoding %q", path, w.Code, w.Header().Get("Content-Encoding"))
			}
			if cl := w.Header().Get("Content-Length"); cl != strconv.Itoa(w.Body.Len()) {
				t.Errorf("GET %s: Content-Length %s for %d bytes", path, cl, w.Body.Len())
			}
			if w.Body.Len() >= plain.Body.Len()/2 {
				t.Errorf("GET %s: %d bytes gzipped for %d plain", path, w.Body.Len(), plain.Body.Len())
			}
			zr, err := gzip.NewReader(w.Body)
			if err != nil {
				t.Fatal(err)
			}
			zr.Multistream(false)
			body, err := io.ReadAll(zr) // checks the CRC-32 and the length
			if err != nil {
				t.Fatalf("GET %s: gzip stream: %v", path, err)
			}
			if got := string(body); got != plain.Body.String() {
				t.Errorf("GET %s: the gzipped body differs from the plain one:\n%s", path, firstDiff(got, plain.Body.String()))
			}
			for _, h := range []string{"Content-Type", "Content-Disposition"} {
				if w.Header().Get(h) != plain.Header().Get(h) {
					t.Errorf("GET %s: %s %q gzipped, %q plain", path, h, w.Header().Get(h), plain.Header().Get(h))
				}
			}
			if w.Header().Get("Vary") != "Accept-Encoding" || plain.Header().Get("Vary") != "Accept-Encoding" {
				t.Errorf("GET %s: no Vary: Accept-Encoding", path)
			}
			etag := w.Header().Get("ETag")
			if etag == plain.Header().Get("ETag") {
				t.Errorf("GET %s: the gzip form has the plain form's ETag", path)
			}
			if nm := get(t, s.engine, path, "If-None-Match", etag, "Accept-Encoding", "gzip"); nm.Code != http.StatusNotModified || nm.Header().Get("ETag") != etag {
				t.Errorf("GET %s with the gzip ETag: status %d, ETag %q", path, nm.Code, nm.Header().Get("ETag"))
			}
		}
	}
	if w := get(t, s.engine, "/d/fixture", "Accept-Encoding", "gzip;q=0, deflate"); w.Header().Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0 got Content-Encoding %q", w.Header().Get("Content-Encoding"))
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"deflate, gzip;q=1.0, *;q=0.5", true},
		{"br, deflate", false},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"gzip;q=0.001", true},
		{"*", true},
		{"x-gzip", true},
		{"gzipx", false},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}
