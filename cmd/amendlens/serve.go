package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"amendlens/analysis"
	"amendlens/dashboard"
	"amendlens/ingest"
	"amendlens/store"
)

// serveConfig is what serve needs.
type serveConfig struct {
	addr      string
	db        string
	themes    string
	outcome   string
	complete  bool // the outcome is the final text (analysis.Options.OutcomeComplete)
	tracked   bool // prefer a Word document's tracked changes to its table
	token     string
	readOnly  bool
	maxUpload int64
	allowHost nameList // names besides localhost a loopback server answers to
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg serveConfig
	fs := newFlags("serve", "[FILE...]", stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen `address`")
	dbFlag(fs, &cfg.db)
	fs.StringVar(&cfg.themes, "themes", "", "theme dictionary YAML `file` (default: the built-in dictionary)")
	fs.StringVar(&cfg.outcome, "outcome", "", "`variant` holding the agreed text in ingested files (\"accept-all\": a Word document's tracked changes all accepted)")
	fs.BoolVar(&cfg.tracked, "tracked", false, "read Word documents' tracked changes, one variant per author, even when they hold a table (files given here and uploads)")
	fs.BoolVar(&cfg.complete, "outcome-complete", false, "the outcome is the final text: an insertion where it has no text is not_adopted, not pending (files given here; the upload form's default)")
	fs.StringVar(&cfg.token, "token", "", "`secret` an upload must give (default: none)")
	fs.BoolVar(&cfg.readOnly, "read-only", false, "refuse uploads")
	fs.Int64Var(&cfg.maxUpload, "max-upload", 10<<20, "largest upload in `bytes`")
	fs.Var(&cfg.allowHost, "allow-host", "with a loopback -addr, a host `name` to answer to besides localhost, for a proxy (repeatable; other names get 421)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	dict, err := loadDictionary(cfg.themes)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if fs.NArg() > 0 {
		inputs, err := readInputs(fs.Args(), "", cfg.tracked, analysis.Options{Outcome: cfg.outcome, OutcomeComplete: cfg.complete}, nil)
		if err != nil {
			return err
		}
		rs, err := ingest.Ingest(ctx, db, dict, inputs...)
		if err != nil {
			return err
		}
		for _, r := range rs {
			logger.Info("ingested", "document", r.Document.Name, "file", r.Document.Source)
		}
	}
	if err := ingestSampleIfEmpty(ctx, db, dict); err != nil {
		return err
	}
	handler, err := dashboard.New(dashboard.Config{
		Source:     db,
		Dictionary: dict,
		ReadOnly:   cfg.readOnly,
		Token:      cfg.token,
		MaxUpload:  cfg.maxUpload,
		Outcome:    cfg.outcome,
		Tracked:    cfg.tracked,
		Logger:     logger,
		// The upload form's box starts as -outcome-complete says.
		OutcomeComplete: cfg.complete,
		// On loopback, other Host names are a DNS-rebinding page.
		LoopbackOnly: dashboard.LoopbackAddr(cfg.addr),
		AllowedHosts: cfg.allowHost,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "amendlens: serving http://%s/ (database %s)\n", ln.Addr(), db)
	return serveHTTP(ctx, ln, handler)
}

// ingestSampleIfEmpty stores the built-in sample when the database holds no
// document, so that a first run shows a real dashboard.
func ingestSampleIfEmpty(ctx context.Context, db *store.DB, dict *analysis.Dictionary) error {
	docs, err := db.Documents(ctx)
	if err != nil || len(docs) > 0 {
		return err
	}
	in := ingest.Input{Files: []ingest.File{{Name: analysis.SampleFile, Data: analysis.Sample()}}}
	if _, err := ingest.Ingest(ctx, db, dict, in); err != nil {
		return fmt.Errorf("built-in sample: %w", err)
	}
	return nil
}

// newHTTPServer returns the server of handler, with timeouts so that a slow
// or stalled client cannot hold a connection for ever, and a bound on
// request headers. Request bodies are bounded by the handler.
func newHTTPServer(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      5 * time.Minute, // large CSV exports stream for a while
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// serveHTTP serves handler on ln until ctx is done, then shuts down
// gracefully, giving requests in flight a few seconds to end.
func serveHTTP(ctx context.Context, ln net.Listener, handler http.Handler) error {
	srv := newHTTPServer(handler)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
