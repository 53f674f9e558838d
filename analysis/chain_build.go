package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"amendlens/parse"
)

// ChainStage is one stage of a negotiation as read: a draft, a revision,
// the adopted text, with the proposals made against it.
type ChainStage struct {
	Name    string // "" means the base name of Source without extension
	Date    string // "YYYY-MM-DD", or ""
	Partial bool   // an excerpt (see Stage.Partial)
	Source  string // the file it was read from, named in errors
	Doc     *Document
	// Proposals are the stage's text as each actor would have it.
	Proposals []ChainProposal
}

// ChainProposal is one actor's proposal against a stage, as read: the
// stage's text as the actor would have it, a document of one column.
type ChainProposal struct {
	Actor  string // "" means the base name of Source without extension
	Source string
	Doc    *Document
}

// ChainOptions say how Chain reads a table given as a stage.
type ChainOptions struct {
	// Outcome names the column of the first stage's table that is the
	// next stage; "" takes the table's own (Document.Outcome).
	Outcome string
	// Complete makes a table's outcome column a whole stage, not an
	// excerpt partial where its cells are empty.
	Complete bool
	// MaxVariants bounds the chain's texts, the columns of its tables
	// included; 0 is parse.DefaultLimits' bound.
	MaxVariants int
}

// Chain builds one document of the stages of a negotiation, earliest
// first. The first stage may be a table: its first column is the stage,
// its proposal columns proposals against it by the actors its headers
// name, and its outcome column, if any (see ChainOptions.Outcome), the
// next stage, partial unless complete. Every later stage is aligned by
// content with the stages before it, latest first (see AddVersion), so
// that each paragraph's lineage runs through every stage; a later stage
// that is a table is its first column so aligned, its other columns
// following that column's rows (see addTableStage). Every proposal is a
// text aligned with its stage. Chain stops between texts when ctx is
// done; the first stage's document becomes the chain's.
func Chain(ctx context.Context, stages []ChainStage, opts ChainOptions) (*Document, error) {
	if len(stages) == 0 {
		return nil, fmt.Errorf("a negotiation of no stages: give its drafts, earliest first")
	}
	if opts.MaxVariants <= 0 {
		opts.MaxVariants = parse.Limits{}.OrDefault().MaxVariants
	}
	b := &chainBuilder{ctx: ctx, opts: opts}
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
		return nil, fmt.Errorf("%s: the stages are out of order", first.Source)
	}
	doc.Stages, doc.Actors = chain, b.actors
	if err := checkStages(doc); err != nil {
		return nil, fmt.Errorf("%s: %w", first.Source, err)
	}
	return doc, nil
}

// chainBuilder holds the document of a chain as chainDocument builds it:
// the stages so far and the actor of each variant ("" for a stage's).
type chainBuilder struct {
	ctx    context.Context
	opts   ChainOptions
	doc    *Document
	chain  []Stage
	actors []string
}

// first reads the first stage, in any format: a table brings its
// proposals and, from its outcome column, the second stage.
func (b *chainBuilder) first(sf ChainStage) error {
	doc := sf.Doc
	b.doc = doc
	b.chain = []Stage{{Name: StageName(sf.Name, sf.Source), Variant: 0, Date: sf.Date, Partial: sf.Partial}}
	if len(doc.Variants) == 1 && b.opts.Outcome != "" {
		return fmt.Errorf("%s: outcome %q: a negotiation in stages has its last stage as its outcome; an outcome names a column of a table given as the first stage", sf.Source, b.opts.Outcome)
	}
	if len(doc.Variants) > 1 {
		name := b.opts.Outcome
		if name == "" {
			name = doc.Outcome
		}
		outcome, err := outcomeIndex(doc.Variants, name)
		if err != nil {
			return fmt.Errorf("%s: %w", sf.Source, err)
		}
		for v := 1; v < len(doc.Variants); v++ {
			if v != outcome {
				b.chain[0].Proposals = append(b.chain[0].Proposals, v)
			}
		}
		if outcome > 0 {
			b.chain = append(b.chain, Stage{Name: doc.Variants[outcome], Variant: outcome, Partial: !b.opts.Complete})
		}
	}
	if err := doc.RenameBase(b.chain[0].Name); err != nil {
		return fmt.Errorf("%s: %w", sf.Source, err)
	}
	b.actors = make([]string, len(doc.Variants))
	for _, v := range b.chain[0].Proposals {
		b.actors[v] = doc.Variants[v]
	}
	return nil
}

// stage adds a later stage, aligned by content with the stages before
// it; a table brings its columns (see addTableStage).
func (b *chainBuilder) stage(sf ChainStage) error {
	name := StageName(sf.Name, sf.Source)
	if nameTaken(b.doc, name) {
		return fmt.Errorf("%s: the stage name %q is taken by an earlier stage or proposal: give stages names of their own", sf.Source, name)
	}
	if err := b.ctx.Err(); err != nil {
		return err
	}
	version := sf.Doc
	if len(version.Variants) == 1 {
		if err := addAligned(b.ctx, b.doc, version, name, b.refs()); err != nil {
			return err
		}
		b.actors = append(b.actors, "")
		b.chain = append(b.chain, Stage{Name: name, Variant: len(b.doc.Variants) - 1, Date: sf.Date, Partial: sf.Partial})
	} else {
		var err error
		if b.chain, b.actors, err = addTableStage(b.ctx, b.doc, sf, name, b.chain, b.actors, b.refs(), b.opts.Complete); err != nil {
			return err
		}
	}
	return b.bounded(sf.Source)
}

// proposal adds an actor's proposal against stage at, a text aligned with
// that stage first, then the stages before it.
func (b *chainBuilder) proposal(pf ChainProposal, at int) error {
	st := &b.chain[at]
	actor := StageName(pf.Actor, pf.Source)
	name := actor
	if nameTaken(b.doc, name) {
		name = actor + " on " + st.Name
	}
	if nameTaken(b.doc, name) {
		return fmt.Errorf("%s: two proposals of %q against %q: give each actor one proposal per stage", pf.Source, actor, st.Name)
	}
	if err := b.ctx.Err(); err != nil {
		return err
	}
	if err := addAligned(b.ctx, b.doc, pf.Doc, name, append([]int{st.Variant}, b.refs()...)); err != nil {
		return err
	}
	v := len(b.doc.Variants) - 1
	b.actors = append(b.actors, parse.VisibleName(actor))
	st.Proposals = append(st.Proposals, v)
	return b.bounded(pf.Source)
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
	if len(b.doc.Variants) > b.opts.MaxVariants {
		return fmt.Errorf("%s: the negotiation reaches %d texts (stages, proposals and the columns of its tables), the limit is %d: expected the drafts and proposals of one negotiation", file, len(b.doc.Variants), b.opts.MaxVariants)
	}
	return nil
}

// StageName returns name, trimmed and without hidden characters, or the
// base name of file without extension when it is empty: the name of a
// stage or an actor read from file.
func StageName(name, file string) string {
	if name = parse.VisibleName(strings.TrimSpace(name)); name != "" {
		return name
	}
	return VersionName(file)
}

// nameTaken reports whether name names a variant of doc already.
func nameTaken(doc *Document, name string) bool {
	return slices.ContainsFunc(doc.Variants, func(v string) bool { return strings.EqualFold(v, parse.VisibleName(name)) })
}
