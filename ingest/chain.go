package ingest

import (
	"fmt"

	"amendlens/analysis"
	"amendlens/parse"
)

// StageFile is one stage of a negotiation given as a file: a draft, a
// revision, the adopted text, with the proposals made against it.
type StageFile struct {
	Name    string // "" means the file's base name without extension
	Date    string // "YYYY-MM-DD", or ""
	Partial bool   // an excerpt (see analysis.Stage.Partial)
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

// StageName returns the name the stage is given: its Name, or the base
// name of its file without extension.
func (sf StageFile) StageName() string { return analysis.StageName(sf.Name, sf.File.Name) }

// ActorName returns the name the proposal's actor is given: its Actor, or
// the base name of its file without extension.
func (pf ProposalFile) ActorName() string { return analysis.StageName(pf.Actor, pf.File.Name) }

// chainDocument reads the files of a negotiation's stages, earliest first,
// and makes them one document (see analysis.Chain). The first stage is
// read in any format, as opts say; a later stage in any format with opts'
// limits alone; a proposal as a version (see parse.Version). It stops
// when opts' context is done.
func chainDocument(stages []StageFile, opts parse.Options, complete bool) (*analysis.Document, error) {
	if len(stages) == 0 {
		return nil, fmt.Errorf("a negotiation of no stages: give its drafts, earliest first")
	}
	n := len(stages)
	for _, s := range stages {
		n += len(s.Proposals)
	}
	if n > analysis.MaxVersions+1 {
		return nil, fmt.Errorf("%s: %d stages and proposals, the limit is %d: expected the drafts and proposals of one negotiation", stages[0].File.Name, n, analysis.MaxVersions+1)
	}
	later := parse.Options{Limits: opts.Limits, Context: opts.Context}
	read := make([]analysis.ChainStage, len(stages))
	for i, sf := range stages {
		o := later
		if i == 0 {
			o = opts
		}
		doc, err := parse.Parse(sf.File.Name, sf.File.Data, o)
		if err != nil {
			return nil, err
		}
		cs := analysis.ChainStage{Name: sf.Name, Date: sf.Date, Partial: sf.Partial, Source: sf.File.Name, Doc: doc}
		for _, pf := range sf.Proposals {
			p, err := parse.Version(pf.File.Name, pf.File.Data, later)
			if err != nil {
				return nil, err
			}
			cs.Proposals = append(cs.Proposals, analysis.ChainProposal{Actor: pf.Actor, Source: pf.File.Name, Doc: p})
		}
		read[i] = cs
	}
	return analysis.Chain(opts.Ctx(), read, analysis.ChainOptions{Outcome: opts.Outcome, Complete: complete, MaxVariants: opts.Limits.OrDefault().MaxVariants})
}

// versionsDocument reads first and its later versions and makes them one
// document (see analysis.WithVersions), named by names (file names where a
// name is missing). Versions are running text or Word documents of
// running text without tracked changes (see parse.Version); first is read
// in any format. It stops when opts' context is done.
func versionsDocument(first File, versions []File, names []string, opts parse.Options) (*analysis.Document, error) {
	if len(versions) > analysis.MaxVersions {
		return nil, fmt.Errorf("%s: %d versions, the limit is %d: expected the revisions of one negotiation (give the others as documents of their own)", versions[analysis.MaxVersions].Name, len(versions), analysis.MaxVersions)
	}
	texts := make([]*analysis.Document, len(versions))
	for i, v := range versions {
		d, err := parse.Version(v.Name, v.Data, opts)
		if err != nil {
			return nil, err
		}
		texts[i] = d
	}
	doc, err := parse.Parse(first.Name, first.Data, parse.Options{Limits: opts.Limits, Context: opts.Context})
	if err != nil {
		return nil, err
	}
	return analysis.WithVersions(opts.Ctx(), doc, texts, names)
}
