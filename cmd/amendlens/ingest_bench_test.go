package main

import (
	"context"
	"path/filepath"
	"testing"

	"amendlens/analysis"
	"amendlens/ingest"
	"amendlens/store"
)

// BenchmarkIngest parses and analyses the sample and saves it to a database,
// replacing the previous iteration's document, as the ingest command does
// on a database that holds it already.
func BenchmarkIngest(b *testing.B) {
	dict := analysis.DefaultDictionary()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "ingest.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.SetBytes(int64(len(sample)))
	b.ReportAllocs()
	for b.Loop() {
		in := ingest.Input{Files: []ingest.File{{Name: sampleFile, Data: sample}}}
		if _, err := ingest.Ingest(ctx, db, dict, in); err != nil {
			b.Fatal(err)
		}
	}
}
