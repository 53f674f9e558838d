package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"amendlens/analysis"
)

// runReanalyse analyses a stored document again from its stored texts,
// with another dictionary or outcome choice, a new title or new variant
// names, and stores the new analysis
// in one transaction, as a fresh ingest of the same files with those
// choices would.
func runReanalyse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var dbPath, docName, themes, outcome, title, names string
	fs := newFlags("reanalyse", "", stderr)
	dbFlag(fs, &dbPath)
	fs.StringVar(&docName, "doc", "", "document `name`, as stored or as given at ingest (may be left out when the database holds one document)")
	fs.StringVar(&themes, "themes", "", "theme dictionary `file` to analyse with (amendlens or quanteda YAML, LIWC .dic; default: the one it was analysed with)")
	fs.StringVar(&outcome, "outcome", "", "outcome `variant` (none: every column a proposal; default: the one it was analysed with)")
	complete := fs.Bool("outcome-complete", false, "the outcome is the final text (default: as it was analysed; give =false to undo)")
	fs.StringVar(&title, "title", "", "new `title` of the document (its name, in URLs and -doc, stays)")
	fs.StringVar(&names, "variant-names", "", "comma-separated new `names` of the variants, base first; an empty name keeps that variant's")
	quiet := fs.Bool("q", false, "print nothing on success")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("reanalyse: unexpected argument %q", fs.Arg(0))
	}
	change := analysis.Reanalysis{Outcome: outcome, Title: title}
	if names != "" {
		change.Names = strings.Split(names, ",")
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "outcome-complete" {
			change.Complete = complete
		}
	})
	if themes != "" {
		dict, err := loadDictionary(themes)
		if err != nil {
			return fmt.Errorf("reanalyse: %w", err)
		}
		change.Dictionary = dict
	}
	db, err := openExisting(ctx, dbPath)
	if err != nil {
		return fmt.Errorf("reanalyse: %w", err)
	}
	defer db.Close()
	r, err := loadDocument(ctx, db, docName, "reanalyse")
	if err != nil {
		return err
	}
	out, err := analysis.AnalyseAgain(ctx, r, change)
	if err != nil {
		return fmt.Errorf("reanalyse %s: %w", r.Document.Name, err)
	}
	if err := out.Validate(); err != nil {
		return fmt.Errorf("reanalyse %s: %w", r.Document.Name, err)
	}
	if err := db.Replace(ctx, out); err != nil {
		return fmt.Errorf("reanalyse %s: %w", r.Document.Name, err)
	}
	if !*quiet {
		printSummary(stdout, out)
	}
	return nil
}
