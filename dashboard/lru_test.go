package dashboard

import (
	"slices"
	"testing"
)

func TestLRU(t *testing.T) {
	var dropped []string
	c := newLRU(10, func(key string, v int) { dropped = append(dropped, key) })
	c.put("a", 1, 4)
	c.put("b", 2, 4)
	if v, ok := c.get("a"); !ok || v != 1 { // a is now the most recently used
		t.Fatalf("get a = %d, %v", v, ok)
	}
	c.put("c", 3, 4) // 12 bytes: b goes
	if _, ok := c.get("b"); ok || !slices.Equal(dropped, []string{"b"}) {
		t.Errorf("after c: b kept %v, dropped %q", ok, dropped)
	}
	c.put("a", 4, 2) // replaces a
	if v, _ := c.get("a"); v != 4 || c.size != 6 || c.len() != 2 {
		t.Errorf("after replacing a: a = %d, %d bytes in %d values", v, c.size, c.len())
	}
	c.put("big", 5, 11) // larger than the bound: not kept
	if _, ok := c.get("big"); ok || c.size != 6 {
		t.Errorf("a value past the bound is kept (%d bytes)", c.size)
	}
	c.removeIf(func(v int) bool { return v == 3 })
	if _, ok := c.get("c"); ok || c.len() != 1 || c.size != 2 {
		t.Errorf("removeIf: c kept %v, %d values of %d bytes", ok, c.len(), c.size)
	}
	if !slices.Equal(dropped, []string{"b", "a", "c"}) {
		t.Errorf("dropped %q, want b, the replaced a, c", dropped)
	}
}
