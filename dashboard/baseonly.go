package dashboard

import (
	"net/url"

	"amendlens/analysis"
)

// baseView is what the overview, a section's and a theme's page show of a
// document that has only its base text: no chart (every chart draws
// changes), but the paragraphs with their numbers, words and the theme
// terms of their text, and a note on how to add a version.
type baseView struct {
	Note       string
	Paragraphs int
	Words      int
	Themes     []themeCount // theme terms in the paragraphs shown, most first
	Rows       []baseRow
	Pager      pager // the page of Rows shown, when not all
}

// baseRow is one paragraph of the base text.
type baseRow struct {
	Para    link
	Section link
	Words   int
	Themes  []themeCount // theme terms in its text, most first
}

// baseOnlyNote is what the pages tell where a figure or chart needs a
// version of a document of its base text alone: how to add one here.
const baseOnlyNote = "This document has only its base text: upload it again with its later versions, in the versions field of the form, to see what changed"

// baseText sums up the paragraphs of r that keep lets through (all when
// keep is nil) and, when theme is not "", have a term of that theme.
func (s *server) baseText(r *analysis.Result, themes []themeInfo, keep func(p int) bool, theme string) *baseView {
	d := r.Document
	dict := s.dictOf(r)
	titles := sectionTitles(d)
	bv := &baseView{Note: baseOnlyNote}
	total := map[string]int{}
	for p := range d.Paragraphs {
		if keep != nil && !keep(p) {
			continue
		}
		para := &d.Paragraphs[p]
		text := para.Texts[0]
		counts := map[string]int{}
		for _, m := range s.matchText(dict, text) {
			counts[m.Theme]++
		}
		if theme != "" && counts[theme] == 0 {
			continue
		}
		row := baseRow{
			Para:   link{Name: para.ID, URL: paraURL(d.Name, para.ID)},
			Words:  analysis.CountWords(s.tokenizer.Tokenize(text)),
			Themes: topThemes(d.Name, counts, themes, len(themes)),
		}
		if para.Section != "" {
			row.Section = link{Name: titles[para.Section], URL: sectionURL(d.Name, para.Section)}
		}
		for name, n := range counts {
			total[name] += n
		}
		bv.Paragraphs++
		bv.Words += row.Words
		bv.Rows = append(bv.Rows, row)
	}
	bv.Themes = topThemes(d.Name, total, themes, len(themes))
	return bv
}

// page keeps the rows of page q asks for, pageRows at most, with the links
// to the others at path: the figures above still count every row.
func (bv *baseView) page(path string, q url.Values) error {
	return bv.pageAlong(path, q, 1)
}

// pageAlong is page on a page whose other lists, paged by the same
// parameter, run to others pages: the rows are all on every page when they
// fit one, and none on a page past their last but not past others.
func (bv *baseView) pageAlong(path string, q url.Values, others int) error {
	n, err := pageParam(q)
	if err != nil {
		return err
	}
	if err := pastLast(n, max(others, pageCount(len(bv.Rows), pageRows))); err != nil {
		return err
	}
	pg, lo, hi := pageWithin(path, q, pageRows, len(bv.Rows), n)
	bv.Rows, bv.Pager = bv.Rows[lo:hi], pg.anchored("base-only")
	return nil
}
