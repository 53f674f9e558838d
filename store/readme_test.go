package store_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"amendlens/store/storetest"
)

// TestREADMEStorageTable checks the README's table of what is stored
// against the schema the migrations build, on each database: every table
// has its row and no row names a table that is gone, and every column of a
// table is named in its row, in backticks or as part of its key.
func TestREADMEStorageTable(t *testing.T) {
	doc := readmeStorageRows(t)
	forEachDB(t, func(t *testing.T, bk backend) {
		dsn := bk.fresh(t)
		mustOpenPath(t, dsn).Close()
		query := `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`
		if bk.Name == storetest.Postgres.Name {
			query = `SELECT table_name, column_name FROM information_schema.columns
				WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`
		}
		raw := openRaw(t, dsn)
		rows, err := raw.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		stored := map[string]bool{}
		for rows.Next() {
			var table, column string
			if err := rows.Scan(&table, &column); err != nil {
				t.Fatal(err)
			}
			if table == "migrations" {
				continue // the record of the schema itself, described in prose
			}
			stored[table] = true
			row, ok := doc[table]
			switch {
			case !ok:
				t.Errorf("table %s is stored, and the README's Storage table has no row for it", table)
			case !row.names(column):
				t.Errorf("column %s.%s is stored, and the README's row for %s does not name it", table, column, table)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		for table := range doc {
			if !stored[table] {
				t.Errorf("the README's Storage table has a row for %s, which is not stored", table)
			}
		}
	})
}

// storageRow is a row of the README's Storage table.
type storageRow struct {
	described map[string]bool // the names in backticks
	key       map[string]bool
}

func (r storageRow) names(column string) bool { return r.described[column] || r.key[column] }

var backticked = regexp.MustCompile("`([a-z_]+)`")

// readmeStorageRows reads the table of the README's Storage section, by
// table name.
func readmeStorageRows(t *testing.T) map[string]storageRow {
	t.Helper()
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Storage\n")
	if !ok {
		t.Fatal("README.md has no Storage section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	rows := map[string]storageRow{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) != 3 || !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| table |") {
			continue
		}
		table := strings.TrimPrefix(cells[0], "| ")
		row := storageRow{described: map[string]bool{}, key: map[string]bool{}}
		for _, m := range backticked.FindAllStringSubmatch(cells[1], -1) {
			row.described[m[1]] = true
		}
		for _, k := range strings.Split(strings.TrimSuffix(cells[2], " |"), ", ") {
			row.key[k] = true
		}
		rows[table] = row
	}
	if len(rows) < 10 {
		t.Fatalf("read %d rows of the README's Storage table, want every table's", len(rows))
	}
	return rows
}
