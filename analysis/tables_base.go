package analysis

// A document that has only its base text (running text without tracked
// changes, a plain numbered document) has no comparisons: its tables of
// paragraphs and sections have one row per paragraph or section in the
// base, with the figures the base has (words, bracketed words, hidden
// characters) and empty cells for those that need a variant. Every other
// table has its header and no rows.

// baseWordCounts returns the words of the base text of each paragraph of d,
// counted as Analyse counts them.
func baseWordCounts(tok *Tokenizer, d *Document) []int {
	out := make([]int, len(d.Paragraphs))
	for p := range d.Paragraphs {
		out[p] = CountWords(tok.Tokenize(d.Paragraphs[p].Texts[0]))
	}
	return out
}

// baseParagraphRows writes the paragraphs table of a base-only document.
// A theme filter leaves no row: the base adds no theme hit.
func baseParagraphRows(t *tableRun) error {
	if !t.variant(0) || t.f.Theme != "" {
		return nil
	}
	tok := NewTokenizer()
	for p := range t.r.Document.Paragraphs {
		if !t.paragraph(p) {
			continue
		}
		para := &t.r.Document.Paragraphs[p]
		toks := tok.Tokenize(para.Texts[0])
		t.start()
		t.add(para.Section, para.ID)
		t.addInt(p + 1)
		t.add(BaseName, "")
		t.addInt(CountWords(toks))
		t.add("", "", "", "", "") // variant_words, added_words, deleted_words, change_ratio, spans
		t.addInt(bracketedWords(para.Texts[0], toks), para.HiddenChars(0))
		for range t.r.Dictionary.Names() {
			t.add("")
		}
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}

// baseSectionRows writes the sections table of a base-only document: a
// section's paragraphs and words include its subsections', as in the
// section metrics of other documents.
func baseSectionRows(t *tableRun) error {
	d := t.r.Document
	if !t.variant(0) || t.f.Theme != "" || t.f.Paragraph != "" {
		return nil
	}
	words := baseWordCounts(NewTokenizer(), d)
	paras := make([]int, len(d.Sections))
	sums := make([]int, len(d.Sections))
	for p, para := range d.Paragraphs {
		i, ok := t.sections[para.Section]
		if !ok {
			continue
		}
		paras[i]++
		sums[i] += words[p]
		if parent, ok := t.sections[d.Sections[i].Parent]; ok && parent != i {
			paras[parent]++
			sums[parent] += words[p]
		}
	}
	for i, sec := range d.Sections {
		if !t.inSection(sec.ID) {
			continue
		}
		t.start()
		t.add(sec.ID)
		t.addInt(i+1, d.SectionLevel(i))
		t.add(sec.Parent, sec.Title, BaseName)
		t.addInt(paras[i], paras[i])
		t.add("", "") // amended, new
		t.addInt(sums[i])
		t.add("", "", "", "") // added_words, deleted_words, change_ratio, new_words
		for range t.r.Dictionary.Names() {
			t.add("")
		}
		if err := t.send(); err != nil {
			return err
		}
	}
	return nil
}
