package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amendlens/analysis"
)

// themes -convert writes a LIWC or quanteda dictionary as ours, which
// ingest then takes as it is, and ingest takes the original too.
func TestThemesConvert(t *testing.T) {
	dir := t.TempDir()
	dic := filepath.Join(dir, "mine.dic")
	os.WriteFile(dic, []byte("%\n1\tgender\n2\taccess\n%\nwomen\t1\ngender*\t1\ninfrastructure\t2\n"), 0o600)
	out, _, err := runCmd(t, "themes", "-convert", dic)
	if err != nil {
		t.Fatal(err)
	}
	d, err := analysis.ParseDictionary("out.yaml", []byte(out))
	if err != nil {
		t.Fatalf("the converted dictionary does not parse: %v\n%s", err, out)
	}
	if strings.Join(d.Names(), ",") != "gender,access" || strings.Join(d.Themes[0].Terms, ",") != "women,gender*" {
		t.Errorf("converted themes %v %v", d.Names(), d.Themes[0].Terms)
	}
	yml := filepath.Join(dir, "mine.yaml")
	os.WriteFile(yml, []byte(out), 0o600)
	for _, themes := range []string{dic, yml} {
		db := filepath.Join(t.TempDir(), "a.db")
		if _, _, err := runCmd(t, "ingest", "-db", db, "-themes", themes, sourceDoc); err != nil {
			t.Fatalf("ingest -themes %s: %v", themes, err)
		}
		csv, _, err := runCmd(t, "export", "-db", db, "-table", "themes")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(csv, ",gender,") || !strings.Contains(csv, ",access,") || strings.Contains(csv, ",rights,") {
			t.Errorf("ingest -themes %s: themes table\n%s", themes, csv)
		}
	}
	bad := filepath.Join(dir, "bad.dic")
	os.WriteFile(bad, []byte("%\n1\tgender\n%\nwomen\t9\n"), 0o600)
	if _, _, err := runCmd(t, "themes", "-convert", bad); err == nil || !strings.Contains(err.Error(), "bad.dic:4:") {
		t.Errorf("bad .dic: %v, want the file and line", err)
	}
}
