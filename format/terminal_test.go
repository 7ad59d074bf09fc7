package format

import (
	"bytes"
	"errors"
	"testing"
)

func TestTerminalWriter(t *testing.T) {
	for in, want := range map[string]string{
		"plain text\n":                 "plain text\n",
		"tab\there\n":                  "tab\there\n",
		"\x1b[2J\x1b]0;pwned\x07end\n": `\x1b[2J\x1b]0;pwned\x07end` + "\n",
		"crlf\r\n":                     `crlf\x0d` + "\n",
		"nul\x00del\x7f":               `nul\x00del\x7f`,
		"h\u00e9llo \xff\xfe":          "h\u00e9llo \xff\xfe",
	} {
		var out bytes.Buffer
		n, err := NewTerminalWriter(&out).Write([]byte(in))
		if err != nil || n != len(in) || out.String() != want {
			t.Errorf("Write(%q) = %d, %v, wrote %q; want %d and %q", in, n, err, out.String(), len(in), want)
		}
	}
	if _, err := NewTerminalWriter(failingWriter{}).Write([]byte("x")); err == nil {
		t.Error("a failed write was not reported")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }
