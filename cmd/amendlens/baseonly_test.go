package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amendlens/store"
	"amendlens/store/storetest"
)

// baseOnlyCase is a document with only its base text, as a user ingests
// it, and what they should see of it.
type baseOnlyCase struct {
	name    string
	file    string   // path of the file ingested
	summary string   // the summary ingest prints
	ids     []string // paragraph ids stored
	rows    []string // rows of the paragraphs table, the theme columns left out
	mark    string   // paragraph page and a highlighted theme term on it: "ID <mark ...>"
}

// TestIngestBaseOnly ingests running text without tracked changes, the
// base text alone, as a .txt and as a Word document with automatic
// numbering from 29: it is stored with its paragraphs as numbered, the
// exports give its paragraphs with their words and no variant rows, and the
// dashboard shows its paragraphs with their theme terms and says how to add
// a version.
func TestIngestBaseOnly(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "adopted.txt")
	if err := os.WriteFile(txt, []byte("1. Internet governance\n\n39. We reaffirm our commitment to gender equality online.\n\n40. The Internet is a global facility.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	note := "This document has only its base text: add a version (amendlens ingest -versions BASE VERSION, or -align) to see changes"
	for _, tc := range []baseOnlyCase{{
		name:    "adopted",
		file:    txt,
		summary: "adopted (adopted.txt): 2 paragraphs, 1 section, the base text alone (14 words)\n  " + note + ".\n",
		ids:     []string{"39", "40"},
		rows:    []string{"adopted,1,39,1,Base,,8,,,,,,0,0", "adopted,1,40,2,Base,,6,,,,,,0,0"},
		mark:    `39 <mark class="hit th-gender" title="Gender equality: gender equality" tabindex="0" data-theme="Gender equality: gender equality">gender equality</mark>`,
	}, {
		name:    "numbering-29",
		file:    docxFixture("numbering-29.docx"),
		summary: "numbering-29 (numbering-29.docx): 5 paragraphs, 3 sections, the base text alone (41 words)\n  " + note + ".\n",
		ids:     []string{"29", "30", "31", "32", "33"},
		rows: []string{
			"numbering-29,3,29,1,Base,,8,,,,,,0,0",
			"numbering-29,3,30,2,Base,,21,,,,,,0,0",
			"numbering-29,3a,31,3,Base,,3,,,,,,0,0",
			"numbering-29,3a,32,4,Base,,5,,,,,,0,0",
			"numbering-29,3a,33,5,Base,,4,,,,,,0,0",
		},
		mark: `31 <mark class="hit th-access" title="Access and affordability: infrastructure" tabindex="0" data-theme="Access and affordability: infrastructure">infrastructure</mark>`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, k storetest.Kind) { ingestBaseOnly(t, k.Fresh(t), tc) })
		})
	}
}

// ingestBaseOnly ingests tc into the database db and checks what a user
// sees of it.
func ingestBaseOnly(t *testing.T, db string, tc baseOnlyCase) {
	t.Helper()
	note := "upload it again with its later versions" // the pages say how to add a version in the browser
	out, _, err := runCmd(t, "ingest", "-db", db, tc.file)
	if err != nil {
		t.Fatal(err)
	}
	if out != tc.summary {
		t.Errorf("ingest printed:\n%s\nwant:\n%s", out, tc.summary)
	}
	checkStoredBaseOnly(t, db, tc)

	csv, _, err := runCmd(t, "export", "-db", db, "-table", "paragraphs")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(csv, "\r\n", "\n")), "\n")
	if !strings.HasPrefix(lines[0], "document,section,paragraph,order,variant,status,base_words,variant_words,added_words,deleted_words,change_ratio,spans,bracketed_words,hidden_chars,added_gender,") {
		t.Errorf("paragraphs header %s", lines[0])
	}
	themes := strings.Count(lines[0], ",") - strings.Count("document,section,paragraph,order,variant,status,base_words,variant_words,added_words,deleted_words,change_ratio,spans,bracketed_words,hidden_chars", ",")
	if len(lines) != len(tc.rows)+1 {
		t.Fatalf("paragraphs.csv has %d rows, want %d:\n%s", len(lines)-1, len(tc.rows), csv)
	}
	for i, want := range tc.rows {
		if want += strings.Repeat(",", themes); lines[i+1] != want {
			t.Errorf("paragraphs row %d: %s, want %s", i+1, lines[i+1], want)
		}
	}
	for _, table := range []string{"themes", "uptake", "changes"} {
		csv, _, err := runCmd(t, "export", "-db", db, "-table", table)
		if err != nil || strings.Count(strings.TrimSpace(csv), "\n") != 0 || !strings.HasPrefix(csv, "document,") {
			t.Errorf("export -table %s: %v, want its header and no row:\n%s", table, err, csv)
		}
	}

	base, stop := startServe(t, "-db", db)
	defer stop()
	code, body := get(t, base+"/d/"+tc.name)
	if code != http.StatusOK || !strings.Contains(body, note) || strings.Contains(body, `class="chart"`) {
		t.Errorf("overview: status %d, want the note on adding a version and no chart", code)
	}
	for _, id := range tc.ids {
		if !strings.Contains(body, `<a href="/d/`+tc.name+`/p/`+id+`">`+id+`</a>`) {
			t.Errorf("overview: no link to paragraph %s", id)
		}
	}
	id, mark, _ := strings.Cut(tc.mark, " ")
	code, body = get(t, base+"/d/"+tc.name+"/p/"+id)
	if code != http.StatusOK || !strings.Contains(body, mark) {
		t.Errorf("paragraph %s: status %d, want %s highlighted", id, code, mark)
	}
}

// checkStoredBaseOnly loads tc's document from the database db: the base
// text alone, its paragraphs numbered as the file numbers them.
func checkStoredBaseOnly(t *testing.T, db string, tc baseOnlyCase) {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r, err := st.Load(context.Background(), tc.name)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range r.Document.Paragraphs {
		ids = append(ids, p.ID)
	}
	if !r.Document.BaseOnly() || strings.Join(ids, " ") != strings.Join(tc.ids, " ") {
		t.Errorf("stored variants %q, paragraphs %v; want the base alone, paragraphs %v", r.Document.Variants, ids, tc.ids)
	}
}

// TestServeBaseOnly serves a plain numbered Word document given on the
// command line: it is ingested as the base alone and its pages answer.
func TestServeBaseOnly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	base, stop := startServe(t, "-db", db, docxFixture("numbering-29.docx"))
	defer stop()
	for _, path := range []string{"/d/numbering-29", "/d/numbering-29/s/3", "/d/numbering-29/uptake"} {
		if code, body := get(t, base+path); code != http.StatusOK || !strings.Contains(body, "upload it again with its later versions") {
			t.Errorf("%s: status %d, want the note on adding a version", path, code)
		}
	}
	if code, body := get(t, base+"/d/numbering-29/export/sections.csv"); code != http.StatusOK || !strings.Contains(body, "numbering-29,3,2,1,,Internet governance,Base,5,5,,,41,") {
		t.Errorf("sections.csv: status %d, want section 3 with its 5 paragraphs and 41 words:\n%s", code, body)
	}
}
