package analysis

import (
	"fmt"
	"slices"
	"strings"
)

// StageFile is one stage of a negotiation given as a file: a draft, a
// revision, the adopted text, with the proposals made against it.
type StageFile struct {
	Name    string // "" means the file's base name without extension
	Date    string // "YYYY-MM-DD", or ""
	Partial bool   // an excerpt (see Stage.Partial)
	File    File
	// Proposals are the stage's text as each actor would have it.
	Proposals []ProposalFile
}

// ProposalFile is one actor's proposal against a stage: the stage's text
// as the actor would have it.
type ProposalFile struct {
	Actor string // "" means the file's base name without extension
	File  File
}

// chainDocument builds one document of the stages of a negotiation,
// earliest first. The first stage is read in any format; a table gives its
// first column as the stage, its proposal columns as proposals against it
// by the actors its headers name, and its outcome column, if any (see
// Options.Outcome), as the next stage, partial unless complete. Every
// later stage is aligned by content with the stages before it, latest
// first (see AddVersion), so that each paragraph's lineage runs through
// every stage; a later stage given as a table is its first column so
// aligned, its other columns following that column's rows (see
// addTableStage). Every proposal given as a file is a text (running text
// or a Word document of running text), aligned with its stage.
func chainDocument(stages []StageFile, opts ParseOptions, complete bool) (*Document, error) {
	if len(stages) == 0 {
		return nil, fmt.Errorf("a negotiation of no stages: give its drafts, earliest first")
	}
	n := len(stages)
	for _, s := range stages {
		n += len(s.Proposals)
	}
	if n > MaxVersions+1 {
		return nil, fmt.Errorf("%s: %d stages and proposals, the limit is %d: expected the drafts and proposals of one negotiation", stages[0].File.Name, n, MaxVersions+1)
	}
	ctx := opts.context()
	first := stages[0]
	doc, err := ParseWith(first.File.Name, first.File.Data, opts)
	if err != nil {
		return nil, err
	}
	chain := []Stage{{Name: stageName(first.Name, first.File.Name), Variant: 0, Date: first.Date, Partial: first.Partial}}
	if len(doc.Variants) == 1 && opts.Outcome != "" {
		return nil, fmt.Errorf("%s: outcome %q: a negotiation in stages has its last stage as its outcome; an outcome names a column of a table given as the first stage", first.File.Name, opts.Outcome)
	}
	if len(doc.Variants) > 1 {
		name := opts.Outcome
		if name == "" {
			name = doc.Outcome
		}
		outcome, err := outcomeIndex(doc.Variants, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", first.File.Name, err)
		}
		for v := 1; v < len(doc.Variants); v++ {
			if v != outcome {
				chain[0].Proposals = append(chain[0].Proposals, v)
			}
		}
		if outcome > 0 {
			chain = append(chain, Stage{Name: doc.Variants[outcome], Variant: outcome, Partial: !complete})
		}
	}
	if err := renameBase(doc, chain[0].Name); err != nil {
		return nil, fmt.Errorf("%s: %w", first.File.Name, err)
	}
	actors := make([]string, len(doc.Variants))
	for _, v := range chain[0].Proposals {
		actors[v] = doc.Variants[v]
	}
	add := func(f File, name string, refs []int) (int, error) {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		version, err := parseVersion(f, ParseOptions{Limits: opts.Limits, Context: opts.Context})
		if err != nil {
			return 0, err
		}
		if err := addAligned(ctx, doc, version, name, refs); err != nil {
			return 0, err
		}
		actors = append(actors, "")
		return len(doc.Variants) - 1, nil
	}
	// refs returns the stages' variants from the latest back, the whole
	// texts before the excerpts: an excerpt may quote a paragraph in part,
	// and the next stage is aligned with the paragraph as a whole.
	refs := func() []int {
		var whole, excerpts []int
		for i := len(chain) - 1; i >= 0; i-- {
			if chain[i].Partial {
				excerpts = append(excerpts, chain[i].Variant)
			} else {
				whole = append(whole, chain[i].Variant)
			}
		}
		return append(whole, excerpts...)
	}
	// Tables as stages bring their columns: the chain's texts, every
	// stage's and proposal's together, are bounded as one table's
	// columns are, checked after each file (itself bounded) is added.
	maxVariants := opts.Limits.orDefault().MaxVariants
	tooMany := func(file string) error {
		if len(doc.Variants) > maxVariants {
			return fmt.Errorf("%s: the negotiation reaches %d texts (stages, proposals and the columns of its tables), the limit is %d: expected the drafts and proposals of one negotiation", file, len(doc.Variants), maxVariants)
		}
		return nil
	}
	for i, sf := range stages {
		// The proposals against this stage: the stage the file gave, not
		// the next stage a table's outcome column makes.
		at := 0
		if i > 0 {
			name := stageName(sf.Name, sf.File.Name)
			if nameTaken(doc, name) {
				return nil, fmt.Errorf("%s: the stage name %q is taken by an earlier stage or proposal: give stages names of their own", sf.File.Name, name)
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			version, err := ParseWith(sf.File.Name, sf.File.Data, ParseOptions{Limits: opts.Limits, Context: opts.Context})
			if err != nil {
				return nil, err
			}
			at = len(chain)
			if len(version.Variants) == 1 {
				if err := addAligned(ctx, doc, version, name, refs()); err != nil {
					return nil, err
				}
				actors = append(actors, "")
				chain = append(chain, Stage{Name: name, Variant: len(doc.Variants) - 1, Date: sf.Date, Partial: sf.Partial})
			} else if chain, actors, err = addTableStage(ctx, doc, version, sf, name, chain, actors, refs(), complete); err != nil {
				return nil, err
			}
			if err := tooMany(sf.File.Name); err != nil {
				return nil, err
			}
		}
		for _, pf := range sf.Proposals {
			actor := stageName(pf.Actor, pf.File.Name)
			name := actor
			if nameTaken(doc, name) {
				name = actor + " on " + chain[at].Name
			}
			if nameTaken(doc, name) {
				return nil, fmt.Errorf("%s: two proposals of %q against %q: give each actor one proposal per stage", pf.File.Name, actor, chain[at].Name)
			}
			rs := append([]int{chain[at].Variant}, refs()...)
			v, err := add(pf.File, name, rs)
			if err != nil {
				return nil, err
			}
			if err := tooMany(pf.File.Name); err != nil {
				return nil, err
			}
			actors[v] = visibleName(actor)
			chain[at].Proposals = append(chain[at].Proposals, v)
		}
	}
	if len(chain) > 1 && chain[1].Variant < chain[0].Variant {
		return nil, fmt.Errorf("%s: the stages are out of order", first.File.Name)
	}
	doc.Stages, doc.Actors = chain, actors
	if err := checkStages(doc); err != nil {
		return nil, fmt.Errorf("%s: %w", first.File.Name, err)
	}
	return doc, nil
}

// stageName returns name, trimmed and without hidden characters, or the
// base name of file without extension when it is empty.
func stageName(name, file string) string {
	if name = visibleName(strings.TrimSpace(name)); name != "" {
		return name
	}
	return VersionName(file)
}

// nameTaken reports whether name names a variant of doc already.
func nameTaken(doc *Document, name string) bool {
	return slices.ContainsFunc(doc.Variants, func(v string) bool { return strings.EqualFold(v, visibleName(name)) })
}

// renameBase names the first column of doc name, the first stage's name.
func renameBase(doc *Document, name string) error {
	for _, v := range doc.Variants[1:] {
		if strings.EqualFold(v, name) {
			return fmt.Errorf("the first stage's name %q is the name of one of its columns: give the stage another name", name)
		}
	}
	doc.Variants[0] = name
	return nil
}

// StageName returns the name the stage is given: its Name, or the base
// name of its file without extension.
func (sf StageFile) StageName() string { return stageName(sf.Name, sf.File.Name) }

// ActorName returns the name the proposal's actor is given: its Actor, or
// the base name of its file without extension.
func (pf ProposalFile) ActorName() string { return stageName(pf.Actor, pf.File.Name) }
