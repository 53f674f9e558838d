package analysis

import (
	"slices"
	"strconv"
	"sync"
)

// Credit is who brought a run of a stage's words: a stage's text, or a
// proposal's insertion that the stage took.
type Credit struct {
	// Stage is the index into Result.Stages of the stage whose text first
	// held the words: the first stage for the base's words, a revision
	// for the words it wrote itself, the stage that took a proposal's
	// insertion.
	Stage int
	// Proposal is the variant index of the proposal whose insertion the
	// words are, -1 for a stage's own words; Span is its index into the
	// proposal's Comparison.Spans.
	Proposal, Span int
	// Share is the part of the words credited: 1, or 1/k when k proposals
	// inserted the same words (the credit is shared equally).
	Share float64
}

// ProvenanceRun is a run of words of one stage's text of one paragraph
// credited to one source. Shared words have one run per proposal, each
// with its Share.
type ProvenanceRun struct {
	Stage     int   // index into Result.Stages
	Paragraph int   // index into Document.Paragraphs
	Words     Range // word positions in the stage's text (0-based, end exclusive)
	Credit    Credit
}

// provenanceSteps is what tracing one token costs in the work budget,
// beside the diff between stages.
const provenanceSteps = 2

// provenance attributes every word of every stage after the first to the
// stage and actor that brought it, paragraph by paragraph, counting the
// work on mt. A stage's words that the stage before had (the diff of the
// two texts) keep their credit; words it inserted are credited to the
// proposals whose insertion they are (the words each verdict's evidence
// kept, in its own paragraph or where it moved), shared when several
// proposals brought the same words, and to the stage itself otherwise. A
// paragraph a partial stage lacks keeps the text of the stage before; one a
// stage deleted starts anew if a later stage has it again.
func provenance(r *Result, tok *Tokenizer, mt *meter) ([]ProvenanceRun, error) {
	d := r.Document
	if len(r.Stages) < 2 {
		return nil, nil
	}
	// Per stage, per paragraph of the stage's text, the insertions the
	// stage took and the bytes of its text they kept.
	took := make([]map[int][]keptWords, len(r.Stages))
	for s := range took {
		took[s] = map[int][]keptWords{}
	}
	for _, f := range r.Fates {
		for s := f.Stage + 1; s < len(r.Stages); s++ {
			ev := f.Evidence[s]
			if !Taken(f.Verdicts[s]) || ev.Paragraph < 0 || len(ev.Kept) == 0 {
				continue
			}
			took[s][ev.Paragraph] = append(took[s][ev.Paragraph], keptWords{f.Proposal, f.Span, ev.Kept})
		}
	}
	// A stage's own credit, one slice per stage that every word it wrote
	// shares (credits are only read).
	own := make([][]Credit, len(r.Stages))
	for s := range own {
		own[s] = []Credit{{Stage: s, Proposal: -1, Share: 1}}
	}
	var runs []ProvenanceRun
	for p := range d.Paragraphs {
		para := &d.Paragraphs[p]
		var prev []Token    // the tokens of the latest stage that had the paragraph
		var from [][]Credit // their credits
		prevStage := -1
		var older []traced // the texts of the stages before that, latest first
		for s, st := range r.Stages {
			text := para.Texts[st.Variant]
			if text == "" {
				if !st.Partial && prev != nil {
					older = append([]traced{{prev, from}}, older...)
					prev, from, prevStage = nil, nil, -1
				}
				continue
			}
			toks := tok.Tokenize(text)
			if !mt.spend((tokenSteps + provenanceSteps) * (len(toks) + len(prev))) {
				return nil, mt.stopped()
			}
			credits := make([][]Credit, len(toks))
			if s == 0 {
				for i := range credits {
					credits[i] = own[0]
				}
			} else {
				spans, err := stageSpans(r, p, s, prevStage, prev, toks, mt)
				if err != nil {
					return nil, err
				}
				// Tokens outside the spans are the stage before's, in order.
				i, j := 0, 0
				inherit := func(to int) {
					for ; j < to && i < len(from); i, j = i+1, j+1 {
						credits[j] = from[i]
					}
					for ; j < to; j++ {
						credits[j] = own[s]
					}
				}
				for _, sp := range spans {
					inherit(sp.VarTok.Start)
					i = sp.BaseTok.End
					for ; j < sp.VarTok.End; j++ {
						credits[j] = insertedCredit(toks[j], took[s][p], own[s])
					}
				}
				inherit(len(toks))
				if err := restored(toks, credits, own[s], older, mt); err != nil {
					return nil, err
				}
			}
			if s > 0 {
				runs = appendRuns(runs, s, p, toks, credits)
			}
			if prev != nil {
				older = append([]traced{{prev, from}}, older...)
			}
			prev, from, prevStage = toks, credits, s
		}
	}
	return runs, nil
}

// keptWords are the bytes of a stage's text that a proposal's insertion
// brought, by its verdict's evidence.
type keptWords struct {
	proposal, span int
	bytes          []Range
}

// insertedCredit returns the credit of word t, inserted by the stage
// whose own credit is own: the proposals whose kept words hold it, shared
// equally, or the stage's own.
func insertedCredit(t Token, took []keptWords, own []Credit) []Credit {
	var out []Credit
	for _, k := range took {
		if slices.ContainsFunc(k.bytes, func(b Range) bool { return b.Start <= t.Start && t.End <= b.End }) &&
			!slices.ContainsFunc(out, func(c Credit) bool { return c.Proposal == k.proposal }) {
			out = append(out, Credit{Stage: own[0].Stage, Proposal: k.proposal, Span: k.span})
		}
	}
	if len(out) == 0 {
		return own
	}
	for i := range out {
		out[i].Share = 1 / float64(len(out))
	}
	return out
}

// traced is a stage's text of a paragraph, its tokens and their credits.
type traced struct {
	toks    []Token
	credits [][]Credit
}

// restored credits the words of toks that the stage wrote itself (their
// credits are own, the stage's own credit) and that an earlier stage than
// the one before had (older, latest first) to that stage's source:
// wording a stage dropped and a later one restored is not the later one's.
func restored(toks []Token, credits [][]Credit, own []Credit, older []traced, mt *meter) error {
	// A word the stage wrote holds the stage's own slice itself.
	isOwn := func(j int) bool { return toks[j].Word && &credits[j][0] == &own[0] }
	for _, o := range older {
		if !anyOwn(len(toks), isOwn) {
			return nil
		}
		spans, err := diff(o.toks, toks, mt)
		if err != nil {
			return err
		}
		i, j := 0, 0
		keep := func(to int) {
			for ; j < to && i < len(o.toks); i, j = i+1, j+1 {
				if isOwn(j) {
					credits[j] = o.credits[i]
				}
			}
			j = max(j, to)
		}
		for _, sp := range spans {
			keep(sp.VarTok.Start)
			i, j = sp.BaseTok.End, sp.VarTok.End
		}
		keep(len(toks))
	}
	return nil
}

// anyOwn reports whether isOwn holds for one of the first n indexes.
func anyOwn(n int, isOwn func(int) bool) bool {
	for j := range n {
		if isOwn(j) {
			return true
		}
	}
	return false
}

// stageSpans returns the changes from the stage before (prevStage, its
// tokens prev) to stage s's tokens toks of paragraph p: the comparison the
// analysis made when the stage before is the first, against which every
// stage is compared, else a diff counted on mt.
func stageSpans(r *Result, p, s, prevStage int, prev, toks []Token, mt *meter) ([]Span, error) {
	if prevStage == 0 {
		spans := r.Comparison(p, r.Stages[s].Variant).Spans
		fits := true
		for _, sp := range spans {
			fits = fits && sp.BaseTok.End <= len(prev) && sp.VarTok.End <= len(toks)
		}
		if fits {
			return spans, nil
		}
	}
	return diff(prev, toks, mt)
}

// appendRuns appends to runs the runs of paragraph p at stage s: its
// words (the tokens of toks that are words) in order, one run per stretch
// of the same credits, word positions counting words alone.
func appendRuns(runs []ProvenanceRun, s, p int, toks []Token, credits [][]Credit) []ProvenanceRun {
	var last []Credit
	start, w := 0, 0
	flush := func() {
		if w > start {
			for _, c := range last {
				runs = append(runs, ProvenanceRun{Stage: s, Paragraph: p, Words: Range{start, w}, Credit: c})
			}
		}
		start = w
	}
	for i, t := range toks {
		if !t.Word {
			continue
		}
		if !slices.Equal(credits[i], last) {
			flush()
			last = credits[i]
		}
		w++
	}
	flush()
	return runs
}

// SourceWords is how many words of a stage's text one source brought.
type SourceWords struct {
	Stage int    // the stage whose own words they are, or that took the proposal
	Actor string // the proposal's actor, "" for a stage's own words
	Words float64
}

// Label names the source for readers: the actor, or the stage ("Base",
// "Rev.1's own words").
func (sw SourceWords) Label(r *Result) string {
	if sw.Actor != "" {
		return sw.Actor
	}
	if sw.Stage == 0 {
		return r.Stages[0].Name
	}
	return r.Stages[sw.Stage].Name + "'s own words"
}

// WordSources sums the credits of stage s's words over the paragraphs
// keep accepts (nil: all): the first stage's words, each later stage's own
// words in order, then each actor, in the order of the document's
// variants. A stage with no words of its own and an actor with none are
// left out.
func (r *Result) WordSources(s int, keep func(p int) bool) []SourceWords {
	own := make([]float64, len(r.Stages))
	actors := map[string]float64{}
	for _, run := range r.Provenance {
		if run.Stage != s || keep != nil && !keep(run.Paragraph) {
			continue
		}
		r.credit(run.Credit, float64(run.Words.End-run.Words.Start), own, actors)
	}
	return r.sources(own, actors)
}

// credit adds words times c's share to its source: a stage's own words in
// own, an actor's in actors.
func (r *Result) credit(c Credit, words float64, own []float64, actors map[string]float64) {
	if c.Proposal < 0 {
		own[c.Stage] += words * c.Share
	} else {
		actors[r.Document.Actor(c.Proposal)] += words * c.Share
	}
}

// sources returns the sources with words, in WordSources's order.
func (r *Result) sources(own []float64, actors map[string]float64) []SourceWords {
	var out []SourceWords
	for st, w := range own {
		if w > 0 {
			out = append(out, SourceWords{Stage: st, Words: w})
		}
	}
	seen := map[string]bool{}
	for _, v := range r.Proposals() {
		a := r.Document.Actor(v)
		if w := actors[a]; w > 0 && !seen[a] {
			seen[a] = true
			out = append(out, SourceWords{Stage: r.ProposalStage(v) + 1, Actor: a, Words: w})
		}
	}
	return out
}

// ThemeSources sums, per theme, the credits of the words of stage s that
// the theme's terms match (tokenized with tok, matched with r's
// dictionary): whose wording carries each theme in the stage. Themes the
// stage has no term of are left out. It is computed once per stage and
// shared: read it, never change it.
func (r *Result) ThemeSources(s int, tok *Tokenizer) map[string][]SourceWords {
	if r.derived == nil {
		return r.themeSources(s, tok)
	}
	// Pages ask for it again and again (every variant and page of an
	// overview): tokenizing and matching the stage once is enough.
	r.derived.mu.Lock()
	defer r.derived.mu.Unlock()
	if v, ok := r.derived.themeSources[s]; ok {
		return v
	}
	v := r.themeSources(s, tok)
	if r.derived.themeSources == nil {
		r.derived.themeSources = map[int]map[string][]SourceWords{}
	}
	r.derived.themeSources[s] = v
	return v
}

// derived holds what is computed from a Result on demand, once.
type derived struct {
	mu           sync.Mutex
	themeSources map[int]map[string][]SourceWords // by stage
}

// themeSources is ThemeSources computed.
func (r *Result) themeSources(s int, tok *Tokenizer) map[string][]SourceWords {
	byPara := map[int][]ProvenanceRun{}
	for _, run := range r.Provenance {
		if run.Stage == s {
			byPara[run.Paragraph] = append(byPara[run.Paragraph], run)
		}
	}
	own := map[string][]float64{}
	actors := map[string]map[string]float64{}
	for p, runs := range byPara {
		toks := tok.Tokenize(r.Document.Paragraphs[p].Texts[r.Stages[s].Variant])
		word := make([]int, len(toks)) // token -> word position, -1 for punctuation
		n := 0
		for i, t := range toks {
			word[i] = -1
			if t.Word {
				word[i], n = n, n+1
			}
		}
		credits := make([][]Credit, n)
		for _, run := range runs {
			for w := run.Words.Start; w < run.Words.End && w < n; w++ {
				credits[w] = append(credits[w], run.Credit)
			}
		}
		for _, m := range r.Dictionary.Match(toks) {
			if own[m.Theme] == nil {
				own[m.Theme], actors[m.Theme] = make([]float64, len(r.Stages)), map[string]float64{}
			}
			for i := m.Tokens.Start; i < m.Tokens.End; i++ {
				if w := word[i]; w >= 0 {
					for _, c := range credits[w] {
						r.credit(c, 1, own[m.Theme], actors[m.Theme])
					}
				}
			}
		}
	}
	out := make(map[string][]SourceWords, len(own))
	for theme := range own {
		out[theme] = r.sources(own[theme], actors[theme])
	}
	return out
}

// provenanceRows writes the provenance table: a row per run of a stage's
// words and source, word positions 1-based; credit is the words times the
// source's share. With a stage filter, that stage's runs alone; with a
// variant, the runs of that proposal or actor.
func provenanceRows(t *tableRun) error {
	r := t.r
	only := -1
	if t.f.Stage != "" {
		at, err := r.ParseStage(t.f.Stage)
		if err != nil {
			return err
		}
		only = at
	}
	ids := StageParagraphs(r)
	for _, run := range r.Provenance {
		c := run.Credit
		if only >= 0 && run.Stage != only || !t.paragraph(run.Paragraph) {
			continue
		}
		actor, change := "", ""
		if c.Proposal >= 0 {
			actor, change = r.Document.Actor(c.Proposal), ChangeID(run.Paragraph, c.Proposal, c.Span)
			if t.f.Variant != "" && !t.variant(c.Proposal) && !sameName(t.f.Variant, actor) {
				continue
			}
		} else if t.f.Variant != "" {
			continue
		}
		para := &r.Document.Paragraphs[run.Paragraph]
		t.start()
		t.add(r.Stages[run.Stage].Name, para.Section, para.ID, ids[run.Stage][run.Paragraph])
		t.addInt(run.Words.Start+1, run.Words.End, run.Words.End-run.Words.Start)
		t.add(r.Stages[c.Stage].Name, actor, change, strconv.FormatFloat(float64(run.Words.End-run.Words.Start)*c.Share, 'f', -1, 64))
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}
