package dashboard

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// chartProvenance is the id of the chart of where the last stage's words
// came from.
const chartProvenance = "chart_provenance"

// sourceColor is the colour of source i of sourceKeys: grey for the
// first stage's words, the palette for the others, as sourceClass.
func sourceColor(i int) string {
	if i == 0 {
		return colorNone
	}
	return paletteColor((i - 1) % paletteSize)
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
	keys := sourceKeys(r)
	page := d.Sections[secs.Lo:secs.Hi]
	cats := []string{"Whole text"}
	links := []string{docURL(d.Name)}
	for _, sec := range page {
		cats = append(cats, sectionName(sec))
		links = append(links, sectionURL(d.Name, sec.ID))
	}
	words := provenanceWords(r, sources, page)
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
		b.AddSeries(label(sw.Label(r)), data, charts.WithBarChartOpts(opts.BarChart{Stack: "words"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: sourceColor(keys[wordsKey(sw)])}))
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	note, top, topN := provenanceNote(r, sources, words[0])
	return secs.drawn(&chartView{
		ID: chartProvenance, Title: "Where " + r.Stages[last].Name + " came from", Option: option,
		Desc:  barDesc("the words of "+r.Stages[last].Name+" by source, for the whole text and per section", nil, len(cats), "bar", top, topN, "words from a proposal"),
		Note:  note,
		Links: linksJSON(links), LinkBy: "index", Tall: true,
		Table: tv, CSV: exportURL(d.Name, "provenance", vq("stage", "final")),
	}, nil)
}

// provenanceWords returns the words of r's last stage per category (the
// whole text, then each section of page with its subsections) and source
// (a column of sources).
func provenanceWords(r *analysis.Result, sources []analysis.SourceWords, page []analysis.Section) [][]float64 {
	d := r.Document
	last := len(r.Stages) - 1
	index := make(map[sourceKey]int, len(sources)) // source -> its column
	for k, sw := range sources {
		index[wordsKey(sw)] = k
	}
	in := make([]func(string) bool, len(page))
	for i, sec := range page {
		set := sectionTree(d, sec.ID)
		in[i] = func(s string) bool { return set[s] }
	}
	words := make([][]float64, 1+len(page)) // category, source
	for i := range words {
		words[i] = make([]float64, len(sources))
	}
	for _, run := range r.Provenance {
		if run.Stage != last {
			continue
		}
		k, ok := index[keyOf(r, run.Credit)]
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
	return words
}

// provenanceNote words the provenance chart's note from whole, the words
// of r's last stage per source, and names the actor who brought most, with
// their words.
func provenanceNote(r *analysis.Result, sources []analysis.SourceWords, whole []float64) (note, top string, topN float64) {
	last := len(r.Stages) - 1
	total := 0.0
	for k, sw := range sources {
		total += whole[k]
		if sw.Actor != "" && whole[k] > topN {
			top, topN = sw.Actor, whole[k]
		}
	}
	note = fmt.Sprintf("The %s words of %s by where they came from", fmtNum(total), r.Stages[last].Name)
	for k, sw := range sources {
		sep := ","
		if k == 0 {
			sep = ":"
		}
		if total > 0 {
			note += fmt.Sprintf("%s %s %s%%", sep, sw.Label(r), strconv.FormatFloat(100*whole[k]/total, 'f', 1, 64))
		}
	}
	note += ". Words kept from the stage before keep their source; words a stage inserted are the proposal's whose insertion the stage took (the words its verdict's evidence kept), shared equally when several proposals brought them, else the stage's own, unless an earlier stage had them. A section counts its subsections. Click a bar for the section."
	return note, top, topN
}

// sourceKey names a source of words: a stage's own words (actor "") or an
// actor's, whichever stages took them (stage -1), as WordSources sums
// them.
type sourceKey struct {
	stage int
	actor string
}

// actorKey is the source of an actor's words.
func actorKey(actor string) sourceKey { return sourceKey{-1, actor} }

// wordsKey is the source sw counts.
func wordsKey(sw analysis.SourceWords) sourceKey {
	if sw.Actor != "" {
		return actorKey(sw.Actor)
	}
	return sourceKey{sw.Stage, ""}
}

// sourceKeys returns every source r can credit, in the order of their
// colours: each stage's own words, then each actor's.
func sourceKeys(r *analysis.Result) map[sourceKey]int {
	keys := map[sourceKey]int{}
	for s := range r.Stages {
		keys[sourceKey{s, ""}] = len(keys)
	}
	for _, v := range r.Proposals() {
		k := actorKey(r.Document.Actor(v))
		if _, ok := keys[k]; !ok {
			keys[k] = len(keys)
		}
	}
	return keys
}

// keyOf returns the source of credit c.
func keyOf(r *analysis.Result, c analysis.Credit) sourceKey {
	if c.Proposal < 0 {
		return sourceKey{c.Stage, ""}
	}
	return actorKey(r.Document.Actor(c.Proposal))
}

// sourceClass is the CSS class of source i of sourceKeys: none for the
// first stage's words, src-1 to src-12 (the palette, amendlens.css) for
// the others.
func sourceClass(i int) string {
	if i == 0 {
		return ""
	}
	return "src-" + strconv.Itoa((i-1)%paletteSize+1)
}

// sourceStage is one stage's text of a paragraph with each run of words
// marked by its source.
type sourceStage struct {
	Name   string
	HTML   template.HTML
	Legend []sourceCount
}

// sourceCount is a source in a stage's legend: its class and its words.
type sourceCount struct {
	Label string
	Class string
	Words string
}

// paragraphSources returns paragraph p's text at every stage after the
// first that has it, each word marked with where it came from.
func paragraphSources(r *analysis.Result, p int, tok *analysis.Tokenizer) []sourceStage {
	keys := sourceKeys(r)
	byStage := make([][]analysis.ProvenanceRun, len(r.Stages))
	for _, run := range r.Provenance {
		if run.Paragraph == p {
			byStage[run.Stage] = append(byStage[run.Stage], run)
		}
	}
	var out []sourceStage
	for s, runs := range byStage {
		if len(runs) == 0 {
			continue
		}
		text := r.Document.Paragraphs[p].Texts[r.Stages[s].Variant]
		var words []analysis.Token
		for _, t := range tok.Tokenize(text) {
			if t.Word {
				words = append(words, t)
			}
		}
		st := sourceStage{Name: r.Stages[s].Name}
		counts := map[sourceKey]float64{}
		var order []sourceKey
		var b strings.Builder
		at := 0
		for i := 0; i < len(runs); {
			run := runs[i]
			// The runs of shared words, one per proposal, side by side.
			j := i + 1
			for j < len(runs) && runs[j].Words == run.Words {
				j++
			}
			var names []string
			for _, sr := range runs[i:j] {
				k := keyOf(r, sr.Credit)
				if _, ok := counts[k]; !ok {
					order = append(order, k)
				}
				counts[k] += float64(sr.Words.End-sr.Words.Start) * sr.Credit.Share
				names = append(names, sourceLabel(r, k))
			}
			if run.Words.End > len(words) {
				break
			}
			start, end := words[run.Words.Start].Start, words[run.Words.End-1].End
			b.WriteString(template.HTMLEscapeString(text[at:start]))
			title := strings.Join(names, " and ")
			if j-i > 1 {
				title += " (shared)"
			}
			fmt.Fprintf(&b, `<span class="src %s" title="%s">%s</span>`, sourceClass(keys[keyOf(r, run.Credit)]), template.HTMLEscapeString(title), template.HTMLEscapeString(text[start:end]))
			at = end
			i = j
		}
		b.WriteString(template.HTMLEscapeString(text[at:]))
		st.HTML = template.HTML(b.String())
		for _, k := range order {
			st.Legend = append(st.Legend, sourceCount{Label: sourceLabel(r, k), Class: sourceClass(keys[k]), Words: fmtNum(counts[k])})
		}
		out = append(out, st)
	}
	return out
}

// sourceLabel names source k for readers.
func sourceLabel(r *analysis.Result, k sourceKey) string {
	return analysis.SourceWords{Stage: k.stage, Actor: k.actor}.Label(r)
}

// chartThemeSources is the id of the chart of whose wording carries each
// theme in the last stage.
const chartThemeSources = "chart_theme_sources"

// themeSourcesChart draws, per theme, where the words of the theme's terms
// in the last stage came from, in the provenance chart's colours. A bar
// opens the theme's page.
func themeSourcesChart(r *analysis.Result, themes []themeInfo, tok *analysis.Tokenizer) (*chartView, error) {
	d := r.Document
	last := len(r.Stages) - 1
	keys := sourceKeys(r)
	byTheme := r.ThemeSources(last, tok)
	var cats, links []string
	var shown []themeInfo
	// Every theme, as in the other charts of themes: one with no term in
	// the stage has no bar.
	for _, t := range themes {
		shown = append(shown, t)
		cats = append(cats, t.Label)
		links = append(links, themeURL(d.Name, t.Name))
	}
	// The sources in the order of their colours.
	order := make([]sourceKey, 0, len(keys))
	for k := range keys {
		order = append(order, k)
	}
	slices.SortFunc(order, func(a, b sourceKey) int { return keys[a] - keys[b] })
	words := make([]map[sourceKey]float64, len(shown))
	used := map[sourceKey]bool{}
	for i, t := range shown {
		words[i] = map[sourceKey]float64{}
		for _, sw := range byTheme[t.Name] {
			k := wordsKey(sw)
			words[i][k] += sw.Words
			used[k] = true
		}
	}
	b := barChart(chartThemeSources, cats)
	tv := tableView{Head: []string{"Theme"}, Links: links}
	for _, k := range order {
		if used[k] {
			tv.Head = append(tv.Head, sourceLabel(r, k))
		}
	}
	for i, t := range shown {
		row := []string{t.Label}
		for _, k := range order {
			if used[k] {
				row = append(row, fmtNum(words[i][k]))
			}
		}
		tv.Rows = append(tv.Rows, row)
	}
	top, topN := "", 0.0
	for _, k := range order {
		if !used[k] {
			continue
		}
		data := make([]opts.BarData, len(shown))
		for i := range shown {
			data[i] = opts.BarData{Value: words[i][k]}
			if k.actor != "" && words[i][k] > topN {
				top, topN = shown[i].Label+" from "+k.actor, words[i][k]
			}
		}
		b.AddSeries(label(sourceLabel(r, k)), data, charts.WithBarChartOpts(opts.BarChart{Stack: "words"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: sourceColor(keys[k])}))
	}
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	return &chartView{
		ID: chartThemeSources, Title: "Whose wording carries each theme in " + r.Stages[last].Name, Option: option,
		Desc:  barDesc("the words of each theme's terms in "+r.Stages[last].Name+" by source", nil, len(shown), "theme", top, topN, "words"),
		Note:  "Per theme, the words of " + r.Stages[last].Name + " that its terms match, by where they came from (as in the chart above). Click a bar for the theme's hits.",
		Links: linksJSON(links), LinkBy: "index", Tall: wrapsLabels(cats),
		Table: tv, CSV: exportURL(d.Name, "provenance", vq("stage", "final")),
	}, nil
}
