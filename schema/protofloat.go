package schema

import (
	"bytes"
	"fmt"
	"strconv"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/kafkashore/shore/internal/jsontext"
)

// mayZero reports whether doc may hold a number that a float or double
// would make 0 though it is not zero: such a number is under 1e-45, so it
// has a negative exponent or more than 37 zeros after its point (44, in
// fact). It keeps protoZeroed's walk off the documents that cannot.
func mayZero(doc []byte) bool {
	return bytes.Contains(doc, []byte("e-")) || bytes.Contains(doc, []byte("E-")) ||
		bytes.Contains(doc, []byte(".0000000000000000000000000000000000000"))
}

// protoZeroed finds in v, the JSON of a message md that protojson took, a
// float or double field (in a list, a map, a nested message, a
// google.protobuf.FloatValue, DoubleValue or Value) whose number is not
// zero but that protojson made 0, as Java's JsonFormat does, and returns
// the error naming it; at names v's place. Protobuf's JSON has no other
// way to lose a number entirely: one beyond the range protojson refuses.
func protoZeroed(md protoreflect.MessageDescriptor, v []byte, at string) error {
	switch md.FullName() {
	case "google.protobuf.FloatValue", "google.protobuf.DoubleValue":
		return zeroedField(md.Fields().ByNumber(1), v, at)
	case "google.protobuf.Value", "google.protobuf.Struct", "google.protobuf.ListValue":
		return zeroedValue(v, at)
	}
	if v[0] != '{' {
		return nil
	}
	ms, _, err := members(nil, v)
	if err != nil {
		return nil
	}
	for _, m := range ms {
		fd := md.Fields().ByJSONName(string(m.key))
		if fd == nil {
			fd = md.Fields().ByTextName(string(m.key))
		}
		if fd == nil || m.value[0] == 'n' {
			continue
		}
		path := joinPath(at, keyStep(m.key))
		switch {
		case fd.IsMap():
			entries, _, err := members(nil, m.value)
			if err != nil {
				continue
			}
			for _, e := range entries {
				if err := zeroedField(fd.MapValue(), e.value, joinPath(path, keyStep(e.key))); err != nil {
					return err
				}
			}
		case fd.IsList():
			items, err := elements(nil, m.value)
			if err != nil {
				continue
			}
			for i, item := range items {
				if err := zeroedField(fd, item, fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
		default:
			if err := zeroedField(fd, m.value, path); err != nil {
				return err
			}
		}
	}
	return nil
}

// kinded is what zeroedField needs of a field: its kind, and its message
// when it has one.
type kinded interface {
	Kind() protoreflect.Kind
	Message() protoreflect.MessageDescriptor
}

// zeroedField checks v, one value of a field of the kind fd has.
func zeroedField(fd kinded, v []byte, at string) error {
	switch fd.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return protoZeroed(fd.Message(), v, at)
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		return zeroedNumber(v, fd.Kind() == protoreflect.FloatKind, at)
	}
	return nil
}

// zeroedNumber checks v, a float's (single) or double's JSON: a number, or
// a string of one, as protojson takes it too.
func zeroedNumber(v []byte, single bool, at string) error {
	text := v
	if v[0] == '"' {
		var err error
		if text, err = jsontext.Unquote(v, nil); err != nil {
			return nil
		}
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil || !zeroed(text, f, single) {
		return nil
	}
	if at == "" {
		return zeroedError(text, single)
	}
	return fmt.Errorf("field %s: %w", at, zeroedError(text, single))
}

// zeroedValue checks v, a google.protobuf.Value's JSON: its numbers are
// doubles.
func zeroedValue(v []byte, at string) error {
	switch v[0] {
	case '{':
		ms, _, err := members(nil, v)
		if err != nil {
			return nil
		}
		for _, m := range ms {
			if err := zeroedValue(m.value, joinPath(at, keyStep(m.key))); err != nil {
				return err
			}
		}
	case '[':
		items, err := elements(nil, v)
		if err != nil {
			return nil
		}
		for i, item := range items {
			if err := zeroedValue(item, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	case '"', 't', 'f', 'n':
	default:
		return zeroedNumber(v, false, at)
	}
	return nil
}
