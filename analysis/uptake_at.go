package analysis

import (
	"fmt"
	"strconv"
	"strings"
)

// StageNext asks UptakeAt for each proposal's verdict against the stage
// after the one it was made against.
const StageNext = -1

// UptakeAt returns what stage s (an index into Stages) made of every
// insertion of every proposal, in the order of SpanUptake; with StageNext,
// what the stage after each proposal's own made of it. Insertions of a
// proposal made at stage s or later are left out: s cannot judge them. The
// last stage gives SpanUptake itself, the verdicts the document's outcome
// gives; a table's outcome column, partial where its cells are empty,
// leaves those insertions pending as it always has.
func (r *Result) UptakeAt(s int) []SpanUptake {
	last := len(r.Stages) - 1
	if s == last || s == StageNext && last <= 1 {
		return r.SpanUptake
	}
	if s != StageNext && (s < 1 || s > last) {
		return nil
	}
	return stageUptake(r, r.Fates, s)
}

// stageUptake returns the verdicts of fates against stage s, or against
// each fate's next stage with StageNext (see UptakeAt).
func stageUptake(r *Result, fates []Fate, s int) []SpanUptake {
	last := len(r.Stages) - 1
	spans := make([]SpanUptake, 0, len(fates))
	for _, f := range fates {
		at := r.JudgedAt(s, f.Proposal)
		if at <= f.Stage || at > last {
			continue
		}
		u := SpanUptake{Paragraph: f.Paragraph, Proposal: f.Proposal, Span: f.Span, Words: f.Words,
			Verdict: f.Verdicts[at], Adopted: f.Adopted[at], Evidence: f.Evidence[at]}
		if u.Verdict == VerdictOutOfScope && len(r.Document.Stages) == 0 {
			u.Verdict = VerdictPending
		}
		spans = append(spans, u)
	}
	return spans
}

// ParseStage reads which stage proposals are judged against, as a user
// writes it: "next", each proposal's next stage (StageNext); "final" or ""
// the last stage; or the name of a stage after the first. Another name is
// a FilterError.
func (r *Result) ParseStage(s string) (int, error) {
	last := len(r.Stages) - 1
	switch s = strings.TrimSpace(s); s {
	case "", "final":
		return last, nil
	case "next":
		if last <= 1 {
			return last, nil
		}
		return StageNext, nil
	}
	if i := r.StageOf(s); i >= 1 {
		return i, nil
	}
	var names []string
	for _, st := range r.Stages[min(1, len(r.Stages)):] {
		names = append(names, strconv.Quote(st.Name))
	}
	return 0, &FilterError{fmt.Sprintf("Document %s has no stage %q after its first to judge proposals against; the stages are %s (or \"next\", \"final\").",
		r.Document.Name, s, strings.Join(names, ", "))}
}

// JudgedAt returns the index into Stages of the stage that judges the
// insertions of proposal v when at (from ParseStage) is asked for.
func (r *Result) JudgedAt(at, v int) int {
	if at == StageNext {
		return r.ProposalStage(v) + 1
	}
	return at
}

// StageOf returns the index into Stages of the stage whose name is name
// (case and surrounding space ignored), or -1.
func (r *Result) StageOf(name string) int {
	for i, s := range r.Stages {
		if sameName(s.Name, name) {
			return i
		}
	}
	return -1
}

// sameName reports whether two names a user typed are the same but for
// case and surrounding space.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
