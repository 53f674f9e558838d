package analysis

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"wsis-tunis-internet-governance-gc", "wsis-tunis-internet-governance-gc"},
		{"WSIS Tunis Agenda (2005)", "wsis-tunis-agenda-2005"},
		{"  --Draft__v2--  ", "draft-v2"},
		{"a   b\t\nc", "a-b-c"},
		{"Résumé des négociations", "resume-des-negociations"},
		{"Straße Œuvre Æsir Łódź Ørsted Þing", "strasse-oeuvre-aesir-lodz-orsted-thing"},
		{"WGIG’s report", "wgigs-report"},
		{"don't", "dont"},
		{"日本語 report", "report"},
		{"Ελληνικά", "document"},
		{"", "document"},
		{"!!!", "document"},
		{"2005", "2005"},
		{"a\x00b\xffc", "a-b-c"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"", "Résumé", "a--b", "日本", "x\xffy", "WGIG’s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got == "" || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Slug(%q) = %q has %q", s, got, r)
			}
		}
		if again := Slug(got); again != got {
			t.Fatalf("Slug(Slug(%q)) = %q, want %q", s, again, got)
		}
	})
}
