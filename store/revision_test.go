package store_test

import (
	"context"
	"testing"

	"amendlens/store"
)

// TestChanged checks that Changed moves with every committed write, from
// this DB or another one on the same file (as another process would be),
// and stays put between writes.
func TestChanged(t *testing.T) {
	forEachDB(t, testChanged)
}

func testChanged(t *testing.T, bk backend) {
	ctx := context.Background()
	path := bk.fresh(t)
	db := mustOpenPath(t, path)
	other := mustOpenPath(t, path)
	changed := func(db *store.DB) uint64 {
		t.Helper()
		v, err := db.Changed(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v0 := changed(db)
	if v := changed(db); v != v0 {
		t.Fatalf("Changed moved from %d to %d without a write", v0, v)
	}
	mustSave(t, db, testResult(t, "a"))
	v1 := changed(db)
	if v1 == v0 {
		t.Errorf("Changed is %d after a save of its own DB", v1)
	}
	mustSave(t, other, testResult(t, "b"))
	v2 := changed(db)
	if v2 == v1 {
		t.Errorf("Changed is %d after a save through another DB on the file", v2)
	}
	if err := other.Delete(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	v3 := changed(db)
	if v3 == v2 {
		t.Errorf("Changed is %d after a delete through another DB on the file", v3)
	}
	if v := changed(db); v != v3 {
		t.Errorf("Changed moved from %d to %d without a write", v3, v)
	}
	// Reading is not writing.
	if _, err := db.Documents(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Load(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	if v := changed(db); v != v3 {
		t.Errorf("Changed moved from %d to %d after reads", v3, v)
	}

	if bk.Name != "sqlite" {
		return
	}
	mem, err := store.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	m0 := changed(mem)
	if m := changed(mem); m != m0 {
		t.Fatalf("in memory: Changed moved from %d to %d without a write", m0, m)
	}
	mustSave(t, mem, testResult(t, "a"))
	if m := changed(mem); m == m0 {
		t.Errorf("in memory: Changed is %d after a save", m)
	}
}
