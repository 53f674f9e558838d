package dashboard

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/analysis"
)

// sectionView is the body of a section's page.
type sectionView struct {
	Doc         docHeader
	ID          string
	Title       string
	Parent      link
	Subsections []link
	Variants    []link
	Figures     []variantFigures
	Rows        []paraRank
	Pager       pager // the page of Rows shown
	Charts      []*chartView
	Exports     []exportLink
	// Base is the section's base text, for a document that has only its
	// base text; it then stands for the figures, ranking and charts.
	Base *baseView
}

// paraRank is a paragraph of the section with its change volume.
type paraRank struct {
	Rank    int
	Para    link
	Added   int
	Deleted int
	Volume  int
	Detail  []string // per variant shown: "+added −deleted (status)"
}

// section serves /d/{doc}/s/{section}: the section's paragraphs ranked by
// change volume, with its charts.
func (s *server) section(c *gin.Context) {
	id := c.Param("section")
	s.docPage(c, []string{"variant", "page"}, func(r *analysis.Result, q url.Values) (*view, error) {
		sq, err := parseSectionQuery(r, id, q)
		if err != nil {
			return nil, err
		}
		themes := s.themeInfos(s.dictOf(r))
		sv, crumbs, err := s.buildSection(r, themes, sq)
		if err != nil {
			return nil, err
		}
		return &view{
			Template:   "section",
			Title:      "Section " + sectionName(*sq.sec) + " – " + docTitle(r.Document),
			Crumbs:     crumbs,
			ThemeStyle: themeStyleURL(themes),
			Body:       sv,
		}, nil
	})
}

// sectionQuery is a section page's parameters, checked against the
// document: the section, the variant shown (0 for all), the page of the
// ranking.
type sectionQuery struct {
	q    url.Values
	sec  *analysis.Section
	sel  int
	page int
}

// parseSectionQuery reads the parameters of the page of section id of r:
// an unknown section or variant is a notFound error, a malformed page a
// badRequest.
func parseSectionQuery(r *analysis.Result, id string, q url.Values) (sectionQuery, error) {
	d := r.Document
	sq := sectionQuery{q: q}
	for i := range d.Sections {
		if d.Sections[i].ID == id {
			sq.sec = &d.Sections[i]
			break
		}
	}
	if sq.sec == nil {
		return sq, notFound(fmt.Sprintf("Document %s has no section %q.", d.Name, id))
	}
	var err error
	if sq.sel, err = variantParam(r, q); err != nil {
		return sq, err
	}
	sq.page, err = pageParam(q)
	return sq, err
}

// buildSection returns the body of a section's page and its crumbs: its
// figures per variant, its paragraphs ranked by change volume (a page of
// them), its charts; for a document of the base text alone, its text.
func (s *server) buildSection(r *analysis.Result, themes []themeInfo, sq sectionQuery) (sectionView, []link, error) {
	d := r.Document
	sec, sel, q := sq.sec, sq.sel, sq.q
	shown := shownVariants(d, sel)
	var vf string
	if sel > 0 {
		vf = d.Variants[sel]
	}
	tree := sectionTree(d, sec.ID)
	path := sectionURL(d.Name, sec.ID)
	sv, crumbs := sectionFrame(r, sq)
	if d.BaseOnly() {
		sv.Base = s.baseText(r, themes, func(p int) bool { return tree[d.Paragraphs[p].Section] }, "")
		if err := sv.Base.page(path, q); err != nil {
			return sv, nil, err
		}
		return sv, crumbs, nil
	}
	metrics := make(map[int]analysis.Metrics)
	for _, sm := range r.Sections {
		if sm.Section == sec.ID {
			metrics[sm.Variant] = sm.Metrics
		}
	}
	for _, v := range shown {
		m := metrics[v]
		sv.Figures = append(sv.Figures, variantFigures{
			Index: v, Name: d.Variants[v], Role: role(r, v), URL: withQuery(path, vq("variant", d.Variants[v])),
			Paragraphs: m.Paragraphs, Amended: m.Amended, New: m.New, Unchanged: m.Unchanged, Absent: m.Absent,
			Added: m.Added, NewWords: m.NewWords, Deleted: m.Deleted, Ratio: ratioText(m),
			TopThemes: topThemes(d.Name, m.ThemeAdded, themes, 3),
		})
	}
	var paras []int
	for p, para := range d.Paragraphs {
		if tree[para.Section] {
			paras = append(paras, p)
		}
	}
	sv.Rows = rankParagraphs(r, paras, shown)
	// A page shows pageRows paragraphs of the ranking, in its table and its
	// chart.
	pg, lo, hi, err := paginate(path, q, len(sv.Rows), sq.page)
	if err != nil {
		return sv, nil, err
	}
	sv.Rows = sv.Rows[lo:hi]
	sv.Pager = pg.anchored("ranking")
	pc, err := sectionParagraphChart(r, sv.Rows, paras, shown, vf, sec.ID)
	if err != nil {
		return sv, nil, err
	}
	tc, err := themeBars(chartSectionThemes, "Themes in section "+sec.ID, r, themes, shown, vf, func(v int) map[string]int {
		return metrics[v].ThemeAdded
	})
	if err != nil {
		return sv, nil, err
	}
	tc.CSV = exportURL(d.Name, "sections", vq("section", sec.ID, "variant", vf))
	sv.Charts = []*chartView{pc, tc}
	return sv, crumbs, nil
}

// sectionFrame returns what the page of sq's section of r shows around its
// figures (its names, variant links, downloads, parent and subsections)
// and the page's crumbs.
func sectionFrame(r *analysis.Result, sq sectionQuery) (sectionView, []link) {
	d, sec := r.Document, sq.sec
	var vf string
	if sq.sel > 0 {
		vf = d.Variants[sq.sel]
	}
	sv := sectionView{
		Doc:      headerOf(r),
		ID:       sec.ID,
		Title:    sec.Title,
		Variants: variantLinks(r, sectionURL(d.Name, sec.ID), sq.q, sq.sel, true),
		Exports:  exportLinks(d.Name, vq("section", sec.ID, "variant", vf)),
	}
	crumbs := docCrumbs(d)
	for _, other := range d.Sections {
		if other.ID == sec.Parent && sec.Parent != "" {
			sv.Parent = link{Name: sectionName(other), URL: sectionURL(d.Name, other.ID)}
			crumbs = append(crumbs, link{Name: "Section " + other.ID, URL: sv.Parent.URL})
		}
		if other.Parent == sec.ID {
			sv.Subsections = append(sv.Subsections, link{Name: sectionName(other), URL: sectionURL(d.Name, other.ID)})
		}
	}
	return sv, append(crumbs, link{Name: "Section " + sec.ID})
}

// rankParagraphs ranks paragraphs paras of r by the words the variants
// shown add and delete in them, most first (the order of paras between
// equals).
func rankParagraphs(r *analysis.Result, paras []int, shown []int) []paraRank {
	d := r.Document
	names := rowNames(d)
	rows := make([]paraRank, 0, len(paras))
	for _, p := range paras {
		para := d.Paragraphs[p]
		pr := paraRank{Para: link{Name: rowName(names, para.ID), URL: paraURL(d.Name, para.ID)}}
		for _, v := range shown {
			cmp := r.Comparison(p, v)
			pr.Added += cmp.Added
			pr.Deleted += cmp.Deleted
			pr.Detail = append(pr.Detail, fmt.Sprintf("+%d −%d (%s)", cmp.Added, cmp.Deleted, cmp.Status))
		}
		pr.Volume = pr.Added + pr.Deleted
		rows = append(rows, pr)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Volume > rows[j].Volume })
	for i := range rows {
		rows[i].Rank = i + 1
	}
	return rows
}

// sectionParagraphChart charts the change volume of rows, paragraphs of a
// section, in ranked order, stacked per variant.
func sectionParagraphChart(r *analysis.Result, rows []paraRank, paras []int, shown []int, vf, section string) (*chartView, error) {
	d := r.Document
	index := make(map[string]int, len(paras))
	for _, p := range paras {
		index[d.Paragraphs[p].ID] = p
	}
	cats := make([]string, len(rows))
	links := make([]string, len(rows))
	for i, row := range rows {
		cats[i] = row.Para.Name
		links[i] = row.Para.URL
	}
	b := barChart(chartSectionParas, cats)
	tv := tableView{Head: []string{"Paragraph"}}
	tr := make([][]string, len(rows))
	for i, row := range rows {
		tr[i] = []string{row.Para.Name}
	}
	for k, v := range shown {
		added := make([]opts.BarData, len(rows))
		deleted := make([]opts.BarData, len(rows))
		for i, row := range rows {
			cmp := r.Comparison(index[row.Para.Name], v)
			added[i] = opts.BarData{Value: cmp.Added}
			deleted[i] = opts.BarData{Value: cmp.Deleted}
			tr[i] = append(tr[i], strconv.Itoa(cmp.Added), strconv.Itoa(cmp.Deleted))
		}
		name := d.Variants[v]
		addChangeSeries(b, name, v, k, added, deleted)
		tv.Head = append(tv.Head, name+" added", name+" deleted")
	}
	tv.Rows = tr
	tv.Links = links
	option, err := chartOption(b)
	if err != nil {
		return nil, err
	}
	top, topN := "", 0
	for _, row := range rows {
		if row.Volume > topN {
			top, topN = "paragraph "+row.Para.Name, row.Volume
		}
	}
	return &chartView{
		Desc: barDesc("added and deleted words per paragraph of section "+section, variantNames(d, shown), len(rows), "paragraph", top, float64(topN), "words"),
		ID:   chartSectionParas, Title: "Change per paragraph", Option: option, Links: linksJSON(links), LinkBy: "index",
		Note:  "Added (green) and deleted (red) words per paragraph, most changed first. Click a bar for the paragraph.",
		Table: tv, CSV: exportURL(d.Name, "paragraphs", vq("section", section, "variant", vf)),
	}, nil
}
