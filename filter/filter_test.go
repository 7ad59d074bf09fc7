package filter

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
)

func record() *kgo.Record {
	return &kgo.Record{
		Topic: "orders", Partition: 2, Offset: 41, LeaderEpoch: 3,
		Timestamp: time.UnixMilli(1763856000000),
		Key:       []byte("k1"),
		Value:     []byte(`{"amount": 120, "items": [1, 2], "big": 12345678901234567890}`),
		Headers:   []kgo.RecordHeader{{Key: "source", Value: []byte("web")}, {Key: "bin", Value: []byte{0xff}}, {Key: "json", Value: []byte(`{"a":1}`)}},
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		expr  string
		match bool
		err   string
	}{
		{`.value.amount > 100`, true, ""},
		{`.value.amount > 200`, false, ""},
		{`.value.amount > 100 and (.headers[] | select(.key=="source") | .value) == "web"`, true, ""},
		{`.key == "k1"`, true, ""},
		{`.topic == "orders" and .partition == 2 and .offset == 41 and .leader_epoch == 3`, true, ""},
		{`.timestamp == 1763856000000 and .timestamp_type == "create"`, true, ""},
		{`.headers[1] | .value == "/w==" and .value_encoding == "base64"`, true, ""},
		// Header values are not parsed: only keys and values are.
		{`.headers[2].value == "{\"a\":1}"`, true, ""},
		// Several outputs: the first truthy one matches.
		{`.headers[] | .key == "json"`, true, ""},
		{`.headers[] | .key == "nope"`, false, ""},
		{`empty`, false, ""},
		{`null`, false, ""},
		{`0`, true, ""},
		{`.value.items`, true, ""},
		// halt and halt_error end the run at the record (*Halt): jq
		// prints a string alone, anything else as JSON, and shore cuts
		// a long one.
		{`halt`, false, "halt"},
		{`"bad key\n" | halt_error`, false, "halt_error: bad key"},
		{`"two\nlines" | halt_error(3)`, false, `halt_error: "two\nlines"`},
		{`{a: .value.amount} | halt_error`, false, `halt_error: {"a":120}`},
		{`"\u001b[2J" | halt_error`, false, `halt_error: \x1b[2J`},
		// The exit code tells them apart, not the value.
		{`null | halt_error`, false, "halt_error: null"},
		{`"done" | halt_error(0)`, false, "halt"},
		{`"é" * 150 | halt_error`, false, "halt_error: " + strings.Repeat("é", 100) + "..."},
		{`"x" + "é" * 150 | halt_error`, false, "halt_error: x" + strings.Repeat("é", 99) + "..."},
		{`.value.amount | test("x")`, false, `test("x"; null) cannot be applied to: number (120)`},
		{`.key.x`, false, `expected an object but got: string ("k1")`},
		// An error after a truthy output does not count.
		{`true, error("late")`, true, ""},
	} {
		f, err := Compile(tc.expr, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		match, err := f.Match(context.Background(), record(), nil)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if match != tc.match || got != tc.err {
			t.Errorf("%s: match %v error %q; want %v %q", tc.expr, match, got, tc.match, tc.err)
		}
	}
}

func TestEnvelopeValues(t *testing.T) {
	for _, tc := range []struct {
		value []byte
		expr  string
	}{
		{nil, `.value == null`},
		{[]byte(`hello`), `.value == "hello"`},
		{[]byte(`"quoted"`), `.value == "quoted"`},
		{[]byte(`42`), `.value == 42`},
		{[]byte(` [1,2] `), `.value == [1,2]`},
		{[]byte(`true`), `.value == true`},
		{[]byte(`nullx`), `.value == "nullx"`},
		{[]byte(`{"a":`), `.value == "{\"a\":"`},
		{[]byte{0xff, 0xfe}, `.value == "//4=" and .value_encoding == "base64"`},
		{[]byte(``), `.value == ""`},
	} {
		f, err := Compile(tc.expr, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := record()
		r.Value = tc.value
		if ok, err := f.Match(context.Background(), r, nil); !ok || err != nil {
			t.Errorf("value %q: %s is %v (%v); want true", tc.value, tc.expr, ok, err)
		}
	}
}

// TestEnvelopeHeaderNames: a header name is a string as --json writes it,
// base64 with key_encoding when it is not UTF-8.
func TestEnvelopeHeaderNames(t *testing.T) {
	f, err := Compile(`.headers == [{"key":"//4=","key_encoding":"base64","value":"x"},{"key":"é","value":null}]`, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := record()
	r.Headers = []kgo.RecordHeader{{Key: "\xff\xfe", Value: []byte("x")}, {Key: "é"}}
	if ok, err := f.Match(context.Background(), r, nil); !ok || err != nil {
		t.Errorf("headers %q: %v (%v); want a match", r.Headers, ok, err)
	}
}

// TestMatchEndsWithContext: an expression that never ends stops when its
// context does, with the context's error and no match.
func TestMatchEndsWithContext(t *testing.T) {
	f, err := Compile(`def f: f; f`, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if ok, err := f.Match(ctx, record(), nil); ok || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("match %v, error %v; want no match and %v", ok, err, context.DeadlineExceeded)
	}
}

// TestEnvelopeReuse: a field set for one record does not leak to the next.
func TestEnvelopeReuse(t *testing.T) {
	f, err := Compile(`has("value_encoding")`, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := record()
	r.Value = []byte{0xff}
	if ok, _ := f.Match(context.Background(), r, nil); !ok {
		t.Fatal("binary value: no value_encoding")
	}
	if ok, _ := f.Match(context.Background(), record(), nil); ok {
		t.Fatal("the value_encoding of the previous record is still there")
	}
}

// TestEnvelopeDecoded: a decoded side is seen as --json writes it, with
// its encoding json and its schema, which do not leak to the next record.
func TestEnvelopeDecoded(t *testing.T) {
	f, err := Compile(`.value == {"a":1} and .value_encoding == "json" and .value_schema == {"id":7,"type":"AVRO"} and .key == "k" and (has("key_encoding") or has("key_schema") | not)`, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := &format.Decoded{Value: &format.DecodedField{JSON: []byte(`{"a":1}`), Schema: []byte(`{"id":7,"type":"AVRO"}`)}}
	r := record()
	r.Key, r.Value = []byte("k"), []byte("\x00\x00\x00\x00\x07\x02")
	if ok, err := f.Match(context.Background(), r, d); !ok || err != nil {
		t.Fatalf("decoded value: %v (%v); want a match", ok, err)
	}
	f, err = Compile(`has("value_schema") or has("value_encoding")`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := f.Match(context.Background(), r, d); !ok {
		t.Fatal("decoded value: no value_schema")
	}
	if ok, _ := f.Match(context.Background(), record(), nil); ok {
		t.Fatal("the value_schema of the previous record is still there")
	}
}

func TestCompileErrors(t *testing.T) {
	for _, tc := range []struct{ expr, err string }{
		{`.value |`, `unexpected EOF at byte 8: .value |⟨here⟩`},
		{`.a | }`, `unexpected token "}" at byte 6: .a | }⟨here⟩`},
		{`.a == "x`, `unterminated string literal at byte 8: .a == "x⟨here⟩`},
		{`nosuch(1)`, `function not defined: nosuch/1`},
		{`$x`, `variable not defined: $x`},
		// jq refuses an unknown format when it compiles; gojq ran it, and
		// failed on every record
		{`.value | @bas64d`, `format not defined: @bas64d`},
		{`if .a then [.b | @foo] else "\(.c)" end`, `format not defined: @foo`},
		{`@base64d "x\(.v | @nope)"`, `format not defined: @nope`},
		// A regular expression written as a string is compiled here;
		// gojq compiled it on each record, and failed on every one.
		{`.value | test("[")`, `bad regular expression "[" (argument of test): missing closing ]`},
		{`.key | test("a(b"; "i")`, `bad regular expression "a(b" (argument of test): missing closing )`},
		{`select(.value | match("\\d+)"))`, `bad regular expression "\d+)" (argument of match): unexpected )`},
		{`[.value | scan("x**")]`, `bad regular expression "x**" (argument of scan): invalid nested repetition operator at "**"`},
		{`.value | split("[a"; null)`, `bad regular expression "[a" (argument of split): missing closing ]`},
		{`.value | gsub("(?<=a)b"; "c")`, `bad regular expression "(?<=a)b" (argument of gsub): invalid named capture (Go's RE2 syntax has no lookahead or lookbehind)`},
		// A field the record does not have is null on every record: kcat
		// -J's names, a typo, a JSON value's field without .value.
		{`.payload == "x"`, `the record has no field "payload": .payload is null on every record; kcat -J's payload is .value here`},
		{`.key == "k" and .ts > 1763856000000`, `the record has no field "ts": .ts is null on every record; kcat -J's ts is .timestamp here`},
		{`select(.tstype == "create")`, `the record has no field "tstype": .tstype is null on every record; kcat -J's tstype is .timestamp_type here`},
		{`.broker == 0`, `the record has no field "broker": .broker is null on every record; kcat -J's broker, the one a record came from, is not given`},
		{`(.offest > 3)`, `the record has no field "offest": .offest is null on every record (did you mean .offset?)`},
		{`if .value then .Key == "a" else false end`, `the record has no field "Key": .Key is null on every record (did you mean .key?)`},
		{`.seen = (.ofset > 0) | .seen`, `the record has no field "ofset": .ofset is null on every record (did you mean .offset?)`},
		{`(.payload // "") == "x"`, `the record has no field "payload": .payload is null on every record; kcat -J's payload is .value here`},
		// Headers are a list: .headers.x fails on every record.
		{`select(.headers.trace == "a")`, `the record's headers are a list of {key, value}, which .headers.trace fails on (or, with ?, matches nothing): a header's value is (.headers[] | select(.key == "trace") | .value)`},
		{`.headers["x-id"]? != null`, `the record's headers are a list of {key, value}, which .headers["x-id"] fails on (or, with ?, matches nothing): a header's value is (.headers[] | select(.key == "x-id") | .value)`},
		{`.amount? > 100`, `the record has no field "amount": .amount is null on every record; its fields are topic, partition, offset, timestamp, timestamp_type, key, key_encoding, key_schema, value, value_encoding, value_schema, headers, leader_epoch; a JSON value's own fields are under .value: .value.amount`},
	} {
		_, err := Compile(tc.expr, nil)
		if fmt.Sprint(err) != tc.err {
			t.Errorf("%s: %v; want %s", tc.expr, err, tc.err)
		}
	}
	// What is no regular expression, or not one written out, compiles:
	// split with one argument splits at a string, a function of the
	// expression's own is its own, and an expression made from the
	// record is compiled on each record, as gojq does.
	for _, expr := range []string{
		`.value | split("[")`,
		`def test(s): . == s; .value | test("[")`,
		`.value | test(.key)`,
		`.value | test("\(.key)[")`,
		`.value | test("a" + "[")`,
		`.value | test("^[a-z]+$"; "gi")`,
		// Fields of what is not the record: a JSON value's, a header's,
		// a variable's.
		`.value.payload == 1 or (.value | .ts > 0)`,
		`.headers[] | select(.tstype == "x")`,
		`.headers[0].key == "a" and (.headers | length) > 0`,
		`. as $r | $r.ts`,
		`.value_schema.version < 3 and .key_encoding == null`,
		// Fields written: the left of an assignment, and the right of
		// |=, which reads the value of the field written.
		`.t = (.timestamp / 1000 | todate) | .t > "2026"`,
		`.n += 1 | .n > 1`,
		`.value |= (.amount // 0) | .value > 100`,
		// The left of // where its right is a field the record has: a
		// filter for kcat -J's lines and shore's alike.
		`(.ts // .timestamp) > 0`,
		`.payload // .value | . == "b"`,
	} {
		if _, err := Compile(expr, nil); err != nil {
			t.Errorf("%s: %v; want it compiled", expr, err)
		}
	}
}

// TestCompileFormats: every format gojq knows compiles.
func TestCompileFormats(t *testing.T) {
	for _, f := range []string{"@text", "@json", "@html", "@uri", "@urid", "@csv", "@tsv", "@sh", "@base64", "@base64d"} {
		if _, err := Compile(`.value | `+f, nil); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	f, err := Compile(`.value.amount > 900`, nil)
	if err != nil {
		b.Fatal(err)
	}
	r := record()
	r.Headers = nil
	r.Value = []byte(`{"id":123456,"amount":917,"currency":"EUR","note":"a short order note"}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Match(context.Background(), r, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFill(b *testing.B) {
	e := newEnvelope()
	r := record()
	r.Headers = nil
	r.Value = []byte(`{"id":123456,"amount":917,"currency":"EUR","note":"a short order note"}`)
	b.ReportAllocs()
	for b.Loop() {
		e.fill(r)
	}
}

func BenchmarkRunOnly(b *testing.B) {
	f, _ := Compile(`.value.amount > 900`, nil)
	r := record()
	r.Headers = nil
	r.Value = []byte(`{"id":123456,"amount":917,"currency":"EUR","note":"a short order note"}`)
	v := f.env.fill(r)
	b.ReportAllocs()
	for b.Loop() {
		it := f.code.Run(v)
		for {
			if _, ok := it.Next(); !ok {
				break
			}
		}
	}
}

// TestNumericKey: what consume --help says of a key 42, which is JSON: the
// number 42, which .key == "42" does not match and tostring makes a string.
func TestNumericKey(t *testing.T) {
	for expr, want := range map[string]bool{`.key == 42`: true, `.key == "42"`: false, `(.key|tostring) == "42"`: true} {
		f, err := Compile(expr, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := record()
		r.Key = []byte("42")
		if ok, err := f.Match(context.Background(), r, nil); ok != want || err != nil {
			t.Errorf("key 42: %s is %v (%v); want %v", expr, ok, err, want)
		}
	}
}
