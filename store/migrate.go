package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"
)

// migrationFS holds the migrations of each dialect, in a folder named after
// it. The SQLite migrations 001 to 003 are those of the packed schema that
// databases created before PostgreSQL support hold; 004 converts them.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// migrations returns the names of the migrations of d, in order.
func (d *dialect) migrations() ([]string, error) {
	names, err := fs.Glob(migrationFS, "migrations/"+d.name+"/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// migrate applies the embedded migrations not yet recorded in the migrations
// table, each in a transaction of its own, in the order of their file names,
// and records each by its file name.
func (db *DB) migrate(ctx context.Context) error {
	const create = `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)`
	if _, err := db.writer.ExecContext(ctx, create); err != nil {
		// Two servers creating the table at once: one of them fails (on
		// PostgreSQL, with a duplicate key in the catalogue) and finds it
		// made by the other when it tries again.
		time.Sleep(100 * time.Millisecond)
		if _, err := db.writer.ExecContext(ctx, create); err != nil {
			return fmt.Errorf("create migrations table: %w", err)
		}
	}
	// Databases of the packed schema recorded their migrations with the
	// folder they were in then.
	if _, err := db.writer.ExecContext(ctx,
		`UPDATE migrations SET name = substr(name, 12) WHERE name LIKE 'migrations/%'`); err != nil {
		return fmt.Errorf("rename migrations: %w", err)
	}
	names, err := db.dialect.migrations()
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	for _, name := range names {
		if err := db.write(ctx, func(t *txn) error { return migrateFile(ctx, t, name) }); err != nil {
			return fmt.Errorf("migration %s: %w", path.Base(name), err)
		}
	}
	return nil
}

// migrateFile applies one migration unless it is recorded already. The
// record is written first: a second process applying the same migration at
// once waits on it, then finds it applied.
func migrateFile(ctx context.Context, t *txn, name string) error {
	res, err := t.exec(ctx, `INSERT INTO migrations (name) VALUES (?) ON CONFLICT (name) DO NOTHING`, path.Base(name))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err // applied already
	}
	buf, err := migrationFS.ReadFile(name)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(ctx, string(buf))
	return err
}
