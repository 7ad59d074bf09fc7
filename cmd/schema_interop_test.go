package cmd_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bufbuild/protocompile"
	"github.com/bufbuild/protocompile/linker"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testregistry"
)

// The interop tests check shore's schema registry wire format against the
// reference implementation, confluent-kafka's serializers (make peer-venv):
// what they write, shore decodes to the values they were given; what shore
// writes from that output, they read back equal.

// confluent runs the peer with the test broker and registry.
func confluent(t *testing.T, stdin, command, topic string, args ...string) string {
	t.Helper()
	bootstrap := strings.Join(testbroker.Brokers(t), ",")
	return peers.RunConfluent(t, stdin, append([]string{command, bootstrap, testregistry.URL(t), topic}, args...)...)
}

// interop runs both directions for one format: the peer produces input to
// a topic, shore decodes it (want is what shore prints), shore encodes what
// it printed into a second topic with the first topic's schema, and the peer
// reads that back (wantPeer is what it prints, as it printed the values it
// was given).
func interop(t *testing.T, format, input, want, wantPeer string, produceArgs, consumeArgs, shoreArgs []string) {
	t.Helper()
	peers.ConfluentPython(t)
	first := testbroker.Topic(t, 1, nil)
	confluent(t, input, "produce", first, append([]string{format}, produceArgs...)...)
	count := fmt.Sprint(strings.Count(want, "\n"))

	res := withRegistry(t, "", "consume", first, "--decode", "value", "-e")
	wantRun(t, res, 0, want, "")

	second := testbroker.Topic(t, 1, nil)
	wantRun(t, withRegistry(t, res.Stdout, append([]string{"produce", second, "--value-schema", first + "-value"}, shoreArgs...)...), 0, "", "")
	if got := confluent(t, "", "consume", second, append([]string{format, count}, consumeArgs...)...); got != wantPeer {
		t.Errorf("confluent-kafka read what shore wrote as\n%s\nwant\n%s", got, wantPeer)
	}
	// And the peer reads its own records the same way.
	if got := confluent(t, "", "consume", first, append([]string{format, count}, consumeArgs...)...); got != wantPeer {
		t.Errorf("confluent-kafka read its own records as\n%s\nwant\n%s", got, wantPeer)
	}
}

func TestConfluentAvro(t *testing.T) {
	t.Parallel()
	address := testbroker.Name(t, "address")
	dir := writeFiles(t, map[string]string{
		"address.avsc": `{"type":"record","name":"Address","namespace":"shop","fields":[{"name":"city","type":"string"}]}`,
		"payment.avsc": `{"type":"record","name":"Payment","namespace":"shop","fields":[
  {"name":"id","type":"string"},
  {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
  {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
  {"name":"day","type":{"type":"int","logicalType":"date"}},
  {"name":"currency","type":{"type":"enum","name":"Currency","symbols":["EUR","NOK","USD"]}},
  {"name":"note","type":["null","string"],"default":null},
  {"name":"score","type":["null","long","double"],"default":null},
  {"name":"billing","type":"shop.Address"},
  {"name":"shipping","type":["null","shop.Address"],"default":null}]}`,
	})
	registered(t, address, filepath.Join(dir, "address.avsc"))
	input := `{"id": "p1", "amount": Decimal("12.34"), "at": datetime(2026, 12, 3, 14, 0, 1, 500000, tzinfo=timezone.utc), "day": date(2026, 12, 3), "currency": "NOK", "note": "first", "score": 7, "billing": {"city": "Oslo"}, "shipping": {"city": "Bergen"}}
{"id": "p2", "amount": Decimal("-0.05"), "at": datetime(1970, 1, 1, tzinfo=timezone.utc), "day": date(1969, 12, 31), "currency": "EUR", "note": None, "score": 2.5, "billing": {"city": "Tromsø"}, "shipping": None}
`
	want := `{"id":"p1","amount":"\u0004\u00d2","at":1796306401500,"day":20790,"currency":"NOK","note":{"string":"first"},"score":{"long":7},"billing":{"city":"Oslo"},"shipping":{"shop.Address":{"city":"Bergen"}}}
{"id":"p2","amount":"\u00fb","at":0,"day":-1,"currency":"EUR","note":null,"score":{"double":2.5},"billing":{"city":"Tromsø"},"shipping":null}
`
	wantPeer := `{"amount":"12.34","at":"2026-12-03T14:00:01.500000+00:00","billing":{"city":"Oslo"},"currency":"NOK","day":"2026-12-03","id":"p1","note":"first","score":7,"shipping":{"city":"Bergen"}}
{"amount":"-0.05","at":"1970-01-01T00:00:00+00:00","billing":{"city":"Troms\u00f8"},"currency":"EUR","day":"1969-12-31","id":"p2","note":null,"score":2.5,"shipping":null}
`
	interop(t, "avro", input, want, wantPeer, []string{filepath.Join(dir, "payment.avsc"), "shop.Address=" + address + ":1"}, nil, nil)
}

// TestConfluentAvroLongDefaults: the defaults of long fields beyond 2^53
// that shore sends for a left-out field read back exactly in
// confluent-kafka's deserializer.
func TestConfluentAvroLongDefaults(t *testing.T) {
	t.Parallel()
	peers.ConfluentPython(t)
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "longs.avsc", `{"type":"record","name":"L","fields":[{"name":"v","type":"int"},
  {"name":"l","type":"long","default":9007199254740993},{"name":"u","type":["long","null"],"default":-9223372036854775807}]}`)
	wantRun(t, withRegistry(t, `{"v":1}`+"\n", "produce", topic, "--value-schema-file", file, "--register"), 0, "", "")
	if got, want := confluent(t, "", "consume", topic, "avro", "1"), `{"l":9007199254740993,"u":-9223372036854775807,"v":1}`+"\n"; got != want {
		t.Errorf("confluent-kafka read %s, want %s", got, want)
	}
}

const (
	commonProto = `syntax = "proto3";
package shop;
message Money {
  string currency = 1;
  int64 cents = 2;
}
`
	orderProto = `syntax = "proto3";
package shop;
import "shop/common.proto";
message Customer {
  string name = 1;
}
message Order {
  enum Status {
    STATUS_UNSPECIFIED = 0;
    PAID = 1;
    SHIPPED = 2;
  }
  message Line {
    string sku = 1;
    int32 qty = 2;
    Money price = 3;
  }
  string id = 1;
  repeated Line lines = 2;
  Money total = 3;
  Status status = 4;
  Customer customer = 5;
}
`
)

// shopProtos writes shop/common.proto (commonProto) and shop/order.proto
// (order, which imports it) into a directory of the test's own and returns
// the directory.
func shopProtos(t *testing.T, order string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "shop"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "shop", "common.proto"), commonProto)
	writeFile(t, filepath.Join(dir, "shop", "order.proto"), order)
	return dir
}

// compileProto compiles file, a path in dir, and the files it imports there.
func compileProto(t *testing.T, dir, file string) linker.Files {
	t.Helper()
	c := protocompile.Compiler{Resolver: &protocompile.SourceResolver{ImportPaths: []string{dir}}}
	files, err := c.Compile(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// protoDescriptorSet compiles the .proto files in dir and writes a binary
// FileDescriptorSet of file and its imports, dependencies first, as the
// peer loads it.
func protoDescriptorSet(t *testing.T, dir, file string) string {
	t.Helper()
	files := compileProto(t, dir, file)
	set := &descriptorpb.FileDescriptorSet{}
	imports := files[0].Imports()
	for i := 0; i < imports.Len(); i++ {
		set.File = append(set.File, protodesc.ToFileDescriptorProto(imports.Get(i).FileDescriptor))
	}
	set.File = append(set.File, protodesc.ToFileDescriptorProto(files[0]))
	raw, err := proto.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "descriptors.pb")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// descriptorSetOf is protoDescriptorSet of a .proto file without imports,
// written as name.
func descriptorSetOf(t *testing.T, name, text string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, name), text)
	return protoDescriptorSet(t, dir, name)
}

func TestConfluentProtobuf(t *testing.T) {
	t.Parallel()
	dir := shopProtos(t, orderProto)
	set := protoDescriptorSet(t, dir, "shop/order.proto")
	input := `{"id": "o1", "lines": [{"sku": "a", "qty": 2, "price": {"currency": "EUR", "cents": "250"}}, {"sku": "b", "qty": 1}], "total": {"currency": "EUR", "cents": "500"}, "status": "PAID", "customer": {"name": "Kari"}}
{"id": "o2"}
`
	want := `{"id":"o1","lines":[{"sku":"a","qty":2,"price":{"currency":"EUR","cents":"250"}},{"sku":"b","qty":1}],"total":{"currency":"EUR","cents":"500"},"status":"PAID","customer":{"name":"Kari"}}
{"id":"o2","lines":[],"status":"STATUS_UNSPECIFIED"}
`
	wantPeer := `{"customer":{"name":"Kari"},"id":"o1","lines":[{"price":{"cents":"250","currency":"EUR"},"qty":2,"sku":"a"},{"qty":1,"sku":"b"}],"status":"PAID","total":{"cents":"500","currency":"EUR"}}
{"id":"o2","lines":[],"status":"STATUS_UNSPECIFIED"}
`
	interop(t, "protobuf", input, want, wantPeer, []string{set, "shop.Order"}, []string{set, "shop.Order"}, []string{"--value-message", "shop.Order"})
}

// TestConfluentProtobufGroups: proto2 group fields, which
// confluent-kafka's MessageToDict names by their field names (head, not
// Head).
func TestConfluentProtobufGroups(t *testing.T) {
	t.Parallel()
	set := descriptorSetOf(t, "legacy.proto", groupProto)
	input := `{"head": {"id": "a"}, "item": [{"q": 1}, {"q": 2}]}
{"item": []}
`
	want := `{"head":{"id":"a"},"item":[{"q":1},{"q":2}]}
{"item":[]}
`
	interop(t, "protobuf", input, want, want, []string{set, "legacy.Rec"}, []string{set, "legacy.Rec"}, nil)
}

// TestConfluentRegisteredProtoShownAsSource has confluent-kafka's
// serializer register a .proto file with an import (a base64
// FileDescriptorProto, its import under a subject named by its path), and
// registry show print it as .proto source that registers again.
func TestConfluentRegisteredProtoShownAsSource(t *testing.T) {
	t.Parallel()
	peers.ConfluentPython(t)
	topic := testbroker.Topic(t, 1, nil)
	dir := shopProtos(t, descriptorProto)
	confluent(t, `{"id": "o1", "stock": {"a": "2"}, "card": "4111"}`+"\n", "produce", topic, "protobuf", protoDescriptorSet(t, dir, "shop/order.proto"), "shop.Order")

	var stored struct{ Schema, Descriptor string }
	if res := withRegistry(t, "", "registry", "show", topic+"-value", "-o", "json"); res.Code != 0 || json.Unmarshal([]byte(res.Stdout), &stored) != nil || stored.Descriptor == "" || stored.Schema != descriptorProtoShown {
		t.Fatalf("show -o json: exit %d\n%s%s\nwant the .proto source and the base64 descriptor registered", res.Code, res.Stdout, res.Stderr)
	}
	shown := withRegistry(t, "", "registry", "show", topic+"-value", "-o", "schema")
	wantRun(t, shown, 0, descriptorProtoShown, "")
	file := schemaFile(t, "order.proto", shown.Stdout)
	check := withRegistry(t, "", "registry", "check", topic+"-value", file, "--ref", "shop/common.proto=shop/common.proto")
	if check.Code != 0 || !strings.HasSuffix(check.Stdout, " compatible\n") || check.Stderr != "" {
		t.Fatalf("check of the text shown: exit %d\n%s%s", check.Code, check.Stdout, check.Stderr)
	}
	again := testbroker.Name(t, "again-value")
	registered(t, again, file, "--ref", "shop/common.proto=shop/common.proto")
	wantRun(t, withRegistry(t, "", "registry", "show", again, "-o", "schema"), 0, descriptorProtoShown, "")
}

// TestConfluentReadsRegisteredProtoImports registers a .proto file with an
// import as produce --register does (the import under a subject named by
// its path, as confluent-kafka registers it) and has confluent-kafka's
// deserializer read the records.
func TestConfluentReadsRegisteredProtoImports(t *testing.T) {
	t.Parallel()
	if testregistry.Real() {
		t.Skip("Apicurio 2.4.2 ignores ?format=serialized, which confluent-kafka-python's Protobuf deserializer needs for a schema registered as .proto source (Confluent's registry and shore dev's serve it)")
	}
	peers.ConfluentPython(t)
	topic := testbroker.Topic(t, 1, nil)
	dir := t.TempDir()
	// an import path of this test's own, so that its subject is too
	pkg := topic
	if err := os.Mkdir(filepath.Join(dir, pkg), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, pkg, "common.proto"), commonProto)
	writeFile(t, filepath.Join(dir, pkg, "order.proto"), strings.Replace(orderProto, `import "shop/common.proto";`, `import "`+pkg+`/common.proto";`, 1))
	in := `{"id":"o1","lines":[{"sku":"a","qty":2,"price":{"currency":"EUR","cents":"250"}}],"total":{"currency":"EUR","cents":"500"},"status":"PAID","customer":{"name":"Kari"}}` + "\n"
	wantRun(t, withRegistry(t, in, "produce", topic, "--value-schema-file", filepath.Join(dir, pkg, "order.proto"), "-I", dir, "--register", "--value-message", "shop.Order"), 0, "", "")
	want := `{"customer":{"name":"Kari"},"id":"o1","lines":[{"price":{"cents":"250","currency":"EUR"},"qty":2,"sku":"a"}],"status":"PAID","total":{"cents":"500","currency":"EUR"}}` + "\n"
	if got := confluent(t, "", "consume", topic, "protobuf", "1", protoDescriptorSet(t, dir, pkg+"/order.proto"), "shop.Order"); got != want {
		t.Errorf("confluent-kafka read\n%s\nwant\n%s", got, want)
	}
}

func TestConfluentJSONSchema(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{"reading.json": `{"$schema":"http://json-schema.org/draft-07/schema#","title":"Reading","type":"object",
"properties":{"sensor":{"type":"string"},"celsius":{"type":"number"},"tags":{"type":"array","items":{"type":"string"}},"at":{"type":"string","format":"date-time"}},
"required":["sensor","celsius"]}`})
	input := `{"sensor": "s1", "celsius": 21.5, "tags": ["hall", "north"], "at": "2026-12-03T14:00:00Z"}
{"sensor": "s2", "celsius": -3}
`
	want := `{"sensor":"s1","celsius":21.5,"tags":["hall","north"],"at":"2026-12-03T14:00:00Z"}
{"sensor":"s2","celsius":-3}
`
	wantPeer := `{"at":"2026-12-03T14:00:00Z","celsius":21.5,"sensor":"s1","tags":["hall","north"]}
{"celsius":-3,"sensor":"s2"}
`
	interop(t, "json", input, want, wantPeer, []string{filepath.Join(dir, "reading.json")}, nil, nil)
}
