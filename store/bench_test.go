package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
	"amendlens/ingest"
	"amendlens/store"
	"amendlens/store/storetest"
)

// corpusResult returns the analysis of a generated negotiation text named
// name (analysistest.GenerateCorpus from the sample): about size bytes of
// cell text in columns columns, the last the outcome.
func corpusResult(tb testing.TB, name string, size int64, columns int) *analysis.Result {
	tb.Helper()
	dict := analysis.DefaultDictionary()
	c, err := analysistest.GenerateCorpus(analysistest.CorpusSpec{Seed: 7, Bytes: size, Columns: columns}, analysis.Sample(), dict)
	if err != nil {
		tb.Fatal(err)
	}
	rs, err := ingest.Analyse(context.Background(), dict, ingest.Input{Name: name, Files: []ingest.File{{Name: name + ".txt", Data: c.Data}}})
	if err != nil {
		tb.Fatal(err)
	}
	return rs[0]
}

// benchSizes are the documents the store's benchmarks save and load: a
// document of about 500 paragraphs and 3 variants, and a 20 MB negotiation
// text of 4 columns.
var benchSizes = []struct {
	name    string
	bytes   int64
	columns int
}{
	{"small", 400 << 10, 3},
	{"corpus", 20 << 20, 4},
}

// textBytes returns the bytes of paragraph text in r.
func textBytes(r *analysis.Result) int64 {
	var n int64
	for _, p := range r.Document.Paragraphs {
		for _, t := range p.Texts {
			n += int64(len(t))
		}
	}
	return n
}

// TestCorpusRoundTrip: a generated negotiation text loads back as it was
// analysed, figure for figure.
func TestCorpusRoundTrip(t *testing.T) {
	r := corpusResult(t, "synth", 200<<10, 4)
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		mustSave(t, db, r)
		if d := resultDiff(mustLoad(t, db, "synth"), corpusResult(t, "synth", 200<<10, 4)); d != "" {
			t.Fatal(d)
		}
	})
}

// reportCPU reports the CPU time of the process per operation, cpu being
// that of all b.N operations. On a loaded machine, where the wall-clock
// time of an operation varies with what else runs, it varies less. It
// counts every thread: the garbage collector's work, which runs beside the
// operation, and, on SQLite, the database's (the PostgreSQL server's is
// another process's).
func reportCPU(b *testing.B, cpu time.Duration) {
	if cpu > 0 {
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	}
}

// BenchmarkSave saves analysed documents (benchSizes) into a database, a
// SQLite file and a PostgreSQL schema: "new" into an empty database,
// "replace" over the same document saved before.
func BenchmarkSave(b *testing.B) {
	for _, k := range storetest.Kinds {
		for _, size := range benchSizes {
			r := corpusResult(b, "synth", size.bytes, size.columns)
			for _, replace := range []bool{false, true} {
				mode := "new"
				if replace {
					mode = "replace"
				}
				b.Run(k.Name+"/"+size.name+"/"+mode, func(b *testing.B) {
					ctx := context.Background()
					dsn := k.Fresh(b)
					db := mustOpenPath(b, dsn)
					if replace {
						mustSave(b, db, r)
					}
					b.SetBytes(textBytes(r))
					var cpu time.Duration
					b.ResetTimer()
					for range b.N {
						if !replace {
							b.StopTimer()
							if err := db.Delete(ctx, "synth"); err != nil && !errors.Is(err, store.ErrNotFound) {
								b.Fatal(err)
							}
							b.StartTimer()
						}
						start := processCPU()
						if err := db.Save(ctx, r); err != nil {
							b.Fatal(err)
						}
						cpu += processCPU() - start
					}
					b.StopTimer()
					reportCPU(b, cpu)
					c := mustCounts(b, db)
					var rows int64
					for table, n := range c {
						if table != "migrations" && table != "revision" {
							rows += n
						}
					}
					b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
					if !store.IsURL(dsn) {
						b.ReportMetric(float64(checkpointedSize(b, dsn))/1e6, "file-MB")
					}
				})
			}
		}
	}
}

// checkpointedSize returns the size of the SQLite file path once its
// write-ahead log is copied into it.
func checkpointedSize(tb testing.TB, path string) int64 {
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		tb.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return fi.Size()
}

// BenchmarkLoad loads back, analysing it again, a document saved into a
// database, of the sizes of BenchmarkSave, on both kinds.
func BenchmarkLoad(b *testing.B) {
	for _, k := range storetest.Kinds {
		for _, size := range benchSizes {
			b.Run(k.Name+"/"+size.name, func(b *testing.B) {
				r := corpusResult(b, "synth", size.bytes, size.columns)
				db := mustOpenPath(b, k.Fresh(b))
				mustSave(b, db, r)
				b.SetBytes(textBytes(r))
				var cpu time.Duration
				b.ResetTimer()
				for range b.N {
					start := processCPU()
					got := mustLoad(b, db, "synth")
					cpu += processCPU() - start
					if len(got.Comparisons) != len(r.Comparisons) {
						b.Fatalf("%d comparisons loaded, want %d", len(got.Comparisons), len(r.Comparisons))
					}
				}
				b.StopTimer()
				reportCPU(b, cpu)
			})
		}
	}
}
