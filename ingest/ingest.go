// Package ingest is the one way documents enter amendlens: it reads an
// input's files (package parse), makes them one named document (a text, a
// text and its versions, or a negotiation in stages), analyses and
// validates it (package analysis), and saves every input's result in one
// transaction, or none.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"amendlens/analysis"
	"amendlens/parse"
)

// File is one input file: the name it was given by (a path, or an upload's
// file name), used in errors and, by its base name, as Document.Source; and
// its bytes.
type File struct {
	Name string
	Data []byte
}

// Input is what makes one document: its files and how to read and analyse
// them. Today a document is one file (a Word document, a table dump or a
// long-form CSV, told apart by content);
// inputs of other kinds add fields here and a case to Input.document, and
// every caller of Ingest gets them.
type Input struct {
	// Name is the document's name as the user gave it; empty means the base
	// name of the first file without its extension. parse.Slug makes it the
	// document's name; a name with no letter or digit is an error.
	Name  string
	Files []File
	// Tracked makes a Word document that holds both a compilation table
	// and tracked changes read as its tracked changes (parse.Options.Tracked).
	Tracked bool
	Options analysis.Options
	// Versions are later versions of the document as running text (see
	// the running text parse.Parse reads), aligned by content as more variants (see analysis.AddVersion):
	// after the columns of Files[0] when it is a table dump or CSV, with
	// Files[0] as their base when it is running text.
	Versions []File
	// VersionNames name the versions in order; a missing or empty name is
	// the version's file name (see analysis.VersionName).
	VersionNames []string
	// BaseName names the base text of a document of versions (Files[0]
	// and Versions); "" keeps analysis.BaseName.
	BaseName string
	// SourceColumn names the column of a compilation of proposals that
	// says who proposed each row (parse.Options.SourceColumn).
	SourceColumn string
	// Stages, when set, make the document a negotiation in rounds: the
	// stages in order, earliest first, each with the proposals made
	// against it (see StageFile). Files and Versions are then empty.
	Stages []StageFile
}

// Saver stores analysed documents. SaveAll stores every Result in one
// transaction, replacing a stored document of the same name only when it was
// given that same name (Document.Title); otherwise it stores nothing and
// returns a *NameTakenError.
type Saver interface {
	SaveAll(ctx context.Context, rs []*analysis.Result) error
}

// Ingest is the one way documents enter amendlens: it parses, names and
// analyses every input and validates each Result, then saves them all with
// one call of to.SaveAll, and returns them. Nothing is saved unless every
// input analysed: a bad file among several stores none of them. An error of
// the inputs names the file and, for parse errors, the line (a *parse.ParseError);
// an error of the saving is a *SaveError.
func Ingest(ctx context.Context, to Saver, dict *analysis.Dictionary, inputs ...Input) ([]*analysis.Result, error) {
	rs, err := Analyse(ctx, dict, inputs...)
	if err != nil {
		return nil, err
	}
	if err := to.SaveAll(ctx, rs); err != nil {
		return nil, &SaveError{Err: err}
	}
	return rs, nil
}

// Analyse is Ingest without the saving: it parses, names, analyses and
// validates every input, and fails when two of them would have the same
// document name.
func Analyse(ctx context.Context, dict *analysis.Dictionary, inputs ...Input) ([]*analysis.Result, error) {
	if len(inputs) == 0 {
		return nil, errors.New("no input")
	}
	rs := make([]*analysis.Result, 0, len(inputs))
	byName := make(map[string]int, len(inputs))
	for i, in := range inputs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, err := in.analyse(ctx, dict)
		if err != nil {
			return nil, err
		}
		if j, ok := byName[r.Document.Name]; ok {
			return nil, fmt.Errorf("%s and %s both give the document name %q: give one of them another name",
				inputs[j].label(), in.label(), r.Document.Name)
		}
		byName[r.Document.Name] = i
		rs = append(rs, r)
	}
	return rs, nil
}

// analyse parses, names, analyses and validates in.
func (in Input) analyse(ctx context.Context, dict *analysis.Dictionary) (*analysis.Result, error) {
	doc, err := in.document(ctx)
	if err != nil {
		return nil, err
	}
	opts := in.Options
	if len(doc.Stages) > 0 {
		// The outcome chose the table's outcome column, a stage now.
		opts.Outcome = ""
	}
	r, err := analysis.AnalyseContext(ctx, doc, dict, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.label(), err)
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", in.label(), err)
	}
	return r, nil
}

// document parses the files of in into one named Document.
func (in Input) document(ctx context.Context) (*analysis.Document, error) {
	if len(in.Stages) > 0 {
		if len(in.Files) > 0 || len(in.Versions) > 0 {
			return nil, fmt.Errorf("%s: stages and files both given: give the files as the stages", in.label())
		}
		opts := parse.Options{Tracked: in.Tracked, Outcome: in.Options.Outcome, Context: ctx, SourceColumn: in.SourceColumn}
		doc, err := chainDocument(in.Stages, opts, in.Options.OutcomeComplete)
		if err != nil {
			return nil, err
		}
		return in.named(doc, in.Stages[0].File.Name)
	}
	if len(in.Files) != 1 {
		return nil, fmt.Errorf("%s: %d files make no document, want 1", in.label(), len(in.Files))
	}
	f := in.Files[0]
	var doc *analysis.Document
	var err error
	opts := parse.Options{Tracked: in.Tracked, Outcome: in.Options.Outcome, Context: ctx, SourceColumn: in.SourceColumn}
	if len(in.Versions) > 0 {
		doc, err = versionsDocument(f, in.Versions, in.VersionNames, opts)
		if err == nil && parse.VisibleName(in.BaseName) != "" {
			err = doc.RenameBase(parse.VisibleName(in.BaseName))
		}
	} else {
		// Running text alone is one version of a text as it reads: the
		// base alone, stored and shown for reading and for versions to be
		// aligned with it later.
		doc, err = parse.Parse(f.Name, f.Data, opts)
	}
	if err != nil {
		return nil, err
	}
	return in.named(doc, f.Name)
}

// named names doc, read from file, as in says.
func (in Input) named(doc *analysis.Document, file string) (*analysis.Document, error) {
	doc.Source = parse.FileBase(file)
	given := in.Name
	if given == "" {
		given = strings.TrimSuffix(doc.Source, filepath.Ext(doc.Source))
	}
	if err := doc.SetName(given); err != nil {
		return nil, fmt.Errorf("%s: %w", in.label(), err)
	}
	return doc, nil
}

// label names in in errors: its first file, or its name.
func (in Input) label() string {
	if len(in.Files) > 0 {
		return in.Files[0].Name
	}
	if len(in.Stages) > 0 {
		return in.Stages[0].File.Name
	}
	return fmt.Sprintf("%q", in.Name)
}

// SaveError is an error of saving analysed documents: the inputs were
// good, the store failed or refused them.
type SaveError struct{ Err error }

// Error returns the error of the store.
func (e *SaveError) Error() string { return e.Err.Error() }

// Unwrap returns the error of the store.
func (e *SaveError) Unwrap() error { return e.Err }
