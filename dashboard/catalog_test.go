package dashboard

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// calls returns how often the source was listed, loaded and probed.
func (f *fakeSource) calls() (lists, loads, probes int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lists, f.loads, f.probes
}

// TestCachedPagesNoQuery serves every kind of page and download many times
// over: once they are kept, only the change probe reaches the source, at
// most once per probe interval, and the source's own writes show once the
// interval is over; the server's writes show at once.
func TestCachedPagesNoQuery(t *testing.T) {
	src := newFakeSource(fixtureResult())
	s := mustServer(t, src, nil)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var clockMu sync.Mutex
	s.catalog.now = func() time.Time { clockMu.Lock(); defer clockMu.Unlock(); return clock }
	advance := func(d time.Duration) { clockMu.Lock(); clock = clock.Add(d); clockMu.Unlock() }
	s.catalog.interval = probeInterval

	paths := []string{"/", "/d/fixture", "/d/fixture/p/1", "/d/fixture/t/gender", "/d/fixture/s/2", "/themes",
		"/d/fixture/export/paragraphs.csv", "/api/d/fixture/themes"}
	for _, p := range paths {
		if w := get(t, s.engine, p); w.Code != http.StatusOK {
			t.Fatalf("GET %s: status %d", p, w.Code)
		}
	}
	lists, loads, probes := src.calls()
	if lists != 1 || loads != 1 || probes != 1 {
		t.Fatalf("first requests: %d lists, %d loads, %d probes; want 1 each", lists, loads, probes)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				for _, p := range paths {
					if w := get(t, s.engine, p); w.Code != http.StatusOK {
						t.Errorf("GET %s: status %d", p, w.Code)
					}
				}
			}
		}()
	}
	wg.Wait()
	if l, ld, pr := src.calls(); l != lists || ld != loads || pr != probes {
		t.Errorf("%d cached requests within the interval: %d lists, %d loads, %d probes more; want none", 8*20*len(paths), l-lists, ld-loads, pr-probes)
	}

	// Another process writes: unseen within the interval, seen after it.
	r := fixtureResult()
	r.Document.Variants[1] = "Northern"
	if err := src.Save(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	advance(probeInterval / 2)
	if strings.Contains(get(t, s.engine, "/d/fixture").Body.String(), "Northern") {
		t.Error("the catalog probed before the interval was over")
	}
	advance(probeInterval / 2)
	if !strings.Contains(get(t, s.engine, "/d/fixture").Body.String(), "Northern") {
		t.Error("a write of another process is not shown once the interval is over")
	}
	lists, loads, probes = src.calls()
	// Past the interval without a write: one probe, no list.
	advance(probeInterval)
	for _, p := range paths {
		get(t, s.engine, p)
	}
	if l, pr := func() (int, int) { l, _, pr := src.calls(); return l, pr }(); l != lists || pr != probes+1 {
		t.Errorf("after the interval without a write: %d lists and %d probes more, want 0 and 1", l-lists, pr-probes)
	}

	// The server's own write shows on the next request, within the
	// interval.
	w := upload(t, s.engine, map[string]string{"name": "second"}, "second.csv", []byte("section,paragraph,variant,text\n1,1,Base,We value access.\n1,1,North,We value affordable access.\n"))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("upload: status %d\n%s", w.Code, w.Body.String())
	}
	if body := get(t, s.engine, "/").Body.String(); !strings.Contains(body, `href="/d/second"`) {
		t.Error("the document list does not show the upload at once")
	}
	if w := get(t, s.engine, "/d/second"); w.Code != http.StatusOK {
		t.Errorf("GET /d/second after its upload: status %d", w.Code)
	}
}

func TestResultCacheBound(t *testing.T) {
	r := fixtureResult()
	size := resultSize(r)
	if size < 1000 {
		t.Fatalf("an analysis of %d bytes: the estimate misses its records", size)
	}
	c := newResultCache(3*size + size/2)
	for _, name := range []string{"a", "b", "c", "d"} {
		c.put(name, "1", r)
		if got, _ := c.stats(); got > c.kept.max {
			t.Fatalf("after %s: %d bytes kept, bound %d", name, got, c.kept.max)
		}
	}
	if _, n := c.stats(); n != 3 {
		t.Errorf("%d analyses kept, want 3", n)
	}
	if c.get("a", "1") != nil || c.get("d", "1") == nil {
		t.Error("the least recently used analysis was not the one dropped")
	}
	if c.get("d", "2") != nil {
		t.Error("an analysis is returned for another stamp")
	}
	small := newResultCache(size - 1)
	small.put("a", "1", r)
	if _, n := small.stats(); n != 0 {
		t.Error("an analysis larger than the bound is kept")
	}
}
