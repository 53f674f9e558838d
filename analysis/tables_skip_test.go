package analysis_test

import (
	"slices"
	"strings"
	"testing"

	"amendlens/analysis"
)

// TestTableRowsFrom checks that leaving out the first rows of a table
// leaves the rows that follow as they are, for every table of the sample,
// with and without a filter that needs each row's figures (a theme).
func TestTableRowsFrom(t *testing.T) {
	r := sampleResult(t)
	rowsOf := func(table string, f analysis.Filter, skip int) []string {
		var out []string
		err := analysis.TableRowsFrom(r, table, f, skip, func(row []string) error {
			out = append(out, strings.Join(row, "\t"))
			return nil
		})
		if err != nil {
			t.Fatalf("%s from %d: %v", table, skip, err)
		}
		return out
	}
	checked := 0
	for _, table := range analysis.Tables {
		for _, f := range []analysis.Filter{{}, {Theme: "gender"}} {
			all := rowsOf(table, f, 0)
			for _, skip := range []int{1, len(all) / 2, len(all), len(all) + 5} {
				want := all[min(skip, len(all)):]
				if got := rowsOf(table, f, skip); !slices.Equal(got, want) {
					t.Errorf("%s %+v from %d: %d rows, want the last %d of %d", table, f, skip, len(got), len(want), len(all))
				}
				checked += len(want)
			}
		}
	}
	if checked < 100 {
		t.Fatalf("compared %d rows, want the sample's tables to have some", checked)
	}
}
