package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"amendlens/analysis"
	"amendlens/parse"

	"go.yaml.in/yaml/v3"
)

// Manifest describes a negotiation in rounds as files: its stages in
// order, each with the proposals made against it. It is YAML:
//
//	name: Internet governance chapter
//	stages:
//	  - name: Chair's draft
//	    file: draft.docx        # relative to the manifest
//	    date: 2005-09-19        # optional
//	    proposals:
//	      - actor: Gender Caucus
//	        file: gc.txt        # the stage's text as that actor would have it
//	  - name: Rev.1
//	    file: rev1.txt
//	    partial: true           # an excerpt
//	  - name: Adopted
//	    file: adopted.txt
type Manifest struct {
	Name   string          `yaml:"name"`
	Stages []ManifestStage `yaml:"stages"`
}

// ManifestStage is one stage of a Manifest.
type ManifestStage struct {
	Name      string             `yaml:"name"`
	File      string             `yaml:"file"`
	Date      string             `yaml:"date"`
	Partial   bool               `yaml:"partial"`
	Proposals []ManifestProposal `yaml:"proposals"`
	line      int
}

// ManifestProposal is one actor's proposal against a stage.
type ManifestProposal struct {
	Actor string `yaml:"actor"`
	File  string `yaml:"file"`
}

// ParseManifest reads a manifest, file naming it in errors. It rejects,
// with a *parse.ParseError naming the line: YAML that does not parse, unknown
// keys, no stages, a stage or proposal without a file, a date that is not
// YYYY-MM-DD, and a manifest over 64 KiB.
func ParseManifest(file string, data []byte) (*Manifest, error) {
	if len(data) > parse.MaxManifestBytes {
		return nil, parse.Errorf(file, 1, "a manifest of %s, the limit is %s: expected a list of files", parse.FormatSize(int64(len(data))), parse.FormatSize(parse.MaxManifestBytes))
	}
	dec := yaml.NewDecoder(bytes.NewReader(parse.TrimBOM(data)))
	dec.KnownFields(true)
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, parse.Errorf(file, 1, "an empty manifest: expected a mapping with a \"stages\" list")
		}
		return nil, manifestYAMLError(file, err)
	}
	lines := stageLines(data)
	if len(m.Stages) == 0 {
		return nil, parse.Errorf(file, 1, "no stages: expected a \"stages\" list of the negotiation's drafts, earliest first, each with a \"file\"")
	}
	for i := range m.Stages {
		s := &m.Stages[i]
		if i < len(lines) {
			s.line = lines[i]
		}
		if s.line == 0 {
			// A stage written in a way the line finder does not follow
			// (an anchor, a flow list): the line of the stage before, or
			// the first.
			s.line = 1
			if i > 0 {
				s.line = m.Stages[i-1].line
			}
		}
		switch {
		case strings.TrimSpace(s.File) == "":
			return nil, parse.Errorf(file, s.line, "stage %d has no file: expected \"file: PATH\" relative to the manifest", i+1)
		case s.Date != "" && !validDate(s.Date):
			return nil, parse.Errorf(file, s.line, "stage %d: date %q: expected YYYY-MM-DD", i+1, s.Date)
		}
		for j, p := range s.Proposals {
			if strings.TrimSpace(p.File) == "" {
				return nil, parse.Errorf(file, s.line, "stage %d, proposal %d has no file: expected \"file: PATH\" relative to the manifest", i+1, j+1)
			}
		}
	}
	return &m, nil
}

// validDate reports whether s is a date written YYYY-MM-DD.
func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// stageLines returns the 1-based line of each item of the top-level
// "stages" list, for errors.
func stageLines(data []byte) []int {
	var lines []int
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "stages:"):
			in = true
		case in && len(line) > 0 && line[0] != ' ' && line[0] != '-' && line[0] != '#':
			in = false
		case in && strings.HasPrefix(strings.TrimLeft(line, " "), "- ") && indent(line) <= 2:
			lines = append(lines, n)
		}
	}
	return lines
}

// indent returns the spaces line starts with.
func indent(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

// manifestYAMLError makes a YAML decoding error a *parse.ParseError with its
// line.
func manifestYAMLError(file string, err error) error {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 1
	if m := regexp.MustCompile(`^line (\d+): (.*)$`).FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	return parse.Errorf(file, line, "manifest: %s: expected name and stages, each stage with name, file, date, partial and proposals (actor, file)", msg)
}

// Input returns the input the manifest describes, file being the
// manifest's name and read reading each file it names (relative to the
// manifest: read resolves it). name, when set, names the document instead
// of the manifest's name.
func (m *Manifest) Input(file, name string, read func(path string) ([]byte, error)) (Input, error) {
	in := Input{Name: m.Name}
	if name != "" {
		in.Name = name
	}
	if in.Name == "" {
		in.Name = analysis.VersionName(file)
	}
	load := func(path string, line int, what string) (File, error) {
		data, err := read(path)
		if err != nil {
			return File{}, parse.Errorf(file, line, "%s: %v", what, err)
		}
		return File{Name: path, Data: data}, nil
	}
	for i, s := range m.Stages {
		what := fmt.Sprintf("stage %d (%s)", i+1, s.Name)
		f, err := load(s.File, s.line, what)
		if err != nil {
			return Input{}, err
		}
		sf := StageFile{Name: s.Name, Date: s.Date, Partial: s.Partial, File: f}
		for j, p := range s.Proposals {
			pf, err := load(p.File, s.line, fmt.Sprintf("%s, proposal %d (%s)", what, j+1, p.Actor))
			if err != nil {
				return Input{}, err
			}
			sf.Proposals = append(sf.Proposals, ProposalFile{Actor: p.Actor, File: pf})
		}
		in.Stages = append(in.Stages, sf)
	}
	return in, nil
}
