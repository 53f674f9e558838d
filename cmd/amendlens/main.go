// Command amendlens shows where and how a negotiated text changed, and which
// themes the amendments added. It ingests documents into a SQLite database,
// exports their figures as CSV and serves a dashboard.
//
// Usage:
//
//	amendlens ingest [-db FILE] [-themes FILE] [-name NAME] [-outcome VARIANT] [-q] FILE...
//	amendlens export [-db FILE] [-doc NAME] -table TABLE [-o FILE]
//	amendlens serve  [-addr ADDR] [-db FILE] [-themes FILE] [FILE...]
//	amendlens themes
//	amendlens bench  [-seed N] [-mb MB] [-columns N] [-clients N] [-duration D] [-hits-rows N] [-skip STAGES] [-quick]
//
// Every flag can also be set with an environment variable AMENDLENS_NAME
// (AMENDLENS_DB, AMENDLENS_READ_ONLY...); a flag on the command line wins.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// defaultDB is the database used when -db is not given.
const defaultDB = "amendlens.db"

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"ingest", "parse, analyse and store documents", runIngest},
		{"export", "write a table of a stored document as CSV", runExport},
		{"serve", "serve the dashboard", runServe},
		{"themes", "print the default theme dictionary, or convert one", runThemes},
		{"delete", "delete a stored document", runDelete},
		{"bench", "measure ingest, dashboard and export on a generated corpus", runBench},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		// -h printed the usage: asking for help is not a failure.
	case err != nil:
		reportError(os.Stderr, err)
		os.Exit(1)
	}
}

// run dispatches args to a subcommand.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return errors.New("no command given")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: amendlens COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-7s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun amendlens COMMAND -h for a command's flags.")
}

// newFlags returns a flag set for a subcommand that reports errors instead
// of exiting and prints its usage to stderr.
func newFlags(name, args string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: amendlens %s [flags] %s\n\nflags (also from AMENDLENS_<FLAG> environment variables):\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args into fs, then sets every flag not given on the
// command line from its AMENDLENS_* environment variable, if set.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || err != nil {
			return
		}
		env := "AMENDLENS_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(env); ok {
			if e := fs.Set(f.Name, v); e != nil {
				err = fmt.Errorf("%s: %w", env, e)
			}
		}
	})
	return err
}
