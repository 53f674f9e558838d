package analysis

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestParseDictionary(t *testing.T) {
	src := []byte(`# a comment
themes:
  - name: gender
    label: " Gender equality "
    color: "#C2185B"
    terms: ["gender*", " women ", "men and women"]
  - name: access_2
    terms:
      - access
      - low-cost
`)
	d, err := ParseDictionary("d.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	want := []Theme{
		{Name: "gender", Label: "Gender equality", Color: "#C2185B", Terms: []string{"gender*", "women", "men and women"}},
		{Name: "access_2", Terms: []string{"access", "low-cost"}},
	}
	if len(d.Themes) != len(want) {
		t.Fatalf("Themes = %+v, want %+v", d.Themes, want)
	}
	for i := range want {
		g, w := d.Themes[i], want[i]
		if g.Name != w.Name || g.Label != w.Label || g.Color != w.Color || !slices.Equal(g.Terms, w.Terms) {
			t.Errorf("theme %d = %+v, want %+v", i, g, w)
		}
	}
	if !bytes.Equal(d.Source, src) {
		t.Errorf("Source differs from the input")
	}
	sum := sha256.Sum256(src)
	if d.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("Hash = %s, want the SHA-256 of the source", d.Hash)
	}
	if got := d.Names(); !slices.Equal(got, []string{"gender", "access_2"}) {
		t.Errorf("Names = %q", got)
	}
	if got := d.Label("gender"); got != "Gender equality" {
		t.Errorf("Label(gender) = %q", got)
	}
	if got := d.Label("access_2"); got != "access_2" {
		t.Errorf("Label(access_2) = %q, want the name", got)
	}
	if got := d.Label("nope"); got != "nope" {
		t.Errorf("Label(nope) = %q, want the name", got)
	}
}

func TestParseDictionaryErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		line int
		want string // part of the message after "file:line: "
	}{
		{"bad YAML", "themes:\n  - name: a\n    terms: [x\n", 3, "invalid YAML: did not find expected ',' or ']'"},
		// A bracket opened on the first line: the parser names where it gave up.
		{"bad YAML on the first line", "themes: [x\n", 2, "invalid YAML"},
		{"bad YAML in a block", "themes:\n  - name: a\n    terms: [x]\n  name: b\n", 2, "invalid YAML: did not find expected '-' indicator"},
		{"tab indentation", "themes:\n\t- name: a\n", 2, "invalid YAML"},
		{"empty file", "", 1, "no themes"},
		{"comment only", "# nothing\n", 1, "no themes"},
		{"empty themes", "themes: []\n", 1, "no themes: expected at least one theme"},
		{"no themes key", "topics:\n  - name: a\n", 1, `unknown key "topics", expected "themes"`},
		{"themes key twice", "themes: [{name: a, terms: [x]}]\nthemes: []\n", 2, `key "themes" repeated (first at line 1)`},
		{"document is a list", "- name: a\n", 1, "expected a mapping"},
		{"themes not a list", "themes: gender\n", 1, `"themes" must be a list of themes, found "gender"`},
		{"theme not a mapping", "themes:\n  - gender\n", 2, "expected a theme (a mapping with name and terms)"},
		{"theme without name", "themes:\n  - label: Gender\n    terms: [women]\n", 2, "theme without a name"},
		{"name not a string", "themes:\n  - name: [a]\n    terms: [women]\n", 2, "expected a theme name, found a list"},
		{"empty name", "themes:\n  - name:\n    terms: [women]\n", 2, "expected a theme name, found nothing"},
		{"invalid name", "themes:\n  - name: \"***\"\n    terms: [women]\n", 2, `invalid theme name "***": expected 1 to 64 letters or digits`},
		{"name too long", "themes:\n  - name: " + strings.Repeat("a", 65) + "\n    terms: [women]\n", 2, "invalid theme name"},
		{"duplicate name", "themes:\n  - name: a\n    terms: [x]\n  - name: a\n    terms: [y]\n", 4, `duplicate theme name "a" (first at line 2)`},
		{"key repeated in a theme", "themes:\n  - name: a\n    name: b\n    terms: [x]\n", 3, `key "name" repeated (first at line 2)`},
		{"unknown key in a theme", "themes:\n  - name: a\n    words: [x]\n", 3, `unknown key "words" in a theme, expected name, label, color or terms`},
		{"no terms", "themes:\n  - name: a\n    label: A\n", 2, `theme "a" has no terms: expected a "terms" list`},
		{"empty terms list", "themes:\n  - name: a\n    terms: []\n", 3, `theme "a" has an empty terms list: expected at least one term`},
		{"terms not a list", "themes:\n  - name: a\n    terms: women\n", 3, `terms of theme "a" must be a list, found "women"`},
		{"empty term", "themes:\n  - name: a\n    terms:\n      - women\n      - \"\"\n", 5, `theme "a": empty term: expected a word or phrase`},
		{"blank term", "themes:\n  - name: a\n    terms: [\"  \"]\n", 3, "empty term"},
		{"null term", "themes:\n  - name: a\n    terms:\n      -\n", 4, "expected a term, found nothing"},
		{"term is a mapping", "themes:\n  - name: a\n    terms:\n      - {x: y}\n", 4, "expected a term, found a mapping"},
		{"term only star", "themes:\n  - name: a\n    terms: [\"*\"]\n", 3, `term "*" is only '*': expected a word before the '*'`},
		{"term only stars", "themes:\n  - name: a\n    terms: [\"**\"]\n", 3, `is only '*'`},
		{"star inside", "themes:\n  - name: a\n    terms: [\"gen*der\"]\n", 3, `term "gen*der" has '*' other than at its end`},
		{"star first", "themes:\n  - name: a\n    terms: [\"*gender\"]\n", 3, `has '*' other than at its end`},
		{"two stars", "themes:\n  - name: a\n    terms: [\"gender**\"]\n", 3, `has '*' other than at its end`},
		{"star after a space", "themes:\n  - name: a\n    terms: [\"gender *\"]\n", 3, `expected a letter or digit just before the '*'`},
		{"star after a hyphen", "themes:\n  - name: a\n    terms: [\"multi-*\"]\n", 3, `expected a letter or digit just before the '*'`},
		{"no word in a term", "themes:\n  - name: a\n    terms: [\"--\"]\n", 3, `term "--" has no word`},
		{"term repeated", "themes:\n  - name: a\n    terms:\n      - low cost\n      - Low-Cost\n", 5, `term "Low-Cost" repeats the term at line 4`},
		{"bad colour word", "themes:\n  - name: a\n    color: red\n    terms: [x]\n", 3, `bad colour "red": expected "#rrggbb"`},
		{"bad colour short", "themes:\n  - name: a\n    color: \"#c21\"\n    terms: [x]\n", 3, `bad colour "#c21"`},
		{"bad colour digits", "themes:\n  - name: a\n    color: \"#gggggg\"\n    terms: [x]\n", 3, `bad colour "#gggggg"`},
		{"two documents", "themes:\n  - name: a\n    terms: [x]\n---\nthemes: []\n", 4, "expected a single YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDictionary("dict.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("no error, got %d themes", len(d.Themes))
			}
			prefix := fmt.Sprintf("dict.yaml:%d: ", tt.line)
			if msg := err.Error(); !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q, want prefix %q and %q", msg, prefix, tt.want)
			}
			var de *DictionaryError
			if !errors.As(err, &de) || de.File != "dict.yaml" || de.Line != tt.line {
				t.Errorf("error %#v is not a DictionaryError at dict.yaml:%d", err, tt.line)
			}
		})
	}
}

func TestParseDictionaryAliases(t *testing.T) {
	d, err := ParseDictionary("a.yaml", []byte(`
themes:
  - name: a
    terms: &shared [women, girls]
  - name: b
    terms: *shared
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Themes[1].Terms; !slices.Equal(got, []string{"women", "girls"}) {
		t.Errorf("aliased terms = %q", got)
	}
}

// dictTestdata is where the dictionary files of the tests live.
const dictTestdata = "../testdata/analysis"

func TestParseDictionaryFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(dictTestdata, "dict-*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no dictionary files in %s: %v", dictTestdata, err)
	}
	// A bad file names its fault in a first-line comment: "# error: LINE: TEXT".
	wantRE := regexp.MustCompile(`^# error: (\d+): (.*)\n`)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ParseDictionary(file, data)
			m := wantRE.FindSubmatch(data)
			switch {
			case m == nil && err != nil:
				t.Errorf("unexpected error: %v", err)
			case m != nil && err == nil:
				t.Errorf("no error, want line %s: %s", m[1], m[2])
			case m != nil:
				want := fmt.Sprintf("%s:%s: %s", file, m[1], m[2])
				if !strings.HasPrefix(err.Error(), want) {
					t.Errorf("error %q, want %q", err, want)
				}
			}
		})
	}
}

func TestDefaultDictionary(t *testing.T) {
	d := DefaultDictionary()
	names := d.Names()
	for _, want := range []string{"gender", "rights", "development", "access", "participation", "security", "urgency", "commitments", "equality", "technology"} {
		if !slices.Contains(names, want) {
			t.Errorf("default dictionary has no theme %q", want)
		}
	}
	colors := make(map[string]string)
	for _, th := range d.Themes {
		if th.Label == "" || th.Color == "" {
			t.Errorf("theme %s lacks a label or a colour", th.Name)
		}
		c := strings.ToLower(th.Color)
		if other, dup := colors[c]; dup {
			t.Errorf("themes %s and %s share colour %s", other, th.Name, c)
		}
		colors[c] = th.Name
	}
	if !bytes.Equal(d.Source, DefaultDictionaryYAML()) {
		t.Error("Source is not DefaultDictionaryYAML")
	}
	y := DefaultDictionaryYAML()
	y[0] = 'X'
	if DefaultDictionary().Hash != d.Hash {
		t.Error("changing the returned YAML changed the default dictionary")
	}
}

func FuzzParseDictionary(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(dictTestdata, "dict-*.yaml"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("themes:\n  - name: a\n    terms: [\"x*\", \"y z\"]\n"))
	f.Add([]byte("themes: [{name: a, terms: [*x]}]"))
	wordRE := regexp.MustCompile(`^[a-z0-9]+([ -][a-z0-9]+)*$`)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDictionary("fuzz.yaml", data)
		if err != nil {
			var de *DictionaryError
			if !errors.As(err, &de) || !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error %q is not a DictionaryError naming the file", err)
			}
			return
		}
		if len(d.Themes) == 0 {
			t.Fatal("parsed a dictionary without themes")
		}
		for _, th := range d.Themes {
			if len(th.Terms) == 0 {
				t.Fatalf("theme %q has no terms", th.Name)
			}
			for _, term := range th.Terms {
				body := strings.ToLower(strings.TrimSuffix(term, "*"))
				if !wordRE.MatchString(body) {
					continue
				}
				toks := testTokens(body)
				found := false
				for _, m := range d.Match(toks) {
					found = found || m.Theme == th.Name && m.Tokens == Range{0, len(toks)}
				}
				if !found {
					t.Fatalf("theme %q: term %q does not match its own words", th.Name, term)
				}
			}
		}
		toks := testTokens(string(data))
		for _, m := range d.Match(toks) {
			if m.Tokens.Start < 0 || m.Tokens.End > len(toks) || m.Tokens.Len() <= 0 {
				t.Fatalf("match %+v out of the %d tokens", m, len(toks))
			}
			if d.Label(m.Theme) == "" {
				t.Fatalf("match of unknown theme %q", m.Theme)
			}
		}
	})
}

// TestThemeNamesAsWritten: a theme named as people write it ("Human
// Rights") is named by its slug and labelled as written; a label given
// wins; two names of one slug are one theme twice.
func TestThemeNamesAsWritten(t *testing.T) {
	d, err := ParseDictionary("d.yaml", []byte("themes:\n  - name: Human Rights\n    terms: [human rights]\n  - name: Gender Equality\n    label: Gender\n    terms: [women]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Themes[0].Name != "human-rights" || d.Label("human-rights") != "Human Rights" || d.Themes[1].Name != "gender-equality" || d.Label("gender-equality") != "Gender" {
		t.Errorf("themes %+v", d.Themes)
	}
	_, err = ParseDictionary("d.yaml", []byte("themes:\n  - name: Human Rights\n    terms: [a]\n  - name: human-rights\n    terms: [b]\n"))
	if err == nil || !strings.Contains(err.Error(), `duplicate theme name "human-rights"`) {
		t.Errorf("two names of one slug: %v", err)
	}
}
