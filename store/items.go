package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"amendlens/analysis"
)

// The items column of comparisons holds what Load needs of the comparison
// beyond its key: its figures, spans and hits, in the binary form below,
// written by the same save as the figures' columns and the rows of spans
// and hits. Load reads it rather than those: decoding 60,000 short values
// costs a fraction of reading a million rows through SQLite's driver or
// COPY, and each column of a row read through SQLite's driver costs as
// much as decoding a span. A NULL items (a database converted from an
// older schema) makes Load read the columns and rows instead.
//
// The form, version 1, integers as varints (unsigned: "u", zigzag: "z"):
//
//	byte 1
//	u: number of strings, then each: u length, bytes
//	u status (index of a string), z: base words, variant words, added,
//	   deleted, bracketed words; 8 bytes: change ratio (IEEE 754, little
//	   endian)
//	u: number of spans, then each: u op, u kind (indexes of strings),
//	   z: base token range, variant token range, base byte range,
//	      variant byte range (each its start and its length), added,
//	      deleted
//	u: number of hits, then each: u theme, u term, u matched, u change
//	   (indexes of strings), z: token start less the hit before's, token
//	   length, byte start less the hit before's, byte length
//
// The differences are those of Go's int, which wrap.
//
// The strings of a comparison are stored once each; most are the few
// themes, terms and kinds of the dictionary and the analysis.

// itemsVersion is the first byte of the items form this store writes.
const itemsVersion = 1

// itemsEncoder encodes the items of comparisons into slices of few large
// allocations: a save holds the items of a whole batch of rows at once.
type itemsEncoder struct {
	slab []byte
	strs []string
	idx  map[string]int // the index of each of strs, once there are many
}

// encode returns the items of c. The slice is not reused.
func (e *itemsEncoder) encode(c *analysis.Comparison) []byte {
	e.strs = e.strs[:0]
	clear(e.idx)
	e.index(string(c.Status))
	for i := range c.Spans {
		e.index(string(c.Spans[i].Op))
		e.index(string(c.Spans[i].Kind))
	}
	for i := range c.Hits {
		h := &c.Hits[i]
		e.index(h.Theme)
		e.index(h.Term)
		e.index(h.Matched)
		e.index(string(h.Change))
	}
	need := 100 + 120*len(c.Spans) + 80*len(c.Hits)
	for _, s := range e.strs {
		need += 10 + len(s)
	}
	if cap(e.slab)-len(e.slab) < need {
		// A new slab; the old one stays with the rows that hold its slices.
		e.slab = make([]byte, 0, max(1<<20, need))
	}
	start := len(e.slab)
	b := append(e.slab, itemsVersion)
	b = binary.AppendUvarint(b, uint64(len(e.strs)))
	for _, s := range e.strs {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(e.index(string(c.Status))))
	for _, n := range [...]int{c.BaseWords, c.VariantWords, c.Added, c.Deleted, c.Bracketed} {
		b = binary.AppendVarint(b, int64(n))
	}
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(c.ChangeRatio))
	b = binary.AppendUvarint(b, uint64(len(c.Spans)))
	for i := range c.Spans {
		s := &c.Spans[i]
		b = binary.AppendUvarint(b, uint64(e.index(string(s.Op))))
		b = binary.AppendUvarint(b, uint64(e.index(string(s.Kind))))
		for _, n := range [...]int{s.BaseTok.Start, s.BaseTok.End - s.BaseTok.Start, s.VarTok.Start, s.VarTok.End - s.VarTok.Start,
			s.BaseBytes.Start, s.BaseBytes.End - s.BaseBytes.Start, s.VarBytes.Start, s.VarBytes.End - s.VarBytes.Start,
			s.Added, s.Deleted} {
			b = binary.AppendVarint(b, int64(n))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(c.Hits)))
	tok, byt := 0, 0 // the starts of the hit before
	for i := range c.Hits {
		h := &c.Hits[i]
		for _, s := range [...]string{h.Theme, h.Term, h.Matched, string(h.Change)} {
			b = binary.AppendUvarint(b, uint64(e.index(s)))
		}
		for _, n := range [...]int{h.Tokens.Start - tok, h.Tokens.End - h.Tokens.Start, h.Bytes.Start - byt, h.Bytes.End - h.Bytes.Start} {
			b = binary.AppendVarint(b, int64(n))
		}
		tok, byt = h.Tokens.Start, h.Bytes.Start
	}
	e.slab = b
	return b[start:len(b):len(b)]
}

// index returns the index of s among the strings of the comparison being
// encoded, adding it when it is new. The strings of one comparison are few;
// a map takes over past 16 of them.
func (e *itemsEncoder) index(s string) int {
	if e.idx != nil && len(e.strs) > 16 {
		if i, ok := e.idx[s]; ok {
			return i
		}
	} else {
		for i, t := range e.strs {
			if t == s {
				return i
			}
		}
	}
	e.strs = append(e.strs, s)
	if len(e.strs) > 16 {
		if e.idx == nil {
			e.idx = make(map[string]int)
		}
		if len(e.idx) == 0 {
			for i, t := range e.strs {
				e.idx[t] = i
			}
		} else {
			e.idx[s] = len(e.strs) - 1
		}
	}
	return len(e.strs) - 1
}

// errItems is the error of items that are not of the form above.
var errItems = errors.New("items malformed")

// itemsDecoder reads items values, one at a time. Its methods do nothing
// once an error is recorded. The strings it returns are those of in; the
// spans and hits, slices of its arenas.
type itemsDecoder struct {
	b     []byte
	err   error
	strs  []string
	in    interned
	spans arena[analysis.Span]
	hits  arena[analysis.Hit]
}

// fail records the first error and stops reading.
func (d *itemsDecoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", errItems, what)
	}
	d.b = nil
}

// uvarint reads an unsigned varint below limit.
func (d *itemsDecoder) uvarint(limit uint64) int {
	v, n := binary.Uvarint(d.b)
	switch {
	case d.err != nil:
		return 0
	case n <= 0:
		d.fail("truncated or overlong number")
		return 0
	case v >= limit:
		d.fail("number out of range")
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// varint reads a zigzag varint that fits an int.
func (d *itemsDecoder) varint() int {
	v, n := binary.Varint(d.b)
	switch {
	case d.err != nil:
		return 0
	case n <= 0:
		d.fail("truncated or overlong number")
		return 0
	case v < math.MinInt || v > math.MaxInt:
		d.fail("number out of range")
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// str reads the index of a string of the comparison and returns it.
func (d *itemsDecoder) str() string {
	i := d.uvarint(uint64(len(d.strs)))
	if d.err != nil {
		return ""
	}
	return d.strs[i]
}

// count reads the number of items that follow, each at least min bytes.
func (d *itemsDecoder) count(min int) int {
	n := d.uvarint(math.MaxInt32)
	if d.err == nil && n > len(d.b)/min {
		d.fail("more items than bytes")
	}
	if d.err != nil {
		return 0
	}
	return n
}

// decode reads the items b into c: all but its Paragraph and Variant.
func (d *itemsDecoder) decode(b []byte, c *analysis.Comparison) error {
	*c = analysis.Comparison{Paragraph: c.Paragraph, Variant: c.Variant}
	if len(b) == 0 || b[0] != itemsVersion {
		return fmt.Errorf("%w: not of version %d", errItems, itemsVersion)
	}
	if d.in == nil {
		d.in = interned{}
	}
	d.b, d.err, d.strs = b[1:], nil, d.strs[:0]
	n := d.count(1)
	for range n {
		l := d.uvarint(math.MaxInt32)
		if d.err == nil && l > len(d.b) {
			d.fail("string past the end")
		}
		if d.err != nil {
			break
		}
		d.strs = append(d.strs, d.in.bytes(d.b[:l]))
		d.b = d.b[l:]
	}
	c.Status = analysis.Status(d.str())
	for _, p := range [...]*int{&c.BaseWords, &c.VariantWords, &c.Added, &c.Deleted, &c.Bracketed} {
		*p = d.varint()
	}
	if d.err == nil {
		if len(d.b) < 8 {
			d.fail("truncated change ratio")
		} else {
			c.ChangeRatio = math.Float64frombits(binary.LittleEndian.Uint64(d.b))
			d.b = d.b[8:]
		}
	}
	n = d.count(12)
	if d.err == nil && n > 0 {
		ss := d.spans.make(n)
		for i := range ss {
			s := &ss[i]
			s.Op, s.Kind = analysis.Op(d.str()), analysis.Kind(d.str())
			for _, r := range [...]*analysis.Range{&s.BaseTok, &s.VarTok, &s.BaseBytes, &s.VarBytes} {
				r.Start = d.varint()
				r.End = r.Start + d.varint()
			}
			s.Added, s.Deleted = d.varint(), d.varint()
		}
		c.Spans = ss
	}
	n = d.count(8)
	if d.err == nil && n > 0 {
		hs := d.hits.make(n)
		tok, byt := 0, 0
		for i := range hs {
			h := &hs[i]
			h.Theme, h.Term, h.Matched, h.Change = d.str(), d.str(), d.str(), analysis.Change(d.str())
			h.Tokens.Start = tok + d.varint()
			h.Tokens.End = h.Tokens.Start + d.varint()
			h.Bytes.Start = byt + d.varint()
			h.Bytes.End = h.Bytes.Start + d.varint()
			tok, byt = h.Tokens.Start, h.Bytes.Start
		}
		c.Hits = hs
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		*c = analysis.Comparison{Paragraph: c.Paragraph, Variant: c.Variant}
	}
	return d.err
}

// itemsPipe decodes items on a goroutine of its own while the rows that
// hold them are read: reading and decoding each take about half of the
// time of the comparisons of a Load.
type itemsPipe struct {
	batch   itemsBatch
	batches chan itemsBatch
	done    chan struct{}
	dec     itemsDecoder
	decoded []analysis.Comparison // the spans and hits of the items sent, in order
	err     error
}

// itemsBatch is items sent together, their bytes copies in one array.
type itemsBatch struct {
	data  []byte
	items []pipedItems
}

type pipedItems struct {
	paragraph, variant int
	start, end         int // of the bytes in data
}

// itemsBatchItems and itemsBatchBytes bound a batch.
const (
	itemsBatchItems = 512
	itemsBatchBytes = 256 << 10
)

// newItemsPipe starts the goroutine of a pipe that expects about n items.
func newItemsPipe(in interned, n int) *itemsPipe {
	p := &itemsPipe{batches: make(chan itemsBatch, 4), done: make(chan struct{}), dec: itemsDecoder{in: in},
		decoded: make([]analysis.Comparison, 0, n)}
	go func() {
		defer close(p.done)
		for b := range p.batches {
			for _, it := range b.items {
				var c analysis.Comparison
				if err := p.dec.decode(b.data[it.start:it.end], &c); err != nil && p.err == nil {
					p.err = fmt.Errorf("paragraph %d, variant %d: %w", it.paragraph, it.variant, err)
				}
				p.decoded = append(p.decoded, c)
			}
		}
	}()
	return p
}

// send queues a copy of the items of the comparison of paragraph and
// variant.
func (p *itemsPipe) send(paragraph, variant int, items []byte) {
	if cap(p.batch.data)-len(p.batch.data) < len(items) || len(p.batch.items) == itemsBatchItems {
		if len(p.batch.items) > 0 {
			p.batches <- p.batch
		}
		p.batch = itemsBatch{data: make([]byte, 0, max(itemsBatchBytes, len(items))),
			items: make([]pipedItems, 0, itemsBatchItems)}
	}
	start := len(p.batch.data)
	p.batch.data = append(p.batch.data, items...)
	p.batch.items = append(p.batch.items, pipedItems{paragraph, variant, start, len(p.batch.data)})
}

// finish waits for the items sent to be decoded and returns their spans and
// hits, in the order they were sent, or the first error.
func (p *itemsPipe) finish() ([]analysis.Comparison, error) {
	if len(p.batch.items) > 0 {
		p.batches <- p.batch
	}
	close(p.batches)
	<-p.done
	return p.decoded, p.err
}
