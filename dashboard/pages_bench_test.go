package dashboard_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"amendlens/analysis"
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
	doc, err := analysis.Parse("wsis-tunis-internet-governance-gc.txt", data)
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
	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns: benchClients, MaxIdleConnsPerHost: benchClients, DisableCompression: true,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	}}
	defer client.CloseIdleConnections()

	for _, pg := range pages {
		b.Run(pg.name, func(b *testing.B) {
			size, err := fetch(client, srv.URL+pg.path)
			if err != nil {
				b.Fatal(err)
			}
			mu.Lock()
			blobs[pg.name] = make([]byte, size)
			mu.Unlock()
			var page, static loadResult
			// b.N requests of each, the page and its static twin in turns
			// of a tenth, so that a burst of load on the machine weighs on
			// both alike.
			for part := range 10 {
				n := b.N / 10
				if part < b.N%10 {
					n++
				}
				page.add(runLoad(b, client, srv.URL+pg.path, n))
				static.add(runLoad(b, client, srv.URL+"/bench-static/"+pg.name, n))
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

// loadResult is what load runs measured.
type loadResult struct {
	requests  int
	elapsed   time.Duration
	latencies []time.Duration
}

func (r *loadResult) add(o *loadResult) {
	r.requests += o.requests
	r.elapsed += o.elapsed
	r.latencies = append(r.latencies, o.latencies...)
}

func (r *loadResult) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

func (r *loadResult) p99() time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	l := slices.Clone(r.latencies)
	slices.Sort(l)
	return l[min(len(l)*99/100, len(l)-1)]
}

// runLoad sends n GET requests for url from benchClients goroutines, each
// waiting for its answer before sending the next.
func runLoad(b *testing.B, client *http.Client, url string, n int) *loadResult {
	var (
		next atomic.Int64
		mu   sync.Mutex
		wg   sync.WaitGroup
		res  = &loadResult{}
	)
	start := time.Now()
	for range benchClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			for next.Add(1) <= int64(n) {
				t0 := time.Now()
				if _, err := fetch(client, url); err != nil {
					b.Error(err)
					return
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.requests = len(res.latencies)
	return res
}

// fetch GETs url and reads the body, returning its size; an answer other
// than 200 is an error.
func fetch(client *http.Client, url string) (int64, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return n, err
	}
	if resp.StatusCode != http.StatusOK {
		return n, fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	}
	return n, nil
}
