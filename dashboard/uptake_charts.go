package dashboard

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// uptakeThemeChart is chart f, per theme: the insertions of each proposal
// carrying the theme, by what the stage picked (the outcome, of a table)
// made of them. It counts with analysis.UptakeCounts, as the uptake CSV
// and the uptake page do. q is the overview's query, for the choices.
func uptakeThemeChart(r *analysis.Result, themes []themeInfo, sp stagePick, q url.Values) (*chartView, error) {
	d := r.Document
	spans := sp.spans(r)
	verdicts := shownVerdicts(spans)
	cats := make([]string, len(themes))
	index := make(map[string]int, len(themes))
	for i, t := range themes {
		cats[i] = t.Label
		index[t.Name] = i
	}
	// A bar opens the uptake page on its proposal's insertions of its
	// theme and verdict: one array of links per series.
	var barLinks [][]string
	b := barChart(chartUptakeThemes, cats)
	tv := tableView{Head: []string{"Proposal", "Theme", "Proposed"}}
	for _, v := range verdicts {
		tv.Head = append(tv.Head, capitalise(verdictLabel(v)))
	}
	counts := r.UptakeCounts(spans)
	for k, p := range r.Proposals() {
		series := make([][]opts.BarData, len(verdicts))
		for j := range series {
			series[j] = make([]opts.BarData, len(themes))
			for i := range themes {
				series[j][i] = opts.BarData{Value: 0}
			}
		}
		for _, u := range counts {
			i, ok := index[u.Theme]
			if u.Proposal != p || !ok {
				continue
			}
			row := []string{d.Variants[p], themes[i].Label, strconv.Itoa(u.Proposed())}
			for j, v := range verdicts {
				n := u.Of(v)
				series[j][i] = opts.BarData{Value: n}
				row = append(row, strconv.Itoa(n))
			}
			tv.Links = append(tv.Links, withQuery(uptakeURL(d.Name), vq("proposal", d.Variants[p], "theme", u.Theme, "stage", sp.value)))
			tv.Rows = append(tv.Rows, row)
		}
		stack := "p" + strconv.Itoa(p)
		o := opts.Float(variantOpacity(k))
		name := d.Variants[p]
		for j, v := range verdicts {
			b.AddSeries(label(name+" "+verdictLabel(v)), series[j], charts.WithBarChartOpts(opts.BarChart{Stack: stack}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: verdictColor(v), Opacity: o}))
			row := make([]string, len(themes))
			for i, t := range themes {
				row[i] = withQuery(uptakeURL(d.Name), vq("proposal", name, "theme", t.Name, "verdict", string(v), "stage", sp.value))
			}
			barLinks = append(barLinks, row)
		}
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	top, topN := "", 0
	for _, u := range counts {
		if i, ok := index[u.Theme]; ok && u.Adopted > topN {
			top, topN = themes[i].Label+" from "+d.Variants[u.Proposal], u.Adopted
		}
	}
	in, note := uptakeTarget(r, sp)
	return &chartView{
		Desc: barDesc("proposals' insertions per theme by verdict in "+in, variantNames(d, r.Proposals()), len(themes), "theme", top, float64(topN), "adopted"),
		ID:   chartUptakeThemes, Title: "Uptake by theme in " + in, Option: option, Links: linksJSON(barLinks), LinkBy: "series", Tall: wrapsLabels(cats),
		Note:  "Insertions of each proposal that carry the theme, by what " + note + " made of them (an insertion with two themes counts for each); " + uptakeGaps(r) + ". Click a bar for those insertions.",
		Table: tv, CSV: exportURL(d.Name, "uptake", sp.tableQuery()),
		More:    link{Name: "Every insertion on the uptake page", URL: withQuery(uptakeURL(d.Name), sp.query())},
		Choices: sp.links(r, docURL(d.Name), q), ChoicesLabel: "Judged against",
	}, nil
}

// uptakeTarget names what the uptake charts judge against: in for a title
// ("Compromise text", "each proposal's next stage"), note for a sentence
// ("the outcome", "each proposal's next stage").
func uptakeTarget(r *analysis.Result, sp stagePick) (in, note string) {
	if !chained(r) {
		return r.Document.Variants[r.Outcome], "the outcome"
	}
	return sp.Against, sp.Against
}

// uptakeGaps says what an insertion is where the stage judging it has no
// text for its paragraph.
func uptakeGaps(r *analysis.Result) string {
	if len(r.Document.Stages) == 0 {
		return "pending where the outcome has no text"
	}
	return "not adopted where a stage dropped the paragraph, out of scope where a partial stage lacks it"
}

// uptakeVerdicts are the verdicts charts always show, in the order they
// stack them (shownVerdicts adds reworded and out of scope where there are
// some).
var uptakeVerdicts = []analysis.Verdict{analysis.VerdictAdopted, analysis.VerdictPartly, analysis.VerdictNotAdopted, analysis.VerdictPending}

// verdictColor returns the colour of verdict v in every chart.
func verdictColor(v analysis.Verdict) string {
	switch v {
	case analysis.VerdictAdopted:
		return colorAdded
	case analysis.VerdictReworded:
		return colorReworded
	case analysis.VerdictPartly:
		return "#f59f00"
	case analysis.VerdictNotAdopted:
		return colorDeleted
	case analysis.VerdictOutOfScope:
		return colorOutOfScope
	}
	return colorNone
}

// uptakeSpanChart is chart f, per proposal: insertions adopted, partly
// adopted, not adopted and pending (or out of scope) in the stage picked.
func uptakeSpanChart(r *analysis.Result, sp stagePick, q url.Values) (*chartView, error) {
	d := r.Document
	props := r.Proposals()
	spans := sp.spans(r)
	verdicts := shownVerdicts(spans)
	counts := make(map[int]map[analysis.Verdict]int)
	for _, u := range spans {
		if counts[u.Proposal] == nil {
			counts[u.Proposal] = make(map[analysis.Verdict]int)
		}
		counts[u.Proposal][u.Verdict]++
	}
	cats := make([]string, len(props))
	links := make([]string, len(props))
	for i, p := range props {
		cats[i] = d.Variants[p]
		links[i] = withQuery(uptakeURL(d.Name), vq("proposal", d.Variants[p], "stage", sp.value))
	}
	b := barChart(chartUptakeSpans, cats)
	tv := tableView{Head: []string{"Proposal"}}
	for _, v := range verdicts {
		tv.Head = append(tv.Head, verdictLabel(v))
	}
	for _, p := range props {
		row := []string{d.Variants[p]}
		for _, v := range verdicts {
			row = append(row, strconv.Itoa(counts[p][v]))
		}
		tv.Rows = append(tv.Rows, row)
	}
	tv.Links = links
	// A bar opens the uptake page on its proposal's insertions of its
	// verdict.
	barLinks := make([][]string, len(verdicts))
	for j, v := range verdicts {
		data := make([]opts.BarData, len(props))
		barLinks[j] = make([]string, len(props))
		for i, p := range props {
			data[i] = opts.BarData{Value: counts[p][v]}
			barLinks[j][i] = withQuery(uptakeURL(d.Name), vq("proposal", d.Variants[p], "verdict", string(v), "stage", sp.value))
		}
		b.AddSeries(label(verdictLabel(v)), data, charts.WithBarChartOpts(opts.BarChart{Stack: "spans"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: verdictColor(v)}))
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	top, topN := "", 0
	for _, p := range props {
		if n := counts[p][analysis.VerdictAdopted]; n > topN {
			top, topN = d.Variants[p], n
		}
	}
	in, note := uptakeTarget(r, sp)
	return &chartView{
		Desc: barDesc("insertions per proposal by verdict in "+in, nil, len(props), "proposal", top, float64(topN), "adopted"),
		ID:   chartUptakeSpans, Title: "Uptake of proposals in " + in, Option: option, Links: linksJSON(barLinks), LinkBy: "series", Tall: wrapsLabels(cats),
		Note:  "Insertions each proposal made, by what " + note + " made of them: adopted when every content word and most of their words come back in order, in their own paragraph or another; reworded when every content word comes back in another form; partly when half of them do. Click a bar for those insertions.",
		Table: tv, CSV: exportURL(d.Name, "verdicts", sp.tableQuery()),
		More:    link{Name: "Every insertion on the uptake page", URL: withQuery(uptakeURL(d.Name), sp.query())},
		Choices: sp.links(r, docURL(d.Name), q), ChoicesLabel: "Judged against",
	}, nil
}

// verdictLabel names a verdict for readers.
func verdictLabel(v analysis.Verdict) string {
	switch v {
	case analysis.VerdictAdopted:
		return "adopted"
	case analysis.VerdictPartly:
		return "partly adopted"
	case analysis.VerdictReworded:
		return "reworded"
	case analysis.VerdictNotAdopted:
		return "not adopted"
	case analysis.VerdictPending:
		return "pending"
	case analysis.VerdictOutOfScope:
		return "out of scope"
	}
	return string(v)
}

// capitalise returns s with its first letter in upper case, for a column
// head.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// uptakeFoundChart counts, per proposal, how the stage picked found the
// insertions it took: in their own paragraph, moved to another, reworded;
// and, beside them, those whose obligation it weakened (also counted in
// the first three). A bar opens the uptake page on those insertions.
func uptakeFoundChart(r *analysis.Result, sp stagePick, q url.Values) (*chartView, error) {
	d := r.Document
	props := r.Proposals()
	counts := make(map[int][]int, len(props))
	for _, p := range props {
		counts[p] = make([]int, len(foundKinds))
	}
	for _, u := range sp.spans(r) {
		for j, k := range foundKinds {
			if foundAs(u, k) {
				counts[u.Proposal][j]++
			}
		}
	}
	cats := make([]string, len(props))
	for i, p := range props {
		cats[i] = d.Variants[p]
	}
	b := barChart(chartUptakeFound, cats)
	tv := tableView{Head: []string{"Proposal"}}
	for _, k := range foundKinds {
		tv.Head = append(tv.Head, capitalise(foundLabel(k)))
	}
	for _, p := range props {
		row := []string{d.Variants[p]}
		for j := range foundKinds {
			row = append(row, strconv.Itoa(counts[p][j]))
		}
		tv.Rows = append(tv.Rows, row)
		tv.Links = append(tv.Links, withQuery(uptakeURL(d.Name), vq("proposal", d.Variants[p], "stage", sp.value)))
	}
	barLinks := make([][]string, len(foundKinds))
	for j, k := range foundKinds {
		data := make([]opts.BarData, len(props))
		barLinks[j] = make([]string, len(props))
		for i, p := range props {
			data[i] = opts.BarData{Value: counts[p][j]}
			barLinks[j][i] = withQuery(uptakeURL(d.Name), vq("proposal", d.Variants[p], "found", k, "stage", sp.value))
		}
		// Weakened insertions are among the others: a bar of their own
		// beside the stack, not on it.
		stack := "found"
		if k == foundWeakened {
			stack = "weakened"
		}
		b.AddSeries(label(capitalise(foundLabel(k))), data, charts.WithBarChartOpts(opts.BarChart{Stack: stack}), charts.WithItemStyleOpts(opts.ItemStyle{Color: foundColor(k)}))
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	top, topN := "", 0
	for _, p := range props {
		if n := counts[p][1]; n > topN {
			top, topN = d.Variants[p], n
		}
	}
	in, note := uptakeTarget(r, sp)
	return &chartView{
		Desc: barDesc("taken insertions per proposal by how "+in+" took them", nil, len(props), "proposal", top, float64(topN), "moved"),
		ID:   chartUptakeFound, Title: "How proposals were taken in " + in, Option: option, Links: linksJSON(barLinks), LinkBy: "series", Tall: wrapsLabels(cats),
		Note:  "The insertions that " + note + " took (adopted, partly adopted or reworded), stacked by where their words came back: in their own paragraph, moved to another, or in other words; beside them, those whose obligation came back weaker (\"shall\" to \"should\"). Click a bar for those insertions and the evidence.",
		Table: tv, CSV: exportURL(d.Name, "verdicts", sp.tableQuery()),
		More:    link{Name: "Every insertion on the uptake page", URL: withQuery(uptakeURL(d.Name), sp.query())},
		Choices: sp.links(r, docURL(d.Name), q), ChoicesLabel: "Judged against",
	}, nil
}

// uptakeShareChart draws, per theme, the share of each proposal's
// proposed words that the stage picked inserted too: words adopted of
// words proposed in the insertions that carry the theme, as a per cent.
// A theme no proposal proposed words of is left out.
func uptakeShareChart(r *analysis.Result, themes []themeInfo, sp stagePick, q url.Values) (*chartView, error) {
	d := r.Document
	counts := r.UptakeCounts(sp.spans(r))
	props := r.Proposals()
	byTheme := map[string]map[int]analysis.UptakeCount{}
	for _, u := range counts {
		if u.Words == 0 {
			continue
		}
		if byTheme[u.Theme] == nil {
			byTheme[u.Theme] = map[int]analysis.UptakeCount{}
		}
		byTheme[u.Theme][u.Proposal] = u
	}
	var shown []themeInfo
	for _, t := range themes {
		if byTheme[t.Name] != nil {
			shown = append(shown, t)
		}
	}
	cats := make([]string, len(shown))
	for i, t := range shown {
		cats[i] = t.Label
	}
	b := barChart(chartUptakeShare, cats, charts.WithLegendOpts(wrappingLegend),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}"}))
	ratioAxis(b, "% of proposed words adopted")
	tv := tableView{Head: []string{"Proposal", "Theme", "Words proposed", "Words adopted", "Share"}}
	var barLinks [][]string
	top, topShare := "", 0.0
	for k, p := range props {
		data := make([]opts.BarData, len(shown))
		links := make([]string, len(shown))
		for i, t := range shown {
			link := withQuery(uptakeURL(d.Name), vq("proposal", d.Variants[p], "theme", t.Name, "stage", sp.value))
			links[i] = link
			u, ok := byTheme[t.Name][p]
			if !ok {
				data[i] = opts.BarData{Value: noValue}
				continue
			}
			share, _ := u.Share()
			pct := math.Round(1000*share) / 10
			data[i] = opts.BarData{Name: label(fmt.Sprintf("%s, %s: %d of %d words adopted (%s%%)", d.Variants[p], t.Label, u.WordsAdopted, u.Words, fmtNum(pct))), Value: num(pct)}
			tv.Rows = append(tv.Rows, []string{d.Variants[p], t.Label, strconv.Itoa(u.Words), strconv.Itoa(u.WordsAdopted), fmtNum(pct) + "%"})
			tv.Links = append(tv.Links, link)
			if share > topShare {
				top, topShare = t.Label+" from "+d.Variants[p], share
			}
		}
		// Each bar says its per cent, so that 0% reads apart from a
		// theme the proposal proposed no words of (no bar, no label).
		b.AddSeries(label(d.Variants[p]), data, charts.WithItemStyleOpts(opts.ItemStyle{Color: colorAdded, Opacity: opts.Float(variantOpacity(k))}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: valueEnd(b), Formatter: "{c}%"}))
		barLinks = append(barLinks, links)
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	in, note := uptakeTarget(r, sp)
	return &chartView{
		Desc: barDesc("the share of each proposal's proposed words adopted in "+in+", per theme", variantNames(d, props), len(shown), "theme", top, math.Round(1000*topShare)/10, "per cent"),
		ID:   chartUptakeShare, Title: "Share of proposed words adopted in " + in, Option: option, Links: linksJSON(barLinks), LinkBy: "series", Tall: wrapsLabels(cats),
		Note:  "Of the words each proposal's insertions of the theme proposed, the share " + note + " inserted too, in order (an insertion with two themes counts for each). Click a bar for those insertions.",
		Table: tv, CSV: exportURL(d.Name, "uptake", sp.tableQuery()),
		More:    link{Name: "Every insertion on the uptake page", URL: withQuery(uptakeURL(d.Name), sp.query())},
		Choices: sp.links(r, docURL(d.Name), q), ChoicesLabel: "Judged against",
	}, nil
}
