package analysis

// metrics sums the comparisons of r per section and variant, and per variant
// for the whole document. A paragraph counts for its section and, when that
// is a subsection, for the parent section too.
func metrics(r *Result) ([]SectionMetrics, []Metrics) {
	doc := r.Document
	nv := len(doc.Variants)
	index := make(map[string]int, len(doc.Sections))
	sections := make([]SectionMetrics, 0, len(doc.Sections)*(nv-1))
	for i, s := range doc.Sections {
		index[s.ID] = i
		for v := 1; v < nv; v++ {
			sections = append(sections, SectionMetrics{Section: s.ID, Variant: v, Metrics: newMetrics()})
		}
	}
	totals := make([]Metrics, nv)
	for v := 1; v < nv; v++ {
		totals[v] = newMetrics()
	}
	at := func(id string, v int) *Metrics {
		i, ok := index[id]
		if !ok {
			return nil
		}
		return &sections[i*(nv-1)+v-1].Metrics
	}
	for p, para := range doc.Paragraphs {
		parent := ""
		if i, ok := index[para.Section]; ok {
			parent = doc.Sections[i].Parent
		}
		for v := 1; v < nv; v++ {
			c := r.Comparison(p, v)
			totals[v].add(c)
			if m := at(para.Section, v); m != nil {
				m.add(c)
			}
			if m := at(parent, v); m != nil && parent != para.Section {
				m.add(c)
			}
		}
	}
	for i := range sections {
		sections[i].finish()
	}
	for v := 1; v < nv; v++ {
		totals[v].finish()
	}
	return sections, totals
}

// newMetrics returns Metrics with its maps made.
func newMetrics() Metrics {
	return Metrics{
		ThemeAdded:   map[string]int{},
		ThemeRemoved: map[string]int{},
		ThemeParas:   map[string]int{},
		KindSpans:    map[Kind]int{},
	}
}

// paragraphMetrics returns the Metrics of one comparison alone.
func paragraphMetrics(c *Comparison) Metrics {
	m := newMetrics()
	m.add(c)
	m.finish()
	return m
}

// add counts comparison c into m. Call finish once all are added.
func (m *Metrics) add(c *Comparison) {
	m.Paragraphs++
	switch c.Status {
	case StatusAmended:
		m.Amended++
	case StatusNew:
		m.New++
	case StatusUnchanged:
		m.Unchanged++
	case StatusAbsent:
		m.Absent++
	case StatusMerged:
		m.Merged++
	}
	if c.Status != StatusAbsent {
		// A variant without text in a paragraph says nothing of how much it
		// changed it: its base words would only dilute the change ratio.
		m.BaseWords += c.BaseWords
	}
	if c.Status == StatusNew {
		m.NewWords += c.Added
	}
	m.VariantWords += c.VariantWords
	m.Added += c.Added
	m.Deleted += c.Deleted
	m.Spans += len(c.Spans)
	for _, s := range c.Spans {
		m.KindSpans[s.Kind]++
	}
	seen := map[string]bool{}
	for _, h := range c.Hits {
		switch h.Change {
		case ChangeAdded:
			m.ThemeAdded[h.Theme]++
			if !seen[h.Theme] {
				seen[h.Theme] = true
				m.ThemeParas[h.Theme]++
			}
		case ChangeRemoved:
			m.ThemeRemoved[h.Theme]++
		}
	}
}

// Present returns the paragraphs in scope where the variant has text.
func (m Metrics) Present() int { return m.Paragraphs - m.Absent }

// finish derives the ratios of m from its counts: the change ratio is
// that of the paragraphs both texts have, new paragraphs' words apart.
func (m *Metrics) finish() {
	m.ChangeRatio = changeRatio(m.Added-m.NewWords, m.Deleted, m.BaseWords)
	if m.BaseWords == 0 && m.NewWords > 0 {
		m.ChangeRatio = 1 // only new text
	}
}

// SumMetrics sets r.Sections and r.Totals from r.Comparisons, as Analyse
// does once every paragraph is compared: for Results built another way,
// such as the fixtures of tests.
func (r *Result) SumMetrics() { r.Sections, r.Totals = metrics(r) }

// ChangeRatio is the change ratio of a text with base words of which added
// were inserted and deleted deleted: (added + deleted) / base, 1 for new
// text with no base, 0 when nothing changed.
func ChangeRatio(added, deleted, base int) float64 { return changeRatio(added, deleted, base) }
