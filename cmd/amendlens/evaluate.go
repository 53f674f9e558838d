package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"amendlens/analysis"
)

// runEvaluate holds a stored document's verdicts against a gold file and
// prints precision and recall per verdict, the confusion table and last
// the accuracy.
func runEvaluate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var dbPath, docName string
	fs := newFlags("evaluate", "GOLD.csv", stderr)
	dbFlag(fs, &dbPath)
	fs.StringVar(&docName, "doc", "", "document `name`, as stored or as given at ingest (may be left out when the database holds one document)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usagef("evaluate: expected one gold file, got %d arguments", fs.NArg())
	}
	file := fs.Arg(0)
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	gold, err := analysis.ParseGold(file, data)
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	db, err := openExisting(ctx, dbPath)
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	defer db.Close()
	r, err := loadDocument(ctx, db, docName, "evaluate")
	if err != nil {
		return err
	}
	e, err := analysis.Evaluate(r, gold)
	if err != nil {
		return fmt.Errorf("evaluate: %s: %w", file, err)
	}
	return e.Write(stdout)
}
