package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestUsageListsEveryFlag checks that every flag of every command is named
// in its -h synopsis, in the command's doc comment (main.go) and in the
// README's command-line block, so that a new flag cannot go undocumented.
func TestUsageListsEveryFlag(t *testing.T) {
	doc, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	flagRe := regexp.MustCompile(`\[-([a-z-]+)`)
	for _, c := range commands() {
		_, stderr, err := runCmd(t, c.name, "-h")
		if err == nil || !strings.Contains(err.Error(), "help requested") {
			t.Fatalf("%s -h: error %v, want flag.ErrHelp", c.name, err)
		}
		first, _, _ := strings.Cut(stderr, "\n")
		if !strings.HasPrefix(first, "usage: amendlens "+c.name) {
			t.Fatalf("%s -h: first line %q", c.name, first)
		}
		lineOf := func(text []byte, prefix string) string {
			for _, l := range strings.Split(string(text), "\n") {
				if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(l, "//")), prefix) {
					return l
				}
			}
			return ""
		}
		docLine, readmeLine := lineOf(doc, "amendlens "+c.name), lineOf(readme, "amendlens "+c.name)
		for _, m := range flagRe.FindAllStringSubmatch(first, -1) {
			flag := "-" + m[1] + " "
			if !strings.Contains(docLine+" ", flag) && !strings.Contains(docLine, "-"+m[1]+"]") {
				t.Errorf("main.go's doc comment does not name %s of %s: %q", flag, c.name, docLine)
			}
			if !strings.Contains(readmeLine+" ", flag) && !strings.Contains(readmeLine, "-"+m[1]+"]") {
				t.Errorf("the README does not name %s of %s: %q", flag, c.name, readmeLine)
			}
		}
	}
}
