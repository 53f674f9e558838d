// Command amendlens shows where and how a negotiated text changed, and which
// themes the amendments added. It ingests documents into a SQLite database,
// exports their figures as CSV and serves a dashboard. The database is a
// SQLite file or, for a team, a PostgreSQL database (-db postgres://...).
//
// Usage:
//
//	amendlens ingest [-db FILE_OR_URL] [-themes FILE] [-name NAME] [-outcome VARIANT] [-outcome-complete] [-tracked] [-source-column COLUMN] [-q] [-versions] [-chain] [-partial NAMES] [-align VERSION]... [-variant-names NAMES] FILE...
//	amendlens export [-db FILE_OR_URL] [-doc NAME] -table TABLE [-datapackage] [-variant VARIANT] [-theme THEME] [-section SECTION] [-paragraph PARAGRAPH] [-stage STAGE] [-q PHRASE] [-against TEXT] [-bom] [-o FILE]
//	amendlens serve  [-addr ADDRESS] [-db FILE_OR_URL] [-themes FILE] [-outcome VARIANT] [-outcome-complete] [-tracked] [-read-only] [-token SECRET] [-max-upload BYTES] [-allow-host NAME] [FILE...]
//	amendlens themes [-convert FILE | -obligations]
//	amendlens evaluate [-db FILE_OR_URL] [-doc NAME] GOLD.csv
//	amendlens reanalyse [-db FILE_OR_URL] [-doc NAME] [-themes FILE] [-outcome VARIANT] [-outcome-complete] [-title TITLE] [-variant-names NAMES] [-q]
//	amendlens delete [-db FILE_OR_URL] NAME
//	amendlens copy   -from FILE_OR_URL -to FILE_OR_URL [-doc NAME]...
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

	"amendlens/analysis"
)

// defaultDB is the database used when -db is not given.
const defaultDB = "amendlens.db"

// dbFlag defines the -db flag of a subcommand into p.
func dbFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "db", defaultDB, "SQLite database `file`, or PostgreSQL URL postgres://user:password@host/dbname?sslmode=...")
}

// nameList is a repeatable flag of names; one value may also list several,
// separated by commas (as AMENDLENS_ALLOW_HOST does), and blanks around
// them are dropped.
type nameList []string

// String returns the names joined by commas.
func (l *nameList) String() string { return strings.Join(*l, ",") }

// Set adds the names in v.
func (l *nameList) Set(v string) error {
	for _, name := range strings.Split(v, ",") {
		if name = strings.TrimSpace(name); name != "" {
			*l = append(*l, name)
		}
	}
	return nil
}

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
		{"evaluate", "hold a document's verdicts against a gold file of verdicts a person made", runEvaluate},
		{"reanalyse", "analyse a stored document again, with another dictionary or outcome, title or variant names", runReanalyse},
		{"delete", "delete a stored document", runDelete},
		{"copy", "copy documents from one database to another", runCopy},
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
		os.Exit(exitStatus(err))
	}
}

// run dispatches args to a subcommand.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return usagef("no command given")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	usage(stderr)
	return usagef("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: amendlens COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun amendlens COMMAND -h for a command's flags.")
}

// newFlags returns a flag set for a subcommand that reports errors instead
// of exiting and prints its usage to stderr: a synopsis naming every flag,
// then each flag's description.
func newFlags(name, args string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: amendlens %s\n", strings.TrimSpace(name+" "+synopsis(fs)+" "+args))
		if synopsis(fs) != "" {
			fmt.Fprintln(stderr, "\nflags (also from AMENDLENS_<FLAG> environment variables):")
			fs.PrintDefaults()
		}
	}
	return fs
}

// synopsis lists the flags of fs as "[-name VALUE]", in the order of their
// names, VALUE being the back-quoted word of the flag's usage text.
func synopsis(fs *flag.FlagSet) string {
	var parts []string
	fs.VisitAll(func(f *flag.Flag) {
		value, _ := flag.UnquoteUsage(f)
		if value == "" {
			parts = append(parts, "[-"+f.Name+"]")
			return
		}
		parts = append(parts, "[-"+f.Name+" "+strings.ToUpper(value)+"]")
	})
	return strings.Join(parts, " ")
}

// parseFlags parses args into fs, then sets every flag not given on the
// command line from its AMENDLENS_* environment variable, if set.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return err
	} else if err != nil {
		return &analysis.Error{Kind: analysis.FailBadRequest, Msg: err.Error(), Err: err}
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
				err = usagef("%s: %v", env, e)
			}
		}
	})
	return err
}
