package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunLoadCountsAndBounds(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := served.Add(1)
		if r.URL.Path == "/flaky" && n%4 == 0 {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("0123456789"))
	}))
	defer srv.Close()
	client := newLoadClient(8)
	defer client.CloseIdleConnections()

	res := runLoad(context.Background(), client, srv.URL+"/ok", loadConfig{clients: 8, duration: time.Minute, requests: 100})
	if res.requests != 100 || res.errors != 0 || len(res.latencies) != 100 {
		t.Errorf("/ok: %d requests, %d errors, %d latencies; want 100, 0, 100", res.requests, res.errors, len(res.latencies))
	}
	if res.meanSize() != 10 {
		t.Errorf("/ok: mean size %d, want 10", res.meanSize())
	}
	if res.quantile(0.5) > res.quantile(0.99) || res.quantile(0.99) <= 0 {
		t.Errorf("/ok: p50 %s, p99 %s: want 0 < p50 <= p99", res.quantile(0.5), res.quantile(0.99))
	}
	if res.rate() <= 0 {
		t.Errorf("/ok: rate %g", res.rate())
	}

	served.Store(0)
	res = runLoad(context.Background(), client, srv.URL+"/flaky", loadConfig{clients: 1, duration: time.Minute, requests: 40})
	if res.requests != 40 || res.errors != 10 || len(res.latencies) != 30 {
		t.Errorf("/flaky: %d requests, %d errors, %d latencies; want 40, 10, 30", res.requests, res.errors, len(res.latencies))
	}
	if res.firstErr == nil || !strings.Contains(res.firstErr.Error(), "503") {
		t.Errorf("/flaky: first error %v, want the 503", res.firstErr)
	}
}

func TestRunLoadStopsAfterDuration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Millisecond)
	}))
	defer srv.Close()
	client := newLoadClient(2)
	defer client.CloseIdleConnections()
	start := time.Now()
	res := runLoad(context.Background(), client, srv.URL, loadConfig{clients: 2, duration: 100 * time.Millisecond, requests: 1 << 30})
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a run of 100ms took %s", d)
	}
	if res.requests == 0 || res.requests > 2*100/5+2 {
		t.Errorf("%d requests of 5ms from 2 clients in 100ms", res.requests)
	}
}

func TestLoadClientDialsLoopbackOnly(t *testing.T) {
	client := newLoadClient(1)
	for _, url := range []string{"http://localhost:1/", "http://10.0.0.1:80/", "http://[::1]:80/", "http://example.com/"} {
		_, err := fetch(context.Background(), client, url, false)
		if !errors.Is(err, errLoopbackOnly) {
			t.Errorf("GET %s: error %v, want %v", url, err, errLoopbackOnly)
		}
	}
}

func TestLoadResultQuantile(t *testing.T) {
	res := &loadResult{}
	for i := 1; i <= 100; i++ {
		res.latencies = append(res.latencies, time.Duration(i)*time.Millisecond)
	}
	tests := []struct {
		q    float64
		want time.Duration
	}{
		{0, time.Millisecond},
		{0.5, 50 * time.Millisecond},
		{0.99, 99 * time.Millisecond},
		{1, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := res.quantile(tt.q); got != tt.want {
			t.Errorf("quantile(%g) = %s, want %s", tt.q, got, tt.want)
		}
	}
	if got := (&loadResult{}).quantile(0.5); got != 0 {
		t.Errorf("quantile of nothing = %s, want 0", got)
	}
}

func TestFetchAsksForGzipAndReadsItUndecoded(t *testing.T) {
	var asked string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write([]byte("12345")) // the size as sent, whatever it encodes
	}))
	defer srv.Close()
	n, err := fetch(context.Background(), newLoadClient(1), srv.URL, true)
	if err != nil {
		t.Fatal(err)
	}
	if asked != "gzip" || n != 5 {
		t.Errorf("Accept-Encoding %q, %d bytes read; want gzip and the 5 bytes sent", asked, n)
	}
}
