package analysis

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// The data package of a Result: every table as a CSV in one zip, described
// by a datapackage.json after the Frictionless Data Package and Table
// Schema specifications (https://specs.frictionlessdata.io/), so that R,
// Python or a spreadsheet read each column with its type and tables join
// by their keys.

// dataPackage is datapackage.json.
type dataPackage struct {
	Profile   string            `json:"profile"`
	Name      string            `json:"name"`
	Title     string            `json:"title,omitempty"`
	Created   string            `json:"created"`
	Amendlens map[string]string `json:"amendlens"`
	Resources []dataResource    `json:"resources"`
}

// dataResource describes one CSV.
type dataResource struct {
	Profile   string      `json:"profile"`
	Name      string      `json:"name"`
	Path      string      `json:"path"`
	Format    string      `json:"format"`
	Mediatype string      `json:"mediatype"`
	Encoding  string      `json:"encoding"`
	Schema    tableSchema `json:"schema"`
}

// tableSchema is a Table Schema: the columns in order, the keys.
type tableSchema struct {
	Fields        []schemaField `json:"fields"`
	MissingValues []string      `json:"missingValues"`
	PrimaryKey    []string      `json:"primaryKey,omitempty"`
	ForeignKeys   []foreignKey  `json:"foreignKeys,omitempty"`
}

type schemaField struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

type foreignKey struct {
	Fields    []string     `json:"fields"`
	Reference keyReference `json:"reference"`
}

type keyReference struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// packageTables are the tables a data package holds: all but search,
// which needs a query, and compare, which needs two texts.
func packageTables() []string {
	var out []string
	for _, t := range Tables {
		if t != "search" && t != "compare" {
			out = append(out, t)
		}
	}
	return out
}

// primaryKeys are the columns that name one row of each table that has
// such columns, none of them ever empty, as a Table Schema key must be:
// hits (a change may hold a theme twice), alignment and lineage (a
// deleted paragraph has no counterpart), actors (a row for all themes) and
// search have none.
var primaryKeys = map[string][]string{
	"paragraphs": {"document", "paragraph", "variant"},
	"sections":   {"document", "section", "variant"},
	"themes":     {"document", "variant", "theme"},
	"uptake":     {"document", "proposal", "theme"},
	"changes":    {"document", "change_id"},
	"unthemed":   {"document", "variant", "phrase"},
	"verdicts":   {"document", "change_id"},
	"stages":     {"document", "stage"},
	"fates":      {"document", "change_id"},
	"provenance": {"document", "stage", "paragraph", "start_word"},
	"judgements": {"document", "change_id", "judged_at"},
}

// changeKeyTables are the tables whose change_id names a row of changes
// (a package holds one document, whose change IDs are unique); an empty
// change_id (a word no insertion brought) names none.
var changeKeyTables = []string{"hits", "verdicts", "fates"}

// fieldType is the Table Schema type of a column.
func fieldType(name string) string {
	switch name {
	case "change_ratio", "similarity", "score", "credit", "share":
		return "number"
	case "moved", "partial":
		return "boolean"
	case "date":
		return "date"
	}
	if NumberColumn(name) {
		return "integer"
	}
	return "string"
}

// WriteDataPackage writes every table of r but search to w as a zip of
// CSVs (as WriteTableCSV writes them, unfiltered) with a datapackage.json
// that gives each column's type and each table's keys.
func WriteDataPackage(w io.Writer, r *Result, now time.Time) error {
	zw := zip.NewWriter(w)
	pkg := dataPackage{
		Profile: "tabular-data-package",
		Name:    strings.ToLower(r.Document.Name),
		Title:   r.Document.Title,
		Created: now.UTC().Format(time.RFC3339),
	}
	if r.Dictionary != nil {
		pkg.Amendlens = map[string]string{"dictionary_sha256": r.Dictionary.Hash}
	}
	for _, name := range packageTables() {
		header, err := TableHeader(r, name)
		if err != nil {
			return err
		}
		res := dataResource{Profile: "tabular-data-resource", Name: name, Path: name + ".csv", Format: "csv", Mediatype: "text/csv", Encoding: "utf-8",
			Schema: tableSchema{MissingValues: []string{""}, PrimaryKey: primaryKeys[name]}}
		for _, col := range header {
			res.Schema.Fields = append(res.Schema.Fields, schemaField{Name: col, Type: fieldType(col)})
		}
		for _, t := range changeKeyTables {
			if t == name {
				res.Schema.ForeignKeys = []foreignKey{{Fields: []string{"change_id"}, Reference: keyReference{Resource: "changes", Fields: []string{"change_id"}}}}
			}
		}
		pkg.Resources = append(pkg.Resources, res)
		f, err := zw.CreateHeader(&zip.FileHeader{Name: res.Path, Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		if err := WriteTableCSV(f, r, name, Filter{}); err != nil {
			return fmt.Errorf("data package: %s: %w", name, err)
		}
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "datapackage.json", Method: zip.Deflate, Modified: now})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	if err := enc.Encode(pkg); err != nil {
		return err
	}
	return zw.Close()
}
