package jsonsrc

import (
	"errors"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestReasonsFalseSchema names where the false stands that refused a
// value: in the schema, at its root, or in a referenced schema.
func TestReasonsFalseSchema(t *testing.T) {
	refs := map[string]string{"legacy.json": `{"$defs":{"gone":false}}`}
	for _, tc := range []struct{ schema, doc, want string }{
		{`{"items":false}`, `[1]`, "at /0: not allowed (the schema's /items is false)"},
		{`{"patternProperties":{"^x":false}}`, `{"xa":1}`, "at /xa: not allowed (the schema's /patternProperties/^x is false)"},
		{`false`, `1`, "at /: not allowed (the schema is false)"},
		{`{"properties":{"fax":{"$ref":"legacy.json#/$defs/gone"}}}`, `{"fax":"1"}`, "at /fax: not allowed (referenced JSON schema legacy.json's /$defs/gone is false)"},
		{`{"properties":{"n":{"type":"integer"}}}`, `{"n":1.5}`, "at /n: got number, want integer"},
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
