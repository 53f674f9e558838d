// Package templates holds the dashboard's HTML templates and static files,
// embedded in the binary so that it serves every page offline.
//
// static/echarts.min.js is not committed: `make assets` fetches it. When it is
// missing the dashboard still serves every page, with tables but no charts.
package templates

import "embed"

// FS holds *.html (page templates and partials) and static/ (stylesheet,
// script, and the ECharts build when present).
//
//go:embed *.html static
var FS embed.FS
