package format

import (
	"bytes"
	"encoding/json"
	"io"
)

// JSON writes v as indented JSON followed by a newline: the -o json output
// of the inspection commands, whose struct tags are the documented shape.
// Strings are written as MarshalJSON writes them.
func JSON(w io.Writer, v any) error {
	enc := newJSONEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// MarshalJSON is json.Marshal, but for <, > and &, which it writes as they
// are rather than as \u003c, \u003e and \u0026: people read shore's JSON,
// grep it and compare it with kcat -J's and rpk's, which do not escape them
// either (as the record lines of AppendJSON do not). A json.Marshaler that
// builds its text from values of its own marshals them with MarshalJSON,
// since encoding/json keeps the escapes it finds in a Marshaler's text.
func MarshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := newJSONEncoder(&b).Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// newJSONEncoder is the encoder of JSON and MarshalJSON, the one place
// that turns encoding/json's HTML escaping off.
func newJSONEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
