package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"amendlens/analysis"
)

func runThemes(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("themes", "", stderr)
	convert := fs.String("convert", "", "write the quanteda YAML or LIWC .dic dictionary in `file` as amendlens's YAML")
	obligations := fs.Bool("obligations", false, "print the built-in obligation scale (add it, edited, to a dictionary as its \"obligations:\")")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("themes: unexpected argument %q", fs.Arg(0))
	}
	if *obligations {
		if *convert != "" {
			return usagef("themes: -obligations and -convert: choose one")
		}
		_, err := stdout.Write(analysis.DefaultObligationsYAML())
		return err
	}
	if *convert == "" {
		_, err := stdout.Write(analysis.DefaultDictionaryYAML())
		return err
	}
	data, err := os.ReadFile(*convert)
	if err != nil {
		return fmt.Errorf("themes: %w", err)
	}
	out, format, err := analysis.ConvertDictionary(*convert, data)
	if err != nil {
		var de *analysis.DictionaryError
		if errors.As(err, &de) {
			return err
		}
		return fmt.Errorf("themes: %s: %w", *convert, err)
	}
	if format == analysis.FormatAmendlens {
		// Already ours: check it as ingest would.
		if _, err := analysis.ParseDictionary(*convert, data); err != nil {
			return err
		}
	}
	_, err = stdout.Write(out)
	return err
}
