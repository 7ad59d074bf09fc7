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

// TestNearestName: a name the cluster lacks gets the one it has within
// MostTypos, case and all, or else the one that differs from it only in
// case; none for two as close, or for a case difference beside a typo.
func TestNearestName(t *testing.T) {
	names := []string{"billing", "orders", "Orders-EU", "orders-eu"}
	for _, tc := range []struct{ name, want string }{
		{"bilingg", "billing"},
		{"BILLING", "billing"},
		{"Billing", "billing"},
		{"ORDERS", "orders"},
		{"ORDERS-EU", ""}, // Orders-EU and orders-eu differ from it only in case
		{"BILIN", ""},     // a case difference and a typo
		{"audit", ""},
	} {
		if got := NearestName(tc.name, names); got != tc.want {
			t.Errorf("NearestName(%q) = %q; want %q", tc.name, got, tc.want)
		}
	}
}
