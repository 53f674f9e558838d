package store_test

import (
	"database/sql"
	"testing"

	"amendlens/store"
	"amendlens/store/storetest"
)

// backend makes fresh databases of one kind for the tests that run on
// every kind.
type backend struct{ storetest.Kind }

// open opens a fresh database, closed at the end of the test.
func (b backend) open(tb testing.TB) *store.DB {
	tb.Helper()
	return mustOpenPath(tb, b.fresh(tb))
}

// fresh returns the DSN of a fresh database.
func (b backend) fresh(tb testing.TB) string { return b.Fresh(tb) }

// forEachDB runs test as a subtest on SQLite and on PostgreSQL (see
// storetest.Each).
func forEachDB(t *testing.T, test func(t *testing.T, bk backend)) {
	storetest.Each(t, func(t *testing.T, k storetest.Kind) { test(t, backend{k}) })
}

// openRaw opens the database dsn with database/sql alone.
func openRaw(t *testing.T, dsn string) *sql.DB { return storetest.Open(t, dsn) }
