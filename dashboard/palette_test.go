package dashboard

import (
	"fmt"
	"strings"
	"testing"

	"amendlens/analysis"
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
