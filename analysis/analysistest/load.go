package analysistest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// LoadConfig bounds one load run.
type LoadConfig struct {
	Clients  int           // concurrent clients, each with one request in flight
	Duration time.Duration // the run stops after this long...
	Requests int           // ...or once this many requests were sent, whichever comes first
	Gzip     bool          // ask for gzip, as browsers do; sizes are then the bytes sent
}

// LoadResult is what a load run measured.
type LoadResult struct {
	Requests  int             // requests answered, successfully or not
	Errors    int             // transport errors and answers other than 200
	FirstErr  error           // the first error, for the report
	Bytes     int64           // body bytes of the successful answers
	Elapsed   time.Duration   // from the first request sent to the last answer
	Latencies []time.Duration // of the successful answers, sorted
}

// Rate returns the answers per second.
func (r *LoadResult) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Quantile returns the latency below which a fraction q of the successful
// answers came, 0 when there was none.
func (r *LoadResult) Quantile(q float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	i := int(q*float64(len(r.Latencies)) + 0.5)
	return r.Latencies[min(max(i-1, 0), len(r.Latencies)-1)]
}

// MeanSize returns the mean body size of the successful answers.
func (r *LoadResult) MeanSize() int64 {
	if len(r.Latencies) == 0 {
		return 0
	}
	return r.Bytes / int64(len(r.Latencies))
}

// ErrLoopbackOnly is returned by the load client's dialer for any address
// that is not 127.0.0.1.
var ErrLoopbackOnly = errors.New("load client: only 127.0.0.1 may be dialled")

// NewLoadClient returns an HTTP client for clients concurrent requests to
// 127.0.0.1: its own Transport keeps a connection per client alive, uses no
// proxy and refuses to dial any other address.
func NewLoadClient(clients int) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Client{
		Transport: &http.Transport{
			Proxy: nil,
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				host, _, err := net.SplitHostPort(addr)
				if err != nil || host != "127.0.0.1" {
					return nil, fmt.Errorf("%s: %w", addr, ErrLoopbackOnly)
				}
				return dialer.DialContext(ctx, network, addr)
			},
			MaxIdleConns:        clients,
			MaxIdleConnsPerHost: clients,
			IdleConnTimeout:     time.Minute,
			DisableCompression:  true,
		},
		Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a redirect is an answer other than 200
		},
	}
}

// RunLoad sends GET requests for url from cfg.Clients goroutines, each
// waiting for its answer before the next request, and stops sending once
// cfg.Duration has passed, cfg.Requests were sent or ctx is done. Requests in
// flight at the end are waited for, so that every request counts.
func RunLoad(ctx context.Context, client *http.Client, url string, cfg LoadConfig) *LoadResult {
	var (
		sent atomic.Int64
		mu   sync.Mutex
		wg   sync.WaitGroup
		res  = &LoadResult{}
	)
	start := time.Now()
	for range max(cfg.Clients, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var (
				lat     []time.Duration
				n, errs int
				first   error
				bytes   int64
			)
			for ctx.Err() == nil && time.Since(start) < cfg.Duration && sent.Add(1) <= int64(cfg.Requests) {
				t0 := time.Now()
				size, err := fetch(ctx, client, url, cfg.Gzip)
				n++
				if err != nil {
					errs++
					if first == nil {
						first = err
					}
					continue
				}
				lat = append(lat, time.Since(t0))
				bytes += size
			}
			mu.Lock()
			defer mu.Unlock()
			res.Requests += n
			res.Errors += errs
			res.Bytes += bytes
			res.Latencies = append(res.Latencies, lat...)
			if res.FirstErr == nil {
				res.FirstErr = first
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	slices.Sort(res.Latencies)
	return res
}

// fetch GETs url and reads the body, returning its size. With gzip, it asks
// for a compressed answer and reads it as it comes, undecoded, like a
// browser's network layer. An answer other than 200 is an error.
func fetch(ctx context.Context, client *http.Client, url string, gzip bool) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	if gzip {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return n, fmt.Errorf("GET %s: reading the body: %w", req.URL.Path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return n, fmt.Errorf("GET %s: %s", req.URL.Path, resp.Status)
	}
	return n, nil
}
