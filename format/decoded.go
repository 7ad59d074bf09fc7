package format

import (
	"fmt"
	"strconv"

	"github.com/kafkashore/shore/internal/jsontext"
)

// MaxEmbedDepth is how deep (jsontext.JQDepth) the JSON of a key or value
// embedded in a JSON line may nest: jq 1.6, Debian 12's, refuses text
// deeper than 256, and the line's own object takes 2 of them.
const MaxEmbedDepth = 254

// CheckEmbed returns why j, one compact JSON value in UTF-8, cannot be
// embedded in a JSON line that jq reads as it is, or nil: a \uXXXX escape
// of half a UTF-16 surrogate pair (RFC 7493's I-JSON forbids one; jq
// refuses a first half alone and reads a second as U+FFFD), or nesting
// deeper than MaxEmbedDepth.
func CheckEmbed(j []byte) error {
	if i := jsontext.LoneSurrogate(j); i >= 0 {
		return fmt.Errorf("not JSON in UTF-8: %s at byte %d is half of a UTF-16 surrogate pair, which jq refuses or reads as U+FFFD", j[i:i+6], i)
	}
	// Each level takes two bytes at least ([], or {"":} for two): a
	// shorter value is not scanned.
	if len(j) <= 2*MaxEmbedDepth {
		return nil
	}
	if depth := jsontext.JQDepth(j); depth > MaxEmbedDepth {
		return fmt.Errorf("its JSON nests %d deep as jq counts (an object 2, an array 1): jq 1.6 reads at most %d inside a --json line", depth, MaxEmbedDepth)
	}
	return nil
}

// Decoded is a record's key and value decoded to JSON text (through a
// schema, or checked to be JSON already); a nil field was not decoded and
// is written as usual.
type Decoded struct {
	Key, Value *DecodedField
}

// DecodedField is one decoded key or value.
type DecodedField struct {
	// JSON is one compact JSON value.
	JSON []byte
	// Schema is the registry schema it was decoded with, as
	// SchemaRef.AppendJSON writes it (made once per schema, not per
	// record); nil without a registry.
	Schema []byte
}

// SchemaRef names a registry schema in JSON output.
type SchemaRef struct {
	ID      int
	Type    string
	Subject string
	Version int
	// Message is the full name of the Protobuf message a record's index
	// chose; "" for other types.
	Message string
}

// AppendJSON appends {"id":3,"type":"AVRO"}, with "subject" and "version"
// when the subject is known, and "message" when there is one.
func (s SchemaRef) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = strconv.AppendInt(dst, int64(s.ID), 10)
	dst = append(dst, `,"type":`...)
	dst = jsontext.AppendString(dst, s.Type)
	if s.Subject != "" {
		dst = append(dst, `,"subject":`...)
		dst = jsontext.AppendString(dst, s.Subject)
		dst = append(dst, `,"version":`...)
		dst = strconv.AppendInt(dst, int64(s.Version), 10)
	}
	if s.Message != "" {
		dst = append(dst, `,"message":`...)
		dst = jsontext.AppendString(dst, s.Message)
	}
	return append(dst, '}')
}

// appendDecodedField appends ,"name":JSON,"name_encoding":"json" and the
// schema, if any.
func appendDecodedField(dst []byte, name string, f *DecodedField) []byte {
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, `":`...)
	dst = append(dst, f.JSON...)
	dst = append(dst, `,"`...)
	dst = append(dst, name...)
	dst = append(dst, `_encoding":"json"`...)
	if f.Schema != nil {
		dst = append(dst, `,"`...)
		dst = append(dst, name...)
		dst = append(dst, `_schema":`...)
		dst = append(dst, f.Schema...)
	}
	return dst
}
