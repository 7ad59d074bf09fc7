package format

import "testing"

// TestCompileRegexp: a regular expression that does not compile is named
// as typed, with what gave it and what is wrong in Go's words, the part at
// fault when it is not the whole, and what RE2 lacks of Perl's.
func TestCompileRegexp(t *testing.T) {
	for _, tc := range []struct{ expr, where, err string }{
		{"[", "--regex", `bad regular expression "[" (--regex): missing closing ]`},
		{"orders(", "", `bad regular expression "orders(": missing closing )`},
		{"orders|[a", "", `bad regular expression "orders|[a": missing closing ] at "[a"`},
		{`a\q`, "", `bad regular expression "a\q": invalid escape sequence at "\q"`},
		{`a\`, "", `bad regular expression "a\": trailing backslash at end of expression`},
		{"x{1001}", "", `bad regular expression "x{1001}": invalid repeat count at "{1001}"`},
		{"[z-a]", "", `bad regular expression "[z-a]": invalid character class range at "z-a"`},
		{"a\xff", "", `bad regular expression "a\xff": invalid UTF-8 at "\xff"`},
		{"x(?!y)", "", `bad regular expression "x(?!y)": invalid or unsupported Perl syntax at "(?!" (Go's RE2 syntax has no lookahead or lookbehind)`},
		{"(?<=y)x", "", `bad regular expression "(?<=y)x": invalid named capture (Go's RE2 syntax has no lookahead or lookbehind)`},
		{`(a)\1`, "", `bad regular expression "(a)\1": invalid escape sequence at "\1" (Go's RE2 syntax has no backreferences)`},
	} {
		if _, err := CompileRegexp(tc.expr, tc.where); err == nil || err.Error() != tc.err {
			t.Errorf("CompileRegexp(%q) = %v; want %s", tc.expr, err, tc.err)
		}
	}
	if re, err := CompileRegexp(`^orders\.`, "--regex"); err != nil || !re.MatchString("orders.eu") {
		t.Errorf(`CompileRegexp("^orders\.") = %v, %v; want it compiled`, re, err)
	}
}
