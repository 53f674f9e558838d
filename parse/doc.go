// Package parse reads the files of a negotiated text into a Document: its
// sections, its paragraphs and one text of each paragraph per variant.
// Parse detects the format from the content, once, and reads it
// through one switch: a table dump, a long-form CSV, running text, a PDF's
// text layer, or a Word document (tables of variants, tracked changes by
// author, or running text) on top of package docx. Legacy encodings are
// decoded, hidden format characters removed and counted, status marks
// ("(Agreed)", "[New]") read as metadata; every input is bounded by Limits,
// and a file that does not read is a *ParseError naming the file, the line
// or row, and what was expected.
//
// The package knows nothing of the analysis: it imports align, docx and
// norm of the module.
package parse
