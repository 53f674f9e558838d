package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

func TestRebind(t *testing.T) {
	tests := []struct{ in, sqlite, postgres string }{
		{"SELECT 1", "SELECT 1", "SELECT 1"},
		{"SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"},
	}
	for _, tt := range tests {
		if got := sqliteDialect.rebind(tt.in); got != tt.sqlite {
			t.Errorf("sqlite rebind(%q) = %q, want %q", tt.in, got, tt.sqlite)
		}
		if got := postgresDialect.rebind(tt.in); got != tt.postgres {
			t.Errorf("postgres rebind(%q) = %q, want %q", tt.in, got, tt.postgres)
		}
	}
}

// TestWriteRetries runs write transactions that fail for want of
// serialization: they are run again until they succeed, at most
// maxAttempts times, and other errors are returned at once.
func TestWriteRetries(t *testing.T) {
	ctx := context.Background()
	db, err := openSQLite(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d := *sqliteDialect
	d.retryable = postgresRetryable
	db.dialect = &d
	serialization := &pgconn.PgError{Code: "40001", Message: "could not serialize access"}

	tests := []struct {
		name      string
		failures  int   // runs that fail before one succeeds
		fail      error // the error of a failed run
		wantRuns  int
		wantError error
	}{
		{"succeeds at once", 0, serialization, 1, nil},
		{"succeeds on the third run", 2, serialization, 3, nil},
		{"never succeeds", 100, serialization, maxAttempts, errConflict},
		{"a unique violation of a concurrent save", 1, &pgconn.PgError{Code: "23505"}, 2, nil},
		{"not a serialization failure", 100, errors.New("disk full"), 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs := 0
			err := db.write(ctx, func(*txn) error {
				runs++
				if runs <= tt.failures {
					return tt.fail
				}
				return nil
			})
			if runs != tt.wantRuns {
				t.Errorf("%d runs, want %d", runs, tt.wantRuns)
			}
			switch {
			case tt.wantError != nil && !errors.Is(err, tt.wantError):
				t.Errorf("error %v, want %v", err, tt.wantError)
			case tt.wantError == nil && tt.failures < tt.wantRuns && err != nil:
				t.Errorf("error %v, want none", err)
			case tt.failures >= 100 && err == nil:
				t.Error("no error")
			}
		})
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ dsn, want, secret string }{
		{"amendlens.db", "amendlens.db", ""},
		{"postgres://u:s3cret@db.example.org:5432/x?sslmode=require", "postgres://u:xxxxx@db.example.org:5432/x?sslmode=require", "s3cret"},
		{"postgresql://u@h/x", "postgresql://u@h/x", ""},
		{"postgres://h/x?user=u&password=s3cret&sslmode=disable", "postgres://h/x?password=xxxxx&sslmode=disable&user=u", "s3cret"},
		{"postgres://u:s3cret@[::1", "postgres://...", "s3cret"},
	}
	for _, tt := range tests {
		got := Redact(tt.dsn)
		if got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.dsn, got, tt.want)
		}
		if tt.secret == "" {
			continue
		}
		err := redactError(errors.New("cannot reach "+tt.dsn+" as "+tt.secret), tt.dsn)
		if strings.Contains(err.Error(), tt.secret) {
			t.Errorf("redactError for %q leaves the password: %v", tt.dsn, err)
		}
	}
}
