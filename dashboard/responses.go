package dashboard

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gin-gonic/gin"
)

// DefaultCacheBytes is the bound of the response cache used when
// Config.CacheBytes is 0.
const DefaultCacheBytes = 256 << 20

// entryOverhead is what an entry costs besides its body: the key, the
// headers and the bookkeeping, counted so that many tiny entries are bounded
// too.
const entryOverhead = 512

// response is a rendered page or download as the cache keeps it: the body
// as bytes and, when it shrinks, gzipped once.
type response struct {
	etag        string
	contentType string
	disposition string // Content-Disposition, "" for none
	body        []byte
	gz          []byte // the body gzipped, nil when it does not shrink
	stream      bool   // too big to keep: the handler streams it each time
}

// gzipLevel is the deflate level of kept responses: on a 2.7 MB overview,
// level 4 takes 15 ms for 10.2x, the default level 41 ms for 11.3x; the
// first request of a page pays it.
const gzipLevel = 4

// newResponse returns a response of body with its gzip form.
func newResponse(etag, contentType, disposition string, body []byte) (*response, error) {
	r := &response{etag: etag, contentType: contentType, disposition: disposition, body: body}
	if len(body) < 256 {
		return r, nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzipLevel)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if _, err := zw.Write(body); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if buf.Len() < len(body)*9/10 {
		r.gz = buf.Bytes()
	}
	return r, nil
}

// size is what r counts against the cache's bound.
func (r *response) size(key string) int64 {
	return int64(len(r.body) + len(r.gz) + len(key) + entryOverhead)
}

// gzipETag is the entity tag of the gzip form of the response tagged etag.
func gzipETag(etag string) string {
	return strings.TrimSuffix(etag, `"`) + `-gzip"`
}

// write sends r with status 200, gzipped when the client accepts it and a
// gzip form was kept. Nothing is copied or compressed per request.
func (r *response) write(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Type", r.contentType)
	if r.disposition != "" {
		h.Set("Content-Disposition", r.disposition)
	}
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Encoding")
	body, etag := r.body, r.etag
	if r.gz != nil && acceptsGzip(c.GetHeader("Accept-Encoding")) {
		body, etag = r.gz, gzipETag(r.etag)
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	c.Status(http.StatusOK)
	c.Writer.WriteHeaderNow()
	if c.Request.Method != http.MethodHead {
		c.Writer.Write(body)
	}
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip: named
// (or "*") with a q-value that is not 0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "x-gzip" && name != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if q == "q=0" || strings.HasPrefix(q, "q=0.") && strings.Trim(q[4:], "0") == "" {
			return false
		}
		return true
	}
	return false
}

// responseCache keeps rendered responses, least recently used dropped first
// once their bytes pass the bound. An entry is valid for the stamp it was
// built at (document revision and dictionary hashes); entries of a group (a
// document) built at another stamp are dropped when one of a new stamp is
// stored. Concurrent requests for a missing key wait for one build.
type responseCache struct {
	max int64 // bound in bytes; nothing is kept when 0 or less

	mu      sync.Mutex
	kept    *lru[*cacheEntry] // by key
	groups  map[string]*cacheGroup
	flights map[string]*flight

	builds atomic.Int64 // builds run, kept or not
}

type cacheEntry struct {
	group, stamp string
	resp         *response
}

// cacheGroup is the stamp of a group's entries and how many there are.
type cacheGroup struct {
	stamp string
	n     int
}

// flight is a build under way; done is closed when resp or err is set.
type flight struct {
	stamp string
	done  chan struct{}
	resp  *response
	err   error
}

func newResponseCache(max int64) *responseCache {
	c := &responseCache{
		max:     max,
		groups:  make(map[string]*cacheGroup),
		flights: make(map[string]*flight),
	}
	c.kept = newLRU(max, func(_ string, e *cacheEntry) {
		if g := c.groups[e.group]; g != nil {
			if g.n--; g.n <= 0 {
				delete(c.groups, e.group)
			}
		}
	})
	return c
}

// do returns the response for key at stamp: the one kept, the one another
// request is building, or the one build returns, which is then kept. A
// failed build is not kept; a request waiting for a build whose own request
// went away builds again rather than failing.
func (c *responseCache) do(ctx context.Context, key, group, stamp string, build func() (*response, error)) (*response, error) {
	for {
		c.mu.Lock()
		if e, ok := c.kept.get(key); ok && e.stamp == stamp {
			c.mu.Unlock()
			return e.resp, nil
		}
		f, ok := c.flights[key]
		if !ok || f.stamp != stamp {
			f = &flight{stamp: stamp, done: make(chan struct{})}
			c.flights[key] = f
			c.mu.Unlock()
			return c.fly(f, key, group, stamp, build)
		}
		c.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if f.err == nil || !isContextErr(f.err) {
			return f.resp, f.err
		}
	}
}

// fly runs build for flight f and records its outcome.
func (c *responseCache) fly(f *flight, key, group, stamp string, build func() (*response, error)) (resp *response, err error) {
	c.builds.Add(1)
	defer func() {
		if rec := recover(); rec != nil {
			f.err = fmt.Errorf("build %s: panic: %v", key, rec)
			c.land(f, key, group, stamp)
			panic(rec)
		}
		f.resp, f.err = resp, err
		c.land(f, key, group, stamp)
	}()
	return build()
}

// land stores a flight's response and ends the flight.
func (c *responseCache) land(f *flight, key, group, stamp string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.flights[key] == f {
		delete(c.flights, key)
	}
	close(f.done)
	if f.err == nil && f.resp != nil {
		c.put(key, group, stamp, f.resp)
	}
}

// put keeps resp, dropping the group's entries of other stamps and the least
// recently used entries past the bound. A response of more than a quarter of
// the bound is not kept. The caller holds c.mu.
func (c *responseCache) put(key, group, stamp string, resp *response) {
	size := resp.size(key)
	if size > c.max/4 {
		return
	}
	if g, ok := c.groups[group]; ok && g.stamp != stamp {
		c.kept.removeIf(func(e *cacheEntry) bool { return e.group == group })
	}
	c.kept.remove(key)
	g, ok := c.groups[group]
	if !ok {
		g = &cacheGroup{}
		c.groups[group] = g
	}
	g.stamp = stamp
	g.n++
	c.kept.put(key, &cacheEntry{group: group, stamp: stamp, resp: resp}, size)
}

// stats returns the bytes and number of entries kept.
func (c *responseCache) stats() (size int64, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.kept.size, c.kept.len()
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
