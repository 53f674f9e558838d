package dashboard

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
	"amendlens/ingest"
	"amendlens/parse"
)

// mayWrite answers 403 to a request that would change the database when
// the dashboard is read-only (saying why: readOnly) or when the request
// does not come from the dashboard's own pages (naming what: what), and
// reports whether the request may go on.
func (s *server) mayWrite(c *gin.Context, readOnly, what string) bool {
	if s.cfg.ReadOnly {
		s.fail(c, http.StatusForbidden, "This dashboard is read-only: "+readOnly+".", nil)
		return false
	}
	if err := s.crossOrigin.Check(c.Request); err != nil {
		s.fail(c, http.StatusForbidden, what+" must come from this dashboard's own form.", nil)
		return false
	}
	return true
}

// formGuard runs the guards of a write from a small form (a deletion, a
// judgement): mayWrite, a body of at most 64 KiB, and the token, as the
// form's field, when one is set; nothing names what was not done, for
// the message. It writes the refusal and reports false.
func (s *server) formGuard(c *gin.Context, readOnly, what, nothing string) bool {
	if !s.mayWrite(c, readOnly, what) {
		return false
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 64<<10)
	// The form is read here whether or not a token is asked for: the
	// handlers read c.Request.PostForm.
	if err := c.Request.ParseForm(); err != nil {
		s.fail(c, http.StatusBadRequest, "The form does not read: "+nothing+".", err)
		return false
	}
	if s.cfg.Token != "" && !s.tokenOK(c.Request.PostFormValue("token")) {
		s.fail(c, http.StatusForbidden, "The token is missing or wrong: "+nothing+".", nil)
		return false
	}
	return true
}

// upload serves POST /: it parses, analyses and stores the uploaded file,
// then redirects to its overview. A file that does not parse or analyse is
// not stored; the home page says what is wrong and where, with status 422.
func (s *server) upload(c *gin.Context) {
	if !s.mayWrite(c, "uploads are disabled", "Uploads") {
		return
	}
	// The limit leaves room for the multipart framing and the other fields.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxUpload+64<<10)
	tooLarge := "The file is larger than the limit of " + parse.FormatSize(s.cfg.MaxUpload) + "."
	if err := s.readForm(c.Request); err != nil {
		msg := err.Error()
		if statusOf(err) == http.StatusRequestEntityTooLarge {
			msg = tooLarge
		}
		s.renderIndex(c, statusOf(err), msg, "")
		return
	}
	defer c.Request.MultipartForm.RemoveAll()
	name := strings.TrimSpace(c.Request.PostFormValue("name"))
	// A form's check analyses without storing and answers what it found,
	// or why not, as JSON for the form's script.
	check := c.Request.PostFormValue(checkField) != ""
	refuse := func(status int, msg string) {
		if check {
			c.JSON(status, gin.H{"error": msg})
			return
		}
		s.renderIndex(c, status, msg, name)
	}

	// An upload adds one document: a form carrying several files is refused
	// rather than half taken, unless the others are the document's later
	// versions (field versions).
	if n := countFiles(c.Request.MultipartForm) - len(c.Request.MultipartForm.File[versionsField]) - len(c.Request.MultipartForm.File[stagesField]); n > 1 {
		refuse(http.StatusUnprocessableEntity, fmt.Sprintf("Upload one file at a time; this upload holds %d files. Nothing was stored.", n))
		return
	}
	dict, err := s.uploadDictionary(c.Request.MultipartForm)
	if err != nil {
		refuse(http.StatusUnprocessableEntity, "The file was not stored. "+err.Error())
		return
	}
	outcome := s.cfg.Outcome
	if v := strings.TrimSpace(c.Request.PostFormValue("outcome")); v != "" {
		outcome = v
	}
	versions, err := readVersions(c.Request.MultipartForm, s.cfg.MaxUpload)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			refuse(http.StatusRequestEntityTooLarge, tooLarge)
			return
		}
		refuse(http.StatusBadRequest, "A version could not be read: "+err.Error())
		return
	}
	in, status, msg := s.uploadInput(c.Request, name, tooLarge, versions)
	if msg != "" {
		refuse(status, msg)
		return
	}
	in.Tracked = s.cfg.Tracked || c.Request.PostFormValue("tracked") != ""
	report, end := s.progress.start(c.Request.PostFormValue(progressField))
	defer end()
	in.Options = analysis.Options{
		Outcome:         outcome,
		OutcomeComplete: c.Request.PostFormValue("outcome_complete") != "",
		MaxWorkCap:      s.cfg.UploadWork,
		Progress:        report,
	}
	if check {
		s.check(c, dict, in)
		return
	}
	rs, err := ingest.Ingest(c.Request.Context(), s.cfg.Source, dict, in)
	// Whatever the outcome, the list may have changed: read it again.
	s.catalog.invalidate()
	var saveErr *ingest.SaveError
	switch code := statusOf(err); {
	case err == nil:
	case analysis.FailureOf(err) == analysis.FailConflict:
		// The refusal's own words, without the store's prefixes.
		msg := err.Error()
		var taken *analysis.NameTakenError
		if errors.As(err, &taken) {
			msg = taken.Error()
		}
		refuse(code, "The file was not stored: "+msg+".")
		return
	case errors.As(err, &saveErr):
		s.fail(c, http.StatusInternalServerError, "", err)
		return
	default:
		// An input that does not read or analyse, whatever the error
		// says of itself: the user's file, not the server, failed.
		refuse(http.StatusUnprocessableEntity, "The file was not stored. "+err.Error())
		return
	}
	c.Redirect(http.StatusSeeOther, storedURL(rs[0].Document.Name))
}

// uploadInput reads the document an upload gives: the stages of a
// negotiation (field stages, ordered by the form's plan or a manifest), or
// one file and its versions. A refusal is a status and a message for the
// form, nothing read stored.
func (s *server) uploadInput(r *http.Request, name, tooLarge string, versions []ingest.File) (ingest.Input, int, string) {
	if len(r.MultipartForm.File[stagesField]) > 0 {
		files, err := readStageFiles(r.MultipartForm, s.cfg.MaxUpload)
		switch {
		case errors.Is(err, errTooLarge):
			return ingest.Input{}, http.StatusRequestEntityTooLarge, tooLarge
		case err != nil:
			return ingest.Input{}, http.StatusBadRequest, "A file could not be read: " + err.Error()
		}
		in, err := chainInput(files, r.PostFormValue(planField), name)
		if err != nil {
			return ingest.Input{}, http.StatusUnprocessableEntity, "Nothing was stored: " + err.Error() + "."
		}
		return in, 0, ""
	}
	f, fh, err := r.FormFile("file")
	if err != nil {
		return ingest.Input{}, http.StatusUnprocessableEntity, "Choose a file to upload."
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxUpload+1))
	if err != nil {
		return ingest.Input{}, http.StatusBadRequest, "The file could not be read: " + err.Error()
	}
	if int64(len(data)) > s.cfg.MaxUpload {
		return ingest.Input{}, http.StatusRequestEntityTooLarge, tooLarge
	}
	return ingest.Input{Name: name, Files: []ingest.File{{Name: uploadName(fh.Filename), Data: data}}, Versions: versions}, 0, ""
}

// TokenHeader is the request header that may carry the upload token, for
// clients other than the dashboard's form.
const TokenHeader = "X-Amendlens-Token"

// errBadToken is a missing or wrong upload token.
var errBadToken = analysis.Fail(analysis.FailForbidden, "The upload token is missing or wrong.")

// readForm reads the upload's multipart form into r.MultipartForm and
// r.PostForm, spooling files past 1 MB to disk. When uploads need a token,
// it is checked before anything else is read: from the TokenHeader, or else
// from the form's first part, which must be the token field (the form puts
// it first). A missing or wrong token is errBadToken, and the rest of the
// body is neither read nor written to disk.
func (s *server) readForm(r *http.Request) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return notMultipart(err)
	}
	if s.cfg.Token != "" {
		if tok, ok := r.Header[http.CanonicalHeaderKey(TokenHeader)]; ok {
			if len(tok) != 1 || !s.tokenOK(tok[0]) {
				return errBadToken
			}
		} else if err := s.checkFormToken(mr); err != nil {
			return err
		}
	}
	form, err := mr.ReadForm(1 << 20)
	if err != nil {
		return notMultipart(err)
	}
	r.MultipartForm = form
	r.PostForm = url.Values(form.Value)
	r.Form = r.PostForm
	return nil
}

// notMultipart is the error of a body that is not the multipart form of an
// upload; one past the size limit stays an *http.MaxBytesError.
func notMultipart(err error) error {
	return &analysis.Error{Kind: analysis.FailBadRequest, Msg: "The upload is not a multipart form: " + err.Error(), Err: err}
}

// checkFormToken reads the first part of a multipart body, which must be
// the token field carrying the token; the parts that follow stay unread.
func (s *server) checkFormToken(mr *multipart.Reader) error {
	p, err := mr.NextPart()
	if err != nil || p.FormName() != "token" || p.FileName() != "" {
		return errBadToken
	}
	tok, err := io.ReadAll(io.LimitReader(p, 1<<10))
	if err != nil || !s.tokenOK(string(tok)) {
		return errBadToken
	}
	return nil
}

func (s *server) tokenOK(tok string) bool {
	return subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.Token)) == 1
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
		return nil, fmt.Errorf("The dictionary file is larger than %s.", parse.FormatSize(maxDictionaryUpload))
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
	return analysis.ReadDictionary(uploadName(fh.Filename), data)
}
