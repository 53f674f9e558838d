package dashboard

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"testing"

	"amendlens/parse"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
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

// BenchmarkOverviewLarge measures building the overview of a generated
// document of about 4,700 paragraphs (no response cache), paragraph by
// paragraph and rolled up by section; page-bytes is the page's size,
// gzip-bytes its size gzipped (at the default level), as browsers get it.
//
//	go test -tags nomsgpack -run '^$' -bench OverviewLarge ./dashboard
func BenchmarkOverviewLarge(b *testing.B) {
	c, err := analysistest.GenerateCorpus(analysistest.CorpusSpec{Seed: 10, Bytes: 10 << 20, Columns: 3}, analysis.Sample(), analysis.DefaultDictionary())
	if err != nil {
		b.Fatal(err)
	}
	doc, err := parse.Parse("big.txt", c.Data, parse.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		b.Fatal(err)
	}
	s := mustServer(b, newFakeSource(r), func(c *Config) {
		c.Dictionary = analysis.DefaultDictionary()
		c.CacheBytes = -1
	})
	b.Logf("%d paragraphs, %d sections", len(doc.Paragraphs), len(doc.Sections))
	for _, page := range []struct{ name, query string }{{"paragraphs", ""}, {"sections", "?by=section"}} {
		b.Run(page.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, docURL(doc.Name)+page.query, nil)
			var body []byte
			for b.Loop() {
				w := httptest.NewRecorder()
				s.engine.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: status %d", req.URL, w.Code)
				}
				body = w.Body.Bytes()
			}
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write(body)
			zw.Close()
			b.ReportMetric(float64(len(body)), "page-bytes")
			b.ReportMetric(float64(gz.Len()), "gzip-bytes")
		})
	}
}
