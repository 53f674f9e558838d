package dashboard

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func postForm(t *testing.T, h http.Handler, path string, form url.Values, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestDeleteButton(t *testing.T) {
	src := newFakeSource(fixtureResult(), injectionResult())
	s := mustServer(t, src, func(c *Config) { c.Token = "s3cret" })
	page := get(t, s.engine, "/d/fixture").Body.String()
	if !strings.Contains(page, `action="/d/fixture/delete"`) || !strings.Contains(element(t, page, "delete", "</form>"), `name="token"`) {
		t.Fatal("the overview has no delete form asking for the token")
	}
	ok := url.Values{"confirm": {"fixture"}, "token": {"s3cret"}}
	for _, tc := range []struct {
		name   string
		form   url.Values
		header []string
		code   int
	}{
		{"no token", url.Values{"confirm": {"fixture"}}, nil, http.StatusForbidden},
		{"wrong token", url.Values{"confirm": {"fixture"}, "token": {"nope"}}, nil, http.StatusForbidden},
		{"other site", ok, []string{"Origin", "https://evil.example"}, http.StatusForbidden},
		{"not confirmed", url.Values{"token": {"s3cret"}}, nil, http.StatusBadRequest},
	} {
		if w := postForm(t, s.engine, "/d/fixture/delete", tc.form, tc.header...); w.Code != tc.code {
			t.Errorf("%s: status %d, want %d", tc.name, w.Code, tc.code)
		}
		if _, err := src.Document(context.Background(), "fixture"); err != nil {
			t.Fatalf("%s: deleted anyway", tc.name)
		}
	}
	w := postForm(t, s.engine, "/d/fixture/delete", ok)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/?deleted=fixture" {
		t.Fatalf("delete: status %d location %q", w.Code, w.Header().Get("Location"))
	}
	if get(t, s.engine, "/d/fixture").Code != http.StatusNotFound {
		t.Error("the deleted document's page is still served")
	}
	if _, err := src.Document(context.Background(), "inject"); err != nil {
		t.Error("the other document went too")
	}
	if w := postForm(t, s.engine, "/d/fixture/delete", ok); w.Code != http.StatusNotFound {
		t.Errorf("second delete: status %d, want 404", w.Code)
	}

	ro := mustServer(t, newFakeSource(fixtureResult()), func(c *Config) { c.ReadOnly = true })
	if strings.Contains(get(t, ro.engine, "/d/fixture").Body.String(), `/delete"`) {
		t.Error("a read-only dashboard offers a delete button")
	}
	if w := postForm(t, ro.engine, "/d/fixture/delete", url.Values{"confirm": {"fixture"}}); w.Code != http.StatusForbidden {
		t.Errorf("read-only delete: status %d, want 403", w.Code)
	}
}
