package parse

import (
	"encoding/binary"
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

// mustParse parses data read from file.
func mustParse(t *testing.T, file string, data []byte) *Document {
	t.Helper()
	doc, err := Parse(file, data, Options{})
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
		_, err := Parse("f.bin", c.data, Options{})
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
	doc, err := Parse("bad-utf8.txt", readTestdata(t, "bad-utf8.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Encoding != EncodingCP1252 {
		t.Errorf("encoding %q, want Windows-1252", doc.Encoding)
	}
}
