package dashboard

import (
	"strings"
	"testing"
)

// A document's dictionary page shows the dictionary it was analysed with,
// not the server's; its pages link there.
func TestThemesOfDocument(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult(), injectionResult()), nil)
	page := get(t, s.engine, "/themes?doc=inject").Body.String()
	hash := element(t, page, "dict-hash", "</code>")
	if want := injectionResult().Dictionary.Hash; !strings.Contains(hash, want) || want == s.cfg.Dictionary.Hash {
		t.Errorf("/themes?doc=inject shows dictionary %q, want %s", hash, want)
	}
	if strings.Contains(page, `id="theme-stakeholders"`) || !strings.Contains(page, `id="theme-access"`) {
		t.Error("/themes?doc=inject lists the server's themes, not the document's")
	}
	if !strings.Contains(page, s.cfg.Dictionary.Hash) {
		t.Error("the page does not say the server's dictionary differs")
	}
	all := get(t, s.engine, "/themes").Body.String()
	if !strings.Contains(element(t, all, "dict-hash", "</code>"), s.cfg.Dictionary.Hash) {
		t.Error("/themes does not show the server's dictionary")
	}
	for _, path := range []string{"/d/inject", "/d/inject/t/gender"} {
		if !strings.Contains(get(t, s.engine, path).Body.String(), `href="/themes?doc=inject"`) {
			t.Errorf("%s does not link to its dictionary", path)
		}
	}
}
