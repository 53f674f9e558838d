package analysis

import (
	"bytes"
	"os"
	"testing"

	"amendlens/parse"
)

func TestSampleIsTheSourceDocument(t *testing.T) {
	want, err := os.ReadFile(sourceDoc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(Sample(), want) {
		t.Error("the built-in sample differs from " + sourceDoc)
	}
	doc, err := parse.Parse(SampleFile, Sample(), parse.Options{})
	if err != nil || doc.Name != "wsis-tunis-internet-governance-gc" {
		t.Fatalf("the sample parses to %v, %v", doc, err)
	}
}
