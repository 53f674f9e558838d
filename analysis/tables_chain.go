package analysis

import (
	"strconv"
)

// stage reports whether stage i passes the variant filter, which names
// stages by name in the chain's tables.
func (t *tableRun) stage(i int) bool {
	return t.f.Variant == "" || sameName(t.f.Variant, t.r.Stages[i].Name)
}

// stageRows writes one row per stage, in order.
func stageRows(t *tableRun) error {
	for i, s := range t.r.Stages {
		if !t.stage(i) || i >= len(t.r.StageFigures) {
			continue
		}
		f := t.r.StageFigures[i]
		t.start()
		t.add(t.r.Document.Variants[s.Variant])
		t.addInt(i + 1)
		t.add(s.Name, s.Date, strconv.FormatBool(s.Partial))
		t.addInt(f.Paragraphs, f.Words, f.Brackets, f.BracketedWords, f.Agreed, f.SharedWords, f.Added, f.Deleted)
		ratio := ""
		if i > 0 {
			ratio = strconv.FormatFloat(f.ChangeRatio(), 'f', 4, 64)
		}
		t.add(ratio)
		t.addInt(f.NewParagraphs, f.NewWords, f.DroppedParagraphs, f.OutOfScope, f.ResolvedKept, f.ResolvedDeleted, f.BracketsAdded)
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}

// lineageRows writes what each stage made of each paragraph, stage after
// stage, in document order.
func lineageRows(t *tableRun) error {
	for _, l := range t.r.Lineage {
		if !t.stage(l.Stage) || !t.paragraph(l.Paragraph) {
			continue
		}
		para := &t.r.Document.Paragraphs[l.Paragraph]
		t.start()
		t.add(para.Section, para.ID, t.r.Stages[l.Stage].Name)
		t.addInt(l.Stage + 1)
		t.add(l.StageParagraph, l.Relation, strconv.FormatFloat(l.Similarity, 'f', 4, 64))
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}

// StageParagraphs returns, per stage, the stage's own ID of each row that
// it has text for (index as Document.Paragraphs, "" where it has none).
func StageParagraphs(r *Result) [][]string {
	ids := make([][]string, len(r.Stages))
	for i := range ids {
		ids[i] = make([]string, len(r.Document.Paragraphs))
	}
	for _, l := range r.Lineage {
		if ids[l.Stage][l.Paragraph] == "" {
			ids[l.Stage][l.Paragraph] = l.StageParagraph
		}
	}
	return ids
}

// fateRows writes what became of every insertion of every proposal, in
// document order: the verdict of the next stage and of the last, the first
// stage that took some of its words and the last that has them, and the
// paragraph of the last stage that holds it.
func fateRows(t *tableRun) error {
	r := t.r
	ids := StageParagraphs(r)
	last := len(r.Stages) - 1
	name := func(i int) string {
		if i < 0 {
			return ""
		}
		return r.Stages[i].Name
	}
	for _, f := range r.Fates {
		if !t.variant(f.Proposal) || !t.paragraph(f.Paragraph) {
			continue
		}
		para := &r.Document.Paragraphs[f.Paragraph]
		s := r.Comparison(f.Paragraph, f.Proposal).Spans[f.Span]
		t.start()
		t.add(para.Section, para.ID, ChangeID(f.Paragraph, f.Proposal, f.Span), r.Document.Actor(f.Proposal),
			r.Document.Variants[f.Proposal], r.Stages[f.Stage].Name, slice(para.Texts[f.Proposal], s.VarBytes))
		t.addInt(f.Words)
		ev := f.Evidence[last]
		final, score := "", ""
		if Taken(f.Final()) && ev.Paragraph >= 0 {
			if final = ids[last][ev.Paragraph]; final == "" {
				final = r.Document.Paragraphs[ev.Paragraph].ID
			}
		}
		if ev.Rule != RuleOutOfScope {
			score = strconv.FormatFloat(ev.Score, 'f', 4, 64)
		}
		t.add(name(f.Stage+1), string(f.Next()), string(f.Final()), name(f.FirstAdopted()), name(f.LastPresent()), final,
			strconv.FormatBool(ev.Moved), score, ev.Weakened, string(ev.Rule))
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}

// actorFigures are an actor's proposals and their fates, for all themes or
// one.
type actorFigures struct {
	proposals, next, final, words, wordsFinal int
}

// actorRows writes, per actor (in the order they first proposed), their
// insertions, how many the next stage took some words of, how many the
// last stage has, and their words: for all themes (theme empty), then per
// theme of the dictionary that their insertions added.
func actorRows(t *tableRun) error {
	r := t.r
	var actors []string
	sums := map[string]map[string]*actorFigures{}
	names := r.Dictionary.Names()
	last := len(r.Stages) - 1
	for _, f := range r.Fates {
		if !t.paragraph(f.Paragraph) {
			continue
		}
		actor := r.Document.Actor(f.Proposal)
		if t.f.Variant != "" && !sameName(t.f.Variant, actor) && !t.variant(f.Proposal) {
			continue
		}
		if sums[actor] == nil {
			sums[actor] = map[string]*actorFigures{}
			actors = append(actors, actor)
		}
		c := r.Comparison(f.Paragraph, f.Proposal)
		for _, theme := range append([]string{""}, spanThemes(c, c.Spans[f.Span], names)...) {
			if !t.theme(theme) && theme != "" {
				continue
			}
			a := sums[actor][theme]
			if a == nil {
				a = &actorFigures{}
				sums[actor][theme] = a
			}
			a.proposals++
			a.words += f.Words
			if Taken(f.Next()) {
				a.next++
			}
			if Taken(f.Final()) {
				a.final++
			}
			a.wordsFinal += f.Adopted[last]
		}
	}
	for _, actor := range actors {
		for _, theme := range append([]string{""}, names...) {
			a := sums[actor][theme]
			if a == nil || t.f.Theme != "" && theme == "" {
				continue
			}
			t.start()
			t.add(actor, theme)
			t.addInt(a.proposals, a.next, a.final, a.words, a.wordsFinal)
			label := ""
			if theme != "" {
				label = r.Dictionary.Label(theme)
			}
			t.add(label)
			if err := t.send(); err != nil {
				return err
			}
		}
	}
	return nil
}
