package registry

import (
	"testing"

	"github.com/twmb/franz-go/pkg/sr"
)

func TestParseReference(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want sr.SchemaReference
		err  string
	}{
		{"shop.Address=address-value", sr.SchemaReference{Name: "shop.Address", Subject: "address-value", Version: Latest}, ""},
		{"shop/common.proto=common:3", sr.SchemaReference{Name: "shop/common.proto", Subject: "common", Version: 3}, ""},
		{"a.json=a:latest", sr.SchemaReference{Name: "a.json", Subject: "a", Version: Latest}, ""},
		{"Address", sr.SchemaReference{}, `reference "Address": want NAME=SUBJECT[:VERSION]`},
		{"=s", sr.SchemaReference{}, `reference "=s": want NAME=SUBJECT[:VERSION]`},
		{"A=:2", sr.SchemaReference{}, `reference "A=:2": empty subject; want NAME=SUBJECT[:VERSION]`},
		{"A=s:0", sr.SchemaReference{}, `reference "A=s:0": version "0": want a number from 1, or latest`},
		// The version follows the last ':'; a Confluent context's two
		// are the subject's.
		{"a.json=x:y:3", sr.SchemaReference{Name: "a.json", Subject: "x:y", Version: 3}, ""},
		{"shop.Address=:.staging:address-value", sr.SchemaReference{Name: "shop.Address", Subject: ":.staging:address-value", Version: Latest}, ""},
		{"shop.Address=:.staging:address-value:2", sr.SchemaReference{Name: "shop.Address", Subject: ":.staging:address-value", Version: 2}, ""},
	} {
		got, err := ParseReference(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q: %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestTypeOf(t *testing.T) {
	for _, tc := range []struct {
		flag, path string
		want       sr.SchemaType
		err        string
	}{
		{"", "a/orders.avsc", sr.TypeAvro, ""},
		{"", "orders.PROTO", sr.TypeProtobuf, ""},
		{"", "reading.json", sr.TypeJSON, ""},
		{"avro", "reading.json", sr.TypeAvro, ""},
		{"Protobuf", "-", sr.TypeProtobuf, ""},
		{"", "orders.avro", 0, "orders.avro: .avro names an Avro data file, not a schema: an Avro schema is a .avsc file"},
		{"avro", "orders.avro", sr.TypeAvro, ""},
		{"", "schema.txt", 0, "cannot tell the schema type of schema.txt from its name (.avsc, .proto or .json); give --type"},
		{"xml", "a.avsc", 0, `--type "xml": want avro, protobuf or json`},
	} {
		got, err := TypeOf(tc.flag, tc.path)
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("TypeOf(%q, %q): error %v, want %q", tc.flag, tc.path, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("TypeOf(%q, %q) = %v, %v; want %v", tc.flag, tc.path, got, err, tc.want)
		}
	}
}

func TestParseLevelAndVersion(t *testing.T) {
	for _, name := range LevelNames {
		if l, err := ParseLevel(name); err != nil || l.String() != name {
			t.Errorf("ParseLevel(%q) = %v, %v", name, l, err)
		}
	}
	if _, err := ParseLevel(""); err == nil {
		t.Error("ParseLevel(\"\") accepted")
	}
	for in, want := range map[string]int{"1": 1, "latest": Latest, "LATEST": Latest, "42": 42} {
		if got, err := ParseVersion(in); err != nil || got != want {
			t.Errorf("ParseVersion(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "-1", "x", "", "all"} {
		if _, err := ParseVersion(in); err == nil {
			t.Errorf("ParseVersion(%q) accepted", in)
		}
	}
}

func TestMistyped(t *testing.T) {
	live := []string{"orders-value", "orders2-value", "payments-value", "clicks-key", "events-a-value", "shard-b", "zürich-value"}
	for _, tc := range []struct{ subject, want string }{
		// slips of the hand
		{"Orders-value", "orders-value"},
		{"ORDERS-VALUE", "orders-value"},
		{"ordres-value", "orders-value"},
		{"order-value", "orders-value"},
		{"orderz-value", "orders-value"},
		{"paymentss-value", "payments-value"},
		{"orders-valeu", "orders-value"},
		// names given on purpose
		{"orders-v2-value", ""},
		{"orders3-value", ""},
		{"orders_value", ""},
		{"orders-key", ""},
		{"clicks-value", ""},
		{"refunds-value", ""},
		{"orders-value", ""},
		// a letter that is a word alone names a sibling
		{"events-b-value", ""},
		{"shard-c", ""},
		{"events-ab-value", "events-a-value"},
		// characters, not bytes
		{"zrüich-value", "zürich-value"},
		{"zurich-value", "zürich-value"},
	} {
		if got := Mistyped(tc.subject, live); got != tc.want {
			t.Errorf("Mistyped(%q) = %q, want %q", tc.subject, got, tc.want)
		}
	}
}
