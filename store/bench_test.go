package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/store"
	"amendlens/store/storetest"
)

// synthResult returns a Result of the size of a large corpus: paragraphs
// rows of variants texts (the base included) of about 250 bytes each, every
// comparison with spans spans and hits hits, and the metrics, uptake and
// unthemed rows that go with them.
func synthResult(tb testing.TB, name string, paragraphs, variants, spans, hits int) *analysis.Result {
	tb.Helper()
	dict := mustDictionary(tb, testDictionaryYAML)
	themes := []string{"gender", "access", "rights"}
	doc := &analysis.Document{Name: name, Title: name, Source: name + ".txt", Variants: []string{analysis.BaseName}}
	for v := 1; v < variants; v++ {
		doc.Variants = append(doc.Variants, fmt.Sprintf("Party %d", v))
	}
	const perSection = 20
	for s := 0; s*perSection < paragraphs; s++ {
		doc.Sections = append(doc.Sections, analysis.Section{ID: fmt.Sprint(s + 1), Title: fmt.Sprintf("Section %d", s+1), Line: s * 100})
	}
	sentence := strings.Repeat("We reaffirm the principles of access and gender equality online. ", 4)[:250]
	r := &analysis.Result{Document: doc, Dictionary: dict, Outcome: variants - 1}
	for p := range paragraphs {
		texts := make([]string, variants)
		for v := range texts {
			texts[v] = fmt.Sprintf("%d.%d %s", p, v, sentence)
		}
		doc.Paragraphs = append(doc.Paragraphs, analysis.Paragraph{
			ID: fmt.Sprint(p + 1), Section: fmt.Sprint(p/perSection + 1), Line: p*10 + 5, Texts: texts,
		})
		for v := 1; v < variants; v++ {
			c := analysis.Comparison{Paragraph: p, Variant: v, Status: analysis.StatusAmended,
				BaseWords: 40, VariantWords: 44, Added: 6, Deleted: 2, ChangeRatio: 0.2}
			for i := range spans {
				c.Spans = append(c.Spans, analysis.Span{Op: analysis.OpReplace, Kind: analysis.KindSubstitution,
					BaseTok: analysis.Range{Start: i * 4, End: i*4 + 1}, VarTok: analysis.Range{Start: i * 4, End: i*4 + 3},
					BaseBytes: analysis.Range{Start: i * 20, End: i*20 + 6}, VarBytes: analysis.Range{Start: i * 20, End: i*20 + 15},
					Added: 3, Deleted: 1})
			}
			for i := range hits {
				c.Hits = append(c.Hits, analysis.Hit{Match: analysis.Match{Theme: themes[i%3], Term: "gender equality",
					Matched: "gender equality", Tokens: analysis.Range{Start: i, End: i + 2},
					Bytes: analysis.Range{Start: i * 10, End: i*10 + 15}}, Change: analysis.ChangeAdded})
			}
			r.Comparisons = append(r.Comparisons, c)
			if v != r.Outcome && spans > 0 {
				r.SpanUptake = append(r.SpanUptake, analysis.SpanUptake{Paragraph: p, Proposal: v, Span: 0,
					Verdict: analysis.VerdictPartly, Words: 3, Adopted: 1})
			}
		}
	}
	metrics := func() analysis.Metrics {
		return analysis.Metrics{Paragraphs: perSection, Amended: perSection, BaseWords: 800, VariantWords: 880,
			Added: 120, Deleted: 40, Spans: 40, ChangeRatio: 0.2,
			ThemeAdded:   map[string]int{"gender": 10, "access": 5, "rights": 1},
			ThemeRemoved: map[string]int{"access": 2},
			ThemeParas:   map[string]int{"gender": 8, "access": 4, "rights": 1},
			KindSpans:    map[analysis.Kind]int{analysis.KindSubstitution: 40}}
	}
	for _, s := range doc.Sections {
		for v := 1; v < variants; v++ {
			r.Sections = append(r.Sections, analysis.SectionMetrics{Section: s.ID, Variant: v, Metrics: metrics()})
		}
	}
	r.Totals = make([]analysis.Metrics, variants)
	for v := 1; v < variants; v++ {
		r.Totals[v] = metrics()
		for _, theme := range themes {
			r.ThemeUptake = append(r.ThemeUptake, analysis.ThemeUptake{Proposal: v, Theme: theme, Proposed: 10, Adopted: 4})
		}
		for i := range 200 {
			r.Unthemed = append(r.Unthemed, analysis.Unthemed{Variant: v, Phrase: fmt.Sprintf("phrase %d", i), Count: 200 - i})
		}
	}
	return r
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

func TestSynthResultRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		db := bk.open(t)
		mustSave(t, db, synthResult(t, "synth", 50, 4, 2, 5))
		if d := resultDiff(mustLoad(t, db, "synth"), normalize(synthResult(t, "synth", 50, 4, 2, 5))); d != "" {
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

// BenchmarkSave saves synthetic results into a database, a SQLite file and a
// PostgreSQL schema: "new" into an empty database, "replace" over the same
// document saved before. The
// "corpus" size is that of a 20 MB negotiation text: 20,000 paragraphs of 4
// columns, 60,000 comparisons, 120,000 spans and 960,000 hits.
func BenchmarkSave(b *testing.B) {
	sizes := []struct {
		name                              string
		paragraphs, variants, spans, hits int
	}{
		{"small", 1000, 4, 2, 16},
		{"corpus", 20000, 4, 2, 16},
	}
	for _, k := range storetest.Kinds {
		for _, size := range sizes {
			r := synthResult(b, "synth", size.paragraphs, size.variants, size.spans, size.hits)
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

// BenchmarkLoad loads back a synthetic result saved into a database, of the
// sizes of BenchmarkSave, on both kinds.
func BenchmarkLoad(b *testing.B) {
	sizes := []struct {
		name                              string
		paragraphs, variants, spans, hits int
	}{
		{"small", 1000, 4, 2, 16},
		{"corpus", 20000, 4, 2, 16},
	}
	for _, k := range storetest.Kinds {
		for _, size := range sizes {
			b.Run(k.Name+"/"+size.name, func(b *testing.B) {
				r := synthResult(b, "synth", size.paragraphs, size.variants, size.spans, size.hits)
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
