package analysis

import (
	"os"
	"testing"

	"amendlens/docx/docxtest"
	"amendlens/parse"
)

// BenchmarkParseDocxSampleTable reads the sample as a Word table; compare
// with BenchmarkParseDumpSample, the same text as a table dump.
func BenchmarkParseDocxSampleTable(b *testing.B) {
	data := docxtest.Fixture(b, "sample-table.docx")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse.Parse("sample.docx", data, parse.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseDocxSampleTracked reads the sample as running text with
// tracked changes.
func BenchmarkParseDocxSampleTracked(b *testing.B) {
	data := docxtest.Fixture(b, "sample-tracked.docx")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse.Parse("sample.docx", data, parse.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseDumpSample reads the sample's table dump.
func BenchmarkParseDumpSample(b *testing.B) {
	data, err := os.ReadFile(sourceDoc)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse.Parse("sample.txt", data, parse.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
