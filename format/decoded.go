package format

import (
	"strconv"

	"github.com/kafkashore/shore/internal/jsontext"
)

// MaxEmbedDepth is how deep (jsontext.JQDepth) the JSON of a key or value
// embedded in a JSON line may nest: jq 1.6, Debian 12's, refuses text
// deeper than 256, and the line's own object takes 2 of them.
const MaxEmbedDepth = 254

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
