package analysis

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Options tune Analyse.
type Options struct {
	// Outcome names the variant that holds the agreed text. Empty means the
	// last column when the document has 3 or more; "none" means no outcome.
	Outcome string
	// Workers is how many paragraphs are analysed at once; 0 means GOMAXPROCS.
	Workers int
	// Tokenizer is shared by the workers; nil means a new one.
	Tokenizer *Tokenizer
	// Progress, when set, is called from one goroutine at a time with the
	// number of paragraphs done and the total.
	Progress func(done, total int)
}

// NoOutcome is the Options.Outcome value that makes every variant a proposal.
const NoOutcome = "none"

// Analyse compares every variant of every paragraph of doc with the base,
// matches the themes of dict in the added and deleted words, and derives
// uptake and metrics. It does not modify doc.
func Analyse(doc *Document, dict *Dictionary, opts Options) (*Result, error) {
	if dict == nil {
		return nil, fmt.Errorf("analyse %s: no theme dictionary", doc.Name)
	}
	if len(doc.Variants) < 2 {
		return nil, fmt.Errorf("analyse %s: %d columns, want a base and at least one variant", doc.Name, len(doc.Variants))
	}
	name := opts.Outcome
	if name == "" {
		name = doc.Outcome
	}
	outcome, err := outcomeIndex(doc.Variants, name)
	if err != nil {
		return nil, fmt.Errorf("analyse %s: %w", doc.Name, err)
	}
	r := &Result{
		Document:    doc,
		Dictionary:  dict,
		Outcome:     outcome,
		Comparisons: make([]Comparison, len(doc.Paragraphs)*(len(doc.Variants)-1)),
	}
	compare(r, opts)
	r.Sections, r.Totals = metrics(r)
	return r, nil
}

// outcomeIndex resolves Options.Outcome to a variant index.
func outcomeIndex(variants []string, name string) (int, error) {
	switch {
	case name == NoOutcome:
		return 0, nil
	case name == AcceptAll:
		name = AcceptedName
	case name == "":
		if len(variants) >= 3 {
			return len(variants) - 1, nil
		}
		return 0, nil
	}
	for v := 1; v < len(variants); v++ {
		if strings.EqualFold(variants[v], strings.TrimSpace(name)) {
			if len(variants) < 3 {
				return 0, fmt.Errorf("outcome %q: an outcome needs at least one proposal beside it (3 columns or more)", name)
			}
			return v, nil
		}
	}
	return 0, fmt.Errorf("outcome %q: no such variant; the variants are %s", name, strings.Join(variants[1:], ", "))
}

// paragraphWork is what the analysis of one paragraph yields besides its
// comparisons, kept apart until every paragraph is done so that the merge is
// in document order whatever the order the workers finished in.
type paragraphWork struct {
	phrases [][]string // unthemed phrases per variant
	spans   []SpanUptake
	themes  []ThemeUptake
}

// compare fills r.Comparisons, r.Unthemed and the uptake of r, spreading
// paragraphs over workers.
func compare(r *Result, opts Options) {
	doc := r.Document
	tok := opts.Tokenizer
	if tok == nil {
		tok = NewTokenizer()
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nv := len(doc.Variants)
	work := make([]paragraphWork, len(doc.Paragraphs))
	next := make(chan int)
	var (
		wg       sync.WaitGroup
		progress sync.Mutex
		done     int
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			toks := make([][]Token, nv)
			for p := range next {
				para := &doc.Paragraphs[p]
				for v := range nv {
					toks[v] = tok.Tokenize(para.Texts[v])
				}
				w := &work[p]
				w.phrases = make([][]string, nv)
				for v := 1; v < nv; v++ {
					w.phrases[v] = compareCell(r.Comparison(p, v), r.Dictionary, p, v, para, toks[0], toks[v])
				}
				if r.Outcome > 0 {
					w.spans, w.themes = paragraphUptake(r, p, toks)
				}
				if opts.Progress != nil {
					progress.Lock()
					done++
					opts.Progress(done, len(doc.Paragraphs))
					progress.Unlock()
				}
			}
		}()
	}
	for p := range doc.Paragraphs {
		next <- p
	}
	close(next)
	wg.Wait()

	byVariant := make([][]string, nv)
	for p := range work {
		for v := 1; v < nv; v++ {
			byVariant[v] = append(byVariant[v], work[p].phrases[v]...)
		}
	}
	r.Unthemed = countUnthemed(byVariant)
	if r.Outcome > 0 {
		r.SpanUptake, r.ThemeUptake = mergeUptake(r, work)
	}
}

// compareCell fills c with the comparison of one variant's text of a
// paragraph with the base, and returns the phrases it added that no theme
// matched.
func compareCell(c *Comparison, dict *Dictionary, p, v int, para *Paragraph, base, variant []Token) []string {
	c.Paragraph, c.Variant = p, v
	c.BaseWords = CountWords(base)
	if strings.TrimSpace(para.Texts[v]) == "" {
		c.Status = StatusAbsent
		return nil
	}
	c.VariantWords = CountWords(variant)
	c.Bracketed = BracketedWords(para.Texts[v], variant)
	c.Spans = Diff(base, variant)
	for _, s := range c.Spans {
		c.Added += s.Added
		c.Deleted += s.Deleted
	}
	switch {
	case para.New || strings.TrimSpace(para.Texts[0]) == "":
		c.Status = StatusNew
	case len(c.Spans) == 0:
		c.Status = StatusUnchanged
	default:
		c.Status = StatusAmended
	}
	c.ChangeRatio = changeRatio(c.Added, c.Deleted, c.BaseWords)
	c.Hits = Hits(dict, base, variant, c.Spans)
	return UnthemedPhrases(variant, c.Spans, c.Hits)
}

// changeRatio is (added + deleted) / base, kept finite: a text with no base
// words changed wholly (1) when anything was added, else not at all (0).
func changeRatio(added, deleted, base int) float64 {
	if base == 0 {
		if added+deleted > 0 {
			return 1
		}
		return 0
	}
	return float64(added+deleted) / float64(base)
}

// countUnthemed counts the phrases of each variant, most frequent first.
func countUnthemed(byVariant [][]string) []Unthemed {
	var out []Unthemed
	for v, phrases := range byVariant {
		counts := map[string]int{}
		for _, ph := range phrases {
			counts[ph]++
		}
		start := len(out)
		for ph, n := range counts {
			out = append(out, Unthemed{Variant: v, Phrase: ph, Count: n})
		}
		part := out[start:]
		sort.Slice(part, func(i, j int) bool {
			if part[i].Count != part[j].Count {
				return part[i].Count > part[j].Count
			}
			return part[i].Phrase < part[j].Phrase
		})
	}
	return out
}
