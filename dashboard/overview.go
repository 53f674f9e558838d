package dashboard

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// overviewView is the body of a document's overview.
type overviewView struct {
	Doc        docHeader
	Paragraphs int
	Sections   []link // the sections of the page
	// SectionPager pages Sections, and the charts and tables of sections.
	SectionPager pager
	Variant      string // the selected variant ("" for all)
	Focus        string // the variant of the heatmap and change map
	Variants     []link
	Norm         bool
	NormURL      string // toggles normalisation
	DocOrder     bool   // sections in document order rather than by change
	OrderURL     string // toggles the sections' order
	BySection    bool   // the heatmap and change map draw sections, not paragraphs
	ByURL        string // toggles BySection
	Figures      []variantFigures
	Merged       bool // a variant merged paragraphs: the figures have the column
	Absent       bool // a variant has no text for some paragraph: the note says how that counts
	Charts       []*chartView
	// MoreAlignments links to the alignments of the versions past the
	// first maxAlignmentCharts, each drawn on its variant's overview.
	MoreAlignments []link
	Exports        []exportLink
	Part           pager // the paragraphs the heatmap and change map draw, when not all
	// Base is the base text, for a document that has only its base text;
	// it then stands for the figures and charts, which need a variant.
	Base *baseView
	// CompareWith are the texts the variant shown can be compared with;
	// Compare the comparison chosen, nil when none.
	CompareWith []link
	Compare     *compareView
	// Checked is how the judgements people gave stand, nil when none.
	Checked *checkedView
	// DeleteURL is where the delete button posts, "" when read-only.
	DeleteURL string
	Reanalyse *reanalyseForm // the form analysing it again; nil when read-only
	NeedToken bool           // deleting asks for the token
}

// maxAlignmentCharts is how many versions' alignment charts the overview of
// all variants draws; each other version's is on its own overview.
const maxAlignmentCharts = 3

// variantFigures are the headline figures of one variant.
type variantFigures struct {
	Index      int // variant index, for stable element ids
	Name       string
	Role       string
	URL        string
	Paragraphs int
	Amended    int
	New        int
	Unchanged  int
	Absent     int
	Merged     int
	Added      int
	NewWords   int // of Added, the words of new paragraphs
	Deleted    int
	Ratio      string
	TopThemes  []themeCount
}

// themeCount is a theme with a count and the URL of its page.
type themeCount struct {
	themeInfo
	Count int
	URL   string
}

// exportLink names a table's CSV and JSON downloads.
type exportLink struct {
	Table string
	CSV   string
	JSON  string
}

// Excel returns the URL of the CSV download with a byte order mark, which
// Excel needs to read UTF-8 accents right.
func (e exportLink) Excel() string { return excelURL(e.CSV) }

// overview serves /d/{doc}: headline figures and the document's charts.
func (s *server) overview(c *gin.Context) {
	s.docPage(c, []string{"variant", "against", "norm", "order", "by", "part", "page", "stage", "levels", "stored"}, func(r *analysis.Result, q url.Values) (*view, error) {
		// stored=1 is the page an upload opens on: it says the document
		// was stored, and no link of the page carries it on.
		stored := q.Get("stored") == "1"
		q = cloneQuery(q)
		q.Del("stored")
		return s.overviewOf(c.Request.Context(), r, q, stored)
	})
}

// overviewOf builds the overview of r for the query q; stored says it
// opens an upload just stored.
func (s *server) overviewOf(ctx context.Context, r *analysis.Result, q url.Values, stored bool) (*view, error) {
	if r.Document.BaseOnly() {
		return s.baseOverview(r, q, stored)
	}
	oq, err := parseOverviewQuery(r, q)
	if err != nil {
		return nil, err
	}
	themes := s.themeInfos(s.dictOf(r))
	ov, err := buildOverview(r, themes, oq)
	if err != nil {
		return nil, err
	}
	ov.Doc.Stored = stored
	if oq.against >= 0 {
		if ov.Compare, err = buildCompare(ctx, r, themes, oq.sel, oq.against); err != nil {
			return nil, err
		}
	}
	if !s.cfg.ReadOnly {
		ov.DeleteURL = docURL(r.Document.Name) + "/delete"
		ov.NeedToken = s.cfg.Token != ""
		ov.Reanalyse = reanalyseFormOf(r)
	}
	if len(r.Judgements) > 0 {
		ov.Checked = &checkedView{Checked: r.Checked(), CSV: exportURL(r.Document.Name, "judgements", nil)}
	}
	return overviewPage(r.Document, themes, ov), nil
}

// overviewQuery is the overview's parameters, checked: the variant shown
// (0 for all), words per 100 base words, sections in document order, the
// heatmap and change map by section, the part of paragraphs they draw and
// the page of sections.
type overviewQuery struct {
	q                         url.Values
	sel                       int
	norm, docOrder, bySection bool
	allLevels                 bool // the sections chart ranks subsections beside their sections
	part, page                int
	stage                     stagePick // what the uptake charts judge against
	against                   int       // the text the variant shown is compared with, -1 for none
}

// parseOverviewQuery reads the overview's parameters: an unknown variant
// is a notFound error, a malformed value a badRequest.
func parseOverviewQuery(r *analysis.Result, q url.Values) (overviewQuery, error) {
	oq := overviewQuery{q: q, norm: q.Get("norm") == "1", docOrder: q.Get("order") == "doc", bySection: q.Get("by") == "section", allLevels: q.Get("levels") == "all"}
	if q.Get("levels") != "" && !oq.allLevels {
		return oq, badRequest(fmt.Sprintf("levels must be all or left out, not %q.", q.Get("levels")))
	}
	var err error
	if oq.sel, err = variantParam(r, q); err != nil {
		return oq, err
	}
	if oq.against, err = overviewAgainst(r, q, oq.sel); err != nil {
		return oq, err
	}
	if q.Get("order") != "" && !oq.docOrder {
		return oq, badRequest(fmt.Sprintf("order must be doc or left out, not %q.", q.Get("order")))
	}
	if q.Get("by") != "" && !oq.bySection {
		return oq, badRequest(fmt.Sprintf("by must be section or left out, not %q.", q.Get("by")))
	}
	if oq.part, err = numberParam(q, "part"); err != nil {
		return oq, err
	}
	if oq.page, err = pageParam(q); err != nil {
		return oq, err
	}
	oq.stage, err = parseStagePick(r, q)
	return oq, err
}

// overviewChart is one chart of the overview, a value: its kind, and for
// an alignment chart the alignment it draws.
type overviewChart struct {
	kind      string
	alignment *analysis.Alignment
}

// The kinds of overview charts, in the order the page shows them.
const (
	ovThemes    = "themes"
	ovSections  = "sections"
	ovHeatmap   = "heatmap"
	ovChangeMap = "change map"
	ovKinds     = "kinds"
	ovUptake    = "uptake by theme"
	ovSpans     = "uptake by proposal"
	ovFound     = "uptake by how found"
	ovShare     = "uptake share"
	ovAlignment = "alignment"
	ovStages    = "stages"
	ovLineage   = "lineage"
	ovActors    = "actors"
	ovSources   = "provenance"
	ovThemeSrc  = "provenance by theme"
)

// chartInput is what the overview's charts are drawn from.
type chartInput struct {
	r      *analysis.Result
	themes []themeInfo
	shown  []int
	vf     string // the variant shown, "" for all
	focus  int    // the variant of the heatmap and change map
	oq     overviewQuery
	secs   window           // the page's sections
	path   string           // the overview's URL path
	window *analysis.Result // the part of paragraphs drawn
	tok    *analysis.Tokenizer
}

// build draws oc from in.
func (oc overviewChart) build(in chartInput) (*chartView, error) {
	r, themes := in.r, in.themes
	switch oc.kind {
	case ovThemes:
		return themeChart(r, themes, in.shown, in.vf)
	case ovSections:
		return sectionChart(r, in.shown, in.oq, in.vf, in.path, in.secs)
	case ovHeatmap:
		if in.oq.bySection {
			return sectionHeatmap(r, themes, in.focus, in.secs)
		}
		return heatmapChart(in.window, themes, in.focus)
	case ovChangeMap:
		if in.oq.bySection {
			return sectionChangeMap(r, themes, in.focus, in.secs)
		}
		return changeMapChart(in.window, themes, in.focus)
	case ovKinds:
		return kindChart(r, in.shown, in.vf)
	case ovUptake:
		return uptakeThemeChart(r, themes, in.oq.stage, in.oq.q)
	case ovSpans:
		return uptakeSpanChart(r, in.oq.stage, in.oq.q)
	case ovFound:
		return uptakeFoundChart(r, in.oq.stage, in.oq.q)
	case ovShare:
		return uptakeShareChart(r, themes, in.oq.stage, in.oq.q)
	case ovAlignment:
		return alignmentChart(r, oc.alignment)
	case ovStages:
		return stagesChart(r)
	case ovLineage:
		return lineageChart(r)
	case ovActors:
		return actorsChart(r)
	case ovSources:
		return provenanceChart(r, in.secs)
	case ovThemeSrc:
		return themeSourcesChart(r, themes, in.tok)
	}
	return nil, fmt.Errorf("overview chart %q: no such kind", oc.kind)
}

// buildOverview returns the body of r's overview for oq, but for its
// delete button: the figures of each variant shown, the charts (the
// alignment charts of the first maxAlignmentCharts versions, a link to
// each other's) and the downloads.
func buildOverview(r *analysis.Result, themes []themeInfo, oq overviewQuery) (overviewView, error) {
	d := r.Document
	q, sel := oq.q, oq.sel
	path := docURL(d.Name)
	shown := shownVariants(d, sel)
	focus := sel
	if focus == 0 {
		focus = mostChanged(r)
	}
	ov := overviewView{
		Doc:        headerOf(r),
		Paragraphs: len(d.Paragraphs),
		Variant:    q.Get("variant"),
		Focus:      d.Variants[focus],
		Variants:   variantLinks(r, path, withoutKey(q, "against"), sel, true),
		Norm:       oq.norm,
	}
	ov.CompareWith = compareLinksOf(r, path, q, sel, oq.against)
	// Words per 100 base words rank the sections anew: back to the first
	// page, unless they stand in document order.
	if oq.docOrder {
		ov.NormURL = toggleURL(path, q, "norm", "1", oq.norm)
	} else {
		ov.NormURL = toggleURL(path, q, "norm", "1", oq.norm, "page")
	}
	ov.DocOrder, ov.OrderURL = oq.docOrder, toggleURL(path, q, "order", "doc", oq.docOrder, "page")
	ov.BySection, ov.ByURL = oq.bySection, toggleURL(path, q, "by", "section", oq.bySection, "page", "part")
	for _, v := range shown {
		ov.Figures = append(ov.Figures, figuresOf(r, v, themes, path))
		ov.Merged = ov.Merged || r.Totals[v].Merged > 0
		ov.Absent = ov.Absent || r.Totals[v].Absent > 0
	}
	var vf string
	if sel > 0 {
		vf = d.Variants[sel]
	}
	secs := ov.pageSections(d, path, q, oq.page)
	pq := cloneQuery(q)
	pq.Del("page")
	pp, lo, hi, err := paginateBy(path, pq, "part", chartParagraphs, len(d.Paragraphs), oq.part)
	if err != nil {
		return ov, err
	}
	if !oq.bySection {
		ov.Part = pp.anchored(chartHeatmap + "-panel")
	}
	list, more := chartList(r, sel, path)
	ov.MoreAlignments = more
	in := chartInput{r: r, themes: themes, shown: shown, vf: vf, focus: focus, oq: oq, secs: secs, path: path, window: paragraphWindow(r, lo, hi), tok: analysis.NewTokenizer()}
	for _, oc := range list {
		cv, err := oc.build(in)
		if err != nil {
			return ov, err
		}
		ov.Charts = append(ov.Charts, cv)
	}
	if err := pageTables(ov.Charts, path, q, oq.page, secs.Pager.Pages); err != nil {
		return ov, err
	}
	ov.Exports = exportLinks(d.Name, vq("variant", vf))
	return ov, nil
}

// chartList lists the charts of r's overview with variant sel shown
// (0 for all), and links to the versions whose alignment chart it leaves
// to their own overview.
func chartList(r *analysis.Result, sel int, path string) (list []overviewChart, more []link) {
	d := r.Document
	list = []overviewChart{{kind: ovThemes}, {kind: ovSections}, {kind: ovHeatmap}, {kind: ovChangeMap}, {kind: ovKinds}}
	if r.Outcome > 0 {
		list = append(list, overviewChart{kind: ovUptake}, overviewChart{kind: ovShare}, overviewChart{kind: ovSpans}, overviewChart{kind: ovFound})
	}
	if sel == 0 && len(r.Stages) > 1 {
		// The chain: the document's, whichever variant is shown.
		list = append(list, overviewChart{kind: ovStages})
		if len(r.Document.Stages) > 0 {
			// A table's rows are its lineage already: a chain given as
			// texts is aligned stage by stage, and drawn.
			list = append(list, overviewChart{kind: ovLineage})
		}
		if len(r.Fates) > 0 {
			list = append(list, overviewChart{kind: ovActors})
		}
		if len(r.Provenance) > 0 {
			list = append(list, overviewChart{kind: ovSources}, overviewChart{kind: ovThemeSrc})
		}
	}
	for i := range d.Alignments {
		al := &d.Alignments[i]
		switch {
		case sel == al.Variant, sel == 0 && i < maxAlignmentCharts:
			list = append(list, overviewChart{kind: ovAlignment, alignment: al})
		case sel == 0:
			// Past the first versions, a link to each one's own overview:
			// a chart per version would grow the page with versions
			// times paragraphs.
			vq := url.Values{"variant": {d.Variants[al.Variant]}}
			more = append(more, link{Name: d.Variants[al.Variant], URL: path + "?" + vq.Encode() + "#" + chartAlignment + strconv.Itoa(al.Variant)})
		}
	}
	return list, more
}

// figuresOf sums up variant v.
func figuresOf(r *analysis.Result, v int, themes []themeInfo, path string) variantFigures {
	m := r.Totals[v]
	f := variantFigures{
		Index:      v,
		Name:       r.Document.Variants[v],
		Role:       role(r, v),
		URL:        withQuery(path, vq("variant", r.Document.Variants[v])),
		Paragraphs: m.Paragraphs,
		Amended:    m.Amended,
		New:        m.New,
		Unchanged:  m.Unchanged,
		Absent:     m.Absent,
		Merged:     m.Merged,
		Added:      m.Added,
		NewWords:   m.NewWords,
		Deleted:    m.Deleted,
		Ratio:      ratioText(m),
		TopThemes:  topThemes(r.Document.Name, m.ThemeAdded, themes, 3),
	}
	return f
}

// topThemes returns the n themes with most added hits, most first, ties in
// dictionary order; themes without hits are left out.
func topThemes(doc string, counts map[string]int, themes []themeInfo, n int) []themeCount {
	var out []themeCount
	for _, t := range themes {
		if k := counts[t.Name]; k > 0 {
			out = append(out, themeCount{themeInfo: t, Count: k, URL: themeURL(doc, t.Name)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// exportLinks lists the downloads of every table but search and compare,
// which need a query or two texts, with the filters q.
func exportLinks(doc string, q url.Values) []exportLink {
	var out []exportLink
	for _, t := range analysis.Tables {
		if t == "search" || t == "compare" {
			// Empty without their query or two texts: the search page
			// and the comparison link their own.
			continue
		}
		out = append(out, exportLink{Table: t, CSV: exportURL(doc, t, q), JSON: apiURL(doc, t, q)})
	}
	return out
}

// sectionName is how links name a section.
func sectionName(sec analysis.Section) string {
	if sec.Title == "" {
		return sec.ID
	}
	return sec.ID + ". " + sec.Title
}

// mostChanged returns the variant that changed the most words, the first
// such: with no variant chosen, the heatmap and change map show where the
// text moved most.
func mostChanged(r *analysis.Result) int {
	best := 1
	for v := 2; v < len(r.Totals); v++ {
		if r.Totals[v].Added+r.Totals[v].Deleted > r.Totals[best].Added+r.Totals[best].Deleted {
			best = v
		}
	}
	return best
}

// paragraphWindow returns r narrowed to paragraphs lo to hi (half-open), for
// the charts of every paragraph: a shallow copy sharing r's texts and
// comparisons.
func paragraphWindow(r *analysis.Result, lo, hi int) *analysis.Result {
	if lo == 0 && hi == len(r.Document.Paragraphs) {
		return r
	}
	nv := len(r.Document.Variants) - 1
	d := *r.Document
	d.Paragraphs = d.Paragraphs[lo:hi]
	w := *r
	w.Document = &d
	w.Comparisons = r.Comparisons[lo*nv : hi*nv]
	return &w
}

// baseOverview is the overview of a document that has only its base text:
// its paragraphs, sections and downloads, without the charts of changes.
func (s *server) baseOverview(r *analysis.Result, q url.Values, stored bool) (*view, error) {
	if _, err := variantParam(r, q); err != nil {
		return nil, err
	}
	d := r.Document
	themes := s.themeInfos(s.dictOf(r))
	path := docURL(d.Name)
	ov := overviewView{
		Doc:        headerOf(r),
		Paragraphs: len(d.Paragraphs),
		Base:       s.baseText(r, themes, nil, ""),
		Exports:    exportLinks(d.Name, nil),
	}
	ov.Doc.Stored = stored
	page, err := pageParam(q)
	if err != nil {
		return nil, err
	}
	secs := ov.pageSections(d, path, q, page)
	if err := ov.Base.pageAlong(path, q, secs.Pager.Pages); err != nil {
		return nil, err
	}
	if !s.cfg.ReadOnly {
		ov.DeleteURL = path + "/delete"
		ov.NeedToken = s.cfg.Token != ""
	}
	return overviewPage(d, themes, ov), nil
}

// pageSections lists in ov the sections of d on page n of the overview at
// path, sectionRows a page, and returns that page for the charts of
// sections. Whether n is past the last page of every list of the page is
// for the caller to tell.
func (ov *overviewView) pageSections(d *analysis.Document, path string, q url.Values, n int) window {
	pg, lo, hi := pageWithin(path, q, sectionRows, len(d.Sections), n)
	pg.Noun = "sections"
	for _, sec := range d.Sections[lo:hi] {
		ov.Sections = append(ov.Sections, link{Name: sectionName(sec), URL: sectionURL(d.Name, sec.ID)})
	}
	ov.SectionPager = pg.anchored("sections")
	return window{Pager: pg, Lo: lo, Hi: hi}
}

// overviewPage is the page of ov, the overview of d with themes.
func overviewPage(d *analysis.Document, themes []themeInfo, ov overviewView) *view {
	return &view{
		Template:   "overview",
		Title:      docTitle(d),
		Crumbs:     docCrumbs(d),
		ThemeStyle: themeStyleURL(themes),
		Body:       ov,
	}
}
