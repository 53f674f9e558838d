package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/dashboard"
	"amendlens/store"
	"amendlens/store/storetest"
)

// expectedCSV returns the paragraphs table of file's data analysed as the
// document name, as ingest would store it.
func expectedCSV(t *testing.T, file string, data []byte, name string) []byte {
	t.Helper()
	r, err := analyseData(file, data, name, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := analysis.WriteTableCSV(&buf, r, "paragraphs", analysis.Filter{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readTally counts what the readers of TestReadersDuringReplace saw.
type readTally struct {
	requests, old, new atomic.Int64
	failures, mixed    atomic.Int64
	mu                 sync.Mutex
	firstProblem       string
}

// problem records a failed request or a CSV that is neither version.
func (c *readTally) problem(counter *atomic.Int64, format string, args ...any) {
	counter.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.firstProblem == "" {
		c.firstProblem = fmt.Sprintf(format, args...)
	}
}

// TestReadersDuringReplace serves the dashboard from a database while an
// ingest replaces its document twice, with versions whose figures differ.
// 32 readers fetch the overview, a paragraph page and the paragraphs CSV in
// a loop: every request succeeds and every CSV is one version's export,
// whole, never a mix. It runs on SQLite and on PostgreSQL.
func TestReadersDuringReplace(t *testing.T) {
	storetest.Each(t, testReadersDuringReplace)
}

func testReadersDuringReplace(t *testing.T, k storetest.Kind) {
	dir := t.TempDir()
	dbPath := k.Fresh(t)
	const name = "negotiation"

	// Version A is the sample with 2,000 more paragraphs, so that an ingest
	// lasts long enough for reads to overlap it; version B proposes
	// different wording for paragraph 39: other words added, other themes.
	versionA := longSample(t, 2000)
	oldText := []byte("facilitate access and affordability for all and ensure")
	if bytes.Count(versionA, oldText) != 1 {
		t.Fatalf("the sample does not hold %q once", oldText)
	}
	versionB := bytes.Replace(versionA, oldText, []byte("facilitate access and affordability for all women and men, girls and boys, and ensure"), 1)
	fileA := filepath.Join(dir, "a.txt")
	fileB := filepath.Join(dir, "b.txt")
	for file, data := range map[string][]byte{fileA: versionA, fileB: versionB} {
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	wantA := expectedCSV(t, fileA, versionA, name)
	wantB := expectedCSV(t, fileB, versionB, name)
	if bytes.Equal(wantA, wantB) {
		t.Fatal("both versions export the same paragraphs table")
	}
	if _, _, err := amendlens("ingest", "-q", "-db", dbPath, "-name", name, fileA); err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	handler, err := dashboard.New(dashboard.Config{Source: db, Dictionary: analysis.DefaultDictionary()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(handler)
	defer srv.Close()
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 64},
		Timeout:   30 * time.Second,
	}
	defer client.CloseIdleConnections()

	const readers = 32
	urls := []string{"/d/" + name, "/d/" + name + "/p/39", "/d/" + name + "/export/paragraphs.csv"}
	var tally readTally
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := i; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				u := urls[n%len(urls)]
				resp, err := client.Get(srv.URL + u)
				if err != nil {
					tally.problem(&tally.failures, "GET %s: %v", u, err)
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				tally.requests.Add(1)
				switch {
				case err != nil:
					tally.problem(&tally.failures, "GET %s: reading the body: %v", u, err)
				case resp.StatusCode != http.StatusOK:
					tally.problem(&tally.failures, "GET %s: status %d: %.200s", u, resp.StatusCode, body)
				case u != urls[2]:
				case bytes.Equal(body, wantA):
					tally.old.Add(1)
				case bytes.Equal(body, wantB):
					tally.new.Add(1)
				default:
					tally.problem(&tally.mixed, "GET %s: a CSV of %d bytes that is neither version", u, len(body))
				}
			}
		}()
	}

	// waitFor waits until counter passes from, so that readers have seen
	// the state just written.
	waitFor := func(what string, counter *atomic.Int64, from int64) {
		deadline := time.Now().Add(20 * time.Second)
		for counter.Load() <= from {
			if time.Now().After(deadline) {
				close(stop)
				wg.Wait()
				t.Fatalf("no reader saw %s (%s)", what, tally.firstProblem)
			}
			time.Sleep(time.Millisecond)
		}
	}
	waitFor("version A before the first replace", &tally.old, 0)
	for i, step := range []struct {
		file    string
		counter *atomic.Int64
	}{{fileB, &tally.new}, {fileA, &tally.old}} {
		seen, before := step.counter.Load(), tally.requests.Load()
		if _, _, err := amendlens("ingest", "-q", "-db", dbPath, "-name", name, step.file); err != nil {
			close(stop)
			wg.Wait()
			t.Fatalf("replace %d: %v", i+1, err)
		}
		// Requests answered while the ingest ran: the reads overlapped
		// the write.
		if during := tally.requests.Load() - before; during == 0 {
			t.Errorf("replace %d: no request was answered while it ran", i+1)
		} else {
			t.Logf("replace %d: %d requests answered while it ran", i+1, during)
		}
		waitFor(filepath.Base(step.file)+" after replace "+fmt.Sprint(i+1), step.counter, seen)
	}
	// A little more reading of the final state.
	waitFor("the final version", &tally.requests, tally.requests.Load()+readers*3)
	close(stop)
	wg.Wait()

	t.Logf("%d requests; CSVs: %d of version A, %d of version B", tally.requests.Load(), tally.old.Load(), tally.new.Load())
	if n := tally.failures.Load(); n > 0 {
		t.Errorf("%d failed requests, the first: %s", n, tally.firstProblem)
	}
	if n := tally.mixed.Load(); n > 0 {
		t.Errorf("%d CSVs were neither version: %s", n, tally.firstProblem)
	}
}

// longSample returns the sample with n more paragraphs (numbered from 1000)
// in its section 4, each amended in the GC column.
func longSample(t *testing.T, n int) []byte {
	t.Helper()
	at := bytes.Index(sample, []byte("\t5.\nFollow-up"))
	if at < 0 {
		t.Fatal("the sample has no section 5 heading")
	}
	var rows bytes.Buffer
	for i := range n {
		id := 1000 + i
		fmt.Fprintf(&rows, "\t%d.\nWe note item %d on access and development for all countries.\n", id, id)
		fmt.Fprintf(&rows, "\t%d.\nWe note item %d on affordable access and development for all women and men.\n\t\n", id, id)
	}
	out := append([]byte(nil), sample[:at]...)
	out = append(out, rows.Bytes()...)
	return append(out, sample[at:]...)
}
