package main

import (
	"path/filepath"
	"strings"

	"amendlens/analysis"
	"amendlens/ingest"
	"amendlens/parse"
)

// fileList is a flag that may be given several times, each a file.
type fileList []string

func (l *fileList) String() string     { return strings.Join(*l, ",") }
func (l *fileList) Set(v string) error { *l = append(*l, v); return nil }

// versionsConfig is how ingest reads versions of a text given as files.
type versionsConfig struct {
	versions bool     // the files are a base and its versions (-versions)
	chain    bool     // the files are the stages of a negotiation, earliest first (-chain)
	partial  string   // -partial: comma-separated names of the stages that are excerpts
	names    string   // -variant-names, comma-separated
	align    fileList // versions to align with a table's rows (-align)
}

// active reports whether the files are read as versions.
func (c versionsConfig) active() bool { return c.versions || c.chain || len(c.align) > 0 }

// versionsInput reads the one document made of versions: with -versions,
// files are a base and its versions as running text; with -align, files is
// one table document and the -align files its versions.
func versionsInput(cfg versionsConfig, files []string, name string, opts analysis.Options) (ingest.Input, error) {
	var names []string
	if cfg.names != "" {
		names = strings.Split(cfg.names, ",")
	}
	if cfg.chain {
		if cfg.versions || len(cfg.align) > 0 {
			return ingest.Input{}, usagef("ingest: -chain does not go with -versions or -align: the files given are the stages")
		}
		return chainInput(files, names, cfg.partial, name, opts)
	}
	if cfg.partial != "" {
		return ingest.Input{}, usagef("ingest: -partial names stages given with -chain")
	}
	first, versions := files[0], files[1:]
	switch {
	case cfg.versions && len(cfg.align) > 0:
		return ingest.Input{}, usagef("ingest: -versions and -align do not go together: -align adds versions to a table, -versions makes a document of versions alone")
	case cfg.versions && len(files) < 2:
		return ingest.Input{}, usagef("ingest: -versions needs a base and at least one version, got %d file(s)", len(files))
	case !cfg.versions && len(files) != 1:
		return ingest.Input{}, usagef("ingest: -align adds versions to one table document, got %d files", len(files))
	case !cfg.versions:
		versions = cfg.align
	}
	in := ingest.Input{Name: name, Options: opts}
	switch {
	case len(names) == len(versions)+1:
		// One name more than versions: the first names the base.
		in.BaseName, names = names[0], names[1:]
	case len(names) > len(versions):
		return ingest.Input{}, usagef("ingest: -variant-names names %d variants for %d versions (and the base, first, when it names one more)", len(names), len(versions))
	}
	in.VersionNames = names
	for i, f := range append([]string{first}, versions...) {
		data, err := readFile(f, parse.DefaultLimits().MaxFileBytes)
		if err != nil {
			return ingest.Input{}, err
		}
		if i == 0 {
			in.Files = []ingest.File{{Name: f, Data: data}}
		} else {
			in.Versions = append(in.Versions, ingest.File{Name: f, Data: data})
		}
	}
	return in, nil
}

// inputSize returns the bytes of in's files, its versions included.
func inputSize(in ingest.Input) int {
	n := 0
	for _, fs := range [][]ingest.File{in.Files, in.Versions} {
		for _, f := range fs {
			n += len(f.Data)
		}
	}
	for _, s := range in.Stages {
		n += len(s.File.Data)
		for _, p := range s.Proposals {
			n += len(p.File.Data)
		}
	}
	return n
}

// chainInput reads the one document of a negotiation's stages: files are
// the stages, earliest first, named by names (else by their file names).
func chainInput(files, names []string, partial, name string, opts analysis.Options) (ingest.Input, error) {
	if len(names) > len(files) {
		return ingest.Input{}, usagef("ingest: -variant-names names %d stages for %d files", len(names), len(files))
	}
	excerpts := map[string]bool{}
	if partial != "" {
		for _, p := range strings.Split(partial, ",") {
			excerpts[strings.ToLower(strings.TrimSpace(p))] = true
		}
	}
	in := ingest.Input{Name: name, Options: opts}
	for i, f := range files {
		data, err := readFile(f, parse.DefaultLimits().MaxFileBytes)
		if err != nil {
			return ingest.Input{}, err
		}
		st := ingest.StageFile{File: ingest.File{Name: f, Data: data}}
		if i < len(names) {
			st.Name = strings.TrimSpace(names[i])
		}
		key := strings.ToLower(st.Name)
		if key == "" {
			key = strings.ToLower(analysis.VersionName(f))
		}
		if excerpts[key] {
			st.Partial = true
			delete(excerpts, key)
		}
		in.Stages = append(in.Stages, st)
	}
	for p := range excerpts {
		return ingest.Input{}, usagef("ingest: -partial names %q, which is no stage's name", p)
	}
	return in, nil
}

// manifestInput reads the input a manifest describes, its files relative
// to the manifest's directory, named name when it is set.
func manifestInput(file string, data []byte, name string, opts analysis.Options) (ingest.Input, error) {
	m, err := ingest.ParseManifest(file, data)
	if err != nil {
		return ingest.Input{}, err
	}
	dir := filepath.Dir(file)
	in, err := m.Input(file, name, func(path string) ([]byte, error) {
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		return readFile(path, parse.DefaultLimits().MaxFileBytes)
	})
	if err != nil {
		return ingest.Input{}, err
	}
	in.Options = opts
	return in, nil
}
