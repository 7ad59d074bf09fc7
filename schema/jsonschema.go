package schema

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/hamba/avro/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/internal/jsonsrc"
)

// jsonCodec passes JSON payloads through, validating them both ways.
type jsonCodec struct {
	s *jsonschema.Schema
	// takesString is whether the schema says "type": "string".
	takesString bool
}

// newJSONSchema compiles a JSON Schema; refs maps the names of referenced
// schemas (the $ref values that point at them) to their text.
func newJSONSchema(text string, refs map[string]string) (*jsonCodec, error) {
	s, err := jsonsrc.Compile(text, refs)
	if err != nil {
		if avro := avroShape(text); avro != "" {
			return nil, fmt.Errorf("%w; %s is Avro's: this is an Avro schema (a .avsc file), not a JSON Schema", err, avro)
		}
		if tupleItems(text) {
			return nil, fmt.Errorf(`%w; an "items" array is draft-07's tuple form, and a schema without "$schema" is read as draft 2020-12, which writes it "prefixItems": add "$schema": "http://json-schema.org/draft-07/schema#"`, err)
		}
		return nil, err
	}
	var root struct{ Type any }
	_ = json.Unmarshal([]byte(text), &root) // it compiled: it is JSON
	return &jsonCodec{s: s, takesString: root.Type == "string"}, nil
}

// undeclaredDraft parses text, a JSON Schema, when it is an object that
// does not say its draft ("$schema"): such a schema is read as draft
// 2020-12. ok is false for one that says its draft, or is no JSON object.
func undeclaredDraft(text string) (root map[string]any, ok bool) {
	if json.Unmarshal([]byte(text), &root) != nil {
		return nil, false
	}
	if _, declared := root["$schema"]; declared {
		return nil, false
	}
	return root, true
}

// tupleItems reports whether text, a schema that does not say its draft
// ("$schema"), has an "items" array somewhere: draft-07's tuple form, which
// draft 2020-12, what such a schema is read as (as confluent-kafka-python's
// serializer reads it; Confluent's Java one reads it as draft-07), refuses.
func tupleItems(text string) bool {
	root, ok := undeclaredDraft(text)
	if !ok {
		return false
	}
	var has func(v any) bool
	has = func(v any) bool {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if _, isArray := e.([]any); isArray && k == "items" || has(e) {
					return true
				}
			}
		case []any:
			for _, e := range v {
				if has(e) {
					return true
				}
			}
		}
		return false
	}
	return has(root)
}

// Draft07Hints returns a hint for each of draft-07's keywords
// "dependencies" and "additionalItems" that s, a JSON Schema that does not
// say its draft ("$schema"), has where a schema goes: such a schema is read
// as draft 2020-12 (see tupleItems), which has neither. shore's validator
// still applies "dependencies", and Confluent's Java serializer reads the
// schema as draft-07, but a validator by draft 2020-12
// (confluent-kafka-python's) ignores it; "additionalItems" is ignored by
// all. One beside an "items" array is left out: that schema is refused
// with tupleItems' hint, which fixes both.
func Draft07Hints(s sr.Schema) []string {
	if s.Type != sr.TypeJSON {
		return nil
	}
	root, ok := undeclaredDraft(s.Schema)
	if !ok {
		return nil
	}
	var dependencies, additionalItems bool
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["dependencies"].(map[string]any); ok {
				dependencies = true
			}
			if _, tuple := v["items"].([]any); !tuple && v["additionalItems"] != nil {
				additionalItems = true
			}
			for k, e := range v {
				switch k {
				// Maps of names to schemas: a name is no keyword.
				case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
					if m, ok := e.(map[string]any); ok {
						for _, sub := range m {
							walk(sub)
						}
					}
				// Values, not schemas.
				case "enum", "const", "default", "examples":
				default:
					walk(e)
				}
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(root)
	var hints []string
	if dependencies {
		hints = append(hints, `"dependencies" is draft-07's, and a schema without "$schema" is read as draft 2020-12, where it is "dependentRequired" (for names) or "dependentSchemas" (for schemas) and validators such as confluent-kafka-python's ignore it: add "$schema": "http://json-schema.org/draft-07/schema#"`)
	}
	if additionalItems {
		hints = append(hints, `"additionalItems" is draft-07's, and a schema without "$schema" is read as draft 2020-12, which ignores it: the items after "prefixItems" are "items" there`)
	}
	return hints
}

// avroShape names what makes text, which is no JSON Schema, an Avro
// schema: a named type's "type":"record" (or enum, fixed), or a primitive
// type's name alone, "string" (a key's schema, saved as key.json); "" when
// it has neither.
func avroShape(text string) string {
	var doc any
	if json.Unmarshal([]byte(text), &doc) != nil {
		return ""
	}
	switch d := doc.(type) {
	case map[string]any:
		if t := d["type"]; t == "record" || t == "enum" || t == "fixed" {
			return fmt.Sprintf(`"type":%q`, t)
		}
	case string:
		if _, ok := avroPrimitiveKinds[avro.Type(d)]; ok {
			return strconv.Quote(d)
		}
	}
	return ""
}

// AppendJSON validates the payload against the schema, as AppendEncoded
// does, and appends it compacted: a payload that does not fit its schema
// is not decoded (consume writes it raw, with a warning).
func (j *jsonCodec) AppendJSON(dst, payload []byte) ([]byte, error) {
	return j.appendValid(dst, payload, "not JSON")
}

// AppendEncoded validates doc against the schema and appends it compacted.
// A document with a key twice in one object is refused, before whatever
// else is wrong with it: the validator sees the last value only (its
// failure would be told of a value that a reader taking the first never
// sees), Confluent's serializers keep the last without a word, and a
// reader may take the first.
func (j *jsonCodec) AppendEncoded(dst, doc []byte) ([]byte, error) {
	out, err := j.appendValid(dst, doc, "invalid JSON")
	start, end, serr := docSpan(doc)
	if serr != nil {
		return dst, serr
	}
	if key, kerr := twiceKey(doc[start:end], "", pointerSteps); kerr != nil || key != "" {
		return dst, cmp.Or(kerr, fmt.Errorf("key %s appears twice", key))
	}
	return out, err
}

// appendValid appends doc compacted if it fits the schema; notJSON begins
// the error of a doc that is not JSON at all.
func (j *jsonCodec) appendValid(dst, doc []byte, notJSON string) ([]byte, error) {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return dst, fmt.Errorf("%s: %v", notJSON, err)
	}
	if err := j.s.Validate(v); err != nil {
		return dst, jsonSchemaError(err)
	}
	return AppendCompactJSON(dst, doc)
}

// AppendCompactJSON appends b, which must be one JSON value in valid UTF-8,
// without insignificant space.
func AppendCompactJSON(dst, b []byte) ([]byte, error) {
	if !utf8.Valid(b) {
		return dst, errors.New("not JSON: invalid UTF-8")
	}
	buf := bytes.NewBuffer(dst)
	if err := json.Compact(buf, b); err != nil {
		return dst, fmt.Errorf("not JSON: %v", err)
	}
	return buf.Bytes(), nil
}

// jsonSchemaError words a validation failure on one line: each failing
// location with its reason.
func jsonSchemaError(err error) error {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	return fmt.Errorf("does not fit the JSON schema: %s", jsonsrc.Reasons(ve))
}
