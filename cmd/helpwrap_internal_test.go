package cmd

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
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

// Every help text keeps its indented paragraphs within helpWidth, as
// wrapHelp expects of hand-written text: an indented prose line is not
// filled from the next one (it may be one of a list of lines), so a line
// past the width in the middle of a paragraph left a short line behind it
// ("empty,\n  not null, as an empty line is" in produce --help).
func TestHelpParagraphsKeepToWidth(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		lines := strings.Split(c.Long, "\n")
		for i := 0; i+1 < len(lines); i++ {
			line := lines[i]
			text := strings.TrimLeft(line, " ")
			indent := len(line) - len(text)
			if indent == 0 || width(line) <= helpWidth || termRow.MatchString(line) ||
				strings.HasPrefix(text, "$ ") || strings.HasPrefix(text, "# ") {
				continue
			}
			if continues(lines[i+1], indent) {
				t.Errorf("%s: help line %d has %d columns and its paragraph goes on below it; rewrap the paragraph:\n%s", c.CommandPath(), i+1, width(line), line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRootCmd(&Factory{}))
}
