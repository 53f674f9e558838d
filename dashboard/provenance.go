package dashboard

import (
	"fmt"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// chartProvenance is the id of the chart of where the last stage's words
// came from.
const chartProvenance = "chart_provenance"

// sourceColor is the colour of source k of sources in the provenance
// chart: grey for the first stage's words, the palette for the others, in
// order from its first colour.
func sourceColor(sources []analysis.SourceWords, k int) string {
	sw := sources[k]
	if sw.Actor == "" && sw.Stage == 0 {
		return colorNone
	}
	if sources[0].Actor == "" && sources[0].Stage == 0 {
		k--
	}
	return paletteColor(k % paletteSize)
}

// provenanceChart draws, for the whole text and for each section of the
// page (with its subsections), where the words of the last stage came
// from: the first stage's text, each later stage's own words, each actor's
// insertions (words two actors brought shared half and half). A bar opens
// its section's page.
func provenanceChart(r *analysis.Result, secs window) (*chartView, error) {
	d := r.Document
	last := len(r.Stages) - 1
	sources := r.WordSources(last, nil)
	index := make(map[[2]any]int, len(sources)) // stage and actor -> source
	for k, sw := range sources {
		index[[2]any{sw.Stage, sw.Actor}] = k
	}
	page := d.Sections[secs.Lo:secs.Hi]
	cats := []string{"Whole text"}
	links := []string{docURL(d.Name)}
	in := make([]func(string) bool, len(page))
	for i, sec := range page {
		cats = append(cats, sectionName(sec))
		links = append(links, sectionURL(d.Name, sec.ID))
		set := sectionTree(d, sec.ID)
		in[i] = func(s string) bool { return set[s] }
	}
	words := make([][]float64, len(cats)) // category, source
	for i := range words {
		words[i] = make([]float64, len(sources))
	}
	for _, run := range r.Provenance {
		if run.Stage != last {
			continue
		}
		actor := ""
		if run.Credit.Proposal >= 0 {
			actor = d.Actor(run.Credit.Proposal)
		}
		stage := run.Credit.Stage
		if actor != "" {
			stage = r.ProposalStage(run.Credit.Proposal) + 1
		}
		k, ok := index[[2]any{stage, actor}]
		if !ok {
			continue
		}
		w := float64(run.Words.End-run.Words.Start) * run.Credit.Share
		words[0][k] += w
		sec := d.Paragraphs[run.Paragraph].Section
		for i := range page {
			if in[i](sec) {
				words[i+1][k] += w
			}
		}
	}
	b := horizontalBarChart(chartProvenance, cats)
	tv := tableView{Head: []string{"Section"}}
	for _, sw := range sources {
		tv.Head = append(tv.Head, sw.Label(r))
	}
	for i, c := range cats {
		row := []string{c}
		for k := range sources {
			row = append(row, fmtNum(words[i][k]))
		}
		tv.Rows = append(tv.Rows, row)
	}
	tv.Links = links
	for k, sw := range sources {
		data := make([]opts.BarData, len(cats))
		for i := range cats {
			data[i] = opts.BarData{Value: words[i][k]}
		}
		b.AddSeries(label(sw.Label(r)), data, charts.WithBarChartOpts(opts.BarChart{Stack: "words"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: sourceColor(sources, k)}))
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	total, top, topN := 0.0, "", 0.0
	for k, sw := range sources {
		total += words[0][k]
		if sw.Actor != "" && words[0][k] > topN {
			top, topN = sw.Actor, words[0][k]
		}
	}
	note := fmt.Sprintf("The %s words of %s by where they came from", fmtNum(total), r.Stages[last].Name)
	for k, sw := range sources {
		sep := ","
		if k == 0 {
			sep = ":"
		}
		if total > 0 {
			note += fmt.Sprintf("%s %s %s%%", sep, sw.Label(r), strconv.FormatFloat(100*words[0][k]/total, 'f', 1, 64))
		}
	}
	note += ". Words kept from the stage before keep their source; words a stage inserted are the proposal's whose insertion the stage took (the words its verdict's evidence kept), shared equally when several proposals brought them, else the stage's own (a stage that restores earlier wording is credited with it). A section counts its subsections. Click a bar for the section."
	return secs.drawn(&chartView{
		ID: chartProvenance, Title: "Where " + r.Stages[last].Name + " came from", Option: option,
		Desc:  barDesc("the words of "+r.Stages[last].Name+" by source, for the whole text and per section", nil, len(cats), "bar", top, topN, "words from a proposal"),
		Note:  note,
		Links: linksJSON(links), LinkBy: "index", Tall: true,
		Table: tv, CSV: exportURL(d.Name, "provenance", vq("stage", "final")),
	}, nil)
}
