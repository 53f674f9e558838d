// Command amendlens-bench measures amendlens on a generated corpus: the
// tokenizer against prose's, ingest at three sizes, the amendlens command
// from start to exit, the dashboard under load beside a static file of the
// same server, a large CSV export, and the alignment of two versions at two
// sizes. It prints one table; compare the ratios, which are measured in the
// same run.
//
// Usage:
//
//	amendlens-bench [-seed N] [-mb 20] [-columns 4] [-clients 32] [-duration 5s] [-requests N] [-hits-rows 1000000] [-align-paras 5000] [-skip STAGES] [-quick] [-amendlens FILE] [-cpuprofile FILE]
//
// It is measurement, not product: the amendlens command does not include it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// megabyte is the unit of the sizes and rates the bench prints.
const megabyte = 1 << 20

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
	case err != nil:
		fmt.Fprintln(os.Stderr, "amendlens-bench:", err)
		os.Exit(1)
	}
}

// newFlags returns the flag set of the command, which reports errors
// instead of exiting and prints its usage to stderr.
func newFlags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("amendlens-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: amendlens-bench [flags]\n\nflags:\n")
		fs.PrintDefaults()
	}
	return fs
}
