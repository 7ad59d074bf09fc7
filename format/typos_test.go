package format

import (
	"strings"
	"testing"
)

// TestTypos: a letter inserted, deleted or replaced is one typo, and so is
// a swap of two neighbours; a letter is not edited twice (the optimal
// string alignment distance), so ca to abc is three, not two.
func TestTypos(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"wait", "wait", 0},
		{"wiat", "wait", 1},
		{"wati", "wait", 1},
		{"awit", "wait", 1},
		{"form", "from", 1},
		{"fromat", "format", 1},
		{"fromta", "format", 2},
		{"vaule", "value", 1},
		{"ca", "abc", 3},
		{"", "key", 3},
		{"key", "", 3},
		{"abcd", "badc", 2},
		// Letters, not bytes: é is two bytes and one letter.
		{"café", "cafe", 1},
		{"zürich", "zrüich", 1},
	} {
		if got := Typos(tc.a, tc.b); got != tc.want {
			t.Errorf("Typos(%q, %q) = %d; want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Typos(tc.b, tc.a); got != tc.want {
			t.Errorf("Typos(%q, %q) = %d; want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestNearest(t *testing.T) {
	fields := []string{"headers", "key", "partition", "timestamp", "value"}
	for _, tc := range []struct {
		word string
		most int
		want string
	}{
		{"vaule", 2, "value"},
		{"partiton", 2, "partition"},
		// Two letters swapped are one typo, as git counts them: a short
		// word, allowed one, gets its suggestion (Levenshtein's two
		// edits gave none).
		{"kye", 1, "key"},
		{"vlaue", 2, "value"},
		{"ehaders", 1, "headers"},
		{"patrition", 1, "partition"},
		{"kyes", 1, ""},    // a swap and an added letter: two typos, one allowed
		{"kyes", 2, "key"}, // within two
		{"offset", 2, ""},  // none close
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
	// A swap ties with any other one typo: kye is key swapped, or rye
	// with its r replaced.
	if got := Nearest("kye", []string{"key", "rye"}, strings.ToLower, 1); got != "" {
		t.Errorf("a tie with a swap gave %q; want none", got)
	}
	for word, want := range map[string]int{"key": 1, "vale": 1, "value": 2, "timestmp": 2, "café": 1} {
		if got := MostTypos(word); got != want {
			t.Errorf("MostTypos(%q) = %d; want %d", word, got, want)
		}
	}
}

// TestNearestName: a name the cluster lacks gets the one it has within
// MostTypos, case and all, or else the one that differs from it only in
// case; none for two as close, or for a case difference beside a typo.
func TestNearestName(t *testing.T) {
	names := []string{"billing", "logs", "orders", "Orders-EU", "orders-eu"}
	for _, tc := range []struct{ name, want string }{
		{"bilingg", "billing"},
		{"lgos", "logs"}, // two letters swapped: one typo
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
