package dashboard

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"amendlens/templates"
)

func contrast(a, b string) float64 { return contrastRatio(a, b) }

// Muted text (notes, roles, labels) meets 4.5:1 on the page and on panels,
// and a theme mark shows its theme in text on focus.
func TestStylesheetAccessibility(t *testing.T) {
	data, err := fs.ReadFile(templates.FS, "static/amendlens.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(data)
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b`).FindAllStringSubmatch(css, -1) {
		c := m[2]
		if len(c) == 4 {
			c = "#" + strings.Repeat(c[1:2], 2) + strings.Repeat(c[2:3], 2) + strings.Repeat(c[3:4], 2)
		}
		vars[m[1]] = c
	}
	for _, fg := range []string{"muted", "fg", "accent", "ins-fg", "del-fg"} {
		for _, bg := range []string{"bg", "panel"} {
			if vars[fg] == "" || vars[bg] == "" {
				t.Fatalf("no --%s or --%s in the stylesheet", fg, bg)
			}
			if r := contrast(vars[fg], vars[bg]); r < 4.5 {
				t.Errorf("--%s %s on --%s %s: %.2f:1, want 4.5:1", fg, vars[fg], bg, vars[bg], r)
			}
		}
	}
	if m := regexp.MustCompile(`\.verdict-partly \{ color: (#[0-9a-f]{6})`).FindStringSubmatch(css); m == nil || contrast(m[1], vars["bg"]) < 4.5 {
		t.Errorf("the partly-adopted verdict's colour %v does not meet 4.5:1", m)
	}
	if !strings.Contains(css, `mark.hit[data-theme]:focus::after`) || !strings.Contains(css, `attr(data-theme)`) {
		t.Error("a focused theme mark does not show its theme in text")
	}
}

// Every chart's table links each row to the page its bar or cell opens.
func TestChartTablesLinkRows(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	for path, tables := range map[string]map[string]string{
		"/d/fixture?variant=North": {
			"chart_themes-table":        `<th scope="row"><a href="/d/fixture/t/gender?variant=North">Gender equality</a></th>`,
			"chart_sections-table":      `<th scope="row"><a href="/d/fixture/s/2?variant=North">2</a></th>`,
			"chart_heatmap-table":       `<th scope="row"><a href="/d/fixture/p/1">1</a></th>`,
			"chart_changemap-table":     `<th scope="row"><a href="/d/fixture/p/2bis">2bis</a></th>`,
			"chart_uptake_themes-table": `<th scope="row"><a href="/d/fixture/uptake?proposal=North&amp;theme=stakeholders">North</a></th>`,
			"chart_uptake_spans-table":  `<th scope="row"><a href="/d/fixture/uptake?proposal=North">North</a></th>`,
		},
		"/d/fixture/s/2": {
			"chart_section_paragraphs-table": `<th scope="row"><a href="/d/fixture/p/2bis">2bis</a></th>`,
		},
	} {
		page := get(t, s.engine, path).Body.String()
		for id, want := range tables {
			if table := element(t, page, id, "</table>"); !strings.Contains(table, want) {
				t.Errorf("%s %s lacks %s:\n%s", path, id, want, table)
			}
		}
	}
}

// TestKeyboardShortcuts: every page opens with a link past its header to
// its content, and the home page links to the upload forms before the list
// of documents, which may be long, so that the keyboard reaches them early.
func TestKeyboardShortcuts(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	for _, path := range []string{"/", "/d/fixture", "/d/fixture/p/1"} {
		body := get(t, s.engine, path).Body.String()
		_, after, ok := strings.Cut(body, "<body")
		first := strings.Index(after, "<a ")
		if !ok || first < 0 || !strings.HasPrefix(after[first:], `<a class="skip" href="#main">`) || !strings.Contains(body, `<main id="main">`) {
			t.Errorf("%s: the first link is not the skip link to the main content", path)
		}
	}
	home := get(t, s.engine, "/").Body.String()
	jump, list := strings.Index(home, `<a href="#upload">Upload a document</a>`), strings.Index(home, `id="documents"`)
	if jump < 0 || list < 0 || jump > list || !strings.Contains(home, `id="upload"`) {
		t.Errorf("home page: the link to the upload form (at %d) does not come before the documents (at %d)", jump, list)
	}
}
