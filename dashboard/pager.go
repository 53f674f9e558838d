package dashboard

import (
	"fmt"
	"net/url"
	"strconv"
)

// pageRows is how many rows a table on a page shows at most; the rest are
// on further pages (?page=N), so that a page of a document of 100,000
// paragraphs stays a few megabytes.
const pageRows = 500

// pager is one page of a long table: which rows it shows and links to the
// pages around it.
type pager struct {
	Page, Pages int // 1-based
	From, To    int // 1-based rows shown, To inclusive; 0, 0 for no rows
	Total       int
	Prev, Next  string // URLs, "" at the ends
	First, Last string
}

// Paged reports whether the table runs to more than one page.
func (p pager) Paged() bool { return p.Pages > 1 }

// pageParam reads the page number from q: 1 when absent, an error for
// anything but a whole number from 1 up.
func pageParam(q url.Values) (int, error) {
	v := q.Get("page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, badRequest(fmt.Sprintf("page must be a whole number from 1 up, not %q.", v))
	}
	return n, nil
}

// paginate returns the pager of page n of total rows on path with the
// parameters q, and the half-open range of rows it shows. A page past the
// last is a 404.
func paginate(path string, q url.Values, total, n int) (pager, int, int, error) {
	pages := max(1, (total+pageRows-1)/pageRows)
	if n > pages {
		return pager{}, 0, 0, notFound(fmt.Sprintf("There are %d pages of rows, not %d.", pages, n))
	}
	link := func(k int) string {
		nq := cloneQuery(q)
		nq.Del("page")
		if k > 1 {
			nq.Set("page", strconv.Itoa(k))
		}
		return withQuery(path, nq)
	}
	lo, hi := (n-1)*pageRows, min(n*pageRows, total)
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
