package dashboard

import (
	"fmt"
	"net/url"
	"slices"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// uptakeParams are the filters of the uptake page, and its page of rows.
var uptakeParams = []string{"proposal", "verdict", "theme", "section", "page"}

// uptakeView is the body of the uptake page.
type uptakeView struct {
	Doc       docHeader
	Outcome   string
	Proposals []link // filter links, "All" first
	Themes    []link
	Verdicts  []verdictCount // counts under the other filters, each a filter link
	Filtered  []string       // the filters in force, for the heading
	Clear     string         // URL without filters
	Rows      []uptakeRow
	Pager     pager
	Exports   []exportLink
	// Note stands for the page when the document has only its base text.
	Note string
}

// verdictCount is the number of insertions with one verdict, linking to
// them.
type verdictCount struct {
	Verdict string
	Label   string
	Count   int
	URL     string
	Active  bool
}

// uptakeRow is one insertion of a proposal and what the outcome made of it.
type uptakeRow struct {
	Para     link
	Section  link
	Proposal string
	Verdict  string
	Label    string
	Words    int
	Adopted  int
	Themes   []themeLink
	Text     string
}

// themeLink is a theme in a row, linking to the rows of that theme.
type themeLink struct {
	themeInfo
	URL string
}

// uptake serves /d/{doc}/uptake: every insertion of a proposal with its
// verdict, filtered by proposal, verdict, theme and section.
func (s *server) uptake(c *gin.Context) {
	s.docPage(c, uptakeParams, func(r *analysis.Result, q url.Values) (*view, error) {
		return s.uptakeView(r, q)
	})
}

func (s *server) uptakeView(r *analysis.Result, q url.Values) (*view, error) {
	d := r.Document
	if d.BaseOnly() {
		// Not an error: the document is whole, it waits for a version.
		return &view{
			Template: "uptake",
			Title:    "Uptake – " + d.Name,
			Crumbs:   docCrumbs(d.Name, link{Name: "Uptake"}),
			Body:     uptakeView{Doc: headerOf(r), Note: analysis.BaseOnlyNote},
		}, nil
	}
	if r.Outcome == 0 {
		return nil, notFound(fmt.Sprintf("Document %s has no outcome column, so no uptake.", d.Name))
	}
	dict := s.dictOf(r)
	path := uptakeURL(d.Name)
	proposal := 0
	if name := q.Get("proposal"); name != "" {
		for _, p := range r.Proposals() {
			if d.Variants[p] == name {
				proposal = p
			}
		}
		if proposal == 0 {
			return nil, notFound(fmt.Sprintf("Document %s has no proposal %q.", d.Name, name))
		}
	}
	verdict := analysis.Verdict(q.Get("verdict"))
	if verdict != "" && slices.Index(uptakeVerdicts, verdict) < 0 {
		return nil, notFound(fmt.Sprintf("There is no verdict %q; the verdicts are adopted, partly, not_adopted and pending.", verdict))
	}
	theme := q.Get("theme")
	if theme != "" && !slices.Contains(dict.Names(), theme) {
		return nil, notFound(fmt.Sprintf("The dictionary of %s has no theme %q.", d.Name, theme))
	}
	inSection, err := sectionFilter(d, q.Get("section"))
	if err != nil {
		return nil, err
	}
	n, err := pageParam(q)
	if err != nil {
		return nil, err
	}
	names := dict.Names()
	themes := make(map[string]themeInfo, len(names))
	for _, t := range s.themeInfos(dict) {
		themes[t.Name] = t
	}
	titles := sectionTitles(d)

	// Counts per verdict follow every filter but the verdict's, so that
	// each is a link to a choice.
	counts := make([]int, len(uptakeVerdicts))
	var keep []int // indexes into r.SpanUptake
	var rowThemes [][]string
	for i, u := range r.SpanUptake {
		if proposal != 0 && u.Proposal != proposal {
			continue
		}
		para := &d.Paragraphs[u.Paragraph]
		if !inSection(para.Section) {
			continue
		}
		cmp := r.Comparison(u.Paragraph, u.Proposal)
		if u.Span < 0 || u.Span >= len(cmp.Spans) {
			continue
		}
		ts := analysis.InsertionThemes(cmp, u.Span, names)
		if theme != "" && !slices.Contains(ts, theme) {
			continue
		}
		if j := slices.Index(uptakeVerdicts, u.Verdict); j >= 0 {
			counts[j]++
		}
		if verdict != "" && u.Verdict != verdict {
			continue
		}
		keep = append(keep, i)
		rowThemes = append(rowThemes, ts)
	}
	pg, lo, hi, err := paginate(path, q, len(keep), n)
	if err != nil {
		return nil, err
	}
	uv := uptakeView{
		Doc:     headerOf(r),
		Outcome: d.Variants[r.Outcome],
		Clear:   path,
		Pager:   pg,
	}
	filterLinks := func(key, all string, values, labels []string) []link {
		out := []link{{Name: all, URL: filterURL(path, q, key, ""), Active: q.Get(key) == ""}}
		for i, v := range values {
			out = append(out, link{Name: labels[i], URL: filterURL(path, q, key, v), Active: q.Get(key) == v})
		}
		return out
	}
	var props []string
	for _, p := range r.Proposals() {
		props = append(props, d.Variants[p])
	}
	uv.Proposals = filterLinks("proposal", "All proposals", props, props)
	labels := make([]string, len(names))
	for i, name := range names {
		labels[i] = themes[name].Label
	}
	uv.Themes = filterLinks("theme", "All themes", names, labels)
	for j, v := range uptakeVerdicts {
		uv.Verdicts = append(uv.Verdicts, verdictCount{Verdict: string(v), Label: verdictLabel(v), Count: counts[j], URL: filterURL(path, q, "verdict", string(v)), Active: verdict == v})
	}
	for _, kv := range []struct{ key, name string }{{"proposal", "proposal"}, {"verdict", "verdict"}, {"theme", "theme"}, {"section", "section"}} {
		if v := q.Get(kv.key); v != "" {
			uv.Filtered = append(uv.Filtered, kv.name+" "+v)
		}
	}
	for k := lo; k < hi; k++ {
		u := r.SpanUptake[keep[k]]
		para := &d.Paragraphs[u.Paragraph]
		span := r.Comparison(u.Paragraph, u.Proposal).Spans[u.Span]
		row := uptakeRow{
			Para:     link{Name: para.ID, URL: paraURL(d.Name, para.ID)},
			Proposal: d.Variants[u.Proposal],
			Verdict:  string(u.Verdict),
			Label:    verdictLabel(u.Verdict),
			Words:    u.Words,
			Adopted:  u.Adopted,
			Text:     sliceText(para.Texts[u.Proposal], span.VarBytes),
		}
		if para.Section != "" {
			row.Section = link{Name: titles[para.Section], URL: sectionURL(d.Name, para.Section)}
		}
		for _, t := range rowThemes[k] {
			row.Themes = append(row.Themes, themeLink{themeInfo: themes[t], URL: filterURL(path, q, "theme", t)})
		}
		uv.Rows = append(uv.Rows, row)
	}
	vf := vq("variant", q.Get("proposal"), "section", q.Get("section"))
	uv.Exports = []exportLink{
		{Table: "verdicts", CSV: exportURL(d.Name, "verdicts", vf), JSON: apiURL(d.Name, "verdicts", vf)},
		{Table: "uptake", CSV: exportURL(d.Name, "uptake", vq("variant", q.Get("proposal"), "theme", theme)), JSON: apiURL(d.Name, "uptake", vq("variant", q.Get("proposal"), "theme", theme))},
	}
	title := "Uptake in " + d.Variants[r.Outcome]
	return &view{
		Template:   "uptake",
		Title:      title + " – " + d.Name,
		Crumbs:     docCrumbs(d.Name, link{Name: "Uptake"}),
		ThemeStyle: themeStyleURL(s.themeInfos(dict)),
		Body:       uv,
	}, nil
}

// sliceText returns text[r.Start:r.End], or "" when r does not fit text.
// It is not markup.go's excerpt on purpose: the uptake page shows an
// insertion's text exactly as the uptake CSV and JSON do (analysis's table
// writer slices the same way), untrimmed and empty where a stored range
// does not fit its text, so that a row reads the same on the page and in
// its download; excerpt cuts such a range down to the text and trims it,
// for reading a change beside its paragraph.
func sliceText(text string, r analysis.Range) string {
	if r.Start < 0 || r.End > len(text) || r.Start > r.End {
		return ""
	}
	return text[r.Start:r.End]
}
