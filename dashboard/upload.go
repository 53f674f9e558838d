package dashboard

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// upload serves POST /: it parses, analyses and stores the uploaded file,
// then redirects to its overview. A file that does not parse or analyse is
// not stored; the home page says what is wrong and where, with status 422.
func (s *server) upload(c *gin.Context) {
	if s.cfg.ReadOnly {
		s.fail(c, http.StatusForbidden, "This dashboard is read-only: uploads are disabled.", nil)
		return
	}
	if !sameOrigin(c.Request) {
		s.fail(c, http.StatusForbidden, "Uploads must come from this dashboard's own form.", nil)
		return
	}
	// The limit leaves room for the multipart framing and the other fields.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxUpload+64<<10)
	tooLarge := "The file is larger than the limit of " + byteSize(s.cfg.MaxUpload) + "."
	if err := c.Request.ParseMultipartForm(1 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.renderIndex(c, http.StatusRequestEntityTooLarge, tooLarge, "")
			return
		}
		s.renderIndex(c, http.StatusBadRequest, "The upload is not a multipart form: "+err.Error(), "")
		return
	}
	defer c.Request.MultipartForm.RemoveAll()
	name := strings.TrimSpace(c.Request.PostFormValue("name"))

	if s.cfg.Token != "" {
		tok := c.Request.PostFormValue("token")
		if subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.Token)) != 1 {
			s.renderIndex(c, http.StatusForbidden, "The upload token is missing or wrong.", name)
			return
		}
	}

	// An upload adds one document: a form carrying several files is refused
	// rather than half taken.
	if n := countFiles(c.Request.MultipartForm); n > 1 {
		s.renderIndex(c, http.StatusUnprocessableEntity, fmt.Sprintf("Upload one file at a time; this upload holds %d files. Nothing was stored.", n), name)
		return
	}
	dict, err := s.uploadDictionary(c.Request.MultipartForm)
	if err != nil {
		s.renderIndex(c, http.StatusUnprocessableEntity, "The file was not stored. "+err.Error(), name)
		return
	}
	outcome := s.cfg.Outcome
	if v := strings.TrimSpace(c.Request.PostFormValue("outcome")); v != "" {
		outcome = v
	}
	f, fh, err := c.Request.FormFile("file")
	if err != nil {
		s.renderIndex(c, http.StatusUnprocessableEntity, "Choose a file to upload.", name)
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxUpload+1))
	if err != nil {
		s.renderIndex(c, http.StatusBadRequest, "The file could not be read: "+err.Error(), name)
		return
	}
	if int64(len(data)) > s.cfg.MaxUpload {
		s.renderIndex(c, http.StatusRequestEntityTooLarge, tooLarge, name)
		return
	}
	file := path.Base(strings.ReplaceAll(fh.Filename, `\`, "/"))
	if file == "." || file == "/" {
		file = "upload.txt"
	}

	doc, err := analysis.Parse(file, data)
	if err != nil {
		s.renderIndex(c, http.StatusUnprocessableEntity, "The file was not stored. "+err.Error(), name)
		return
	}
	if name != "" {
		doc.Name = analysis.Slug(name)
		if doc.Name == "" {
			s.renderIndex(c, http.StatusUnprocessableEntity, fmt.Sprintf("The name %q has no letters or digits to name the document by.", name), name)
			return
		}
	}
	r, err := analysis.AnalyseContext(c.Request.Context(), doc, dict, analysis.Options{
		Outcome:         outcome,
		OutcomeComplete: c.Request.PostFormValue("outcome_complete") != "",
	})
	if err != nil {
		s.renderIndex(c, http.StatusUnprocessableEntity, "The file was not stored. "+err.Error(), name)
		return
	}
	err = s.cfg.Source.Save(c.Request.Context(), r)
	// Whatever the outcome, the list may have changed: read it again.
	s.catalog.invalidate()
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("save %s: %w", r.Document.Name, err))
		return
	}
	c.Redirect(http.StatusSeeOther, docURL(r.Document.Name))
}

// sameOrigin refuses uploads that a browser says come from another site.
func sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" {
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" || origin == "null" {
		return origin == ""
	}
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

// countFiles returns how many document files form carries, in all its
// fields but the dictionary's.
func countFiles(form *multipart.Form) int {
	n := 0
	for field, files := range form.File {
		if field == dictionaryField && len(files) == 1 {
			continue
		}
		n += len(files)
	}
	return n
}

// dictionaryField is the upload form's field for a theme dictionary file.
const dictionaryField = "dictionary"

// maxDictionaryUpload bounds the dictionary file of an upload.
const maxDictionaryUpload = 1 << 20

// uploadDictionary returns the theme dictionary an upload chose, or the
// server's when it chose none.
func (s *server) uploadDictionary(form *multipart.Form) (*analysis.Dictionary, error) {
	files := form.File[dictionaryField]
	if len(files) == 0 || files[0].Size == 0 && files[0].Filename == "" {
		return s.cfg.Dictionary, nil
	}
	fh := files[0]
	if fh.Size > maxDictionaryUpload {
		return nil, fmt.Errorf("The dictionary file is larger than %s.", byteSize(maxDictionaryUpload))
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxDictionaryUpload+1))
	if err != nil {
		return nil, err
	}
	return analysis.ReadDictionary(path.Base(strings.ReplaceAll(fh.Filename, `\`, "/")), data)
}
