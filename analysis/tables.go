package analysis

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Tables lists the names of the tables a Result can be exported as, in the
// order they are documented.
var Tables = []string{"paragraphs", "sections", "themes", "uptake", "changes", "hits", "unthemed", "verdicts", "alignment",
	"stages", "lineage", "fates", "actors", "provenance", "judgements", "search", "compare"}

// Filter narrows the rows of a table. Empty fields do not filter. Variant
// names a variant (for uptake, the proposal); Section includes its
// subsections.
type Filter struct {
	Variant   string
	Theme     string
	Section   string
	Paragraph string
	// Stage is the stage the uptake and verdicts tables judge proposals
	// against (see Result.ParseStage): the last stage when empty.
	Stage string
	// Query is what the search table finds (see Result.Search); the
	// table is empty without one.
	Query string
	// Against names the text (a variant's, or the base's) the compare
	// table compares Variant's texts with (see Result.ComparePair); the
	// table is empty without both.
	Against string
}

// table is how one table is written: its columns after the fixed ones, and
// its rows.
type table struct {
	header func(r *Result) []string
	rows   func(t *tableRun) error
}

var tableDefs = map[string]table{
	"paragraphs": {
		header: func(r *Result) []string {
			return withThemes(r, []string{"document", "section", "paragraph", "order", "variant", "status", "base_words", "variant_words", "added_words", "deleted_words", "change_ratio", "spans", "bracketed_words", "hidden_chars"})
		},
		rows: paragraphRows,
	},
	"sections": {
		header: func(r *Result) []string {
			return withThemes(r, []string{"document", "section", "order", "level", "parent", "title", "variant", "paragraphs", "present", "amended", "new", "base_words", "added_words", "deleted_words", "change_ratio", "new_words"})
		},
		rows: sectionRows,
	},
	"themes": {
		header: fixed("document", "variant", "theme", "added", "removed", "paragraphs", "theme_label"),
		rows:   themeRows,
	},
	"uptake": {
		header: fixed("document", "proposal", "outcome", "theme", "proposed", "adopted", "partly_adopted", "not_adopted", "pending", "out_of_scope", "reworded", "theme_label", "words_proposed", "words_adopted", "share"),
		rows:   uptakeRows,
	},
	"changes": {
		header: fixed("document", "section", "paragraph", "order", "variant", "change_id", "kind", "base_text", "variant_text", "added_words", "deleted_words", "themes"),
		rows:   changeRows,
	},
	"hits": {
		header: fixed("document", "section", "paragraph", "variant", "change_id", "theme", "term", "matched", "change", "theme_label"),
		rows:   hitRows,
	},
	"unthemed": {
		header: fixed("document", "variant", "phrase", "count"),
		rows:   unthemedRows,
	},
	"verdicts": {
		header: fixed("document", "section", "paragraph", "proposal", "outcome", "change_id", "kind", "proposed_text", "words", "adopted_words", "verdict", "stage",
			"final_paragraph", "final_start_word", "final_end_word", "final_text", "unmatched", "moved", "score", "weakened", "rule"),
		rows: verdictRows,
	},
	"alignment": {
		header: fixed("document", "variant", "paragraph", "variant_paragraph", "relation", "similarity"),
		rows:   alignmentRows,
	},
	// The tables of a negotiation's chain of stages (see tables_chain.go).
	// Each works on every document: a table read today is the chain of its
	// base and its outcome.
	"stages": {
		header: fixed("document", "stage", "order", "name", "date", "partial", "paragraphs", "words", "brackets", "bracketed_words", "agreed_paragraphs",
			"shared_words", "added_words", "deleted_words", "change_ratio", "new_paragraphs", "new_words", "dropped_paragraphs", "out_of_scope",
			"brackets_resolved_kept", "brackets_resolved_deleted", "brackets_added"),
		rows: stageRows,
	},
	"lineage": {
		header: fixed("document", "section", "paragraph", "stage", "order", "stage_paragraph", "relation", "similarity"),
		rows:   lineageRows,
	},
	"fates": {
		header: fixed("document", "section", "paragraph", "change_id", "actor", "proposal", "stage", "proposed_text", "words", "next_stage", "next_verdict",
			"final_verdict", "first_adopted_stage", "last_stage_present", "final_paragraph", "moved", "score", "weakened", "rule"),
		rows: fateRows,
	},
	// Where every word of every stage after the first came from (see
	// provenance.go).
	"provenance": {
		header: fixed("document", "stage", "section", "paragraph", "stage_paragraph", "start_word", "end_word", "words", "source_stage", "source_actor", "change_id", "credit"),
		rows:   provenanceRows,
	},
	// The verdicts people gave (see judgements.go): a gold file for
	// amendlens evaluate.
	"judgements": {
		header: fixed("document", "change_id", "judged_at", "section", "paragraph", "proposal", "proposed_text", "original_verdict", "verdict", "current_verdict", "who", "judged"),
		rows:   judgementRows,
	},
	// Where a word or phrase occurs in every text (see search.go): the
	// rows of the query ?q= (Filter.Query), none without one.
	"search": {
		header: fixed("document", "section", "paragraph", "variant", "query", "matched", "left", "right", "start_byte", "end_byte"),
		rows:   searchRows,
	},
	// Any two texts compared paragraph by paragraph (see pair.go): the
	// rows of ?variant=&against= (Filter.Variant, Filter.Against), none
	// without both.
	"compare": {
		header: func(r *Result) []string {
			return withThemes(r, []string{"document", "section", "paragraph", "order", "variant", "against", "status", "against_words", "variant_words", "added_words", "deleted_words", "change_ratio"})
		},
		rows: compareRows,
	},
	"actors": {
		header: fixed("document", "actor", "theme", "proposals", "adopted_next", "in_final", "words_proposed", "words_in_final", "theme_label"),
		rows:   actorRows,
	},
}

// numberColumns are the columns, besides added_<theme>, whose cells are
// numbers: JSON writes them as numbers, and an empty cell as null.
var numberColumns = map[string]bool{
	"order": true, "level": true, "base_words": true, "variant_words": true, "added_words": true,
	"deleted_words": true, "change_ratio": true, "spans": true, "paragraphs": true, "present": true,
	"amended": true, "new": true, "added": true, "removed": true, "proposed": true, "adopted": true,
	"partly_adopted": true, "not_adopted": true, "pending": true, "count": true, "words": true,
	"adopted_words": true, "hidden_chars": true, "bracketed_words": true, "similarity": true,
	"brackets": true, "agreed_paragraphs": true, "shared_words": true, "new_paragraphs": true, "new_words": true,
	"dropped_paragraphs": true, "out_of_scope": true, "brackets_resolved_kept": true, "brackets_resolved_deleted": true,
	"brackets_added": true, "adopted_next": true, "in_final": true, "words_proposed": true, "words_in_final": true, "proposals": true, "reworded": true,
	"final_start_word": true, "final_end_word": true, "score": true, "against_words": true, "words_adopted": true, "share": true,
	"start_word": true, "end_word": true, "credit": true, "start_byte": true, "end_byte": true,
}

// NumberColumn reports whether the cells of column name are numbers (or
// empty, for a figure that does not exist, such as the change ratio of an
// absent text).
func NumberColumn(name string) bool {
	return numberColumns[name] || strings.HasPrefix(name, "added_")
}

func fixed(cols ...string) func(*Result) []string {
	return func(*Result) []string { return cols }
}

func withThemes(r *Result, cols []string) []string {
	out := append([]string(nil), cols...)
	for _, name := range r.Dictionary.Names() {
		out = append(out, "added_"+name)
	}
	return out
}

// TableHeader returns the column names of table for r.
func TableHeader(r *Result, name string) ([]string, error) {
	t, ok := tableDefs[name]
	if !ok {
		return nil, fmt.Errorf("table %q: %w (tables: %s)", name, ErrNotFound, strings.Join(Tables, ", "))
	}
	return t.header(r), nil
}

// TableRows calls emit with each row of table, in document order, that f
// lets through. A row is only valid during the call. It stops at the first
// error emit returns.
func TableRows(r *Result, name string, f Filter, emit func(row []string) error) error {
	return TableRowsFrom(r, name, f, 0, emit)
}

// TableRowsFrom is TableRows without the first skip rows, which the
// paragraphs table, the longest, does not even figure: a page of rows
// far into the table costs about what the first page does.
func TableRowsFrom(r *Result, name string, f Filter, skip int, emit func(row []string) error) error {
	t, ok := tableDefs[name]
	if !ok {
		return fmt.Errorf("table %q: %w (tables: %s)", name, ErrNotFound, strings.Join(Tables, ", "))
	}
	return t.rows(&tableRun{r: r, f: f, emit: emit, skip: skip, sections: sectionIndex(r.Document)})
}

// WriteTableCSV writes table as RFC 4180 CSV with a header row. Text cells
// that a spreadsheet would read as a formula are neutralised; numbers are
// written as they are.
func WriteTableCSV(w io.Writer, r *Result, name string, f Filter) error {
	header, err := TableHeader(r, name)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	safe := make([]string, len(header))
	err = TableRows(r, name, f, func(row []string) error {
		for i, cell := range row {
			safe[i] = neutraliseCell(cell)
		}
		return cw.Write(safe[:len(row)])
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// neutraliseCell returns cell so that a spreadsheet shows it as text: a cell
// starting with = + - @, a tab or a carriage return gets a leading
// apostrophe, unless it is a number.
func neutraliseCell(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(cell, 64); err == nil {
			return cell
		}
		return "'" + cell
	}
	return cell
}

// tableRun carries one table export: the result, the filter and where rows
// go.
type tableRun struct {
	r        *Result
	f        Filter
	emit     func([]string) error
	sections map[string]int // section ID -> index in Document.Sections
	row      []string
	skip     int // rows still to leave out
}

// start begins a new row with the document's name.
func (t *tableRun) start() {
	t.row = append(t.row[:0], t.r.Document.Name)
}

func (t *tableRun) add(cells ...string) { t.row = append(t.row, cells...) }

func (t *tableRun) addInt(ns ...int) {
	for _, n := range ns {
		t.row = append(t.row, strconv.Itoa(n))
	}
}

func (t *tableRun) send() error {
	if t.skip > 0 {
		t.skip--
		return nil
	}
	return t.emit(t.row)
}

// variant reports whether variant v passes the filter.
func (t *tableRun) variant(v int) bool {
	return t.f.Variant == "" || strings.EqualFold(strings.TrimSpace(t.f.Variant), t.r.Document.Variants[v])
}

// theme reports whether theme passes the filter.
func (t *tableRun) theme(name string) bool {
	return t.f.Theme == "" || t.f.Theme == name
}

// inSection reports whether section id is the filter's section or one of its
// subsections.
func (t *tableRun) inSection(id string) bool {
	if t.f.Section == "" || t.f.Section == id {
		return true
	}
	i, ok := t.sections[id]
	return ok && t.r.Document.Sections[i].Parent == t.f.Section
}

// paragraph reports whether paragraph p passes the section and paragraph
// filters.
func (t *tableRun) paragraph(p int) bool {
	para := &t.r.Document.Paragraphs[p]
	return (t.f.Paragraph == "" || t.f.Paragraph == para.ID) && t.inSection(para.Section)
}

// comparisons calls fn for every comparison that passes the filters other
// than the theme, in document order.
func (t *tableRun) comparisons(fn func(c *Comparison) error) error {
	nv := len(t.r.Document.Variants)
	for p := range t.r.Document.Paragraphs {
		if !t.paragraph(p) {
			continue
		}
		for v := 1; v < nv; v++ {
			if !t.variant(v) {
				continue
			}
			if err := fn(t.r.Comparison(p, v)); err != nil {
				return err
			}
		}
	}
	return nil
}

// ratio formats a change ratio; it is finite by construction, and a
// non-finite value would break every reader of the file, so it is written 0.
func ratio(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		x = 0
	}
	return strconv.FormatFloat(x, 'f', 4, 64)
}

func paragraphRows(t *tableRun) error {
	if t.r.Document.BaseOnly() {
		return baseParagraphRows(t)
	}
	names := t.r.Dictionary.Names()
	return t.comparisons(func(c *Comparison) error {
		if t.skip > 0 && t.f.Theme == "" {
			t.skip-- // a row the filter lets through, left out unfigured
			return nil
		}
		m := paragraphMetrics(c)
		if t.f.Theme != "" && m.ThemeAdded[t.f.Theme] == 0 {
			return nil
		}
		para := &t.r.Document.Paragraphs[c.Paragraph]
		t.start()
		t.add(para.Section, para.ID)
		t.addInt(c.Paragraph + 1)
		t.add(t.r.Document.Variants[c.Variant], string(c.Status))
		t.addInt(c.BaseWords, c.VariantWords, c.Added, c.Deleted)
		if c.Status == StatusAbsent {
			// No text is not "no change": the ratio does not exist.
			t.add("")
		} else {
			t.add(ratio(c.ChangeRatio))
		}
		t.addInt(len(c.Spans), c.Bracketed, para.HiddenChars(c.Variant))
		for _, name := range names {
			t.addInt(m.ThemeAdded[name])
		}
		return t.send()
	})
}

func sectionRows(t *tableRun) error {
	if t.r.Document.BaseOnly() {
		return baseSectionRows(t)
	}
	names := t.r.Dictionary.Names()
	for _, s := range t.r.Sections {
		if !t.variant(s.Variant) || !t.inSection(s.Section) || t.f.Paragraph != "" {
			continue
		}
		if t.f.Theme != "" && s.ThemeAdded[t.f.Theme] == 0 {
			continue
		}
		i := t.sections[s.Section]
		sec := &t.r.Document.Sections[i]
		t.start()
		t.add(s.Section)
		t.addInt(i+1, t.r.Document.SectionLevel(i))
		t.add(sec.Parent, sec.Title, t.r.Document.Variants[s.Variant])
		t.addInt(s.Paragraphs, s.Present(), s.Amended, s.New, s.BaseWords, s.Added, s.Deleted)
		if s.Present() == 0 {
			// The variant has no text in the section: no ratio.
			t.add("")
		} else {
			t.add(ratio(s.ChangeRatio))
		}
		t.addInt(s.NewWords)
		for _, name := range names {
			t.addInt(s.ThemeAdded[name])
		}
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}

func themeRows(t *tableRun) error {
	nv := len(t.r.Document.Variants)
	sums := make([]Metrics, nv)
	for v := 1; v < nv; v++ {
		sums[v] = newMetrics()
	}
	if err := t.comparisons(func(c *Comparison) error {
		sums[c.Variant].add(c)
		return nil
	}); err != nil {
		return err
	}
	for v := 1; v < nv; v++ {
		if !t.variant(v) {
			continue
		}
		for _, name := range t.r.Dictionary.Names() {
			if !t.theme(name) {
				continue
			}
			t.start()
			t.add(t.r.Document.Variants[v], name)
			t.addInt(sums[v].ThemeAdded[name], sums[v].ThemeRemoved[name], sums[v].ThemeParas[name])
			t.add(t.r.Dictionary.Label(name))
			if err := t.send(); err != nil {
				return err
			}
		}
	}
	return nil
}

func uptakeRows(t *tableRun) error {
	if t.r.Outcome == 0 {
		return nil
	}
	at, err := t.r.ParseStage(t.f.Stage)
	if err != nil {
		return err
	}
	for _, u := range t.r.UptakeCounts(t.r.UptakeAt(at)) {
		if !t.variant(u.Proposal) || !t.theme(u.Theme) {
			continue
		}
		t.start()
		t.add(t.r.Document.Variants[u.Proposal], t.r.judge(at, u.Proposal), u.Theme)
		t.addInt(u.Proposed(), u.Adopted, u.Partly, u.NotAdopted, u.Pending, u.OutOfScope, u.Reworded)
		t.add(t.r.Dictionary.Label(u.Theme))
		t.addInt(u.Words, u.WordsAdopted)
		if share, ok := u.Share(); ok {
			t.add(ratio(share))
		} else {
			t.add("")
		}
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}

func changeRows(t *tableRun) error {
	order := t.r.Dictionary.Names()
	return t.comparisons(func(c *Comparison) error {
		para := &t.r.Document.Paragraphs[c.Paragraph]
		for i, s := range c.Spans {
			themes := spanThemes(c, s, order)
			if t.f.Theme != "" && !contains(themes, t.f.Theme) {
				continue
			}
			t.start()
			t.add(para.Section, para.ID)
			t.addInt(c.Paragraph + 1)
			t.add(t.r.Document.Variants[c.Variant], ChangeID(c.Paragraph, c.Variant, i), string(s.Kind),
				slice(para.Texts[t.r.Against(c.Variant)], s.BaseBytes), slice(para.Texts[c.Variant], s.VarBytes))
			t.addInt(s.Added, s.Deleted)
			t.add(strings.Join(themes, ";"))
			if err := t.send(); err != nil {
				return err
			}
		}
		return nil
	})
}

// ChangeID names change span i of variant v of paragraph p (an index into
// Document.Paragraphs): "p12v1s3" is the third span of variant 1 in the
// twelfth paragraph. It joins the changes, verdicts and hits tables, and
// stays the same for as long as the analysis does. The letters keep
// spreadsheets from reading it as a date.
func ChangeID(p, v, i int) string {
	return "p" + strconv.Itoa(p+1) + "v" + strconv.Itoa(v) + "s" + strconv.Itoa(i+1)
}

// hitSpan returns the index of the span of c that holds hit h (an added hit
// in its inserted words, a removed hit in its deleted words), or -1.
func hitSpan(c *Comparison, h Hit) int {
	for i, s := range c.Spans {
		r := s.VarTok
		if h.Change == ChangeRemoved {
			r = s.BaseTok
		}
		if h.Tokens.Start < r.End && r.Start < h.Tokens.End {
			return i
		}
	}
	return -1
}

// spanThemes returns the themes, in the order of names, of the hits of c
// that lie in span s: added hits in its inserted words, removed hits in its
// deleted words.
func spanThemes(c *Comparison, s Span, names []string) []string {
	found := map[string]bool{}
	for _, h := range c.Hits {
		r := s.VarTok
		if h.Change == ChangeRemoved {
			r = s.BaseTok
		}
		if h.Tokens.Start < r.End && r.Start < h.Tokens.End {
			found[h.Theme] = true
		}
	}
	var out []string
	for _, name := range names {
		if found[name] {
			out = append(out, name)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// slice returns text[r.Start:r.End], or "" when r does not fit text.
func slice(text string, r Range) string {
	if r.Start < 0 || r.End > len(text) || r.Start > r.End {
		return ""
	}
	return text[r.Start:r.End]
}

func hitRows(t *tableRun) error {
	return t.comparisons(func(c *Comparison) error {
		para := &t.r.Document.Paragraphs[c.Paragraph]
		for _, h := range c.Hits {
			if !t.theme(h.Theme) {
				continue
			}
			t.start()
			id := ""
			if i := hitSpan(c, h); i >= 0 {
				id = ChangeID(c.Paragraph, c.Variant, i)
			}
			t.add(para.Section, para.ID, t.r.Document.Variants[c.Variant], id, h.Theme, h.Term, h.Matched, string(h.Change), t.r.Dictionary.Label(h.Theme))
			if err := t.send(); err != nil {
				return err
			}
		}
		return nil
	})
}

func unthemedRows(t *tableRun) error {
	for _, u := range t.r.Unthemed {
		if !t.variant(u.Variant) {
			continue
		}
		t.start()
		t.add(t.r.Document.Variants[u.Variant], u.Phrase)
		t.addInt(u.Count)
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}

// verdictRows writes one row per insertion of a proposal: what the outcome
// made of it.
func verdictRows(t *tableRun) error {
	if t.r.Outcome == 0 {
		return nil
	}
	at, err := t.r.ParseStage(t.f.Stage)
	if err != nil {
		return err
	}
	ids := StageParagraphs(t.r)
	for _, u := range t.r.UptakeAt(at) {
		if !t.variant(u.Proposal) || !t.paragraph(u.Paragraph) {
			continue
		}
		para := &t.r.Document.Paragraphs[u.Paragraph]
		s := t.r.Comparison(u.Paragraph, u.Proposal).Spans[u.Span]
		t.start()
		t.add(para.Section, para.ID, t.r.Document.Variants[u.Proposal], t.r.judge(at, u.Proposal), ChangeID(u.Paragraph, u.Proposal, u.Span),
			string(s.Kind), slice(para.Texts[u.Proposal], s.VarBytes))
		t.addInt(u.Words, u.Adopted)
		t.add(string(u.Verdict), t.r.stageName(t.r.ProposalStage(u.Proposal)))
		t.addEvidence(u.Evidence, t.r.JudgedAt(at, u.Proposal), ids)
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}

// addEvidence adds the cells of a verdict's evidence from stage s (ids
// from stageParagraphs): the stage's paragraph holding the words that came
// back, their word positions (the first and the last, 1-based) and text, the
// proposed words that did not, whether they moved, the score, the
// weakening and the rule.
func (t *tableRun) addEvidence(ev Evidence, s int, ids [][]string) {
	where, first, last, text := "", "", "", ""
	if ev.Paragraph >= 0 && s >= 0 && s < len(t.r.Stages) {
		para := &t.r.Document.Paragraphs[ev.Paragraph]
		if where = ids[s][ev.Paragraph]; where == "" {
			where = para.ID
		}
		first, last = strconv.Itoa(ev.Words.Start+1), strconv.Itoa(ev.Words.End)
		text = slice(para.Texts[t.r.Stages[s].Variant], ev.Bytes)
	}
	score := ""
	if ev.Rule != "" && ev.Rule != RuleOutOfScope {
		score = strconv.FormatFloat(ev.Score, 'f', 4, 64)
	}
	t.add(where, first, last, text, joinWords(ev.Unmatched), strconv.FormatBool(ev.Moved), score, ev.Weakened, string(ev.Rule))
}

// judge names what judged the insertions of proposal v with at (from
// ParseStage) in the outcome column of the uptake and verdicts tables: the
// outcome for the last stage, as these tables always had it, else the
// stage's name.
func (r *Result) judge(at, v int) string {
	s := r.JudgedAt(at, v)
	if s == len(r.Stages)-1 || s < 0 || s >= len(r.Stages) {
		return r.Document.Variants[r.Outcome]
	}
	return r.stageName(s)
}

// stageName returns the name of stage i, "" when there is none.
func (r *Result) stageName(i int) string {
	if i < 0 || i >= len(r.Stages) {
		return ""
	}
	return r.Stages[i].Name
}

// FilterError is a filter that names something the analysis does not have.
// Its message is written for readers; it wraps ErrNotFound.
type FilterError struct{ Msg string }

func (e *FilterError) Error() string { return e.Msg }

// Unwrap makes a FilterError an ErrNotFound.
func (e *FilterError) Unwrap() error { return ErrNotFound }

// CheckFilter makes sure every field of f names something in r, so that a
// typo gives an error rather than an empty table.
func CheckFilter(r *Result, f Filter) error {
	d := r.Document
	has := func(n int, match func(i int) bool) bool {
		for i := range n {
			if match(i) {
				return true
			}
		}
		return false
	}
	switch {
	case f.Variant != "" && !has(len(d.Variants), func(v int) bool {
		return v > 0 && strings.EqualFold(strings.TrimSpace(f.Variant), d.Variants[v])
	}):
		return &FilterError{fmt.Sprintf("Document %s has no variant %q.", d.Name, f.Variant)}
	case f.Theme != "" && (r.Dictionary == nil || r.Dictionary.themeIndex(f.Theme) < 0):
		return &FilterError{fmt.Sprintf("The dictionary of %s has no theme %q.", d.Name, f.Theme)}
	case f.Section != "" && !has(len(d.Sections), func(i int) bool { return d.Sections[i].ID == f.Section }):
		return &FilterError{fmt.Sprintf("Document %s has no section %q.", d.Name, f.Section)}
	case f.Paragraph != "" && !has(len(d.Paragraphs), func(i int) bool { return d.Paragraphs[i].ID == f.Paragraph }):
		return &FilterError{fmt.Sprintf("Document %s has no paragraph %q.", d.Name, f.Paragraph)}
	}
	if f.Against != "" {
		a := textIndex(d, f.Against)
		if a < 0 {
			return &FilterError{fmt.Sprintf("Document %s has no text %q to compare with; the texts are %s.", d.Name, f.Against, strings.Join(d.Variants, ", "))}
		}
		if f.Variant != "" && a == textIndex(d, f.Variant) {
			return &FilterError{fmt.Sprintf("%s compared with itself: choose another text to compare it with.", d.Variants[a])}
		}
	}
	if _, err := r.ParseStage(f.Stage); err != nil {
		return err
	}
	return nil
}

// textIndex returns the index in d.Variants of the text named name
// (compared without regard to case or surrounding space), the base's
// included, or -1.
func textIndex(d *Document, name string) int {
	name = strings.TrimSpace(name)
	for v, n := range d.Variants {
		if strings.EqualFold(n, name) {
			return v
		}
	}
	return -1
}
