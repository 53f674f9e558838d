package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestProgressBarThrottlesAndEnds(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Unix(1000, 0)}
	p := newProgressBar(&out, "doc.txt", 10*megabyte, clock.now)
	// 1000 paragraphs over 2 seconds, one every 2ms: 20 redraws at most
	// (one per 100ms), plus the final one.
	const total = 1000
	for done := 1; done <= total; done++ {
		clock.t = clock.t.Add(2 * time.Millisecond)
		p.update(done, total)
	}
	s := out.String()
	draws := strings.Count(s, "\r")
	if draws < 15 || draws > 21 {
		t.Errorf("%d redraws of 1000 updates over 2s, want about 20 (10 a second)", draws)
	}
	if !strings.HasSuffix(s, "\n") || strings.Count(s, "\n") != 1 {
		t.Errorf("output %q: want exactly one line end, at the end", s[max(len(s)-80, 0):])
	}
	last := s[strings.LastIndex(s, "\r")+1:]
	for _, want := range []string{"doc.txt", "[########################]", "1000/1000 paragraphs", "5.0 MB/s"} {
		if !strings.Contains(last, want) {
			t.Errorf("final line %q: want %q", last, want)
		}
	}
	// The first redraw happens at once; the next ones at least 100ms apart.
	first := s[1 : strings.Index(s[1:], "\r")+1]
	if !strings.Contains(first, "1/1000 paragraphs") || !strings.Contains(first, "[------------------------]") {
		t.Errorf("first line %q: want 1/1000 and an empty bar", first)
	}
	p.update(total, total)
	if out.String() != s {
		t.Error("update after the end wrote more")
	}
}

func TestProgressBarBlanksLongerLine(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Unix(0, 0)}
	p := newProgressBar(&out, "x", 0, clock.now)
	p.update(1000, 10000)
	clock.t = clock.t.Add(time.Second)
	p.update(10, 10)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\r")
	if len(lines) != 3 || len(lines[2]) != len(lines[1]) {
		t.Fatalf("lines %q: want two of the same length, the shorter padded", lines)
	}
	if strings.Contains(out.String(), "MB/s") {
		t.Error("rate printed for an input of unknown size")
	}
}

func TestIngestProgressQuiet(t *testing.T) {
	file := filepath.Join(t.TempDir(), "doc.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if ingestProgress(&buf, false, file, 10) != nil {
		t.Error("progress on a buffer, which is not a terminal")
	}
	if ingestProgress(os.Stderr, true, file, 10) != nil {
		t.Error("progress with -q")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ingestProgress(f, false, file, 10) != nil {
		t.Error("progress on a regular file")
	}
}
