package dashboard

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"amendlens/analysis"
)

// waitingSource is a fakeSource whose Load waits for its request to end
// and then fails with the context's error, as the store does.
type waitingSource struct {
	*fakeSource
	loading chan struct{} // closed when Load starts
}

func (w *waitingSource) Load(ctx context.Context, name string) (*analysis.Result, error) {
	close(w.loading)
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestClientGone: a request whose client goes away while its page is
// built is not a server error: no 500, no ERROR log, counted, logged at
// debug level.
func TestClientGone(t *testing.T) {
	var logs bytes.Buffer
	src := &waitingSource{fakeSource: newFakeSource(fixtureResult()), loading: make(chan struct{})}
	s := mustServer(t, src, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/d/fixture", nil)
	w := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		s.engine.ServeHTTP(w, req)
		close(done)
	}()
	<-src.loading
	cancel() // the client goes away
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the request did not end when its client went away")
	}
	if w.Code >= 500 {
		t.Errorf("status %d for a request whose client went away", w.Code)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a client going away is logged as an error:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "level=DEBUG") || !strings.Contains(logs.String(), "client went away") {
		t.Errorf("a client going away is not logged at debug level:\n%s", logs.String())
	}
	if n := s.gone.Load(); n != 1 {
		t.Errorf("%d requests counted gone, want 1", n)
	}

	// A request that arrives already cancelled (the list must be read).
	s.catalog.invalidate()
	logs.Reset()
	req = httptest.NewRequestWithContext(ctx, http.MethodGet, "/", nil)
	w = httptest.NewRecorder()
	s.engine.ServeHTTP(w, req)
	if w.Code >= 500 || strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a cancelled request: status %d, log:\n%s", w.Code, logs.String())
	}

	// A server error with a client still waiting is still one.
	logs.Reset()
	s2 := mustServer(t, newFakeSource(fixtureResult()), func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	s2.cfg.Source.(*fakeSource).docs["fixture"] = nil // Load gives a nil analysis
	if w := get(t, s2.engine, "/d/fixture"); w.Code != http.StatusInternalServerError || !strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a broken analysis: status %d, log %q; want 500 and an ERROR", w.Code, logs.String())
	}
	if n := s2.gone.Load(); n != 0 {
		t.Errorf("%d requests counted gone for a server error", n)
	}
}

func TestClientGoneErrors(t *testing.T) {
	live, cancel := context.WithCancel(context.Background())
	defer cancel()
	done, cancelDone := context.WithCancel(context.Background())
	cancelDone()
	pipe := &net.OpError{Op: "write", Net: "tcp", Err: os.NewSyscallError("write", syscall.EPIPE)}
	reset := &net.OpError{Op: "write", Net: "tcp", Err: os.NewSyscallError("write", syscall.ECONNRESET)}
	tests := []struct {
		ctx  context.Context
		err  error
		want bool
	}{
		{done, context.Canceled, true},
		{done, errors.New("interrupted"), true},
		{live, pipe, true},
		{live, reset, true},
		{live, errors.New("disk full"), false},
		{live, context.Canceled, false}, // some other context than the request's
		{done, panicError{"boom"}, false},
	}
	for _, tt := range tests {
		if got := clientGone(tt.ctx, tt.err); got != tt.want {
			t.Errorf("clientGone(ctx done %v, %v) = %v, want %v", tt.ctx.Err() != nil, tt.err, got, tt.want)
		}
	}
}
