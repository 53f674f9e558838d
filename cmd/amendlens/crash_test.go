//go:build unix

package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// largeDocument returns a table dump of three columns and n paragraphs of
// about 300 words in all, in sections of 500, whose proposals add themed
// words that the outcome takes one time in three.
func largeDocument(n int) []byte {
	rng := rand.New(rand.NewPCG(3, 4))
	words := strings.Fields("the of and to in information society development women gender equality " +
		"human rights access internet governance all stakeholders participation capacity building digital divide")
	sentence := func(b *bytes.Buffer, n int) {
		for i := range n {
			w := words[rng.IntN(len(words))]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteByte('.')
	}
	var b, base bytes.Buffer
	b.WriteString("\t1. Heading\n\tProposal\n\tOutcome\n")
	for p := 1; p <= n; p++ {
		if p%500 == 0 {
			s := strconv.Itoa(p/500 + 1)
			b.WriteString("\t" + s + ". Section " + s + "\n\t\n\t\n")
		}
		base.Reset()
		sentence(&base, 25)
		base.WriteByte(' ')
		sentence(&base, 20)
		proposal := strings.Replace(base.String(), ".", ", including women and girls and human rights.", 1)
		b.WriteString("\t" + paraID(p) + ".\n" + base.String() + "\n\t" + proposal + " ")
		sentence(&b, 10)
		b.WriteString("\n\t")
		if p%3 == 0 {
			b.WriteString(proposal)
		} else {
			b.Write(base.Bytes())
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// TestKilledIngestKeepsPreviousAnalysis kills an ingest process with SIGKILL
// while it writes the new analysis of a document over a previous one: the
// database must open, pass SQLite's integrity check and still hold the
// previous analysis, unchanged.
func TestKilledIngestKeepsPreviousAnalysis(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a 10 MB document in a child process")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	const name = "negotiation"
	if _, _, err := amendlens("ingest", "-q", "-db", db, "-name", name, writeSample(t, dir)); err != nil {
		t.Fatal(err)
	}
	before := readState(t, db, name)
	big := filepath.Join(dir, "large.txt")
	if err := os.WriteFile(big, largeDocument(8000), 0o600); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	child := commandProcess(t, ctx, "ingest", "-q", "-db", db, "-name", name, big)
	var stderr bytes.Buffer
	child.Stderr = &stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- child.Wait() }()

	// The writer keeps the transaction's pages in its cache and writes them
	// to the write-ahead log as it commits, the commit record last: a log
	// past a few MiB means the commit is under way and not finished (the
	// whole transaction takes about 20 MiB of log).
	const killAt = 4 << 20
	wal := db + "-wal"
	var walSize int64
poll:
	for {
		select {
		case err := <-done:
			t.Skipf("the ingest ended (%v, %s) before its write-ahead log reached %d bytes: nothing to kill", err, stderr.String(), killAt)
		default:
		}
		if fi, err := os.Stat(wal); err == nil && fi.Size() >= killAt {
			if err := child.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			walSize = fi.Size()
			break poll
		}
		time.Sleep(200 * time.Microsecond)
	}
	err := <-done
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("child ended with %v, want killed", err)
	}
	if ws, ok := exit.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child ended with %v, want killed by SIGKILL", err)
	}
	t.Logf("killed the ingest at a write-ahead log of %d bytes", walSize)

	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil {
		raw.Close()
		t.Fatalf("integrity check: %v", err)
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
	if check != "ok" {
		t.Fatalf("integrity check: %s", check)
	}
	after := readState(t, db, name)
	if after.info.Revision != before.info.Revision && after.info.Paragraphs == 8000 {
		t.Skip("the save committed before the kill took effect: the new analysis is stored whole")
	}
	checkSameState(t, after, before)
}
