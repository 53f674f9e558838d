package dashboard

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"unsafe"

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
// stamp it was loaded at, least recently used dropped first once their
// estimated bytes pass the bound.
type resultCache struct {
	mu   sync.Mutex
	kept *lru[resultEntry] // by document name
}

type resultEntry struct {
	stamp string
	r     *analysis.Result
}

func newResultCache(max int64) *resultCache {
	return &resultCache{kept: newLRU[resultEntry](max, nil)}
}

func (c *resultCache) get(name, stamp string) *analysis.Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.kept.get(name); ok && e.stamp == stamp {
		return e.r
	}
	return nil
}

// put keeps r as the analysis of name at stamp, replacing the one kept.
// An analysis larger than the bound is not kept.
func (c *resultCache) put(name, stamp string, r *analysis.Result) {
	size := resultSize(r)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.kept.put(name, resultEntry{stamp: stamp, r: r}, size)
}

// stats returns the bytes and number of analyses kept.
func (c *resultCache) stats() (size int64, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.kept.size, c.kept.len()
}

// resultSize estimates the bytes an analysis holds in memory: its texts
// and the fixed size of its records. Strings the records share (theme
// names, terms) count once per record as a string header.
func resultSize(r *analysis.Result) int64 {
	const str = int64(unsafe.Sizeof(""))
	n := int64(unsafe.Sizeof(*r))
	if d := r.Document; d != nil {
		n += int64(unsafe.Sizeof(*d)) + int64(len(d.Name)+len(d.Source))
		for _, v := range d.Variants {
			n += str + int64(len(v))
		}
		for _, s := range d.Sections {
			n += int64(unsafe.Sizeof(s)) + int64(len(s.ID)+len(s.Title))
		}
		for _, p := range d.Paragraphs {
			n += int64(unsafe.Sizeof(p)) + int64(len(p.ID)+len(p.Section))
			for _, t := range p.Texts {
				n += str + int64(len(t))
			}
		}
	}
	for _, cmp := range r.Comparisons {
		n += int64(unsafe.Sizeof(cmp)) +
			int64(len(cmp.Spans))*int64(unsafe.Sizeof(analysis.Span{})) +
			int64(len(cmp.Hits))*int64(unsafe.Sizeof(analysis.Hit{}))
	}
	// Metrics hold maps per theme: a few hundred bytes each.
	n += int64(len(r.Sections)+len(r.Totals)) * 512
	n += int64(len(r.SpanUptake)) * int64(unsafe.Sizeof(analysis.SpanUptake{}))
	n += int64(len(r.ThemeUptake)) * int64(unsafe.Sizeof(analysis.ThemeUptake{}))
	for _, u := range r.Unthemed {
		n += int64(unsafe.Sizeof(u)) + int64(len(u.Phrase))
	}
	return n
}

// drop forgets the analysis of a deleted document, so that its memory goes.
func (c *resultCache) drop(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.kept.remove(name)
}
