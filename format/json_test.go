package format

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

func TestAppendJSON(t *testing.T) {
	ts := time.UnixMilli(1763856000123)
	for _, tc := range []struct {
		name string
		r    *kgo.Record
		o    JSONOptions
		want string
	}{
		{
			name: "text",
			r: &kgo.Record{Topic: "orders", Partition: 2, Offset: 41, Timestamp: ts, LeaderEpoch: 3,
				Key: []byte("k1"), Value: []byte(`{"a":"b\n"}`), Headers: []kgo.RecordHeader{{Key: "trace", Value: []byte("x\ty")}}},
			want: `{"topic":"orders","partition":2,"offset":41,"timestamp":1763856000123,"timestamp_type":"create","key":"k1","value":"{\"a\":\"b\\n\"}","headers":[{"key":"trace","value":"x\ty"}],"leader_epoch":3}` + "\n",
		},
		{
			name: "nulls and empty",
			r:    &kgo.Record{Topic: "t", Timestamp: ts, Value: []byte{}, Headers: []kgo.RecordHeader{{Key: "n"}}},
			want: `{"topic":"t","partition":0,"offset":0,"timestamp":1763856000123,"timestamp_type":"create","key":null,"value":"","headers":[{"key":"n","value":null}],"leader_epoch":0}` + "\n",
		},
		{
			name: "binary becomes base64",
			r:    &kgo.Record{Topic: "t", Timestamp: ts, Key: []byte{0xff, 0x00}, Value: []byte("ok\x01"), Headers: []kgo.RecordHeader{{Key: "b", Value: []byte{0xc3}}}},
			want: `{"topic":"t","partition":0,"offset":0,"timestamp":1763856000123,"timestamp_type":"create","key":"/wA=","key_encoding":"base64","value":"ok\u0001","headers":[{"key":"b","value":"ww==","value_encoding":"base64"}],"leader_epoch":0}` + "\n",
		},
		{
			name: "a header name that is not UTF-8",
			r:    &kgo.Record{Topic: "t", Timestamp: ts, Value: []byte("v"), Headers: []kgo.RecordHeader{{Key: "\xff\xfe", Value: []byte("x")}, {Key: "é"}}},
			want: `{"topic":"t","partition":0,"offset":0,"timestamp":1763856000123,"timestamp_type":"create","key":null,"value":"v","headers":[{"key":"//4=","key_encoding":"base64","value":"x"},{"key":"é","value":null}],"leader_epoch":0}` + "\n",
		},
		{
			name: "forced hex and text",
			r:    &kgo.Record{Topic: "t", Timestamp: ts, Key: []byte("ab"), Value: []byte("a\xffb\u2028")},
			o:    JSONOptions{Key: EncodingHex, Value: EncodingText},
			want: `{"topic":"t","partition":0,"offset":0,"timestamp":1763856000123,"timestamp_type":"create","key":"6162","key_encoding":"hex","value":"a\ufffdb` + "\u2028" + `","headers":[],"leader_epoch":0}` + "\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(AppendJSON(nil, tc.r, tc.o))
			if got != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tc.want)
			}
			if !json.Valid([]byte(got)) {
				t.Fatalf("not valid JSON: %s", got)
			}
		})
	}
}

func TestDecodeJSON(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want JSONRecord
		err  string
	}{
		{in: `{"key":"k","value":"v"}`, want: JSONRecord{Key: []byte("k"), Value: []byte("v"), Partition: -1}},
		{in: `{"value":null}`, want: JSONRecord{Partition: -1}},
		{in: `{"key":"/wA=","key_encoding":"base64","value":"6162","value_encoding":"hex","partition":3,"timestamp":1763856000123}`,
			want: JSONRecord{Key: []byte{0xff, 0}, Value: []byte("ab"), Partition: 3, Timestamp: time.UnixMilli(1763856000123)}},
		{in: `{"value":"v","timestamp":"-1h","headers":[{"key":"h","value":"AQ==","value_encoding":"base64"},{"key":"n","value":null}]}`,
			want: JSONRecord{Value: []byte("v"), Partition: -1, Timestamp: now.Add(-time.Hour),
				Headers: []kgo.RecordHeader{{Key: "h", Value: []byte{1}}, {Key: "n"}}}},
		// A TIME without a zone is UTC, and said to be (TimestampUTC);
		// one with a zone is not.
		{in: `{"value":"v","timestamp":"2026-12-07T09:00"}`, want: JSONRecord{Value: []byte("v"), Partition: -1, Timestamp: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), TimestampUTC: true}},
		{in: `{"value":"v","timestamp":"2026-12-07"}`, want: JSONRecord{Value: []byte("v"), Partition: -1, Timestamp: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), TimestampUTC: true}},
		{in: `{"value":"v","timestamp":"2026-12-07T09:00Z"}`, want: JSONRecord{Value: []byte("v"), Partition: -1, Timestamp: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}},
		{in: `{"topic":"x","offset":9,"leader_epoch":1,"timestamp_type":"create","value":"v"}`, want: JSONRecord{Value: []byte("v"), Partition: -1}},
		{in: `{"input":"f.txt","input_line":3,"fate":"failed","error":"e","key":null,"value":"v","value_schema":{"id":1},"key_schema":{"id":2}}`,
			want: JSONRecord{Value: []byte("v"), Partition: -1, ValueSchemaID: 1, KeySchemaID: 2}},
		{in: `{"value":"v","value_schema":{"id":1,"type":"PROTOBUF","subject":"s","version":2,"message":"shop.Order.Line"},"key_schema":{"id":2,"message":"K"}}`,
			want: JSONRecord{Value: []byte("v"), Partition: -1, ValueSchemaID: 1, ValueSchemaType: "PROTOBUF", ValueMessage: "shop.Order.Line", KeySchemaID: 2, KeyMessage: "K"}},
		{in: `{"key":"k","payload":"v"}`, err: `unknown field "payload": a kcat -J line (ts, tstype, broker, payload, headers as a flat list); --json reads the shape consume --json writes`},
		{in: `{"key":"k","payload":"v","Broker":0}`, err: `unknown field "payload": a kcat -J line`},
		{in: `{"key":"k","valeu":"v"}`, err: `unknown field "valeu" (a --json line has key, value, headers,`},
		{in: `{"vaule":"x"}`, err: `unknown field "vaule" (a --json line has key, value, headers, partition, timestamp, key_encoding, value_encoding and the other fields consume --json writes): did you mean "value"?`},
		{in: `{"id":7,"amount":"12.50"}`, err: `unknown field "id" (a --json line has key, value, headers, partition, timestamp, key_encoding, value_encoding and the other fields consume --json writes): a --json line is a record, {"key":...,"value":...}; to send each line as the value, leave out --json`},
		{in: `{"VALUE":"x","Topic":"t"}`, want: JSONRecord{Value: []byte("x"), Partition: -1}},
		{in: `{"value":"v","headers":[{"key":"h","value":"x"},{"key":"h","vaule":"x"}]}`, err: `headers[1]: unknown field "vaule" (a header has key, value, key_encoding and value_encoding)`},
		{in: `{"value":"v"`, err: "invalid JSON: the object is cut short"},
		{in: `{"value":"a","value":"b"}`, err: `"value" is given twice: which one to send?`},
		{in: `{"key":"a","value":"v","Key":"b"}`, err: `"Key" is given twice`},
		{in: `{"value":"v","headers":[{"key":"a","value":"x"},{"key":"b","value":"x","key":"c"}]}`, err: `headers[1]: "key" is given twice: which one to send?`},
		{in: `{"value":"v","headers":[{"key":"a","value":"x","Value":"y"}]}`, err: `headers[0]: "Value" is given twice`},
		{in: `{"value":"v","headers":[{"key":"a","value":"1"},{"key":"a","value":"2"}]}`, want: JSONRecord{Value: []byte("v"), Partition: -1,
			Headers: []kgo.RecordHeader{{Key: "a", Value: []byte("1")}, {Key: "a", Value: []byte("2")}}}},
		{in: `{"timestamp":-1,"value":"v"}`, want: JSONRecord{Value: []byte("v"), Partition: -1}},
		{in: `{"timestamp":-2,"value":"v"}`, err: "timestamp -2: before 1970"},
		{in: `{"value":"v","headers":[{"key":"//4=","key_encoding":"base64","value":"x"},{"key":"6869","key_encoding":"hex","value":null},{"key":"t","key_encoding":"text"}]}`, want: JSONRecord{Value: []byte("v"), Partition: -1,
			Headers: []kgo.RecordHeader{{Key: "\xff\xfe", Value: []byte("x")}, {Key: "hi"}, {Key: "t"}}}},
		{in: `{"value":"v","headers":[{"key":"!","key_encoding":"base64"}]}`, err: "headers[0].key: not base64"},
		{in: `{"timestamp":9223372036854,"value":"v"}`, want: JSONRecord{Value: []byte("v"), Partition: -1, Timestamp: time.UnixMilli(9223372036854)}},
		{in: `{"timestamp":9223372036855,"value":"v"}`, err: "timestamp 9223372036855: after 2262-04-11T23:47:16.854Z, the latest the Kafka client can send: want unix milliseconds 0 to 9223372036854"},
		{in: `{"timestamp":"2262-04-11T23:47:16.855Z","value":"v"}`, err: `timestamp "2262-04-11T23:47:16.855Z": 2262-04-11T23:47:16.855Z is after 2262-04-11T23:47:16.854Z, the latest the Kafka client can send`},
		{in: `not json`, err: "invalid JSON at byte 2"},
		{in: `{"value":1}`, want: JSONRecord{Value: []byte("1"), Partition: -1}},
		{in: `{"value":{ "a": [1, 2] },"value_encoding":"json"}`, want: JSONRecord{Value: []byte(`{"a":[1,2]}`), Partition: -1}},
		{in: `{"value":"s","value_encoding":"json"}`, want: JSONRecord{Value: []byte(`"s"`), Partition: -1}},
		{in: `{"key":null,"key_encoding":"json","value":null,"value_encoding":"json"}`, want: JSONRecord{Key: []byte("null"), Value: []byte("null"), Partition: -1}},
		{in: `{"value":null,"value_encoding":"base64"}`, want: JSONRecord{Partition: -1}},
		{in: `{"value":{},"value_encoding":"base64"}`, err: `value_encoding "base64": a value that is not a string must be JSON`},
		{in: `{"value":"zz","value_encoding":"hex"}`, err: "value: not hex: 'z' at byte 0 is not a hex digit"},
		{in: `{"value":"00é0","value_encoding":"hex"}`, err: "value: not hex: 'é' at byte 2 is not a hex digit"},
		{in: `{"value":"abc","value_encoding":"hex"}`, err: "value: not hex: an odd number of hex digits (3)"},
		{in: `{"key":"!","key_encoding":"base64"}`, err: "key: not base64: '!' at byte 0 is not a base64 character"},
		{in: `{"value":"AAAAYQ","value_encoding":"base64"}`, err: "value: not base64: 6 characters, not a multiple of 4: the = padding at its end is missing"},
		{in: `{"value":"YW-_","value_encoding":"base64"}`, err: "value: not base64: '-' at byte 2 is base64url's (as in URLs and JWTs): write standard base64, + for - and / for _, padded with ="},
		{in: `{"value":"Y=Q=","value_encoding":"base64"}`, err: "value: not base64: illegal base64 data at input byte 1"},
		{in: "{\"value\":\"YQ==\\r\\n\",\"value_encoding\":\"base64\"}", want: JSONRecord{Value: []byte("a"), Partition: -1}},
		{in: `{"value":"v","value_encoding":"rot13"}`, err: `value_encoding "rot13": want text, base64, hex or json`},
		{in: `{"key":"k","key_encoding":"json"}`, want: JSONRecord{Key: []byte(`"k"`), KeyDoc: []byte(`"k"`), Partition: -1}},
		{in: `{"value":"v","headers":[{"key":"h","value":"1","value_encoding":"json"}]}`, err: `headers[0].value_encoding "json": want text, base64 or hex`},
		{in: `{"value":"v","headers":[{"key":"h","key_encoding":"rot13"}]}`, err: `headers[0].key_encoding "rot13": want text, base64 or hex`},
		{in: `{"partition":-2}`, err: "partition -2: want 0 or more"},
		{in: `{"partition":"1"}`, err: "partition: want a whole number from 0 to 2147483647, got JSON string"},
		{in: `{"partition":1.5}`, err: "partition: want a whole number from 0 to 2147483647, got JSON number 1.5"},
		{in: `{"timestamp":"soon"}`, err: `timestamp "soon": want unix milliseconds`},
		{in: `{"timestamp":true}`, err: "timestamp true: want unix milliseconds or a TIME string"},
		{in: `{"timestamp":99999999999999999999}`, err: "timestamp 99999999999999999999: after 2262-04-11T23:47:16.854Z, the latest the Kafka client can send: want unix milliseconds 0 to 9223372036854"},
		{in: `{"timestamp":-99999999999999999999}`, err: "timestamp -99999999999999999999: before 1970: want unix milliseconds 0 or more"},
		{in: `{"timestamp":1.5}`, err: "timestamp 1.5: want unix milliseconds or a TIME string"},
		{in: `{"headers":[{"value":"x"}]}`, err: "headers[0]: no key"},
		{in: `{"value":"v","headers":[{"key":"a","value":"x"},{"key":"b","value":[]}]}`, err: "headers[1].value: want a string or null, got JSON array"},
		{in: `{"value":"v","headers":[{"key":"a","value":"x"},{"key":true}]}`, err: "headers[1].key: want a string or null, got JSON bool"},
		{in: `{"value":"v","headers":[{"key":"a","value":"x"},["b","y"]]}`, err: `headers[1]: want an object {"key","value"}, got JSON array`},
		{in: `{"value":"v","headers":[{"key":"a","value":"x"},null]}`, err: "headers[1]: no key"},
		{in: `{"value":"v","value_schema":5}`, err: `value_schema: want an object {"id","type",...} (as consume --json writes it), got JSON number`},
		{in: `{"value":"v","key_schema":{"id":"1"}}`, err: "key_schema.id: want a whole number, got JSON string"},
		{in: `{} {}`, err: "more than one JSON value on the line"},
		{in: `{"value":"a\udcff"}`, err: `\udcff at byte 11 is half of a UTF-16 surrogate pair, which no UTF-8 text holds: it would be read as U+FFFD; write such bytes base64 or hex`},
		{in: `{"value":"v","headers":[{"key":"\\\ud800x","value":null}]}`, err: `\ud800 at byte 34 is half`},
		{in: `{"value":"\ud83d\ude00 \\udcff \u00e9"}`, want: JSONRecord{Value: []byte("\U0001F600 \\udcff \u00e9"), Partition: -1}},
		{in: `{"value":"\ude00\ud83d"}`, err: `\ude00 at byte 10 is half`},
		{in: `{"key":"a"}}"value":"b"}`, err: "invalid JSON at byte 12: '}' after the JSON value"},
		{in: `{"value":"v"}] `, err: "invalid JSON at byte 14: ']' after the JSON value"},
		{in: `{"value":"v"} é`, err: "invalid JSON at byte 15: 'é' after the JSON value"},
		{in: "{\"value\":\"v\"} \r", want: JSONRecord{Value: []byte("v"), Partition: -1}},
		{in: ``, err: "invalid JSON: EOF"},
		{in: "{\"value\":\"a\xff\xfe\"}", err: "invalid UTF-8 at byte 11: JSON text is UTF-8; write other bytes base64 or hex"},
		{in: "{\"key\":\"\u00e9\",\"headers\":[{\"key\":\"h\xc3\",\"value\":\"v\"}]}", err: "invalid UTF-8 at byte 32"},
		{in: "\xef\xbb\xbf{\"value\":\"v\"}", err: "a byte order mark (EF BB BF) comes before the JSON, which JSON does not allow: remove it"},
		{in: "{\"value\":\"\u00e9\u2028\"}", want: JSONRecord{Value: []byte("\u00e9\u2028"), Partition: -1}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := DecodeJSON([]byte(tc.in), now)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("DecodeJSON(%s) error %v, want %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Errorf("DecodeJSON(%s): %v", tc.in, err)
				return
			}
			if !sameRecord(got, tc.want) {
				t.Errorf("DecodeJSON(%s) = %+v, want %+v", tc.in, got, tc.want)
			}
		})
	}
}

func sameRecord(a, b JSONRecord) bool {
	if !sameBytes(a.Key, b.Key) || !sameBytes(a.Value, b.Value) || a.Partition != b.Partition ||
		!a.Timestamp.Equal(b.Timestamp) || a.TimestampUTC != b.TimestampUTC || len(a.Headers) != len(b.Headers) {
		return false
	}
	for i := range a.Headers {
		if a.Headers[i].Key != b.Headers[i].Key || !sameBytes(a.Headers[i].Value, b.Headers[i].Value) {
			return false
		}
	}
	return true
}

// sameBytes tells null from empty.
func sameBytes(a, b []byte) bool { return (a == nil) == (b == nil) && bytes.Equal(a, b) }

// FuzzJSONRoundTrip checks that whatever the bytes, a line is valid JSON and
// decodes to the same key, value and headers, under every encoding that can
// carry them.
func FuzzJSONRoundTrip(f *testing.F) {
	f.Add([]byte("k"), []byte("v"), "h", []byte("x"), false, false)
	f.Add([]byte{0xff}, []byte{}, "\x00", []byte{0xc3, 0x28}, true, true)
	f.Add([]byte("\u2028\"\\"), []byte("\x7f\x1f"), "é", []byte(nil), false, true)
	f.Fuzz(func(t *testing.T, key, value []byte, hkey string, hval []byte, nullKey, nullValue bool) {
		if nullKey {
			key = nil
		} else if key == nil {
			key = []byte{}
		}
		if nullValue {
			value = nil
		} else if value == nil {
			value = []byte{}
		}
		if !utf8Valid(hkey) {
			hkey = "h"
		}
		r := &kgo.Record{Topic: "t", Key: key, Value: value, Headers: []kgo.RecordHeader{{Key: hkey, Value: hval}}, Timestamp: time.UnixMilli(5)}
		for _, enc := range []Encoding{EncodingAuto, EncodingBase64, EncodingHex} {
			line := AppendJSON(nil, r, JSONOptions{Key: enc, Value: enc})
			if !json.Valid(line) || bytes.Count(line, []byte("\n")) != 1 {
				t.Fatalf("%v: not one valid JSON line: %q", enc, line)
			}
			got, err := DecodeJSON(line, time.Time{})
			if err != nil {
				t.Fatalf("%v: decode %q: %v", enc, line, err)
			}
			want := JSONRecord{Key: key, Value: value, Headers: r.Headers, Partition: r.Partition, Timestamp: time.UnixMilli(5)}
			if !sameRecord(got, want) {
				t.Fatalf("%v: round trip of %q gave %+v, want %+v", enc, line, got, want)
			}
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }

// TestDecodedJSON embeds decoded keys and values as JSON values, and reads
// them back as the documents a schema encodes.
func TestDecodedJSON(t *testing.T) {
	r := &kgo.Record{Topic: "t", Key: []byte{0, 0, 0, 0, 7}, Value: []byte{0, 0, 0, 0, 3, 2}, Timestamp: time.UnixMilli(1763856000000)}
	d := &Decoded{
		Key:   &DecodedField{JSON: []byte(`"k1"`)},
		Value: &DecodedField{JSON: []byte(`{"amount":3}`), Schema: SchemaRef{ID: 3, Type: "AVRO"}.AppendJSON(nil)},
	}
	want := `{"topic":"t","partition":0,"offset":0,"timestamp":1763856000000,"timestamp_type":"create","key":"k1","key_encoding":"json","value":{"amount":3},"value_encoding":"json","value_schema":{"id":3,"type":"AVRO"},"headers":[],"leader_epoch":0}` + "\n"
	line := AppendJSONDecoded(nil, r, JSONOptions{}, d)
	if string(line) != want {
		t.Fatalf("got  %s\nwant %s", line, want)
	}
	rec, err := DecodeJSON(line, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if string(rec.KeyDoc) != `"k1"` || string(rec.ValueDoc) != `{"amount":3}` || string(rec.Key) != `"k1"` {
		t.Errorf("read back key %q doc %q, value doc %q", rec.Key, rec.KeyDoc, rec.ValueDoc)
	}
	plain, err := DecodeJSON([]byte(`{"key":"k","value":"{\"a\":1}","value_encoding":"text"}`), time.Now())
	if err != nil || string(plain.KeyDoc) != `"k"` || string(plain.Key) != "k" || string(plain.ValueDoc) != `{"a":1}` {
		t.Errorf("plain: key %q doc %q value doc %q (%v)", plain.Key, plain.KeyDoc, plain.ValueDoc, err)
	}
}

// FuzzDecodeJSON decodes untrusted lines: never a panic, and a line that
// decodes names no field twice, no unknown field and no timestamp before
// 1970.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{
		`{"key":"k","value":"v"}`,
		`{"value":"a","value":"b"}`,
		`{"value":"a","VALUE":"b"}`,
		`{"timestamp":-1,"value":"v"}`,
		`{"timestamp":"1969-12-31T23:59:59Z"}`,
		`{"partition":99999999999}`,
		`{"headers":[{"key":"a","value":"1"},{"key":"a"}]}`,
		`{"value":"v"} {"value":"w"}`,
		`[1,2]`,
		`{"value":"v","vaule":"w"}`,
		`{"headers":[{"key":"a","vaule":"1"}]}`,
	} {
		f.Add([]byte(s))
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, line []byte) {
		rec, err := DecodeJSON(line, now)
		if err != nil {
			return
		}
		if err := checkFields(line); err != nil {
			t.Fatalf("%q decoded although %v", line, err)
		}
		if !rec.Timestamp.IsZero() && rec.Timestamp.UnixMilli() < 0 {
			t.Fatalf("%q decoded to timestamp %v", line, rec.Timestamp)
		}
		if rec.Partition < -1 {
			t.Fatalf("%q decoded to partition %d", line, rec.Partition)
		}
	})
}

// TestSchemaRefJSON writes a registry schema's reference, naming its
// subject and version when known.
func TestSchemaRefJSON(t *testing.T) {
	for _, c := range []struct {
		ref  SchemaRef
		want string
	}{
		{SchemaRef{ID: 3, Type: "AVRO"}, `{"id":3,"type":"AVRO"}`},
		{SchemaRef{ID: 12, Type: "PROTOBUF", Subject: `orders"v2"-value`, Version: 4}, `{"id":12,"type":"PROTOBUF","subject":"orders\"v2\"-value","version":4}`},
		{SchemaRef{ID: 12, Type: "PROTOBUF", Subject: "s", Version: 1, Message: "shop.Order.Line"}, `{"id":12,"type":"PROTOBUF","subject":"s","version":1,"message":"shop.Order.Line"}`},
		{SchemaRef{ID: 12, Type: "PROTOBUF", Message: "Order"}, `{"id":12,"type":"PROTOBUF","message":"Order"}`},
	} {
		if got := string(c.ref.AppendJSON(nil)); got != c.want {
			t.Errorf("%+v: got %s, want %s", c.ref, got, c.want)
		}
	}
}

// TestCheckEmbed refuses what jq would not read back in a JSON line.
func TestCheckEmbed(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":"\ud83d\ude00"}`: "",
		`["\udc00"]`:           `not JSON in UTF-8: \udc00 at byte 2 is half of a UTF-16 surrogate pair, which jq refuses or reads as U+FFFD`,
		strings.Repeat("[", 254) + strings.Repeat("]", 254):          "",
		strings.Repeat("[", 255) + strings.Repeat("]", 255):          "its JSON nests 255 deep as jq counts (an object 2, an array 1): jq 1.6 reads at most 254 inside a --json line",
		strings.Repeat(`{"":`, 128) + "1" + strings.Repeat("}", 128): "its JSON nests 256 deep",
	} {
		err := CheckEmbed([]byte(in))
		if want == "" && err != nil || want != "" && (err == nil || !strings.HasPrefix(err.Error(), want)) {
			t.Errorf("CheckEmbed(%.20s...): %v, want %q", in, err, want)
		}
	}
}
