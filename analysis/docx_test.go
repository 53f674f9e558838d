package analysis

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// readDocxFixture reads a fixture of testdata/analysis/docx.
func readDocxFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(docxDir, name))
	if err != nil {
		t.Fatalf("%v (generated fixtures: go test ./analysis -run TestGenerateDocxFixtures -docx-generate)", err)
	}
	return data
}

// parseDocxOK parses data as file, failing the test on error.
func parseDocxOK(t testing.TB, file string, data []byte, opts ParseOptions) *Document {
	t.Helper()
	doc, err := ParseWith(file, data, opts)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestDocxSampleTable checks that the sample as a Word table gives the
// golden files' figures: the paragraphs, sections, themes and uptake
// tables are those of the dump byte for byte, the document name apart.
func TestDocxSampleTable(t *testing.T) {
	data := readDocxFixture(t, "sample-table.docx")
	if !bytes.Equal(data, sampleTableDocx(t)) {
		t.Error("sample-table.docx differs from what its generator writes: run with -docx-generate")
	}
	doc := parseDocxOK(t, "wsis-tunis-internet-governance-gc.docx", data, ParseOptions{})
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	dump := analyseSource(t)
	if !reflect.DeepEqual(doc.Paragraphs, dump.Document.Paragraphs) {
		for i := range min(len(doc.Paragraphs), len(dump.Document.Paragraphs)) {
			if !reflect.DeepEqual(doc.Paragraphs[i].Texts, dump.Document.Paragraphs[i].Texts) {
				t.Errorf("paragraph %s: texts %q, dump %q", doc.Paragraphs[i].ID, doc.Paragraphs[i].Texts, dump.Document.Paragraphs[i].Texts)
				break
			}
		}
	}
	for _, name := range []string{"paragraphs", "sections", "themes", "uptake"} {
		var got bytes.Buffer
		if err := WriteTableCSV(&got, r, name, Filter{}); err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "testdata", "analysis", "golden", name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("table %s of the .docx differs from the golden file of the dump", name)
		}
	}
}

// TestDocxSampleTracked checks the sample as running text with the Gender
// Caucus's proposals as tracked changes: variant "Gender Caucus" has the
// text, word counts and theme hits of the dump's "GC Proposed Text" in
// every paragraph where the column has text, and the paragraphs the column
// leaves empty are unchanged instead of absent.
func TestDocxSampleTracked(t *testing.T) {
	data := readDocxFixture(t, "sample-tracked.docx")
	if !bytes.Equal(data, sampleTrackedDocx(t)) {
		t.Error("sample-tracked.docx differs from what its generator writes: run with -docx-generate")
	}
	doc := parseDocxOK(t, "sample-tracked.docx", data, ParseOptions{})
	if want := []string{BaseName, gcAuthor}; !reflect.DeepEqual(doc.Variants, want) {
		t.Fatalf("variants %q, want %q", doc.Variants, want)
	}
	r, err := Analyse(doc, DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	dump := analyseSource(t)
	at := map[string]int{}
	for p, para := range r.Document.Paragraphs {
		at[para.ID] = p
	}
	var unchanged []string
	compared := 0
	for dp, dpara := range dump.Document.Paragraphs {
		want := dump.Comparison(dp, 1)
		p, ok := at[dpara.ID]
		if !ok {
			if dpara.Texts[0] != "" || dpara.Texts[1] != "" {
				t.Errorf("paragraph %s missing from the .docx", dpara.ID)
			}
			continue
		}
		got := r.Comparison(p, 1)
		if r.Document.Paragraphs[p].Section != dpara.Section {
			t.Errorf("paragraph %s in section %s, dump %s", dpara.ID, r.Document.Paragraphs[p].Section, dpara.Section)
		}
		if want.Status == StatusAbsent {
			if got.Status != StatusUnchanged || r.Document.Paragraphs[p].Texts[1] != dpara.Texts[0] {
				t.Errorf("paragraph %s: status %s, want unchanged with the base text", dpara.ID, got.Status)
			}
			continue
		}
		compared++
		if text := r.Document.Paragraphs[p].Texts[1]; text != dpara.Texts[1] {
			t.Errorf("paragraph %s: text %q, dump %q", dpara.ID, text, dpara.Texts[1])
		}
		if got.Status != want.Status || got.BaseWords != want.BaseWords || got.VariantWords != want.VariantWords ||
			got.Added != want.Added || got.Deleted != want.Deleted {
			t.Errorf("paragraph %s: %s %d/%d +%d -%d, dump %s %d/%d +%d -%d", dpara.ID,
				got.Status, got.BaseWords, got.VariantWords, got.Added, got.Deleted,
				want.Status, want.BaseWords, want.VariantWords, want.Added, want.Deleted)
		}
		if !reflect.DeepEqual(got.Hits, want.Hits) {
			t.Errorf("paragraph %s: hits %v, dump %v", dpara.ID, got.Hits, want.Hits)
		}
	}
	// 54 and 55 are unchanged in the dump too; the others are absent there.
	unchanged = paragraphsWith(r, 1, func(c *Comparison) bool { return c.Status == StatusUnchanged })
	if want := []string{"40", "41", "42", "47", "48", "54", "55", "62"}; !reflect.DeepEqual(unchanged, want) {
		t.Errorf("unchanged: %q, want %q", unchanged, want)
	}
	if compared < 20 {
		t.Errorf("only %d paragraphs compared", compared)
	}
}
