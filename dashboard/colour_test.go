package dashboard

import (
	"math"
	"strconv"
	"testing"

	"amendlens/analysis"
)

// linearRGB returns the linear-light red, green and blue of "#rrggbb"
// (sRGB).
func linearRGB(hex string) [3]float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		x := float64(v) / 255
		if x <= 0.04045 {
			c[i] = x / 12.92
		} else {
			c[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return c
}

// relativeLuminance is WCAG 2's relative luminance of "#rrggbb".
func relativeLuminance(hex string) float64 {
	c := linearRGB(hex)
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

// contrastRatio is WCAG 2's contrast ratio of two colours.
func contrastRatio(a, b string) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// lab converts "#rrggbb" (sRGB, D65) to CIELAB.
func lab(hex string) (l, a, b float64) {
	c := linearRGB(hex)
	X := (0.4124*c[0] + 0.3576*c[1] + 0.1805*c[2]) / 0.95047
	Y := 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
	Z := (0.0193*c[0] + 0.1192*c[1] + 0.9505*c[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return 116*f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))
}

// deltaE2000 is the CIEDE2000 colour difference of two colours: about 2
// is just noticeable, 20 and more reads as another colour at a glance.
func deltaE2000(x, y string) float64 {
	rad := func(d float64) float64 { return d * math.Pi / 180 }
	deg := func(r float64) float64 { return r * 180 / math.Pi }
	L1, a1, b1 := lab(x)
	L2, a2, b2 := lab(y)
	cb := (math.Hypot(a1, b1) + math.Hypot(a2, b2)) / 2
	g := 0.5 * (1 - math.Sqrt(math.Pow(cb, 7)/(math.Pow(cb, 7)+math.Pow(25, 7))))
	a1p, a2p := (1+g)*a1, (1+g)*a2
	c1p, c2p := math.Hypot(a1p, b1), math.Hypot(a2p, b2)
	h1p := math.Mod(deg(math.Atan2(b1, a1p))+360, 360)
	h2p := math.Mod(deg(math.Atan2(b2, a2p))+360, 360)
	dLp, dCp := L2-L1, c2p-c1p
	dh := h2p - h1p
	switch {
	case c1p*c2p == 0:
		dh = 0
	case dh > 180:
		dh -= 360
	case dh < -180:
		dh += 360
	}
	dHp := 2 * math.Sqrt(c1p*c2p) * math.Sin(rad(dh/2))
	lbp, cbp := (L1+L2)/2, (c1p+c2p)/2
	hbp := h1p + h2p
	switch {
	case c1p*c2p == 0:
	case math.Abs(h1p-h2p) <= 180:
		hbp /= 2
	case h1p+h2p < 360:
		hbp = (hbp + 360) / 2
	default:
		hbp = (hbp - 360) / 2
	}
	t := 1 - 0.17*math.Cos(rad(hbp-30)) + 0.24*math.Cos(rad(2*hbp)) + 0.32*math.Cos(rad(3*hbp+6)) - 0.20*math.Cos(rad(4*hbp-63))
	dth := 30 * math.Exp(-math.Pow((hbp-275)/25, 2))
	rc := 2 * math.Sqrt(math.Pow(cbp, 7)/(math.Pow(cbp, 7)+math.Pow(25, 7)))
	sl := 1 + 0.015*(lbp-50)*(lbp-50)/math.Sqrt(20+(lbp-50)*(lbp-50))
	sc := 1 + 0.045*cbp
	sh := 1 + 0.015*cbp*t
	rt := -math.Sin(rad(2*dth)) * rc
	return math.Sqrt(math.Pow(dLp/sl, 2) + math.Pow(dCp/sc, 2) + math.Pow(dHp/sh, 2) + rt*(dCp/sc)*(dHp/sh))
}

func TestColourMeasures(t *testing.T) {
	// Reference values: WCAG's black on white and its 4.5:1 grey; white
	// and black 100 apart in ΔE2000, as their L* are.
	if got := contrastRatio("#000000", "#ffffff"); math.Abs(got-21) > 1e-9 {
		t.Errorf("black on white %.3f, want 21", got)
	}
	if got := contrastRatio("#767676", "#ffffff"); math.Abs(got-4.54) > 0.01 {
		t.Errorf("#767676 on white %.3f, want 4.54", got)
	}
	if got := deltaE2000("#ff0000", "#ff0000"); got != 0 {
		t.Errorf("ΔE of a colour with itself %.3f", got)
	}
	if got := deltaE2000("#000000", "#ffffff"); math.Abs(got-100) > 0.5 {
		t.Errorf("ΔE black-white %.3f, want 100", got)
	}
}

// Theme colours are readable on white and on the page background, and far
// enough apart to tell each from the others: gender and urgency were 1.18:1
// in luminance and 16.7 in ΔE2000.
func TestThemeColours(t *testing.T) {
	const minContrast, minDeltaE = 3.0, 20.0
	d := analysis.DefaultDictionary()
	var colours []string
	names := map[string]string{}
	for _, th := range d.Themes {
		colours = append(colours, th.Color)
		names[th.Color] = th.Name
	}
	for i := range paletteSize {
		c := paletteColor(i)
		if _, dup := names[c]; !dup {
			colours = append(colours, c)
			names[c] = "palette " + strconv.Itoa(i)
		}
	}
	for i, a := range colours {
		for _, bg := range []string{"#ffffff", "#f8f9fa"} {
			if r := contrastRatio(a, bg); r < minContrast {
				t.Errorf("%s %s: contrast %.2f:1 on %s, want %.1f:1", names[a], a, r, bg, minContrast)
			}
		}
		for _, b := range colours[i+1:] {
			if de := deltaE2000(a, b); de < minDeltaE {
				t.Errorf("%s %s and %s %s: ΔE2000 %.1f, want %.0f or more", names[a], a, names[b], b, de, minDeltaE)
			}
		}
	}
}
