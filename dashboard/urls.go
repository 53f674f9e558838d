package dashboard

import (
	"net/url"
	"strings"

	"amendlens/analysis"
	"amendlens/parse"
)

func docURL(doc string) string { return "/d/" + url.PathEscape(doc) }

func paraURL(doc, id string) string { return docURL(doc) + "/p/" + url.PathEscape(id) }

func sectionURL(doc, id string) string { return docURL(doc) + "/s/" + url.PathEscape(id) }

func uptakeURL(doc string) string { return docURL(doc) + "/uptake" }

func searchURL(doc string) string { return docURL(doc) + "/search" }

// storedURL is the overview an upload opens on, saying the document was
// stored.
func storedURL(doc string) string { return docURL(doc) + "?stored=1" }

func themeURL(doc, name string) string { return docURL(doc) + "/t/" + url.PathEscape(name) }

func exportURL(doc, table string, q url.Values) string {
	return withQuery(docURL(doc)+"/export/"+url.PathEscape(table)+".csv", q)
}

// excelURL returns a CSV download's URL asking for a byte order mark.
func excelURL(csvURL string) string {
	if strings.Contains(csvURL, "?") {
		return csvURL + "&bom=1"
	}
	return csvURL + "?bom=1"
}

func apiURL(doc, table string, q url.Values) string {
	return withQuery("/api/d/"+url.PathEscape(doc)+"/"+url.PathEscape(table), q)
}

// withQuery appends q, without its empty values, to path.
func withQuery(path string, q url.Values) string {
	clean := url.Values{}
	for k, vs := range q {
		for _, v := range vs {
			if v != "" {
				clean.Add(k, v)
			}
		}
	}
	if len(clean) == 0 {
		return path
	}
	return path + "?" + clean.Encode()
}

// vq builds query values from key, value pairs.
func vq(kv ...string) url.Values {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			q.Set(kv[i], kv[i+1])
		}
	}
	return q
}

// docHeader is what every page of a document shows about it.
type docHeader struct {
	Name     string
	Title    string // the name as the user gave it, Name when none was
	Stored   bool   // the page opens an upload just stored: it says so
	Source   string
	URL      string
	Variants []string // without the base
	Outcome  string   // "" when none
	// UptakeURL is the uptake page, "" when there is no outcome.
	UptakeURL string
	// ThemesURL is the page of the dictionary the document was analysed
	// with.
	ThemesURL string
}

func headerOf(r *analysis.Result) docHeader {
	d := r.Document
	h := docHeader{Name: d.Name, Title: docTitle(d), Source: d.Source, URL: docURL(d.Name), Variants: d.Variants[1:], ThemesURL: withQuery("/themes", vq("doc", d.Name))}
	if r.Outcome > 0 {
		h.Outcome = d.Variants[r.Outcome]
		h.UptakeURL = uptakeURL(d.Name)
	}
	return h
}

// docCrumbs starts the breadcrumb trail of a page of document d, which
// it names by its title.
func docCrumbs(d *analysis.Document, more ...link) []link {
	return append([]link{{Name: "Documents", URL: "/"}, {Name: docTitle(d), URL: docURL(d.Name)}}, more...)
}

// docTitle is the name d was given, as given; its slug when it has none.
func docTitle(d *analysis.Document) string {
	if d.Title != "" {
		return d.Title
	}
	return d.Name
}

// variantLinks offers the variants as filter links on path, keeping the
// other parameters of q; "All" clears the filter when all is true.
func variantLinks(r *analysis.Result, path string, q url.Values, selected int, all bool) []link {
	var out []link
	if all {
		out = append(out, link{Name: "All variants", URL: filterURL(path, q, "variant", ""), Active: selected == 0})
	}
	for v := 1; v < len(r.Document.Variants); v++ {
		out = append(out, link{Name: r.Document.Variants[v], URL: filterURL(path, q, "variant", r.Document.Variants[v]), Active: selected == v})
	}
	return out
}

// filterURL returns the link to path with the parameters of q but key set
// to value, or cleared when value is "", and on the first page: another
// filter has other pages.
func filterURL(path string, q url.Values, key, value string) string {
	nq := cloneQuery(q)
	nq.Del("page")
	nq.Set(key, value) // withQuery drops it when empty
	return withQuery(path, nq)
}

// toggleURL returns the link that flips a switch of the page at path: q
// without key when on is set, with key=value when not, and in both cases
// without the parameters reset, whose values the switch makes stale (a
// page of rows in another order).
func toggleURL(path string, q url.Values, key, value string, on bool, reset ...string) string {
	nq := cloneQuery(q)
	for _, k := range reset {
		nq.Del(k)
	}
	if on {
		nq.Del(key)
	} else {
		nq.Set(key, value)
	}
	return withQuery(path, nq)
}

// cloneQuery returns a copy of q that can be changed without changing q.
func cloneQuery(q url.Values) url.Values {
	out := url.Values{}
	for k, vs := range q {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// role says what a variant is in the document.
func role(r *analysis.Result, v int) string {
	return r.Role(v)
}

// where names line n of a document of unit unit (see parse.Where) at
// the start of a sentence: "Line 12", "Table row 12".
func where(unit string, n int) string {
	w := parse.Where(unit, n)
	return strings.ToUpper(w[:1]) + w[1:]
}
