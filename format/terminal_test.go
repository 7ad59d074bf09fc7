package format

import (
	"bytes"
	"errors"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"
)

func TestTerminalWriter(t *testing.T) {
	// A layout for a terminal shows the record's fields so.
	for in, want := range map[string]string{
		"plain text":                 "plain text",
		"tab\there\n":                "tab\there\n",
		"\x1b[2J\x1b]0;pwned\x07end": `\x1b[2J\x1b]0;pwned\x07end`,
		"crlf\r\n":                   `crlf\x0d` + "\n",
		"nul\x00del\x7f":             `nul\x00del\x7f`,
		"h\u00e9llo \xff\xfe":        "h\u00e9llo \xff\xfe",
		// C1 controls in UTF-8 (U+009B is CSI to xterm), not the
		// printable characters after them (U+00A9) nor a lone 0x9b
		"\u009b2Jcsi \u0085nel \u00a9 \x9b": `\xc2\x9b2Jcsi \xc2\x85nel` + " \u00a9 \x9b",
	} {
		if got := string(terminalAppend(t, `%v`, &kgo.Record{Value: []byte(in)})); got != want {
			t.Errorf("%%v of %q wrote %q; want %q", in, got, want)
		}
	}
	for _, c := range []struct {
		layout string
		r      kgo.Record
		want   string
	}{
		// the layout's own text is the user's: a colour, a \r
		{`\x1b[1m%k\x1b[0m %v %t %h{%k=%v %K;}|%H\r\n`, kgo.Record{Topic: "t", Key: []byte("k\x1b"), Value: []byte("v\x07"), Headers: []kgo.RecordHeader{{Key: "h\x1b", Value: []byte("x\x00")}, {Key: "n"}}},
			"\x1b[1mk" + `\x1b` + "\x1b[0m v" + `\x07` + " t h" + `\x1b` + "=x" + `\x00` + " 2;n= 1;|2\r\n"},
		// a C1 control cut between two fields reaches the terminal
		// broken: its lead byte, at the end of one, is written as it is
		{`%k%v`, kgo.Record{Key: []byte("a\xc2"), Value: []byte("\x9b2J")}, "a\xc2" + `\x9b` + "2J"},
		{`%k%v`, kgo.Record{Key: []byte("\xc2"), Value: []byte("\xa9")}, "\u00a9"},
		// encodings and sizes are the bytes', as on a pipe
		{`%v{hex} %V %K{big8}`, kgo.Record{Value: []byte("\x1b")}, "1b 1 \xff"},
		{`%v{unpack[s]}`, kgo.Record{Value: []byte("\x1bx")}, `\x1bx`},
	} {
		if got := string(terminalAppend(t, c.layout, &c.r)); got != c.want {
			t.Errorf("%s of %+v wrote %q; want %q", c.layout, c.r, got, c.want)
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
	if _, err := NewJSONTerminalWriter(failingWriter{}).Write([]byte("x")); err == nil {
		t.Error("a failed write was not reported")
	}
}

// terminalAppend appends r in layout compiled for a terminal.
func terminalAppend(t *testing.T, layout string, r *kgo.Record) []byte {
	t.Helper()
	l, err := NewTerminalLayout(layout)
	if err != nil {
		t.Fatal(err)
	}
	return l.Append(nil, &kgo.FetchPartition{}, r)
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }
