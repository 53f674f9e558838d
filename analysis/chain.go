package analysis

import (
	"fmt"
	"slices"
)

// VerdictOutOfScope is the verdict of an insertion against a partial stage
// that has no text for its paragraph: the excerpt does not say.
const VerdictOutOfScope Verdict = "out_of_scope"

// RelationOutOfScope is the lineage relation of a paragraph a partial stage
// has no text for.
const RelationOutOfScope = "out_of_scope"

// stageOf returns, for every variant, the index of the stage whose text it
// is or against which it proposes, in stages.
func stageOf(stages []Stage, nv int) []int {
	of := make([]int, nv)
	for i, s := range stages {
		of[s.Variant] = i
		for _, v := range s.Proposals {
			of[v] = i
		}
	}
	return of
}

// against returns, for every variant, the variant its text is compared
// with: a proposal, the text of the stage it proposes against; a stage's
// text, the first stage's (the base).
func against(stages []Stage, nv int) []int {
	ref := make([]int, nv)
	for _, s := range stages {
		for _, v := range s.Proposals {
			ref[v] = s.Variant
		}
	}
	return ref
}

// chainOf returns the stages of the analysis of doc with the given outcome
// (0: none): the document's own chain (Document.Stages) or, for a document
// read as one table of variants or its versions, the two stages a table
// implies: the base with every other variant proposed against it, then the
// outcome, partial unless complete.
func chainOf(doc *Document, outcome int, complete bool) []Stage {
	if len(doc.Stages) > 0 {
		return doc.Stages
	}
	first := Stage{Name: doc.Variants[0], Variant: 0}
	for v := 1; v < len(doc.Variants); v++ {
		if v != outcome {
			first.Proposals = append(first.Proposals, v)
		}
	}
	stages := []Stage{first}
	if outcome > 0 {
		stages = append(stages, Stage{Name: doc.Variants[outcome], Variant: outcome, Partial: !complete})
	}
	return stages
}

// checkStages reports the first inconsistency of a document's chain: every
// variant is the text of one stage or a proposal against one, the first
// stage's text is the base, and stages are in variant order.
func checkStages(d *Document) error {
	if len(d.Stages) == 0 {
		if len(d.Actors) > 0 {
			return fmt.Errorf("%d actors without a chain of stages", len(d.Actors))
		}
		return nil
	}
	if d.Stages[0].Variant != 0 {
		return fmt.Errorf("stage 1 (%s) is variant %d, want the base (0)", d.Stages[0].Name, d.Stages[0].Variant)
	}
	if len(d.Actors) != 0 && len(d.Actors) != len(d.Variants) {
		return fmt.Errorf("%d actors for %d variants", len(d.Actors), len(d.Variants))
	}
	seen := make([]bool, len(d.Variants))
	mark := func(v int, what string) error {
		if v < 0 || v >= len(seen) {
			return fmt.Errorf("%s: variant %d of %d", what, v, len(seen))
		}
		if seen[v] {
			return fmt.Errorf("%s: variant %d (%s) has two roles in the chain", what, v, d.Variants[v])
		}
		seen[v] = true
		return nil
	}
	last := -1
	for i, s := range d.Stages {
		if s.Variant <= last {
			return fmt.Errorf("stage %d (%s) is variant %d, before the stage ahead of it", i+1, s.Name, s.Variant)
		}
		last = s.Variant
		if err := mark(s.Variant, fmt.Sprintf("stage %d", i+1)); err != nil {
			return err
		}
		for _, v := range s.Proposals {
			if err := mark(v, fmt.Sprintf("a proposal against stage %d", i+1)); err != nil {
				return err
			}
		}
	}
	if i := slices.Index(seen, false); i >= 0 {
		return fmt.Errorf("variant %d (%s) is neither a stage nor a proposal", i, d.Variants[i])
	}
	return nil
}

// LineageRow is what one stage made of one paragraph of the document: the
// stage's own paragraph holding its text and how it relates to the text
// the paragraph had before.
type LineageRow struct {
	Paragraph int // index into Document.Paragraphs: the lineage, named by its ID in the earliest stage that has it
	Stage     int // index into Result.Stages
	// StageParagraph is the stage's own ID of the paragraph holding the
	// text ("" when deleted or out of scope).
	StageParagraph string
	// Relation is an align.Relation (same, edited, merged, split, moved,
	// deleted, new) or RelationOutOfScope; "same" for every paragraph of
	// the first stage.
	Relation   string
	Similarity float64
}

// Fate is what every later stage made of one insertion a proposal made
// against its stage.
type Fate struct {
	Paragraph int // index into Document.Paragraphs
	Proposal  int // variant index of the proposal
	Stage     int // index into Result.Stages of the stage it proposed against
	Span      int // index into the proposal's Comparison.Spans
	Words     int // words the span inserted
	// Verdicts holds its verdict against each stage, index as
	// Result.Stages: "" for its own stage and those before it.
	Verdicts []Verdict
	// Adopted holds, per stage, how many of its words that stage took, in
	// order.
	Adopted []int
	// Evidence holds, per stage, why it got its verdict there (see
	// Evidence); the zero Evidence for its own stage and those before.
	Evidence []Evidence

	in *proposed // the insertion as the rules read it, until uptake is done
}

// Taken reports whether verdict v took some of an insertion's words, or
// its content in other words.
func Taken(v Verdict) bool {
	return v == VerdictAdopted || v == VerdictPartly || v == VerdictReworded
}

// Next returns the verdict of the stage after the one it proposed against.
func (f *Fate) Next() Verdict { return f.Verdicts[f.Stage+1] }

// Final returns the verdict of the last stage.
func (f *Fate) Final() Verdict { return f.Verdicts[len(f.Verdicts)-1] }

// FirstAdopted returns the index of the first stage that took some of its
// words, -1 when none did.
func (f *Fate) FirstAdopted() int {
	for i := f.Stage + 1; i < len(f.Verdicts); i++ {
		if Taken(f.Verdicts[i]) {
			return i
		}
	}
	return -1
}

// LastPresent returns the index of the last stage that has some of its
// words, -1 when none has.
func (f *Fate) LastPresent() int {
	for i := len(f.Verdicts) - 1; i > f.Stage; i-- {
		if Taken(f.Verdicts[i]) {
			return i
		}
	}
	return -1
}

// StageFigures are the figures of one stage of a chain, the counts
// negotiation trackers publish per draft: its size, its brackets, its
// agreed paragraphs, and how it changed the stage before it.
type StageFigures struct {
	Stage          int // index into Result.Stages
	Paragraphs     int // paragraphs with text (a merge counts once)
	Words          int
	Brackets       int // bracketed passages
	BracketedWords int
	Agreed         int // paragraphs marked agreed (see Paragraph.Agreed)

	// From the stage before; zero for the first stage.
	SharedWords       int // words of the stage before in the paragraphs both have: what ChangeRatio divides by
	Added, Deleted    int // words added and deleted within those paragraphs
	NewParagraphs     int // paragraphs the stage before did not have
	NewWords          int // their words
	DroppedParagraphs int // paragraphs of the stage before this one lacks (out of scope ones apart)
	OutOfScope        int // paragraphs of the stage before a partial stage does not have
	ResolvedKept      int // bracketed passages of the stage before whose words stand unbracketed
	ResolvedDeleted   int // bracketed passages of the stage before whose words are gone
	BracketsAdded     int // bracketed passages the stage before did not have
}

// ChangeRatio returns the words added and deleted within the paragraphs
// the stage shares with the one before, per word of the one before in
// them: 0 when they share no words.
func (s *StageFigures) ChangeRatio() float64 {
	if s.SharedWords == 0 {
		return 0
	}
	return float64(s.Added+s.Deleted) / float64(s.SharedWords)
}

// The roles of a variant (see Result.Role).
const (
	RoleBase     = "base"     // the first stage's text
	RoleStage    = "stage"    // the text of a stage between the first and the last
	RoleOutcome  = "outcome"  // the last stage's text
	RoleProposal = "proposal" // a proposal against a stage
)

// Role returns what variant v is in the chain: RoleBase, RoleStage,
// RoleOutcome or RoleProposal.
func (r *Result) Role(v int) string {
	return role(v, r.Outcome, func(v int) bool {
		return slices.ContainsFunc(r.Stages, func(s Stage) bool { return s.Variant == v })
	})
}

// Role returns what variant v of the document is, as Result.Role says it
// from the document's analysis.
func (info DocumentInfo) Role(v int) string {
	return role(v, info.Outcome, func(v int) bool { return slices.Contains(info.Stages, v) })
}

// role names variant v of a document whose outcome is outcome and whose
// stage variants isStage reports.
func role(v, outcome int, isStage func(int) bool) string {
	switch {
	case v == 0:
		return RoleBase
	case v == outcome:
		return RoleOutcome
	case isStage(v):
		return RoleStage
	}
	return RoleProposal
}

// ProposalStage returns the index into Stages of the stage proposal v was
// made against: the stage whose variant Against names (0, the first,
// for a proposal against the base).
func (r *Result) ProposalStage(v int) int {
	a := r.Against(v)
	for i, s := range r.Stages {
		if s.Variant == a {
			return i
		}
	}
	return 0
}
