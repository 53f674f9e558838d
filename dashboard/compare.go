package dashboard

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"amendlens/analysis"
)

// compareView is the overview's comparison of the variant shown with
// another text, any of the document's (?variant=V&against=A): the same
// diff the analysis draws against the base, paragraph by paragraph.
type compareView struct {
	Variant, With string
	Rows          []compareRow // the paragraphs whose texts differ, document order
	Same, Absent  int          // paragraphs alike, and where either has no text
	Added         int
	Deleted       int
	Ratio         string // of the paragraphs both have
	CSV, JSON     string
	Swap          string // the comparison the other way
}

// compareRow is one paragraph of a compareView.
type compareRow struct {
	ID, URL, Section string
	Status           string
	Added, Deleted   int
	Ratio            string
	Themes           []themeCount // the themes the changes add, most first
}

// compareLinksOf are the overview's choices of a text to compare the
// variant shown (sel) with: every other text, and none; nil when no
// variant is shown.
func compareLinksOf(r *analysis.Result, path string, q url.Values, sel, against int) []link {
	if sel <= 0 {
		return nil
	}
	var out []link
	for v, name := range r.Document.Variants {
		if v != sel {
			out = append(out, link{Name: name, URL: filterURL(path, q, "against", name), Active: v == against})
		}
	}
	return append(out, link{Name: "none", URL: filterURL(path, q, "against", ""), Active: against < 0})
}

// buildCompare compares variant v of r with text a for the overview.
func buildCompare(ctx context.Context, r *analysis.Result, themes []themeInfo, v, a int) (*compareView, error) {
	d := r.Document
	cmps, err := r.ComparePair(ctx, v, a)
	if err != nil {
		return nil, err
	}
	q := vq("variant", d.Variants[v], "against", d.Variants[a])
	cv := &compareView{
		Variant: d.Variants[v], With: d.Variants[a],
		CSV: exportURL(d.Name, "compare", q), JSON: apiURL(d.Name, "compare", q),
		Swap: docURL(d.Name),
	}
	if a > 0 {
		cv.Swap = withQuery(docURL(d.Name), vq("variant", d.Variants[a], "against", d.Variants[v]))
	}
	sections := sectionTitles(d)
	shared := 0
	for i := range cmps {
		c := &cmps[i]
		switch {
		case c.Status == analysis.StatusUnchanged:
			cv.Same++
			shared += c.BaseWords
			continue
		case c.Status == analysis.StatusAbsent:
			cv.Absent++
			continue
		}
		para := d.Paragraphs[c.Paragraph]
		row := compareRow{
			ID: para.ID, Status: string(c.Status), Added: c.Added, Deleted: c.Deleted, Ratio: fmtNum(c.ChangeRatio),
			URL: withQuery(paraURL(d.Name, para.ID), vq("against", d.Variants[a])),
		}
		row.Section = sections[para.Section]
		row.Themes, _ = hitThemes(d.Name, c.Hits, themes)
		if c.Status == analysis.StatusNew {
			row.Ratio = "new"
		} else {
			cv.Added += c.Added
			cv.Deleted += c.Deleted
			shared += c.BaseWords
		}
		cv.Rows = append(cv.Rows, row)
	}
	cv.Ratio = fmtNum(analysis.ChangeRatio(cv.Added, cv.Deleted, shared))
	return cv, nil
}

// overviewAgainst reads the overview's against: the text the variant
// shown (sel) is compared with, -1 for none. A text there is none of is a
// notFound error (see againstParam); against without a variant shown, or
// the variant itself, a badRequest.
func overviewAgainst(r *analysis.Result, q url.Values, sel int) (int, error) {
	if q.Get("against") == "" {
		return -1, nil
	}
	a, err := againstParam(r, q)
	d := r.Document
	switch {
	case err != nil:
		return -1, err
	case sel <= 0:
		return -1, badRequest("against compares the variant shown with another text: choose the variant too (variant=" + strconv.Quote(d.Variants[len(d.Variants)-1]) + ").")
	case a == sel:
		return -1, badRequest(fmt.Sprintf("%s compared with itself: choose another text to compare it with.", d.Variants[a]))
	}
	return a, nil
}

// withoutKey returns a copy of q without key.
func withoutKey(q url.Values, key string) url.Values {
	out := cloneQuery(q)
	out.Del(key)
	return out
}
