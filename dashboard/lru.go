package dashboard

import "container/list"

// lru keeps values by key within a bound of bytes, the least recently used
// dropped first. It is not safe for concurrent use: the caches that hold
// one guard it with their own lock.
type lru[V any] struct {
	max   int64 // bound in bytes; nothing is kept when 0 or less
	size  int64
	order list.List // of *lruEntry[V], most recently used first
	byKey map[string]*list.Element
	drop  func(key string, v V) // told of each value removed, nil for none
}

type lruEntry[V any] struct {
	key  string
	v    V
	size int64
}

func newLRU[V any](max int64, drop func(key string, v V)) *lru[V] {
	return &lru[V]{max: max, byKey: make(map[string]*list.Element), drop: drop}
}

// get returns the value of key and marks it the most recently used.
func (c *lru[V]) get(key string) (V, bool) {
	el, ok := c.byKey[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*lruEntry[V]).v, true
}

// put keeps v as the value of key, of size bytes, replacing the value
// kept, and drops the least recently used values past the bound. A value
// larger than the bound is not kept.
func (c *lru[V]) put(key string, v V, size int64) {
	c.remove(key)
	if size > c.max {
		return
	}
	c.byKey[key] = c.order.PushFront(&lruEntry[V]{key: key, v: v, size: size})
	c.size += size
	for c.size > c.max {
		c.removeElement(c.order.Back())
	}
}

// remove drops the value of key, if any.
func (c *lru[V]) remove(key string) {
	if el, ok := c.byKey[key]; ok {
		c.removeElement(el)
	}
}

// removeIf drops every value for which f is true.
func (c *lru[V]) removeIf(f func(v V) bool) {
	for el := c.order.Front(); el != nil; {
		next := el.Next()
		if f(el.Value.(*lruEntry[V]).v) {
			c.removeElement(el)
		}
		el = next
	}
}

func (c *lru[V]) removeElement(el *list.Element) {
	e := c.order.Remove(el).(*lruEntry[V])
	delete(c.byKey, e.key)
	c.size -= e.size
	if c.drop != nil {
		c.drop(e.key, e.v)
	}
}

// len returns the number of values kept.
func (c *lru[V]) len() int { return len(c.byKey) }
