package dashboard

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"

	"amendlens/analysis"
)

// hasher builds a content hash from labelled parts.
type hasher struct{ b strings.Builder }

func newHasher() *hasher { return &hasher{} }

func (h *hasher) add(parts ...string) {
	for _, p := range parts {
		h.b.WriteString(strconv.Itoa(len(p)))
		h.b.WriteByte(':')
		h.b.WriteString(p)
	}
}

func (h *hasher) sum() string {
	s := sha256.Sum256([]byte(h.b.String()))
	return hex.EncodeToString(s[:])
}

// stamp identifies the state of a stored document as the dashboard shows
// it: the document's revision, the hash of the dictionary of its analysis,
// and the hash of the dictionary the dashboard was given.
func (s *server) stamp(info analysis.DocumentInfo) string {
	return strconv.FormatInt(info.Revision, 10) + "/" + info.DictHash + "/" + s.cfg.Dictionary.Hash
}

// etag is the entity tag of a response: it changes with the binary's
// templates, the stamp of the data, the path and the (normalised) query.
func (s *server) etag(stamp, path, query string) string {
	h := newHasher()
	h.add(s.version, stamp, path, query)
	return `"` + h.sum()[:32] + `"`
}

// matchETag reports whether an If-None-Match header matches etag (weak
// comparison, as RFC 9110 asks for If-None-Match).
func matchETag(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

// resultCache keeps the last loaded analysis of each document with the
// stamp it was loaded at.
type resultCache struct {
	mu sync.Mutex
	m  map[string]resultEntry
}

type resultEntry struct {
	stamp string
	r     *analysis.Result
}

func newResultCache() *resultCache { return &resultCache{m: make(map[string]resultEntry)} }

func (c *resultCache) get(name, stamp string) *analysis.Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[name]; ok && e.stamp == stamp {
		return e.r
	}
	return nil
}

func (c *resultCache) put(name, stamp string, r *analysis.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[name] = resultEntry{stamp: stamp, r: r}
}

// drop forgets the analysis of a deleted document, so that its memory goes.
func (c *resultCache) drop(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, name)
}
