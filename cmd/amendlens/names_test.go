package main

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amendlens/store"
)

// TestIngestNames ingests the sample under names in several scripts into one
// database: each is a document of its own, a name with no letter or digit
// is refused, and a second name of the same slug is refused naming the
// stored document, while the same name again replaces it.
func TestIngestNames(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	data, err := os.ReadFile(sourceDoc)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Ελληνικά", "Русский текст", "النص العربي", "中文草案", "日本語"}
	for _, name := range names {
		if _, _, err := runCmd(t, "ingest", "-q", "-db", db, "-name", name, sourceDoc); err != nil {
			t.Fatalf("ingest -name %q: %v", name, err)
		}
	}
	// A file named in another script is named after its base name; the
	// list shows the base name as the source, not the path given.
	file := filepath.Join(dir, "Проект.txt")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, file); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)

	refused := []struct {
		args []string
		want string
	}{
		{[]string{"-name", "!!!", sourceDoc}, `the name "!!!" has no letter or digit`},
		{[]string{"-name", "ΕΛΛΗΝΙΚΆ", sourceDoc}, `which is the stored document "Ελληνικά"`},
		{[]string{"-name", "проект", sourceDoc}, `which is the stored document "Проект"`},
	}
	for _, tt := range refused {
		_, _, err := runCmd(t, append([]string{"ingest", "-q", "-db", db}, tt.args...)...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ingest %q: error %v, want one saying %s", tt.args, err, tt.want)
		}
	}
	if after := counts(t, db); !maps.Equal(after, before) {
		t.Errorf("a refused ingest changed the database:\n got  %v\n want %v", after, before)
	}
	// Export finds a document by the name it was given.
	if out, _, err := runCmd(t, "export", "-db", db, "-doc", "Русский текст", "-table", "themes"); err != nil || !strings.Contains(out, "\nрусский-текст,") {
		t.Errorf("export -doc \"Русский текст\": %v\n%s", err, out)
	}
	// The same name again replaces the document.
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, "-name", "Ελληνικά", sourceDoc); err != nil {
		t.Fatalf("the same name again: %v", err)
	}

	s, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	infos, err := s.Documents(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, info := range infos {
		got[info.Name] = info.Source
	}
	want := map[string]string{
		"ελληνικά": "wsis-tunis-internet-governance-gc.txt", "русский-текст": "wsis-tunis-internet-governance-gc.txt",
		"النص-العربي": "wsis-tunis-internet-governance-gc.txt", "中文草案": "wsis-tunis-internet-governance-gc.txt",
		"日本語": "wsis-tunis-internet-governance-gc.txt", "проект": "Проект.txt",
	}
	if len(got) != len(want) {
		t.Fatalf("documents %v, want %v", got, want)
	}
	for name, source := range want {
		if got[name] != source {
			t.Errorf("document %q from %q, want from %q", name, got[name], source)
		}
	}
}

// TestFailedIngestLeavesNoDatabase checks that the database, opened while
// the files are analysed, is removed again when the ingest stored nothing
// in a file it created, and kept when it existed before.
func TestFailedIngestLeavesNoDatabase(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("\tnot a table\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "new.db")
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, sourceDoc, bad); err == nil {
		t.Fatal("ingest of a bad file succeeded")
	}
	if matches, _ := filepath.Glob(db + "*"); len(matches) > 0 {
		t.Errorf("a failed ingest left %v", matches)
	}
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, sourceDoc); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	if _, _, err := runCmd(t, "ingest", "-q", "-db", db, bad); err == nil {
		t.Fatal("ingest of a bad file succeeded")
	}
	if after := counts(t, db); !maps.Equal(after, before) {
		t.Errorf("a failed ingest changed the database:\n got  %v\n want %v", after, before)
	}
}
