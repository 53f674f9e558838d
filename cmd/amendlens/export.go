package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"amendlens/analysis"
	"amendlens/parse"
	"amendlens/store"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		dbPath, docName, table, out string
		f                           analysis.Filter
	)
	fs := newFlags("export", "", stderr)
	dbFlag(fs, &dbPath)
	fs.StringVar(&docName, "doc", "", "document `name`, as stored or as given at ingest (may be left out when the database holds one document)")
	fs.StringVar(&table, "table", "", "`table`: "+strings.Join(analysis.Tables, ", "))
	fs.StringVar(&out, "o", "", "output `file` (default: standard output)")
	fs.StringVar(&f.Variant, "variant", "", "only this `variant`")
	fs.StringVar(&f.Theme, "theme", "", "only this `theme`")
	fs.StringVar(&f.Section, "section", "", "only this `section` and its subsections")
	fs.StringVar(&f.Paragraph, "paragraph", "", "only this `paragraph`")
	fs.StringVar(&f.Stage, "stage", "", "uptake and verdicts: judge proposals against this `stage` (a stage's name, next or final; default the last)")
	fs.StringVar(&f.Query, "q", "", "search: the word or `phrase` to find (a dictionary term: right* for any ending)")
	fs.StringVar(&f.Against, "against", "", "compare: compare -variant's texts with this `text`'s (a variant's, or the base's)")
	pkg := fs.Bool("datapackage", false, "write every table as one zip, a Frictionless data package (with -o FILE.zip), instead of one -table")
	bom := fs.Bool("bom", false, "start the CSV with a UTF-8 byte order mark, for Excel")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *pkg && table != "":
		return usagef("export: -datapackage writes every table: give it without -table")
	case *pkg && out == "":
		return usagef("export: -datapackage writes a zip: give its file with -o FILE.zip")
	case table == "" && !*pkg:
		fs.Usage()
		return usagef("export: -table is required")
	}
	if fs.NArg() > 0 {
		return usagef("export: unexpected argument %q", fs.Arg(0))
	}
	db, err := openExisting(ctx, dbPath)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer db.Close()
	r, err := loadDocument(ctx, db, docName, "export")
	if err != nil {
		return err
	}
	if *pkg {
		return writeFileAtomic(out, func(w io.Writer) error { return analysis.WriteDataPackage(w, r, time.Now()) })
	}
	if _, err := analysis.TableHeader(r, table); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := analysis.CheckFilter(r, f); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if out == "" {
		return writeTableCSV(stdout, r, table, f, *bom)
	}
	return writeFileAtomic(out, func(w io.Writer) error {
		return writeTableCSV(w, r, table, f, *bom)
	})
}

// loadDocument loads the document named name (as stored or as given at
// ingest) from db, or its only document when name is empty; cmd names
// the subcommand in errors.
func loadDocument(ctx context.Context, db *store.DB, name, cmd string) (*analysis.Result, error) {
	stored := func() (string, int, error) {
		docs, err := db.Documents(ctx)
		if err != nil {
			return "", 0, err
		}
		names := make([]string, len(docs))
		for i, d := range docs {
			names[i] = d.Name
		}
		return strings.Join(names, ", "), len(docs), nil
	}
	if name == "" {
		names, n, err := stored()
		if err != nil {
			return nil, err
		}
		if n != 1 {
			return nil, fmt.Errorf("%s: the database holds %d documents, choose one with -doc (%s)", cmd, n, names)
		}
		name = names
	}
	// The name as given at ingest ("Tunis IG") finds its document too.
	r, err := db.Load(ctx, parse.Slug(name))
	if errors.Is(err, analysis.ErrNotFound) {
		if names, n, lerr := stored(); lerr == nil && n > 0 {
			return nil, fmt.Errorf("%s: no document %q in %s; the documents are %s: %w", cmd, name, db, names, err)
		}
	}
	return r, err
}

// writeFileAtomic writes path through a temporary file in the same folder,
// renamed into place only when write succeeds: a failed export leaves no
// half-written file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// utf8BOM is the byte order mark Excel needs to read a UTF-8 CSV's accents
// right.
const utf8BOM = "\uFEFF"

// writeTableCSV writes a table as CSV, after a byte order mark when bom is
// set.
func writeTableCSV(w io.Writer, r *analysis.Result, table string, f analysis.Filter, bom bool) error {
	if bom {
		if _, err := io.WriteString(w, utf8BOM); err != nil {
			return err
		}
	}
	return analysis.WriteTableCSV(w, r, table, f)
}
