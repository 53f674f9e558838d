package dashboard

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// The IDs of the charts of a negotiation's chain of stages.
const (
	chartStages  = "chart_stages"
	chartLineage = "chart_lineage"
	chartActors  = "chart_actors"
)

// colorNew is the colour of the words of paragraphs a stage added.
const colorNew = "#74b816"

// stagesChart draws, per stage, the words it added and deleted in the
// paragraphs it shares with the stage before and the words of the
// paragraphs it added; its table holds every figure of the stages table, as
// negotiation trackers publish them per draft.
func stagesChart(r *analysis.Result) (*chartView, error) {
	d := r.Document
	names := make([]string, len(r.Stages))
	for i, s := range r.Stages {
		names[i] = stageLabel(s)
	}
	b := barChart(chartStages, names)
	var added, deleted, fresh []opts.BarData
	tv := tableView{Head: []string{"Stage", "Date", "Paragraphs", "Words", "Bracketed passages", "Bracketed words", "Agreed paragraphs",
		"Words shared with the stage before", "Added", "Deleted", "Change ratio", "New paragraphs", "Dropped", "Out of scope",
		"Brackets resolved (kept)", "Brackets resolved (deleted)", "Brackets added"}}
	top, topN := "", 0
	for i, s := range r.Stages {
		f := r.StageFigures[i]
		added = append(added, opts.BarData{Value: f.Added})
		deleted = append(deleted, opts.BarData{Value: f.Deleted})
		fresh = append(fresh, opts.BarData{Value: f.NewWords})
		if n := f.Added + f.Deleted + f.NewWords; i > 0 && n > topN {
			top, topN = names[i], n
		}
		ratio := "–"
		if i > 0 && f.SharedWords > 0 {
			ratio = strconv.FormatFloat(f.ChangeRatio(), 'f', 3, 64)
		}
		date := s.Date
		if date == "" {
			date = "–"
		}
		tv.Rows = append(tv.Rows, append([]string{names[i], date}, itoas(f.Paragraphs, f.Words, f.Brackets, f.BracketedWords, f.Agreed,
			f.SharedWords, f.Added, f.Deleted)...))
		row := &tv.Rows[len(tv.Rows)-1]
		*row = append(*row, ratio)
		*row = append(*row, itoas(f.NewParagraphs, f.DroppedParagraphs, f.OutOfScope, f.ResolvedKept, f.ResolvedDeleted, f.BracketsAdded)...)
	}
	b.AddSeries("words added", added, charts.WithBarChartOpts(opts.BarChart{Stack: "words"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorAdded}))
	b.AddSeries("words deleted", deleted, charts.WithBarChartOpts(opts.BarChart{Stack: "words"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorDeleted}))
	b.AddSeries("words of new paragraphs", fresh, charts.WithBarChartOpts(opts.BarChart{Stack: "words"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorNew}))
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	return &chartView{
		ID: chartStages, Title: "The stages of the negotiation", Option: option,
		Desc: barDesc("the words each stage changed from the stage before", nil, len(names), "stage", top, float64(topN), "words"),
		Note: "Each stage is compared with the stage before it: words added and deleted in the paragraphs both have (the change ratio divides them by " +
			"the words of the stage before in those paragraphs), and the words of the paragraphs it added. An excerpt's missing paragraphs are out of scope, not dropped.",
		Table: tv, CSV: exportURL(d.Name, "stages", nil),
	}, nil
}

// stageLabel names a stage for readers: "Rev.2 (excerpt)".
func stageLabel(s analysis.Stage) string {
	if s.Partial {
		return s.Name + " (excerpt)"
	}
	return s.Name
}

// itoas writes numbers.
func itoas(ns ...int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}

// maxLineageNodes bounds the nodes the lineage chart draws: past it (a
// long document over many stages) the table and the CSV carry the
// lineage, and the chart would be a grey mass.
const maxLineageNodes = 600

// lineageChart draws each paragraph's path through the stages as a
// Sankey diagram: a node per stage and paragraph of that stage, in the
// stage's column, a link from the paragraph that held a lineage's text in
// the stage before (an excerpt's missing paragraphs skipped) to the one
// that holds it now; merges and splits join and part the links. Deleted
// paragraphs flow to the stage's "deleted" node. A node opens its
// paragraph's page.
func lineageChart(r *analysis.Result) (*chartView, error) {
	d := r.Document
	g, tv := lineageGraphOf(r)
	if len(g.nodes) > maxLineageNodes {
		return &chartView{ID: chartLineage, Title: "Each paragraph through the stages",
			Note:  fmt.Sprintf("%d paragraphs over %d stages are too many to draw: the table and the CSV hold each one's lineage.", len(g.nodes), len(r.Stages)),
			Table: tv, CSV: exportURL(d.Name, "lineage", nil)}, nil
	}
	s := charts.NewSankey()
	s.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: chartLineage}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
	)
	s.AddSeries("lineage", g.nodes, g.links,
		charts.WithLineStyleOpts(opts.LineStyle{Color: "source", Opacity: opts.Float(0.35), Curveness: 0.5}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(g.nodes) <= maxSankeyLabels), FontSize: 10}),
	)
	option, err := sankeyOption(s)
	if err != nil {
		return nil, err
	}
	stages := make([]string, len(r.Stages))
	for i, st := range r.Stages {
		stages[i] = stageLabel(st)
	}
	return &chartView{
		ID: chartLineage, Title: "Each paragraph through the stages", Option: option,
		Desc: fmt.Sprintf("Sankey diagram following %d paragraphs through %d stages (%s), %d links", len(g.nodes), len(r.Stages), strings.Join(stages, ", "), len(g.links)),
		Note: "One column per stage, its paragraphs in order; a link follows a paragraph's text from one stage to the next. Moved paragraphs are red, merged and split ones blue, " +
			"deleted ones flow to the stage's \"deleted\"; an excerpt's missing paragraphs are skipped. Click a paragraph for its page.",
		Links: linksJSON(g.urls), LinkBy: "index", Tall: true,
		Table: tv, CSV: exportURL(d.Name, "lineage", nil),
	}, nil
}

// lineageGraphOf returns the lineage chart's graph of r, a node per stage
// and paragraph once, and its table, a row per link of r.Lineage.
func lineageGraphOf(r *analysis.Result) (*sankeyGraph, tableView) {
	d := r.Document
	type key struct {
		stage int
		id    string
	}
	g := &sankeyGraph{}
	index := map[key]bool{}
	node := func(stage int, id, row string, color string) string {
		name := label(r.Stages[stage].Name) + " " + label(id)
		if k := (key{stage, id}); !index[k] {
			index[k] = true
			u := ""
			if row != "" {
				u = paraURL(d.Name, row)
			}
			g.node(name, stage, color, u)
		}
		return name
	}
	// Per row, its nodes in the latest stage before that has it (two for a
	// paragraph split), and in the stage being drawn.
	from := make([][]string, len(d.Paragraphs))
	cur := make([][]string, len(d.Paragraphs))
	gone := make([]bool, len(d.Paragraphs))
	stage := 0
	seen := map[[2]string]bool{}
	tv := tableView{Head: []string{"Paragraph", "Stage", "Stage's paragraph", "Relation", "Similarity"}}
	for _, l := range r.Lineage {
		if l.Stage != stage {
			for p, ns := range cur {
				if len(ns) > 0 {
					from[p] = ns
				}
			}
			cur, stage = make([][]string, len(d.Paragraphs)), l.Stage
		}
		row := d.Paragraphs[l.Paragraph].ID
		tv.Rows = append(tv.Rows, []string{row, r.Stages[l.Stage].Name, l.StageParagraph, l.Relation, strconv.FormatFloat(l.Similarity, 'f', 4, 64)})
		tv.Links = append(tv.Links, paraURL(d.Name, row))
		if l.Relation == analysis.RelationOutOfScope || gone[l.Paragraph] {
			continue
		}
		to := node(l.Stage, l.StageParagraph, row, relationColor(l.Relation))
		if l.Relation == "deleted" {
			to = node(l.Stage, "deleted", "", "#e0e0e0")
			gone[l.Paragraph] = true
		} else {
			cur[l.Paragraph] = append(cur[l.Paragraph], to)
		}
		for _, f := range from[l.Paragraph] {
			if !seen[[2]string{f, to}] {
				seen[[2]string{f, to}] = true
				g.links = append(g.links, opts.SankeyLink{Source: f, Target: to, Value: 1})
			}
		}
	}
	return g, tv
}

// relationColor is the colour of a paragraph in the lineage chart.
func relationColor(rel string) string {
	switch rel {
	case "moved":
		return movedColor
	case "merged", "split":
		return changedColor
	case "new":
		return colorNew
	}
	return alignColor
}

// actorsChart draws, per actor, the insertions they proposed, how many the
// next stage took words of and how many the last stage has; its table has
// a row per actor and theme. A bar opens the actor's fates.
func actorsChart(r *analysis.Result) (*chartView, error) {
	d := r.Document
	var actors []string
	first := map[string]int{} // actor -> their first proposal's variant
	type sums struct{ proposed, next, final, words, wordsFinal int }
	all := map[string]*sums{}
	last := len(r.Stages) - 1
	for _, f := range r.Fates {
		a := d.Actor(f.Proposal)
		if all[a] == nil {
			all[a] = &sums{}
			actors = append(actors, a)
			first[a] = f.Proposal
		}
		s := all[a]
		s.proposed++
		s.words += f.Words
		s.wordsFinal += f.Adopted[last]
		if analysis.Taken(f.Next()) {
			s.next++
		}
		if analysis.Taken(f.Final()) {
			s.final++
		}
	}
	b := barChart(chartActors, actors)
	var proposed, next, final []opts.BarData
	var urls []string
	tv := tableView{Head: []string{"Actor", "Insertions proposed", "Taken by the next stage", "In " + r.Stages[last].Name, "Words proposed", "Words in " + r.Stages[last].Name}}
	for _, a := range actors {
		s := all[a]
		proposed = append(proposed, opts.BarData{Value: s.proposed})
		next = append(next, opts.BarData{Value: s.next})
		final = append(final, opts.BarData{Value: s.final})
		u := exportURL(d.Name, "fates", vq("variant", d.Variants[first[a]]))
		urls = append(urls, u)
		tv.Rows = append(tv.Rows, append([]string{a}, itoas(s.proposed, s.next, s.final, s.words, s.wordsFinal)...))
		tv.Links = append(tv.Links, u)
	}
	b.AddSeries("proposed", proposed, charts.WithItemStyleOpts(opts.ItemStyle{Color: alignColor}))
	b.AddSeries("taken by the next stage", next, charts.WithItemStyleOpts(opts.ItemStyle{Color: changedColor}))
	b.AddSeries("in "+label(r.Stages[last].Name), final, charts.WithItemStyleOpts(opts.ItemStyle{Color: colorAdded}))
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	top, topN := "", 0
	for _, a := range actors {
		if all[a].final > topN {
			top, topN = a, all[a].final
		}
	}
	return &chartView{
		ID: chartActors, Title: "Whose wording survived", Option: option,
		Desc: barDesc("the insertions each actor proposed, those the next stage took and those in "+r.Stages[last].Name, nil, len(actors), "actor", top, float64(topN), "insertions"),
		Note: "Per actor, the insertions they proposed against any stage, those of which the next stage took some words, and those " + r.Stages[last].Name +
			" has. Click a bar for the actor's insertions and their fate at every stage (CSV); per theme in the actors table.",
		Links: linksJSON(urls), LinkBy: "index",
		Table: tv, CSV: exportURL(d.Name, "actors", nil),
	}, nil
}
