package analysis

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"amendlens/parse"
)

// repeatedDocument returns the source document with its paragraphs repeated
// copies times, numbered apart, so that Analyse has enough paragraphs to
// spread over workers.
func repeatedDocument(b *testing.B, copies int) (*Document, int64) {
	b.Helper()
	data, err := os.ReadFile(sourceDoc)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := parse.Parse(sourceDoc, data, parse.Options{})
	if err != nil {
		b.Fatal(err)
	}
	out := *doc
	out.Paragraphs = nil
	var size int64
	for i := range copies {
		for _, p := range doc.Paragraphs {
			p.ID = fmt.Sprintf("%s-%d", p.ID, i)
			out.Paragraphs = append(out.Paragraphs, p)
			for _, t := range p.Texts {
				size += int64(len(t))
			}
		}
	}
	return &out, size
}

// BenchmarkAnalyse analyses the source document, alone and repeated 100
// times, with one worker and with one per core; bytes are those of the
// paragraphs' texts.
func BenchmarkAnalyse(b *testing.B) {
	dict := DefaultDictionary()
	tok := NewTokenizer()
	for _, copies := range []int{1, 100} {
		doc, size := repeatedDocument(b, copies)
		for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
			b.Run(fmt.Sprintf("x%d/workers=%d", copies, workers), func(b *testing.B) {
				b.SetBytes(size)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Analyse(doc, dict, Options{Workers: workers, Tokenizer: tok}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
