package analysis

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"amendlens/parse"

	"go.yaml.in/yaml/v3"
)

// obligationScale is a scale of how strongly a text binds, strongest level
// first ("shall" above "should" above "invite" above "take note"): an
// adopted insertion whose governing term is in a weaker level in the
// outcome than in the proposal was weakened (see Evidence.Weakened).
type obligationScale struct {
	Levels []obligationLevel
	// terms holds every term's words, by its first word, longest first.
	terms map[string][]obligationTerm
}

// obligationLevel is one level of an obligation scale and the terms that
// express it.
type obligationLevel struct {
	Name  string
	Terms []string
}

// obligationTerm is one compiled term of a scale.
type obligationTerm struct {
	words []string // case-folded
	level int      // index into Levels
	text  string   // as the scale writes it
}

//go:embed obligations.yaml
var defaultObligationsYAML []byte

// DefaultObligationsYAML returns a copy of the YAML of the built-in
// obligation scale, which a theme dictionary without its own uses.
func DefaultObligationsYAML() []byte { return bytes.Clone(defaultObligationsYAML) }

// loadObligations returns the built-in obligation scale. It panics if
// the embedded YAML does not parse, which a test of this package rules out.
func loadObligations() *obligationScale {
	o, err := parseObligations("obligations.yaml", defaultObligationsYAML)
	if err != nil {
		panic(fmt.Sprintf("analysis: default obligations: %v", err))
	}
	return o
}

// parseObligations reads an obligation scale in YAML, a mapping whose
// "obligations" key lists the levels, strongest first:
//
//	obligations:
//	  - level: decide
//	    terms: [shall, must, decide]
//	  - level: request
//	    terms: [should, request, "call upon"]
//
// A level without a name or terms, a term that is empty or holds no word,
// and a term in two levels are refused with a *DictionaryError naming file
// and line.
func parseObligations(file string, data []byte) (*obligationScale, error) {
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &DictionaryError{File: file, Line: 1, Msg: "no obligations: expected a mapping with an \"obligations\" list"}
		}
		return nil, yamlError(file, err)
	}
	p := dictParser{file: file}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = yamlDeref(doc.Content[0])
	}
	if doc == nil || doc.Kind != yaml.MappingNode {
		return nil, p.errorf(doc, "expected a mapping with an \"obligations\" list, found %s", yamlKindName(doc))
	}
	var list *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if k := doc.Content[i]; k.Value != "obligations" {
			return nil, p.errorf(k, "unknown key %q, expected \"obligations\"", k.Value)
		}
		list = yamlDeref(doc.Content[i+1])
	}
	if list == nil {
		return nil, p.errorf(doc, "no obligations: expected an \"obligations\" list")
	}
	return p.obligations(list)
}

// maxObligationTerms bounds a scale: the words of obligation of a language
// are tens, not thousands.
const maxObligationTerms = 1000

// obligations reads the list of levels of a scale.
func (p *dictParser) obligations(list *yaml.Node) (*obligationScale, error) {
	if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		return nil, p.errorf(list, "\"obligations\" must be a list of levels, strongest first, found %s", yamlKindName(list))
	}
	o := &obligationScale{terms: map[string][]obligationTerm{}}
	seen := map[string]int{}
	count := 0
	for _, item := range list.Content {
		n := yamlDeref(item)
		if n == nil || n.Kind != yaml.MappingNode {
			return nil, p.errorf(n, "expected a level (a mapping with level and terms), found %s", yamlKindName(n))
		}
		var lv obligationLevel
		var terms *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], yamlDeref(n.Content[i+1])
			switch k.Value {
			case "level":
				s, err := p.scalar(v, "a level name")
				if err != nil {
					return nil, err
				}
				lv.Name = strings.TrimSpace(parse.Visible(s))
			case "terms":
				terms = v
			default:
				return nil, p.errorf(k, "unknown key %q in a level, expected level or terms", k.Value)
			}
		}
		if lv.Name == "" {
			return nil, p.errorf(n, "level without a name: expected \"level: name\"")
		}
		if terms == nil || terms.Kind != yaml.SequenceNode || len(terms.Content) == 0 {
			return nil, p.errorf(n, "level %q has no terms: expected a \"terms\" list", lv.Name)
		}
		for _, tn := range terms.Content {
			s, err := p.scalar(yamlDeref(tn), "a term")
			if err != nil {
				return nil, err
			}
			words := strings.Fields(strings.ToLower(normalizeMatchText(s)))
			if len(words) == 0 {
				return nil, p.errorf(tn, "level %q: empty term", lv.Name)
			}
			key := strings.Join(words, " ")
			if first, dup := seen[key]; dup {
				return nil, p.errorf(tn, "level %q: term %q is already in the scale (line %d)", lv.Name, s, first)
			}
			if count++; count > maxObligationTerms {
				return nil, p.errorf(tn, "more than %d terms: expected a scale of at most %d", maxObligationTerms, maxObligationTerms)
			}
			seen[key] = tn.Line
			lv.Terms = append(lv.Terms, s)
			t := obligationTerm{words: words, level: len(o.Levels), text: key}
			o.terms[words[0]] = append(o.terms[words[0]], t)
		}
		o.Levels = append(o.Levels, lv)
	}
	for w, ts := range o.terms {
		// The longest term first, so that "take note" wins over "note".
		for i := 1; i < len(ts); i++ {
			for j := i; j > 0 && len(ts[j].words) > len(ts[j-1].words); j-- {
				ts[j], ts[j-1] = ts[j-1], ts[j]
			}
		}
		o.terms[w] = ts
	}
	return o, nil
}

// obligationHit is a term of a scale found in a text.
type obligationHit struct {
	tok      int // index of its first token
	sentence int // index of its sentence (see sentences)
	level    int
	term     string
}

// find returns the terms of the scale in toks, in order, each with the
// sentence it stands in (sentences counts the sentence breaks before a
// token).
func (o *obligationScale) find(toks []Token, sentences []int) []obligationHit {
	if o == nil {
		return nil
	}
	var hits []obligationHit
	for i := 0; i < len(toks); i++ {
		if !toks[i].Word {
			continue
		}
	terms:
		for _, t := range o.terms[toks[i].Norm] {
			j := i
			for _, w := range t.words {
				for j < len(toks) && !toks[j].Word {
					j++
				}
				if j == len(toks) || toks[j].Norm != w {
					continue terms
				}
				j++
			}
			hits = append(hits, obligationHit{tok: i, sentence: sentences[i], level: t.level, term: t.text})
			i = j - 1
			break
		}
	}
	return hits
}

// sentences returns, for every token of toks, the number of sentence
// breaks before it: a full stop, a semicolon, a colon, a question or
// exclamation mark, or a line break.
func sentences(toks []Token, text string) []int {
	out := make([]int, len(toks))
	n := 0
	for i, t := range toks {
		out[i] = n
		switch t.Text {
		case ".", ";", ":", "?", "!":
			n++
		default:
			if i+1 < len(toks) && strings.Contains(text[t.End:toks[i+1].Start], "\n") {
				n++
			}
		}
	}
	return out
}

// governing returns the term of hits that governs words of sentence
// sentence ending at token end (exclusive): the last one that starts
// before end, if it is in that sentence; ok is false when there is none.
func governing(hits []obligationHit, sentence, end int) (obligationHit, bool) {
	for i := len(hits) - 1; i >= 0; i-- {
		h := hits[i]
		switch {
		case h.tok >= end:
			continue
		case h.sentence != sentence:
			return obligationHit{}, false
		}
		return h, true
	}
	return obligationHit{}, false
}

// weakened returns "from>to" when the outcome's governing term to is in a
// weaker level than the proposal's from, else "".
func weakened(from, to obligationHit, okFrom, okTo bool) string {
	if !okFrom || !okTo || to.level <= from.level {
		return ""
	}
	return from.term + ">" + to.term
}

// scale returns the obligation scale of a dictionary: its own
// ("obligations:" in its YAML) or the built-in one.
func (d *Dictionary) scale() *obligationScale {
	if d != nil && d.obligations != nil {
		return d.obligations
	}
	return defaultObligations()
}

// defaultObligations is the built-in scale, compiled once when first
// needed: it is only read.
var defaultObligations = sync.OnceValue(loadObligations)
