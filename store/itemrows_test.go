package store_test

import (
	"testing"

	"amendlens/analysis"
)

// TestLoadItemsOrRows checks that the items of the comparisons and the rows
// of spans and hits, which a save writes side by side, give Load the same
// analysis: read from items, from the rows when every comparison's items
// are NULL (a database converted from an older schema), and with some
// comparisons of each kind.
func TestLoadItemsOrRows(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		dsn := bk.fresh(t)
		db := mustOpenPath(t, dsn)
		raw := openRaw(t, dsn)
		for _, r := range []*analysis.Result{analyseSource(t), testResult(t, "tunis"), versionsResult(t)} {
			mustSave(t, db, r)
			want := mustLoad(t, db, r.Document.Name)
			var hits int
			for _, c := range want.Comparisons {
				hits += len(c.Hits)
			}
			if hits == 0 {
				t.Fatalf("%s: no hits: the test compares little", r.Document.Name)
			}
			for _, query := range []string{
				`UPDATE comparisons SET items = NULL WHERE paragraph % 2 = 0`,
				`UPDATE comparisons SET items = NULL`,
			} {
				if _, err := raw.Exec(query); err != nil {
					t.Fatal(err)
				}
				if d := resultDiff(mustLoad(t, db, r.Document.Name), want); d != "" {
					t.Fatalf("%s: after %s: %s", r.Document.Name, query, d)
				}
			}
		}
	})
}

// TestOpenFillsItems takes a database back to the schema before items (no
// column, its migration not recorded) and checks that opening it again
// writes the items of every comparison, which load as the rows did.
func TestOpenFillsItems(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		dsn := bk.fresh(t)
		db := mustOpenPath(t, dsn)
		results := []*analysis.Result{analyseSource(t), testResult(t, "tunis")}
		for _, r := range results {
			mustSave(t, db, r)
		}
		migration := "007_items.sql"
		if bk.Name == "postgres" {
			migration = "002_items.sql"
		}
		raw := openRaw(t, dsn)
		for _, q := range []string{
			`ALTER TABLE comparisons DROP COLUMN items`,
			`DELETE FROM migrations WHERE name = '` + migration + `'`,
		} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		again := mustOpenPath(t, dsn)
		var missing, all int
		if err := raw.QueryRow(`SELECT count(*) - count(items), count(*) FROM comparisons`).Scan(&missing, &all); err != nil {
			t.Fatal(err)
		}
		if missing != 0 || all == 0 {
			t.Errorf("%d of %d comparisons without items after opening", missing, all)
		}
		for _, r := range results {
			if d := resultDiff(mustLoad(t, again, r.Document.Name), normalize(r)); d != "" {
				t.Errorf("%s: %s", r.Document.Name, d)
			}
		}
	})
}
