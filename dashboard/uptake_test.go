package dashboard

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
)

var verdictCountRe = regexp.MustCompile(`class="verdict-(\w+)[^"]*"[^>]*><span class="num">(\d+)</span>`)

// uptakeCounts reads the counts per verdict at the top of an uptake page.
func uptakeCounts(t *testing.T, page string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range verdictCountRe.FindAllStringSubmatch(page, -1) {
		out[m[1]] = m[2]
	}
	if len(out) != 4 {
		t.Fatalf("%d verdict counts on the page, want 4", len(out))
	}
	return out
}

func TestUptakePage(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	for _, tc := range []struct {
		path   string
		counts string // adopted partly not_adopted pending
		rows   []string
	}{
		{"/d/fixture/uptake", "1 1 1 1", []string{"1", "1", "2", "2bis"}},
		{"/d/fixture/uptake?theme=stakeholders", "0 1 0 1", []string{"2", "2bis"}},
		{"/d/fixture/uptake?theme=stakeholders&verdict=pending", "0 1 0 1", []string{"2"}},
		{"/d/fixture/uptake?section=2a", "0 1 0 0", []string{"2bis"}},
		{"/d/fixture/uptake?proposal=North&verdict=adopted", "1 1 1 1", []string{"1"}},
	} {
		w := get(t, s.engine, tc.path)
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d\n%s", tc.path, w.Code, w.Body.String())
		}
		page := w.Body.String()
		c := uptakeCounts(t, page)
		if got := c["adopted"] + " " + c["partly"] + " " + c["not_adopted"] + " " + c["pending"]; got != tc.counts {
			t.Errorf("GET %s: counts %s, want %s", tc.path, got, tc.counts)
		}
		table := element(t, page, "insertions", "</table>")
		var rows []string
		for _, m := range regexp.MustCompile(`<tr id="[^"]+"><th scope="row"><a href="/d/fixture/p/([^"]+)">`).FindAllStringSubmatch(table, -1) {
			rows = append(rows, m[1])
		}
		if strings.Join(rows, ",") != strings.Join(tc.rows, ",") {
			t.Errorf("GET %s: rows for paragraphs %v, want %v", tc.path, rows, tc.rows)
		}
	}
	for path, want := range map[string]int{
		"/d/fixture/uptake?proposal=Nobody":  http.StatusNotFound,
		"/d/fixture/uptake?proposal=Outcome": http.StatusNotFound,
		"/d/fixture/uptake?verdict=maybe":    http.StatusNotFound,
		"/d/fixture/uptake?theme=nope":       http.StatusNotFound,
		"/d/fixture/uptake?section=9":        http.StatusNotFound,
		"/d/fixture/uptake?page=2":           http.StatusNotFound,
		"/d/fixture/uptake?page=x":           http.StatusBadRequest,
	} {
		if w := get(t, s.engine, path); w.Code != want {
			t.Errorf("GET %s: %d, want %d", path, w.Code, want)
		}
	}
}

// The uptake chart's table, the uptake CSV and the uptake page filtered by
// theme show the same numbers, and the chart's bars open the page.
func TestUptakeNumbersAgree(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	overview := get(t, s.engine, "/d/fixture").Body.String()
	if !strings.Contains(overview, `href="/d/fixture/uptake"`) {
		t.Error("the overview does not link to the uptake page")
	}
	// Each bar opens the page on its proposal, theme and verdict: links per
	// series (proposal x verdict), by theme.
	var links [][]string
	attr := element(t, overview, chartUptakeThemes, ">")
	if _, v, ok := strings.Cut(attr, `data-links="`); !ok || json.Unmarshal([]byte(html.UnescapeString(v[:strings.Index(v, `"`)])), &links) != nil {
		t.Fatalf("the uptake chart has no links per series: %s", attr)
	}
	if !strings.Contains(attr, `data-link-by="series"`) || len(links) != 4 || links[0][0] != "/d/fixture/uptake?proposal=North&theme=gender&verdict=adopted" ||
		links[3][1] != "/d/fixture/uptake?proposal=North&theme=stakeholders&verdict=pending" {
		t.Errorf("uptake chart links %q", links)
	}
	recs, err := csv.NewReader(strings.NewReader(get(t, s.engine, "/d/fixture/export/uptake.csv").Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "document,proposal,outcome,theme,proposed,adopted,partly_adopted,not_adopted,pending,out_of_scope,reworded,theme_label,words_proposed,words_adopted,share" {
		t.Fatalf("uptake header %v", recs[0])
	}
	table := element(t, overview, "chart_uptake_themes-table", "</table>")
	labels := map[string]string{"gender": "Gender equality", "stakeholders": "Multistakeholder", "access": "Access"}
	for _, rec := range recs[1:] {
		theme := rec[3]
		if rec[11] != labels[theme] {
			t.Errorf("theme %s: theme_label %q, want %q", theme, rec[11], labels[theme])
		}
		// Chart table: Proposal, Theme, Proposed, Adopted, Partly, Not adopted, Pending.
		row := `">` + rec[1] + `</a></th><td>` + labels[theme] + `</td><td>` + strings.Join(rec[4:9], "</td><td>") + `</td>`
		if !strings.Contains(table, row) {
			t.Errorf("theme %s: CSV %v not in the chart's table:\n%s", theme, rec[4:], table)
		}
		c := uptakeCounts(t, get(t, s.engine, "/d/fixture/uptake?proposal="+rec[1]+"&theme="+theme).Body.String())
		if got := []string{c["adopted"], c["partly"], c["not_adopted"], c["pending"]}; strings.Join(got, ",") != strings.Join(rec[5:9], ",") {
			t.Errorf("theme %s: page counts %v, CSV %v", theme, got, rec[5:9])
		}
	}
	if len(recs) != 4 {
		t.Errorf("%d uptake rows, want 3 themes", len(recs)-1)
	}
}

// The uptake page's sliceText and the paragraph page's excerpt differ on
// purpose: sliceText reads a range as the downloads do (as is, "" when it
// does not fit the text), excerpt cuts it to the text, to whole
// characters, and trims it.
func TestSliceTextAndExcerpt(t *testing.T) {
	const text = "We note équité."
	for _, tc := range []struct {
		r              analysis.Range
		slice, excerpt string
	}{
		{analysis.Range{Start: 3, End: 7}, "note", "note"},
		{analysis.Range{Start: 2, End: 8}, " note ", "note"},
		{analysis.Range{Start: 3, End: 99}, "", "note équité."},
		{analysis.Range{Start: 9, End: 12}, "\xa9qu", "équ"},
		{analysis.Range{Start: 5, End: 5}, "", ""},
	} {
		if got := sliceText(text, tc.r); got != tc.slice {
			t.Errorf("sliceText(%v) = %q, want %q", tc.r, got, tc.slice)
		}
		if got := excerpt(text, tc.r); got != tc.excerpt {
			t.Errorf("excerpt(%v) = %q, want %q", tc.r, got, tc.excerpt)
		}
	}
}

// linksJSON encodes a chart's links per item or per series, and none as
// "", which leaves the data-links attribute out.
func TestLinksJSON(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{linksJSON([]string{"/d/a/p/1", "/d/a/p/2"}), `["/d/a/p/1","/d/a/p/2"]`},
		{linksJSON([][]string{{"/d/a/uptake?proposal=N"}, {}}), `[["/d/a/uptake?proposal=N"],[]]`},
		{linksJSON([]string(nil)), ""},
		{linksJSON([][]string{}), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("linksJSON: %s, want %s", tc.got, tc.want)
		}
	}
}

// TestBuildUptake builds the uptake page's body of the sample without HTTP:
// the counts per verdict are those of the analysis under the other
// filters, the rows those of the filter, and unknown parameters are the
// not-found errors the handler answers with 404.
func TestBuildUptake(t *testing.T) {
	r, _ := sample(t)
	themes := themeInfos(r.Dictionary)
	build := func(q url.Values) uptakeView {
		t.Helper()
		uq, err := parseUptakeQuery(r, themes, q)
		if err != nil {
			t.Fatal(err)
		}
		uv, err := buildUptake(r, themes, uq)
		if err != nil {
			t.Fatal(err)
		}
		return uv
	}
	want := map[string]int{}
	for _, u := range r.SpanUptake {
		want[string(u.Verdict)]++
	}
	all := build(url.Values{})
	if all.Outcome != r.Document.Variants[r.Outcome] || len(all.Rows) != len(r.SpanUptake) {
		t.Errorf("outcome %q, %d rows; want %q and %d", all.Outcome, len(all.Rows), r.Document.Variants[r.Outcome], len(r.SpanUptake))
	}
	for _, vc := range all.Verdicts {
		if vc.Count != want[vc.Verdict] {
			t.Errorf("verdict %s: %d, want %d", vc.Verdict, vc.Count, want[vc.Verdict])
		}
	}
	adopted := build(url.Values{"verdict": {"adopted"}})
	if len(adopted.Rows) != want["adopted"] || len(adopted.Rows) == 0 {
		t.Fatalf("%d adopted rows, want %d (and some)", len(adopted.Rows), want["adopted"])
	}
	for _, row := range adopted.Rows {
		if row.Verdict != "adopted" || row.Adopted != row.Words {
			t.Errorf("row %+v under the adopted filter", row)
		}
	}
	// The counts ignore the verdict filter, so that each links to a choice.
	if !reflect.DeepEqual(adopted.Verdicts[0].Count, all.Verdicts[0].Count) {
		t.Errorf("counts under the verdict filter changed: %+v against %+v", adopted.Verdicts, all.Verdicts)
	}
	for _, q := range []url.Values{{"proposal": {"nobody"}}, {"verdict": {"maybe"}}, {"theme": {"nothing"}}, {"section": {"99z"}}} {
		if _, err := parseUptakeQuery(r, themes, q); analysis.FailureOf(err) != analysis.FailNotFound {
			t.Errorf("%v: err = %v, want not found", q, err)
		}
	}
}

// TestUptakeShares: the uptake page gives, per proposal, the words the
// outcome adopted of those it proposed, over the insertions the filters
// keep, as the verdicts count them.
func TestUptakeShares(t *testing.T) {
	r, _ := sample(t)
	themes := themeInfos(r.Dictionary)
	uq, err := parseUptakeQuery(r, themes, url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	uv, err := buildUptake(r, themes, uq)
	if err != nil {
		t.Fatal(err)
	}
	words, adopted := 0, 0
	for _, u := range r.SpanUptake {
		words += u.Words
		adopted += u.Adopted
	}
	if len(uv.Shares) != 1 || uv.Shares[0].Words != words || uv.Shares[0].Adopted != adopted || uv.Shares[0].Insertions != len(r.SpanUptake) {
		t.Fatalf("shares %+v, want one proposal of %d words, %d adopted, %d insertions", uv.Shares, words, adopted, len(r.SpanUptake))
	}
	if want := fmt.Sprintf("%d%%", (100*adopted+words/2)/words); uv.Shares[0].Share != want {
		t.Errorf("share %s, want %s", uv.Shares[0].Share, want)
	}
	s := mustServer(t, newFakeSource(r), nil)
	if body := get(t, s.engine, uptakeURL(r.Document.Name)).Body.String(); !strings.Contains(body, `id="shares"`) || !strings.Contains(body, uv.Shares[0].Share) {
		t.Error("the uptake page does not show the shares")
	}
}

// TestUptakeEvidence: each insertion's row shows where its words are in
// the stage that judged it, that stage's sentence with the words that
// came back marked, and what the rules found.
func TestUptakeEvidence(t *testing.T) {
	r := analysistest.UptakeFixture(t, "..", analysis.DefaultDictionary())
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	w := get(t, s.engine, "/d/uptake-gold/uptake?stage=Later+text&proposal=GC+Proposed+Text")
	if w.Code != http.StatusOK {
		t.Fatalf("uptake: %d\n%s", w.Code, w.Body.String())
	}
	rows := map[string]string{} // the evidence cell by the proposed text's first words
	for _, m := range regexp.MustCompile(`<td class="proposed">([^<]*)</td><td class="found">(.*?)</td><td class="checked">`).FindAllStringSubmatch(w.Body.String(), -1) {
		rows[html.UnescapeString(m[1])] = m[2]
	}
	cell := func(prefix string) string {
		t.Helper()
		for text, c := range rows {
			if strings.HasPrefix(text, prefix) {
				return c
			}
		}
		t.Fatalf("no row proposing %q among %d rows", prefix, len(rows))
		return ""
	}
	// 39's clause is a paragraph of its own in the later text (its 30).
	moved := cell("Internet is a central element")
	for _, want := range []string{
		`<a href="/d/uptake-gold/p/new-later-text-30">30</a>: We recognise that the <mark class="kept">Internet is a central element of the infrastructure of the emerging information society</mark>.`,
		"moved to 30",
		"found in another paragraph",
		`<span class="evidence-missing">Not there: and its</span>`,
	} {
		if !strings.Contains(moved, want) {
			t.Errorf("the moved clause's evidence lacks %q:\n%s", want, moved)
		}
	}
	// Each verdict's row names its rule; a row whose words never came
	// back has no link and lists them all.
	byRule := map[string]int{}
	for _, c := range rows {
		for _, rule := range []string{"same place", "found in another paragraph", "reworded", "no content word came back"} {
			if strings.Contains(c, rule) {
				byRule[rule]++
			}
		}
		if strings.Contains(c, "no content word came back") && strings.Contains(c, "<a href") {
			t.Errorf("a row with nothing found links a paragraph: %s", c)
		}
	}
	for _, rule := range []string{"same place", "found in another paragraph", "no content word came back"} {
		if byRule[rule] == 0 {
			t.Errorf("no row decided by %q (%v)", rule, byRule)
		}
	}
}

// TestParagraphEvidence: the paragraph page shows each insertion's
// evidence beside its verdict, and the history through the stages says
// where an insertion's words moved.
func TestParagraphEvidence(t *testing.T) {
	r := analysistest.UptakeFixture(t, "..", analysis.DefaultDictionary())
	s := mustServer(t, newFakeSource(r), nil)
	page := get(t, s.engine, "/d/uptake-gold/p/39").Body.String()
	between := func(page, from, to string) string {
		t.Helper()
		i := strings.Index(page, from)
		j := strings.Index(page[max(i, 0):], to)
		if i < 0 || j < 0 {
			t.Fatalf("no %q … %q on the page", from, to)
		}
		return page[i : i+j]
	}
	history := between(page, `<table class="fates">`, "</table>")
	if !strings.Contains(history, `Later text: <span class="verdict-adopted">adopted</span> <span class="note">(moved to 30)</span>`) {
		t.Errorf("the history does not say that 39's clause moved to 30 in the later text:\n%s", history)
	}
	spans := between(page, `<details class="spans"`, "</table>")
	for _, want := range []string{
		`5 of 5 words in Compromise text</span></td></tr>
<tr class="found-row"><td colspan="4" class="found"><span class="label">Found:</span> <a href="/d/uptake-gold/p/39">39</a>: `,
		`<mark class="kept">and a gender equality perspective</mark>.<span class="evidence-notes">score 1.00 · same place</span>`,
	} {
		if !strings.Contains(spans, want) {
			t.Errorf("the proposal's changes lack %q:\n%s", want, spans)
		}
	}
	// Judged against the later text, the clause is found in its 30.
	later := get(t, s.engine, "/d/uptake-gold/p/39?stage=Later+text").Body.String()
	kept := pageElements(t, later, "", "mark", "kept")
	linked := slices.ContainsFunc(pageElements(t, later, "", "a", ""), func(e elementFound) bool {
		return e.href == "/d/uptake-gold/p/new-later-text-30" && e.text == "30"
	})
	if !linked || !slices.ContainsFunc(kept, func(e elementFound) bool { return strings.HasPrefix(e.text, "Internet is a central element") }) {
		t.Errorf("against the later text, the clause's evidence does not point to 30 with its words marked kept:\n%s", between(later, `<details class="spans"`, "</table>"))
	}
}

// TestUptakeFoundChart: the chart of how a stage took the proposals counts
// what the verdicts table says (its rule and weakened columns), and each
// bar opens the uptake page on as many insertions as it counts.
func TestUptakeFoundChart(t *testing.T) {
	r := analysistest.UptakeFixture(t, "..", analysis.DefaultDictionary())
	s := mustServer(t, newFakeSource(r), func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	const stage = "stage=Later+text"
	overview := get(t, s.engine, "/d/uptake-gold?"+stage).Body.String()
	var links [][]string
	attr := element(t, overview, chartUptakeFound, ">")
	if _, v, ok := strings.Cut(attr, `data-links="`); !ok || json.Unmarshal([]byte(html.UnescapeString(v[:strings.Index(v, `"`)])), &links) != nil {
		t.Fatalf("the found chart has no links per series: %s", attr)
	}
	if len(links) != len(foundKinds) {
		t.Fatalf("%d series of links, want one per kind %v", len(links), foundKinds)
	}
	// What the verdicts table says, counted as an analyst would.
	recs, err := csv.NewReader(strings.NewReader(get(t, s.engine, "/d/uptake-gold/export/verdicts.csv?"+stage).Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	want := map[string]map[string]int{} // proposal, kind
	for _, rec := range recs[1:] {
		p := rec[col["proposal"]]
		if want[p] == nil {
			want[p] = map[string]int{}
		}
		switch rec[col["verdict"]] {
		case "adopted", "partly", "reworded":
		default:
			continue
		}
		want[p][rec[col["rule"]]]++
		if rec[col["weakened"]] != "" {
			want[p][foundWeakened]++
		}
	}
	if want["GC Proposed Text"][foundMoved] == 0 || want["GC Proposed Text"][foundWeakened] == 0 {
		t.Fatalf("the gold set's verdicts have no moved or weakened insertion: %v", want)
	}
	table := element(t, overview, chartUptakeFound+"-table", "</table>")
	for p, byKind := range want {
		row := `">` + p + `</a></th>`
		for _, k := range foundKinds {
			row += "<td>" + strconv.Itoa(byKind[k]) + "</td>"
		}
		if !strings.Contains(table, row) {
			t.Errorf("%s: the chart's table lacks %s:\n%s", p, row, table)
		}
	}
	for j, k := range foundKinds {
		link := links[j][0]
		if !strings.Contains(link, "found="+k) {
			t.Errorf("the %s bar opens %s", k, link)
		}
		page := get(t, s.engine, link).Body.String()
		n := 0
		for _, m := range verdictCountRe.FindAllStringSubmatch(page, -1) {
			c, _ := strconv.Atoi(m[2])
			n += c
		}
		if p := r.Document.Variants[r.Proposals()[0]]; n != want[p][k] {
			t.Errorf("%s: the uptake page counts %d insertions, the chart %d", link, n, want[p][k])
		}
	}
	if w := get(t, s.engine, "/d/uptake-gold/uptake?found=somewhere"); w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "same_place, moved, reworded, weakened") {
		t.Errorf("an unknown found=: %d\n%s", w.Code, w.Body.String())
	}
}

// TestUptakeShareChart: on the uptake gold set, the share chart's bars
// are the uptake table's words adopted of words proposed, per proposal
// and theme, as per cents; the words are those of the insertions that
// carry the theme, counted as an analyst counts them from the verdicts
// and changes; each bar opens that proposal's insertions of the theme.
func TestUptakeShareChart(t *testing.T) {
	r := analysistest.UptakeFixture(t, "..", analysis.DefaultDictionary())
	d := r.Document
	themes := themeInfos(r.Dictionary)
	sp, err := parseStagePick(r, url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	cv, err := uptakeShareChart(r, themes, sp, url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	// The table the chart links to: judged against the same stage.
	if err := analysis.WriteTableCSV(&buf, r, "uptake", analysis.Filter{Stage: sp.tableQuery().Get("stage")}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	want := map[string][]string{}
	for _, rec := range recs[1:] {
		if rec[col["words_proposed"]] == "0" {
			if rec[col["share"]] != "" {
				t.Errorf("%v: a share of no words", rec)
			}
			continue
		}
		share, _ := strconv.ParseFloat(rec[col["share"]], 64)
		want[rec[col["proposal"]]+"/"+rec[col["theme_label"]]] = []string{rec[col["words_proposed"]], rec[col["words_adopted"]], fmtNum(math.Round(1000*share)/10) + "%"}
	}
	if len(want) == 0 || len(cv.Table.Rows) != len(want) {
		t.Fatalf("share chart rows %v, want one per proposal and theme with words: %v", cv.Table.Rows, want)
	}
	for _, row := range cv.Table.Rows {
		if w := want[row[0]+"/"+row[1]]; !slices.Equal(row[2:], w) {
			t.Errorf("share chart %v, uptake table %v", row, w)
		}
	}
	// The words of each proposal's insertions, counted from the spans.
	words := map[string]int{}
	for _, u := range sp.spans(r) {
		c := r.Comparison(u.Paragraph, u.Proposal)
		for _, th := range analysis.InsertionThemes(c, u.Span, r.Dictionary.Names()) {
			words[d.Variants[u.Proposal]+"/"+r.Dictionary.Label(th)] += u.Words
		}
	}
	for k, w := range want {
		if w[0] != strconv.Itoa(words[k]) {
			t.Errorf("%s: %s words proposed, the insertions hold %d", k, w[0], words[k])
		}
	}
	if !strings.Contains(cv.CSV, "stage=next") {
		t.Errorf("the chart's CSV %s does not judge against the stage the chart does", cv.CSV)
	}
	var links [][]string
	if err := json.Unmarshal([]byte(cv.Links), &links); err != nil || len(links) != len(r.Proposals()) || !strings.Contains(links[0][0], "proposal=") || !strings.Contains(links[0][0], "theme=") {
		t.Errorf("share chart links %v (%v)", links, err)
	}
}
