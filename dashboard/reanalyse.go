package dashboard

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// reanalyse serves POST /d/{doc}/reanalyse: the stored document analysed
// again from its texts with another dictionary (field dictionary, a file),
// outcome column (field outcome; "" keeps it) or outcome choice (field
// outcome_complete), stored in one transaction, with the guards of
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
	info, ok := s.docInfo(c)
	if !ok {
		return
	}
	r, err := s.result(c, info)
	if err != nil {
		s.buildFailed(c, err)
		return
	}
	change := analysis.Reanalysis{Outcome: strings.TrimSpace(c.Request.PostFormValue("outcome")), MaxWorkCap: s.cfg.UploadWork}
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
	out, err := analysis.AnalyseAgain(c.Request.Context(), r, change)
	if err == nil {
		err = out.Validate()
	}
	if err != nil {
		s.fail(c, statusOf(err), fmt.Sprintf("%s was not analysed again, nothing was changed: %v.", info.Name, err), err)
		return
	}
	// The save runs to its end even when the client leaves: one
	// transaction, whole or not at all.
	if err := s.cfg.Source.SaveAll(context.WithoutCancel(c.Request.Context()), []*analysis.Result{out}); err != nil {
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("reanalyse %s: %w", info.Name, err))
		return
	}
	s.catalog.invalidate()
	s.results.drop(info.Name)
	c.Redirect(http.StatusSeeOther, storedURL(info.Name))
}

// reanalyseForm is the overview's form that analyses the document again.
type reanalyseForm struct {
	URL      string
	Outcomes []outcomeChoice // nil for a negotiation in stages, whose outcome is its last stage
	Complete bool            // the "outcome is the final text" box starts as analysed
}

// outcomeChoice is one option of the outcome column.
type outcomeChoice struct {
	Value, Label string
	Selected     bool
}

// reanalyseFormOf is the form analysing r's document again, its choices
// those r was analysed with.
func reanalyseFormOf(r *analysis.Result) *reanalyseForm {
	d := r.Document
	f := &reanalyseForm{URL: docURL(d.Name) + "/reanalyse", Complete: r.OutcomeComplete}
	if len(d.Stages) > 0 || len(d.Variants) < 3 {
		return f
	}
	f.Outcomes = append(f.Outcomes, outcomeChoice{Value: analysis.NoOutcome, Label: "none: every column a proposal", Selected: r.Outcome == 0})
	for v := 1; v < len(d.Variants); v++ {
		f.Outcomes = append(f.Outcomes, outcomeChoice{Value: d.Variants[v], Label: d.Variants[v], Selected: r.Outcome == v})
	}
	return f
}
