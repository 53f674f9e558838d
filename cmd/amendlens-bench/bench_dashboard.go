package main

import (
	"amendlens/analysis/analysistest"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"time"

	"amendlens/dashboard"
	"amendlens/store"
)

// benchStaticPath is the extra route that serves a blob of the overview's
// size, the yardstick of the dashboard's pages.
const benchStaticPath = "/bench-static"

// dashTarget is one page the dashboard stage loads.
type dashTarget struct {
	name string
	path string
	gzip bool // ask for gzip, as browsers do
}

// dashboardStage serves the dashboard over the database of the full-size
// corpus on 127.0.0.1 and loads the overview, a paragraph page, the CSV of
// the paragraphs table and a static blob of the overview's size, one after
// the other, from -clients concurrent clients.
func (b *bench) dashboardStage(ctx context.Context) error {
	if err := b.needResult(ctx); err != nil {
		return err
	}
	db, err := store.Open(ctx, b.dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	dash, err := dashboard.New(dashboard.Config{
		Source:     db,
		Dictionary: b.dict,
		ReadOnly:   true,
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		return err
	}
	doc := b.result.Document
	home := "/d/" + url.PathEscape(doc.Name)
	targets := []dashTarget{
		{"overview", home, false},
		{"overview gzip", home, true},
		{"paragraph", home + "/p/" + url.PathEscape(doc.Paragraphs[len(doc.Paragraphs)/2].ID), false},
		{"export paragraphs", home + "/export/paragraphs.csv", false},
	}
	// The first request of each page loads the document into the
	// dashboard's caches; it is timed apart, and gives the overview's size.
	cold := make([]time.Duration, len(targets))
	size := 0
	for i, t := range targets {
		rec := httptest.NewRecorder()
		start := time.Now()
		dash.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodGet, t.path, nil))
		cold[i] = time.Since(start)
		if rec.Code != http.StatusOK {
			return fmt.Errorf("GET %s: status %d: %.200s", t.path, rec.Code, rec.Body.String())
		}
		if i == 0 {
			size = rec.Body.Len()
		}
	}
	blob := staticBlob(size)
	mux := http.NewServeMux()
	mux.Handle("/", dash)
	mux.HandleFunc("GET "+benchStaticPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(blob)))
		w.Write(blob)
	})
	targets = append(targets, dashTarget{"static", benchStaticPath, false})
	cold = append(cold, 0)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	client := analysistest.NewLoadClient(b.cfg.clients)
	defer client.CloseIdleConnections()
	cfg := analysistest.LoadConfig{Clients: b.cfg.clients, Duration: b.cfg.duration, Requests: b.cfg.requests}
	base := "http://" + ln.Addr().String()
	results := make([]*analysistest.LoadResult, len(targets))
	peaks := make([]uint64, len(targets))
	for i, t := range targets {
		mem := startMemSampler()
		cfg.Gzip = t.gzip
		results[i] = analysistest.RunLoad(ctx, client, base+t.path, cfg)
		mem.Stop()
		peaks[i] = mem.Above()
		client.CloseIdleConnections()
	}
	static := results[len(results)-1].Rate()
	for i, t := range targets {
		res := results[i]
		note := fmt.Sprintf("%d clients, %d requests, %d errors", b.cfg.clients, res.Requests, res.Errors)
		if cold[i] > 0 {
			note += ", first " + formatLatency(cold[i])
		}
		if res.FirstErr != nil {
			note += fmt.Sprintf(" (first: %.120v)", res.FirstErr)
		}
		if t.name != "static" {
			note += "; ratio vs static"
		}
		b.row(benchRow{
			stage: "dashboard " + t.name,
			size:  formatBytes(float64(res.MeanSize())),
			rate:  fmt.Sprintf("%.0f req/s", res.Rate()),
			p50:   formatLatency(res.Quantile(0.50)),
			p99:   formatLatency(res.Quantile(0.99)),
			peak:  "+" + formatBytes(float64(peaks[i])),
			ratio: formatRatio(res.Rate() / static),
			note:  note,
		})
	}
	ov := results[0]
	s := fmt.Sprintf("overview p99 %s (%s static)", formatLatency(ov.Quantile(0.99)), formatRatio(ov.Rate()/static))
	errs := 0
	for _, r := range results {
		errs += r.Errors
	}
	if errs > 0 {
		s += fmt.Sprintf(", %d request errors", errs)
	}
	b.summary = append(b.summary, s)
	return nil
}

// staticBlob returns n bytes of text for the static route.
func staticBlob(n int) []byte {
	const line = "<p>amendlens static yardstick of the overview's size</p>\n"
	blob := make([]byte, n)
	for i := 0; i < n; i += len(line) {
		copy(blob[i:], line)
	}
	return blob
}
