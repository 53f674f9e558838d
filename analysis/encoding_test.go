package analysis

import (
	"context"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16LE returns s in UTF-16, little-endian, after its byte order mark:
// Word's and Notepad's "Unicode" text.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return out
}

// TestLegacyEncodings: text saved as Windows-1252 (Word's plain text on
// Windows) and as UTF-16 with its byte order mark reads as the same text
// in UTF-8, saying which encoding it was read in; in every text format.
func TestLegacyEncodings(t *testing.T) {
	text := "1. Société civile\n\n1. Nous réaffirmons l’égalité des femmes.\n"
	dump := "\t1.\nSociété civile\n\tProposition\n\t1. Nous réaffirmons.\n\t1. Nous réaffirmons l’égalité.\n"
	csv := "section,paragraph,variant,text\n1,1,Base,Société civile.\n1,1,Proposition,Société civile égale.\n"
	cp1252 := func(s string) []byte {
		r := strings.NewReplacer("é", "\xe9", "’", "\x92")
		return []byte(r.Replace(s))
	}
	for _, c := range []struct {
		name, source string
		data         []byte
		encoding     string
	}{
		{"text, Windows-1252", text, cp1252(text), EncodingCP1252},
		{"text, UTF-16", text, utf16LE(text), EncodingUTF16},
		{"table dump, Windows-1252", dump, cp1252(dump), EncodingCP1252},
		{"CSV, UTF-16", csv, utf16LE(csv), EncodingUTF16},
		{"text, UTF-8", text, []byte(text), ""},
	} {
		want, err := ParseWith("f.txt", []byte(c.source), ParseOptions{})
		if err != nil {
			t.Fatalf("%s: the UTF-8 source: %v", c.name, err)
		}
		got, err := ParseWith("f.txt", c.data, ParseOptions{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got.Encoding != c.encoding {
			t.Errorf("%s: read as %q, want %q", c.name, got.Encoding, c.encoding)
		}
		if docNames(got) != docNames(want) {
			t.Errorf("%s:\n%s\nwant\n%s", c.name, docNames(got), docNames(want))
		}
	}
	r, err := Analyse(mustParse(t, "f.txt", cp1252(dump)), DefaultDictionary(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Summary(); !strings.Contains(s, "read as Windows-1252, not UTF-8") {
		t.Errorf("summary does not say the encoding:\n%s", s)
	}
}

// mustParse parses data read from file.
func mustParse(t *testing.T, file string, data []byte) *Document {
	t.Helper()
	doc, err := ParseWith(file, data, ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestUnreadableFiles: a binary file is refused saying what it looks
// like, which encodings were tried and how to save as UTF-8; a damaged
// PDF saying it does not read as one, and what to do.
func TestUnreadableFiles(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want []string
	}{
		{"binary", []byte("\t1.\nIntro\x00\x01\x02\n"), []string{"NUL byte", "UTF-8, UTF-16 with a byte order mark and Windows-1252", "save the file as UTF-8 text"}},
		{"PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), []string{"f.bin:1: a PDF that does not read", "save it again from the program that made it, or as .docx or .txt"}},
	} {
		_, err := ParseWith("f.bin", c.data, ParseOptions{})
		for _, w := range c.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s: err = %v, want %q", c.name, err, w)
			}
		}
	}
}

// TestLatin1Fixture: the fixture of a text that is not UTF-8 (once refused
// as "invalid UTF-8 at byte 10") reads as Windows-1252.
func TestLatin1Fixture(t *testing.T) {
	doc, err := ParseWith("bad-utf8.txt", readTestdata(t, "bad-utf8.txt"), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Encoding != EncodingCP1252 {
		t.Errorf("encoding %q, want Windows-1252", doc.Encoding)
	}
}

// TestVersionsKeepEncoding: a base read as Windows-1252 with versions keeps
// saying so; a done context stops the versions before they are aligned.
func TestVersionsKeepEncoding(t *testing.T) {
	base := File{Name: "base.txt", Data: []byte("1. Soci\xe9t\xe9\n\n1. Nous notons.\n")}
	v := File{Name: "v.txt", Data: []byte("1. Société\n\n1. Nous notons bien.\n")}
	doc, err := versionsDocument(base, []File{v}, nil, ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Encoding != EncodingCP1252 || doc.Sections[0].Title != "Société" {
		t.Errorf("encoding %q, section %q", doc.Encoding, doc.Sections[0].Title)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := versionsDocument(base, []File{v}, nil, ParseOptions{Context: ctx}); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: err = %v, want context.Canceled", err)
	}
}
