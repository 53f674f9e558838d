package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"amendlens/store"
)

func runDelete(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("delete", "NAME", stderr)
	dbPath := fs.String("db", defaultDB, "SQLite database `file`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("delete: give the name of one document")
	}
	name := fs.Arg(0)
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("delete: database %s: %w", *dbPath, err)
	}
	db, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Delete(ctx, name); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("delete: there is no document named %q in %s", name, *dbPath)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "deleted %q\n", name)
	return nil
}
