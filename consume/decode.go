package consume

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/schema"
)

// DecodeMode is how the key or the value of records is decoded to JSON.
type DecodeMode uint8

// The decode modes.
const (
	// DecodeNone leaves the bytes as they are.
	DecodeNone DecodeMode = iota
	// DecodeRegistry requires the wire format and decodes through the
	// registry.
	DecodeRegistry
	// DecodeAuto decodes through the registry what starts with the magic
	// byte and leaves the rest as it is.
	DecodeAuto
	// DecodeLocal decodes raw payloads (no wire header) with a local
	// schema's Codec.
	DecodeLocal
	// DecodeJSON embeds bytes that are valid JSON as JSON.
	DecodeJSON
)

// Decoding says how one side, key or value, is decoded.
type Decoding struct {
	Mode  DecodeMode
	Codec schema.Codec // DecodeLocal
}

// Decoder decodes the keys and values of records to JSON. Its Decoded
// result is valid until the next call.
type Decoder struct {
	Key, Value Decoding
	// Schemas fetches registry schemas; needed by DecodeRegistry and
	// DecodeAuto.
	Schemas *schema.Cache
	// Embed says that the decoded JSON goes into --json lines: a key or
	// value that jq could not read there (format.CheckEmbed) is left
	// undecoded.
	Embed bool

	key, value       format.DecodedField
	keyBuf, valBuf   []byte
	keyLast, valLast lastSchema
}

// lastSchema is the schema a side was last decoded with: records in a row
// mostly share one, and this saves the cache's lock and map lookup.
type lastSchema struct {
	schema *schema.Schema
	// refs holds format.SchemaRef's JSON by topic and Protobuf message
	// ("" for other types), each made once.
	refs map[refKey][]byte
}

// refKey is what a SchemaRef of one schema depends on: the record's
// topic, whose subject names a schema registered under several, and the
// Protobuf message.
type refKey struct{ topic, message string }

// ref returns the JSON of the schema's SchemaRef with message, for a
// record of topic whose side (key or value) it encodes.
func (l *lastSchema) ref(topic, side, message string) []byte {
	key := refKey{topic, message}
	if ref, ok := l.refs[key]; ok {
		return ref
	}
	s := l.schema
	subject, version := s.SubjectIn(topic + "-" + side)
	ref := format.SchemaRef{ID: s.ID, Type: s.Type.String(), Subject: subject, Version: version, Message: message}.AppendJSON(nil)
	l.refs[key] = ref
	return ref
}

// Decode decodes r's key and value as d says. A side that cannot be decoded
// is left undecoded (nil in the result) and named in the error, so that the
// record is still written, raw.
func (d *Decoder) Decode(ctx context.Context, r *kgo.Record) (format.Decoded, error) {
	var out format.Decoded
	var errs []error
	var err error
	if out.Key, d.keyBuf, err = d.side(ctx, r.Topic, "key", d.Key, r.Key, d.keyBuf, &d.key, &d.keyLast); err != nil {
		errs = append(errs, fmt.Errorf("key: %w", err))
	}
	if out.Value, d.valBuf, err = d.side(ctx, r.Topic, "value", d.Value, r.Value, d.valBuf, &d.value, &d.valLast); err != nil {
		errs = append(errs, fmt.Errorf("value: %w", err))
	}
	return out, errors.Join(errs...)
}

// schemaWaitError is a schema request that ctx ended before the registry
// answered.
type schemaWaitError struct {
	side   string
	id     int
	waited time.Duration
	err    error
}

func (e *schemaWaitError) Error() string {
	return fmt.Sprintf("schema id %d: no answer within %s: %v", e.id, e.waited, e.err)
}

func (e *schemaWaitError) Unwrap() error { return e.err }

func (d *Decoder) side(ctx context.Context, topic, name string, how Decoding, b, buf []byte, field *format.DecodedField, last *lastSchema) (*format.DecodedField, []byte, error) {
	if how.Mode == DecodeNone || b == nil {
		return nil, buf, nil
	}
	var err error
	switch how.Mode {
	case DecodeJSON:
		buf, err = schema.AppendCompactJSON(buf[:0], b)
	case DecodeLocal:
		buf, err = how.Codec.AppendJSON(buf[:0], b)
		// Records a registry serializer wrote fail a local schema in
		// ways that do not say why (bytes left over, a wrong type):
		// say what they look like. A raw payload may start as the
		// header does too, so this is a hint, after the failure.
		if id, _, herr := schema.SplitHeader(b); err != nil && herr == nil {
			err = fmt.Errorf("%w; it starts with a schema registry header (schema id %d): read it with --decode", err, id)
		}
	default:
		if how.Mode == DecodeAuto && !schema.HasHeader(b) {
			return nil, buf, nil
		}
		var id int
		var rest []byte
		if id, rest, err = schema.SplitHeader(b); err != nil {
			return nil, buf, err
		}
		if last.schema == nil || last.schema.ID != id {
			// Timed only when the schema changes, not for every record.
			asked := time.Now()
			s, err := d.Schemas.ByID(ctx, id)
			if err != nil && ctx.Err() != nil {
				return nil, buf, &schemaWaitError{side: name, id: id, waited: time.Since(asked), err: err}
			}
			if err != nil {
				return nil, buf, err
			}
			*last = lastSchema{schema: s, refs: map[refKey][]byte{}}
		}
		var message string
		if buf, message, err = last.schema.AppendJSON(buf[:0], rest); err != nil {
			return nil, buf, fmt.Errorf("schema id %d: %w", id, err)
		}
		field.Schema = last.ref(topic, name, message)
	}
	if err != nil {
		return nil, buf, err
	}
	if d.Embed {
		if err := format.CheckEmbed(buf); err != nil {
			return nil, buf, err
		}
	}
	field.JSON = buf
	return field, buf, nil
}
