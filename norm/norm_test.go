package norm

import (
	"hash/fnv"
	"testing"
)

func TestRune(t *testing.T) {
	for in, want := range map[rune]rune{'’': '\'', '«': '"', '‑': '-', 'É': 'é', 'Ж': 'ж', 'a': 'a', '1': '1'} {
		if got := Rune(in); got != want {
			t.Errorf("Rune(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHash: Hash is FNV-1a, as hash/fnv computes it.
func TestHash(t *testing.T) {
	for _, s := range []string{"", "gender", "équité", "a longer phrase of words"} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if got, want := Hash(s), h.Sum64(); got != want {
			t.Errorf("Hash(%q) = %x, want %x", s, got, want)
		}
	}
}
