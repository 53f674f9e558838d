package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestDeleteCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	for _, name := range []string{"one", "two"} {
		if _, _, err := runCmd(t, "ingest", "-db", db, "-name", name, sourceDoc); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := runCmd(t, "delete", "-db", db, "one")
	if err != nil || !strings.Contains(out, `deleted "one"`) {
		t.Fatalf("delete: %v, %q", err, out)
	}
	if _, _, err := runCmd(t, "export", "-db", db, "-doc", "one", "-table", "themes"); err == nil {
		t.Error("the deleted document still exports")
	}
	if _, _, err := runCmd(t, "export", "-db", db, "-doc", "two", "-table", "themes"); err != nil {
		t.Errorf("the other document: %v", err)
	}
	if _, _, err := runCmd(t, "delete", "-db", db, "one"); err == nil || !strings.Contains(err.Error(), `no document named "one"`) {
		t.Errorf("second delete: %v, want no document", err)
	}
	if _, _, err := runCmd(t, "delete", "-db", db); err == nil {
		t.Error("delete without a name succeeded")
	}
}
