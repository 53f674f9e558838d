package dashboard

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
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
// deletions inside the element of the given id (the whole page for ""),
// in page order.
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
