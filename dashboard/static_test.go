package dashboard

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"amendlens/templates"
)

// echartsSHA256 is the SHA-256 of dist/echarts.min.js in the npm package
// echarts@5.4.3, the build go-echarts v2.6.7 targets.
const echartsSHA256 = "1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19"

// TestEChartsBuild checks that the embedded ECharts is the published 5.4.3
// build, byte for byte.
func TestEChartsBuild(t *testing.T) {
	data, err := fs.ReadFile(templates.FS, "static/echarts/echarts.min.js")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != echartsSHA256 {
		t.Errorf("static/echarts/echarts.min.js has SHA-256 %s, want %s (echarts@5.4.3)", got, echartsSHA256)
	}
}

// TestNotices checks that /static/NOTICE is served as text and that every
// licence it points to is served too.
func TestNotices(t *testing.T) {
	s := mustServer(t, newFakeSource(fixtureResult()), nil)
	w := get(t, s.engine, "/static/NOTICE")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /static/NOTICE: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	body := w.Body.String()
	for _, want := range []string{"Apache ECharts", "Apache License, Version 2.0", "ZRender", "d3.js", echartsSHA256} {
		if !strings.Contains(body, want) {
			t.Errorf("NOTICE does not mention %q", want)
		}
	}
	links := regexp.MustCompile(`/static/echarts/LICENSE[A-Za-z0-9-]*`).FindAllString(body, -1)
	if len(links) < 3 {
		t.Fatalf("NOTICE links %d licences, want 3: %v", len(links), links)
	}
	for _, l := range links {
		w := get(t, s.engine, l)
		if w.Code != 200 || !strings.Contains(w.Body.String(), "Redistribution") {
			t.Errorf("GET %s: %d, %.40q", l, w.Code, w.Body.String())
		}
	}
}
