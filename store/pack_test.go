package store

import (
	"context"
	"database/sql"
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
// large, negative, not an integer, a text outside the enumeration) is
// inserted on its own and reads back as it was too, whether it comes
// first, between packed rows or last (the rows still queued are inserted
// after it).
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
		b INTEGER NOT NULL, e TEXT NOT NULL, c INTEGER NOT NULL, s TEXT NOT NULL, x INTEGER, y REAL,
		k INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	tb := table{"t", []string{"document_id", "a", "b", "e", "c", "s", "x", "y", "k"}}
	// The fields in another order than the columns, and a quote in an
	// enumerated text.
	packs := [][]field{{{"b", 3, nil}, {"e", 2, []string{"one", "it's", "three"}}, {"a", 5, nil}}, {{"c", 60, nil}}}
	want := [][]any{
		{int64(1), int64(32), int64(0), "one", int64(0), "plain", int64(-1), 0.5},    // a too large, first
		{int64(1), int64(31), int64(7), "it's", int64(1<<60 - 1), "x", nil, nil},     // the largest of each
		{int64(1), int64(0), int64(0), "three", int64(0), "", int64(1 << 62), 1.5},   // the smallest
		{int64(1), int64(3), int64(8), "one", int64(5), "b too large", nil, nil},     // b too large
		{int64(1), int64(3), int64(-1), "one", int64(5), "b negative", nil, nil},     // b negative
		{int64(1), int64(3), int64(2), "four", int64(5), "not enumerated", nil, nil}, // e unknown
		{int64(1), int64(3), int64(2), "One", int64(5), "case differs", nil, nil},    // e unknown
		{int64(1), int64(3), int64(2), "three", int64(1 << 60), "c too large", nil, nil},
		{int64(2), int64(3), int64(2), "three", int64(5), "another document", nil, nil},
		{int64(1), int64(3), int64(2), "three", int64(6), "packed again", nil, nil},
		{int64(1), int64(3), int64(2), "three", int64(7), "packed again", nil, nil},
		{int64(1), int64(-5), int64(2), "three", int64(7), "a negative, last", nil, nil},
	}
	for k := range batchRows + 3 { // a full batch and the rest
		want = append(want, []any{int64(1), int64(k % 32), int64(k % 8), []string{"one", "it's", "three"}[k%3],
			int64(k) << 40, fmt.Sprint("row ", k), int64(k), nil})
	}
	want = append(want, []any{int64(1), int64(3), int64(2), "three", int64(-1), "c negative, last", nil, nil})
	for k := range want {
		want[k] = append(want[k], int64(k))
	}
	err = insertPacked(ctx, conn, tb, packs, func(yield func([]any) bool) {
		row := make([]any, len(tb.cols))
		for _, w := range want {
			copy(row, w) // the inserter gets a slice reused for every row
			if !yield(row) {
				return
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT document_id, a, b, e, c, s, x, y, k FROM t ORDER BY k`)
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
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("row %d: read back %#v, want %#v", i, got[i], want[i])
		}
	}
}
