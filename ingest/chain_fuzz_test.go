package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"amendlens/analysis"

	"amendlens/parse"
)

// FuzzManifest: a manifest of any bytes is read or refused with a
// *ParseError naming a line; none panics.
func FuzzManifest(f *testing.F) {
	f.Add([]byte("name: x\nstages:\n  - name: Draft\n    file: a.txt\n    date: 2005-09-19\n    proposals:\n      - actor: GC\n        file: gc.txt\n  - file: b.txt\n    partial: true\n"))
	f.Add([]byte("stages:\n  - name: [1, 2]\n"))
	f.Add([]byte("stages: 3\n"))
	f.Add([]byte("stages:\n- file: a\n  fille: b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest("m.yaml", data)
		if err != nil {
			var pe *parse.ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error %v (%T), want a *ParseError with a line", err, err)
			}
			return
		}
		if len(m.Stages) == 0 {
			t.Fatal("a manifest of no stages read")
		}
		for _, s := range m.Stages {
			if strings.TrimSpace(s.File) == "" {
				t.Fatal("a stage without a file read")
			}
		}
	})
}

// FuzzChain: three stages of any text, the middle one an excerpt, make a
// chain or a clear error; a chain passes Validate (its lineage consistent:
// Analyse validates every result) and each fate has a verdict for every later stage.
func FuzzChain(f *testing.F) {
	f.Add("1. A\n\n2. The text of two.\n\n3. Three [bracketed] words.", "1. A\n\n2. The text of two, edited.", "1. A\n\n3. Three words.\n\n2. The text of two, edited. (Agreed)")
	f.Add("39. One paragraph.\n\n40. Another one.", "29. One paragraph. Another one.", "[New] 29bis. Something new.\n\n29. One paragraph.")
	f.Add("a\n\nb\n\nc", "", "c\n\nb\n\na")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		var stages []StageFile
		for i, text := range []string{a, b, c} {
			stages = append(stages, StageFile{Name: string(rune('A' + i)), File: File{Name: "s.txt", Data: []byte(text)}, Partial: i == 1})
		}
		rs, err := Analyse(context.Background(), analysis.DefaultDictionary(), Input{Name: "chain", Stages: stages})
		if err != nil {
			return
		}
		r := rs[0]
		for _, f := range r.Fates {
			for sj := f.Stage + 1; sj < len(r.Stages); sj++ {
				if f.Verdicts[sj] == "" {
					t.Fatalf("fate %+v: no verdict against stage %d", f, sj+1)
				}
			}
		}
	})
}
