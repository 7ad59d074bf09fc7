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
	var inner protoreflect.MessageDescriptor // an Any's
	dst = append(dst, '{')
	first := true
	err := eachMember(v, func(key, value []byte) error {
		if !first {
			dst = append(dst, ',')
		}
		first = false
		if md.FullName() != anyName {
			return p.appendMemberGroupNames(&dst, key, value, md)
		}
		switch {
		case string(key) == `"@type"`:
			url, err := jsontext.Unquote(value, nil)
			if err != nil {
				return err
			}
			mt, err := p.resolver.FindMessageByURL(string(url))
			if err != nil {
				return err
			}
			inner = mt.Descriptor()
		case inner == nil:
		case inner.ParentFile().Package() != "google.protobuf":
			return p.appendMemberGroupNames(&dst, key, value, inner)
		case string(key) == `"value"`:
			// the JSON form of Protobuf's own types, an Any among them
			dst = append(append(dst, key...), ':')
			var err error
			dst, err = p.appendGroupNames(dst, value, inner)
			return err
		}
		dst = append(append(append(dst, key...), ':'), value...)
		return nil
	})
	return append(dst, '}'), err
}

// appendMemberGroupNames appends the member key:value of the JSON of a
// message of type md, as appendGroupNames does.
func (p *protoFile) appendMemberGroupNames(dst *[]byte, key, value []byte, md protoreflect.MessageDescriptor) error {
	name := string(key[1 : len(key)-1])
	fd := md.Fields().ByTextName(name)
	if fd == nil && len(name) > 2 && name[0] == '[' {
		if xt, err := p.resolver.FindExtensionByName(protoreflect.FullName(name[1 : len(name)-1])); err == nil {
			fd = xt.TypeDescriptor()
		}
	}
	if fd == nil {
		*dst = append(append(append(*dst, key...), ':'), value...)
		return nil
	}
	if !fd.IsExtension() {
		key = jsontext.AppendString(nil, string(fd.Name()))
	}
	*dst = append(append(*dst, key...), ':')
	var err error
	*dst, err = p.appendFieldGroupNames(*dst, value, fd)
	return err
}

// appendFieldGroupNames appends v, the JSON of field fd's value, as
// appendGroupNames does.
func (p *protoFile) appendFieldGroupNames(dst, v []byte, fd protoreflect.FieldDescriptor) ([]byte, error) {
	switch {
	case fd.IsMap():
		if fd.MapValue().Message() == nil || len(v) == 0 || v[0] != '{' {
			return append(dst, v...), nil
		}
		dst = append(dst, '{')
		first := true
		err := eachMember(v, func(key, value []byte) error {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = append(append(dst, key...), ':')
			var err error
			dst, err = p.appendGroupNames(dst, value, fd.MapValue().Message())
			return err
		})
		return append(dst, '}'), err
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

// eachMember calls f with the text of each key, quotes included, and the
// span of each value of v, a compact JSON object.
func eachMember(v []byte, f func(key, value []byte) error) error {
	for i := 1; i < len(v) && v[i] != '}'; {
		keyEnd, err := scanString(v, i)
		if err != nil {
			return err
		}
		if keyEnd >= len(v) || v[keyEnd] != ':' {
			return errors.New("protojson wrote an object without a ':' after a key")
		}
		end, err := scanValue(v, keyEnd+1, 1)
		if err != nil {
			return err
		}
		if err := f(v[i:keyEnd], v[keyEnd+1:end]); err != nil {
			return err
		}
		i = end
		if i < len(v) && v[i] == ',' {
			i++
		}
	}
	return nil
}
