package schema

import (
	"cmp"
	"slices"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// fieldOrder encodes Protobuf messages with their fields in field-number
// order, as protoc's C++, Java and Python runtimes (Confluent's
// serializers among them) write them. Go's Marshal writes the field set in
// a oneof after all the others, and a proto2 message's extensions before
// its fields, so a record of such a message, decoded to JSON and encoded
// again, would not come back byte for byte.
type fieldOrder struct {
	// apart holds the messages that have a oneof or extension ranges, or
	// a field whose message (a map's entry included) has, however deep:
	// only they are encoded field by field.
	apart map[protoreflect.FullName]bool
}

// marshalParsed marshals what protojson has parsed, and so checked for
// required fields; map entries are sorted by key.
var marshalParsed = proto.MarshalOptions{Deterministic: true, AllowPartial: true}

// newFieldOrder finds the messages reachable from md that need encoding
// field by field.
func newFieldOrder(md protoreflect.MessageDescriptor) fieldOrder {
	var all []protoreflect.MessageDescriptor
	seen := map[protoreflect.FullName]bool{}
	var visit func(md protoreflect.MessageDescriptor)
	visit = func(md protoreflect.MessageDescriptor) {
		if seen[md.FullName()] {
			return
		}
		seen[md.FullName()] = true
		all = append(all, md)
		fields := md.Fields()
		for i := 0; i < fields.Len(); i++ {
			if sub := fields.Get(i).Message(); sub != nil {
				visit(sub)
			}
		}
	}
	visit(md)
	apart := map[protoreflect.FullName]bool{}
	for _, m := range all {
		apart[m.FullName()] = m.ExtensionRanges().Len() > 0
		ods := m.Oneofs()
		for i := 0; i < ods.Len(); i++ {
			if !ods.Get(i).IsSynthetic() { // proto3 optional's are not written apart
				apart[m.FullName()] = true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, m := range all {
			fields := m.Fields()
			for i := 0; i < fields.Len() && !apart[m.FullName()]; i++ {
				if sub := fields.Get(i).Message(); sub != nil && apart[sub.FullName()] {
					apart[m.FullName()], changed = true, true
				}
			}
		}
	}
	return fieldOrder{apart: apart}
}

// appendMessage appends m's wire encoding to dst.
func (o fieldOrder) appendMessage(dst []byte, m protoreflect.Message) ([]byte, error) {
	if !o.apart[m.Descriptor().FullName()] {
		return marshalParsed.MarshalAppend(dst, m.Interface())
	}
	var set []protoreflect.FieldDescriptor
	m.Range(func(fd protoreflect.FieldDescriptor, _ protoreflect.Value) bool {
		set = append(set, fd)
		return true
	})
	slices.SortFunc(set, func(a, b protoreflect.FieldDescriptor) int { return cmp.Compare(a.Number(), b.Number()) })
	var err error
	for _, fd := range set {
		v := m.Get(fd)
		switch {
		case fd.Message() == nil || !o.apart[fd.Message().FullName()]:
			alone := m.Type().New()
			alone.Set(fd, v)
			dst, err = marshalParsed.MarshalAppend(dst, alone.Interface())
		case fd.IsMap():
			dst, err = o.appendMap(dst, fd, v.Map())
		case fd.IsList():
			list := v.List()
			for i := 0; i < list.Len() && err == nil; i++ {
				dst, err = o.appendField(dst, fd, list.Get(i).Message())
			}
		default:
			dst, err = o.appendField(dst, fd, v.Message())
		}
		if err != nil {
			return dst, err
		}
	}
	return append(dst, m.GetUnknown()...), nil
}

// appendField appends the message m as field fd: length-delimited, or
// between a group's start and end tags.
func (o fieldOrder) appendField(dst []byte, fd protoreflect.FieldDescriptor, m protoreflect.Message) ([]byte, error) {
	if fd.Kind() == protoreflect.GroupKind {
		dst = protowire.AppendTag(dst, fd.Number(), protowire.StartGroupType)
		dst, err := o.appendMessage(dst, m)
		return protowire.AppendTag(dst, fd.Number(), protowire.EndGroupType), err
	}
	body, err := o.appendMessage(nil, m)
	dst = protowire.AppendTag(dst, fd.Number(), protowire.BytesType)
	return protowire.AppendBytes(dst, body), err
}

// appendMap appends a map whose values are messages, its entries sorted by
// key as Go's deterministic Marshal sorts them; each entry holds its key
// and its value, defaults too, as every runtime writes them.
func (o fieldOrder) appendMap(dst []byte, fd protoreflect.FieldDescriptor, mp protoreflect.Map) ([]byte, error) {
	var keys []protoreflect.MapKey
	mp.Range(func(k protoreflect.MapKey, _ protoreflect.Value) bool {
		keys = append(keys, k)
		return true
	})
	slices.SortFunc(keys, compareMapKeys)
	for _, k := range keys {
		entry, err := o.appendField(appendMapKey(nil, fd.MapKey(), k), fd.MapValue(), mp.Get(k).Message())
		if err != nil {
			return dst, err
		}
		dst = protowire.AppendTag(dst, fd.Number(), protowire.BytesType)
		dst = protowire.AppendBytes(dst, entry)
	}
	return dst, nil
}

// appendMapKey appends a map entry's key, field 1, of one of the kinds a
// map key may have.
func appendMapKey(dst []byte, fd protoreflect.FieldDescriptor, k protoreflect.MapKey) []byte {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return protowire.AppendVarint(protowire.AppendTag(dst, 1, protowire.VarintType), protowire.EncodeBool(k.Bool()))
	case protoreflect.Int32Kind, protoreflect.Int64Kind:
		return protowire.AppendVarint(protowire.AppendTag(dst, 1, protowire.VarintType), uint64(k.Int()))
	case protoreflect.Uint32Kind, protoreflect.Uint64Kind:
		return protowire.AppendVarint(protowire.AppendTag(dst, 1, protowire.VarintType), k.Uint())
	case protoreflect.Sint32Kind, protoreflect.Sint64Kind:
		return protowire.AppendVarint(protowire.AppendTag(dst, 1, protowire.VarintType), protowire.EncodeZigZag(k.Int()))
	case protoreflect.Fixed32Kind:
		return protowire.AppendFixed32(protowire.AppendTag(dst, 1, protowire.Fixed32Type), uint32(k.Uint()))
	case protoreflect.Sfixed32Kind:
		return protowire.AppendFixed32(protowire.AppendTag(dst, 1, protowire.Fixed32Type), uint32(k.Int()))
	case protoreflect.Fixed64Kind:
		return protowire.AppendFixed64(protowire.AppendTag(dst, 1, protowire.Fixed64Type), k.Uint())
	case protoreflect.Sfixed64Kind:
		return protowire.AppendFixed64(protowire.AppendTag(dst, 1, protowire.Fixed64Type), uint64(k.Int()))
	}
	return protowire.AppendString(protowire.AppendTag(dst, 1, protowire.BytesType), k.String())
}

// compareMapKeys orders map keys as Go's deterministic Marshal does:
// false before true, numbers by value, strings by their bytes.
func compareMapKeys(a, b protoreflect.MapKey) int {
	switch a.Interface().(type) {
	case bool:
		return cmp.Compare(boolRank(a.Bool()), boolRank(b.Bool()))
	case int32, int64:
		return cmp.Compare(a.Int(), b.Int())
	case uint32, uint64:
		return cmp.Compare(a.Uint(), b.Uint())
	}
	return strings.Compare(a.String(), b.String())
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
