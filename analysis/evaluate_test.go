package analysis

import (
	"strings"
	"testing"
)

// TestParseGoldErrors: a gold file that is not one says where and what
// was expected.
func TestParseGoldErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"empty", "", "empty: expected a header"},
		{"no verdict", "change_id,note\np1v1s1,x\n", `g.csv:1: header "change_id,note": expected a verdict column`},
		{"bad verdict", "change_id,verdict\np1v1s1,adopted\np1v1s2,maybe\n", `g.csv:3: verdict "maybe": expected adopted, partly`},
		{"bad moved", "change_id,verdict,moved\np1v1s1,adopted,often\n", `g.csv:2: moved "often": expected true or false`},
		{"no id", "change_id,actor,paragraph,proposed_text,verdict\n,GC,39,,adopted\n", "g.csv:2: expected a change_id, or an actor"},
		{"no rows", "change_id,verdict\n", "no rows"},
	} {
		_, err := ParseGold("g.csv", []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	r := analyseSource(t)
	gold, err := ParseGold("g.csv", []byte("change_id,verdict\np1v1s3,adopted\np99v1s1,adopted\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Evaluate(r, gold); err == nil || !strings.Contains(err.Error(), `line 3: no insertion "p99v1s1"`) {
		t.Errorf("unknown change: err = %v", err)
	}
	gold[1] = GoldRow{Line: 3, ChangeID: "p1v1s3", JudgedAt: "Rev.9", Verdict: VerdictAdopted}
	if _, err := Evaluate(r, gold); err == nil || !strings.Contains(err.Error(), `line 3: Document`) {
		t.Errorf("unknown stage: err = %v", err)
	}
}
