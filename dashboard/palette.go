package dashboard

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"amendlens/analysis"
)

// themeInfo is a theme as pages show it.
type themeInfo struct {
	Name  string
	Label string
	Color string // "#rrggbb", validated
	Class string // CSS class carrying the colour: "th-" + Name, or "" when Name is unusable as a class
	Terms []string
}

var (
	hexColor  = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	className = regexp.MustCompile(`^[a-z0-9_-]+$`)
)

// dictOf returns the dictionary of an analysis, or the configured one when
// the analysis carries none.
func (s *server) dictOf(r *analysis.Result) *analysis.Dictionary {
	if r != nil && r.Dictionary != nil {
		return r.Dictionary
	}
	return s.cfg.Dictionary
}

// themeInfos returns a dictionary's themes in its order.
func themeInfos(d *analysis.Dictionary) []themeInfo {
	out := make([]themeInfo, 0, len(d.Themes))
	for _, t := range d.Themes {
		out = append(out, themeOf(d, t.Name))
	}
	return out
}

// themeOf describes the theme name of d; a name d does not know gets the
// name as label and the colour of change without a theme.
func themeOf(d *analysis.Dictionary, name string) themeInfo {
	ti := themeInfo{Name: name, Label: name, Color: colorNone}
	for _, t := range d.Themes {
		if t.Name == name {
			ti.Label = d.Label(name)
			if c := d.Color(name); hexColor.MatchString(c) {
				ti.Color = strings.ToLower(c)
			}
			ti.Terms = t.Terms
			break
		}
	}
	if className.MatchString(name) {
		ti.Class = "th-" + name
	}
	return ti
}

// themeCSS returns the classes that colour theme highlights and swatches.
// Names and colours are validated, so the text is safe as a style element.
func themeCSS(ts []themeInfo) template.CSS {
	var b strings.Builder
	for _, t := range ts {
		if t.Class == "" || !hexColor.MatchString(t.Color) {
			continue
		}
		r, _ := strconv.ParseUint(t.Color[1:3], 16, 8)
		g, _ := strconv.ParseUint(t.Color[3:5], 16, 8)
		bl, _ := strconv.ParseUint(t.Color[5:7], 16, 8)
		fmt.Fprintf(&b, "mark.%s{background:rgba(%d,%d,%d,.22);border-bottom:2px solid %s}", t.Class, r, g, bl, t.Color)
		fmt.Fprintf(&b, ".sw.%s{background:%s}\n", t.Class, t.Color)
	}
	return template.CSS(b.String())
}
