package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

func TestScanLayout(t *testing.T) {
	for _, tc := range []struct {
		layout, suffix string
		partition      bool
		err            string
	}{
		{layout: `%k %v\n`, suffix: "\n"},
		{layout: `%v`, suffix: ""},
		{layout: `%K{big32}%k%V{big32}%v`, suffix: ""},
		{layout: `%H{2}%h{%k=%v;}%v\r\n`, suffix: "\r\n"},
		{layout: `%v{json}`, suffix: ""},
		{layout: `%p %v%%\x00`, suffix: "%\x00", partition: true},
		{layout: `%k %q\n`, err: `unknown directive %q at byte 3`},
		{layout: `%v\q`, err: `at byte 2: unknown escape \q (want \n \t \r \xNN or \\)`},
		{layout: `%v\x4`, err: `at byte 2: \x needs two hex digits`},
		{layout: `%v %`, err: `a lone % at byte 3 (write %% for a percent sign)`},
	} {
		suffix, partition, err := scanLayout(tc.layout)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("scanLayout(%q) error %v, want %q", tc.layout, err, tc.err)
			}
			continue
		}
		if err != nil || string(suffix) != tc.suffix || partition != tc.partition {
			t.Errorf("scanLayout(%q) = %q, %v, %v; want %q, %v", tc.layout, suffix, partition, err, tc.suffix, tc.partition)
		}
	}
}

func readLayout(t *testing.T, r io.Reader, layout string) (got []string, err error) {
	t.Helper()
	lr, err := NewLayoutReader(r, layout)
	if err != nil {
		t.Fatal(err)
	}
	for {
		rec := new(kgo.Record)
		err := lr.Next(rec)
		if errors.Is(err, io.EOF) {
			return got, nil
		}
		if err != nil {
			return got, err
		}
		got = append(got, fmt.Sprintf("%s=%s", rec.Key, rec.Value))
	}
}

func TestLayoutReader(t *testing.T) {
	for _, tc := range []struct {
		name, layout, in string
		want             []string
		err              string
	}{
		{name: "lines", layout: `%k %v\n`, in: "a 1\nb 2\n", want: []string{"a=1", "b=2"}},
		{name: "last line without newline", layout: `%k %v\n`, in: "a 1\nb 2", want: []string{"a=1", "b=2"}},
		{name: "empty input", layout: `%k %v\n`, in: "", want: nil},
		{name: "sized", layout: `%K{big32}%k%V{big32}%v`, in: "\x00\x00\x00\x01a\x00\x00\x00\x02bc", want: []string{"a=bc"}},
		{name: "mismatch", layout: `%k %v\n`, in: "a 1\nb\n", want: []string{"a=1"}, err: "the input ends in the middle of a record"},
		{name: "bad number", layout: `%K{ascii} %k\n`, in: "x a\n", err: `does not match the layout: strconv.ParseUint: parsing "": invalid syntax`},
		{name: "cut short", layout: `%K{big32}%k%V{big32}%v`, in: "\x00\x00\x00\x05ab", err: "the input ends in the middle of a record"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readLayout(t, iotest.HalfReader(strings.NewReader(tc.in)), tc.layout)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("records %q, want %q", got, tc.want)
			}
			if (err == nil) != (tc.err == "") || (err != nil && err.Error() != tc.err) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}

func TestAppendProduceMetadata(t *testing.T) {
	r := &kgo.Record{Topic: "t", Partition: 2, Offset: 41, Timestamp: time.UnixMilli(1763856000000), Key: []byte("abc"),
		Headers: []kgo.RecordHeader{{Key: "h", Value: []byte("xy")}}}
	got := string(AppendProduceMetadata(nil, r, 7))
	want := `{"topic":"t","partition":2,"offset":41,"timestamp":1763856000000,"key_size":3,"value_size":-1,"headers_size":3,"input_line":7}` + "\n"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

// FuzzSuffixReader checks that input comes out as it went in, with the
// suffix added only when non-empty input does not already end with it.
func FuzzSuffixReader(f *testing.F) {
	f.Add([]byte("a 1\nb 2"), []byte("\n"))
	f.Add([]byte("a\r\n"), []byte("\r\n"))
	f.Add([]byte(""), []byte("\n"))
	f.Fuzz(func(t *testing.T, in, suffix []byte) {
		if len(suffix) == 0 {
			return
		}
		got, err := io.ReadAll(iotest.HalfReader(&suffixReader{r: iotest.OneByteReader(bytes.NewReader(in)), suffix: suffix}))
		if err != nil {
			t.Fatal(err)
		}
		want := in
		if len(in) > 0 && !bytes.HasSuffix(in, suffix) {
			want = append(bytes.Clone(in), suffix...)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%q with suffix %q read %q, want %q", in, suffix, got, want)
		}
	})
}

// FuzzScanLayout checks that any layout scans without panicking, and that
// a layout the scanner accepts ends with the suffix it reports.
func FuzzScanLayout(f *testing.F) {
	for _, l := range []string{`%k %v\n`, `%K{big32}%k%V{big32}%v`, `%H{2}%h{%k=%v;}%v\r\n`, `%v{json}`, `%%\x41`} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, layout string) {
		suffix, _, err := scanLayout(layout)
		if err != nil || len(suffix) == 0 {
			return
		}
		if strings.ContainsAny(layout, `\%{}`) {
			return
		}
		if !strings.HasSuffix(layout, string(suffix)) {
			t.Fatalf("layout %q: suffix %q", layout, suffix)
		}
	})
}
