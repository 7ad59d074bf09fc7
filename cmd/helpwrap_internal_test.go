package cmd

import (
	"strings"
	"testing"
)

func TestWrapHelp(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("word ", 20)) // 99 columns
	for _, tc := range []struct{ name, in, want string }{
		{"short lines stay", "a  b\n  c", "a  b\n  c"},
		{"prose fills its paragraph",
			"A " + long + "\nend of it.\n\nNext.",
			"A " + strings.Repeat("word ", 14) + "word\nword word word word word end of it.\n\nNext."},
		{"a list row hangs at its second column",
			"  1    " + long + "\n       more\n  2    two",
			"  1    " + strings.Repeat("word ", 13) + "word\n       word word word word word word more\n  2    two"},
		{"an indented line of a list takes no next line",
			"  " + long + "\n  next",
			"  " + strings.Repeat("word ", 14) + "word\n  word word word word word\n  next"},
		{"an example breaks outside quotes, after a backslash",
			"  $ shore consume orders --filter '" + strings.Repeat("x ", 30) + "' -e",
			"  $ shore consume orders --filter \\\n      '" + strings.Repeat("x ", 30) + "' -e"},
		{"a comment goes on as one", "  # " + long, "  # " + strings.Repeat("word ", 14) + "word\n  # word word word word word"},
		{"no space to break at", strings.Repeat("x", 90), strings.Repeat("x", 90)},
	} {
		if got := wrapHelp(tc.in); got != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
}
