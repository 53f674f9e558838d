package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"
)

// table is the name and columns of a table rows are inserted into.
type table struct {
	name string
	cols []string
}

// batchRows is how many rows one INSERT statement carries on SQLite. Each
// statement crosses into SQLite once, so batching divides the per-statement
// cost of the driver; 64 rows of the widest table stay far below SQLite's
// limit of 32766 parameters.
const batchRows = 64

// insertRows inserts the rows into tb on SQLite, batchRows per INSERT
// statement. Only placeholders are written into the SQL, from the fixed
// table definitions of rows.go; values are always bound as parameters.
//
// The statements run on the driver's connection of t, inside t's
// transaction, rather than through database/sql, whose checks and copies
// of each of a million rows' arguments cost more than SQLite's insert.
// The values must be driver.Values: int64, float64, bool, string, []byte or
// nil.
func insertRows(ctx context.Context, t *txn, tb table, rows func(yield func([]any) bool)) error {
	err := t.conn.Raw(func(dc any) error {
		conn, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return fmt.Errorf("driver connection %T cannot prepare", dc)
		}
		ins := &inserter{conn: conn, tb: tb, args: make([]driver.NamedValue, 0, batchRows*len(tb.cols))}
		var err error
		for vals := range rows {
			if err = ins.add(ctx, vals); err != nil {
				break
			}
		}
		if err == nil {
			err = ins.flush(ctx)
		}
		if ins.full != nil {
			if cerr := ins.full.Close(); err == nil {
				err = cerr
			}
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("insert into %s: %w", tb.name, err)
	}
	return nil
}

// inserter adds rows to one table, batchRows per INSERT statement.
type inserter struct {
	conn driver.ConnPrepareContext
	tb   table
	full driver.Stmt // the statement for a full batch, prepared on first use
	args []driver.NamedValue
}

// query returns the INSERT statement for n rows.
func (ins *inserter) query(n int) string {
	row := "(" + strings.Repeat("?, ", len(ins.tb.cols)-1) + "?)"
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(ins.tb.name)
	b.WriteString(" (")
	b.WriteString(strings.Join(ins.tb.cols, ", "))
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
func (ins *inserter) add(ctx context.Context, vals []any) error {
	if len(vals) != len(ins.tb.cols) {
		return fmt.Errorf("%d values for %d columns", len(vals), len(ins.tb.cols))
	}
	for _, v := range vals {
		ins.args = append(ins.args, driver.NamedValue{Ordinal: len(ins.args) + 1, Value: v})
	}
	if len(ins.args) < batchRows*len(ins.tb.cols) {
		return nil
	}
	if ins.full == nil {
		st, err := ins.conn.PrepareContext(ctx, ins.query(batchRows))
		if err != nil {
			return err
		}
		ins.full = st
	}
	return ins.exec(ctx, ins.full)
}

// flush inserts the rows still queued.
func (ins *inserter) flush(ctx context.Context) error {
	if len(ins.args) == 0 {
		return nil
	}
	st, err := ins.conn.PrepareContext(ctx, ins.query(len(ins.args)/len(ins.tb.cols)))
	if err != nil {
		return err
	}
	err = ins.exec(ctx, st)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

// exec runs st with the queued rows and empties the queue.
func (ins *inserter) exec(ctx context.Context, st driver.Stmt) error {
	ex, ok := st.(driver.StmtExecContext)
	if !ok {
		return fmt.Errorf("driver statement %T cannot execute with a context", st)
	}
	_, err := ex.ExecContext(ctx, ins.args)
	ins.args = ins.args[:0]
	return err
}
