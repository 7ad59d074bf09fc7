package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
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
		{layout: `%k\0%v\0`, err: `at byte 2: unknown escape \0 (want \n \t \r \xNN or \\): a NUL byte is \x00 in a layout`},
		{layout: `%v\x4`, err: `at byte 2: \x needs two hex digits`},
		{layout: `%v %`, err: `a lone % at byte 3 (write %% for a percent sign)`},
		{layout: `%H{x}%v\n`, err: `%H{x} at byte 0: {x} is not a number format: want a count (1 or more), ascii, hex8, hex16, hex32, hex64, byte, big16, big32, big64, little16, little32 or little64`},
		{layout: `%k %V{0}%v`, err: `%V{0} at byte 3: {0} is not a number format: want a count (1 or more), ascii, hex8, hex16, hex32, hex64, byte, big16, big32, big64, little16, little32 or little64`},
		{layout: `%p{1}%v\n`, err: `%p{1} at byte 0: a count would give every record partition 1 and read nothing (a count is the size of %K, %V and %T, and the number of headers of %H): read the digits with %p, or a number format such as %p{hex8}`},
		{layout: `%v %d{13}\n`, err: `%d{13} at byte 3: a count would give every record timestamp 13 and read nothing (a count is the size of %K, %V and %T, and the number of headers of %H): read the digits with %d, or a number format such as %d{hex8}`},
		{layout: `%H{1}%h{%K{2}%k=%v;}%T{3}%t%V{2}%v\n`, suffix: "\n"},
		{layout: `%K{big32`, err: `%K{ at byte 0 has no closing }`},
		{layout: `%H{1}%h{%k=%v{hex};`, err: `%h{ at byte 5 has no closing }`},
		{layout: `%p{ascii} %V{little16}%v`, suffix: "", partition: true},
		{layout: `%k %v{bogus}\n`, err: `%v{bogus} at byte 3: {bogus} is not a field encoding: want {base64}, {base64raw}, {hex}, {json} or {re#REGEXP#}`},
		{layout: `%k{re#[a-z]{2}#} %v{base64}\n`, suffix: "\n"},
		{layout: `%k %v{}\n`, err: `%v{} at byte 3 has empty braces: write %v without them, or a format in them (see shore help layouts)`},
		{layout: `%K{}%k`, err: `%K{} at byte 0 has empty braces: write %K without them, or a format in them (see shore help layouts)`},
		{layout: `%H{1}%h{}%v\n`, err: `%h{} at byte 5 has empty braces: %h{...} is the layout of each header (%k and %v its key and value)`},
		{layout: `%H{1}%h{%k{}=%v;}%v\n`, err: `%k{} at byte 8 has empty braces: write %k without them, or a format in them (see shore help layouts)`},
		{layout: `%d{number} %v\n`, suffix: "\n"},
		{layout: `%k{re} %v\n`, err: `%k{re at byte 0: re needs its regular expression between delimiters, as in {re#[a-z]+#}`},
		{layout: `%k %v{re#a}\n`, err: `%v{re# at byte 3: the regular expression after re# has no closing #`},
		{layout: `%k{re#a#x} %v\n`, err: `%k{re#a# at byte 0: "x" follows the closing # of the regular expression, where } goes`},
		{layout: `%H{1}%h{%k=%v{bogus};}%v\n`, err: `%v{bogus} at byte 11: {bogus} is not a field encoding: want {base64}, {base64raw}, {hex}, {json} or {re#REGEXP#}`},
		{layout: `%H{1}%h{%k=%V{x}%v;}%v\n`, err: `%V{x} at byte 11: {x} is not a number format: want a count (1 or more), ascii, hex8, hex16, hex32, hex64, byte, big16, big32, big64, little16, little32 or little64`},
		{layout: `%H{1}%h{%k=%p;}%v\n`, err: `%p at byte 11 is inside %h{...}, which reads only a header's %k, %K, %v and %V: write it outside the braces`},
		{layout: `%h{%k=%v;}%v\n`, err: `%h at byte 0 needs a %H before it, the number of headers it reads (%H{1}%h{%k=%v;} reads one)`},
		{layout: `%H{1}%h{%K{big8}%k%V{big8}%v}%v`, suffix: ""},
		{layout: `%k{re[]} %v\n`, err: `%k{re[]} at byte 0: the re format between the delimiters is empty`},
		{layout: `%k{re##a##`, err: `%k{ at byte 0 has no closing }`},
		{layout: `%k{re[(a]} %v\n`, err: `%k{re[(a]} at byte 0: bad regular expression "(a": missing closing )`},
		{layout: `%k{hex %v\n`, err: `%k{ at byte 0 has no closing }`},
		{layout: `{%p}\n`, suffix: "}\n", partition: true},
		{layout: `%k {%v\n`, suffix: "\n"},
		{layout: `%k}{%v}{\n`, suffix: "}{\n"},
		{layout: `%p{hex8} %K{hex32} %k %V{hex16} %v\n`, suffix: "\n", partition: true},
		{layout: `%k %v\t%v\n`, err: `%v at byte 7 reads the record's value again, after %v at byte 3: a record has one value; to skip a field, read it with %t (the topic, which is not sent)`},
		{layout: `%k{hex} %k\n`, err: `%k at byte 8 reads the record's key again, after %k{hex} at byte 0: a record has one key; to skip a field, read it with %t (the topic, which is not sent)`},
		{layout: `%p %d %p %v\n`, err: `%p at byte 6 reads the record's partition again, after %p at byte 0: a record has one partition; to skip a field, read it with %t (the topic, which is not sent)`},
		{layout: `%d %d %v\n`, err: `%d at byte 3 reads the record's timestamp again, after %d at byte 0: a record has one timestamp; to skip a field, read it with %t (the topic, which is not sent)`},
		{layout: `%t %k %t %v\n`, suffix: "\n"},
		{layout: `%H %H %v\n`, err: `%H at byte 3 reads the number of headers again, after %H at byte 0: a record has one`},
		{layout: `%T{4}%t %K %K %k\n`, err: `%K at byte 11 reads the key's size again, after %K at byte 8: a record has one`},
		{layout: `%t %T %v\n`, err: `%T at byte 3 reads the topic's size after %t at byte 0: write %T before %t`},
		{layout: `%H{1}%h{%K%k=%v;}%K %k\n`, suffix: "\n"},
		{layout: `%H{1}%h{%K%k=%v}%K %k\n`, err: `%v at byte 13 is the last of %h{...}, with no text after it where it ends, and the layout goes on after the braces: it would read to the end of the input, and no record would match; end each header with a delimiter (a ; before the closing }, as in %h{%k=%v;}), or %V before %v for its size`},
		{layout: `%H{1}%h{%K%k=%v}`, suffix: ""},
		{layout: `%k%v\n`, err: `%k at byte 0 is followed at once by %v at byte 2, with no text between them where %k ends: it would read to the end of the input, and no record would match; write a delimiter between them (%k %v), or %K before %k for its size`},
		{layout: `%H{1}%v{hex}%h{%k=%v;}`, err: `%v{hex} at byte 5 is followed at once by %h at byte 12, with no text between them where %v ends: it would read to the end of the input, and no record would match; write a delimiter between them (%v{hex} %h), or %V before %v for its size`},
		{layout: `%H{1}%h{%k%V{2}%v}%v\n`, err: `%k at byte 8 is followed at once by %V{2} at byte 10, with no text between them where %k ends: it would read to the end of the input, and no record would match; write a delimiter between them (%k %V{2}), or %K before %k for its size`},
		{layout: `%K %V %k%v\n`, suffix: "\n"},
		{layout: `%k{json}%t{re#.#}%p %v%%%t\n`, suffix: "\n", partition: true},
		{layout: `%H{1}%h{%k=%v %V}%v\n`, err: `%V at byte 14 reads the header value's size after %v at byte 11: write %V before %v`},
		{layout: `%H{1}%h{%k=%v;}%k %v\n`, suffix: "\n"},
		{layout: `%H %h{%k;}|%h{%k=%V:%v;}%v\n`, err: `%h at byte 11 reads the record's headers again, after %h{%k;} at byte 3: a record has one list of headers; write one %h{...}`},
	} {
		t.Run(tc.layout, func(t *testing.T) {
			scan, err := scanLayout(tc.layout)
			suffix, partition := scan.suffix, scan.partition
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("scanLayout(%q) error %v, want %q", tc.layout, err, tc.err)
				}
				return
			}
			if err != nil || string(suffix) != tc.suffix || partition != tc.partition {
				t.Errorf("scanLayout(%q) = %q, %v, %v; want %q, %v", tc.layout, suffix, partition, err, tc.suffix, tc.partition)
			}
		})
	}
}

func readLayout(t *testing.T, r io.Reader, layout string) (got []string, err error) {
	t.Helper()
	lr, err := NewLayoutReader(r, layout, 1<<20)
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
		{name: "mismatch", layout: `%k %v\n`, in: "a 1\nb\n", want: []string{"a=1"}, err: `does not match the layout: the line has no " " after %k at byte 0`},
		{name: "never merged", layout: `%k %v\n`, in: "k v\nnospace\nk2 v2\n", want: []string{"k=v"}, err: `does not match the layout: the line has no " " after %k at byte 0`},
		{name: "blank line", layout: `%k %v\n`, in: "a 1\n\nb 2\n", want: []string{"a=1"}, err: `does not match the layout: the line has no " " after %k at byte 0`},
		{name: "value with spaces", layout: `%k %v\n`, in: "a 1 2\n", want: []string{"a=1 2"}},
		{name: "crlf", layout: `%k %v\r\n`, in: "a 1\r\nb 2", want: []string{"a=1", "b=2"}},
		{name: "crlf, a line without cr", layout: `%k %v\r\n`, in: "a 1\nb 2\r\n", err: `does not match the layout: the line has no "\r" after %v at byte 3`},
		{name: "a line without the suffix's start never merged", layout: `%v;\n`, in: "a;\nb\nc;\n", want: []string{"=a"}, err: `does not match the layout: the line has no ";" after %v at byte 0`},
		{name: "a line without the layout's start", layout: `key=%k value=%v\n`, in: "key=a value=1\nk\n", want: []string{"a=1"}, err: `does not match the layout: the line does not begin with "key="`},
		{name: "a text after two fields", layout: `%k %t:%v\n`, in: "a t:1\nb t 1\n", want: []string{"a=1"}, err: `does not match the layout: the line has no ":" after %t at byte 3`},
		{name: "an escaped text missing", layout: `%k\t%%%v{hex}\n`, in: "a\t%61\nb %62\n", want: []string{"a=a"}, err: `does not match the layout: the line has no "\t%" after %k at byte 0`},
		{name: "last line with the suffix's start", layout: `%v;\n`, in: "a;\nb;", want: []string{"=a", "=b"}},
		{name: "last line without the suffix", layout: `%v;\n`, in: "a;\nb", want: []string{"=a", "=b"}},
		{name: "literal braces", layout: `{%k} {%v}\n`, in: "{a} {1}\n{b} {2}", want: []string{"a=1", "b=2"}},
		{name: "a literal brace left open", layout: `%k {%v\n`, in: "a {1\nb {2", want: []string{"a=1", "b=2"}},
		{name: "two lines a record", layout: `%k\n%v\n`, in: "a\n1\nb\n2\n", want: []string{"a=1", "b=2"}},
		{name: "negative partition", layout: `%p %v\n`, in: "1 a\n-5 b\n", want: []string{"=a"}, err: "partition -5: want 0 to 2147483647"},
		{name: "partition past int32", layout: `%p %v\n`, in: "4294967297 b\n", err: "partition 4294967297: want 0 to 2147483647"},
		{name: "timestamp before 1970", layout: `%d %v\n`, in: "0 a\n-2 b\n", want: []string{"=a"}, err: "timestamp -2: before 1970: want unix milliseconds 0 or more"},
		{name: "timestamp after 2262", layout: `%d %v\n`, in: "9223372036854 a\n9223372036855 b\n", want: []string{"=a"}, err: "timestamp 9223372036855: after 2262-04-11T23:47:16.854Z, the latest the Kafka client can send: want unix milliseconds 0 to 9223372036854"},
		{name: "partition and offset", layout: `%p %o %v\n`, in: "-1 7 b\n", err: "partition -1: want 0 or more"},
		{name: "bad number", layout: `%K{ascii} %k\n`, in: "x a\n", err: `does not match the layout: %K{ascii} at byte 0: no number where it reads one`},
		{name: "not hex", layout: `%k %v{hex}\n`, in: "a 61\nb zz\n", want: []string{"a=a"}, err: `does not match the layout: %v{hex} at byte 3: 'z' is not a hex digit`},
		{name: "odd hex", layout: `%v{hex}\n`, in: "616\n", err: `does not match the layout: %v{hex} at byte 0: an odd number of hex digits`},
		{name: "not base64", layout: `%v{base64}\n`, in: "!!!!\n", err: `does not match the layout: %v{base64} at byte 0: not base64 (at its byte 0)`},
		{name: "base64 without padding", layout: `%k{base64raw} %v{base64raw}{x}\n`, in: "aGk YQ{x}\n+/8 {x}\n", want: []string{"hi=a", "\xfb\xff="}},
		{name: "padded base64 where it is without", layout: `%v{base64raw}\n`, in: "YQ==\n", err: `does not match the layout: %v{base64raw} at byte 0: not base64 without padding (at its byte 2)`},
		{name: "not a number", layout: `%p %v\n`, in: "x y\n", err: `does not match the layout: %p at byte 0: no number where it reads one`},
		{name: "timestamp not a number", layout: `%k %d %v\n`, in: "k 1 a\nk abc b\n", want: []string{"k=a"}, err: `does not match the layout: %d at byte 3: no number where it reads one`},
		{name: "timestamp out of range", layout: `%d %v\n`, in: "99999999999999999999 a\n", err: `does not match the layout: %d at byte 0: 99999999999999999999 is out of range`},
		{name: "two numbers", layout: `%p %d{ascii} %v\n`, in: "0 x a\n", err: `does not match the layout: %p at byte 0 or %d{ascii} at byte 3: no number where it reads one`},
		{name: "hex header value", layout: `%H{1}%h{%k=%v{hex};}%v\n`, in: "a=zz;b\n", err: `does not match the layout: %v{hex} at byte 11: 'z' is not a hex digit`},
		{name: "not JSON", layout: `%k %v{json}\n`, in: "a {x}\n", err: `does not match the layout: %v{json} at byte 3: not JSON ('x' cannot be there)`},
		{name: "cut short", layout: `%K{big32}%k%V{big32}%v`, in: "\x00\x00\x00\x05ab", err: "the input ends in the middle of a record"},
		{name: "cut short after a null", layout: `%K{big32}%k%V{big32}%v`, in: "\xff\xff\xff\xff\x00\x00", err: "the input ends in the middle of a record"},
		{name: "a header read to the end", layout: `%H{1}%h{%k=%v;}%v\n`, in: "a=1;v\nnoequals\n", want: []string{"=v"}, err: "the line does not match the layout"},
		{name: "crlf after a json field", layout: `%v{json}\n`, in: "{\"a\":1}\r\n", err: `does not match the layout: a \r where the layout has its \n: the line ends in \r\n, as a Windows file's lines do; end the layout with \r\n`},
		{name: "crlf after a number", layout: `%v %d\n`, in: "x 1\n" + "y 2\r\n", want: []string{"=x"}, err: `does not match the layout: a \r where the layout has its \n: the line ends in \r\n, as a Windows file's lines do; end the layout with \r\n`},
		{name: "a header line never merged", layout: `%H{1}%h{%k=%v;}%v\n`, in: "a=1;v\nno header\nb=2;w\n", want: []string{"=v"}, err: "the line does not match the layout"},
		{name: "a header read to the end, sized", layout: `%H{1}%h{%k=%v;}%V %v`, in: "a=1;1 v" + "noequals", want: []string{"=v"}, err: "the input ends in the middle of a record"},
		{name: "JSON documents, whitespace after the last", layout: `%v{json}`, in: "{\"a\": 1}\n {\"b\": 2}\n \r\n", want: []string{"={\"a\":1}", "={\"b\":2}"}},
		{name: "JSON documents, not JSON after the last", layout: `%v{json}`, in: "{\"a\": 1}\n x", want: []string{"={\"a\":1}"}, err: "does not match the layout: %v{json} at byte 0: not JSON ('x' cannot be there)"},
		{name: "whitespace after the last record of another layout", layout: `%k,%v;`, in: "a,1; ", want: []string{"a=1"}, err: "the input ends in the middle of a record"},
		// consume's -f '%K{hex32} %k %V{hex16} %v\n' read back, nulls too
		{name: "hex lengths", layout: `%K{hex32} %k %V{hex16} %v\n`, in: "00000002 k1 0003 a b\nffffffff  ffff \n", want: []string{"k1=a b", "="}},
		{name: "hex length not hex", layout: `%K{hex32} %k\n`, in: "0000000x k\n", err: `does not match the layout: %K{hex32} at byte 0: "0000000x" is not 8 hex digits`},
		{name: "hex partition", layout: `%p{hex8} %v\n`, in: "0a v\n", want: []string{"=v"}},
		{name: "sized and a null", layout: `%p %K %k|%V{little16}%v`, in: "0 1 a|\xff\xff1 -1 |\x01\x00b", want: []string{"a=", "=b"}},
		{name: "a topic sized, then one not", layout: `%T %t{hex} %t %v\n`, in: "2 6f72 orders v 1\n", want: []string{"=v 1"}},
		{name: "a count of bytes in base64", layout: `%V{3}%v{base64} %K{2}%k{hex}\n`, in: "YWJj 6b31\n", want: []string{"k1=abc"}},
		{name: "a base64 text shorter than its length", layout: `%V %v{base64}\n`, in: "2 YQ==\n", err: "does not match the layout: %v{base64} at byte 3: the length before it is 2 bytes, but its 4 characters hold 1"},
		{name: "a base64 text longer than its length of one", layout: `%V %v{base64}\n`, in: "1 YWI=\n", err: "does not match the layout: %v{base64} at byte 3: the length before it is 1 byte, but its 4 characters hold 2"},
		{name: "a hex text cut short", layout: `%V %v{hex}\n`, in: "2 61\n", err: "the line does not match the layout"},
		{name: "length below -1", layout: `%K %k\n`, in: "1 a\n-5 b\n", want: []string{"a="}, err: "does not match the layout: %K at byte 0: -5 is no length (-1 is null)"},
		{name: "length past a record's", layout: `%K{big64}%k`, in: "\x00\x00\x00\x01\x00\x00\x00\x00", err: "does not match the layout: %K{big64} at byte 0: 4294967296 is longer than a record can be"},
		{name: "a %h apart from its %H", layout: `%H{1}%K %k %h{%k=%v;}\n`, in: "1 a h=v;\n-1  h=v;\n", want: []string{"a=", "="}},
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

// TestLayoutNoTimestamp reads a %d of -1, which consume writes for a
// record without a timestamp, as none: the producer stamps such a record.
func TestLayoutNoTimestamp(t *testing.T) {
	lr, err := NewLayoutReader(strings.NewReader("-1 a\n5 b\n"), `%d %v\n`, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []time.Time{{}, time.UnixMilli(5)} {
		var rec kgo.Record
		if err := lr.Next(&rec); err != nil || !rec.Timestamp.Equal(want) {
			t.Errorf("%s: timestamp %v (%v), want %v", rec.Value, rec.Timestamp, err, want)
		}
	}
}

// TestLayoutEmptyNotNull reads a key, value or header value the layout
// reads empty as empty, as an empty line is an empty value: only -Z, or a
// %K or %V of -1 (as consume writes a null one), makes a null. What the
// layout does not read stays null.
func TestLayoutEmptyNotNull(t *testing.T) {
	for _, tc := range []struct {
		layout, in         string
		key, value, header string // "null" for nil
	}{
		{layout: `%k %v\n`, in: "k \n", key: "k", value: "", header: "none"},
		{layout: `%k %v\n`, in: " v\n", key: "", value: "v", header: "none"},
		{layout: `%v\n`, in: "\n", key: "null", value: "", header: "none"},
		{layout: `%k\n`, in: "k\n", key: "k", value: "null", header: "none"},
		{layout: `%K{big32}%k%V{big32}%v`, in: "\x00\x00\x00\x00\x00\x00\x00\x00", key: "", value: "", header: "none"},
		{layout: `%H{1}%h{%k=%v;}%v\n`, in: "1h=;v\n", key: "null", value: "v", header: ""},
		{layout: `%H{1}%h{%k;}%v\n`, in: "1h;v\n", key: "null", value: "v", header: "null"},
		{layout: `{%v}\n`, in: "{}\n", key: "null", value: "", header: "none"},
		{layout: `%K{big32}%k%V{big32}%v`, in: "\xff\xff\xff\xff\x00\x00\x00\x01v", key: "null", value: "v", header: "none"},
		{layout: `%K %V %k%v\n`, in: "-1 -1 \n", key: "null", value: "null", header: "none"},
		{layout: `%K{byte}%k%V{big64}%v`, in: "\x00\xff\xff\xff\xff\xff\xff\xff\xff", key: "", value: "null", header: "none"},
		{layout: `%K{1}%k %V %v\n`, in: "k -1 \n", key: "k", value: "null", header: "none"},
		{layout: `%K{hex32} %k %V{hex16} %v\n`, in: "ffffffff  0000 \n", key: "null", value: "", header: "none"},
		{layout: `%K{hex8}%k%V{hex64}%v\n`, in: "00ffffffffffffffff\n", key: "", value: "null", header: "none"},
	} {
		t.Run(tc.layout+" "+tc.in, func(t *testing.T) {
			lr, err := NewLayoutReader(strings.NewReader(tc.in), tc.layout, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			var rec kgo.Record
			if err := lr.Next(&rec); err != nil {
				t.Fatal(err)
			}
			show := func(b []byte) string {
				if b == nil {
					return "null"
				}
				return string(b)
			}
			header := "none"
			if len(rec.Headers) > 0 {
				header = show(rec.Headers[0].Value)
			}
			if show(rec.Key) != tc.key || show(rec.Value) != tc.value || header != tc.header {
				t.Errorf("key %q value %q header value %q; want %q %q %q", show(rec.Key), show(rec.Value), header, tc.key, tc.value, tc.header)
			}
		})
	}
}

func TestAppendProduceMetadata(t *testing.T) {
	r := &kgo.Record{Topic: "t", Partition: 2, Offset: 41, Timestamp: time.UnixMilli(1763856000000), Key: []byte("abc"),
		Headers: []kgo.RecordHeader{{Key: "h", Value: []byte("xy")}}}
	got := string(AppendProduceMetadata(nil, r, "", 7))
	want := `{"topic":"t","partition":2,"offset":41,"timestamp":1763856000000,"key_size":3,"value_size":-1,"headers_size":3,"input_line":7}` + "\n"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	got = string(AppendProduceMetadata(nil, r, "a \"b\".txt", 7))
	want = `{"topic":"t","partition":2,"offset":41,"timestamp":1763856000000,"key_size":3,"value_size":-1,"headers_size":3,"input":"a \"b\".txt","input_line":7}` + "\n"
	if got != want {
		t.Fatalf("with an input: got  %s\nwant %s", got, want)
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
		scan, err := scanLayout(layout)
		suffix := scan.suffix
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

// FuzzLayoutReader reads untrusted input with untrusted layouts: it must
// never panic or loop, a line layout must not read more records than the
// input has lines, and a partition it gives is never negative.
func FuzzLayoutReader(f *testing.F) {
	f.Add(`%k %v\n`, []byte("k v\nnospace\nk2 v2\n"))
	f.Add(`%p %v\n`, []byte("-5 x\n4294967297 y\n1 z"))
	f.Add(`%v %p\n`, []byte("a 0\n"))
	f.Add(`%K{big32}%k%V{big32}%v`, []byte("\x00\x00\x00\x01a\x00\x00\x00\x02bc"))
	f.Add(`%k\n%v\n`, []byte("a\n1\nb\n"))
	f.Add(`%d %v\r\n`, []byte("1763856000000 x\r\n-1 y"))
	f.Add(`%H{1}%h{%k=%v;}%v\n`, []byte("1a=b;v\n"))
	f.Fuzz(func(t *testing.T, layout string, in []byte) {
		lr, err := NewLayoutReader(bytes.NewReader(in), layout, 1<<16)
		if err != nil {
			return
		}
		for n := 0; ; n++ {
			if n > len(in)+1 {
				t.Fatalf("layout %q read %d records from %d bytes", layout, n, len(in))
			}
			var rec kgo.Record
			err := lr.Next(&rec)
			if err != nil {
				return
			}
			if lr.Lines && n > bytes.Count(in, []byte("\n")) {
				t.Fatalf("layout %q read record %d from %d lines: %q", layout, n+1, bytes.Count(in, []byte("\n"))+1, in)
			}
			if lr.HasPartition && rec.Partition < 0 {
				t.Fatalf("layout %q gave partition %d", layout, rec.Partition)
			}
			if !rec.Timestamp.IsZero() && rec.Timestamp.UnixMilli() < 0 {
				t.Fatalf("layout %q gave timestamp %v", layout, rec.Timestamp)
			}
		}
	})
}

// TestLayoutReaderNullHeaderValues: a %V inside %h{...} that reads -1, in
// digits or all ones in bytes, makes the header value null, as consume
// writes a null one; any other header value read empty is empty. A value
// is read by its length, whatever bytes it holds.
func TestLayoutReaderNullHeaderValues(t *testing.T) {
	for _, tc := range []struct {
		name, layout, in string
		want             string // the first record's headers, %q
		err              string
	}{
		{name: "digits", layout: `%H %h{%k=%V:%v;}%v\n`, in: "3 n=-1:;e=0:;x=3:y;z;v\n", want: `[{"n" ""} {"e" ""} {"x" "y;z"}] null: [true false false]`},
		{name: "bytes", layout: `%H{big8}%h{%K{byte}%k%V{big16}%v}%v`, in: "\x02\x01n\xff\xff\x01e\x00\x00v", want: `[{"n" ""} {"e" ""}] null: [true false]`},
		{name: "hex", layout: `%H{hex8} %h{%k %V{hex8} %v;}\n`, in: "01 n ff ;\n", want: `[{"n" ""}] null: [true]`},
		{name: "a sized header key in hex", layout: `%H %h{%K %k{hex}=%v;}%v\n`, in: "1 2 6869=x;v\n", want: `[{"hi" "x"}] null: [false]`},
		{name: "a header key and value of a count in base64", layout: `%H{1}%h{%K{2}%k{base64}=%V{1}%v{base64};}%v\n`, in: "aGk==eA==;v\n", want: `[{"hi" "x"}] null: [false]`},
		{name: "a constant count", layout: `%H{1}%h{%k=%V:%v;}%v\n`, in: "n=-1:;v\n", want: `[{"n" ""}] null: [true]`},
		{name: "none", layout: `%H %h{%k=%V:%v;}%v\n`, in: "0 v\n", want: `[] null: []`},
		{name: "a count of -1", layout: `%H %h{%k=%V:%v;}%v\n`, in: "-1 v\n", err: "does not match the layout: %H at byte 0: -1 is no number of headers"},
		{name: "a length below -1", layout: `%H %h{%k=%V:%v;}%v\n`, in: "1 n=-2:;v\n", err: "does not match the layout: %V at byte 9: -2 is no length (-1 is null)"},
		{name: "a line short of its headers", layout: `%H %h{%k=%V:%v;}%v\n`, in: "2 n=-1:;v\n", err: "the line does not match the layout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lr, err := NewLayoutReader(strings.NewReader(tc.in), tc.layout, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			rec := new(kgo.Record)
			err = lr.Next(rec)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v; want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			null := make([]bool, 0, len(rec.Headers))
			for _, h := range rec.Headers {
				null = append(null, h.Value == nil)
			}
			if got := fmt.Sprintf("%q null: %v", rec.Headers, null); got != tc.want {
				t.Errorf("%s; want %s", got, tc.want)
			}
		})
	}
}

// TestLayoutCopyEncodedSizes: a %K, %V or %T before a {base64} or {hex}
// field is the length of the raw bytes, as consume writes it (kcat's %S),
// and produce reads that many bytes' encoding (8 base64 characters, or 10
// hex digits, for 5 bytes): records written with a layout read back the
// same with it, binary, empty and null keys, values and header values
// alike, in digits, in bytes or as a count.
func TestLayoutCopyEncodedSizes(t *testing.T) {
	records := []*kgo.Record{
		{Topic: "orders", Key: []byte("k\x00\n;"), Value: []byte("\xff\xfe\x00 binary\n"),
			Headers: []kgo.RecordHeader{{Key: "h\n", Value: []byte("\x01\x02")}, {Key: "", Value: nil}, {Key: "e", Value: []byte{}}}},
		{Topic: "orders", Key: []byte{}, Value: nil},
		{Topic: "orders", Key: nil, Value: []byte{}},
		{Topic: "orders", Key: []byte("abcd"), Value: []byte("abcde")},
	}
	for _, layout := range []string{
		`%K %k{base64} %V %v{base64}\n`,
		`%K{big32}%k{hex}%V{hex16}%v{base64}`,
		`%T %t{hex} %K %k{hex} %V %v{hex} %H %h{%K %k{base64} %V %v{hex};}\n`,
		`%H %h{%K{byte}%k{hex}=%V{big16}%v{base64};} %K %k %V %v{base64}\n`,
	} {
		t.Run(layout, func(t *testing.T) {
			f, err := NewLayout(layout)
			if err != nil {
				t.Fatal(err)
			}
			var dump []byte
			for _, r := range records {
				dump = f.Append(dump, nil, r)
			}
			lr, err := NewLayoutReader(bytes.NewReader(dump), layout, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range records {
				var got kgo.Record
				if err := lr.Next(&got); err != nil {
					t.Fatalf("record %d of %q: %v", i, dump, err)
				}
				if !sameBytes(got.Key, want.Key) || !sameBytes(got.Value, want.Value) {
					t.Errorf("record %d: key %q (null %v), value %q (null %v); want %q (null %v), %q (null %v)",
						i, got.Key, got.Key == nil, got.Value, got.Value == nil, want.Key, want.Key == nil, want.Value, want.Value == nil)
				}
				if strings.Contains(layout, "%h") && !slices.EqualFunc(got.Headers, want.Headers, func(a, b kgo.RecordHeader) bool {
					return a.Key == b.Key && sameBytes(a.Value, b.Value)
				}) {
					t.Errorf("record %d: headers %q; want %q", i, got.Headers, want.Headers)
				}
			}
			if err := lr.Next(new(kgo.Record)); !errors.Is(err, io.EOF) {
				t.Errorf("after the last record: %v; want io.EOF", err)
			}
		})
	}
}

func TestKcatTimestamp(t *testing.T) {
	for _, tc := range []struct {
		layout string
		want   int
	}{
		{`%T %v\n`, 0},
		{`%o %T`, 3},
		{`%T{big16}%t %T\n`, 12},
		{`%T{ascii} %v\n`, -1},
		{`%T{big16}%t%v`, -1},
		{`%d{strftime[%F %T]} %v\n`, -1},
		{`%h{%k=%v} %%T %v\n`, -1},
		{`%v\n`, -1},
	} {
		if got := KcatTimestamp(tc.layout); got != tc.want {
			t.Errorf("KcatTimestamp(%q) = %d, want %d", tc.layout, got, tc.want)
		}
	}
}
