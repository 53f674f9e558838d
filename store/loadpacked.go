package store

import (
	"database/sql"
	"fmt"

	"amendlens/analysis"
)

// arena hands out slices of few large allocations. A slice it returns has
// no room to grow into the next one.
type arena[T any] struct{ buf []T }

// copyOf returns a copy of items, nil when it is empty.
func (a *arena[T]) copyOf(items []T) []T {
	if len(items) == 0 {
		return nil
	}
	if cap(a.buf)-len(a.buf) < len(items) {
		a.buf = make([]T, 0, max(4096, len(items)))
	}
	start := len(a.buf)
	a.buf = append(a.buf, items...)
	return a.buf[start:len(a.buf):len(a.buf)]
}

// unpacker decodes the packed columns of one document's paragraphs.
type unpacker struct {
	syms   []string
	comps  []ordered[analysis.Comparison]
	uptake []ordered[analysis.SpanUptake]
	texts  arena[string]
	spans  arena[analysis.Span]
	hits   arena[analysis.Hit]
	tbuf   []string
	sbuf   []analysis.Span
	hbuf   []analysis.Hit
}

// ordered is an item with its index in the slice of the Result.
type ordered[T any] struct {
	ord  int
	item T
}

// paragraphs reads the symbols, then the paragraphs with their texts,
// comparisons and span uptake.
func (l *loader) paragraphs(r *analysis.Result) error {
	u := &unpacker{}
	err := l.each(`SELECT ordinal, text FROM symbols WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var (
			ordinal int
			text    string
		)
		if err := rows.Scan(&ordinal, &text); err != nil {
			return err
		}
		if ordinal != len(u.syms) {
			return fmt.Errorf("symbol %d missing", len(u.syms))
		}
		u.syms = append(u.syms, text)
		return nil
	})
	if err != nil {
		return fmt.Errorf("symbols: %w", err)
	}

	d := r.Document
	err = l.each(`SELECT ordinal, paragraph, section, new, line, texts, comparisons, uptake, hidden
		FROM paragraphs WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var (
			p                             analysis.Paragraph
			ordinal                       int
			texts, comps, uptakes, hidden string
		)
		if err := rows.Scan(&ordinal, &p.ID, &p.Section, &p.New, &p.Line, &texts, &comps, &uptakes, &hidden); err != nil {
			return err
		}
		i := len(d.Paragraphs)
		if ordinal != i {
			return fmt.Errorf("paragraph %d missing", i)
		}
		var err error
		if p.Texts, err = u.decodeTexts(texts); err != nil {
			return fmt.Errorf("paragraph %d: texts: %w", i, err)
		}
		if p.Hidden, err = decodeHidden(hidden); err != nil {
			return fmt.Errorf("paragraph %d: hidden: %w", i, err)
		}
		if err := u.decodeComparisons(comps, i); err != nil {
			return fmt.Errorf("paragraph %d: comparisons: %w", i, err)
		}
		if err := u.decodeUptake(uptakes, i); err != nil {
			return fmt.Errorf("paragraph %d: uptake: %w", i, err)
		}
		d.Paragraphs = append(d.Paragraphs, p)
		return nil
	})
	if err != nil {
		return fmt.Errorf("paragraphs: %w", err)
	}
	if r.Comparisons, err = place(u.comps); err != nil {
		return fmt.Errorf("comparisons: %w", err)
	}
	if r.SpanUptake, err = place(u.uptake); err != nil {
		return fmt.Errorf("span uptake: %w", err)
	}
	return nil
}

// place returns the items at their indexes, nil when there is none. The
// indexes must be 0 to len(items)-1, each once.
func place[T any](items []ordered[T]) ([]T, error) {
	if len(items) == 0 {
		return nil, nil
	}
	out := make([]T, len(items))
	set := make([]bool, len(items))
	for _, it := range items {
		if it.ord < 0 || it.ord >= len(out) {
			return nil, fmt.Errorf("index %d out of range (%d stored)", it.ord, len(out))
		}
		if set[it.ord] {
			return nil, fmt.Errorf("index %d stored twice", it.ord)
		}
		set[it.ord] = true
		out[it.ord] = it.item
	}
	return out, nil
}

// decodeHidden decodes a hidden column: nil for "".
func decodeHidden(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	d := decoder{s: s}
	var out []int
	d.open()
	for first := true; d.more(first); first = false {
		out = append(out, d.int())
	}
	if err := d.done(); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeTexts decodes a texts column.
func (u *unpacker) decodeTexts(s string) ([]string, error) {
	d := decoder{s: s}
	u.tbuf = u.tbuf[:0]
	d.open()
	for first := true; d.more(first); first = false {
		u.tbuf = append(u.tbuf, d.str())
	}
	if err := d.done(); err != nil {
		return nil, err
	}
	return u.texts.copyOf(u.tbuf), nil
}

// decodeComparisons decodes the comparisons column of paragraph p.
func (u *unpacker) decodeComparisons(s string, p int) error {
	d := decoder{s: s}
	d.open()
	for first := true; d.more(first); first = false {
		c := analysis.Comparison{Paragraph: p}
		d.open()
		ord := d.int()
		d.sep()
		c.Variant = d.int()
		d.sep()
		c.Status = analysis.Status(d.symbol(u.syms))
		d.sep()
		c.BaseWords = d.int()
		d.sep()
		c.VariantWords = d.int()
		d.sep()
		c.Added = d.int()
		d.sep()
		c.Deleted = d.int()
		d.sep()
		c.ChangeRatio = d.float()
		d.sep()
		u.sbuf = u.sbuf[:0]
		d.open()
		for first := true; d.more(first); first = false {
			u.sbuf = append(u.sbuf, u.decodeSpan(&d))
		}
		d.sep()
		u.hbuf = u.hbuf[:0]
		d.open()
		for first := true; d.more(first); first = false {
			u.hbuf = append(u.hbuf, u.decodeHit(&d))
		}
		if d.more(false) { // saved before bracketed words were counted: 0
			c.Bracketed = d.int()
			d.end()
		}
		if d.err != nil {
			break
		}
		c.Spans = u.spans.copyOf(u.sbuf)
		c.Hits = u.hits.copyOf(u.hbuf)
		u.comps = append(u.comps, ordered[analysis.Comparison]{ord, c})
	}
	return d.done()
}

// decodeSpan decodes one element of the spans of a comparison.
func (u *unpacker) decodeSpan(d *decoder) analysis.Span {
	var s analysis.Span
	d.open()
	s.Op = analysis.Op(d.symbol(u.syms))
	d.sep()
	s.Kind = analysis.Kind(d.symbol(u.syms))
	for _, n := range []*int{&s.BaseTok.Start, &s.BaseTok.End, &s.VarTok.Start, &s.VarTok.End,
		&s.BaseBytes.Start, &s.BaseBytes.End, &s.VarBytes.Start, &s.VarBytes.End, &s.Added, &s.Deleted} {
		d.sep()
		*n = d.int()
	}
	d.end()
	return s
}

// decodeHit decodes one element of the hits of a comparison.
func (u *unpacker) decodeHit(d *decoder) analysis.Hit {
	var h analysis.Hit
	d.open()
	h.Theme = d.symbol(u.syms)
	d.sep()
	h.Term = d.symbol(u.syms)
	d.sep()
	h.Matched = d.symbol(u.syms)
	d.sep()
	h.Change = analysis.Change(d.symbol(u.syms))
	for _, n := range []*int{&h.Tokens.Start, &h.Tokens.End, &h.Bytes.Start, &h.Bytes.End} {
		d.sep()
		*n = d.int()
	}
	d.end()
	return h
}

// decodeUptake decodes the uptake column of paragraph p.
func (u *unpacker) decodeUptake(s string, p int) error {
	d := decoder{s: s}
	d.open()
	for first := true; d.more(first); first = false {
		x := analysis.SpanUptake{Paragraph: p}
		d.open()
		ord := d.int()
		d.sep()
		x.Proposal = d.int()
		d.sep()
		x.Span = d.int()
		d.sep()
		x.Verdict = analysis.Verdict(d.symbol(u.syms))
		d.sep()
		x.Words = d.int()
		d.sep()
		x.Adopted = d.int()
		d.end()
		if d.err != nil {
			break
		}
		u.uptake = append(u.uptake, ordered[analysis.SpanUptake]{ord, x})
	}
	return d.done()
}
