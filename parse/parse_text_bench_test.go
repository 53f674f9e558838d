package parse

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParseTextLongParagraph reads a numbered paragraph continued by
// many short blocks. The time per block should stay flat as the blocks
// grow fourfold: a paragraph's size is summed as its blocks come, not
// again for each.
func BenchmarkParseTextLongParagraph(b *testing.B) {
	for _, blocks := range []int{10_000, 40_000} {
		data := []byte("1. First paragraph.\n\n" + strings.Repeat("ab.\n\n", blocks))
		b.Run(fmt.Sprintf("blocks=%d", blocks), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := readText("long.txt", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
