package dashboard

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"strings"

	"amendlens/analysis"
	"amendlens/ingest"
	"amendlens/parse"
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
func readStageFiles(form *multipart.Form, max int64) ([]ingest.File, error) {
	var out []ingest.File
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
		out = append(out, ingest.File{Name: uploadName(fh.Filename), Data: data})
	}
	return out, nil
}

// chainInput makes the input of a chain upload: from the plan the form's
// list wrote when it is given, else from a manifest among the files (which
// names the others by their base names). Nothing decides the order from
// file names.
func chainInput(files []ingest.File, plan, name string) (ingest.Input, error) {
	if strings.TrimSpace(plan) == "" {
		for _, f := range files {
			if parse.IsManifest(f.Data) {
				return manifestUpload(f, files, name)
			}
		}
		return ingest.Input{}, errors.New("the order of the stages is missing: put the files in order in the list the form shows, or add a manifest (a YAML file with stages:) that names them")
	}
	var steps []stagePlan
	if err := json.Unmarshal([]byte(plan), &steps); err != nil {
		return ingest.Input{}, fmt.Errorf("the list of stages does not read (%v): choose the files again", err)
	}
	in := ingest.Input{Name: name}
	used := make([]bool, len(files))
	for i, st := range steps {
		if st.File < 0 || st.File >= len(files) || used[st.File] {
			return ingest.Input{}, fmt.Errorf("the list of stages names file %d of %d, or twice: choose the files again", st.File+1, len(files))
		}
		used[st.File] = true
		f := files[st.File]
		switch st.Role {
		case "stage":
			in.Stages = append(in.Stages, ingest.StageFile{Name: st.Name, Partial: st.Partial, File: f})
		case "proposal":
			if len(in.Stages) == 0 {
				return ingest.Input{}, fmt.Errorf("%s, first in the list, is a proposal: the first file is a stage, the text proposals are made against", f.Name)
			}
			last := &in.Stages[len(in.Stages)-1]
			last.Proposals = append(last.Proposals, ingest.ProposalFile{Actor: st.Name, File: f})
		default:
			return ingest.Input{}, fmt.Errorf("file %d (%s) of the list: role %q, want stage or proposal", i+1, f.Name, st.Role)
		}
	}
	for i, u := range used {
		if !u {
			return ingest.Input{}, fmt.Errorf("%s is not in the list of stages: choose the files again", files[i].Name)
		}
	}
	return in, nil
}

// manifestUpload makes the input a manifest among uploaded files
// describes, each file it names found among them by its base name.
func manifestUpload(manifest ingest.File, files []ingest.File, name string) (ingest.Input, error) {
	m, err := ingest.ParseManifest(manifest.Name, manifest.Data)
	if err != nil {
		return ingest.Input{}, err
	}
	return m.Input(manifest.Name, name, func(path string) ([]byte, error) {
		base := uploadName(path)
		if base != path || strings.Contains(path, ":") || path == ".." {
			// Nothing is read from the server's disk: the files are the
			// upload's, and a path would only mislead.
			return nil, fmt.Errorf("%q: a manifest in an upload names the files uploaded with it by their names alone (%q), without folders", path, base)
		}
		for _, f := range files {
			if f.Name == base {
				return f.Data, nil
			}
		}
		return nil, fmt.Errorf("%s is not among the files uploaded with the manifest", base)
	})
}

// checkField asks the chain form to analyse the files without storing
// them and answer what it found (see check).
const checkField = "check"

// chainFound is what a check of a chain upload found: the document's name
// and its stages in order.
type chainFound struct {
	Name   string       `json:"name"`
	Stages []stageFound `json:"stages"`
	// Replaces says that analysing will replace the stored document of
	// that name, and when it was ingested; "" when there is none.
	Replaces string `json:"replaces,omitempty"`
}

// stageFound is one stage a check found: its name, date and file, whether
// it is an excerpt, its figures (see analysis.StageFigures) and the
// proposals against it.
type stageFound struct {
	Name       string          `json:"name"`
	Date       string          `json:"date,omitempty"`
	Partial    bool            `json:"partial"`
	File       string          `json:"file"`
	Paragraphs int             `json:"paragraphs"`
	Words      int             `json:"words"`
	Added      int             `json:"added_words"`
	Deleted    int             `json:"deleted_words"`
	New        int             `json:"new_paragraphs"`
	Dropped    int             `json:"dropped_paragraphs"`
	OutOfScope int             `json:"out_of_scope"`
	Proposals  []proposalFound `json:"proposals"`
}

// proposalFound is one proposal a check found: its actor and file, and the
// insertions it makes.
type proposalFound struct {
	Actor      string `json:"actor"`
	File       string `json:"file"`
	Insertions int    `json:"insertions"`
	Words      int    `json:"words"`
}

// found describes r, analysed from files: each stage of r comes from the
// file of the stage of that name, or else (the outcome column of a table)
// from the file of the stage before; each proposal from the file of its
// actor's proposal, or else (a column) from its stage's file.
func found(r *analysis.Result, files []ingest.StageFile) chainFound {
	out := chainFound{Name: r.Document.Name}
	k, file := 0, ""
	var proposals []ingest.ProposalFile
	for i, st := range r.Stages {
		if k < len(files) && strings.EqualFold(files[k].StageName(), st.Name) {
			file = files[k].File.Name
			proposals = files[k].Proposals
			k++
		} else {
			proposals = nil
		}
		f := r.StageFigures[i]
		sf := stageFound{Name: st.Name, Date: st.Date, Partial: st.Partial, File: file, Paragraphs: f.Paragraphs, Words: f.Words,
			Added: f.Added, Deleted: f.Deleted, New: f.NewParagraphs, Dropped: f.DroppedParagraphs, OutOfScope: f.OutOfScope}
		for _, v := range st.Proposals {
			p := proposalFound{Actor: r.Document.Actor(v), File: file}
			for _, pf := range proposals {
				if strings.EqualFold(pf.ActorName(), p.Actor) {
					p.File = pf.File.Name
				}
			}
			for _, fate := range r.Fates {
				if fate.Proposal == v {
					p.Insertions++
					p.Words += fate.Words
				}
			}
			sf.Proposals = append(sf.Proposals, p)
		}
		out.Stages = append(out.Stages, sf)
	}
	return out
}
