package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strconv"
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

// sqlitePairs names, per table, the pairs of integer columns that the
// SQLite inserter sends as one bound value, the first of the pair in the
// high 32 bits and the second in the low 32 bits, which the INSERT splits
// again with >> and &. The driver locks the connection's mutex and crosses
// into SQLite once per bound value, which made binding half of the cost of
// a save: a hit row binds 8 values rather than 12. The tables keep one
// column per value; only the way the values travel changes.
var sqlitePairs = map[string][][2]string{
	"cells":       {{"paragraph", "variant"}},
	"comparisons": {{"paragraph", "variant"}, {"base_words", "variant_words"}, {"added", "deleted"}},
	"spans": {{"paragraph", "variant"}, {"base_tok_start", "base_tok_end"}, {"var_tok_start", "var_tok_end"},
		{"base_byte_start", "base_byte_end"}, {"var_byte_start", "var_byte_end"}, {"added", "deleted"}},
	"hits": {{"paragraph", "variant"}, {"tok_start", "tok_end"}, {"byte_start", "byte_end"}},
}

// insertRows inserts the rows into tb on SQLite, batchRows per INSERT
// statement. Only placeholders and integers the store formats itself are
// written into the SQL, from the fixed table definitions of rows.go; the
// values of the rows are always bound as parameters.
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
		ins := newInserter(conn, tb)
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

// param is what one bound value of a packed row carries: the column at
// index col, or, when lo >= 0, the columns col and lo packed.
type param struct {
	col, lo int // lo < 0: a single column
}

// inserter adds rows to one table, batchRows per INSERT statement.
//
// When the table's first column is document_id, the statements carry the
// document's id as a literal rather than a parameter (every row of a
// document's table has the same), and the pairs of sqlitePairs travel
// packed. A row that does not fit this shape (another document id, a
// paired value outside [0, 2^31)) is inserted on its own, unpacked.
type inserter struct {
	conn   driver.ConnPrepareContext
	tb     table
	byDoc  bool  // the first column is document_id, written as a literal
	docID  int64 // that literal, once known
	known  bool  // docID is set, from the first row
	params []param
	full   driver.Stmt // the statement for a full batch, prepared on first use
	args   []driver.NamedValue
}

func newInserter(conn driver.ConnPrepareContext, tb table) *inserter {
	ins := &inserter{conn: conn, tb: tb}
	lo := make(map[int]int) // high column -> low column
	isLo := make(map[int]bool)
	index := make(map[string]int)
	for i, c := range tb.cols {
		index[c] = i
	}
	for _, p := range sqlitePairs[tb.name] {
		hi, ok1 := index[p[0]]
		l, ok2 := index[p[1]]
		if !ok1 || !ok2 {
			panic("store: sqlitePairs names a column " + tb.name + " lacks")
		}
		lo[hi], isLo[l] = l, true
	}
	first := 0
	if len(tb.cols) > 0 && tb.cols[0] == "document_id" {
		ins.byDoc, first = true, 1
	}
	for i := first; i < len(tb.cols); i++ {
		if isLo[i] {
			continue
		}
		if l, ok := lo[i]; ok {
			ins.params = append(ins.params, param{i, l})
		} else {
			ins.params = append(ins.params, param{i, -1})
		}
	}
	ins.args = make([]driver.NamedValue, 0, batchRows*len(ins.params))
	return ins
}

// query returns the INSERT statement for n packed rows.
func (ins *inserter) query(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(ins.tb.name)
	b.WriteString(" (")
	b.WriteString(strings.Join(ins.tb.cols, ", "))
	b.WriteString(") ")
	if len(ins.params) == len(ins.tb.cols) {
		writeValues(&b, n, len(ins.params))
		return b.String()
	}
	exprs := make([]string, len(ins.tb.cols))
	if ins.byDoc {
		exprs[0] = strconv.FormatInt(ins.docID, 10)
	}
	for k, p := range ins.params {
		c := "column" + strconv.Itoa(k+1)
		if p.lo < 0 {
			exprs[p.col] = c
			continue
		}
		exprs[p.col] = c + " >> 32"
		exprs[p.lo] = c + " & 4294967295"
	}
	b.WriteString("SELECT ")
	b.WriteString(strings.Join(exprs, ", "))
	b.WriteString(" FROM (")
	writeValues(&b, n, len(ins.params))
	b.WriteString(")")
	return b.String()
}

// writeValues writes VALUES with n rows of k placeholders.
func writeValues(b *strings.Builder, n, k int) {
	row := "(" + strings.Repeat("?, ", k-1) + "?)"
	b.WriteString("VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
}

// pack returns hi and lo in one int64, and whether both were integers in
// [0, 2^31).
func pack(hi, lo any) (int64, bool) {
	h, ok1 := hi.(int64)
	l, ok2 := lo.(int64)
	if !ok1 || !ok2 || h < 0 || h >= 1<<31 || l < 0 || l >= 1<<31 {
		return 0, false
	}
	return h<<32 | l, true
}

// add queues one row, whose values are in the order of the columns, and
// inserts the batch when it is full.
func (ins *inserter) add(ctx context.Context, vals []any) error {
	if len(vals) != len(ins.tb.cols) {
		return fmt.Errorf("%d values for %d columns", len(vals), len(ins.tb.cols))
	}
	if ins.byDoc {
		if !ins.known {
			id, ok := vals[0].(int64)
			if !ok {
				return ins.addAlone(ctx, vals)
			}
			ins.docID, ins.known = id, true
		}
		if vals[0] != any(ins.docID) {
			return ins.addAlone(ctx, vals)
		}
	}
	n := len(ins.args)
	for _, p := range ins.params {
		v := vals[p.col]
		if p.lo >= 0 {
			x, ok := pack(v, vals[p.lo])
			if !ok {
				ins.args = ins.args[:n]
				return ins.addAlone(ctx, vals)
			}
			v = x
		}
		ins.args = append(ins.args, driver.NamedValue{Ordinal: len(ins.args) + 1, Value: v})
	}
	if len(ins.args) < batchRows*len(ins.params) {
		return nil
	}
	if ins.full == nil {
		st, err := ins.conn.PrepareContext(ctx, ins.query(batchRows))
		if err != nil {
			return err
		}
		ins.full = st
	}
	return ins.exec(ctx, ins.full, ins.args)
}

// addAlone inserts the queued rows, then vals in a statement of its own
// with one parameter per column.
func (ins *inserter) addAlone(ctx context.Context, vals []any) error {
	if err := ins.flush(ctx); err != nil {
		return err
	}
	args := make([]driver.NamedValue, len(vals))
	for i, v := range vals {
		args[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + ins.tb.name + " (" + strings.Join(ins.tb.cols, ", ") + ") ")
	writeValues(&b, 1, len(vals))
	return ins.run(ctx, b.String(), args)
}

// flush inserts the rows still queued.
func (ins *inserter) flush(ctx context.Context) error {
	if len(ins.args) == 0 {
		return nil
	}
	err := ins.run(ctx, ins.query(len(ins.args)/len(ins.params)), ins.args)
	ins.args = ins.args[:0]
	return err
}

// run prepares query, runs it with args and closes it.
func (ins *inserter) run(ctx context.Context, query string, args []driver.NamedValue) error {
	st, err := ins.conn.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	err = ins.exec(ctx, st, args)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

// exec runs st with args and empties the queue.
func (ins *inserter) exec(ctx context.Context, st driver.Stmt, args []driver.NamedValue) error {
	ex, ok := st.(driver.StmtExecContext)
	if !ok {
		return fmt.Errorf("driver statement %T cannot execute with a context", st)
	}
	_, err := ex.ExecContext(ctx, args)
	ins.args = ins.args[:0]
	return err
}
