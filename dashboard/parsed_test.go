package dashboard

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"amendlens/analysis"
)

// markFound is a theme mark of a page as a reader meets it: its theme's
// class, its words, and the change it sits in ("ins", "del" or "").
type markFound struct {
	class, text, in string
}

// pageMarks parses an HTML page and returns its theme marks (mark.hit),
// each with the insertion or deletion around it, if any.
func pageMarks(t *testing.T, body string) []markFound {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out []markFound
	var walk func(n *html.Node, in string)
	walk = func(n *html.Node, in string) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "ins", "del":
				in = n.Data
			case "mark":
				classes := strings.Fields(attrOf(n, "class"))
				if slices.Contains(classes, "hit") {
					m := markFound{text: textOf(n), in: in}
					for _, c := range classes {
						if strings.HasPrefix(c, "th-") {
							m.class = c
						}
					}
					out = append(out, m)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, "")
	return out
}

// attrOf returns the attribute key of n, "" when it has none.
func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf returns the text of n and its descendants.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// changeFound is an insertion or deletion of a page as a reader meets
// it: "ins" or "del", and its words.
type changeFound struct {
	kind, text string
}

// pageChanges parses an HTML page and returns the insertions and
// deletions of the text inside the element of the given id (the whole
// page for ""), in page order: those of a table (a list of changes) are
// left out.
func pageChanges(t *testing.T, body, id string) []changeFound {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out []changeFound
	var walk func(n *html.Node, inside bool)
	walk = func(n *html.Node, inside bool) {
		if n.Type == html.ElementNode {
			inside = inside || id != "" && attrOf(n, "id") == id
			if n.Data == "table" {
				return
			}
			if inside && (n.Data == "ins" || n.Data == "del") {
				out = append(out, changeFound{kind: n.Data, text: textOf(n)})
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inside)
		}
	}
	walk(doc, id == "")
	return out
}

// TestParagraphMarksParsed: on the fixture's paragraph page, as the page
// parses, the proposal's inserted theme terms are marked with their theme
// inside the insertion, and a base term outside any change.
func TestParagraphMarksParsed(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	marks := pageMarks(t, get(t, s.engine, "/d/fixture/p/1").Body.String())
	for _, want := range []markFound{
		{"th-access", "affordable", "ins"},
		{"th-gender", "gender equality", "ins"},
		{"th-access", "access", ""},
	} {
		if !slices.Contains(marks, want) {
			t.Errorf("no mark %+v among %+v", want, marks)
		}
	}
}

// TestParagraphDeletionParsed: paragraph 3 of the fixture, where North
// deleted one word, shows that word deleted in North's text and nothing
// inserted.
func TestParagraphDeletionParsed(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	body := get(t, s.engine, "/d/fixture/p/3").Body.String()
	got := pageChanges(t, body, "text-v1")
	if !slices.Contains(got, changeFound{"del", " greatly"}) || slices.ContainsFunc(got, func(c changeFound) bool { return c.kind == "ins" }) {
		t.Errorf("North's changes in paragraph 3: %+v, want \" greatly\" deleted and nothing inserted", got)
	}
}

// TestParagraphCompare: ?against= diffs every text of a paragraph against
// the one named: North against the outcome as analysis.Diff does, and the
// base against the outcome as the mirror of the outcome against the base
// (what one inserted the other deletes); an unknown text is a 404.
func TestParagraphCompare(t *testing.T) {
	r := fixtureResult()
	s := mustServer(t, newFakeSource(r), nil)
	d := r.Document
	tok := analysis.NewTokenizer()
	for _, id := range []string{"1", "2bis", "3"} {
		p, _ := paragraphIndex(d, id)
		texts := d.Paragraphs[p].Texts
		body := get(t, s.engine, "/d/fixture/p/"+id+"?against=Outcome").Body.String()
		if !strings.Contains(body, `id="compare-note">Every text is diffed against Outcome`) {
			t.Fatalf("paragraph %s: no note of the comparison", id)
		}
		// North against Outcome.
		var want []changeFound
		for _, sp := range analysis.Diff(tok.Tokenize(texts[2]), tok.Tokenize(texts[1])) {
			if sp.BaseBytes.End > sp.BaseBytes.Start {
				want = append(want, changeFound{"del", texts[2][sp.BaseBytes.Start:sp.BaseBytes.End]})
			}
			if sp.VarBytes.End > sp.VarBytes.Start {
				want = append(want, changeFound{"ins", texts[1][sp.VarBytes.Start:sp.VarBytes.End]})
			}
		}
		if got := pageChanges(t, body, "text-v1"); !sameChanges(got, want) {
			t.Errorf("paragraph %s, North against Outcome: %+v, want %+v", id, got, want)
		}
		// The base against Outcome mirrors Outcome against the base.
		if texts[0] == "" || texts[2] == "" {
			continue
		}
		ins, del := 0, 0
		for _, c := range pageChanges(t, body, "text-v0") {
			n := analysis.CountWords(tok.Tokenize(c.text))
			if c.kind == "ins" {
				ins += n
			} else {
				del += n
			}
		}
		if c := r.Comparison(p, 2); ins != c.Deleted || del != c.Added {
			t.Errorf("paragraph %s, base against Outcome: %d words inserted, %d deleted; want the %d Outcome deleted and the %d it inserted", id, ins, del, c.Deleted, c.Added)
		}
	}
	if w := get(t, s.engine, "/d/fixture/p/1?against=Nobody"); w.Code != 404 {
		t.Errorf("against=Nobody: %d, want 404", w.Code)
	}
	if body := get(t, s.engine, "/d/fixture/p/1").Body.String(); !strings.Contains(body, `href="/d/fixture/p/1?against=North"`) {
		t.Error("the paragraph page offers no comparison with North")
	}
}

// sameChanges reports whether got holds want's changes in order, with the
// text of each, white space aside (the page's spans may carry a space
// the diff's byte ranges leave out).
func sameChanges(got, want []changeFound) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i].kind != want[i].kind || strings.Join(strings.Fields(got[i].text), " ") != strings.Join(strings.Fields(want[i].text), " ") {
			return false
		}
	}
	return true
}

// elementFound is an element of a page as a reader meets it: its words,
// its title (what hovering says) and its link.
type elementFound struct {
	text, title, href string
	classes           []string
}

// pageElements parses an HTML page and returns its elements of tag that
// have class among their classes ("" for any), inside the element of the
// given id (the whole page for ""), in page order.
func pageElements(t *testing.T, body, id, tag, class string) []elementFound {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out []elementFound
	var walk func(n *html.Node, inside bool)
	walk = func(n *html.Node, inside bool) {
		if n.Type == html.ElementNode {
			inside = inside || id == "" || attrOf(n, "id") == id
			classes := strings.Fields(attrOf(n, "class"))
			if inside && n.Data == tag && (class == "" || slices.Contains(classes, class)) {
				out = append(out, elementFound{text: textOf(n), title: attrOf(n, "title"), href: attrOf(n, "href"), classes: classes})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inside)
		}
	}
	walk(doc, false)
	return out
}
