package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"

	"amendlens/analysis"
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
	if _, err = t.tx.ExecContext(ctx, string(buf)); err != nil {
		return err
	}
	if step := migrationSteps[name]; step != nil {
		return step(ctx, t)
	}
	return nil
}

// migrationSteps are the parts of migrations written in Go, by the file
// they follow, run in its transaction.
var migrationSteps = map[string]func(context.Context, *txn) error{
	"migrations/sqlite/007_items.sql":   fillItems,
	"migrations/postgres/002_items.sql": fillItems,
}

// fillItems writes the items of the comparisons of every stored document,
// read from their columns and the rows of spans and hits, so that a
// database saved before comparisons had items loads as fast as a new one.
// A document that does not load keeps no items, and loads (or fails to) as
// before.
func fillItems(ctx context.Context, t *txn) error {
	type doc struct {
		id   int64
		name string
	}
	var docs []doc
	rows, err := t.query(ctx, `SELECT id, name FROM documents ORDER BY id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.id, &d.name); err != nil {
			rows.Close()
			return err
		}
		docs = append(docs, d)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, d := range docs {
		r, err := load(ctx, t, d.name)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			continue
		}
		if err := writeItems(ctx, t, d.id, r.Comparisons); err != nil {
			return fmt.Errorf("items of %s: %w", d.name, err)
		}
	}
	return nil
}

// writeItems sets the items of the comparisons cs of the document docID:
// on PostgreSQL in one statement, of arrays (a statement per comparison
// took 5 s for the 60,000 of a 20 MB text), on SQLite one prepared
// statement per comparison.
func writeItems(ctx context.Context, t *txn, docID int64, cs []analysis.Comparison) error {
	var enc itemsEncoder
	if t.d == postgresDialect {
		paras, vars := make([]int64, len(cs)), make([]int64, len(cs))
		items := make([][]byte, len(cs))
		for i := range cs {
			paras[i], vars[i], items[i] = int64(cs[i].Paragraph), int64(cs[i].Variant), enc.encode(&cs[i])
		}
		_, err := t.exec(ctx, `UPDATE comparisons AS c SET items = u.items
			FROM unnest(?::bigint[], ?::bigint[], ?::bytea[]) AS u (paragraph, variant, items)
			WHERE c.document_id = ? AND c.paragraph = u.paragraph AND c.variant = u.variant`, paras, vars, items, docID)
		return err
	}
	st, err := t.tx.PrepareContext(ctx, t.d.rebind(
		`UPDATE comparisons SET items = ? WHERE document_id = ? AND paragraph = ? AND variant = ?`))
	if err != nil {
		return err
	}
	defer st.Close()
	for i := range cs {
		c := &cs[i]
		if _, err := st.ExecContext(ctx, enc.encode(c), docID, c.Paragraph, c.Variant); err != nil {
			return err
		}
	}
	return nil
}
