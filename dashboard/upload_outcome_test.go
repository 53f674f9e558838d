package dashboard

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"amendlens/analysis"
)

// verdictCounts counts the verdicts of the stored analysis of name.
func verdictCounts(t *testing.T, src *fakeSource, name string) map[analysis.Verdict]int {
	t.Helper()
	r, err := src.Load(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	n := map[analysis.Verdict]int{}
	for _, u := range r.SpanUptake {
		n[u.Verdict]++
	}
	return n
}

// TestUploadOutcomeComplete: the form's box makes the outcome complete, so
// the sample's pending insertions are stored not adopted; the box starts
// as Config.OutcomeComplete says.
func TestUploadOutcomeComplete(t *testing.T) {
	_, data := sample(t)
	src := newFakeSource()
	s := mustServer(t, src, func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	if w := get(t, s.engine, "/"); !strings.Contains(w.Body.String(), `name="outcome_complete" value="1">`) {
		t.Errorf("the upload form has no unticked outcome_complete box:\n%s", w.Body.String())
	}
	if w := upload(t, s.engine, map[string]string{"name": "open"}, sampleFile, data); w.Code != http.StatusSeeOther {
		t.Fatalf("upload: status %d\n%s", w.Code, w.Body.String())
	}
	if w := upload(t, s.engine, map[string]string{"name": "complete", "outcome_complete": "1"}, sampleFile, data); w.Code != http.StatusSeeOther {
		t.Fatalf("upload: status %d\n%s", w.Code, w.Body.String())
	}
	open, complete := verdictCounts(t, src, "open"), verdictCounts(t, src, "complete")
	if open[analysis.VerdictPending] == 0 || complete[analysis.VerdictPending] != 0 {
		t.Errorf("pending insertions: %d, then %d with the box ticked; want some, then none", open[analysis.VerdictPending], complete[analysis.VerdictPending])
	}
	if got, want := complete[analysis.VerdictNotAdopted], open[analysis.VerdictNotAdopted]+open[analysis.VerdictPending]; got != want {
		t.Errorf("not adopted with the box ticked: %d, want %d", got, want)
	}

	ticked := mustServer(t, newFakeSource(), func(c *Config) { c.OutcomeComplete = true })
	if w := get(t, ticked.engine, "/"); !strings.Contains(w.Body.String(), `name="outcome_complete" value="1" checked>`) {
		t.Errorf("with OutcomeComplete the box is not ticked:\n%s", w.Body.String())
	}
}

// TestUploadStopsWhenClientLeaves: an upload whose request is cancelled
// (its client went away) stops analysing and stores nothing.
func TestUploadStopsWhenClientLeaves(t *testing.T) {
	_, data := sample(t)
	src := newFakeSource()
	s := mustServer(t, src, func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", sampleFile)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodPost, "/", &buf).WithContext(ctx)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	s.engine.ServeHTTP(w, req)
	if src.saves != 0 {
		t.Errorf("%d saves of a cancelled upload, want none", src.saves)
	}
	if w.Code == http.StatusSeeOther || !strings.Contains(w.Body.String(), "context canceled") {
		t.Errorf("cancelled upload: status %d, want the analysis stopped\n%s", w.Code, w.Body.String())
	}
}
