package parse

import (
	"context"
	"errors"
	"fmt"

	"amendlens/docx"
)

// The variant names and outcome choices that tracked changes bring.
const (
	// AcceptAll is the analysis.Options.Outcome (and Options.Outcome) value that
	// adds to a document of tracked changes the variant AcceptedName, the
	// text with every change accepted, as its outcome.
	AcceptAll = "accept-all"
	// AcceptedName names the variant of a document of tracked changes with
	// every change accepted.
	AcceptedName = "All changes accepted"
)

// Options choose how a file is read.
type Options struct {
	Limits Limits
	// Tracked makes a Word document holding both a compilation table and
	// tracked changes read as tracked changes by author.
	Tracked bool
	// Outcome is the outcome the analysis will use; AcceptAll adds the
	// variant AcceptedName to a document of tracked changes.
	Outcome string
	// Context stops the reading of a Word document when it is done (an
	// upload whose client left); nil is context.Background.
	Context context.Context
	// SourceColumn names the column of a compilation of proposals that says
	// who proposed each row's text, when its header is not one of those
	// read by default ("Source", "Proposed by", "Delegation"...).
	SourceColumn string
}

// Ctx returns the options' Context, context.Background() when unset.
func (o Options) Ctx() context.Context {
	if o.Context == nil {
		return context.Background()
	}
	return o.Context
}

// readDocx reads a Word document (see the README for its five shapes:
// compilation table, compilation markup, tracked changes, running text,
// wrappers).
func readDocx(file string, data []byte, opts Options) (*Document, error) {
	opts.Limits = opts.Limits.OrDefault()
	if err := checkFileSize(file, data, opts.Limits); err != nil {
		return nil, err
	}
	return removeHidden(parseDocx(file, data, opts))
}

// docxErrorf builds the *ParseError of a Word document at where (a part, a
// table row, a paragraph), "" for the file as a whole. Its Line is 1, which
// callers that know better change.
func docxErrorf(file, where, format string, args ...any) *ParseError {
	e := Errorf(file, 1, format, args...)
	e.Where = where
	if where == "" {
		e.Where = "Word document"
	}
	return e
}

// parseDocx reads the Word document data, whose size has been checked.
func parseDocx(file string, data []byte, opts Options) (*Document, error) {
	d, err := docx.Read(opts.Ctx(), data)
	var de *docx.Error
	if errors.As(err, &de) {
		where := de.Part
		if de.Line > 0 {
			where = fmt.Sprintf("%s line %d", de.Part, de.Line)
		}
		e := docxErrorf(file, where, "%s", de.Msg)
		e.Line = max(de.Line, 1)
		return nil, e
	}
	if err != nil {
		return nil, err
	}
	cleanAuthors(d.Body)
	return buildDocx(file, d.Body, d.Labels, opts)
}

// cleanAuthors names the authors of tracked changes as variants are named:
// one that is hidden format characters alone is no name, and two that
// differ only by them are one author.
func cleanAuthors(blocks []docx.Block) {
	for _, b := range blocks {
		if b.Table != nil {
			for _, r := range b.Table.Rows {
				for _, c := range r.Cells {
					cleanAuthors(c.Blocks)
				}
			}
			continue
		}
		p := b.Para
		p.Mark.Author = VisibleName(p.Mark.Author)
		for i := range p.Pieces {
			p.Pieces[i].Change.Author = VisibleName(p.Pieces[i].Change.Author)
		}
	}
}
