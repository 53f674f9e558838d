package dashboard

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// maxUnthemed bounds the unthemed additions listed.
const maxUnthemed = 200

// dictionaryView is the body of /themes.
type dictionaryView struct {
	Hash       string // of the dictionary shown
	ServerHash string // of the server's dictionary, which analyses uploads
	Doc        string // the document filter, "" for all
	Docs       []link
	Themes     []themeTerms
	Unthemed   []phraseCount
	More       int // unthemed phrases left out
	// Stopwords says whose function words the unthemed phrases skip: the
	// languages of the documents shown, each as detected or set.
	Stopwords string
	Exports   []exportLink
	// EditURL, for one document on a server that takes writes, is where
	// the forms that add a term or a theme and analyse it again post.
	EditURL   string
	NeedToken bool
	// Also are the other documents analysed with the same dictionary,
	// which a change may analyse again too.
	Also []docChoice
}

// docChoice is a stored document a form may choose: its name, and its
// title as given.
type docChoice struct{ Name, Title string }

// themeTerms is a theme of the dictionary with its terms' added hits.
type themeTerms struct {
	themeInfo
	Terms []termCount
	Total int
}

// termCount is a dictionary term and how often variants added it.
type termCount struct {
	Term  string
	Count int
}

// phraseCount is an unthemed addition and how often variants added it.
type phraseCount struct {
	Phrase string
	Count  int
}

// dictionary serves /themes: the dictionary in use, added hits per term in
// all documents (or ?doc=), and the additions no theme matched.
func (s *server) dictionary(c *gin.Context) {
	ctx := c.Request.Context()
	all, listStamp, err := s.catalog.current(ctx)
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", err)
		return
	}
	infos := all
	doc := c.Query("doc")
	if doc != "" {
		i := slices.IndexFunc(all, func(info analysis.DocumentInfo) bool { return info.Name == doc })
		if i < 0 {
			s.fail(c, http.StatusNotFound, fmt.Sprintf("There is no document named %q.", doc), nil)
			return
		}
		infos = all[i : i+1]
	}
	// The page lists every document and counts the hits of infos.
	stamp := listStamp + "/" + s.cfg.Dictionary.Hash
	etag := s.etag(stamp, c.Request.URL.Path, doc)
	if notModified(c, etag) {
		return
	}
	key := "/themes?doc=" + doc
	resp, err := s.responses.do(ctx, key, key, stamp, func() (*response, error) {
		var results []*analysis.Result
		for _, info := range infos {
			r, err := s.result(c, info)
			if err != nil {
				return nil, err
			}
			results = append(results, r)
		}
		return s.renderResponse(s.dictionaryView(doc, all, results), etag)
	})
	if err != nil {
		s.buildFailed(c, err)
		return
	}
	resp.write(c)
}

func (s *server) dictionaryView(doc string, all []analysis.DocumentInfo, results []*analysis.Result) *view {
	// A document's page shows the dictionary it was analysed with, which
	// may not be the server's.
	dict := s.cfg.Dictionary
	if doc != "" && len(results) == 1 {
		dict = s.dictOf(results[0])
	}
	themes := s.themeInfos(dict)
	terms := make(map[[2]string]int)
	phrases := make(map[string]int)
	var langs []string
	for _, r := range results {
		lang := analysis.LanguageName(r.Language)
		if r.LanguageDetected {
			lang += " (detected from the base text)"
		} else {
			lang += " (the dictionary's language)"
		}
		if r.Language != "" && !slices.Contains(langs, lang) {
			langs = append(langs, lang)
		}
		for _, cmp := range r.Comparisons {
			for _, h := range cmp.Hits {
				if h.Change == analysis.ChangeAdded {
					terms[[2]string{h.Theme, h.Term}]++
				}
			}
		}
		for _, u := range r.Unthemed {
			phrases[u.Phrase] += u.Count
		}
	}
	dv := dictionaryView{Hash: dict.Hash, Doc: doc, ServerHash: s.cfg.Dictionary.Hash, Stopwords: strings.Join(langs, ", ")}
	dv.Docs = append(dv.Docs, link{Name: "All documents", URL: "/themes", Active: doc == ""})
	for _, info := range all {
		dv.Docs = append(dv.Docs, link{Name: info.Name, URL: withQuery("/themes", vq("doc", info.Name)), Active: info.Name == doc})
	}
	for _, t := range themes {
		tt := themeTerms{themeInfo: t}
		for _, term := range t.Terms {
			n := terms[[2]string{t.Name, term}]
			tt.Terms = append(tt.Terms, termCount{Term: term, Count: n})
			tt.Total += n
		}
		dv.Themes = append(dv.Themes, tt)
	}
	for p, n := range phrases {
		dv.Unthemed = append(dv.Unthemed, phraseCount{Phrase: p, Count: n})
	}
	sort.Slice(dv.Unthemed, func(i, j int) bool {
		a, b := dv.Unthemed[i], dv.Unthemed[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Phrase < b.Phrase
	})
	if len(dv.Unthemed) > maxUnthemed {
		dv.More = len(dv.Unthemed) - maxUnthemed
		dv.Unthemed = dv.Unthemed[:maxUnthemed]
	}
	if doc != "" {
		dv.Exports = []exportLink{{Table: "unthemed", CSV: exportURL(doc, "unthemed", nil), JSON: apiURL(doc, "unthemed", nil)}}
		if !s.cfg.ReadOnly {
			dv.EditURL, dv.NeedToken = docURL(doc)+"/dictionary", s.cfg.Token != ""
			for _, info := range all {
				if info.Name != doc && info.DictHash == dict.Hash {
					dv.Also = append(dv.Also, docChoice{Name: info.Name, Title: info.Title})
				}
			}
		}
	}
	crumbs := []link{{Name: "Documents", URL: "/"}, {Name: "Themes"}}
	return &view{
		Template:   "dictionary",
		Title:      "Themes",
		Crumbs:     crumbs,
		ThemeStyle: themeStyleURL(themes),
		Body:       dv,
	}
}
