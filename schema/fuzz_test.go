package schema

import (
	"testing"
)

// The fuzz targets feed hostile bytes to every decoder: each must return
// an error or JSON, never panic, and never allocate beyond what the input
// can justify (the fuzzer's memory limit catches that).

func FuzzWireHeader(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 1, 2, 2, 2})
	f.Add([]byte{0, 0, 0, 0, 1, 0})
	f.Add([]byte{0, 0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, rest, err := SplitHeader(b)
		if err != nil {
			return
		}
		_, _, _ = SplitIndex(rest)
	})
}

func FuzzAvroDecode(f *testing.F) {
	c, err := newAvro(`{"type":"record","name":"R","fields":[
	 {"name":"n","type":"long"},{"name":"s","type":["null","string"]},
	 {"name":"a","type":{"type":"array","items":"null"}},
	 {"name":"m","type":{"type":"map","values":{"type":"fixed","name":"F","size":2}}},
	 {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]}},
	 {"name":"next","type":["null","R"]}]}`, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte{0x0e, 0x02, 0x02, 'x', 0x00, 0x00, 0x02, 0x00})
	f.Add([]byte{0x02, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := c.AppendJSON(nil, b)
		if err == nil && !validJSON(out) {
			t.Fatalf("%x decoded to invalid JSON %s", b, out)
		}
	})
}

func FuzzProtobufDecode(f *testing.F) {
	p, err := newProto("o.proto", protoCommon+`message Order { string id = 1; Money total = 2; repeated Order sub = 3; map<string,int64> tags = 4; }`, nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	m, err := p.messageNamed("Order")
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte{0x0a, 0x01, 'x', 0x12, 0x02, 0x08, 0x05})
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := m.AppendJSON(nil, b)
		if err == nil && !validJSON(out) {
			t.Fatalf("%x decoded to invalid JSON %s", b, out)
		}
	})
}

func FuzzJSONSchemaDecode(f *testing.F) {
	c, err := newJSONSchema(`{"type":"object"}`, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`{"a": [1, 2]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := c.AppendJSON(nil, b)
		if err == nil && !validJSON(out) {
			t.Fatalf("%q decoded to invalid JSON %s", b, out)
		}
	})
}

// FuzzAvroEncode feeds hostile JSON to the Avro encoder: an error or a
// payload that decodes back to a value, never a panic.
func FuzzAvroEncode(f *testing.F) {
	c, err := newAvro(`{"type":"record","name":"R","fields":[
	 {"name":"n","type":"long"},{"name":"s","type":["null","string"],"default":null},
	 {"name":"a","type":{"type":"array","items":"double"},"default":[]},
	 {"name":"m","type":{"type":"map","values":{"type":"fixed","name":"F","size":2}},"default":{}},
	 {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]},"default":"A"},
	 {"name":"next","type":["null","R"],"default":null}]}`, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`{"n":1,"s":{"string":"x\u00e9\ud83d\ude00"},"a":[1.5,"NaN"],"m":{"k":"\u0001\u00ff"},"e":"B","next":{"R":{"n":-2}}}`))
	f.Add([]byte(`{"n":1, "n":2}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		payload, err := c.AppendEncoded(nil, doc)
		if err != nil {
			return
		}
		if _, err := c.AppendJSON(nil, payload); err != nil {
			t.Fatalf("%s encoded to %x, which does not decode: %v", doc, payload, err)
		}
	})
}
