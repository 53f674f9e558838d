package analysis

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"amendlens/parse"

	"go.yaml.in/yaml/v3"
)

// Dictionary is a set of themes and their terms, compiled for matching.
// Build one with ParseDictionary or DefaultDictionary; a Dictionary is not
// changed by matching and may be used by several goroutines at once.
type Dictionary struct {
	Themes []Theme
	Source []byte // the YAML it was read from
	Hash   string // hex SHA-256 of Source: traces a figure to the dictionary that produced it

	// obligations is the dictionary's own obligation scale, nil for the
	// built-in one (see Dictionary.scale).
	obligations *obligationScale

	// stopwords are the dictionary's own words that no unthemed phrase
	// starts or ends with (the stopwords key), normalised; English
	// function words are stopwords whatever the dictionary.
	stopwords map[string]bool
	// language is the language key's code (see stopLanguages): the language
	// whose function words are stopwords; "" to detect it from the text.
	language string

	index map[string]int // theme name -> index into Themes
	m     *matcher       // compiled terms; nil when the Dictionary was not parsed
}

// DictionaryError is a fault in a theme dictionary, located by file and
// 1-based line.
type DictionaryError struct {
	File string
	Line int // 0 when the fault has no line
	Msg  string
}

// Error returns "file:line: msg".
func (e *DictionaryError) Error() string {
	if e.Line <= 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

//go:embed themes.yaml
var defaultDictionaryYAML []byte

// DefaultDictionaryYAML returns a copy of the YAML of the default dictionary,
// the one DefaultDictionary parses.
func DefaultDictionaryYAML() []byte {
	return bytes.Clone(defaultDictionaryYAML)
}

// DefaultDictionary returns the default dictionary, parsed afresh so that
// callers may not disturb each other. It panics if the embedded YAML does not
// parse, which a test of this package rules out.
func DefaultDictionary() *Dictionary {
	d, err := ParseDictionary("themes.yaml", DefaultDictionaryYAML())
	if err != nil {
		panic(fmt.Sprintf("analysis: default dictionary: %v", err))
	}
	return d
}

// The limits of a dictionary's names.
const maxThemeName = 64

// maxThemes bounds the themes of a dictionary. Published dictionaries have
// tens of categories (LIWC about 70, the Laver-Garry dictionary about 20);
// every theme is a colour, a legend entry, a column of the heatmap and of
// the tables, and a page of its own, so that a dictionary of a hundred
// thousand categories would make every page of its documents slow.
const maxThemes = 1000

// The limits of a dictionary's size, counted as the themes use their terms:
// a list of terms shared through a YAML alias counts once for each theme
// that names it, since each compiles its own copy. The largest published
// dictionaries (LIWC, the Lexicoder and Laver-Garry dictionaries) have
// thousands to tens of thousands of terms; a file of a few hundred KB that
// aliases one long list from a thousand themes would otherwise expand to
// gigabytes. The size is counted before anything is compiled (see
// checkSize), so refusing costs one pass over the YAML's nodes.
const (
	maxDictTerms     = 100_000
	maxDictTermBytes = 4 << 20
)

var (
	themeNameRE  = regexp.MustCompile(`^[a-z0-9_-]+$`)
	themeColorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	yamlLineRE   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// ParseDictionary reads a theme dictionary in YAML:
//
//	themes:
//	  - name: gender            # a-z, 0-9, _ and -
//	    label: Gender equality  # optional
//	    color: "#c2185b"        # optional
//	    terms: ["gender*", "women", "men and women"]
//
// It rejects, with a *DictionaryError naming file, line and what was
// expected: a dictionary of more than 100,000 terms or 4 MiB of terms,
// counting a list shared through a YAML alias once for each theme that names
// it (checked before any term is compiled), YAML that does not parse,
// unknown keys, a dictionary without
// themes, a missing, invalid or duplicate theme name, a missing or empty
// terms list, a term that is empty, only "*", has "*" other than at its end,
// has punctuation that separates words, or repeats another term of its theme,
// and a colour that is not "#rrggbb". file names the source in errors.
func ParseDictionary(file string, data []byte) (*Dictionary, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &DictionaryError{File: file, Line: 1, Msg: "no themes: expected a mapping with a \"themes\" list"}
		}
		return nil, yamlError(file, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &DictionaryError{File: file, Line: extra.Line, Msg: "expected a single YAML document, found another"}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(file, err)
	}
	p := dictParser{file: file}
	themes, obligations, err := p.document(&root)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	d := &Dictionary{Themes: themes, Source: bytes.Clone(data), Hash: hex.EncodeToString(sum[:]), obligations: obligations, stopwords: p.stopwords, language: p.language}
	d.index = make(map[string]int, len(themes))
	for i, t := range themes {
		d.index[t.Name] = i
	}
	d.m = compileMatcher(themes)
	return d, nil
}

// isYAMLParserProblem reports whether msg is a problem the YAML parser, as
// opposed to its scanner, reports. yaml.v3 gives their line counted from 0,
// and leaves it out when it is the first; for those of an unclosed block or
// bracket it is the line where that opened.
func isYAMLParserProblem(msg string) bool {
	switch msg {
	case "did not find expected <stream-start>",
		"did not find expected <document start>",
		"found undefined tag handle",
		"did not find expected node content",
		"did not find expected '-' indicator",
		"did not find expected key",
		"did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"found duplicate %YAML directive",
		"found incompatible YAML document",
		"found duplicate %TAG directive":
		return true
	}
	return false
}

// yamlError turns an error of the YAML decoder into a DictionaryError,
// lifting the line out of its text.
func yamlError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if isYAMLParserProblem(msg) {
		line++
	}
	return &DictionaryError{File: file, Line: line, Msg: "invalid YAML: " + msg}
}

// dictParser walks the YAML node tree of a dictionary.
type dictParser struct {
	file      string
	stopwords map[string]bool // the stopwords key's words, normalised
	language  string          // the language key's code, "" for auto
}

func (p *dictParser) errorf(n *yaml.Node, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &DictionaryError{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// deref follows aliases to the node they name.
func yamlDeref(n *yaml.Node) *yaml.Node {
	for i := 0; i < 16 && n != nil && n.Kind == yaml.AliasNode; i++ {
		n = n.Alias
	}
	return n
}

// kindName says what a node is, for error messages.
func yamlKindName(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "something else"
}

func (p *dictParser) document(root *yaml.Node) ([]Theme, *obligationScale, error) {
	doc := root
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, nil, p.errorf(doc, "no themes: expected a mapping with a \"themes\" list")
		}
		doc = yamlDeref(doc.Content[0])
	}
	if doc == nil || doc.Kind != yaml.MappingNode {
		return nil, nil, p.errorf(doc, "expected a mapping with a \"themes\" list, found %s", yamlKindName(doc))
	}
	var list, listKey *yaml.Node
	var obligations *obligationScale
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], yamlDeref(doc.Content[i+1])
		switch k.Value {
		case "themes":
			if list != nil {
				return nil, nil, p.errorf(k, "key \"themes\" repeated (first at line %d)", listKey.Line)
			}
			list, listKey = v, k
		case "obligations":
			if obligations != nil {
				return nil, nil, p.errorf(k, "key \"obligations\" repeated")
			}
			o, err := p.obligations(v)
			if err != nil {
				return nil, nil, err
			}
			obligations = o
		case "stopwords":
			if err := p.stopwordList(k, v); err != nil {
				return nil, nil, err
			}
		case "language":
			if err := p.languageKey(v); err != nil {
				return nil, nil, err
			}
		default:
			return nil, nil, p.errorf(k, "unknown key %q, expected \"themes\", \"obligations\", \"stopwords\" or \"language\"", k.Value)
		}
	}
	if list == nil {
		return nil, nil, p.errorf(doc, "no themes: expected a \"themes\" list")
	}
	if list.Kind != yaml.SequenceNode {
		return nil, nil, p.errorf(list, "\"themes\" must be a list of themes, found %s", yamlKindName(list))
	}
	if len(list.Content) == 0 {
		return nil, nil, p.errorf(list, "no themes: expected at least one theme in \"themes\"")
	}
	if len(list.Content) > maxThemes {
		return nil, nil, p.errorf(list.Content[maxThemes], "%s themes, the limit is %s: expected a dictionary of at most %s themes", parse.FormatCount(int64(len(list.Content))), parse.FormatCount(maxThemes), parse.FormatCount(maxThemes))
	}
	if err := p.checkSize(list); err != nil {
		return nil, nil, err
	}
	themes := make([]Theme, 0, len(list.Content))
	seen := make(map[string]int)
	for _, item := range list.Content {
		t, nameNode, err := p.theme(yamlDeref(item))
		if err != nil {
			return nil, nil, err
		}
		if first, dup := seen[t.Name]; dup {
			return nil, nil, p.errorf(nameNode, "duplicate theme name %q (first at line %d)", t.Name, first)
		}
		seen[t.Name] = nameNode.Line
		themes = append(themes, t)
	}
	return themes, obligations, nil
}

// checkSize counts the terms of the themes of list and their bytes as the
// themes will use them, an aliased list once per theme that names it, and
// returns an error at the first theme that passes maxDictTerms or
// maxDictTermBytes. The bytes of each list are summed once, so the count
// costs one pass over the nodes however many aliases name them. Themes that
// are not mappings or have no list of terms are left for theme to refuse.
func (p *dictParser) checkSize(list *yaml.Node) error {
	listBytes := make(map[*yaml.Node]int)
	terms, size := 0, 0
	for _, item := range list.Content {
		n := yamlDeref(item)
		if n == nil || n.Kind != yaml.MappingNode {
			continue
		}
		name := "?"
		for i := 0; i+1 < len(n.Content); i += 2 {
			if v := yamlDeref(n.Content[i+1]); n.Content[i].Value == "name" && v != nil && v.Kind == yaml.ScalarNode {
				name = parse.Quote(v.Value)
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			at := n.Content[i+1]
			v := yamlDeref(at)
			if n.Content[i].Value != "terms" || v == nil || v.Kind != yaml.SequenceNode {
				continue
			}
			b, ok := listBytes[v]
			if !ok {
				for _, tn := range v.Content {
					if tn = yamlDeref(tn); tn != nil {
						b += len(tn.Value)
					}
				}
				listBytes[v] = b
			}
			terms += len(v.Content)
			size += b
			switch {
			case terms > maxDictTerms:
				return p.errorf(at, "theme %s brings the dictionary to %s terms, the limit is %s (a list shared through a YAML alias counts once for each theme): expected fewer themes or terms",
					name, parse.FormatCount(int64(terms)), parse.FormatCount(maxDictTerms))
			case size > maxDictTermBytes:
				return p.errorf(at, "theme %s brings the dictionary's terms to %s bytes, the limit is %s (a list shared through a YAML alias counts once for each theme): expected fewer or shorter terms",
					name, parse.FormatCount(int64(size)), parse.FormatSize(maxDictTermBytes))
			}
		}
	}
	return nil
}

// theme reads one theme; it also returns the node of its name for messages.
func (p *dictParser) theme(n *yaml.Node) (Theme, *yaml.Node, error) {
	var t Theme
	if n.Kind != yaml.MappingNode {
		return t, nil, p.errorf(n, "expected a theme (a mapping with name and terms), found %s", yamlKindName(n))
	}
	var nameNode, termsNode *yaml.Node
	named := "" // the name as written when its slug names the theme
	keys := make(map[string]int)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], yamlDeref(n.Content[i+1])
		if first, dup := keys[k.Value]; dup {
			return t, nil, p.errorf(k, "key %q repeated (first at line %d)", k.Value, first)
		}
		keys[k.Value] = k.Line
		switch k.Value {
		case "name":
			s, err := p.scalar(v, "a theme name")
			if err != nil {
				return t, nil, err
			}
			name := s
			if !themeNameRE.MatchString(name) {
				// A name as people write it ("Human Rights") is the
				// label; its slug names the theme.
				name = themeSlug([]string{parse.Visible(s)})
				named = strings.TrimSpace(parse.Visible(s))
			}
			if name == "" || len(name) > maxThemeName {
				return t, nil, p.errorf(v, "invalid theme name %q: expected 1 to %d letters or digits (a-z, 0-9, _ and - as they are; other names are made so)", s, maxThemeName)
			}
			t.Name, nameNode = name, v
		case "label":
			s, err := p.scalar(v, "a label")
			if err != nil {
				return t, nil, err
			}
			t.Label = strings.TrimSpace(parse.Visible(s))
		case "color", "colour":
			s, err := p.scalar(v, "a colour")
			if err != nil {
				return t, nil, err
			}
			s = strings.TrimSpace(s)
			if s != "" && !themeColorRE.MatchString(s) {
				return t, nil, p.errorf(v, "bad colour %q: expected \"#rrggbb\" such as \"#c2185b\"", s)
			}
			t.Color = s
		case "terms":
			termsNode = v
		default:
			return t, nil, p.errorf(k, "unknown key %q in a theme, expected name, label, color or terms", k.Value)
		}
	}
	if nameNode == nil {
		return t, nil, p.errorf(n, "theme without a name: expected \"name: slug\"")
	}
	if t.Label == "" {
		t.Label = named
	}
	if termsNode == nil {
		return t, nil, p.errorf(n, "theme %q has no terms: expected a \"terms\" list", t.Name)
	}
	if termsNode.Kind != yaml.SequenceNode {
		return t, nil, p.errorf(termsNode, "terms of theme %q must be a list, found %s", t.Name, yamlKindName(termsNode))
	}
	if len(termsNode.Content) == 0 {
		return t, nil, p.errorf(termsNode, "theme %q has an empty terms list: expected at least one term", t.Name)
	}
	seen := make(map[string]int)
	for _, tn := range termsNode.Content {
		tn = yamlDeref(tn)
		s, err := p.scalar(tn, "a term")
		if err != nil {
			return t, nil, err
		}
		// The parsers remove hidden format characters from the texts, so a
		// term must lose them too to match: a zero-width space pasted into
		// "gen\u200Bder" would otherwise never match anything.
		s, _ = parse.StripHidden(s)
		s = strings.TrimSpace(s)
		ct, err := compileTerm(s)
		if err != nil {
			return t, nil, p.errorf(tn, "theme %q: %v", t.Name, err)
		}
		key := ct.key()
		if first, dup := seen[key]; dup {
			return t, nil, p.errorf(tn, "theme %q: term %q repeats the term at line %d", t.Name, s, first)
		}
		seen[key] = tn.Line
		t.Terms = append(t.Terms, s)
	}
	return t, nameNode, nil
}

// scalar returns the text of a scalar node; what says what was expected.
func (p *dictParser) scalar(n *yaml.Node, what string) (string, error) {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", p.errorf(n, "expected %s, found %s", what, yamlKindName(n))
	}
	if !utf8.ValidString(n.Value) {
		return "", p.errorf(n, "expected %s in UTF-8", what)
	}
	return n.Value, nil
}

// Names returns the theme names in dictionary order.
func (d *Dictionary) Names() []string {
	names := make([]string, len(d.Themes))
	for i, t := range d.Themes {
		names[i] = t.Name
	}
	return names
}

// themeIndex returns the index of the named theme, or -1.
func (d *Dictionary) themeIndex(name string) int {
	if d.index != nil {
		if i, ok := d.index[name]; ok {
			return i
		}
		return -1
	}
	for i, t := range d.Themes {
		if t.Name == name {
			return i
		}
	}
	return -1
}

// Label returns the label of the named theme, its name when it has no
// label, and the given name when the dictionary has no such theme.
func (d *Dictionary) Label(theme string) string {
	if i := d.themeIndex(theme); i >= 0 && d.Themes[i].Label != "" {
		return d.Themes[i].Label
	}
	return theme
}

// languageKey reads the language key's value v: a code of stopLanguages, or
// auto to detect the language from each text.
func (p *dictParser) languageKey(v *yaml.Node) error {
	code, err := p.scalar(v, "language")
	if err != nil {
		return err
	}
	code = strings.ToLower(strings.TrimSpace(code))
	if code == "auto" {
		return nil
	}
	var codes []string
	for _, l := range stopLanguages {
		if l.Code == code {
			p.language = code
			return nil
		}
		codes = append(codes, l.Code+" ("+l.Name+")")
	}
	return p.errorf(v, "language %q: expected auto or one of %s", code, strings.Join(codes, ", "))
}

// maxStopwords bounds a dictionary's own stopwords.
const maxStopwords = 10000

// stopwordList reads the stopwords key k's value v: a list of words, each
// lower-cased as tokens are, that unthemed phrases are trimmed of.
func (p *dictParser) stopwordList(k, v *yaml.Node) error {
	if p.stopwords != nil {
		return p.errorf(k, "key \"stopwords\" repeated")
	}
	if v.Kind != yaml.SequenceNode {
		return p.errorf(v, "\"stopwords\" must be a list of words, found %s", yamlKindName(v))
	}
	if len(v.Content) > maxStopwords {
		return p.errorf(v.Content[maxStopwords], "%d stopwords, the limit is %d", len(v.Content), maxStopwords)
	}
	p.stopwords = make(map[string]bool, len(v.Content))
	for _, n := range v.Content {
		w, err := p.scalar(n, "stopword")
		if err != nil {
			return err
		}
		w = normalizeMatchText(strings.TrimSpace(parse.Visible(w)))
		if w == "" || strings.ContainsAny(w, " \t") {
			return p.errorf(n, "stopword %q: expected one word", w)
		}
		p.stopwords[w] = true
	}
	return nil
}
