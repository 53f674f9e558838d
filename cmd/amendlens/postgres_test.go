package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/dashboard"
	"amendlens/store"
	"amendlens/store/storetest"
)

// testDocuments returns the sample and the test documents that parse on
// their own: tables, CSV and Word files.
func testDocuments(t *testing.T) []string {
	t.Helper()
	files := []string{sourceDoc}
	for _, pattern := range []string{"*.txt", "*.csv", "docx/*.docx"} {
		m, err := filepath.Glob(filepath.Join("..", "..", "testdata", "analysis", pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			switch base := filepath.Base(f); {
			case strings.HasPrefix(base, "bad-"), strings.HasPrefix(base, "align"),
				strings.HasPrefix(base, "numbering-29"), base == "truncated.docx":
				// Broken on purpose, versions of running text (ingested
				// together below) or a gold alignment.
			default:
				files = append(files, f)
			}
		}
	}
	if len(files) < 15 {
		t.Fatalf("%d test documents, want the sample, tables, CSV and Word files", len(files))
	}
	return files
}

// ingestAll ingests each file into the database dsn, under its base name
// with its extension (equivalent.txt and equivalent.csv hold the same
// document), then the test versions of running text as one document,
// aligned.
func ingestAll(t *testing.T, dsn string, files []string) {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "analysis")
	jobs := [][]string{{"-name", "versions", "-versions", filepath.Join(dir, "align-base.txt"), filepath.Join(dir, "align-version.txt")},
		{filepath.Join("..", "..", "testdata", "chain", "negotiation.yaml")}}
	for _, f := range files {
		jobs = append(jobs, []string{"-name", strings.ReplaceAll(filepath.Base(f), ".", "-"), f})
	}
	for _, job := range jobs {
		if _, stderr, err := runCmd(t, append([]string{"ingest", "-q", "-db", dsn}, job...)...); err != nil {
			t.Fatalf("ingest %v into %s: %v\n%s", job, store.Redact(dsn), err, stderr)
		}
	}
}

// exportAll returns every table of every document of the database dsn but
// those a filter makes (search, compare), as the export command writes
// them into a data package (one load of each document, the tables as
// WriteTableCSV writes them), by document and table.
func exportAll(t *testing.T, dsn string) map[string]string {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	infos, err := db.Documents(context.Background())
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	dir := t.TempDir()
	for i, info := range infos {
		file := filepath.Join(dir, fmt.Sprintf("%d.zip", i))
		if _, stderr, err := runCmd(t, "export", "-db", dsn, "-doc", info.Name, "-datapackage", "-o", file); err != nil {
			t.Fatalf("export %s: %v\n%s", info.Name, err, stderr)
		}
		zr, err := zip.OpenReader(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			table, ok := strings.CutSuffix(f.Name, ".csv")
			if !ok {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			out[info.Name+"/"+table] = string(data)
		}
		zr.Close()
	}
	return out
}

// compareExports fails t unless got and want hold the same tables, byte for
// byte.
func compareExports(t *testing.T, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d tables exported, want %d", len(got), len(want))
	}
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("%s: not exported", k)
		case g != w:
			t.Errorf("%s differs: %d bytes, want %d; first difference at byte %d", k, len(g), len(w), firstDiff(g, w))
		}
	}
}

func firstDiff(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestPostgresExportsEqualSQLite ingests the sample and the test documents
// into SQLite and into PostgreSQL, and checks that every CSV table exported
// from PostgreSQL equals the SQLite export byte for byte.
func TestPostgresExportsEqualSQLite(t *testing.T) {
	storetest.RequirePostgres(t)
	files := testDocuments(t)
	lite, pg := storetest.SQLite.Fresh(t), storetest.Postgres.Fresh(t)
	for _, dsn := range []string{lite, pg} {
		ingestAll(t, dsn, files)
	}
	want := exportAll(t, lite)
	if len(want) < 5*(len(analysis.Tables)-2) {
		t.Fatalf("%d tables exported from SQLite, want those of 5 documents or more", len(want))
	}
	compareExports(t, exportAll(t, pg), want)
}

// TestCopyRoundTrip copies every document from SQLite to PostgreSQL and back
// to a new SQLite file, then one of them alone, and checks the exports and
// the documents' descriptions.
func TestCopyRoundTrip(t *testing.T) {
	storetest.RequirePostgres(t)
	files := testDocuments(t)
	lite, pg, back := storetest.SQLite.Fresh(t), storetest.Postgres.Fresh(t), storetest.SQLite.Fresh(t)
	ingestAll(t, lite, files)
	if _, stderr, err := runCmd(t, "copy", "-from", lite, "-to", pg); err != nil {
		t.Fatalf("copy to PostgreSQL: %v\n%s", err, stderr)
	}
	out, stderr, err := runCmd(t, "copy", "-from", pg, "-to", back)
	if err != nil {
		t.Fatalf("copy back: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "copied wsis-tunis-internet-governance-gc-txt (26 paragraphs") {
		t.Errorf("copy printed %q, want a line per document", out)
	}
	want := exportAll(t, lite)
	compareExports(t, exportAll(t, back), want)

	ctx := context.Background()
	infos := func(dsn string) []analysis.DocumentInfo {
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		infos, err := db.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return infos
	}
	from, to := infos(lite), infos(back)
	if len(from) != len(to) {
		t.Fatalf("%d documents copied back, want %d", len(to), len(from))
	}
	for i := range from {
		f, g := from[i], to[i]
		if g.Name != f.Name || g.DictHash != f.DictHash || !g.Ingested.Equal(f.Ingested) || g.Source != f.Source {
			t.Errorf("copied back %+v, want the name, source, dictionary hash and ingestion time of %+v", g, f)
		}
	}

	// One document, by name, into an empty database.
	one := storetest.SQLite.Fresh(t)
	if _, stderr, err := runCmd(t, "copy", "-from", pg, "-to", one, "-doc", "wsis-tunis-internet-governance-gc-txt"); err != nil {
		t.Fatalf("copy -doc: %v\n%s", err, stderr)
	}
	if got := infos(one); len(got) != 1 || got[0].Name != "wsis-tunis-internet-governance-gc-txt" {
		t.Errorf("copy -doc copied %v, want the one document", got)
	}
	if _, _, err := runCmd(t, "copy", "-from", pg, "-to", one, "-doc", "no-such-document"); err == nil {
		t.Error("copy of a missing document succeeded")
	}
}

// TestDatabasePasswordNeverShown runs every command that takes a database
// with a PostgreSQL URL holding a password, on a server that does not
// answer and on the test server, and checks that the password is in none
// of their output, errors and help.
func TestDatabasePasswordNeverShown(t *testing.T) {
	const secret = "Sec%7Bret-pw42"
	unreachable := "postgres://amendlens:" + secret + "@127.0.0.1:1/amendlens?sslmode=disable&connect_timeout=2"
	check := func(t *testing.T, what string, texts ...string) {
		t.Helper()
		for _, s := range []string{secret, "Sec{ret-pw42"} {
			for _, text := range texts {
				if strings.Contains(text, s) {
					t.Errorf("%s shows the password: %q", what, text)
				}
			}
		}
	}
	f := filepath.Join(t.TempDir(), "a.db")
	for _, args := range [][]string{
		{"ingest", "-db", unreachable, sourceDoc},
		{"export", "-db", unreachable, "-table", "hits"},
		{"serve", "-db", unreachable, "-addr", "127.0.0.1:0"},
		{"copy", "-from", unreachable, "-to", f},
		{"copy", "-from", sourceDoc + ".missing", "-to", unreachable},
		{"ingest", "-db", "postgres://amendlens:" + secret + "@[::1", sourceDoc}, // not a URL that parses
	} {
		out, stderr, err := runCmd(t, args...)
		if err == nil {
			t.Errorf("%s succeeded", args[0])
			continue
		}
		check(t, strings.Join(args[:1], " "), out, stderr, err.Error())
	}
	for _, cmd := range []string{"ingest", "export", "serve", "copy"} {
		t.Setenv("AMENDLENS_DB", unreachable)
		out, stderr, _ := runCmd(t, cmd, "-db", unreachable, "-h")
		check(t, cmd+" -h", out, stderr)
	}

	// On the test server, with its password in the URL: the serve line and
	// the copy lines show the URL without it.
	storetest.RequirePostgres(t)
	pw := os.Getenv("PGPASSWORD")
	if pw == "" {
		t.Skip("the test server's password is not in PGPASSWORD: the rest needs one to put in a URL")
	}
	u, err := url.Parse(storetest.Postgres.Fresh(t))
	if err != nil {
		t.Fatal(err)
	}
	user := os.Getenv("PGUSER")
	if user == "" {
		user = "postgres"
	}
	host := os.Getenv("PGHOST")
	if u.Host == "" && host != "" && !strings.HasPrefix(host, "/") {
		u.Host = host
		if port := os.Getenv("PGPORT"); port != "" {
			u.Host += ":" + port
		}
	}
	u.User = url.UserPassword(user, pw)
	dsn := u.String()
	_, out, stop := startServeOutput(t, "-db", dsn)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "xxxxx") {
		t.Errorf("serve printed %q, want the URL with its password masked", out.String())
	}
	if strings.Contains(out.String(), pw) {
		t.Errorf("serve printed the password: %q", out.String())
	}
	copied, stderr, err := runCmd(t, "copy", "-from", dsn, "-to", f)
	if err != nil {
		t.Fatalf("copy: %v\n%s", err, stderr)
	}
	if strings.Contains(copied, pw) || !strings.Contains(copied, "xxxxx") {
		t.Errorf("copy printed %q, want the URL with its password masked", copied)
	}
}

// TestTwoServersOnePostgres runs two dashboard servers on one PostgreSQL
// database, ingests a document from the command line as a third process
// would, and checks that both servers list it within a second, and then
// that a document deleted behind their back goes from both as quickly.
func TestTwoServersOnePostgres(t *testing.T) {
	dsn := storetest.Postgres.Fresh(t)
	a, stopA := startServe(t, "-db", dsn)
	defer stopA()
	b, stopB := startServe(t, "-db", dsn)
	defer stopB()
	for _, base := range []string{a, b} {
		if _, body := get(t, base+"/"); !strings.Contains(body, "wsis-tunis-internet-governance-gc") {
			t.Fatalf("%s does not list the sample", base)
		}
	}
	const doc = "four-columns"
	// within returns how long until every server's list has doc or not.
	within := func(listed bool) time.Duration {
		t.Helper()
		start := time.Now()
		for _, base := range []string{a, b} {
			for {
				_, body := get(t, base+"/")
				if strings.Contains(body, "/d/"+doc) == listed {
					break
				}
				if time.Since(start) > 10*time.Second {
					t.Fatalf("%s: %s still listed=%v after 10s", base, doc, !listed)
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
		return time.Since(start)
	}
	if _, stderr, err := runCmd(t, "ingest", "-q", "-db", dsn, filepath.Join("..", "..", "testdata", "analysis", doc+".txt")); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	d := within(true)
	t.Logf("the ingested document showed on both servers after %v", d)
	if d > time.Second {
		t.Errorf("the ingested document showed on both servers after %v, want 1s at most", d)
	}
	if code, _ := get(t, b+"/d/"+doc); code != http.StatusOK {
		t.Errorf("%s's page on the second server: status %d", doc, code)
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Delete(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	d = within(false)
	t.Logf("the deleted document left both servers after %v", d)
	if d > time.Second {
		t.Errorf("the deleted document left both servers after %v, want 1s at most", d)
	}
}

// TestConcurrentIngestProcesses runs five ingest processes at once on one
// PostgreSQL database: three of different documents, two of the same name
// with different texts. Every one succeeds (the second of the same name
// waits for the first, then replaces it), and the document of the shared
// name is one version whole.
func TestConcurrentIngestProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs five ingest processes")
	}
	dsn := storetest.Postgres.Fresh(t)
	dir := t.TempDir()
	versionA := longSample(t, 600)
	versionB := bytes.Replace(versionA, []byte("We note item 1000 on access"), []byte("We note item 1000 on gender equality and access"), 1)
	fileA, fileB := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	for file, data := range map[string][]byte{fileA: versionA, fileB: versionB} {
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The database is created before the processes start, as a team's is.
	if _, _, err := runCmd(t, "ingest", "-q", "-db", dsn, "-name", "first", sourceDoc); err != nil {
		t.Fatal(err)
	}
	jobs := [][]string{
		{"-name", "one", fileA}, {"-name", "two", fileB}, {"-name", "three", fileA},
		{"-name", "same", fileA}, {"-name", "same", fileB},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var children []*exec.Cmd
	outputs := make([]*bytes.Buffer, len(jobs))
	for i, job := range jobs {
		c := commandProcess(t, ctx, append([]string{"ingest", "-q", "-db", dsn}, job...)...)
		outputs[i] = &bytes.Buffer{}
		c.Stdout, c.Stderr = outputs[i], outputs[i]
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		children = append(children, c)
	}
	for i, c := range children {
		if err := c.Wait(); err != nil {
			t.Errorf("ingest %v: %v\n%s", jobs[i], err, outputs[i])
		}
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	infos, err := db.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, info := range infos {
		names = append(names, info.Name)
	}
	if want := "first one same three two"; strings.Join(names, " ") != want {
		t.Errorf("documents %v, want %s", names, want)
	}
	csv, _, err := runCmd(t, "export", "-db", dsn, "-doc", "same", "-table", "paragraphs")
	if err != nil {
		t.Fatal(err)
	}
	a, b := expectedCSV(t, fileA, versionA, "same"), expectedCSV(t, fileB, versionB, "same")
	if csv != string(a) && csv != string(b) {
		t.Error("the document both processes ingested is neither version whole")
	}
}

// countingSource counts the calls the dashboard makes to its Source.
type countingSource struct {
	*store.DB
	changed, documents, loads atomic.Int64
}

func (c *countingSource) Changed(ctx context.Context) (uint64, error) {
	c.changed.Add(1)
	return c.DB.Changed(ctx)
}

func (c *countingSource) Documents(ctx context.Context) ([]analysis.DocumentInfo, error) {
	c.documents.Add(1)
	return c.DB.Documents(ctx)
}

func (c *countingSource) Load(ctx context.Context, name string) (*analysis.Result, error) {
	c.loads.Add(1)
	return c.DB.Load(ctx, name)
}

// TestPostgresNoQueryPerRequest serves pages from a PostgreSQL database for
// a second and counts what the dashboard asks it: the revision row at most
// about every 250 ms, whatever the number of requests, and no document list
// or analysis once they are in memory.
func TestPostgresNoQueryPerRequest(t *testing.T) {
	dsn := storetest.Postgres.Fresh(t)
	if _, stderr, err := runCmd(t, "ingest", "-q", "-db", dsn, sourceDoc); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	src := &countingSource{DB: db}
	handler, err := dashboard.New(dashboard.Config{Source: src, Dictionary: analysis.DefaultDictionary()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(handler)
	defer srv.Close()
	pages := []string{"/", "/d/" + sampleName, "/d/" + sampleName + "/p/39"}
	for _, p := range pages {
		if code, _ := get(t, srv.URL+p); code != http.StatusOK {
			t.Fatalf("%s: status %d", p, code)
		}
	}
	changed, documents, loads := src.changed.Load(), src.documents.Load(), src.loads.Load()
	start := time.Now()
	requests := 0
	for time.Since(start) < time.Second {
		for _, p := range pages {
			if code, _ := get(t, srv.URL+p); code != http.StatusOK {
				t.Fatalf("%s: status %d", p, code)
			}
			requests++
		}
	}
	elapsed := time.Since(start)
	probes := src.changed.Load() - changed
	t.Logf("%d requests in %v: %d revision probes, %d document lists, %d loads", requests, elapsed,
		probes, src.documents.Load()-documents, src.loads.Load()-loads)
	if limit := int64(elapsed/(250*time.Millisecond)) + 1; probes > limit {
		t.Errorf("%d revision probes in %v, want %d at most", probes, elapsed, limit)
	}
	if requests < 20 {
		t.Fatalf("only %d requests in a second", requests)
	}
	if n := src.documents.Load() - documents; n != 0 {
		t.Errorf("%d document lists read while nothing changed, want 0", n)
	}
	if n := src.loads.Load() - loads; n != 0 {
		t.Errorf("%d analyses loaded while nothing changed, want 0", n)
	}
}
