package store_test

import (
	"math"
	"testing"

	"amendlens/analysis"
)

// The SQLite inserter sends small integers and the texts of the analysis
// package's enumerations packed in one value and inserts a row whose values
// do not fit (negative, beyond the bits of its field, a text outside the
// enumeration) on its own: both kinds of rows, mixed in one table, read
// back as they were. (Values of 2^31 and more, which PostgreSQL's integer
// columns refuse, are tested on SQLite alone, in TestInsertPackedBoundaries.)
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
			// Texts outside the enumerations the inserter knows.
			r.Comparisons[12].Hits[2].Change = "moved"
			r.Comparisons[13].Hits[0].Change = "Added"
			r.Comparisons[14].Status = "withdrawn"
			r.Comparisons[15].Spans[1].Op = "transpose"
			r.Comparisons[16].Spans[0].Kind = "it's a 'quoted' kind"
			r.SpanUptake[3].Verdict = ""
			return r
		}
		mustSave(t, db, result())
		if d := resultDiff(mustLoad(t, db, "synth"), normalize(result())); d != "" {
			t.Fatal(d)
		}
	})
}
