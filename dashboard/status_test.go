package dashboard

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"amendlens/analysis"
)

// TestStatusOf: every kind of failure has its status, in one table, and
// the domain's own errors take theirs through analysis.FailureOf, wrapped
// or not.
func TestStatusOf(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want int
	}{
		{"not found", notFound("no such paragraph"), http.StatusNotFound},
		{"bad request", badRequest("page must be a number"), http.StatusBadRequest},
		{"token", errBadToken, http.StatusForbidden},
		{"parse error", fmt.Errorf("x.txt: %w", &analysis.ParseError{File: "x.txt", Line: 3, Msg: "bad"}), http.StatusUnprocessableEntity},
		{"dictionary", &analysis.DictionaryError{File: "d.yaml", Msg: "bad"}, http.StatusUnprocessableEntity},
		{"name taken", &analysis.NameTakenError{Name: "a", Title: "A", Stored: "a"}, http.StatusConflict},
		{"stored document missing", fmt.Errorf("load: %w", analysis.ErrNotFound), http.StatusNotFound},
		{"work budget", fmt.Errorf("paragraph 3: %w", analysis.ErrWorkBudget), http.StatusRequestEntityTooLarge},
		{"upload too large", notMultipart(&http.MaxBytesError{Limit: 10}), http.StatusRequestEntityTooLarge},
		{"not multipart", notMultipart(errors.New("no boundary")), http.StatusBadRequest},
		{"anything else", errors.New("disk full"), http.StatusInternalServerError},
	} {
		if got := statusOf(c.err); got != c.want {
			t.Errorf("%s: status %d, want %d", c.name, got, c.want)
		}
	}
	for k := analysis.FailInternal; k <= analysis.FailForbidden; k++ {
		if httpStatus[k] == 0 {
			t.Errorf("failure %d has no status", k)
		}
	}
}

// TestShownVariants: a page shows the variant chosen, or every one but the
// base.
func TestShownVariants(t *testing.T) {
	d := &analysis.Document{Variants: []string{"Base", "A", "B", "C"}}
	if got := shownVariants(d, 0); fmt.Sprint(got) != "[1 2 3]" {
		t.Errorf("all: %v", got)
	}
	if got := shownVariants(d, 2); fmt.Sprint(got) != "[2]" {
		t.Errorf("B: %v", got)
	}
	if got := shownVariants(&analysis.Document{Variants: []string{"Base"}}, 0); len(got) != 0 {
		t.Errorf("base alone: %v", got)
	}
}
