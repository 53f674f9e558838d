package dashboard

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
)

// TestJudge: a reader checks verdicts on the uptake page: a judgement
// that agrees and one that corrects are stored with who gave them, the
// page shows them at their rows, the overview counts them, the judgements
// table lists them; a wrong token, a read-only dashboard, a cross-site
// post and bad fields store nothing.
func TestJudge(t *testing.T) {
	r := analysistest.UptakeFixture(t, "..", analysis.DefaultDictionary())
	src := newFakeSource(r)
	s := mustServer(t, src, func(c *Config) { c.Token = "sesame" })
	page := get(t, s.engine, "/d/uptake-gold/uptake?stage=Later+text").Body.String()
	forms := regexp.MustCompile(`<form method="post" action="/d/uptake-gold/judge">`).FindAllString(page, -1)
	if len(forms) == 0 || !strings.Contains(page, `<input type="hidden" name="stage" value="Later text">`) || !strings.Contains(page, `name="token"`) {
		t.Fatalf("the uptake page has no form to check a verdict judged by the later text, with the token")
	}
	spans := r.UptakeAt(r.StageOf("Later text"))
	agree, correct := spans[0], spans[1]
	id := func(u analysis.SpanUptake) string { return analysis.ChangeID(u.Paragraph, u.Proposal, u.Span) }
	other := analysis.VerdictReworded
	if correct.Verdict == other {
		other = analysis.VerdictPartly
	}
	form := func(u analysis.SpanUptake, v analysis.Verdict) url.Values {
		return url.Values{"token": {"sesame"}, "change_id": {id(u)}, "stage": {"Later text"}, "verdict": {string(v)}, "who": {"Ana Ruiz"},
			"back": {"/d/uptake-gold/uptake?stage=Later+text&proposal=GC+Proposed+Text"}}
	}
	// Refused: nothing stored.
	bad := form(agree, agree.Verdict)
	bad.Set("token", "wrong")
	for _, c := range []struct {
		name string
		f    url.Values
		want int
	}{
		{"wrong token", bad, http.StatusForbidden},
		{"no name", func() url.Values { f := form(agree, agree.Verdict); f.Set("who", ""); return f }(), http.StatusUnprocessableEntity},
		{"no such verdict", func() url.Values { f := form(agree, agree.Verdict); f.Set("verdict", "maybe"); return f }(), http.StatusUnprocessableEntity},
		{"no such insertion", func() url.Values { f := form(agree, agree.Verdict); f.Set("change_id", "p999v1s1"); return f }(), http.StatusUnprocessableEntity},
	} {
		if w := postForm(t, s.engine, "/d/uptake-gold/judge", c.f); w.Code != c.want {
			t.Errorf("%s: %d, want %d\n%s", c.name, w.Code, c.want, w.Body.String())
		}
	}
	if n := len(src.docs["uptake-gold"].Judgements); n != 0 {
		t.Fatalf("%d judgements stored after refused posts", n)
	}
	// Accepted: back to the page it came from, at the row.
	w := postForm(t, s.engine, "/d/uptake-gold/judge", form(agree, agree.Verdict))
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/d/uptake-gold/uptake?stage=Later+text&proposal=GC+Proposed+Text#"+id(agree) {
		t.Fatalf("judge: %d, Location %q", w.Code, w.Header().Get("Location"))
	}
	postForm(t, s.engine, "/d/uptake-gold/judge", form(correct, other))
	js := src.docs["uptake-gold"].Judgements
	if len(js) != 2 || js[0].Who != "Ana Ruiz" || js[1].Original != correct.Verdict || js[1].Verdict != other || js[1].JudgedAt != "Later text" {
		t.Fatalf("stored judgements %+v", js)
	}
	page = get(t, s.engine, "/d/uptake-gold/uptake?stage=Later+text").Body.String()
	row := func(u analysis.SpanUptake) string {
		i := strings.Index(page, `<tr id="`+id(u)+`">`)
		if i < 0 {
			t.Fatalf("no row %s", id(u))
		}
		return page[i : i+strings.Index(page[i:], "</tr>")]
	}
	says := func(u analysis.SpanUptake, class, text string) bool {
		return slices.ContainsFunc(pageElements(t, page, id(u), "span", class), func(e elementFound) bool { return e.text == text })
	}
	who := pageElements(t, page, id(agree), "span", "note")
	if !says(agree, "agrees", "Right") || len(who) == 0 || !strings.HasPrefix(who[0].text, "Ana Ruiz, ") {
		t.Errorf("the agreeing judgement, and who gave it, is not shown at its row:\n%s", row(agree))
	}
	if !says(correct, "differs", "Should be "+verdictLabel(other)) {
		t.Errorf("the correction is not shown at its row:\n%s", row(correct))
	}
	overview := get(t, s.engine, "/d/uptake-gold").Body.String()
	if !strings.Contains(overview, `2 verdicts checked by a person, 1 agree.`) {
		t.Errorf("the overview does not count the judgements:\n%s", element(t, overview, "checked", "</p>"))
	}
	csv := get(t, s.engine, "/d/uptake-gold/export/judgements.csv").Body.String()
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[0], "document,change_id,judged_at,") || !strings.Contains(lines[2], ","+string(correct.Verdict)+","+string(other)+","+string(correct.Verdict)+",Ana Ruiz,") {
		t.Errorf("judgements CSV:\n%s", csv)
	}
	// Read-only: no form, and a post is refused.
	ro := mustServer(t, newFakeSource(r), func(c *Config) { c.ReadOnly = true })
	if strings.Contains(get(t, ro.engine, "/d/uptake-gold/uptake").Body.String(), `action="/d/uptake-gold/judge"`) {
		t.Error("a read-only dashboard shows the form to check verdicts")
	}
	if w := postForm(t, ro.engine, "/d/uptake-gold/judge", form(agree, agree.Verdict)); w.Code != http.StatusForbidden {
		t.Errorf("read-only: %d, want 403", w.Code)
	}
	// From another site: refused.
	f := form(agree, agree.Verdict)
	if rec := postForm(t, s.engine, "/d/uptake-gold/judge", f, "Sec-Fetch-Site", "cross-site"); rec.Code != http.StatusForbidden {
		t.Errorf("cross-site post: %d, want 403", rec.Code)
	}
}

// TestJudgedURL: a judgement goes back to the uptake page it came from,
// never elsewhere.
func TestJudgedURL(t *testing.T) {
	for back, want := range map[string]string{
		"/d/doc/uptake?stage=Rev.1":   "/d/doc/uptake?stage=Rev.1#p1v1s1",
		"https://evil.example/x":      "/d/doc/uptake#p1v1s1",
		"//evil.example/d/doc/uptake": "/d/doc/uptake#p1v1s1",
		"/d/other/uptake":             "/d/doc/uptake#p1v1s1",
		"":                            "/d/doc/uptake#p1v1s1",
	} {
		if got := judgedURL("doc", back, "P1V1S1"); got != want {
			t.Errorf("judgedURL(%q) = %q, want %q", back, got, want)
		}
	}
}

// TestJudgeWithoutToken: on a server that asks no token (the default), a
// judgement posted by the form is read and stored: the form is parsed
// whether or not a token is checked.
func TestJudgeWithoutToken(t *testing.T) {
	r := analysistest.UptakeFixture(t, "..", analysis.DefaultDictionary())
	src := newFakeSource(r)
	s := mustServer(t, src, nil)
	u := r.UptakeAt(r.StageOf("Later text"))[0]
	other := analysis.VerdictReworded
	if u.Verdict == other {
		other = analysis.VerdictPartly
	}
	form := url.Values{"change_id": {analysis.ChangeID(u.Paragraph, u.Proposal, u.Span)}, "stage": {"Later text"}, "verdict": {string(other)}, "who": {"Ana Ruiz"}, "back": {"/d/uptake-gold/uptake"}}
	if w := postForm(t, s.engine, "/d/uptake-gold/judge", form); w.Code != http.StatusSeeOther {
		t.Fatalf("judge without a token: %d %s", w.Code, w.Body.String())
	}
	if got, _ := src.Load(t.Context(), "uptake-gold"); len(got.Judgements) != 1 || got.Judgements[0].Verdict != other {
		t.Errorf("judgements %+v, want the one posted", got.Judgements)
	}
}
