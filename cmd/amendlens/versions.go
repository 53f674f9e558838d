package main

import (
	"errors"
	"fmt"
	"path/filepath"
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

// analyseVersions parses and analyses one document made of versions: with
// -versions, files are a base and its versions as running text; with
// -align, files is one table document and the -align files its versions.
func analyseVersions(cfg versionsConfig, files []string, name string, dict *analysis.Dictionary, opts analysis.Options) (*analysis.Result, error) {
	var names []string
	if cfg.names != "" {
		names = strings.Split(cfg.names, ",")
	}
	var doc *analysis.Document
	switch {
	case cfg.versions && len(cfg.align) > 0:
		return nil, errors.New("ingest: -versions and -align do not go together: -align adds versions to a table, -versions makes a document of versions alone")
	case cfg.versions:
		if len(files) < 2 {
			return nil, fmt.Errorf("ingest: -versions needs a base and at least one version, got %d file(s)", len(files))
		}
		if len(names) > len(files)-1 {
			return nil, fmt.Errorf("ingest: -variant-names names %d variants for %d versions", len(names), len(files)-1)
		}
		texts, err := parseTexts(files)
		if err != nil {
			return nil, err
		}
		if doc, err = analysis.Versions(texts[0], texts[1:], names); err != nil {
			return nil, err
		}
	default:
		if len(files) != 1 {
			return nil, fmt.Errorf("ingest: -align adds versions to one table document, got %d files", len(files))
		}
		if len(names) > len(cfg.align) {
			return nil, fmt.Errorf("ingest: -variant-names names %d variants for %d aligned versions", len(names), len(cfg.align))
		}
		data, err := readFile(files[0], analysis.DefaultLimits().MaxFileBytes)
		if err != nil {
			return nil, err
		}
		if doc, err = analysis.Parse(files[0], data); err != nil {
			return nil, err
		}
		texts, err := parseTexts(cfg.align)
		if err != nil {
			return nil, err
		}
		for i, v := range texts {
			n := ""
			if i < len(names) {
				n = strings.TrimSpace(names[i])
			}
			if err := analysis.AddVersion(doc, v, n); err != nil {
				return nil, err
			}
		}
	}
	if name != "" {
		doc.Name = analysis.Slug(name)
	}
	r, err := analysis.Analyse(doc, dict, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(files[0]), err)
	}
	return r, nil
}

// parseTexts reads running-text documents.
func parseTexts(files []string) ([]*analysis.Document, error) {
	docs := make([]*analysis.Document, len(files))
	for i, f := range files {
		data, err := readFile(f, analysis.DefaultLimits().MaxFileBytes)
		if err != nil {
			return nil, err
		}
		if docs[i], err = analysis.ParseText(f, data); err != nil {
			return nil, err
		}
	}
	return docs, nil
}
