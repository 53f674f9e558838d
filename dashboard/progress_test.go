package dashboard

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"amendlens/analysis"
)

// probingSource is a fakeSource that calls probe when asked to save.
type probingSource struct {
	*fakeSource
	probe func()
}

func (p *probingSource) SaveAll(ctx context.Context, rs []*analysis.Result) error {
	p.probe()
	return p.fakeSource.SaveAll(ctx, rs)
}

// TestUploadProgress: while an upload that names a progress id is being
// analysed and stored, GET /progress/{id} says how many of its paragraphs
// are done; once it is stored, and for an id no upload gave, it answers
// 404; an id that is no random hex is not followed.
func TestUploadProgress(t *testing.T) {
	data, err := os.ReadFile("../testdata/" + sampleFile)
	if err != nil {
		t.Fatal(err)
	}
	const id = "0123456789abcdef0123456789abcdef"
	src := &probingSource{fakeSource: newFakeSource()}
	s := mustServer(t, src, nil)
	var seen []string
	probeID := id
	src.probe = func() {
		w := get(t, s.engine, "/progress/"+probeID)
		seen = append(seen, w.Body.String())
		if w.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("progress during the save: Cache-Control %q", w.Header().Get("Cache-Control"))
		}
	}
	if w := upload(t, s.engine, map[string]string{progressField: id}, sampleFile, data); w.Code != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", w.Code, w.Body.String())
	}
	var p progress
	if len(seen) != 1 || json.Unmarshal([]byte(seen[0]), &p) != nil || p.Total != 26 || p.Done != 26 {
		t.Errorf("progress during the save %q, want 26 of 26 paragraphs done", seen)
	}
	if w := get(t, s.engine, "/progress/"+id); w.Code != http.StatusNotFound {
		t.Errorf("progress after the upload: %d, want 404", w.Code)
	}

	seen, probeID = nil, "0123456789ABCDEF0123456789ABCDEF"
	if w := upload(t, s.engine, map[string]string{progressField: probeID, "name": "other"}, sampleFile, data); w.Code != http.StatusSeeOther {
		t.Fatalf("upload: %d", w.Code)
	}
	if len(seen) != 1 || !strings.Contains(seen[0], "No upload of that id") {
		t.Errorf("an id that is not lower-case hex was followed: %q", seen)
	}
}

// TestProgressBoardBounded: past maxProgress analyses at once, the next is
// not followed; ending one makes room.
func TestProgressBoardBounded(t *testing.T) {
	var b progressBoard
	var ends []func()
	for i := range maxProgress {
		report, end := b.start(strings.Repeat("0", 30) + string("0123456789abcdef"[i/16]) + string("0123456789abcdef"[i%16]))
		if report == nil {
			t.Fatalf("analysis %d not followed", i)
		}
		ends = append(ends, end)
	}
	last := strings.Repeat("f", 32)
	if report, _ := b.start(last); report != nil {
		t.Error("an analysis past the bound was followed")
	}
	ends[0]()
	report, _ := b.start(last)
	if report == nil {
		t.Fatal("no room after one ended")
	}
	report(3, 10)
	if p, ok := b.get(last); !ok || p != (progress{Done: 3, Total: 10}) {
		t.Errorf("progress %+v %v, want 3 of 10", p, ok)
	}
}
