package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"testing"
)

// Every pack of sqlitePacks names columns its table has, once, in at most
// 63 bits, with room for the codes of its enumerations: newInserter panics
// otherwise.
func TestSQLitePacksFitTables(t *testing.T) {
	tables := make(map[string]table)
	for _, f := range fillers {
		tables[f.table.name] = f.table
	}
	for name, packs := range sqlitePacks {
		tb, ok := tables[name]
		if !ok {
			t.Errorf("sqlitePacks names table %s, which no filler fills", name)
			continue
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: %v", name, p)
				}
			}()
			ins := newInserter(nil, tb, packs)
			n := 0
			for _, p := range ins.params {
				n += max(len(p.fields), 1)
			}
			if n != len(tb.cols)-1 {
				t.Errorf("%s: %d bound values carry %d columns, want %d", name, len(ins.params), n, len(tb.cols)-1)
			}
		}()
	}
}

// Values that fit the bits of their field, up to the largest, travel packed
// and read back as they were; a row with a value outside its field (too
// large, negative, not an integer, a text outside the enumeration, a
// shared text when the statement's slots are taken) is inserted on its own
// and reads back as it was too, whether it comes first, between packed
// rows or last (the rows still queued are inserted after it).
func TestInsertPackedBoundaries(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE t (document_id INTEGER NOT NULL, a INTEGER NOT NULL,
		b INTEGER NOT NULL, e TEXT NOT NULL, c INTEGER NOT NULL, h TEXT, s TEXT NOT NULL, x INTEGER, y REAL,
		k INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	tb := table{"t", []string{"document_id", "a", "b", "e", "c", "h", "s", "x", "y", "k"}}
	// The fields in another order than the columns, a quote in an
	// enumerated text, 4 slots for h.
	packs := [][]field{
		{num("b", 3), oneOf("e", 2, []string{"one", "it's", "three"}), num("a", 5)},
		{shared("h", 2), num("c", 60)},
	}
	type row struct {
		vals   []any
		packed bool
	}
	one := func(a, b int64, e string, c int64, h any, s string) []any {
		return []any{int64(1), a, b, e, c, h, s, nil, nil}
	}
	want := []row{
		{[]any{int64(1), int64(32), int64(0), "one", int64(0), "p", "a too large, first", int64(-1), 0.5}, false},
		{[]any{int64(1), int64(31), int64(7), "it's", int64(1<<60 - 1), "p", "the largest of each", nil, nil}, true},
		{[]any{int64(1), int64(0), int64(0), "three", int64(0), "", "", int64(1 << 62), 1.5}, true},
		{one(3, 8, "one", 5, "p", "b too large"), false},
		{one(3, -1, "one", 5, "p", "b negative"), false},
		{one(3, 2, "four", 5, "p", "not enumerated"), false},
		{one(3, 2, "One", 5, "p", "case differs"), false},
		{one(3, 2, "three", 1<<60, "q", "c too large"), false}, // q takes a slot all the same
		{[]any{int64(2), int64(3), int64(2), "three", int64(5), "p", "another document", nil, nil}, false},
		{one(3, 2, "three", 6, "r", "the fourth slot"), true},
		{one(3, 2, "three", 7, "q", "q has its slot"), true},
		{one(3, 2, "three", 7, "s", "no slot left"), false},
		{one(3, 2, "three", 7, nil, "not a text"), false},
		{one(-5, 2, "three", 7, "p", "a negative"), false},
	}
	for k := range batchRows + 3 { // a full batch and the rest
		want = append(want, row{[]any{int64(1), int64(k % 32), int64(k % 8), []string{"one", "it's", "three"}[k%3],
			int64(k) << 40, []string{"p", ""}[k%2], fmt.Sprint("row ", k), int64(k), nil}, true})
	}
	want = append(want,
		row{one(3, 2, "three", 8, "s", "a slot in the next statement"), true},
		row{one(3, 2, "three", -1, "p", "c negative, last"), false})
	for k := range want {
		want[k].vals = append(want[k].vals, int64(k))
	}
	err = conn.Raw(func(dc any) error {
		ins := newInserter(dc.(driver.ConnPrepareContext), tb, packs)
		vals := make([]any, len(tb.cols))
		for k, w := range want {
			copy(vals, w.vals) // the inserter gets a slice reused for every row
			n := len(ins.args)
			if err := ins.add(ctx, vals); err != nil {
				return err
			}
			if packed := len(ins.args) != n; packed != w.packed {
				t.Errorf("row %d (%s): packed %v, want %v", k, w.vals[6], packed, w.packed)
			}
		}
		err := ins.flush(ctx)
		if cerr := ins.close(); err == nil {
			err = cerr
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT document_id, a, b, e, c, h, s, x, y, k FROM t ORDER BY k`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got [][]any
	for rows.Next() {
		row := make([]any, len(tb.cols))
		ptrs := make([]any, len(row))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		got = append(got, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows read back, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i].vals) {
			t.Errorf("row %d: read back %#v, want %#v", i, got[i], want[i].vals)
		}
	}
}
