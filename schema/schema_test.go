package schema

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bufbuild/protocompile"
	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"

	"github.com/kafkashore/shore/internal/testregistry"
)

func newCache(t *testing.T) (*Cache, *sr.Client) {
	r, err := NewRegistry(RegistryConfig{URL: testregistry.URL(t), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return NewCache(r), r.Client
}

// register registers a schema under a subject of the test's own.
func register(t *testing.T, cl *sr.Client, subject string, s sr.Schema) sr.SubjectSchema {
	t.Helper()
	ss, err := cl.CreateSchema(context.Background(), t.Name()+"-"+subject, s)
	if err != nil {
		t.Fatalf("register %s: %v", subject, err)
	}
	return ss
}

// roundTrip encodes doc with the latest schema of subject, checks the wire
// header, decodes it by id and wants want back; it returns the payload.
func roundTrip(t *testing.T, c *Cache, subject, message, doc, want string) []byte {
	t.Helper()
	ctx := context.Background()
	s, err := c.BySubject(ctx, t.Name()+"-"+subject, -1)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := s.Encoder(message)
	if err != nil {
		t.Fatal(err)
	}
	payload, err := enc.AppendEncode(nil, []byte(doc))
	if err != nil {
		t.Fatalf("encode %s: %v", doc, err)
	}
	id, rest, err := SplitHeader(payload)
	if err != nil || id != s.ID {
		t.Fatalf("header: id %d, %v; want id %d", id, err, s.ID)
	}
	byID, err := c.ByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := byID.AppendJSON(nil, rest)
	if err != nil {
		t.Fatalf("decode %x: %v", payload, err)
	}
	if string(got) != want {
		t.Errorf("decoded\n got %s\nwant %s", got, want)
	}
	again, err := enc.AppendEncode(nil, got)
	if err != nil || !bytes.Equal(again, payload) {
		t.Errorf("re-encoded %x (%v), want the same bytes %x", again, err, payload)
	}
	return payload
}

const avroOrder = `{"type":"record","name":"Order","namespace":"shop","fields":[
 {"name":"id","type":"long"},
 {"name":"email","type":["null","string"],"default":null},
 {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"]}},
 {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
 {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
 {"name":"ship","type":"Address"}]}`

const avroAddress = `{"type":"record","name":"Address","namespace":"shop","fields":[{"name":"city","type":"string"}]}`

func TestAvroRoundTripWithReference(t *testing.T) {
	c, cl := newCache(t)
	addr := register(t, cl, "address", sr.Schema{Schema: avroAddress, Type: sr.TypeAvro})
	register(t, cl, "value", sr.Schema{Schema: avroOrder, Type: sr.TypeAvro, References: []sr.SchemaReference{{Name: "shop.Address", Subject: addr.Subject, Version: addr.Version}}})
	doc := `{"id":7,"email":{"string":"a@x"},"status":"PAID","amount":"\u0001\u00e2","at":1763856000000,"ship":{"city":"Oslo"}}`
	payload := roundTrip(t, c, "value", "", doc, doc)
	if got, want := hex.EncodeToString(payload[5:]), "0e0206614078020401e2809095e0d566084f736c6f"; got != want {
		t.Errorf("Avro payload %s, want %s", got, want)
	}
	roundTrip(t, c, "value", "", `{"id":8,"email":null,"status":"NEW","amount":"\u0000","at":0,"ship":{"city":""}}`,
		`{"id":8,"email":null,"status":"NEW","amount":"\u0000","at":0,"ship":{"city":""}}`)
}

func TestAvroEncodeErrors(t *testing.T) {
	c, err := newAvro(`{"type":"record","name":"R","fields":[{"name":"n","type":"long"},{"name":"e","type":{"type":"enum","name":"E","symbols":["A"]}}]}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]string{
		`{"n":1}`:               "missing",
		`{"n":"x","e":"A"}`:     "long",
		`{"n":1,"e":"B"}`:       "B",
		`{"n":1,"e":"A","x":1}`: `unknown field x`,
	} {
		_, err := c.AppendEncoded(nil, []byte(doc))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want it to mention %q", doc, err, want)
		}
	}
}

// TestAvroSetAsideDecimal says why a decimal that is not valid, which the
// Avro specification has readers set aside for its plain bytes or fixed,
// does not take a number; a valid one does.
func TestAvroSetAsideDecimal(t *testing.T) {
	for schema, want := range map[string]string{
		`{"type":"bytes","logicalType":"decimal","scale":2}`:                         "(it has no precision)",
		`{"type":"bytes","logicalType":"decimal","precision":0}`:                     "(its precision, 0, is not a whole number of 1 or more)",
		`{"type":"bytes","logicalType":"decimal","precision":"4"}`:                   `(its precision, "4", is not a whole number of 1 or more)`,
		`{"type":"bytes","logicalType":"decimal","precision":4,"scale":-1}`:          "(its scale, -1, is not a whole number of 0 or more)",
		`{"type":"bytes","logicalType":"decimal","precision":3,"scale":5}`:           "(its scale, 5, is more than its precision, 3)",
		`{"type":"fixed","name":"F","size":2,"logicalType":"decimal","precision":9}`: "(its precision, 9, is more digits than 2 bytes can hold)",
		`{"type":"bytes","logicalType":"decimal","precision":3}`:                     "",
	} {
		c, err := newAvro(schema, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.AppendEncoded(nil, []byte("1"))
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", schema, err)
		case want != "" && (err == nil || !strings.HasSuffix(err.Error(), ": the schema's decimal is not valid "+want+": Avro's readers set it aside and read plain bytes")):
			t.Errorf("%s: error %v, want it to end with %q", schema, err, want)
		}
	}
}

const protoCommon = `syntax = "proto3";
package shop;
message Money { int64 units = 1; string currency = 2; }
`

const protoOrders = `syntax = "proto3";
package shop;
import "common.proto";
message Customer { string name = 1; }
message Order {
  message Line { string sku = 1; int32 qty = 2; }
  string id = 1;
  Money total = 2;
  repeated Line lines = 3;
  Status status = 4;
}
enum Status { NEW = 0; PAID = 1; }
`

func TestProtobufRoundTripWithImport(t *testing.T) {
	c, cl := newCache(t)
	common := register(t, cl, "common", sr.Schema{Schema: protoCommon, Type: sr.TypeProtobuf})
	register(t, cl, "value", sr.Schema{Schema: protoOrders, Type: sr.TypeProtobuf, References: []sr.SchemaReference{{Name: "common.proto", Subject: common.Subject, Version: common.Version}}})
	doc := `{"id":"o-1","total":{"units":"1250","currency":"EUR"},"lines":[{"sku":"a","qty":2}],"status":"PAID"}`
	payload := roundTrip(t, c, "value", "Order", doc, doc)
	if got := hex.EncodeToString(payload[5:7]); got != "0202" {
		t.Errorf("message index bytes %s, want 0202 (Order is the second message)", got)
	}
	roundTrip(t, c, "value", "shop.Order.Line", `{"sku":"b","qty":0}`, `{"sku":"b","qty":0}`)
	roundTrip(t, c, "value", "", `{}`, `{"name":""}`)
}

// TestProtobufBase64Descriptor decodes a schema registered the way
// confluent-kafka-python registers it: a base64 FileDescriptorProto.
func TestProtobufBase64Descriptor(t *testing.T) {
	comp := protocompile.Compiler{Resolver: &protocompile.SourceResolver{Accessor: protocompile.SourceAccessorFromMap(map[string]string{"common.proto": protoCommon})}}
	files, err := comp.Compile(context.Background(), "common.proto")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := proto.Marshal(protodesc.ToFileDescriptorProto(files[0]))
	if err != nil {
		t.Fatal(err)
	}
	c, cl := newCache(t)
	register(t, cl, "value", sr.Schema{Schema: base64.StdEncoding.EncodeToString(raw), Type: sr.TypeProtobuf})
	roundTrip(t, c, "value", "", `{"units":"5","currency":"NOK"}`, `{"units":"5","currency":"NOK"}`)
}

func TestJSONSchemaValidates(t *testing.T) {
	c, cl := newCache(t)
	register(t, cl, "value", sr.Schema{Type: sr.TypeJSON, Schema: `{"type":"object","properties":{"amount":{"type":"number"}},"required":["amount"]}`})
	roundTrip(t, c, "value", "", `{ "amount": 3.5 }`, `{"amount":3.5}`)
	s, err := c.BySubject(context.Background(), t.Name()+"-value", -1)
	if err != nil {
		t.Fatal(err)
	}
	enc, _ := s.Encoder("")
	for doc, want := range map[string]string{
		`{"amount":"x"}`: "at /amount: got string, want number",
		`{}`:             "missing property 'amount'",
		`{"amount":`:     "invalid JSON",
	} {
		if _, err := enc.AppendEncode(nil, []byte(doc)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", doc, err, want)
		}
	}
}

func TestUnknownIDNamesRegistryOnce(t *testing.T) {
	c, _ := newCache(t)
	_, err := c.ByID(context.Background(), 987654)
	if err == nil || !strings.Contains(err.Error(), "id 987654") || !strings.Contains(err.Error(), testregistry.URL(t)) {
		t.Fatalf("error %v, want the id and the registry URL", err)
	}
	_, again := c.ByID(context.Background(), 987654)
	if again != err {
		t.Errorf("second lookup asked again: %v", again)
	}
}

// validJSON is one line of JSON in valid UTF-8 (json.Valid lets invalid
// UTF-8 in strings pass).
func validJSON(b []byte) bool {
	return json.Valid(b) && utf8.Valid(b) && !bytes.ContainsAny(b, "\n")
}

// TestJSONSchemaReference validates through a $ref to a schema registered
// under another subject.
func TestJSONSchemaReference(t *testing.T) {
	c, cl := newCache(t)
	money := register(t, cl, "money", sr.Schema{Type: sr.TypeJSON, Schema: `{"type":"object","properties":{"units":{"type":"integer"}},"required":["units"]}`})
	register(t, cl, "value", sr.Schema{Type: sr.TypeJSON, Schema: `{"type":"object","properties":{"total":{"$ref":"money.json"}}}`,
		References: []sr.SchemaReference{{Name: "money.json", Subject: money.Subject, Version: money.Version}}})
	roundTrip(t, c, "value", "", `{"total":{"units":3}}`, `{"total":{"units":3}}`)
	s, err := c.BySubject(context.Background(), t.Name()+"-value", -1)
	if err != nil {
		t.Fatal(err)
	}
	enc, _ := s.Encoder("")
	if _, err := enc.AppendEncode(nil, []byte(`{"total":{"units":"3"}}`)); err == nil || !strings.Contains(err.Error(), "at /total/units: got string, want integer") {
		t.Errorf("error %v, want the referenced schema's rule", err)
	}
}

// TestAppendFloatAsStrconv writes floats as strconv's shortest form does,
// through the fast path for multiples of 1/16 and around its bounds.
func TestAppendFloatAsStrconv(t *testing.T) {
	check := func(f float64, bits int) {
		t.Helper()
		if bits == 32 {
			f = float64(float32(f))
		}
		if math.IsNaN(f) || math.IsInf(f, 0) || f == 0 && math.Signbit(f) {
			return // NaN, infinities and -0.0 are written as Java writes them
		}
		want := strconv.AppendFloat(nil, f, 'g', -1, bits)
		if got := appendFloat(nil, f, bits); string(got) != string(want) {
			t.Fatalf("%v (%d bits): got %s, want %s", f, bits, got, want)
		}
	}
	for _, bits := range []int{32, 64} {
		for k := -40000; k <= 40000; k++ {
			check(float64(k)/16, bits)
		}
		for _, f := range []float64{0, math.Copysign(0, -1), 2047.9375, 2048, 2048.0625, 999999.9375, 1e6, 1e6 + 0.0625, 131071.9375, 0.1, 21.3, 1e-5, 123456789, math.MaxFloat32, math.SmallestNonzeroFloat64} {
			check(f, bits)
			check(-f, bits)
		}
		rng := rand.New(rand.NewPCG(1, uint64(bits)))
		for range 200000 {
			check(float64(rng.IntN(1<<24))/float64(int(1)<<rng.IntN(12)), bits)
			check(math.Float64frombits(rng.Uint64()), bits)
		}
	}
}

// TestAvroFloatRange: a number that a float or double cannot hold is
// refused, naming the field and the range, where a float made it Infinity
// and a double said 'want a number, got the number 1e400'. So is a number
// not zero that is too small, which made 0; one that keeps a digit as a
// subnormal is sent rounded, as any number rounds to the nearest float.
func TestAvroFloatRange(t *testing.T) {
	c, err := newAvro(`{"type":"record","name":"F","fields":[{"name":"d","type":"double"},{"name":"f","type":"float"}]}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]string{
		`{"d":1,"f":1e39}`:      "field f: 1e39 is beyond a float's range (±3.4028235e+38); a double holds it",
		`{"d":1,"f":-3.5e38}`:   "field f: -3.5e38 is beyond a float's range (±3.4028235e+38); a double holds it",
		`{"d":1e400,"f":1}`:     "field d: 1e400 is beyond a double's range (±1.7976931348623157e+308)",
		`{"d":-1e400,"f":1}`:    "field d: -1e400 is beyond a double's range (±1.7976931348623157e+308)",
		`{"d":1,"f":"x"}`:       "field f: want a number, got a string",
		`{"d":1,"f":1e-50}`:     "field f: 1e-50 is too small for a float (the smallest is ±1.4e-45): it would be sent as 0; a double holds it",
		`{"d":1,"f":-7e-46}`:    "field f: -7e-46 is too small for a float (the smallest is ±1.4e-45): it would be sent as 0; a double holds it",
		`{"d":1e-400,"f":1}`:    "field d: 1e-400 is too small for a double (the smallest is ±4.9e-324): it would be sent as 0",
		`{"d":-0.1e-323,"f":1}`: "field d: -0.1e-323 is too small for a double (the smallest is ±4.9e-324): it would be sent as 0",
	} {
		_, err := c.AppendEncoded(nil, []byte(doc))
		if err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", doc, err, want)
		}
	}
	for doc, want := range map[string]string{
		`{"d":5e-324,"f":3.4028235e38}`: `{"d":5e-324,"f":3.4028235e+38}`,
		`{"d":0e-400,"f":1e-40}`:        `{"d":0,"f":1e-40}`,
		`{"d":-0.000,"f":0E+99}`:        `{"d":-0.0,"f":0}`,
		`{"d":"-Infinity","f":"NaN"}`:   `{"d":"-Infinity","f":"NaN"}`,
	} {
		b, err := c.AppendEncoded(nil, []byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		if got, err := c.AppendJSON(nil, b); err != nil || string(got) != want {
			t.Errorf("%s: decoded %s, %v; want %s", doc, got, err, want)
		}
	}
}

// TestProtobufFloatZeroed: a Protobuf float or double whose number is not
// zero but would be sent as 0 is refused, naming where, wherever the field
// is (a list, a map, a nested message, a wrapper, a google.protobuf.Value,
// a oneof); protojson made it 0 without a word, as Java's JsonFormat does.
// A number that keeps a digit as a subnormal, and a zero, are sent.
func TestProtobufFloatZeroed(t *testing.T) {
	p, err := newProto("f.proto", `syntax = "proto3";
import "google/protobuf/wrappers.proto";
import "google/protobuf/struct.proto";
message F {
  float f = 1; double d = 2; repeated float fs = 3; map<string, double> md = 4; F sub = 5;
  google.protobuf.FloatValue fw = 6; google.protobuf.Struct st = 7; oneof o { float of = 8; string os = 9; }
}`, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := p.messageNamed("")
	if err != nil {
		t.Fatal(err)
	}
	const tooSmall = "is too small for a float (the smallest is ±1.4e-45): it would be sent as 0; a double holds it"
	for doc, want := range map[string]string{
		`{"f":1e-50}`:                    "does not fit Protobuf F: field f: 1e-50 " + tooSmall,
		`{"d":1e-400}`:                   "does not fit Protobuf F: field d: 1e-400 is too small for a double (the smallest is ±4.9e-324): it would be sent as 0",
		`{"fs":[1,1e-40,1e-50]}`:         "does not fit Protobuf F: field fs[2]: 1e-50 " + tooSmall,
		`{"md":{"a.b":1e-400}}`:          `does not fit Protobuf F: field md["a.b"]: 1e-400 is too small for a double (the smallest is ±4.9e-324): it would be sent as 0`,
		`{"sub":{"sub":{"f":"1e-46"}}}`:  "does not fit Protobuf F: field sub.sub.f: 1e-46 " + tooSmall,
		`{"fw":1E-50}`:                   "does not fit Protobuf F: field fw: 1E-50 " + tooSmall,
		`{"st":{"x":[1,{"y":-1e-400}]}}`: "does not fit Protobuf F: field st.x[1].y: -1e-400 is too small for a double (the smallest is ±4.9e-324): it would be sent as 0",
		`{"of":-1e-50}`:                  "does not fit Protobuf F: field of: -1e-50 " + tooSmall,
		`{"f":0.00000000000000000000000000000000000000000000000001}`: "does not fit Protobuf F: field f: 0.00000000000000000000000000000000000000000000000001 " + tooSmall,
	} {
		if _, err := m.AppendEncoded(nil, []byte(doc)); err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", doc, err, want)
		}
	}
	b, err := m.AppendEncoded(nil, []byte(`{"f":1e-40,"d":5e-324,"fs":[0e-9],"os":"1e-50"}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := m.AppendJSON(nil, b); err != nil || !strings.HasPrefix(string(got), `{"f":1e-40,"d":5e-324,"fs":[0],`) {
		t.Errorf("decoded %s, %v", got, err)
	}
}

// TestProtobufMessageNames: a message is found by its full name, its name
// within the package or its short name; a short name that two nested
// messages share is refused with both, where the first was taken; a name
// not found lists the nested messages too.
func TestProtobufMessageNames(t *testing.T) {
	p, err := newProto("o.proto", `syntax = "proto3";
package shop;
message Order { message Line { string sku = 1; } message Note { string text = 1; } Line line = 1; }
message Invoice { message Line { int64 cents = 1; } Line line = 1; }
`, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"":                "shop.Order",
		"Order":           "shop.Order",
		"shop.Order.Line": "shop.Order.Line",
		"Invoice.Line":    "shop.Invoice.Line",
		"Note":            "shop.Order.Note",
		"Line":            `2 messages are named "Line" (Order.Line, Invoice.Line): give the one meant`,
		"Order.Lines":     `no message "Order.Lines" (it has Order, Order.Line, Order.Note, Invoice, Invoice.Line)`,
		"other.Order":     `no message "other.Order" (it has Order, Order.Line, Order.Note, Invoice, Invoice.Line)`,
	} {
		m, err := p.messageNamed(name)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = string(m.md.FullName())
		}
		if got != want {
			t.Errorf("%q: %s, want %s", name, got, want)
		}
	}
}

// TestProtobufGroupFieldNames: a proto2 group field is shown by its field
// name (head for `group Head`), as Python's json_format and Java's
// JsonFormat show it, in nested groups, map values, an Any's value and
// extensions too; encoding reads either name.
func TestProtobufGroupFieldNames(t *testing.T) {
	p, err := newProto("legacy.proto", `syntax = "proto2";
package legacy;
import "google/protobuf/any.proto";
message Rec {
  optional group Head = 1 {
    optional string id = 2;
    repeated group Tag = 3 { optional string v = 4; }
  }
  map<string, Rec> children = 5;
  optional google.protobuf.Any extra = 6;
  optional int32 n = 7;
  repeated group MyItem = 8 { optional int32 q = 9; }
  extensions 100 to 200;
}
extend Rec {
  optional group Note = 100 { optional string text = 101; }
}
`, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := p.messageNamed("")
	if err != nil {
		t.Fatal(err)
	}
	// What confluent-kafka's MessageToDict shows of the payload, in
	// protojson's order.
	want := `{"head":{"id":"a","tag":[{"v":"x"}]},"children":{"k\"":{"head":{"id":"b","tag":[]},"children":{},"n":1,"myitem":[]}},` +
		`"extra":{"@type":"type.googleapis.com/legacy.Rec","head":{"id":"c","tag":[]},"children":{},"myitem":[{"q":2}],"[legacy.note]":{"text":"u"}},` +
		`"myitem":[],"[legacy.note]":{"text":"t"}}`
	typeNames := `{"Head":{"id":"a","Tag":[{"v":"x"}]},"children":{"k\"":{"n":1,"Head":{"id":"b"}}},` +
		`"extra":{"@type":"type.googleapis.com/legacy.Rec","Head":{"id":"c"},"MyItem":[{"q":2}],"[legacy.note]":{"text":"u"}},"[legacy.note]":{"text":"t"}}`
	var payload []byte
	for _, doc := range []string{want, typeNames} {
		got, err := m.AppendEncoded(nil, []byte(doc))
		if err != nil {
			t.Fatalf("encode %s: %v", doc, err)
		}
		if payload != nil && !bytes.Equal(got, payload) {
			t.Errorf("%s encodes to %x, want %x as the field names do", doc, got, payload)
		}
		payload = got
	}
	if got, err := m.AppendJSON(nil, payload); err != nil || string(got) != want {
		t.Errorf("decoded\n got %s (%v)\nwant %s", got, err, want)
	}
}

// TestAvroByteCounts: a count of one byte is "1 byte" in what decoding and
// encoding say, not "1 bytes".
func TestAvroByteCounts(t *testing.T) {
	c, err := newAvro(`{"type":"record","name":"R","fields":[{"name":"f","type":{"type":"fixed","name":"F","size":1}}]}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AppendJSON(nil, []byte{0, 0}); err == nil || err.Error() != "Avro: 1 byte left over after the value" {
		t.Errorf("decode: error %v", err)
	}
	want := "want 1 byte (fixed F), got 2"
	if _, err := c.AppendEncoded(nil, []byte(`{"f":"\u0000\u0000"}`)); err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("encode: error %v, want it to end %q", err, want)
	}
}

// TestDraft07Hints: which draft-07 keywords a JSON Schema without
// "$schema" is hinted for, by where they are.
func TestDraft07Hints(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{`{"allOf":[{"$defs":{"a":{"dependencies":{"x":{"required":["y"]}}}}}]}`, 1},
		{`{"items":{"additionalItems":false},"dependencies":{"x":["y"]}}`, 2},
		{`{"items":[{}],"additionalItems":false}`, 0},
		{`{"enum":[{"dependencies":{"x":["y"]}}],"default":{"additionalItems":1}}`, 0},
		{`{"properties":{"dependencies":{"type":"object"}}}`, 0},
		{`{"$schema":"https://json-schema.org/draft/2020-12/schema","dependencies":{"x":["y"]}}`, 0},
		{`[`, 0},
	} {
		if got := Draft07Hints(sr.Schema{Type: sr.TypeJSON, Schema: tc.text}); len(got) != tc.want {
			t.Errorf("%s: %d hints %q, want %d", tc.text, len(got), got, tc.want)
		}
	}
}
