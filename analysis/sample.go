package analysis

import (
	"bytes"
	_ "embed"
)

// SampleFile is the file name of the built-in sample, the Internet
// governance chapter of the WSIS Tunis phase: the base text, the Gender
// Caucus's proposed text and the compromise text.
const SampleFile = "wsis-tunis-internet-governance-gc.txt"

//go:embed wsis-tunis-internet-governance-gc.txt
var sample []byte

// Sample returns the bytes of the built-in sample, a table dump, for a
// first run to show a real dashboard and for benchmarks to build corpora
// from.
func Sample() []byte { return bytes.Clone(sample) }
