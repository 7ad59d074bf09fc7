package cmd_test

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testregistry"
)

// rawRecords is every record of topic as consume -J writes it undecoded
// (keys, values and headers as bytes, timestamps), with the topic's name
// taken out, so that two topics' records compare byte for byte.
func rawRecords(t *testing.T, topic string) string {
	t.Helper()
	res := shoretest.Run(t, "consume", topic, "-e", "-J", "--key-encoding", "hex", "--value-encoding", "hex")
	if res.Code != 0 {
		t.Fatalf("consume %s: exit %d stderr %q", topic, res.Code, res.Stderr)
	}
	return strings.ReplaceAll(res.Stdout, fmt.Sprintf("%q", topic), `"TOPIC"`)
}

// copyDecoded copies src to a new topic as the README says, 'consume SRC
// --decode value -J -e | produce DST --json' with args, and returns DST
// after checking that its records are src's, byte for byte.
func copyDecoded(t *testing.T, src string, args ...string) string {
	t.Helper()
	decoded := withRegistry(t, "", "consume", src, "--decode", "value", "-J", "-e")
	if decoded.Code != 0 {
		t.Fatalf("consume --decode value -J: exit %d stderr %q", decoded.Code, decoded.Stderr)
	}
	dst := testbroker.Topic(t, 1, nil)
	wantRun(t, withRegistry(t, decoded.Stdout, append([]string{"produce", dst, "--json"}, args...)...), 0, "", "")
	if a, b := rawRecords(t, src), rawRecords(t, dst); a != b {
		t.Errorf("the copy differs from its source:\nsource %s\ncopy   %s\ndecoded %s", a, b, decoded.Stdout)
	}
	return dst
}

// latestID is the schema id of the latest version of subject.
func latestID(t *testing.T, subject string) int {
	t.Helper()
	s, err := testregistry.Client(t).SchemaByVersion(context.Background(), subject, -1)
	if err != nil {
		t.Fatal(err)
	}
	return s.ID
}

// TestSchemaCopyAvro copies Avro records with unions, an enum, a decimal,
// bytes, fixed, a map and an array exactly, keys and headers too.
func TestSchemaCopyAvro(t *testing.T) {
	t.Parallel()
	src := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "p.avsc", `{"type":"record","name":"P","namespace":"copy","fields":[
 {"name":"id","type":"string"},
 {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
 {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
 {"name":"raw","type":"bytes"},
 {"name":"digest","type":{"type":"fixed","name":"D","size":2}},
 {"name":"note","type":["null","string","long"]},
 {"name":"when","type":["null",{"type":"long","logicalType":"timestamp-millis"}]},
 {"name":"ratio","type":"float"},
 {"name":"attrs","type":{"type":"map","values":["null","double"]}},
 {"name":"tags","type":{"type":"array","items":"Kind"}}]}`)
	in := `{"key":"k1","headers":[{"key":"h","value":"x"},{"key":"b","value":"AP8=","value_encoding":"base64"}],"value":{"id":"é\u0000","kind":"B","price":"\u0001\u00ff","raw":"\u0000\u00ff\u0080","digest":"\u00ff\u0000","note":{"long":-9007199254740993},"when":{"long":1763856000000},"ratio":0.1,"attrs":{"z":{"double":-0.0},"a":null,"n":{"double":"NaN"}},"tags":["A","B"]}}
{"key":null,"value":{"id":"","kind":"A","price":"","raw":"","digest":"ab","note":{"string":"x\ny"},"when":null,"ratio":3.4028235e38,"attrs":{},"tags":[]}}
`
	wantRun(t, withRegistry(t, in, "produce", src, "--json", "--value-schema-file", avsc, "--register"), 0, "", "")
	copyDecoded(t, src, "--value-schema", fmt.Sprintf("id:%d", latestID(t, src+"-value")))
}

// TestSchemaCopyJSONSchema copies JSON Schema records exactly, but for
// the spaces between a payload's tokens.
func TestSchemaCopyJSONSchema(t *testing.T) {
	t.Parallel()
	src := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "r.json", `{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"c":{"type":"number"}},"required":["c"]}`)
	in := `{"key":"k","headers":[{"key":"h","value":""}],"value":{"c":21.5,"z":[1,{"b":null,"a":"\u00e9\n"}],"big":12345678901234567890}}
{"value":{"c":-0,"e":1E+2}}
`
	wantRun(t, withRegistry(t, in, "produce", src, "--json", "--value-schema-file", file, "--register"), 0, "", "")
	id := latestID(t, src+"-value")
	copyDecoded(t, src, "--value-schema", fmt.Sprintf("id:%d", id))

	// A payload written with spaces, as Python's json.dumps writes, is
	// copied compact, as the guide says.
	spaced := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: fmt.Sprintf(`{"value":"00%08x%x","value_encoding":"hex"}`+"\n", id, `{"c": 1, "d": [2, 3]}`)}, "produce", spaced, "--json"), 0, "", "")
	decoded := withRegistry(t, "", "consume", spaced, "--decode", "value", "-J", "-e")
	dst := testbroker.Topic(t, 1, nil)
	wantRun(t, withRegistry(t, decoded.Stdout, "produce", dst, "--json", "--value-schema", fmt.Sprintf("id:%d", id)), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", dst, "-e", "-f", `%v{hex}\n`), 0, fmt.Sprintf("00%08x%x\n", id, `{"c":1,"d":[2,3]}`), "")
}

// copyProto has several top-level messages and a nested one.
const copyProto = `syntax = "proto3";
package copyshop;
message Customer { string name = 1; }
message Order {
  message Line { string sku = 1; int32 qty = 2; optional int64 cents = 3; }
  string id = 1;
  repeated Line lines = 2;
  map<string, double> extra = 3;
  bytes blob = 4;
}
message Invoice { string id = 1; Order.Line line = 2; }
`

// TestSchemaCopyProtobuf copies records of a file's second message (index
// 1), of a nested one (1 0), of the first (0) and of the third, each as
// its own message: consume --json names the message in value_schema, and
// produce --json encodes each line as the message it names. Without
// --value-schema, each line is refused with a hint that is all the copy
// needs; a --value-message that disagrees with a line refuses the line,
// and so does a line that names no message when none says which it is.
func TestSchemaCopyProtobuf(t *testing.T) {
	t.Parallel()
	src := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "copy.proto", copyProto)
	orders := `{"key":"o1","headers":[{"key":"h","value":"1"}],"value":{"id":"o1","lines":[{"sku":"a","qty":2,"cents":"0"}],"extra":{"b":1.5,"a":-0},"blob":"AP8="}}` + "\n"
	wantRun(t, withRegistry(t, orders, "produce", src, "--json", "--value-schema-file", file, "--register", "--value-message", "Order"), 0, "", "")
	wantRun(t, withRegistry(t, `{"key":"l1","value":{"sku":"s","qty":-1}}`+"\n", "produce", src, "--json", "--value-schema", "topic", "--value-message", "Order.Line"), 0, "", "")
	wantRun(t, withRegistry(t, `{"value":{"name":"c"}}`+"\n", "produce", src, "--json", "--value-schema", "topic"), 0, "", "")
	wantRun(t, withRegistry(t, `{"value":{"id":"i","line":{"sku":"x"}}}`+"\n", "produce", src, "--json", "--value-schema", "topic", "--value-message", "copyshop.Invoice"), 0, "", "")
	id := latestID(t, src+"-value")

	decoded := withRegistry(t, "", "consume", src, "--decode", "value", "-J", "-e")
	ref := func(message string) string {
		return fmt.Sprintf(`"value_schema":{"id":%d,"type":"PROTOBUF","subject":"%s-value","version":1,"message":"copyshop.%s"}`, id, src, message)
	}
	for _, m := range []string{"Order", "Order.Line", "Customer", "Invoice"} {
		if !strings.Contains(decoded.Stdout, ref(m)) {
			t.Errorf("consume -J names no message %s: %s", m, decoded.Stdout)
		}
	}

	var hint strings.Builder
	for line := 1; line <= 4; line++ {
		fmt.Fprintf(&hint, "shore: stdin line %d: not delivered: value: decoded through schema id %d (value_schema), and no --value-schema encodes it again, which would send its JSON text: add --value-schema id:%d (or topic, or SUBJECT), or leave value_schema out to send the text\n", line, id, id)
	}
	wantRun(t, withRegistry(t, decoded.Stdout, "produce", testbroker.Topic(t, 1, nil), "--json"), 1, "", hint.String()+"shore: 4 of 4 records not delivered\n")
	copyDecoded(t, src, "--value-schema", fmt.Sprintf("id:%d", id))

	// Lines that name no message (written by an older shore, or by hand)
	// are refused when no --value-message says which of several it is.
	unnamed := regexp.MustCompile(`,"message":"[^"]*"`).ReplaceAllString(decoded.Stdout, "")
	var which strings.Builder
	for line := 1; line <= 4; line++ {
		fmt.Fprintf(&which, "shore: stdin line %d: not delivered: value: value_schema names no Protobuf message, and schema id %d has Customer, Order, Order.Line and Invoice, of which the first, copyshop.Customer, may not be the record's: add --value-message with the one meant\n", line, id)
	}
	// --failed leaves them out, as it leaves out a value that does not fit
	// its schema: the file held each as "value":null, and the resend that
	// stderr suggested delivered tombstones.
	failed := filepath.Join(t.TempDir(), "failed.json")
	wantRun(t, withRegistry(t, unnamed, "produce", testbroker.Topic(t, 1, nil), "--json", "--value-schema", fmt.Sprintf("id:%d", id), "--failed", failed), 1, "", which.String()+"shore: 4 of 4 records not delivered\n")
	wantNoFile(t, failed)

	mixed := testbroker.Topic(t, 1, nil)
	refused := func(line int, message string) string {
		return fmt.Sprintf("shore: stdin line %d: not delivered: value: value_schema names Protobuf message copyshop.%s, and --value-message encodes copyshop.Order: leave --value-message out to encode each line as the message its value_schema names\n", line, message)
	}
	wantRun(t, withRegistry(t, decoded.Stdout, "produce", mixed, "--json", "--value-schema", fmt.Sprintf("id:%d", id), "--value-message", "Order", "--failed", failed), 1, "",
		refused(2, "Order.Line")+refused(3, "Customer")+refused(4, "Invoice")+"shore: 3 of 4 records not delivered\n")
	wantNoFile(t, failed)
	if a, b := rawRecords(t, src), rawRecords(t, mixed); !strings.HasPrefix(a, b) || strings.Count(b, "\n") != 1 {
		t.Errorf("with --value-message Order, the copy is not the source's first record:\nsource %s\ncopy   %s", a, b)
	}
}

// TestSchemaCopyMessageElsewhere: a line whose value_schema names a
// message the encoding schema lacks, or a schema that is not Protobuf,
// is refused with its line, the others sent.
func TestSchemaCopyMessageElsewhere(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	other := schemaFile(t, "other.proto", "syntax = \"proto3\";\npackage copyshop;\nmessage Order { string id = 1; }\n")
	wantRun(t, withRegistry(t, "", "produce", topic, "--value-schema-file", other, "--register"), 0, "", "")
	avsc := schemaFile(t, "o.avsc", `{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}`)
	wantRun(t, withRegistry(t, "", "produce", topic, "--key-schema-file", avsc, "--register", "-k", `{"id":"x"}`), 0, "", "")
	protoID, avroID := latestID(t, topic+"-value"), latestID(t, topic+"-key")
	in := `{"value":{"id":"a"},"value_schema":{"id":99,"type":"PROTOBUF","message":"copyshop.Order"}}
{"value":{"sku":"s"},"value_schema":{"id":99,"type":"PROTOBUF","message":"copyshop.Order.Line"}}
{"key":{"id":"k"},"key_schema":{"id":98,"type":"PROTOBUF","message":"copyshop.Order"},"value":null}
`
	failed := filepath.Join(t.TempDir(), "failed.json")
	wantRun(t, withRegistry(t, in, "produce", topic, "--json", "--value-schema", "topic", "--key-schema", "topic", "--failed", failed), 1, "",
		fmt.Sprintf("shore: stdin line 2: not delivered: value: value_schema names Protobuf message copyshop.Order.Line: schema id %d (subject %q, version 1): no message \"copyshop.Order.Line\" (it has Order)\n", protoID, topic+"-value")+
			fmt.Sprintf("shore: stdin line 3: not delivered: key: key_schema names Protobuf message copyshop.Order: schema id %d (subject %q, version 1) is not a Protobuf schema\n", avroID, topic+"-key")+
			"shore: 2 of 3 records not delivered\n")
	wantNoFile(t, failed)
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "-f", `%v\n`), 0, `{"id":"a"}`+"\n", "")
}

// TestConfluentProtobufCopy copies records confluent-kafka's serializer
// wrote with a file's nested message (message indexes 1 0) and its third
// (2): the copy carries the same bytes.
func TestConfluentProtobufCopy(t *testing.T) {
	t.Parallel()
	set := descriptorSetOf(t, "copy.proto", copyProto)
	src := testbroker.Topic(t, 1, nil)
	confluent(t, `{"sku": "a", "qty": 2, "cents": "0"}`+"\n"+`{"sku": "b"}`+"\n", "produce", src, "protobuf", set, "copyshop.Order.Line")
	confluent(t, `{"id": "i1", "line": {"sku": "c", "qty": -1}}`+"\n", "produce", src, "protobuf", set, "copyshop.Invoice")
	// after the magic byte and the id: 2 1 0 and 1 2, zigzag varints
	indexes := regexp.MustCompile(`"value":"00[0-9a-f]{8}(040200|0204)`).FindAllStringSubmatch(rawRecords(t, src), -1)
	if len(indexes) != 3 || indexes[0][1] != "040200" || indexes[1][1] != "040200" || indexes[2][1] != "0204" {
		t.Fatalf("confluent-kafka wrote other message indexes: %q", indexes)
	}
	dst := copyDecoded(t, src, "--value-schema", src+"-value")
	want := `{"cents":"0","qty":2,"sku":"a"}` + "\n" + `{"qty":0,"sku":"b"}` + "\n"
	if got := confluent(t, "", "consume", dst, "protobuf", "2", set, "copyshop.Order.Line"); got != want {
		t.Errorf("confluent-kafka read the copy as\n%s\nwant\n%s", got, want)
	}
}

// oneofProto has oneofs at the top, in a repeated message and in a map's
// message values, with fields numbered before and after them.
const oneofProto = `syntax = "proto3";
package oneofcopy;
message Pay {
  string id = 1;
  oneof method { string card = 2; Iban iban = 3; }
  int32 cents = 4;
  map<string, Iban> accounts = 5;
  repeated Iban history = 6;
}
message Iban {
  oneof kind { string code = 1; int64 number = 2; }
  string bank = 3;
}
`

// TestSchemaProtobufOneofInNumberOrder: produce writes a Protobuf
// message's fields in field-number order, a oneof's among them, as
// protoc's C++, Java and Python runtimes do (Go's Marshal puts a oneof's
// field last); a map's entries are sorted by key, each with its key.
func TestSchemaProtobufOneofInNumberOrder(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	in := `{"id":"p1","iban":{"code":"NO1","bank":"DNB"},"cents":250,"accounts":{"b":{"number":"7","bank":"x"},"a":{"code":""}},"history":[{"code":"c","bank":"b"}]}` + "\n"
	wantRun(t, withRegistry(t, in, "produce", topic, "--value-schema-file", schemaFile(t, "pay.proto", oneofProto), "--register"), 0, "", "")
	id := latestID(t, topic+"-value")
	want := fmt.Sprintf("00%08x00", id) +
		"0a027031" + // id
		"1a0a0a034e4f311a03444e42" + // iban: code, bank
		"20fa01" + // cents
		"2a070a0161" + "12020a00" + // accounts a: key, value {code ""}
		"2a0a0a0162" + "120510071a0178" + // accounts b: key, value {number 7, bank x}
		"32060a01631a0162" + "\n" // history: code, bank
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%v{hex}\n`), 0, want, "")
}

// TestConfluentProtobufCopyOneof copies records confluent-kafka's
// serializer wrote of a message with oneofs, nested ones too: the copy
// carries the same bytes.
func TestConfluentProtobufCopyOneof(t *testing.T) {
	t.Parallel()
	set := descriptorSetOf(t, "pay.proto", oneofProto)
	src := testbroker.Topic(t, 1, nil)
	confluent(t, `{"id": "p1", "iban": {"code": "NO1", "bank": "DNB"}, "cents": 250, "accounts": {"a": {"number": 7, "bank": "x"}}, "history": [{"code": "c", "bank": "b"}]}
{"id": "p2", "card": "visa", "cents": 1}
`, "produce", src, "protobuf", set, "oneofcopy.Pay")
	copyDecoded(t, src, "--value-schema", src+"-value")
}

// TestConfluentAvroCopy copies records confluent-kafka's serializer wrote
// (a decimal, unions with a record, an enum, bytes): the copy carries the
// same bytes.
func TestConfluentAvroCopy(t *testing.T) {
	t.Parallel()
	avsc := schemaFile(t, "pay.avsc", `{"type":"record","name":"Pay","namespace":"copy","fields":[
  {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
  {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
  {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
  {"name":"raw","type":"bytes"},
  {"name":"score","type":["null","long","double"],"default":null},
  {"name":"to","type":["null",{"type":"record","name":"To","fields":[{"name":"city","type":"string"}]}],"default":null}]}`)
	src := testbroker.Topic(t, 1, nil)
	confluent(t, `{"amount": Decimal("-0.05"), "at": datetime(2026, 12, 3, 14, 0, 1, 500000, tzinfo=timezone.utc), "kind": "B", "raw": b"\x00\xff", "score": 2.5, "to": {"city": "Tromsø"}}
{"amount": Decimal("12.34"), "at": datetime(1970, 1, 1, tzinfo=timezone.utc), "kind": "A", "raw": b"", "score": None, "to": None}
`, "produce", src, "avro", avsc)
	copyDecoded(t, src, "--value-schema", src+"-value")
}

// TestSchemaCopyProtobufKeys copies keys of a nested message and values of
// the second, decoded both: each side keeps its message.
func TestSchemaCopyProtobufKeys(t *testing.T) {
	t.Parallel()
	src := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "copy.proto", copyProto)
	in := `{"key":{"sku":"k","qty":1},"value":{"id":"o1"}}` + "\n"
	wantRun(t, withRegistry(t, in, "produce", src, "--json", "--register", "--key-schema-file", file, "--key-message", "Order.Line", "--value-schema-file", file, "--value-message", "Order"), 0, "", "")
	decoded := withRegistry(t, "", "consume", src, "--decode", "key,value", "-J", "-e")
	dst := testbroker.Topic(t, 1, nil)
	wantRun(t, withRegistry(t, decoded.Stdout, "produce", dst, "--json", "--key-schema", src+"-key", "--value-schema", src+"-value"), 0, "", "")
	if a, b := rawRecords(t, src), rawRecords(t, dst); a != b || !strings.Contains(decoded.Stdout, `"message":"copyshop.Order.Line"},"value"`) {
		t.Errorf("the copy differs from its source:\nsource %s\ncopy   %s\ndecoded %s", a, b, decoded.Stdout)
	}
}

// TestSchemaCopyProtobufValueUnset copies a message whose
// google.protobuf.Value field is unset exactly: decoded, an unset message
// field is left out, as Confluent's consumers print it, since null is a
// Value set to NULL_VALUE, which produce would send.
func TestSchemaCopyProtobufValueUnset(t *testing.T) {
	t.Parallel()
	src := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "event.proto", `syntax = "proto3";
import "google/protobuf/struct.proto";
message Event {
  string id = 1;
  google.protobuf.Value data = 2;
  Event parent = 3;
}
`)
	in := `{"value":{"id":"unset"}}` + "\n" + `{"value":{"id":"null","data":null,"parent":{"id":"p"}}}` + "\n"
	wantRun(t, withRegistry(t, in, "produce", src, "--json", "--value-schema-file", file, "--register"), 0, "", "")
	wantRun(t, withRegistry(t, "", "consume", src, "--decode", "value", "-e"), 0, `{"id":"unset"}`+"\n"+`{"id":"null","data":null,"parent":{"id":"p"}}`+"\n", "")
	copyDecoded(t, src, "--value-schema", "id:"+fmt.Sprint(latestID(t, src+"-value")))
}

// TestConfluentProtobufCopyExtension copies records of a proto2 message
// that confluent-kafka wrote with an extension field: the copy holds the
// extension, in field-number order among the fields, byte for byte.
func TestConfluentProtobufCopyExtension(t *testing.T) {
	t.Parallel()
	set := descriptorSetOf(t, "legacy.proto", extensionProto)
	src := testbroker.Topic(t, 1, nil)
	confluent(t, `{"id": "c", "[legacy.note]": "e", "n": 3}`+"\n", "produce", src, "protobuf", set, "legacy.Rec")
	copyDecoded(t, src, "--value-schema", src+"-value")
}
