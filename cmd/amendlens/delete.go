package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"amendlens/analysis"
	"amendlens/store"
)

func runDelete(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var dbPath string
	fs := newFlags("delete", "NAME", stderr)
	dbFlag(fs, &dbPath)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usagef("delete: give the name of one document")
	}
	name := fs.Arg(0)
	db, err := openExisting(ctx, dbPath)
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	defer db.Close()
	if err := db.Delete(ctx, name); errors.Is(err, store.ErrNotFound) {
		return analysis.Fail(analysis.FailNotFound, fmt.Sprintf("delete: there is no document named %q in %s", name, store.Redact(dbPath)))
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "deleted %q\n", name)
	return nil
}
