package dashboard

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/parse"
)

// baseOnlyText is a plain numbered text: the base alone, no version to
// compare it with.
const baseOnlyText = `1. Internet governance

29. The Internet has evolved into a global facility available to the public.

30. We reaffirm our commitment to gender equality and to the rights of women online.

2. Follow-up

31. We call for capacity building in developing countries.
`

// baseOnly parses and analyses baseOnlyText.
func baseOnly(t testing.TB) *analysis.Result {
	t.Helper()
	doc, err := parse.Parse("adopted.txt", []byte(baseOnlyText), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestBaseOnlyPages checks every page and download of a document that has
// only its base text: all answer 200 without NaN, and no page draws a chart,
// every one of which needs a variant.
func TestBaseOnlyPages(t *testing.T) {
	r := baseOnly(t)
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	d := docURL(r.Document.Name)
	paths := []string{"/", d, d + "?variant=", d + "/p/29", d + "/p/30", d + "/p/31", d + "/s/1", d + "/s/2", d + "/t/gender", d + "/uptake", "/themes", "/themes?doc=adopted", "/api/documents"}
	for _, table := range analysis.Tables {
		paths = append(paths, d+"/export/"+table+".csv", d+"/export/"+table+".csv?bom=1&section=1", "/api/d/"+r.Document.Name+"/"+table)
	}
	for _, p := range paths {
		w := get(t, s.engine, p)
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Errorf("%s: status %d\n%s", p, w.Code, body)
			continue
		}
		if strings.Contains(body, "NaN") || strings.Contains(body, "Inf") {
			t.Errorf("%s: a figure that is not a number", p)
		}
		if strings.Contains(body, `class="chart"`) {
			t.Errorf("%s: draws a chart of a document without variants", p)
		}
	}

	note := `<p class="note" id="base-only-note">` + baseOnlyNote + `.</p>`
	body := get(t, s.engine, d).Body.String()
	if !strings.Contains(body, note) {
		t.Errorf("overview: no note on adding a version:\n%s", body)
	}
	if !strings.Contains(body, `<p id="base-figures">3 paragraphs, 34 words.`) {
		t.Errorf("overview: no figures of the base text")
	}
	rows := element(t, body, "base-paragraphs", "</table>")
	for _, want := range []string{
		`<tr><th scope="row"><a href="/d/adopted/p/29">29</a></th><td><a href="/d/adopted/s/1">1. Internet governance</a></td><td class="num">12</td><td>–</td></tr>`,
		`<th scope="row"><a href="/d/adopted/p/30">30</a></th><td><a href="/d/adopted/s/1">1. Internet governance</a></td><td class="num">14</td><td><a class="tag" href="/d/adopted/t/gender"><span class="sw th-gender"></span>Gender equality 2</a>`,
		`<tr><th scope="row"><a href="/d/adopted/p/31">31</a></th><td><a href="/d/adopted/s/2">2. Follow-up</a></td><td class="num">8</td>`,
	} {
		if !strings.Contains(rows, want) {
			t.Errorf("overview: paragraphs table lacks %s\n%s", want, rows)
		}
	}

	body = get(t, s.engine, d+"/p/30").Body.String()
	for _, want := range []string{note, `<span id="words">14 words</span>`} {
		if !strings.Contains(body, want) {
			t.Errorf("paragraph 30 lacks %s", want)
		}
	}
	// As the page parses: the base's theme terms are marked, outside any
	// change, since the base alone has none.
	marks := pageMarks(t, body)
	for _, want := range []markFound{{"th-gender", "gender equality", ""}, {"th-gender", "women", ""}} {
		if !slices.Contains(marks, want) {
			t.Errorf("paragraph 30: no mark %+v among %+v", want, marks)
		}
	}
	for _, m := range marks {
		if m.in != "" {
			t.Errorf("paragraph 30: mark %+v inside a change in the base alone", m)
		}
	}
	if ch := pageChanges(t, body, ""); len(ch) > 0 {
		t.Errorf("paragraph 30: inserted or deleted words %+v in the base alone", ch)
	}

	body = get(t, s.engine, d+"/s/1").Body.String()
	if !strings.Contains(body, `<p id="base-figures">2 paragraphs, 26 words.`) || strings.Contains(body, "/p/31") {
		t.Errorf("section 1: want paragraphs 29 and 30 alone, 26 words")
	}
	body = get(t, s.engine, d+"/t/gender").Body.String()
	if !strings.Contains(body, `<p class="meta">Paragraphs of adopted whose text has terms of theme <code>gender</code>. Terms:`) || strings.Contains(body, `id="filters"`) {
		t.Error("theme gender: the heading speaks of added hits, or variants are offered")
	}
	if rows := element(t, body, "base-paragraphs", "</table>"); strings.Count(rows, `<th scope="row">`) != 1 || !strings.Contains(rows, "/p/30") {
		t.Errorf("theme gender: want paragraph 30 alone, the one with its terms:\n%s", rows)
	}
	if body := get(t, s.engine, d+"/uptake").Body.String(); !strings.Contains(body, note) {
		t.Error("uptake: no note on adding a version")
	}
	if body := get(t, s.engine, "/").Body.String(); !strings.Contains(body, `<td>adopted.txt</td><td>none: the base text alone</td><td class="num">3</td>`) {
		t.Error("document list: the variants of adopted are not said to be none")
	}

	csv := get(t, s.engine, d+"/export/paragraphs.csv").Body.String()
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(csv, "\r\n", "\n")), "\n")
	header, _ := analysis.TableHeader(r, "paragraphs")
	themes := strings.Repeat(",", len(r.Dictionary.Names()))
	want := []string{
		strings.Join(header, ","),
		"adopted,1,29,1,Base,,12,,,,,,0,0" + themes,
		"adopted,1,30,2,Base,,14,,,,,,0,0" + themes,
		"adopted,2,31,3,Base,,8,,,,,,0,0" + themes,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("paragraphs.csv:\n%s\nwant:\n%s", csv, strings.Join(want, "\n"))
	}
	for _, table := range []string{"themes", "uptake", "changes", "hits", "verdicts"} {
		csv := get(t, s.engine, d+"/export/"+table+".csv").Body.String()
		header, _ := analysis.TableHeader(r, table)
		if strings.TrimSpace(csv) != strings.Join(header, ",") {
			t.Errorf("%s.csv: want its header alone:\n%s", table, csv)
		}
	}
	js := get(t, s.engine, "/api/d/adopted/paragraphs").Body.String()
	if !strings.Contains(js, `"paragraph":"30","order":2,"variant":"Base","status":"","base_words":14,"variant_words":null,`) {
		t.Errorf("paragraphs JSON: no base row of paragraph 30:\n%s", js)
	}
}

// TestUploadBaseOnlyDocx uploads a plain numbered Word document, the base
// text alone: it is stored, and its overview lists the paragraphs with the
// numbers Word shows (an automatic list starting at 29) and a note on how
// to add a version.
func TestUploadBaseOnlyDocx(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "analysis", "docx", "numbering-29.docx"))
	if err != nil {
		t.Fatal(err)
	}
	src := newFakeSource(fixtureResult())
	s := mustServer(t, src, nil)
	w := upload(t, s.engine, nil, "Adopted text.docx", data)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != storedURL("adopted-text") {
		t.Fatalf("status %d to %q, want 303 to %s\n%s", w.Code, w.Header().Get("Location"), storedURL("adopted-text"), w.Body.String())
	}
	r := src.docs["adopted-text"]
	if r == nil || !r.Document.BaseOnly() {
		t.Fatalf("stored %+v, want the base text alone", r)
	}
	var ids []string
	for _, p := range r.Document.Paragraphs {
		ids = append(ids, p.ID)
	}
	if got := strings.Join(ids, " "); got != "29 30 31 32 33" {
		t.Errorf("paragraphs %s, want 29 30 31 32 33 as Word numbers them", got)
	}
	body := get(t, s.engine, docURL("adopted-text")).Body.String()
	if !strings.Contains(body, baseOnlyNote) || !strings.Contains(body, `<a href="/d/adopted-text/p/29">29</a>`) {
		t.Errorf("overview of the upload: no note or no paragraph 29:\n%s", body)
	}
}

// TestBaseOnlyPaged checks that the paragraphs of a long base text come a
// page at a time, while the figures count them all.
func TestBaseOnlyPaged(t *testing.T) {
	var b strings.Builder
	b.WriteString("1. Long text\n\n")
	for i := range pageRows + 1 {
		fmt.Fprintf(&b, "%d. We note access point %d.\n\n", i+1, i+1)
	}
	doc, err := parse.Parse("long.txt", []byte(b.String()), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, testDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := mustServer(t, newFakeSource(r), nil)
	for _, tc := range []struct {
		path       string
		rows       int
		first, has string
	}{
		{"/d/long", pageRows, "/d/long/p/1", `href="/d/long?page=2#base-only"`},
		{"/d/long?page=2", 1, fmt.Sprintf("/d/long/p/%d", pageRows+1), `href="/d/long#base-only"`},
		{"/d/long/s/1?page=2", 1, fmt.Sprintf("/d/long/p/%d", pageRows+1), `href="/d/long/s/1#base-only"`},
		{"/d/long/t/access?page=2", 1, fmt.Sprintf("/d/long/p/%d", pageRows+1), `href="/d/long/t/access#base-only"`},
	} {
		w := get(t, s.engine, tc.path)
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", tc.path, w.Code)
		}
		rows := element(t, body, "base-paragraphs", "</table>")
		if n := strings.Count(rows, `<th scope="row">`); n != tc.rows || !strings.Contains(rows, `<a href="`+tc.first+`">`) {
			t.Errorf("%s: %d rows, want %d from %s", tc.path, n, tc.rows, tc.first)
		}
		if !strings.Contains(body, fmt.Sprintf(`<p id="base-figures">%d paragraphs, %d words.`, pageRows+1, 5*(pageRows+1))) {
			t.Errorf("%s: the figures do not count every paragraph", tc.path)
		}
		if !strings.Contains(body, tc.has) {
			t.Errorf("%s: no link %s", tc.path, tc.has)
		}
	}
	if w := get(t, s.engine, "/d/long?page=3"); w.Code != http.StatusNotFound {
		t.Errorf("page 3 of 2: status %d, want 404", w.Code)
	}
}

// TestBaseOnlyInjection checks that the text and headings of a base-only
// document are shown as text on every page that lists them.
func TestBaseOnlyInjection(t *testing.T) {
	evil := "<script>alert(1)</script>"
	doc, err := parse.Parse("evil.txt", []byte("1. Heading "+evil+"\n\n29. We note "+evil+" and gender equality.\n"), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, testDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := mustServer(t, newFakeSource(r), nil)
	for _, path := range []string{"/d/evil", "/d/evil/s/1", "/d/evil/p/29", "/d/evil/t/gender"} {
		w := get(t, s.engine, path)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", path, w.Code)
		}
		if body := w.Body.String(); strings.Contains(body, evil) || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the text is not shown escaped", path)
		}
	}
}
