package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"amendlens/parse"
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
func chainDocument(stages []StageFile, opts parse.Options, complete bool) (*Document, error) {
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
	b := &chainBuilder{ctx: opts.Ctx(), opts: opts, complete: complete, maxVariants: opts.Limits.OrDefault().MaxVariants}
	first := stages[0]
	if err := b.first(first); err != nil {
		return nil, err
	}
	for i, sf := range stages {
		// The proposals against this stage: the stage the file gave, not
		// the next stage a table's outcome column makes.
		at := 0
		if i > 0 {
			at = len(b.chain)
			if err := b.stage(sf); err != nil {
				return nil, err
			}
		}
		for _, pf := range sf.Proposals {
			if err := b.proposal(pf, at); err != nil {
				return nil, err
			}
		}
	}
	doc, chain := b.doc, b.chain
	if len(chain) > 1 && chain[1].Variant < chain[0].Variant {
		return nil, fmt.Errorf("%s: the stages are out of order", first.File.Name)
	}
	doc.Stages, doc.Actors = chain, b.actors
	if err := checkStages(doc); err != nil {
		return nil, fmt.Errorf("%s: %w", first.File.Name, err)
	}
	return doc, nil
}

// chainBuilder holds the document of a chain as chainDocument builds it:
// the stages so far and the actor of each variant ("" for a stage's).
type chainBuilder struct {
	ctx         context.Context
	opts        parse.Options
	complete    bool // a table's outcome column is a complete stage
	maxVariants int
	doc         *Document
	chain       []Stage
	actors      []string
}

// first reads the first stage, in any format: a table brings its
// proposals and, from its outcome column, the second stage.
func (b *chainBuilder) first(sf StageFile) error {
	doc, err := parse.Parse(sf.File.Name, sf.File.Data, b.opts)
	if err != nil {
		return err
	}
	b.doc = doc
	b.chain = []Stage{{Name: stageName(sf.Name, sf.File.Name), Variant: 0, Date: sf.Date, Partial: sf.Partial}}
	if len(doc.Variants) == 1 && b.opts.Outcome != "" {
		return fmt.Errorf("%s: outcome %q: a negotiation in stages has its last stage as its outcome; an outcome names a column of a table given as the first stage", sf.File.Name, b.opts.Outcome)
	}
	if len(doc.Variants) > 1 {
		name := b.opts.Outcome
		if name == "" {
			name = doc.Outcome
		}
		outcome, err := outcomeIndex(doc.Variants, name)
		if err != nil {
			return fmt.Errorf("%s: %w", sf.File.Name, err)
		}
		for v := 1; v < len(doc.Variants); v++ {
			if v != outcome {
				b.chain[0].Proposals = append(b.chain[0].Proposals, v)
			}
		}
		if outcome > 0 {
			b.chain = append(b.chain, Stage{Name: doc.Variants[outcome], Variant: outcome, Partial: !b.complete})
		}
	}
	if err := renameBase(doc, b.chain[0].Name); err != nil {
		return fmt.Errorf("%s: %w", sf.File.Name, err)
	}
	b.actors = make([]string, len(doc.Variants))
	for _, v := range b.chain[0].Proposals {
		b.actors[v] = doc.Variants[v]
	}
	return nil
}

// stage adds a later stage, aligned by content with the stages before
// it; a table brings its columns (see addTableStage).
func (b *chainBuilder) stage(sf StageFile) error {
	name := stageName(sf.Name, sf.File.Name)
	if nameTaken(b.doc, name) {
		return fmt.Errorf("%s: the stage name %q is taken by an earlier stage or proposal: give stages names of their own", sf.File.Name, name)
	}
	if err := b.ctx.Err(); err != nil {
		return err
	}
	version, err := parse.Parse(sf.File.Name, sf.File.Data, parse.Options{Limits: b.opts.Limits, Context: b.opts.Context})
	if err != nil {
		return err
	}
	if len(version.Variants) == 1 {
		if err := addAligned(b.ctx, b.doc, version, name, b.refs()); err != nil {
			return err
		}
		b.actors = append(b.actors, "")
		b.chain = append(b.chain, Stage{Name: name, Variant: len(b.doc.Variants) - 1, Date: sf.Date, Partial: sf.Partial})
	} else if b.chain, b.actors, err = addTableStage(b.ctx, b.doc, version, sf, name, b.chain, b.actors, b.refs(), b.complete); err != nil {
		return err
	}
	return b.bounded(sf.File.Name)
}

// proposal adds an actor's proposal against stage at, a text aligned with
// that stage first, then the stages before it.
func (b *chainBuilder) proposal(pf ProposalFile, at int) error {
	st := &b.chain[at]
	actor := stageName(pf.Actor, pf.File.Name)
	name := actor
	if nameTaken(b.doc, name) {
		name = actor + " on " + st.Name
	}
	if nameTaken(b.doc, name) {
		return fmt.Errorf("%s: two proposals of %q against %q: give each actor one proposal per stage", pf.File.Name, actor, st.Name)
	}
	if err := b.ctx.Err(); err != nil {
		return err
	}
	version, err := parse.Version(pf.File.Name, pf.File.Data, parse.Options{Limits: b.opts.Limits, Context: b.opts.Context})
	if err != nil {
		return err
	}
	if err := addAligned(b.ctx, b.doc, version, name, append([]int{st.Variant}, b.refs()...)); err != nil {
		return err
	}
	v := len(b.doc.Variants) - 1
	b.actors = append(b.actors, parse.VisibleName(actor))
	st.Proposals = append(st.Proposals, v)
	return b.bounded(pf.File.Name)
}

// refs returns the stages' variants from the latest back, the whole texts
// before the excerpts: an excerpt may quote a paragraph in part, and the
// next stage is aligned with the paragraph as a whole.
func (b *chainBuilder) refs() []int {
	var whole, excerpts []int
	for i := len(b.chain) - 1; i >= 0; i-- {
		if b.chain[i].Partial {
			excerpts = append(excerpts, b.chain[i].Variant)
		} else {
			whole = append(whole, b.chain[i].Variant)
		}
	}
	return append(whole, excerpts...)
}

// bounded checks, after file (itself bounded) is added, that the chain's
// texts, every stage's and proposal's together, are bounded as one
// table's columns are: tables as stages bring their columns.
func (b *chainBuilder) bounded(file string) error {
	if len(b.doc.Variants) > b.maxVariants {
		return fmt.Errorf("%s: the negotiation reaches %d texts (stages, proposals and the columns of its tables), the limit is %d: expected the drafts and proposals of one negotiation", file, len(b.doc.Variants), b.maxVariants)
	}
	return nil
}

// stageName returns name, trimmed and without hidden characters, or the
// base name of file without extension when it is empty.
func stageName(name, file string) string {
	if name = parse.VisibleName(strings.TrimSpace(name)); name != "" {
		return name
	}
	return VersionName(file)
}

// nameTaken reports whether name names a variant of doc already.
func nameTaken(doc *Document, name string) bool {
	return slices.ContainsFunc(doc.Variants, func(v string) bool { return strings.EqualFold(v, parse.VisibleName(name)) })
}

// renameBase names the first column of doc name, the first stage's name.
func renameBase(doc *Document, name string) error {
	for _, v := range doc.Variants[1:] {
		if strings.EqualFold(v, name) {
			return fmt.Errorf("the base's name %q is the name of one of its variants: give the base another name", name)
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
