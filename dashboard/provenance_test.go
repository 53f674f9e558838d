package dashboard

import (
	"encoding/csv"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"amendlens/analysis"
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
