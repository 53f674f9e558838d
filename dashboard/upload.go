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
// A form's check analyses without storing and answers what it found, or
// why not, as JSON for the form's script.
func (s *server) upload(c *gin.Context) {
	if !s.mayWrite(c, "uploads are disabled", "Uploads") {
		return
	}
	// The limit leaves room for the multipart framing and the other fields.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxUpload+64<<10)
	if err := s.readForm(c.Request); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			err = s.tooLarge(err)
		}
		s.refuseUpload(c, anUpload{}, err)
		return
	}
	defer c.Request.MultipartForm.RemoveAll()
	up, err := s.readUpload(c.Request)
	if err != nil {
		s.refuseUpload(c, up, err)
		return
	}
	report, end := s.progress.start(c.Request.PostFormValue(progressField))
	defer end()
	up.in.Options.Progress = report
	if up.check {
		s.check(c, up.dict, up.in)
		return
	}
	rs, err := ingest.Ingest(c.Request.Context(), s.cfg.Source, up.dict, up.in)
	// Whatever the outcome, the list may have changed: read it again.
	s.catalog.invalidate()
	if err != nil {
		s.refuseUpload(c, up, notStored(err))
		return
	}
	c.Redirect(http.StatusSeeOther, storedURL(rs[0].Document.Name))
}

// anUpload is what an upload's form asks for: a document to ingest with a
// dictionary, or to check without storing it.
type anUpload struct {
	name  string
	check bool
	dict  *analysis.Dictionary
	in    ingest.Input
}

// readUpload reads what the form of r asks for. A refusal is an
// *analysis.Error whose message is for the form; nothing read is stored.
func (s *server) readUpload(r *http.Request) (anUpload, error) {
	form := r.MultipartForm
	up := anUpload{name: strings.TrimSpace(r.PostFormValue("name")), check: r.PostFormValue(checkField) != ""}
	// An upload adds one document: a form carrying several files is refused
	// rather than half taken, unless the others are the document's later
	// versions (field versions) or its stages.
	if n := countFiles(form) - len(form.File[versionsField]) - len(form.File[stagesField]); n > 1 {
		return up, analysis.Fail(analysis.FailInvalid, fmt.Sprintf("Upload one file at a time; this upload holds %d files. Nothing was stored.", n))
	}
	dict, err := s.uploadDictionary(form)
	if err != nil {
		return up, &analysis.Error{Kind: analysis.FailInvalid, Msg: "The file was not stored. " + err.Error(), Err: err}
	}
	versions, err := readVersions(form, s.cfg.MaxUpload)
	switch {
	case errors.Is(err, errTooLarge):
		return up, s.tooLarge(err)
	case err != nil:
		return up, &analysis.Error{Kind: analysis.FailBadRequest, Msg: "A version could not be read: " + err.Error(), Err: err}
	}
	in, err := s.uploadInput(r, up.name, versions)
	if err != nil {
		return up, err
	}
	outcome := s.cfg.Outcome
	if v := strings.TrimSpace(r.PostFormValue("outcome")); v != "" {
		outcome = v
	}
	in.Tracked = s.cfg.Tracked || r.PostFormValue("tracked") != ""
	in.Options = analysis.Options{
		Outcome:         outcome,
		OutcomeComplete: r.PostFormValue("outcome_complete") != "",
		MaxWorkCap:      s.cfg.UploadWork,
	}
	up.dict, up.in = dict, in
	return up, nil
}

// refuseUpload answers an upload that err refused: a failure of the server
// as every failure, a check's refusal as JSON, any other on the home page.
func (s *server) refuseUpload(c *gin.Context, up anUpload, err error) {
	code := statusOf(err)
	switch {
	case code >= http.StatusInternalServerError:
		s.fail(c, code, "", err)
	case up.check:
		c.JSON(code, gin.H{"error": err.Error()})
	default:
		s.renderIndex(c, code, err.Error(), up.name)
	}
}

// tooLarge refuses an upload past the size limit.
func (s *server) tooLarge(err error) error {
	return &analysis.Error{Kind: analysis.FailTooLarge, Msg: "The file is larger than the limit of " + parse.FormatSize(s.cfg.MaxUpload) + ".", Err: err}
}

// notStored is the refusal of an upload that ingest did not store: a name
// taken in the refusal's own words (without the store's prefixes), a
// failure of the store as the server's, and any other error as an input
// that does not read or analyse, whatever the error says of itself: the
// user's file, not the server, failed.
func notStored(err error) error {
	var saveErr *ingest.SaveError
	switch {
	case analysis.FailureOf(err) == analysis.FailConflict:
		msg := err.Error()
		var taken *analysis.NameTakenError
		if errors.As(err, &taken) {
			msg = taken.Error()
		}
		return &analysis.Error{Kind: analysis.FailConflict, Msg: "The file was not stored: " + msg + ".", Err: err}
	case errors.As(err, &saveErr):
		return &analysis.Error{Kind: analysis.FailInternal, Err: err}
	}
	return &analysis.Error{Kind: analysis.FailInvalid, Msg: "The file was not stored. " + err.Error(), Err: err}
}

// uploadInput reads the document an upload gives: the stages of a
// negotiation (field stages, ordered by the form's plan or a manifest), or
// one file and its versions. A refusal is an *analysis.Error for the form,
// nothing read stored.
func (s *server) uploadInput(r *http.Request, name string, versions []ingest.File) (ingest.Input, error) {
	if len(r.MultipartForm.File[stagesField]) > 0 {
		files, err := readStageFiles(r.MultipartForm, s.cfg.MaxUpload)
		switch {
		case errors.Is(err, errTooLarge):
			return ingest.Input{}, s.tooLarge(err)
		case err != nil:
			return ingest.Input{}, &analysis.Error{Kind: analysis.FailBadRequest, Msg: "A file could not be read: " + err.Error(), Err: err}
		}
		in, err := chainInput(files, r.PostFormValue(planField), name)
		if err != nil {
			return ingest.Input{}, &analysis.Error{Kind: analysis.FailInvalid, Msg: "Nothing was stored: " + err.Error() + ".", Err: err}
		}
		return in, nil
	}
	f, fh, err := r.FormFile("file")
	if err != nil {
		return ingest.Input{}, &analysis.Error{Kind: analysis.FailInvalid, Msg: "Choose a file to upload.", Err: err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxUpload+1))
	if err != nil {
		return ingest.Input{}, &analysis.Error{Kind: analysis.FailBadRequest, Msg: "The file could not be read: " + err.Error(), Err: err}
	}
	if int64(len(data)) > s.cfg.MaxUpload {
		return ingest.Input{}, s.tooLarge(nil)
	}
	return ingest.Input{Name: name, Files: []ingest.File{{Name: uploadName(fh.Filename), Data: data}}, Versions: versions}, nil
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
