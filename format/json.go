package format

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/jsontext"
)

// Encoding says how the bytes of a key, value or header value are written as
// a JSON string.
type Encoding uint8

// The encodings of JSON record lines. EncodingAuto writes valid UTF-8 as
// text and anything else as base64, so every line is valid JSON.
const (
	EncodingAuto Encoding = iota
	EncodingText
	EncodingBase64
	EncodingHex
)

// ParseEncoding parses text, base64 or hex.
func ParseEncoding(s string) (Encoding, error) {
	switch s {
	case "text":
		return EncodingText, nil
	case "base64":
		return EncodingBase64, nil
	case "hex":
		return EncodingHex, nil
	}
	return 0, fmt.Errorf("encoding %q: want text, base64, hex or json", s)
}

func (e Encoding) String() string {
	switch e {
	case EncodingText:
		return "text"
	case EncodingBase64:
		return "base64"
	case EncodingHex:
		return "hex"
	}
	return "auto"
}

// JSONOptions force the encoding of keys and values; the zero value chooses
// per record (EncodingAuto).
type JSONOptions struct {
	Key, Value Encoding
}

// AppendJSON appends r as one JSON object and a newline, the shape that
// `shore consume --json` writes and `shore produce --json` reads:
//
//	{"topic":"t","partition":0,"offset":7,"timestamp":1763856000000,"timestamp_type":"create",
//	 "key":"k","value":"v","headers":[{"key":"h","value":"x"}],"leader_epoch":0}
//
// A null key or value is null. key_encoding, value_encoding (and a header's
// key_encoding and value_encoding) appear when the string is not plain
// text: "base64" or "hex". Text with invalid UTF-8, when text is forced, has U+FFFD in place
// of the invalid bytes.
func AppendJSON(dst []byte, r *kgo.Record, o JSONOptions) []byte {
	return AppendJSONDecoded(dst, r, o, nil)
}

// AppendJSONDecoded is AppendJSON with the key and value of d, where set,
// embedded as JSON values rather than strings, each followed by
// "key_encoding"/"value_encoding":"json" and its registry schema:
//
//	"value":{"amount":3},"value_encoding":"json","value_schema":{"id":3,"type":"AVRO"}
func AppendJSONDecoded(dst []byte, r *kgo.Record, o JSONOptions, d *Decoded) []byte {
	dst = appendRecordPlace(dst, r)
	dst = append(dst, `,"timestamp_type":`...)
	if r.Attrs.TimestampType() == 1 {
		dst = append(dst, `"log_append"`...)
	} else {
		dst = append(dst, `"create"`...)
	}
	if d != nil && d.Key != nil {
		dst = appendDecodedField(dst, "key", d.Key)
	} else {
		dst = appendBytesField(dst, "key", r.Key, o.Key)
	}
	if d != nil && d.Value != nil {
		dst = appendDecodedField(dst, "value", d.Value)
	} else {
		dst = appendBytesField(dst, "value", r.Value, o.Value)
	}
	dst = appendHeaders(dst, r.Headers)
	dst = append(dst, `,"leader_epoch":`...)
	dst = strconv.AppendInt(dst, int64(r.LeaderEpoch), 10)
	return append(dst, "}\n"...)
}

// appendHeaders appends ,"headers":[{"key":K,"value":V},...].
func appendHeaders(dst []byte, headers []kgo.RecordHeader) []byte {
	dst = append(dst, `,"headers":[`...)
	for i, h := range headers {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"key":`...)
		if utf8.ValidString(h.Key) {
			dst = jsontext.AppendString(dst, h.Key)
		} else {
			// Kafka's protocol calls a header's name a string, but
			// librdkafka sends any bytes.
			dst = append(dst, '"')
			dst = base64.StdEncoding.AppendEncode(dst, []byte(h.Key))
			dst = append(dst, `","key_encoding":"base64"`...)
		}
		dst = appendBytesField(dst, "value", h.Value, EncodingAuto)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// appendBytesField appends ,"name":VALUE and, when needed, ,"name_encoding":E.
func appendBytesField(dst []byte, name string, b []byte, enc Encoding) []byte {
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, `":`...)
	if b == nil {
		return append(dst, "null"...)
	}
	if enc == EncodingAuto {
		enc = EncodingText
		if !utf8.Valid(b) {
			enc = EncodingBase64
		}
	}
	switch enc {
	case EncodingBase64:
		dst = append(dst, '"')
		dst = base64.StdEncoding.AppendEncode(dst, b)
		dst = append(dst, '"')
	case EncodingHex:
		dst = append(dst, '"')
		dst = hex.AppendEncode(dst, b)
		dst = append(dst, '"')
	default:
		return jsontext.AppendString(dst, b)
	}
	dst = append(dst, `,"`...)
	dst = append(dst, name...)
	dst = append(dst, `_encoding":"`...)
	dst = append(dst, enc.String()...)
	return append(dst, '"')
}

const hexDigits = "0123456789abcdef"

// JSONRecord is one decoded JSON input line.
type JSONRecord struct {
	Key, Value []byte // nil is null
	// KeyDoc and ValueDoc are the JSON documents a schema encodes: the
	// key's or value's JSON value as written (so "key":"k" is the JSON
	// string "k"), or, when a text, base64 or hex encoding is named, the
	// text its bytes hold. nil is null.
	KeyDoc, ValueDoc []byte
	Headers          []kgo.RecordHeader
	// Partition is the requested partition, or -1 when the line names none.
	Partition int32
	// Timestamp is the requested timestamp, or the zero time when none.
	Timestamp time.Time
	// TimestampUTC is true for a Timestamp written without a zone
	// (WithoutZone), which is read as UTC.
	TimestampUTC bool
	// KeySchemaID and ValueSchemaID are the ids of key_schema and
	// value_schema, the schemas consume decoded the key and value with;
	// 0 when the line has none.
	KeySchemaID, ValueSchemaID int
	// KeySchemaType and ValueSchemaType are the types key_schema and
	// value_schema give (AVRO, PROTOBUF, JSON); "" when they give none.
	KeySchemaType, ValueSchemaType string
	// KeyMessage and ValueMessage are the Protobuf messages key_schema
	// and value_schema name; "" when they name none.
	KeyMessage, ValueMessage string
}

type jsonHeader struct {
	Key           *string `json:"key"`
	KeyEncoding   string  `json:"key_encoding"`
	Value         *string `json:"value"`
	ValueEncoding string  `json:"value_encoding"`
}

type jsonLine struct {
	Key           json.RawMessage   `json:"key"`
	KeyEncoding   string            `json:"key_encoding"`
	Value         json.RawMessage   `json:"value"`
	ValueEncoding string            `json:"value_encoding"`
	Headers       []json.RawMessage `json:"headers"`
	Partition     *int32            `json:"partition"`
	Timestamp     json.RawMessage   `json:"timestamp"`
	KeySchema     *lineSchema       `json:"key_schema"`
	ValueSchema   *lineSchema       `json:"value_schema"`
}

// lineSchema is a key_schema or value_schema object, of which only the
// id, the type and the Protobuf message matter to produce.
type lineSchema struct {
	ID      int    `json:"id"`
	Type    string `json:"type"`
	Message string `json:"message"`
}

// DecodeJSON decodes one line of the shape AppendJSON writes. Fields it does
// not use (topic, offset, timestamp_type, leader_epoch, and what
// AppendUndelivered adds) are ignored, and of the schemas only their ids,
// types and Protobuf messages are read, so consume output and --failed
// lines can be produced again as they are; any other field is an error.
// The timestamp is unix milliseconds, or a string in shore's TIME syntax
// relative to now; -1, a record without one as consume writes it, is none
// (the zero time).
func DecodeJSON(line []byte, now time.Time) (JSONRecord, error) {
	if jsontext.HasBOM(line) {
		return JSONRecord{}, jsontext.ErrBOM
	}
	if i := invalidUTF8(line); i >= 0 {
		// encoding/json would read such bytes in a string as U+FFFD,
		// sending bytes the line does not hold.
		return JSONRecord{}, fmt.Errorf("invalid UTF-8 at byte %d: JSON text is UTF-8; write other bytes base64 or hex, with key_encoding or value_encoding, as consume --json does", i)
	}
	var l jsonLine
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&l); err != nil {
		return JSONRecord{}, jsonError(err)
	}
	if err := checkRest(line, dec.InputOffset()); err != nil {
		return JSONRecord{}, err
	}
	if err := jsontext.CheckSurrogates(line); err != nil {
		return JSONRecord{}, fmt.Errorf("%w, with key_encoding or value_encoding", err)
	}
	if bytes.Equal(bytes.TrimSpace(line), []byte("null")) {
		// encoding/json decodes null into a struct as nothing at all,
		// which would send a record with a null key and value.
		return JSONRecord{}, errors.New("want a JSON object, got JSON null")
	}
	if err := checkFields(line); err != nil {
		return JSONRecord{}, err
	}
	rec := JSONRecord{Partition: -1}
	if l.KeySchema != nil {
		rec.KeySchemaID, rec.KeySchemaType, rec.KeyMessage = l.KeySchema.ID, l.KeySchema.Type, l.KeySchema.Message
	}
	if l.ValueSchema != nil {
		rec.ValueSchemaID, rec.ValueSchemaType, rec.ValueMessage = l.ValueSchema.ID, l.ValueSchema.Type, l.ValueSchema.Message
	}
	var err error
	if rec.Key, rec.KeyDoc, err = decodeRawBytes("key", l.Key, l.KeyEncoding); err != nil {
		return JSONRecord{}, err
	}
	if rec.Value, rec.ValueDoc, err = decodeRawBytes("value", l.Value, l.ValueEncoding); err != nil {
		return JSONRecord{}, err
	}
	for i, raw := range l.Headers {
		var h jsonHeader
		if err := json.Unmarshal(raw, &h); err != nil {
			return JSONRecord{}, headerError(i, err)
		}
		if h.Key == nil {
			return JSONRecord{}, fmt.Errorf("headers[%d]: no key", i)
		}
		k, err := decodeBytes(fmt.Sprintf("headers[%d].key", i), h.Key, h.KeyEncoding)
		if err != nil {
			return JSONRecord{}, err
		}
		v, err := decodeBytes(fmt.Sprintf("headers[%d].value", i), h.Value, h.ValueEncoding)
		if err != nil {
			return JSONRecord{}, err
		}
		rec.Headers = append(rec.Headers, kgo.RecordHeader{Key: string(k), Value: v})
	}
	if l.Partition != nil {
		if *l.Partition < 0 {
			return JSONRecord{}, fmt.Errorf("partition %d: want 0 or more", *l.Partition)
		}
		rec.Partition = *l.Partition
	}
	if len(l.Timestamp) > 0 && string(l.Timestamp) != "null" {
		if rec.Timestamp, rec.TimestampUTC, err = decodeTimestamp(l.Timestamp, now); err != nil {
			return JSONRecord{}, err
		}
	}
	return rec, nil
}

// checkRest refuses anything but whitespace after the line's JSON value,
// which ends at byte end. The decoder's More would not see a stray } or ]
// there ({"key":"a"}}"value":"b"} would send a null value).
func checkRest(line []byte, end int64) error {
	rest := line[end:]
	trimmed := bytes.TrimLeft(rest, " \t\r\n")
	if len(trimmed) == 0 {
		return nil
	}
	var next json.RawMessage
	if json.NewDecoder(bytes.NewReader(trimmed)).Decode(&next) == nil {
		return errors.New("more than one JSON value on the line")
	}
	at := end + int64(len(rest)-len(trimmed)) + 1
	c, _ := utf8.DecodeRune(trimmed)
	return fmt.Errorf("invalid JSON at byte %d: %s after the JSON value", at, strconv.QuoteRune(c))
}

// decodeRawBytes decodes a key or value: a string in its encoding, null,
// or, with encoding "json" or when it is not a string, the JSON value's own
// text (compacted), as 'shore consume --decode' embeds it. doc is the
// document a schema encodes (see JSONRecord). null with encoding "json" is
// the JSON text null, as consume embeds a value that holds it, not a
// null (a tombstone).
func decodeRawBytes(field string, raw json.RawMessage, enc string) (b, doc []byte, err error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || string(trimmed) == "null" && enc != "json" {
		return nil, nil, nil
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, trimmed); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", field, err)
	}
	if enc == "json" || trimmed[0] != '"' {
		if enc != "" && enc != "json" {
			return nil, nil, fmt.Errorf("%s_encoding %q: a %s that is not a string must be JSON (%s_encoding json)", field, enc, field, field)
		}
		return compact.Bytes(), compact.Bytes(), nil
	}
	var s string
	if err := json.Unmarshal(trimmed, &s); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", field, err)
	}
	if enc != "" && enc != "text" && enc != "base64" && enc != "hex" {
		return nil, nil, fmt.Errorf("%s_encoding %q: want text, base64, hex or json", field, enc)
	}
	if b, err = decodeBytes(field, &s, enc); err != nil {
		return nil, nil, err
	}
	if enc == "" {
		return b, compact.Bytes(), nil
	}
	return b, b, nil
}

// lineFields are the names a --json line may use: the ones `shore consume
// --json` writes (AppendJSON, AppendJSONDecoded) and the ones a --failed
// line adds (AppendUndelivered), so that either is sent again as it is.
// A name outside them is a mistyped one ("vaule"), refused rather than
// read as a missing field, which would send a null.
var lineFields = map[string]bool{
	"topic": true, "partition": true, "offset": true, "timestamp": true, "timestamp_type": true,
	"key": true, "key_encoding": true, "key_schema": true,
	"value": true, "value_encoding": true, "value_schema": true,
	"headers": true, "leader_epoch": true,
	"input": true, "input_line": true, "fate": true, "error": true,
}

// kcatFields are the names in kcat -J's lines that a --json line does not
// have, so that a line copied from kcat is named as such.
var kcatFields = map[string]bool{"ts": true, "tstype": true, "broker": true, "payload": true}

// headerFields are the names a header object may use.
var headerFields = map[string]bool{"key": true, "key_encoding": true, "value": true, "value_encoding": true}

// checkFields refuses a field of the line's object, or of one of its
// headers, that is unknown, and a field of either given twice, which
// encoding/json would settle silently by keeping the last. Names are
// compared as encoding/json matches them to fields: without regard to case.
// The line must be one valid JSON object.
func checkFields(line []byte) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	seen := make(map[string]bool, 8)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		name, _ := tok.(string)
		folded := strings.ToLower(name)
		if seen[folded] {
			return fmt.Errorf("%q is given twice: which one to send?", name)
		}
		seen[folded] = true
		if kcatFields[folded] {
			return fmt.Errorf(`unknown field %q: a kcat -J line (ts, tstype, broker, payload, headers as a flat list); --json reads the shape consume --json writes, {"key","value","headers":[{"key","value"}],"timestamp"}, which jq -c '{key, value: .payload, timestamp: .ts}' makes of one without headers`, name)
		}
		if !lineFields[folded] {
			return unknownField(name, line)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil
		}
		if folded == "headers" {
			if err := checkHeaderFields(raw); err != nil {
				return err
			}
		}
	}
	return nil
}

// unknownField refuses the line's field name, which is none of lineFields:
// it names the field a typo or two away ("vaule"), or, when the line has
// neither a key nor a value, says that it looks like a value, not a record.
func unknownField(name string, line []byte) error {
	err := fmt.Errorf("unknown field %q (a --json line has key, value, headers, partition, timestamp, key_encoding, value_encoding and the other fields consume --json writes)", name)
	folded := strings.ToLower(name)
	meant := Nearest(folded, slices.Sorted(maps.Keys(lineFields)), strings.ToLower, MostTypos(folded))
	switch {
	case meant != "":
		return fmt.Errorf("%w: did you mean %q?", err, meant)
	case !hasKeyOrValue(line):
		return fmt.Errorf(`%w: a --json line is a record, {"key":...,"value":...}; to send each line as the value, leave out --json`, err)
	}
	return err
}

// hasKeyOrValue reports whether the object line has a key or a value
// field: one with neither is more likely a value than a record.
func hasKeyOrValue(line []byte) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(line, &fields) != nil {
		return true
	}
	for name := range fields {
		if folded := strings.ToLower(name); folded == "key" || folded == "value" {
			return true
		}
	}
	return false
}

// checkHeaderFields refuses an unknown field in a header object of raw, the
// headers array of a line that decoded, or one a header gives twice, naming
// the first in line order.
func checkHeaderFields(raw json.RawMessage) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil
	}
	for i := 0; dec.More(); i++ {
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			return nil
		}
		seen := make(map[string]bool, len(headerFields))
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return nil
			}
			name, _ := tok.(string)
			folded := strings.ToLower(name)
			if !headerFields[folded] {
				return fmt.Errorf("headers[%d]: unknown field %q (a header has key, value, key_encoding and value_encoding)", i, name)
			}
			if seen[folded] {
				return fmt.Errorf("headers[%d]: %q is given twice: which one to send?", i, name)
			}
			seen[folded] = true
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil
			}
		}
		if _, err := dec.Token(); err != nil {
			return nil
		}
	}
	return nil
}

// decodeBytes decodes a string in its encoding, text, base64 or hex (a
// header's name or value: json is a key's or value's only); nil is null.
func decodeBytes(field string, s *string, enc string) ([]byte, error) {
	if s == nil {
		return nil, nil
	}
	switch enc {
	case "", "text":
		return []byte(*s), nil
	case "base64":
		b, err := base64.StdEncoding.DecodeString(*s)
		if err != nil {
			return nil, fmt.Errorf("%s: not base64: %s", field, base64Problem(*s, err))
		}
		return b, nil
	case "hex":
		b, err := hex.DecodeString(*s)
		var invalid hex.InvalidByteError
		switch {
		case errors.As(err, &invalid):
			i := strings.IndexByte(*s, byte(invalid))
			return nil, fmt.Errorf("%s: not hex: %s at byte %d is not a hex digit", field, quoteByteAt(*s, i), i)
		case err != nil:
			return nil, fmt.Errorf("%s: not hex: an odd number of hex digits (%d)", field, len(*s))
		}
		return b, nil
	}
	return nil, fmt.Errorf("%s_encoding %q: want text, base64 or hex", field, enc)
}

// decodeTimestamp decodes a line's timestamp, unix milliseconds or a TIME
// string; utc is true for a TIME written without a zone (WithoutZone).
func decodeTimestamp(raw json.RawMessage, now time.Time) (t time.Time, utc bool, err error) {
	var ms int64
	if err := json.Unmarshal(raw, &ms); err == nil {
		if ms == noTimestamp {
			return time.Time{}, false, nil
		}
		if err := checkSendMillis(ms); err != nil {
			return time.Time{}, false, err
		}
		return time.UnixMilli(ms), false, nil
	}
	if digits, _ := strings.CutPrefix(string(raw), "-"); digits != "" && isDigits(digits) {
		// Whole milliseconds, too many for an int64.
		return time.Time{}, false, millisOutOfRange(string(raw))
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return time.Time{}, false, fmt.Errorf("timestamp %s: want unix milliseconds or a TIME string", raw)
	}
	t, err = ParseTime(s, now)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("timestamp %q: %v", s, err)
	}
	if t.After(LatestTimestamp) {
		return time.Time{}, false, fmt.Errorf("timestamp %q: %s is %s", s, t.UTC().Format(time.RFC3339Nano), afterLatest)
	}
	return t, WithoutZone(s), nil
}

// base64Problem says why s, which err says is not base64, is not the
// standard, padded base64 that consume --json writes. encoding/base64 names
// only the start of the group of four characters it could not finish
// ("illegal base64 data at input byte 0" for "YQ", which lacks its "==").
func base64Problem(s string, err error) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' || c == '_':
			return fmt.Sprintf("%q at byte %d is base64url's (as in URLs and JWTs): write standard base64, + for - and / for _, padded with =", c, i)
		case !isBase64Byte(c):
			return fmt.Sprintf("%s at byte %d is not a base64 character", quoteByteAt(s, i), i)
		}
	}
	if _, rawErr := base64.RawStdEncoding.DecodeString(s); rawErr == nil {
		return fmt.Sprintf("%d characters, not a multiple of 4: the = padding at its end is missing", len(s))
	}
	return err.Error()
}

// isBase64Byte reports whether c may be in standard base64 text, its
// padding and the line breaks encoding/base64 skips included.
func isBase64Byte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '+' || c == '/' || c == '=' || c == '\r' || c == '\n'
}

// quoteByteAt quotes the character of s that starts at byte i.
func quoteByteAt(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return strconv.QuoteRune(r)
}

// invalidUTF8 returns the index of the first byte of b that is not valid
// UTF-8, or -1 when all of it is.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// jsonError words encoding/json's errors for a person reading one line.
func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return fmt.Errorf("want a JSON object, got JSON %s", typeErr.Value)
		}
		return fmt.Errorf("%s: want %s, got JSON %s", typeErr.Field, jsonWant(typeErr.Type), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("invalid JSON at byte %d: %v", syntaxErr.Offset, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("invalid JSON: the object is cut short")
	}
	return fmt.Errorf("invalid JSON: %v", err)
}

// headerError words the error decoding the line's header i (a header of
// the wrong JSON type, or a field of it) with its index, which encoding/json
// leaves out of the field it names ("headers.value" of any header).
func headerError(i int, err error) error {
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) {
		return fmt.Errorf("headers[%d]: %v", i, err)
	}
	at := fmt.Sprintf("headers[%d]", i)
	if typeErr.Field != "" {
		at += "." + typeErr.Field
	}
	return fmt.Errorf("%s: want %s, got JSON %s", at, jsonWant(typeErr.Type), typeErr.Value)
}

// jsonWant words the Go type a line's field decodes into as the JSON it
// takes, so that an error never names shore's own types or Go's.
func jsonWant(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[[]json.RawMessage]():
		// the headers, each decoded on its own (headerError)
		return `an array of {"key","value"} objects`
	case reflect.TypeFor[jsonHeader]():
		return `an object {"key","value"}`
	case reflect.TypeFor[lineSchema]():
		return `an object {"id","type",...} (as consume --json writes it)`
	case reflect.TypeFor[int32]():
		// the partition, whose negative values DecodeJSON refuses
		return fmt.Sprintf("a whole number from 0 to %d", math.MaxInt32)
	}
	switch t.Kind() {
	case reflect.String:
		return "a string or null"
	case reflect.Int:
		return "a whole number"
	}
	return "another JSON type"
}

// Resend says where an undelivered record came from and why it failed, for
// AppendUndelivered.
type Resend struct {
	// Partition and Timestamp are written when the input chose them
	// (Partition >= 0, a non-zero Timestamp), so that the record is sent
	// again as it was; otherwise the next run chooses again.
	Partition int32
	Timestamp time.Time
	Input     string
	InputLine int64
	// Fate is "failed" (certainly not in the topic) or "unknown" (it may
	// be).
	Fate, Error string
}

// AppendUndelivered appends r as one JSON line that `shore produce --json`
// sends again as it was, with where it came from and why it was not
// delivered (fields that --json ignores):
//
//	{"input":"events.txt","input_line":3,"fate":"failed","error":"...",
//	 "key":"k","value":"v","headers":[],"partition":2,"timestamp":1763856000000}
func AppendUndelivered(dst []byte, r *kgo.Record, o Resend) []byte {
	dst = append(dst, `{"input":`...)
	dst = jsontext.AppendString(dst, o.Input)
	dst = append(dst, `,"input_line":`...)
	dst = strconv.AppendInt(dst, o.InputLine, 10)
	dst = append(dst, `,"fate":`...)
	dst = jsontext.AppendString(dst, o.Fate)
	dst = append(dst, `,"error":`...)
	dst = jsontext.AppendString(dst, o.Error)
	dst = appendBytesField(dst, "key", r.Key, EncodingAuto)
	dst = appendBytesField(dst, "value", r.Value, EncodingAuto)
	dst = appendHeaders(dst, r.Headers)
	if o.Partition >= 0 {
		dst = append(dst, `,"partition":`...)
		dst = strconv.AppendInt(dst, int64(o.Partition), 10)
	}
	if !o.Timestamp.IsZero() {
		dst = append(dst, `,"timestamp":`...)
		dst = strconv.AppendInt(dst, o.Timestamp.UnixMilli(), 10)
	}
	return append(dst, "}\n"...)
}
