package cmd

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// helpWidth is the column --help wraps at: the width its hand-written text
// keeps to, so that a text built from pieces (format.TimeSyntax in a
// paragraph, a long flag usage or Short) reads as the rest does in an
// 80-column terminal.
const helpWidth = 80

// termRow matches the start of a row of a two-column list (a flag and its
// usage, an exit status and its meaning, a command and its Short): an
// indented term, then two spaces or more. Its end is where the second
// column starts, the indent of the row's continuation lines.
var termRow = regexp.MustCompile(`^ *\S+(?: \S+)*  +`)

// wrapHelp wraps each line of help text s longer than helpWidth at spaces.
// A prose line goes on at its own indent and a list row at its second
// column; the lines after a paragraph's line or a row at that indent, the
// rest of the paragraph or row, are filled in behind it. An example
// command line ($ ...) goes on after a backslash, breaking only outside
// quotes, so that it can still be pasted into a shell; a comment (# ...)
// goes on as a comment. A line with no space to break at is left as it is.
func wrapHelp(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if width(line) <= helpWidth {
			out = append(out, line)
			continue
		}
		text := strings.TrimLeft(line, " ")
		indent := len(line) - len(text)
		switch {
		case strings.HasPrefix(text, "$ "):
			out = append(out, wrapShell(line, indent)...)
			continue
		case strings.HasPrefix(text, "# "):
			out = append(out, wrapWords(line, indent+2, strings.Repeat(" ", indent)+"# ")...)
			continue
		}
		hang := indent
		if m := termRow.FindStringIndex(line); m != nil {
			hang = m[1]
		}
		// An indented line that is no list row may be one of a list of
		// lines: the next one is no continuation of it.
		for (indent == 0 || hang > indent) && i+1 < len(lines) && continues(lines[i+1], hang) {
			i++
			line += " " + strings.TrimLeft(lines[i], " ")
		}
		out = append(out, wrapWords(line, hang, strings.Repeat(" ", hang))...)
	}
	return strings.Join(out, "\n")
}

// continues reports whether line goes on the text above it, which hangs
// at column hang: it is written at that indent, and is no example or
// comment line.
func continues(line string, hang int) bool {
	text := strings.TrimLeft(line, " ")
	return text != "" && len(line)-len(text) == hang &&
		!strings.HasPrefix(text, "$ ") && !strings.HasPrefix(text, "# ")
}

// wrapWords breaks line at its last space within helpWidth past column
// from, going on with prefix, until it fits.
func wrapWords(line string, from int, prefix string) []string {
	var out []string
	for width(line) > helpWidth {
		cut := lastBreak(line, from, helpWidth, false)
		if cut < 0 {
			break
		}
		out = append(out, strings.TrimRight(line[:cut], " "))
		line = prefix + strings.TrimLeft(line[cut:], " ")
	}
	return append(out, line)
}

// wrapShell breaks an example command line outside quotes, ending each
// broken line with " \" and going on four columns further in.
func wrapShell(line string, indent int) []string {
	prefix := strings.Repeat(" ", indent+4)
	var out []string
	for width(line) > helpWidth {
		cut := lastBreak(line, len(prefix), helpWidth-2, true)
		if cut < 0 {
			break
		}
		out = append(out, strings.TrimRight(line[:cut], " ")+" \\")
		line = prefix + strings.TrimLeft(line[cut:], " ")
	}
	return append(out, line)
}

// lastBreak is the byte index of the last space of line past column from
// (a broken line's prefix, so that each break shortens it) that leaves at
// most max columns before it, outside quotes when shell is set, or -1 when
// there is none.
func lastBreak(line string, from, max int, shell bool) int {
	best, col := -1, 0
	var quote rune
	for i, r := range line {
		if col > max {
			break
		}
		switch {
		case shell && quote != 0:
			if r == quote {
				quote = 0
			}
		case shell && (r == '\'' || r == '"'):
			quote = r
		case r == ' ' && col > from:
			best = i
		}
		col++
	}
	return best
}

// width is the number of columns line takes: one a rune.
func width(line string) int {
	return utf8.RuneCountInString(line)
}
