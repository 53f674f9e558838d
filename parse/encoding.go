package parse

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// The encodings text files are read in besides UTF-8, as Document.Encoding
// names them.
const (
	EncodingUTF16   = "UTF-16"
	EncodingCP1252  = "Windows-1252"
	encodingsTried  = "UTF-8, UTF-16 with a byte order mark and Windows-1252"
	saveAsUTF8Hint  = "save the file as UTF-8 text (in Word: Save As, Plain Text, then Unicode (UTF-8))"
	pdfMagic        = "%PDF-"
	maxSniffedBytes = 1 << 10
)

// decodeText returns data, a text file, as UTF-8 and the encoding it was
// read in, "" for UTF-8: UTF-16 when it starts with a byte order mark
// (Word's "Unicode" plain text, Notepad's), Windows-1252 when it is not
// valid UTF-8 and holds no NUL byte (Word's and Excel's plain text and
// CSV on Windows), every byte of which is a character. Anything else (a NUL
// byte in what is not UTF-16: a binary file, or UTF-16 without its mark)
// is left as it is, for the parsers to refuse.
func decodeText(data []byte) ([]byte, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err == nil {
			return out, EncodingUTF16
		}
	case utf8.Valid(data), bytes.IndexByte(data, 0) >= 0:
		return data, ""
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return data, ""
	}
	return out, EncodingCP1252
}
