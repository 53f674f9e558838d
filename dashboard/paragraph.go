package dashboard

import (
	"fmt"
	"html/template"
	"net/url"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// paragraphView is the body of a paragraph's page.
type paragraphView struct {
	Doc      docHeader
	ID       string
	Name     string // how pages name it: its ID, or "33 (new in Adopted)" for a row a text added
	Where    string // where the paragraph is in its file: "Line 12", "Table row 12"
	New      bool
	Section  link
	Prev     link
	Next     link
	Base     textCell
	Variants []variantCell
	Themes   []themeCount // legend of the highlights
	Exports  []exportLink
	// BaseOnly is set, with the words of the base text, when the document
	// has only its base text: nothing is inserted or deleted.
	BaseOnly string
	Words    int
	// History is the paragraph through the stages of a negotiation given
	// as rounds; nil for a document read as one table.
	History []historyStage
	// Stages are the stages the changes' uptake can be judged against,
	// the one in force marked (nil for a table); Against names it.
	Stages  []link
	Against string
	// Sources is the paragraph's text at every stage after the first, its
	// words marked by where they came from, with ?by=source; SourcesURL
	// turns it on or off, "" when the document has no provenance.
	Sources    []sourceStage
	BySource   bool
	SourcesURL string
	// Compare is the text every other is diffed against with ?against=
	// ("" for the base, as analysed); CompareLinks offer each text.
	Compare      string
	CompareLinks []link
}

// textCell is one column's text of the paragraph.
type textCell struct {
	Name  string
	HTML  template.HTML // escaped text with <ins>, <del> and <mark>
	Empty bool
	// Hidden says how many invisible format characters the parser removed
	// from the text ("" when none).
	Hidden string
}

// hiddenNote is the note for n format characters removed from a text.
func hiddenNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "1 hidden character removed (a zero-width space, joiner or direction mark)"
	}
	return fmt.Sprintf("%d hidden characters removed (zero-width spaces, joiners or direction marks)", n)
}

// variantCell is one variant's text and figures.
type variantCell struct {
	textCell
	Index        int // variant index, for stable element ids
	Role         string
	Status       string
	BaseWords    int
	VariantWords int
	Added        int
	Deleted      int
	Ratio        string
	Bracketed    int // words in square brackets
	AddedHits    []themeCount
	RemovedHits  []themeCount
	Spans        []spanView
	HasUptake    bool         // the spans carry uptake verdicts
	Aligned      *alignedView // for a variant given as a version: its number and relation
	// Against names the stage a proposal against a later stage is
	// compared with ("" for the base).
	Against string
}

// spanView is one change span of a variant, with its uptake verdict when
// the variant is a proposal and the document has an outcome.
type spanView struct {
	Kind     string
	Inserted string
	Deleted  string
	Verdict  string
	Class    string // verdict as a CSS class
	Adopted  string // "3 of 4 words"
	Found    evidenceView
}

// paragraph serves /d/{doc}/p/{para}: base and variants side by side.
func (s *server) paragraph(c *gin.Context) {
	id := c.Param("para")
	s.docPage(c, []string{"stage", "by", "against"}, func(r *analysis.Result, q url.Values) (*view, error) {
		p, err := paragraphIndex(r.Document, id)
		if err != nil {
			return nil, err
		}
		by := q.Get("by")
		if by != "" && by != "source" {
			return nil, notFound(fmt.Sprintf("There is no view by %q of a paragraph; by=source colours its words by where they came from.", by))
		}
		sp, err := parseStagePick(r, q)
		if err != nil {
			return nil, err
		}
		against, err := againstParam(r, q)
		if err != nil {
			return nil, err
		}
		themes := s.themeInfos(s.dictOf(r))
		pv := s.buildParagraph(r, themes, p, sp)
		pv.Stages = sp.links(r, paraURL(r.Document.Name, pv.ID), q)
		pv.CompareLinks = compareLinks(r, paraURL(r.Document.Name, pv.ID), q, against)
		if against > 0 {
			pv = s.compareParagraph(r, themes, p, against, pv)
		}
		if len(r.Provenance) > 0 {
			pv.BySource = by == "source"
			pv.SourcesURL = toggleURL(paraURL(r.Document.Name, pv.ID), q, "by", "source", pv.BySource)
			if pv.BySource {
				pv.Sources = paragraphSources(r, p, s.tokenizer)
			}
		}
		crumbs := docCrumbs(r.Document)
		if pv.Section.Name != "" {
			crumbs = append(crumbs, link{Name: "Section " + pv.Section.Name, URL: pv.Section.URL})
		}
		crumbs = append(crumbs, link{Name: "Paragraph " + pv.Name})
		return &view{
			Template:   "paragraph",
			Title:      "Paragraph " + pv.Name + " – " + docTitle(r.Document),
			Crumbs:     crumbs,
			ThemeStyle: themeStyleURL(themes),
			Body:       pv,
		}, nil
	})
}

// paragraphIndex returns the index of paragraph id of d; an unknown id is
// a notFound error.
func paragraphIndex(d *analysis.Document, id string) (int, error) {
	for i := range d.Paragraphs {
		if d.Paragraphs[i].ID == id {
			return i, nil
		}
	}
	return -1, notFound(fmt.Sprintf("Document %s has no paragraph %q.", d.Name, id))
}

// buildParagraph returns the body of paragraph p's page of r, whose
// dictionary's palette is themes: the base and every variant side by side,
// each diffed against the base with its theme terms and the uptake of its
// insertions judged against the stage sp picks, and the paragraphs before
// and after it.
func (s *server) buildParagraph(r *analysis.Result, themes []themeInfo, p int, pick stagePick) paragraphView {
	d := r.Document
	para := d.Paragraphs[p]
	pv := paragraphFrame(r, themes, p)
	cells := s.newCellMaker(r, themes, p, pick)
	base := para.Texts[0]
	pv.Base = textCell{Name: d.Variants[0], HTML: plainHTML(base, cells.baseMs, cells.byName), Empty: base == "", Hidden: hiddenNote(para.HiddenChars(0))}
	if d.BaseOnly() {
		pv.BaseOnly = baseOnlyNote
		pv.Words = analysis.CountWords(s.tokenizer.Tokenize(base))
	}
	if chained(r) {
		pv.Against = pick.Against
	}
	for v := 1; v < len(d.Variants); v++ {
		pv.Variants = append(pv.Variants, cells.variant(v))
	}
	pv.History = s.paragraphHistory(r, p, cells.dict, cells.byName)
	return pv
}

// paragraphFrame returns what paragraph p's page of r shows around its
// texts: its names, the theme legend, its section and its neighbours.
func paragraphFrame(r *analysis.Result, themes []themeInfo, p int) paragraphView {
	d := r.Document
	para := d.Paragraphs[p]
	pv := paragraphView{
		Doc:     headerOf(r),
		ID:      para.ID,
		Name:    rowName(rowNames(d), para.ID),
		Where:   where(d.Unit, para.Line),
		New:     para.New,
		Exports: exportLinks(d.Name, vq("paragraph", para.ID)),
	}
	for _, t := range themes {
		pv.Themes = append(pv.Themes, themeCount{themeInfo: t, URL: themeURL(d.Name, t.Name)})
	}
	if para.Section != "" {
		pv.Section = link{Name: para.Section, URL: sectionURL(d.Name, para.Section)}
		for _, sec := range d.Sections {
			if sec.ID == para.Section {
				pv.Section.Name = sectionName(sec)
			}
		}
	}
	if p > 0 {
		prev := d.Paragraphs[p-1].ID
		pv.Prev = link{Name: prev, URL: paraURL(d.Name, prev)}
	}
	if p+1 < len(d.Paragraphs) {
		next := d.Paragraphs[p+1].ID
		pv.Next = link{Name: next, URL: paraURL(d.Name, next)}
	}
	return pv
}

// cellMaker builds the variant cells of paragraph p's page of r.
type cellMaker struct {
	s      *server
	r      *analysis.Result
	p      int
	dict   *analysis.Dictionary
	themes []themeInfo
	byName map[string]themeInfo
	pick   stagePick
	baseMs []analysis.Match // the theme terms of the base text
	// uptake is the judged uptake of the paragraph's spans, by proposal
	// and span; ids the stages' own paragraph numbers, once there is some.
	uptake map[[2]int]analysis.SpanUptake
	ids    [][]string
}

func (s *server) newCellMaker(r *analysis.Result, themes []themeInfo, p int, pick stagePick) *cellMaker {
	m := &cellMaker{s: s, r: r, p: p, dict: s.dictOf(r), themes: themes, byName: themesByName(themes), pick: pick, uptake: make(map[[2]int]analysis.SpanUptake)}
	m.baseMs = s.matchText(m.dict, r.Document.Paragraphs[p].Texts[0])
	for _, u := range pick.spans(r) {
		if u.Paragraph == p {
			m.uptake[[2]int{u.Proposal, u.Span}] = u
		}
	}
	if len(m.uptake) > 0 {
		m.ids = analysis.StageParagraphs(r)
	}
	return m
}

// variant returns the cell of variant v: its text diffed against the text
// it is compared with, its figures, theme hits and changes.
func (m *cellMaker) variant(v int) variantCell {
	r, d := m.r, m.r.Document
	para := d.Paragraphs[m.p]
	text := para.Texts[v]
	cmp := r.Comparison(m.p, v)
	// A proposal against a later stage is compared with that stage.
	ref, refMs := para.Texts[0], m.baseMs
	if a := r.Against(v); a != 0 {
		ref = para.Texts[a]
		refMs = m.s.matchText(m.dict, ref)
	}
	vc := variantCell{
		textCell:     textCell{Name: d.Variants[v], Empty: text == "", Hidden: hiddenNote(para.HiddenChars(v))},
		Index:        v,
		Role:         role(r, v),
		Status:       string(cmp.Status),
		BaseWords:    cmp.BaseWords,
		VariantWords: cmp.VariantWords,
		Bracketed:    cmp.Bracketed,
		Added:        cmp.Added,
		Deleted:      cmp.Deleted,
		Ratio:        fmtNum(cmp.ChangeRatio),
		HasUptake:    r.Role(v) == analysis.RoleProposal && r.Outcome > 0,
	}
	if a := r.Against(v); a != 0 {
		vc.Against = d.Variants[a]
	}
	if al := d.Alignment(v); al != nil {
		vc.Aligned = alignedOf(d, al, para.ID)
	}
	if text != "" {
		vc.HTML = diffHTML(ref, text, cmp.Spans, refMs, m.s.matchText(m.dict, text), m.byName)
	}
	vc.AddedHits, vc.RemovedHits = hitThemes(d.Name, cmp.Hits, m.themes)
	for i, sp := range cmp.Spans {
		sv := spanView{Kind: kindLabel(sp.Kind), Inserted: excerpt(text, sp.VarBytes), Deleted: excerpt(ref, sp.BaseBytes)}
		if u, ok := m.uptake[[2]int{v, i}]; ok && vc.HasUptake {
			sv.Verdict = verdictLabel(u.Verdict)
			sv.Class = "verdict-" + string(u.Verdict)
			sv.Adopted = fmt.Sprintf("%d of %d words", u.Adopted, u.Words)
			if chained(r) {
				sv.Adopted += " in " + m.pick.judgedAt(r, u)
			}
			sv.Found = evidenceOf(r, u.Evidence, r.JudgedAt(m.pick.at, u.Proposal), m.ids)
		}
		vc.Spans = append(vc.Spans, sv)
	}
	return vc
}

// againstParam returns the variant ?against= names, 0 (the base) when
// there is none; an unknown name is not found.
func againstParam(r *analysis.Result, q url.Values) (int, error) {
	name := q.Get("against")
	if name == "" {
		return 0, nil
	}
	for v, n := range r.Document.Variants {
		if n == name {
			return v, nil
		}
	}
	return 0, notFound(fmt.Sprintf("Document %s has no text %q to compare with.", r.Document.Name, name))
}

// compareLinks offers every text of r's document as the one a paragraph's
// texts are diffed against, on path, the one in force marked; nil for a
// document of one text.
func compareLinks(r *analysis.Result, path string, q url.Values, against int) []link {
	d := r.Document
	if len(d.Variants) < 3 {
		return nil // the base and one variant: the page compares them already
	}
	out := make([]link, len(d.Variants))
	for v, name := range d.Variants {
		value := name
		if v == 0 {
			value = ""
		}
		nq := cloneQuery(q)
		nq.Del("against")
		if value != "" {
			nq.Set("against", value)
		}
		out[v] = link{Name: name, URL: withQuery(path, nq), Active: v == against}
	}
	return out
}

// compareParagraph turns pv, paragraph p's page, into the comparison of
// every text with variant a's: a's text first, plain, then every other
// text, the base's included, diffed against it with the words added and
// deleted, the change ratio and the themes the changes add and remove, as
// the analysis does against the base. Uptake, which judges a proposal
// against its stage, is left to the page without ?against=.
func (s *server) compareParagraph(r *analysis.Result, themes []themeInfo, p, a int, pv paragraphView) paragraphView {
	d := r.Document
	para := d.Paragraphs[p]
	dict := s.dictOf(r)
	byName := themesByName(themes)
	ref := para.Texts[a]
	refToks := s.tokenizer.Tokenize(ref)
	refMs := s.matchText(dict, ref)
	pv.Compare = d.Variants[a]
	pv.Base = textCell{Name: d.Variants[a], HTML: plainHTML(ref, refMs, byName), Empty: ref == "", Hidden: hiddenNote(para.HiddenChars(a))}
	pv.Variants = nil
	for v := range d.Variants {
		if v == a {
			continue
		}
		text := para.Texts[v]
		vc := variantCell{
			textCell: textCell{Name: d.Variants[v], Empty: text == "", Hidden: hiddenNote(para.HiddenChars(v))},
			Index:    v,
			Role:     role(r, v),
		}
		if v == 0 {
			vc.Role = analysis.RoleBase
		}
		toks := s.tokenizer.Tokenize(text)
		var spans []analysis.Span
		switch {
		case text == "":
			vc.Status = string(analysis.StatusAbsent)
		default:
			spans = analysis.Diff(refToks, toks)
			vc.Status = string(analysis.StatusUnchanged)
			if ref == "" {
				vc.Status = string(analysis.StatusNew)
			} else if len(spans) > 0 {
				vc.Status = string(analysis.StatusAmended)
			}
			vc.HTML = diffHTML(ref, text, spans, refMs, s.matchText(dict, text), byName)
		}
		vc.BaseWords, vc.VariantWords = analysis.CountWords(refToks), analysis.CountWords(toks)
		for _, sp := range spans {
			vc.Added += sp.Added
			vc.Deleted += sp.Deleted
			vc.Spans = append(vc.Spans, spanView{Kind: kindLabel(sp.Kind), Inserted: excerpt(text, sp.VarBytes), Deleted: excerpt(ref, sp.BaseBytes)})
		}
		vc.Ratio = fmtNum(analysis.ChangeRatio(vc.Added, vc.Deleted, vc.BaseWords))
		vc.AddedHits, vc.RemovedHits = hitThemes(d.Name, analysis.Hits(dict, refToks, toks, spans), themes)
		pv.Variants = append(pv.Variants, vc)
	}
	return pv
}

// hitThemes counts hits per theme, those added and those removed, most
// first, for document doc's pages.
func hitThemes(doc string, hits []analysis.Hit, themes []themeInfo) (added, removed []themeCount) {
	a, rm := make(map[string]int), make(map[string]int)
	for _, h := range hits {
		if h.Change == analysis.ChangeAdded {
			a[h.Theme]++
		} else {
			rm[h.Theme]++
		}
	}
	return topThemes(doc, a, themes, len(themes)), topThemes(doc, rm, themes, len(themes))
}

// themesByName indexes themes by name.
func themesByName(themes []themeInfo) map[string]themeInfo {
	m := make(map[string]themeInfo, len(themes))
	for _, t := range themes {
		m[t.Name] = t
	}
	return m
}
