package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"amendlens/analysis"
	"amendlens/ingest"
	"amendlens/parse"
	"amendlens/store"
)

// ingestConfig is what ingest needs besides the files.
type ingestConfig struct {
	db      string
	themes  string
	name    string
	outcome string
	// complete: the outcome is the final text (analysis.Options.OutcomeComplete)
	complete bool
	tracked  bool   // read a Word document's tracked changes even when it has a table
	quiet    bool   // print nothing on success: no summary, no progress
	source   string // the source column of a compilation of proposals
	ver      versionsConfig
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg ingestConfig
	fs := newFlags("ingest", "FILE...", stderr)
	dbFlag(fs, &cfg.db)
	fs.StringVar(&cfg.themes, "themes", "", "theme dictionary YAML `file` (default: the built-in dictionary)")
	fs.StringVar(&cfg.name, "name", "", "document `name` (default: the file's base name as a slug); one file only")
	fs.StringVar(&cfg.outcome, "outcome", "", "`variant` holding the agreed text (default: the last of 3 or more columns; \"none\" for none; \"accept-all\": a Word document's tracked changes all accepted)")
	fs.BoolVar(&cfg.complete, "outcome-complete", false, "the outcome is the final text: an insertion where it has no text is not_adopted, not pending")
	fs.BoolVar(&cfg.tracked, "tracked", false, "read a Word document's tracked changes, one variant per author, even when it holds a table")
	fs.StringVar(&cfg.source, "source-column", "", "header of the `column` of a compilation of proposals that names who proposed each row (default: Source, Proposed by, Delegation...)")
	fs.BoolVar(&cfg.quiet, "q", false, "quiet: print nothing on success (no summary, no progress); errors still go to standard error")
	fs.BoolVar(&cfg.ver.chain, "chain", false, "the files are the stages of a negotiation, earliest first (a draft, its revisions, the adopted text), each aligned with the one before; any format")
	fs.StringVar(&cfg.ver.partial, "partial", "", "with -chain: comma-separated `names` of the stages that are excerpts (the paragraphs they lack are out of scope)")
	fs.BoolVar(&cfg.ver.versions, "versions", false, "the files are a base and later versions of it, as running text (.txt, .md), aligned by content into one document")
	fs.Var(&cfg.ver.align, "align", "running-text `file` of a later version to align with the table document's rows as one more variant (repeatable)")
	fs.StringVar(&cfg.ver.names, "variant-names", "", "comma-separated `names` of the versions (default: their file names); one name more names the base first")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usagef("ingest: no file given")
	}
	if cfg.ver.partial != "" && !cfg.ver.chain {
		return usagef("ingest: -partial names stages given with -chain")
	}
	if cfg.ver.names != "" && !cfg.ver.active() {
		return usagef("ingest: -variant-names names versions given with -versions, -align or -chain")
	}
	if cfg.name != "" && fs.NArg() > 1 && !cfg.ver.versions && !cfg.ver.chain {
		return usagef("ingest: -name needs exactly one file")
	}
	dict, err := loadDictionary(cfg.themes)
	if err != nil {
		return err
	}
	db := openDatabase(ctx, cfg.db)
	var rs []*analysis.Result
	opts := analysis.Options{Outcome: cfg.outcome, OutcomeComplete: cfg.complete}
	var inputs []ingest.Input
	if cfg.ver.active() {
		var in ingest.Input
		if in, err = versionsInput(cfg.ver, fs.Args(), cfg.name, opts); err == nil {
			in.Tracked = cfg.tracked
			in.Options.Progress = ingestProgress(stderr, cfg.quiet, fs.Arg(0), inputSize(in))
			inputs = []ingest.Input{in}
		}
	} else {
		inputs, err = readInputs(fs.Args(), cfg.name, cfg.tracked, opts, func(file string, size int) func(int, int) {
			return ingestProgress(stderr, cfg.quiet, file, size)
		})
	}
	for i := range inputs {
		inputs[i].SourceColumn = cfg.source
	}
	if err == nil {
		rs, err = ingest.Ingest(ctx, db, dict, inputs...)
	}
	if cerr := db.Close(err == nil); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if cfg.quiet {
		return nil
	}
	for _, r := range rs {
		printSummary(stdout, r)
	}
	return nil
}

// readInputs reads files into one input each, named name when it is set,
// preferring a Word document's tracked changes when tracked is, with opts
// and, when progress is set, the progress function it returns for each
// file and its size.
func readInputs(files []string, name string, tracked bool, opts analysis.Options, progress func(file string, size int) func(int, int)) ([]ingest.Input, error) {
	inputs := make([]ingest.Input, 0, len(files))
	for _, file := range files {
		data, err := readFile(file, parse.DefaultLimits().MaxFileBytes)
		if err != nil {
			return nil, err
		}
		in := ingest.Input{Name: name, Files: []ingest.File{{Name: file, Data: data}}, Tracked: tracked, Options: opts}
		if parse.IsManifest(data) {
			if in, err = manifestInput(file, data, name, opts); err != nil {
				return nil, err
			}
			in.Tracked = tracked
		}
		if progress != nil {
			in.Options.Progress = progress(file, len(data))
		}
		inputs = append(inputs, in)
	}
	return inputs, nil
}

// database is the database an ingest saves to, opened in the background
// while the files are analysed: creating and migrating a new file costs
// tens of milliseconds, a tenth of an ingest of a few megabytes.
type database struct {
	path    string
	created bool // the file did not exist when the ingest began
	done    chan struct{}
	db      *store.DB
	err     error
}

// openDatabase starts opening the database at path.
func openDatabase(ctx context.Context, path string) *database {
	d := &database{path: path, done: make(chan struct{})}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && !store.IsURL(path) {
		d.created = true
	}
	go func() {
		defer close(d.done)
		d.db, d.err = store.Open(ctx, path)
	}()
	return d
}

// SaveAll waits for the database to open, then saves rs in one transaction.
func (d *database) SaveAll(ctx context.Context, rs []*analysis.Result) error {
	db, err := d.wait()
	if err != nil {
		return err
	}
	return db.SaveAll(ctx, rs)
}

// wait waits for the database to open and returns it.
func (d *database) wait() (*store.DB, error) {
	<-d.done
	return d.db, d.err
}

// Close closes the database. When the ingest or copy stored nothing (saved
// is false) in a file it created, it removes the file: a failed command
// leaves no database behind.
func (d *database) Close(saved bool) error {
	<-d.done
	if d.err != nil {
		return nil // SaveAll reported it, or nothing needed the database
	}
	err := d.db.Close()
	if !saved && d.created {
		for _, p := range []string{d.path, d.path + "-wal", d.path + "-shm"} {
			if rerr := os.Remove(p); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) && err == nil {
				err = rerr
			}
		}
	}
	return err
}

// loadDictionary reads the dictionary at path, in any format
// analysis.ReadDictionary understands, or returns the built-in one when path
// is empty.
func loadDictionary(path string) (*analysis.Dictionary, error) {
	if path == "" {
		return analysis.DefaultDictionary(), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("themes: %w", err)
	}
	// amendlens's YAML, quanteda's YAML or a LIWC .dic.
	return analysis.ReadDictionary(path, data)
}

// readFile reads file, but no more than max+1 bytes of it: a file over the
// parser's size limit is not read whole only to be refused.
func readFile(file string, max int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if fi, err := f.Stat(); err == nil && fi.Size() <= max {
		buf.Grow(int(fi.Size()) + bytes.MinRead) // one read past the end finds it
	}
	_, err = buf.ReadFrom(io.LimitReader(f, max+1))
	return buf.Bytes(), err
}

// baseOnlyHint tells the user of a document of its base text alone how to
// see what changed.
const baseOnlyHint = "This document has only its base text: add a version (amendlens ingest -versions BASE VERSION, or -align) to see changes"

// printSummary writes r's ingest summary to w, safe for a terminal, with
// the command line's hint for a document of its base text alone.
func printSummary(w io.Writer, r *analysis.Result) {
	io.WriteString(w, terminalSafe(r.Summary()))
	if r.Document.BaseOnly() {
		io.WriteString(w, "  "+baseOnlyHint+".\n")
	}
}
