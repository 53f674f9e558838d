package analysis

import (
	"errors"
	"fmt"
	"testing"
)

// errPageFull stops a page of rows once it holds its limit.
var errPageFull = errors.New("page full")

// BenchmarkTableRowsFrom figures one page of 100 rows of the paragraphs
// table of the source document repeated 100 times: the first page, the
// middle one and the last. The skip passes over the earlier rows without
// figuring them, so a later page costs a little more than the first (the
// pass) and a small part of the whole table, which "whole" figures for
// comparison; a skip that figured them would make the last page cost it all.
func BenchmarkTableRowsFrom(b *testing.B) {
	const page = 100
	doc, _ := repeatedDocument(b, 100)
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	total := 0
	if err := TableRows(r, "paragraphs", Filter{}, func([]string) error { total++; return nil }); err != nil {
		b.Fatal(err)
	}
	for _, at := range []struct {
		name string
		skip int
	}{{"first", 0}, {"middle", total / 2}, {"last", total - page}} {
		b.Run(fmt.Sprintf("%s/of=%d", at.name, total), func(b *testing.B) {
			for b.Loop() {
				n := 0
				err := TableRowsFrom(r, "paragraphs", Filter{}, at.skip, func([]string) error {
					if n++; n == page {
						return errPageFull
					}
					return nil
				})
				if !errors.Is(err, errPageFull) {
					b.Fatalf("from %d: %d rows, err = %v; want a full page", at.skip, n, err)
				}
			}
		})
	}
	b.Run(fmt.Sprintf("whole/of=%d", total), func(b *testing.B) {
		for b.Loop() {
			if err := TableRows(r, "paragraphs", Filter{}, func([]string) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
}
