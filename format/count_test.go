package format

import "testing"

func TestClause(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"The request timed out.", "The request timed out"},
		{"Invalid value abc for configuration retention.ms", "Invalid value abc for configuration retention.ms"},
		{"Upgrade to version 3.0.", "Upgrade to version 3.0"},
		{"", ""},
	} {
		if got := Clause(tc.in); got != tc.want {
			t.Errorf("Clause(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
