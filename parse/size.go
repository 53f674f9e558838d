package parse

import (
	"fmt"
	"strings"
)

// FormatSize writes a size in bytes for readers, as the limits' errors do:
// in the largest binary unit that divides it ("64 MiB", "512 KiB"), else in
// bytes with thousands separators ("1,500,000 bytes"). It is the one size
// formatter of the program, so that a limit reads the same in an error, on
// the dashboard and in the command's output.
func FormatSize(n int64) string {
	return formatSize(n)
}

// Counted writes n nouns: "1 paragraph", "2 paragraphs".
func Counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// NormalisedEqual reports whether two texts are equal apart from white
// space.
func NormalisedEqual(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}
