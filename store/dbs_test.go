package store_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"amendlens/store"
)

// backend makes fresh databases of one kind for the tests that run on
// every kind.
type backend struct {
	name string // "sqlite" or "postgres", the folder of its migrations
	// fresh returns the DSN of a new, empty database that goes at the end
	// of the test.
	fresh func(tb testing.TB) string
}

// open opens a fresh database, closed at the end of the test.
func (b backend) open(tb testing.TB) *store.DB {
	tb.Helper()
	return mustOpenPath(tb, b.fresh(tb))
}

var sqliteBackend = backend{"sqlite", func(tb testing.TB) string {
	return filepath.Join(tb.TempDir(), "amendlens.db")
}}

var postgresBackend = backend{"postgres", freshPostgres}

// forEachDB runs test as a subtest on SQLite and on PostgreSQL. The
// PostgreSQL subtest is skipped, saying why, when no server is reachable,
// unless AMENDLENS_REQUIRE_POSTGRES is set.
func forEachDB(t *testing.T, test func(t *testing.T, bk backend)) {
	for _, b := range []backend{sqliteBackend, postgresBackend} {
		t.Run(b.name, func(t *testing.T) {
			if b.name == "postgres" {
				requirePostgres(t)
			}
			test(t, b)
		})
	}
}

// postgresURL returns the server the tests use: AMENDLENS_TEST_POSTGRES, or
// else the one libpq's environment variables (PGHOST, PGPORT, PGUSER,
// PGPASSWORD, PGDATABASE, as pg_virtualenv sets them) name.
func postgresURL() string {
	if u := os.Getenv("AMENDLENS_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://"
}

var (
	pgOnce   sync.Once
	pgServer *sql.DB
	pgErr    error
)

// requirePostgres skips t when no PostgreSQL server is reachable, or fails it
// when AMENDLENS_REQUIRE_POSTGRES is set.
func requirePostgres(tb testing.TB) {
	tb.Helper()
	pgOnce.Do(func() {
		pgServer, pgErr = sql.Open("pgx", postgresURL())
		if pgErr == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			pgErr = pgServer.PingContext(ctx)
		}
	})
	if pgErr == nil {
		return
	}
	msg := fmt.Sprintf("no PostgreSQL server reachable at %s (set AMENDLENS_TEST_POSTGRES or PGHOST..., or run the tests under pg_virtualenv): %v",
		store.Redact(postgresURL()), pgErr)
	if os.Getenv("AMENDLENS_REQUIRE_POSTGRES") != "" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
}

// freshPostgres creates a schema of its own for the test and returns the
// URL of the test server with the schema as its search path. The schema is
// dropped at the end of the test.
func freshPostgres(tb testing.TB) string {
	tb.Helper()
	requirePostgres(tb)
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := pgServer.Exec(`CREATE SCHEMA ` + schema); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if _, err := pgServer.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			tb.Error(err)
		}
	})
	base := postgresURL()
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + url.QueryEscape(schema)
}
