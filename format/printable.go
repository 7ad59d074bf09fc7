package format

import (
	"fmt"
	"strings"
)

// Printable returns s with its control characters (C0, DEL and C1) written
// as Go escapes (\n, \t, \r, \x1b, \u0085), so that a string anyone can
// choose, such as a group name or a client id, can neither drive the
// terminal it is shown on nor break a line of a table. Other text,
// backslashes included, is unchanged; -o json has such strings exact.
func Printable(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80 && isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case isControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0)
}
