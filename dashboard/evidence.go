package dashboard

import (
	"strconv"
	"strings"

	"amendlens/analysis"
)

// evidenceView is why an insertion got its verdict, as the uptake and
// paragraph pages show it next to the proposal: where the stage holds its
// words, the stage's sentence with the words that came back marked, and
// what the rules found.
type evidenceView struct {
	Where link       // the stage's paragraph, "" Name when no word came back
	Parts []textPart // the stage's sentence around them
	Notes []string   // "moved", "score 0.93", "weakened: should → may", the rule
	// Missing lists the proposed words that did not come back.
	Missing string
}

// textPart is a run of text, marked when it is one of the words that
// came back.
type textPart struct {
	Text string
	Kept bool
}

// maxContext bounds the text shown on each side of the words that came
// back, in bytes: a sentence of a thousand words is cut.
const maxContext = 240

// evidenceOf builds the view of ev, judged by stage s of r; ids are the
// stages' own paragraph numbers (analysis.StageParagraphs).
func evidenceOf(r *analysis.Result, ev analysis.Evidence, s int, ids [][]string) evidenceView {
	d := r.Document
	var e evidenceView
	if ev.Paragraph >= 0 && s >= 0 && s < len(r.Stages) {
		para := &d.Paragraphs[ev.Paragraph]
		name := ids[s][ev.Paragraph]
		if name == "" {
			name = para.ID
		}
		e.Where = link{Name: name, URL: paraURL(d.Name, para.ID)}
		e.Parts = sentenceParts(para.Texts[r.Stages[s].Variant], ev.Bytes, ev.Kept)
	}
	e.Notes = changeNotes(ev, e.Where.Name)
	if ev.Rule != "" && ev.Rule != analysis.RuleOutOfScope {
		e.Notes = append(e.Notes, "score "+strconv.FormatFloat(ev.Score, 'f', 2, 64), ruleLabel(ev.Rule))
	}
	if ev.Paragraph >= 0 {
		e.Missing = strings.Join(ev.Unmatched, " ")
	}
	return e
}

// changeNotes names what became of an insertion's words beyond its
// verdict: moved to paragraph where, its obligation weakened.
func changeNotes(ev analysis.Evidence, where string) []string {
	var notes []string
	if ev.Moved {
		notes = append(notes, "moved to "+where)
	}
	if ev.Weakened != "" {
		from, to, _ := strings.Cut(ev.Weakened, ">")
		notes = append(notes, "weakened: "+from+" → "+to)
	}
	return notes
}

// ruleLabel names a rule for readers.
func ruleLabel(r analysis.Rule) string {
	switch r {
	case analysis.RuleSamePlace:
		return "same place"
	case analysis.RuleMoved:
		return "found in another paragraph"
	case analysis.RuleReworded:
		return "reworded"
	case analysis.RuleNoMatch:
		return "no content word came back"
	case analysis.RuleNoText:
		return "the stage has no text for the paragraph"
	case analysis.RuleFunctionWords:
		return "only function words came back"
	}
	return string(r)
}

// sentenceParts returns the sentence of text around span (byte offsets),
// at most maxContext bytes on each side, with the kept words marked.
func sentenceParts(text string, span analysis.Range, kept []analysis.Range) []textPart {
	if span.Start < 0 || span.End > len(text) || span.Start >= span.End {
		return nil
	}
	lo := span.Start
	for lo > 0 && span.Start-lo < maxContext && !strings.ContainsAny(text[lo-1:lo], ".;\n") {
		lo--
	}
	hi := span.End
	for hi < len(text) && hi-span.End < maxContext && !strings.ContainsAny(text[hi:hi+1], ".;\n") {
		hi++
	}
	if hi < len(text) && strings.ContainsAny(text[hi:hi+1], ".;") {
		hi++
	}
	lo, hi = runeStart(text, lo), runeStart(text, hi)
	var parts []textPart
	at := lo
	for _, k := range kept {
		if k.Start < at || k.End > hi || k.Start >= k.End {
			continue
		}
		gap := text[at:k.Start]
		if n := len(parts); n > 0 && parts[n-1].Kept && strings.TrimSpace(gap) == "" {
			// Words kept one after another are one mark.
			parts[n-1].Text += text[at:k.End]
			at = k.End
			continue
		}
		if gap != "" {
			parts = append(parts, textPart{Text: gap})
		}
		parts = append(parts, textPart{Text: text[k.Start:k.End], Kept: true})
		at = k.End
	}
	if at < hi {
		parts = append(parts, textPart{Text: text[at:hi]})
	}
	if len(parts) > 0 {
		parts[0].Text = strings.TrimLeft(parts[0].Text, " \t\n")
		if lo > 0 && !strings.ContainsAny(text[lo-1:lo], ".;\n") {
			parts = append([]textPart{{Text: "…"}}, parts...)
		}
		if hi < len(text) && !strings.ContainsAny(text[hi-1:hi], ".;\n") {
			parts = append(parts, textPart{Text: "…"})
		}
	}
	return parts
}

// runeStart moves byte offset i back to the start of the character it
// falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return i
}

// How an insertion's words were found in the stage that judged it, as the
// found chart counts them and the uptake page's found= filter picks them:
// the insertions some of whose words or content the stage took (adopted,
// partly adopted, reworded), by the rule that found them, and those of
// them whose obligation the stage weakened.
const (
	foundSamePlace = "same_place"
	foundMoved     = "moved"
	foundReworded  = "reworded"
	foundWeakened  = "weakened"
)

// foundKinds are the kinds of finding, in the order the chart shows them.
var foundKinds = []string{foundSamePlace, foundMoved, foundReworded, foundWeakened}

// foundAs reports whether insertion u counts as found kind k.
func foundAs(u analysis.SpanUptake, k string) bool {
	if !analysis.Taken(u.Verdict) {
		return false
	}
	switch k {
	case foundSamePlace:
		return u.Evidence.Rule == analysis.RuleSamePlace
	case foundMoved:
		return u.Evidence.Rule == analysis.RuleMoved
	case foundReworded:
		return u.Evidence.Rule == analysis.RuleReworded
	case foundWeakened:
		return u.Evidence.Weakened != ""
	}
	return false
}

// foundLabel names a kind of finding for readers.
func foundLabel(k string) string {
	switch k {
	case foundSamePlace:
		return "in its own paragraph"
	case foundMoved:
		return "moved"
	case foundReworded:
		return "reworded"
	case foundWeakened:
		return "weakened"
	}
	return k
}

// foundColor is the colour of a kind of finding in the found chart.
func foundColor(k string) string {
	switch k {
	case foundSamePlace:
		return colorAdded
	case foundMoved:
		return colorMoved
	case foundReworded:
		return colorReworded
	}
	return colorWeakened
}
