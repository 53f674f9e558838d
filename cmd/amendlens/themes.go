package main

import (
	"context"
	"io"

	"amendlens/analysis"
)

func runThemes(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("themes", "", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	_, err := stdout.Write(analysis.DefaultDictionaryYAML())
	return err
}
