package dashboard

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"amendlens/templates"
)

// pageNames are the templates that render a whole page; every other *.html
// file holds partials they share (layout.html, chart.html).
var pageNames = []string{"index", "overview", "paragraph", "theme", "section", "uptake", "dictionary", "error"}

// partialFiles are parsed into every page.
var partialFiles = []string{"layout.html", "chart.html", "pager.html"}

// pageSet holds one template set per page and records which template files
// have been executed, so that a test can catch a template no route uses.
type pageSet struct {
	sets map[string]*template.Template

	mu       sync.Mutex
	executed map[string]bool
}

func parsePages() (*pageSet, error) {
	ps := &pageSet{sets: make(map[string]*template.Template), executed: make(map[string]bool)}
	funcs := template.FuncMap{
		// executed marks a template file as used; every file calls it once.
		"executed": func(name string) string {
			ps.mu.Lock()
			ps.executed[name] = true
			ps.mu.Unlock()
			return ""
		},
		"chartArgs": func(p *page, c *chartView) chartArgs { return chartArgs{Page: p, Chart: c} },
		"excel":     excelURL,
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templates.FS, partialFiles...)
	if err != nil {
		return nil, fmt.Errorf("dashboard: parse templates: %w", err)
	}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("dashboard: clone templates for %s: %w", name, err)
		}
		if _, err := t.ParseFS(templates.FS, name+".html"); err != nil {
			return nil, fmt.Errorf("dashboard: parse %s.html: %w", name, err)
		}
		ps.sets[name] = t
	}
	return ps, nil
}

// executedNames returns the template files executed so far, sorted.
func (ps *pageSet) executedNames() []string {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	var names []string
	for n := range ps.executed {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// link is a named URL: breadcrumbs, filters, navigation. An empty URL is the
// current place.
type link struct {
	Name   string
	URL    string
	Active bool
}

// view is what a handler builds for one page.
type view struct {
	Template string // one of pageNames
	Title    string
	Crumbs   []link
	ThemeCSS template.CSS // classes th-NAME for the themes shown
	Body     any
}

// page is a view as rendered for one request.
type page struct {
	*view
	Nonce   string
	ECharts bool // include the ECharts script and chart containers
}

// chartArgs passes a chart and its page to the chart partial.
type chartArgs struct {
	Page  *page
	Chart *chartView
}

// render executes v's template with a per-request nonce into a buffer and
// writes it with code; a template error becomes a 500.
func (s *server) render(c *gin.Context, code int, v *view) {
	t, ok := s.pages.sets[v.Template]
	if !ok {
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("no template %q", v.Template))
		return
	}
	p := &page{view: v, Nonce: nonce(c), ECharts: s.echarts}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		if v.Template == "error" {
			c.String(http.StatusInternalServerError, "internal error")
			return
		}
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("render %s: %w", v.Template, err))
		return
	}
	c.Data(code, "text/html; charset=utf-8", buf.Bytes())
}

// renderResponse executes v's template once, for the response cache: with
// a placeholder nonce, random and unguessable, which the response's segments
// are split at so that each request gets its own nonce spliced in.
func (s *server) renderResponse(v *view, etag string) (*response, error) {
	t, ok := s.pages.sets[v.Template]
	if !ok {
		return nil, fmt.Errorf("no template %q", v.Template)
	}
	placeholder, err := newNonce()
	if err != nil {
		return nil, err
	}
	p := &page{view: v, Nonce: placeholder, ECharts: s.echarts}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return nil, fmt.Errorf("render %s: %w", v.Template, err)
	}
	segs := bytes.Split(buf.Bytes(), []byte(placeholder))
	resp := &response{
		etag:        etag,
		contentType: "text/html; charset=utf-8",
		segs:        segs,
		length:      buf.Len() - (len(segs)-1)*len(placeholder),
		nonces:      len(segs) - 1,
	}
	if err := resp.compress(); err != nil {
		return nil, err
	}
	return resp, nil
}

// newNonce returns 18 random bytes in unpadded base64url: 24 characters
// that need no escaping in an attribute or a header.
func newNonce() (string, error) {
	var b [18]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

const nonceKey = "amendlens.nonce"

// securityHeaders sets the Content-Security-Policy with a fresh nonce for
// the inline chart scripts and theme styles, and the other hardening headers.
// style-src-attr allows the style attributes ECharts writes into its
// tooltips; no template writes one.
func securityHeaders(c *gin.Context) {
	n, err := newNonce()
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Set(nonceKey, n)
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-"+n+"'; style-src 'self' 'nonce-"+n+"'; "+
		"style-src-attr 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	c.Next()
}

func nonce(c *gin.Context) string {
	return c.GetString(nonceKey)
}

// staticVersion hashes the embedded files, so that ETags change with the
// binary's templates, and says whether the ECharts build is embedded.
func staticVersion() (string, bool, error) {
	h := newHasher()
	echarts := false
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		if p == "static/echarts/echarts.min.js" {
			echarts = true
		}
		h.add(p, string(data))
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("dashboard: read embedded files: %w", err)
	}
	return h.sum(), echarts, nil
}

// static serves the embedded files under /static/.
func (s *server) static(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("file"), "/")
	if name == "" || strings.Contains(name, "..") || strings.HasPrefix(name, ".") {
		s.fail(c, http.StatusNotFound, "There is no such file.", nil)
		return
	}
	data, err := fs.ReadFile(templates.FS, "static/"+name)
	if err != nil {
		s.fail(c, http.StatusNotFound, "There is no such file.", nil)
		return
	}
	etag := `"` + s.version[:16] + `"`
	c.Header("ETag", etag)
	c.Header("Cache-Control", "public, max-age=3600")
	if matchETag(c.GetHeader("If-None-Match"), etag) {
		c.Status(http.StatusNotModified)
		return
	}
	ct := "application/octet-stream"
	switch {
	case strings.HasSuffix(name, ".js"):
		ct = "text/javascript; charset=utf-8"
	case strings.HasSuffix(name, ".css"):
		ct = "text/css; charset=utf-8"
	case path.Base(name) == "NOTICE" || strings.HasPrefix(path.Base(name), "LICENSE"):
		ct = "text/plain; charset=utf-8"
	}
	c.Data(http.StatusOK, ct, data)
}
