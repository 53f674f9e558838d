package dashboard

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"amendlens/analysis"
)

// BenchmarkPages measures serving the sample's pages: "build" renders every
// request anew (no response cache), "cached" serves the rendered bytes, as
// the server does after the first request.
func BenchmarkPages(b *testing.B) {
	r, _ := sample(b)
	doc := docURL(r.Document.Name)
	for _, tc := range []struct {
		name  string
		cache int64
	}{
		{"build", -1},
		{"cached", 0},
	} {
		s := mustServer(b, newFakeSource(r), func(c *Config) {
			c.Dictionary = analysis.DefaultDictionary()
			c.CacheBytes = tc.cache
		})
		for _, page := range []struct{ name, path string }{
			{"overview", ""}, {"paragraph", "/p/39"}, {"theme", "/t/gender"}, {"section", "/s/3"},
		} {
			b.Run(tc.name+"/"+page.name, func(b *testing.B) {
				req := httptest.NewRequest(http.MethodGet, doc+page.path, nil)
				var size int64
				for b.Loop() {
					w := httptest.NewRecorder()
					s.engine.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Fatalf("GET %s: status %d", doc+page.path, w.Code)
					}
					size = int64(w.Body.Len())
				}
				b.SetBytes(size)
			})
		}
	}
}
