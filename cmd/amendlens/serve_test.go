package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to write from the server's goroutine
// while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs serve with args on a free loopback port and returns its
// base URL, a function that stops it and waits, and its error.
func startServe(t *testing.T, args ...string) (string, func() error) {
	t.Helper()
	base, _, stop := startServeOutput(t, args...)
	return base, stop
}

// startServeOutput is startServe that also returns what serve prints.
func startServeOutput(t *testing.T, args ...string) (string, *syncBuffer, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), &out, &errOut)
	}()
	addr := regexp.MustCompile(`serving (http://[0-9.:]+)/`)
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			return m[1], &out, func() error { cancel(); return <-done }
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve ended before listening: %v\n%s", err, errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not listen within 20s:\n%s%s", out.String(), errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func TestServeIngestsSampleAndShutsDown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	base, stop := startServe(t, "-db", db)
	code, body := get(t, base+"/d/wsis-tunis-internet-governance-gc/p/39")
	if code != http.StatusOK || !strings.Contains(body, "gender equality perspective") {
		t.Errorf("paragraph 39: status %d, body without the inserted words", code)
	}
	code, body = get(t, base+"/d/wsis-tunis-internet-governance-gc/export/paragraphs.csv")
	if code != http.StatusOK || !strings.HasPrefix(body, "document,section,paragraph,order,variant,status") {
		t.Errorf("paragraphs.csv: status %d, body %.60q", code, body)
	}
	if err := stop(); err != nil {
		t.Errorf("serve after shutdown: %v, want nil", err)
	}
	if _, err := http.Get(base + "/"); err == nil {
		t.Error("server still answers after shutdown")
	}
	// A second start on a database that holds a document adds nothing.
	_, stop = startServe(t, "-db", db)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if got := counts(t, db)["documents"]; got != 1 {
		t.Errorf("%d documents, want the sample only", got)
	}
}

func TestServeReadOnlyRefusesUploads(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	t.Setenv("AMENDLENS_READ_ONLY", "true")
	base, stop := startServe(t, "-db", db)
	defer stop()
	resp, err := http.Post(base+"/", "multipart/form-data; boundary=x", strings.NewReader("--x--\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("upload to a read-only server: status %d, want 403", resp.StatusCode)
	}
}

func TestServerLimits(t *testing.T) {
	srv := newHTTPServer(http.NotFoundHandler())
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Errorf("timeouts: header %v, read %v, write %v, idle %v; want all set",
			srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout)
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes = %d, want a bound under 1 MiB", srv.MaxHeaderBytes)
	}
}

func TestServeListensOnLoopbackByDefault(t *testing.T) {
	var stderr bytes.Buffer
	_ = run(context.Background(), []string{"serve", "-h"}, io.Discard, &stderr)
	if !strings.Contains(stderr.String(), `(default "127.0.0.1:8080")`) {
		t.Errorf("serve's default address is not 127.0.0.1:8080:\n%s", stderr.String())
	}
}

// TestServeRefusesOtherHosts: on a loopback address, a request naming
// another host (a DNS-rebinding page) gets 421, unless -allow-host names it.
func TestServeRefusesOtherHosts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	base, stop := startServe(t, "-db", db, "-allow-host", "dash.example.org")
	defer stop()
	for host, want := range map[string]int{
		"":                      http.StatusOK, // the address itself
		"localhost":             http.StatusOK,
		"dash.example.org:8443": http.StatusOK,
		"rebind.example":        http.StatusMisdirectedRequest,
	} {
		req, err := http.NewRequest(http.MethodGet, base+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET / with Host %q: status %d, want %d", host, resp.StatusCode, want)
		}
	}
}
