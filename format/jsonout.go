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
	b, err := encodeJSON(v, "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// MarshalJSON is json.Marshal, but for <, > and &, which it writes as they
// are rather than as \u003c, \u003e and \u0026, and U+2028 and U+2029,
// which it writes as they are rather than as \u2028 and \u2029: people read
// shore's JSON, grep it and compare it with jq's, kcat -J's and rpk's,
// which do not escape them either (as the record lines of AppendJSON do
// not). A json.Marshaler that builds its text from values of its own
// marshals them with MarshalJSON, since encoding/json keeps the escapes it
// finds in a Marshaler's text.
func MarshalJSON(v any) ([]byte, error) {
	b, err := encodeJSON(v, "")
	return bytes.TrimSuffix(b, []byte("\n")), err
}

// encodeJSON is the encoding of JSON (indented) and MarshalJSON, the one
// place that undoes encoding/json's escapes for HTML and JavaScript.
func encodeJSON(v any, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return unescapeSeparators(b.Bytes()), nil
}

// unescapeSeparators rewrites the escapes \u2028 and \u2029 in the JSON
// text b as the characters, which encoding/json escapes whatever
// SetEscapeHTML says. A backslash is only ever in a string, where each one
// starts an escape of two characters or more, so reading b pair by pair
// from each backslash never mistakes an escaped backslash before u2028 for
// the escape.
func unescapeSeparators(b []byte) []byte {
	out := b[:0]
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] != '\\' || i+1 == len(b):
			out = append(out, b[i])
		case bytes.HasPrefix(b[i+1:], []byte("u2028")):
			out = append(out, "\u2028"...)
			i += 5
		case bytes.HasPrefix(b[i+1:], []byte("u2029")):
			out = append(out, "\u2029"...)
			i += 5
		default:
			out = append(out, b[i], b[i+1])
			i++
		}
	}
	return out
}
