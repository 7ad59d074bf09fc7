package schema

import (
	"slices"
	"testing"

	"github.com/twmb/franz-go/pkg/sr"
)

// TestUnusedReferences: which reference names a schema uses, per format;
// a schema that does not parse uses them all, as nothing can be said.
func TestUnusedReferences(t *testing.T) {
	for _, tc := range []struct {
		name   string
		typ    sr.SchemaType
		text   string
		refs   []string
		unused []string
	}{
		{"proto import", sr.TypeProtobuf, "syntax = \"proto3\";\nimport public \"a/b.proto\";\nmessage M { B b = 1; }\n", []string{"a/b.proto", "b.proto"}, []string{"b.proto"}},
		{"proto base64 descriptor", sr.TypeProtobuf, "CgdtLnByb3RvGglhL2IucHJvdG8=", []string{"a/b.proto", "c.proto"}, []string{"c.proto"}},
		{"proto that does not parse", sr.TypeProtobuf, "syntax = \"proto3\";\nmessage {", []string{"x.proto"}, nil},
		{"json relative to $id", sr.TypeJSON, `{"$id":"https://e.com/s/p.json","properties":{"a":{"$ref":"./a.json#/x"}}}`, []string{"https://e.com/s/a.json", "a.json", "./a.json", "b.json"}, []string{"b.json"}},
		{"json internal ref", sr.TypeJSON, `{"$defs":{"a":{}},"$ref":"#/$defs/a"}`, []string{"a"}, []string{"a"}},
		{"avro", sr.TypeAvro, `{"type":"record","name":"a.R","fields":[{"name":"f","type":"S"}]}`, []string{"a.S", "s.avsc"}, nil},
	} {
		s := sr.Schema{Type: tc.typ, Schema: tc.text}
		for _, r := range tc.refs {
			s.References = append(s.References, sr.SchemaReference{Name: r, Subject: "s", Version: 1})
		}
		var got []string
		for _, u := range UnusedReferences(s) {
			got = append(got, u.Name)
		}
		if !slices.Equal(got, tc.unused) {
			t.Errorf("%s: unused %q, want %q", tc.name, got, tc.unused)
		}
	}
}
