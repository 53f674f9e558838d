package dashboard

import (
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// uptakeThemeChart is chart f, per theme: the insertions of each proposal
// carrying the theme, by what the outcome made of them. It counts with
// analysis.UptakeByTheme, as the uptake CSV and the uptake page do.
func uptakeThemeChart(r *analysis.Result, themes []themeInfo) (*chartView, error) {
	d := r.Document
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
	tv := tableView{Head: []string{"Proposal", "Theme", "Proposed", "Adopted", "Partly adopted", "Not adopted", "Pending"}}
	counts := r.UptakeByTheme()
	for k, p := range r.Proposals() {
		series := make([][]opts.BarData, len(uptakeVerdicts))
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
			for j, n := range []int{u.Adopted, u.Partly, u.NotAdopted, u.Pending} {
				series[j][i] = opts.BarData{Value: n}
			}
			tv.Links = append(tv.Links, withQuery(uptakeURL(d.Name), vq("proposal", d.Variants[p], "theme", u.Theme)))
			tv.Rows = append(tv.Rows, []string{d.Variants[p], themes[i].Label, strconv.Itoa(u.Proposed()),
				strconv.Itoa(u.Adopted), strconv.Itoa(u.Partly), strconv.Itoa(u.NotAdopted), strconv.Itoa(u.Pending)})
		}
		stack := "p" + strconv.Itoa(p)
		o := opts.Float(variantOpacity(k))
		name := d.Variants[p]
		for j, v := range uptakeVerdicts {
			b.AddSeries(label(name+" "+verdictLabel(v)), series[j], charts.WithBarChartOpts(opts.BarChart{Stack: stack}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: verdictColors[j], Opacity: o}))
			row := make([]string, len(themes))
			for i, t := range themes {
				row[i] = withQuery(uptakeURL(d.Name), vq("proposal", name, "theme", t.Name, "verdict", string(v)))
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
	return &chartView{
		Desc: barDesc("proposals' insertions per theme by verdict in "+d.Variants[r.Outcome], variantNames(d, r.Proposals()), len(themes), "theme", top, float64(topN), "adopted"),
		ID:   chartUptakeThemes, Title: "Uptake by theme in " + d.Variants[r.Outcome], Option: option, Links: linksJSON(barLinks), LinkBy: "series", Tall: wrapsLabels(cats),
		Note:  "Insertions of each proposal that carry the theme, by what the outcome made of them (an insertion with two themes counts for each); pending where the outcome has no text. Click a bar for those insertions.",
		Table: tv, CSV: exportURL(d.Name, "uptake", nil),
		More: link{Name: "Every insertion on the uptake page", URL: uptakeURL(d.Name)},
	}, nil
}

// uptakeVerdicts are the verdicts in the order charts stack them, and
// verdictColors their colours.
var (
	uptakeVerdicts = []analysis.Verdict{analysis.VerdictAdopted, analysis.VerdictPartly, analysis.VerdictNotAdopted, analysis.VerdictPending}
	verdictColors  = []string{colorAdded, "#f59f00", colorDeleted, colorNone}
)

// uptakeSpanChart is chart f, per proposal: insertions adopted, partly
// adopted, not adopted and pending.
func uptakeSpanChart(r *analysis.Result) (*chartView, error) {
	d := r.Document
	props := r.Proposals()
	verdicts, colors := uptakeVerdicts, verdictColors
	counts := make(map[int]map[analysis.Verdict]int)
	for _, u := range r.SpanUptake {
		if counts[u.Proposal] == nil {
			counts[u.Proposal] = make(map[analysis.Verdict]int)
		}
		counts[u.Proposal][u.Verdict]++
	}
	cats := make([]string, len(props))
	links := make([]string, len(props))
	for i, p := range props {
		cats[i] = d.Variants[p]
		links[i] = withQuery(uptakeURL(d.Name), vq("proposal", d.Variants[p]))
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
			barLinks[j][i] = withQuery(uptakeURL(d.Name), vq("proposal", d.Variants[p], "verdict", string(v)))
		}
		b.AddSeries(label(verdictLabel(v)), data, charts.WithBarChartOpts(opts.BarChart{Stack: "spans"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: colors[j]}))
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
	return &chartView{
		Desc: barDesc("insertions per proposal by verdict in "+d.Variants[r.Outcome], nil, len(props), "proposal", top, float64(topN), "adopted"),
		ID:   chartUptakeSpans, Title: "Uptake of proposals in " + d.Variants[r.Outcome], Option: option, Links: linksJSON(barLinks), LinkBy: "series", Tall: wrapsLabels(cats),
		Note:  "Insertions each proposal made: adopted when all their words appear, in order, among the outcome's inserted words; partly when some do. Click a bar for those insertions.",
		Table: tv, CSV: exportURL(d.Name, "verdicts", nil),
		More: link{Name: "Every insertion on the uptake page", URL: uptakeURL(d.Name)},
	}, nil
}

// verdictLabel names a verdict for readers.
func verdictLabel(v analysis.Verdict) string {
	switch v {
	case analysis.VerdictAdopted:
		return "adopted"
	case analysis.VerdictPartly:
		return "partly adopted"
	case analysis.VerdictNotAdopted:
		return "not adopted"
	case analysis.VerdictPending:
		return "pending"
	case analysis.VerdictOutOfScope:
		return "out of scope"
	}
	return string(v)
}
