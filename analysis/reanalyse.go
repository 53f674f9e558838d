package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"amendlens/parse"
)

// Reanalysis is what a new analysis of a stored document changes: its
// dictionary, its outcome column, whether the outcome is the final text.
// A zero field keeps what the document was analysed with.
type Reanalysis struct {
	Dictionary *Dictionary
	Outcome    string // a variant's name, NoOutcome, or "" to keep it
	Complete   *bool  // nil keeps it
	// Title is the document's new title, "" to keep it. Its Name, which
	// URLs and the command line use, stays: links to it keep working.
	Title string
	// Names are new names of the variants, base first, as
	// Document.Variants; an empty or missing name keeps that variant's.
	// A stage takes its text's new name, and judgements the stage's.
	Names []string
	// MaxWorkCap bounds the work of the analysis as Options.MaxWorkCap
	// does (0 for no cap beyond the budget its size gives).
	MaxWorkCap int64
}

// AnalyseAgain analyses r's document again with what c changes, from its
// texts: the Result a fresh ingest of the same files with those choices
// gives, the judgements people gave kept. A negotiation in stages has its
// last stage as its outcome: another outcome is refused. Errors are of
// kind FailInvalid (an unknown variant, a name refused), FailTooLarge
// past the budget. Outcome names a variant by the name it had before
// Names renames it.
func AnalyseAgain(ctx context.Context, r *Result, c Reanalysis) (*Result, error) {
	doc, stages, err := renamed(r.Document, c.Title, c.Names)
	if err != nil {
		return nil, err
	}
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
		v, err := outcomeIndex(r.Document.Variants, c.Outcome)
		if err != nil {
			return nil, err
		}
		outcome = v
		if wholeText(r.Document, v, v > 0 && r.Document.Variants[v] == parse.AcceptedName) {
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
	for _, j := range r.Judgements {
		if name, ok := stages[j.JudgedAt]; ok {
			j.JudgedAt = name
		}
		out.Judgements = append(out.Judgements, j)
	}
	return out, nil
}

// maxGivenName bounds a title or variant name given to a stored document,
// in bytes.
const maxGivenName = 200

// renamed returns doc, or when title or names change it a copy of doc so
// changed (see Reanalysis), and the stage names it changed, old to new.
// An empty title or name after visibleName keeps what doc has; too many
// names, a name too long, or two variants named alike (compared without
// regard to case) are errors of kind FailInvalid.
func renamed(doc *Document, title string, names []string) (*Document, map[string]string, error) {
	title = parse.VisibleName(title)
	if len(names) > len(doc.Variants) {
		return nil, nil, Fail(FailInvalid, fmt.Sprintf("%d names for the %d variants of %s", len(names), len(doc.Variants), doc.Name))
	}
	if len(title) > maxGivenName {
		return nil, nil, Fail(FailInvalid, fmt.Sprintf("the title is %d bytes long, longer than %d", len(title), maxGivenName))
	}
	variants := slices.Clone(doc.Variants)
	for i, n := range names {
		n = parse.VisibleName(n)
		if len(n) > maxGivenName {
			return nil, nil, Fail(FailInvalid, fmt.Sprintf("the name of %s is %d bytes long, longer than %d", doc.Variants[i], len(n), maxGivenName))
		}
		if n != "" {
			variants[i] = n
		}
	}
	for i, v := range variants {
		for _, w := range variants[:i] {
			if strings.EqualFold(v, w) {
				return nil, nil, Fail(FailInvalid, fmt.Sprintf("two variants would be named %q: give each its own name", v))
			}
		}
	}
	if (title == "" || title == doc.Title) && slices.Equal(variants, doc.Variants) {
		return doc, nil, nil
	}
	out := *doc
	if title != "" {
		out.Title = title
	}
	out.Variants = variants
	out.Stages = slices.Clone(doc.Stages)
	for i := range out.Stages {
		out.Stages[i].Name = variants[out.Stages[i].Variant]
	}
	// Judgements name the stage that judged, a variant's name (a table's
	// is its outcome column's, see Result.Stages).
	stages := map[string]string{}
	for v := range variants {
		if variants[v] != doc.Variants[v] {
			stages[doc.Variants[v]] = variants[v]
		}
	}
	return &out, stages, nil
}
