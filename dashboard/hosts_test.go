package dashboard

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "127.1.2.3:80": true, "localhost:8080": true, "LocalHost:1": true,
		"[::1]:8080": true, "::1": true, "localhost": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.2:8080": false, "example.org:80": false,
		"localhost.example.org:80": false,
	} {
		if got := LoopbackAddr(addr); got != want {
			t.Errorf("LoopbackAddr(%q) = %v, want %v", addr, got, want)
		}
	}
}

// TestHostCheck: a dashboard on loopback answers to loopback names and the
// allowed hosts only, for every route and method, so that a page of another
// site resolved to 127.0.0.1 can neither read nor upload.
func TestHostCheck(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), func(c *Config) {
		c.LoopbackOnly = true
		c.AllowedHosts = []string{"dash.example.org", "proxy.example.net:8443"}
	})
	request := func(method, path, host string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		req.Host = host
		if method == http.MethodPost {
			req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		}
		w := httptest.NewRecorder()
		s.engine.ServeHTTP(w, req)
		return w
	}
	paths := []string{"/", "/d/fixture", "/d/fixture/export/paragraphs.csv", "/api/d/fixture/themes", "/static/amendlens.js", "/nope"}
	for _, host := range []string{"evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example:8080",
		"dash.example.org.evil", "proxy.example.net:9999", "10.0.0.1:8080", "", "[::2]:8080"} {
		for _, path := range paths {
			if w := request(http.MethodGet, path, host); w.Code != http.StatusMisdirectedRequest {
				t.Errorf("GET %s with Host %q: status %d, want 421", path, host, w.Code)
			}
		}
		src := s.cfg.Source.(*fakeSource)
		if w := request(http.MethodPost, "/", host); w.Code != http.StatusMisdirectedRequest || src.saves != 0 {
			t.Errorf("POST / with Host %q: status %d, %d saves; want 421 and none", host, w.Code, src.saves)
		}
	}
	for _, host := range []string{"localhost", "localhost:8080", "LOCALHOST.:8080", "127.0.0.1", "127.0.0.1:8080", "127.9.9.9:1",
		"[::1]:8080", "[::1]", "dash.example.org", "DASH.example.org:443", "proxy.example.net:8443"} {
		if w := request(http.MethodGet, "/d/fixture", host); w.Code != http.StatusOK {
			t.Errorf("GET /d/fixture with Host %q: status %d, want 200", host, w.Code)
		}
	}
	// Listening on every interface, the dashboard answers to any name.
	open := mustServer(t, newFakeSource(fixtureResult()), nil)
	req := httptest.NewRequest(http.MethodGet, "/d/fixture", nil)
	req.Host = "dashboard.example.org"
	w := httptest.NewRecorder()
	open.engine.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		t.Errorf("without LoopbackOnly, Host dashboard.example.org: status %d", w.Code)
	}
}
