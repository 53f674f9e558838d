package dashboard

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// judge serves POST /d/{doc}/judge: a person's verdict on one insertion
// (change_id) as the stage it was judged against (stage, as the uptake
// page's parameter) gave it: right, or corrected to verdict. It has the
// guards of uploads (not read-only, from this dashboard's own form, with
// the token when one is set), records who judged (the name they give)
// and when, and goes back to the uptake page it came from, at the row.
func (s *server) judge(c *gin.Context) {
	if !s.formGuard(c, "verdicts cannot be checked", "Judgements", "the judgement was not stored") {
		return
	}
	info, r, ok := s.storedResult(c)
	if !ok {
		return
	}
	if r.Outcome == 0 {
		s.fail(c, http.StatusNotFound, fmt.Sprintf("Document %s has no outcome, so no verdict to check.", info.Name), nil)
		return
	}
	form := c.Request.PostForm
	j, err := r.NewJudgement(form.Get("change_id"), form.Get("stage"), form.Get("verdict"), form.Get("who"), time.Now())
	var fe *analysis.FilterError
	if errors.As(err, &fe) {
		s.fail(c, http.StatusUnprocessableEntity, fe.Msg+" The judgement was not stored.", nil)
		return
	}
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", err)
		return
	}
	err = s.cfg.Source.Judge(c.Request.Context(), info.Name, j)
	if errors.Is(err, analysis.ErrNotFound) {
		s.fail(c, http.StatusNotFound, fmt.Sprintf("There is no document named %q.", info.Name), nil)
		return
	}
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("judge %s in %s: %w", j.ChangeID, info.Name, err))
		return
	}
	s.catalog.invalidate()
	s.results.drop(info.Name)
	c.Redirect(http.StatusSeeOther, judgedURL(info.Name, form.Get("back"), j.ChangeID))
}

// judgedURL is where a judgement goes back to: back, when it is an uptake
// page of doc, else doc's uptake page; at the judged row.
func judgedURL(doc, back, changeID string) string {
	page := uptakeURL(doc)
	if u, err := url.Parse(back); err == nil && u.Scheme == "" && u.Host == "" && u.Path == page {
		page = u.Path
		if u.RawQuery != "" {
			page += "?" + u.RawQuery
		}
	}
	return page + "#" + strings.ToLower(changeID)
}

// judgementKey names a judgement: the insertion and the stage's name.
type judgementKey struct{ changeID, stage string }

// judgementsAt returns r's judgements by insertion and stage.
func judgementsAt(r *analysis.Result) map[judgementKey]analysis.Judgement {
	out := make(map[judgementKey]analysis.Judgement, len(r.Judgements))
	for _, j := range r.Judgements {
		out[judgementKey{strings.ToLower(j.ChangeID), j.JudgedAt}] = j
	}
	return out
}

// judgeFormOf returns the rows' form to check the verdicts of the uptake
// page of doc at page (its URL), judged with stage.
func (s *server) judgeFormOf(doc, stage, page string) *judgeForm {
	if s.cfg.ReadOnly {
		return nil
	}
	f := &judgeForm{URL: docURL(doc) + "/judge", Stage: stage, Back: page, NeedToken: s.cfg.Token != ""}
	for _, v := range analysis.Verdicts {
		f.Verdicts = append(f.Verdicts, link{Name: verdictLabel(v), URL: string(v)})
	}
	return f
}

// judgeCell is what a row's "Checked" cell shows: its judgement and, when
// the dashboard takes judgements, the form to give one.
type judgeCell struct {
	Form *judgeForm
	Row  uptakeRow
}

// judgeRow pairs the page's form with a row, for the template.
func judgeRow(f *judgeForm, r uptakeRow) judgeCell { return judgeCell{Form: f, Row: r} }

// checkedView is the overview's line on the judgements people gave.
type checkedView struct {
	analysis.Checked
	CSV string // the judgements table
}
