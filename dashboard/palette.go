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
