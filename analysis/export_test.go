package analysis

// The external tests (package analysis_test), which read the chain and
// uptake fixtures through package ingest, use these names of the
// package's own tests and code.
const MaxJudgeName = maxJudgeName

var (
	Records       = records
	AnalyseSource = analyseSource
	DumpHeader    = dumpHeader

	ParagraphMetrics = paragraphMetrics
)
