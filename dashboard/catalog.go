package dashboard

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"amendlens/analysis"
)

// probeInterval is how long the catalog trusts what it holds before it
// asks the Source whether the database changed: writes of other processes
// show within this (plus one request), the server's own at once.
const probeInterval = 250 * time.Millisecond

// catalog keeps the stored documents' descriptions (names, revisions,
// dictionary hashes) in memory, so that a page kept in the response cache
// is served without a database query. It asks Source.Changed at most once
// per probeInterval, and only when a request needs the list; it reads the
// list again when that number moves or when the server itself wrote.
type catalog struct {
	src      Source
	now      func() time.Time
	interval time.Duration // probeInterval; tests set 0 to probe on every request

	mu      sync.Mutex
	loaded  bool
	stale   bool      // the server wrote: read the list on the next request
	version uint64    // Source.Changed when the list was read
	checked time.Time // when Source.Changed was last asked
	stamp   string    // hash of every document's name, revision and dictionary
	infos   []analysis.DocumentInfo
	byName  map[string]analysis.DocumentInfo

	probes, reads int // calls of Changed and Documents, for tests
}

func newCatalog(src Source) *catalog {
	return &catalog{src: src, now: time.Now, interval: probeInterval}
}

// invalidate makes the next request read the list again; the server calls
// it after each of its own writes.
func (c *catalog) invalidate() {
	c.mu.Lock()
	c.stale = true
	c.mu.Unlock()
}

// current brings the list up to date when it may be out of date, and
// returns the documents in the Source's order with a stamp that changes
// with any document's name, revision or dictionary. The slice is shared:
// callers must not change it.
func (c *catalog) current(ctx context.Context) ([]analysis.DocumentInfo, string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.refresh(ctx); err != nil {
		return nil, "", err
	}
	return c.infos, c.stamp, nil
}

// document returns the description of name; the error wraps
// analysis.ErrNotFound when there is none.
func (c *catalog) document(ctx context.Context, name string) (analysis.DocumentInfo, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.refresh(ctx); err != nil {
		return analysis.DocumentInfo{}, err
	}
	info, ok := c.byName[name]
	if !ok {
		return info, fmt.Errorf("document %s: %w", name, analysis.ErrNotFound)
	}
	return info, nil
}

// refresh reads the list when the server wrote, or when the Source says
// the database changed; it asks that at most once per probeInterval. The
// caller holds c.mu, so concurrent requests wait for one probe or read.
func (c *catalog) refresh(ctx context.Context) error {
	now := c.now()
	if c.loaded && !c.stale && now.Sub(c.checked) < c.interval {
		return nil
	}
	c.probes++
	v, err := c.src.Changed(ctx)
	if err != nil {
		return fmt.Errorf("database changes: %w", err)
	}
	c.checked = now
	if c.loaded && !c.stale && v == c.version {
		return nil
	}
	c.reads++
	infos, err := c.src.Documents(ctx)
	if err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	byName := make(map[string]analysis.DocumentInfo, len(infos))
	h := newHasher()
	for _, info := range infos {
		byName[info.Name] = info
		h.add(info.Name, strconv.FormatInt(info.Revision, 10), info.DictHash)
	}
	c.infos, c.byName, c.version, c.stamp = infos, byName, v, h.sum()
	c.loaded, c.stale = true, false
	return nil
}
