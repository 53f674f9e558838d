package analysis

import (
	"bytes"
	"os"
	"testing"
)

func TestSampleIsTheSourceDocument(t *testing.T) {
	want, err := os.ReadFile(sourceDoc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(Sample(), want) {
		t.Error("the built-in sample differs from " + sourceDoc)
	}
	doc, err := Parse(SampleFile, Sample())
	if err != nil || doc.Name != "wsis-tunis-internet-governance-gc" {
		t.Fatalf("the sample parses to %v, %v", doc, err)
	}
}
