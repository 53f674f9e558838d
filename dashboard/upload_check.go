package dashboard

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
	"amendlens/ingest"
)

// fileFound is what a check of a one-file upload found, before anything
// is stored: the document's name, how it was read (the ingest summary),
// its texts with their roles and figures, and the outcomes the form may
// choose among.
type fileFound struct {
	Name     string          `json:"name"`
	Title    string          `json:"title"`
	Summary  string          `json:"summary"`
	Texts    []variantFound  `json:"texts"`
	Outcome  string          `json:"outcome"`  // the outcome in force: a text's name, or "none"
	Outcomes []outcomeChoice `json:"outcomes"` // what the outcome field may say, the one in force first
	Replaces string          `json:"replaces,omitempty"`
	// Hint says what to add to the form, "" when nothing is missing.
	Hint string `json:"hint,omitempty"`
}

// variantFound is one text of a checked upload: its name and role, and
// for a variant what it changed.
type variantFound struct {
	Name    string `json:"name"`
	Role    string `json:"role"`
	Amended int    `json:"amended"`
	New     int    `json:"new"`
	Absent  int    `json:"absent"`
	Added   int    `json:"added_words"`
	Deleted int    `json:"deleted_words"`
}

// check analyses in and answers, as JSON, what it found, storing
// nothing: for a negotiation in stages each stage in order with its file
// and figures and each proposal with its actor (see found), for one file
// its texts and the outcomes it could have (see fileFoundOf); or why it
// does not analyse (422). Either says when storing it would replace a
// stored document.
func (s *server) check(c *gin.Context, dict *analysis.Dictionary, in ingest.Input) {
	rs, err := ingest.Analyse(c.Request.Context(), dict, in)
	if err != nil {
		if c.Request.Context().Err() != nil {
			return
		}
		c.JSON(http.StatusUnprocessableEntity, gin.H{"error": "This does not analyse: " + err.Error() + "."})
		return
	}
	replaces := ""
	if info, err := s.catalog.document(c.Request.Context(), rs[0].Document.Name); err == nil {
		replaces = fmt.Sprintf("Storing it will replace the stored document %s (%s, ingested %s).", info.Name, info.Title, info.Ingested.UTC().Format("2 Jan 2006 15:04 UTC"))
	}
	if len(in.Stages) > 0 {
		f := found(rs[0], in.Stages)
		f.Replaces = replaces
		c.JSON(http.StatusOK, f)
		return
	}
	f := fileFoundOf(rs[0])
	f.Replaces = replaces
	c.JSON(http.StatusOK, f)
}

// fileFoundOf describes r for a check: its texts, and the outcomes the
// upload could choose: any column of a table of three or more, none (every
// column a proposal), and for a Word file of several authors' tracked
// changes the text with every change accepted.
func fileFoundOf(r *analysis.Result) fileFound {
	d := r.Document
	f := fileFound{Name: d.Name, Title: d.Title, Summary: r.Summary(), Outcome: analysis.NoOutcome}
	if d.BaseOnly() {
		f.Hint = "This is the base text alone: choose its later versions in the form's Versions field to see what changed, or store it to read it now and add a version later."
	}
	for v, name := range d.Variants {
		vf := variantFound{Name: name, Role: r.Role(v)}
		if v > 0 {
			m := r.Totals[v]
			vf.Amended, vf.New, vf.Absent, vf.Added, vf.Deleted = m.Amended, m.New, m.Absent, m.Added, m.Deleted
		}
		f.Texts = append(f.Texts, vf)
	}
	if r.Outcome > 0 {
		f.Outcome = d.Variants[r.Outcome]
	}
	// The one in force first, so that a select shows it chosen.
	choices := outcomeChoices(d, r.Outcome, true)
	slices.SortStableFunc(choices, func(a, b outcomeChoice) int {
		switch {
		case a.Selected == b.Selected:
			return 0
		case a.Selected:
			return -1
		}
		return 1
	})
	f.Outcomes = choices
	return f
}
