package dashboard

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

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
	colors := resolveColors(d.Themes)
	out := make([]themeInfo, 0, len(d.Themes))
	for i, t := range d.Themes {
		out = append(out, newThemeInfo(d, t, colors[i]))
	}
	return out
}

// themeOf describes the theme name of d; a name d does not know gets the
// name as label and the colour of change without a theme.
func themeOf(d *analysis.Dictionary, name string) themeInfo {
	for i, t := range d.Themes {
		if t.Name == name {
			return newThemeInfo(d, t, resolveColors(d.Themes)[i])
		}
	}
	return newThemeInfo(d, analysis.Theme{Name: name}, colorNone)
}

// newThemeInfo describes theme t of d drawn in color.
func newThemeInfo(d *analysis.Dictionary, t analysis.Theme, color string) themeInfo {
	ti := themeInfo{Name: t.Name, Label: d.Label(t.Name), Color: colorNone, Terms: t.Terms}
	if hexColor.MatchString(color) {
		ti.Color = strings.ToLower(color)
	}
	if className.MatchString(t.Name) {
		ti.Class = "th-" + t.Name
	}
	return ti
}

// themeStyleURL returns the URL of the stylesheet that colours the
// highlights and swatches of the themes ts: /theme.css with each theme's
// class name and colour in the query, so that the stylesheet is a function
// of its URL alone and a browser keeps it for good. Names and colours are
// validated; "" when no theme has both.
func themeStyleURL(ts []themeInfo) string {
	var b strings.Builder
	for _, t := range ts {
		if t.Class == "" || !hexColor.MatchString(t.Color) {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("/theme.css?")
		} else {
			b.WriteByte('&')
		}
		b.WriteString(t.Name)
		b.WriteByte('=')
		b.WriteString(strings.ToLower(t.Color[1:]))
	}
	return b.String()
}

// themeStyle serves /theme.css?NAME=RRGGBB&...: for each theme, the class
// th-NAME of its highlights (mark) and swatches (.sw). Any pair that is not
// a class name and a hex colour makes the URL unknown.
func (s *server) themeStyle(c *gin.Context) {
	var b strings.Builder
	for _, pair := range strings.Split(c.Request.URL.RawQuery, "&") {
		name, color, _ := strings.Cut(pair, "=")
		if !className.MatchString(name) || !hexColor.MatchString("#"+color) {
			s.fail(c, http.StatusNotFound, "There is no such stylesheet.", nil)
			return
		}
		r, _ := strconv.ParseUint(color[0:2], 16, 8)
		g, _ := strconv.ParseUint(color[2:4], 16, 8)
		bl, _ := strconv.ParseUint(color[4:6], 16, 8)
		fmt.Fprintf(&b, "mark.th-%s{background:rgba(%d,%d,%d,.22);border-bottom:2px solid #%s}", name, r, g, bl, color)
		fmt.Fprintf(&b, ".sw.th-%s{background:#%s}\n", name, color)
	}
	c.Header("Cache-Control", "public, max-age=31536000, immutable")
	c.Data(http.StatusOK, "text/css; charset=utf-8", []byte(b.String()))
}

// themePalette holds colours readable on white (3:1 or more, for marks and
// bars) and at least 20 CIEDE2000 units from each other and from the
// default dictionary's, seven bytes each: blue, red, green, orange, indigo,
// teal, magenta, brown, olive, grey, khaki, plum. TestThemeColours checks it.
const themePalette = "#0287ff#ff0234#227d35#da7500#4314cc#119097#c91388#752b1d#735b0e#646474#938f7b#3d1435"

// paletteSize is the number of colours in themePalette.
const paletteSize = len(themePalette) / 7

// paletteColor returns colour i of themePalette, i < paletteSize.
func paletteColor(i int) string {
	return themePalette[7*i : 7*i+7]
}

// resolveColors gives every theme a colour: its own (from the dictionary),
// or the first palette
// colour, from the theme's index on, that no other theme uses. When the
// palette runs out, colours are spread around the hue circle; only past some
// hundreds of themes may two share one.
func resolveColors(themes []analysis.Theme) []string {
	used := make(map[string]bool)
	for _, t := range themes {
		if t.Color != "" {
			used[strings.ToLower(t.Color)] = true
		}
	}
	colors := make([]string, len(themes))
	for i, t := range themes {
		if t.Color != "" {
			colors[i] = t.Color
			continue
		}
		for k := 0; k < paletteSize; k++ {
			c := paletteColor((i + k) % paletteSize)
			if !used[c] {
				colors[i] = c
				break
			}
		}
		for k := 0; colors[i] == "" && k < 4096; k++ {
			if c := hueColor(i + k); !used[c] {
				colors[i] = c
			}
		}
		if colors[i] == "" {
			// Hundreds of themes have used up the distinct hues.
			colors[i] = hueColor(i)
		}
		used[colors[i]] = true
	}
	return colors
}

// hueColor returns the n-th colour of a golden-angle walk around the hue
// circle, at a saturation and lightness readable on white.
func hueColor(n int) string {
	h := float64(n) * 137.508
	h -= 360 * float64(int(h/360))
	const s, l = 0.65, 0.38
	c := (1 - hueAbs(2*l-1)) * s
	hp := h / 60
	x := c * (1 - hueAbs(hp-2*float64(int(hp/2))-1))
	var r, g, b float64
	switch int(hp) {
	case 0:
		r, g = c, x
	case 1:
		r, g = x, c
	case 2:
		g, b = c, x
	case 3:
		g, b = x, c
	case 4:
		r, b = x, c
	default:
		r, b = c, x
	}
	m := l - c/2
	to := func(v float64) int { return int((v+m)*255 + 0.5) }
	return fmt.Sprintf("#%02x%02x%02x", to(r), to(g), to(b))
}

func hueAbs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
