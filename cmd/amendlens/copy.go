package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"amendlens/analysis"
	"amendlens/store"
)

// runCopy copies documents, with their dictionaries, from one database to
// another: a laptop's SQLite file to the team's PostgreSQL and back.
func runCopy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		from, to string
		docs     nameList
	)
	fs := newFlags("copy", "", stderr)
	fs.StringVar(&from, "from", "", "database to copy from: SQLite `file` or PostgreSQL URL")
	fs.StringVar(&to, "to", "", "database to copy into: SQLite `file` (created if missing) or PostgreSQL URL")
	fs.Var(&docs, "doc", "`name` of a document to copy; repeat for several (default: every document)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if from == "" || to == "" {
		fs.Usage()
		return usagef("copy: -from and -to are required")
	}
	if fs.NArg() > 0 {
		return usagef("copy: unexpected argument %q", fs.Arg(0))
	}
	src, err := openExisting(ctx, from)
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	defer src.Close()
	target := openDatabase(ctx, to)
	dst, err := target.wait()
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	if src.String() == dst.String() {
		target.created = false // it is -from, which existed
		target.Close(false)
		return usagef("copy: -from and -to are the same database (%s)", src)
	}
	err = copyDocuments(ctx, src, dst, docs, stdout)
	// A target the copy created and stored nothing in is removed.
	if cerr := target.Close(err == nil); err == nil {
		err = cerr
	}
	return err
}

// copyDocuments copies the documents names of src, or all of them when
// names is empty, into dst, each with its dictionary and ingestion time,
// replacing a document of the same name there. A document is read whole
// and saved in one transaction: a copy that fails leaves dst's document
// as it was.
func copyDocuments(ctx context.Context, src, dst *store.DB, names []string, stdout io.Writer) error {
	if len(names) == 0 {
		infos, err := src.Documents(ctx)
		if err != nil {
			return fmt.Errorf("copy: %w", err)
		}
		if len(infos) == 0 {
			return analysis.Fail(analysis.FailNotFound, fmt.Sprintf("copy: %s holds no document", src))
		}
		for _, info := range infos {
			names = append(names, info.Name)
		}
	}
	for _, name := range names {
		info, err := src.Document(ctx, name)
		if err != nil {
			return fmt.Errorf("copy: %w", err)
		}
		r, err := src.Load(ctx, name)
		if err != nil {
			return fmt.Errorf("copy: %w", err)
		}
		dst.Now = func() time.Time { return info.Ingested }
		if err := dst.Save(ctx, r); err != nil {
			return fmt.Errorf("copy: %w", err)
		}
		fmt.Fprintf(stdout, "copied %s (%d paragraphs, dictionary %.12s) from %s to %s\n",
			name, len(r.Document.Paragraphs), r.Dictionary.Hash, src, dst)
	}
	return nil
}

// openExisting opens a database that must exist already: a SQLite file is
// not created when missing.
func openExisting(ctx context.Context, dsn string) (*store.DB, error) {
	if !store.IsURL(dsn) {
		if _, err := os.Stat(dsn); err != nil {
			return nil, fmt.Errorf("database %s: %w", dsn, err)
		}
	}
	return store.Open(ctx, dsn)
}
