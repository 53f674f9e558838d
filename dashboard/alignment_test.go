package dashboard

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
	"amendlens/ingest"
)

// versionsResult analyses the gold pair of versions as the document "gold".
func versionsResult(t testing.TB) *analysis.Result {
	return analysistest.GoldVersions(t, "..", testDictionary())
}

func TestExportAlignment(t *testing.T) {
	s := mustServer(t, newFakeSource(versionsResult(t)), nil)
	want, err := os.ReadFile("../testdata/analysis/alignment-gold.csv")
	if err != nil {
		t.Fatal(err)
	}
	w := get(t, s.engine, "/d/gold/export/alignment.csv")
	if w.Code != 200 || w.Body.String() != string(want) {
		t.Errorf("alignment.csv: status %d\n%s\nwant:\n%s", w.Code, w.Body.String(), want)
	}
	w = get(t, s.engine, "/api/d/gold/alignment?variant=Adopted")
	rows := jsonRows(t, w.Body.Bytes())
	if len(rows) != 25 || rows[9]["paragraph"] != "9" || rows[9]["variant_paragraph"] != "44" || rows[9]["relation"] != "moved" || rows[9]["similarity"] != "1.0000" {
		t.Errorf("%d rows, row 9 %v; want 25, 9 moved to 44", len(rows), rows[min(9, len(rows)-1)])
	}
}

func TestAlignmentChart(t *testing.T) {
	s := mustServer(t, newFakeSource(versionsResult(t)), nil)
	w := get(t, s.engine, "/d/gold")
	if w.Code != 200 {
		t.Fatalf("overview: status %d", w.Code)
	}
	body := w.Body.String()
	start := strings.Index(body, `<script type="application/json" id="chart_alignment_v1-option">`)
	if start < 0 {
		t.Fatalf("overview has no alignment chart:\n%s", body)
	}
	rest := body[start:]
	rest = rest[strings.Index(rest, ">")+1 : strings.Index(rest, "</script>")]
	var option struct {
		Series []struct {
			Type             string `json:"type"`
			LayoutIterations *int   `json:"layoutIterations"`
			Data             []struct {
				Name      string `json:"name"`
				Depth     int    `json:"depth"`
				ItemStyle struct {
					Color string `json:"color"`
				} `json:"itemStyle"`
			} `json:"data"`
			Links []struct {
				Source, Target string
			} `json:"links"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(rest), &option); err != nil {
		t.Fatalf("option: %v\n%s", err, rest)
	}
	if len(option.Series) != 1 || option.Series[0].Type != "sankey" || option.Series[0].LayoutIterations == nil || *option.Series[0].LayoutIterations != 0 {
		t.Fatalf("option: %+v, want one sankey series keeping the nodes' order", option)
	}
	se := option.Series[0]
	// 22 base nodes and "new" on the left, 23 version nodes and "deleted"
	// on the right, each side in its own order.
	var left, right []string
	moved := map[string]bool{}
	for _, n := range se.Data {
		if n.Depth == 0 {
			left = append(left, n.Name)
		} else {
			right = append(right, n.Name)
		}
		if n.ItemStyle.Color == movedColor {
			moved[n.Name] = true
		}
	}
	if len(left) != 23 || left[0] != "Base 1" || left[21] != "Base 22" || left[22] != "new" {
		t.Errorf("left nodes %q", left)
	}
	if len(right) != 24 || right[0] != "Adopted 29" || right[15] != "Adopted 44" || right[23] != "deleted" {
		t.Errorf("right nodes %q", right)
	}
	if len(moved) != 2 || !moved["Base 9"] || !moved["Adopted 44"] {
		t.Errorf("moved nodes %v, want Base 9 and Adopted 44", moved)
	}
	if len(se.Links) != 25 {
		t.Errorf("%d links, want one per alignment row (25)", len(se.Links))
	}
	// A click on a node opens its paragraph's row; "new" and "deleted" none.
	i := strings.Index(body, `id="chart_alignment_v1" class="chart tall" data-links="`)
	if i < 0 {
		t.Fatal("the alignment chart has no links")
	}
	attr := body[i+len(`id="chart_alignment_v1" class="chart tall" data-links="`):]
	attr = html.UnescapeString(attr[:strings.IndexByte(attr, '"')])
	var urls []string
	if err := json.Unmarshal([]byte(attr), &urls); err != nil || len(urls) != len(se.Data) {
		t.Fatalf("links %q (%v): want one per node", attr, err)
	}
	for k, n := range se.Data {
		want := map[string]string{"Base 9": "/d/gold/p/9", "Adopted 44": "/d/gold/p/9", "Adopted 38": "/d/gold/p/new-adopted-38", "Adopted 32": "/d/gold/p/4", "new": "", "deleted": ""}
		if w, ok := want[n.Name]; ok && urls[k] != w {
			t.Errorf("node %s links to %q, want %q", n.Name, urls[k], w)
		}
	}
	for _, want := range []string{`id="chart_alignment_v1-table"`, `<th scope="col" class="num">Merged</th>`, `<td class="num">1</td><td class="num">1</td><td class="num">52</td>`, `href="/d/gold/export/alignment.csv?variant=Adopted"`, "<th scope=\"row\"><a href=\"/d/gold/p/9\">9</a></th><td>44</td><td>moved</td><td>1.0000</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("overview lacks %s", want)
		}
	}
}

func TestOverviewMergedColumn(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	if w := get(t, s.engine, "/d/fixture"); w.Code != 200 || strings.Contains(w.Body.String(), ">Merged</th>") {
		t.Errorf("a document without merges: status %d, with a Merged column", w.Code)
	}
}

func TestParagraphAligned(t *testing.T) {
	s := mustServer(t, newFakeSource(versionsResult(t)), nil)
	tests := []struct{ para, want string }{
		{"1", `Paragraph <span class="number">29, was 1</span></p>`},
		{"4", `<span class="number">32, was 4</span> <span class="badge badge-merged">merged</span> with <a href="/d/gold/p/5">5</a></p>`},
		{"5", `<span class="badge badge-merged">merged</span> with <a href="/d/gold/p/4">4</a></p>`},
		{"6", `<span class="number">33 and 34, was 6</span> <span class="badge badge-split">split</span> into 33, 34</p>`},
		{"7", `<span class="number">none, was 7</span> <span class="badge badge-deleted">deleted</span></p>`},
		{"9", `<span class="number">44, was 9</span> <span class="badge badge-moved">moved</span> now after <a href="/d/gold/p/16">16</a></p>`},
		{"new-adopted-38", `<span class="number">38</span> <span class="badge badge-new">new</span></p>`},
	}
	for _, tt := range tests {
		w := get(t, s.engine, "/d/gold/p/"+tt.para)
		if w.Code != 200 || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("paragraph %s: status %d, lacks %s", tt.para, w.Code, tt.want)
		}
	}
	if w := get(t, s.engine, "/d/gold/p/5"); !strings.Contains(w.Body.String(), "Merged into an earlier paragraph") {
		t.Error("paragraph 5 does not say it was merged into 4")
	}
}

// uploadVersions posts a document and its versions.
func uploadVersions(t *testing.T, h http.Handler, name string, file string, versions ...string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("name", name)
	part := func(field, file string) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		fw, err := mw.CreateFormFile(field, filepath.Base(file))
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	part("file", file)
	for _, v := range versions {
		part("versions", v)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestUploadVersions(t *testing.T) {
	src := newFakeSource()
	s := mustServer(t, src, func(c *Config) { c.Dictionary = analysis.DefaultDictionary() })
	if w := get(t, s.engine, "/"); !strings.Contains(w.Body.String(), `name="versions" multiple`) {
		t.Error("the upload form takes no versions")
	}
	// Running text and its version, given in reverse order of their names.
	if w := uploadVersions(t, s.engine, "gold", "../testdata/analysis/align-version.txt", "../testdata/analysis/align-base.txt"); w.Code != http.StatusSeeOther {
		t.Fatalf("upload: status %d\n%s", w.Code, w.Body.String())
	}
	r, err := src.Load(t.Context(), "gold")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Document.Variants) != 2 || r.Document.Variants[1] != "align-base" || len(r.Document.Alignments) != 1 {
		t.Errorf("variants %q, %d alignments; want the base's version aligned", r.Document.Variants, len(r.Document.Alignments))
	}
	// The sample table and the GC text: the GC text is the outcome.
	if w := uploadVersions(t, s.engine, "wsis", "../testdata/wsis-tunis-internet-governance-gc.txt", "../testdata/wsis-gc-proposal.txt"); w.Code != http.StatusSeeOther {
		t.Fatalf("upload: status %d\n%s", w.Code, w.Body.String())
	}
	r, err = src.Load(t.Context(), "wsis")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Document.Variants) != 4 || r.Outcome != 3 || r.Document.Alignment(3) == nil {
		t.Errorf("variants %q, outcome %d; want the GC text aligned as the outcome", r.Document.Variants, r.Outcome)
	}
	// A bad version: nothing stored, the error names the file and line.
	w := uploadVersions(t, s.engine, "bad", "../testdata/analysis/align-base.txt", "../testdata/cmd/nul-byte.txt")
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "nul-byte.txt:") {
		t.Errorf("bad version: status %d\n%s", w.Code, w.Body.String())
	}
	if _, err := src.Load(t.Context(), "bad"); err == nil {
		t.Error("a document with a bad version was stored")
	}
}

// TestOverviewAlignmentsBounded: the overview of all variants draws the
// alignment charts of the first maxAlignmentCharts versions and links to
// each other version's, whose own overview draws it; the page grows with
// the versions by a link each, not a chart (53 versions once made a 12 MB
// overview).
func TestOverviewAlignmentsBounded(t *testing.T) {
	var base strings.Builder
	base.WriteString("1. Introduction\n\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&base, "%d. We note the report number %d on access.\n\n", i, i)
	}
	in := ingest.Input{Name: "many", Files: []ingest.File{{Name: "base.txt", Data: []byte(base.String())}}}
	for v := 1; v <= 8; v++ {
		in.Versions = append(in.Versions, ingest.File{Name: fmt.Sprintf("rev%d.txt", v), Data: []byte(strings.ReplaceAll(base.String(), "access", fmt.Sprintf("access and gender %d", v)))})
	}
	rs, err := ingest.Analyse(context.Background(), testDictionary(), in)
	if err != nil {
		t.Fatal(err)
	}
	s := mustServer(t, newFakeSource(rs[0]), nil)
	w := get(t, s.engine, "/d/many")
	body := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("overview: %d", w.Code)
	}
	for v := 1; v <= 8; v++ {
		id := chartAlignment + fmt.Sprint(v) + `"`
		has := strings.Contains(body, `id="`+id)
		if has != (v <= maxAlignmentCharts) {
			t.Errorf("version %d: chart drawn %v, want %v", v, has, v <= maxAlignmentCharts)
		}
		if v > maxAlignmentCharts && !strings.Contains(body, fmt.Sprintf(`href="/d/many?variant=rev%d#%s%d"`, v, chartAlignment, v)) {
			t.Errorf("version %d: no link to its alignment", v)
		}
	}
	w = get(t, s.engine, "/d/many?variant=rev8")
	if !strings.Contains(w.Body.String(), `id="`+chartAlignment+`8"`) {
		t.Errorf("rev8's overview does not draw its alignment")
	}
}

// TestRowNamesOfNewParagraphs: a row a version added is named on the pages
// by the version's own number and the version ("33 (new in Adopted)"),
// not by its row ID ("new-adopted-33").
func TestRowNamesOfNewParagraphs(t *testing.T) {
	r := versionsResult(t)
	d := r.Document
	names := rowNames(d)
	id := ""
	for _, p := range d.Paragraphs {
		if strings.HasPrefix(p.ID, "new-") {
			id = p.ID
			break
		}
	}
	if id == "" {
		t.Fatal("the gold versions add no paragraph")
	}
	name := rowName(names, id)
	if strings.HasPrefix(name, "new-") || !strings.Contains(name, "(new in ") {
		t.Errorf("row %s named %q, want the version's number and name", id, name)
	}
	if got := rowName(names, d.Paragraphs[0].ID); got != d.Paragraphs[0].ID {
		t.Errorf("a base row named %q, want its ID", got)
	}
	// The section page names it so.
	s := mustServer(t, newFakeSource(r), nil)
	var section string
	for _, p := range d.Paragraphs {
		if p.ID == id {
			section = p.Section
		}
	}
	sq, err := parseSectionQuery(r, section, url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	sv, _, err := s.buildSection(r, themeInfos(r.Dictionary), sq)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range sv.Rows {
		found = found || row.Para.Name == name && strings.HasSuffix(row.Para.URL, "/p/"+url.PathEscape(id))
	}
	if !found {
		t.Errorf("section %s's ranking does not name row %s %q", section, id, name)
	}
}
