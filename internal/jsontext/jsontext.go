// Package jsontext holds the pieces of JSON text handling that the filter,
// schema and format packages share: skipping space, finding where a string
// ends, decoding a string's escapes and writing a string, and the errors
// they word alike (the JSON ends early, a byte order mark before it). They
// read and write JSON by spans rather than through encoding/json, on the
// per-record path, so these work on byte slices and allocate only when a
// string has escapes.
package jsontext

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrEnd is the error for JSON text that stops inside a value.
var ErrEnd = errors.New("the JSON ends early")

// ErrBOM is the error for JSON text that starts with a UTF-8 byte order
// mark, as a Windows editor saves a file; a parser would name only its
// first byte ("invalid character 'ï'").
var ErrBOM = errors.New("a byte order mark (EF BB BF) comes before the JSON, which JSON does not allow: remove it")

// HasBOM reports whether b starts with a UTF-8 byte order mark.
func HasBOM(b []byte) bool { return bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) }

// NonzeroMantissa reports whether the mantissa of the number s, as
// strconv.ParseFloat reads it (decimal, as JSON writes it, or hexadecimal
// after 0x), has a digit other than 0: s is not a zero, though it may parse
// to one (1e-400).
func NonzeroMantissa(s string) bool {
	s = strings.TrimLeft(s, "+-")
	digits, exponent := "123456789", "eE"
	if len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s, digits, exponent = s[2:], "123456789abcdefABCDEF", "pP"
	}
	if i := strings.IndexAny(s, exponent); i >= 0 {
		s = s[:i]
	}
	return strings.ContainsAny(s, digits)
}

// SkipSpace returns the index of the first byte at or after i that is not
// JSON whitespace.
func SkipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// StringEnd returns the index just past the closing quote of the string
// whose opening quote is b[i]; ok is false when the string is not closed.
// It does not check the string's contents (Unquote does).
func StringEnd(b []byte, i int) (end int, ok bool) {
	j := i + 1
	for {
		q := bytes.IndexByte(b[j:], '"')
		if q < 0 {
			return 0, false
		}
		end := j + q
		// The quote ends the string unless an odd number of backslashes
		// escapes it.
		n := 0
		for k := end - 1; k > i && b[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return end + 1, true
		}
		j = end + 1
	}
}

// Unquote returns the text of the JSON string raw (quotes included). A
// string without escapes is returned as a subslice of raw; one with escapes
// is decoded by appending to scratch[:0]. Control characters, unknown or
// malformed escapes and invalid UTF-8 are errors; a lone surrogate escape
// becomes U+FFFD, as encoding/json does.
func Unquote(raw, scratch []byte) ([]byte, error) {
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
			return nil, ErrEnd
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

// LoneSurrogate returns the index of the first \uXXXX escape in the
// strings of b, JSON text, that is half of a UTF-16 surrogate pair without
// its other half (Python's json.dumps writes one for a byte that
// surrogateescape decoded), or -1 when there is none. Parsers read such an
// escape as U+FFFD, as they read invalid UTF-8. It stops at a string that
// is not closed and skips a \u escape cut short: a parser words those.
func LoneSurrogate(b []byte) int {
	return loneSurrogate(b, false)
}

// LoneHighSurrogate is LoneSurrogate for the first half of a pair alone
// (\ud800 not followed by \udc00-\udfff): jq refuses text that holds one
// ("Invalid \uXXXX\uXXXX surrogate pair escape"), where it reads a lone
// second half as U+FFFD, as encoding/json and Unquote read either.
func LoneHighSurrogate(b []byte) int {
	return loneSurrogate(b, true)
}

func loneSurrogate(b []byte, highOnly bool) int {
	if !bytes.Contains(b, []byte(`\u`)) {
		return -1
	}
	for i := 0; i < len(b); i++ {
		if b[i] != '"' {
			continue
		}
		end, ok := StringEnd(b, i)
		if !ok {
			return -1
		}
		for j := i + 1; j < end-1; j++ {
			if b[j] != '\\' {
				continue
			}
			j++
			if b[j] != 'u' || j+4 >= end-1 {
				continue
			}
			r, _ := hex4(b[j+1:])
			switch {
			case !utf16.IsSurrogate(r):
			case r < 0xdc00 && j+11 < end && b[j+5] == '\\' && b[j+6] == 'u' && lowHalf(b[j+7:]):
				j += 6
			case highOnly && r >= 0xdc00:
			default:
				return j - 1
			}
			j += 4
		}
		i = end - 1
	}
	return -1
}

// JQDepth returns how deep jq's parser nests to read b, one well-formed
// JSON value: an array takes one level of its stack and an object two (the
// object and the key it reads), so {"a":[1]} is 3. jq 1.6 refuses text
// deeper than 256 ("Exceeds depth limit for parsing"), jq 1.7 deeper than
// 10000.
func JQDepth(b []byte) int {
	depth, deepest := 0, 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			end, ok := StringEnd(b, i)
			if !ok {
				return deepest
			}
			i = end - 1
		case '[':
			depth++
		case '{':
			depth += 2
		case ']':
			depth--
		case '}':
			depth -= 2
		}
		deepest = max(deepest, depth)
	}
	return deepest
}

// hex4 reads the UTF-16 code unit of the four hex digits s starts with,
// the XXXX of a \uXXXX escape.
func hex4(s []byte) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s[:4]), 16, 16)
	return rune(v), err == nil
}

// lowHalf reports whether the four hex digits s starts with are the second
// half of a UTF-16 surrogate pair.
func lowHalf(s []byte) bool {
	r, ok := hex4(s)
	return ok && r >= 0xdc00 && r <= 0xdfff
}

// SurrogateError is a \uXXXX escape of half a UTF-16 surrogate pair
// (LoneSurrogate) in JSON text, at byte At.
type SurrogateError struct {
	Escape string // \udcff
	At     int
}

// CheckSurrogates returns a *SurrogateError for the first lone surrogate
// escape in b (LoneSurrogate), or nil.
func CheckSurrogates(b []byte) error {
	i := LoneSurrogate(b)
	if i < 0 {
		return nil
	}
	return &SurrogateError{Escape: string(b[i : i+6]), At: i}
}

func (e *SurrogateError) Error() string {
	return fmt.Sprintf("%s at byte %d is half of a UTF-16 surrogate pair, which no UTF-8 text holds: it would be read as U+FFFD; write such bytes base64 or hex", e.Escape, e.At)
}

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string, escaping what JSON requires
// (and nothing more, so valid text reads as itself); invalid UTF-8 becomes
// U+FFFD.
func AppendString[T string | []byte](dst []byte, s T) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune([]byte(s[i:min(i+utf8.UTFMax, len(s))]))
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
