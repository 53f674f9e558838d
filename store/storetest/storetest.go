// Package storetest gives tests fresh databases of each kind the store
// runs on, in the style of net/http/httptest.
//
// PostgreSQL tests use the server AMENDLENS_TEST_POSTGRES names, or else the
// one libpq's environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
// PGDATABASE) name, as pg_virtualenv sets them. When no server is
// reachable they are skipped, saying so, unless AMENDLENS_REQUIRE_POSTGRES
// is set, which makes them fail.
package storetest

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

// Kind makes fresh databases of one kind.
type Kind struct {
	Name string // "sqlite" or "postgres", the folder of its migrations
	// Fresh returns the DSN of a new, empty database that is removed at the
	// end of the test.
	Fresh func(tb testing.TB) string
}

// SQLite makes database files in the test's temporary directory.
var SQLite = Kind{"sqlite", func(tb testing.TB) string {
	return filepath.Join(tb.TempDir(), "amendlens.db")
}}

// Postgres makes a schema of its own for each database on the test server,
// and returns the server's URL with the schema as its search path. The
// schema is dropped at the end of the test.
var Postgres = Kind{"postgres", freshPostgres}

// Kinds lists every kind, SQLite first.
var Kinds = []Kind{SQLite, Postgres}

// Each runs test as a subtest on every kind of database. The PostgreSQL
// subtest is skipped, saying why, when no server is reachable (see the
// package documentation).
func Each(t *testing.T, test func(t *testing.T, k Kind)) {
	for _, k := range Kinds {
		t.Run(k.Name, func(t *testing.T) {
			if k.Name == "postgres" {
				RequirePostgres(t)
			}
			test(t, k)
		})
	}
}

// ServerURL returns the URL of the PostgreSQL server the tests use.
func ServerURL() string {
	if u := os.Getenv("AMENDLENS_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://"
}

var (
	once   sync.Once
	server *sql.DB
	errPG  error
)

// RequirePostgres skips the test when no PostgreSQL server is reachable, or
// fails it when AMENDLENS_REQUIRE_POSTGRES is set.
func RequirePostgres(tb testing.TB) {
	tb.Helper()
	once.Do(func() {
		server, errPG = sql.Open("pgx", ServerURL())
		if errPG == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			errPG = server.PingContext(ctx)
		}
	})
	if errPG == nil {
		return
	}
	msg := fmt.Sprintf("no PostgreSQL server reachable at %s (set AMENDLENS_TEST_POSTGRES, or PGHOST..., or run the tests under pg_virtualenv): %v",
		store.Redact(ServerURL()), errPG)
	if os.Getenv("AMENDLENS_REQUIRE_POSTGRES") != "" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
}

func freshPostgres(tb testing.TB) string {
	tb.Helper()
	RequirePostgres(tb)
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := server.Exec(`CREATE SCHEMA ` + schema); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if _, err := server.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			tb.Error(err)
		}
	})
	return WithParam(ServerURL(), "search_path", schema)
}

// WithParam returns the URL u with the query parameter key set to value.
func WithParam(u, key, value string) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + url.QueryEscape(key) + "=" + url.QueryEscape(value)
}

// Open opens the database dsn with database/sql alone, closed at the end of
// the test: for queries behind the store's back.
func Open(tb testing.TB, dsn string) *sql.DB {
	tb.Helper()
	driver, name := "sqlite", "file:"+dsn+"?_pragma=busy_timeout(5000)"
	if store.IsURL(dsn) {
		driver, name = "pgx", dsn
	}
	raw, err := sql.Open(driver, name)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}
