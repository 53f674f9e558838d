package dashboard

import (
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/ingest"
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

// TestThemesSayLanguage: the unthemed list of a document says whose
// function words it skips: French detected in a French text, English in
// the sample.
func TestThemesSayLanguage(t *testing.T) {
	r, _ := sample(t)
	csv := "section,paragraph,variant,text\n1,1,Base,Nous réaffirmons les principes de la phase de Genève.\n1,1,Caucus,\"Nous réaffirmons les principes de la phase de Genève, et la participation des femmes.\"\n"
	rs, err := ingest.Analyse(t.Context(), analysis.DefaultDictionary(), ingest.Input{Name: "fr", Files: []ingest.File{{Name: "fr.csv", Data: []byte(csv)}}})
	if err != nil {
		t.Fatal(err)
	}
	s := mustServer(t, newFakeSource(r, rs[0]), nil)
	for doc, want := range map[string]string{"fr": "function words of French (detected from the base text)", r.Document.Name: "function words of English (detected"} {
		if note := element(t, get(t, s.engine, "/themes?doc="+doc).Body.String(), "unthemed", "</p>"); !strings.Contains(note, want) {
			t.Errorf("%s: unthemed note %q, want %q", doc, note, want)
		}
	}
}
