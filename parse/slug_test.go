package parse

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"wsis-tunis-internet-governance-gc", "wsis-tunis-internet-governance-gc"},
		{"WSIS Tunis Agenda (2005)", "wsis-tunis-agenda-2005"},
		{"  --Draft__v2--  ", "draft-v2"},
		{"a   b\t\nc", "a-b-c"},
		{"Résumé des négociations", "résumé-des-négociations"},
		{"Re\u0301sume\u0301", "résumé"}, // decomposed input gives the composed form
		{"Straße Œuvre", "straße-œuvre"},
		{"WGIG’s report", "wgigs-report"},
		{"don't", "dont"},
		{"Ελληνικά κείμενα", "ελληνικά-κείμενα"},
		{"ΣΥΝΘΗΚΗ", "συνθηκη"},
		{"Проект резолюции 3", "проект-резолюции-3"},
		{"مشروع القرار", "مشروع-القرار"},
		{"مُسَوَّدة", "مُسَوَّدة"}, // vowel marks stay with their letters
		{"हिन्दी पाठ", "हिन्दी-पाठ"},
		{"日本語 report", "日本語-report"},
		{"联合国 草案", "联合国-草案"},
		{"٢٠٠٥", "٢٠٠٥"}, // Arabic-Indic digits
		{"2005", "2005"},
		{"a\x00b\xffc", "a-b-c"},
		{"", ""},
		{"!!!", ""},
		{"--- ... ---", ""},
		{"\u0301", ""}, // a mark with no letter
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlugKeepsScriptsApart(t *testing.T) {
	names := []string{"Ελληνικά", "Русский", "العربية", "中文", "日本語", "한국어", "English"}
	seen := map[string]string{}
	for _, n := range names {
		s := Slug(n)
		if s == "" {
			t.Fatalf("Slug(%q) is empty", n)
		}
		if prev, ok := seen[s]; ok {
			t.Fatalf("Slug(%q) = Slug(%q) = %q", n, prev, s)
		}
		seen[s] = n
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"", "Résumé", "a--b", "日本", "x\xffy", "WGIG’s", "ΣΑ", "مُسَ", "!!!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got == "" {
			for _, r := range s {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					t.Fatalf("Slug(%q) is empty, but %q is a letter or digit", s, r)
				}
			}
			return
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Fatalf("Slug(%q) = %q is not NFC", s, got)
		}
		for _, r := range got {
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) || r == '-') {
				t.Fatalf("Slug(%q) = %q has %q", s, got, r)
			}
		}
		if again := Slug(got); again != got {
			t.Fatalf("Slug(Slug(%q)) = %q, want %q", s, again, got)
		}
	})
}

// TestFileBase: a path with slashes or backslashes ends in its base name.
func TestFileBase(t *testing.T) {
	for in, want := range map[string]string{
		"report.txt":            "report.txt",
		"/home/a/report.txt":    "report.txt",
		`C:\Users\a\report.txt`: "report.txt",
		"dir/":                  "dir",
		"":                      "",
	} {
		if got := FileBase(in); got != want {
			t.Errorf("FileBase(%q) = %q, want %q", in, got, want)
		}
	}
}
