// Package analysis is amendlens's domain: the pure pipeline that turns a
// negotiated text into figures. A document is read by package parse, every
// variant of every paragraph is tokenized (Tokenize) and diffed word by word
// against the base (Diff), the added and deleted wording is matched against
// a theme dictionary (Dictionary.Match), and Analyse puts it all together
// with uptake and metrics into a Result. Successive versions of a text
// given as separate documents are aligned by content into one document
// whose variants they are (AddVersion).
//
// The package imports parse, align, docx and norm of the module, no
// database and no HTTP.
package analysis

import (
	"errors"
	"slices"
	"time"
)

// ErrNotFound is returned, wrapped, for a document, paragraph, section or
// theme that does not exist.
var ErrNotFound = errors.New("not found")

// Status says how a variant's text of a paragraph relates to the base.
type Status string

// The statuses of a paragraph in one variant.
const (
	StatusAmended   Status = "amended"   // differs from the base
	StatusUnchanged Status = "unchanged" // equal to the base apart from white space
	StatusNew       Status = "new"       // the paragraph exists only in variants
	StatusAbsent    Status = "absent"    // the variant has no text for it
	// StatusMerged is the status of a paragraph that a variant merged into
	// an earlier one: its text and words are counted once, on the first
	// paragraph of the merge, which is compared with all their base texts
	// joined.
	StatusMerged Status = "merged"
)

// Op is the edit a change span makes.
type Op string

// The edits of a change span.
const (
	OpInsert  Op = "insert"
	OpDelete  Op = "delete"
	OpReplace Op = "replace"
)

// Kind says how a change span changed the text, for readers.
type Kind string

// The kinds of change.
const (
	KindQualifier    Kind = "qualifier"     // 1 to 3 words inserted inside a sentence
	KindClause       Kind = "clause"        // 4 or more words inserted inside a sentence
	KindNewSentence  Kind = "new_sentence"  // one or more whole sentences inserted
	KindNewParagraph Kind = "new_paragraph" // the paragraph exists only in the variant
	KindDeletion     Kind = "deletion"      // words deleted, none inserted
	KindSubstitution Kind = "substitution"  // words replaced by others
)

// Kinds lists every Kind in the order charts and tables show them.
var Kinds = []Kind{KindQualifier, KindClause, KindNewSentence, KindNewParagraph, KindDeletion, KindSubstitution}

// Change says whether a theme hit was added or removed by a variant.
type Change string

// The changes a hit can record.
const (
	ChangeAdded   Change = "added"
	ChangeRemoved Change = "removed"
)

// Verdict is what became of a proposal's insertion in the outcome.
type Verdict string

// The verdicts of uptake.
const (
	VerdictAdopted    Verdict = "adopted"     // all its words appear, in order, among the outcome's inserted words
	VerdictPartly     Verdict = "partly"      // some of them do
	VerdictNotAdopted Verdict = "not_adopted" // none do
	VerdictPending    Verdict = "pending"     // the outcome has no text for the paragraph (unless Options.OutcomeComplete)
)

// Range is a half-open interval [Start, End) of token indexes or byte offsets.
type Range struct {
	Start, End int
}

// Len returns End - Start.
func (r Range) Len() int { return r.End - r.Start }

// Token is one token of a text, with its place in that text.
type Token struct {
	Text  string // as written
	Norm  string // case-folded, curly quotes and apostrophes made straight
	Start int    // byte offset of Text in the text
	End   int    // byte offset just past Text
	Word  bool   // has at least one letter or digit
}

// Span is one change between the base and a variant, merged from adjacent
// edits. Token ranges index the token slices given to Diff; byte ranges index
// the texts those tokens came from.
type Span struct {
	Op        Op
	Kind      Kind
	BaseTok   Range // tokens of the base that were deleted or replaced (empty for inserts)
	VarTok    Range // tokens of the variant that were inserted (empty for deletes)
	BaseBytes Range
	VarBytes  Range
	Added     int // words inserted
	Deleted   int // words deleted
}

// Match is one occurrence of a theme term in a token stream.
type Match struct {
	Theme   string // theme name
	Term    string // the dictionary term that matched, as written there
	Matched string // the words of the text that matched, as written
	Tokens  Range  // token indexes of the matched words
	Bytes   Range  // byte offsets of the matched words
}

// Hit is a theme match that a variant added (in its inserted words) or
// removed (in the base's deleted words).
type Hit struct {
	Match
	Change Change
}

// Comparison is one variant of one paragraph compared with the base.
type Comparison struct {
	Paragraph    int // index into Document.Paragraphs
	Variant      int // index into Document.Variants, 1 or more
	Status       Status
	BaseWords    int
	VariantWords int
	Added        int     // words inserted
	Deleted      int     // words deleted
	ChangeRatio  float64 // (Added + Deleted) / BaseWords; 1 for a new paragraph; 0 when there is no base and no change
	Spans        []Span
	Hits         []Hit
	// Bracketed counts the words of the variant text inside square
	// brackets: wording not yet agreed, kept in the text.
	Bracketed int
}

// SpanUptake is what the outcome made of one insertion a proposal made.
type SpanUptake struct {
	Paragraph int // index into Document.Paragraphs
	Proposal  int // variant index of the proposal
	Span      int // index into the proposal's Comparison.Spans
	Verdict   Verdict
	Words     int // words the span inserted
	Adopted   int // of those, how many the outcome also inserted, in order
	// Evidence is why the verdict is what it is (see Evidence).
	Evidence Evidence
}

// ThemeUptake compares, for one proposal and one theme, the hits the proposal
// added with those the outcome added too.
type ThemeUptake struct {
	Proposal int // variant index
	Theme    string
	Proposed int // hits the proposal added where the outcome has text, or anywhere when the outcome is complete
	Adopted  int // of those, hits of the same theme the outcome added in the same paragraph
	Pending  int // hits the proposal added where the outcome has no text, unless it is complete
}

// Metrics are the figures of a set of comparisons of one variant: a
// paragraph, a section or the whole document.
type Metrics struct {
	Paragraphs   int // paragraphs in scope (rows of the document), whatever their status
	Amended      int
	New          int
	Unchanged    int
	Absent       int
	Merged       int // merged by a version into another paragraph (see StatusMerged)
	BaseWords    int // base words of the paragraphs where the variant has text
	VariantWords int
	Added        int // words added, new paragraphs' included
	Deleted      int
	NewWords     int // of Added, the words of paragraphs new in the variant
	Spans        int
	// ChangeRatio is (Added - NewWords + Deleted) / BaseWords: the change
	// of the paragraphs both texts have, per base word of them; 0 when
	// BaseWords is 0 and nothing changed, 1 when there is only new text.
	ChangeRatio  float64
	ThemeAdded   map[string]int // added hits per theme name
	ThemeRemoved map[string]int // removed hits per theme name
	ThemeParas   map[string]int // paragraphs with at least one added hit per theme name
	KindSpans    map[Kind]int   // spans per kind
}

// SectionMetrics are the Metrics of a section in one variant. A section's
// figures include its subsections'; subsections also stand alone.
type SectionMetrics struct {
	Section string // section ID
	Variant int
	Metrics
}

// Unthemed is an added word or phrase that no theme matched, with how often a
// variant added it.
type Unthemed struct {
	Variant int
	Phrase  string
	Count   int
}

// Result is the full analysis of a document with a dictionary.
type Result struct {
	Document   *Document
	Dictionary *Dictionary
	Outcome    int // variant index of the outcome; 0 when the document has none (fewer than 3 columns)
	// OutcomeComplete says the outcome was taken as the final text
	// (Options.OutcomeComplete, or implied by the outcome's kind): where it
	// has no text, a proposal's insertions are not adopted, not pending.
	OutcomeComplete bool

	// Comparisons holds one entry per paragraph and variant, paragraph-major:
	// Comparisons[p*(len(Variants)-1) + v-1].
	Comparisons []Comparison
	Sections    []SectionMetrics // section-major in document order, then variant
	Totals      []Metrics        // per variant index; Totals[0] is unused
	SpanUptake  []SpanUptake
	ThemeUptake []ThemeUptake // proposal-major, then dictionary theme order
	Unthemed    []Unthemed    // per variant, most frequent first
	// Language is the code (see stopLanguages) of the language whose function
	// words the unthemed phrases skip: the dictionary's language key, or
	// detected from the base text when LanguageDetected.
	Language         string
	LanguageDetected bool

	// Stages is the chain the analysis followed: the document's own
	// (Document.Stages) or the two stages a table implies (its base with
	// the proposals against it, then its outcome, partial unless
	// OutcomeComplete); one stage when there is no outcome.
	Stages []Stage
	// Lineage holds what each stage made of each paragraph, stage-major
	// then in document order (see LineageRow).
	Lineage []LineageRow
	// Fates holds what every later stage made of every insertion of every
	// proposal, in document order.
	Fates []Fate
	// StageFigures holds the figures of each stage, index as Stages.
	StageFigures []StageFigures
	// Provenance credits every word of every stage after the first to the
	// stage or proposal that brought it, by paragraph and stage (see
	// ProvenanceRun).
	Provenance []ProvenanceRun
	// Judgements are the verdicts people gave its insertions, as stored
	// (see Judgement): not part of the analysis, kept when the document
	// is saved again.
	Judgements []Judgement

	stops   stopSet  // the stopwords of unthemed phrases
	against []int    // per variant, the variant it is compared with (see against)
	derived *derived // figures computed from it on demand, once; nil computes them each time
}

// Against returns the variant whose text variant v is compared with: for a
// proposal, the text of the stage it proposes against; otherwise the base.
func (r *Result) Against(v int) int {
	if v < len(r.against) {
		return r.against[v]
	}
	return 0
}

// Comparison returns the comparison of paragraph p in variant v.
func (r *Result) Comparison(p, v int) *Comparison {
	return &r.Comparisons[p*(len(r.Document.Variants)-1)+v-1]
}

// Proposals returns the variant indexes that are proposals, in variant
// order: of a table, those between the base and the outcome, or every
// variant when there is no outcome; of a chain, the proposals made against
// each stage, the stages' own texts apart.
func (r *Result) Proposals() []int {
	var ps []int
	if len(r.Document.Stages) > 0 {
		for _, s := range r.Document.Stages {
			ps = append(ps, s.Proposals...)
		}
		slices.Sort(ps)
		return ps
	}
	for v := 1; v < len(r.Document.Variants); v++ {
		if v != r.Outcome {
			ps = append(ps, v)
		}
	}
	return ps
}

// Theme is one entry of a dictionary: a name (slug), how to show it, and the
// terms that signal it.
type Theme struct {
	Name  string   `yaml:"name"`            // a-z, 0-9, _ and -
	Label string   `yaml:"label,omitempty"` // shown to readers; Name when empty
	Color string   `yaml:"color,omitempty"` // CSS colour "#rrggbb"; "" leaves the choice to the dashboard
	Terms []string `yaml:"terms"`
}

// DocumentInfo describes a stored document without its analysis.
type DocumentInfo struct {
	Name     string
	Title    string
	Source   string
	Variants []string // Variants[0] is the base
	Outcome  int      // variant index of the outcome, 0 when none
	// Stages are the variant indexes of the stages of a document given as
	// a negotiation's rounds, in order (see Document.Stages); nil for one
	// read as a table, whose stages are its base and its outcome.
	Stages     []int
	Paragraphs int
	Revision   int64  // changes on every ingest of the document
	DictHash   string // content hash of the dictionary of the analysis
	Ingested   time.Time
}
