package dashboard_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"amendlens/parse"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
	"amendlens/dashboard"
	"amendlens/store"
)

// benchClients is the number of concurrent connections of the page
// benchmark, each with one request in flight.
const benchClients = 32

// BenchmarkPagesVsStatic loads every kind of page and download of the
// sample from benchClients connections, over TCP, against the real SQLite
// store, and beside each a static body of the same size served by the same
// server: req/s and p99 of each, and their ratios (page / static), measured
// in the same run. Pages are warm: the first request of each, which renders
// it, is not counted.
//
//	go test -tags nomsgpack -run '^$' -bench PagesVsStatic ./dashboard
func BenchmarkPagesVsStatic(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "amendlens.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	data, err := os.ReadFile("../testdata/wsis-tunis-internet-governance-gc.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := parse.Parse("wsis-tunis-internet-governance-gc.txt", data, parse.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Save(ctx, r); err != nil {
		b.Fatal(err)
	}
	dash, err := dashboard.New(dashboard.Config{Source: db, Dictionary: analysis.DefaultDictionary()})
	if err != nil {
		b.Fatal(err)
	}
	d := "/d/" + doc.Name
	pages := []struct{ name, path string }{
		{"list", "/"},
		{"overview", d},
		{"paragraph", d + "/p/39"},
		{"theme", d + "/t/gender"},
		{"section", d + "/s/3"},
		{"themes", "/themes"},
		{"csv", d + "/export/paragraphs.csv"},
		{"json", "/api/d/" + doc.Name + "/themes"},
	}
	// The static body of each page: as many bytes, served from memory by
	// the same server without the dashboard's router.
	var mu sync.Mutex
	blobs := map[string][]byte{}
	mux := http.NewServeMux()
	mux.Handle("/", dash)
	mux.HandleFunc("GET /bench-static/{page}", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		blob := blobs[r.PathValue("page")]
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(blob)))
		w.Write(blob)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	client := analysistest.NewLoadClient(benchClients)
	defer client.CloseIdleConnections()

	for _, pg := range pages {
		b.Run(pg.name, func(b *testing.B) {
			first := analysistest.RunLoad(ctx, client, srv.URL+pg.path, analysistest.LoadConfig{Clients: 1, Duration: time.Minute, Requests: 1})
			if first.Errors > 0 {
				b.Fatal(first.FirstErr)
			}
			size := first.MeanSize()
			mu.Lock()
			blobs[pg.name] = make([]byte, size)
			mu.Unlock()
			var page, static loadTotal
			// b.N requests of each, the page and its static twin in turns
			// of a tenth, so that a burst of load on the machine weighs on
			// both alike.
			for part := range 10 {
				n := b.N / 10
				if part < b.N%10 {
					n++
				}
				cfg := analysistest.LoadConfig{Clients: benchClients, Duration: time.Hour, Requests: n}
				page.add(b, analysistest.RunLoad(ctx, client, srv.URL+pg.path, cfg))
				static.add(b, analysistest.RunLoad(ctx, client, srv.URL+"/bench-static/"+pg.name, cfg))
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(size), "bytes")
			b.ReportMetric(page.rate(), "req/s")
			b.ReportMetric(page.p99().Seconds()*1000, "p99-ms")
			b.ReportMetric(static.rate(), "static-req/s")
			b.ReportMetric(static.p99().Seconds()*1000, "static-p99-ms")
			b.ReportMetric(page.rate()/static.rate(), "rate-ratio")
			b.ReportMetric(page.p99().Seconds()/static.p99().Seconds(), "p99-ratio")
		})
	}
}

// loadTotal adds up load runs.
type loadTotal struct {
	requests  int
	elapsed   time.Duration
	latencies []time.Duration
}

func (t *loadTotal) add(b *testing.B, r *analysistest.LoadResult) {
	if r.Errors > 0 {
		b.Fatalf("%d errors, the first: %v", r.Errors, r.FirstErr)
	}
	t.requests += r.Requests
	t.elapsed += r.Elapsed
	t.latencies = append(t.latencies, r.Latencies...)
}

func (t *loadTotal) rate() float64 {
	if t.elapsed <= 0 {
		return 0
	}
	return float64(t.requests) / t.elapsed.Seconds()
}

func (t *loadTotal) p99() time.Duration {
	r := analysistest.LoadResult{Latencies: slices.Sorted(slices.Values(t.latencies))}
	return r.Quantile(0.99)
}
