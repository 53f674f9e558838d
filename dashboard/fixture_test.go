package dashboard

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"amendlens/analysis"
)

// fakeSource is an in-memory Source.
type fakeSource struct {
	mu     sync.Mutex
	docs   map[string]*analysis.Result
	infos  map[string]analysis.DocumentInfo
	rev    int64
	loads  int // calls of Load, to see the cache work
	lists  int // calls of Documents and Document
	probes int // calls of Changed
	saves  int
}

func newFakeSource(rs ...*analysis.Result) *fakeSource {
	f := &fakeSource{docs: make(map[string]*analysis.Result), infos: make(map[string]analysis.DocumentInfo)}
	for _, r := range rs {
		if err := f.Save(context.Background(), r); err != nil {
			panic(err)
		}
	}
	f.saves = 0
	return f
}

func (f *fakeSource) Documents(ctx context.Context) ([]analysis.DocumentInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lists++
	var out []analysis.DocumentInfo
	for _, info := range f.infos {
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (f *fakeSource) Document(ctx context.Context, name string) (analysis.DocumentInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lists++
	info, ok := f.infos[name]
	if !ok {
		return info, fmt.Errorf("fake: document %s: %w", name, analysis.ErrNotFound)
	}
	return info, nil
}

// Changed is the number of saves: the fake is one process.
func (f *fakeSource) Changed(ctx context.Context) (uint64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.probes++
	return uint64(f.rev), nil
}

func (f *fakeSource) Load(ctx context.Context, name string) (*analysis.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.loads++
	r, ok := f.docs[name]
	if !ok {
		return nil, fmt.Errorf("fake: load %s: %w", name, analysis.ErrNotFound)
	}
	return r, nil
}

// SaveAll saves every result, refusing a name given to another document as
// the store does.
func (f *fakeSource) SaveAll(ctx context.Context, rs []*analysis.Result) error {
	f.mu.Lock()
	for _, r := range rs {
		if info, ok := f.infos[r.Document.Name]; ok && info.Title != r.Document.Title {
			f.mu.Unlock()
			return &analysis.NameTakenError{Name: r.Document.Name, Title: r.Document.Title, Stored: info.Title}
		}
	}
	f.mu.Unlock()
	for _, r := range rs {
		if err := f.Save(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// Replace saves r in place of the stored document of its name, as the
// store does: an error when there is none.
func (f *fakeSource) Replace(ctx context.Context, r *analysis.Result) error {
	f.mu.Lock()
	_, ok := f.docs[r.Document.Name]
	f.mu.Unlock()
	if !ok {
		return fmt.Errorf("fake: replace %s: %w", r.Document.Name, analysis.ErrNotFound)
	}
	return f.Save(ctx, r)
}

func (f *fakeSource) Save(ctx context.Context, r *analysis.Result) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rev++
	f.saves++
	d := r.Document
	hash := ""
	if r.Dictionary != nil {
		hash = r.Dictionary.Hash
	}
	f.docs[d.Name] = r
	f.infos[d.Name] = analysis.DocumentInfo{
		Name: d.Name, Title: d.Title, Source: d.Source, Variants: d.Variants, Outcome: r.Outcome, Stages: stageVariants(d),
		Paragraphs: len(d.Paragraphs), Revision: f.rev, DictHash: hash,
		Ingested: time.Date(2025, 11, 26, 10, 0, 0, 0, time.UTC),
	}
	return nil
}

func (f *fakeSource) Delete(ctx context.Context, name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.docs[name]; !ok {
		return fmt.Errorf("fake: delete %s: %w", name, analysis.ErrNotFound)
	}
	delete(f.docs, name)
	delete(f.infos, name)
	f.rev++
	return nil
}

// testDictionary is the dictionary of the fixtures.
func testDictionary() *analysis.Dictionary {
	return withHash(&analysis.Dictionary{
		Themes: []analysis.Theme{
			{Name: "gender", Label: "Gender equality", Color: "#e64980", Terms: []string{"gender equality", "women"}},
			{Name: "stakeholders", Label: "Multistakeholder", Color: "#1c7ed6", Terms: []string{"civil society", "private sector"}},
			{Name: "access", Label: "Access", Color: "#37b24d", Terms: []string{"affordable", "access"}},
		},
	})
}

// withHash gives d a source, its theme names, and the hash of that source,
// as Result.Validate wants.
func withHash(d *analysis.Dictionary) *analysis.Dictionary {
	for _, th := range d.Themes {
		d.Source = append(d.Source, th.Name+"\n"...)
	}
	sum := sha256.Sum256(d.Source)
	d.Hash = hex.EncodeToString(sum[:])
	return d
}

// words counts the words of s as the pipeline does.
func words(s string) int {
	return analysis.CountWords(analysis.NewTokenizer().Tokenize(s))
}

// at returns the byte range of phrase in text; the fixture must contain it.
func at(text, phrase string) analysis.Range {
	i := strings.Index(text, phrase)
	if i < 0 {
		panic(fmt.Sprintf("fixture: %q not in %q", phrase, text))
	}
	return analysis.Range{Start: i, End: i + len(phrase)}
}

// ins is a span inserting phrase of variant.
// Its token range is its byte range: ranges of one text then overlap as
// the pipeline's token ranges would.
func ins(kind analysis.Kind, variant, phrase string) analysis.Span {
	return analysis.Span{Op: analysis.OpInsert, Kind: kind, VarBytes: at(variant, phrase), VarTok: at(variant, phrase), Added: words(phrase)}
}

// del is a span deleting phrase of base, placed before next in variant.
func del(base, phrase, variant, next string) analysis.Span {
	p := at(variant, next).Start
	return analysis.Span{Op: analysis.OpDelete, Kind: analysis.KindDeletion, BaseBytes: at(base, phrase), BaseTok: at(base, phrase),
		VarBytes: analysis.Range{Start: p, End: p}, VarTok: analysis.Range{Start: p, End: p}, Deleted: words(phrase)}
}

// hit is a theme hit on phrase of text.
func hit(theme, term, text, phrase string, ch analysis.Change) analysis.Hit {
	return analysis.Hit{Match: analysis.Match{Theme: theme, Term: term, Matched: phrase, Bytes: at(text, phrase), Tokens: at(text, phrase)}, Change: ch}
}

// fixtureDoc describes a document for buildResult: texts per paragraph and
// the spans and hits of each variant.
type fixtureDoc struct {
	doc   *analysis.Document
	comps map[[2]int]fixtureComp
}

type fixtureComp struct {
	spans []analysis.Span
	hits  []analysis.Hit
}

// buildResult fills a Result from a fixture: statuses and word counts as
// the pipeline finds them, then ratios, totals and section metrics by the
// pipeline's own code.
func buildResult(f fixtureDoc, dict *analysis.Dictionary, outcome int) *analysis.Result {
	d := f.doc
	nv := len(d.Variants)
	r := &analysis.Result{Document: d, Dictionary: dict, Outcome: outcome}
	for p, para := range d.Paragraphs {
		for v := 1; v < nv; v++ {
			fc := f.comps[[2]int{p, v}]
			c := analysis.Comparison{Paragraph: p, Variant: v, BaseWords: words(para.Texts[0]), VariantWords: words(para.Texts[v]), Spans: fc.spans, Hits: fc.hits}
			for _, s := range fc.spans {
				c.Added += s.Added
				c.Deleted += s.Deleted
			}
			switch {
			case para.Texts[v] == "":
				c.Status = analysis.StatusAbsent
			case para.Texts[0] == "":
				c.Status = analysis.StatusNew
			case len(fc.spans) == 0:
				c.Status = analysis.StatusUnchanged
			default:
				c.Status = analysis.StatusAmended
			}
			c.ChangeRatio = analysis.ChangeRatio(c.Added, c.Deleted, c.BaseWords)
			r.Comparisons = append(r.Comparisons, c)
		}
	}
	r.SumMetrics()
	return r
}

// Texts of the fixture document.
const (
	p1Base    = "We value access for all."
	p1North   = "We value affordable access for all, with gender equality."
	p1Outcome = "We value access for all, with gender equality."
	p2Base    = "Governments lead policy."
	p2North   = "Governments and civil society lead policy."
	p3North   = "Private sector participates."
	p3Outcome = "Private sector participates fully."
	p4Base    = "Security matters greatly."
	p4North   = "Security matters."
)

// fixtureResult is a small document: base, one proposal (North) and an
// outcome, three sections (one a subsection), four paragraphs.
func fixtureResult() *analysis.Result {
	d := &analysis.Document{
		Name:     "fixture",
		Title:    "fixture",
		Source:   "fixture.txt",
		Variants: []string{analysis.BaseName, "North", "Outcome"},
		Sections: []analysis.Section{
			{ID: "1", Title: "Introduction", Line: 1},
			{ID: "2", Title: "Stakeholders", Line: 10},
			{ID: "2a", Title: "Roles", Parent: "2", Line: 20},
		},
		Paragraphs: []analysis.Paragraph{
			{ID: "1", Section: "1", Line: 3, Texts: []string{p1Base, p1North, p1Outcome}},
			{ID: "2", Section: "2", Line: 12, Texts: []string{p2Base, p2North, ""}},
			{ID: "2bis", Section: "2a", New: true, Line: 22, Texts: []string{"", p3North, p3Outcome}},
			{ID: "3", Section: "2a", Line: 25, Texts: []string{p4Base, p4North, p4Base}},
		},
	}
	f := fixtureDoc{doc: d, comps: map[[2]int]fixtureComp{
		{0, 1}: {
			spans: []analysis.Span{ins(analysis.KindQualifier, p1North, "affordable "), ins(analysis.KindClause, p1North, ", with gender equality")},
			hits: []analysis.Hit{
				hit("access", "affordable", p1North, "affordable", analysis.ChangeAdded),
				hit("gender", "gender equality", p1North, "gender equality", analysis.ChangeAdded),
			},
		},
		{0, 2}: {
			spans: []analysis.Span{ins(analysis.KindClause, p1Outcome, ", with gender equality")},
			hits:  []analysis.Hit{hit("gender", "gender equality", p1Outcome, "gender equality", analysis.ChangeAdded)},
		},
		{1, 1}: {
			spans: []analysis.Span{ins(analysis.KindQualifier, p2North, "and civil society ")},
			hits:  []analysis.Hit{hit("stakeholders", "civil society", p2North, "civil society", analysis.ChangeAdded)},
		},
		{2, 1}: {
			spans: []analysis.Span{ins(analysis.KindNewParagraph, p3North, p3North)},
			hits:  []analysis.Hit{hit("stakeholders", "private sector", p3North, "Private sector", analysis.ChangeAdded)},
		},
		{2, 2}: {
			spans: []analysis.Span{ins(analysis.KindNewParagraph, p3Outcome, p3Outcome)},
			hits:  []analysis.Hit{hit("stakeholders", "private sector", p3Outcome, "Private sector", analysis.ChangeAdded)},
		},
		{3, 1}: {
			spans: []analysis.Span{del(p4Base, " greatly", p4North, ".")},
		},
	}}
	r := buildResult(f, testDictionary(), 2)
	r.SpanUptake = []analysis.SpanUptake{
		{Paragraph: 0, Proposal: 1, Span: 0, Verdict: analysis.VerdictNotAdopted, Words: 1, Adopted: 0},
		{Paragraph: 0, Proposal: 1, Span: 1, Verdict: analysis.VerdictAdopted, Words: 3, Adopted: 3},
		{Paragraph: 1, Proposal: 1, Span: 0, Verdict: analysis.VerdictPending, Words: 3, Adopted: 0},
		{Paragraph: 2, Proposal: 1, Span: 0, Verdict: analysis.VerdictPartly, Words: 3, Adopted: 3},
	}
	r.ThemeUptake = []analysis.ThemeUptake{
		{Proposal: 1, Theme: "gender", Proposed: 1, Adopted: 1},
		{Proposal: 1, Theme: "stakeholders", Proposed: 1, Adopted: 1, Pending: 1},
		{Proposal: 1, Theme: "access", Proposed: 1, Adopted: 0},
	}
	r.Unthemed = []analysis.Unthemed{
		{Variant: 1, Phrase: "participates", Count: 1},
		{Variant: 1, Phrase: "with", Count: 1},
		{Variant: 2, Phrase: "with", Count: 1},
		{Variant: 2, Phrase: "fully", Count: 1},
	}
	return r
}

// evil is text that tries to break out of every context it lands in.
const evil = "</script><script>alert(1)</script>\"'{{.}}\u2028\u2029__f__);alert(2);//<!--<script>alert(4)</script>"

// injectionResult is a document whose variant names, section title, theme
// label and texts all carry evil.
func injectionResult() *analysis.Result {
	base := "The text <script>alert(1)</script> stays."
	variant := "The text <script>alert(1)</script> stays " + evil + " women."
	d := &analysis.Document{
		Name:     "inject",
		Source:   "inject" + evil + ".txt",
		Variants: []string{analysis.BaseName, evil, "Plain"},
		Sections: []analysis.Section{{ID: "1", Title: evil, Line: 1}},
		Paragraphs: []analysis.Paragraph{
			{ID: "1", Section: "1", Line: 2, Texts: []string{base, variant, base}},
		},
	}
	dict := withHash(&analysis.Dictionary{
		Themes: []analysis.Theme{
			{Name: "gender", Label: evil, Color: "#e64980", Terms: []string{"women"}},
			// go-echarts' own renderer strips a quote next to "__f__"; the
			// dashboard encodes options itself, and the text must stay text.
			{Name: "access", Label: "__f__);alert(3);//", Color: "#37b24d", Terms: []string{"nothing"}},
		},
	})
	f := fixtureDoc{doc: d, comps: map[[2]int]fixtureComp{
		{0, 1}: {
			spans: []analysis.Span{ins(analysis.KindClause, variant, " "+evil+" women")},
			hits:  []analysis.Hit{hit("gender", "women", variant, "women", analysis.ChangeAdded)},
		},
	}}
	r := buildResult(f, dict, 0)
	r.Document.Sections[0].Title = evil
	r.Unthemed = []analysis.Unthemed{{Variant: 1, Phrase: evil, Count: 2}}
	return r
}

// mustServer builds the dashboard on src.
func mustServer(t testing.TB, src Source, mod func(*Config)) *server {
	t.Helper()
	cfg := Config{Source: src, Dictionary: testDictionary()}
	if mod != nil {
		mod(&cfg)
	}
	s, err := newServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Tests change the source between requests and look at once.
	s.catalog.interval = 0
	return s
}

func nan() float64 { return math.NaN() }

func inf() float64 { return math.Inf(1) }

// stageVariants returns the variants of d's stages, as the store lists
// them.
func stageVariants(d *analysis.Document) []int {
	var out []int
	for _, s := range d.Stages {
		out = append(out, s.Variant)
	}
	return out
}

func (f *fakeSource) Judge(ctx context.Context, doc string, j analysis.Judgement) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.docs[doc]
	if !ok {
		return fmt.Errorf("fake: judge in %s: %w", doc, analysis.ErrNotFound)
	}
	// A new result, as a load from a database would give: pages drawn
	// from the old one stay as they were.
	nr := *r
	nr.Judgements = nil
	for _, old := range r.Judgements {
		if old.ChangeID != j.ChangeID || old.JudgedAt != j.JudgedAt {
			nr.Judgements = append(nr.Judgements, old)
		}
	}
	nr.Judgements = append(nr.Judgements, j)
	f.docs[doc] = &nr
	f.rev++
	info := f.infos[doc]
	info.Revision = f.rev
	f.infos[doc] = info
	return nil
}
