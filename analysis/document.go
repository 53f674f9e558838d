package analysis

import "amendlens/parse"

// The document a parser reads (see package parse) is the domain's: its
// types and names are parse's, under the names the analysis has always
// given them.
type (
	Document    = parse.Document
	Section     = parse.Section
	Paragraph   = parse.Paragraph
	Join        = parse.Join
	Alignment   = parse.Alignment
	AlignedLink = parse.AlignedLink
	Stage       = parse.Stage
)

// BaseName is the name of the first column, the base text.
const BaseName = parse.BaseName

// NoOutcome is the Options.Outcome value that makes every variant a proposal.
const NoOutcome = parse.NoOutcome
