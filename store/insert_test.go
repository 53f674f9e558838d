package store_test

import (
	"math"
	"testing"

	"amendlens/analysis"
)

// The SQLite inserter sends pairs of small integers packed in one value and
// inserts a row whose values do not fit (negative, or 2^31 and more) on its
// own: both kinds of rows, mixed in one table, read back as they were.
func TestSaveValuesOutsidePacking(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		result := func() *analysis.Result {
			r := synthResult(t, "synth", 200, 4, 2, 5)
			c := &r.Comparisons[70]
			c.Hits[1].Tokens.Start = -1
			c.Hits[2].Tokens.End = -1
			c.Hits[3].Bytes.End = math.MaxInt32
			c.Spans[0].VarBytes.Start = -7
			c.Spans[1].Added = math.MaxInt32
			r.Comparisons[5].Hits[0].Tokens.End = math.MaxInt32
			r.Comparisons[9].BaseWords = -2
			r.Comparisons[9].Deleted = -3
			return r
		}
		mustSave(t, db, result())
		if d := resultDiff(mustLoad(t, db, "synth"), normalize(result())); d != "" {
			t.Fatal(d)
		}
	})
}
