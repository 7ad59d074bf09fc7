package jsonsrc

import (
	"errors"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestReasonsFalseSchema names where the false stands that refused a
// value: in the schema, at its root, or in a referenced schema; and where
// in the value, as a JSON pointer.
func TestReasonsFalseSchema(t *testing.T) {
	refs := map[string]string{"legacy.json": `{"$defs":{"gone":false}}`}
	for _, tc := range []struct{ schema, doc, want string }{
		{`{"items":false}`, `[1]`, "at /0: not allowed (the schema's /items is false)"},
		{`{"patternProperties":{"^x":false}}`, `{"xa":1}`, "at /xa: not allowed (the schema's /patternProperties/^x is false)"},
		{`false`, `1`, "at /: not allowed (the schema is false)"},
		{`{"properties":{"fax":{"$ref":"legacy.json#/$defs/gone"}}}`, `{"fax":"1"}`, "at /fax: not allowed (referenced JSON schema legacy.json's /$defs/gone is false)"},
		{`{"properties":{"n":{"type":"integer"}}}`, `{"n":1.5}`, "at /n: got number, want integer"},
		// a name with '/' or '~' is escaped as RFC 6901 does: /a~1b is not /a/b
		{`{"properties":{"a/b":{"type":"integer"}}}`, `{"a/b":"x"}`, "at /a~1b: got string, want integer"},
		{`{"properties":{"a":{"properties":{"b":{"type":"integer"}}}}}`, `{"a":{"b":"x"}}`, "at /a/b: got string, want integer"},
		{`{"properties":{"t~1":{"type":"integer"}}}`, `{"t~1":"x"}`, "at /t~01: got string, want integer"},
		{`{"items":{"properties":{"":{"type":"integer"}}}}`, `[{"":"x"}]`, "at /0/: got string, want integer"},
		// a line break stays on the one line, the pointer a JSON string
		{`{"properties":{"a\nb":{"type":"integer"}}}`, `{"a\nb":"x"}`, `at "/a\nb": got string, want integer`},
	} {
		s, err := Compile(tc.schema, refs)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(tc.doc))
		if err != nil {
			t.Fatal(err)
		}
		var ve *jsonschema.ValidationError
		if !errors.As(s.Validate(doc), &ve) {
			t.Fatalf("%s: %s validates", tc.schema, tc.doc)
		}
		if got := Reasons(ve); got != tc.want {
			t.Errorf("%s: %s: Reasons = %q, want %q", tc.schema, tc.doc, got, tc.want)
		}
	}
}
