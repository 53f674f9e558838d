package dashboard

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// uptakeParams are the filters of the uptake page, and its page of rows.
var uptakeParams = []string{"proposal", "verdict", "theme", "found", "section", "stage", "page"}

// uptakeView is the body of the uptake page.
type uptakeView struct {
	Doc     docHeader
	Outcome string // what the verdicts are from: the outcome, or the stage picked
	// Stages are the stages to judge against, the one in force marked,
	// for a negotiation of more than two stages; JudgedAt says then, per
	// row, which stage gave the verdict.
	Stages    []link
	JudgedAt  bool
	Proposals []link // filter links, "All" first
	Themes    []link
	Found     []link         // how the stage found the words (foundKinds), "Any" first
	Verdicts  []verdictCount // counts under the other filters, each a filter link
	Filtered  []string       // the filters in force, for the heading
	Clear     string         // URL without filters
	Rows      []uptakeRow
	Shares    []uptakeShare // per proposal, of the insertions the filters keep
	Pager     pager
	Exports   []exportLink
	// Note stands for the page when the document has only its base text.
	Note string
	// Judge is how a reader checks a verdict, nil when the dashboard is
	// read-only.
	Judge *judgeForm
}

// judgeForm is what each row's form to check its verdict needs.
type judgeForm struct {
	URL       string // where it posts
	Stage     string // the stage parameter the verdicts are judged with
	Back      string // the page to come back to
	NeedToken bool
	Verdicts  []link // the verdicts a person may give: Name the label, URL the value
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
	At       string // the stage that gave the verdict, with JudgedAt
	Found    evidenceView
	ID       string // the change ID, the row's anchor
	// Checked says who judged the verdict and when, "" when nobody did;
	// CheckedAs is the verdict they gave, Agrees whether it is the row's.
	Checked   string
	CheckedAs string
	Agrees    bool
}

// uptakeShare is how much of a proposal's inserted wording the outcome
// took: adopted words of proposed words, over the insertions the filters
// keep.
type uptakeShare struct {
	Proposal       string
	Words, Adopted int
	Share          string // "42%"
	Insertions     int
}

// themeLink is a theme in a row, linking to the rows of that theme.
type themeLink struct {
	themeInfo
	URL string
}

// uptake serves /d/{doc}/uptake: every insertion of a proposal with its
// verdict, filtered by proposal, verdict, theme, how it was found and section.
func (s *server) uptake(c *gin.Context) {
	s.docPage(c, uptakeParams, func(r *analysis.Result, q url.Values) (*view, error) {
		d := r.Document
		page := &view{Template: "uptake", Title: "Uptake – " + docTitle(d), Crumbs: docCrumbs(d, link{Name: "Uptake"})}
		if d.BaseOnly() {
			// Not an error: the document is whole, it waits for a version.
			page.Body = uptakeView{Doc: headerOf(r), Note: baseOnlyNote}
			return page, nil
		}
		themes := s.themeInfos(s.dictOf(r))
		uq, err := parseUptakeQuery(r, themes, q)
		if err != nil {
			return nil, err
		}
		uv, err := buildUptake(r, themes, uq)
		if err != nil {
			return nil, err
		}
		uv.Judge = s.judgeFormOf(d.Name, uq.stage.value, withQuery(uptakeURL(d.Name), q))
		page.Title = "Uptake in " + uv.Outcome + " – " + d.Name
		page.ThemeStyle = themeStyleURL(themes)
		page.Body = uv
		return page, nil
	})
}

// uptakeQuery is the uptake page's parameters, checked against the
// document: the proposal (its variant index, 0 for all), the verdict and
// theme ("" for all), the section (its filter), the page of rows.
type uptakeQuery struct {
	q         url.Values // the parameters as given, for the links
	proposal  int
	verdict   analysis.Verdict
	theme     string
	found     string // one of foundKinds, "" for all
	inSection func(string) bool
	stage     stagePick
	page      int
}

// parseUptakeQuery reads the parameters of the uptake page of r, whose
// dictionary's themes are themes: an unknown proposal, verdict, theme or
// section is a notFound error, a malformed page a badRequest.
func parseUptakeQuery(r *analysis.Result, themes []themeInfo, q url.Values) (uptakeQuery, error) {
	d := r.Document
	uq := uptakeQuery{q: q}
	if r.Outcome == 0 {
		return uq, notFound(fmt.Sprintf("Document %s has no outcome column, so no uptake.", d.Name))
	}
	if name := q.Get("proposal"); name != "" {
		for _, p := range r.Proposals() {
			if d.Variants[p] == name {
				uq.proposal = p
			}
		}
		if uq.proposal == 0 {
			return uq, notFound(fmt.Sprintf("Document %s has no proposal %q.", d.Name, name))
		}
	}
	uq.verdict = analysis.Verdict(q.Get("verdict"))
	if uq.verdict != "" && slices.Index(uptakeVerdicts, uq.verdict) < 0 && uq.verdict != analysis.VerdictOutOfScope && uq.verdict != analysis.VerdictReworded {
		return uq, notFound(fmt.Sprintf("There is no verdict %q; the verdicts are adopted, reworded, partly, not_adopted, pending and out_of_scope.", uq.verdict))
	}
	uq.found = q.Get("found")
	if uq.found != "" && !slices.Contains(foundKinds, uq.found) {
		return uq, notFound(fmt.Sprintf("There is no way of finding %q; the ways are %s.", uq.found, strings.Join(foundKinds, ", ")))
	}
	uq.theme = q.Get("theme")
	if uq.theme != "" && !slices.ContainsFunc(themes, func(t themeInfo) bool { return t.Name == uq.theme }) {
		return uq, notFound(fmt.Sprintf("The dictionary of %s has no theme %q.", d.Name, uq.theme))
	}
	var err error
	if uq.inSection, err = sectionFilter(d, q.Get("section")); err != nil {
		return uq, err
	}
	if uq.stage, err = parseStagePick(r, q); err != nil {
		return uq, err
	}
	uq.page, err = pageParam(q)
	return uq, err
}

// buildUptake returns the body of the uptake page of r for uq: the counts
// per verdict under the other filters, the rows of the page, the filter
// links and the downloads. themes is r's dictionary's palette.
func buildUptake(r *analysis.Result, themes []themeInfo, uq uptakeQuery) (uptakeView, error) {
	d := r.Document
	q := uq.q
	path := uptakeURL(d.Name)
	names := make([]string, len(themes))
	byName := make(map[string]themeInfo, len(themes))
	for i, t := range themes {
		names[i], byName[t.Name] = t.Name, t
	}
	spans := uq.stage.spans(r)
	verdicts := shownVerdicts(spans)
	keep, rowThemes, counts := uptakeKept(r, spans, verdicts, names, uq)
	pg, lo, hi, err := paginate(path, q, len(keep), uq.page)
	if err != nil {
		return uptakeView{}, err
	}
	uv := uptakeView{
		Doc:      headerOf(r),
		Outcome:  d.Variants[r.Outcome],
		Clear:    path,
		Pager:    pg,
		Stages:   uq.stage.links(r, path, q),
		JudgedAt: chained(r) && uq.stage.at == analysis.StageNext,
	}
	if chained(r) {
		uv.Outcome = uq.stage.Against
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
	uv.Shares = uptakeShares(r, spans, keep)
	labels := make([]string, len(names))
	for i, name := range names {
		labels[i] = byName[name].Label
	}
	uv.Themes = filterLinks("theme", "All themes", names, labels)
	foundLabels := make([]string, len(foundKinds))
	for i, k := range foundKinds {
		foundLabels[i] = capitalise(foundLabel(k))
	}
	uv.Found = filterLinks("found", "Any way", foundKinds, foundLabels)
	for j, v := range verdicts {
		uv.Verdicts = append(uv.Verdicts, verdictCount{Verdict: string(v), Label: verdictLabel(v), Count: counts[j], URL: filterURL(path, q, "verdict", string(v)), Active: uq.verdict == v})
	}
	for _, kv := range []struct{ key, name string }{{"proposal", "proposal"}, {"verdict", "verdict"}, {"theme", "theme"}, {"found", "found"}, {"section", "section"}, {"stage", "stage"}} {
		if v := q.Get(kv.key); v != "" {
			uv.Filtered = append(uv.Filtered, kv.name+" "+v)
		}
	}
	rb := uptakeRows{r: r, uq: uq, byName: byName, titles: sectionTitles(d), rows: rowNames(d), ids: analysis.StageParagraphs(r), judged: judgementsAt(r), judgedAt: uv.JudgedAt}
	for k := lo; k < hi; k++ {
		uv.Rows = append(uv.Rows, rb.row(spans[keep[k]], rowThemes[k]))
	}
	uv.Exports = uptakeExports(r, q, uq)
	return uv, nil
}

// uptakeKept returns the insertions of spans the filters of uq keep
// (indexes into spans), the themes of each, and per verdict of verdicts
// the insertions every filter but the verdict's keeps, so that each count
// is a link to a choice.
func uptakeKept(r *analysis.Result, spans []analysis.SpanUptake, verdicts []analysis.Verdict, names []string, uq uptakeQuery) (keep []int, rowThemes [][]string, counts []int) {
	d := r.Document
	counts = make([]int, len(verdicts))
	for i, u := range spans {
		if uq.proposal != 0 && u.Proposal != uq.proposal || uq.found != "" && !foundAs(u, uq.found) {
			continue
		}
		if !uq.inSection(d.Paragraphs[u.Paragraph].Section) {
			continue
		}
		cmp := r.Comparison(u.Paragraph, u.Proposal)
		if u.Span < 0 || u.Span >= len(cmp.Spans) {
			continue
		}
		ts := analysis.InsertionThemes(cmp, u.Span, names)
		if uq.theme != "" && !slices.Contains(ts, uq.theme) {
			continue
		}
		if j := slices.Index(verdicts, u.Verdict); j >= 0 {
			counts[j]++
		}
		if uq.verdict != "" && u.Verdict != uq.verdict {
			continue
		}
		keep = append(keep, i)
		rowThemes = append(rowThemes, ts)
	}
	return keep, rowThemes, counts
}

// uptakeShares returns, per proposal in order, the words adopted of the
// words proposed by the insertions of spans kept (keep).
func uptakeShares(r *analysis.Result, spans []analysis.SpanUptake, keep []int) []uptakeShare {
	shares := map[int]*uptakeShare{}
	for _, i := range keep {
		u := spans[i]
		sh := shares[u.Proposal]
		if sh == nil {
			sh = &uptakeShare{Proposal: r.Document.Variants[u.Proposal]}
			shares[u.Proposal] = sh
		}
		sh.Insertions++
		sh.Words += u.Words
		sh.Adopted += u.Adopted
	}
	var out []uptakeShare
	for _, p := range r.Proposals() {
		if sh := shares[p]; sh != nil {
			sh.Share = fmt.Sprintf("%d%%", (100*sh.Adopted+sh.Words/2)/max(sh.Words, 1))
			out = append(out, *sh)
		}
	}
	return out
}

// uptakeRows builds the uptake page's rows: what every row needs of the
// document and the page's query.
type uptakeRows struct {
	r        *analysis.Result
	uq       uptakeQuery
	byName   map[string]themeInfo
	titles   map[string]string // section titles (sectionTitles)
	rows     map[string]string // names of rows a text added (rowNames)
	ids      [][]string        // each stage's own paragraph IDs (analysis.StageParagraphs)
	judged   map[judgementKey]analysis.Judgement
	judgedAt bool // the page says which stage judged each row
}

// row is the page's row of insertion u, whose themes are themes.
func (b uptakeRows) row(u analysis.SpanUptake, themes []string) uptakeRow {
	r, d, uq := b.r, b.r.Document, b.uq
	para := &d.Paragraphs[u.Paragraph]
	span := r.Comparison(u.Paragraph, u.Proposal).Spans[u.Span]
	row := uptakeRow{
		Para:     link{Name: rowName(b.rows, para.ID), URL: paraURL(d.Name, para.ID)},
		Proposal: d.Variants[u.Proposal],
		Verdict:  string(u.Verdict),
		Label:    verdictLabel(u.Verdict),
		Words:    u.Words,
		Adopted:  u.Adopted,
		Text:     sliceText(para.Texts[u.Proposal], span.VarBytes),
		Found:    evidenceOf(r, u.Evidence, r.JudgedAt(uq.stage.at, u.Proposal), b.ids),
		ID:       analysis.ChangeID(u.Paragraph, u.Proposal, u.Span),
	}
	if b.judgedAt {
		row.At = uq.stage.judgedAt(r, u)
	}
	if j, ok := b.judged[judgementKey{row.ID, uq.stage.judgedAt(r, u)}]; ok {
		row.Checked = j.Who + ", " + j.At.Format("2 Jan 2006")
		row.CheckedAs = verdictLabel(j.Verdict)
		row.Agrees = j.Verdict == u.Verdict
	}
	if para.Section != "" {
		row.Section = link{Name: b.titles[para.Section], URL: sectionURL(d.Name, para.Section)}
	}
	path := uptakeURL(d.Name)
	for _, t := range themes {
		row.Themes = append(row.Themes, themeLink{themeInfo: b.byName[t], URL: filterURL(path, uq.q, "theme", t)})
	}
	return row
}

// uptakeExports are the uptake page's downloads, filtered as the page is:
// the verdicts and uptake tables judged against the stage the page picked,
// and for a negotiation in stages the fates table, which has each
// insertion's verdict at every later stage.
func uptakeExports(r *analysis.Result, q url.Values, uq uptakeQuery) []exportLink {
	d := r.Document
	stage := uq.stage.tableQuery().Get("stage")
	vf := vq("variant", q.Get("proposal"), "section", q.Get("section"))
	judged := vq("variant", q.Get("proposal"), "section", q.Get("section"), "stage", stage)
	themed := vq("variant", q.Get("proposal"), "theme", uq.theme, "stage", stage)
	out := []exportLink{
		{Table: "verdicts", CSV: exportURL(d.Name, "verdicts", judged), JSON: apiURL(d.Name, "verdicts", judged)},
		{Table: "uptake", CSV: exportURL(d.Name, "uptake", themed), JSON: apiURL(d.Name, "uptake", themed)},
	}
	if chained(r) {
		out = append(out, exportLink{Table: "fates", CSV: exportURL(d.Name, "fates", vf), JSON: apiURL(d.Name, "fates", vf)})
	}
	return out
}

// shownVerdicts returns the verdicts a page counts: uptakeVerdicts, with
// reworded after adopted and out of scope last when spans has any.
func shownVerdicts(spans []analysis.SpanUptake) []analysis.Verdict {
	has := func(v analysis.Verdict) bool {
		return slices.ContainsFunc(spans, func(u analysis.SpanUptake) bool { return u.Verdict == v })
	}
	out := slices.Clone(uptakeVerdicts)
	if has(analysis.VerdictReworded) {
		out = slices.Insert(out, 1, analysis.VerdictReworded)
	}
	if has(analysis.VerdictOutOfScope) {
		out = append(out, analysis.VerdictOutOfScope)
	}
	return out
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
