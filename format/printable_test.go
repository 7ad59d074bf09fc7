package format

import "testing"

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"billing-1":              "billing-1",
		`C:\dir`:                 `C:\dir`,
		"naïve 日本":               "naïve 日本",
		"a\nb\tc\rd":             `a\nb\tc\rd`,
		"\x1b[2J\x07\x00\x7f":    `\x1b[2J\x07\x00\x7f`,
		"next\u0085line\u009bm":  `next\u0085line\u009bm`,
		"\u00a0no-break is text": "\u00a0no-break is text",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q; want %q", in, got, want)
		}
	}
}
