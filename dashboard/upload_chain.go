package dashboard

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"strings"

	"amendlens/analysis"
)

// stagesField is the chain form's field of the files of a negotiation's
// stages and proposals; planField orders and names them (see stagePlan).
const (
	stagesField = "stages"
	planField   = "plan"
)

// stagePlan is one file of a chain upload as the form's list orders it:
// the file (index among the stages field's files), a stage or a proposal
// against the latest stage above it, its name (a stage's, or a proposal's
// actor; "" for the file's name) and whether a stage is an excerpt.
type stagePlan struct {
	File    int    `json:"file"`
	Role    string `json:"role"` // "stage" or "proposal"
	Name    string `json:"name"`
	Partial bool   `json:"partial"`
}

// readStageFiles reads the files of a chain upload, in the order the
// browser sent them, with at most max bytes in all.
func readStageFiles(form *multipart.Form, max int64) ([]analysis.File, error) {
	var out []analysis.File
	var total int64
	for _, fh := range form.File[stagesField] {
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(f, max-total+1))
		f.Close()
		if err != nil {
			return nil, err
		}
		total += int64(len(data))
		if total > max {
			return nil, errTooLarge
		}
		out = append(out, analysis.File{Name: uploadName(fh.Filename), Data: data})
	}
	return out, nil
}

// chainInput makes the input of a chain upload: from the plan the form's
// list wrote when it is given, else from a manifest among the files (which
// names the others by their base names). Nothing decides the order from
// file names.
func chainInput(files []analysis.File, plan, name string) (analysis.Input, error) {
	if strings.TrimSpace(plan) == "" {
		for _, f := range files {
			if analysis.IsManifest(f.Data) {
				return manifestUpload(f, files, name)
			}
		}
		return analysis.Input{}, errors.New("the order of the stages is missing: put the files in order in the list the form shows, or add a manifest (a YAML file with stages:) that names them")
	}
	var steps []stagePlan
	if err := json.Unmarshal([]byte(plan), &steps); err != nil {
		return analysis.Input{}, fmt.Errorf("the list of stages does not read (%v): choose the files again", err)
	}
	in := analysis.Input{Name: name}
	used := make([]bool, len(files))
	for i, st := range steps {
		if st.File < 0 || st.File >= len(files) || used[st.File] {
			return analysis.Input{}, fmt.Errorf("the list of stages names file %d of %d, or twice: choose the files again", st.File+1, len(files))
		}
		used[st.File] = true
		f := files[st.File]
		switch st.Role {
		case "stage":
			in.Stages = append(in.Stages, analysis.StageFile{Name: st.Name, Partial: st.Partial, File: f})
		case "proposal":
			if len(in.Stages) == 0 {
				return analysis.Input{}, fmt.Errorf("%s, first in the list, is a proposal: the first file is a stage, the text proposals are made against", f.Name)
			}
			last := &in.Stages[len(in.Stages)-1]
			last.Proposals = append(last.Proposals, analysis.ProposalFile{Actor: st.Name, File: f})
		default:
			return analysis.Input{}, fmt.Errorf("file %d (%s) of the list: role %q, want stage or proposal", i+1, f.Name, st.Role)
		}
	}
	for i, u := range used {
		if !u {
			return analysis.Input{}, fmt.Errorf("%s is not in the list of stages: choose the files again", files[i].Name)
		}
	}
	return in, nil
}

// manifestUpload makes the input a manifest among uploaded files
// describes, each file it names found among them by its base name.
func manifestUpload(manifest analysis.File, files []analysis.File, name string) (analysis.Input, error) {
	m, err := analysis.ParseManifest(manifest.Name, manifest.Data)
	if err != nil {
		return analysis.Input{}, err
	}
	return m.Input(manifest.Name, name, func(path string) ([]byte, error) {
		base := uploadName(path)
		for _, f := range files {
			if f.Name == base {
				return f.Data, nil
			}
		}
		return nil, fmt.Errorf("%s is not among the files uploaded with the manifest", base)
	})
}
