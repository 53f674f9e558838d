package dashboard

import (
	"fmt"
	"net/url"
	"slices"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// themeView is the body of a theme's page.
type themeView struct {
	Doc      docHeader
	Theme    themeInfo
	Variants []link
	Section  string // the section filter, "" for all
	Groups   []kwicGroup
	Total    int
	Pager    pager // the page of hits shown
	Exports  []exportLink
	// Base is the paragraphs whose base text has a term of the theme, for
	// a document that has only its base text, which adds no hit.
	Base *baseView
}

// kwicGroup holds the hits of one section.
type kwicGroup struct {
	Section link
	Hits    []kwicHit
}

// kwicHit is one added hit in keyword-in-context form.
type kwicHit struct {
	Para    link
	Variant string
	Left    string
	Match   string
	Right   string
	Term    string
}

// theme serves /d/{doc}/t/{theme}: every added hit of the theme in context.
func (s *server) theme(c *gin.Context) {
	name := c.Param("theme")
	s.docPage(c, []string{"variant", "section", "page"}, func(r *analysis.Result, q url.Values) (*view, error) {
		dict := s.dictOf(r)
		tq, err := parseThemeQuery(r, dict, name, q)
		if err != nil {
			return nil, err
		}
		t := s.themeOf(dict, name)
		tv, err := s.buildTheme(r, t, tq)
		if err != nil {
			return nil, err
		}
		return &view{
			Template:   "theme",
			Title:      t.Label + " – " + docTitle(r.Document),
			Crumbs:     docCrumbs(r.Document, link{Name: "Theme " + t.Label}),
			ThemeStyle: themeStyleURL([]themeInfo{t}),
			Body:       tv,
		}, nil
	})
}

// themeQuery is a theme page's parameters, checked against the document:
// the variant shown (0 for all), the section filter, the page of hits.
type themeQuery struct {
	q         url.Values
	sel       int
	inSection func(string) bool
	page      int
}

// parseThemeQuery reads the parameters of the page of theme name of r,
// analysed with dict: an unknown theme, variant or section is a notFound
// error, a malformed page a badRequest.
func parseThemeQuery(r *analysis.Result, dict *analysis.Dictionary, name string, q url.Values) (themeQuery, error) {
	tq := themeQuery{q: q}
	if !slices.Contains(dict.Names(), name) {
		return tq, notFound(fmt.Sprintf("The dictionary of %s has no theme %q.", r.Document.Name, name))
	}
	var err error
	if tq.sel, err = variantParam(r, q); err != nil {
		return tq, err
	}
	if tq.inSection, err = sectionFilter(r.Document, q.Get("section")); err != nil {
		return tq, err
	}
	tq.page, err = pageParam(q)
	return tq, err
}

// buildTheme returns the body of theme t's page of r: the page's added
// hits of the theme in context, grouped by section in document order, and
// how many there are in all; for a document of the base text alone, its
// text with the theme's terms.
func (s *server) buildTheme(r *analysis.Result, t themeInfo, tq themeQuery) (themeView, error) {
	d := r.Document
	q, name := tq.q, t.Name
	// Only the hits of the page are shown: lo to hi in document order.
	lo, hi := (tq.page-1)*pageRows, tq.page*pageRows
	path := themeURL(d.Name, name)
	filters := vq("theme", name, "variant", q.Get("variant"), "section", q.Get("section"))
	tv := themeView{
		Doc:      headerOf(r),
		Theme:    t,
		Variants: variantLinks(r, path, q, tq.sel, true),
		Section:  q.Get("section"),
		Exports:  []exportLink{{Table: "hits", CSV: exportURL(d.Name, "hits", filters), JSON: apiURL(d.Name, "hits", filters)}},
	}
	if d.BaseOnly() {
		tv.Base = s.baseText(r, []themeInfo{t}, func(p int) bool { return tq.inSection(d.Paragraphs[p].Section) }, name)
		return tv, tv.Base.page(path, q)
	}
	titles := sectionTitles(d)
	group := make(map[string]int)
	names := rowNames(d)
	for p, para := range d.Paragraphs {
		if !tq.inSection(para.Section) {
			continue
		}
		for _, v := range shownVariants(d, tq.sel) {
			text := para.Texts[v]
			for _, h := range r.Comparison(p, v).Hits {
				if h.Theme != name || h.Change != analysis.ChangeAdded {
					continue
				}
				tv.Total++
				if tv.Total <= lo || tv.Total > hi {
					continue
				}
				a, b := clamp(text, h.Bytes)
				left, right := analysis.KWIC(text, a, b, analysis.KWICWords)
				gi, ok := group[para.Section]
				if !ok {
					gi = len(tv.Groups)
					group[para.Section] = gi
					g := kwicGroup{Section: link{Name: "No section"}}
					if para.Section != "" {
						g.Section = link{Name: titles[para.Section], URL: sectionURL(d.Name, para.Section)}
						if g.Section.Name == "" {
							g.Section.Name = para.Section
						}
					}
					tv.Groups = append(tv.Groups, g)
				}
				tv.Groups[gi].Hits = append(tv.Groups[gi].Hits, kwicHit{
					Para:    link{Name: rowName(names, para.ID), URL: paraURL(d.Name, para.ID)},
					Variant: d.Variants[v],
					Left:    left,
					Match:   text[a:b],
					Right:   right,
					Term:    h.Term,
				})
			}
		}
	}
	pg, _, _, err := paginate(path, q, tv.Total, tq.page)
	if err != nil {
		return tv, err
	}
	tv.Pager = pg
	return tv, nil
}

// sectionFilter returns a test for paragraphs' section IDs: true for the
// section id and its subsections, or for all when id is "". An unknown id is
// a notFound error.
func sectionFilter(d *analysis.Document, id string) (func(string) bool, error) {
	if id == "" {
		return func(string) bool { return true }, nil
	}
	set := sectionTree(d, id)
	if len(set) == 0 {
		return nil, notFound(fmt.Sprintf("Document %s has no section %q.", d.Name, id))
	}
	return func(s string) bool { return set[s] }, nil
}

// sectionTree returns the section id and all its descendants, or nil when
// the document has no such section.
func sectionTree(d *analysis.Document, id string) map[string]bool {
	set := make(map[string]bool)
	for _, sec := range d.Sections {
		if sec.ID == id {
			set[id] = true
		}
	}
	if len(set) == 0 {
		return nil
	}
	for grew := true; grew; {
		grew = false
		for _, sec := range d.Sections {
			if !set[sec.ID] && set[sec.Parent] {
				set[sec.ID] = true
				grew = true
			}
		}
	}
	return set
}
