package analysis

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"amendlens/align"
	"amendlens/parse"
)

// Options tune Analyse.
type Options struct {
	// Outcome names the variant that holds the agreed text. Empty means the
	// last column when the document has 3 or more; "none" means no outcome.
	Outcome string
	// OutcomeComplete says the outcome is the final text: a paragraph it
	// has no text for was dropped, so a proposal's insertions there are
	// not_adopted (and their theme hits proposed, not adopted) rather than
	// pending. An outcome given as a version of its own (see AddVersion) is
	// complete whatever this says.
	OutcomeComplete bool
	// Workers is how many paragraphs are analysed at once; 0 means GOMAXPROCS.
	Workers int
	// Tokenizer is shared by the workers; nil means a new one.
	Tokenizer *Tokenizer
	// Progress, when set, is called from one goroutine at a time with the
	// number of paragraphs done and the total.
	Progress func(done, total int)
	// MaxWork is the work budget of the analysis, in steps (see
	// DefaultMaxWork): an analysis that needs more fails with ErrWorkBudget
	// naming the paragraph it had reached, instead of running for minutes.
	// 0 means DefaultMaxWork of the document; a negative value, no limit.
	MaxWork int64
	// MaxWorkCap, when positive, bounds the budget whatever the document's
	// size: a server answering uploads bounds the CPU time one can cost
	// (see the dashboard's Config.UploadWork).
	MaxWorkCap int64
}

// Analyse compares every variant of every paragraph of doc with the base,
// matches the themes of dict in the added and deleted words, and derives
// uptake and metrics. It does not modify doc. A document with only its
// base text (see Document.BaseOnly) gives a Result without comparisons,
// metrics or uptake: it is stored and shown for reading, and for versions
// to be aligned with it later.
func Analyse(doc *Document, dict *Dictionary, opts Options) (*Result, error) {
	return AnalyseContext(context.Background(), doc, dict, opts)
}

// AnalyseContext is Analyse stopping when ctx is done: the context is
// checked between paragraphs and, within a paragraph, every few tens of
// thousands of steps of work, so an analysis stops within milliseconds of
// its caller giving up. It then returns an error that wraps ctx.Err() and
// names the paragraph it had reached.
func AnalyseContext(ctx context.Context, doc *Document, dict *Dictionary, opts Options) (*Result, error) {
	if dict == nil {
		return nil, fmt.Errorf("analyse %s: no theme dictionary", doc.Name)
	}
	if len(doc.Variants) < 1 {
		return nil, fmt.Errorf("analyse %s: no columns, want at least the base text", doc.Name)
	}
	name := opts.Outcome
	acceptAll := name == parse.AcceptAll
	if acceptAll {
		// The variant of a Word document's tracked changes all accepted;
		// a document without tracked changes has its default outcome.
		name = ""
		if slices.Contains(doc.Variants[1:], parse.AcceptedName) {
			name = parse.AcceptedName
		}
	}
	if len(doc.Stages) > 0 {
		// A chain's outcome is its last stage, complete unless partial.
		if err := checkStages(doc); err != nil {
			return nil, fmt.Errorf("analyse %s: %w", doc.Name, err)
		}
		if opts.Outcome != "" {
			return nil, fmt.Errorf("analyse %s: a negotiation in stages has its last stage as its outcome; give no outcome", doc.Name)
		}
		outcome, last := 0, doc.Stages[len(doc.Stages)-1]
		if len(doc.Stages) > 1 {
			outcome = last.Variant
		}
		opts.OutcomeComplete = !last.Partial
		return analyse(ctx, doc, dict, outcome, opts)
	}
	if name == "" {
		name = doc.Outcome
	}
	outcome, err := outcomeIndex(doc.Variants, name)
	if err != nil {
		return nil, fmt.Errorf("analyse %s: %w", doc.Name, err)
	}
	if wholeText(doc, outcome, acceptAll && name == parse.AcceptedName) {
		opts.OutcomeComplete = true
	}
	return analyse(ctx, doc, dict, outcome, opts)
}

// Reanalyse analyses doc again as it was analysed into a Result whose
// Outcome and OutcomeComplete were outcome and complete, with dict: the
// same Result, figure for figure, since the analysis is a function of
// them. A store keeps a document, its dictionary and these two choices,
// and gives its Result back through Reanalyse. It has no work budget: the
// document passed its budget when it was first analysed.
func Reanalyse(ctx context.Context, doc *Document, dict *Dictionary, outcome int, complete bool) (*Result, error) {
	if dict == nil {
		return nil, fmt.Errorf("analyse %s: no theme dictionary", doc.Name)
	}
	if len(doc.Variants) < 1 || outcome < 0 || outcome >= len(doc.Variants) {
		return nil, fmt.Errorf("analyse %s: outcome %d of %d variants", doc.Name, outcome, len(doc.Variants))
	}
	return analyse(ctx, doc, dict, outcome, Options{OutcomeComplete: complete, MaxWork: -1})
}

// wholeText reports whether variant v of doc, taken as the outcome, is a
// whole text, so that where it has no text the paragraph was deleted: a
// version of its own (aligned by content), or a Word document with every
// tracked change accepted (accepted).
func wholeText(doc *Document, v int, accepted bool) bool {
	return v > 0 && (doc.Alignment(v) != nil || accepted)
}

// analyse is AnalyseContext once the outcome is chosen.
func analyse(ctx context.Context, doc *Document, dict *Dictionary, outcome int, opts Options) (*Result, error) {
	r := newResult(doc, dict, outcome, opts.OutcomeComplete)
	if err := compare(ctx, r, opts); err != nil {
		return nil, fmt.Errorf("analyse %s: %w", doc.Name, err)
	}
	r.Sections, r.Totals = metrics(r)
	r.Lineage = lineage(r)
	countParagraphs(r)
	return r, nil
}

// newResult returns the Result of doc with dict and outcome, its
// comparisons yet to fill.
func newResult(doc *Document, dict *Dictionary, outcome int, complete bool) *Result {
	r := &Result{
		Document:        doc,
		Dictionary:      dict,
		Outcome:         outcome,
		OutcomeComplete: complete && outcome > 0,
		Comparisons:     make([]Comparison, len(doc.Paragraphs)*(len(doc.Variants)-1)),
		derived:         &derived{},
	}
	r.Stages = chainOf(doc, outcome, r.OutcomeComplete)
	r.against = against(r.Stages, len(doc.Variants))
	var extra map[string]bool
	r.Language, r.LanguageDetected = "", true
	if dict != nil {
		extra, r.Language = dict.stopwords, dict.language
		r.LanguageDetected = dict.language == ""
	}
	if r.Language == "" {
		r.Language = detectLanguage(baseTexts(doc))
	}
	r.stops = stopsOf(r.Language, extra)
	return r
}

// outcomeIndex resolves Options.Outcome to a variant index.
func outcomeIndex(variants []string, name string) (int, error) {
	switch {
	case name == NoOutcome:
		return 0, nil
	case name == "":
		if len(variants) >= 3 {
			return len(variants) - 1, nil
		}
		return 0, nil
	}
	// Compared as the parsers make variant names (see visibleName): a
	// name copied from the file with a direction mark still names it.
	want := parse.VisibleName(name)
	for v := 1; v < len(variants); v++ {
		if strings.EqualFold(variants[v], want) {
			if len(variants) < 3 {
				return 0, Fail(FailInvalid, fmt.Sprintf("outcome %q: an outcome needs at least one proposal beside it (3 columns or more)", name))
			}
			return v, nil
		}
	}
	return 0, Fail(FailInvalid, fmt.Sprintf("outcome %q: no such variant; the variants are %s", name, strings.Join(variants[1:], ", ")))
}

// paragraphWork is what the analysis of one paragraph yields besides its
// comparisons, kept apart until every paragraph is done so that the merge is
// in document order whatever the order the workers finished in.
type paragraphWork struct {
	phrases [][]string // unthemed phrases per variant
	spans   []SpanUptake
	themes  []ThemeUptake
	fates   []Fate
	stages  []StageFigures // the paragraph's share of each stage's figures
	// words holds, per followPairs, the words each later stage inserted in
	// the paragraph, until follow has searched them.
	words []*stageWords
}

// compare fills r.Comparisons, r.Unthemed and the uptake of r, spreading
// paragraphs over workers that share one work budget. The first paragraph
// to pass the budget, or to see ctx done, stops every worker; the error
// names the earliest paragraph that failed.
func compare(ctx context.Context, r *Result, opts Options) error {
	tok := opts.Tokenizer
	if tok == nil {
		tok = NewTokenizer()
	}
	b := newBudget(r.Document, opts)
	merges := mergePlan(r.Document, r.against)
	work, err := compareParagraphs(ctx, r, opts, tok, b, merges)
	if err != nil {
		return err
	}
	return gatherWork(ctx, r, work, merges, tok, b)
}

// compareParagraphs analyses every paragraph of r (analyseParagraph) on
// opts.Workers workers, reporting the paragraphs done to opts.Progress, and
// returns each paragraph's work.
func compareParagraphs(ctx context.Context, r *Result, opts Options, tok *Tokenizer, b *budget, merges map[int]mergeCell) ([]paragraphWork, error) {
	doc := r.Document
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	f := &firstFailure{parent: ctx, at: len(doc.Paragraphs), doc: doc, b: b}
	ctx, f.cancel = context.WithCancel(ctx)
	defer f.cancel()
	work := make([]paragraphWork, len(doc.Paragraphs))
	next := make(chan int)
	var (
		wg       sync.WaitGroup
		progress sync.Mutex
		done     int
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mt := b.meter(ctx)
			toks := make([][]Token, len(doc.Variants))
			for p := range next {
				if err := analyseParagraph(r, p, tok, toks, &work[p], mt, merges); err != nil {
					f.fail(p, err)
					continue
				}
				if opts.Progress != nil {
					progress.Lock()
					done++
					opts.Progress(done, len(doc.Paragraphs))
					progress.Unlock()
				}
			}
		}()
	}
feed:
	for p := range doc.Paragraphs {
		select {
		case next <- p:
		case <-ctx.Done():
			f.fail(p, ctx.Err())
			break feed
		}
	}
	close(next)
	wg.Wait()
	return work, f.err
}

// firstFailure keeps the error of the earliest paragraph that failed, not
// of the first to report, and stops the other workers (cancel): once the
// context is done, the feeder and a worker can both see it, and the error
// must name the same paragraph every run. A paragraph stopped only because
// another failed (our own cancel, the parent context still live) never
// replaces that failure.
type firstFailure struct {
	mu     sync.Mutex
	err    error
	at     int // the paragraph of err; the count of paragraphs before any
	parent context.Context
	cancel context.CancelFunc
	doc    *Document
	b      *budget
}

func (f *firstFailure) fail(p int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p >= f.at || f.err != nil && errors.Is(err, context.Canceled) && f.parent.Err() == nil {
		return
	}
	para := &f.doc.Paragraphs[p]
	f.err = f.b.explain(fmt.Sprintf("paragraph %s (line %d)", parse.Quote(para.ID), para.Line), err,
		"a cell compared with a much longer or wholly different one costs the most")
	f.at = p
	f.cancel()
}

// gatherWork merges the paragraphs' work into r in document order: the
// unthemed phrases, the stage figures, and for a document with an outcome
// the uptake (once the insertions are followed into later stages), the
// fates and the provenance of each stage's words.
func gatherWork(ctx context.Context, r *Result, work []paragraphWork, merges map[int]mergeCell, tok *Tokenizer, b *budget) error {
	if r.Outcome > 0 {
		if err := follow(r, work, merges, b.meter(ctx)); err != nil {
			return b.explain("following moved and reworded insertions", err, "")
		}
		for p := range work {
			work[p].spans = stageUptake(r, work[p].fates, len(r.Stages)-1)
		}
	}
	nv := len(r.Document.Variants)
	byVariant := make([][]string, nv)
	for p := range work {
		for v := 1; v < nv; v++ {
			byVariant[v] = append(byVariant[v], work[p].phrases[v]...)
		}
	}
	r.Unthemed = countUnthemed(byVariant)
	if r.Outcome > 0 {
		r.SpanUptake, r.ThemeUptake = mergeUptake(r, work)
		for _, w := range work {
			r.Fates = append(r.Fates, w.fates...)
		}
	}
	r.StageFigures = sumStages(r, work)
	if r.Outcome > 0 {
		var err error
		if r.Provenance, err = provenance(r, tok, b.meter(ctx)); err != nil {
			return b.explain("attributing the words of each stage", err, "")
		}
	}
	return nil
}

// analyseParagraph compares every variant of paragraph p with the base and
// judges its uptake (complete: Options.OutcomeComplete), into r's
// comparisons and w, counting the work on mt. toks is scratch space for the
// tokens of each variant. merges is the document's mergePlan.
func analyseParagraph(r *Result, p int, tok *Tokenizer, toks [][]Token, w *paragraphWork, mt *meter, merges map[int]mergeCell) error {
	if !mt.flush() {
		return mt.stopped()
	}
	doc := r.Document
	para := &doc.Paragraphs[p]
	nv := len(toks)
	tokenize := func(text string) ([]Token, error) {
		t := tok.Tokenize(text)
		if !mt.spend(tokenSteps * len(t)) {
			return nil, mt.stopped()
		}
		return t, nil
	}
	for v := range nv {
		// The texts of a chain's stages and proposals are mostly their
		// predecessors': tokenized once (tokens are only read).
		if w := slices.Index(para.Texts[:v], para.Texts[v]); w >= 0 {
			toks[v] = toks[w]
			continue
		}
		var err error
		if toks[v], err = tokenize(para.Texts[v]); err != nil {
			return err
		}
	}
	w.phrases = make([][]string, nv)
	var out outcomeText
	for v := 1; v < nv; v++ {
		c := r.Comparison(p, v)
		m, merged := merges[p*nv+v]
		ref := r.Against(v)
		base := toks[ref]
		if merged && m.into >= 0 {
			// Merged into an earlier row: no words of its own. Uptake
			// judges against the outcome's insertions for the whole merge.
			c.Paragraph, c.Variant, c.Status = p, v, StatusMerged
			if v == r.Outcome {
				root := merges[m.into*nv+v]
				o, err := root.sharedText(r, m.into, v, tokenize, mt)
				if err != nil {
					return err
				}
				out = o
			}
			continue
		}
		if merged {
			// The first row of a merge: compared with all its base texts.
			var err error
			if base, err = tokenize(m.base); err != nil {
				return err
			}
		}
		phrases, err := compareCell(c, r.Dictionary, r.stops.has, p, v, ref, para, base, toks[v], mt)
		if err != nil {
			return err
		}
		w.phrases[v] = phrases
		if v == r.Outcome {
			out = outcomeText{toks: toks[v], spans: c.Spans, hits: c.Hits, absent: c.Status == StatusAbsent}
		}
	}
	if r.Outcome == 0 {
		w.stages = firstStage(r, p, toks)
		return nil
	}
	return w.uptake(&pairTexts{r: r, p: p, toks: toks, tokenize: tokenize, merges: merges, mt: mt, outcome: &out})
}

// uptake judges the uptake of paragraph pt.p's insertions against the
// texts of pt: their fates, the words later stages inserted, the themes'
// uptake and the stages' figures.
func (w *paragraphWork) uptake(pt *pairTexts) error {
	r, p := pt.r, pt.p
	var err error
	if w.fates, err = paragraphFates(r, p, pt.toks, pt, pt.mt); err != nil {
		return err
	}
	if w.words, err = insertedRows(r, p, pt, pt.merges); err != nil {
		return err
	}
	if w.themes, err = themeUptake(r, p, pt); err != nil {
		return err
	}
	w.stages, err = paragraphStages(r, p, pt.toks, pt)
	return err
}

// textBytes returns the bytes of text of every variant of every paragraph
// of doc.
func textBytes(doc *Document) int64 {
	var n int64
	for i := range doc.Paragraphs {
		for _, t := range doc.Paragraphs[i].Texts {
			n += int64(len(t))
		}
	}
	return n
}

// compareCell fills c with the comparison of one variant's text of a
// paragraph with the text of variant ref (the base, or the stage a
// proposal proposes against), base its tokens, and returns the phrases it added that no theme
// matched.
func compareCell(c *Comparison, dict *Dictionary, stop func(string) bool, p, v, ref int, para *Paragraph, base, variant []Token, mt *meter) ([]string, error) {
	c.Paragraph, c.Variant = p, v
	c.BaseWords = CountWords(base)
	if strings.TrimSpace(para.Texts[v]) == "" {
		c.Status = StatusAbsent
		return nil, nil
	}
	c.VariantWords = CountWords(variant)
	c.Bracketed = bracketedWords(para.Texts[v], variant)
	spans, err := diff(base, variant, mt)
	if err != nil {
		return nil, err
	}
	c.Spans = spans
	for _, s := range c.Spans {
		c.Added += s.Added
		c.Deleted += s.Deleted
	}
	switch {
	case ref == 0 && para.New || strings.TrimSpace(para.Texts[ref]) == "":
		c.Status = StatusNew
	case len(c.Spans) == 0:
		c.Status = StatusUnchanged
	default:
		c.Status = StatusAmended
	}
	c.ChangeRatio = changeRatio(c.Added, c.Deleted, c.BaseWords)
	c.Hits = Hits(dict, base, variant, c.Spans)
	return unthemedPhrasesWith(variant, c.Spans, c.Hits, stop), nil
}

// mergeCell says how a variant merged a paragraph with others.
type mergeCell struct {
	into int    // the first row of the merge; -1 for the first row itself
	base string // for the first row: the base texts of the merge joined
	// outcome is, for the first row, the outcome's text of the merge as
	// uptake reads it, computed once for all the merge's rows: computed
	// per row, a merge of n rows cost n times its length.
	outcome *sharedOutcome
	rows    []int        // for the first row: every row of the merge, in order
	shared  *mergeShared // for the first row: what its rows share
}

// sharedText returns the outcome's text (variant v) of the merge whose
// first row is root, paragraph first, as uptake reads it: every row of the
// merge judges against the same text, and the first to need it computes
// it, once.
func (root mergeCell) sharedText(r *Result, first, v int, tokenize func(string) ([]Token, error), mt *meter) (outcomeText, error) {
	root.outcome.once.Do(func() {
		root.outcome.out, root.outcome.err = mergedOutcome(r.Dictionary, tokenize, root.base, r.Document.Paragraphs[first].Texts[v], mt)
	})
	return root.outcome.out, root.outcome.err
}

// sharedOutcome is the outcome's text of a merge, computed once.
type sharedOutcome struct {
	once sync.Once
	out  outcomeText
	err  error
}

// mergedOutcome compares the outcome's text of a merge with its base texts
// joined, and indexes what it inserted, for uptake.
func mergedOutcome(dict *Dictionary, tokenize func(string) ([]Token, error), base, text string, mt *meter) (outcomeText, error) {
	bt, err := tokenize(base)
	if err != nil {
		return outcomeText{}, err
	}
	ot, err := tokenize(text)
	if err != nil {
		return outcomeText{}, err
	}
	spans, err := diff(bt, ot, mt)
	if err != nil {
		return outcomeText{}, err
	}
	out := outcomeText{toks: ot, spans: spans, hits: Hits(dict, bt, ot, spans)}
	if err := out.index(mt); err != nil {
		return outcomeText{}, err
	}
	return out, nil
}

// mergePlan returns the cells (paragraph*len(Variants)+variant) of the
// paragraphs that aligned versions merged, or tracked changes joined (see
// Document.Joins).
func mergePlan(doc *Document, ref []int) map[int]mergeCell {
	if len(doc.Alignments) == 0 && len(doc.Joins) == 0 {
		return nil
	}
	nv := len(doc.Variants)
	at := make(map[string]int, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		at[p.ID] = i
	}
	plan := map[int]mergeCell{}
	merge := func(v int, rows []int) {
		sort.Ints(rows)
		bases := make([]string, len(rows))
		from := 0
		if v < len(ref) {
			from = ref[v]
		}
		for k, i := range rows {
			bases[k] = doc.Paragraphs[i].Texts[from]
		}
		plan[rows[0]*nv+v] = mergeCell{into: -1, base: strings.Join(bases, "\n\n"), outcome: &sharedOutcome{},
			rows: rows, shared: &mergeShared{pairs: map[[2]int]*outcomeText{}}}
		for _, i := range rows[1:] {
			plan[i*nv+v] = mergeCell{into: rows[0]}
		}
	}
	for _, j := range doc.Joins {
		rows := make([]int, 0, len(j.Paragraphs))
		for _, id := range j.Paragraphs {
			if i, ok := at[id]; ok {
				rows = append(rows, i)
			}
		}
		if len(rows) > 1 {
			merge(j.Variant, rows)
		}
	}
	for _, al := range doc.Alignments {
		groups := map[string][]int{}
		var order []string
		for _, l := range al.Links {
			if l.Relation != align.RelationMerged {
				continue
			}
			if i, ok := at[l.Paragraph]; ok {
				if groups[l.VariantParagraph] == nil {
					order = append(order, l.VariantParagraph)
				}
				groups[l.VariantParagraph] = append(groups[l.VariantParagraph], i)
			}
		}
		for _, vp := range order {
			merge(al.Variant, groups[vp])
		}
	}
	return plan
}

// changeRatio is (added + deleted) / base, kept finite: a text with no base
// words changed wholly (1) when anything was added, else not at all (0).
func changeRatio(added, deleted, base int) float64 {
	if base == 0 {
		if added+deleted > 0 {
			return 1
		}
		return 0
	}
	return float64(added+deleted) / float64(base)
}

// countUnthemed counts the phrases of each variant, most frequent first.
func countUnthemed(byVariant [][]string) []Unthemed {
	var out []Unthemed
	for v, phrases := range byVariant {
		counts := map[string]int{}
		for _, ph := range phrases {
			counts[ph]++
		}
		start := len(out)
		for ph, n := range counts {
			out = append(out, Unthemed{Variant: v, Phrase: ph, Count: n})
		}
		part := out[start:]
		sort.Slice(part, func(i, j int) bool {
			if part[i].Count != part[j].Count {
				return part[i].Count > part[j].Count
			}
			return part[i].Phrase < part[j].Phrase
		})
	}
	return out
}
