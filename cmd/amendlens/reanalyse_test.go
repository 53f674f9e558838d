package main

import (
	"path/filepath"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/store/storetest"
)

// TestReanalyse: on SQLite and PostgreSQL, a stored document analysed
// again with another dictionary, or another outcome, gives every table a
// fresh ingest of the same file with that choice gives; a choice that
// does not fit is refused and changes nothing.
func TestReanalyse(t *testing.T) {
	dict := filepath.Join("..", "..", "testdata", "analysis", "dict-minimal.yaml")
	storetest.Each(t, func(t *testing.T, k storetest.Kind) {
		db, fresh, none := k.Fresh(t), k.Fresh(t), k.Fresh(t)
		for _, args := range [][]string{
			{"ingest", "-q", "-db", db, "-name", "sample", sourceDoc},
			{"ingest", "-q", "-db", fresh, "-name", "sample", "-themes", dict, sourceDoc},
			{"ingest", "-q", "-db", none, "-name", "sample", "-outcome", "none", sourceDoc},
		} {
			if _, _, err := runCmd(t, args...); err != nil {
				t.Fatal(err)
			}
		}
		before := exportAll(t, db)

		out, _, err := runCmd(t, "reanalyse", "-db", db, "-doc", "sample", "-themes", dict)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "sample") || !strings.Contains(out, "paragraphs") {
			t.Errorf("reanalyse printed %q, want the ingest summary", out)
		}
		again, want := exportAll(t, db), exportAll(t, fresh)
		for _, table := range analysis.Tables {
			if again["sample/"+table] != want["sample/"+table] {
				t.Errorf("%s after reanalyse -themes differs from a fresh ingest with the dictionary", table)
			}
		}
		if again["sample/hits"] == before["sample/hits"] {
			t.Error("another dictionary changed no hit")
		}

		// Another outcome: none, as a fresh ingest with -outcome none.
		if _, _, err := runCmd(t, "reanalyse", "-q", "-db", db, "-doc", "sample", "-themes", filepath.Join("..", "..", "analysis", "themes.yaml"), "-outcome", "none"); err != nil {
			t.Fatal(err)
		}
		again, want = exportAll(t, db), exportAll(t, none)
		for _, table := range analysis.Tables {
			if again["sample/"+table] != want["sample/"+table] {
				t.Errorf("%s after reanalyse -outcome none differs from a fresh ingest with it", table)
			}
		}

		// A variant there is none of: refused, nothing changed.
		_, _, err = runCmd(t, "reanalyse", "-db", db, "-doc", "sample", "-outcome", "Nobody")
		if exitStatus(err) != exitDataErr || !strings.Contains(err.Error(), `outcome "Nobody"`) {
			t.Errorf("-outcome Nobody: %v (status %d), want a data error naming it", err, exitStatus(err))
		}
		if after := exportAll(t, db); after["sample/verdicts"] != want["sample/verdicts"] || after["sample/hits"] != want["sample/hits"] {
			t.Error("a refused reanalysis changed the stored document")
		}
	})
}

// TestReanalyseRenames: on SQLite and PostgreSQL, a new title and new
// variant names, the base's included, change every table as the names
// alone would, keep the document's name, and a name taken twice is
// refused with nothing changed.
func TestReanalyseRenames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, k storetest.Kind) {
		db := k.Fresh(t)
		if _, _, err := runCmd(t, "ingest", "-q", "-db", db, "-name", "sample", sourceDoc); err != nil {
			t.Fatal(err)
		}
		before := exportAll(t, db)
		out, _, err := runCmd(t, "reanalyse", "-db", db, "-doc", "sample", "-title", "Tunis, round 1", "-variant-names", "Chair's draft,Caucus (GC),")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out, "Tunis, round 1 [sample] ") {
			t.Errorf("reanalyse printed %q, want the new title beside the name", out)
		}
		after := exportAll(t, db)
		rename := strings.NewReplacer("GC Proposed Text", "Caucus (GC)", ",Base,", ",Chair's draft,")
		changed := 0
		for _, table := range analysis.Tables {
			want := rename.Replace(before["sample/"+table])
			if after["sample/"+table] != want {
				t.Errorf("%s after renaming differs from the table before with the names replaced, from byte %d:\n%.300s", table, firstDiff(after["sample/"+table], want), after["sample/"+table][firstDiff(after["sample/"+table], want):])
			}
			if after["sample/"+table] != before["sample/"+table] {
				changed++
			}
		}
		if changed < 5 {
			t.Errorf("renaming changed %d tables, want the variant names in most", changed)
		}

		_, _, err = runCmd(t, "reanalyse", "-db", db, "-doc", "sample", "-variant-names", ",compromise TEXT")
		if exitStatus(err) != exitDataErr || !strings.Contains(err.Error(), "two variants") {
			t.Errorf("a name taken twice: %v (status %d), want a data error", err, exitStatus(err))
		}
		if again := exportAll(t, db); again["sample/paragraphs"] != after["sample/paragraphs"] {
			t.Error("a refused rename changed the stored document")
		}
	})
}
