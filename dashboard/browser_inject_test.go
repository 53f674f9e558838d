package dashboard

import (
	"encoding/csv"
	"strings"
	"testing"

	"amendlens/parse"

	"amendlens/analysis"
)

// Hostile strings of the injection document. Each tries to leave the
// context it lands in (HTML text, attribute, inline script, JSON string,
// template) and set window.__pwned.
const (
	pwnScript  = "</script><script>window.__pwned=1</script>"
	pwnImg     = `<img src=x onerror="window.__pwned=2">`
	pwnQuote   = `"'-(window.__pwned=3)-'"`
	pwnTmpl    = `{{.Nonce}}{{template "layout"}}`
	pwnLine    = "line\u2028sep\u2029para"
	pwnEntity  = "&lt;b&gt;bold&lt;/b&gt; &amp;amp; &#60;i&#62;"
	pwnFunc    = "__f__);window.__pwned=4;//"
	pwnComment = "<!--<script>window.__pwned=8</script>-->"
)

// injectionFile is the file name of the injection document; it becomes
// the document's Source, shown on its pages.
const injectionFile = `inject-<img src=x onerror=window.__pwned=9>.csv`

// Variant names and section titles of the injection document, as the
// parser keeps them (inner white space, U+2028 among it, collapsed).
var (
	injNorth = "North " + pwnScript + " " + pwnComment
	injSouth = "South " + pwnQuote + " " + pwnEntity + " " + pwnLine
	injSec1  = "Intro " + pwnScript + " " + pwnQuote + " " + pwnLine
	injSec2  = "Second " + pwnTmpl + " " + pwnEntity + " " + pwnComment
)

// injectionCSV is the long-form CSV of the injection document: two
// sections, two paragraphs, two variants that insert hostile text next to
// dictionary terms.
func injectionCSV(t *testing.T) []byte {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	rows := [][]string{
		{"section", "section_title", "paragraph", "variant", "text"},
		{"1", injSec1, "1", "Base", "We value access for all."},
		{"1", injSec1, "1", injNorth, "We value affordable access for all women " + pwnScript + " " + pwnImg + " " + pwnTmpl + " " + pwnEntity + " " + pwnLine + " " + pwnComment + "."},
		{"1", injSec1, "1", injSouth, "We value access for all, with gender equality " + pwnQuote + " " + pwnFunc + "."},
		{"2", injSec2, "2", "Base", "Governments lead policy " + pwnEntity + "."},
		{"2", injSec2, "2", injNorth, "Governments and civil society lead policy " + pwnEntity + " " + pwnScript + "."},
		{"2", injSec2, "2", injSouth, "Governments and the private sector lead policy for women " + pwnQuote + "."},
	}
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

// injectionYAML is a dictionary whose theme labels are hostile; the first
// label carries a real U+2028 (YAML's "\u2028" escape).
const injectionYAML = `themes:
  - name: gender
    label: "Gender </script><script>window.__pwned=5</script> \"q\" ' \u2028 &lt;b&gt; {{.}}"
    color: "#e64980"
    terms: ["gender equality", "women"]
  - name: stakeholders
    label: "Stake <img src=x onerror=window.__pwned=6> __f__);window.__pwned=7;//"
    color: "#1c7ed6"
    terms: ["civil society", "private sector"]
  - name: access
    label: "Access &amp; {{template \"x\"}}"
    color: "#37b24d"
    terms: ["affordable", "access"]
`

// injectionDoc parses and analyses the injection document with the hostile
// dictionary, and checks that the hostile strings survived parsing, so
// that the browser test shows them to the pages.
func injectionDoc(t *testing.T) (*analysis.Result, *analysis.Dictionary) {
	t.Helper()
	dict, err := analysis.ParseDictionary("inject.yaml", []byte(injectionYAML))
	if err != nil {
		t.Fatal(err)
	}
	if l := dict.Label("gender"); !strings.Contains(l, "\u2028") || !strings.Contains(l, "</script>") || !strings.Contains(l, `"q"`) {
		t.Fatalf("the hostile label did not parse as written: %q", l)
	}
	doc, err := parse.Parse(injectionFile, injectionCSV(t), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{analysis.BaseName, injNorth, collapsed(injSouth)}; strings.Join(doc.Variants, "|") != strings.Join(want, "|") {
		t.Fatalf("variants %q, want %q", doc.Variants, want)
	}
	r, err := analysis.Analyse(doc, dict, analysis.Options{Outcome: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Totals[1].ThemeAdded["gender"] == 0 || r.Totals[1].ThemeAdded["stakeholders"] == 0 {
		t.Fatalf("the injection document added no hits of the hostile themes: %v", r.Totals[1].ThemeAdded)
	}
	return r, dict
}

// collapsed is s with U+2028 and U+2029 read as spaces, as the parser
// reads variant names and section titles.
func collapsed(s string) string {
	return strings.NewReplacer("\u2028", " ", "\u2029", " ").Replace(s)
}
