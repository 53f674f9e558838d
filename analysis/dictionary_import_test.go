package analysis

import (
	"slices"
	"strings"
	"testing"
)

func TestReadDictionaryFormats(t *testing.T) {
	quanteda := `gender:
  - women
  - gender*
rights:
  civil:
    - free, prior and informed consent
    - freedom of expression
  social: [education]
`
	liwc := "%\n1\tposemo\n2\tWomen & Girls\n3\tunused\n%\nhappy\t1\nwomen*\t2\ngirls\t2 1\nkind of\t1\n"
	for _, tc := range []struct {
		file, data string
		format     DictionaryFormat
		want       map[string][]string // theme -> terms
	}{
		{"q.yml", quanteda, FormatQuanteda, map[string][]string{
			"gender":        {"women", "gender*"},
			"rights-civil":  {"free, prior and informed consent", "freedom of expression"},
			"rights-social": {"education"},
		}},
		{"l.dic", liwc, FormatLIWC, map[string][]string{
			"posemo":      {"happy", "girls", "kind of"},
			"women-girls": {"women*", "girls"},
		}},
		{"ours.yaml", string(DefaultDictionaryYAML()), FormatAmendlens, nil},
	} {
		out, format, err := ConvertDictionary(tc.file, []byte(tc.data))
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if format != tc.format {
			t.Errorf("%s: format %s, want %s", tc.file, format, tc.format)
		}
		d, err := ReadDictionary(tc.file, []byte(tc.data))
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if again, err := ParseDictionary(tc.file, out); err != nil || again.Hash != d.Hash {
			t.Errorf("%s: the converted YAML does not parse to the same dictionary (%v)", tc.file, err)
		}
		if tc.want == nil {
			if d.Hash != DefaultDictionary().Hash {
				t.Errorf("%s: our own YAML was changed", tc.file)
			}
			continue
		}
		if len(d.Themes) != len(tc.want) {
			t.Errorf("%s: %d themes %v, want %d", tc.file, len(d.Themes), d.Names(), len(tc.want))
		}
		for _, th := range d.Themes {
			if !slices.Equal(th.Terms, tc.want[th.Name]) {
				t.Errorf("%s: theme %s terms %q, want %q", tc.file, th.Name, th.Terms, tc.want[th.Name])
			}
		}
	}
	// The imported terms match as ours do, punctuation and prefixes too.
	d, _ := ReadDictionary("q.yml", []byte(quanteda))
	got := matchStrings(d.Match(testTokens("their free prior and informed consent, and gendered roles")))
	if want := []string{"rights-civil:free prior and informed consent", "gender:gendered"}; !slices.Equal(got, want) {
		t.Errorf("matches %q, want %q", got, want)
	}
}

func TestReadDictionaryErrors(t *testing.T) {
	for _, tc := range []struct {
		file, data, want string
	}{
		{"l.dic", "%\n1\tposemo\n%\nhappy\t7\n", "l.dic:4: category id 7 is not among the categories"},
		{"l.dic", "%\n1\tposemo\nhappy\t1\n", "l.dic: expected the categories between two % lines"},
		{"l.dic", "happy\t1\n", "l.dic:1: expected % before the categories"},
		{"l.dic", "%\n1\tposemo\n%\nhappy\n", "l.dic:4: expected a word or phrase then the ids"},
		{"q.yml", "a:\n  - wom?n\n", "q.yml:2: category \"a\": term \"wom?n\": only a trailing *"},
		{"q.yml", "a: &x [women]\nb: *x\n", "aliases are not accepted"},
		{"q.yml", "A b: [x]\na-b: [y]\n", "both become theme \"a-b\""},
	} {
		_, err := ReadDictionary(tc.file, []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.data, err, tc.want)
		}
	}
}

// FuzzReadDictionary: any input gives a dictionary or an error, never a
// panic; a dictionary read from another format is the one its converted
// YAML parses to.
func FuzzReadDictionary(f *testing.F) {
	f.Add("q.yml", "gender:\n  - women\nrights:\n  civil: [free, prior and informed consent]\n")
	f.Add("l.dic", "%\n1\tposemo\n2\tneg\n%\nhappy\t1\nsad*\t2 1\n")
	f.Add("x.yaml", string(DefaultDictionaryYAML()))
	f.Add("x.dic", "%\n%\n")
	f.Fuzz(func(t *testing.T, file, data string) {
		d, err := ReadDictionary(file, []byte(data))
		if err != nil {
			return
		}
		out, _, err := ConvertDictionary(file, []byte(data))
		if err != nil {
			t.Fatalf("read but not converted: %v", err)
		}
		again, err := ParseDictionary(file, out)
		if err != nil || again.Hash != d.Hash || len(d.Themes) == 0 {
			t.Fatalf("converted YAML gives another dictionary (%v)", err)
		}
	})
}
