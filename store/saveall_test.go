package store_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"amendlens/analysis"
	"amendlens/parse"
)

func TestSaveAllIsOneTransaction(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		ctx := context.Background()
		db := bk.open(t)
		mustSave(t, db, testResult(t, "tunis"))
		before := mustCounts(t, db)

		// The second result is broken: neither is stored, and tunis, which the
		// first would have replaced, is as it was.
		bad := testResult(t, "athens")
		bad.Comparisons = bad.Comparisons[1:]
		if err := db.SaveAll(ctx, []*analysis.Result{testResult(t, "geneva"), bad}); err == nil {
			t.Fatal("SaveAll of a broken result succeeded")
		}
		if after := mustCounts(t, db); !reflect.DeepEqual(after, before) {
			t.Errorf("counts after a failed SaveAll:\n got  %v\n want %v", after, before)
		}

		if err := db.SaveAll(ctx, []*analysis.Result{testResult(t, "geneva"), testResult(t, "athens")}); err != nil {
			t.Fatal(err)
		}
		docs, err := db.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range docs {
			names = append(names, d.Name)
		}
		if want := []string{"athens", "geneva", "tunis"}; !reflect.DeepEqual(names, want) {
			t.Errorf("documents %v, want %v", names, want)
		}
	})
}

func TestSaveRefusesAnotherNameOfTheSameSlug(t *testing.T) {
	forEachDB(t, func(t *testing.T, bk backend) {
		ctx := context.Background()
		db := bk.open(t)
		named := func(title string) *analysis.Result {
			r := testResult(t, parse.Slug(title))
			r.Document.Title = title
			return r
		}
		mustSave(t, db, named("Ελληνικά Report"))

		// The same given name replaces the document.
		mustSave(t, db, named("Ελληνικά Report"))
		if info, err := db.Document(ctx, "ελληνικά-report"); err != nil || info.Title != "Ελληνικά Report" || info.Revision != 2 {
			t.Fatalf("after a second save: %+v, %v; want the given name kept and revision 2", info, err)
		}
		before := mustCounts(t, db)

		// Another given name of the same slug is refused, saying which
		// document it would replace.
		err := db.Save(ctx, named("ΕΛΛΗΝΙΚΆ report"))
		var taken *analysis.NameTakenError
		if !errors.As(err, &taken) || taken.Stored != "Ελληνικά Report" || taken.Name != "ελληνικά-report" {
			t.Fatalf("error %v, want a NameTakenError naming the stored document", err)
		}
		if !strings.Contains(err.Error(), `"Ελληνικά Report"`) {
			t.Errorf("error %q does not name the stored document", err)
		}
		if after := mustCounts(t, db); !reflect.DeepEqual(after, before) {
			t.Errorf("counts after a refused save:\n got  %v\n want %v", after, before)
		}
		if got := mustLoad(t, db, "ελληνικά-report").Document.Title; got != "Ελληνικά Report" {
			t.Errorf("title %q after a refused save, want the first", got)
		}
	})
}
