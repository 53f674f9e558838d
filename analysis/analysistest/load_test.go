package analysistest

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
	client := NewLoadClient(8)
	defer client.CloseIdleConnections()

	res := RunLoad(context.Background(), client, srv.URL+"/ok", LoadConfig{Clients: 8, Duration: time.Minute, Requests: 100})
	if res.Requests != 100 || res.Errors != 0 || len(res.Latencies) != 100 {
		t.Errorf("/ok: %d requests, %d errors, %d latencies; want 100, 0, 100", res.Requests, res.Errors, len(res.Latencies))
	}
	if res.MeanSize() != 10 {
		t.Errorf("/ok: mean size %d, want 10", res.MeanSize())
	}
	if res.Quantile(0.5) > res.Quantile(0.99) || res.Quantile(0.99) <= 0 {
		t.Errorf("/ok: p50 %s, p99 %s: want 0 < p50 <= p99", res.Quantile(0.5), res.Quantile(0.99))
	}
	if res.Rate() <= 0 {
		t.Errorf("/ok: rate %g", res.Rate())
	}

	served.Store(0)
	res = RunLoad(context.Background(), client, srv.URL+"/flaky", LoadConfig{Clients: 1, Duration: time.Minute, Requests: 40})
	if res.Requests != 40 || res.Errors != 10 || len(res.Latencies) != 30 {
		t.Errorf("/flaky: %d requests, %d errors, %d latencies; want 40, 10, 30", res.Requests, res.Errors, len(res.Latencies))
	}
	if res.FirstErr == nil || !strings.Contains(res.FirstErr.Error(), "503") {
		t.Errorf("/flaky: first error %v, want the 503", res.FirstErr)
	}
}

func TestRunLoadStopsAfterDuration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Millisecond)
	}))
	defer srv.Close()
	client := NewLoadClient(2)
	defer client.CloseIdleConnections()
	start := time.Now()
	res := RunLoad(context.Background(), client, srv.URL, LoadConfig{Clients: 2, Duration: 100 * time.Millisecond, Requests: 1 << 30})
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a run of 100ms took %s", d)
	}
	if res.Requests == 0 || res.Requests > 2*100/5+2 {
		t.Errorf("%d requests of 5ms from 2 clients in 100ms", res.Requests)
	}
}

func TestLoadClientDialsLoopbackOnly(t *testing.T) {
	client := NewLoadClient(1)
	for _, url := range []string{"http://localhost:1/", "http://10.0.0.1:80/", "http://[::1]:80/", "http://example.com/"} {
		_, err := fetch(context.Background(), client, url, false)
		if !errors.Is(err, ErrLoopbackOnly) {
			t.Errorf("GET %s: error %v, want %v", url, err, ErrLoopbackOnly)
		}
	}
}

func TestLoadResultQuantile(t *testing.T) {
	res := &LoadResult{}
	for i := 1; i <= 100; i++ {
		res.Latencies = append(res.Latencies, time.Duration(i)*time.Millisecond)
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
		if got := res.Quantile(tt.q); got != tt.want {
			t.Errorf("quantile(%g) = %s, want %s", tt.q, got, tt.want)
		}
	}
	if got := (&LoadResult{}).Quantile(0.5); got != 0 {
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
	n, err := fetch(context.Background(), NewLoadClient(1), srv.URL, true)
	if err != nil {
		t.Fatal(err)
	}
	if asked != "gzip" || n != 5 {
		t.Errorf("Accept-Encoding %q, %d bytes read; want gzip and the 5 bytes sent", asked, n)
	}
}
