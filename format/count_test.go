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

func TestQuoted(t *testing.T) {
	for _, tc := range []struct {
		names []string
		most  int
		want  string
	}{
		{[]string{"a"}, 3, `"a"`},
		{[]string{"a", "b"}, 3, `"a" and "b"`},
		{[]string{"a", "b", "c"}, 3, `"a", "b" and "c"`},
		{[]string{"a", "b", "c", "d"}, 3, `"a", "b" and 2 more`},
		{[]string{"a b", "c\"d"}, 2, `"a b" and "c\"d"`},
	} {
		if got := QuotedFew(tc.names, "and", tc.most); got != tc.want {
			t.Errorf("QuotedFew(%q, %d) = %s, want %s", tc.names, tc.most, got, tc.want)
		}
	}
	if got, want := Quoted([]string{"a", "b", "c", "d"}, "or"), `"a", "b", "c" or "d"`; got != want {
		t.Errorf("Quoted = %s, want %s", got, want)
	}
}

// An expression is quoted as it was typed: a regex's backslash is not
// doubled, which would name another expression; one that cannot be read
// between plain double quotes is quoted as Go quotes it.
func TestQuotedAsTyped(t *testing.T) {
	for expr, want := range map[string]string{
		`^orders\.`:  `"^orders\."`,
		`\d+ (a|b)$`: `"\d+ (a|b)$"`,
		`a"b`:        `"a\"b"`,
		"a\tb":       `"a\tb"`,
		"\xff":       `"\xff"`,
		"":           `""`,
	} {
		if got := QuotedAsTyped(expr); got != want {
			t.Errorf("QuotedAsTyped(%q) = %s, want %s", expr, got, want)
		}
	}
}
