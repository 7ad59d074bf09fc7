package filter

import (
	"bytes"
	"encoding/base64"
	"unicode/utf8"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
)

// envelope is the value an expression sees: the fields of a --json line,
// refilled in place for each record.
type envelope map[string]any

func newEnvelope() envelope { return envelope{} }

// fill sets e to r's fields. A key or value that is a JSON document becomes
// its parsed value; other bytes are a string, as --json writes them (valid
// UTF-8 as text, anything else as base64 with key_encoding or
// value_encoding "base64"). Header names and values are strings the same
// way: only keys and values are parsed.
func (e envelope) fill(r *kgo.Record) map[string]any {
	e["topic"] = r.Topic
	e["partition"] = int(r.Partition)
	e["offset"] = int(r.Offset)
	e["timestamp"] = int(r.Timestamp.UnixMilli())
	if r.Attrs.TimestampType() == 1 {
		e["timestamp_type"] = "log_append"
	} else {
		e["timestamp_type"] = "create"
	}
	delete(e, "key_schema")
	delete(e, "value_schema")
	e.setBytes("key", r.Key, true)
	e.setBytes("value", r.Value, true)
	headers := make([]any, len(r.Headers))
	for i, h := range r.Headers {
		he := envelope{"key": h.Key}
		if !utf8.ValidString(h.Key) {
			he.setText("key", []byte(h.Key))
		}
		he.setBytes("value", h.Value, false)
		headers[i] = map[string]any(he)
	}
	e["headers"] = headers
	e["leader_epoch"] = int(r.LeaderEpoch)
	return e
}

// setDecoded marks name, which fill set from side's JSON, as --json writes
// a decoded key or value: name_encoding "json", and name_schema the
// registry schema that decoded it, if any. A side not decoded is left as
// fill set it.
func (e envelope) setDecoded(name string, side *format.DecodedField, last *parsedSchema) {
	if side == nil {
		return
	}
	e[name+"_encoding"] = "json"
	if side.Schema != nil {
		e[name+"_schema"] = last.parse(side.Schema)
	}
}

// parsedSchema is a key_schema or value_schema object, parsed from its
// JSON once for the records in a row that share it. gojq does not change
// the values it is given, so the records share the parsed value too.
type parsedSchema struct {
	json []byte
	v    any
}

func (p *parsedSchema) parse(b []byte) any {
	if !bytes.Equal(b, p.json) {
		// format.SchemaRef's JSON, which is always valid.
		v, _ := parseJSON(b)
		*p = parsedSchema{json: b, v: v}
	}
	return p.v
}

// setBytes sets e[name] to b as described at fill, and e[name+"_encoding"]
// when b is base64.
func (e envelope) setBytes(name string, b []byte, parse bool) {
	delete(e, name+"_encoding")
	switch {
	case b == nil:
		e[name] = nil
	case parse && mayBeJSON(b):
		if v, ok := parseJSON(b); ok {
			e[name] = v
			return
		}
		e.setText(name, b)
	default:
		e.setText(name, b)
	}
}

func (e envelope) setText(name string, b []byte) {
	if utf8.Valid(b) {
		e[name] = string(b)
		return
	}
	e[name] = base64.StdEncoding.EncodeToString(b)
	e[name+"_encoding"] = "base64"
}

// mayBeJSON is a cheap first look: whether b starts like a JSON document,
// so that plain text is not handed to the JSON parser.
func mayBeJSON(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '{', '[', '"', '-', 't', 'f', 'n', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return true
		}
		return false
	}
	return false
}
