package dashboard

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/ingest"
)

func TestThemeColors(t *testing.T) {
	var b strings.Builder
	b.WriteString("themes:\n")
	for i := range 30 {
		fmt.Fprintf(&b, "  - name: t%d\n    terms: [w%d]\n", i, i)
		if i == 3 {
			// An explicit colour takes its palette colour away from the others.
			fmt.Fprintf(&b, "    color: %q\n", paletteColor(0))
		}
		if i == 5 {
			fmt.Fprintf(&b, "    color: \"#C2185B\"\n")
		}
	}
	d, err := analysis.ParseDictionary("palette.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]string)
	infos := themeInfos(d)
	if len(infos) != 30 {
		t.Fatalf("%d themes, want 30", len(infos))
	}
	for _, ti := range infos {
		if !hexColor.MatchString(ti.Color) || ti.Color != strings.ToLower(ti.Color) {
			t.Errorf("theme %s: colour %q, want #rrggbb", ti.Name, ti.Color)
		}
		if other, dup := seen[ti.Color]; dup {
			t.Errorf("themes %s and %s share colour %s", other, ti.Name, ti.Color)
		}
		seen[ti.Color] = ti.Name
		if one := themeOf(d, ti.Name); one.Color != ti.Color {
			t.Errorf("theme %s: colour %s alone, %s among the others", ti.Name, one.Color, ti.Color)
		}
	}
	for name, want := range map[string]string{
		"t3": paletteColor(0), // its own
		"t5": "#c2185b",       // its own, lower-cased for CSS
		"t0": paletteColor(1), // palette colour 0 is taken
		"t1": paletteColor(2),
	} {
		if got := themeOf(d, name).Color; got != want {
			t.Errorf("theme %s: colour %s, want %s", name, got, want)
		}
	}
	if got := themeOf(d, "nope"); got.Color != colorNone || got.Label != "nope" {
		t.Errorf("unknown theme: colour %s, label %q; want %s and the name", got.Color, got.Label, colorNone)
	}
	// The built-in dictionary's themes have colours of their own, all
	// different.
	seen = make(map[string]string)
	for _, ti := range themeInfos(analysis.DefaultDictionary()) {
		if other, dup := seen[ti.Color]; dup {
			t.Errorf("built-in themes %s and %s share colour %s", other, ti.Name, ti.Color)
		}
		seen[ti.Color] = ti.Name
	}
}

// themeInfos is a dictionary's palette, resolved afresh, for tests that
// need no server.
func themeInfos(d *analysis.Dictionary) []themeInfo { return newPalette(d).list }

// themeOf is server.themeOf without a server's cache.
func themeOf(d *analysis.Dictionary, name string) themeInfo {
	return (&server{}).themeOf(d, name)
}

// manyThemes is the sample analysed with a dictionary of n themes of one
// term each, its first theme one the sample uses.
func manyThemes(t testing.TB, n int) *analysis.Result {
	t.Helper()
	var b strings.Builder
	b.WriteString("themes:\n  - name: gender\n    terms: [gender, women]\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  - name: t%d\n    label: Theme %d\n    terms: [word%d]\n", i, i, i)
	}
	dict, err := analysis.ParseDictionary("many.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ingest.Analyse(context.Background(), dict, ingest.Input{Name: "many", Files: []ingest.File{{Name: analysis.SampleFile, Data: analysis.Sample()}}})
	if err != nil {
		t.Fatal(err)
	}
	return rs[0]
}

// TestPaletteOncePerDictionary: every page of a document shows its
// dictionary's colours, resolved once for the dictionary and kept; each
// theme's own page uses them too.
func TestPaletteOncePerDictionary(t *testing.T) {
	r := manyThemes(t, 300)
	s := mustServer(t, newFakeSource(r), nil)
	doc := r.Document.Name
	for _, path := range []string{"/d/" + doc, "/d/" + doc + "/p/39", "/d/" + doc + "/s/1", "/d/" + doc + "/t/gender", "/d/" + doc + "/t/t299", "/themes?doc=" + doc} {
		if w := get(t, s.engine, path); w.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, w.Code)
		}
	}
	if s.palettes.made != 1 {
		t.Errorf("palettes resolved %d times for one dictionary, want 1", s.palettes.made)
	}
}

// TestResolveColorsLinear: resolving the colours of a dictionary whose
// themes set the colours the hue walk would give costs the same work per
// theme however many themes there are (measured in allocations, which
// each colour tried costs).
func TestResolveColorsLinear(t *testing.T) {
	themes := func(n int) []analysis.Theme {
		out := make([]analysis.Theme, 2*n)
		for i := range n {
			out[i] = analysis.Theme{Name: fmt.Sprintf("own%d", i), Color: hueColor(paletteSize + i)}
			out[n+i] = analysis.Theme{Name: fmt.Sprintf("t%d", i)}
		}
		return out
	}
	cost := func(n int) float64 {
		ts := themes(n)
		return testing.AllocsPerRun(3, func() { resolveColors(ts) })
	}
	small, large := cost(100), cost(400)
	t.Logf("allocations: %.0f for 200 themes, %.0f for 800", small, large)
	if large > 6*small {
		t.Errorf("4x the themes cost %.1fx the allocations, want linear", large/small)
	}
	for _, n := range []int{100, 400} {
		seen := map[string]bool{}
		for _, c := range resolveColors(themes(n)) {
			if seen[c] {
				t.Errorf("%d themes: colour %s given twice", 2*n, c)
			}
			seen[c] = true
		}
	}
}

// BenchmarkPagesManyThemes renders, uncached, the overview and a theme's
// page of the sample analysed with a dictionary of 1,000 themes.
func BenchmarkPagesManyThemes(b *testing.B) {
	r := manyThemes(b, 1000)
	doc := r.Document.Name
	for _, path := range []string{"/d/" + doc, "/d/" + doc + "/t/t999"} {
		b.Run(strings.TrimPrefix(strings.ReplaceAll(path, "/", "_"), "_"), func(b *testing.B) {
			for b.Loop() {
				s := mustServer(b, newFakeSource(r), nil)
				req := httptest.NewRequest(http.MethodGet, path, nil)
				w := httptest.NewRecorder()
				s.engine.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d", path, w.Code)
				}
			}
		})
	}
}

// TestResolveColorsUnique: no two themes of a dictionary share a colour,
// not when the dictionary sets one colour for two themes (in any case of
// its letters), nor when it sets a colour of the built-in palette.
func TestResolveColorsUnique(t *testing.T) {
	themes := []analysis.Theme{
		{Name: "a", Color: "#FF0234"},
		{Name: "b", Color: "#ff0234"},
		{Name: "c"},
		{Name: "d", Color: paletteColor(3)},
		{Name: "e"}, {Name: "f"}, {Name: "g"},
	}
	colors := resolveColors(themes)
	seen := map[string]string{}
	for i, c := range colors {
		c = strings.ToLower(c)
		if other, ok := seen[c]; ok {
			t.Errorf("themes %s and %s share %s", other, themes[i].Name, c)
		}
		seen[c] = themes[i].Name
	}
	if colors[0] != "#FF0234" || colors[3] != paletteColor(3) {
		t.Errorf("colours %v: want the first theme to keep the colour it sets, and d its own", colors)
	}
}
