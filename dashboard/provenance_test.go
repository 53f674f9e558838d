package dashboard

import (
	"context"
	"encoding/csv"
	"fmt"
	"html"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/ingest"
	"amendlens/templates"
)

// TestProvenanceChart: the chart of where the adopted text came from
// sums, for the whole text, what the provenance table credits each
// source with at the last stage, and its section bars add up to no more
// than the whole; it names the shares in its note.
func TestProvenanceChart(t *testing.T) {
	r := chainResult(t)
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	page := get(t, s.engine, "/d/internet-governance-chapter").Body.String()
	table := element(t, page, chartProvenance+"-table", "</table>")
	recs, err := csv.NewReader(strings.NewReader(get(t, s.engine, "/d/internet-governance-chapter/export/provenance.csv?stage=final").Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	sums := map[string]float64{}
	for _, rec := range recs[1:] {
		if rec[col["stage"]] != "Adopted" {
			t.Fatalf("stage=final gave a row of %s", rec[col["stage"]])
		}
		src := rec[col["source_actor"]]
		if src == "" {
			src = rec[col["source_stage"]]
			if src != "Chair's draft" {
				src += "'s own words"
			}
		}
		c, _ := strconv.ParseFloat(rec[col["credit"]], 64)
		sums[src] += c
	}
	head := firstGroups(t, table, `<th scope="col">([^<]*)</th>`)
	whole := firstGroups(t, table, `>Whole text</a></th>((?:<td>[^<]*</td>)+)`)
	if len(whole) == 0 {
		t.Fatalf("no whole-text row:\n%s", table)
	}
	cells := firstGroups(t, whole[0], `<td>([^<]*)</td>`)
	if len(cells) != len(head)-1 || len(cells) != len(sums) {
		t.Fatalf("columns %v, whole-text cells %v, CSV sources %v", head, cells, sums)
	}
	for i, c := range cells {
		if want := fmtNum(sums[html.UnescapeString(head[i+1])]); c != want {
			t.Errorf("%s: the chart says %s words, the table %s", head[i+1], c, want)
		}
	}
	if sums["Gender Caucus"] == 0 || sums["G77"] == 0 {
		t.Errorf("no words of the actors in the adopted text: %v", sums)
	}
	// Per theme: each theme's row sums what the analysis credits.
	themeTable := element(t, page, chartThemeSources+"-table", "</table>")
	byTheme := r.ThemeSources(len(r.Stages)-1, analysis.NewTokenizer())
	checked := 0
	for _, th := range r.Dictionary.Themes {
		want := 0.0
		for _, sw := range byTheme[th.Name] {
			want += sw.Words
		}
		row := firstGroups(t, themeTable, `>`+th.Label+`</a></th>((?:<td>[^<]*</td>)+)`)
		got := 0.0
		for _, c := range firstGroups(t, strings.Join(row, ""), `<td>([^<]*)</td>`) {
			n, _ := strconv.ParseFloat(c, 64)
			got += n
		}
		if got != want {
			t.Errorf("%s in the adopted text: the chart's table sums %v words, the analysis %v", th.Label, got, want)
		}
		if want > 0 {
			checked++
		}
	}
	if checked == 0 {
		t.Error("no theme's terms in the adopted text")
	}
	if !strings.Contains(page, "Gender Caucus "+strconv.FormatFloat(100*sums["Gender Caucus"]/total(sums), 'f', 1, 64)+"%") {
		t.Errorf("the note does not give the Gender Caucus's share")
	}
}

// firstGroups returns the first group of every match of expr in s.
func firstGroups(t *testing.T, s, expr string) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(expr).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

func total(m map[string]float64) float64 {
	t := 0.0
	for _, v := range m {
		t += v
	}
	return t
}

// TestParagraphSources: with by=source, the paragraph page marks every
// word of each stage after the first with its source: the Gender Caucus's
// clause in 39 at Rev.1 in the caucus's colour, the draft's words
// unmarked; the stylesheet's source colours are the chart's.
func TestParagraphSources(t *testing.T) {
	r := chainResult(t)
	s := mustServer(t, newFakeSource(r), nil)
	plain := get(t, s.engine, "/d/internet-governance-chapter/p/39").Body.String()
	if strings.Contains(plain, `id="sources"`) || !strings.Contains(plain, `href="/d/internet-governance-chapter/p/39?by=source"`) {
		t.Error("the paragraph page shows the sources unasked, or has no switch to them")
	}
	page := get(t, s.engine, "/d/internet-governance-chapter/p/39?by=source").Body.String()
	sources := element(t, page, "sources", "</section>")
	gc := sourceClass(sourceKeys(r)[actorKey("Gender Caucus")])
	credited := func(title, text, class string) bool {
		for _, e := range pageElements(t, page, "sources", "span", "src") {
			if e.title == title && strings.HasPrefix(e.text, text) && (class == "" || slices.Contains(e.classes, class)) {
				return true
			}
		}
		return false
	}
	if !strings.Contains(sources, `<h3>Rev.1</h3>`) || !credited("Gender Caucus", "and a gender equality perspective", gc) {
		t.Errorf("Rev.1's text does not credit the Gender Caucus with its clause, in its colour:\n%s", sources)
	}
	if !credited("Chair's draft", "We reaffirm", "") {
		t.Errorf("the draft's words are not marked as the draft's:\n%s", sources)
	}
	if w := get(t, s.engine, "/d/internet-governance-chapter/p/39?by=theme"); w.Code != 404 {
		t.Errorf("by=theme: %d, want 404", w.Code)
	}
	css, err := fs.ReadFile(templates.FS, "static/amendlens.css")
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= paletteSize; i++ {
		if want := fmt.Sprintf(".src-%d { border-bottom-color: %s; }", i, sourceColor(i)); !strings.Contains(string(css), want) {
			t.Errorf("the stylesheet lacks %q", want)
		}
	}
}

// TestProvenanceActorAtTwoStages: an actor's words count as one source
// whichever stages took them: the chart's whole-text bar of an actor who
// proposed against two stages holds the words of both.
func TestProvenanceActorAtTwoStages(t *testing.T) {
	file := func(name, text string) ingest.File { return ingest.File{Name: name, Data: []byte(text)} }
	in := ingest.Input{Name: "two", Stages: []ingest.StageFile{
		{Name: "Draft", File: file("draft.txt", "1. We agree on access for all.\n"),
			Proposals: []ingest.ProposalFile{{Actor: "Caucus", File: file("c1.txt", "1. We agree on affordable access for all.\n")}}},
		{Name: "Rev.1", File: file("rev1.txt", "1. We agree on affordable access for all.\n"),
			Proposals: []ingest.ProposalFile{{Actor: "Caucus", File: file("c2.txt", "1. We agree on affordable access for all women.\n")}}},
		{Name: "Final", File: file("final.txt", "1. We agree on affordable access for all women.\n")},
	}}
	rs, err := ingest.Analyse(context.Background(), analysis.DefaultDictionary(), in)
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	caucus := 0.0
	for _, sw := range r.WordSources(len(r.Stages)-1, nil) {
		if sw.Actor == "Caucus" {
			caucus = sw.Words
		}
	}
	if caucus != 2 {
		t.Fatalf("the final text credits the caucus with %v words, want 2 (\"affordable\" at Rev.1, \"women\" at the end)", caucus)
	}
	cv, err := provenanceChart(r, window{Lo: 0, Hi: len(r.Document.Sections)})
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(cv.Table.Head, "Caucus")
	if col < 0 || cv.Table.Rows[0][col] != "2" {
		t.Errorf("the chart's whole-text row %v under %v, want the caucus's 2 words", cv.Table.Rows[0], cv.Table.Head)
	}
}
