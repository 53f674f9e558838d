package dashboard

import (
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// uptakeThemeChart is chart f, per theme: hits each proposal added that the
// outcome adopted, did not adopt, or cannot tell yet (pending).
func uptakeThemeChart(r *analysis.Result, themes []themeInfo) (*chartView, error) {
	d := r.Document
	cats := make([]string, len(themes))
	links := make([]string, len(themes))
	index := make(map[string]int, len(themes))
	for i, t := range themes {
		cats[i] = t.Label
		links[i] = themeURL(d.Name, t.Name)
		index[t.Name] = i
	}
	b := barChart(chartUptakeThemes, cats)
	tv := tableView{Head: []string{"Proposal", "Theme", "Proposed", "Adopted", "Pending"}}
	for k, p := range r.Proposals() {
		adopted := make([]opts.BarData, len(themes))
		rejected := make([]opts.BarData, len(themes))
		pending := make([]opts.BarData, len(themes))
		for i := range themes {
			adopted[i], rejected[i], pending[i] = opts.BarData{Value: 0}, opts.BarData{Value: 0}, opts.BarData{Value: 0}
		}
		for _, u := range r.ThemeUptake {
			i, ok := index[u.Theme]
			if u.Proposal != p || !ok {
				continue
			}
			adopted[i] = opts.BarData{Value: u.Adopted}
			rejected[i] = opts.BarData{Value: u.Proposed - u.Adopted}
			pending[i] = opts.BarData{Value: u.Pending}
			tv.Rows = append(tv.Rows, []string{d.Variants[p], themes[i].Label, strconv.Itoa(u.Proposed), strconv.Itoa(u.Adopted), strconv.Itoa(u.Pending)})
		}
		stack := "p" + strconv.Itoa(p)
		o := opts.Float(variantOpacity(k))
		name := d.Variants[p]
		b.AddSeries(label(name+" adopted"), adopted, charts.WithBarChartOpts(opts.BarChart{Stack: stack}), charts.WithItemStyleOpts(opts.ItemStyle{Color: colorAdded, Opacity: o}))
		b.AddSeries(label(name+" not adopted"), rejected, charts.WithBarChartOpts(opts.BarChart{Stack: stack}), charts.WithItemStyleOpts(opts.ItemStyle{Color: colorDeleted, Opacity: o}))
		b.AddSeries(label(name+" pending"), pending, charts.WithBarChartOpts(opts.BarChart{Stack: stack}), charts.WithItemStyleOpts(opts.ItemStyle{Color: colorNone, Opacity: o}))
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	return &chartView{
		ID: chartUptakeThemes, Title: "Uptake by theme in " + d.Variants[r.Outcome], Option: option, Links: linksJSON(links), LinkBy: "index",
		Note:  "Theme hits each proposal added: adopted when the outcome added a hit of the same theme in the same paragraph; pending where the outcome has no text. Click a bar for the theme.",
		Table: tv, CSV: exportURL(d.Name, "uptake", nil),
	}, nil
}

// uptakeSpanChart is chart f, per proposal: insertions adopted, partly
// adopted, not adopted and pending.
func uptakeSpanChart(r *analysis.Result) (*chartView, error) {
	d := r.Document
	props := r.Proposals()
	verdicts := []analysis.Verdict{analysis.VerdictAdopted, analysis.VerdictPartly, analysis.VerdictNotAdopted, analysis.VerdictPending}
	colors := []string{colorAdded, "#f59f00", colorDeleted, colorNone}
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
		links[i] = withQuery(docURL(d.Name), vq("variant", d.Variants[p]))
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
	for j, v := range verdicts {
		data := make([]opts.BarData, len(props))
		for i, p := range props {
			data[i] = opts.BarData{Value: counts[p][v]}
		}
		b.AddSeries(label(verdictLabel(v)), data, charts.WithBarChartOpts(opts.BarChart{Stack: "spans"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: colors[j]}))
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	return &chartView{
		ID: chartUptakeSpans, Title: "Uptake of proposals in " + d.Variants[r.Outcome], Option: option, Links: linksJSON(links), LinkBy: "index",
		Note:  "Insertions each proposal made: adopted when all their words appear, in order, among the outcome's inserted words; partly when some do.",
		Table: tv, CSV: exportURL(d.Name, "verdicts", nil),
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
	}
	return string(v)
}
