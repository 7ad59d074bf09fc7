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
		// C1 controls in UTF-8 (U+009B is CSI to xterm), not the
		// printable characters after them (U+00A9) nor a lone 0x9b
		"\u009b2Jcsi \u0085nel \u00a9 \x9b": `\xc2\x9b2Jcsi \xc2\x85nel` + " \u00a9 \x9b",
	} {
		var out bytes.Buffer
		n, err := NewTerminalWriter(&out).Write([]byte(in))
		if err != nil || n != len(in) || out.String() != want {
			t.Errorf("Write(%q) = %d, %v, wrote %q; want %d and %q", in, n, err, out.String(), len(in), want)
		}
	}
	// A C1 control cut between two writes reaches the terminal broken:
	// its lead byte, at the end of a write, is written as it is.
	for _, c := range []struct {
		writes []string
		want   string
	}{
		{[]string{"a\xc2", "\x9b2J"}, "a\xc2" + `\x9b` + "2J"},
		{[]string{"\xc2", "\x9b", "\xc2"}, "\xc2" + `\x9b` + "\xc2"},
		{[]string{"\xc2", "\xa9"}, "\u00a9"},
	} {
		var out bytes.Buffer
		w := NewTerminalWriter(&out)
		for _, p := range c.writes {
			if _, err := w.Write([]byte(p)); err != nil {
				t.Fatal(err)
			}
		}
		if out.String() != c.want {
			t.Errorf("writes %q wrote %q; want %q", c.writes, out.String(), c.want)
		}
	}
	// JSON text keeps its escapes: the same characters, as JSON's own.
	for _, c := range []struct {
		writes []string
		want   string
	}{
		{[]string{"{\"v\":\"del\x7f \u009b2J \u00a9\"}\n"}, `{"v":"del\u007f \u009b2J` + " \u00a9\"}\n"},
		{[]string{"\"a\xc2", "\x85\"\n"}, `"a\u0085"` + "\n"},
		{[]string{"\"a\xc2", "\xa9\"\n"}, "\"a\u00a9\"\n"},
		{[]string{"\"\xc2", "", "\x80\xc2", "\x9f\"\n"}, `"\u0080\u009f"` + "\n"},
	} {
		var out bytes.Buffer
		w := NewJSONTerminalWriter(&out)
		for _, p := range c.writes {
			if n, err := w.Write([]byte(p)); err != nil || n != len(p) {
				t.Fatal(n, err)
			}
		}
		if out.String() != c.want {
			t.Errorf("JSON writes %q wrote %q; want %q", c.writes, out.String(), c.want)
		}
	}
	if _, err := NewTerminalWriter(failingWriter{}).Write([]byte("x")); err == nil {
		t.Error("a failed write was not reported")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }
