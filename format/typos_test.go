package format

import (
	"strings"
	"testing"
)

func TestNearest(t *testing.T) {
	fields := []string{"headers", "key", "partition", "timestamp", "value"}
	for _, tc := range []struct {
		word string
		most int
		want string
	}{
		{"vaule", 2, "value"},
		{"partiton", 2, "partition"},
		{"kye", 1, ""},    // two typos, one allowed
		{"kye", 2, "key"}, // within two
		{"offset", 2, ""}, // none close
	} {
		if got := Nearest(tc.word, fields, strings.ToLower, tc.most); got != tc.want {
			t.Errorf("Nearest(%q, most %d) = %q; want %q", tc.word, tc.most, got, tc.want)
		}
	}
	// Candidates as fold sees them; the candidate as it is returned.
	if got := Nearest("retentionms", []string{"retention.ms", "segment.ms"}, FoldName, 0); got != "retention.ms" {
		t.Errorf("folded: %q; want retention.ms", got)
	}
	// Two equally close: no guess.
	if got := Nearest("orders", []string{"orders1", "orders2"}, strings.ToLower, 2); got != "" {
		t.Errorf("a tie gave %q; want none", got)
	}
	for word, want := range map[string]int{"key": 1, "vale": 1, "value": 2, "timestmp": 2} {
		if got := MostTypos(word); got != want {
			t.Errorf("MostTypos(%q) = %d; want %d", word, got, want)
		}
	}
}
