package dashboard

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"amendlens/analysis"
)

// toolboxPoint returns the middle of a chart's first toolbox button in
// viewport coordinates, from the toolbox's place in the option (right,
// top, padding, itemSize).
const toolboxPoint = `function (id) {
	var el = document.getElementById(id);
	el.scrollIntoView({block: "center", inline: "nearest"});
	var tb = (echarts.getInstanceByDom(el).getOption().toolbox || [])[0];
	if (!tb || !tb.show || !tb.feature || !tb.feature.saveAsImage || !tb.feature.saveAsImage.show) { return {found: false}; }
	var pad = typeof tb.padding === "number" ? tb.padding : 5, size = tb.itemSize || 15;
	var box = el.getBoundingClientRect();
	return {found: true, x: box.right - parseFloat(tb.right) - pad - size / 2, y: box.top + parseFloat(tb.top) + pad + size / 2};
}`

// testBrowserSaveImage clicks a chart's "save as image" button: the
// browser downloads a PNG named after the chart, drawn offline.
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
		pt := eval[chartPoint](tb, toolboxPoint, id)
		if !pt.Found {
			t.Fatalf("%s: no save-as-image button", id)
		}
		ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
		begin := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
		progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
		if _, err := chromedp.Run(ctx, chromedp.MouseClickXY(pt.X, pt.Y)); err != nil {
			cancel()
			t.Fatalf("%s: click the save button: %v", id, err)
		}
		var name string
		for e, err := range begin {
			if err != nil {
				cancel()
				t.Fatalf("%s: the save button started no download: %v", id, err)
			}
			name = e.SuggestedFilename
			break
		}
		var file string
		for e, err := range progress {
			if err != nil {
				cancel()
				t.Fatalf("%s: the download did not finish: %v", id, err)
			}
			if e.State == browser.DownloadProgressStateCompleted {
				file = filepath.Join(dir, e.GUID)
				break
			}
			if e.State == browser.DownloadProgressStateCanceled {
				cancel()
				t.Fatalf("%s: the download was cancelled", id)
			}
		}
		cancel()
		if want := r.Document.Name + "-" + strings.TrimPrefix(id, "chart_") + ".png"; name != want {
			t.Errorf("%s: the image downloads as %q, want %q", id, name, want)
		}
		png, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 2000 {
			t.Errorf("%s: the download is %d bytes starting %q, want a PNG of the chart", id, len(png), png[:min(8, len(png))])
		} else if width, chart := int(binary.BigEndian.Uint32(png[16:20])), eval[int](tb, `function (id) { return document.getElementById(id).clientWidth; }`, id); width < 2*chart-4 {
			// The image is drawn at twice the screen's resolution, for reports.
			t.Errorf("%s: the image is %d px wide, the chart %d: want twice", id, width, chart)
		}
	}
	tb.checkClean(doc)
}
