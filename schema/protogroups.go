package schema

import (
	"errors"

	"github.com/bufbuild/protocompile/linker"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/kafkashore/shore/internal/jsontext"
)

// protojson's UseProtoNames writes a proto2 group field (`group G = 1 {...}`)
// under its type's name, G, as the text format does. protoc's runtimes
// write its field name, g: Python's json_format (confluent-kafka's
// MessageToDict) and Java's JsonFormat print it so, and json_format does not
// read G. So the JSON of a file that declares a group is rewritten, its
// group fields renamed; protojson reads either name back.

// declaresGroup reports whether a message of files, nested ones included,
// has a group field whose name protojson writes otherwise.
func declaresGroup(files linker.Files) bool {
	var within func(msgs protoreflect.MessageDescriptors) bool
	within = func(msgs protoreflect.MessageDescriptors) bool {
		for i := 0; i < msgs.Len(); i++ {
			md := msgs.Get(i)
			fields := md.Fields()
			for j := 0; j < fields.Len(); j++ {
				if fd := fields.Get(j); fd.TextName() != string(fd.Name()) {
					return true
				}
			}
			if within(md.Messages()) {
				return true
			}
		}
		return false
	}
	for _, f := range files {
		if within(f.Messages()) {
			return true
		}
	}
	return false
}

// anyName is the type whose JSON holds a message of another type, named
// by its "@type" member.
const anyName = "google.protobuf.Any"

// appendGroupNames appends v, protojson's compact JSON of a message of type
// md, with its group fields, and those of the messages in it, under their
// field names.
func (p *protoFile) appendGroupNames(dst, v []byte, md protoreflect.MessageDescriptor) ([]byte, error) {
	// Protobuf's own types declare no group; those with a JSON form of
	// their own (Timestamp, Struct, ...) are not objects of their fields.
	if md.FullName() != anyName && md.ParentFile().Package() == "google.protobuf" || len(v) == 0 || v[0] != '{' {
		return append(dst, v...), nil
	}
	if md.FullName() != anyName {
		return appendObject(dst, v, func(dst, key, value []byte) ([]byte, error) {
			return p.appendMemberGroupNames(dst, key, value, md)
		})
	}
	var inner protoreflect.MessageDescriptor // the type of the Any's value
	return appendObject(dst, v, func(dst, key, value []byte) ([]byte, error) {
		switch {
		case string(key) == `"@type"`:
			url, err := jsontext.Unquote(value, nil)
			if err != nil {
				return dst, err
			}
			mt, err := p.resolver.FindMessageByURL(string(url))
			if err != nil {
				return dst, err
			}
			inner = mt.Descriptor()
		case inner == nil:
		case inner.ParentFile().Package() != "google.protobuf":
			return p.appendMemberGroupNames(dst, key, value, inner)
		case string(key) == `"value"`:
			// the JSON form of Protobuf's own types, an Any among them
			return p.appendGroupNames(append(append(dst, key...), ':'), value, inner)
		}
		return append(append(append(dst, key...), ':'), value...), nil
	})
}

// appendMemberGroupNames appends the member key:value of the JSON of a
// message of type md, as appendGroupNames does.
func (p *protoFile) appendMemberGroupNames(dst, key, value []byte, md protoreflect.MessageDescriptor) ([]byte, error) {
	name := string(key[1 : len(key)-1])
	fd := md.Fields().ByTextName(name)
	if fd == nil && len(name) > 2 && name[0] == '[' {
		if xt, err := p.resolver.FindExtensionByName(protoreflect.FullName(name[1 : len(name)-1])); err == nil {
			fd = xt.TypeDescriptor()
		}
	}
	if fd == nil {
		return append(append(append(dst, key...), ':'), value...), nil
	}
	if !fd.IsExtension() {
		key = jsontext.AppendString(nil, string(fd.Name()))
	}
	return p.appendFieldGroupNames(append(append(dst, key...), ':'), value, fd)
}

// appendFieldGroupNames appends v, the JSON of field fd's value, as
// appendGroupNames does.
func (p *protoFile) appendFieldGroupNames(dst, v []byte, fd protoreflect.FieldDescriptor) ([]byte, error) {
	switch {
	case fd.IsMap():
		if fd.MapValue().Message() == nil || len(v) == 0 || v[0] != '{' {
			return append(dst, v...), nil
		}
		return appendObject(dst, v, func(dst, key, value []byte) ([]byte, error) {
			return p.appendGroupNames(append(append(dst, key...), ':'), value, fd.MapValue().Message())
		})
	case fd.Message() == nil:
		return append(dst, v...), nil
	case fd.IsList():
		if len(v) == 0 || v[0] != '[' {
			return append(dst, v...), nil
		}
		items, err := elements(nil, v)
		if err != nil {
			return dst, err
		}
		dst = append(dst, '[')
		for i, item := range items {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = p.appendGroupNames(dst, item, fd.Message()); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	}
	return p.appendGroupNames(dst, v, fd.Message())
}

// appendObject appends v, a compact JSON object, with each member
// appended by member, given the text of its key, quotes included, and the
// span of its value.
func appendObject(dst, v []byte, member func(dst, key, value []byte) ([]byte, error)) ([]byte, error) {
	dst = append(dst, '{')
	for i := 1; i < len(v) && v[i] != '}'; {
		keyEnd, err := scanString(v, i)
		if err != nil {
			return dst, err
		}
		if keyEnd >= len(v) || v[keyEnd] != ':' {
			return dst, errors.New("protojson wrote an object without a ':' after a key")
		}
		end, err := scanValue(v, keyEnd+1, 1)
		if err != nil {
			return dst, err
		}
		if i > 1 {
			dst = append(dst, ',')
		}
		if dst, err = member(dst, v[i:keyEnd], v[keyEnd+1:end]); err != nil {
			return dst, err
		}
		i = end
		if i < len(v) && v[i] == ',' {
			i++
		}
	}
	return append(dst, '}'), nil
}
