package store_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
	"amendlens/parse"
	"amendlens/store"
)

// testNow is the clock of the test databases.
var testNow = time.Date(2005, time.November, 18, 9, 30, 0, 0, time.UTC)

// MustOpenDB opens a fresh database file in a temporary directory, closed
// at the end of the test, whose clock says testNow.
func MustOpenDB(tb testing.TB) *store.DB {
	tb.Helper()
	return mustOpenPath(tb, filepath.Join(tb.TempDir(), "amendlens.db"))
}

func mustOpenPath(tb testing.TB, path string) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = func() time.Time { return testNow }
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

func mustSave(t testing.TB, db *store.DB, r *analysis.Result) {
	t.Helper()
	if err := db.Save(context.Background(), r); err != nil {
		t.Fatal(err)
	}
}

func mustLoad(t testing.TB, db *store.DB, name string) *analysis.Result {
	t.Helper()
	r, err := db.Load(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustCounts(t testing.TB, db *store.DB) map[string]int64 {
	t.Helper()
	c, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// resultDiff describes the first parts where got and want differ, or
// returns "" when they are deeply equal.
func resultDiff(got, want *analysis.Result) string {
	got, want = normalize(got), normalize(want)
	if reflect.DeepEqual(got, want) {
		return ""
	}
	var diffs []string
	add := func(name string, g, w any) {
		if !reflect.DeepEqual(g, w) && len(diffs) < 5 {
			diffs = append(diffs, fmt.Sprintf("%s:\n got  %+v\n want %+v", name, g, w))
		}
	}
	gd, wd := *got.Document, *want.Document
	add("Document.Variants", gd.Variants, wd.Variants)
	add("Document.Sections", gd.Sections, wd.Sections)
	for i := 0; i < len(gd.Paragraphs) && i < len(wd.Paragraphs); i++ {
		add(fmt.Sprintf("Paragraphs[%d]", i), gd.Paragraphs[i], wd.Paragraphs[i])
	}
	gd.Variants, gd.Sections, gd.Paragraphs = nil, nil, nil
	wd.Variants, wd.Sections, wd.Paragraphs = nil, nil, nil
	add("Document", gd, wd)
	add("Dictionary", *got.Dictionary, *want.Dictionary)
	add("Outcome", got.Outcome, want.Outcome)
	add("len(Comparisons)", len(got.Comparisons), len(want.Comparisons))
	for i := 0; i < len(got.Comparisons) && i < len(want.Comparisons); i++ {
		add(fmt.Sprintf("Comparisons[%d]", i), got.Comparisons[i], want.Comparisons[i])
	}
	add("Sections", got.Sections, want.Sections)
	add("Totals", got.Totals, want.Totals)
	add("SpanUptake", got.SpanUptake, want.SpanUptake)
	add("ThemeUptake", got.ThemeUptake, want.ThemeUptake)
	add("Unthemed", got.Unthemed, want.Unthemed)
	if len(diffs) == 0 {
		return "results differ (nil versus empty somewhere)"
	}
	return fmt.Sprint(diffs)
}

func TestSaveLoadRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		saved := testResult(t, "tunis")
		saved.Document.Encoding = parse.EncodingCP1252
		saved.Document.Note = "read as running text"
		saved.Document.Unit = parse.UnitParagraph
		mustSave(t, db, saved)

		got := mustLoad(t, db, "tunis")
		want := testResult(t, "tunis")
		want.Document.Encoding = parse.EncodingCP1252
		want.Document.Note = "read as running text"
		want.Document.Unit = parse.UnitParagraph
		if d := resultDiff(got, want); d != "" {
			t.Fatal(d)
		}
		if got.Dictionary.Hash != testResult(t, "tunis").Dictionary.Hash {
			t.Errorf("dictionary hash %s, want the saved one", got.Dictionary.Hash)
		}
		// Values Load must not lose: the outcome, an absent cell, a new
		// paragraph.
		if got.Outcome != 2 {
			t.Errorf("outcome %d, want 2", got.Outcome)
		}
		if p := got.Document.Paragraphs[1]; len(p.Texts) != 3 || p.Texts[1] != "" {
			t.Errorf("paragraph 40 texts %q, want 3 with the second absent", p.Texts)
		}
		if !got.Document.Paragraphs[2].New {
			t.Error("paragraph 40bis lost its New flag")
		}
	})
}

// oneTheme is the smallest dictionary.
const oneTheme = "themes:\n  - name: access\n    terms: [access]\n"

func TestSaveLoadEmptyResult(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		r := &analysis.Result{
			Document:   &analysis.Document{Name: "empty", Title: "empty", Source: "empty.txt", Variants: []string{analysis.BaseName, "A"}},
			Dictionary: mustDictionary(t, oneTheme),
			Totals:     []analysis.Metrics{{}, {}},
		}
		mustSave(t, db, r)
		got := mustLoad(t, db, "empty")
		// The store keeps the document and gives its analysis back: the
		// analysis of a document of no paragraphs, its chain included.
		want, err := analysis.Reanalyse(context.Background(),
			&analysis.Document{Name: "empty", Title: "empty", Source: "empty.txt", Variants: []string{analysis.BaseName, "A"}},
			mustDictionary(t, oneTheme), 0, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Stages) != 1 || len(want.Totals) != 2 {
			t.Fatalf("analysis of an empty document: %d stages, %d totals; want 1 and 2", len(want.Stages), len(want.Totals))
		}
		if d := resultDiff(got, normalize(want)); d != "" {
			t.Fatal(d)
		}
	})
}

func TestDocumentInfo(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		r := testResult(t, "tunis")
		mustSave(t, db, r)
		got, err := db.Document(context.Background(), "tunis")
		if err != nil {
			t.Fatal(err)
		}
		if got.Revision < 1 {
			t.Errorf("revision %d, want 1 or more", got.Revision)
		}
		want := analysis.DocumentInfo{
			Name:       "tunis",
			Title:      "tunis",
			Source:     "tunis.txt",
			Variants:   r.Document.Variants,
			Outcome:    2,
			Paragraphs: 4,
			Revision:   got.Revision,
			DictHash:   r.Dictionary.Hash,
			Ingested:   testNow,
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Document(tunis) =\n %+v\nwant\n %+v", got, want)
		}
		if got.Role(1) != analysis.RoleProposal || got.Role(2) != analysis.RoleOutcome {
			t.Errorf("roles of a table: %s, %s", got.Role(1), got.Role(2))
		}

		// A negotiation in rounds lists its stages, which name its
		// variants' roles as its analysis does.
		chain := analysistest.ChainFixture(t, "..", analysis.DefaultDictionary())
		mustSave(t, db, chain)
		infos, err := db.Documents(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var info analysis.DocumentInfo
		for _, i := range infos {
			if i.Name == chain.Document.Name {
				info = i
			}
		}
		var stages []int
		for _, s := range chain.Document.Stages {
			stages = append(stages, s.Variant)
		}
		if len(stages) != 4 || !reflect.DeepEqual(info.Stages, stages) {
			t.Fatalf("stages listed %v, want %v", info.Stages, stages)
		}
		for v := range chain.Document.Variants {
			if info.Role(v) != chain.Role(v) {
				t.Errorf("variant %d (%s): listed %s, analysed %s", v, chain.Document.Variants[v], info.Role(v), chain.Role(v))
			}
		}
	})
}

func TestSaveReplaces(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		ctx := context.Background()
		db := bk.open(t)
		mustSave(t, db, testResult(t, "tunis"))
		first := mustCounts(t, db)
		info1, err := db.Document(ctx, "tunis")
		if err != nil {
			t.Fatal(err)
		}

		later := testNow.Add(time.Hour)
		db.Now = func() time.Time { return later }
		r := testResult(t, "tunis")
		r.Document.Paragraphs[0].Texts[1] = "A changed proposal."
		r, err = analysis.Analyse(r.Document, r.Dictionary, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		mustSave(t, db, r)

		second := mustCounts(t, db)
		if wantCounts := maps(first); !reflect.DeepEqual(second, wantCounts) {
			t.Errorf("counts after saving again:\n got  %v\n want %v", second, wantCounts)
		}
		if d := resultDiff(mustLoad(t, db, "tunis"), normalize(r)); d != "" {
			t.Error(d)
		}
		info2, err := db.Document(ctx, "tunis")
		if err != nil {
			t.Fatal(err)
		}
		if info2.Revision <= info1.Revision {
			t.Errorf("revision %d after %d, want it to increase", info2.Revision, info1.Revision)
		}
		if !info2.Ingested.Equal(later) {
			t.Errorf("ingested %v, want %v", info2.Ingested, later)
		}

		// Saving the very same result again leaves every count as it was.
		mustSave(t, db, r)
		if third := mustCounts(t, db); !reflect.DeepEqual(third, second) {
			t.Errorf("counts after saving the same result twice:\n got  %v\n want %v", third, second)
		}
	})
}

func maps(m map[string]int64) map[string]int64 {
	c := make(map[string]int64, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func TestSeveralDocuments(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		ctx := context.Background()
		db := bk.open(t)
		other := testResult(t, "geneva")
		other.Dictionary = mustDictionary(t, testDictionaryYAML+`  - name: security
    terms: [secure, stable]
`)
		mustSave(t, db, testResult(t, "tunis"))
		mustSave(t, db, other)
		mustSave(t, db, testResult(t, "athens")) // shares the dictionary of tunis

		infos, err := db.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, info := range infos {
			names = append(names, info.Name)
		}
		if want := []string{"athens", "geneva", "tunis"}; !reflect.DeepEqual(names, want) {
			t.Fatalf("documents %v, want %v", names, want)
		}
		if infos[1].DictHash != other.Dictionary.Hash || infos[0].DictHash != infos[2].DictHash {
			t.Errorf("dictionary hashes %s %s %s: want geneva's own and one shared", infos[0].DictHash, infos[1].DictHash, infos[2].DictHash)
		}
		c := mustCounts(t, db)
		if c["dictionaries"] != 2 {
			t.Errorf("%d dictionaries, want 2", c["dictionaries"])
		}
		if d := resultDiff(mustLoad(t, db, "geneva"), normalize(testResultWith(t, "geneva", other.Dictionary))); d != "" {
			t.Error(d)
		}

		// Deleting geneva removes its dictionary, which nobody else uses, and
		// leaves the others whole.
		if err := db.Delete(ctx, "geneva"); err != nil {
			t.Fatal(err)
		}
		c = mustCounts(t, db)
		if c["documents"] != 2 || c["dictionaries"] != 1 {
			t.Errorf("after delete: %d documents, %d dictionaries; want 2, 1", c["documents"], c["dictionaries"])
		}
		for _, name := range []string{"athens", "tunis"} {
			if d := resultDiff(mustLoad(t, db, name), normalize(testResult(t, name))); d != "" {
				t.Errorf("%s: %s", name, d)
			}
		}

		// Deleting the rest leaves no row but the schema's own.
		for _, name := range []string{"athens", "tunis"} {
			if err := db.Delete(ctx, name); err != nil {
				t.Fatal(err)
			}
		}
		for table, n := range mustCounts(t, db) {
			want := int64(0)
			if table == "migrations" || table == "revision" {
				want = n
			}
			if n != want {
				t.Errorf("%s has %d rows after deleting every document", table, n)
			}
		}
	})
}

// testResultWith is testResult with another dictionary.
func testResultWith(t testing.TB, name string, dict *analysis.Dictionary) *analysis.Result {
	r := testResult(t, name)
	r.Dictionary = dict
	return r
}

func TestSaveFailureLeavesDatabase(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		tests := []struct {
			name    string
			corrupt func(r *analysis.Result)
		}{
			{"comparison of a variant that does not exist", func(r *analysis.Result) { r.Comparisons[7].Variant = 3 }},
			{"comparison of a paragraph that does not exist", func(r *analysis.Result) { r.Comparisons[7].Paragraph = 4 }},
			{"two comparisons of the same paragraph and variant", func(r *analysis.Result) { r.Comparisons[7].Paragraph = 0 }},
			{"cell of a variant that does not exist", func(r *analysis.Result) {
				r.Document.Paragraphs[3].Texts = append(r.Document.Paragraphs[3].Texts, "extra")
			}},
			{"span uptake of a span that does not exist", func(r *analysis.Result) { r.SpanUptake[1].Span = 3 }},
			{"span uptake of a paragraph that does not exist", func(r *analysis.Result) { r.SpanUptake[1].Paragraph = 4 }},
			{"span uptake of a proposal with no comparison", func(r *analysis.Result) { r.SpanUptake[0].Proposal = 5 }},
			{"comparison of a negative variant", func(r *analysis.Result) { r.Comparisons[7].Variant = -1 }},
			{"change ratio that is not a number", func(r *analysis.Result) { r.Comparisons[2].ChangeRatio = math.NaN() }},
			{"infinite change ratio", func(r *analysis.Result) { r.Comparisons[2].ChangeRatio = math.Inf(1) }},
			{"theme uptake of a proposal that does not exist", func(r *analysis.Result) { r.ThemeUptake[2].Proposal = 9 }},
			{"unthemed phrase of a variant that does not exist", func(r *analysis.Result) { r.Unthemed[2].Variant = 3 }},
			{"section metrics of a variant that does not exist", func(r *analysis.Result) { r.Sections[3].Variant = 5 }},
			{"totals longer than the variants", func(r *analysis.Result) { r.Totals = append(r.Totals, analysis.Metrics{}) }},
			{"dictionary whose hash is not its source's", func(r *analysis.Result) { r.Dictionary.Hash = "0123" }},
			{"no dictionary", func(r *analysis.Result) { r.Dictionary = nil }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				db := bk.open(t)
				mustSave(t, db, testResult(t, "tunis"))
				mustSave(t, db, testResult(t, "athens"))
				before := mustCounts(t, db)
				beforeInfo, err := db.Documents(context.Background())
				if err != nil {
					t.Fatal(err)
				}

				// The broken result replaces tunis, so the failure must also
				// bring back the rows the save deleted first.
				bad := testResult(t, "tunis")
				tt.corrupt(bad)
				if err := db.Save(context.Background(), bad); err == nil {
					t.Fatal("Save succeeded")
				}

				if after := mustCounts(t, db); !reflect.DeepEqual(after, before) {
					t.Errorf("counts after a failed save:\n got  %v\n want %v", after, before)
				}
				afterInfo, err := db.Documents(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(afterInfo, beforeInfo) {
					t.Errorf("documents after a failed save:\n got  %+v\n want %+v", afterInfo, beforeInfo)
				}
				if d := resultDiff(mustLoad(t, db, "tunis"), normalize(testResult(t, "tunis"))); d != "" {
					t.Error(d)
				}
				// The database still takes saves.
				mustSave(t, db, testResult(t, "tunis"))
			})
		}
	})
}

func TestSaveCancelled(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		mustSave(t, db, testResult(t, "tunis"))
		before := mustCounts(t, db)

		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		r := testResult(t, "tunis")
		r.Unthemed = nil
		if err := db.Save(ctx, r); !errors.Is(err, context.Canceled) {
			t.Fatalf("Save with a cancelled context: %v, want context.Canceled", err)
		}
		if after := mustCounts(t, db); !reflect.DeepEqual(after, before) {
			t.Errorf("counts after a cancelled save:\n got  %v\n want %v", after, before)
		}
	})
}

func TestNotFound(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		ctx := context.Background()
		db := bk.open(t)
		mustSave(t, db, testResult(t, "tunis"))
		if _, err := db.Load(ctx, "geneva"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Load(geneva): %v, want ErrNotFound", err)
		}
		if _, err := db.Document(ctx, "geneva"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Document(geneva): %v, want ErrNotFound", err)
		}
		if err := db.Delete(ctx, "geneva"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Delete(geneva): %v, want ErrNotFound", err)
		}
		if _, err := db.Document(ctx, ""); !errors.Is(err, store.ErrNotFound) {
			t.Errorf(`Document(""): %v, want ErrNotFound`, err)
		}
		if _, err := db.Load(ctx, "tunis"); err != nil {
			t.Errorf("Load(tunis): %v", err)
		}
	})
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db := mustOpenPath(t, path)
	mustSave(t, db, testResult(t, "tunis"))
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("database file mode %v, want 0600", mode)
	}
	if fi, err := os.Stat(path + "-wal"); err != nil {
		t.Errorf("no write-ahead log: %v", err)
	} else if mode := fi.Mode().Perm(); mode&0o077 != 0 {
		t.Errorf("write-ahead log mode %v, want no access for others", mode)
	}
}

func TestOpenPathWithQueryCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a?b#c%d.db")
	db := mustOpenPath(t, path)
	mustSave(t, db, testResult(t, "tunis"))
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at its path: %v", err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "a?b#c%d.db" && e.Name() != "a?b#c%d.db-wal" && e.Name() != "a?b#c%d.db-shm" {
			t.Errorf("unexpected file %s", e.Name())
		}
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := store.Open(ctx, ""); err == nil {
		t.Error(`Open("") succeeded`)
	}
	if _, err := store.Open(ctx, filepath.Join(t.TempDir(), "missing", "x.db")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open in a missing directory: %v, want fs.ErrNotExist", err)
	}
	notDB := filepath.Join(t.TempDir(), "not.db")
	if err := os.WriteFile(notDB, []byte("this is not a database, not at all, it is text"), 0o600); err != nil {
		t.Fatal(err)
	}
	if db, err := store.Open(ctx, notDB); err == nil {
		db.Close()
		t.Error("Open of a text file succeeded")
	}
}

func TestMigrationsAppliedOnce(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		ctx := context.Background()
		path := bk.fresh(t)
		files, err := filepath.Glob("migrations/" + bk.Name + "/*.sql")
		if err != nil || len(files) == 0 {
			t.Fatalf("migration files: %v %v", files, err)
		}

		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		mustSave(t, db, testResult(t, "tunis"))
		info1, err := db.Document(ctx, "tunis")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}

		db = mustOpenPath(t, path)
		c := mustCounts(t, db)
		if c["migrations"] != int64(len(files)) {
			t.Errorf("%d migrations recorded, want %d", c["migrations"], len(files))
		}
		if d := resultDiff(mustLoad(t, db, "tunis"), normalize(testResult(t, "tunis"))); d != "" {
			t.Error(d)
		}
		mustSave(t, db, testResult(t, "tunis"))
		info2, err := db.Document(ctx, "tunis")
		if err != nil {
			t.Fatal(err)
		}
		if info2.Revision <= info1.Revision {
			t.Errorf("revision %d after reopening, was %d: want it to increase", info2.Revision, info1.Revision)
		}
	})
}

func TestMemory(t *testing.T) {
	db := mustOpenPath(t, ":memory:")
	mustSave(t, db, testResult(t, "tunis"))
	if d := resultDiff(mustLoad(t, db, "tunis"), normalize(testResult(t, "tunis"))); d != "" {
		t.Error(d)
	}
	if _, err := os.Stat(":memory:"); err == nil {
		t.Error("a file named :memory: was created")
	}
}

func TestRevisionNeverReused(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		ctx := context.Background()
		db := bk.open(t)
		var last int64
		for i := range 3 {
			mustSave(t, db, testResult(t, "tunis"))
			info, err := db.Document(ctx, "tunis")
			if err != nil {
				t.Fatal(err)
			}
			if info.Revision <= last {
				t.Errorf("save %d: revision %d after %d", i, info.Revision, last)
			}
			last = info.Revision
			if err := db.Delete(ctx, "tunis"); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestConcurrentSaves(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		tests := []struct {
			name       string
			handles    int // Open calls on the file: each stands for a process
			goroutines int // saving at once, spread over the handles
			rounds     int // saves of each goroutine
		}{
			// Within one handle saves queue for the single write connection.
			{"one handle", 1, 4, 10},
			// Across handles a writer waits for the other's lock (busy_timeout).
			{"two handles", 2, 2, 4},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ctx := context.Background()
				path := bk.fresh(t)
				var dbs []*store.DB
				for range tt.handles {
					dbs = append(dbs, mustOpenPath(t, path))
				}
				// Goroutines 0 and 3 save under the same name.
				results := make([]*analysis.Result, tt.goroutines)
				names := make(map[string]bool)
				for g := range results {
					results[g] = testResult(t, fmt.Sprintf("doc-%d", g%3))
					names[results[g].Document.Name] = true
				}
				var wg sync.WaitGroup
				errs := make(chan error, tt.goroutines*tt.rounds)
				for g := range tt.goroutines {
					wg.Add(1)
					go func() {
						defer wg.Done()
						db := dbs[g%len(dbs)]
						for i := range tt.rounds {
							if err := db.Save(ctx, results[g]); err != nil {
								errs <- fmt.Errorf("goroutine %d save %d: %w", g, i, err)
							}
						}
					}()
				}
				wg.Wait()
				close(errs)
				for err := range errs {
					t.Error(err)
				}

				last := dbs[len(dbs)-1]
				infos, err := last.Documents(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if len(infos) != len(names) {
					t.Fatalf("%d documents, want %d", len(infos), len(names))
				}
				// Every document has the rows of one save, no more.
				one := bk.open(t)
				mustSave(t, one, testResult(t, "x"))
				per := mustCounts(t, one)
				c := mustCounts(t, last)
				for table, n := range per {
					want := int64(len(names)) * n
					switch table {
					case "migrations", "revision", "dictionaries", "themes", "theme_terms":
						want = n
					}
					if c[table] != want {
						t.Errorf("%s: %d rows, want %d", table, c[table], want)
					}
				}
				seen := make(map[int64]bool)
				for _, info := range infos {
					if seen[info.Revision] {
						t.Errorf("revision %d given twice", info.Revision)
					}
					seen[info.Revision] = true
					if d := resultDiff(mustLoad(t, last, info.Name), normalize(testResult(t, info.Name))); d != "" {
						t.Errorf("%s: %s", info.Name, d)
					}
				}
			})
		}
	})
}

func TestReadsDuringSaves(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		ctx := context.Background()
		db := bk.open(t)
		a := testResult(t, "tunis")
		b := testResult(t, "tunis")
		b.Document.Paragraphs = b.Document.Paragraphs[:3]
		b, err := analysis.Analyse(b.Document, b.Dictionary, analysis.Options{Outcome: analysis.NoOutcome})
		if err != nil {
			t.Fatal(err)
		}
		mustSave(t, db, a)
		wantA, wantB := normalize(testResult(t, "tunis")), normalize(b)

		done := make(chan struct{})
		saveErr := make(chan error, 1)
		go func() {
			defer close(done)
			for i := range 20 {
				r := a
				if i%2 == 0 {
					r = b
				}
				if err := db.Save(ctx, r); err != nil {
					saveErr <- err
					return
				}
			}
		}()
		var loads, sawA, sawB int
		for running := true; running; {
			select {
			case <-done:
				running = false
			default:
			}
			got, err := db.Load(ctx, "tunis")
			if err != nil {
				t.Fatalf("load %d: %v", loads, err)
			}
			loads++
			switch {
			case resultDiff(got, wantA) == "":
				sawA++
			case resultDiff(got, wantB) == "":
				sawB++
			default:
				t.Fatalf("load %d saw neither analysis: against the first %s", loads, resultDiff(got, wantA))
			}
		}
		select {
		case err := <-saveErr:
			t.Fatal(err)
		default:
		}
		t.Logf("%d loads during 20 saves: %d old, %d new", loads, sawA, sawB)
	})
}

// TestSaveLoadBracketedWords checks that the bracketed word counts of a
// comparison survive saving and loading.
func TestSaveLoadBracketedWords(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		doc, err := parse.Parse("brackets.txt", []byte("\t1. Intro\n\tA\n\t10.\nWe act.\n\tWe act [now and [together]].\n"), parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Comparisons[0].Bracketed != 3 {
			t.Fatalf("analysis counts %d bracketed words, want 3", r.Comparisons[0].Bracketed)
		}
		db := bk.open(t)
		mustSave(t, db, r)
		if got := mustLoad(t, db, "brackets").Comparisons[0].Bracketed; got != 3 {
			t.Errorf("loaded %d bracketed words, want 3", got)
		}
	})
}
