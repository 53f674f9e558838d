package docx

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The namespaces of WordprocessingML (transitional and strict) and of markup
// compatibility.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// xmlReader streams the elements of one part, bounding their nesting.
type xmlReader struct {
	d     *xml.Decoder
	depth int
	// ns maps the prefixes declared so far to their namespaces, for the
	// Requires attribute of mc:Choice, which names prefixes.
	ns map[string]string
	// ctx, when set, stops the reading when done, looked at every
	// ctxCheckTokens tokens.
	ctx    context.Context
	tokens int
}

// ctxCheckTokens is how many tokens an xmlReader reads between two looks at
// its context: a fraction of a millisecond of decoding.
const ctxCheckTokens = 4096

func newXMLReader(r io.Reader) *xmlReader {
	d := xml.NewDecoder(r)
	return &xmlReader{d: d, ns: map[string]string{}}
}

// errDepth is the error of elements nested deeper than maxXMLDepth.
type errDepth struct{ line int }

func (e errDepth) Error() string {
	return fmt.Sprintf("elements nested more than %d deep at line %d", maxXMLDepth, e.line)
}

// next returns the next token, start and end elements and character data
// only. As with xml.Decoder.Token, character data is valid only until the
// next call: text copies it at once.
func (x *xmlReader) next() (xml.Token, error) {
	for {
		t, err := x.d.Token()
		if err != nil {
			return nil, err
		}
		if x.tokens++; x.ctx != nil && x.tokens%ctxCheckTokens == 1 {
			if err := x.ctx.Err(); err != nil {
				return nil, err
			}
		}
		switch t := t.(type) {
		case xml.StartElement:
			x.depth++
			if x.depth > maxXMLDepth {
				line, _ := x.d.InputPos()
				return nil, errDepth{line}
			}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" {
					x.ns[a.Name.Local] = a.Value
				}
			}
			return t, nil
		case xml.EndElement:
			x.depth--
			return t, nil
		case xml.CharData:
			return t, nil
		}
	}
}

// children calls fn on each child element of the element just started, up
// to its end. fn must read its element whole (children, skip or text).
func (x *xmlReader) children(fn func(se xml.StartElement) error) error {
	for {
		t, err := x.next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// root calls fn on each child element of the root element.
func (x *xmlReader) root(fn func(se xml.StartElement) error) error {
	for {
		t, err := x.next()
		if err != nil {
			return err
		}
		if _, ok := t.(xml.StartElement); ok {
			return x.children(fn)
		}
	}
}

// skip reads the element just started to its end.
func (x *xmlReader) skip() error {
	return x.children(func(xml.StartElement) error { return x.skip() })
}

// text returns the character data of the element just started, without
// that of its children.
func (x *xmlReader) text() (string, error) {
	var b strings.Builder
	for {
		t, err := x.next()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := x.skip(); err != nil {
				return "", err
			}
		case xml.CharData:
			b.Write(t)
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// isW reports whether se is the WordprocessingML element local.
func isW(se xml.StartElement, local string) bool {
	return se.Name.Local == local && (se.Name.Space == nsW || se.Name.Space == nsWStrict)
}

// wSpace reports whether se is in a WordprocessingML namespace.
func wSpace(se xml.StartElement) bool {
	return se.Name.Space == nsW || se.Name.Space == nsWStrict
}

// attr returns the value of the attribute local of se in any namespace.
func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space != "xmlns" {
			return a.Value, true
		}
	}
	return "", false
}

// onOff reads the toggle property se ("w:strike"): on unless its w:val is
// 0, false or off.
func onOff(se xml.StartElement) bool {
	v, ok := attr(se, "val")
	if !ok {
		return true
	}
	switch strings.ToLower(v) {
	case "0", "false", "off":
		return false
	}
	return true
}

// intAttr reads the integer attribute w:val of se, def when missing or bad.
func intAttr(se xml.StartElement, def int) int {
	v, ok := attr(se, "val")
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def
	}
	return n
}

// understood reports whether the markup-compatibility Requires value (a
// list of prefixes) names only namespaces whose text this reader reads:
// WordprocessingML and Word's own extensions of it.
func (x *xmlReader) understood(requires string) bool {
	for _, p := range strings.Fields(requires) {
		ns := x.ns[p]
		if ns != nsW && ns != nsWStrict && !strings.HasPrefix(ns, "http://schemas.microsoft.com/office/word/") {
			return false
		}
	}
	return true
}

// alternate reads mc:AlternateContent, just started, passing the children of
// one branch to fn: the first mc:Choice whose Requires is understood, else
// mc:Fallback. The other branches are skipped, so no text is read twice.
func (x *xmlReader) alternate(fn func(se xml.StartElement) error) error {
	chosen := false
	return x.children(func(se xml.StartElement) error {
		if se.Name.Space != nsMC || chosen {
			return x.skip()
		}
		switch se.Name.Local {
		case "Choice":
			req, _ := attr(se, "Requires")
			if !x.understood(req) {
				return x.skip()
			}
		case "Fallback":
		default:
			return x.skip()
		}
		chosen = true
		return x.children(fn)
	})
}
