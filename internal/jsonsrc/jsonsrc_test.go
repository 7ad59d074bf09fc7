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
		if got := reasonsOf(t, s, tc.doc); got != tc.want {
			t.Errorf("%s: %s: Reasons = %q, want %q", tc.schema, tc.doc, got, tc.want)
		}
	}
}

// reasonsOf validates doc against s, which must refuse it, and returns
// Reasons of the refusal.
func reasonsOf(t *testing.T, s *jsonschema.Schema, doc string) string {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var ve *jsonschema.ValidationError
	if !errors.As(s.Validate(v), &ve) {
		t.Fatalf("%s validates", doc)
	}
	return Reasons(ve)
}

// TestReasonsBounds says what a number's bound asks for, the number in all
// its digits: the validator's own words, 'exclusiveMinimum: got 0, want 0',
// read as if 0 were what the schema wanted.
func TestReasonsBounds(t *testing.T) {
	for _, tc := range []struct{ schema, doc, want string }{
		{`{"exclusiveMinimum":0}`, `0`, "at /: exclusiveMinimum: got 0, want more than 0"},
		{`{"exclusiveMaximum":5}`, `5`, "at /: exclusiveMaximum: got 5, want less than 5"},
		{`{"minimum":0}`, `-1`, "at /: minimum: got -1, want 0 or more"},
		{`{"maximum":2.5}`, `2.75`, "at /: maximum: got 2.75, want 2.5 or less"},
		{`{"multipleOf":2}`, `3`, "at /: multipleOf: got 3, want a multiple of 2"},
		{`{"multipleOf":0.1}`, `0.25`, "at /: multipleOf: got 0.25, want a multiple of 0.1"},
		// draft 4's boolean exclusiveMinimum, as the registries still see it
		{`{"$schema":"http://json-schema.org/draft-04/schema#","minimum":0,"exclusiveMinimum":true}`, `0`, "at /: exclusiveMinimum: got 0, want more than 0"},
		{`{"maxLength":8}`, `"far-too-long"`, "at /: maxLength: got 12, want 8 or fewer"},
		{`{"minLength":2}`, `"a"`, "at /: minLength: got 1, want 2 or more"},
		{`{"minItems":2}`, `[1]`, "at /: minItems: got 1, want 2 or more"},
		{`{"maxItems":1}`, `[1,2]`, "at /: maxItems: got 2, want 1 or fewer"},
		{`{"minProperties":1}`, `{}`, "at /: minProperties: got 0, want 1 or more"},
		{`{"maxProperties":1}`, `{"a":1,"b":2}`, "at /: maxProperties: got 2, want 1 or fewer"},
		// no thousands separator, which read as two numbers in a list
		{`{"maxItems":1000}`, `[` + strings.Repeat("0,", 1000) + `0]`, "at /: maxItems: got 1001, want 1000 or fewer"},
		// beyond 2^53 a float64 would call both 9007199254740992
		{`{"minimum":9007199254740993}`, `9007199254740992`, "at /: minimum: got 9007199254740992, want 9007199254740993 or more"},
	} {
		s, err := Compile(tc.schema, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := reasonsOf(t, s, tc.doc); got != tc.want {
			t.Errorf("%s: %s: Reasons = %q, want %q", tc.schema, tc.doc, got, tc.want)
		}
	}
}

// TestReasonsRegex words a regular expression that does not compile, a
// pattern's or a pattern property's name, as shore words one: the
// validator gave Go's words, "'[' is not valid regex: error parsing
// regexp: missing closing ]: `[`".
func TestReasonsRegex(t *testing.T) {
	for _, tc := range []struct{ schema, want string }{
		{`{"properties":{"sku":{"pattern":"["}}}`, `JSON schema: not a valid schema (by its metaschema): at /properties/sku/pattern: bad regular expression "[": missing closing ]`},
		{`{"patternProperties":{"^x(":{}}}`, `JSON schema: not a valid schema (by its metaschema): at /: bad regular expression "^x(": missing closing )`},
	} {
		if _, err := Compile(tc.schema, nil); err == nil || err.Error() != tc.want {
			t.Errorf("%s: %v; want %s", tc.schema, err, tc.want)
		}
	}
}
