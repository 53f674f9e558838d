package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// batchRows is how many rows one INSERT statement carries. Each statement
// crosses into SQLite once, so batching divides the per-statement cost of the
// driver; 64 rows of the widest table stay far below SQLite's limit of 32766
// parameters.
const batchRows = 64

// inserter adds rows to one table inside a transaction, several rows per
// INSERT statement. Only placeholders are written into the SQL; values are
// always bound as parameters.
type inserter struct {
	tx    *sql.Tx
	table string
	cols  []string
	batch int
	full  *sql.Stmt // the statement for a full batch, prepared once
	args  []any
	rows  int
}

// newInserter prepares the insertion of batch rows at a time into table.
func newInserter(ctx context.Context, tx *sql.Tx, table string, cols []string, batch int) (*inserter, error) {
	ins := &inserter{tx: tx, table: table, cols: cols, batch: batch, args: make([]any, 0, batch*len(cols))}
	stmt, err := tx.PrepareContext(ctx, ins.query(batch))
	if err != nil {
		return nil, fmt.Errorf("prepare insert into %s: %w", table, err)
	}
	ins.full = stmt
	return ins, nil
}

// query returns the INSERT statement for n rows.
func (ins *inserter) query(n int) string {
	row := "(" + strings.Repeat("?, ", len(ins.cols)-1) + "?)"
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(ins.table)
	b.WriteString(" (")
	b.WriteString(strings.Join(ins.cols, ", "))
	b.WriteString(") VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// add queues one row, whose values are in the order of the columns, and
// inserts the batch when it is full.
func (ins *inserter) add(ctx context.Context, vals ...any) error {
	if len(vals) != len(ins.cols) {
		return fmt.Errorf("insert into %s: %d values for %d columns", ins.table, len(vals), len(ins.cols))
	}
	ins.args = append(ins.args, vals...)
	ins.rows++
	if ins.rows < ins.batch {
		return nil
	}
	_, err := ins.full.ExecContext(ctx, ins.args...)
	ins.args, ins.rows = ins.args[:0], 0
	if err != nil {
		return fmt.Errorf("insert into %s: %w", ins.table, err)
	}
	return nil
}

// flush inserts the rows still queued.
func (ins *inserter) flush(ctx context.Context) error {
	if ins.rows == 0 {
		return nil
	}
	_, err := ins.tx.ExecContext(ctx, ins.query(ins.rows), ins.args...)
	ins.args, ins.rows = ins.args[:0], 0
	if err != nil {
		return fmt.Errorf("insert into %s: %w", ins.table, err)
	}
	return nil
}

// close flushes the queued rows and releases the prepared statement.
func (ins *inserter) close(ctx context.Context) error {
	err := ins.flush(ctx)
	if cerr := ins.full.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("insert into %s: %w", ins.table, cerr)
	}
	return err
}
