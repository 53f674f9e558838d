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
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// exportParams are the filters downloads understand.
var exportParams = []string{"variant", "theme", "section", "paragraph", "stage", "q"}

// csvParams are the parameters of a CSV download: the filters, and bom=1
// for a UTF-8 byte order mark, which Excel needs to read accents right.
var csvParams = append(slices.Clone(exportParams), "bom")

// jsonParams are the parameters of a JSON download: the filters and the
// page of rows.
var jsonParams = append(slices.Clone(exportParams), "limit", "offset")

// DefaultJSONLimit is the number of rows a JSON table response holds when
// the request does not ask for fewer; the response links to the next rows.
// CSV downloads are not paged: they stream whole.
const DefaultJSONLimit = 10000

// jsonPageBytes bounds the rows of one JSON response: past it, the page
// ends early and its next link continues from the row reached, so that a
// page of wide rows stays a couple of megabytes.
const jsonPageBytes = 2 << 20

// jsonPageTail is room kept on a JSON page for what follows its rows: the
// next link, which repeats the filters, and the object's end.
const jsonPageTail = 4 << 10

// utf8BOM is the byte order mark a CSV download starts with when asked.
const utf8BOM = "\uFEFF"

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
	if file == dataPackageFile {
		s.exportDataPackage(c)
		return
	}
	table, ok := strings.CutSuffix(file, ".csv")
	if !ok {
		s.fail(c, http.StatusNotFound, fmt.Sprintf("There is no download %q; tables download as NAME.csv.", file), nil)
		return
	}
	if !s.knownTable(c, table) {
		return
	}
	s.export(c, table, download{
		params:      csvParams,
		contentType: "text/csv; charset=utf-8",
		disposition: func(r *analysis.Result) string {
			// filename* (RFC 6266) keeps a name in any script; filename
			// is for clients that know only ASCII.
			return `attachment; filename="` + fileSafe(r.Document.Name) + "-" + table + `.csv"; filename*=UTF-8''` +
				url.PathEscape(r.Document.Name+"-"+table+".csv")
		},
		write: func(w io.Writer, r *analysis.Result, f analysis.Filter, q url.Values) error {
			if q.Get("bom") == "1" {
				if _, err := io.WriteString(w, utf8BOM); err != nil {
					return err
				}
			}
			return analysis.WriteTableCSV(w, r, table, f)
		},
	})
}

// exportJSON serves /api/d/{doc}/{table}: the rows of the CSV download as
// JSON objects keyed by the table's header, a page at a time, in an object
// that names the document, its dictionary and its variants.
func (s *server) exportJSON(c *gin.Context) {
	table := c.Param("table")
	if !s.knownTable(c, table) {
		return
	}
	s.export(c, table, download{
		params:      jsonParams,
		contentType: "application/json; charset=utf-8",
		write: func(w io.Writer, r *analysis.Result, f analysis.Filter, q url.Values) error {
			pg, err := jsonPage(q)
			if err != nil {
				return err
			}
			return writeTableJSON(w, r, table, f, pg, q)
		},
	})
}

// rowPage is the slice of a table's rows one JSON response holds.
type rowPage struct {
	limit, offset int
}

// jsonPage reads limit and offset from q.
func jsonPage(q url.Values) (rowPage, error) {
	pg := rowPage{limit: DefaultJSONLimit}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > DefaultJSONLimit {
			return pg, badRequest(fmt.Sprintf("limit must be a whole number from 1 to %d, not %q.", DefaultJSONLimit, v))
		}
		pg.limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return pg, badRequest(fmt.Sprintf("offset must be a whole number from 0 up, not %q.", v))
		}
		pg.offset = n
	}
	return pg, nil
}

// download is how a table is written in one format.
type download struct {
	params      []string // the query parameters it understands
	contentType string
	disposition func(r *analysis.Result) string // nil for none
	write       func(w io.Writer, r *analysis.Result, f analysis.Filter, q url.Values) error
}

// export serves a table's download: 304 when the client's copy is current,
// the body from the response cache when it is at most s.exportCache bytes,
// else streamed from the analysis, so that a table of millions of rows is
// never held in memory.
func (s *server) export(c *gin.Context, table string, dl download) {
	cr, ok := s.begin(c, dl.params)
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
		if err := dl.write(buf, r, f, q); errors.Is(err, errTooBig) {
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
	if err := dl.write(c.Writer, r, f, q); err != nil {
		if !c.Writer.Written() {
			h.Del("Content-Disposition")
		}
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("export %s %s: %w", r.Document.Name, table, err))
	}
}

// errPageFull stops a table's rows once a JSON page holds one row past its
// limit: that row says there is a next page.
var errPageFull = errors.New("page full")

// writeTableJSON writes one page of a table's rows as a JSON object: the
// document's name, the SHA-256 of its dictionary, its variants with their
// roles, the page's limit and offset, the rows as objects keyed by the
// table's header (numbers as numbers, a missing figure as null), and the
// URL of the next page, or null.
func writeTableJSON(out io.Writer, r *analysis.Result, table string, f analysis.Filter, pg rowPage, q url.Values) error {
	head, err := analysis.TableHeader(r, table)
	if err != nil {
		return err
	}
	enc, err := newRowEncoder(head)
	if err != nil {
		return err
	}
	hash := ""
	if r.Dictionary != nil {
		hash = r.Dictionary.Hash
	}
	cw := &countingWriter{w: out}
	w := bufio.NewWriterSize(cw, 32<<10)
	start, err := json.Marshal(struct {
		Document string        `json:"document"`
		Dict     string        `json:"dictionary_sha256"`
		Variants []variantRole `json:"variants"`
		Limit    int           `json:"limit"`
		Offset   int           `json:"offset"`
	}{r.Document.Name, hash, resultRoles(r), pg.limit, pg.offset})
	if err != nil {
		return err
	}
	w.Write(start[:len(start)-1])
	w.WriteString(`,"rows":[`)
	n := 0
	more := false
	var rowBuf []byte // the row being written, added to the page if it fits
	err = analysis.TableRowsFrom(r, table, f, pg.offset, func(row []string) error {
		if n == pg.limit {
			more = true
			return errPageFull
		}
		rowBuf = rowBuf[:0]
		if n > 0 {
			rowBuf = append(rowBuf, ',')
		}
		var err error
		if rowBuf, err = enc.append(rowBuf, row); err != nil {
			return err
		}
		// The page ends before the row that would take it past its
		// bound, the end of the object included; it holds one row
		// whatever its size.
		if n > 0 && cw.n+int64(w.Buffered())+int64(len(rowBuf))+jsonPageTail > jsonPageBytes {
			more = true
			return errPageFull
		}
		n++
		// The writer's error is sticky: a failed write stops the rows.
		_, err = w.Write(rowBuf)
		return err
	})
	if err != nil && !errors.Is(err, errPageFull) {
		return err
	}
	next := []byte("null")
	if more {
		if next, err = json.Marshal(nextPageURL(r, table, q, pg, n)); err != nil {
			return err
		}
	}
	w.WriteString("\n],\"next\":")
	w.Write(next)
	w.WriteString("}\n")
	return w.Flush()
}

// rowEncoder writes a table's rows as JSON objects keyed by its header.
type rowEncoder struct {
	keys   [][]byte // the header's names, as JSON strings
	number []bool   // which columns hold numbers
}

func newRowEncoder(head []string) (*rowEncoder, error) {
	e := &rowEncoder{keys: make([][]byte, len(head)), number: make([]bool, len(head))}
	for i, k := range head {
		var err error
		if e.keys[i], err = json.Marshal(k); err != nil {
			return nil, err
		}
		e.number[i] = analysis.NumberColumn(k)
	}
	return e, nil
}

// append appends row to buf as a JSON object on a line of its own: numbers
// as numbers, a missing figure as null.
func (e *rowEncoder) append(buf []byte, row []string) ([]byte, error) {
	buf = append(buf, "\n{"...)
	for i, v := range row {
		if i >= len(e.keys) {
			return nil, fmt.Errorf("row of %d values for %d columns", len(row), len(e.keys))
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, e.keys[i]...)
		buf = append(buf, ':')
		if e.number[i] {
			if v == "" {
				buf = append(buf, "null"...)
				continue
			}
			if _, err := strconv.ParseFloat(v, 64); err == nil {
				buf = append(buf, v...)
				continue
			}
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		buf = append(buf, b...)
	}
	return append(buf, '}'), nil
}

// nextPageURL returns the address of the page of table's rows after page
// pg, which held n rows, with the filters of q.
func nextPageURL(r *analysis.Result, table string, q url.Values, pg rowPage, n int) string {
	nq := url.Values{}
	for _, k := range exportParams {
		if v := q.Get(k); v != "" {
			nq.Set(k, v)
		}
	}
	if pg.limit != DefaultJSONLimit {
		nq.Set("limit", strconv.Itoa(pg.limit))
	}
	nq.Set("offset", strconv.Itoa(pg.offset+n))
	return apiURL(r.Document.Name, table, nq)
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// variantRole is a variant as JSON responses describe it.
type variantRole struct {
	Name string `json:"name"`
	Role string `json:"role"` // base, stage, proposal or outcome
}

// variantRoles names the role of every column of a stored document: base,
// stage, outcome or proposal (see analysis.DocumentInfo.Role), as
// resultRoles names them from its analysis.
func variantRoles(info analysis.DocumentInfo) []variantRole {
	out := make([]variantRole, len(info.Variants))
	for v, name := range info.Variants {
		out[v] = variantRole{Name: name, Role: info.Role(v)}
	}
	return out
}

// resultRoles names the role of every column of r's document in its
// chain: base, stage, outcome or proposal (see analysis.Result.Role).
func resultRoles(r *analysis.Result) []variantRole {
	out := make([]variantRole, len(r.Document.Variants))
	for v, name := range r.Document.Variants {
		out[v] = variantRole{Name: name, Role: r.Role(v)}
	}
	return out
}

// exportInput loads the analysis of a download and checks its filters.
func (s *server) exportInput(c *gin.Context, info analysis.DocumentInfo, q url.Values) (*analysis.Result, analysis.Filter, error) {
	f := analysis.Filter{Variant: q.Get("variant"), Theme: q.Get("theme"), Section: q.Get("section"), Paragraph: q.Get("paragraph"), Stage: q.Get("stage"), Query: q.Get("q"), Against: q.Get("against")}
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
// that a typo gives a 404 rather than an empty table; the message is the
// one `amendlens export` gives.
func (s *server) checkFilter(r *analysis.Result, f analysis.Filter) error {
	if r.Dictionary == nil {
		// An analysis stored without its dictionary is read with the
		// server's.
		c := *r
		c.Dictionary = s.dictOf(r)
		r = &c
	}
	var fe *analysis.FilterError
	if err := analysis.CheckFilter(r, f); errors.As(err, &fe) {
		return notFound(fe.Msg)
	} else if err != nil {
		return err
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

// knownTable answers 404 for a table name there is none of.
func (s *server) knownTable(c *gin.Context, table string) bool {
	if !slices.Contains(analysis.Tables, table) {
		s.fail(c, http.StatusNotFound, fmt.Sprintf("There is no table %q; the tables are %s.", table, strings.Join(analysis.Tables, ", ")), nil)
		return false
	}
	return true
}

// dataPackageFile is the download of every table in one zip.
const dataPackageFile = "datapackage.zip"

// exportDataPackage serves /d/{doc}/export/datapackage.zip: every table of
// the document as a CSV with a datapackage.json giving each column's type
// and each table's keys (analysis.WriteDataPackage).
func (s *server) exportDataPackage(c *gin.Context) {
	s.export(c, "datapackage", download{
		contentType: "application/zip",
		disposition: func(r *analysis.Result) string {
			return `attachment; filename="` + fileSafe(r.Document.Name) + `-datapackage.zip"; filename*=UTF-8''` +
				url.PathEscape(r.Document.Name+"-datapackage.zip")
		},
		write: func(w io.Writer, r *analysis.Result, _ analysis.Filter, _ url.Values) error {
			return analysis.WriteDataPackage(w, r, time.Now())
		},
	})
}
