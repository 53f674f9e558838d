package analysis

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"amendlens/parse"

	"go.yaml.in/yaml/v3"
)

// The editing of a dictionary: a term added to a theme, a theme added. The
// dictionary's YAML is changed in place, its other themes, its obligation
// scale and its comments kept, and read again as ParseDictionary reads
// any: the new dictionary is a new version, with a hash of its own.

// WithTerm returns d with term added to the terms of theme. An unknown
// theme, a term that is no term, or one the theme has already is an
// error of kind FailInvalid saying which.
func (d *Dictionary) WithTerm(theme, term string) (*Dictionary, error) {
	term = strings.TrimSpace(parse.Visible(term))
	if _, err := compileTerm(term); err != nil {
		return nil, Fail(FailInvalid, err.Error())
	}
	i := d.themeIndex(theme)
	if i < 0 {
		return nil, Fail(FailInvalid, fmt.Sprintf("the dictionary has no theme %q", theme))
	}
	if slices.ContainsFunc(d.Themes[i].Terms, func(t string) bool { return strings.EqualFold(t, term) }) {
		return nil, Fail(FailInvalid, fmt.Sprintf("theme %s has the term %q already", d.Label(theme), term))
	}
	return d.edit(func(list *yaml.Node) error {
		ownLists(list)
		item := yamlDeref(list.Content[i])
		terms := mappingValue(item, "terms")
		if terms == nil {
			return fmt.Errorf("theme %s has no terms to add to", theme)
		}
		terms.Style = 0
		terms.Content = append(terms.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: term})
		return nil
	})
}

// WithTheme returns d with a new theme named as a person would write it
// (its name the slug, its label as written) with terms. A name the
// dictionary has, or terms that are not terms, is an error of kind
// FailInvalid saying which.
func (d *Dictionary) WithTheme(label string, terms []string) (*Dictionary, error) {
	label = strings.TrimSpace(parse.Visible(label))
	name := themeSlug([]string{label})
	if name == "" {
		return nil, Fail(FailInvalid, fmt.Sprintf("a theme named %q: expected letters or digits", label))
	}
	if d.themeIndex(name) >= 0 {
		return nil, Fail(FailInvalid, fmt.Sprintf("the dictionary has a theme %s already", name))
	}
	var kept []string
	for _, t := range terms {
		if t = strings.TrimSpace(parse.Visible(t)); t == "" {
			continue
		}
		if _, err := compileTerm(t); err != nil {
			return nil, Fail(FailInvalid, err.Error())
		}
		kept = append(kept, t)
	}
	if len(kept) == 0 {
		return nil, Fail(FailInvalid, fmt.Sprintf("theme %s has no terms: expected at least one", label))
	}
	return d.edit(func(list *yaml.Node) error {
		str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, t := range kept {
			seq.Content = append(seq.Content, str(t))
		}
		item := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{str("name"), str(name)}}
		if label != name {
			item.Content = append(item.Content, str("label"), str(label))
		}
		item.Content = append(item.Content, str("terms"), seq)
		list.Content = append(list.Content, item)
		return nil
	})
}

// edit changes the themes list of d's YAML with change, and reads the
// result as a dictionary.
func (d *Dictionary) edit(change func(list *yaml.Node) error) (*Dictionary, error) {
	src := d.Source
	if len(src) == 0 {
		src = DefaultDictionaryYAML()
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, err
	}
	doc := yamlDeref(&root)
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = yamlDeref(doc.Content[0])
	}
	list := mappingValue(doc, "themes")
	if list == nil || yamlDeref(list).Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("the dictionary has no themes list to change")
	}
	if err := change(yamlDeref(list)); err != nil {
		return nil, Fail(FailInvalid, err.Error())
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return ParseDictionary("dictionary.yaml", out.Bytes())
}

// mappingValue returns the value of key in mapping m, nil when m has none.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	m = yamlDeref(m)
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// ownLists gives every theme of list a terms list of its own: a list the
// YAML shares between themes through an anchor and its aliases is copied
// into each, so that a term added to one is added to it alone.
func ownLists(list *yaml.Node) {
	var lists []*yaml.Node
	for _, item := range list.Content {
		if terms := mappingValue(item, "terms"); terms != nil {
			lists = append(lists, terms)
		}
	}
	for _, terms := range lists {
		if terms.Kind == yaml.AliasNode {
			copied := *yamlDeref(terms)
			copied.Content = slices.Clone(copied.Content)
			*terms = copied
		}
	}
	for _, terms := range lists {
		terms.Anchor = ""
	}
}
