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
// it, applied in the order of their names and recorded by name.
//
// SQLite's 001 to 007 are history: 001 to 005 build the packed schema that
// files made before PostgreSQL support hold, 006 converts it to the
// relational schema PostgreSQL's 001 starts from, and 007 and PostgreSQL's
// 002 add the comparisons' packed items, which 009 drops with every stored
// figure. Two of those steps share the number 004 (004_hidden, 004_title,
// made on two lines of work at once) and keep it: a step is recorded by its
// file's name, so a renamed step would be applied again to every database
// that has it, and there is no free number to give: 004_title must run before 006,
// which reads its column, and 005 to 014 are taken, from 008 in both
// dialects. From 008 on each step has one number, the same in both
// dialects (TestMigrationsHaveTwins).
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
	"migrations/sqlite/008_inputs.sql":   fillJoins,
	"migrations/postgres/008_inputs.sql": fillJoins,
}

// fillJoins writes the joins of the documents saved before they were
// stored, from the statuses of their comparisons: in a variant that is no
// version (its merges are in its alignment), a paragraph "merged" joins
// the join of the paragraph before it that is not, as the reader of
// tracked changes joins a paragraph whose mark before it was deleted.
func fillJoins(ctx context.Context, t *txn) error {
	type row struct {
		doc          int64
		para, v      int
		id, status   string
		versionOfDoc bool
	}
	rows, err := t.query(ctx, `SELECT c.document_id, c.paragraph, c.variant, p.paragraph, c.status,
		EXISTS (SELECT 1 FROM alignment a WHERE a.document_id = c.document_id AND a.variant = c.variant)
		FROM comparisons c JOIN paragraphs p ON p.document_id = c.document_id AND p.ordinal = c.paragraph
		ORDER BY c.document_id, c.variant, c.paragraph`)
	if err != nil {
		return err
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.doc, &r.para, &r.v, &r.id, &r.status, &r.versionOfDoc); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	joins := map[int64]*analysis.Document{} // per document, its joins
	var order []int64
	root := -1 // index in all of the row the next merged row joins
	for i, r := range all {
		if i > 0 && (all[i-1].doc != r.doc || all[i-1].v != r.v) {
			root = -1
		}
		if r.versionOfDoc || r.status != string(analysis.StatusMerged) {
			root = i
			continue
		}
		if root < 0 {
			continue
		}
		d := joins[r.doc]
		if d == nil {
			d = &analysis.Document{}
			joins[r.doc] = d
			order = append(order, r.doc)
		}
		if n := len(d.Joins); n == 0 || d.Joins[n-1].Variant != r.v || d.Joins[n-1].Paragraphs[0] != all[root].id {
			d.Joins = append(d.Joins, analysis.Join{Variant: r.v, Paragraphs: []string{all[root].id}})
		}
		j := &d.Joins[len(d.Joins)-1]
		j.Paragraphs = append(j.Paragraphs, r.id)
	}
	for _, doc := range order {
		if err := t.d.bulk(ctx, t, joinsFiller.table, joinsFiller.rows(doc, joins[doc])); err != nil {
			return err
		}
	}
	return nil
}
