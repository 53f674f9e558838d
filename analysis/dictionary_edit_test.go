package analysis

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestDictionaryEdit: a term added to a theme, or a theme added, gives a
// new dictionary (a new hash) with that change alone: the other themes,
// their terms, labels and colours as they were, a list the YAML shares
// between themes still the others'; errors say what does not fit and
// change nothing.
func TestDictionaryEdit(t *testing.T) {
	d := DefaultDictionary()
	e, err := d.WithTerm("gender", "women's empowerment")
	if err != nil {
		t.Fatal(err)
	}
	if e.Hash == d.Hash || !slices.Contains(e.Themes[e.themeIndex("gender")].Terms, "women's empowerment") {
		t.Fatalf("gender after the edit: %q", e.Themes[e.themeIndex("gender")].Terms)
	}
	if len(e.Themes) != len(d.Themes) {
		t.Fatalf("%d themes after adding a term, want %d", len(e.Themes), len(d.Themes))
	}
	for i, th := range d.Themes {
		got := e.Themes[i]
		if th.Name == "gender" {
			got.Terms = got.Terms[:len(got.Terms)-1]
		}
		if got.Name != th.Name || got.Label != th.Label || got.Color != th.Color || !slices.Equal(got.Terms, th.Terms) {
			t.Errorf("theme %s changed: %+v, was %+v", th.Name, got, th)
		}
	}
	// The edited dictionary matches the new term.
	tok := NewTokenizer()
	if ms := e.Match(tok.Tokenize("for women's empowerment now")); !slices.ContainsFunc(ms, func(m Match) bool { return m.Term == "women's empowerment" }) {
		t.Errorf("the new term matches nothing: %+v", ms)
	}

	n, err := e.WithTheme("Climate change", []string{"climate", " emission* ", ""})
	if err != nil {
		t.Fatal(err)
	}
	c := n.Themes[len(n.Themes)-1]
	if c.Name != "climate-change" || c.Label != "Climate change" || !slices.Equal(c.Terms, []string{"climate", "emission*"}) {
		t.Errorf("new theme %+v", c)
	}

	// A list shared through a YAML alias stays the other theme's.
	data, err := os.ReadFile("../testdata/analysis/dict-anchors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseDictionary("dict-anchors.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	first := a.Themes[0]
	b, err := a.WithTerm(first.Name, "zzyzx")
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(a.Themes); i++ {
		if !slices.Equal(b.Themes[i].Terms, a.Themes[i].Terms) {
			t.Errorf("theme %s took the term added to %s: %q", a.Themes[i].Name, first.Name, b.Themes[i].Terms)
		}
	}

	for _, tc := range []struct {
		what string
		err  func() error
		want string
	}{
		{"unknown theme", func() error { _, err := d.WithTerm("nosuch", "x"); return err }, `no theme "nosuch"`},
		{"no term", func() error { _, err := d.WithTerm("gender", "*"); return err }, "only '*'"},
		{"a term it has", func() error { _, err := d.WithTerm("gender", strings.ToUpper(d.Themes[0].Terms[0])); return err }, "already"},
		{"a theme it has", func() error { _, err := d.WithTheme("Gender", []string{"x"}); return err }, "already"},
		{"a theme of no terms", func() error { _, err := d.WithTheme("New", []string{" "}); return err }, "no terms"},
	} {
		err := tc.err()
		if FailureOf(err) != FailInvalid || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an invalid input saying %q", tc.what, err, tc.want)
		}
	}
}
