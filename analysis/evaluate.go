package analysis

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// GoldRow is a verdict a person gave an insertion: the insertion named by
// its change ID or by its actor, paragraph and proposed text, the stage
// that judged it, and what the person judged.
type GoldRow struct {
	Line     int // 1-based line of the gold file
	ChangeID string
	Actor    string
	Stage    string // the stage the proposal was made against; "" any
	Para     string
	Text     string
	JudgedAt string // the stage that judged it; "" the last
	Verdict  Verdict
	// Moved and Weakened are what the person judged of those, when the
	// file says (HasMoved, HasWeakened).
	Moved, HasMoved bool
	Weakened        string
	HasWeakened     bool
}

// verdictNames reads the verdicts as people write them.
var verdictNames = map[string]Verdict{
	"adopted": VerdictAdopted, "partly": VerdictPartly, "partly adopted": VerdictPartly, "partly_adopted": VerdictPartly,
	"reworded": VerdictReworded, "not_adopted": VerdictNotAdopted, "not adopted": VerdictNotAdopted, "rejected": VerdictNotAdopted,
	"pending": VerdictPending, "out_of_scope": VerdictOutOfScope, "out of scope": VerdictOutOfScope,
}

// ParseGold reads a gold file: CSV with a header naming verdict and
// either change_id or actor, paragraph and proposed_text (stage, the
// stage the proposal answered, may narrow these), and optionally
// judged_at (the stage that judged; default the last), moved (true or
// false) and weakened ("shall>should", or empty for not weakened). Other
// columns (a note) are kept out. The verdicts table and the judgements
// table are gold files; a judgements row with no current_verdict (its
// insertion gone from the document) is skipped. Errors name the file, the line and what was
// expected.
func ParseGold(file string, data []byte) ([]GoldRow, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty: expected a header with verdict and change_id (or actor, paragraph, proposed_text)", file)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	_, byID := col["change_id"]
	_, byText := col["proposed_text"]
	_, hasActor := col["actor"]
	_, hasPara := col["paragraph"]
	if _, ok := col["verdict"]; !ok || !byID && !(byText && hasActor && hasPara) {
		return nil, fmt.Errorf("%s:1: header %q: expected a verdict column and change_id, or actor, paragraph and proposed_text", file, strings.Join(header, ","))
	}
	cell := func(rec []string, name string) (string, bool) {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return "", false
		}
		return strings.TrimSpace(rec[i]), true
	}
	var rows []GoldRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if now, ok := cell(rec, "current_verdict"); ok && now == "" {
			// A row of the judgements table whose insertion the
			// document no longer has: nothing to hold it against.
			continue
		}
		g := GoldRow{Line: line}
		g.ChangeID, _ = cell(rec, "change_id")
		g.Actor, _ = cell(rec, "actor")
		g.Stage, _ = cell(rec, "stage")
		g.Para, _ = cell(rec, "paragraph")
		g.Text, _ = cell(rec, "proposed_text")
		g.JudgedAt, _ = cell(rec, "judged_at")
		if byID && g.ChangeID != "" {
			g.Actor, g.Stage, g.Para, g.Text = "", "", "", ""
		} else if g.Actor == "" || g.Para == "" || g.Text == "" {
			return nil, fmt.Errorf("%s:%d: expected a change_id, or an actor, a paragraph and a proposed_text", file, line)
		}
		v, _ := cell(rec, "verdict")
		verdict, ok := verdictNames[strings.ToLower(v)]
		if !ok {
			return nil, fmt.Errorf("%s:%d: verdict %q: expected adopted, partly, reworded, not_adopted, pending or out_of_scope", file, line, v)
		}
		g.Verdict = verdict
		if m, ok := cell(rec, "moved"); ok && m != "" {
			b, err := strconv.ParseBool(m)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: moved %q: expected true or false", file, line, m)
			}
			g.Moved, g.HasMoved = b, true
		}
		if w, ok := cell(rec, "weakened"); ok {
			g.Weakened, g.HasWeakened = w, true
		}
		rows = append(rows, g)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows: expected a verdict per line after the header", file)
	}
	return rows, nil
}

// Evaluation holds a document's verdicts against a gold file.
type Evaluation struct {
	Rows  int // gold rows held against a verdict
	Agree int // of those, rows whose verdict agrees
	// Confusion counts rows by gold verdict, then the analysis's.
	Confusion map[Verdict]map[Verdict]int
	// Moved and Weakened count the rows whose gold file says, and those
	// that agree.
	Moved, MovedAgree       int
	Weakened, WeakenedAgree int
	// Disagree lists the rows that do not agree, with the analysis's
	// verdict, for reading.
	Disagree []Disagreement
}

// Disagreement is a gold row whose verdict the analysis does not share.
type Disagreement struct {
	Gold GoldRow
	Got  Verdict
	Rule Rule
}

// Evaluate holds the verdicts of r against gold. A row that names no
// insertion of r, or a stage it does not have, is an error naming its
// line.
func Evaluate(r *Result, gold []GoldRow) (*Evaluation, error) {
	e := &Evaluation{Confusion: map[Verdict]map[Verdict]int{}}
	byStage := map[int][]SpanUptake{}
	for _, g := range gold {
		at, err := r.ParseStage(g.JudgedAt)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", g.Line, err)
		}
		spans, ok := byStage[at]
		if !ok {
			spans = r.UptakeAt(at)
			byStage[at] = spans
		}
		i := slices.IndexFunc(spans, func(u SpanUptake) bool { return goldNames(r, g, u) })
		if i < 0 {
			return nil, fmt.Errorf("line %d: no insertion %s judged by %s in %s", g.Line, g.name(), r.stageName(max(at, 0)), r.Document.Name)
		}
		u := spans[i]
		e.Rows++
		if e.Confusion[g.Verdict] == nil {
			e.Confusion[g.Verdict] = map[Verdict]int{}
		}
		e.Confusion[g.Verdict][u.Verdict]++
		if u.Verdict == g.Verdict {
			e.Agree++
		} else {
			e.Disagree = append(e.Disagree, Disagreement{Gold: g, Got: u.Verdict, Rule: u.Evidence.Rule})
		}
		if g.HasMoved {
			e.Moved++
			if g.Moved == u.Evidence.Moved {
				e.MovedAgree++
			}
		}
		if g.HasWeakened && (g.Weakened != "" || u.Evidence.Weakened != "") {
			e.Weakened++
			if g.Weakened == u.Evidence.Weakened {
				e.WeakenedAgree++
			}
		}
	}
	return e, nil
}

// name says which insertion a gold row names, for errors.
func (g GoldRow) name() string {
	if g.ChangeID != "" {
		return strconv.Quote(g.ChangeID)
	}
	return fmt.Sprintf("of %s in paragraph %s (%q)", g.Actor, g.Para, g.Text)
}

// goldNames reports whether gold row g names insertion u of r.
func goldNames(r *Result, g GoldRow, u SpanUptake) bool {
	if g.ChangeID != "" {
		return strings.EqualFold(g.ChangeID, ChangeID(u.Paragraph, u.Proposal, u.Span))
	}
	para := &r.Document.Paragraphs[u.Paragraph]
	// A proposal's new paragraph is named as the proposal numbers it
	// ("39bis") or by its row ("new-gender-caucus-39bis").
	samePara := g.Para == para.ID || strings.HasPrefix(para.ID, "new-") && strings.HasSuffix(para.ID, "-"+g.Para)
	if !sameName(g.Actor, r.Document.Actor(u.Proposal)) || !samePara ||
		g.Stage != "" && !sameName(g.Stage, r.stageName(r.ProposalStage(u.Proposal))) {
		return false
	}
	s := r.Comparison(u.Paragraph, u.Proposal).Spans[u.Span]
	return strings.Join(strings.Fields(g.Text), " ") == strings.Join(strings.Fields(slice(para.Texts[u.Proposal], s.VarBytes)), " ")
}

// Verdicts are every verdict, in the order evaluations report them and
// the forms to correct one offer them.
var Verdicts = []Verdict{VerdictAdopted, VerdictReworded, VerdictPartly, VerdictNotAdopted, VerdictPending, VerdictOutOfScope}

// Precision returns, of the rows the analysis gave verdict v, the share
// the gold file gives v too; ok is false when it gave v to none.
func (e *Evaluation) Precision(v Verdict) (p float64, ok bool) {
	got, agree := 0, 0
	for g, row := range e.Confusion {
		got += row[v]
		if g == v {
			agree += row[v]
		}
	}
	if got == 0 {
		return 0, false
	}
	return float64(agree) / float64(got), true
}

// Recall returns, of the rows the gold file gives verdict v, the share
// the analysis gives v too; ok is false when the gold file has none.
func (e *Evaluation) Recall(v Verdict) (r float64, ok bool) {
	gold := 0
	for _, n := range e.Confusion[v] {
		gold += n
	}
	if gold == 0 {
		return 0, false
	}
	return float64(e.Confusion[v][v]) / float64(gold), true
}

// Accuracy returns the share of rows that agree.
func (e *Evaluation) Accuracy() float64 {
	if e.Rows == 0 {
		return 0
	}
	return float64(e.Agree) / float64(e.Rows)
}

// Write prints the evaluation for reading: precision and recall per
// verdict, the confusion table (gold verdicts down, the analysis's
// across), moved and weakened, the rows that disagree, and last
// "accuracy N/M".
func (e *Evaluation) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	share := func(x float64, ok bool) string {
		if !ok {
			return "-"
		}
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
	var used []Verdict
	for _, v := range Verdicts {
		_, inGold := e.Recall(v)
		_, inGot := e.Precision(v)
		if inGold || inGot {
			used = append(used, v)
		}
	}
	fmt.Fprintln(tw, "verdict\tgold\tamendlens\tagree\tprecision\trecall")
	for _, v := range used {
		gold, got := 0, 0
		for g, row := range e.Confusion {
			got += row[v]
			if g == v {
				for _, n := range row {
					gold += n
				}
			}
		}
		p, pok := e.Precision(v)
		r, rok := e.Recall(v)
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\n", v, gold, got, e.Confusion[v][v], share(p, pok), share(r, rok))
	}
	fmt.Fprintln(tw)
	fmt.Fprint(tw, "gold \\ amendlens")
	for _, v := range used {
		fmt.Fprintf(tw, "\t%s", v)
	}
	fmt.Fprintln(tw)
	for _, g := range used {
		fmt.Fprint(tw, g)
		for _, v := range used {
			fmt.Fprintf(tw, "\t%d", e.Confusion[g][v])
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	if e.Moved > 0 {
		fmt.Fprintf(w, "moved %d/%d\n", e.MovedAgree, e.Moved)
	}
	if e.Weakened > 0 {
		fmt.Fprintf(w, "weakened %d/%d\n", e.WeakenedAgree, e.Weakened)
	}
	for _, d := range e.Disagree {
		fmt.Fprintf(w, "line %d: %s: gold %s, amendlens %s (%s)\n", d.Gold.Line, d.Gold.name(), d.Gold.Verdict, d.Got, d.Rule)
	}
	_, err := fmt.Fprintf(w, "accuracy %d/%d\n", e.Agree, e.Rows)
	return err
}
