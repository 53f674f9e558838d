package store

import (
	"database/sql"
	"fmt"

	"amendlens/analysis"
)

// paragraphs reads the paragraphs with their texts, then the comparisons
// with their spans and hits, then the span uptake. Every table is read in
// the order of its primary key, so that the items of one paragraph or one
// comparison come together.
func (l *loader) paragraphs(r *analysis.Result) error {
	d := r.Document
	err := l.each(`SELECT ordinal, paragraph, section, new, line FROM paragraphs WHERE document_id = ? ORDER BY ordinal`,
		func(rows *sql.Rows) error {
			var (
				p       analysis.Paragraph
				ordinal int
			)
			if err := rows.Scan(&ordinal, &p.ID, &p.Section, &p.New, &p.Line); err != nil {
				return err
			}
			if ordinal != len(d.Paragraphs) {
				return fmt.Errorf("paragraph %d missing", len(d.Paragraphs))
			}
			d.Paragraphs = append(d.Paragraphs, p)
			return nil
		})
	if err != nil {
		return fmt.Errorf("paragraphs: %w", err)
	}
	if err := l.cells(d); err != nil {
		return fmt.Errorf("cells: %w", err)
	}
	if err := l.comparisons(r); err != nil {
		return err
	}
	err = l.each(`SELECT ordinal, paragraph, proposal, span, verdict, words, adopted
		FROM span_uptake WHERE document_id = ? ORDER BY ordinal`, func(rows *sql.Rows) error {
		var (
			u       analysis.SpanUptake
			ordinal int
			verdict string
		)
		if err := rows.Scan(&ordinal, &u.Paragraph, &u.Proposal, &u.Span, &verdict, &u.Words, &u.Adopted); err != nil {
			return err
		}
		if ordinal != len(r.SpanUptake) {
			return fmt.Errorf("span uptake %d missing", len(r.SpanUptake))
		}
		u.Verdict = analysis.Verdict(verdict)
		r.SpanUptake = append(r.SpanUptake, u)
		return nil
	})
	if err != nil {
		return fmt.Errorf("span uptake: %w", err)
	}
	return nil
}

// cells reads the texts of the paragraphs of d, and the counts of the
// format characters removed from them, one array of [variant, text, hidden]
// per paragraph. A paragraph none was removed from has no Hidden counts.
func (l *loader) cells(d *analysis.Document) error {
	type cell struct {
		text   string
		hidden int
	}
	var (
		cells  []cell
		ords   []int
		texts  []string
		hidden []int
		all    arena[string]
		counts arena[int]
	)
	// set gives paragraph p the texts and hidden counts read.
	set := func(p int) {
		d.Paragraphs[p].Texts = all.copyOf(texts)
		for _, n := range hidden {
			if n != 0 {
				d.Paragraphs[p].Hidden = counts.copyOf(hidden)
				break
			}
		}
	}
	if l.t.d == postgresDialect {
		last := -1
		err := copyOut(l.ctx, l.t, fmt.Sprintf(`COPY (SELECT paragraph, variant, text, hidden_chars
			FROM cells WHERE document_id = %d ORDER BY paragraph, variant) TO STDOUT`, l.docID), func(c *copyLine) error {
			p, v, text, n := c.int(), c.int(), c.str(), c.int()
			switch {
			case c.err != nil:
				return nil
			case p < last || p >= len(d.Paragraphs):
				return fmt.Errorf("text of paragraph %d out of order or range", p)
			case p != last:
				if last >= 0 {
					set(last)
				}
				last, texts, hidden = p, texts[:0], hidden[:0]
			}
			if v != len(texts) {
				return fmt.Errorf("paragraph %d: texts: item %d missing", p, len(texts))
			}
			texts, hidden = append(texts, text), append(hidden, n)
			return nil
		})
		if err == nil && last >= 0 {
			set(last)
		}
		return err
	}
	return l.each(`SELECT paragraph, json_group_array(json_array(variant, text, hidden_chars))
		FROM cells WHERE document_id = ? GROUP BY paragraph`, func(rows *sql.Rows) error {
		var (
			p   int
			agg string
		)
		if err := rows.Scan(&p, &agg); err != nil {
			return err
		}
		if p < 0 || p >= len(d.Paragraphs) {
			return fmt.Errorf("text of paragraph %d out of range", p)
		}
		cells, ords = cells[:0], ords[:0]
		dec := decoder{s: agg}
		dec.open()
		for first := true; dec.more(first); first = false {
			var c cell
			dec.open()
			ords = append(ords, dec.int())
			dec.sep()
			c.text = dec.str()
			dec.sep()
			c.hidden = dec.int()
			dec.end()
			cells = append(cells, c)
		}
		if err := dec.done(); err != nil {
			return fmt.Errorf("paragraph %d: %w", p, err)
		}
		if err := arrange(cells, ords); err != nil {
			return fmt.Errorf("paragraph %d: texts: %w", p, err)
		}
		texts, hidden = texts[:0], hidden[:0]
		for _, c := range cells {
			texts = append(texts, c.text)
			hidden = append(hidden, c.hidden)
		}
		set(p)
		return nil
	})
}

// comparisons reads the comparisons, their figures, spans and hits from
// their items, or, when a comparison has none, those of every comparison
// from the columns of comparisons and the tables of spans and hits.
func (l *loader) comparisons(r *analysis.Result) error {
	np, nv := len(r.Document.Paragraphs), len(r.Document.Variants)
	n := np * max(0, nv-1) // the comparisons of a document with every variant in every paragraph
	var (
		comps   = make([]analysis.Comparison, 0, n) // in the order of the primary key
		ords    = make([]int, 0, n)                 // the index in Result.Comparisons of each
		pos     = make([]int32, np*nv)              // 1 + the index in comps of paragraph p, variant v at p*nv+v
		in      = interned{}
		pipe    = newItemsPipe(in, n)
		missing bool // a comparison has no items
	)
	err := l.comparisonItems(func(p, v, ordinal int, items []byte) error {
		c := analysis.Comparison{Paragraph: p, Variant: v}
		if c.Paragraph < 0 || c.Paragraph >= np || c.Variant < 0 || c.Variant >= nv {
			return fmt.Errorf("comparison of paragraph %d, variant %d out of range", c.Paragraph, c.Variant)
		}
		switch {
		case len(items) == 0:
			missing = true
		case !missing:
			pipe.send(c.Paragraph, c.Variant, items)
		}
		comps = append(comps, c)
		ords = append(ords, ordinal)
		pos[c.Paragraph*nv+c.Variant] = int32(len(comps))
		return nil
	})
	decoded, derr := pipe.finish()
	if err == nil && !missing {
		err = derr // items a Load reads rows in place of do not matter
	}
	if err != nil {
		return fmt.Errorf("comparisons: %w", err)
	}
	if !missing {
		for i := range comps {
			c := &comps[i]
			p, v := c.Paragraph, c.Variant
			*c = decoded[i]
			c.Paragraph, c.Variant = p, v
		}
	} else {
		// index returns the comparison of paragraph p and variant v.
		index := func(p, v int) (*analysis.Comparison, error) {
			if p < 0 || p >= np || v < 0 || v >= nv || pos[p*nv+v] == 0 {
				return nil, fmt.Errorf("paragraph %d, variant %d has no comparison", p, v)
			}
			return &comps[pos[p*nv+v]-1], nil
		}
		if err := l.itemColumns(index, in); err != nil {
			return err
		}
	}
	if len(comps) == 0 {
		return nil
	}
	r.Comparisons = make([]analysis.Comparison, len(comps))
	set := make([]bool, len(comps))
	for i := range comps {
		o := ords[i]
		if o < 0 || o >= len(comps) || set[o] {
			return fmt.Errorf("comparisons: index %d out of range or stored twice", o)
		}
		set[o] = true
		r.Comparisons[o] = comps[i]
	}
	return nil
}

// comparisonItems calls fn with the paragraph, variant, ordinal and items
// of each comparison, in the order of the primary key; items is nil when
// NULL, and valid until fn returns.
func (l *loader) comparisonItems(fn func(p, v, ordinal int, items []byte) error) error {
	if l.t.d == postgresDialect {
		return copyOut(l.ctx, l.t, fmt.Sprintf(`COPY (SELECT paragraph, variant, ordinal, items
			FROM comparisons WHERE document_id = %d ORDER BY paragraph, variant) TO STDOUT`, l.docID), func(c *copyLine) error {
			p, v, o, items := c.int(), c.int(), c.int(), c.bytea()
			if c.err != nil {
				return nil
			}
			return fn(p, v, o, items)
		})
	}
	return l.each(`SELECT paragraph, variant, ordinal, items
		FROM comparisons WHERE document_id = ? ORDER BY paragraph, variant`, func(rows *sql.Rows) error {
		var (
			p, v, o int
			items   sql.RawBytes
		)
		if err := rows.Scan(&p, &v, &o, &items); err != nil {
			return err
		}
		return fn(p, v, o, items)
	})
}

// itemColumns reads what items hold of the comparisons index finds from
// the columns of comparisons and the rows of spans and hits.
func (l *loader) itemColumns(index func(p, v int) (*analysis.Comparison, error), in interned) error {
	err := l.each(`SELECT paragraph, variant, status, base_words, variant_words, added, deleted, change_ratio,
			bracketed_words
		FROM comparisons WHERE document_id = ?`, func(rows *sql.Rows) error {
		var f analysis.Comparison
		if err := rows.Scan(&f.Paragraph, &f.Variant, &f.Status, &f.BaseWords, &f.VariantWords,
			&f.Added, &f.Deleted, &f.ChangeRatio, &f.Bracketed); err != nil {
			return err
		}
		c, err := index(f.Paragraph, f.Variant)
		if err != nil {
			return err
		}
		*c = f
		return nil
	})
	if err != nil {
		return fmt.Errorf("comparisons: %w", err)
	}
	err = readGroups(l, `SELECT paragraph, variant, json_group_array(json_array(ordinal, op, kind,
			base_tok_start, base_tok_end, var_tok_start, var_tok_end,
			base_byte_start, base_byte_end, var_byte_start, var_byte_end, added, deleted))
		FROM spans WHERE document_id = ? GROUP BY paragraph, variant`,
		`COPY (SELECT paragraph, variant, ordinal, op, kind, base_tok_start, base_tok_end, var_tok_start, var_tok_end,
			base_byte_start, base_byte_end, var_byte_start, var_byte_end, added, deleted
		FROM spans WHERE document_id = %d ORDER BY paragraph, variant, ordinal) TO STDOUT`, index, func(d fields) analysis.Span {
			var s analysis.Span
			s.Op = analysis.Op(d.intern(in))
			d.sep()
			s.Kind = analysis.Kind(d.intern(in))
			for _, n := range []*int{&s.BaseTok.Start, &s.BaseTok.End, &s.VarTok.Start, &s.VarTok.End,
				&s.BaseBytes.Start, &s.BaseBytes.End, &s.VarBytes.Start, &s.VarBytes.End, &s.Added, &s.Deleted} {
				d.sep()
				*n = d.int()
			}
			return s
		}, func(c *analysis.Comparison, spans []analysis.Span) { c.Spans = spans })
	if err != nil {
		return fmt.Errorf("spans: %w", err)
	}
	err = readGroups(l, `SELECT paragraph, variant, json_group_array(json_array(ordinal, theme, term, matched, change,
			tok_start, tok_end, byte_start, byte_end))
		FROM hits WHERE document_id = ? GROUP BY paragraph, variant`,
		`COPY (SELECT paragraph, variant, ordinal, theme, term, matched, change, tok_start, tok_end, byte_start, byte_end
		FROM hits WHERE document_id = %d ORDER BY paragraph, variant, ordinal) TO STDOUT`, index, func(d fields) analysis.Hit {
			var h analysis.Hit
			h.Theme = d.intern(in)
			d.sep()
			h.Term = d.intern(in)
			d.sep()
			h.Matched = d.intern(in)
			d.sep()
			h.Change = analysis.Change(d.intern(in))
			for _, n := range []*int{&h.Tokens.Start, &h.Tokens.End, &h.Bytes.Start, &h.Bytes.End} {
				d.sep()
				*n = d.int()
			}
			return h
		}, func(c *analysis.Comparison, hits []analysis.Hit) { c.Hits = hits })
	if err != nil {
		return fmt.Errorf("hits: %w", err)
	}
	return nil
}

// readGroups runs query, whose rows are a paragraph, a variant and the
// array of the items of their comparison, each an array that starts with
// its ordinal; item decodes the rest of an item, and set gives the items to
// the comparison index returns. On PostgreSQL it runs copyQuery instead,
// given the document id (an integer of the database's own, never input),
// whose lines are a paragraph, a variant, an ordinal and the rest of an
// item, in that order.
func readGroups[T any](l *loader, query, copyQuery string, index func(p, v int) (*analysis.Comparison, error),
	item func(fields) T, set func(*analysis.Comparison, []T)) error {
	var (
		all  arena[T]
		buf  []T
		ords []int
	)
	if l.t.d == postgresDialect {
		var cur *analysis.Comparison
		err := copyOut(l.ctx, l.t, fmt.Sprintf(copyQuery, l.docID), func(c *copyLine) error {
			p, v, o := c.int(), c.int(), c.int()
			if c.err != nil {
				return nil
			}
			comp, err := index(p, v)
			if err != nil {
				return err
			}
			if comp != cur {
				if cur != nil {
					set(cur, all.copyOf(buf))
				}
				cur, buf = comp, buf[:0]
			}
			if o != len(buf) {
				return fmt.Errorf("paragraph %d, variant %d: item %d missing", p, v, len(buf))
			}
			buf = append(buf, item(c))
			return nil
		})
		if err == nil && cur != nil {
			set(cur, all.copyOf(buf))
		}
		return err
	}
	return l.each(query, func(rows *sql.Rows) error {
		var (
			p, v int
			agg  string
		)
		if err := rows.Scan(&p, &v, &agg); err != nil {
			return err
		}
		c, err := index(p, v)
		if err != nil {
			return err
		}
		buf, ords = buf[:0], ords[:0]
		d := decoder{s: agg}
		d.open()
		for first := true; d.more(first); first = false {
			d.open()
			ords = append(ords, d.int())
			d.sep()
			buf = append(buf, item(&d))
			d.end()
		}
		if err := d.done(); err != nil {
			return fmt.Errorf("paragraph %d, variant %d: %w", p, v, err)
		}
		if err := arrange(buf, ords); err != nil {
			return fmt.Errorf("paragraph %d, variant %d: %w", p, v, err)
		}
		set(c, all.copyOf(buf))
		return nil
	})
}

// arrange puts items in the order of their ordinals, which must be 0 to
// len(items)-1, each once. The aggregates are not asked to order their
// rows (which costs PostgreSQL a sort per group): they mostly come in the
// order of the primary key, and otherwise are put in order here.
func arrange[T any](items []T, ords []int) error {
	inOrder := true
	for i, o := range ords {
		if o != i {
			inOrder = false
			break
		}
	}
	if inOrder {
		return nil
	}
	placed := make([]T, len(items))
	seen := make([]bool, len(items))
	for i, o := range ords {
		if o >= 0 && o < len(items) && !seen[o] {
			seen[o] = true
			placed[o] = items[i]
		}
	}
	for i, ok := range seen {
		if !ok {
			return fmt.Errorf("item %d missing", i)
		}
	}
	copy(items, placed)
	return nil
}

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

// make returns n zero items, of a slice with no room to grow into the next.
func (a *arena[T]) make(n int) []T {
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]T, 0, max(4096, n))
	}
	start := len(a.buf)
	a.buf = a.buf[:start+n]
	clear(a.buf[start:])
	return a.buf[start : start+n : start+n]
}
