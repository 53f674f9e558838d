package main

import (
	"flag"
	"io"

	"amendlens/analysis"
)

// utf8BOM is the byte order mark Excel needs to read a UTF-8 CSV's accents
// right.
const utf8BOM = "\uFEFF"

// bomFlag adds -bom to the export command's flags.
func bomFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("bom", false, "start the CSV with a UTF-8 byte order mark, for Excel")
}

// writeTableCSV writes a table as CSV, after a byte order mark when bom is
// set.
func writeTableCSV(w io.Writer, r *analysis.Result, table string, f analysis.Filter, bom bool) error {
	if bom {
		if _, err := io.WriteString(w, utf8BOM); err != nil {
			return err
		}
	}
	return analysis.WriteTableCSV(w, r, table, f)
}
