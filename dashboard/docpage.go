package dashboard

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/align"
	"amendlens/analysis"
	"amendlens/parse"
)

// notFound is the error a view builder returns for an unknown paragraph,
// section, theme, table or filter value: a 404 with msg.
func notFound(msg string) error { return analysis.Fail(analysis.FailNotFound, msg) }

// badRequest is the error a view builder returns for a malformed
// parameter: a 400 with msg.
func badRequest(msg string) error { return analysis.Fail(analysis.FailBadRequest, msg) }

// httpStatus is the status of each kind of failure: the one place errors
// become statuses.
var httpStatus = map[analysis.Failure]int{
	analysis.FailInternal:   http.StatusInternalServerError,
	analysis.FailBadRequest: http.StatusBadRequest,
	analysis.FailInvalid:    http.StatusUnprocessableEntity,
	analysis.FailNotFound:   http.StatusNotFound,
	analysis.FailConflict:   http.StatusConflict,
	analysis.FailTooLarge:   http.StatusRequestEntityTooLarge,
	analysis.FailForbidden:  http.StatusForbidden,
}

// statusOf returns the HTTP status of err (see httpStatus), an upload
// past its size being too large.
func statusOf(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	return httpStatus[analysis.FailureOf(err)]
}

// flagParams are the parameters that are on when "1" and off otherwise.
var flagParams = map[string]bool{"norm": true, "bom": true}

// normQuery keeps the first non-empty value of the known parameters, and a
// flag only when on, so that cache keys and ETags do not vary with unknown
// or repeated parameters or with values that mean the same. Every other
// value it keeps is checked by the page, which answers 404 to an unknown
// one: cache keys are known values only.
func normQuery(q url.Values, keys []string) url.Values {
	out := url.Values{}
	for _, k := range keys {
		v := strings.TrimSpace(q.Get(k))
		if flagParams[k] && v != "1" {
			continue
		}
		if v != "" {
			out.Set(k, v)
		}
	}
	return out
}

// docInfo looks up the document of the request's :doc and writes a 404 or
// 500 when it cannot.
func (s *server) docInfo(c *gin.Context) (analysis.DocumentInfo, bool) {
	name := c.Param("doc")
	info, err := s.catalog.document(c.Request.Context(), name)
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
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("load %s: %w", info.Name, err)
	}
	s.results.put(info.Name, stamp, r)
	return r, nil
}

// docPage serves a page of one document: it answers 304 when the client's
// copy is current, else serves the rendered page from the response cache,
// rendering it once per stamp of the document.
func (s *server) docPage(c *gin.Context, params []string, build func(r *analysis.Result, q url.Values) (*view, error)) {
	cr, ok := s.begin(c, params)
	if !ok {
		return
	}
	info, q, etag := cr.info, cr.q, cr.etag
	resp, err := s.responses.do(c.Request.Context(), cr.key, info.Name, cr.stamp, func() (*response, error) {
		r, err := s.result(c, info)
		if err != nil {
			return nil, err
		}
		v, err := build(r, q)
		if err != nil {
			return nil, err
		}
		v.Doc, v.DocTitle = info.Name, r.Document.Title
		return s.renderResponse(v, etag)
	})
	if err != nil {
		s.buildFailed(c, err)
		return
	}
	resp.write(c)
}

// cachedRequest is a request for a page or download that the response
// cache answers: its document, the query parameters that select the
// response, and the response's cache key, stamp and ETag.
type cachedRequest struct {
	info  analysis.DocumentInfo
	q     url.Values
	key   string
	stamp string
	etag  string
}

// begin looks up the document of c and keeps the query parameters named by
// params. It answers c itself, and returns false, when the document is
// unknown or the client's copy is current (304).
func (s *server) begin(c *gin.Context, params []string) (cachedRequest, bool) {
	info, ok := s.docInfo(c)
	if !ok {
		return cachedRequest{}, false
	}
	q := normQuery(c.Request.URL.Query(), params)
	query := q.Encode()
	cr := cachedRequest{info: info, q: q, key: c.Request.URL.Path + "?" + query, stamp: s.stamp(info)}
	cr.etag = s.etag(cr.stamp, c.Request.URL.Path, query)
	if notModified(c, cr.etag) {
		return cachedRequest{}, false
	}
	return cr, true
}

// buildFailed answers a failed page or download build with the status of
// its error (statusOf) and its message; a server error's message is in the
// log, not the page.
func (s *server) buildFailed(c *gin.Context, err error) {
	if code := statusOf(err); code < http.StatusInternalServerError {
		s.fail(c, code, err.Error(), nil)
		return
	}
	s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("%s: %w", c.Request.URL.Path, err))
}

// notModified answers 304 when If-None-Match matches etag or the tag of its
// gzip form.
func notModified(c *gin.Context, etag string) bool {
	inm := c.GetHeader("If-None-Match")
	if gz := gzipETag(etag); matchETag(inm, gz) && !matchETag(inm, etag) {
		etag = gz
	} else if !matchETag(inm, etag) {
		return false
	}
	h := c.Writer.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Encoding")
	c.Status(http.StatusNotModified)
	c.Writer.WriteHeaderNow()
	c.Abort()
	return true
}

// rowNames returns how pages name the rows of d that a version, a stage
// or a proposal added: a row "new-adopted-33" is "33 (new in Adopted)",
// the number the text that added it gives it and the text; other rows are
// named by their ID, and are not in the map.
func rowNames(d *analysis.Document) map[string]string {
	names := map[string]string{}
	for _, al := range d.Alignments {
		for _, l := range al.Links {
			if l.Relation == align.RelationNew && l.VariantParagraph != "" {
				names[l.Paragraph] = l.VariantParagraph + " (new in " + d.Variants[al.Variant] + ")"
			}
		}
	}
	// Rows a stage or a proposal of a negotiation added are named
	// "new-SLUG-ID" after the first text that has them.
	for _, p := range d.Paragraphs {
		if _, ok := names[p.ID]; ok || !p.New || !strings.HasPrefix(p.ID, "new-") {
			continue
		}
		for v, text := range p.Texts {
			prefix := "new-" + parse.Slug(d.Variants[v]) + "-"
			if text != "" && strings.HasPrefix(p.ID, prefix) && len(p.ID) > len(prefix) {
				names[p.ID] = p.ID[len(prefix):] + " (new in " + d.Variants[v] + ")"
				break
			}
		}
	}
	return names
}

// rowName returns the name of row id in names (rowNames), its ID when it
// has none.
func rowName(names map[string]string, id string) string {
	if n, ok := names[id]; ok {
		return n
	}
	return id
}

// shownVariants returns the variants a page shows: sel alone, or every
// variant but the base when sel is 0.
func shownVariants(d *analysis.Document, sel int) []int {
	if sel > 0 {
		return []int{sel}
	}
	shown := make([]int, 0, len(d.Variants)-1)
	for v := 1; v < len(d.Variants); v++ {
		shown = append(shown, v)
	}
	return shown
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
