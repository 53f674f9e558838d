// Package templates holds the dashboard's HTML templates and static files,
// embedded in the binary so that it serves every page offline.
//
// static/echarts/ holds the unmodified ECharts 5.4.3 build that go-echarts
// targets, with its licences; static/NOTICE lists them and is served at
// /static/NOTICE.
package templates

import "embed"

// FS holds *.html (page templates and partials) and static/ (stylesheet,
// script, ECharts and the notices).
//
//go:embed *.html static
var FS embed.FS
