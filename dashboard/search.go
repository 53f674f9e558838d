package dashboard

import (
	"net/url"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// searchView is the body of a document's search page.
type searchView struct {
	Doc       docHeader
	Action    string // the form's URL
	Query     string // "" before a search
	Variant   string // the variant filter, "" for all
	Section   string // the section filter, "" for all
	Total     int    // hits of the query under the filters
	Paras     int    // paragraphs they are in
	ByVariant []countRow
	BySection []countRow
	Hits      []kwicHit // the page's
	Pager     pager
	Exports   []exportLink
}

// countRow is how many hits one variant or section holds, linking to them.
type countRow struct {
	Name  string
	URL   string
	Count int
}

// search serves /d/{doc}/search?q=: every place a word or phrase occurs,
// in every text, with its context.
func (s *server) search(c *gin.Context) {
	s.docPage(c, []string{"q", "variant", "section", "page"}, func(r *analysis.Result, q url.Values) (*view, error) {
		sv, err := buildSearch(r, q)
		if err != nil {
			return nil, err
		}
		title := "Search"
		if sv.Query != "" {
			title = "“" + sv.Query + "”"
		}
		return &view{
			Template: "search",
			Title:    title + " – " + docTitle(r.Document),
			Crumbs:   docCrumbs(r.Document, link{Name: "Search"}),
			Body:     sv,
		}, nil
	})
}

// buildSearch returns the body of r's search page for the query q: the
// hits of q.Get("q") under the variant and section filters, counted per
// variant and section, the page's hits in context. An unknown variant or
// section is not found, a query that is no term a bad request.
func buildSearch(r *analysis.Result, q url.Values) (searchView, error) {
	d := r.Document
	path := searchURL(d.Name)
	f := analysis.Filter{Query: q.Get("q"), Variant: q.Get("variant"), Section: q.Get("section")}
	sv := searchView{Doc: headerOf(r), Action: path, Query: f.Query, Variant: f.Variant, Section: f.Section}
	if err := analysis.CheckFilter(r, f); err != nil {
		return sv, notFound(err.Error())
	}
	page, err := pageParam(q)
	if err != nil || f.Query == "" {
		return sv, err
	}
	hits, err := r.Search(f)
	if err != nil {
		return sv, err
	}
	sv.Total = len(hits)
	pg, lo, hi, err := paginate(path, q, len(hits), page)
	if err != nil {
		return sv, err
	}
	sv.Pager = pg
	filters := vq("q", f.Query, "variant", f.Variant, "section", f.Section)
	sv.Exports = []exportLink{{Table: "search", CSV: exportURL(d.Name, "search", filters), JSON: apiURL(d.Name, "search", filters)}}

	byVariant := make([]int, len(d.Variants))
	bySection := map[string]int{}
	lastPara := -1
	for _, h := range hits {
		byVariant[h.Variant]++
		bySection[d.Paragraphs[h.Paragraph].Section]++
		if h.Paragraph != lastPara {
			sv.Paras++
			lastPara = h.Paragraph
		}
	}
	for v, n := range byVariant {
		if n > 0 {
			sv.ByVariant = append(sv.ByVariant, countRow{Name: d.Variants[v], Count: n, URL: withQuery(path, vq("q", f.Query, "variant", d.Variants[v], "section", f.Section))})
		}
	}
	for _, sec := range d.Sections {
		if n := bySection[sec.ID]; n > 0 {
			sv.BySection = append(sv.BySection, countRow{Name: sectionName(sec), Count: n, URL: withQuery(path, vq("q", f.Query, "variant", f.Variant, "section", sec.ID))})
		}
	}
	names := rowNames(d)
	for _, h := range hits[lo:hi] {
		para := &d.Paragraphs[h.Paragraph]
		sv.Hits = append(sv.Hits, kwicHit{
			Para:    link{Name: rowName(names, para.ID), URL: paraURL(d.Name, para.ID)},
			Variant: d.Variants[h.Variant],
			Left:    h.Left,
			Match:   h.Matched,
			Right:   h.Right,
		})
	}
	return sv, nil
}
