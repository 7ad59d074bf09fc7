package schema

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A small JSON reader for encoding: it finds the spans of values in the
// input instead of building maps, so that encoding a record costs about as
// much as reading its text once.

const maxJSONDepth = 1000

var errJSONEnd = errors.New("the JSON ends early")

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// scanValue returns the end of the JSON value that starts at b[i] (after
// space).
func scanValue(b []byte, i, depth int) (int, error) {
	if depth > maxJSONDepth {
		return 0, errors.New("JSON nests too deep")
	}
	if i >= len(b) {
		return 0, errJSONEnd
	}
	switch c := b[i]; {
	case c == '"':
		return scanString(b, i)
	case c == '{' || c == '[':
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		i = skipSpace(b, i+1)
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
				i = skipSpace(b, i)
				if i >= len(b) || b[i] != ':' {
					return 0, jsonSyntax(b, i, "':'")
				}
				i = skipSpace(b, i+1)
			}
			if i, err = scanValue(b, i, depth+1); err != nil {
				return 0, err
			}
			i = skipSpace(b, i)
			switch {
			case i >= len(b):
				return 0, errJSONEnd
			case b[i] == closing:
				return i + 1, nil
			case b[i] != ',':
				return 0, jsonSyntax(b, i, "',' or '"+string(closing)+"'")
			}
			i = skipSpace(b, i+1)
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
	j := i + 1
	for {
		q := bytes.IndexByte(b[j:], '"')
		if q < 0 {
			return 0, errJSONEnd
		}
		end := j + q
		// The quote ends the string unless an odd number of backslashes
		// escapes it.
		n := 0
		for k := end - 1; k > i && b[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return end + 1, nil
		}
		j = end + 1
	}
}

func jsonSyntax(b []byte, i int, want string) error {
	if i >= len(b) {
		return errJSONEnd
	}
	return fmt.Errorf("invalid JSON at byte %d: want %s, got %q", i, want, b[i])
}

// unquote returns the text of a JSON string (with its quotes), appending
// to scratch when it has escapes.
func unquote(raw, scratch []byte) ([]byte, error) {
	s := raw[1 : len(raw)-1]
	plain, ascii := true, true
	for _, c := range s {
		if c == '\\' || c < 0x20 {
			plain = false
			break
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if plain {
		if !ascii && !utf8.Valid(s) {
			return nil, errors.New("a string is not valid UTF-8")
		}
		return s, nil
	}
	out := scratch[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 {
			return nil, fmt.Errorf("a control character (0x%02x) in a string", c)
		}
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(s) {
			return nil, errJSONEnd
		}
		switch s[i] {
		case '"', '\\', '/':
			out = append(out, s[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n, err := unicodeEscape(s[i+1:])
			if err != nil {
				return nil, err
			}
			i += n
			out = utf8.AppendRune(out, r)
		default:
			return nil, fmt.Errorf(`unknown escape \%c in a string`, s[i])
		}
	}
	if !utf8.Valid(out) {
		return nil, errors.New("a string is not valid UTF-8")
	}
	return out, nil
}

// unicodeEscape reads the XXXX of \uXXXX, and a second \uXXXX that
// completes a surrogate pair; n is how many bytes it read.
func unicodeEscape(s []byte) (r rune, n int, err error) {
	hex4 := func(s []byte) (rune, bool) {
		if len(s) < 4 {
			return 0, false
		}
		v, err := strconv.ParseUint(string(s[:4]), 16, 16)
		return rune(v), err == nil
	}
	r, ok := hex4(s)
	if !ok {
		return 0, 0, errors.New(`a bad \u escape in a string`)
	}
	if utf16.IsSurrogate(r) && len(s) >= 10 && s[4] == '\\' && s[5] == 'u' {
		if r2, ok := hex4(s[6:]); ok {
			if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
				return dec, 10, nil
			}
		}
	}
	if utf16.IsSurrogate(r) {
		r = utf8.RuneError
	}
	return r, 4, nil
}

// jsonMember is one member of a JSON object: its key's text and its
// value's span.
type jsonMember struct {
	key, value []byte
}

// members appends the members of the object that starts at b[0] to dst,
// and returns where the object ends.
func members(dst []jsonMember, b []byte) ([]jsonMember, int, error) {
	i := skipSpace(b, 1)
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
			if key, err = unquote(b[i:end], nil); err != nil {
				return dst, 0, err
			}
		}
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return dst, 0, jsonSyntax(b, i, "':'")
		}
		i = skipSpace(b, i+1)
		if end, err = scanValue(b, i, 1); err != nil {
			return dst, 0, err
		}
		dst = append(dst, jsonMember{key, b[i:end]})
		i = skipSpace(b, end)
		switch {
		case i >= len(b):
			return dst, 0, errJSONEnd
		case b[i] == '}':
			return dst, i + 1, nil
		case b[i] != ',':
			return dst, 0, jsonSyntax(b, i, "',' or '}'")
		}
		i = skipSpace(b, i+1)
	}
}

// elements appends the spans of the elements of the array b to dst.
func elements(dst [][]byte, b []byte) ([][]byte, error) {
	i := skipSpace(b, 1)
	if i < len(b) && b[i] == ']' {
		return dst, nil
	}
	for {
		end, err := scanValue(b, i, 1)
		if err != nil {
			return dst, err
		}
		dst = append(dst, b[i:end])
		i = skipSpace(b, end)
		switch {
		case i >= len(b):
			return dst, errJSONEnd
		case b[i] == ']':
			return dst, nil
		case b[i] != ',':
			return dst, jsonSyntax(b, i, "',' or ']'")
		}
		i = skipSpace(b, i+1)
	}
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
