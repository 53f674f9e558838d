package dashboard

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/templates"
)

// pageNames are the templates that render a whole page; every other *.html
// file holds partials they share (layout.html, chart.html).
var pageNames = []string{"index", "overview", "paragraph", "theme", "section", "uptake", "search", "dictionary", "error"}

// partialFiles are parsed into every page.
var partialFiles = []string{"layout.html", "chart.html", "pager.html", "downloads.html", "basetext.html", "evidence.html"}

// parsePages returns one template set per page, by page name.
func parsePages() (map[string]*template.Template, error) {
	ps := make(map[string]*template.Template)
	base, err := template.New("layout.html").Funcs(template.FuncMap{"excel": excelURL, "judgeRow": judgeRow}).ParseFS(templates.FS, partialFiles...)
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
		ps[name] = t
	}
	return ps, nil
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
	Template   string // one of pageNames
	Title      string
	Crumbs     []link
	ThemeStyle string // URL of the stylesheet colouring the themes shown, "" for none
	// Doc is the name of the document a page shows, "" for none: the
	// static script names the images charts save after it.
	Doc string
	// DocTitle is that document's title, as given: saved images carry it.
	DocTitle string
	Body     any
}

// execute renders v's template.
func (s *server) execute(v *view) ([]byte, error) {
	t, ok := s.pages[v.Template]
	if !ok {
		return nil, fmt.Errorf("no template %q", v.Template)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return nil, fmt.Errorf("render %s: %w", v.Template, err)
	}
	return buf.Bytes(), nil
}

// render writes v's page with code; a template error becomes a 500.
func (s *server) render(c *gin.Context, code int, v *view) {
	body, err := s.execute(v)
	if err != nil {
		if v.Template == "error" {
			c.String(http.StatusInternalServerError, "internal error")
			return
		}
		s.fail(c, http.StatusInternalServerError, "", err)
		return
	}
	c.Data(code, "text/html; charset=utf-8", body)
}

// renderResponse renders v once, for the response cache.
func (s *server) renderResponse(v *view, etag string) (*response, error) {
	body, err := s.execute(v)
	if err != nil {
		return nil, err
	}
	return newResponse(etag, "text/html; charset=utf-8", "", body)
}

// contentSecurityPolicy allows scripts and stylesheets from the dashboard
// itself only: pages carry their charts as JSON data, which the static
// script draws, and no inline script or style element. style-src-attr
// allows the style attributes ECharts writes into its tooltips; no template
// writes one.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; " +
	"img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// securityHeaders sets the Content-Security-Policy and the other hardening
// headers.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	c.Next()
}

// staticVersion hashes the embedded files, so that ETags change with the
// binary's templates.
func staticVersion() (string, error) {
	h := newHasher()
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		h.add(p, string(data))
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("dashboard: read embedded files: %w", err)
	}
	return h.sum(), nil
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
