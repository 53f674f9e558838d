package dashboard

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// notFound is an error a view builder returns for an unknown paragraph,
// section, theme, table or filter value; it becomes a 404 with its text.
type notFound string

func (e notFound) Error() string { return string(e) }

// filterParams are the query parameters pages and downloads understand.
var filterParams = []string{"variant", "theme", "section", "paragraph", "norm"}

// normQuery keeps the first non-empty value of the known parameters, so that
// cache keys and ETags do not vary with unknown or repeated ones.
func normQuery(q url.Values, keys []string) url.Values {
	out := url.Values{}
	for _, k := range keys {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			out.Set(k, v)
		}
	}
	return out
}

// docInfo looks up the document of the request's :doc and writes a 404 or
// 500 when it cannot.
func (s *server) docInfo(c *gin.Context) (analysis.DocumentInfo, bool) {
	name := c.Param("doc")
	info, err := s.cfg.Source.Document(c.Request.Context(), name)
	if errors.Is(err, analysis.ErrNotFound) {
		s.fail(c, http.StatusNotFound, fmt.Sprintf("There is no document named %q.", name), nil)
		return info, false
	}
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("document %s: %w", name, err))
		return info, false
	}
	return info, true
}

// result returns the analysis of a document, from the cache while its stamp
// is unchanged.
func (s *server) result(c *gin.Context, info analysis.DocumentInfo) (*analysis.Result, error) {
	stamp := s.stamp(info)
	if r := s.results.get(info.Name, stamp); r != nil {
		return r, nil
	}
	r, err := s.cfg.Source.Load(c.Request.Context(), info.Name)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", info.Name, err)
	}
	if err := checkResult(r); err != nil {
		return nil, fmt.Errorf("load %s: %w", info.Name, err)
	}
	s.results.put(info.Name, stamp, r)
	return r, nil
}

// checkResult makes sure the indexes the views use are in range.
func checkResult(r *analysis.Result) error {
	if r == nil || r.Document == nil {
		return errors.New("no document in the analysis")
	}
	d := r.Document
	nv := len(d.Variants)
	if nv < 2 {
		return fmt.Errorf("%d columns, want the base and at least one variant", nv)
	}
	if len(r.Comparisons) != len(d.Paragraphs)*(nv-1) {
		return fmt.Errorf("%d comparisons for %d paragraphs and %d variants", len(r.Comparisons), len(d.Paragraphs), nv-1)
	}
	for i, p := range d.Paragraphs {
		if len(p.Texts) != nv {
			return fmt.Errorf("paragraph %s: %d texts for %d columns", p.ID, len(p.Texts), nv)
		}
		for v := 1; v < nv; v++ {
			if cmp := r.Comparison(i, v); cmp.Paragraph != i || cmp.Variant != v {
				return fmt.Errorf("paragraph %s: comparison %d out of order", p.ID, i*(nv-1)+v-1)
			}
		}
	}
	if len(r.Totals) != nv {
		return fmt.Errorf("%d totals for %d columns", len(r.Totals), nv)
	}
	if r.Outcome < 0 || r.Outcome >= nv {
		return fmt.Errorf("outcome %d out of range", r.Outcome)
	}
	for _, u := range r.SpanUptake {
		if u.Paragraph < 0 || u.Paragraph >= len(d.Paragraphs) || u.Proposal < 1 || u.Proposal >= nv {
			return fmt.Errorf("span uptake out of range: paragraph %d, proposal %d", u.Paragraph, u.Proposal)
		}
	}
	return nil
}

// docPage serves a page of one document: it answers 304 when the client's
// copy is current, else takes the view from the cache or builds it.
func (s *server) docPage(c *gin.Context, params []string, build func(r *analysis.Result, q url.Values) (*view, error)) {
	info, ok := s.docInfo(c)
	if !ok {
		return
	}
	q := normQuery(c.Request.URL.Query(), params)
	query := q.Encode()
	stamp := s.stamp(info)
	etag := s.etag(stamp, c.Request.URL.Path, query)
	if notModified(c, etag) {
		return
	}
	key := c.Request.URL.Path + "?" + query
	v := s.views.get(key, stamp)
	if v == nil {
		r, err := s.result(c, info)
		if err != nil {
			s.fail(c, http.StatusInternalServerError, "", err)
			return
		}
		v, err = build(r, q)
		var nf notFound
		if errors.As(err, &nf) {
			s.fail(c, http.StatusNotFound, nf.Error(), nil)
			return
		}
		if err != nil {
			s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("%s: %w", c.Request.URL.Path, err))
			return
		}
		s.views.put(key, stamp, v)
	}
	c.Header("ETag", etag)
	c.Header("Cache-Control", "no-cache")
	s.render(c, http.StatusOK, v)
}

// notModified answers 304 when If-None-Match matches etag. The 304 carries
// no Content-Security-Policy: the client keeps the one stored with the page,
// whose nonce matches the page's scripts.
func notModified(c *gin.Context, etag string) bool {
	if !matchETag(c.GetHeader("If-None-Match"), etag) {
		return false
	}
	h := c.Writer.Header()
	h.Del("Content-Security-Policy")
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache")
	c.Status(http.StatusNotModified)
	c.Writer.WriteHeaderNow()
	c.Abort()
	return true
}

// variantParam resolves the variant query parameter: its index, or 0 when
// absent. An unknown name is a notFound error.
func variantParam(r *analysis.Result, q url.Values) (int, error) {
	name := q.Get("variant")
	if name == "" {
		return 0, nil
	}
	for v := 1; v < len(r.Document.Variants); v++ {
		if r.Document.Variants[v] == name {
			return v, nil
		}
	}
	return 0, notFound(fmt.Sprintf("Document %s has no variant %q.", r.Document.Name, name))
}
