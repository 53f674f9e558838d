package dashboard

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// exportParams are the filters downloads understand.
var exportParams = []string{"variant", "theme", "section", "paragraph"}

// exportCSV serves /d/{doc}/export/{table}.csv: a table's rows, narrowed by
// the filters, streamed as CSV.
func (s *server) exportCSV(c *gin.Context) {
	file := c.Param("file")
	table, ok := strings.CutSuffix(file, ".csv")
	if !ok {
		s.fail(c, http.StatusNotFound, fmt.Sprintf("There is no download %q; tables download as NAME.csv.", file), nil)
		return
	}
	r, f, ok := s.exportStart(c, table)
	if !ok {
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+fileSafe(r.Document.Name)+"-"+table+`.csv"`)
	c.Status(http.StatusOK)
	if err := analysis.WriteTableCSV(c.Writer, r, table, f); err != nil {
		if !c.Writer.Written() {
			h.Del("Content-Disposition")
		}
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("export %s %s: %w", r.Document.Name, table, err))
	}
}

// exportJSON serves /api/d/{doc}/{table}: the rows of the CSV download as a
// JSON array of objects keyed by the table's header, streamed.
func (s *server) exportJSON(c *gin.Context) {
	table := c.Param("table")
	r, f, ok := s.exportStart(c, table)
	if !ok {
		return
	}
	head, err := analysis.TableHeader(r, table)
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("export %s %s: %w", r.Document.Name, table, err))
		return
	}
	keys := make([][]byte, len(head))
	for i, k := range head {
		if keys[i], err = json.Marshal(k); err != nil {
			s.fail(c, http.StatusInternalServerError, "", err)
			return
		}
	}
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Status(http.StatusOK)
	w := bufio.NewWriterSize(c.Writer, 32<<10)
	w.WriteByte('[')
	n := 0
	err = analysis.TableRows(r, table, f, func(row []string) error {
		if n > 0 {
			w.WriteByte(',')
		}
		n++
		w.WriteString("\n{")
		for i, v := range row {
			if i >= len(keys) {
				return fmt.Errorf("row of %d values for %d columns", len(row), len(keys))
			}
			if i > 0 {
				w.WriteByte(',')
			}
			w.Write(keys[i])
			w.WriteByte(':')
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			w.Write(b)
		}
		w.WriteByte('}')
		return nil
	})
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("export %s %s: %w", r.Document.Name, table, err))
		return
	}
	w.WriteString("\n]\n")
	if err := w.Flush(); err != nil {
		s.log.Debug("dashboard: export interrupted", "err", err)
	}
}

// exportStart resolves the document, table and filters of a download and
// answers 304 when the client's copy is current. It writes the error
// response itself and returns false when the request ends there.
func (s *server) exportStart(c *gin.Context, table string) (*analysis.Result, analysis.Filter, bool) {
	var f analysis.Filter
	info, ok := s.docInfo(c)
	if !ok {
		return nil, f, false
	}
	if !slices.Contains(analysis.Tables, table) {
		s.fail(c, http.StatusNotFound, fmt.Sprintf("There is no table %q; the tables are %s.", table, strings.Join(analysis.Tables, ", ")), nil)
		return nil, f, false
	}
	q := normQuery(c.Request.URL.Query(), exportParams)
	if notModified(c, s.etag(s.stamp(info), c.Request.URL.Path, q.Encode())) {
		return nil, f, false
	}
	r, err := s.result(c, info)
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", err)
		return nil, f, false
	}
	f = analysis.Filter{Variant: q.Get("variant"), Theme: q.Get("theme"), Section: q.Get("section"), Paragraph: q.Get("paragraph")}
	if err := s.checkFilter(r, f); err != nil {
		var nf notFound
		if errors.As(err, &nf) {
			s.fail(c, http.StatusNotFound, nf.Error(), nil)
		} else {
			s.fail(c, http.StatusInternalServerError, "", err)
		}
		return nil, f, false
	}
	c.Header("ETag", s.etag(s.stamp(info), c.Request.URL.Path, q.Encode()))
	c.Header("Cache-Control", "no-cache")
	return r, f, true
}

// checkFilter makes sure every filter names something in the analysis, so
// that a typo gives a 404 rather than an empty table.
func (s *server) checkFilter(r *analysis.Result, f analysis.Filter) error {
	d := r.Document
	if _, err := variantParam(r, url.Values{"variant": {f.Variant}}); err != nil {
		return err
	}
	if f.Theme != "" && !slices.ContainsFunc(s.dictOf(r).Themes, func(t analysis.Theme) bool { return t.Name == f.Theme }) {
		return notFound(fmt.Sprintf("The dictionary of %s has no theme %q.", d.Name, f.Theme))
	}
	if _, err := sectionFilter(d, f.Section); err != nil {
		return err
	}
	if f.Paragraph != "" && !slices.ContainsFunc(d.Paragraphs, func(p analysis.Paragraph) bool { return p.ID == f.Paragraph }) {
		return notFound(fmt.Sprintf("Document %s has no paragraph %q.", d.Name, f.Paragraph))
	}
	return nil
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// fileSafe makes a name safe inside a Content-Disposition filename.
func fileSafe(s string) string {
	s = unsafeFileChars.ReplaceAllString(s, "_")
	if s == "" {
		return "document"
	}
	return s
}
