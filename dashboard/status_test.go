package dashboard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/ingest"
	"amendlens/parse"
)

// TestStatusOf: every kind of failure has its status, in one table, and
// the domain's own errors take theirs through analysis.FailureOf, wrapped
// or not.
func TestStatusOf(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want int
	}{
		{"not found", notFound("no such paragraph"), http.StatusNotFound},
		{"bad request", badRequest("page must be a number"), http.StatusBadRequest},
		{"token", errBadToken, http.StatusForbidden},
		{"parse error", fmt.Errorf("x.txt: %w", &parse.ParseError{File: "x.txt", Line: 3, Msg: "bad"}), http.StatusUnprocessableEntity},
		{"dictionary", &analysis.DictionaryError{File: "d.yaml", Msg: "bad"}, http.StatusUnprocessableEntity},
		{"name taken", &analysis.NameTakenError{Name: "a", Title: "A", Stored: "a"}, http.StatusConflict},
		{"stored document missing", fmt.Errorf("load: %w", analysis.ErrNotFound), http.StatusNotFound},
		{"work budget", fmt.Errorf("paragraph 3: %w", analysis.ErrWorkBudget), http.StatusRequestEntityTooLarge},
		{"upload too large", notMultipart(&http.MaxBytesError{Limit: 10}), http.StatusRequestEntityTooLarge},
		{"not multipart", notMultipart(errors.New("no boundary")), http.StatusBadRequest},
		{"anything else", errors.New("disk full"), http.StatusInternalServerError},
	} {
		if got := statusOf(c.err); got != c.want {
			t.Errorf("%s: status %d, want %d", c.name, got, c.want)
		}
	}
	for k := analysis.FailInternal; k <= analysis.FailForbidden; k++ {
		if httpStatus[k] == 0 {
			t.Errorf("failure %d has no status", k)
		}
	}
}

// TestShownVariants: a page shows the variant chosen, or every one but the
// base.
func TestShownVariants(t *testing.T) {
	d := &analysis.Document{Variants: []string{"Base", "A", "B", "C"}}
	if got := shownVariants(d, 0); fmt.Sprint(got) != "[1 2 3]" {
		t.Errorf("all: %v", got)
	}
	if got := shownVariants(d, 2); fmt.Sprint(got) != "[2]" {
		t.Errorf("B: %v", got)
	}
	if got := shownVariants(&analysis.Document{Variants: []string{"Base"}}, 0); len(got) != 0 {
		t.Errorf("base alone: %v", got)
	}
}

// TestBuildTheme builds a theme's page body of the sample without HTTP:
// it counts every added hit of the theme, in every variant or the one
// chosen, and shows them grouped by section; an unknown theme is not found.
func TestBuildTheme(t *testing.T) {
	r, _ := sample(t)
	s := mustServer(t, newFakeSource(r), nil)
	for _, sel := range []string{"", r.Document.Variants[1]} {
		want := 0
		for _, c := range r.Comparisons {
			if sel != "" && r.Document.Variants[c.Variant] != sel {
				continue
			}
			for _, h := range c.Hits {
				if h.Theme == "gender" && h.Change == analysis.ChangeAdded {
					want++
				}
			}
		}
		q := url.Values{}
		if sel != "" {
			q.Set("variant", sel)
		}
		tq, err := parseThemeQuery(r, r.Dictionary, "gender", q)
		if err != nil {
			t.Fatal(err)
		}
		tv, err := s.buildTheme(r, themeOf(r.Dictionary, "gender"), tq)
		if err != nil {
			t.Fatal(err)
		}
		shown := 0
		for _, g := range tv.Groups {
			for _, h := range g.Hits {
				shown++
				if !slices.Contains(themeOf(r.Dictionary, "gender").Terms, h.Term) {
					t.Errorf("hit %+v of no gender term", h)
				}
			}
		}
		if tv.Total != want || shown != want || want == 0 {
			t.Errorf("variant %q: total %d, %d shown, want %d (and some)", sel, tv.Total, shown, want)
		}
	}
	if _, err := parseThemeQuery(r, r.Dictionary, "nothing", url.Values{}); analysis.FailureOf(err) != analysis.FailNotFound {
		t.Errorf("unknown theme: %v, want not found", err)
	}
}

// TestBuildParagraph builds a paragraph's page body of the sample without
// HTTP: every variant beside the base with its figures, the verdicts of a
// proposal's insertions, and its neighbours; an unknown paragraph is not
// found.
func TestBuildParagraph(t *testing.T) {
	r, _ := sample(t)
	s := mustServer(t, newFakeSource(r), nil)
	d := r.Document
	p, err := paragraphIndex(d, d.Paragraphs[1].ID)
	if err != nil || p != 1 {
		t.Fatalf("index %d, %v", p, err)
	}
	pv := s.buildParagraph(r, themeInfos(r.Dictionary), p, stagePick{at: len(r.Stages) - 1})
	if len(pv.Variants) != len(d.Variants)-1 || pv.Prev.Name != d.Paragraphs[0].ID || pv.Next.Name != d.Paragraphs[2].ID {
		t.Fatalf("%d variants, prev %q, next %q", len(pv.Variants), pv.Prev.Name, pv.Next.Name)
	}
	verdicts := 0
	for i, vc := range pv.Variants {
		cmp := r.Comparison(p, i+1)
		if vc.Added != cmp.Added || vc.Deleted != cmp.Deleted || vc.Status != string(cmp.Status) || len(vc.Spans) != len(cmp.Spans) {
			t.Errorf("variant %s: %+v against %+v", vc.Name, vc, cmp)
		}
		for _, sp := range vc.Spans {
			if sp.Verdict != "" {
				verdicts++
			}
		}
	}
	want := 0
	for _, u := range r.SpanUptake {
		if u.Paragraph == p {
			want++
		}
	}
	if verdicts != want {
		t.Errorf("%d verdicts shown, the analysis has %d", verdicts, want)
	}
	if _, err := paragraphIndex(d, "nope"); analysis.FailureOf(err) != analysis.FailNotFound {
		t.Errorf("unknown paragraph: %v, want not found", err)
	}
}

// TestBuildOverview builds the sample's overview body without HTTP: a
// figure per variant shown and its charts in order, the uptake charts with
// the outcome; malformed parameters are bad requests.
func TestBuildOverview(t *testing.T) {
	r, _ := sample(t)
	themes := themeInfos(r.Dictionary)
	for _, c := range []struct {
		q              url.Values
		figures, chart int
	}{
		// All variants: the nine charts of a variant and the chain's
		// four: its stages, its actors and where the outcome's words
		// came from, overall and by theme (the sample's rows are its
		// lineage: no lineage chart).
		{url.Values{}, len(r.Document.Variants) - 1, 13},
		{url.Values{"variant": {r.Document.Variants[1]}, "by": {"section"}}, 1, 9},
	} {
		oq, err := parseOverviewQuery(r, c.q)
		if err != nil {
			t.Fatal(err)
		}
		ov, err := buildOverview(r, themes, oq)
		if err != nil {
			t.Fatal(err)
		}
		if len(ov.Figures) != c.figures || len(ov.Charts) != c.chart || ov.BySection != oq.bySection {
			t.Errorf("%v: %d figures, %d charts, by section %v; want %d, %d", c.q, len(ov.Figures), len(ov.Charts), ov.BySection, c.figures, c.chart)
		}
		for i, id := range []string{chartThemes, chartSections, chartHeatmap} {
			if i < len(ov.Charts) && ov.Charts[i].ID != id {
				t.Errorf("%v: chart %d is %s, want %s", c.q, i, ov.Charts[i].ID, id)
			}
		}
	}
	for _, q := range []url.Values{{"order": {"size"}}, {"by": {"theme"}}, {"part": {"x"}}} {
		if _, err := parseOverviewQuery(r, q); analysis.FailureOf(err) != analysis.FailBadRequest {
			t.Errorf("%v: err = %v, want a bad request", q, err)
		}
	}
}

// TestCountAxes: the axes of counts take whole steps (no tick at 0.5
// hits); those of ratios do not.
func TestCountAxes(t *testing.T) {
	r, _ := sample(t)
	for _, c := range []struct {
		q     url.Values
		chart string
		whole bool
	}{
		{url.Values{}, chartThemes, true},
		{url.Values{}, chartKinds, true},
		{url.Values{}, chartSections, true},
		{url.Values{"norm": {"1"}}, chartSections, false},
		{url.Values{}, chartChangeMap, false},
	} {
		oq, err := parseOverviewQuery(r, c.q)
		if err != nil {
			t.Fatal(err)
		}
		ov, err := buildOverview(r, themeInfos(r.Dictionary), oq)
		if err != nil {
			t.Fatal(err)
		}
		for _, cv := range ov.Charts {
			if cv.ID != c.chart {
				continue
			}
			var option struct {
				XAxis, YAxis []struct {
					Type        string  `json:"type"`
					MinInterval float64 `json:"minInterval"`
				}
			}
			if err := json.Unmarshal([]byte(cv.Option), &option); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, a := range append(option.XAxis, option.YAxis...) {
				if a.Type == "value" {
					found = true
					if (a.MinInterval == 1) != c.whole {
						t.Errorf("%s %v: value axis min interval %v, want whole steps %v", c.chart, c.q, a.MinInterval, c.whole)
					}
				}
			}
			if !found {
				t.Errorf("%s: no value axis", c.chart)
			}
		}
	}
}

// TestRatioAxisExplained: the change map names what its ratio divides,
// and draws the line at 1 exactly when some bar passes it, so that 1.875
// does not read as a share.
func TestRatioAxisExplained(t *testing.T) {
	sampleResult, _ := sample(t)
	// Paragraph 1 rewritten: 3 deleted and 5 added of 3 base words.
	rewrite := "section,paragraph,variant,text\n1,1,Base,We note it.\n1,1,Rev,States welcome every new proposal.\n1,2,Base,We agree.\n1,2,Rev,We agree.\n"
	rs, err := ingest.Analyse(context.Background(), analysis.DefaultDictionary(), ingest.Input{Name: "rewrite", Files: []ingest.File{{Name: "rewrite.csv", Data: []byte(rewrite)}}})
	if err != nil {
		t.Fatal(err)
	}
	cases := 0
	for _, r := range []*analysis.Result{sampleResult, fixtureResult(), rs[0]} {
		themes := themeInfos(r.Dictionary)
		for v := 1; v < len(r.Document.Variants); v++ {
			cv, err := changeMapChart(r, themes, v)
			if err != nil {
				t.Fatal(err)
			}
			var option struct {
				YAxis []struct {
					Type, Name string
				}
				Series []struct {
					MarkLine *struct {
						Data []struct {
							YAxis float64 `json:"yAxis"`
						}
					} `json:"markLine"`
				}
			}
			if err := json.Unmarshal([]byte(cv.Option), &option); err != nil {
				t.Fatal(err)
			}
			if len(option.YAxis) != 1 || option.YAxis[0].Type != "value" || !strings.Contains(option.YAxis[0].Name, "base words") {
				t.Errorf("%s: value axis %+v, want it named by what the ratio divides", r.Document.Variants[v], option.YAxis)
			}
			over := false
			for _, row := range cv.Table.Rows {
				if f, err := strconv.ParseFloat(row[4], 64); err == nil && f > 1 {
					over = true
				}
			}
			lines := 0
			for _, s := range option.Series {
				if s.MarkLine != nil {
					for _, d := range s.MarkLine.Data {
						if d.YAxis != 1 {
							t.Errorf("%s: mark line at %v, want 1", r.Document.Variants[v], d.YAxis)
						}
						lines++
					}
				}
			}
			if (lines == 1) != over || lines > 1 {
				t.Errorf("%s: %d lines at 1, some ratio above 1: %v", r.Document.Variants[v], lines, over)
			}
			if over != strings.Contains(cv.Note, "dashed line") {
				t.Errorf("%s: note %q, ratio above 1: %v", r.Document.Variants[v], cv.Note, over)
			}
			if over {
				cases |= 1
			} else {
				cases |= 2
			}
		}
	}
	if cases != 3 {
		t.Errorf("cases seen %b: want a variant with a ratio above 1 and one without", cases)
	}
}
