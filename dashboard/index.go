package dashboard

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
	"amendlens/parse"
)

// indexView is the body of the home page.
type indexView struct {
	Docs      []docRow
	ReadOnly  bool
	NeedToken bool
	MaxUpload string
	Complete  bool   // the "outcome is complete" box starts ticked
	Outcome   string // the server's outcome column, "" for the default
	Message   string // what went wrong with an upload
	Name      string // the name the failed upload asked for
	Notice    string // what the last action did ("Deleted …"), "" for none
	Tracked   bool   // the "read tracked changes" box starts ticked
}

// docRow is one stored document in the list.
type docRow struct {
	Name       string
	URL        string
	Source     string
	Variants   string
	Paragraphs int
	Ingested   string
}

// index serves /: the stored documents and the upload form. In read-only
// mode, with a single document, it redirects to that document's overview.
// The page is rendered once per state of the list and kept.
func (s *server) index(c *gin.Context) {
	ctx := c.Request.Context()
	infos, listStamp, err := s.catalog.current(ctx)
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", err)
		return
	}
	if s.cfg.ReadOnly && len(infos) == 1 {
		c.Redirect(http.StatusFound, docURL(infos[0].Name))
		return
	}
	if gone := c.Query("deleted"); gone != "" && !slices.ContainsFunc(infos, func(i analysis.DocumentInfo) bool { return i.Name == gone }) {
		// After a deletion, once: the list without the document, saying so.
		v := s.indexView(infos, "", "")
		iv := v.Body.(indexView)
		iv.Notice = "Deleted " + gone + "."
		v.Body = iv
		s.render(c, http.StatusOK, v)
		return
	}
	etag := s.etag(listStamp, "/", "")
	if notModified(c, etag) {
		return
	}
	resp, err := s.responses.do(ctx, "/", "/", listStamp, func() (*response, error) {
		return s.renderResponse(s.indexView(infos, "", ""), etag)
	})
	if err != nil {
		s.buildFailed(c, err)
		return
	}
	resp.write(c)
}

// renderIndex renders the home page with code and what went wrong with an
// upload, for the name the upload asked for; it is not kept.
func (s *server) renderIndex(c *gin.Context, code int, msg, name string) {
	infos, _, err := s.catalog.current(c.Request.Context())
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", err)
		return
	}
	c.Header("Cache-Control", "no-store")
	s.render(c, code, s.indexView(infos, msg, name))
}

// indexView is the home page listing infos, with an upload message.
func (s *server) indexView(infos []analysis.DocumentInfo, msg, name string) *view {
	iv := indexView{
		ReadOnly:  s.cfg.ReadOnly,
		NeedToken: s.cfg.Token != "",
		MaxUpload: parse.FormatSize(s.cfg.MaxUpload),
		Complete:  s.cfg.OutcomeComplete,
		Outcome:   s.cfg.Outcome,
		Message:   msg,
		Name:      name,
		Tracked:   s.cfg.Tracked,
	}
	for _, info := range infos {
		row := docRow{Name: info.Name, URL: docURL(info.Name), Source: info.Source, Paragraphs: info.Paragraphs}
		if info.Title != "" {
			row.Name = info.Title // as the user gave it; the URL has its slug
		}
		if len(info.Variants) > 1 {
			row.Variants = strings.Join(info.Variants[1:], ", ")
		} else {
			row.Variants = "none: the base text alone"
		}
		if !info.Ingested.IsZero() {
			row.Ingested = info.Ingested.UTC().Format("2006-01-02 15:04 UTC")
		}
		iv.Docs = append(iv.Docs, row)
	}
	return &view{
		Template: "index",
		Title:    "Documents",
		Crumbs:   []link{{Name: "Documents"}},
		Body:     iv,
	}
}
