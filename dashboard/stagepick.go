package dashboard

import (
	"net/url"
	"strings"

	"amendlens/analysis"
)

// stagePick is the stage the uptake pages and charts judge proposals
// against, from the parameter stage: "next" (the default), each proposal's
// next stage; "final", the last stage; or a stage's name. A document of
// two stages (a table: its first column and its outcome) has only one
// choice, and no parameter.
type stagePick struct {
	at    int    // analysis.StageNext or an index into Result.Stages
	value string // the parameter as it goes into links, "" for the default
	// Against names the choice for readers: "each proposal's next stage",
	// "Adopted, the last stage".
	Against string
}

// parseStagePick reads the parameter stage of q for r, as the downloads
// read it (analysis.Result.ParseStage) but for its default, the next
// stage: a name that is no stage after the first is a notFound error.
func parseStagePick(r *analysis.Result, q url.Values) (stagePick, error) {
	v := strings.TrimSpace(q.Get("stage"))
	if v == "" {
		v = "next"
	}
	at, err := r.ParseStage(v)
	if err != nil {
		return stagePick{}, notFound(err.Error())
	}
	sp := stagePick{at: at, value: strings.TrimSpace(q.Get("stage"))}
	if sp.value == "next" {
		sp.value = ""
	}
	sp.Against = sp.describe(r)
	return sp, nil
}

// describe names the stage picked for readers.
func (sp stagePick) describe(r *analysis.Result) string {
	last := len(r.Stages) - 1
	switch {
	case sp.at == analysis.StageNext:
		return "each proposal's next stage"
	case sp.at == last && last > 1:
		return r.Stages[last].Name + ", the last stage"
	case sp.at >= 0:
		return r.Stages[sp.at].Name
	}
	return ""
}

// spans returns the verdicts of the stage picked.
func (sp stagePick) spans(r *analysis.Result) []analysis.SpanUptake { return r.UptakeAt(sp.at) }

// judgedAt returns the name of the stage that gave u its verdict.
func (sp stagePick) judgedAt(r *analysis.Result, u analysis.SpanUptake) string {
	at := r.JudgedAt(sp.at, u.Proposal)
	if at < 0 || at >= len(r.Stages) {
		return ""
	}
	return r.Stages[at].Name
}

// chained reports whether the document has stages to choose from: more
// than a first one and its outcome.
func chained(r *analysis.Result) bool { return len(r.Stages) > 2 }

// links returns the choices as links of the page at path with q, the one
// in force marked, or nil when there is nothing to choose.
func (sp stagePick) links(r *analysis.Result, path string, q url.Values) []link {
	if !chained(r) {
		return nil
	}
	out := []link{{Name: "Next stage", URL: pickURL(path, q, ""), Active: sp.at == analysis.StageNext}}
	for i := 1; i < len(r.Stages); i++ {
		name, value := r.Stages[i].Name, r.Stages[i].Name
		if i == len(r.Stages)-1 {
			name, value = name+" (last)", "final"
		}
		out = append(out, link{Name: name, URL: pickURL(path, q, value), Active: sp.at == i})
	}
	return out
}

// pickURL returns the page at path with q and stage=value, on its first
// page of rows.
func pickURL(path string, q url.Values, value string) string {
	return filterURL(path, q, "stage", value)
}

// query returns the parameter that carries the choice into a link: empty
// for the default.
func (sp stagePick) query() url.Values { return vq("stage", sp.value) }

// tableQuery returns the parameter that makes a download judge against
// the stage picked: the tables judge against the last stage by default,
// the pages against each proposal's next.
func (sp stagePick) tableQuery() url.Values {
	if sp.value == "" {
		return vq("stage", "next")
	}
	return sp.query()
}
