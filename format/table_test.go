package format

import (
	"bytes"
	"testing"
)

// CSV quotes a cell only when it needs it, as a list of broker ids does,
// and writes no header line when it has none (a seek plan).
func TestCSV(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header []string
		rows   [][]string
		want   string
	}{
		{"header and rows", []string{"TOPIC", "REPLICAS"}, [][]string{{"orders", "0,1,2"}, {"audit", "-"}}, "TOPIC,REPLICAS\norders,\"0,1,2\"\naudit,-\n"},
		{"header alone", []string{"NAME"}, nil, "NAME\n"},
		{"no header", nil, [][]string{{"orders", "0", "42"}}, "orders,0,42\n"},
		{"quotes and line breaks", nil, [][]string{{`say "hi"`, "a\nb"}}, "\"say \"\"hi\"\"\",\"a\nb\"\n"},
	} {
		var buf bytes.Buffer
		if err := CSV(&buf, tc.header, tc.rows); err != nil || buf.String() != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.name, buf.String(), err, tc.want)
		}
	}
}
