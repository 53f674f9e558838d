package dashboard

import (
	"regexp"
	"testing"

	"amendlens/parse"

	"amendlens/analysis"
)

// TestParagraphPageHiddenCharacters: the paragraph page says, under each
// text, how many hidden characters the parser removed from it, and says
// nothing under a text that had none.
func TestParagraphPageHiddenCharacters(t *testing.T) {
	data := "\t1.\nIntroduction\n\tProposal\n\tOutcome\n" +
		"\t39.\nWe agree\u200B on access.\n\tWe agree on gen\u200Bder\u200D\u202E equality.\n\tWe agree on access.\n"
	doc, err := parse.Parse("hidden.txt", []byte(data), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := mustServer(t, newFakeSource(r), nil)
	w := get(t, s.engine, "/d/hidden/p/39")
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	for id, want := range map[string]string{
		"text-base": "1 hidden character removed",
		"text-v1":   "3 hidden characters removed",
		"text-v2":   "",
	} {
		cell := regexp.MustCompile(`(?s)<article[^>]*id="` + id + `".*?</article>`).FindString(body)
		if cell == "" {
			t.Fatalf("no cell %s in the page", id)
		}
		note := regexp.MustCompile(`<p class="note hidden-chars">([^<(]*)`).FindStringSubmatch(cell)
		got := ""
		if note != nil {
			got = note[1]
		}
		if want != "" {
			want += " "
		}
		if got != want {
			t.Errorf("%s: note %q, want %q", id, got, want)
		}
	}
}
