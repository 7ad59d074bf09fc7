package schema

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hamba/avro/v2"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/jsonsrc"
	"github.com/kafkashore/shore/internal/jsontext"
)

// avroCodec converts Avro binary payloads to and from Avro's JSON encoding
// (the Avro specification's, which Confluent's Avro console tools print and
// read): a union is null or {"branch":value}, named by the branch's type
// (its full name for records, enums and fixed); bytes and fixed are strings
// whose code points U+0000 to U+00FF are the bytes; logical types show their
// underlying type (a timestamp-millis is a number, a decimal its bytes).
// Fields come in schema order, so the same payload prints the same text.
type avroCodec struct {
	s avro.Schema
	// defaults are the encoded defaults of fields, for documents that
	// leave them out.
	defaults map[*avro.Field][]byte
	// decoder is s compiled for decoding.
	decoder *avroNode
	// json has the full names of s's named types, which union branches
	// are named by.
	json schemaJSON
}

// newAvro parses an Avro schema; refs are the schemas it references (from
// other subjects), each after those it references itself, whose named types
// it may use.
func newAvro(text string, refs []string) (*avroCodec, error) {
	a, _, err := newAvroParsed(text, refs, func(text string, cache *avro.SchemaCache) (avro.Schema, []string, error) {
		s, err := parseAvro(text, cache)
		return s, nil, err
	})
	return a, err
}

// newAvroParsed is newAvro with the schemas parsed by parse, which may
// leave defaults out (parseRegisteredAvro): ignored says which.
func newAvroParsed(text string, refs []string, parse func(string, *avro.SchemaCache) (avro.Schema, []string, error)) (a *avroCodec, ignored []string, err error) {
	cache := &avro.SchemaCache{}
	refSchemas := make([]avro.Schema, len(refs))
	for i, r := range refs {
		var left []string
		if refSchemas[i], left, err = parse(r, cache); err != nil {
			return nil, nil, fmt.Errorf("referenced Avro schema: %v", err)
		}
		ignored = append(ignored, left...)
	}
	s, left, err := parse(text, cache)
	if err != nil {
		return nil, nil, fmt.Errorf("Avro schema: %w", err)
	}
	ignored = append(ignored, left...)
	// hamba reads defaults as float64, so a long beyond 2^53 would lose
	// its last digits: their JSON, numbers as written, goes with them.
	j := schemaJSON{defaults: map[*avro.Field]any{}, names: map[avro.NamedSchema]string{}}
	for i, r := range refs {
		j.read(r, refSchemas[i])
	}
	j.read(text, s)
	a = &avroCodec{s: s, defaults: map[*avro.Field][]byte{}, json: j}
	a.prepare(s, j.defaults, map[string]bool{})
	if a.decoder, err = j.compile(s, map[string]*avroNode{}); err != nil {
		return nil, nil, err
	}
	return a, ignored, nil
}

// UnknownTypeError is an Avro schema naming a type that is neither Avro's
// nor defined before its use: a typo, or a type that another schema
// defines, which a reference would bring. Near is the Avro type, or the
// type the schema defines (by its name or full name), a typo or two from
// Name ("long" for "lng", "Address" for "Adress"), Name itself for a type
// the schema defines after its first use, or "".
type UnknownTypeError struct{ Name, Near string }

func (e *UnknownTypeError) Error() string {
	switch e.Near {
	case "":
	case e.Name:
		return fmt.Sprintf("type %q is used before it is defined: Avro wants a named type defined where it is first used", e.Name)
	default:
		return fmt.Sprintf("unknown type %q (did you mean %q?): not an Avro type, nor a named type defined before its use", e.Name, e.Near)
	}
	return fmt.Sprintf("unknown type %q: not an Avro type, nor a named type defined before its use", e.Name)
}

// definedNames are the names and full names of the records, enums and
// fixed types that the Avro schema text defines, which a type name may be
// a typo of; none for text that is not JSON.
func definedNames(text string) []string {
	var v any
	if json.Unmarshal([]byte(text), &v) != nil {
		return nil
	}
	var names []string
	var walk func(v any, namespace string)
	walk = func(v any, namespace string) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e, namespace)
			}
		case map[string]any:
			name, named := v["name"].(string)
			switch t, _ := v["type"].(string); {
			case named && (t == "record" || t == "error" || t == "enum" || t == "fixed"):
				if ns, ok := v["namespace"].(string); ok {
					namespace = ns
				}
				full := name
				if i := strings.LastIndexByte(name, '.'); i >= 0 {
					namespace, name = name[:i], name[i+1:]
				} else if namespace != "" {
					full = namespace + "." + name
				}
				names = append(names, name)
				if full != name {
					names = append(names, full)
				}
			}
			for _, e := range v {
				walk(e, namespace)
			}
		}
	}
	walk(v, "")
	return names
}

// avroTypes are the names of Avro's own types, which a type name may be a
// typo of.
var avroTypes = []string{"null", "boolean", "int", "long", "float", "double", "bytes", "string", "record", "enum", "array", "map", "fixed"}

// parseAvro parses the text of an Avro schema. It is checked as JSON
// first, to say where it goes wrong: hamba takes text that is not JSON for
// the name of a type ("unknown type: {...", the whole file), and a bare
// name (string, not "string"), which it parses, is no schema to the
// registries, whose Avro parsers read JSON.
func parseAvro(text string, cache *avro.SchemaCache) (avro.Schema, error) {
	if err := jsonsrc.Syntax(text); err != nil {
		return nil, err
	}
	s, err := avro.ParseWithCache(text, "", cache)
	// hamba words a type name it does not know so; a type that is no name
	// follows as {...} or [...].
	if name, ok := strings.CutPrefix(fmt.Sprint(err), "avro: unknown type: "); ok && !strings.ContainsAny(name, "{[ ") {
		if jsonSchemaTypes[name] {
			return nil, fmt.Errorf("type %q is JSON Schema's: this is a JSON Schema (a .json file), not an Avro schema", name)
		}
		known := append(slices.Clone(avroTypes), definedNames(text)...)
		return nil, &UnknownTypeError{Name: name, Near: format.Nearest(name, known, func(t string) string { return t }, format.MostTypos(name))}
	}
	// hamba words a bad default "invalid default for field f. <nil> not
	// a union", the value lost on the way.
	if m := invalidDefault.FindStringSubmatch(fmt.Sprint(err)); m != nil {
		return nil, &DefaultError{Field: m[1], Type: m[2]}
	}
	return s, err
}

// DefaultError is a field whose default is not of its type.
type DefaultError struct {
	// Field is the field's name; Type its type ("union" for any union).
	Field, Type string
}

func (e *DefaultError) Error() string {
	if e.Type == "union" {
		return fmt.Sprintf("field %s: its default is not of its union's first type, as a union's default must be (list that type first)", e.Field)
	}
	return fmt.Sprintf("field %s: its default is not of its type, %s", e.Field, e.Type)
}

var invalidDefault = regexp.MustCompile(`^avro: invalid default for field (\S+)\. .* not a (\S+)$`)

// jsonSchemaTypes are JSON Schema's types that Avro lacks: a schema that
// names one is a JSON Schema given as Avro, not one that needs a reference.
var jsonSchemaTypes = map[string]bool{"object": true, "integer": true, "number": true}

// avroKind is the type of an avroNode.
type avroKind uint8

const (
	avroNull avroKind = iota
	avroBoolean
	avroInt
	avroLong
	avroFloat
	avroDouble
	avroString
	avroBytes
	avroEnum
	avroFixed
	avroRecord
	avroArray
	avroMap
	avroUnion
)

// avroNode is an Avro schema compiled for decoding: its kind instead of a
// type switch on hamba's schema types, and the JSON text decoding writes
// around each value made once (a field's "name":, a union branch's
// {"type":, an enum's quoted symbols). Logical types decode as their
// underlying type. Named types are one node each, so a recursive type is a
// cycle.
type avroNode struct {
	kind avroKind
	// fields of a record: each value is preceded by its text, "name": (after
	// a comma but for the first).
	fields []avroNodeField
	// branches of a union: each value is preceded by its text, {"type":,
	// and followed by }; a null branch has no text.
	branches []avroNodeField
	// symbols of an enum, as JSON strings.
	symbols [][]byte
	// items of an array or values of a map.
	items *avroNode
	// size of a fixed.
	size int
	// name of an enum, for errors.
	name string
}

type avroNodeField struct {
	text []byte
	node *avroNode
	name string // a record field's, for errors
}

// compile compiles s; named holds the named types compiled so far.
func (j schemaJSON) compile(s avro.Schema, named map[string]*avroNode) (*avroNode, error) {
	if ref, ok := s.(*avro.RefSchema); ok {
		s = ref.Schema()
	}
	if n, ok := s.(avro.NamedSchema); ok {
		if node := named[n.FullName()]; node != nil {
			return node, nil
		}
	}
	switch t := s.(type) {
	case *avro.RecordSchema:
		node := &avroNode{kind: avroRecord}
		named[t.FullName()] = node
		for i, f := range t.Fields() {
			var text []byte
			if i > 0 {
				text = append(text, ',')
			}
			text = append(jsontext.AppendString(text, f.Name()), ':')
			fn, err := j.compile(f.Type(), named)
			if err != nil {
				return nil, err
			}
			node.fields = append(node.fields, avroNodeField{text, fn, f.Name()})
		}
		return node, nil
	case *avro.EnumSchema:
		node := &avroNode{kind: avroEnum, name: j.fullName(t)}
		named[t.FullName()] = node
		for _, sym := range t.Symbols() {
			node.symbols = append(node.symbols, jsontext.AppendString(nil, sym))
		}
		return node, nil
	case *avro.FixedSchema:
		node := &avroNode{kind: avroFixed, size: t.Size()}
		named[t.FullName()] = node
		return node, nil
	case *avro.ArraySchema:
		items, err := j.compile(t.Items(), named)
		return &avroNode{kind: avroArray, items: items}, err
	case *avro.MapSchema:
		values, err := j.compile(t.Values(), named)
		return &avroNode{kind: avroMap, items: values}, err
	case *avro.UnionSchema:
		node := &avroNode{kind: avroUnion}
		for _, b := range t.Types() {
			bn, err := j.compile(b, named)
			if err != nil {
				return nil, err
			}
			var text []byte
			if bn.kind != avroNull {
				text = append(jsontext.AppendString([]byte{'{'}, j.branchName(b)), ':')
			}
			node.branches = append(node.branches, avroNodeField{text: text, node: bn})
		}
		return node, nil
	case *avro.NullSchema:
		return &avroNode{kind: avroNull}, nil
	case *avro.PrimitiveSchema:
		if k, ok := avroPrimitiveKinds[t.Type()]; ok {
			return &avroNode{kind: k}, nil
		}
	}
	return nil, fmt.Errorf("Avro schema: unsupported type %s", s.Type())
}

var avroPrimitiveKinds = map[avro.Type]avroKind{
	avro.Null:    avroNull,
	avro.Boolean: avroBoolean,
	avro.Int:     avroInt,
	avro.Long:    avroLong,
	avro.Float:   avroFloat,
	avro.Double:  avroDouble,
	avro.String:  avroString,
	avro.Bytes:   avroBytes,
}

// Limits against hostile payloads: how deep values nest, and how many
// array and map items a payload may claim beyond its byte count (items of
// null or empty records take no bytes).
const (
	maxAvroDepth      = 1000
	maxAvroFreeItems  = 1 << 16
	errAvroShortInput = avroError("the payload ends early")
)

type avroError string

func (e avroError) Error() string { return string(e) }

// avroFieldError is a payload that does not decode inside a record's field,
// an array's item or a map's value: Path names it as produce's errors name
// a field of the JSON they encode (lines[1].sku, tags.colour).
type avroFieldError struct {
	Path string
	Err  error
}

func (e *avroFieldError) Error() string { return "field " + e.Path + ": " + e.Err.Error() }

func (e *avroFieldError) Unwrap() error { return e.Err }

// inField returns err, a value's decoding error, as one within step (a
// field's name, "[i]" or a map key); it is built on the way out, so that
// decoding that works pays nothing for it.
func inField(step string, err error) error {
	fe, ok := err.(*avroFieldError)
	if !ok {
		return &avroFieldError{Path: step, Err: err}
	}
	return &avroFieldError{Path: joinPath(step, fe.Path), Err: fe.Err}
}

// avroReader reads one Avro binary payload. It moves an offset rather than
// reslicing b, which would be a pointer write (with a write barrier while
// the garbage collector runs) for every value.
type avroReader struct {
	b     []byte
	off   int
	items int // items still allowed
	depth int
}

func (a *avroCodec) AppendJSON(dst, payload []byte) ([]byte, error) {
	r := avroReader{b: payload, items: len(payload) + maxAvroFreeItems}
	out, err := r.value(dst, a.decoder)
	if err != nil {
		return dst, fmt.Errorf("Avro: %v", err)
	}
	if r.off < len(r.b) {
		return dst, fmt.Errorf("Avro: %s left over after the value", format.Count(len(r.b)-r.off, "byte"))
	}
	return out, nil
}

// long reads a zig-zag varint; most (lengths, enum symbols, union
// branches) are one byte, read without binary.Varint's loop.
func (r *avroReader) long() (int64, error) {
	if r.off < len(r.b) && r.b[r.off] < 0x80 {
		u := int64(r.b[r.off])
		r.off++
		return u>>1 ^ -(u & 1), nil
	}
	return r.longVarint()
}

func (r *avroReader) longVarint() (int64, error) {
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		return 0, errAvroShortInput
	}
	r.off += n
	return v, nil
}

func (r *avroReader) take(n int64) ([]byte, error) {
	if n < 0 || n > int64(len(r.b)-r.off) {
		return nil, errAvroShortInput
	}
	b := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	return b, nil
}

// blockCount reads an array or map block header: the item count, whose
// negative form is followed by the block's byte size.
func (r *avroReader) blockCount() (int64, error) {
	n, err := r.long()
	if err != nil {
		return 0, err
	}
	if n < 0 {
		if n == math.MinInt64 {
			return 0, avroError("bad block count")
		}
		n = -n
		if _, err := r.long(); err != nil {
			return 0, err
		}
	}
	if n > int64(r.items) {
		return 0, avroError("more items than the payload can hold")
	}
	r.items -= int(n)
	return n, nil
}

// blocks reads the blocks of an array (or, with keys, a map) of items,
// appending them with commas between and end after the last.
func (r *avroReader) blocks(dst []byte, items *avroNode, keys bool, end byte) ([]byte, error) {
	index := 0
	for {
		n, err := r.blockCount()
		if err != nil {
			return dst, err
		}
		if n == 0 {
			return append(dst, end), nil
		}
		for ; n > 0; n-- {
			if index > 0 {
				dst = append(dst, ',')
			}
			var key []byte
			if keys {
				if dst, key, err = r.mapKey(dst); err != nil {
					return dst, err
				}
			}
			if dst, err = r.value(dst, items); err != nil {
				if keys {
					return dst, inField(keyStep(key), err)
				}
				return dst, inField("["+strconv.Itoa(index)+"]", err)
			}
			index++
		}
	}
}

// mapKey appends a map item's key and a colon, and returns the key.
func (r *avroReader) mapKey(dst []byte) ([]byte, []byte, error) {
	l, err := r.long()
	if err != nil {
		return dst, nil, err
	}
	k, err := r.take(l)
	if err != nil {
		return dst, nil, err
	}
	if !utf8.Valid(k) {
		return dst, nil, avroError("a map key is not valid UTF-8")
	}
	dst = jsontext.AppendString(dst, k)
	return append(dst, ':'), k, nil
}

// value appends the value of node n; only records, arrays, maps and unions
// nest, so only they count depth.
func (r *avroReader) value(dst []byte, n *avroNode) ([]byte, error) {
	switch n.kind {
	case avroNull:
		return append(dst, "null"...), nil
	case avroBoolean:
		b, err := r.take(1)
		if err != nil {
			return dst, err
		}
		return strconv.AppendBool(dst, b[0] != 0), nil
	case avroInt, avroLong:
		v, err := r.long()
		if err != nil {
			return dst, err
		}
		if n.kind == avroInt && (v < math.MinInt32 || v > math.MaxInt32) {
			return dst, avroError("int out of range")
		}
		return strconv.AppendInt(dst, v, 10), nil
	case avroFloat:
		b, err := r.take(4)
		if err != nil {
			return dst, err
		}
		return appendFloat(dst, float64(math.Float32frombits(binary.LittleEndian.Uint32(b))), 32), nil
	case avroDouble:
		b, err := r.take(8)
		if err != nil {
			return dst, err
		}
		return appendFloat(dst, math.Float64frombits(binary.LittleEndian.Uint64(b)), 64), nil
	case avroString, avroBytes:
		l, err := r.long()
		if err != nil {
			return dst, err
		}
		b, err := r.take(l)
		if err != nil {
			return dst, err
		}
		if n.kind == avroBytes {
			return appendByteString(dst, b), nil
		}
		return appendUTF8String(dst, b)
	case avroEnum:
		i, err := r.long()
		if err != nil {
			return dst, err
		}
		if i < 0 || i >= int64(len(n.symbols)) {
			return dst, fmt.Errorf("enum %s has no symbol %d", n.name, i)
		}
		return append(dst, n.symbols[i]...), nil
	case avroFixed:
		b, err := r.take(int64(n.size))
		if err != nil {
			return dst, err
		}
		return appendByteString(dst, b), nil
	}
	if r.depth >= maxAvroDepth {
		return dst, avroError("values nest too deep")
	}
	r.depth++
	dst, err := r.nested(dst, n)
	r.depth--
	return dst, err
}

// nested appends a record, array, map or union.
func (r *avroReader) nested(dst []byte, n *avroNode) ([]byte, error) {
	switch n.kind {
	case avroRecord:
		dst = append(dst, '{')
		for _, f := range n.fields {
			dst = append(dst, f.text...)
			var err error
			if dst, err = r.value(dst, f.node); err != nil {
				return dst, inField(f.name, err)
			}
		}
		return append(dst, '}'), nil
	case avroArray:
		return r.blocks(append(dst, '['), n.items, false, ']')
	case avroMap:
		return r.blocks(append(dst, '{'), n.items, true, '}')
	}
	i, err := r.long()
	if err != nil {
		return dst, err
	}
	if i < 0 || i >= int64(len(n.branches)) {
		return dst, fmt.Errorf("union has no branch %d", i)
	}
	b := n.branches[i]
	if b.text == nil {
		return append(dst, "null"...), nil
	}
	dst = append(dst, b.text...)
	if dst, err = r.value(dst, b.node); err != nil {
		return dst, err
	}
	return append(dst, '}'), nil
}

// appendUTF8String appends b as a JSON string, copied as it is when it is
// printable ASCII without quotes or backslashes (the common case, one
// pass), and fails when it is not valid UTF-8.
func appendUTF8String(dst, b []byte) ([]byte, error) {
	for _, c := range b {
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' {
			if !utf8.Valid(b) {
				return dst, avroError("a string is not valid UTF-8")
			}
			return jsontext.AppendString(dst, b), nil
		}
	}
	dst = append(dst, '"')
	dst = append(dst, b...)
	return append(dst, '"'), nil
}

// appendFloat writes a float as JSON, as strconv's shortest 'g' form does;
// NaN and the infinities, which JSON lacks, are the strings Java's Avro JSON
// encoder writes, and negative zero is -0.0, as Java writes it, where -0
// is read by Python's json and Jackson as the integer 0, losing its sign.
func appendFloat(dst []byte, f float64, bits int) []byte {
	switch {
	case f == 0 && math.Signbit(f):
		return append(dst, negativeZero...)
	case math.IsNaN(f):
		return append(dst, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(dst, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(dst, `"-Infinity"`...)
	}
	if sixteenths := f * 16; sixteenths == math.Trunc(sixteenths) && f != 0 && math.Abs(f) < shortDecimalBelow[bits/64] {
		return appendSixteenths(dst, f)
	}
	return strconv.AppendFloat(dst, f, 'g', -1, bits)
}

// shortDecimalBelow bounds, for float32 and float64, the multiples of 1/16
// that appendSixteenths writes as strconv would: below it, the float's
// spacing is under 2e-4, so no decimal shorter than the exact one (at most
// four decimals) reads back as the float; from 1e6 on, 'g' writes an
// exponent.
var shortDecimalBelow = [2]float64{2048, 1e6}

// appendSixteenths writes f, a multiple of 1/16 (whole numbers, halves,
// quarters: common in data, and four times cheaper than strconv's general
// shortest form), as its exact decimal.
func appendSixteenths(dst []byte, f float64) []byte {
	n := int64(f * 10000) // exact: f*16 is whole and 10000 = 16*625
	if n < 0 {
		dst = append(dst, '-')
		n = -n
	}
	dst = strconv.AppendInt(dst, n/10000, 10)
	frac, digits := n%10000, 4
	if frac == 0 {
		return dst
	}
	for frac%10 == 0 {
		frac /= 10
		digits--
	}
	dst = append(dst, '.')
	for p := pow10[digits-1]; p > frac; p /= 10 { // leading zeros
		dst = append(dst, '0')
	}
	return strconv.AppendInt(dst, frac, 10)
}

var pow10 = [4]int64{1, 10, 100, 1000}

// branchName names a union branch in Avro's JSON encoding.
func (j schemaJSON) branchName(s avro.Schema) string {
	if ref, ok := s.(*avro.RefSchema); ok {
		s = ref.Schema()
	}
	if n, ok := s.(avro.NamedSchema); ok {
		return j.fullName(n)
	}
	return string(s.Type())
}

const hexDigits = "0123456789abcdef"

// appendByteString appends bytes as a JSON string of the code points
// U+0000 to U+00FF.
func appendByteString(dst, b []byte) []byte {
	dst = append(dst, '"')
	for _, c := range b {
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c < 0x20 || c >= 0x7f:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

func (a *avroCodec) AppendEncoded(dst, doc []byte) ([]byte, error) {
	e := avroEncoder{defaults: a.defaults, json: a.json}
	start := jsontext.SkipSpace(doc, 0)
	if rec, ok := a.s.(*avro.RecordSchema); ok && start < len(doc) && doc[start] == '{' {
		// The common case reads the record's members once.
		var stack [16]jsonMember
		ms, end, err := members(stack[:0], doc[start:])
		if err != nil {
			return dst, invalidJSON(err)
		}
		if jsontext.SkipSpace(doc, start+end) != len(doc) {
			return dst, errors.New("more than one JSON value")
		}
		return e.record(dst, rec, ms, "")
	}
	start, end, err := docSpan(doc)
	if err != nil {
		return dst, err
	}
	return e.encode(dst, a.s, doc[start:end], "")
}

// avroEncoder encodes JSON values, already checked to be well formed, in
// Avro binary.
type avroEncoder struct {
	defaults map[*avro.Field][]byte
	json     schemaJSON
	scratch  []byte
}

// encode appends the Avro binary form of the JSON value v; at names where v
// is, for errors.
func (e *avroEncoder) encode(dst []byte, s avro.Schema, v []byte, at string) ([]byte, error) {
	// where prefixes an error with the field it is about; the caller
	// names the key or value it reads.
	where := func() string {
		if at == "" {
			return ""
		}
		return "field " + at + ": "
	}
	wrong := func(want string) error {
		return fmt.Errorf("%swant %s, got %s", where(), want, rawKind(v))
	}
	switch t := s.(type) {
	case *avro.RefSchema:
		return e.encode(dst, t.Schema(), v, at)
	case *avro.RecordSchema:
		if v[0] != '{' {
			return dst, wrong("an object (record " + e.json.fullName(t) + ")")
		}
		var stack [16]jsonMember
		ms, _, err := members(stack[:0], v)
		if err != nil {
			return dst, err
		}
		return e.record(dst, t, ms, at)
	case *avro.EnumSchema:
		if v[0] != '"' {
			return dst, wrong("a string (enum " + e.json.fullName(t) + ")")
		}
		sym, err := jsontext.Unquote(v, e.scratch)
		if err != nil {
			return dst, fmt.Errorf("%s%v", where(), err)
		}
		for i, s := range t.Symbols() {
			if s == string(sym) {
				return binary.AppendVarint(dst, int64(i)), nil
			}
		}
		return dst, fmt.Errorf("%sunknown enum symbol %q (enum %s has %s)", where(), sym, e.json.fullName(t), strings.Join(t.Symbols(), ", "))
	case *avro.ArraySchema:
		if v[0] != '[' {
			return dst, wrong("an array")
		}
		var stack [16][]byte
		items, err := elements(stack[:0], v)
		if err != nil {
			return dst, err
		}
		if len(items) > 0 {
			dst = binary.AppendVarint(dst, int64(len(items)))
			for i, item := range items {
				if dst, err = e.encode(dst, t.Items(), item, fmt.Sprintf("%s[%d]", at, i)); err != nil {
					return dst, err
				}
			}
		}
		return append(dst, 0), nil
	case *avro.MapSchema:
		if v[0] != '{' {
			return dst, wrong("an object (map)")
		}
		var stack [16]jsonMember
		ms, _, err := members(stack[:0], v)
		if err != nil {
			return dst, err
		}
		// A reader would keep one value of a key given twice.
		if key := repeatedKey(ms); key != nil {
			return dst, fieldTwice(fieldSteps.key(at, key))
		}
		if len(ms) > 0 {
			dst = binary.AppendVarint(dst, int64(len(ms)))
			for _, m := range ms {
				if !utf8.Valid(m.key) {
					return dst, fmt.Errorf("%sa map key is not valid UTF-8", where())
				}
				dst = binary.AppendVarint(dst, int64(len(m.key)))
				dst = append(dst, m.key...)
				if dst, err = e.encode(dst, t.Values(), m.value, joinPath(at, keyStep(m.key))); err != nil {
					return dst, err
				}
			}
		}
		return append(dst, 0), nil
	case *avro.UnionSchema:
		return e.encodeUnion(dst, t, v, at, where)
	case *avro.FixedSchema:
		if d, ok := t.Logical().(*avro.DecimalLogicalSchema); ok && isJSONNumber(v) {
			b, err := decimalBytes(v, d, t.Size())
			if err != nil {
				return dst, fmt.Errorf("%s%w", where(), err)
			}
			return append(dst, b...), nil
		}
		b, err := e.codePointBytes(v, where)
		if err != nil {
			return dst, setAsideDecimal(err, t, t.Size(), v)
		}
		if len(b) != t.Size() {
			return dst, fmt.Errorf("%swant %s (fixed %s), got %d", where(), format.Count(t.Size(), "byte"), e.json.fullName(t), len(b))
		}
		return append(dst, b...), nil
	case *avro.NullSchema:
		if v[0] != 'n' {
			return dst, wrong("null")
		}
		return dst, nil
	case *avro.PrimitiveSchema:
		if d, ok := t.Logical().(*avro.DecimalLogicalSchema); ok && isJSONNumber(v) {
			b, err := decimalBytes(v, d, 0)
			if err != nil {
				return dst, fmt.Errorf("%s%w", where(), err)
			}
			dst = binary.AppendVarint(dst, int64(len(b)))
			return append(dst, b...), nil
		}
		if counts, ok := timeCounts[logicalType(t)]; ok && !isJSONNumber(v) {
			want := "a long"
			if t.Type() == avro.Int {
				want = "an int"
			}
			return dst, wrong(fmt.Sprintf("%s (%s: %s)", want, logicalType(t), counts))
		}
		if l := t.Logical(); l != nil && l.Type() == avro.UUID && v[0] == '"' {
			if err := e.checkUUID(v); err != nil {
				return dst, fmt.Errorf("%s%w", where(), err)
			}
		}
		dst, err := e.primitive(dst, t.Type(), v, where, wrong)
		if err != nil && t.Type() == avro.Bytes {
			return dst, setAsideDecimal(err, t, 0, v)
		}
		return dst, err
	}
	return dst, fmt.Errorf("%sunsupported Avro type %s", where(), s.Type())
}

// record appends a record from the members of its JSON object. A key given
// twice is told before anything else wrong with the object's values: an
// error about one of its values would hide the other, and Java's Avro
// reader, which Confluent's console producer reads with, keeps the last
// without a word.
func (e *avroEncoder) record(dst []byte, t *avro.RecordSchema, ms []jsonMember, at string) ([]byte, error) {
	out, used, err := e.fields(dst, t, ms, at)
	if err == nil && used == len(ms) {
		return out, nil
	}
	if key := repeatedKey(ms); key != nil {
		return dst, fieldTwice(fieldSteps.key(at, key))
	}
	if err != nil {
		return dst, err
	}
	// A member was not used, and no two have one key: one names no field.
	unknown := ms[slices.IndexFunc(ms, func(m jsonMember) bool { return fieldIndex(t, string(m.key)) < 0 })]
	return dst, fmt.Errorf("unknown field %s (record %s has no such field)", joinPath(at, keyStep(unknown.key)), e.json.fullName(t))
}

// fields appends the record's fields from the members of its JSON object,
// and says how many members it used.
func (e *avroEncoder) fields(dst []byte, t *avro.RecordSchema, ms []jsonMember, at string) ([]byte, int, error) {
	used := 0
	for _, f := range t.Fields() {
		var fv []byte
		for _, m := range ms {
			if string(m.key) == f.Name() {
				fv = m.value
				used++
				break
			}
		}
		path := joinPath(at, f.Name())
		if fv == nil {
			def, ok := e.defaults[f]
			if !ok {
				return dst, used, fmt.Errorf("missing field %s", path)
			}
			dst = append(dst, def...)
			continue
		}
		var err error
		if dst, err = e.encode(dst, f.Type(), fv, path); err != nil {
			return dst, used, err
		}
	}
	return dst, used, nil
}

func fieldIndex(t *avro.RecordSchema, name string) int {
	for i, f := range t.Fields() {
		if f.Name() == name {
			return i
		}
	}
	return -1
}

func (e *avroEncoder) encodeUnion(dst []byte, t *avro.UnionSchema, v []byte, at string, where func() string) ([]byte, error) {
	names := func() string {
		var n []string
		for _, b := range t.Types() {
			n = append(n, e.json.branchName(b))
		}
		return strings.Join(n, ", ")
	}
	if v[0] == 'n' {
		for i, b := range t.Types() {
			if b.Type() == avro.Null {
				return binary.AppendVarint(dst, int64(i)), nil
			}
		}
		return dst, fmt.Errorf("%snull is not one of the union's types (%s)", where(), names())
	}
	var ms []jsonMember
	if v[0] == '{' {
		var stack [1]jsonMember
		var err error
		if ms, _, err = members(stack[:0], v); err != nil {
			return dst, err
		}
	}
	if len(ms) != 1 {
		return dst, fmt.Errorf("%swant null or {\"TYPE\": value} with TYPE one of %s (Avro's JSON encoding of a union), got %s", where(), names(), rawKind(v))
	}
	name := string(ms[0].key)
	// A full name is the branch's; a name without its namespace picks the
	// one branch that has it, so that b.X is not taken for a.b.X.
	branch := -1
	var short []string
	for i, b := range t.Types() {
		bn := e.json.branchName(b)
		if bn == name {
			branch, short = i, nil
			break
		}
		if strings.HasSuffix(bn, "."+name) {
			branch = i
			short = append(short, bn)
		}
	}
	switch {
	case branch < 0:
		return dst, fmt.Errorf("%s%q is not one of the union's types (%s)%s", where(), name, names(), e.bareRecord(t, name))
	case len(short) > 1:
		return dst, fmt.Errorf("%s%q names several of the union's types (%s): give the full name", where(), name, strings.Join(short, ", "))
	}
	dst = binary.AppendVarint(dst, int64(branch))
	return e.encode(dst, t.Types()[branch], ms[0].value, at)
}

// bareRecord is, for the key of a union's one-member object that names no
// branch but a field of a record branch, a hint that the record was
// written bare, without its branch's name around it (as a reader that
// decodes unions to the bare value prints it), or "".
func (e *avroEncoder) bareRecord(t *avro.UnionSchema, key string) string {
	for _, b := range t.Types() {
		if ref, ok := b.(*avro.RefSchema); ok {
			b = ref.Schema()
		}
		if r, ok := b.(*avro.RecordSchema); ok && slices.ContainsFunc(r.Fields(), func(f *avro.Field) bool { return f.Name() == key }) {
			name := e.json.branchName(b)
			return fmt.Sprintf(": %q is a field of %s, whose value is written {%q: {...}} (Avro's JSON encoding of a union)", key, name, name)
		}
	}
	return ""
}

func (e *avroEncoder) primitive(dst []byte, t avro.Type, v []byte, where func() string, wrong func(string) error) ([]byte, error) {
	switch t {
	case avro.Null:
		if v[0] != 'n' {
			return dst, wrong("null")
		}
		return dst, nil
	case avro.Boolean:
		switch v[0] {
		case 't':
			return append(dst, 1), nil
		case 'f':
			return append(dst, 0), nil
		}
		return dst, wrong("a boolean")
	case avro.Int, avro.Long:
		want, bits := "a long (an integer)", 64
		if t == avro.Int {
			want, bits = "an int (an integer)", 32
		}
		if v[0] != '-' && (v[0] < '0' || v[0] > '9') {
			return dst, wrong(want)
		}
		i, err := strconv.ParseInt(string(v), 10, bits)
		if err != nil {
			return dst, fmt.Errorf("%s%s is not a %d-bit integer", where(), v, bits)
		}
		return binary.AppendVarint(dst, i), nil
	case avro.Float, avro.Double:
		f, err := e.float(v)
		if rerr := rangeError(v, f, err, t == avro.Float); rerr != nil {
			return dst, fmt.Errorf("%s%w", where(), rerr)
		}
		switch {
		case err != nil:
			return dst, wrong("a number")
		case zeroed(v, f, t == avro.Float):
			return dst, fmt.Errorf("%s%w", where(), zeroedError(v, t == avro.Float))
		case t == avro.Float:
			return binary.LittleEndian.AppendUint32(dst, math.Float32bits(float32(f))), nil
		}
		return binary.LittleEndian.AppendUint64(dst, math.Float64bits(f)), nil
	case avro.String:
		if v[0] != '"' {
			return dst, wrong("a string")
		}
		s, err := jsontext.Unquote(v, e.scratch)
		if err != nil {
			return dst, fmt.Errorf("%s%v", where(), err)
		}
		dst = binary.AppendVarint(dst, int64(len(s)))
		return append(dst, s...), nil
	case avro.Bytes:
		b, err := e.codePointBytes(v, where)
		if err != nil {
			return dst, err
		}
		dst = binary.AppendVarint(dst, int64(len(b)))
		return append(dst, b...), nil
	}
	return dst, fmt.Errorf("%sunsupported Avro type %s", where(), t)
}

// checkUUID refuses a JSON string v that is not a UUID in its 8-4-4-4-12
// hex digit form, for a string of logical type uuid: Java's and Python's
// Avro readers turn it into a UUID and fail on anything else, so a consumer
// that does would stop at the record.
func (e *avroEncoder) checkUUID(v []byte) error {
	s, err := jsontext.Unquote(v, e.scratch)
	if err != nil {
		return err
	}
	if !isUUID(s) {
		return fmt.Errorf("%s is not a UUID (logical type uuid: 8-4-4-4-12 hex digits, as in %q)", v, "123e4567-e89b-12d3-a456-426614174000")
	}
	return nil
}

// isUUID reports whether s is a UUID in its 8-4-4-4-12 hex digit form.
func isUUID[T string | []byte](s T) bool {
	ok := len(s) == 36
	for i := 0; ok && i < len(s); i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			ok = s[i] == '-'
		} else {
			ok = strings.IndexByte("0123456789abcdefABCDEF", s[i]) >= 0
		}
	}
	return ok
}

// canonicalNaN is the NaN that Java's Double.NaN and Python's float("nan")
// are, so a NaN they wrote copies back to the same bytes; Go's math.NaN()
// differs from it in the lowest bit.
var canonicalNaN = math.Float64frombits(0x7ff8000000000000)

// rangeError is the error for v, a number that parsed as f (err, from
// strconv.ParseFloat, is its ErrRange when v is beyond a double's range),
// when v is beyond a double's range, or a float's (float: the field is a
// float, which would make it Infinity silently); nil when it is not.
// Avro's and Protobuf's float and double fields say it alike.
func rangeError(v []byte, f float64, err error, float bool) error {
	switch {
	case errors.Is(err, strconv.ErrRange):
		return fmt.Errorf("%s is beyond a double's range (±%g)", v, math.MaxFloat64)
	case err == nil && float && !math.IsInf(f, 0) && math.IsInf(float64(float32(f)), 0):
		return fmt.Errorf("%s is beyond a float's range (±%g); a double holds it", v, float32(math.MaxFloat32))
	}
	return nil
}

func (e *avroEncoder) float(v []byte) (float64, error) {
	if v[0] == '"' {
		switch string(v) {
		case `"NaN"`:
			return canonicalNaN, nil
		case `"Infinity"`:
			return math.Inf(1), nil
		case `"-Infinity"`:
			return math.Inf(-1), nil
		}
		return 0, errors.New("not a number")
	}
	if v[0] != '-' && (v[0] < '0' || v[0] > '9') {
		return 0, errors.New("not a number")
	}
	return strconv.ParseFloat(string(v), 64)
}

// zeroed reports whether the number text, whose float64 is f, is not zero
// but a float (single) or a double would hold it as 0: too small, it would
// be sent as 0 without a word, as Java's JSON decoders send it. A subnormal
// that keeps a digit is not zeroed; it is sent rounded, as any number is.
func zeroed[T string | []byte](text T, f float64, single bool) bool {
	if single {
		f = float64(float32(f))
	}
	return f == 0 && jsontext.NonzeroMantissa(string(text))
}

// zeroedError is the error for a number text that zeroed finds zeroed.
func zeroedError[T string | []byte](text T, single bool) error {
	if single {
		return fmt.Errorf("%s is too small for a float (the smallest is ±%.2g): it would be sent as 0; a double holds it", text, math.SmallestNonzeroFloat32)
	}
	return fmt.Errorf("%s is too small for a double (the smallest is ±%.2g): it would be sent as 0", text, math.SmallestNonzeroFloat64)
}

// timeCounts says what the number of a date or time logical type counts,
// for a value written otherwise ("2024-01-01T00:00:00Z").
var timeCounts = map[avro.LogicalType]string{
	avro.Date:                 "days since 1970-01-01",
	avro.TimeMillis:           "milliseconds since midnight",
	avro.TimeMicros:           "microseconds since midnight",
	avro.TimestampMillis:      "milliseconds since 1970-01-01T00:00:00Z",
	avro.TimestampMicros:      "microseconds since 1970-01-01T00:00:00Z",
	avro.LocalTimestampMillis: "milliseconds since 1970-01-01T00:00:00 local time",
	avro.LocalTimestampMicros: "microseconds since 1970-01-01T00:00:00 local time",
}

// logicalType is t's logical type, or "".
func logicalType(t *avro.PrimitiveSchema) avro.LogicalType {
	if l := t.Logical(); l != nil {
		return l.Type()
	}
	return ""
}

// isJSONNumber is whether v, one JSON value, is a number.
func isJSONNumber(v []byte) bool {
	return v[0] == '-' || v[0] >= '0' && v[0] <= '9'
}

// decimalBytes returns the JSON number v as a decimal of d's scale: the
// big-endian two's-complement bytes of its unscaled value, as Java's
// BigDecimal conversion writes them, the fewest that hold it, or size bytes
// for a fixed. A number with more places than the scale, or more digits
// than the precision, is refused rather than rounded.
func decimalBytes(v []byte, d *avro.DecimalLogicalSchema, size int) ([]byte, error) {
	kind := fmt.Sprintf("decimal(%d,%d)", d.Precision(), d.Scale())
	// v is a JSON number: math/big refuses only an exponent beyond its
	// bound.
	r, ok := new(big.Rat).SetString(string(v))
	if !ok {
		return nil, fmt.Errorf("%s is far beyond %s", v, kind)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.Scale())), nil)))
	if !r.IsInt() {
		return nil, fmt.Errorf("%s has more decimal places than %s's scale, %d", v, kind, d.Scale())
	}
	n := r.Num()
	if digits := len(new(big.Int).Abs(n).String()); digits > d.Precision() {
		return nil, fmt.Errorf("%s has %d digits, more than %s's precision, %d", v, digits, kind, d.Precision())
	}
	// The bits of the magnitude, less one for a negative number, and a
	// sign bit.
	magnitude := n
	if n.Sign() < 0 {
		magnitude = new(big.Int).Not(n)
	}
	need := magnitude.BitLen()/8 + 1
	if size == 0 {
		size = need
	} else if need > size {
		return nil, fmt.Errorf("%s does not fit %s in %d bytes", v, kind, size)
	}
	if n.Sign() < 0 {
		n = new(big.Int).Add(n, new(big.Int).Lsh(big.NewInt(1), uint(8*size)))
	}
	return n.FillBytes(make([]byte, size)), nil
}

// setAsideDecimal adds to err, the refusal of the JSON number v for bytes
// or fixed (size bytes; 0 for bytes), why the type's "logicalType":
// "decimal" does not make it take a number: the decimal is not valid, and
// the Avro specification has readers set an invalid logical type aside and
// read the plain type, as Java's and hamba do. Without it, 'want a string of
// bytes' left the decimal that the schema's author wrote to look unread.
func setAsideDecimal(err error, t avro.PropertySchema, size int, v []byte) error {
	if t.Prop("logicalType") != "decimal" || !isJSONNumber(v) {
		return err
	}
	whole := func(prop string, ok int) (int, string) {
		text, _ := json.Marshal(t.Prop(prop))
		n, convErr := strconv.Atoi(string(text))
		if convErr != nil || n < ok {
			return 0, fmt.Sprintf("its %s, %s, is not a whole number of %d or more", prop, text, ok)
		}
		return n, ""
	}
	precision, why := whole("precision", 1)
	scale, scaleWhy := 0, ""
	if t.Prop("scale") != nil {
		scale, scaleWhy = whole("scale", 0)
	}
	switch {
	case t.Prop("precision") == nil:
		why = "it has no precision"
	case why != "":
	case scaleWhy != "":
		why = scaleWhy
	case scale > precision:
		why = fmt.Sprintf("its scale, %d, is more than its precision, %d", scale, precision)
	case size > 0:
		why = fmt.Sprintf("its precision, %d, is more digits than %s can hold", precision, format.Count(size, "byte"))
	default:
		return err
	}
	return fmt.Errorf("%w: the schema's decimal is not valid (%s): Avro's readers set it aside and read plain bytes", err, why)
}

// declaresDecimal reports whether s says "logicalType": "decimal", valid
// or set aside: its bytes are a number's, not text's.
func declaresDecimal(s avro.Schema) bool {
	if l, ok := s.(avro.LogicalTypeSchema); ok && l.Logical() != nil && l.Logical().Type() == avro.Decimal {
		return true
	}
	p, ok := s.(avro.PropertySchema)
	return ok && p.Prop("logicalType") == "decimal"
}

// codePointBytes reads Avro's JSON form of bytes: a string of code points
// U+0000 to U+00FF.
func (e *avroEncoder) codePointBytes(v []byte, where func() string) ([]byte, error) {
	if v[0] != '"' {
		return nil, fmt.Errorf("%swant a string of bytes (code points U+0000 to U+00FF), got %s", where(), rawKind(v))
	}
	s, err := jsontext.Unquote(v, e.scratch)
	if err != nil {
		return nil, fmt.Errorf("%s%v", where(), err)
	}
	b := make([]byte, 0, len(s))
	for _, r := range string(s) {
		if r > 0xff {
			return nil, fmt.Errorf("%scode point U+%04X is not a byte (bytes are written as code points U+0000 to U+00FF)", where(), r)
		}
		b = append(b, byte(r))
	}
	return b, nil
}

// joinPath appends step (a field's name, a keyStep or "[i]") to the path
// at.
func joinPath(at, step string) string {
	switch {
	case at == "":
		return step
	case strings.HasPrefix(step, "["):
		return at + step
	}
	return at + "." + step
}

// keyStep is a map key or a JSON member's name as a step of a path: bare
// when it is letters, digits, '_' and '-' (tags.colour), else a JSON string
// in brackets, as jq writes it (tags["a.b"], tags[""], tags["x\ny"]), so
// that a key with a dot, a bracket, a space, a quote or a line break names
// one place, on one line.
func keyStep(key []byte) string {
	bare := len(key) > 0
	for _, r := range string(key) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' {
			bare = false
			break
		}
	}
	if bare {
		return string(key)
	}
	return "[" + string(jsontext.AppendString(nil, key)) + "]"
}

// schemaJSON is what an Avro schema's JSON says that hamba's parse does
// not keep as written, read by walking the JSON beside the parsed schema.
type schemaJSON struct {
	// defaults are the fields' defaults as JSON with their numbers as
	// written (json.Number).
	defaults map[*avro.Field]any
	// names are the full names of the named types the JSON defines, as
	// the specification and Java make them: hamba takes "namespace": "" for
	// the enclosing namespace where it is the null namespace, so a type
	// defined so within a namespaced record (Java's Schema.toString writes
	// it for one without a namespace) and the types it encloses are
	// Address in Java's JSON and shop.Address in hamba's.
	names map[avro.NamedSchema]string
}

// read adds what text, the schema s, defines.
func (j schemaJSON) read(text string, s avro.Schema) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) == nil {
		j.walk(v, s, "")
	}
}

// walk reads v, the JSON of s within namespace.
func (j schemaJSON) walk(v any, s avro.Schema, namespace string) {
	obj, _ := v.(map[string]any)
	if t, ok := obj["type"].([]any); ok {
		v = t // a union as {"type":[...]}, which hamba takes
	}
	// A definition, not a name, which hamba may give as the type itself.
	if n, ok := s.(avro.NamedSchema); ok && obj["type"] == string(s.Type()) {
		name, _ := obj["name"].(string)
		if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
			namespace = name[:dot]
		} else if ns, ok := obj["namespace"].(string); ok {
			namespace = ns
		}
		j.names[n] = name[strings.LastIndexByte(name, '.')+1:]
		if namespace != "" {
			j.names[n] = namespace + "." + j.names[n]
		}
	}
	switch t := s.(type) {
	case *avro.RecordSchema:
		fields, _ := obj["fields"].([]any)
		if len(fields) != len(t.Fields()) {
			return // a name, defined where it is walked
		}
		for i, f := range t.Fields() {
			raw, _ := fields[i].(map[string]any)
			if def, ok := raw["default"]; ok {
				j.defaults[f] = def
			}
			j.walk(raw["type"], f.Type(), namespace)
		}
	case *avro.ArraySchema:
		j.walk(obj["items"], t.Items(), namespace)
	case *avro.MapSchema:
		j.walk(obj["values"], t.Values(), namespace)
	case *avro.UnionSchema:
		if branches, ok := v.([]any); ok && len(branches) == len(t.Types()) {
			for i, b := range t.Types() {
				j.walk(branches[i], b, namespace)
			}
		}
	}
}

// fullName is the full name of s as Java's JSON encoding writes it.
func (j schemaJSON) fullName(s avro.NamedSchema) string {
	if name, ok := j.names[s]; ok {
		return name
	}
	return s.FullName()
}

// prepare encodes the default of every field that has one, for the records
// s reaches; raw holds the defaults' JSON (schemaJSON).
func (a *avroCodec) prepare(s avro.Schema, raw map[*avro.Field]any, seen map[string]bool) {
	switch t := s.(type) {
	case *avro.RecordSchema:
		if seen[t.FullName()] {
			return
		}
		seen[t.FullName()] = true
		for _, f := range t.Fields() {
			// A default of a shape hamba does not give leaves the field
			// required rather than the schema unusable.
			if f.HasDefault() {
				if b, err := appendDefault(nil, f.Type(), f.Default(), raw[f], raw); err == nil {
					a.defaults[f] = b
				}
			}
			a.prepare(f.Type(), raw, seen)
		}
	case *avro.RefSchema:
		a.prepare(t.Schema(), raw, seen)
	case *avro.ArraySchema:
		a.prepare(t.Items(), raw, seen)
	case *avro.MapSchema:
		a.prepare(t.Values(), raw, seen)
	case *avro.UnionSchema:
		for _, b := range t.Types() {
			a.prepare(b, raw, seen)
		}
	}
}

// appendDefault appends the Avro binary form of def, a field's default as
// hamba parsed and checked it: a union's is its first branch's value, bytes
// are a []byte, fixed a byte array, records and maps a map[string]any (a
// record's with every field, its own defaults filled in), and numbers the Go
// type of their Avro type. hamba's own Marshal takes neither a union's
// record, enum or fixed default nor a null inside a record, array or map
// default. A map's entries are written sorted by key, so that its bytes are
// the same every run. raw is the same default as JSON (schemaJSON), whose
// digits an int or long is read from: hamba's went through a float64, which
// holds integers exactly only up to 2^53, and takes 1.5 for 1. fieldRaw has
// the defaults of the fields a record default leaves out, which hamba fills
// in.
func appendDefault(dst []byte, s avro.Schema, def, raw any, fieldRaw map[*avro.Field]any) ([]byte, error) {
	switch t := s.(type) {
	case *avro.RefSchema:
		return appendDefault(dst, t.Schema(), def, raw, fieldRaw)
	case *avro.NullSchema:
		return dst, nil
	case *avro.UnionSchema:
		return appendDefault(binary.AppendVarint(dst, 0), t.Types()[0], def, raw, fieldRaw)
	case *avro.RecordSchema:
		if m, ok := def.(map[string]any); ok {
			rawFields, _ := raw.(map[string]any)
			var err error
			for _, f := range t.Fields() {
				fraw, ok := rawFields[f.Name()]
				if !ok {
					fraw = fieldRaw[f]
				}
				if dst, err = appendDefault(dst, f.Type(), m[f.Name()], fraw, fieldRaw); err != nil {
					return dst, err
				}
			}
			return dst, nil
		}
	case *avro.EnumSchema:
		for i, sym := range t.Symbols() {
			if sym == def {
				return binary.AppendVarint(dst, int64(i)), nil
			}
		}
	case *avro.FixedSchema:
		if v := reflect.ValueOf(def); v.Kind() == reflect.Array && v.Type().Elem().Kind() == reflect.Uint8 && v.Len() == t.Size() {
			for i := range v.Len() {
				dst = append(dst, byte(v.Index(i).Uint()))
			}
			return dst, nil
		}
	case *avro.ArraySchema:
		rawItems, _ := raw.([]any)
		if items, ok := def.([]any); ok && len(rawItems) == len(items) {
			if len(items) > 0 {
				dst = binary.AppendVarint(dst, int64(len(items)))
			}
			var err error
			for i, item := range items {
				if dst, err = appendDefault(dst, t.Items(), item, rawItems[i], fieldRaw); err != nil {
					return dst, err
				}
			}
			return append(dst, 0), nil
		}
	case *avro.MapSchema:
		if m, ok := def.(map[string]any); ok {
			rawValues, _ := raw.(map[string]any)
			if len(m) > 0 {
				dst = binary.AppendVarint(dst, int64(len(m)))
			}
			var err error
			for _, k := range slices.Sorted(maps.Keys(m)) {
				dst = binary.AppendVarint(dst, int64(len(k)))
				dst = append(dst, k...)
				if dst, err = appendDefault(dst, t.Values(), m[k], rawValues[k], fieldRaw); err != nil {
					return dst, err
				}
			}
			return append(dst, 0), nil
		}
	case *avro.PrimitiveSchema:
		switch v := def.(type) {
		case bool:
			if t.Type() == avro.Boolean {
				if v {
					return append(dst, 1), nil
				}
				return append(dst, 0), nil
			}
		case int, int64: // hamba's for an int and a long
			bits := 64
			if t.Type() == avro.Int {
				bits = 32
			}
			n, _ := raw.(json.Number)
			i, err := strconv.ParseInt(string(n), 10, bits)
			if err != nil {
				return dst, fmt.Errorf("default %s is not a %d-bit integer", n, bits)
			}
			return binary.AppendVarint(dst, i), nil
		case float32:
			if t.Type() == avro.Float {
				return binary.LittleEndian.AppendUint32(dst, math.Float32bits(v)), nil
			}
		case float64:
			if t.Type() == avro.Double {
				return binary.LittleEndian.AppendUint64(dst, math.Float64bits(v)), nil
			}
		case string:
			if l := t.Logical(); l != nil && l.Type() == avro.UUID && !isUUID(v) {
				return dst, fmt.Errorf("default %q is not a UUID", v)
			}
			if t.Type() == avro.String {
				dst = binary.AppendVarint(dst, int64(len(v)))
				return append(dst, v...), nil
			}
		case []byte:
			if t.Type() == avro.Bytes {
				dst = binary.AppendVarint(dst, int64(len(v)))
				return append(dst, v...), nil
			}
		}
	}
	return dst, fmt.Errorf("default %v (%T) is not of type %s", def, def, s.Type())
}
