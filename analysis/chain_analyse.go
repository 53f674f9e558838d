package analysis

import (
	"slices"
	"strings"
	"sync"

	"amendlens/parse"
)

// pairTexts gives, for one paragraph, the text of one variant as judged
// from another's: the later text's tokens, what it changed from the
// earlier, and its insertions indexed (see outcomeText). Each pair is
// computed once per paragraph, and once per merge for a paragraph a
// variant merged with others: every row of the merge judges against the
// merged text, compared with the earlier texts of all its rows joined.
type pairTexts struct {
	r        *Result
	p        int
	toks     [][]Token
	tokenize func(string) ([]Token, error)
	merges   map[int]mergeCell
	mt       *meter
	outcome  *outcomeText // the outcome from the base, computed by the comparisons
	cache    map[[2]int]*outcomeText
	inserted map[[2]int]*stageWords
}

// words returns the words variant to inserted in the paragraph, judged
// from variant from: computed once per paragraph, and once per merge for
// the rows of a merge.
func (pt *pairTexts) words(from, to int) *stageWords {
	key := [2]int{from, to}
	if sw, ok := pt.inserted[key]; ok {
		return sw
	}
	row := pt.p
	m, merged := pt.merges[pt.p*len(pt.toks)+to]
	if merged && m.into >= 0 {
		row = m.into
	}
	var sw *stageWords
	build := func() *stageWords {
		ot, err := pt.get(from, to)
		if err != nil || ot.absent {
			return &stageWords{row: row} // the error is the meter's, reported by its caller
		}
		return newStageWords(row, ot, pt.r.Document.Paragraphs[row].Texts[to], pt.r.Dictionary)
	}
	if merged {
		root := pt.merges[row*len(pt.toks)+to].shared
		root.mu.Lock()
		if sw = root.words[key]; sw == nil {
			root.mu.Unlock()
			sw = build()
			root.mu.Lock()
			if root.words == nil {
				root.words = map[[2]int]*stageWords{}
			}
			if had := root.words[key]; had != nil {
				sw = had
			} else {
				root.words[key] = sw
			}
		}
		root.mu.Unlock()
	} else {
		sw = build()
	}
	if pt.inserted == nil {
		pt.inserted = map[[2]int]*stageWords{}
	}
	pt.inserted[key] = sw
	return sw
}

// get returns the text of variant to as judged from variant from.
func (pt *pairTexts) get(from, to int) (*outcomeText, error) {
	if from == 0 && to == pt.r.Outcome {
		if err := pt.outcome.index(pt.mt); err != nil {
			return nil, err
		}
		return pt.outcome, nil
	}
	key := [2]int{from, to}
	if ot, ok := pt.cache[key]; ok {
		return ot, nil
	}
	nv := len(pt.toks)
	var ot *outcomeText
	var err error
	if m, ok := pt.merges[pt.p*nv+to]; ok {
		root := pt.p
		if m.into >= 0 {
			root = m.into
		}
		ot, err = pt.merged(root, from, to)
	} else {
		ot, err = pt.compare(pt.toks[from], pt.toks[to], pt.r.Document.Paragraphs[pt.p].Texts[to])
	}
	if err != nil {
		return nil, err
	}
	if pt.cache == nil {
		pt.cache = map[[2]int]*outcomeText{}
	}
	pt.cache[key] = ot
	return ot, nil
}

// compare diffs later (of text) from earlier and indexes its insertions.
func (pt *pairTexts) compare(earlier, later []Token, text string) (*outcomeText, error) {
	if strings.TrimSpace(text) == "" {
		return &outcomeText{absent: true}, nil
	}
	spans, err := diff(earlier, later, pt.mt)
	if err != nil {
		return nil, err
	}
	ot := &outcomeText{toks: later, spans: spans, hits: Hits(pt.r.Dictionary, earlier, later, spans)}
	if err := ot.index(pt.mt); err != nil {
		return nil, err
	}
	return ot, nil
}

// merged returns the merged text of variant to on row root, judged from
// the texts of variant from of every row of the merge, joined: computed
// once for all the merge's rows.
func (pt *pairTexts) merged(root, from, to int) (*outcomeText, error) {
	nv := len(pt.toks)
	m := pt.merges[root*nv+to]
	m.shared.mu.Lock()
	defer m.shared.mu.Unlock()
	key := [2]int{from, to}
	if ot, ok := m.shared.pairs[key]; ok {
		return ot, nil
	}
	doc := pt.r.Document
	earlier := make([]string, len(m.rows))
	for k, i := range m.rows {
		earlier[k] = doc.Paragraphs[i].Texts[from]
	}
	et, err := pt.tokenize(strings.Join(earlier, "\n\n"))
	if err != nil {
		return nil, err
	}
	text := doc.Paragraphs[root].Texts[to]
	lt, err := pt.tokenize(text)
	if err != nil {
		return nil, err
	}
	ot, err := pt.compare(et, lt, text)
	if err != nil {
		return nil, err
	}
	m.shared.pairs[key] = ot
	return ot, nil
}

// mergeShared is what the rows of one merge share: the texts judged
// against its merged text, per pair of variants.
type mergeShared struct {
	mu    sync.Mutex
	pairs map[[2]int]*outcomeText
	words map[[2]int]*stageWords
}

// paragraphFates judges every insertion every proposal made in paragraph p
// against every later stage, at the same place (the rules that look
// elsewhere come once every paragraph is done: see follow). toks holds the
// tokens of every variant's text.
func paragraphFates(r *Result, p int, toks [][]Token, pairs *pairTexts, mt *meter) ([]Fate, error) {
	var fates []Fate
	last := len(r.Stages) - 1
	para := &r.Document.Paragraphs[p]
	for si, st := range r.Stages[:last] {
		for _, v := range st.Proposals {
			c := r.Comparison(p, v)
			var text *proposalText
			for i, s := range c.Spans {
				if s.Added == 0 {
					continue
				}
				if text == nil {
					text = newProposalText(toks[v], para.Texts[v], c.Hits, r.Dictionary)
				}
				n := len(r.Stages)
				f := Fate{Paragraph: p, Proposal: v, Stage: si, Span: i, Words: s.Added,
					Verdicts: make([]Verdict, n), Adopted: make([]int, n), Evidence: make([]Evidence, n),
					in: newProposed(text, s, r.Dictionary)}
				for sj := si + 1; sj <= last; sj++ {
					if err := samePlace(r, &f, sj, pairs, mt); err != nil {
						return nil, err
					}
				}
				fates = append(fates, f)
			}
		}
	}
	return fates, nil
}

// samePlace gives f its verdict against stage sj by the words sj inserted
// in the paragraph's counterpart: all of them in order (adopted), its
// content words in other forms (reworded), some content words (partly),
// or none.
func samePlace(r *Result, f *Fate, sj int, pairs *pairTexts, mt *meter) error {
	from, to := r.Stages[f.Stage].Variant, r.Stages[sj].Variant
	ot, err := pairs.get(from, to)
	if err != nil {
		return err
	}
	switch {
	case ot.absent && r.Stages[sj].Partial:
		f.Verdicts[sj], f.Evidence[sj] = VerdictOutOfScope, Evidence{Rule: RuleOutOfScope, Paragraph: -1}
		return nil
	case ot.absent:
		f.Verdicts[sj], f.Evidence[sj] = VerdictNotAdopted, Evidence{Rule: RuleNoText, Paragraph: -1, Unmatched: f.in.words}
		return nil
	}
	v, n := judge(f.in.words, ot.ix, mt)
	if err := mt.stopped(); err != nil {
		return err
	}
	sw := pairs.words(from, to)
	ev := Evidence{Rule: RuleNoMatch, Paragraph: -1, Unmatched: f.in.words}
	if v == VerdictAdopted || v == VerdictPartly {
		ev = greedyMatchOf(f.in, sw).evidence(f.in, RuleSamePlace, false)
	}
	if v != VerdictAdopted && f.in.content > 0 {
		// Where its content words occur, aligned: the verdict of the best
		// alignment, which says more than scattered common words.
		ix := sw.index(mt)
		var best *match
		bestVerdict := VerdictNotAdopted
		for _, c := range ix.candidates(f.in, -1, 1, mt) {
			m := localAlign(f.in, sw, c.lo, c.hi, mt)
			if av := m.verdict(f.in, 1); best == nil || rank(av) > rank(bestVerdict) || rank(av) == rank(bestVerdict) && m != nil && m.weight > best.weight {
				best, bestVerdict = m, av
			}
		}
		if err := mt.stopped(); err != nil {
			return err
		}
		if best != nil {
			v, n = bestVerdict, best.exact
			ev = best.evidence(f.in, RuleSamePlace, false)
			if v == VerdictReworded {
				ev.Rule = RuleReworded
			}
			if v == VerdictNotAdopted {
				n, ev = 0, Evidence{Rule: RuleNoMatch, Paragraph: -1, Unmatched: f.in.words}
			}
		}
	}
	if v == VerdictNotAdopted && functionOnly(f.in, ot.ix) {
		ev.Rule = RuleFunctionWords
	}
	f.Verdicts[sj], f.Adopted[sj], f.Evidence[sj] = v, n, ev
	return nil
}

// themeUptake counts, for paragraph p, the theme hits each proposal added
// and those of the same theme the outcome added too, judged from the text
// the proposal proposed against. Where the outcome has no text they are
// pending, or proposed and not adopted when the outcome is complete.
func themeUptake(r *Result, p int, pairs *pairTexts) ([]ThemeUptake, error) {
	var themes []ThemeUptake
	for _, v := range r.Proposals() {
		c := r.Comparison(p, v)
		proposed := map[string]int{}
		for _, h := range c.Hits {
			if h.Change == ChangeAdded {
				proposed[h.Theme]++
			}
		}
		if len(proposed) == 0 {
			continue
		}
		out, err := pairs.get(r.Against(v), r.Outcome)
		if err != nil {
			return nil, err
		}
		pending := out.absent && !r.OutcomeComplete
		for _, name := range r.Dictionary.Names() {
			n := proposed[name]
			if n == 0 {
				continue
			}
			t := ThemeUptake{Proposal: v, Theme: name}
			if pending {
				t.Pending = n
			} else {
				t.Proposed = n
				t.Adopted = min(n, out.themes[name])
			}
			themes = append(themes, t)
		}
	}
	return themes, nil
}

// firstStage returns paragraph p's share of the figures of a chain of one
// stage.
func firstStage(r *Result, p int, toks [][]Token) []StageFigures {
	figs := make([]StageFigures, len(r.Stages))
	stageText(r, p, 0, toks, &figs[0])
	return figs
}

// stageText adds paragraph p's text of stage si to fig: it reports whether
// the stage has text for it (a row merged into another has none of its
// own).
func stageText(r *Result, p, si int, toks [][]Token, fig *StageFigures) bool {
	v := r.Stages[si].Variant
	para := &r.Document.Paragraphs[p]
	if strings.TrimSpace(para.Texts[v]) == "" || v > 0 && r.Comparison(p, v).Status == StatusMerged {
		return false
	}
	fig.Words += CountWords(toks[v])
	fig.Brackets += len(BracketedRanges(para.Texts[v]))
	fig.BracketedWords += bracketedWords(para.Texts[v], toks[v])
	if para.IsAgreed(v) {
		fig.Agreed++
	}
	return true
}

// countParagraphs sets each stage's Paragraphs: the stage's own
// paragraphs its lineage rows name, so that a paragraph split in two counts
// two and a merge of two counts one.
func countParagraphs(r *Result) {
	seen := make([]map[string]bool, len(r.Stages))
	for _, l := range r.Lineage {
		if l.StageParagraph == "" {
			continue
		}
		if seen[l.Stage] == nil {
			seen[l.Stage] = map[string]bool{}
		}
		seen[l.Stage][l.StageParagraph] = true
	}
	for i := range r.StageFigures {
		r.StageFigures[i].Paragraphs = len(seen[i])
	}
}

// paragraphStages returns paragraph p's share of each stage's figures,
// each stage judged from the one before.
func paragraphStages(r *Result, p int, toks [][]Token, pairs *pairTexts) ([]StageFigures, error) {
	figs := make([]StageFigures, len(r.Stages))
	para := &r.Document.Paragraphs[p]
	stageText(r, p, 0, toks, &figs[0])
	for si := 1; si < len(r.Stages); si++ {
		fig := &figs[si]
		// The text before is the latest stage's that has one: an excerpt
		// that lacks the paragraph does not make it new again.
		prev, v := earlierText(r, p, si), r.Stages[si].Variant
		had := prev >= 0
		merged := r.Comparison(p, v).Status == StatusMerged
		has := stageText(r, p, si, toks, fig)
		switch {
		case had && merged:
			fig.SharedWords += CountWords(toks[prev]) // its words are judged on the merge's first row
		case had && has:
			before, bt, err := textBefore(r, p, si, prev, toks, pairs)
			if err != nil {
				return nil, err
			}
			fig.SharedWords += CountWords(bt)
			var ot *outcomeText
			if before == para.Texts[prev] {
				ot, err = pairs.get(prev, v)
			} else {
				ot, err = pairs.compare(bt, toks[v], para.Texts[v])
			}
			if err != nil {
				return nil, err
			}
			for _, s := range ot.spans {
				fig.Added += s.Added
				fig.Deleted += s.Deleted
			}
			kept, deleted, added := bracketChange(before, bt, para.Texts[v], toks[v])
			fig.ResolvedKept += kept
			fig.ResolvedDeleted += deleted
			fig.BracketsAdded += added
		case has:
			fig.NewParagraphs++
			fig.NewWords += CountWords(toks[v])
			fig.BracketsAdded += len(BracketedRanges(para.Texts[v]))
		case had && r.Stages[si].Partial:
			fig.OutOfScope++
		case had:
			fig.DroppedParagraphs++
			fig.ResolvedDeleted += len(BracketedRanges(para.Texts[prev]))
		}
	}
	return figs, nil
}

// textBefore returns the text of paragraph p that stage si is judged
// from, and its tokens: the text of the latest stage before it that has
// one (prev), but for what an excerpt quotes of a paragraph an earlier
// stage split in parts (parts joined by a blank line, see AddVersion).
// An excerpt (a partial stage) is judged from the parts it quotes alone:
// the others are out of scope, not deleted. A stage after an excerpt is
// judged from the excerpt's text with the parts it did not quote, as the
// last whole stage had them: they were not added again.
func textBefore(r *Result, p, si, prev int, toks [][]Token, pairs *pairTexts) (string, []Token, error) {
	para := &r.Document.Paragraphs[p]
	text, now := para.Texts[prev], para.Texts[r.Stages[si].Variant]
	prevPartial := false
	whole := ""
	for k := si - 1; k >= 0; k-- {
		st := r.Stages[k]
		if st.Variant == prev {
			prevPartial = st.Partial
		}
		if !st.Partial && strings.TrimSpace(para.Texts[st.Variant]) != "" {
			whole = para.Texts[st.Variant]
			break
		}
	}
	var before string
	switch {
	case r.Stages[si].Partial && strings.Contains(text, "\n\n"):
		before = quoted(text, now, true)
	case prevPartial && whole != "" && whole != text && strings.Contains(whole, "\n\n"):
		before = quoted(whole, text, false)
	default:
		return text, toks[prev], nil
	}
	if before == text {
		return text, toks[prev], nil
	}
	bt, err := pairs.tokenize(before)
	return before, bt, err
}

// quoted returns the parts of whole (joined by blank lines) that excerpt
// quotes, at least half their words found in it: alone when alone is set,
// else with excerpt in place of the first of them and the others kept.
// When excerpt quotes none, it returns whole.
func quoted(whole, excerpt string, alone bool) string {
	words := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(excerpt)) {
		words[w] = true
	}
	parts := strings.Split(whole, "\n\n")
	var out []string
	placed := false
	for _, part := range parts {
		fields := strings.Fields(strings.ToLower(part))
		found := 0
		for _, w := range fields {
			if words[w] {
				found++
			}
		}
		switch in := len(fields) > 0 && 2*found >= len(fields); {
		case in && alone:
			out = append(out, part)
		case in && !placed:
			out = append(out, excerpt)
			placed = true
		case !in && !alone:
			out = append(out, part)
		}
	}
	if len(out) == 0 || !alone && !placed {
		return whole
	}
	return strings.Join(out, "\n\n")
}

// bracketChange compares the bracketed passages of an earlier and a later
// text of a paragraph: those of the earlier whose words the later has
// unbracketed (kept) or not at all (deleted), and those of the later the
// earlier did not have bracketed (added). A passage still bracketed is
// none of these: it is still open.
func bracketChange(earlier string, et []Token, later string, lt []Token) (kept, deleted, added int) {
	before := passages(earlier, et)
	after := passages(later, lt)
	open := map[string]int{}
	for _, a := range after {
		open[a]++
	}
	var plain []string
	in := BracketedRanges(later)
	r := 0
	for _, t := range lt {
		for r < len(in) && in[r].End <= t.Start {
			r++
		}
		if t.Word && (r == len(in) || t.Start < in[r].Start) {
			plain = append(plain, t.Norm)
		}
	}
	unbracketed := " " + strings.Join(plain, " ") + " "
	for _, b := range before {
		switch {
		case open[b] > 0:
			open[b]--
		case b != "" && strings.Contains(unbracketed, " "+b+" "):
			kept++
		default:
			deleted++
		}
	}
	for _, n := range open {
		added += n
	}
	return kept, deleted, added
}

// passages returns the words of each bracketed passage of text, toks its
// tokens, each joined by spaces.
func passages(text string, toks []Token) []string {
	ranges := BracketedRanges(text)
	out := make([]string, len(ranges))
	for i, rg := range ranges {
		var ws []string
		for _, t := range toks {
			if t.Word && t.Start >= rg.Start && t.End <= rg.End {
				ws = append(ws, t.Norm)
			}
		}
		out[i] = strings.Join(ws, " ")
	}
	return out
}

// sumStages adds up the paragraphs' shares of each stage's figures.
func sumStages(r *Result, work []paragraphWork) []StageFigures {
	figs := make([]StageFigures, len(r.Stages))
	for i := range figs {
		figs[i].Stage = i
	}
	for _, w := range work {
		for i, f := range w.stages {
			s := &figs[i]
			s.Words += f.Words
			s.Brackets += f.Brackets
			s.BracketedWords += f.BracketedWords
			s.Agreed += f.Agreed
			s.SharedWords += f.SharedWords
			s.Added += f.Added
			s.Deleted += f.Deleted
			s.NewParagraphs += f.NewParagraphs
			s.NewWords += f.NewWords
			s.DroppedParagraphs += f.DroppedParagraphs
			s.OutOfScope += f.OutOfScope
			s.ResolvedKept += f.ResolvedKept
			s.ResolvedDeleted += f.ResolvedDeleted
			s.BracketsAdded += f.BracketsAdded
		}
	}
	return figs
}

// earlierText returns the latest stage before si that has text for
// paragraph p, as its variant index, or -1.
func earlierText(r *Result, p, si int) int {
	para := &r.Document.Paragraphs[p]
	for k := si - 1; k >= 0; k-- {
		if v := r.Stages[k].Variant; strings.TrimSpace(para.Texts[v]) != "" || v > 0 && r.Comparison(p, v).Status == StatusMerged {
			return v
		}
	}
	return -1
}

// lineage returns what each stage made of each paragraph: the first stage
// holds every paragraph it has; a stage given as a version of its own, the
// rows of its alignment; a stage read as a column of a table, its rows.
func lineage(r *Result) []LineageRow {
	doc := r.Document
	at := make(map[string]int, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		at[p.ID] = i
	}
	var rows []LineageRow
	for si, st := range r.Stages {
		start := len(rows)
		al := doc.Alignment(st.Variant)
		switch {
		case si == 0:
			for p := range doc.Paragraphs {
				if strings.TrimSpace(doc.Paragraphs[p].Texts[0]) != "" {
					rows = append(rows, LineageRow{Paragraph: p, Stage: 0, StageParagraph: doc.Paragraphs[p].ID, Relation: "same", Similarity: 1})
				}
			}
		case al != nil:
			for _, l := range al.Links {
				p, ok := at[l.Paragraph]
				if !ok {
					continue
				}
				row := LineageRow{Paragraph: p, Stage: si, StageParagraph: l.VariantParagraph, Relation: string(l.Relation), Similarity: l.Similarity}
				switch {
				case l.Relation == "deleted" && st.Partial:
					row.Relation = RelationOutOfScope
				case l.Relation != "deleted" && earlierText(r, p, si) < 0:
					row.Relation = "new"
				}
				rows = append(rows, row)
			}
		default:
			rows = append(rows, columnLineage(r, si, at)...)
		}
		part := rows[start:]
		sort := func(a, b LineageRow) int { return a.Paragraph - b.Paragraph }
		slices.SortStableFunc(part, sort)
	}
	return rows
}

// columnLineage returns the lineage rows of stage si, a column of a table:
// its rows are the document's, so a paragraph is the same, edited, new,
// deleted, merged by tracked changes, or out of scope where a partial
// stage's cell is empty.
func columnLineage(r *Result, si int, at map[string]int) []LineageRow {
	doc := r.Document
	v := r.Stages[si].Variant
	joined := map[int]string{}
	for _, j := range doc.Joins {
		if j.Variant == v {
			for _, id := range j.Paragraphs {
				joined[at[id]] = j.Paragraphs[0]
			}
		}
	}
	var rows []LineageRow
	for p := range doc.Paragraphs {
		para := &doc.Paragraphs[p]
		prev := earlierText(r, p, si)
		has := strings.TrimSpace(para.Texts[v]) != ""
		row := LineageRow{Paragraph: p, Stage: si, StageParagraph: para.ID}
		c := r.Comparison(p, v)
		switch first, ok := joined[p]; {
		case ok:
			row.Relation, row.StageParagraph = "merged", first
		case has && prev < 0:
			row.Relation = "new"
		case has:
			row.Relation, row.Similarity = "edited", 1-min(1, c.ChangeRatio)
			if prev == 0 && c.Status == StatusUnchanged || prev > 0 && parse.NormalisedEqual(para.Texts[prev], para.Texts[v]) {
				row.Relation, row.Similarity = "same", 1
			}
		case prev < 0:
			continue
		case r.Stages[si].Partial:
			row.Relation, row.StageParagraph = RelationOutOfScope, ""
		default:
			row.Relation, row.StageParagraph = "deleted", ""
		}
		rows = append(rows, row)
	}
	return rows
}
