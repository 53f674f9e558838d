package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/store/storetest"
)

// execV1 runs one statement on a database of the schema of migration 001.
func execV1(t *testing.T, db *sql.DB, query string, args ...any) int64 {
	t.Helper()
	res, err := db.Exec(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// saveV1 stores r the way the schema of migration 001 holds it, one row per
// cell, comparison, span, hit and uptake, with the dictionary dictID.
func saveV1(t *testing.T, db *sql.DB, r *analysis.Result, dictID int64, revision int) {
	t.Helper()
	d := r.Document
	doc := execV1(t, db, `INSERT INTO documents (name, source, outcome, revision, ingested, dictionary_id) VALUES (?, ?, ?, ?, ?, ?)`,
		d.Name, d.Source, r.Outcome, revision, testNow.UnixNano(), dictID)
	for i, v := range d.Variants {
		execV1(t, db, `INSERT INTO variants VALUES (?, ?, ?)`, doc, i, v)
	}
	for i, s := range d.Sections {
		execV1(t, db, `INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?)`, doc, i, s.ID, s.Title, s.Parent, s.Line)
	}
	for i, p := range d.Paragraphs {
		execV1(t, db, `INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?)`, doc, i, p.ID, p.Section, p.New, p.Line)
		for v, text := range p.Texts {
			execV1(t, db, `INSERT INTO cells VALUES (?, ?, ?, ?)`, doc, i, v, text)
		}
	}
	for i, c := range r.Comparisons {
		execV1(t, db, `INSERT INTO comparisons VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, doc, c.Paragraph, c.Variant, i,
			string(c.Status), c.BaseWords, c.VariantWords, c.Added, c.Deleted, c.ChangeRatio)
		for j, s := range c.Spans {
			execV1(t, db, `INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, doc, c.Paragraph, c.Variant, j,
				string(s.Op), string(s.Kind), s.BaseTok.Start, s.BaseTok.End, s.VarTok.Start, s.VarTok.End,
				s.BaseBytes.Start, s.BaseBytes.End, s.VarBytes.Start, s.VarBytes.End, s.Added, s.Deleted)
		}
		for j, h := range c.Hits {
			execV1(t, db, `INSERT INTO hits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, doc, c.Paragraph, c.Variant, j,
				h.Theme, h.Term, h.Matched, string(h.Change), h.Tokens.Start, h.Tokens.End, h.Bytes.Start, h.Bytes.End)
		}
	}
	metrics := func(m *analysis.Metrics) []any {
		return []any{m.Paragraphs, m.Amended, m.New, m.Unchanged, m.Absent, m.BaseWords, m.VariantWords,
			m.Added, m.Deleted, m.Spans, m.ChangeRatio}
	}
	nullable := func(mp map[string]int, k string) any {
		if n, ok := mp[k]; ok {
			return n
		}
		return nil
	}
	themes := func(m *analysis.Metrics, add func(theme string, added, removed, paras any)) {
		seen := map[string]bool{}
		for _, mp := range []map[string]int{m.ThemeAdded, m.ThemeRemoved, m.ThemeParas} {
			for k := range mp {
				if !seen[k] {
					seen[k] = true
					add(k, nullable(m.ThemeAdded, k), nullable(m.ThemeRemoved, k), nullable(m.ThemeParas, k))
				}
			}
		}
	}
	for i, s := range r.Sections {
		execV1(t, db, `INSERT INTO section_metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append([]any{doc, i, s.Section, s.Variant}, metrics(&s.Metrics)...)...)
		themes(&r.Sections[i].Metrics, func(theme string, added, removed, paras any) {
			execV1(t, db, `INSERT INTO section_themes VALUES (?, ?, ?, ?, ?, ?)`, doc, i, theme, added, removed, paras)
		})
		for k, n := range s.KindSpans {
			execV1(t, db, `INSERT INTO section_kinds VALUES (?, ?, ?, ?)`, doc, i, string(k), n)
		}
	}
	for v := range r.Totals {
		m := &r.Totals[v]
		execV1(t, db, `INSERT INTO totals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append([]any{doc, v}, metrics(m)...)...)
		themes(m, func(theme string, added, removed, paras any) {
			execV1(t, db, `INSERT INTO total_themes VALUES (?, ?, ?, ?, ?, ?)`, doc, v, theme, added, removed, paras)
		})
		for k, n := range m.KindSpans {
			execV1(t, db, `INSERT INTO total_kinds VALUES (?, ?, ?, ?)`, doc, v, string(k), n)
		}
	}
	for i, u := range r.SpanUptake {
		execV1(t, db, `INSERT INTO span_uptake VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, doc, i, u.Paragraph, u.Proposal, u.Span,
			string(u.Verdict), u.Words, u.Adopted)
	}
	for i, u := range r.ThemeUptake {
		execV1(t, db, `INSERT INTO theme_uptake VALUES (?, ?, ?, ?, ?, ?, ?)`, doc, i, u.Proposal, u.Theme, u.Proposed, u.Adopted, u.Pending)
	}
	for i, u := range r.Unthemed {
		execV1(t, db, `INSERT INTO unthemed VALUES (?, ?, ?, ?, ?)`, doc, i, u.Variant, u.Phrase, u.Count)
	}
}

// TestOpenConvertsOldDatabases opens databases of the schemas SQLite
// databases had before: that of migration 001 alone (one row per item), and
// the packed one of migrations 001 to 003 (the JSON columns of 002), each
// holding two documents. It checks that they read back whole and that the
// database counts the rows as one saved afresh does.
func TestOpenConvertsOldDatabases(t *testing.T) {
	for _, packed := range []bool{false, true} {
		name := "v1"
		if packed {
			name = "packed"
		}
		t.Run(name, func(t *testing.T) { testOpenConverts(t, packed) })
	}
}

// reanalyse analyses r's document again with opts.
func reanalyse(t *testing.T, r *analysis.Result, opts analysis.Options) *analysis.Result {
	t.Helper()
	out, err := analysis.Analyse(r.Document, r.Dictionary, opts)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func testOpenConverts(t *testing.T, packed bool) {
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	schema, err := os.ReadFile("migrations/sqlite/001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	execV1(t, raw, `CREATE TABLE migrations (name TEXT PRIMARY KEY)`)
	execV1(t, raw, string(schema))
	execV1(t, raw, `INSERT INTO migrations (name) VALUES ('migrations/001_init.sql')`)

	// Texts that need escaping; a document whose outcome was complete
	// (an insertion judged not adopted where the outcome has no text); one
	// whose proposal joined two paragraphs, as tracked changes do.
	tunis := testResult(t, "tunis")
	tunis.Document.Paragraphs[3].Texts[2] = "We \"welcome\" the report’s\tdefinition\\\n"
	tunis = reanalyse(t, tunis, analysis.Options{OutcomeComplete: true})
	geneva := testResult(t, "geneva")
	geneva.Document.Paragraphs = geneva.Document.Paragraphs[:2]
	geneva.Document.Joins = []analysis.Join{{Variant: 1, Paragraphs: []string{"39", "40"}}}
	geneva = reanalyse(t, geneva, analysis.Options{})
	if geneva.Comparisons[2].Status != analysis.StatusMerged || !tunis.OutcomeComplete {
		t.Fatalf("the fixtures test nothing: status %s, outcome complete %v", geneva.Comparisons[2].Status, tunis.OutcomeComplete)
	}
	var notAdopted bool
	for _, u := range tunis.SpanUptake {
		notAdopted = notAdopted || u.Verdict == analysis.VerdictNotAdopted
	}
	if !notAdopted {
		t.Fatal("no insertion of tunis is judged not adopted: its outcome's completeness cannot be told from its rows")
	}
	dict := tunis.Dictionary
	dictID := execV1(t, raw, `INSERT INTO dictionaries (hash, source) VALUES (?, ?)`, dict.Hash, dict.Source)
	for i, th := range dict.Themes {
		execV1(t, raw, `INSERT INTO themes VALUES (?, ?, ?, ?, ?)`, dictID, i, th.Name, th.Label, th.Color)
		for j, term := range th.Terms {
			execV1(t, raw, `INSERT INTO theme_terms VALUES (?, ?, ?, ?)`, dictID, i, j, term)
		}
	}
	// Sources stored as the paths given, which migration 004 cuts to
	// their base names.
	tunis.Document.Source, geneva.Document.Source = `C:\Users\a\tunis.txt`, "/home/a/docs/geneva.txt"
	saveV1(t, raw, tunis, dictID, 1)
	saveV1(t, raw, geneva, dictID, 2)
	tunis.Document.Source, geneva.Document.Source = "tunis.txt", "geneva.txt"
	execV1(t, raw, `UPDATE revision SET last = 2`)
	if packed {
		// The migrations as the packed schema's store applied them, and
		// recorded them, with their folder.
		for _, m := range []string{"002_packed.sql", "003_paragraph_count.sql", "004_hidden.sql", "004_title.sql", "005_alignment.sql"} {
			src, err := os.ReadFile("migrations/sqlite/" + m)
			if err != nil {
				t.Fatal(err)
			}
			execV1(t, raw, string(src))
			execV1(t, raw, `INSERT INTO migrations (name) VALUES (?)`, "migrations/"+m)
		}
		if got := viewRowsDB(t, raw, `SELECT count(*) FROM pragma_table_info('paragraphs') WHERE name = 'comparisons'`); got[0] != "1" {
			t.Fatal("the packed schema has no comparisons column in paragraphs")
		}
		// Format characters removed from two texts of tunis's first
		// paragraph, as 004 records them.
		execV1(t, raw, `UPDATE paragraphs SET hidden = '[0,2,1]' WHERE ordinal = 0 AND document_id = (SELECT id FROM documents WHERE name = 'tunis')`)
		tunis.Document.Paragraphs[0].Hidden = []int{0, 2, 1}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	db := mustOpenPath(t, path)
	for _, want := range []*analysis.Result{tunis, geneva} {
		name := want.Document.Name
		if d := resultDiff(mustLoad(t, db, name), want); d != "" {
			t.Errorf("%s after conversion: %s", name, d)
		}
	}
	// The tables of figures are gone: what they held is analysed again.
	if got := viewRows(t, path, `SELECT count(*) FROM sqlite_master WHERE name IN ('comparisons', 'spans', 'hits', 'span_uptake', 'themes', 'totals')`); got[0] != "0" {
		t.Errorf("%s tables of figures left after conversion", got[0])
	}
	converted := mustCounts(t, db)
	files, err := filepath.Glob("migrations/sqlite/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if converted["migrations"] != int64(len(files)) {
		t.Errorf("%d migrations recorded, want %d", converted["migrations"], len(files))
	}
	if info, err := db.Document(context.Background(), tunis.Document.Name); err != nil || info.Paragraphs != len(tunis.Document.Paragraphs) {
		t.Errorf("converted %s: %d paragraphs (%v), want %d", tunis.Document.Name, info.Paragraphs, err, len(tunis.Document.Paragraphs))
	}

	// The same documents saved into a new database give the same counts.
	fresh := MustOpenDB(t)
	mustSave(t, fresh, tunis)
	mustSave(t, fresh, geneva)
	if want := mustCounts(t, fresh); !reflect.DeepEqual(converted, want) {
		t.Errorf("counts after conversion:\n got  %v\n want %v", converted, want)
	}

	// The converted database takes saves: replacing tunis gives it the
	// next revision.
	mustSave(t, db, tunis)
	info, err := db.Document(context.Background(), "tunis")
	if err != nil {
		t.Fatal(err)
	}
	if info.Revision != 3 {
		t.Errorf("revision %d after saving into the converted database, want 3", info.Revision)
	}
	if d := resultDiff(mustLoad(t, db, "tunis"), tunis); d != "" {
		t.Error(d)
	}
}

// viewRows returns the rows of query on the database at path, each as its
// columns joined by '|'.
func viewRows(t *testing.T, path, query string) []string {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	return viewRowsDB(t, raw, query)
}

// viewRowsDB returns the rows of query on db, each as its columns joined by
// '|'.
func viewRowsDB(t *testing.T, raw *sql.DB, query string) []string {
	t.Helper()
	rows, err := raw.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTablesHoldRows queries the tables of one row per item as an analyst
// would, and checks them against the saved document.
func TestTablesHoldRows(t *testing.T) {
	forEachDB(t, testTablesHoldRows)
}

func testTablesHoldRows(t *testing.T, bk backend) {
	dsn := bk.fresh(t)
	db := mustOpenPath(t, dsn)
	r := testResult(t, "tunis")
	r.Document.Paragraphs[0].Texts[1] = "Quotes \" and \\ backslashes,\ttabs,\nnew lines,\r\n \x01\\b\f\v and é – “curly”, \\N."
	r, err := analysis.Analyse(r.Document, r.Dictionary, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, db, r)
	mustSave(t, db, testResult(t, "athens")) // rows of another document the queries must leave out
	if d := resultDiff(mustLoad(t, db, "tunis"), r); d != "" {
		t.Fatal(d)
	}

	const doc = `(SELECT id FROM documents WHERE name = 'tunis')`
	var cells, paragraphs []string
	for p, para := range r.Document.Paragraphs {
		paragraphs = append(paragraphs, fmt.Sprintf("%d|%s|%s|%v", p, para.ID, para.Section, para.New))
		for v, text := range para.Texts {
			cells = append(cells, fmt.Sprintf("%d|%d|%s", p, v, text))
		}
	}
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"cells", `SELECT paragraph, variant, text FROM cells WHERE document_id = ` + doc + ` ORDER BY paragraph, variant`, cells},
		{"paragraphs", `SELECT ordinal, paragraph, section, CASE WHEN new THEN 'true' ELSE 'false' END FROM paragraphs WHERE document_id = ` + doc + ` ORDER BY ordinal`, paragraphs},
		{"document", `SELECT outcome, CASE WHEN outcome_complete THEN 'true' ELSE 'false' END FROM documents WHERE name = 'tunis'`, []string{"2|false"}},
		// An analyst's question: the paragraphs each variant rewrote.
		{"paragraphs changed per variant", `SELECT v.name, count(*) FROM cells c
			JOIN cells b ON b.document_id = c.document_id AND b.paragraph = c.paragraph AND b.variant = 0
			JOIN variants v ON v.document_id = c.document_id AND v.ordinal = c.variant
			WHERE c.document_id = ` + doc + ` AND c.variant > 0 AND c.text <> '' AND c.text <> b.text
			GROUP BY v.name ORDER BY v.name`, []string{"Compromise text|3", "GC Proposed Text|3"}},
	}
	raw := openRaw(t, dsn)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := viewRowsDB(t, raw, tt.query)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

func TestNewDatabasePageSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	mustOpenPath(t, path)
	if got := viewRows(t, path, `PRAGMA page_size`); !reflect.DeepEqual(got, []string{"16384"}) {
		t.Errorf("page size %v, want 16384", got)
	}
}

// TestLoadCorruptRows changes the rows of a saved document behind the
// store's back and checks that Load says what is wrong.
func TestLoadCorruptRows(t *testing.T) {
	tests := []struct {
		name, query, want string
	}{
		{"text missing", `DELETE FROM cells WHERE paragraph = 1 AND variant = 1`, "text of paragraph 1, variant 2: out of order or range (a text missing?)"},
		{"last text missing", `DELETE FROM cells WHERE paragraph = 3 AND variant = 2`, "cells: 11 texts, want 12"},
		{"text of no variant", `UPDATE cells SET variant = 7 WHERE paragraph = 3 AND variant = 2`, "text of paragraph 3, variant 7: out of order or range"},
		{"paragraph missing", `DELETE FROM paragraphs WHERE ordinal = 1`, "paragraph 1 missing"},
		{"paragraphs miscounted", `UPDATE documents SET paragraphs = 5`, "paragraphs: 4 stored, the document says 5"},
		{"outcome out of range", `UPDATE documents SET outcome = 9`, "outcome 9 of 3 variants"},
		{"dictionary changed", `UPDATE dictionaries SET hash = 'x'`, "stored dictionary: hash of the source is"},
	}
	forEachDB(t, func(t *testing.T, bk backend) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				dsn := bk.fresh(t)
				db := mustOpenPath(t, dsn)
				mustSave(t, db, testResult(t, "tunis"))
				raw := openRaw(t, dsn)
				if _, err := raw.Exec(tt.query); err != nil {
					t.Fatal(err)
				}
				_, err := db.Load(context.Background(), "tunis")
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Load: %v, want an error containing %q", err, tt.want)
				}
			})
		}
	})
}

// TestOpenConvertsPostgres: a PostgreSQL database of the schema before
// migration 008 (001 and 002: the tables of figures beside the texts) is
// converted when opened: the joins of tracked changes and whether the
// outcome was complete are read from its comparisons and uptake, the
// tables of figures go, and its documents load as they were analysed.
func TestOpenConvertsPostgres(t *testing.T) {
	k := storetest.Kinds[1]
	if k.Name != "postgres" {
		t.Fatalf("kind %s, want postgres", k.Name)
	}
	dsn := k.Fresh(t)
	raw := openRaw(t, dsn)
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	exec(`CREATE TABLE migrations (name TEXT PRIMARY KEY)`)
	for _, m := range []string{"001_init.sql", "002_items.sql"} {
		src, err := os.ReadFile("migrations/postgres/" + m)
		if err != nil {
			t.Fatal(err)
		}
		exec(string(src))
		exec(`INSERT INTO migrations (name) VALUES ($1)`, m)
	}
	tunis := reanalyse(t, testResult(t, "tunis"), analysis.Options{OutcomeComplete: true})
	geneva := testResult(t, "geneva")
	geneva.Document.Paragraphs = geneva.Document.Paragraphs[:2]
	geneva.Document.Joins = []analysis.Join{{Variant: 1, Paragraphs: []string{"39", "40"}}}
	geneva = reanalyse(t, geneva, analysis.Options{})
	var dictID int64
	if err := raw.QueryRow(`INSERT INTO dictionaries (hash, source) VALUES ($1, $2) RETURNING id`, tunis.Dictionary.Hash, tunis.Dictionary.Source).Scan(&dictID); err != nil {
		t.Fatal(err)
	}
	for rev, r := range []*analysis.Result{tunis, geneva} {
		d := r.Document
		var doc int64
		if err := raw.QueryRow(`INSERT INTO documents (name, title, source, outcome, revision, ingested, dictionary_id, paragraphs)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, d.Name, d.Title, d.Source, r.Outcome, rev+1, testNow.UnixNano(), dictID, len(d.Paragraphs)).Scan(&doc); err != nil {
			t.Fatal(err)
		}
		for i, v := range d.Variants {
			exec(`INSERT INTO variants VALUES ($1, $2, $3)`, doc, i, v)
		}
		for i, s := range d.Sections {
			exec(`INSERT INTO sections VALUES ($1, $2, $3, $4, $5, $6)`, doc, i, s.ID, s.Title, s.Parent, s.Line)
		}
		for i, p := range d.Paragraphs {
			exec(`INSERT INTO paragraphs VALUES ($1, $2, $3, $4, $5, $6)`, doc, i, p.ID, p.Section, p.New, p.Line)
			for v, text := range p.Texts {
				exec(`INSERT INTO cells VALUES ($1, $2, $3, $4, $5)`, doc, i, v, text, p.HiddenChars(v))
			}
		}
		for i, c := range r.Comparisons {
			exec(`INSERT INTO comparisons (document_id, paragraph, variant, ordinal, status, base_words, variant_words, added, deleted, change_ratio)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, doc, c.Paragraph, c.Variant, i, string(c.Status), c.BaseWords, c.VariantWords, c.Added, c.Deleted, c.ChangeRatio)
		}
		for i, u := range r.SpanUptake {
			exec(`INSERT INTO span_uptake VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, doc, i, u.Paragraph, u.Proposal, u.Span, string(u.Verdict), u.Words, u.Adopted)
		}
	}
	db := mustOpenPath(t, dsn)
	for _, want := range []*analysis.Result{tunis, geneva} {
		if d := resultDiff(mustLoad(t, db, want.Document.Name), want); d != "" {
			t.Errorf("%s after conversion: %s", want.Document.Name, d)
		}
	}
	if got := viewRowsDB(t, raw, `SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('comparisons', 'spans', 'hits', 'span_uptake', 'themes', 'totals')`); got[0] != "0" {
		t.Errorf("%s tables of figures left after conversion", got[0])
	}
}

// TestMigrationsHaveTwins: from 008 on, every migration of one dialect has
// one of the same file name in the other, so that both schemas take each
// step together.
func TestMigrationsHaveTwins(t *testing.T) {
	names := map[string][]string{}
	for _, dialect := range []string{"sqlite", "postgres"} {
		files, err := filepath.Glob("migrations/" + dialect + "/*.sql")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if base := filepath.Base(f); base >= "008" {
				names[base] = append(names[base], dialect)
			}
		}
	}
	if len(names) < 2 {
		t.Fatalf("%d migrations from 008 on, want 008 and 009 at least", len(names))
	}
	numbered := map[string][]string{} // dialect and number -> steps
	for name, dialects := range names {
		if len(dialects) != 2 {
			t.Errorf("migration %s exists only for %v", name, dialects)
		}
		for _, d := range dialects {
			num, _, _ := strings.Cut(name, "_")
			numbered[d+" "+num] = append(numbered[d+" "+num], name)
		}
	}
	for num, steps := range numbered {
		if len(steps) > 1 {
			t.Errorf("%s: %d steps share the number: %v", num, len(steps), steps)
		}
	}
}
