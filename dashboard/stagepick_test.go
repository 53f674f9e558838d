package dashboard

import (
	"strings"
	"testing"

	"amendlens/analysis"
)

// verdictCountsOf returns the counts per verdict at the top of an uptake
// page, however many verdicts it shows.
func verdictCountsOf(page string) map[string]string {
	out := map[string]string{}
	for _, m := range verdictCountRe.FindAllStringSubmatch(page, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// TestStagePick: the uptake page, the overview's uptake charts and the
// paragraph page of a negotiation judge proposals against the stage the
// reader picks, the next stage by default, and say which. The fixture's
// gender phrase (paragraph 39) was taken by Rev.1 and lost in the adopted
// text; paragraph 49 is not in Rev.2, an excerpt.
func TestStagePick(t *testing.T) {
	r := chainResult(t)
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	doc := "/d/internet-governance-chapter"

	next := get(t, s.engine, doc+"/uptake").Body.String()
	if !strings.Contains(next, "<h1>Uptake in each proposal&#39;s next stage</h1>") {
		t.Errorf("the uptake page does not say it judges against the next stage:\n%s", element(t, next, "main", "</h1>"))
	}
	nav := element(t, next, "stages", "</nav>")
	for _, want := range []string{`class="active" aria-current="true">Next stage</a>`, `href="/d/internet-governance-chapter/uptake?stage=Rev.1">Rev.1</a>`,
		`href="/d/internet-governance-chapter/uptake?stage=final">Adopted (last)</a>`} {
		if !strings.Contains(nav, want) {
			t.Errorf("stage picker lacks %s:\n%s", want, nav)
		}
	}
	if c := verdictCountsOf(next); c["adopted"] != "2" || c["not_adopted"] != "2" {
		t.Errorf("next stage counts %v, want 2 adopted (Rev.1 took two of the caucus's), 2 not adopted", c)
	}
	if !strings.Contains(next, "<th scope=\"col\">Judged at</th>") || !strings.Contains(next, "<td>Rev.2</td>") {
		t.Error("the next stage's rows do not say which stage judged them")
	}
	final := get(t, s.engine, doc+"/uptake?stage=final").Body.String()
	if c := verdictCountsOf(final); c["adopted"] != "2" || c["not_adopted"] != "2" || !strings.Contains(final, "Uptake in Adopted, the last stage") {
		t.Errorf("last stage counts %v", c)
	}
	rev2 := get(t, s.engine, doc+"/uptake?stage=Rev.2").Body.String()
	if c := verdictCountsOf(rev2); c["out_of_scope"] != "2" || c["not_adopted"] != "2" {
		t.Errorf("Rev.2 counts %v, want the caucus's clause in 49 and its new paragraph out of scope", c)
	}
	if w := get(t, s.engine, doc+"/uptake?stage=Rev.2&verdict=out_of_scope"); w.Code != 200 || !strings.Contains(w.Body.String(), "human rights") {
		t.Errorf("out-of-scope insertions of Rev.2: %d", w.Code)
	}
	for _, bad := range []string{"Rev.9", "Chair%27s+draft"} {
		if w := get(t, s.engine, doc+"/uptake?stage="+bad); w.Code != 404 || !strings.Contains(w.Body.String(), "has no stage") {
			t.Errorf("stage %q: %d", bad, w.Code)
		}
	}

	// The overview's charts count what the uptake page counts, with the
	// same choice, and link to it.
	ov := get(t, s.engine, doc).Body.String()
	spans := element(t, ov, chartUptakeSpans+"-panel", "</section>")
	if !strings.Contains(spans, "Uptake of proposals in each proposal&#39;s next stage") || !strings.Contains(spans, `id="`+chartUptakeSpans+`-choices"`) {
		t.Errorf("overview uptake chart does not judge against the next stage:\n%s", spans)
	}
	ov2 := get(t, s.engine, doc+"?stage=Rev.2").Body.String()
	themes := element(t, ov2, chartUptakeThemes+"-panel", "</section>")
	if !strings.Contains(themes, "Out of scope") || !strings.Contains(themes, "/d/internet-governance-chapter/export/uptake.csv?stage=Rev.2") {
		t.Errorf("overview at Rev.2: no out-of-scope column or CSV of that stage:\n%s", themes)
	}
	csv := get(t, s.engine, doc+"/export/uptake.csv?stage=Rev.2&theme=rights&variant=Gender+Caucus").Body.String()
	if !strings.Contains(csv, "Gender Caucus,Rev.2,rights,1,0,0,0,0,1") {
		t.Errorf("uptake CSV at Rev.2:\n%s", csv)
	}

	// The paragraph page: 39's gender phrase, adopted in Rev.1, lost at
	// the end.
	p39 := get(t, s.engine, doc+"/p/39").Body.String()
	gc := element(t, p39, "text-v1", "</article>")
	if !strings.Contains(gc, "Uptake in each proposal&#39;s next stage") || !strings.Contains(gc, "adopted <span class=\"note\">5 of 5 words in Rev.1</span>") {
		t.Errorf("39, next stage:\n%s", gc)
	}
	gc = element(t, get(t, s.engine, doc+"/p/39?stage=final").Body.String(), "text-v1", "</article>")
	if !strings.Contains(gc, "not adopted <span class=\"note\">0 of 5 words in Adopted</span>") {
		t.Errorf("39, last stage:\n%s", gc)
	}

	// A table has one stage to judge against: no picker, the outcome.
	sr, _ := sample(t)
	s = mustServer(t, newFakeSource(sr), nil)
	page := get(t, s.engine, "/d/"+sr.Document.Name+"/uptake").Body.String()
	if strings.Contains(page, `id="stages"`) || !strings.Contains(page, "<h1>Uptake in Compromise text</h1>") {
		t.Error("the sample's uptake page offers stages or does not name its outcome")
	}
}
