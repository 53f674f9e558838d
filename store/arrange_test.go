package store

import (
	"slices"
	"strings"
	"testing"
)

func TestArrange(t *testing.T) {
	tests := []struct {
		items   []string
		ords    []int
		want    []string
		wantErr string
	}{
		{[]string{"a", "b", "c"}, []int{0, 1, 2}, []string{"a", "b", "c"}, ""},
		{[]string{"c", "a", "b"}, []int{2, 0, 1}, []string{"a", "b", "c"}, ""},
		{[]string{"a", "b", "c"}, []int{0, 0, 2}, nil, "item 1 missing"},
		{[]string{"b", "c"}, []int{1, 2}, nil, "item 0 missing"},
		{nil, nil, nil, ""},
	}
	for _, tt := range tests {
		items := slices.Clone(tt.items)
		err := arrange(items, tt.ords)
		switch {
		case tt.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("arrange(%q, %v): %v, want an error containing %q", tt.items, tt.ords, err, tt.wantErr)
			}
		case err != nil:
			t.Errorf("arrange(%q, %v): %v", tt.items, tt.ords, err)
		case !slices.Equal(items, tt.want):
			t.Errorf("arrange(%q, %v) = %q, want %q", tt.items, tt.ords, items, tt.want)
		}
	}
}
