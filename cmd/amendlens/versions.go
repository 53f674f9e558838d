package main

import (
	"errors"
	"fmt"
	"strings"

	"amendlens/analysis"
)

// fileList is a flag that may be given several times, each a file.
type fileList []string

func (l *fileList) String() string     { return strings.Join(*l, ",") }
func (l *fileList) Set(v string) error { *l = append(*l, v); return nil }

// versionsConfig is how ingest reads versions of a text given as files.
type versionsConfig struct {
	versions bool     // the files are a base and its versions (-versions)
	names    string   // -variant-names, comma-separated
	align    fileList // versions to align with a table's rows (-align)
}

// active reports whether the files are read as versions.
func (c versionsConfig) active() bool { return c.versions || len(c.align) > 0 }

// versionsInput reads the one document made of versions: with -versions,
// files are a base and its versions as running text; with -align, files is
// one table document and the -align files its versions.
func versionsInput(cfg versionsConfig, files []string, name string, opts analysis.Options) (analysis.Input, error) {
	var names []string
	if cfg.names != "" {
		names = strings.Split(cfg.names, ",")
	}
	first, versions := files[0], files[1:]
	switch {
	case cfg.versions && len(cfg.align) > 0:
		return analysis.Input{}, errors.New("ingest: -versions and -align do not go together: -align adds versions to a table, -versions makes a document of versions alone")
	case cfg.versions && len(files) < 2:
		return analysis.Input{}, fmt.Errorf("ingest: -versions needs a base and at least one version, got %d file(s)", len(files))
	case !cfg.versions && len(files) != 1:
		return analysis.Input{}, fmt.Errorf("ingest: -align adds versions to one table document, got %d files", len(files))
	case !cfg.versions:
		versions = cfg.align
	}
	if len(names) > len(versions) {
		return analysis.Input{}, fmt.Errorf("ingest: -variant-names names %d variants for %d versions", len(names), len(versions))
	}
	in := analysis.Input{Name: name, Options: opts, VersionNames: names}
	for i, f := range append([]string{first}, versions...) {
		data, err := readFile(f, analysis.DefaultLimits().MaxFileBytes)
		if err != nil {
			return analysis.Input{}, err
		}
		if i == 0 {
			in.Files = []analysis.File{{Name: f, Data: data}}
		} else {
			in.Versions = append(in.Versions, analysis.File{Name: f, Data: data})
		}
	}
	return in, nil
}

// inputSize returns the bytes of in's files, its versions included.
func inputSize(in analysis.Input) int {
	n := 0
	for _, fs := range [][]analysis.File{in.Files, in.Versions} {
		for _, f := range fs {
			n += len(f.Data)
		}
	}
	return n
}
