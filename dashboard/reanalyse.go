package dashboard

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
	"amendlens/parse"
)

// reanalyse serves POST /d/{doc}/reanalyse: the stored document analysed
// again from its texts with another dictionary (field dictionary, a file),
// outcome column (field outcome; "" keeps it), outcome choice (field
// outcome_complete), title (field title) or variant names (a field
// variant_name per variant, base first; "" keeps one), stored in one transaction, with the guards of
// uploads (not read-only, this dashboard's own form, the token, the
// upload's size and work budget); it opens the overview, which says so.
func (s *server) reanalyse(c *gin.Context) {
	if !s.mayWrite(c, "documents cannot be analysed again", "Analyses") {
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxDictionaryUpload+64<<10)
	if err := s.readForm(c.Request); err != nil {
		s.fail(c, statusOf(err), err.Error(), nil)
		return
	}
	defer c.Request.MultipartForm.RemoveAll()
	form := c.Request.MultipartForm
	info, r, ok := s.storedResult(c)
	if !ok {
		return
	}
	change := analysis.Reanalysis{Outcome: strings.TrimSpace(c.Request.PostFormValue("outcome")), Title: c.Request.PostFormValue("title"), Names: form.Value["variant_name"]}
	if files := form.File[dictionaryField]; len(files) > 0 && files[0].Filename != "" {
		dict, err := s.uploadDictionary(form)
		if err != nil {
			s.fail(c, http.StatusUnprocessableEntity, "Nothing was changed. "+err.Error(), nil)
			return
		}
		change.Dictionary = dict
	}
	complete := c.Request.PostFormValue("outcome_complete") != ""
	change.Complete = &complete
	if s.storeAgain(c, []*analysis.Result{r}, change) {
		c.Redirect(http.StatusSeeOther, storedURL(info.Name))
	}
}

// editDictionary serves POST /d/{doc}/dictionary: a term added to a theme
// of the dictionary the document was analysed with (op=term: theme, term),
// or a theme added (op=theme: label, terms, separated by commas or lines),
// and the document analysed again with that new version of its
// dictionary, with the guards of deletions; it returns to the document's
// dictionary page, at the theme.
func (s *server) editDictionary(c *gin.Context) {
	if !s.formGuard(c, "the dictionary cannot be changed", "Dictionary changes", "nothing was changed") {
		return
	}
	info, r, ok := s.storedResult(c)
	if !ok {
		return
	}
	form := c.Request.PostForm
	dict := s.dictOf(r)
	var edited *analysis.Dictionary
	var err error
	var theme string
	switch form.Get("op") {
	case "term":
		theme = form.Get("theme")
		edited, err = dict.WithTerm(theme, form.Get("term"))
	case "theme":
		terms := strings.FieldsFunc(form.Get("terms"), func(r rune) bool { return r == ',' || r == '\n' })
		edited, err = dict.WithTheme(form.Get("label"), terms)
		if err == nil {
			theme = edited.Themes[len(edited.Themes)-1].Name
		}
	default:
		s.fail(c, http.StatusBadRequest, "op must be term or theme: nothing was changed.", nil)
		return
	}
	if err != nil {
		s.fail(c, statusOf(err), "The dictionary was not changed: "+err.Error()+".", err)
		return
	}
	also, ok := s.alsoAnalysed(c, r, form["also"])
	if !ok {
		return
	}
	change := analysis.Reanalysis{Dictionary: edited}
	if !s.storeAgain(c, append([]*analysis.Result{r}, also...), change) {
		return
	}
	c.Redirect(http.StatusSeeOther, withQuery("/themes", vq("doc", info.Name))+"#theme-"+theme)
}

// maxAlso bounds the other documents one dictionary change analyses again.
const maxAlso = 50

// alsoAnalysed returns the stored analyses of the documents names (the
// form's "also"), each analysed with the dictionary r was; it writes the
// refusal and reports false for a document there is none of, one with
// another dictionary, or more than maxAlso.
func (s *server) alsoAnalysed(c *gin.Context, r *analysis.Result, names []string) ([]*analysis.Result, bool) {
	if len(names) > maxAlso {
		s.fail(c, http.StatusBadRequest, fmt.Sprintf("At most %d other documents can be analysed again at once: nothing was changed.", maxAlso), nil)
		return nil, false
	}
	var out []*analysis.Result
	for _, name := range names {
		if name == r.Document.Name || slices.ContainsFunc(out, func(o *analysis.Result) bool { return o.Document.Name == name }) {
			continue
		}
		info, err := s.catalog.document(c.Request.Context(), name)
		if err == nil && info.DictHash != r.Dictionary.Hash {
			s.fail(c, http.StatusUnprocessableEntity, fmt.Sprintf("%s is analysed with another dictionary than %s: nothing was changed.", info.Title, r.Document.Title), nil)
			return nil, false
		}
		var other *analysis.Result
		if err == nil {
			other, err = s.result(c, info)
		}
		if err != nil {
			s.fail(c, statusOf(err), fmt.Sprintf("No document %q to analyse again: nothing was changed.", name), err)
			return nil, false
		}
		out = append(out, other)
	}
	return out, true
}

// storeAgain analyses every stored document of rs again with change and
// stores them in one transaction; it writes the refusal and reports false
// when one fails, nothing changed. One document is stored in its own place
// whatever its title (Source.Replace: change may retitle or rename it), and
// not at all when it was deleted meanwhile; several, which change renames
// not, under the names and titles they have.
func (s *server) storeAgain(c *gin.Context, rs []*analysis.Result, change analysis.Reanalysis) bool {
	change.MaxWorkCap = s.cfg.UploadWork
	var outs []*analysis.Result
	for _, r := range rs {
		out, err := analysis.AnalyseAgain(c.Request.Context(), r, change)
		if err == nil {
			err = out.Validate()
		}
		if err != nil {
			s.fail(c, statusOf(err), fmt.Sprintf("%s was not analysed again, nothing was changed: %v.", r.Document.Name, err), err)
			return false
		}
		outs = append(outs, out)
	}
	// The save runs to its end even when the client leaves: one
	// transaction, whole or not at all.
	ctx := context.WithoutCancel(c.Request.Context())
	var err error
	if len(outs) == 1 {
		err = s.cfg.Source.Replace(ctx, outs[0])
	} else {
		err = s.cfg.Source.SaveAll(ctx, outs)
	}
	switch {
	case errors.Is(err, analysis.ErrNotFound):
		s.fail(c, http.StatusNotFound, fmt.Sprintf("%s was deleted while it was analysed again: nothing was stored.", rs[0].Document.Title), err)
		return false
	case err != nil:
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("reanalyse %s: %w", rs[0].Document.Name, err))
		return false
	}
	s.catalog.invalidate()
	for _, r := range rs {
		s.results.drop(r.Document.Name)
	}
	return true
}

// reanalyseForm is the overview's form that analyses the document again.
type reanalyseForm struct {
	URL      string
	Title    string          // the document's title, to change
	Variants []string        // its variants' names, base first, to change
	Outcomes []outcomeChoice // nil for a negotiation in stages, whose outcome is its last stage
	Complete bool            // the "outcome is the final text" box starts as analysed
}

// outcomeChoice is one choice of an outcome field: the value to send,
// what it means, and whether it is the outcome in force.
type outcomeChoice struct {
	Value    string `json:"value"`
	Label    string `json:"label"`
	Selected bool   `json:"-"`
}

// outcomeChoices are the outcomes document d could be analysed with, the
// variant of index outcome (0 for none) selected: each column of a table
// of three or more, none (every column a proposal), and with acceptAll,
// for several authors' tracked changes, the text with every change
// accepted (which only a file can give, not a stored document). A
// negotiation in stages has its last stage as its outcome: no choice.
func outcomeChoices(d *analysis.Document, outcome int, acceptAll bool) []outcomeChoice {
	if len(d.Stages) > 0 {
		return nil
	}
	var out []outcomeChoice
	if len(d.Variants) >= 3 {
		for v := 1; v < len(d.Variants); v++ {
			out = append(out, outcomeChoice{Value: d.Variants[v], Label: d.Variants[v], Selected: outcome == v})
		}
	}
	if acceptAll && d.Outcome == analysis.NoOutcome && !strings.EqualFold(d.Variants[len(d.Variants)-1], parse.AcceptedName) {
		out = append(out, outcomeChoice{Value: parse.AcceptAll, Label: parse.AcceptedName + ": every author's changes judged against the text with all of them accepted"})
	}
	if len(d.Variants) >= 3 {
		out = append(out, outcomeChoice{Value: analysis.NoOutcome, Label: "none: every column a proposal", Selected: outcome == 0})
	}
	return out
}

// reanalyseFormOf is the form analysing r's document again, its choices
// those r was analysed with.
func reanalyseFormOf(r *analysis.Result) *reanalyseForm {
	d := r.Document
	f := &reanalyseForm{URL: docURL(d.Name) + "/reanalyse", Complete: r.OutcomeComplete, Title: d.Title, Variants: d.Variants}
	if f.Title == "" {
		f.Title = d.Name
	}
	f.Outcomes = outcomeChoices(d, r.Outcome, false)
	return f
}

// storedResult returns the document of the request's path and its
// analysis; it writes the refusal and reports false when there is none.
func (s *server) storedResult(c *gin.Context) (analysis.DocumentInfo, *analysis.Result, bool) {
	info, ok := s.docInfo(c)
	if !ok {
		return info, nil, false
	}
	r, err := s.result(c, info)
	if err != nil {
		s.buildFailed(c, err)
		return info, nil, false
	}
	return info, r, true
}
