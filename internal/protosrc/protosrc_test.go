package protosrc

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/bufbuild/protocompile"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/types/descriptorpb"
)

// sources are .proto files that use what a registry's schema may hold:
// imports, custom options, nested types, oneofs, maps, proto3 optional,
// reserved names and numbers, services, proto2 defaults, groups and
// extensions, and editions. Some messages are declared where protoprint
// would print them elsewhere but for declarationOrder: a map's entry after
// a nested message (Order), a group in a oneof after one (Box), a group in
// an extend block whose first extension comes before other messages (Ext).
var sources = map[string]string{
	"shop/options.proto": `syntax = "proto2";
package shop.opts;
import "google/protobuf/descriptor.proto";
extend google.protobuf.FieldOptions { optional string pii = 50001; }
extend google.protobuf.MessageOptions { optional int32 level = 50002; }
`,
	"shop/common.proto": `syntax = "proto3";
package shop;
message Money { string currency = 1; int64 cents = 2; }
enum Region { REGION_UNSPECIFIED = 0; EU = 1; }
`,
	"shop/order.proto": `syntax = "proto3";
package shop;
import "shop/common.proto";
import "shop/options.proto";
import "google/protobuf/timestamp.proto";
option java_package = "com.example.shop";
option go_package = "example.com/shop";
message Order {
  option (shop.opts.level) = 3;
  enum Status { STATUS_UNSPECIFIED = 0; PAID = 1; SHIPPED = 2 [deprecated = true]; }
  message Line { string sku = 1; int32 qty = 2; Money price = 3; }
  reserved 9, 20 to 25;
  reserved "legacy";
  string id = 1;
  repeated Line lines = 2;
  map<string, Money> totals = 3;
  oneof payer { string card = 4 [(shop.opts.pii) = "card"]; string iban = 5; }
  optional string note = 6;
  Status status = 7;
  google.protobuf.Timestamp at = 8;
  Region region = 10;
  repeated int32 codes = 11 [packed = false, json_name = "c"];
  bytes blob = 12;
}
service Orders { rpc Place(Order) returns (Order); rpc Watch(stream Order) returns (stream Order); }
`,
	"legacy.proto": `syntax = "proto2";
package legacy;
message Item {
  required string name = 1 [default = "it's \"x\"\n"];
  optional double weight = 2 [default = -inf];
  optional Kind kind = 3 [default = B];
  repeated group Part = 4 { optional int32 n = 5; }
  extensions 100 to 199;
  enum Kind { A = 1; B = 2; }
}
extend Item { optional string tag = 100; }
message Box {
  message Inner { optional int32 v = 1; }
  oneof pick { int32 a = 1; group Picked = 2 { optional int32 n = 3; } }
}
extend Item { optional group Ext = 101 { optional int32 z = 1; } }
message After { optional Box box = 1; }
`,
	"edition.proto": `edition = "2023";
package ed;
option features.field_presence = IMPLICIT;
message Point { int32 x = 1; int32 y = 2 [features.field_presence = EXPLICIT]; }
`,
}

// compileSources compiles name from sources, as a registry holds files
// registered as .proto text.
func compileSources(t *testing.T, name string) *descriptorpb.FileDescriptorProto {
	t.Helper()
	c := protocompile.Compiler{Resolver: protocompile.WithStandardImports(&protocompile.SourceResolver{Accessor: protocompile.SourceAccessorFromMap(sources)})}
	files, err := c.Compile(context.Background(), name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	fdp := protodesc.ToFileDescriptorProto(files[0])
	fdp.SourceCodeInfo = nil
	return fdp
}

// TestSourceCompilesBack prints each file from its base64 descriptor, as
// confluent-kafka-python registers it (its imports' texts at hand, as a
// registry's references give them), and compiles the text printed to the
// same descriptor, its messages in the same order (the message indexes of
// the wire format).
func TestSourceCompilesBack(t *testing.T) {
	for _, name := range []string{"shop/order.proto", "legacy.proto", "edition.proto", "shop/options.proto"} {
		t.Run(name, func(t *testing.T) {
			want := compileSources(t, name)
			raw, err := proto.Marshal(want)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Compile("", base64.StdEncoding.EncodeToString(raw), sources, nil)
			if err != nil {
				t.Fatal(err)
			}
			src, err := Source(out[0])
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]string{"printed.proto": src}
			for path, text := range sources {
				if path != name {
					files[path] = text
				}
			}
			c := protocompile.Compiler{Resolver: protocompile.WithStandardImports(&protocompile.SourceResolver{Accessor: protocompile.SourceAccessorFromMap(files)})}
			back, err := c.Compile(context.Background(), "printed.proto")
			if err != nil {
				t.Fatalf("the printed text does not compile: %v\n%s", err, src)
			}
			got := protodesc.ToFileDescriptorProto(back[0])
			got.SourceCodeInfo, got.Name = nil, want.Name
			if !proto.Equal(got, want) {
				t.Errorf("the printed text\n%s\ncompiles to\n%s\nwant\n%s", src, prototext.Format(got), prototext.Format(want))
			}
		})
	}
}

// TestNearType: a field's type that is a typo or two from a scalar type,
// or from a message or enum the file or its imports define, by a name in
// scope, says the one meant; a type near none is as protocompile words it.
func TestNearType(t *testing.T) {
	common := "syntax = \"proto3\";\npackage shop;\nmessage Money { int64 cents = 1; }\nenum Region { REGION_UNSPECIFIED = 0; }\n"
	other := "syntax = \"proto3\";\npackage bank;\nmessage Account { string iban = 1; }\n"
	files := map[string]string{"shop/common.proto": common, "bank/account.proto": other}
	order := "syntax = \"proto3\";\npackage shop;\nimport \"shop/common.proto\";\nimport \"bank/account.proto\";\n" +
		"message Order {\n  message Line { string sku = 1; }\n  %s f = 1;\n}\nmessage Address { string city = 1; }\n"
	for _, tc := range []struct{ typ, want string }{
		{"strng", `unknown type strng (did you mean "string"?)`},
		{"int23", `unknown type int23 (did you mean "int32"?)`},
		{"Adress", `unknown type Adress (did you mean "Address"?)`},
		{"shop.Adress", `unknown type shop.Adress (did you mean "shop.Address"?)`},
		{"Lin", `unknown type Lin (did you mean "Line"?)`},
		{"Order.Lien", `unknown type Order.Lien (did you mean "Order.Line"?)`},
		{"Mony", `unknown type Mony (did you mean "Money"?)`},
		{"Regoin", `unknown type Regoin (did you mean "Region"?)`},
		{"bank.Acount", `unknown type bank.Acount (did you mean "bank.Account"?)`},
		// bank's Account is not in scope as Account
		{"Acount", "unknown type Acount"},
		{"Zebra", "unknown type Zebra"},
	} {
		_, err := Compile("order.proto", fmt.Sprintf(order, tc.typ), files, nil)
		want := "order.proto:7:3: field shop.Order.f: " + tc.want
		if err == nil || err.Error() != want {
			t.Errorf("type %s: error %v, want %q", tc.typ, err, want)
		}
	}
	// Outside Order, its Line is Order.Line: Line alone is no type there,
	// and was suggested, also for Line itself ('unknown type Line (did
	// you mean "Line"?)'). Line is Order.Line when no other type nested
	// elsewhere is a Line.
	beside := "syntax = \"proto3\";\npackage shop;\nmessage Order {\n  message Line { string sku = 1; }\n}\nmessage Invoice {\n  %s f = 1;\n}\n"
	twoLines := strings.Replace(beside, "message Invoice", "message Cart {\n  message Line { string sku = 1; }\n}\nmessage Invoice", 1)
	for _, tc := range []struct{ file, typ, want string }{
		{beside, "Line", `unknown type Line (did you mean "Order.Line"?)`},
		{beside, "Lien", "unknown type Lien"},
		{beside, "Order.Lien", `unknown type Order.Lien (did you mean "Order.Line"?)`},
		{twoLines, "Line", "unknown type Line"},
	} {
		_, err := Compile("invoice.proto", fmt.Sprintf(tc.file, tc.typ), nil, nil)
		want := fmt.Sprintf("invoice.proto:%d:3: field shop.Invoice.f: %s", strings.Count(tc.file, "\n")-1, tc.want)
		if err == nil || err.Error() != want {
			t.Errorf("type %s beside Order: error %v, want %q", tc.typ, err, want)
		}
	}
}
