// Package dashboard serves amendlens's web dashboard: server-rendered pages
// with go-echarts charts for every stored document, drill-down from a
// document to its sections, themes and paragraphs, CSV and JSON downloads of
// every table, and an upload form that analyses and stores a new document.
//
// It reads through Source, an interface it declares itself, and never imports
// the store. Every page works offline: the ECharts build, the stylesheet and
// the script are embedded and served under /static/.
package dashboard

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
	"amendlens/ingest"
)

// DefaultMaxUpload is the upload size limit used when Config.MaxUpload is 0.
const DefaultMaxUpload = 10 << 20

// DefaultUploadWork is the work budget of an upload's analysis, in steps
// (see analysis.Options.MaxWork), used when Config.UploadWork is 0. The
// costliest shape known (three unrelated cells of 150,000 words from four,
// paragraph after paragraph) spends 1,000 million steps in 8 s of CPU on
// this project's shared 2-core machine; half of that stays near 4 s,
// five times what a real upload of 10 MB needs.
const DefaultUploadWork = 500_000_000

// Source is what the dashboard reads documents from and saves uploads to.
type Source interface {
	// Documents lists the stored documents.
	Documents(ctx context.Context) ([]analysis.DocumentInfo, error)
	// Load returns the stored analysis of a document; the error wraps
	// analysis.ErrNotFound when there is none of that name.
	Load(ctx context.Context, name string) (*analysis.Result, error)
	// Saver stores uploads, through ingest.Ingest.
	ingest.Saver
	// Replace stores a stored document analysed again in its place,
	// whatever name it was given (a new title, variants renamed); the
	// error wraps analysis.ErrNotFound when it is gone.
	Replace(ctx context.Context, r *analysis.Result) error
	// Delete removes a document and its analysis; the error wraps
	// analysis.ErrNotFound when there is none of that name.
	Delete(ctx context.Context, name string) error
	// Judge stores a person's verdict on an insertion of a document,
	// replacing theirs or anyone's given before on the same insertion and
	// stage, and moves the document's revision; the error wraps
	// analysis.ErrNotFound when there is no document of that name.
	Judge(ctx context.Context, doc string, j analysis.Judgement) error
	// Changed returns a number that changes whenever a write to the
	// database is committed, by this process or another, and stays the
	// same between writes. It must be cheap (no table read): the
	// dashboard keeps the document list in memory and asks this at most
	// every 250 ms, when a request arrives, to know whether to read the
	// list again.
	Changed(ctx context.Context) (uint64, error)
}

// Config is what New needs to build the dashboard.
type Config struct {
	Source     Source               // where documents are read and uploads saved
	Dictionary *analysis.Dictionary // analyses uploads; shown on /themes
	ReadOnly   bool                 // no upload form, uploads refused
	Token      string               // when set, an upload must carry it: in TokenHeader or as the form's first field
	MaxUpload  int64                // upload size limit in bytes; DefaultMaxUpload when 0
	UploadWork int64                // work budget of an upload's analysis; DefaultUploadWork when 0
	Outcome    string               // name of the outcome column given to Analyse for uploads
	Tracked    bool                 // read uploaded Word documents' tracked changes even when they hold a table
	// OutcomeComplete is the default of the upload form's "the outcome is
	// the final text" box (analysis.Options.OutcomeComplete).
	OutcomeComplete bool
	Logger          *slog.Logger // server errors, and at debug level requests whose client went away; slog.Default() when nil
	// LoopbackOnly refuses (421) requests whose Host is neither a loopback
	// name or address nor one of AllowedHosts: set it when the server
	// listens on loopback only (see LoopbackAddr), against DNS rebinding.
	LoopbackOnly bool
	AllowedHosts []string // host names a proxy in front may use, with or without port
	CacheBytes   int64    // bound of the rendered pages and downloads kept, and of the loaded analyses kept; DefaultCacheBytes when 0, none when negative
}

// server holds the dashboard's state: configuration, parsed templates and the
// caches of loaded results and rendered responses.
type server struct {
	cfg         Config
	log         *slog.Logger
	pages       map[string]*template.Template // by page name
	version     string                        // hash of the embedded templates and static files
	catalog     *catalog
	crossOrigin http.CrossOriginProtection // refuses uploads a browser sends from another site
	results     *resultCache
	responses   *responseCache
	exportCache int                 // largest download body kept in responses
	tokenizer   *analysis.Tokenizer // safe for concurrent use
	palettes    paletteCache        // theme colours per dictionary
	gone        atomic.Int64        // requests whose client went away before the answer
	progress    progressBoard       // how far the uploads being analysed are
	engine      *gin.Engine
}

// New returns the dashboard's HTTP handler: a gin engine in release mode with
// every route, panic recovery and security headers, rendering errors with
// its own error page.
func New(cfg Config) (http.Handler, error) {
	s, err := newServer(cfg)
	if err != nil {
		return nil, err
	}
	return s.engine, nil
}

func newServer(cfg Config) (*server, error) {
	if cfg.Source == nil {
		return nil, errors.New("dashboard: no Source")
	}
	if cfg.Dictionary == nil {
		return nil, errors.New("dashboard: no Dictionary")
	}
	if cfg.UploadWork <= 0 {
		cfg.UploadWork = DefaultUploadWork
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.CacheBytes == 0 {
		cfg.CacheBytes = DefaultCacheBytes
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	version, err := staticVersion()
	if err != nil {
		return nil, err
	}
	s := &server{
		cfg:       cfg,
		log:       cfg.Logger,
		pages:     pages,
		version:   version,
		catalog:   newCatalog(cfg.Source),
		tokenizer: analysis.NewTokenizer(),
		results:   newResultCache(cfg.CacheBytes),
		responses: newResponseCache(cfg.CacheBytes),
		// A download of up to a quarter of the bound can be kept.
		exportCache: int(min(DefaultExportCache, max(cfg.CacheBytes/4, 0))),
	}
	s.engine = s.routes()
	return s, nil
}

// routes builds the gin engine.
func (s *server) routes() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.Use(gin.CustomRecoveryWithWriter(io.Discard, func(c *gin.Context, rec any) {
		s.fail(c, http.StatusInternalServerError, "", panicError{rec})
	}))
	e.Use(securityHeaders)
	e.Use(s.checkHost)

	// Every page also answers HEAD; net/http drops the body.
	get := func(path string, h gin.HandlerFunc) {
		e.GET(path, h)
		e.HEAD(path, h)
	}
	get("/", s.index)
	e.POST("/", s.upload)
	get("/static/*file", s.static)
	get("/theme.css", s.themeStyle)
	get("/themes", s.dictionary)
	get("/d/:doc", s.overview)
	get("/d/:doc/p/:para", s.paragraph)
	get("/d/:doc/t/:theme", s.theme)
	get("/d/:doc/s/:section", s.section)
	get("/d/:doc/uptake", s.uptake)
	get("/d/:doc/search", s.search)
	e.POST("/d/:doc/delete", s.deleteDocument)
	e.POST("/d/:doc/judge", s.judge)
	e.POST("/d/:doc/reanalyse", s.reanalyse)
	e.POST("/d/:doc/dictionary", s.editDictionary)
	get("/d/:doc/export/:file", s.exportCSV)
	get("/api/d/:doc/:table", s.exportJSON)
	get("/api/documents", s.apiDocuments)
	e.GET("/progress/:id", s.progressOf)

	e.NoRoute(func(c *gin.Context) { s.fail(c, http.StatusNotFound, "There is no such page.", nil) })
	e.NoMethod(func(c *gin.Context) {
		s.fail(c, http.StatusMethodNotAllowed, "This address does not accept "+c.Request.Method+" requests.", nil)
	})
	return e
}

// fail renders the error page with code and a message for the reader. It is
// the one place that logs: server errors (5xx) with err.
func (s *server) fail(c *gin.Context, code int, msg string, err error) {
	if code >= http.StatusInternalServerError && clientGone(c.Request.Context(), err) {
		// Not a server error: nobody is waiting for the answer.
		s.gone.Add(1)
		s.log.Debug("dashboard: client went away", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
		if !c.Writer.Written() {
			c.Status(statusClientClosed)
		}
		c.Abort()
		return
	}
	if code >= http.StatusInternalServerError {
		s.log.Error("dashboard: request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "status", code, "err", err)
		if msg == "" {
			msg = "Something went wrong on the server; the error is in its log."
		}
	}
	if c.Writer.Written() {
		return
	}
	c.Header("Cache-Control", "no-store")
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		c.JSON(code, gin.H{"error": msg})
		c.Abort()
		return
	}
	s.render(c, code, &view{
		Template: "error",
		Title:    http.StatusText(code),
		Crumbs:   []link{{Name: http.StatusText(code)}},
		Body:     errorView{Code: code, Status: http.StatusText(code), Message: msg},
	})
	c.Abort()
}

// statusClientClosed is the status recorded for a request whose client
// went away before its answer (nginx's 499): nothing is sent.
const statusClientClosed = 499

// clientGone reports whether a request failed because its client went
// away: its context is done (the connection closed), or writing to the
// connection failed because the other end closed it. A panic is a bug
// whoever is waiting.
func clientGone(ctx context.Context, err error) bool {
	var pe panicError
	if errors.As(err, &pe) {
		return false
	}
	return ctx.Err() != nil || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET)
}

// panicError is a panic a handler recovered from.
type panicError struct{ v any }

func (e panicError) Error() string { return fmt.Sprintf("panic: %v", e.v) }

// errorView is the body of the error page.
type errorView struct {
	Code    int
	Status  string
	Message string
}
