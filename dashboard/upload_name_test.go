package dashboard

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/parse"
)

func TestUploadNames(t *testing.T) {
	data, err := os.ReadFile("../testdata/" + sampleFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		file     string
		wantCode int
		want     string // in the Location header for 303, else in the body
	}{
		{"Ελληνικά κείμενα", sampleFile, http.StatusSeeOther, "/d/%CE%B5%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC-%CE%BA%CE%B5%CE%AF%CE%BC%CE%B5%CE%BD%CE%B1"},
		{"草案", sampleFile, http.StatusSeeOther, "/d/%E8%8D%89%E6%A1%88"},
		{"!!!", sampleFile, http.StatusUnprocessableEntity, "has no letter or digit"},
		{"", "!!!.txt", http.StatusUnprocessableEntity, "has no letter or digit"},
		// The stored document "fixture" was given the name "fixture".
		{"Fixture", sampleFile, http.StatusConflict, `which is the stored document &#34;fixture&#34;`},
	}
	for _, tt := range tests {
		t.Run(tt.name+tt.file, func(t *testing.T) {
			src := newFakeSource(fixtureResult())
			s := mustServer(t, src, nil)
			w := upload(t, s.engine, map[string]string{"name": tt.name}, tt.file, data)
			if w.Code != tt.wantCode {
				t.Fatalf("status %d, want %d\n%s", w.Code, tt.wantCode, w.Body.String())
			}
			if w.Code == http.StatusSeeOther {
				if loc := w.Header().Get("Location"); loc != tt.want+"?stored=1" {
					t.Fatalf("Location %q, want %q", loc, tt.want)
				}
				if page := get(t, s.engine, tt.want); page.Code != http.StatusOK || !strings.Contains(page.Body.String(), parse.Slug(tt.name)) {
					t.Errorf("GET %s: status %d, want 200 showing %q", tt.want, page.Code, parse.Slug(tt.name))
				}
				csv := get(t, s.engine, tt.want+"/export/themes.csv")
				if d := csv.Header().Get("Content-Disposition"); !strings.HasSuffix(d, "filename*=UTF-8''"+strings.TrimPrefix(tt.want, "/d/")+"-themes.csv") {
					t.Errorf("Content-Disposition %q does not carry the name", d)
				}
				return
			}
			if !strings.Contains(w.Body.String(), tt.want) {
				t.Errorf("body lacks %q\n%s", tt.want, w.Body.String())
			}
			if src.saves != 0 {
				t.Errorf("%d saves, want none", src.saves)
			}
		})
	}
}

// storeLikeSource refuses every save as the store does a name taken: a
// *analysis.NameTakenError wrapped in the store's prefixes.
type storeLikeSource struct{ *fakeSource }

func (s storeLikeSource) SaveAll(ctx context.Context, rs []*analysis.Result) error {
	return fmt.Errorf("store: save %s: %w", rs[0].Document.Name, &analysis.NameTakenError{Name: rs[0].Document.Name, Title: rs[0].Document.Title, Stored: "un res digital"})
}

// TestUploadNameTakenPlain: a name another stored document was given is
// refused in the refusal's own words, without the store's prefixes.
func TestUploadNameTakenPlain(t *testing.T) {
	s := mustServer(t, storeLikeSource{newFakeSource()}, nil)
	w := upload(t, s.engine, map[string]string{"name": "UN Res Digital"}, "r.txt", []byte("1. Intro\n\n1. We note.\n"))
	body := w.Body.String()
	if w.Code != http.StatusConflict || strings.Contains(body, "store:") || !strings.Contains(body, "which is the stored document &#34;un res digital&#34;") {
		t.Errorf("status %d, want 409 in plain words:\n%.600s", w.Code, body)
	}
}
