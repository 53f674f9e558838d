package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"amendlens/analysis"
)

// The exit statuses of a failed command, those of BSD's sysexits.h where
// one fits, so that a script can tell a bad file from a missing one or
// from a failing database without reading the message.
const (
	exitFailure     = 1   // the program or its database failed
	exitUsage       = 64  // EX_USAGE: the command was called wrong (a flag, an argument)
	exitDataErr     = 65  // EX_DATAERR: an input does not read or analyse, or is past a limit
	exitNoInput     = 66  // EX_NOINPUT: no such file or stored document
	exitCantCreate  = 73  // EX_CANTCREAT: the name is another stored document's
	exitNoPerm      = 77  // EX_NOPERM: not allowed
	exitInterrupted = 130 // 128 + SIGINT: stopped by a signal
)

// exitStatus is the status the command exits with after err: the one
// place each kind of failure (analysis.FailureOf) gets its status, as the
// dashboard's statusOf gives each its HTTP status.
func exitStatus(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, fs.ErrNotExist):
		return exitNoInput
	}
	switch analysis.FailureOf(err) {
	case analysis.FailBadRequest:
		return exitUsage
	case analysis.FailInvalid, analysis.FailTooLarge:
		return exitDataErr
	case analysis.FailNotFound:
		return exitNoInput
	case analysis.FailConflict:
		return exitCantCreate
	case analysis.FailForbidden:
		return exitNoPerm
	}
	return exitFailure
}

// usagef is an error in how the command was called: a missing or
// unexpected argument, flags that do not go together.
func usagef(format string, args ...any) error {
	return analysis.Fail(analysis.FailBadRequest, fmt.Sprintf(format, args...))
}
