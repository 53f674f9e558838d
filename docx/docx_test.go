package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"testing"
)

// testNS declares the namespace of WordprocessingML.
const testNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// testDocx returns a Word document whose body is body and whose numbering
// part holds numbering, the XML of w:numbering's children.
func testDocx(t testing.TB, body, numbering string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range [][2]string{
		{"word/document.xml", `<w:document ` + testNS + `><w:body>` + body + `</w:body></w:document>`},
		{"word/numbering.xml", `<w:numbering ` + testNS + `>` + numbering + `</w:numbering>`},
	} {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadLabels: paragraphs numbered by a list read with their numbers,
// in decimal and letters, restarted below a level; a paragraph whose mark
// is a tracked insertion is not counted.
func TestReadLabels(t *testing.T) {
	numbering := `<w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:start w:val="29"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1%2)"/></w:lvl>` +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`
	p := func(ilvl int, mark string) string {
		return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr>%s</w:pPr><w:r><w:t>We note.</w:t></w:r></w:p>`, ilvl, mark)
	}
	ins := `<w:rPr><w:ins w:id="1" w:author="A" w:date="2025-01-01T00:00:00Z"/></w:rPr>`
	doc, err := Read(context.Background(), testDocx(t, p(0, "")+p(1, "")+p(1, ins)+p(1, "")+p(0, "")+p(1, ""), numbering))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Body {
		got = append(got, doc.Labels[b.Para])
	}
	if want := "29. 29a)  29b) 30. 30a)"; strings.Join(got, " ") != want {
		t.Errorf("labels %q, want %q", strings.Join(got, " "), want)
	}
	if doc.Body[2].Para.Mark.Kind != Inserted || doc.Body[2].Para.Mark.Author != "A" {
		t.Errorf("mark %+v, want inserted by A", doc.Body[2].Para.Mark)
	}
}

// TestReadErrors: what is not a whole Word document is an *Error saying
// where and what was expected; a done context stops the reading.
func TestReadErrors(t *testing.T) {
	good := testDocx(t, `<w:p><w:r><w:t>1. Text</w:t></w:r></w:p>`, "")
	for _, c := range []struct {
		name, data, want string
	}{
		{"not zip", "hello", "a zip archive without its end"},
		{"cut", string(good[:len(good)-30]), "a zip archive without its end"},
		{"bad XML", string(testDocx(t, `<w:p><w:r>`, "")), "word/document.xml line 1: "},
	} {
		_, err := Read(context.Background(), []byte(c.data))
		var de *Error
		if !errors.As(err, &de) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want an *Error containing %q", c.name, err, c.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, good); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: err = %v, want context.Canceled", err)
	}
}

// TestNumberingLabelBound: a label is written out up to maxLabelBytes; one
// that would be longer is no number, one at the bound is.
func TestNumberingLabelBound(t *testing.T) {
	for _, c := range []struct {
		reps   int
		wantID string // "" for no number
	}{
		{1, "1"},
		{maxLabelBytes - 1, strings.Repeat("1", maxLabelBytes-1)}, // the dot makes 64
		{maxLabelBytes, ""},
	} {
		num := newNumbering()
		x := newXMLReader(strings.NewReader(`<w:numbering ` + testNS + `>` +
			`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="` + strings.Repeat("%1", c.reps) + `."/></w:lvl></w:abstractNum>` +
			`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`))
		if err := num.read(x); err != nil {
			t.Fatal(err)
		}
		got := num.label(&numRef{numID: "1"}, &styleSheet{styles: map[string]*style{}})
		want := ""
		if c.wantID != "" {
			want = c.wantID + "."
		}
		if got != want {
			t.Errorf("%d x %%1: label %q, want %q", c.reps, got, want)
		}
	}
}

// FuzzNumbering reads list definitions of any level text, start and format
// over a few numbered paragraphs at several levels: labels never pass
// maxLabelBytes, and the document reads or is refused with an *Error.
func FuzzNumbering(f *testing.F) {
	f.Add("%1.", 1, "decimal", uint8(3), []byte{0, 0, 1, 1, 0})
	f.Add("%1.%2)", 29, "lowerLetter", uint8(4), []byte{0, 1, 2, 8, 1})
	f.Add(strings.Repeat("%1", 100), 2147483647, "upperRoman", uint8(2), []byte{0, 0})
	f.Add("Article %9 (%3)", -5, "bullet", uint8(7), []byte{3, 4, 5})
	f.Fuzz(func(t *testing.T, lvlText string, start int, numFmt string, restart uint8, levels []byte) {
		if len(levels) > 200 || len(lvlText) > 4096 || len(numFmt) > 64 {
			return
		}
		var num strings.Builder
		num.WriteString(`<w:abstractNum w:abstractNumId="0">`)
		for l := range 9 {
			fmt.Fprintf(&num, `<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/><w:lvlRestart w:val="%d"/></w:lvl>`,
				l, start+l, html.EscapeString(numFmt), html.EscapeString(lvlText), int(restart)%10)
		}
		num.WriteString(`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`)
		var body strings.Builder
		body.WriteString(`<w:p><w:r><w:t>1. Heading</w:t></w:r></w:p>`)
		for _, l := range levels {
			fmt.Fprintf(&body, `<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>We note.</w:t></w:r></w:p>`, l%9)
		}
		data := testDocx(t, body.String(), num.String())

		numbering := newNumbering()
		x := newXMLReader(strings.NewReader(`<w:numbering ` + testNS + `>` + num.String() + `</w:numbering>`))
		if err := numbering.read(x); err != nil {
			t.Skip("not well-formed once escaped")
		}
		st := &styleSheet{styles: map[string]*style{}}
		for _, l := range levels {
			if got := numbering.label(&numRef{numID: "1", ilvl: int(l % 9)}, st); len(got) > maxLabelBytes {
				t.Fatalf("label of %d bytes, over %d", len(got), maxLabelBytes)
			}
		}
		doc, err := Read(context.Background(), data)
		if err != nil {
			var de *Error
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			return
		}
		for p, l := range doc.Labels {
			if len(l) > maxLabelBytes {
				t.Fatalf("paragraph %d: label of %d bytes, over %d", p.N, len(l), maxLabelBytes)
			}
		}
	})
}
