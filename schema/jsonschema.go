package schema

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// jsonSchemaBase is where a schema and its references live for the
// compiler: a reference's name resolves against it, as a relative $ref.
const jsonSchemaBase = "https://schema-registry.shore.invalid/"

// jsonCodec passes JSON payloads through, validating them both ways.
type jsonCodec struct {
	s *jsonschema.Schema
}

// newJSONSchema compiles a JSON Schema; refs maps the names of referenced
// schemas (the $ref values that point at them) to their text.
func newJSONSchema(text string, refs map[string]string) (*jsonCodec, error) {
	c := jsonschema.NewCompiler()
	add := func(name, what, text string) error {
		if err := checkJSONSyntax(text); err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
		if err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		return c.AddResource(jsonSchemaBase+name, doc)
	}
	for name, t := range refs {
		if err := add(name, "referenced JSON schema "+name, t); err != nil {
			return nil, err
		}
	}
	if err := add("main.json", "JSON schema", text); err != nil {
		return nil, err
	}
	s, err := c.Compile(jsonSchemaBase + "main.json")
	var invalid *jsonschema.SchemaValidationError
	var ve *jsonschema.ValidationError
	var load *jsonschema.LoadURLError
	var pointer *jsonschema.JSONPointerNotFoundError
	switch {
	// A $ref that is none of refs: the compiler would load it from its
	// URL, which the loader refuses (and the base is shore's own).
	case errors.As(err, &load):
		return nil, fmt.Errorf("JSON schema: cannot resolve $ref %q: shore follows a $ref only to a registered reference, not to a file or URL", strings.TrimPrefix(load.URL, jsonSchemaBase))
	case errors.As(err, &pointer):
		return nil, fmt.Errorf("JSON schema: $ref %q: no such location", strings.TrimPrefix(strings.TrimPrefix(pointer.URL, jsonSchemaBase), "main.json"))
	case errors.As(err, &invalid) && errors.As(invalid.Err, &ve):
		what := "JSON schema"
		if name := strings.TrimPrefix(strings.TrimSuffix(invalid.URL, "#"), jsonSchemaBase); name != "main.json" {
			what = "referenced JSON schema " + name
		}
		return nil, fmt.Errorf("%s: not a valid schema (by its metaschema): %s", what, validationReasons(ve))
	case err != nil:
		return nil, fmt.Errorf("JSON schema: %v", err)
	}
	return &jsonCodec{s: s}, nil
}

// AppendJSON validates the payload against the schema, as AppendEncoded
// does, and appends it compacted: a payload that does not fit its schema
// is not decoded (consume writes it raw, with a warning).
func (j *jsonCodec) AppendJSON(dst, payload []byte) ([]byte, error) {
	return j.appendValid(dst, payload, "not JSON")
}

// AppendEncoded validates doc against the schema and appends it compacted.
// A document with a key twice in one object is refused: the validator sees
// the last value only, and a reader may take the first.
func (j *jsonCodec) AppendEncoded(dst, doc []byte) ([]byte, error) {
	out, err := j.appendValid(dst, doc, "invalid JSON")
	if err != nil {
		if _, _, serr := docSpan(doc); serr != nil {
			return dst, serr
		}
		return dst, err
	}
	if key, err := twiceKey(bytes.TrimSpace(doc), ""); err != nil || key != "" {
		return dst, cmp.Or(err, fmt.Errorf("key %s appears twice", key))
	}
	return out, nil
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
	return fmt.Errorf("does not fit the JSON schema: %s", validationReasons(ve))
}

// validationReasons words each failing location of a validation with its
// reason, on one line.
func validationReasons(ve *jsonschema.ValidationError) string {
	printer := message.NewPrinter(language.English)
	var reasons []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			at := "/" + strings.Join(e.InstanceLocation, "/")
			reasons = append(reasons, fmt.Sprintf("at %s: %s", at, e.ErrorKind.LocalizedString(printer)))
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return strings.Join(reasons, "; ")
}
