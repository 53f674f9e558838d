package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"

	"amendlens/analysis"
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
	quiet    bool
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg ingestConfig
	fs := newFlags("ingest", "FILE...", stderr)
	fs.StringVar(&cfg.db, "db", defaultDB, "SQLite database `file`")
	fs.StringVar(&cfg.themes, "themes", "", "theme dictionary YAML `file` (default: the built-in dictionary)")
	fs.StringVar(&cfg.name, "name", "", "document `name` (default: the file's base name as a slug); one file only")
	fs.StringVar(&cfg.outcome, "outcome", "", "`variant` holding the agreed text (default: the last of 3 or more columns; \"none\" for none)")
	fs.BoolVar(&cfg.complete, "outcome-complete", false, "the outcome is the final text: an insertion where it has no text is not_adopted, not pending")
	fs.BoolVar(&cfg.quiet, "q", false, "print no progress")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("ingest: no file given")
	}
	if cfg.name != "" && fs.NArg() > 1 {
		return errors.New("ingest: -name needs exactly one file")
	}
	dict, err := loadDictionary(cfg.themes)
	if err != nil {
		return err
	}
	// Every file is parsed and analysed before anything is written, so a
	// bad file among several stores none of them.
	size := 0
	for _, file := range fs.Args() {
		if fi, err := os.Stat(file); err == nil {
			size += int(fi.Size())
		}
	}
	defer limitMemory(size)()
	var results []*analysis.Result
	for _, file := range fs.Args() {
		r, err := analyseFile(file, cfg.name, dict, analysis.Options{Outcome: cfg.outcome, OutcomeComplete: cfg.complete, Progress: ingestProgress(stderr, cfg.quiet, file)})
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	db, err := store.Open(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, r := range results {
		if err := db.Save(ctx, r); err != nil {
			return err
		}
		printSummary(stdout, r)
	}
	return nil
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

// analyseFile parses and analyses one file. name, when set, replaces the
// document's name.
func analyseFile(file, name string, dict *analysis.Dictionary, opts analysis.Options) (*analysis.Result, error) {
	data, err := readFile(file, analysis.DefaultLimits().MaxFileBytes)
	if err != nil {
		return nil, err
	}
	return analyseData(file, data, name, dict, opts)
}

// readFile reads file, but no more than max+1 bytes of it: a file over the
// parser's size limit is not read whole only to be refused.
func readFile(file string, max int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max+1))
}

// analyseData parses and analyses data read from file.
func analyseData(file string, data []byte, name string, dict *analysis.Dictionary, opts analysis.Options) (*analysis.Result, error) {
	doc, err := analysis.Parse(file, data)
	if err != nil {
		return nil, err
	}
	if name != "" {
		doc.Name = analysis.Slug(name)
	}
	r, err := analysis.Analyse(doc, dict, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	return r, nil
}

// printSummary writes a few lines on what r found, per variant, escaped
// for a terminal (see terminalSafe).
func printSummary(out io.Writer, r *analysis.Result) {
	w := new(strings.Builder)
	defer func() { io.WriteString(out, terminalSafe(w.String())) }()
	doc := r.Document
	fmt.Fprintf(w, "%s (%s): %d paragraphs, %d sections, base and %d variants\n",
		doc.Name, filepath.Base(doc.Source), len(doc.Paragraphs), len(doc.Sections), len(doc.Variants)-1)
	for v := 1; v < len(doc.Variants); v++ {
		m := r.Totals[v]
		role := ""
		if v == r.Outcome {
			role = " (outcome)"
		}
		fmt.Fprintf(w, "  %s%s: %d amended, %d new, %d unchanged, %d absent; +%d -%d words",
			doc.Variants[v], role, m.Amended, m.New, m.Unchanged, m.Absent, m.Added, m.Deleted)
		if top := topThemes(m.ThemeAdded, 3); len(top) > 0 {
			fmt.Fprintf(w, "; themes: %s", strings.Join(top, ", "))
		}
		fmt.Fprintln(w)
	}
	printHidden(w, doc)
}

// printHidden writes how many hidden format characters the parser removed
// from doc's texts, per column, when it removed any.
func printHidden(w io.Writer, doc *analysis.Document) {
	perVariant := make([]int, len(doc.Variants))
	total, paras := 0, 0
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		n := 0
		for v := range doc.Variants {
			perVariant[v] += p.HiddenChars(v)
			n += p.HiddenChars(v)
		}
		if n > 0 {
			total += n
			paras++
		}
	}
	if total == 0 {
		return
	}
	var cols []string
	for v, n := range perVariant {
		if n > 0 {
			cols = append(cols, fmt.Sprintf("%s %d", doc.Variants[v], n))
		}
	}
	s := "s"
	if paras == 1 {
		s = ""
	}
	fmt.Fprintf(w, "  %d hidden characters (zero-width spaces, joiners, direction marks) removed from %d paragraph%s: %s\n",
		total, paras, s, strings.Join(cols, ", "))
}

// topThemes returns up to n themes by added hits, most first, as "name N".
func topThemes(added map[string]int, n int) []string {
	names := make([]string, 0, len(added))
	for name, c := range added {
		if c > 0 {
			names = append(names, name)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if added[names[i]] != added[names[j]] {
			return added[names[i]] > added[names[j]]
		}
		return names[i] < names[j]
	})
	if len(names) > n {
		names = names[:n]
	}
	for i, name := range names {
		names[i] = fmt.Sprintf("%s %d", name, added[name])
	}
	return names
}

// limitMemory sets a soft memory limit for analysing and storing input bytes
// of text, unless GOMEMLIMIT is set: the garbage collector then works harder
// near the limit instead of letting the heap double over what is live, so
// an ingest's memory stays within a few times its input. It returns a
// function that restores the previous limit.
func limitMemory(input int) (restore func()) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return func() {}
	}
	// The limit counts all the memory of the runtime: start from what the
	// process holds already.
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	limit := int64(ms.Sys-ms.HeapReleased) + int64(memoryPerInput)*int64(input) + memoryBase
	prev := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}

// The soft memory limit of an ingest: memoryPerInput times the input plus
// memoryBase, over what the process holds when it starts. An analysed
// document holds a little over twice its text (the text, its comparisons,
// spans and hits), which leaves the collector room.
const (
	memoryPerInput = 3
	memoryBase     = 16 << 20
)
