package dashboard

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"

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

// themeInfos returns a dictionary's themes in its order, their colours
// resolved once per dictionary (by its hash) and kept: every page shows
// them, and resolving a large dictionary's colours on every page once made
// each page of its documents take seconds.
func (s *server) themeInfos(d *analysis.Dictionary) []themeInfo {
	return s.palettes.get(d).list
}

// themeOf describes the theme name of d; a name d does not know gets the
// name as label and the colour of change without a theme.
func (s *server) themeOf(d *analysis.Dictionary, name string) themeInfo {
	p := s.palettes.get(d)
	if i, ok := p.at[name]; ok {
		return p.list[i]
	}
	return newThemeInfo(d, analysis.Theme{Name: name}, colorNone)
}

// palette is the themes of one dictionary as pages show them.
type palette struct {
	list []themeInfo
	at   map[string]int // index in list of each theme name
}

// newPalette resolves the colours of d's themes, in linear time.
func newPalette(d *analysis.Dictionary) *palette {
	colors := resolveColors(d.Themes)
	p := &palette{list: make([]themeInfo, 0, len(d.Themes)), at: make(map[string]int, len(d.Themes))}
	for i, t := range d.Themes {
		p.at[t.Name] = len(p.list)
		p.list = append(p.list, newThemeInfo(d, t, colors[i]))
	}
	return p
}

// maxPalettes bounds the palettes a paletteCache keeps: a server's
// documents share a few dictionaries; past the bound the cache starts
// again.
const maxPalettes = 64

// paletteCache keeps the palettes of the dictionaries pages have shown, by
// hash. Safe for concurrent use.
type paletteCache struct {
	mu     sync.Mutex
	byHash map[string]*palette
	made   int // palettes resolved, for tests
}

// get returns the palette of d, resolving it when it is not kept. A
// dictionary without a hash is resolved every time.
func (c *paletteCache) get(d *analysis.Dictionary) *palette {
	if d.Hash == "" {
		return newPalette(d)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.byHash[d.Hash]; ok {
		return p
	}
	if c.byHash == nil || len(c.byHash) >= maxPalettes {
		c.byHash = map[string]*palette{}
	}
	p := newPalette(d)
	c.byHash[d.Hash] = p
	c.made++
	return p
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

// resolveColors gives every theme a colour of its own: the one the
// dictionary sets, unless an earlier theme set it, or the first palette
// colour, from the theme's index on, that no other theme uses. It is
// linear in the themes. When the
// palette runs out, colours are spread around the hue circle; only past some
// hundreds of themes may two share one.
func resolveColors(themes []analysis.Theme) []string {
	used := make(map[string]bool)
	own := make([]bool, len(themes)) // the theme keeps the colour it sets
	for i, t := range themes {
		// A colour the dictionary sets for two themes is the first's:
		// the second gets one of its own, so that no two themes look
		// alike.
		if c := strings.ToLower(t.Color); c != "" && !used[c] {
			used[c], own[i] = true, true
		}
	}
	colors := make([]string, len(themes))
	next := 0 // where the walk around the hue circle goes on
	for i, t := range themes {
		if own[i] {
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
		// The walk goes on from where the last one stopped, so that the
		// hues it skips are skipped once: linear in the themes however
		// many colours the dictionary sets itself.
		for j, k := max(next, i), 0; colors[i] == "" && k < 4096; j, k = j+1, k+1 {
			if c := hueColor(j); !used[c] {
				colors[i], next = c, j+1
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
// circle, at a saturation and lightness readable on white. Each round of
// hueRound colours, before the walk's colours would start to repeat, is a
// shade darker than the one before, in four steps: thousands of distinct
// colours, as many as a dictionary has themes.
func hueColor(n int) string {
	h := float64(n) * 137.508
	h -= 360 * float64(int(h/360))
	const s = 0.65
	l := [4]float64{0.38, 0.30, 0.34, 0.26}[(n/hueRound)%4]
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

// hueRound is how many colours of the walk come before they repeat at
// one lightness (its 610th is its first again, in hex).
const hueRound = 600

func hueAbs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
