package dashboard

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// pageRows is how many rows a table on a page shows at most; the rest are
// on further pages (?page=N), so that a page of a document of 100,000
// paragraphs stays a few megabytes.
const pageRows = 500

// sectionRows is how many sections the overview shows a page: in its list
// of sections, in the sections chart and in the charts rolled up by
// section, and in their tables; a legislative text has several hundred, and
// a chart of hundreds of bars is unreadable.
const sectionRows = 30

// chartParagraphs is how many paragraphs the charts of every paragraph (the
// heatmap and the change map) draw at most; a longer document's charts come
// in parts (?part=N), each a few hundred kilobytes.
const chartParagraphs = 5000

// pager is one page of a long table: which rows it shows and links to the
// pages around it.
type pager struct {
	Page, Pages int // 1-based
	From, To    int // 1-based rows shown, To inclusive; 0, 0 for no rows
	Total       int
	Prev, Next  string // URLs, "" at the ends
	First, Last string
	Noun        string // what the pages hold, plural: "rows" when ""
}

// Items names what the pages hold, plural, lower case.
func (p pager) Items() string {
	if p.Noun == "" {
		return "rows"
	}
	return p.Noun
}

// ItemsTitle is Items with a capital, to start a sentence.
func (p pager) ItemsTitle() string {
	s := p.Items()
	return strings.ToUpper(s[:1]) + s[1:]
}

// anchored returns p with its links pointing at the element id.
func (p pager) anchored(id string) pager {
	for _, u := range []*string{&p.Prev, &p.Next, &p.First, &p.Last} {
		if *u != "" {
			*u += "#" + id
		}
	}
	return p
}

// Paged reports whether the table runs to more than one page.
func (p pager) Paged() bool { return p.Pages > 1 }

// pageParam reads the page number from q: 1 when absent, an error for
// anything but a whole number from 1 up.
func pageParam(q url.Values) (int, error) { return numberParam(q, "page") }

// numberParam reads a 1-based number from q[key]: 1 when absent, an error
// for anything but a whole number from 1 up.
func numberParam(q url.Values, key string) (int, error) {
	v := q.Get(key)
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, badRequest(fmt.Sprintf("%s must be a whole number from 1 up, not %q.", key, v))
	}
	return n, nil
}

// paginate returns the pager of page n of total rows on path with the
// parameters q, and the half-open range of rows it shows. A page past the
// last is a 404.
func paginate(path string, q url.Values, total, n int) (pager, int, int, error) {
	return paginateBy(path, q, "page", pageRows, total, n)
}

// paginateBy is paginate with the parameter key and size rows a page.
func paginateBy(path string, q url.Values, key string, size, total, n int) (pager, int, int, error) {
	pages := pageCount(total, size)
	if err := pastLast(n, pages); err != nil {
		return pager{}, 0, 0, err
	}
	link := func(k int) string {
		nq := cloneQuery(q)
		nq.Del(key)
		if k > 1 {
			nq.Set(key, strconv.Itoa(k))
		}
		return withQuery(path, nq)
	}
	lo, hi := (n-1)*size, min(n*size, total)
	p := pager{Page: n, Pages: pages, Total: total, From: lo + 1, To: hi}
	if total == 0 {
		p.From = 0
	}
	if n > 1 {
		p.Prev, p.First = link(n-1), link(1)
	}
	if n < pages {
		p.Next, p.Last = link(n+1), link(pages)
	}
	return p, lo, hi, nil
}

// pageCount is how many pages total items fill, size a page: 1 at least.
func pageCount(total, size int) int { return max(1, (total+size-1)/size) }

// pageWithin is the pager of page n of total items, size a page, on a page
// at path with other lists paged by the same parameter, and the half-open
// range of items it shows: all of them on every page when they fit one,
// none on a page past their last, to which a longer list runs. Whether n is
// past the last page of every list is for the caller to tell (pastLast).
func pageWithin(path string, q url.Values, size, total, n int) (pager, int, int) {
	pages := pageCount(total, size)
	if pages == 1 {
		return pager{Page: 1, Pages: 1, Total: total, From: min(1, total), To: total}, 0, total
	}
	pg, lo, hi, _ := paginateBy(path, q, "page", size, total, min(n, pages))
	if n > pages {
		// Page n of the page, past the list's last: the way back is to
		// that last page.
		first, _, _, _ := paginateBy(path, q, "page", size, total, 1)
		lo, hi = total, total
		pg.Page, pg.From, pg.To, pg.Prev = n, 0, 0, first.Last
	}
	return pg, lo, hi
}

// window is the page of a list that several parts of a page show (the
// overview's sections): its pager, and the half-open range of the list's
// items it shows.
type window struct {
	Pager  pager
	Lo, Hi int
}

// drawn returns cv, a chart that draws the window's items, with the
// window's pager under it; err passes through.
func (w window) drawn(cv *chartView, err error) (*chartView, error) {
	if err != nil {
		return nil, err
	}
	cv.Pager, cv.PagedChart = w.Pager.anchored(cv.ID+"-panel"), true
	return cv, nil
}

// span says which of the pager's items a page shows, for descriptions:
// "12 sections" (all of them: Total), or "sections 31–60 of 450" on a page
// of several; noun is singular.
func (p pager) span(noun string) string {
	switch {
	case !p.Paged():
		return fmt.Sprintf("%d %s", p.Total, plural(noun, p.Total))
	case p.To == 0:
		return fmt.Sprintf("none of the %d %s", p.Total, plural(noun, p.Total))
	}
	return fmt.Sprintf("%s %d–%d of %d", plural(noun, 2), p.From, p.To, p.Total)
}

// pastLast is the 404 of page n on a page whose longest list runs to pages
// pages, nil when n is one of them.
func pastLast(n, pages int) error {
	if n > pages {
		return notFound(fmt.Sprintf("There are %d pages, not %d.", pages, n))
	}
	return nil
}

// pageTables shows page n of every chart table on path that runs past
// pageRows rows. A page past the last of the longest table, and past
// others, the pages of the page's other lists, is a 404; a shorter table
// shows no rows there.
func pageTables(cvs []*chartView, path string, q url.Values, n, others int) error {
	longest := 0
	for _, cv := range cvs {
		longest = max(longest, len(cv.Table.Rows))
	}
	if err := pastLast(n, max(others, pageCount(longest, pageRows))); err != nil {
		return err
	}
	for _, cv := range cvs {
		total := len(cv.Table.Rows)
		if total <= pageRows {
			continue
		}
		pg, lo, hi := pageWithin(path, q, pageRows, total, n)
		cv.Table.Rows = cv.Table.Rows[lo:hi]
		if len(cv.Table.Links) == total {
			cv.Table.Links = cv.Table.Links[lo:hi]
		}
		cv.Pager = pg.anchored(cv.ID + "-panel")
	}
	return nil
}
