package analysis

import (
	"context"
	"fmt"
)

// Reanalysis is what a new analysis of a stored document changes: its
// dictionary, its outcome column, whether the outcome is the final text.
// A zero field keeps what the document was analysed with.
type Reanalysis struct {
	Dictionary *Dictionary
	Outcome    string // a variant's name, NoOutcome, or "" to keep it
	Complete   *bool  // nil keeps it
	// MaxWorkCap bounds the work of the analysis as Options.MaxWorkCap
	// does (0 for no cap beyond the budget its size gives).
	MaxWorkCap int64
}

// AnalyseAgain analyses r's document again with what c changes, from its
// texts: the Result a fresh ingest of the same files with those choices
// gives, the judgements people gave kept. A negotiation in stages has its
// last stage as its outcome: another outcome is refused. Errors are of
// kind FailInvalid (an unknown variant), FailTooLarge past the budget.
func AnalyseAgain(ctx context.Context, r *Result, c Reanalysis) (*Result, error) {
	doc := r.Document
	dict := r.Dictionary
	if c.Dictionary != nil {
		dict = c.Dictionary
	}
	if dict == nil {
		dict = DefaultDictionary()
	}
	outcome, complete := r.Outcome, r.OutcomeComplete
	if c.Outcome != "" {
		if len(doc.Stages) > 0 {
			return nil, Fail(FailInvalid, fmt.Sprintf("%s is a negotiation in stages: its outcome is its last stage, not a column to choose", doc.Name))
		}
		v, err := outcomeIndex(doc.Variants, c.Outcome)
		if err != nil {
			return nil, err
		}
		outcome = v
		if wholeText(doc, v, v > 0 && doc.Variants[v] == AcceptedName) {
			complete = true
		}
	}
	if c.Complete != nil {
		complete = *c.Complete
	}
	out, err := analyse(ctx, doc, dict, outcome, Options{OutcomeComplete: complete, MaxWorkCap: c.MaxWorkCap})
	if err != nil {
		return nil, err
	}
	out.Judgements = r.Judgements
	return out, nil
}
