package dashboard

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"amendlens/analysis"
	"amendlens/parse"
)

// TestBrowser loads the dashboard in headless Chromium: the charts draw,
// the pages log no error, request nothing from another host, and clicks on
// chart items open the pages they stand for; hostile text stays text.
// It skips without Chromium unless AMENDLENS_REQUIRE_BROWSER=1.
func TestBrowser(t *testing.T) {
	t.Parallel()
	path := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	bctx := startBrowser(t, ctx, path)

	r, _ := sample(t)
	h, err := New(Config{Source: newFakeSource(r), Dictionary: analysis.DefaultDictionary()})
	if err != nil {
		t.Fatal(err)
	}
	srv := browserServer(t, h)

	t.Run("watcher", func(t *testing.T) { testBrowserWatcher(t, newTab(t, bctx, srv.URL)) })
	t.Run("overview", func(t *testing.T) { testBrowserOverview(t, newTab(t, bctx, srv.URL), r) })
	t.Run("drilldown", func(t *testing.T) { testBrowserDrillDown(t, newTab(t, bctx, srv.URL), r) })
	t.Run("injection", func(t *testing.T) { testBrowserInjection(t, bctx) })
	t.Run("upload-docx", func(t *testing.T) { testBrowserUploadDocx(t, newTab(t, bctx, srv.URL)) })
	t.Run("upload-base-only", func(t *testing.T) { testBrowserUploadBaseOnly(t, newTab(t, bctx, srv.URL)) })
	t.Run("upload-chain", func(t *testing.T) { testBrowserUploadChain(t, newTab(t, bctx, srv.URL)) })
	t.Run("upload-check", func(t *testing.T) { testBrowserUploadCheck(t, newTab(t, bctx, srv.URL)) })
	t.Run("upload-progress", func(t *testing.T) { testBrowserUploadProgress(t, bctx) })
	t.Run("save-image", func(t *testing.T) { testBrowserSaveImage(t, newTab(t, bctx, srv.URL), r) })
	t.Run("insertion-colour", func(t *testing.T) { testBrowserInsertionColour(t, newTab(t, bctx, srv.URL), r) })
}

// insertedMarks reads the theme marks inside insertions of a page: how
// many, how many show a background of their own over the insertion's, and
// how many lack the underline of their theme's colour.
const insertedMarks = `function () {
	var out = {marks: 0, ownBackground: 0, noUnderline: 0, insBackground: ""};
	document.querySelectorAll("ins mark.hit").forEach(function (m) {
		out.marks++;
		var ms = getComputedStyle(m), is = getComputedStyle(m.closest("ins"));
		out.insBackground = is.backgroundColor;
		if (ms.backgroundColor !== "rgba(0, 0, 0, 0)") { out.ownBackground++; }
		var sw = document.createElement("span");
		sw.className = "sw " + (Array.from(m.classList).find(function (c) { return c.indexOf("th-") === 0; }) || "");
		document.body.appendChild(sw);
		var theme = getComputedStyle(sw).backgroundColor;
		sw.remove();
		if (ms.borderBottomStyle !== "solid" || ms.borderBottomColor !== theme) { out.noUnderline++; }
	});
	return out;
}`

// testBrowserInsertionColour: on a paragraph page, a theme term inside an
// inserted passage keeps the insertion's background, so that it reads as
// inserted, and shows its theme as an underline in the theme's colour.
func testBrowserInsertionColour(t *testing.T, tb *tab, r *analysis.Result) {
	para := ""
	for i := range r.Comparisons {
		for _, h := range r.Comparisons[i].Hits {
			if h.Change == analysis.ChangeAdded && para == "" && r.Comparisons[i].Status == analysis.StatusAmended {
				para = r.Document.Paragraphs[r.Comparisons[i].Paragraph].ID
			}
		}
	}
	if para == "" {
		t.Fatal("the sample has no themed insertion in an amended paragraph")
	}
	tb.open(paraURL(r.Document.Name, para))
	got := eval[struct {
		Marks, OwnBackground, NoUnderline int
		InsBackground                     string
	}](tb, insertedMarks)
	if got.Marks == 0 {
		t.Fatalf("paragraph %s: no theme mark inside an insertion", para)
	}
	if got.OwnBackground != 0 || got.NoUnderline != 0 || got.InsBackground != "rgb(211, 249, 216)" {
		t.Errorf("paragraph %s: of %d marks in insertions, %d cover the insertion's colour (%s), %d lack their theme's underline", para, got.Marks, got.OwnBackground, got.InsBackground, got.NoUnderline)
	}
	tb.checkClean(para)
}

// testBrowserUploadDocx drops a Word file into the upload form: the
// document's overview opens, and its paragraph page shades the
// square-bracketed wording.
func testBrowserUploadDocx(t *testing.T, tb *tab) {
	file, err := filepath.Abs(filepath.Join("..", "testdata", "analysis", "docx", "brackets.docx"))
	if err != nil {
		t.Fatal(err)
	}
	tb.open("/")
	tb.run("choose brackets.docx", chromedp.SetUploadFiles(chromedp.CSS(`input[name="file"]`), []string{file}))
	submit := chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`form.upload button[type="submit"]`)))
	if _, err := runIn(tb, stepTimeout, submit); err != nil {
		t.Fatalf("submit the upload form: %v", err)
	}
	tb.waitCharts("after the upload")
	if loc := tb.location(); loc != storedURL("brackets") {
		t.Fatalf("the upload opened %s (%q), want %s", loc, tb.text("body"), storedURL("brackets"))
	}
	tb.checkClean(docURL("brackets"))
	page := paraURL("brackets", "30")
	tb.open(page)
	shaded := eval[string](tb, `function () {
		return Array.prototype.map.call(document.querySelectorAll("p.text .bracketed"), function (el) { return el.textContent; }).join("");
	}`)
	if want := "[central and gender-responsive][for all][central]"; shaded != want {
		t.Errorf("%s: shaded text %q, want %q", page, shaded, want)
	}
	tb.checkClean(page)
}

// testBrowserUploadChain chooses three drafts of the chain fixture in the
// wrong order in the chain form, moves them into order with the list's
// buttons, renames one and marks another an excerpt, and analyses: the
// overview of the negotiation opens with its stages in the list's order.
func testBrowserUploadChain(t *testing.T, tb *tab) {
	var files []string
	for _, f := range []string{"adopted.txt", "draft.txt", "rev1.txt"} {
		abs, err := filepath.Abs(filepath.Join("..", "testdata", "chain", f))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, abs)
	}
	tb.open("/")
	tb.run("choose the drafts", chromedp.SetUploadFiles(chromedp.CSS(`#chain-form input[name="stages"]`), files))
	listed := func() string {
		return eval[string](tb, `function () {
			return Array.prototype.map.call(document.querySelectorAll("#chain-list tbody tr"), function (tr) { return tr.cells[1].textContent; }).join(" ");
		}`)
	}
	if got := listed(); got != "adopted.txt draft.txt rev1.txt" {
		problems, _, all := tb.drain()
		t.Fatalf("the list shows %q, want the files as chosen (%d files chosen; %v %v)", got, eval[int](tb, `function () { return document.querySelector('#chain-form input[name="stages"]').files.length; }`), problems, all)
	}
	// adopted.txt down twice: draft, rev1, adopted.
	tb.run("move adopted down", chromedp.Click(chromedp.CSS(`button[aria-label="Move adopted.txt down"]`)))
	tb.run("move adopted down again", chromedp.Click(chromedp.CSS(`button[aria-label="Move adopted.txt down"]`)))
	if got := listed(); got != "draft.txt rev1.txt adopted.txt" {
		t.Fatalf("after moving, the list shows %q", got)
	}
	tb.run("rename the draft", chromedp.SetValue(chromedp.CSS(`input[aria-label="Name of draft.txt"]`), "Chair's draft"))
	tb.run("rename the draft (event)", chromedp.SendKeys(chromedp.CSS(`input[aria-label="Name of draft.txt"]`), " "))
	tb.run("mark rev1 an excerpt", chromedp.Click(chromedp.CSS(`input[aria-label="rev1.txt is an excerpt"]`)))
	// The check shows what the server found, in the list's order, before
	// anything is stored.
	tb.run("check", chromedp.Click(chromedp.CSS(`#chain-check`)))
	tb.run("wait for what it found", chromedp.WaitVisible(chromedp.CSS(`#chain-found-table`)))
	found := eval[string](tb, `function () {
		return Array.prototype.map.call(document.querySelectorAll("#chain-found-table tbody th"), function (th) { return th.textContent; }).join("|");
	}`)
	if found != "1. Chair's draft|2. rev1 (excerpt)|3. adopted" {
		t.Errorf("the check found %q, want the list's order, names and excerpt", found)
	}
	submit := chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`#chain-form button[type="submit"]`)))
	if _, err := runIn(tb, stepTimeout, submit); err != nil {
		t.Fatalf("submit the chain form: %v", err)
	}
	tb.waitCharts("after the chain upload")
	if loc := tb.location(); loc != storedURL("draft") {
		t.Fatalf("the upload opened %s (%q), want %s", loc, tb.text("body"), storedURL("draft"))
	}
	stages := eval[string](tb, `function () {
		return Array.prototype.map.call(document.querySelectorAll("#chart_stages-table tbody th"), function (th) { return th.textContent; }).join("|");
	}`)
	if stages != "Chair's draft|rev1 (excerpt)|adopted" {
		t.Errorf("stages %q, want the list's order and names", stages)
	}
	tb.checkClean(docURL("draft"))
}

// testBrowserUploadCheck chooses a Word file of two authors' tracked
// changes in the one-file form, asks what it finds, picks "All changes
// accepted" among the outcomes it lists, and stores: the overview judges
// the authors against the accepted text.
func testBrowserUploadCheck(t *testing.T, tb *tab) {
	file, err := filepath.Abs(filepath.Join("..", "testdata", "analysis", "docx", "tracked-two-authors.docx"))
	if err != nil {
		t.Fatal(err)
	}
	tb.open("/")
	tb.run("choose the file", chromedp.SetUploadFiles(chromedp.CSS(`#file-form input[name="file"]`), []string{file}))
	tb.run("read tracked changes", chromedp.Click(chromedp.CSS(`#file-form input[name="tracked"]`)))
	tb.run("check", chromedp.Click(chromedp.CSS(`#file-check`)))
	tb.run("wait for what it found", chromedp.WaitVisible(chromedp.CSS(`#file-found-table`)))
	texts := eval[string](tb, `function () {
		return Array.prototype.map.call(document.querySelectorAll("#file-found-table tbody tr"), function (tr) { return tr.cells[0].textContent + "/" + tr.cells[1].textContent; }).join("|");
	}`)
	if texts != "Base/base|Sweden/proposal|Brazil/proposal" {
		t.Errorf("the check found %q, want the base and both authors as proposals", texts)
	}
	tb.run("choose every change accepted", chromedp.SetValue(chromedp.CSS(`#file-outcome`), parse.AcceptAll))
	eval[bool](tb, `function () { return document.getElementById("file-outcome").dispatchEvent(new Event("change")); }`)
	if got := eval[string](tb, `function () { return document.querySelector('#file-form input[name="outcome"]').value; }`); got != parse.AcceptAll {
		t.Fatalf("the outcome field reads %q after the choice, want %s", got, parse.AcceptAll)
	}
	submit := chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`#file-form button[type="submit"]`)))
	if _, err := runIn(tb, stepTimeout, submit); err != nil {
		t.Fatalf("submit the upload form: %v", err)
	}
	tb.waitCharts("after the upload")
	if loc := tb.location(); loc != storedURL("tracked-two-authors") {
		t.Fatalf("the upload opened %s (%q)", loc, tb.text("body"))
	}
	roles := eval[string](tb, `function () {
		return Array.prototype.map.call(document.querySelectorAll("#figures tbody th"), function (th) { return th.textContent; }).join("|");
	}`)
	if !strings.Contains(roles, parse.AcceptedName+" outcome") {
		t.Errorf("headline figures %q, want the accepted text as the outcome", roles)
	}
	tb.checkClean(docURL("tracked-two-authors"))
}

// testBrowserUploadProgress uploads the sample to a server whose store
// holds the save back until the page has said how far the analysis is:
// the form's working note counts the paragraphs done while it waits.
func testBrowserUploadProgress(t *testing.T, bctx context.Context) {
	release := make(chan struct{})
	src := &probingSource{fakeSource: newFakeSource(), probe: func() {
		select {
		case <-release:
		case <-time.After(stepTimeout):
		}
	}}
	h, err := New(Config{Source: src, Dictionary: analysis.DefaultDictionary()})
	if err != nil {
		t.Fatal(err)
	}
	tb := newTab(t, bctx, browserServer(t, h).URL)
	file, err := filepath.Abs(filepath.Join("..", "testdata", sampleFile))
	if err != nil {
		t.Fatal(err)
	}
	tb.open("/")
	tb.run("choose the sample", chromedp.SetUploadFiles(chromedp.CSS(`#file-form input[name="file"]`), []string{file}))
	tb.run("submit", chromedp.Click(chromedp.CSS(`#file-form button[type="submit"]`), chromedp.NodeVisible))
	said, err := runIn(tb, stepTimeout, chromedp.Poll[string](`(function () {
		var w = document.querySelector("#file-form .working");
		return w && w.textContent.indexOf("paragraphs done") >= 0 ? w.textContent : "";
	})()`))
	close(release)
	if err != nil {
		t.Fatalf("the working note never counted paragraphs: %v", err)
	}
	if said != "Analysing… 26 of 26 paragraphs done." {
		t.Errorf("the working note says %q", said)
	}
}

// testBrowserUploadBaseOnly drops a plain numbered Word file, the base text
// alone, into the upload form: its overview opens, cleanly, with the note
// on adding a version instead of charts, and lists the paragraphs as Word
// numbers them.
func testBrowserUploadBaseOnly(t *testing.T, tb *tab) {
	file, err := filepath.Abs(filepath.Join("..", "testdata", "analysis", "docx", "numbering-29.docx"))
	if err != nil {
		t.Fatal(err)
	}
	tb.open("/")
	tb.run("choose numbering-29.docx", chromedp.SetUploadFiles(chromedp.CSS(`input[name="file"]`), []string{file}))
	submit := chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`form.upload button[type="submit"]`)))
	if _, err := runIn(tb, stepTimeout, submit); err != nil {
		t.Fatalf("submit the upload form: %v", err)
	}
	if loc := tb.location(); loc != storedURL("numbering-29") {
		t.Fatalf("the upload opened %s (%q), want %s", loc, tb.text("body"), storedURL("numbering-29"))
	}
	tb.checkClean(docURL("numbering-29"))
	if note := tb.text("#base-only-note"); note != baseOnlyNote+"." {
		t.Errorf("note %q, want %q", note, baseOnlyNote+".")
	}
	got := eval[string](tb, `function () {
		return document.querySelectorAll("div.chart").length + ":" + Array.prototype.map.call(document.querySelectorAll("#base-paragraphs tbody th"), function (el) { return el.textContent; }).join(" ");
	}`)
	if want := "0:29 30 31 32 33"; got != want {
		t.Errorf("charts and paragraphs %q, want %q", got, want)
	}
}

// testBrowserWatcher loads a page that breaks the rules on purpose: an
// inline script and an image from another address. The
// watcher must see both, or the clean pages prove nothing.
func testBrowserWatcher(t *testing.T, tb *tab) {
	tb.run("open the probe", chromedp.Navigate(tb.base+"/__probe"))
	tb.run("settle", chromedp.Sleep(200*time.Millisecond))
	if v := eval[string](tb, `function () { return typeof window.__probe; }`); v != "undefined" {
		t.Errorf("the probe's inline script ran (window.__probe is %s): CSP is not enforced", v)
	}
	problems, foreign, _ := tb.drain()
	csp := false
	for _, p := range problems {
		if strings.Contains(p, "Content Security Policy") {
			csp = true
		}
	}
	if !csp {
		t.Errorf("the watcher saw no CSP violation on the probe page; it saw %q", problems)
	}
	if len(foreign) != 1 || !strings.HasPrefix(foreign[0], "http://127.0.0.2:9/") {
		t.Errorf("the watcher saw foreign requests %q, want the probe's image only", foreign)
	}
}

// overviewCharts are the charts of a document's overview.
func overviewCharts(r *analysis.Result) []string {
	ids := []string{chartThemes, chartSections, chartHeatmap, chartChangeMap, chartKinds}
	if r.Outcome > 0 {
		ids = append(ids, chartUptakeThemes, chartUptakeSpans)
	}
	return ids
}

// themeColours are the colours of a dictionary's themes.
func themeColours(d *analysis.Dictionary) []string {
	var out []string
	for _, ti := range themeInfos(d) {
		out = append(out, ti.Color)
	}
	return out
}

func testBrowserOverview(t *testing.T, tb *tab, r *analysis.Result) {
	doc := docURL(r.Document.Name)
	tb.open(doc)
	colours := themeColours(analysis.DefaultDictionary())
	report := tb.checkCharts(doc, overviewCharts(r), colours)
	// The theme bars are drawn in the themes' own colours.
	themed := 0
	for _, n := range report[chartThemes].Wanted {
		themed += n
	}
	if themed < 50 {
		t.Errorf("%s: %d pixels of the theme chart are in a theme colour (%v); its bars did not draw", doc, themed, report[chartThemes].Wanted)
	}
	if h1 := tb.text("h1"); h1 != r.Document.Name {
		t.Errorf("%s: heading %q, want %q", doc, h1, r.Document.Name)
	}
	tb.checkClean(doc)
	tb.screenshot("overview.png")
}

func testBrowserDrillDown(t *testing.T, tb *tab, r *analysis.Result) {
	d := r.Document
	doc := docURL(d.Name)
	dict := analysis.DefaultDictionary()
	focus := mostChanged(r)

	// A bar of "Amendments by theme" opens its theme's page.
	tb.open(doc)
	bar := eval[chartPoint](tb, barPoint, chartThemes)
	if !bar.Found {
		t.Fatalf("%s: the theme chart has no bar above zero", doc)
	}
	var theme themeInfo
	for _, ti := range themeInfos(dict) {
		if label(ti.Label) == bar.Category {
			theme = ti
		}
	}
	if theme.Name == "" {
		t.Fatalf("theme chart category %q is no theme label of the dictionary", bar.Category)
	}
	if got := r.Totals[bar.Series+1].ThemeAdded[theme.Name]; float64(got) != bar.Value {
		t.Errorf("theme bar %s of %s is %v high, the analysis counts %d", theme.Name, d.Variants[bar.Series+1], bar.Value, got)
	}
	want := themeURL(d.Name, theme.Name)
	if bar.Link != want {
		t.Errorf("theme bar %d links to %q, want %q", bar.Index, bar.Link, want)
	}
	tb.clickAndLoad("click the "+theme.Name+" bar", bar.X, bar.Y)
	if loc := tb.location(); loc != want {
		t.Errorf("clicking the %s bar opened %s, want %s", theme.Name, loc, want)
	}
	if h1 := tb.text("h1"); h1 != theme.Label {
		t.Errorf("theme page heading %q, want %q", h1, theme.Label)
	}
	tb.checkClean(want)

	// A cell of the heatmap opens its paragraph.
	tb.open(doc)
	cell := eval[chartPoint](tb, cellPoint, chartHeatmap)
	if !cell.Found {
		t.Fatalf("%s: the heatmap has no cell", doc)
	}
	if cell.Index < 0 || cell.Index >= len(d.Paragraphs) {
		t.Fatalf("heatmap cell in column %d of %d paragraphs", cell.Index, len(d.Paragraphs))
	}
	want = paraURL(d.Name, d.Paragraphs[cell.Index].ID)
	tb.clickAndLoad("click heatmap column "+cell.Category, cell.X, cell.Y)
	if loc := tb.location(); loc != want {
		t.Errorf("clicking the heatmap cell of paragraph %s opened %s, want %s", cell.Category, loc, want)
	}
	if h1, w := tb.text("h1"), "Paragraph "+d.Paragraphs[cell.Index].ID; !strings.HasPrefix(h1, w) {
		t.Errorf("paragraph page heading %q, want %q", h1, w)
	}
	tb.checkClean(want)

	// A bar of the change map opens its paragraph.
	tb.open(doc)
	bar = eval[chartPoint](tb, barPoint, chartChangeMap)
	if !bar.Found {
		t.Fatalf("%s: the change map has no bar above zero", doc)
	}
	if got := num(r.Comparison(bar.Index, focus).ChangeRatio); got != bar.Value {
		t.Errorf("change map bar of paragraph %s is %v high, the change ratio is %v", bar.Category, bar.Value, got)
	}
	want = paraURL(d.Name, d.Paragraphs[bar.Index].ID)
	tb.clickAndLoad("click change map bar "+bar.Category, bar.X, bar.Y)
	if loc := tb.location(); loc != want {
		t.Errorf("clicking the change map bar of paragraph %s opened %s, want %s", bar.Category, loc, want)
	}
	tb.checkClean(want)

	// Paragraph 39: every variant's insertion of "gender equality
	// perspective" is marked.
	p39 := paraURL(d.Name, "39")
	tb.open(p39)
	if h1 := tb.text("h1"); !strings.HasPrefix(h1, "Paragraph 39") {
		t.Errorf("%s: heading %q", p39, h1)
	}
	marked := eval[[]bool](tb, `function (phrase) {
		return Array.prototype.map.call(document.querySelectorAll("article.cell.variant"), function (cell) {
			return Array.prototype.some.call(cell.querySelectorAll("p.text ins"), function (ins) {
				return ins.textContent.indexOf(phrase) >= 0;
			});
		});
	}`, "gender equality perspective")
	if len(marked) != len(d.Variants)-1 {
		t.Errorf("%s: %d variant cells, want %d", p39, len(marked), len(d.Variants)-1)
	}
	for i, ok := range marked {
		if !ok {
			t.Errorf("%s: variant %s has no <ins> holding %q", p39, d.Variants[i+1], "gender equality perspective")
		}
	}
	// Each variant's table of changes fits its column, three columns
	// side by side on a 1,100 px window: no column of it, the uptake least
	// of all, hides behind a sideways scroll.
	tb.run("narrow window", chromedp.EmulateViewport(1100, 900))
	over := eval[[]string](tb, `function () {
		return Array.prototype.filter.call(document.querySelectorAll("details.spans .scroll"), function (box) {
			return box.scrollWidth > box.clientWidth + 1;
		}).map(function (box) { return box.closest("article").querySelector("h2").textContent; });
	}`)
	tb.run("wide window", chromedp.EmulateViewport(1280, 900))
	if len(over) > 0 {
		t.Errorf("%s: the changes of %v scroll sideways at 1,100 px", p39, over)
	}
	tb.checkClean(p39)
	tb.screenshot("paragraph.png")
}

// pageText is what a page shows and holds as text.
type pageText struct {
	Pwned       string `json:"pwned"`       // typeof window.__pwned
	Inner       string `json:"inner"`       // document.body.innerText: what is rendered
	Content     string `json:"content"`     // document.body.textContent: every text node
	H1          string `json:"h1"`          // the heading's textContent
	Scripts     int    `json:"scripts"`     // script elements
	BadScripts  int    `json:"badScripts"`  // inline scripts that are not chart data
	Handlers    int    `json:"handlers"`    // elements with an on* attribute
	InjectedImg int    `json:"injectedImg"` // img elements with src "x"
}

const readPage = `function () {
	var scripts = document.querySelectorAll("script");
	var bad = 0;
	scripts.forEach(function (s) {
		if (s.src) { return; }
		if (s.type !== "application/json" || !/^chart_\w+-option$/.test(s.id)) { bad++; }
	});
	var handlers = 0;
	document.querySelectorAll("*").forEach(function (el) {
		for (var i = 0; i < el.attributes.length; i++) {
			if (/^on/i.test(el.attributes[i].name)) { handlers++; }
		}
	});
	var h1 = document.querySelector("h1");
	return {pwned: typeof window.__pwned, inner: document.body.innerText, content: document.body.textContent,
		h1: h1 ? h1.textContent : "", scripts: scripts.length, badScripts: bad, handlers: handlers,
		injectedImg: document.querySelectorAll('img[src="x"]').length};
}`

func testBrowserInjection(t *testing.T, bctx context.Context) {
	r, dict := injectionDoc(t)
	d := r.Document
	h, err := New(Config{Source: newFakeSource(r), Dictionary: dict})
	if err != nil {
		t.Fatal(err)
	}
	srv := browserServer(t, h)
	tb := newTab(t, bctx, srv.URL)

	gender, stake := dict.Label("gender"), dict.Label("stakeholders")
	// Strings each page must show as text, rendered (innerText, which
	// turns U+2028 into a line break on some pages) or as text nodes.
	visible := []string{"</script>", "<script>window.__pwned=1</script>"}
	overview, para, theme, section := docURL(d.Name), paraURL(d.Name, "1"), themeURL(d.Name, "gender"), sectionURL(d.Name, "1")
	pages := []struct {
		path    string
		charts  []string
		h1      string   // the heading's exact text, "" to skip
		content []string // exact substrings of the text nodes
	}{
		{overview, overviewCharts(r), d.Title, []string{injNorth, collapsed(injSouth), gender, stake, injectionFile, pwnEntity}},
		{para, nil, "Paragraph 1", append([]string{injNorth, collapsed(injSouth), gender}, d.Paragraphs[0].Texts...)},
		{theme, nil, gender, []string{injNorth, "women"}},
		{section, []string{chartSectionParas, chartSectionThemes}, "", []string{collapsed(injSec1), injNorth}},
		{"/themes", nil, "Themes", []string{gender, stake, dict.Label("access")}},
	}
	for _, pg := range pages {
		tb.open(pg.path)
		got := eval[pageText](tb, readPage)
		if got.Pwned != "undefined" {
			t.Errorf("%s: window.__pwned is set (%s): injected script ran", pg.path, got.Pwned)
		}
		if got.BadScripts > 0 || got.Handlers > 0 || got.InjectedImg > 0 {
			t.Errorf("%s: injected markup reached the DOM: %d inline scripts, %d on* attributes, %d injected img", pg.path, got.BadScripts, got.Handlers, got.InjectedImg)
		}
		for _, s := range visible {
			if !strings.Contains(got.Inner, s) {
				t.Errorf("%s: the page does not show %q as text", pg.path, s)
			}
		}
		for _, s := range pg.content {
			if !strings.Contains(got.Content, s) {
				t.Errorf("%s: the page's text lacks %q", pg.path, s)
			}
		}
		if pg.h1 != "" && strings.TrimSpace(got.H1) != pg.h1 {
			t.Errorf("%s: heading %q, want %q", pg.path, got.H1, pg.h1)
		}
		if pg.charts != nil {
			tb.checkCharts(pg.path, pg.charts, nil)
		}
		tb.checkClean(pg.path)
	}

	// The paragraph page keeps each text exactly, markup around words only.
	tb.open(para)
	texts := eval[[]string](tb, `function () {
		return Array.prototype.map.call(document.querySelectorAll("#texts article.cell p.text"), function (p) { return p.textContent; });
	}`)
	if len(texts) != len(d.Variants) {
		t.Fatalf("%s: %d texts, want %d", para, len(texts), len(d.Variants))
	}
	for v, text := range texts {
		if text != d.Paragraphs[0].Texts[v] {
			t.Errorf("%s: %s's text reads\n%q\nwant\n%q", para, d.Variants[v], text, d.Paragraphs[0].Texts[v])
		}
	}
	tb.checkClean(para)

	// The charts got the hostile labels as data, intact.
	tb.open(overview)
	axes := eval[map[string][]string](tb, `function (ids) {
		var out = {};
		ids.forEach(function (id) {
			var opt = echarts.getInstanceByDom(document.getElementById(id)).getOption();
			// Bars with long names lie down, the names on the y axis.
			var cats = (opt.xAxis[0].data && opt.xAxis[0].data.length) ? opt.xAxis[0].data : opt.yAxis[0].data;
			out[id + ".x"] = cats.map(String);
			out[id + ".series"] = opt.series.map(function (s) { return s.name; });
		});
		return out;
	}`, []string{chartThemes})
	var wantCats []string
	for _, ti := range themeInfos(dict) {
		wantCats = append(wantCats, label(ti.Label))
	}
	if got := axes[chartThemes+".x"]; fmt.Sprintf("%q", got) != fmt.Sprintf("%q", wantCats) {
		t.Errorf("theme chart categories %q, want %q", got, wantCats)
	}
	if got, want := axes[chartThemes+".series"], []string{label(d.Variants[1]), label(d.Variants[2])}; fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("theme chart series %q, want %q", got, want)
	}
	// Tooltips are string templates ECharts fills with item and series
	// names, escaped: the hostile section titles and theme labels in them
	// show as text, and no placeholder is left that ECharts does not know.
	for _, id := range []string{chartSections, chartChangeMap, chartHeatmap} {
		tip := eval[struct {
			Text string `json:"text"`
			Tags int    `json:"tags"`
		}](tb, `function (id) {
			var el = document.getElementById(id);
			var inst = echarts.getInstanceByDom(el);
			inst.dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: 0});
			var text = "", tags = 0;
			el.querySelectorAll("div").forEach(function (d) {
				if (d.querySelector("canvas") || !d.style.zIndex) { return; }
				text += d.textContent;
				tags += d.querySelectorAll("script, img").length;
			});
			return {text: text, tags: tags};
		}`, id)
		if !strings.Contains(tip.Text, "window.__pwned=") || tip.Tags != 0 {
			t.Errorf("%s: tooltip %q with %d script or img elements, want the hostile names as text", id, tip.Text, tip.Tags)
		}
		if strings.ContainsAny(strings.ReplaceAll(strings.ReplaceAll(tip.Text, "{{.}}", ""), pwnTmpl, ""), "{}") {
			t.Errorf("%s: tooltip %q keeps a template placeholder", id, tip.Text)
		}
	}
	tb.checkClean(overview)
	tb.screenshot("injection-overview.png")
}
