package jsonsrc

import "testing"

// TestSyntax places a syntax error at the line and column of the
// byte that does not fit, or of the end of text that stops early.
func TestSyntax(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{`{"type":"string"}`, ""},
		{"\"string\"\n", ""},
		{`{"type":"record",`, "not JSON: line 1, column 18: the JSON ends early"},
		{"{\"type\":\n\n  ", "not JSON: line 1, column 9: the JSON ends early"},
		{"{\n  \"a\": [1,]\n}", "not JSON: line 2, column 11: invalid character ']' looking for beginning of value"},
		{"{\"a\":1}\n}", "not JSON: line 2, column 1: invalid character '}' after top-level value"},
		{"x", "not JSON: line 1, column 1: invalid character 'x' looking for beginning of value"},
		{"", "not JSON: line 1, column 1: the JSON ends early"},
	} {
		err := Syntax(tc.text)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("Syntax(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
