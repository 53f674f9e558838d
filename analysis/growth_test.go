package analysis

// The rule that no input costs more than a budget proportional to its size,
// tested per kind of input: each case generates the worst shape known of
// its kind at sizes n, 2n and 4n, and the bytes allocated to read it (a
// deterministic count, unlike time) must grow at most linearly. Quadratic
// work shows as 16x from n to 4n; the tests allow 6x.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"amendlens/docx/docxtest"
	"amendlens/parse"
)

// allocated returns the bytes f allocates (runtime.MemStats.TotalAlloc),
// after a collection so that a previous test's garbage is not counted.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// growthCase is one kind of input at its worst known shape: gen makes the
// input of size n, read reads it (its error is not the test's: an input
// may be refused, as long as the refusal is cheap).
type growthCase struct {
	name string
	n    int
	gen  func(t testing.TB, n int) []byte
	read func(data []byte) error
}

// maxGrowth is how much more the input of 4n may cost than that of n.
const maxGrowth = 6.0

// checkGrowth runs c at n, 2n and 4n and fails when the cost of 4n passes
// maxGrowth times that of n, or when a size costs more than perByte bytes
// allocated per byte of input plus 16 MB. A Word document's XML may be 100
// times its size (maxDocxRatio), and each author's variant is a whole
// text: its cases allow thousands of bytes per byte.
func checkGrowth(t *testing.T, c growthCase, perByte uint64) {
	t.Helper()
	var costs [3]uint64
	var sizes [3]int
	for i, k := range []int{1, 2, 4} {
		data := c.gen(t, c.n*k)
		sizes[i] = len(data)
		costs[i] = allocated(func() { _ = c.read(data) })
		if limit := perByte*uint64(len(data)) + 16<<20; costs[i] > limit {
			t.Errorf("%s at %d (%d bytes): %.1f MB allocated, over %d per byte + 16 MB", c.name, c.n*k, len(data), float64(costs[i])/(1<<20), perByte)
		}
	}
	ratio := float64(costs[2]) / float64(max(costs[0], 1))
	t.Logf("%s: %d / %d / %d bytes in, %.1f / %.1f / %.1f MB allocated, 4n/n = %.2f",
		c.name, sizes[0], sizes[1], sizes[2], float64(costs[0])/(1<<20), float64(costs[1])/(1<<20), float64(costs[2])/(1<<20), ratio)
	if ratio > maxGrowth {
		t.Errorf("%s: 4n costs %.1fx n, want at most %.1fx (linear)", c.name, ratio, maxGrowth)
	}
}

// numberingDocx is a Word document of paras paragraphs numbered by a list
// whose level text repeats "%1" reps times, in numFmt from start: a label
// of reps numbers per paragraph.
func numberingDocx(t testing.TB, reps, start int, numFmt string, paras int) []byte {
	numbering := `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="` + fmt.Sprint(start) + `"/>` +
		`<w:numFmt w:val="` + numFmt + `"/><w:lvlText w:val="` + strings.Repeat("%1", reps) + `."/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`
	var b strings.Builder
	b.WriteString(docxtest.Para("1. Heading"))
	for range paras {
		b.WriteString(`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>We note.</w:t></w:r></w:p>`)
	}
	return docxtest.File(t, b.String(), docxtest.Parts{Numbering: numbering})
}

// markChainDocx is running text of authors x paras numbered paragraphs,
// each author deleting the paragraph mark of each paragraph of a block of
// paras: in that author's text, the block is one paragraph.
func markChainDocx(t testing.TB, authors, paras int) []byte {
	var b strings.Builder
	b.WriteString(docxtest.Para("1. Heading"))
	n := 0
	for a := range authors {
		for range paras {
			n++
			fmt.Fprintf(&b, `<w:p><w:pPr><w:rPr><w:del w:id="%d" w:author="A%d" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr><w:r><w:t>%d. We note.</w:t></w:r></w:p>`, n, a, n)
		}
	}
	return docxtest.File(t, b.String(), docxtest.Parts{})
}

// TestNumberingLabelBomb: a 7 KB Word document whose list's level text is
// 34,000 "%1" in letters from 780, over 2,000 paragraphs, once peaked at
// 1.5 GB before the text limit refused it; its labels are now bounded
// before they are matched, and the document is read as it reads without
// them.
func TestNumberingLabelBomb(t *testing.T) {
	data := numberingDocx(t, 34_000, 780, "lowerLetter", 2000)
	var doc *Document
	var err error
	alloc := allocated(func() { doc, err = parse.Parse("bomb.docx", data, parse.Options{}) })
	t.Logf("%d bytes of .docx: %.1f MB allocated, err = %v", len(data), float64(alloc)/(1<<20), err)
	if alloc > 64<<20 {
		t.Errorf("reading it allocated %d MB, want under 64 MB", alloc>>20)
	}
	// Its labels are no numbers: its paragraphs read as unnumbered
	// running text does, numbered in order.
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Paragraphs) != 2000 {
		t.Fatalf("%d paragraphs, want 2000", len(doc.Paragraphs))
	}
	for i, p := range doc.Paragraphs {
		if want := fmt.Sprintf("p%d", i+1); p.ID != want {
			t.Fatalf("paragraph %d is %.80q, want %q", i, p.ID, want)
		}
	}
}

// TestNumberingLabelDecimalBomb: decimal from 2147483647 with 50,000 "%1"
// over 100 paragraphs (1.4 KB) once cost 9 s of CPU and was stored.
func TestNumberingLabelDecimalBomb(t *testing.T) {
	data := numberingDocx(t, 50_000, 2147483647, "decimal", 100)
	var err error
	alloc := allocated(func() { _, err = parse.Parse("bomb.docx", data, parse.Options{}) })
	t.Logf("%d bytes of .docx: %.1f MB allocated, err = %v", len(data), float64(alloc)/(1<<20), err)
	if alloc > 32<<20 {
		t.Errorf("reading it allocated %d MB, want under 32 MB", alloc>>20)
	}
}

// TestMarkChainLinear: one author deleting the mark of each of many short
// numbered paragraphs joins them into one paragraph of that author's text;
// joined in place, its cost grows with its length (199,000 paragraphs once
// took 56 s before the cell limit refused them). A chain past the cell
// limit is refused at the paragraph where it passed, naming the first.
func TestMarkChainLinear(t *testing.T) {
	read := func(data []byte) error {
		_, err := parse.Parse("chain.docx", data, parse.Options{})
		return err
	}
	checkGrowth(t, growthCase{name: "one author's deleted marks", n: 5000, gen: func(t testing.TB, n int) []byte { return markChainDocx(t, 1, n) }, read: read}, 4000)
	checkGrowth(t, growthCase{name: "30 authors' deleted marks", n: 200, gen: func(t testing.TB, n int) []byte { return markChainDocx(t, 30, n) }, read: read}, 4000)

	data := markChainDocx(t, 1, 199_000)
	var err error
	alloc := allocated(func() { err = read(data) })
	t.Logf("199,000 marks deleted (%d bytes): %.1f MB allocated, err = %v", len(data), float64(alloc)/(1<<20), err)
	if err == nil || !strings.Contains(err.Error(), "from paragraph 2 to paragraph") || !strings.Contains(err.Error(), "A0 text of more than 1 MiB, the limit") {
		t.Errorf("err = %v, want the cell limit naming A0 and the paragraph the chain started at", err)
	}
	if alloc > 1<<30 {
		t.Errorf("refusing it allocated %d MB, want under 1 GB", alloc>>20)
	}
}

// TestDocxStopsWithContext: the Word reader stops when its context is done
// (an upload whose client left), in its XML and in its tracked paragraphs.
func TestDocxStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, data := range map[string][]byte{
		"tracked": markChainDocx(t, 1, 20_000),
		"table":   docxtest.Fixture(t, "sample-table.docx"),
	} {
		_, err := parse.Parse(name+".docx", data, parse.Options{Context: ctx})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", name, err)
		}
		if _, err := parse.Parse(name+".docx", data, parse.Options{}); err != nil {
			t.Errorf("%s without a context: %v", name, err)
		}
	}
}

// FuzzTrackedMarks reads running text whose paragraph marks are deleted or
// inserted by up to three authors, each byte of marks one paragraph: bit 0
// numbered or not, bits 1-2 the mark (kept, deleted, inserted), bits 3-4
// its author. Every cell stays within its limit, and the document reads or
// is refused with a located error.
func FuzzTrackedMarks(f *testing.F) {
	f.Add([]byte{1, 3, 3, 3, 1, 5, 1})
	f.Add([]byte{1, 11, 19, 27, 5, 13, 21, 1})
	f.Add(bytes.Repeat([]byte{3}, 300))
	f.Fuzz(func(t *testing.T, marks []byte) {
		if len(marks) > 500 {
			return
		}
		var b strings.Builder
		b.WriteString(docxtest.Para("1. Heading"))
		for i, m := range marks {
			rPr := ""
			author := fmt.Sprintf("A%d", (m>>3)%3)
			switch (m >> 1) % 3 {
			case 1:
				rPr = `<w:pPr><w:rPr><w:del w:id="1" w:author="` + author + `" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>`
			case 2:
				rPr = `<w:pPr><w:rPr><w:ins w:id="1" w:author="` + author + `" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>`
			}
			text := "We note the report."
			if m&1 == 1 {
				text = fmt.Sprintf("%d. %s", i+2, text)
			}
			b.WriteString("<w:p>" + rPr + docxtest.Runs(text, "w:t", "") + "</w:p>")
		}
		lim := parse.Limits{MaxCellBytes: 4096}
		for _, opts := range []parse.Options{{Limits: lim}, {Limits: lim, Outcome: parse.AcceptAll}} {
			doc, err := parse.Parse("marks.docx", docxtest.File(t, b.String(), docxtest.Parts{}), opts)
			if err != nil {
				var pe *parse.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("err = %v, want a *ParseError", err)
				}
				continue
			}
			for _, p := range doc.Paragraphs {
				for v, text := range p.Texts {
					if len(text) > lim.MaxCellBytes {
						t.Fatalf("paragraph %s of %s: %d bytes, over the limit", p.ID, doc.Variants[v], len(text))
					}
				}
			}
		}
	})
}

// TestMergedOutcomeLinear: an outcome that merges n rows into one is
// compared and indexed once for the merge, not once per row (63 authors
// deleting 20,000 marks, all accepted, once took 20 s and passed the work
// budget).
func TestMergedOutcomeLinear(t *testing.T) {
	dict := DefaultDictionary()
	checkGrowth(t, growthCase{
		name: "outcome merging every row",
		n:    1000,
		gen:  func(t testing.TB, n int) []byte { return markChainDocx(t, 3, n) },
		read: func(data []byte) error {
			doc, err := parse.Parse("merge.docx", data, parse.Options{Outcome: parse.AcceptAll})
			if err != nil {
				return err
			}
			_, err = Analyse(doc, dict, Options{Outcome: parse.AcceptAll})
			return err
		},
	}, 4000)
}

// TestNumbersPastThousands: paragraphs numbered 10000 and up on their
// text's line (once glued to 9999, silently) are paragraphs when they
// continue the numbering, in running text and table dumps; a number of
// five digits that does not continue it is an error naming its line; and
// a paragraph that grows past the cell limit says which one and why.
func TestNumbersPastThousands(t *testing.T) {
	var text, dump strings.Builder
	text.WriteString("1. Introduction\n\n")
	dump.WriteString("\t1.\nIntroduction\n\tProposal\n")
	for i := 9990; i <= 10003; i++ {
		fmt.Fprintf(&text, "%d. We note paragraph %d.\n\n", i, i)
		fmt.Fprintf(&dump, "\t%d. We note paragraph %d.\n\t%d. We note paragraph %d and more.\n", i, i, i, i)
	}
	text.WriteString("10003bis. We add one.\n")
	for name, data := range map[string]string{"text": text.String(), "dump": dump.String()} {
		doc, err := parse.Parse(name+".txt", []byte(data), parse.Options{})
		if name == "text" {
			doc, err = parse.Parse(name+".txt", []byte(data), parse.Options{})
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var ids []string
		for _, p := range doc.Paragraphs {
			ids = append(ids, p.ID)
			for v, tx := range p.Texts {
				if strings.HasPrefix(tx, p.ID) {
					t.Errorf("%s: paragraph %s's %s text keeps its number: %q", name, p.ID, doc.Variants[v], tx)
				}
			}
		}
		want := "9990 9991 9992 9993 9994 9995 9996 9997 9998 9999 10000 10001 10002 10003"
		if name == "text" {
			want += " 10003bis"
		}
		if got := strings.Join(ids, " "); got != want {
			t.Errorf("%s: paragraphs %s, want %s", name, got, want)
		}
	}

	stray := "1. Introduction\n\n9998. We note.\n\n9999. We note.\n\n10500. We note the stray one.\n"
	_, err := parse.Parse("stray.txt", []byte(stray), parse.Options{})
	if err == nil || !strings.Contains(err.Error(), "stray.txt:7:") || !strings.Contains(err.Error(), "does not follow paragraph 9999: expected 10000 next") {
		t.Errorf("stray number: err = %v, want line 7, 9999 and 10000 named", err)
	}
	strayDump := "\t1.\nIntroduction\n\tProposal\n\t9999. We note.\n\tWe note more.\n\t12000. We note.\n\tWe note more.\n"
	_, err = parse.Parse("stray.txt", []byte(strayDump), parse.Options{})
	if err == nil || !strings.Contains(err.Error(), "stray.txt:6:") || !strings.Contains(err.Error(), "does not follow paragraph 9999") {
		t.Errorf("stray number in a table dump: err = %v, want line 6 and 9999 named", err)
	}
	// A year after a short paragraph number is text, as before.
	doc, err := parse.Parse("year.txt", []byte("1. Introduction\n\n12. We recall the summit.\n\n20050. Tunis was the place.\n"), parse.Options{})
	if err != nil || len(doc.Paragraphs) != 1 {
		t.Errorf("five digits after paragraph 12: %v, %d paragraphs, want the text of paragraph 12", err, len(doc.Paragraphs))
	}
}

// TestGrowthPerInputKind: each kind of input at its worst known shape, at
// sizes n, 2n and 4n, read and analysed with the built-in dictionary (or,
// for dictionaries, read and compiled), costs at most linearly more.
func TestGrowthPerInputKind(t *testing.T) {
	dict := DefaultDictionary()
	analyse := func(parse func([]byte) (*Document, error)) func([]byte) error {
		return func(data []byte) error {
			doc, err := parse(data)
			if err != nil {
				return err
			}
			_, err = Analyse(doc, dict, Options{})
			return err
		}
	}
	// A row of 64 columns, each a rewording of the base.
	wideRow := func(i int) []string {
		row := []string{fmt.Sprintf("%d. We note the report on access %d.", i, i)}
		for v := 1; v < 64; v++ {
			row = append(row, fmt.Sprintf("We note the report on gender %d and access %d.", v, i))
		}
		return row
	}
	cases := []growthCase{{
		name: "table dump of 64 columns",
		n:    50,
		gen: func(t testing.TB, n int) []byte {
			var b strings.Builder
			b.WriteString("\t1.\nIntro")
			for v := 1; v < 64; v++ {
				fmt.Fprintf(&b, "\n\tP%d", v)
			}
			b.WriteByte('\n')
			for i := 1; i <= n; i++ {
				for _, c := range wideRow(i) {
					b.WriteString("\t" + c + "\n")
				}
			}
			return []byte(b.String())
		},
		read: analyse(func(data []byte) (*Document, error) { return parse.Parse("wide.txt", data, parse.Options{}) }),
	}, {
		name: "CSV of multi-line quoted fields",
		n:    500,
		gen: func(t testing.TB, n int) []byte {
			var b strings.Builder
			b.WriteString("section,paragraph,variant,text\n")
			for i := 1; i <= n; i++ {
				fmt.Fprintf(&b, "1,%d,Base,\"We note\nthe report %d.\"\n1,%d,P,\"We note, \"\"gladly\"\",\nthe report %d on gender.\"\n", i, i, i, i)
			}
			return []byte(b.String())
		},
		read: analyse(func(data []byte) (*Document, error) { return parse.Parse("q.csv", data, parse.Options{}) }),
	}, {
		name: "running text of one paragraph's many blocks",
		n:    2000,
		gen: func(t testing.TB, n int) []byte {
			var b strings.Builder
			b.WriteString("1. Introduction\n\n1. We note.\n\n")
			for range n {
				b.WriteString("and more of the same.\n\n")
			}
			return []byte(b.String())
		},
		read: func(data []byte) error { _, err := parse.Parse("blocks.txt", data, parse.Options{}); return err },
	}, {
		name: "Word table of 64 columns",
		n:    25,
		gen: func(t testing.TB, n int) []byte {
			head := []string{"Base"}
			for v := 1; v < 64; v++ {
				head = append(head, fmt.Sprintf("P%d", v))
			}
			rows := [][]string{head, append([]string{"1.\nIntro"}, make([]string, 63)...)}
			for i := 1; i <= n; i++ {
				rows = append(rows, wideRow(i))
			}
			return docxtest.File(t, docxtest.Table(rows), docxtest.Parts{})
		},
		read: analyse(func(data []byte) (*Document, error) { return parse.Parse("wide.docx", data, parse.Options{}) }),
	}, {
		name: "versions shuffled",
		n:    150,
		gen: func(t testing.TB, n int) []byte {
			// A base and its version, paragraphs in reverse order, as
			// one file split at a form feed.
			var base, ver strings.Builder
			base.WriteString("1. Introduction\n\n")
			ver.WriteString("1. Introduction\n\n")
			for i := 1; i <= n; i++ {
				fmt.Fprintf(&base, "%d. We note report %d on access number %d.\n\n", i, i, i*7)
				j := n + 1 - i
				fmt.Fprintf(&ver, "%d. We note report %d on access number %d and gender.\n\n", i, j, j*7)
			}
			return []byte(base.String() + "\f" + ver.String())
		},
		read: func(data []byte) error {
			b, v, _ := bytes.Cut(data, []byte("\f"))
			base, err := parse.Parse("base.txt", b, parse.Options{})
			if err != nil {
				return err
			}
			rev, err := parse.Version("rev.txt", v, parse.Options{})
			if err != nil {
				return err
			}
			doc, err := WithVersions(context.Background(), base, []*Document{rev}, nil)
			if err != nil {
				return err
			}
			doc.Name = "v"
			_, err = Analyse(doc, dict, Options{})
			return err
		},
	}, {
		name: "chain of four stages, each reversing the one before, a proposal against each",
		n:    100,
		gen: func(t testing.TB, n int) []byte {
			// The stages and proposals as one file split at form
			// feeds: stage, proposal, stage, proposal, ..., stage.
			var files []string
			for s := range 4 {
				var stage, prop strings.Builder
				for i := 1; i <= n; i++ {
					j := i
					if s%2 == 1 {
						j = n + 1 - i
					}
					fmt.Fprintf(&stage, "%d. We note report %d on access number %d, round %d.\n\n", i, j, j*7, s)
					fmt.Fprintf(&prop, "%d. We note report %d on access number %d and gender, round %d.\n\n", i, j, j*7, s)
				}
				files = append(files, stage.String())
				if s < 3 {
					files = append(files, prop.String())
				}
			}
			return []byte(strings.Join(files, "\f"))
		},
		read: func(data []byte) error {
			parts := bytes.Split(data, []byte("\f"))
			var stages []ChainStage
			for k := 0; k < len(parts); k += 2 {
				doc, err := parse.Parse("s.txt", parts[k], parse.Options{})
				if err != nil {
					return err
				}
				cs := ChainStage{Name: fmt.Sprintf("Stage %d", k/2+1), Source: "s.txt", Doc: doc}
				if k+1 < len(parts) {
					p, err := parse.Version("p.txt", parts[k+1], parse.Options{})
					if err != nil {
						return err
					}
					cs.Proposals = []ChainProposal{{Actor: fmt.Sprintf("Actor %d", k/2), Source: "p.txt", Doc: p}}
				}
				stages = append(stages, cs)
			}
			doc, err := Chain(context.Background(), stages, ChainOptions{})
			if err != nil {
				return err
			}
			doc.Name = "chain"
			r, err := Analyse(doc, dict, Options{})
			if err != nil || len(r.Document.Stages) != 4 {
				t.Errorf("chain: err %v, want four stages analysed", err)
			}
			return err
		},
	}, {
		name: "compilation of proposals, 20 sources on every paragraph",
		n:    50,
		gen: func(t testing.TB, n int) []byte {
			var b strings.Builder
			b.WriteString("Paragraph,Original text,Source,Proposed text\n")
			for i := 1; i <= n; i++ {
				for src := range 20 {
					fmt.Fprintf(&b, "%d,We note report %d on access.,Delegation %d,We note report %d on access and gender %d.\n", i, i, src, i, src)
				}
			}
			return []byte(b.String())
		},
		read: func(data []byte) error {
			err := analyse(func(data []byte) (*Document, error) { return parse.Parse("compilation.csv", data, parse.Options{}) })(data)
			if err != nil {
				t.Errorf("compilation: %v, want it analysed", err)
			}
			return err
		},
	}, {
		name: "quanteda dictionary, nested",
		n:    100,
		gen: func(t testing.TB, n int) []byte {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "group%d:\n  sub%d:\n", i, i)
				for k := range 5 {
					fmt.Fprintf(&b, "    - term%d_%d*\n    - \"phrase %d %d\"\n", i, k, i, k)
				}
			}
			return []byte(b.String())
		},
		read: func(data []byte) error { _, err := ReadDictionary("q.yaml", data); return err },
	}, {
		name: "LIWC dictionary, every word in every category",
		n:    200,
		gen: func(t testing.TB, n int) []byte {
			var b strings.Builder
			b.WriteString("%\n")
			for c := 1; c <= 20; c++ {
				fmt.Fprintf(&b, "%d cat%d\n", c, c)
			}
			b.WriteString("%\n")
			for i := range n {
				fmt.Fprintf(&b, "word%d*", i)
				for c := 1; c <= 20; c++ {
					fmt.Fprintf(&b, " %d", c)
				}
				b.WriteByte('\n')
			}
			return []byte(b.String())
		},
		read: func(data []byte) error { _, err := ReadDictionary("l.dic", data); return err },
	}, {
		name: "amendlens dictionary, one list aliased by every theme",
		n:    50,
		gen:  func(t testing.TB, n int) []byte { return aliasedDictionary(n, 100, 1) },
		read: func(data []byte) error { _, err := ParseDictionary("a.yaml", data); return err },
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkGrowth(t, c, 4000)
		})
	}
}
