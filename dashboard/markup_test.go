package dashboard

import (
	"strings"
	"testing"

	"amendlens/analysis"
)

// TestDiffHTMLShadesBrackets checks that square-bracketed wording is shaded
// inside the insertion that brings it and outside it, with well-nested
// tags.
func TestDiffHTMLShadesBrackets(t *testing.T) {
	base := "We recognise the role of ICTs."
	variant := "We recognise the [central] role of ICTs [for all]."
	tok := analysis.NewTokenizer()
	spans := analysis.Diff(tok.Tokenize(base), tok.Tokenize(variant))
	got := string(diffHTML(base, variant, spans, nil, nil, nil))
	span := `<span class="bracketed" title="in square brackets: not agreed">`
	var shaded []string
	for _, part := range strings.Split(got, span)[1:] {
		text, _, _ := strings.Cut(part, "</span>")
		shaded = append(shaded, text)
	}
	if s := strings.Join(shaded, ""); s != "[central][for all]" {
		t.Errorf("shaded %q, want the bracketed words and their brackets; html %s", s, got)
	}
	if !strings.Contains(got, "<ins>"+span+"central</span></ins>") {
		t.Errorf("diffHTML = %s, want the shading inside the insertion", got)
	}
	if strings.Count(got, "<span") != strings.Count(got, "</span>") {
		t.Errorf("unbalanced spans: %s", got)
	}
	if plain := string(plainHTML("no brackets", nil, nil)); strings.Contains(plain, "bracketed") {
		t.Errorf("plainHTML = %s, want no shading", plain)
	}
}
