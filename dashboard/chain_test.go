package dashboard

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
)

// chainResult is the chain fixture analysed with the built-in dictionary.
func chainResult(t testing.TB) *analysis.Result {
	return analysistest.ChainFixture(t, "..", analysis.DefaultDictionary())
}

// TestChainOverview: the overview of a negotiation in stages draws the
// stages (with every figure in the table), each paragraph's path through
// them and whose wording survived, and names each variant's role.
func TestChainOverview(t *testing.T) {
	r := chainResult(t)
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	w := get(t, s.engine, "/d/internet-governance-chapter")
	if w.Code != 200 {
		t.Fatalf("overview: %d", w.Code)
	}
	page := w.Body.String()
	for _, id := range []string{chartStages, chartLineage, chartActors} {
		if !strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("overview lacks %s", id)
		}
	}
	// The stages table: Rev.2, an excerpt, lacks four paragraphs.
	stages := chartOptionOf(t, page, chartStages)
	cats := axisData(stages, "xAxis")
	if len(cats) != 4 || cats[2] != "Rev.2 (excerpt)" {
		t.Errorf("stages chart categories %v, want the four stages, Rev.2 an excerpt", cats)
	}
	table := element(t, page, chartStages+"-table", "</table>")
	rev2 := table[strings.Index(table, "Rev.2 (excerpt)"):]
	rev2 = rev2[:strings.Index(rev2, "</tr>")]
	if cells := regexp.MustCompile(`<td[^>]*>([^<]*)</td>`).FindAllStringSubmatch(rev2, -1); len(cells) != 16 ||
		cells[0][1] != "2005-11-13" || cells[1][1] != "3" || cells[12][1] != "4" {
		t.Errorf("stages table row of Rev.2: %s; want dated, 3 paragraphs, 4 out of scope", rev2)
	}
	// The lineage: 43 split into 32 and 33 in Rev.1, both from the draft's 43.
	lineage := chartOptionOf(t, page, chartLineage)
	series := lineage["series"].([]any)[0].(map[string]any)
	links := map[string]bool{}
	for _, l := range series["links"].([]any) {
		m := l.(map[string]any)
		links[m["source"].(string)+" -> "+m["target"].(string)] = true
	}
	for _, want := range []string{"Chair's draft 43 -> Rev.1 32", "Chair's draft 43 -> Rev.1 33", "Chair's draft 41 -> Rev.1 30", "Rev.1 29 -> Rev.2 29", "Rev.1 34 -> Adopted 60"} {
		if !links[want] {
			t.Errorf("lineage chart lacks the link %s", want)
		}
	}
	if links["Rev.1 34 -> Rev.2 deleted"] {
		t.Error("a paragraph the excerpt lacks flows to deleted")
	}
	// Roles: Rev.1 and Rev.2 are stages, not proposals.
	for _, want := range []string{`Rev.1</a> <span class="role">stage</span>`, `G77</a> <span class="role">proposal</span>`, `Adopted</a> <span class="role">outcome</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
}

// TestChainExports: the chain's tables download as the golden files, and
// the JSON of the variants names their roles.
func TestChainExports(t *testing.T) {
	r := chainResult(t)
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	for _, table := range []string{"stages", "lineage", "fates", "actors"} {
		want, err := os.ReadFile("../testdata/chain/golden/" + table + ".csv")
		if err != nil {
			t.Fatal(err)
		}
		w := get(t, s.engine, "/d/internet-governance-chapter/export/"+table+".csv")
		if w.Code != 200 || strings.ReplaceAll(w.Body.String(), "\r\n", "\n") != string(want) {
			t.Errorf("%s.csv: %d\n%s\nwant\n%s", table, w.Code, w.Body.String(), want)
		}
	}
	w := get(t, s.engine, "/api/d/internet-governance-chapter/fates?variant=G77")
	var body struct {
		Variants []variantRole    `json:"variants"`
		Rows     []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("fates JSON: %v\n%s", err, w.Body.String())
	}
	if len(body.Rows) != 1 || body.Rows[0]["first_adopted_stage"] != "Adopted" || body.Rows[0]["words"] != 7.0 {
		t.Errorf("G77's fates %v, want one insertion of 7 words, first adopted in Adopted", body.Rows)
	}
	roles := map[string]string{}
	for _, v := range body.Variants {
		roles[v.Name] = v.Role
	}
	if roles["Chair's draft"] != "base" || roles["Rev.2"] != "stage" || roles["Adopted"] != "outcome" || roles["Gender Caucus"] != "proposal" {
		t.Errorf("roles %v", roles)
	}
}

// TestParagraphHistory: a paragraph's page of a negotiation in stages
// follows it through every stage: its number at each, its status, its text
// diffed against the stage before, and the proposals made against it with
// their fate at every later stage.
func TestParagraphHistory(t *testing.T) {
	r := chainResult(t)
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	page := get(t, s.engine, "/d/internet-governance-chapter/p/39").Body.String()
	history := element(t, page, "history", "</section>")
	for _, want := range []string{
		"Chair&#39;s draft", "Rev.1 <span class=\"note\">2005-09-28</span> · paragraph 29 <span class=\"badge badge-edited\">edited</span> <span class=\"status status-open\">open</span>",
		"Rev.2 <span class=\"note\">2005-11-13</span> <span class=\"role\">excerpt</span> · paragraph 29",
		"<span class=\"status status-agreed\">agreed</span>",
		"Adopted <span class=\"note\">2005-11-18</span> · paragraph 55",
		"<td>Gender Caucus</td><td><ins>and a gender equality perspective</ins></td><td>Rev.1: <span class=\"verdict-adopted\">adopted</span> · Rev.2: <span class=\"verdict-not_adopted\">not adopted</span> · Adopted: <span class=\"verdict-not_adopted\">not adopted</span></td>",
	} {
		if !strings.Contains(history, want) {
			t.Errorf("history lacks %q:\n%s", want, history)
		}
	}
	// Rev.2 dropped the phrase Rev.1 had taken: deleted against Rev.1.
	rev2 := element(t, page, "history-s2", "</li>")
	deleted := false
	for _, c := range pageChanges(t, page, "history-s2") {
		deleted = deleted || c.kind == "del" && strings.Contains(c.text, "gender equality perspective")
	}
	if !deleted || !strings.Contains(rev2, "Against Rev.1.") {
		t.Errorf("Rev.2's text is not diffed against Rev.1 (the phrase Rev.1 took not deleted):\n%s", rev2)
	}
	// 49 is out of scope in the excerpt.
	page = get(t, s.engine, "/d/internet-governance-chapter/p/49").Body.String()
	if rev2 := element(t, page, "history-s2", "</li>"); !strings.Contains(rev2, "Not in this excerpt: out of scope.") {
		t.Errorf("49 in Rev.2:\n%s", rev2)
	}
	// A document read as one table shows its columns side by side alone.
	sr, _ := sample(t)
	s = mustServer(t, newFakeSource(sr), nil)
	if page := get(t, s.engine, "/d/"+sr.Document.Name+"/p/39").Body.String(); strings.Contains(page, `id="history"`) {
		t.Error("the sample's paragraph page has a history")
	}
}

// TestChainNewRowNames: a row a proposal of a negotiation added is named
// by the proposal's own number and the proposal, on its page and in the
// charts, never by its internal ID.
func TestChainNewRowNames(t *testing.T) {
	r := chainResult(t)
	s := mustServer(t, newFakeSource(r), nil)
	const id = "new-gender-caucus-39bis"
	page := get(t, s.engine, paraURL(r.Document.Name, id)).Body.String()
	for _, want := range []string{"<h1>Paragraph 39bis (new in Gender Caucus)", "<title>Paragraph 39bis (new in Gender Caucus)"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page of %s lacks %q", id, want)
		}
	}
	v := slices.Index(r.Document.Variants, "Gender Caucus")
	cv, err := changeMapChart(r, themeInfos(r.Dictionary), v)
	if err != nil {
		t.Fatal(err)
	}
	if opt := string(cv.Option); strings.Contains(opt, id) || !strings.Contains(opt, "39bis (new)") {
		t.Errorf("the change map names the row by its ID, or not as 39bis (new)")
	}
}
