package analysis

import (
	"errors"
	"fmt"

	"amendlens/parse"
)

// Failure is what kind of failure an error is, so that each user interface
// answers it in one place: the dashboard with an HTTP status.
type Failure int

// The kinds of failure.
const (
	FailInternal   Failure = iota // the program or its database failed
	FailBadRequest                // a malformed request: a parameter out of its range
	FailInvalid                   // an input that does not read or analyse: a parse error, a bad dictionary
	FailNotFound                  // no such document, paragraph, section, theme, table or page
	FailConflict                  // a name another stored document was given
	FailTooLarge                  // past a limit of size
	FailForbidden                 // a write without the token it needs
)

// Error is a failure of a kind with a message for the user (a full
// sentence, saying what was expected), and the error it comes from, if any.
type Error struct {
	Kind Failure
	Msg  string
	Err  error
}

// Fail returns an *Error of kind k whose message is msg.
func Fail(k Failure, msg string) *Error { return &Error{Kind: k, Msg: msg} }

func (e *Error) Error() string {
	if e.Msg == "" && e.Err != nil {
		return e.Err.Error()
	}
	return e.Msg
}

// Unwrap returns the error e comes from.
func (e *Error) Unwrap() error { return e.Err }

// FailureOf returns the kind of err: that of the first *Error in its chain,
// else the kind of the domain's own errors (a *parse.ParseError or
// *DictionaryError is invalid, a *NameTakenError a conflict, ErrNotFound
// not found, ErrWorkBudget too large), else FailInternal.
func FailureOf(err error) Failure {
	var e *Error
	var pe *parse.ParseError
	var de *DictionaryError
	var taken *NameTakenError
	switch {
	case err == nil:
		return FailInternal
	case errors.As(err, &e):
		return e.Kind
	case errors.As(err, &taken):
		return FailConflict
	case errors.As(err, &pe), errors.As(err, &de):
		return FailInvalid
	case errors.Is(err, ErrNotFound):
		return FailNotFound
	case errors.Is(err, ErrWorkBudget):
		return FailTooLarge
	}
	return FailInternal
}

// NameTakenError refuses to save a document whose name is that of a stored
// document given another name: "Report" and "report" are both the document
// "report", and saving one would replace the other.
type NameTakenError struct {
	Name   string // the document name both give
	Title  string // the name given to the document being saved
	Stored string // the name the stored document was given
}

// Error says which stored document would be replaced.
func (e *NameTakenError) Error() string {
	return fmt.Sprintf("the name %q gives the document name %q, which is the stored document %q: saving would replace it; give another name, or %q to replace it",
		e.Title, e.Name, e.Stored, e.Stored)
}
