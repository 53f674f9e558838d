package analysis

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"amendlens/parse"

	"go.yaml.in/yaml/v3"
)

// DictionaryFormat names the formats ReadDictionary understands.
type DictionaryFormat string

// The dictionary formats.
const (
	FormatAmendlens DictionaryFormat = "amendlens" // YAML with a "themes" list
	FormatQuanteda  DictionaryFormat = "quanteda"  // YAML mapping key -> terms, keys nesting
	FormatLIWC      DictionaryFormat = "liwc"      // .dic: categories between % lines, then term and category ids
)

// ReadDictionary reads a theme dictionary in amendlens's YAML, quanteda's
// YAML (a mapping of category to terms, categories nesting) or LIWC's .dic
// format. A dictionary in another format is converted to amendlens's YAML
// first, which the Dictionary keeps as its Source and hashes, so figures
// trace to the converted file `amendlens themes -convert` writes.
func ReadDictionary(file string, data []byte) (*Dictionary, error) {
	out, _, err := ConvertDictionary(file, data)
	if err != nil {
		return nil, err
	}
	return ParseDictionary(file, out)
}

// ConvertDictionary returns data as amendlens's dictionary YAML and the
// format it was read in; amendlens's own YAML is returned as it is.
func ConvertDictionary(file string, data []byte) ([]byte, DictionaryFormat, error) {
	if isLIWC(file, data) {
		themes, err := parseLIWC(file, data)
		if err != nil {
			return nil, FormatLIWC, err
		}
		out, err := formatThemes(file, themes)
		return out, FormatLIWC, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, "", yamlError(file, err)
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode || len(doc.Content) == 2 && doc.Content[0].Value == "themes" && doc.Content[1].Kind == yaml.SequenceNode {
		// amendlens's own, or nothing ParseDictionary will not explain.
		return data, FormatAmendlens, nil
	}
	var themes themeSet
	if err := quantedaThemes(file, doc, nil, &themes); err != nil {
		return nil, FormatQuanteda, err
	}
	out, err := formatThemes(file, themes.list)
	return out, FormatQuanteda, err
}

// isLIWC reports whether data is a LIWC dictionary: a .dic file, or a text
// whose first line that is not blank is "%".
func isLIWC(file string, data []byte) bool {
	if strings.EqualFold(filepath.Ext(file), ".dic") {
		return true
	}
	for line := range strings.Lines(string(data)) {
		if s := strings.TrimSpace(line); s != "" {
			return s == "%"
		}
	}
	return false
}

// quantedaThemes appends a theme per key of mapping n whose value is a list
// of terms; a key whose value is a mapping nests, its themes named
// parent-child.
func quantedaThemes(file string, n *yaml.Node, path []string, out *themeSet) error {
	if n.Kind != yaml.MappingNode {
		return &DictionaryError{File: file, Line: n.Line, Msg: "expected a mapping of categories to lists of terms"}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode || v.Kind == yaml.AliasNode {
			return &DictionaryError{File: file, Line: k.Line, Msg: "aliases are not accepted in a dictionary"}
		}
		p := append(append([]string(nil), path...), k.Value)
		switch v.Kind {
		case yaml.MappingNode:
			if err := quantedaThemes(file, v, p, out); err != nil {
				return err
			}
		case yaml.SequenceNode, yaml.ScalarNode:
			items := v.Content
			if v.Kind == yaml.ScalarNode {
				items = []*yaml.Node{v}
			}
			t := Theme{Name: themeSlug(p), Label: strings.Join(p, " / ")}
			for _, item := range items {
				if item.Kind != yaml.ScalarNode {
					return &DictionaryError{File: file, Line: item.Line, Msg: fmt.Sprintf("category %q: expected a term, found %s", t.Label, yamlKindName(item))}
				}
				term, err := importTerm(item.Value)
				if err != nil {
					return &DictionaryError{File: file, Line: item.Line, Msg: fmt.Sprintf("category %q: %v", t.Label, err)}
				}
				t.Terms = append(t.Terms, term)
			}
			if err := out.add(t); err != nil {
				return &DictionaryError{File: file, Line: k.Line, Msg: err.Error()}
			}
		default:
			return &DictionaryError{File: file, Line: v.Line, Msg: fmt.Sprintf("category %q: expected a list of terms or a mapping of subcategories", k.Value)}
		}
	}
	return nil
}

// parseLIWC reads a LIWC .dic file: between the first two lines that are
// "%", one category a line ("id name"); after them, one entry a line: a
// word or phrase, then the ids of its categories.
func parseLIWC(file string, data []byte) ([]Theme, error) {
	var themes []Theme
	byID := map[string]int{}
	errf := func(line int, format string, args ...any) error {
		return &DictionaryError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	marks, line := 0, 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if !utf8.ValidString(text) {
			return nil, errf(line, "expected UTF-8 text")
		}
		if text == "" {
			continue
		}
		if text == "%" {
			marks++
			if marks > 2 {
				return nil, errf(line, "a third %% line: expected the categories between the first two only")
			}
			continue
		}
		fields := strings.Fields(text)
		switch marks {
		case 0:
			return nil, errf(line, "expected %% before the categories")
		case 1:
			if len(fields) < 2 {
				return nil, errf(line, "expected a category: an id and a name")
			}
			if _, dup := byID[fields[0]]; dup {
				return nil, errf(line, "category id %s repeated", fields[0])
			}
			if len(themes) >= maxThemes {
				return nil, errf(line, "category %s is category %s, the limit is %s themes", fields[0], parse.FormatCount(int64(len(themes)+1)), parse.FormatCount(maxThemes))
			}
			label := strings.Join(fields[1:], " ")
			byID[fields[0]] = len(themes)
			themes = append(themes, Theme{Name: themeSlug([]string{label}), Label: label})
		default:
			n := len(fields)
			for n > 0 && isDigits(fields[n-1]) {
				n--
			}
			if n == 0 || n == len(fields) {
				return nil, errf(line, "expected a word or phrase then the ids of its categories, found %q", text)
			}
			term, err := importTerm(strings.Join(fields[:n], " "))
			if err != nil {
				return nil, errf(line, "%v", err)
			}
			for _, id := range fields[n:] {
				i, ok := byID[id]
				if !ok {
					return nil, errf(line, "category id %s is not among the categories", id)
				}
				themes[i].Terms = append(themes[i].Terms, term)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, errf(line+1, "%v", err)
	}
	if marks < 2 {
		return nil, errf(0, "expected the categories between two %% lines")
	}
	var out themeSet
	for _, t := range themes {
		if len(t.Terms) == 0 {
			continue // a category with no word says nothing
		}
		if err := out.add(t); err != nil {
			return nil, errf(0, "%v", err)
		}
	}
	return out.list, nil
}

func isDigits(s string) bool {
	_, err := strconv.ParseUint(s, 10, 32)
	return err == nil
}

// importTerm checks a term of another format: a trailing * is a prefix, as
// in ours; other wildcards are not understood.
func importTerm(s string) (string, error) {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "?") || strings.HasPrefix(s, "*") {
		return "", fmt.Errorf("term %q: only a trailing * is understood as a wildcard", s)
	}
	if _, err := compileTerm(s); err != nil {
		return "", err
	}
	return s, nil
}

// themeSet is the themes read from another format so far, indexed by name
// so that a dictionary of many categories is read in linear time.
type themeSet struct {
	list []Theme
	at   map[string]int // index in list of each name
}

// add appends t with its label and terms without hidden characters (the
// texts lose theirs, and a label is shown) and its terms made unique,
// refusing a theme whose name is taken or one past maxThemes.
func (s *themeSet) add(t Theme) error {
	t.Label = strings.TrimSpace(parse.Visible(t.Label))
	if t.Name == "" {
		return fmt.Errorf("category %q has no letter or digit to name a theme by", t.Label)
	}
	if i, ok := s.at[t.Name]; ok {
		return fmt.Errorf("categories %q and %q both become theme %q", s.list[i].Label, t.Label, t.Name)
	}
	if len(s.list) >= maxThemes {
		return fmt.Errorf("category %q is theme %s, the limit is %s themes", t.Label, parse.FormatCount(int64(len(s.list)+1)), parse.FormatCount(maxThemes))
	}
	seen := map[string]bool{}
	terms := t.Terms[:0:0]
	for _, term := range t.Terms {
		term = strings.TrimSpace(parse.Visible(term))
		ct, _ := compileTerm(term)
		if !seen[ct.key()] {
			seen[ct.key()] = true
			terms = append(terms, term)
		}
	}
	if len(terms) == 0 {
		return fmt.Errorf("category %q has no terms", t.Label)
	}
	t.Terms = terms
	if s.at == nil {
		s.at = map[string]int{}
	}
	s.at[t.Name] = len(s.list)
	s.list = append(s.list, t)
	return nil
}

// themeSlug names a theme from a category path: lower case, every run of
// characters other than a-z, 0-9, _ and - made one -, parts joined by -.
func themeSlug(path []string) string {
	var b strings.Builder
	dash := false
	for _, part := range path {
		for _, r := range strings.ToLower(part) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				dash = false
				b.WriteRune(r)
				continue
			}
			dash = true
		}
		dash = true
	}
	s := b.String()
	if len(s) > maxThemeName {
		s = strings.TrimRight(s[:maxThemeName], "-")
	}
	return s
}

// formatThemes writes themes as amendlens's dictionary YAML, checked by
// ParseDictionary.
func formatThemes(file string, themes []Theme) ([]byte, error) {
	if len(themes) == 0 {
		return nil, &DictionaryError{File: file, Msg: "no category with terms"}
	}
	out, err := yaml.Marshal(struct {
		Themes []Theme `yaml:"themes"`
	}{themes})
	if err != nil {
		return nil, err
	}
	name := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, filepath.Base(file))
	out = append([]byte("# Converted by amendlens from "+name+"\n"), out...)
	if _, err := ParseDictionary(file, out); err != nil {
		return nil, err
	}
	return out, nil
}
