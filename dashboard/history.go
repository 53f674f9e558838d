package dashboard

import (
	"fmt"
	"html/template"
	"strings"

	"amendlens/analysis"
)

// historyStage is what one stage of a negotiation made of a paragraph: its
// number there, how it relates to the text before, its status, its text
// diffed against the latest stage before that had one, and the proposals
// made against it with their fates.
type historyStage struct {
	Index    int // stage index, for stable element ids
	Name     string
	Date     string
	Partial  bool
	Number   string // the stage's own paragraph number(s), "" when it has none
	Relation string // lineage relation
	Status   string // agreed, bracketed, open; "" when the stage has no text
	Against  string // the stage the text is diffed against, "" for the first
	HTML     template.HTML
	Empty    bool
	Fates    []historyFate
}

// historyFate is one insertion a proposal made against a stage, and what
// every later stage made of it.
type historyFate struct {
	Actor    string
	Inserted string
	Verdicts []historyVerdict
}

// historyVerdict is one later stage's verdict on an insertion.
type historyVerdict struct {
	Stage   string
	Verdict string
	Class   string
	Note    string // "moved to 30", "weakened: shall → should"
}

// paragraphHistory returns row p's history through the stages of r's
// chain: nil for a document read as one table, whose columns the page
// shows side by side already.
func (s *server) paragraphHistory(r *analysis.Result, p int, dict *analysis.Dictionary, byName map[string]themeInfo) []historyStage {
	d := r.Document
	if len(d.Stages) == 0 {
		return nil
	}
	para := d.Paragraphs[p]
	var ids [][]string // the stages' own paragraph numbers, when a fate moved
	numbers := make([][]string, len(r.Stages))
	relation := make([]string, len(r.Stages))
	for _, l := range r.Lineage {
		if l.Paragraph != p {
			continue
		}
		if l.StageParagraph != "" {
			numbers[l.Stage] = append(numbers[l.Stage], l.StageParagraph)
		}
		relation[l.Stage] = l.Relation
	}
	var out []historyStage
	prev := -1 // the variant of the latest stage with text
	for si, st := range r.Stages {
		text := para.Texts[st.Variant]
		h := historyStage{Index: si, Name: st.Name, Date: st.Date, Partial: st.Partial, Number: strings.Join(numbers[si], " and "),
			Relation: relation[si], Empty: strings.TrimSpace(text) == ""}
		if !h.Empty {
			ms := s.matchText(dict, text)
			switch {
			case prev < 0:
				h.HTML = plainHTML(text, ms, byName)
			default:
				before := para.Texts[prev]
				spans := analysis.Diff(s.tokenizer.Tokenize(before), s.tokenizer.Tokenize(text))
				h.HTML = diffHTML(before, text, spans, s.matchText(dict, before), ms, byName)
				h.Against = d.Variants[prev]
			}
			switch {
			case para.IsAgreed(st.Variant):
				h.Status = "agreed"
			case len(analysis.BracketedRanges(text)) > 0:
				h.Status = "bracketed"
			default:
				h.Status = "open"
			}
			prev = st.Variant
		}
		for _, f := range r.Fates {
			if f.Paragraph != p || f.Stage != si {
				continue
			}
			sp := r.Comparison(p, f.Proposal).Spans[f.Span]
			hf := historyFate{Actor: d.Actor(f.Proposal), Inserted: excerpt(para.Texts[f.Proposal], sp.VarBytes)}
			for sj := si + 1; sj < len(r.Stages); sj++ {
				v := f.Verdicts[sj]
				hv := historyVerdict{Stage: r.Stages[sj].Name, Verdict: verdictLabel(v), Class: "verdict-" + string(v)}
				if ev := f.Evidence[sj]; ev.Moved || ev.Weakened != "" {
					where := ""
					if ev.Paragraph >= 0 {
						if ids == nil {
							ids = analysis.StageParagraphs(r)
						}
						if where = ids[sj][ev.Paragraph]; where == "" {
							where = d.Paragraphs[ev.Paragraph].ID
						}
					}
					hv.Note = strings.Join(changeNotes(ev, where), ", ")
				}
				hf.Verdicts = append(hf.Verdicts, hv)
			}
			h.Fates = append(h.Fates, hf)
		}
		out = append(out, h)
	}
	return out
}

// historyNote says what a stage without text for the paragraph means.
func (h historyStage) Note() string {
	switch h.Relation {
	case analysis.RelationOutOfScope:
		return "Not in this excerpt: out of scope."
	case "deleted":
		return "Deleted at this stage."
	case "merged":
		return fmt.Sprintf("Merged into paragraph %s: its text is there.", h.Number)
	}
	return "Not yet in the text."
}
