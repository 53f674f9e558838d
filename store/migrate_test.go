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

	tunis := testResult(t, "tunis")
	// A removed hit with a term of another case, and texts that need
	// escaping in JSON.
	tunis.Document.Paragraphs[3].Texts[2] = "We \"welcome\" the report’s\tdefinition\\\n"
	tunis.Comparisons[7].Hits = []analysis.Hit{{Match: analysis.Match{Theme: "access", Term: "access",
		Matched: "Access", Tokens: analysis.Range{Start: 2, End: 3}, Bytes: analysis.Range{Start: 7, End: 13}},
		Change: analysis.ChangeRemoved}}
	geneva := testResult(t, "geneva")
	geneva.Document.Paragraphs = geneva.Document.Paragraphs[:2]
	geneva.Comparisons = geneva.Comparisons[:4]
	geneva.SpanUptake = geneva.SpanUptake[:1]
	for _, r := range []*analysis.Result{tunis, geneva} {
		r.Dictionary = mustDictionary(t, testDictionaryYAML)
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
		// Words in brackets, which the packed schema's later saves append
		// to a comparison's array.
		execV1(t, raw, `UPDATE paragraphs SET comparisons = json_set(comparisons, '$[0][10]', 4) WHERE ordinal = 0 AND document_id = (SELECT id FROM documents WHERE name = 'tunis')`)
		tunis.Comparisons[0].Bracketed = 4
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	db := mustOpenPath(t, path)
	for _, want := range []*analysis.Result{tunis, geneva} {
		name := want.Document.Name
		if d := resultDiff(mustLoad(t, db, name), normalize(want)); d != "" {
			t.Errorf("%s after conversion: %s", name, d)
		}
	}
	// The conversion wrote every comparison's items, which give the same
	// analysis as the rows.
	if got := viewRows(t, path, `SELECT count(*) FROM comparisons WHERE items IS NULL`); got[0] != "0" {
		t.Errorf("%s comparisons without items after conversion", got[0])
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
// would, and checks them against the saved Result.
func TestTablesHoldRows(t *testing.T) {
	forEachDB(t, testTablesHoldRows)
}

func testTablesHoldRows(t *testing.T, bk backend) {
	dsn := bk.fresh(t)
	db := mustOpenPath(t, dsn)
	r := testResult(t, "tunis")
	r.Document.Paragraphs[0].Texts[1] = "Quotes \" and \\ backslashes,\ttabs,\nnew lines,\r\n \x01\b\f\v and é – “curly”, \\N."
	r.Comparisons[0].Hits[0].Matched = "Gender\tequality\\"
	mustSave(t, db, r)
	mustSave(t, db, testResult(t, "athens")) // rows of another document the queries must leave out
	// Load reads them back through JSON (SQLite) or COPY (PostgreSQL).
	if d := resultDiff(mustLoad(t, db, "tunis"), normalize(r)); d != "" {
		t.Fatal(d)
	}

	const doc = `(SELECT id FROM documents WHERE name = 'tunis')`
	var cells, comparisons, spans, hits, uptake []string
	for p, para := range r.Document.Paragraphs {
		for v, text := range para.Texts {
			cells = append(cells, fmt.Sprintf("%d|%d|%s", p, v, text))
		}
	}
	for i, c := range r.Comparisons {
		comparisons = append(comparisons, fmt.Sprintf("%d|%d|%d|%s|%d|%d|%d|%d|%v",
			c.Paragraph, c.Variant, i, c.Status, c.BaseWords, c.VariantWords, c.Added, c.Deleted, c.ChangeRatio))
		for j, s := range c.Spans {
			spans = append(spans, fmt.Sprintf("%d|%d|%d|%s|%s|%d|%d|%d|%d|%d|%d|%d|%d|%d|%d", c.Paragraph, c.Variant, j,
				s.Op, s.Kind, s.BaseTok.Start, s.BaseTok.End, s.VarTok.Start, s.VarTok.End,
				s.BaseBytes.Start, s.BaseBytes.End, s.VarBytes.Start, s.VarBytes.End, s.Added, s.Deleted))
		}
		for j, h := range c.Hits {
			hits = append(hits, fmt.Sprintf("%d|%d|%d|%s|%s|%s|%s|%d|%d|%d|%d", c.Paragraph, c.Variant, j,
				h.Theme, h.Term, h.Matched, h.Change, h.Tokens.Start, h.Tokens.End, h.Bytes.Start, h.Bytes.End))
		}
	}
	for i, u := range r.SpanUptake {
		uptake = append(uptake, fmt.Sprintf("%d|%d|%d|%d|%s|%d|%d", i, u.Paragraph, u.Proposal, u.Span, u.Verdict, u.Words, u.Adopted))
	}
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"cells", `SELECT paragraph, variant, text FROM cells WHERE document_id = ` + doc + ` ORDER BY paragraph, variant`, cells},
		{"comparisons", `SELECT paragraph, variant, ordinal, status, base_words, variant_words, added, deleted, change_ratio
			FROM comparisons WHERE document_id = ` + doc + ` ORDER BY ordinal`, comparisons},
		{"spans", `SELECT paragraph, variant, ordinal, op, kind, base_tok_start, base_tok_end, var_tok_start, var_tok_end,
			base_byte_start, base_byte_end, var_byte_start, var_byte_end, added, deleted
			FROM spans WHERE document_id = ` + doc + ` ORDER BY paragraph, variant, ordinal`, spans},
		{"hits", `SELECT paragraph, variant, ordinal, theme, term, matched, change, tok_start, tok_end, byte_start, byte_end
			FROM hits WHERE document_id = ` + doc + ` ORDER BY paragraph, variant, ordinal`, hits},
		{"span_uptake", `SELECT ordinal, paragraph, proposal, span, verdict, words, adopted
			FROM span_uptake WHERE document_id = ` + doc + ` ORDER BY ordinal`, uptake},
		// An analyst's question: added hits per theme.
		{"hits per theme", `SELECT theme, count(*) FROM hits WHERE document_id = ` + doc + ` AND change = 'added'
			GROUP BY theme ORDER BY theme`, []string{"access|1", "gender|4", "rights|1"}},
	}
	if bk.Name == "sqlite" {
		tests = append(tests, struct {
			name  string
			query string
			want  []string
		}{"change ratio is real", `SELECT DISTINCT typeof(change_ratio) FROM comparisons`, []string{"real"}})
	}
	raw := openRaw(t, dsn)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := viewRowsDB(t, raw, tt.query); !reflect.DeepEqual(got, tt.want) {
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
// store's back and checks that Load says what is wrong. The queries that
// change spans and hits first set every comparison's items to NULL, which
// makes Load read those rows.
func TestLoadCorruptRows(t *testing.T) {
	const noItems = `UPDATE comparisons SET items = NULL; `
	tests := []struct {
		name, query, want string
	}{
		{"hit missing", noItems + `DELETE FROM hits WHERE paragraph = 0 AND variant = 1 AND ordinal = 0`, "hits: paragraph 0, variant 1: item 0 missing"},
		{"span of no comparison", noItems + `DELETE FROM comparisons WHERE paragraph = 0 AND variant = 1`, "spans: paragraph 0, variant 1 has no comparison"},
		{"comparison missing", `DELETE FROM comparisons WHERE paragraph = 0 AND variant = 1`, "comparisons: index 7 out of range or stored twice"},
		{"items truncated", `UPDATE comparisons SET items = substr(items, 1, 5) WHERE paragraph = 0 AND variant = 1`,
			"comparisons: paragraph 0, variant 1: items malformed"},
		{"comparison index twice", `UPDATE comparisons SET ordinal = 0 WHERE paragraph = 1 AND variant = 1`, "index 0 out of range or stored twice"},
		{"text missing", `DELETE FROM cells WHERE paragraph = 1 AND variant = 1`, "paragraph 1: texts: item 1 missing"},
		{"uptake missing", `DELETE FROM span_uptake WHERE ordinal = 0`, "span uptake 0 missing"},
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
