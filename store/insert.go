package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"

	"amendlens/analysis"
)

// table is the name and columns of a table rows are inserted into.
type table struct {
	name string
	cols []string
}

// batchRows is how many rows one INSERT statement carries on SQLite. Each
// statement crosses into SQLite once, so batching divides the per-statement
// cost of the driver (256 rows cost 3% less than 64); 256 rows of the
// widest table, 15 values each, stay far below SQLite's limit of 32766
// parameters.
const batchRows = 256

// field is one column of a value the SQLite inserter packs: the column's
// name, how many bits of the packed value it takes, and, for a column of
// enumerated texts, the texts it may hold, of which the value carries the
// index. A shared field is a text column whose values repeat: each INSERT
// statement binds the first 2^bits texts of its rows once, and a row
// carries the index of its text among them.
type field struct {
	col    string
	bits   uint
	enum   []string
	shared bool
}

// The enumerated texts of the analysis package that the tables store, sent
// as their index in these lists.
var (
	statusTexts  = []string{string(analysis.StatusAmended), string(analysis.StatusUnchanged), string(analysis.StatusNew), string(analysis.StatusAbsent)}
	opTexts      = []string{string(analysis.OpInsert), string(analysis.OpDelete), string(analysis.OpReplace)}
	kindTexts    = []string{string(analysis.KindQualifier), string(analysis.KindClause), string(analysis.KindNewSentence), string(analysis.KindNewParagraph), string(analysis.KindDeletion), string(analysis.KindSubstitution)}
	changeTexts  = []string{string(analysis.ChangeAdded), string(analysis.ChangeRemoved)}
	verdictTexts = []string{string(analysis.VerdictAdopted), string(analysis.VerdictPartly), string(analysis.VerdictNotAdopted), string(analysis.VerdictPending)}
)

// sqlitePacks names, per table, the columns that the SQLite inserter sends
// packed in one bound value, each pack's fields from the high bits to the
// low ones (63 bits at most, so that the value is never negative), which
// the INSERT takes apart again with >>, & and a CASE over the texts of an
// enumeration or the slots of a shared field. The driver locks the
// connection's mutex and crosses into SQLite once per bound value, and a
// text costs about 2.5 times an integer (a copy into C memory, freed and
// unbound after every execution): binding was half of the cost of a save.
// A hit row binds 4 values (2 texts) rather than 12 (4 texts). The tables
// keep one column per value; only the way the values travel changes.
var sqlitePacks = map[string][][]field{
	"cells": {{num("paragraph", 31), num("variant", 31)}},
	"comparisons": {
		{num("paragraph", 24), num("variant", 12), num("ordinal", 24), oneOf("status", 3, statusTexts)},
		{num("base_words", 31), num("variant_words", 31)},
		{num("added", 31), num("deleted", 31)},
	},
	"spans": {
		{num("paragraph", 24), num("variant", 12), num("ordinal", 21), oneOf("op", 2, opTexts), oneOf("kind", 3, kindTexts)},
		{num("base_tok_start", 31), num("base_tok_end", 31)},
		{num("var_tok_start", 31), num("var_tok_end", 31)},
		{num("base_byte_start", 31), num("base_byte_end", 31)},
		{num("var_byte_start", 31), num("var_byte_end", 31)},
		{num("added", 31), num("deleted", 31)},
	},
	// A hit's theme is one of its dictionary's themes (10 in the default
	// one), of which a statement binds up to 32; a paragraph of up to 128
	// KiB fits its token and byte ranges.
	"hits": {
		{num("paragraph", 24), num("variant", 12), num("ordinal", 20), shared("theme", 5), oneOf("change", 2, changeTexts)},
		{num("tok_start", 14), num("tok_end", 14), num("byte_start", 17), num("byte_end", 17)},
	},
	"span_uptake": {{num("ordinal", 24), num("paragraph", 24), num("proposal", 12), oneOf("verdict", 3, verdictTexts)}},
}

// num is a field of integers in [0, 2^bits).
func num(col string, bits uint) field { return field{col: col, bits: bits} }

// oneOf is a field of the texts of an enumeration, of which there are at
// most 2^bits.
func oneOf(col string, bits uint, texts []string) field {
	return field{col: col, bits: bits, enum: texts}
}

// shared is a field of texts of which each INSERT binds 2^bits.
func shared(col string, bits uint) field { return field{col: col, bits: bits, shared: true} }

// insertRows inserts the rows into tb on SQLite, batchRows per INSERT
// statement. Only placeholders, integers the store formats itself and the
// texts of the analysis package's enumerations, quoted, are written into
// the SQL, from the fixed table definitions of rows.go and sqlitePacks; the
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
		ins := newInserter(conn, tb, sqlitePacks[tb.name])
		var err error
		for vals := range rows {
			if err = ins.add(ctx, vals); err != nil {
				break
			}
		}
		if err == nil {
			err = ins.flush(ctx)
		}
		if cerr := ins.close(); err == nil {
			err = cerr
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("insert into %s: %w", tb.name, err)
	}
	return nil
}

// param is one bound value of a packed row: the column at index col, or,
// when fields is set, the columns of a pack.
type param struct {
	col    int
	fields []packed
}

// packed is a field of a pack as the inserter uses it: the index of its
// column, the position of its bits in the packed value, and its
// enumeration or its slots.
type packed struct {
	col    int
	shift  uint
	max    int64 // 2^bits - 1
	enum   []string
	slot   int // shared: the index in the arguments of its first text
	shared bool
}

// code returns the bits v gives the field, and whether v fits it: an
// integer in [0, 2^bits) or a text of its enumeration.
func (f *packed) code(v any) (int64, bool) {
	if f.enum != nil {
		s, ok := v.(string)
		if !ok {
			return 0, false
		}
		for i, e := range f.enum {
			if s == e {
				return int64(i), true
			}
		}
		return 0, false
	}
	n, ok := v.(int64)
	return n, ok && n >= 0 && n <= f.max
}

// expr returns the SQL that takes the field out of the packed value c.
func (f *packed) expr(c string, top bool) string {
	e := c
	if f.shift > 0 {
		e += " >> " + strconv.FormatUint(uint64(f.shift), 10)
		if !top {
			e = "(" + e + ")"
		}
	}
	if !top {
		e += " & " + strconv.FormatInt(f.max, 10)
	}
	if f.shared {
		// The slots' placeholders come before those of VALUES in the
		// statement, so they are the first arguments.
		var b strings.Builder
		b.WriteString("CASE ")
		b.WriteString(e)
		for i := range f.max + 1 {
			b.WriteString(" WHEN ")
			b.WriteString(strconv.FormatInt(i, 10))
			b.WriteString(" THEN ?")
		}
		b.WriteString(" END")
		return b.String()
	}
	if f.enum == nil {
		return e
	}
	var b strings.Builder
	b.WriteString("CASE ")
	b.WriteString(e)
	for i, text := range f.enum {
		b.WriteString(" WHEN ")
		b.WriteString(strconv.Itoa(i))
		b.WriteString(" THEN ")
		b.WriteString(quote(text))
	}
	b.WriteString(" END")
	return b.String()
}

// quote returns s as an SQL string literal. It is only given the texts of
// the analysis package's enumerations, never a value of a row.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// inserter adds rows to one table, batchRows per INSERT statement.
//
// When the table's first column is document_id, the statements carry the
// document's id as a literal rather than a parameter (every row of a
// document's table has the same), and the packs of sqlitePacks travel
// packed. A row that does not fit this shape (another document id, a
// packed value outside its bits, a text outside its enumeration, a shared
// text that finds no free slot) is inserted at once, on its own and
// unpacked.
type inserter struct {
	conn   driver.ConnPrepareContext
	tb     table
	byDoc  bool  // the first column is document_id, written as a literal
	docID  int64 // that literal, once known
	known  bool  // docID is set, from the first row
	params []param
	full   driver.Stmt // the statement for a full batch, prepared on first use
	// args is the arguments of the next statement: the texts of the slots
	// of the shared fields, then the queued rows' values.
	args  []driver.NamedValue
	slots int         // the number of slots
	alone driver.Stmt // the statement for one unpacked row, prepared on first use
	// aloneArgs is the arguments of alone, reused.
	aloneArgs []driver.NamedValue
}

// newInserter returns an inserter into tb on conn that sends the columns of
// packs packed; it panics if packs does not fit tb.
func newInserter(conn driver.ConnPrepareContext, tb table, packs [][]field) *inserter {
	ins := &inserter{conn: conn, tb: tb}
	index := make(map[string]int)
	for i, c := range tb.cols {
		index[c] = i
	}
	first := 0
	if len(tb.cols) > 0 && tb.cols[0] == "document_id" {
		ins.byDoc, first = true, 1
	}
	inPack := make(map[int]bool)
	packAt := make(map[int]param) // by the column of its first field
	for _, fields := range packs {
		var p param
		var bits uint
		for _, f := range fields {
			bits += f.bits
		}
		if bits > 63 {
			panic("store: a pack of " + tb.name + " takes more than 63 bits")
		}
		for _, f := range fields {
			i, ok := index[f.col]
			if !ok || inPack[i] || i < first {
				panic("store: sqlitePacks names a column " + tb.name + " lacks, or one twice")
			}
			if f.enum != nil && len(f.enum) > 1<<f.bits {
				panic("store: the enumeration of " + tb.name + "." + f.col + " does not fit its bits")
			}
			bits -= f.bits
			inPack[i] = true
			p.fields = append(p.fields, packed{col: i, shift: bits, max: 1<<f.bits - 1, enum: f.enum, shared: f.shared})
		}
		p.col = p.fields[0].col
		packAt[p.col] = p
	}
	for i := first; i < len(tb.cols); i++ {
		if p, ok := packAt[i]; ok {
			ins.params = append(ins.params, p)
		} else if !inPack[i] {
			ins.params = append(ins.params, param{col: i})
		}
	}
	// The slots of the shared fields, in the order of their columns, which
	// is that of their placeholders in the statement.
	for i := range tb.cols {
		for _, p := range ins.params {
			for j := range p.fields {
				if f := &p.fields[j]; f.col == i && f.shared {
					f.slot = ins.slots
					ins.slots += int(f.max) + 1
				}
			}
		}
	}
	ins.args = make([]driver.NamedValue, ins.slots, ins.slots+batchRows*len(ins.params))
	ins.reset()
	return ins
}

// reset empties the queue and the slots of the shared fields.
func (ins *inserter) reset() {
	ins.args = ins.args[:ins.slots]
	for i := range ins.args {
		ins.args[i] = driver.NamedValue{Ordinal: i + 1}
	}
}

// slot returns the index among the slots of f of the one that holds the
// text v, giving v a free one if none does, and whether v has one.
func (ins *inserter) slot(f *packed, v any) (int64, bool) {
	if _, ok := v.(string); !ok {
		return 0, false
	}
	slots := ins.args[f.slot : f.slot+int(f.max)+1]
	for i := range slots {
		switch slots[i].Value {
		case nil:
			slots[i].Value = v
			return int64(i), true
		case v:
			return int64(i), true
		}
	}
	return 0, false
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
		if p.fields == nil {
			exprs[p.col] = c
			continue
		}
		for j := range p.fields {
			f := &p.fields[j]
			exprs[f.col] = f.expr(c, j == 0)
		}
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
		if p.fields != nil {
			var x int64
			for j := range p.fields {
				f := &p.fields[j]
				var c int64
				var ok bool
				if f.shared {
					c, ok = ins.slot(f, vals[f.col])
				} else {
					c, ok = f.code(vals[f.col])
				}
				if !ok {
					ins.args = ins.args[:n]
					return ins.addAlone(ctx, vals)
				}
				x |= c << f.shift
			}
			v = x
		}
		ins.args = append(ins.args, driver.NamedValue{Ordinal: len(ins.args) + 1, Value: v})
	}
	if len(ins.args) < ins.slots+batchRows*len(ins.params) {
		return nil
	}
	if ins.full == nil {
		st, err := ins.conn.PrepareContext(ctx, ins.query(batchRows))
		if err != nil {
			return err
		}
		ins.full = st
	}
	err := execStmt(ctx, ins.full, ins.args)
	ins.reset()
	return err
}

// addAlone inserts vals in a statement of its own with one parameter per
// column, prepared once. The rows still queued are inserted later: the
// tables' primary keys, not the order of insertion, order their rows.
func (ins *inserter) addAlone(ctx context.Context, vals []any) error {
	if ins.alone == nil {
		var b strings.Builder
		b.WriteString("INSERT INTO " + ins.tb.name + " (" + strings.Join(ins.tb.cols, ", ") + ") ")
		writeValues(&b, 1, len(ins.tb.cols))
		st, err := ins.conn.PrepareContext(ctx, b.String())
		if err != nil {
			return err
		}
		ins.alone = st
	}
	args := ins.aloneArgs[:0]
	for i, v := range vals {
		args = append(args, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	ins.aloneArgs = args
	return execStmt(ctx, ins.alone, args)
}

// flush inserts the rows still queued.
func (ins *inserter) flush(ctx context.Context) error {
	if len(ins.args) == ins.slots {
		return nil
	}
	st, err := ins.conn.PrepareContext(ctx, ins.query((len(ins.args)-ins.slots)/len(ins.params)))
	if err != nil {
		return err
	}
	err = execStmt(ctx, st, ins.args)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	ins.reset()
	return err
}

// close closes the statements ins prepared.
func (ins *inserter) close() error {
	var err error
	for _, st := range []driver.Stmt{ins.full, ins.alone} {
		if st != nil {
			if cerr := st.Close(); err == nil {
				err = cerr
			}
		}
	}
	return err
}

// execStmt runs st with args.
func execStmt(ctx context.Context, st driver.Stmt, args []driver.NamedValue) error {
	ex, ok := st.(driver.StmtExecContext)
	if !ok {
		return fmt.Errorf("driver statement %T cannot execute with a context", st)
	}
	_, err := ex.ExecContext(ctx, args)
	return err
}
