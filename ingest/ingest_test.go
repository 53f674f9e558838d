package ingest

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/parse"
)

// recordingSaver records what Ingest saves, or fails with err.
type recordingSaver struct {
	calls int
	saved []*analysis.Result
	err   error
}

func (s *recordingSaver) SaveAll(ctx context.Context, rs []*analysis.Result) error {
	s.calls++
	if s.err != nil {
		return s.err
	}
	s.saved = append(s.saved, rs...)
	return nil
}

func testFile(t *testing.T, name string) File {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return File{Name: name, Data: data}
}

func TestIngest(t *testing.T) {
	ctx := context.Background()
	good := testFile(t, "../testdata/analysis/two-columns.txt")
	other := testFile(t, "../testdata/analysis/four-columns.txt")
	bad := testFile(t, "../testdata/analysis/bad-misnumbered.txt")

	t.Run("names and saves every input in one call", func(t *testing.T) {
		var s recordingSaver
		rs, err := Ingest(ctx, &s, analysis.DefaultDictionary(),
			Input{Files: []File{good}},
			Input{Name: "Проект резолюции", Files: []File{other}, Options: analysis.Options{Outcome: analysis.NoOutcome}})
		if err != nil {
			t.Fatal(err)
		}
		if s.calls != 1 || len(s.saved) != 2 || len(rs) != 2 || rs[0] != s.saved[0] {
			t.Fatalf("%d calls saving %d results, returned %d", s.calls, len(s.saved), len(rs))
		}
		d := rs[0].Document
		if d.Name != "two-columns" || d.Title != "two-columns" || d.Source != "two-columns.txt" {
			t.Errorf("first document %q titled %q from %q, want two-columns from two-columns.txt (the base name)", d.Name, d.Title, d.Source)
		}
		d = rs[1].Document
		if d.Name != "проект-резолюции" || d.Title != "Проект резолюции" || rs[1].Outcome != 0 {
			t.Errorf("second document %q titled %q, outcome %d; want проект-резолюции, the given name, no outcome", d.Name, d.Title, rs[1].Outcome)
		}
	})

	t.Run("a bad file stores nothing", func(t *testing.T) {
		var s recordingSaver
		_, err := Ingest(ctx, &s, analysis.DefaultDictionary(), Input{Files: []File{good}}, Input{Files: []File{bad}})
		var pe *parse.ParseError
		if !errors.As(err, &pe) || pe.File != bad.Name || pe.Line == 0 {
			t.Fatalf("error %v, want a parse error naming %s and a line", err, bad.Name)
		}
		if s.calls != 0 {
			t.Fatalf("SaveAll called %d times", s.calls)
		}
	})

	nameErrors := []struct {
		name   string
		inputs []Input
		want   string
	}{
		{"a name with no letter or digit", []Input{{Name: "!!!", Files: []File{good}}}, `the name "!!!" has no letter or digit`},
		{"a file name with no letter or digit", []Input{{Files: []File{{Name: "dir/---.txt", Data: good.Data}}}}, `the name "---" has no letter or digit`},
		{"two names, one slug", []Input{
			{Name: "Report", Files: []File{good}},
			{Name: "report", Files: []File{other}},
		}, `both give the document name "report"`},
		{"one file twice", []Input{{Files: []File{good}}, {Files: []File{good}}}, `both give the document name "two-columns"`},
		{"no file", []Input{{Name: "x"}}, "0 files"},
		{"an unknown outcome", []Input{{Files: []File{other}, Options: analysis.Options{Outcome: "Nobody"}}}, `four-columns.txt: analyse four-columns: outcome "Nobody"`},
	}
	for _, tt := range nameErrors {
		t.Run(tt.name, func(t *testing.T) {
			var s recordingSaver
			_, err := Ingest(ctx, &s, analysis.DefaultDictionary(), tt.inputs...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
			if s.calls != 0 {
				t.Fatalf("SaveAll called %d times", s.calls)
			}
		})
	}

	t.Run("a failed save is a SaveError", func(t *testing.T) {
		taken := &analysis.NameTakenError{Name: "report", Title: "Report", Stored: "report"}
		s := recordingSaver{err: taken}
		rs, err := Ingest(ctx, &s, analysis.DefaultDictionary(), Input{Name: "Report", Files: []File{good}})
		var se *SaveError
		var nt *analysis.NameTakenError
		if rs != nil || !errors.As(err, &se) || !errors.As(err, &nt) {
			t.Fatalf("results %v, error %v; want none and a SaveError wrapping the analysis.NameTakenError", rs, err)
		}
		if !strings.Contains(err.Error(), `stored document "report"`) {
			t.Errorf("error %q does not name the stored document", err)
		}
	})

	t.Run("a cancelled context analyses nothing", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		var s recordingSaver
		if _, err := Ingest(cctx, &s, analysis.DefaultDictionary(), Input{Files: []File{good}}); !errors.Is(err, context.Canceled) || s.calls != 0 {
			t.Fatalf("error %v, %d saves; want context.Canceled and none", err, s.calls)
		}
	})
}
