package main

import (
	"encoding/csv"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestIngestOutcomeComplete: with -outcome-complete the sample's insertions
// where the compromise has no text are not_adopted in the verdicts table,
// and none is pending.
func TestIngestOutcomeComplete(t *testing.T) {
	dir := t.TempDir()
	verdicts := func(args ...string) map[string]int {
		db := filepath.Join(dir, args[0]+".db")
		if _, _, err := runCmd(t, append([]string{"ingest", "-q", "-db", db}, append(args[1:], sourceDoc)...)...); err != nil {
			t.Fatal(err)
		}
		out, _, err := runCmd(t, "export", "-db", db, "-table", "verdicts")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(rows[0], "verdict")
		if col < 0 {
			t.Fatalf("verdicts header %v has no verdict column", rows[0])
		}
		n := map[string]int{}
		for _, row := range rows[1:] {
			n[row[col]]++
		}
		return n
	}
	open := verdicts("open")
	complete := verdicts("complete", "-outcome-complete")
	if open["pending"] == 0 || complete["pending"] != 0 {
		t.Errorf("pending verdicts: %d, then %d with -outcome-complete; want some, then none", open["pending"], complete["pending"])
	}
	if got, want := complete["not_adopted"], open["not_adopted"]+open["pending"]; got != want {
		t.Errorf("not_adopted with -outcome-complete: %d, want %d", got, want)
	}
}

// TestServeOutcomeComplete: serve -outcome-complete analyses the files it
// is given with the outcome complete and ticks the upload form's box.
func TestServeOutcomeComplete(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	base, stop := startServe(t, "-db", db, "-outcome-complete", sourceDoc)
	defer stop()
	code, body := get(t, base+"/d/wsis-tunis-internet-governance-gc/export/verdicts.csv")
	if code != http.StatusOK || !strings.Contains(body, ",not_adopted") || strings.Contains(body, ",pending") {
		t.Errorf("verdicts.csv: status %d, want not_adopted verdicts and no pending one:\n%.300s", code, body)
	}
	if _, body := get(t, base+"/"); !strings.Contains(body, `name="outcome_complete" value="1" checked>`) {
		t.Errorf("the upload form's outcome_complete box is not ticked:\n%s", body)
	}
}
