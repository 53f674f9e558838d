package dashboard

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"amendlens/analysis"
)

// tabTo presses Tab from the focused element until the element of sel
// has the focus, at most max times, and reports whether it got there.
func (tb *tab) tabTo(sel string, max int) bool {
	tb.t.Helper()
	for range max {
		tb.run("press Tab", chromedp.KeyEvent(kb.Tab))
		if eval[bool](tb, `function (sel) { return document.activeElement === document.querySelector(sel); }`, sel) {
			return true
		}
	}
	return false
}

// download runs act, which starts one download, and returns the file's
// suggested name and its bytes.
func (tb *tab) download(dir, what string, act chromedp.Action[chromedp.Void]) (string, []byte) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	begin := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	if _, err := chromedp.Run(ctx, act); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
	var name string
	for e, err := range begin {
		if err != nil {
			tb.t.Fatalf("%s started no download: %v", what, err)
		}
		name = e.SuggestedFilename
		break
	}
	for e, err := range progress {
		if err != nil {
			tb.t.Fatalf("%s: the download did not finish: %v", what, err)
		}
		if e.State == browser.DownloadProgressStateCanceled {
			tb.t.Fatalf("%s: the download was cancelled", what)
		}
		if e.State == browser.DownloadProgressStateCompleted {
			data, err := os.ReadFile(filepath.Join(dir, e.GUID))
			if err != nil {
				tb.t.Fatal(err)
			}
			return name, data
		}
	}
	tb.t.Fatalf("%s: no download", what)
	return "", nil
}

// darkPixels counts the pixels of img in rows [y0, y1) darker than mid
// grey: the strokes of text.
func darkPixels(img image.Image, y0, y1 int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y + y0; y < b.Min.Y+y1 && y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				n++
			}
		}
	}
	return n
}

// testBrowserSaveImage saves charts from the keyboard: Tab from a chart
// reaches its PNG and SVG buttons, and Enter downloads the image, named
// after the document, the chart and the variant, drawn offline, with the
// chart's title and the document's above the chart; the PNG at twice the
// screen's resolution, for reports.
func testBrowserSaveImage(t *testing.T, tb *tab, r *analysis.Result) {
	dir := t.TempDir()
	on := true
	if _, err := chromedp.CallBrowser(tb.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &on,
	}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	doc := docURL(r.Document.Name)
	tb.open(doc)
	for _, id := range []string{chartKinds, chartChangeMap} {
		docTitle := r.Document.Title
		if docTitle == "" {
			docTitle = r.Document.Name // the page names a document by its name when it was given no title
		}
		title := eval[string](tb, `function (id) { return document.getElementById(id).getAttribute("data-title"); }`, id)
		stem := r.Document.Name + "-" + strings.TrimPrefix(id, "chart_")
		for _, kind := range []string{"png", "svg"} {
			tb.run("focus "+id, chromedp.Focus("#"+id))
			button := `button.save-` + kind + `[data-chart="` + id + `"]`
			if !tb.tabTo(button, 40) { // past the series buttons and the numbers
				t.Fatalf("%s: Tab from the chart does not reach its %s button", id, kind)
			}
			name, data := tb.download(dir, "Enter on the "+kind+" button of "+id, chromedp.KeyEvent(kb.Enter))
			if want := stem + "." + kind; name != want {
				t.Errorf("%s: the image downloads as %q, want %q", id, name, want)
			}
			if kind == "svg" {
				if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("<svg")) || !bytes.Contains(data, []byte(title)) || !bytes.Contains(data, []byte(docTitle)) {
					t.Errorf("%s: the SVG (%d bytes, starting %.40q) lacks the chart's title %q or the document's %q", id, len(data), data, title, docTitle)
				}
				continue
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: the download is no PNG: %v", id, err)
			}
			chart := eval[int](tb, `function (id) { return document.getElementById(id).clientWidth; }`, id)
			if w := img.Bounds().Dx(); w < 2*chart-4 {
				t.Errorf("%s: the image is %d px wide, the chart %d: want twice", id, w, chart)
			}
			// The caption, drawn in the image's first 52 px (104 at 2x):
			// text, not a blank band.
			if n := darkPixels(img, 0, 104); n < 200 {
				t.Errorf("%s: %d dark pixels in the image's caption band, want its title drawn", id, n)
			}
		}
	}
	tb.checkClean(doc)
}
