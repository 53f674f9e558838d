package analysis_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"amendlens/analysis"
	"amendlens/analysis/analysistest"
	"amendlens/parse"
)

// pkgJSON is what the test reads of datapackage.json: what the Data
// Package and Table Schema specifications require of it.
type pkgJSON struct {
	Profile   string `json:"profile"`
	Name      string `json:"name"`
	Resources []struct {
		Profile string `json:"profile"`
		Name    string `json:"name"`
		Path    string `json:"path"`
		Format  string `json:"format"`
		Schema  struct {
			Fields []struct {
				Name string `json:"name"`
				Type string `json:"type"`
			} `json:"fields"`
			MissingValues []string `json:"missingValues"`
			PrimaryKey    []string `json:"primaryKey"`
			ForeignKeys   []struct {
				Fields    []string `json:"fields"`
				Reference struct {
					Resource string   `json:"resource"`
					Fields   []string `json:"fields"`
				} `json:"reference"`
			} `json:"foreignKeys"`
		} `json:"schema"`
	} `json:"resources"`
}

// dataPackageOf writes r's data package and returns its files by name.
func dataPackageOf(t *testing.T, r *analysis.Result) (map[string][]byte, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := analysis.WriteDataPackage(&buf, r, time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return files, buf.Bytes()
}

var (
	packageName = regexp.MustCompile(`^[a-z0-9._-]+$`)
	isoDate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// TestDataPackage: the data package of the sample, of the chain fixture
// and of the uptake gold set holds every table but search as a CSV, and a
// datapackage.json that the specifications accept: a valid package name,
// tabular profiles, each resource's fields its CSV's header in order, each
// cell of its declared type, primary keys never empty and unique, foreign
// keys found in the table they name.
func TestDataPackage(t *testing.T) {
	dict := analysis.DefaultDictionary()
	for _, r := range []*analysis.Result{sampleResult(t), analysistest.ChainFixture(t, "..", dict), analysistest.UptakeFixture(t, "..", dict)} {
		files, _ := dataPackageOf(t, r)
		var pkg pkgJSON
		if err := json.Unmarshal(files["datapackage.json"], &pkg); err != nil {
			t.Fatalf("%s: datapackage.json: %v", r.Document.Name, err)
		}
		if pkg.Profile != "tabular-data-package" || !packageName.MatchString(pkg.Name) {
			t.Errorf("%s: profile %q, name %q", r.Document.Name, pkg.Profile, pkg.Name)
		}
		var names []string
		rows := map[string][]map[string]string{}
		for _, res := range pkg.Resources {
			names = append(names, res.Name)
			if res.Profile != "tabular-data-resource" || res.Format != "csv" || res.Path != res.Name+".csv" || !packageName.MatchString(res.Name) {
				t.Errorf("%s: resource %+v", r.Document.Name, res)
			}
			recs, err := csv.NewReader(bytes.NewReader(files[res.Path])).ReadAll()
			if err != nil || len(recs) == 0 {
				t.Fatalf("%s: %s: %v", r.Document.Name, res.Path, err)
			}
			var fields []string
			for _, f := range res.Schema.Fields {
				fields = append(fields, f.Name)
			}
			if !slices.Equal(recs[0], fields) {
				t.Errorf("%s: %s: header %v, fields %v", r.Document.Name, res.Name, recs[0], fields)
			}
			for _, rec := range recs[1:] {
				row := map[string]string{}
				for i, f := range res.Schema.Fields {
					v := rec[i]
					row[f.Name] = v
					if v == "" {
						continue // the missing value
					}
					var bad bool
					switch f.Type {
					case "integer":
						_, err := strconv.ParseInt(v, 10, 64)
						bad = err != nil
					case "number":
						_, err := strconv.ParseFloat(v, 64)
						bad = err != nil
					case "boolean":
						bad = v != "true" && v != "false"
					case "date":
						bad = !isoDate.MatchString(v)
					case "string":
					default:
						t.Errorf("%s: %s.%s: type %q", r.Document.Name, res.Name, f.Name, f.Type)
					}
					if bad {
						t.Errorf("%s: %s.%s: %q is no %s", r.Document.Name, res.Name, f.Name, v, f.Type)
					}
				}
				rows[res.Name] = append(rows[res.Name], row)
			}
			if pk := res.Schema.PrimaryKey; len(pk) > 0 {
				seen := map[string]bool{}
				for _, row := range rows[res.Name] {
					var key []string
					for _, k := range pk {
						if row[k] == "" {
							t.Errorf("%s: %s: primary key %v empty in %v", r.Document.Name, res.Name, pk, row)
						}
						key = append(key, row[k])
					}
					if k := strings.Join(key, "\x00"); seen[k] {
						t.Errorf("%s: %s: primary key %v repeated: %v", r.Document.Name, res.Name, pk, key)
					} else {
						seen[k] = true
					}
				}
			}
		}
		want := slices.DeleteFunc(slices.Clone(analysis.Tables), func(s string) bool { return s == "search" || s == "compare" })
		if !slices.Equal(names, want) {
			t.Errorf("%s: resources %v, want %v", r.Document.Name, names, want)
		}
		for _, res := range pkg.Resources {
			for _, fk := range res.Schema.ForeignKeys {
				target := map[string]bool{}
				for _, row := range rows[fk.Reference.Resource] {
					target[row[fk.Reference.Fields[0]]] = true
				}
				n := 0
				for _, row := range rows[res.Name] {
					if v := row[fk.Fields[0]]; v != "" {
						n++
						if !target[v] {
							t.Errorf("%s: %s.%s %q is in no row of %s", r.Document.Name, res.Name, fk.Fields[0], v, fk.Reference.Resource)
						}
					}
				}
				if n == 0 && len(rows[res.Name]) > 0 {
					t.Errorf("%s: %s: no row names a change", r.Document.Name, res.Name)
				}
			}
		}
	}
}

// readPackage is how an analyst reads the package in Python: every CSV
// with the dtype its schema declares (pandas' nullable Int64, float64,
// boolean, string; dates parsed), printing, per table, its rows and the
// dtype of each column.
const readPackage = `
import json, sys, zipfile, io
import pandas as pd
z = zipfile.ZipFile(sys.argv[1])
pkg = json.loads(z.read("datapackage.json"))
kinds = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}
for res in pkg["resources"]:
    fields = res["schema"]["fields"]
    dtype = {f["name"]: kinds[f["type"]] for f in fields if f["type"] != "date"}
    dates = [f["name"] for f in fields if f["type"] == "date"]
    df = pd.read_csv(io.BytesIO(z.read(res["path"])), dtype=dtype, parse_dates=dates, keep_default_na=False, na_values=[""])
    print(res["name"], len(df), ",".join(f"{c}:{df[c].dtype}" for c in df.columns))
`

// TestDataPackagePandas reads the chain fixture's package with pandas as
// an analyst would: every table reads with its declared types, with as
// many rows as its CSV. Without Python and pandas the test is skipped,
// unless AMENDLENS_REQUIRE_PANDAS is set.
func TestDataPackagePandas(t *testing.T) {
	// Debian's Python, which Debian's pandas is for, before any other on
	// the path.
	python := "python3"
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		python = "/usr/bin/python3"
	}
	if err := exec.Command(python, "-c", "import pandas").Run(); err != nil {
		if os.Getenv("AMENDLENS_REQUIRE_PANDAS") != "" {
			t.Fatalf("python3 with pandas: %v", err)
		}
		t.Skip("no python3 with pandas (Debian: python3-pandas)")
	}
	r := analysistest.ChainFixture(t, "..", analysis.DefaultDictionary())
	files, zipped := dataPackageOf(t, r)
	path := filepath.Join(t.TempDir(), "package.zip")
	if err := os.WriteFile(path, zipped, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", readPackage, path).CombinedOutput()
	if err != nil {
		t.Fatalf("pandas: %v\n%s", err, out)
	}
	var pkg pkgJSON
	if err := json.Unmarshal(files["datapackage.json"], &pkg); err != nil {
		t.Fatal(err)
	}
	pandasOf := map[string]string{"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string", "date": "datetime64[ns]"}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(pkg.Resources) {
		t.Fatalf("pandas read %d tables, the package has %d:\n%s", len(lines), len(pkg.Resources), out)
	}
	for i, res := range pkg.Resources {
		name, rest, _ := strings.Cut(lines[i], " ")
		count, types, _ := strings.Cut(rest, " ")
		recs, _ := csv.NewReader(bytes.NewReader(files[res.Path])).ReadAll()
		if name != res.Name || count != strconv.Itoa(len(recs)-1) {
			t.Errorf("pandas: %q, want %s with %d rows", lines[i], res.Name, len(recs)-1)
		}
		var want []string
		for _, f := range res.Schema.Fields {
			want = append(want, f.Name+":"+pandasOf[f.Type])
		}
		if types != strings.Join(want, ",") {
			t.Errorf("pandas: %s reads as\n%s\nwant\n%s", res.Name, types, strings.Join(want, ","))
		}
	}
}

// sampleResult is the built-in sample analysed with the default
// dictionary.
func sampleResult(t *testing.T) *analysis.Result {
	t.Helper()
	doc, err := parse.Parse(analysis.SampleFile, analysis.Sample(), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyse(doc, analysis.DefaultDictionary(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
