package schema

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kafkashore/shore/internal/jsontext"
)

// A small JSON reader for encoding: it finds the spans of values in the
// input instead of building maps, so that encoding a record costs about as
// much as reading its text once.

const maxJSONDepth = 1000

// scanValue returns the end of the JSON value that starts at b[i] (after
// space).
func scanValue(b []byte, i, depth int) (int, error) {
	if depth > maxJSONDepth {
		return 0, errors.New("JSON nests too deep")
	}
	if i >= len(b) {
		return 0, jsontext.ErrEnd
	}
	switch c := b[i]; {
	case c == '"':
		return scanString(b, i)
	case c == '{' || c == '[':
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		i = jsontext.SkipSpace(b, i+1)
		if i < len(b) && b[i] == closing {
			return i + 1, nil
		}
		for {
			var err error
			if c == '{' {
				if i >= len(b) || b[i] != '"' {
					return 0, jsonSyntax(b, i, "a string key")
				}
				if i, err = scanString(b, i); err != nil {
					return 0, err
				}
				i = jsontext.SkipSpace(b, i)
				if i >= len(b) || b[i] != ':' {
					return 0, jsonSyntax(b, i, "':'")
				}
				i = jsontext.SkipSpace(b, i+1)
			}
			if i, err = scanValue(b, i, depth+1); err != nil {
				return 0, err
			}
			i = jsontext.SkipSpace(b, i)
			switch {
			case i >= len(b):
				return 0, jsontext.ErrEnd
			case b[i] == closing:
				return i + 1, nil
			case b[i] != ',':
				return 0, jsonSyntax(b, i, "',' or '"+string(closing)+"'")
			}
			i = jsontext.SkipSpace(b, i+1)
		}
	case c == 't':
		return scanLiteral(b, i, "true")
	case c == 'f':
		return scanLiteral(b, i, "false")
	case c == 'n':
		return scanLiteral(b, i, "null")
	case c == '-' || (c >= '0' && c <= '9'):
		j := i + 1
		for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] == '.' || b[j] == 'e' || b[j] == 'E' || b[j] == '+' || b[j] == '-') {
			j++
		}
		return j, nil
	}
	return 0, jsonSyntax(b, i, "a value")
}

func scanLiteral(b []byte, i int, lit string) (int, error) {
	if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
		return 0, jsonSyntax(b, i, "a value")
	}
	return i + len(lit), nil
}

func scanString(b []byte, i int) (int, error) {
	end, ok := jsontext.StringEnd(b, i)
	if !ok {
		return 0, jsontext.ErrEnd
	}
	return end, nil
}

// docSpan returns the span of the one JSON value doc holds, or what is
// wrong with it in the words the Avro encoder uses ("invalid JSON at byte
// 0: want a value, got 'o'", "invalid JSON: the JSON ends early", "more
// than one JSON value"). The codecs that parse with another library call
// it once their parse failed, so that a bad line reads the same whatever
// the schema type.
func docSpan(doc []byte) (start, end int, err error) {
	if jsontext.HasBOM(doc) {
		return 0, 0, jsontext.ErrBOM
	}
	start = jsontext.SkipSpace(doc, 0)
	if end, err = scanValue(doc, start, 0); err != nil {
		return 0, 0, invalidJSON(err)
	}
	if jsontext.SkipSpace(doc, end) != len(doc) {
		return 0, 0, errors.New("more than one JSON value")
	}
	return start, end, nil
}

// invalidJSON words a scan error of a whole document: jsonSyntax's say
// "invalid JSON" already, jsontext.ErrEnd does not.
func invalidJSON(err error) error {
	if errors.Is(err, jsontext.ErrEnd) {
		return fmt.Errorf("invalid JSON: %v", err)
	}
	return err
}

func jsonSyntax(b []byte, i int, want string) error {
	if i >= len(b) {
		return jsontext.ErrEnd
	}
	return fmt.Errorf("invalid JSON at byte %d: want %s, got %q", i, want, b[i])
}

// jsonMember is one member of a JSON object: its key's text and its
// value's span.
type jsonMember struct {
	key, value []byte
}

// members appends the members of the object that starts at b[0] to dst,
// and returns where the object ends.
func members(dst []jsonMember, b []byte) ([]jsonMember, int, error) {
	i := jsontext.SkipSpace(b, 1)
	if i < len(b) && b[i] == '}' {
		return dst, i + 1, nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return dst, 0, jsonSyntax(b, i, "a string key")
		}
		end, err := scanString(b, i)
		if err != nil {
			return dst, 0, err
		}
		key := b[i+1 : end-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			if key, err = jsontext.Unquote(b[i:end], nil); err != nil {
				return dst, 0, err
			}
		}
		i = jsontext.SkipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return dst, 0, jsonSyntax(b, i, "':'")
		}
		i = jsontext.SkipSpace(b, i+1)
		if end, err = scanValue(b, i, 1); err != nil {
			return dst, 0, err
		}
		dst = append(dst, jsonMember{key, b[i:end]})
		i = jsontext.SkipSpace(b, end)
		switch {
		case i >= len(b):
			return dst, 0, jsontext.ErrEnd
		case b[i] == '}':
			return dst, i + 1, nil
		case b[i] != ',':
			return dst, 0, jsonSyntax(b, i, "',' or '}'")
		}
		i = jsontext.SkipSpace(b, i+1)
	}
}

// elements appends the spans of the elements of the array b to dst.
func elements(dst [][]byte, b []byte) ([][]byte, error) {
	i := jsontext.SkipSpace(b, 1)
	if i < len(b) && b[i] == ']' {
		return dst, nil
	}
	for {
		end, err := scanValue(b, i, 1)
		if err != nil {
			return dst, err
		}
		dst = append(dst, b[i:end])
		i = jsontext.SkipSpace(b, end)
		switch {
		case i >= len(b):
			return dst, jsontext.ErrEnd
		case b[i] == ']':
			return dst, nil
		case b[i] != ',':
			return dst, jsonSyntax(b, i, "',' or ']'")
		}
		i = jsontext.SkipSpace(b, i+1)
	}
}

// twiceKey returns the place of the first key that appears twice in one
// object of v, a well-formed JSON value at place at, named by steps, or "".
func twiceKey(v []byte, at string, steps pathSteps) (string, error) {
	switch v[0] {
	case '{':
		ms, _, err := members(nil, v)
		if err != nil {
			return "", err
		}
		if key := repeatedKey(ms); key != nil {
			return steps.key(at, key), nil
		}
		for _, m := range ms {
			if key, err := twiceKey(m.value, steps.key(at, m.key), steps); err != nil || key != "" {
				return key, err
			}
		}
	case '[':
		els, err := elements(nil, v)
		if err != nil {
			return "", err
		}
		for i, e := range els {
			if key, err := twiceKey(e, steps.index(at, i), steps); err != nil || key != "" {
				return key, err
			}
		}
	}
	return "", nil
}

// repeatedKey returns the first key of ms that an earlier member has too,
// or nil.
func repeatedKey(ms []jsonMember) []byte {
	// Most objects are small enough that comparing each pair costs less
	// than a map.
	if len(ms) <= 16 {
		for i := 1; i < len(ms); i++ {
			for _, earlier := range ms[:i] {
				if bytes.Equal(earlier.key, ms[i].key) {
					return ms[i].key
				}
			}
		}
		return nil
	}
	seen := make(map[string]bool, len(ms))
	for _, m := range ms {
		if seen[string(m.key)] {
			return m.key
		}
		seen[string(m.key)] = true
	}
	return nil
}

// pathSteps names places in a JSON value: a member's by its key, an
// element's by its index, each after the place that holds it.
type pathSteps struct {
	key   func(at string, key []byte) string
	index func(at string, i int) string
}

// pointerSteps names places by JSON pointer (RFC 6901), as JSON Schema's
// validator does: /a/b/2/c.
var pointerSteps = pathSteps{
	key:   func(at string, key []byte) string { return at + "/" + pointerEscaper.Replace(string(key)) },
	index: func(at string, i int) string { return at + "/" + strconv.Itoa(i) },
}

// fieldSteps names places as the Avro encoder names fields: a.b[2].c.
var fieldSteps = pathSteps{
	key:   func(at string, key []byte) string { return joinPath(at, keyStep(key)) },
	index: func(at string, i int) string { return fmt.Sprintf("%s[%d]", at, i) },
}

// pointerEscaper escapes a key for a JSON pointer (RFC 6901).
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// fieldTwice is the error for a field, or a map key, given twice.
func fieldTwice(field string) error {
	return fmt.Errorf("field %s appears twice", field)
}

// rawKind names the kind of a JSON value for errors.
func rawKind(v []byte) string {
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "the number " + string(v)
}

// surrogateError returns the error of the first \uXXXX escape in doc's
// strings that is half of a UTF-16 surrogate pair (jsontext.LoneSurrogate),
// prefixed with the field whose value or key holds it, or nil. A doc that
// is not well-formed JSON gets nil: the codec words what is wrong with it.
func surrogateError(doc []byte) error {
	var err *jsontext.SurrogateError
	if !errors.As(jsontext.CheckSurrogates(doc), &err) {
		return nil
	}
	start, end, serr := docSpan(doc)
	if serr != nil {
		return nil
	}
	field, inKey, _ := fieldAt(doc[start:end], err.At-start, "")
	switch {
	case inKey && field == "":
		return fmt.Errorf("a key: %w", err)
	case inKey:
		return fmt.Errorf("a key of field %s: %w", field, err)
	case field != "":
		return fmt.Errorf("field %s: %w", field, err)
	}
	return err
}

// fieldAt names the place in v, one well-formed JSON value at field at,
// of the byte at index i: the field whose value holds it (a.b[2].c, as the
// Avro encoder names fields), and whether it is in the key of one of that
// field's members rather than in a value; if so, earlier are the members
// before that key.
func fieldAt(v []byte, i int, at string) (field string, inKey bool, earlier []jsonMember) {
	// members and elements return subslices of v, so each one's offset in
	// v is how much less capacity it has.
	switch v[0] {
	case '{':
		ms, _, err := members(nil, v)
		if err != nil || i == 0 {
			return at, false, nil // the brace is the object's, not a key's
		}
		for n, m := range ms {
			off := cap(v) - cap(m.value)
			if i < off {
				return at, true, ms[:n]
			}
			if i < off+len(m.value) {
				return fieldAt(m.value, i-off, fieldSteps.key(at, m.key))
			}
		}
	case '[':
		els, err := elements(nil, v)
		if err != nil {
			return at, false, nil
		}
		for n, e := range els {
			off := cap(v) - cap(e)
			if i < off {
				return at, false, nil // the bracket or a comma before e
			}
			if i < off+len(e) {
				return fieldAt(e, i-off, fieldSteps.index(at, n))
			}
		}
	}
	return at, false, nil
}
