package dashboard

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// DefaultExportCache is the largest download body kept in the response
// cache; bigger ones (the hits table of a large document runs to millions
// of rows) are streamed on every request and never held in memory.
const DefaultExportCache = 8 << 20

// errTooBig stops the build of a download that passes the size kept.
var errTooBig = errors.New("download too big to keep")

// cappedBuffer collects a download's body up to max bytes.
type cappedBuffer struct {
	b   []byte
	max int
}

// Write appends p, or fails with errTooBig when it would pass the cap.
func (w *cappedBuffer) Write(p []byte) (int, error) {
	if len(w.b)+len(p) > w.max {
		return 0, errTooBig
	}
	w.b = append(w.b, p...)
	return len(p), nil
}

// exportCSV serves /d/{doc}/export/{table}.csv: a table's rows, narrowed by
// the filters, as CSV.
func (s *server) exportCSV(c *gin.Context) {
	file := c.Param("file")
	table, ok := strings.CutSuffix(file, ".csv")
	if !ok {
		s.fail(c, http.StatusNotFound, fmt.Sprintf("There is no download %q; tables download as NAME.csv.", file), nil)
		return
	}
	s.export(c, table, download{
		contentType: "text/csv; charset=utf-8",
		disposition: func(r *analysis.Result) string {
			// filename* (RFC 6266) keeps a name in any script; filename
			// is for clients that know only ASCII.
			return `attachment; filename="` + fileSafe(r.Document.Name) + "-" + table + `.csv"; filename*=UTF-8''` +
				url.PathEscape(r.Document.Name+"-"+table+".csv")
		},
		write: func(w io.Writer, r *analysis.Result, f analysis.Filter) error {
			return analysis.WriteTableCSV(w, r, table, f)
		},
	})
}

// exportJSON serves /api/d/{doc}/{table}: the rows of the CSV download as a
// JSON array of objects keyed by the table's header.
func (s *server) exportJSON(c *gin.Context) {
	table := c.Param("table")
	s.export(c, table, download{
		contentType: "application/json; charset=utf-8",
		write: func(w io.Writer, r *analysis.Result, f analysis.Filter) error {
			return writeTableJSON(w, r, table, f)
		},
	})
}

// download is how a table is written in one format.
type download struct {
	contentType string
	disposition func(r *analysis.Result) string // nil for none
	write       func(w io.Writer, r *analysis.Result, f analysis.Filter) error
}

// export serves a table's download: 304 when the client's copy is current,
// the body from the response cache when it is at most s.exportCache bytes,
// else streamed from the analysis, so that a table of millions of rows is
// never held in memory.
func (s *server) export(c *gin.Context, table string, dl download) {
	if !slices.Contains(analysis.Tables, table) {
		s.fail(c, http.StatusNotFound, fmt.Sprintf("There is no table %q; the tables are %s.", table, strings.Join(analysis.Tables, ", ")), nil)
		return
	}
	cr, ok := s.begin(c, exportParams)
	if !ok {
		return
	}
	info, q, etag := cr.info, cr.q, cr.etag
	resp, err := s.responses.do(c.Request.Context(), cr.key, info.Name, cr.stamp, func() (*response, error) {
		r, f, err := s.exportInput(c, info, q)
		if err != nil {
			return nil, err
		}
		buf := &cappedBuffer{max: s.exportCache}
		if err := dl.write(buf, r, f); errors.Is(err, errTooBig) {
			return &response{stream: true}, nil
		} else if err != nil {
			return nil, fmt.Errorf("export %s %s: %w", r.Document.Name, table, err)
		}
		disposition := ""
		if dl.disposition != nil {
			disposition = dl.disposition(r)
		}
		return newResponse(etag, dl.contentType, disposition, buf.b)
	})
	if err != nil {
		s.buildFailed(c, err)
		return
	}
	if !resp.stream {
		resp.write(c)
		return
	}
	r, f, err := s.exportInput(c, info, q)
	if err != nil {
		s.buildFailed(c, err)
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Type", dl.contentType)
	if dl.disposition != nil {
		h.Set("Content-Disposition", dl.disposition(r))
	}
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache")
	c.Status(http.StatusOK)
	if c.Request.Method == http.MethodHead {
		c.Writer.WriteHeaderNow()
		return
	}
	if err := dl.write(c.Writer, r, f); err != nil {
		if !c.Writer.Written() {
			h.Del("Content-Disposition")
		}
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("export %s %s: %w", r.Document.Name, table, err))
	}
}

// writeTableJSON writes a table's rows as a JSON array of objects keyed by
// the table's header.
func writeTableJSON(out io.Writer, r *analysis.Result, table string, f analysis.Filter) error {
	head, err := analysis.TableHeader(r, table)
	if err != nil {
		return err
	}
	keys := make([][]byte, len(head))
	for i, k := range head {
		if keys[i], err = json.Marshal(k); err != nil {
			return err
		}
	}
	w := bufio.NewWriterSize(out, 32<<10)
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
		// The writer's error is sticky: a failed write stops the rows.
		return w.WriteByte('}')
	})
	if err != nil {
		return err
	}
	w.WriteString("\n]\n")
	return w.Flush()
}

// exportInput loads the analysis of a download and checks its filters.
func (s *server) exportInput(c *gin.Context, info analysis.DocumentInfo, q url.Values) (*analysis.Result, analysis.Filter, error) {
	f := analysis.Filter{Variant: q.Get("variant"), Theme: q.Get("theme"), Section: q.Get("section"), Paragraph: q.Get("paragraph")}
	r, err := s.result(c, info)
	if err != nil {
		return nil, f, err
	}
	if err := s.checkFilter(r, f); err != nil {
		return nil, f, err
	}
	return r, f, nil
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
