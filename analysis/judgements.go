package analysis

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Judgement is a verdict a person gave one insertion at one stage, on the
// uptake page: right as amendlens judged it, or corrected. It names the
// insertion by its change ID and the stage by its name, so that it
// outlives a new analysis of the document (another dictionary, the same
// file ingested again); it keeps the verdict amendlens gave when the
// person judged, which a new analysis may change.
type Judgement struct {
	ChangeID string  // the insertion, as ChangeID names it
	JudgedAt string  // the name of the stage that judged it (a table: its outcome)
	Original Verdict // amendlens's verdict when the person judged
	Verdict  Verdict // the person's
	Who      string  // who judged, as they gave their name
	At       time.Time
}

// maxJudgeName bounds the name a person gives, in bytes.
const maxJudgeName = 200

// NewJudgement returns the judgement by who, at time at, that insertion
// changeID judged by stage (a name ParseStage reads) has verdict verdict
// (as ParseVerdict reads it). An insertion or stage r does not have, a
// verdict that is none, or an empty or overlong name is a *FilterError.
func (r *Result) NewJudgement(changeID, stage, verdict, who string, at time.Time) (Judgement, error) {
	s, err := r.ParseStage(stage)
	if err != nil {
		return Judgement{}, err
	}
	v, ok := parseVerdict(verdict)
	if !ok {
		return Judgement{}, &FilterError{fmt.Sprintf("There is no verdict %q; the verdicts are %s.", verdict, verdictList())}
	}
	who = strings.Join(strings.Fields(strings.Map(func(c rune) rune {
		if c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 {
			return ' '
		}
		return c
	}, who)), " ")
	if who == "" || len(who) > maxJudgeName {
		return Judgement{}, &FilterError{fmt.Sprintf("Give your name (at most %d bytes): the judgement records who made it.", maxJudgeName)}
	}
	u, ok := r.uptakeOf(changeID, s)
	if !ok {
		return Judgement{}, &FilterError{fmt.Sprintf("Document %s has no insertion %q judged by %s.", r.Document.Name, changeID, r.stageName(r.JudgedAt(s, 0)))}
	}
	return Judgement{
		ChangeID: ChangeID(u.Paragraph, u.Proposal, u.Span),
		JudgedAt: r.stageName(r.JudgedAt(s, u.Proposal)),
		Original: u.Verdict,
		Verdict:  v,
		Who:      who,
		At:       at.UTC(),
	}, nil
}

// uptakeOf returns what stage s (from ParseStage) made of insertion
// changeID.
func (r *Result) uptakeOf(changeID string, s int) (SpanUptake, bool) {
	spans := r.UptakeAt(s)
	i := slices.IndexFunc(spans, func(u SpanUptake) bool {
		return strings.EqualFold(changeID, ChangeID(u.Paragraph, u.Proposal, u.Span))
	})
	if i < 0 {
		return SpanUptake{}, false
	}
	return spans[i], true
}

// parseVerdict reads a verdict as people write it ("adopted", "partly
// adopted", "not adopted", "rejected", ...).
func parseVerdict(s string) (Verdict, bool) {
	v, ok := verdictNames[strings.ToLower(strings.TrimSpace(s))]
	return v, ok
}

// verdictList names the verdicts for messages.
func verdictList() string {
	names := make([]string, len(Verdicts))
	for i, v := range Verdicts {
		names[i] = string(v)
	}
	return strings.Join(names, ", ")
}

// Checked is how the stored judgements of a document stand against its
// verdicts now.
type Checked struct {
	Judged int // judgements of insertions the document still has
	Agree  int // of those, judgements whose verdict is the analysis's
	Gone   int // judgements of insertions or stages the document no longer has
}

// judgedUptake finds what the stage a judgement names made of its
// insertion, each stage's verdicts indexed by change ID once: linear in
// the judgements and the insertions.
type judgedUptake struct {
	r       *Result
	byStage map[int]map[string]SpanUptake // stage, lower-case change ID
}

// of returns what the stage of j made of j's insertion; false when the
// analysis has no such stage or insertion.
func (x *judgedUptake) of(j Judgement) (SpanUptake, bool) {
	s := x.r.StageOf(j.JudgedAt)
	if s < 1 {
		return SpanUptake{}, false
	}
	spans, ok := x.byStage[s]
	if !ok {
		all := x.r.UptakeAt(s)
		spans = make(map[string]SpanUptake, len(all))
		for _, u := range all {
			spans[ChangeID(u.Paragraph, u.Proposal, u.Span)] = u
		}
		if x.byStage == nil {
			x.byStage = map[int]map[string]SpanUptake{}
		}
		x.byStage[s] = spans
	}
	u, ok := spans[strings.ToLower(j.ChangeID)]
	return u, ok
}

// Checked holds r's judgements against its verdicts.
func (r *Result) Checked() Checked {
	var c Checked
	x := judgedUptake{r: r}
	for _, j := range r.Judgements {
		u, ok := x.of(j)
		switch {
		case !ok:
			c.Gone++
		case u.Verdict == j.Verdict:
			c.Judged++
			c.Agree++
		default:
			c.Judged++
		}
	}
	return c
}

// judgementRows writes the judgements table: each judgement with the
// insertion it names (empty where the document no longer has it), the
// verdict amendlens gave when the person judged, the person's, and
// amendlens's now.
func judgementRows(t *tableRun) error {
	r := t.r
	x := judgedUptake{r: r}
	for _, j := range r.Judgements {
		u, found := x.of(j)
		section, para, proposal, text, now := "", "", "", "", ""
		if found {
			if !t.variant(u.Proposal) || !t.paragraph(u.Paragraph) {
				continue
			}
			p := &r.Document.Paragraphs[u.Paragraph]
			section, para, proposal, now = p.Section, p.ID, r.Document.Variants[u.Proposal], string(u.Verdict)
			text = slice(p.Texts[u.Proposal], r.Comparison(u.Paragraph, u.Proposal).Spans[u.Span].VarBytes)
		} else if t.f.Variant != "" || t.f.Paragraph != "" || t.f.Section != "" {
			continue
		}
		t.start()
		t.add(j.ChangeID, j.JudgedAt, section, para, proposal, text, string(j.Original), string(j.Verdict), now, j.Who, j.At.UTC().Format(time.RFC3339))
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}
