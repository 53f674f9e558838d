package dashboard

import (
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
	"amendlens/ingest"
	"amendlens/templates"
)

// get requests path from h with optional header pairs.
func get(t *testing.T, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// element returns the text from the tag carrying id="id" to the end of its
// table row or section, for assertions on one place of a page.
func element(t *testing.T, body, id, end string) string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no element id=%q", id)
	}
	j := strings.Index(body[i:], end)
	if j < 0 {
		t.Fatalf("element id=%q has no %q after it", id, end)
	}
	return body[i : i+j]
}

// cells returns the text of the <td> cells of an HTML fragment.
func cells(frag string) []string {
	re := regexp.MustCompile(`<td[^>]*>(.*?)</td>`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(frag, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestRoutes(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	const html, csv, js = "text/html; charset=utf-8", "text/csv; charset=utf-8", "application/json; charset=utf-8"
	tests := []struct {
		name     string
		path     string
		wantCode int
		wantType string
		wantBody []string
		notBody  []string
	}{
		{"index", "/", 200, html, []string{`href="/d/fixture"`, "fixture.txt", "North, Outcome", `name="file"`, "Up to 10 MiB"}, []string{`name="token"`}},
		{"overview", "/d/fixture", 200, html, []string{
			`<div id="chart_themes" class="chart tall"`, `id="chart_sections"`, `id="chart_heatmap" class="chart tall"`, `id="chart_changemap"`, `id="chart_kinds"`,
			`id="chart_uptake_themes"`, `id="chart_uptake_spans"`, "Themes by paragraph in North", "Change map of North",
			`href="/d/fixture/export/themes.csv"`, `href="/d/fixture/export/hits.csv?variant=North"`, `href="/api/d/fixture/paragraphs"`,
			`href="/d/fixture/s/2a"`, "Sections by change volume<", `href="/d/fixture?norm=1"`,
		}, nil},
		{"overview variant", "/d/fixture?variant=North", 200, html, []string{
			`class="active" aria-current="true">North<`, "Themes by paragraph in North", `href="/d/fixture/export/themes.csv?variant=North"`,
			`&#34;/d/fixture/t/gender?variant=North&#34;`,
		}, []string{`id="figures-v2"`}},
		{"overview normalised", "/d/fixture?norm=1", 200, html, []string{"Sections by change volume (per 100 base words)", "per 100 base words)</th>", `id="norm" href="/d/fixture"`}, nil},
		{"overview unknown variant", "/d/fixture?variant=South", 404, html, []string{"no variant &#34;South&#34;"}, nil},
		{"overview unknown document", "/d/nope", 404, html, []string{"There is no document named &#34;nope&#34;."}, nil},
		{"paragraph", "/d/fixture/p/1", 200, html, []string{
			`rel="next" id="next" href="/d/fixture/p/2"`, `href="/d/fixture/s/1">Section 1. Introduction`,
			`<td class="verdict-not_adopted">not adopted <span class="note">0 of 1 words</span>`,
			`<td class="verdict-adopted">adopted <span class="note">3 of 3 words</span>`,
		}, []string{`rel="prev"`}},
		{"paragraph deletion", "/d/fixture/p/3", 200, html, []string{`rel="prev" id="prev" href="/d/fixture/p/2bis"`}, []string{`rel="next"`}},
		{"paragraph new and absent", "/d/fixture/p/2bis", 200, html, []string{"No text in the base: the paragraph was proposed.", `<span class="role">new</span>`, `<td class="verdict-partly">partly adopted`}, nil},
		{"paragraph absent in outcome", "/d/fixture/p/2", 200, html, []string{`class="cell variant status-absent"`, "No text.", `<td class="verdict-pending">pending`}, nil},
		{"paragraph unknown", "/d/fixture/p/99", 404, html, []string{"no paragraph &#34;99&#34;"}, nil},
		{"theme", "/d/fixture/t/gender", 200, html, []string{
			"2 added hits of theme", `<a href="/d/fixture/s/1">1. Introduction</a>`,
			`<td class="left">We value affordable access for all, with </td><td class="hit"><mark class="hit th-gender" title="gender equality">gender equality</mark></td><td>.</td>`,
			`href="/d/fixture/p/1">1</a>`, `href="/d/fixture/export/hits.csv?theme=gender"`,
		}, nil},
		{"theme variant filter", "/d/fixture/t/stakeholders?variant=Outcome", 200, html, []string{"1 added hit of theme", `href="/d/fixture/p/2bis"`}, []string{`href="/d/fixture/p/2"`}},
		{"theme section filter", "/d/fixture/t/stakeholders?section=2a", 200, html, []string{"2 added hits of theme", "section 2a", `<a href="/d/fixture/s/2a">2a. Roles</a>`}, []string{`href="/d/fixture/p/2"`}},
		{"theme none", "/d/fixture/t/access?variant=Outcome", 200, html, []string{"No variant added this theme."}, nil},
		{"theme unknown", "/d/fixture/t/climate", 404, html, []string{"no theme &#34;climate&#34;"}, nil},
		{"theme unknown section", "/d/fixture/t/gender?section=9", 404, html, []string{"no section &#34;9&#34;"}, nil},
		{"section", "/d/fixture/s/2", 200, html, []string{
			`id="chart_section_paragraphs"`, `id="chart_section_themes"`, `href="/d/fixture/s/2a">2a. Roles</a>`,
			`<td class="num">1</td><th scope="row"><a href="/d/fixture/p/2bis">2bis</a></th><td class="num">7</td><td class="num">0</td><td class="num">7</td>`,
			`<td class="num">2</td><th scope="row"><a href="/d/fixture/p/2">2</a></th><td class="num">3</td><td class="num">0</td><td class="num">3</td>`,
			`<td class="num">3</td><th scope="row"><a href="/d/fixture/p/3">3</a></th><td class="num">0</td><td class="num">1</td><td class="num">1</td>`,
			`href="/d/fixture/export/paragraphs.csv?section=2"`,
		}, nil},
		{"subsection", "/d/fixture/s/2a?variant=North", 200, html, []string{`Part of <a href="/d/fixture/s/2">2. Stakeholders</a>`, "&#43;0 −1 (amended)", "&#43;3 −0 (new)"}, []string{"(absent)"}},
		{"section unknown", "/d/fixture/s/9", 404, html, []string{"no section &#34;9&#34;"}, nil},
		{"themes", "/themes", 200, html, []string{
			`id="theme-gender"`, "<tr><td>gender equality</td><td class=\"num\">2</td></tr>", "<tr><td>private sector</td><td class=\"num\">2</td></tr>",
			"<tr><td>women</td><td class=\"num\">0</td></tr>", "<tr><td>with</td><td class=\"num\">2</td></tr>", "#e64980", testDictionary().Hash,
		}, nil},
		{"themes of a document", "/themes?doc=fixture", 200, html, []string{`href="/d/fixture/export/unthemed.csv"`, "in fixture"}, nil},
		{"themes unknown document", "/themes?doc=nope", 404, html, []string{"no document named"}, nil},
		{"csv", "/d/fixture/export/paragraphs.csv", 200, csv, nil, nil},
		{"csv unknown table", "/d/fixture/export/nope.csv", 404, html, []string{"There is no table &#34;nope&#34;"}, nil},
		{"csv without extension", "/d/fixture/export/paragraphs.json", 404, html, nil, nil},
		{"csv unknown document", "/d/nope/export/paragraphs.csv", 404, html, nil, nil},
		{"csv unknown variant", "/d/fixture/export/paragraphs.csv?variant=South", 404, html, []string{"no variant"}, nil},
		{"csv unknown paragraph", "/d/fixture/export/paragraphs.csv?paragraph=99", 404, html, []string{"no paragraph"}, nil},
		{"json", "/api/d/fixture/paragraphs", 200, js, nil, nil},
		{"json unknown table", "/api/d/fixture/nope", 404, js, []string{`"error":"There is no table`}, nil},
		{"json unknown document", "/api/d/nope/paragraphs", 404, js, []string{`"error"`}, nil},
		{"static script", "/static/amendlens.js", 200, "text/javascript; charset=utf-8", []string{"getInstanceByDom"}, nil},
		{"static style", "/static/amendlens.css", 200, "text/css; charset=utf-8", []string{".chart"}, nil},
		{"static unknown", "/static/nope.js", 404, html, nil, nil},
		{"static hidden", "/static/.gitignore", 404, html, nil, nil},
		{"no route", "/nowhere", 404, html, []string{"There is no such page."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, s.engine, tt.path)
			if w.Code != tt.wantCode {
				t.Fatalf("GET %s: status %d, want %d\n%s", tt.path, w.Code, tt.wantCode, w.Body.String())
			}
			if ct := w.Header().Get("Content-Type"); ct != tt.wantType {
				t.Errorf("GET %s: Content-Type %q, want %q", tt.path, ct, tt.wantType)
			}
			body := w.Body.String()
			for _, want := range tt.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("GET %s: body lacks %q", tt.path, want)
				}
			}
			for _, not := range tt.notBody {
				if strings.Contains(body, not) {
					t.Errorf("GET %s: body has %q", tt.path, not)
				}
			}
			if t.Failed() && testing.Verbose() {
				t.Log(body)
			}
		})
	}
}

func TestOverviewFigures(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	body := get(t, s.engine, "/d/fixture").Body.String()
	tests := []struct {
		variant int
		want    []string // amended, new, unchanged, absent, added, in new paragraphs, deleted, ratio
		top     []string
	}{
		// North added 10 words, 3 of them its new paragraph 2bis: its ratio
		// is the 7 added and 1 deleted of the shared paragraphs over their
		// 11 base words.
		{1, []string{"3", "1", "0", "0", "10", "3", "1", "0.727"}, []string{"Multistakeholder 2", "Gender equality 1", "Access 1"}},
		// Outcome has no text in paragraph 2 and 4 words in its new
		// paragraph: its ratio is the other 3 over the 8 base words of the
		// paragraphs where it has text, not over 11.
		{2, []string{"1", "1", "1", "1", "7", "4", "0", "0.375"}, []string{"Gender equality 1", "Multistakeholder 1"}},
	}
	for _, tt := range tests {
		row := element(t, body, "figures-v"+strconv.Itoa(tt.variant), "</tr>")
		got := cells(row)
		if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
			t.Errorf("variant %d figures %q, want %q", tt.variant, got, tt.want)
		}
		last := 0
		for _, top := range tt.top {
			i := strings.Index(row, top)
			if i < last {
				t.Errorf("variant %d top themes: %q missing or out of order in %s", tt.variant, top, row)
			}
			last = i
		}
	}
	// The heatmap table lists the paragraphs where the focus variant, the
	// one that changed most (North), added hits: 1 (gender, access), 2 and
	// 2bis (stakeholders).
	heat := element(t, body, "chart_heatmap-table", "</table>")
	if !strings.Contains(heat, `">1</a></th><td>1</td><td>0</td><td>1</td>`) || !strings.Contains(heat, `">2bis</a></th><td>0</td><td>1</td><td>0</td>`) {
		t.Errorf("heatmap table:\n%s", heat)
	}
	change := element(t, body, "chart_changemap-table", "</table>")
	for _, want := range []string{
		"\">1</a></th><td>amended</td><td>4</td><td>0</td><td>0.8</td><td>Gender equality</td>",
		"\">2bis</a></th><td>new</td><td>3</td><td>0</td><td>1</td><td>Multistakeholder</td>",
		"\">3</a></th><td>amended</td><td>0</td><td>1</td><td>0.333</td><td></td>",
	} {
		if !strings.Contains(change, want) {
			t.Errorf("change map table lacks %q:\n%s", want, change)
		}
	}
	norm := get(t, s.engine, "/d/fixture?norm=1&variant=North").Body.String()
	sec := element(t, norm, "chart_sections-table", "</table>")
	// Section 2 holds paragraphs 2, 2bis and 3: 6 base words, 6 added, 1 deleted.
	if !strings.Contains(sec, `">2</a></th><td>Stakeholders</td><td>6</td><td>100</td><td>16.667</td>`) {
		t.Errorf("normalised section table:\n%s", sec)
	}
}

// TestTemplatesExecuted fails when a template file is never executed by any
// route: every *.html file must be reachable. A file counts as executed
// when a page holds its longest run of static text.
func TestTemplatesExecuted(t *testing.T) {
	// A document of 501 sections pages the sections chart's table; one of
	// the base text alone is shown without charts.
	// The chain fixture's paragraphs have a history; the uptake gold set
	// has insertions partly found again.
	s := mustServer(t, newFakeSource(fixtureResult(), injectionResult(), manySections(t, pageRows+1), baseOnly(t), chainResult(t), analysistest.UptakeFixture(t, "..", analysis.DefaultDictionary())), nil)
	var bodies []string
	for _, path := range append(pagePaths, "/d/nope", "/d/many", "/d/adopted", "/d/internet-governance-chapter/p/39", "/d/internet-governance-chapter/p/39?by=source", "/d/uptake-gold/uptake?stage=Later+text") {
		bodies = append(bodies, get(t, s.engine, path).Body.String())
	}
	files, err := fs.Glob(templates.FS, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := fs.ReadFile(templates.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		text := longestText(t, f, string(data))
		if len(text) < 20 {
			t.Errorf("template %s has no run of static text to recognise it by (longest %q)", f, text)
			continue
		}
		if !slices.ContainsFunc(bodies, func(b string) bool { return strings.Contains(b, text) }) {
			t.Errorf("template %s is never executed: no page holds its text %q", f, text)
		}
	}
	if len(files) != len(pageNames)+len(partialFiles) {
		t.Errorf("%d template files, %d pages and %d partials known", len(files), len(pageNames), len(partialFiles))
	}
}

// longestText returns the longest run of static text of a template file.
func longestText(t *testing.T, name, src string) string {
	t.Helper()
	tr := parse.New(name)
	tr.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := tr.Parse(src, "{{", "}}", trees); err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	longest := ""
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.TextNode:
			if len(n.Text) > len(longest) {
				longest = string(n.Text)
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	for _, tree := range trees {
		walk(tree.Root)
	}
	return longest
}

func TestNew(t *testing.T) {
	if _, err := New(Config{Dictionary: testDictionary()}); err == nil {
		t.Error("New without a Source: no error")
	}
	if _, err := New(Config{Source: newFakeSource()}); err == nil {
		t.Error("New without a Dictionary: no error")
	}
	h, err := New(Config{Source: newFakeSource(fixtureResult()), Dictionary: testDictionary()})
	if err != nil {
		t.Fatal(err)
	}
	if w := get(t, h, "/d/fixture"); w.Code != 200 {
		t.Errorf("GET /d/fixture: %d", w.Code)
	}
	req := httptest.NewRequest(http.MethodDelete, "/d/fixture", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("DELETE: %d, want 405", w.Code)
	}
	io.Copy(io.Discard, w.Body)
}

// TestAbsentExplained: the Gender Caucus's proposal as a table, whose
// empty cells leave paragraphs out, reads a higher change ratio than the
// same proposal as tracked changes; the overview of the table says why,
// the tracked one's has nothing to explain.
func TestAbsentExplained(t *testing.T) {
	table, _ := sample(t)
	data, err := os.ReadFile("../testdata/analysis/docx/sample-tracked.docx")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ingest.Analyse(context.Background(), analysis.DefaultDictionary(), ingest.Input{Name: "tracked", Tracked: true, Files: []ingest.File{{Name: "sample-tracked.docx", Data: data}}})
	if err != nil {
		t.Fatal(err)
	}
	tracked := rs[0]
	if a, b := table.Totals[1], tracked.Totals[1]; a.Added != b.Added || a.Deleted != b.Deleted || a.Absent == 0 || b.Absent != 0 || a.ChangeRatio <= b.ChangeRatio {
		t.Fatalf("table %+v, tracked %+v: want the same words, absent paragraphs only in the table and its ratio higher", a, b)
	}
	s := mustServer(t, newFakeSource(table, tracked), nil)
	const why = "counts in none of its figures"
	for _, c := range []struct {
		doc  string
		want bool
	}{{table.Document.Name, true}, {"tracked", false}} {
		note := element(t, get(t, s.engine, "/d/"+c.doc).Body.String(), "figures", "</section>")
		if strings.Contains(note, why) != c.want {
			t.Errorf("%s: headline figures %q, want the absent note %v", c.doc, note, c.want)
		}
	}
}
