package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bufbuild/protocompile/linker"
	"github.com/bufbuild/protocompile/reporter"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/kafkashore/shore/internal/protosrc"
)

// protoFile is a compiled .proto file: the messages it declares, and the
// types an Any value may hold (anyTypes).
type protoFile struct {
	fd       protoreflect.FileDescriptor
	resolver anyTypes
	byIndex  map[string]*protoMessage
	// named lists the file's messages, nested ones after the message
	// that holds them, for messageNamed and names.
	named []namedMessage
	// groups is whether the file or one it imports declares a group
	// field, whose JSON is renamed (appendGroupNames).
	groups bool
}

// namedMessage is one message of a file by its names and its index path.
type namedMessage struct {
	full, relative, short string // shop.Order.Line, Order.Line, Line
	index                 []int
}

// protoMessage converts the payloads of one message type.
type protoMessage struct {
	file    *protoFile // whose other messages an Encoder may switch to
	md      protoreflect.MessageDescriptor
	index   []int
	marshal protojson.MarshalOptions
	parse   protojson.UnmarshalOptions
	// unmarshal finds the file's extensions, which a payload of a proto2
	// message may hold.
	unmarshal proto.UnmarshalOptions
	order     fieldOrder
	scratch   []byte
	jsonSafe  bytes.Buffer
}

// newProto compiles a .proto file named name; files maps the import paths
// of the files it imports (registry references, or local files) to their
// text. lookup, when not nil, is asked for paths files lacks.
func newProto(name, text string, files map[string]string, lookup func(path string) (io.ReadCloser, error)) (*protoFile, error) {
	out, err := protosrc.Compile(name, text, files, lookup)
	// An error in the file itself is placed by line and column: its name
	// is the caller's to give (a registry's schema has none); one in an
	// import keeps the import's name.
	var at reporter.ErrorWithPos
	if errors.As(err, &at) && at.GetPosition().Filename == name {
		pos := at.GetPosition()
		return nil, fmt.Errorf("Protobuf schema: line %d, column %d: %w", pos.Line, pos.Col, at.Unwrap())
	}
	if err != nil {
		return nil, fmt.Errorf("Protobuf schema: %w", err)
	}
	f := out[0]
	if f.Messages().Len() == 0 {
		return nil, errors.New("Protobuf schema declares no message")
	}
	all := withImports(f)
	return &protoFile{fd: f, resolver: anyTypes{all.AsResolver()}, byIndex: map[string]*protoMessage{}, named: namedMessages(f), groups: declaresGroup(all)}, nil
}

// anyTypes finds the types an Any value may hold: those of the file and
// its imports, then Protobuf's well-known types (google.protobuf.Timestamp,
// Int32Value, Struct, ...), which protoc's runtimes find whether or not the
// file imports them. Go's runtime registers them, in GlobalTypes, for
// protocompile, which links their packages in.
type anyTypes struct {
	linker.Resolver
}

// FindMessageByURL is what protojson asks for an Any's @type.
func (r anyTypes) FindMessageByURL(url string) (protoreflect.MessageType, error) {
	mt, err := r.Resolver.FindMessageByURL(url)
	// A type URL names the type after its last slash.
	if name := protoreflect.FullName(url[strings.LastIndexByte(url, '/')+1:]); errors.Is(err, protoregistry.NotFound) && name.Parent() == "google.protobuf" {
		return protoregistry.GlobalTypes.FindMessageByName(name)
	}
	return mt, err
}

// withImports lists f and every file it imports, however deeply, so that an
// Any value may hold a type of any of them: a compiled file's own resolver
// finds only the file's types.
func withImports(f linker.File) linker.Files {
	files := linker.Files{f}
	seen := map[string]bool{f.Path(): true}
	for i := 0; i < len(files); i++ {
		imports := files[i].Imports()
		for j := 0; j < imports.Len(); j++ {
			fd := imports.Get(j).FileDescriptor
			if seen[fd.Path()] {
				continue
			}
			seen[fd.Path()] = true
			// A compiled file's imports are compiled files, with no cycle.
			if lf, err := linker.NewFileRecursive(fd); err == nil {
				files = append(files, lf)
			}
		}
	}
	return files
}

// message returns the message at a wire-format index path: the index of a
// top-level message in the file, then of each nested message.
func (p *protoFile) message(index []int) (*protoMessage, error) {
	key := fmt.Sprint(index)
	if m, ok := p.byIndex[key]; ok {
		return m, nil
	}
	if len(index) == 0 {
		return nil, errors.New("empty Protobuf message index")
	}
	msgs := p.fd.Messages()
	var md protoreflect.MessageDescriptor
	for _, i := range index {
		if i >= msgs.Len() {
			return nil, fmt.Errorf("Protobuf message index %v: no such message in the schema", index)
		}
		md = msgs.Get(i)
		msgs = md.Messages()
	}
	m := p.newMessage(md, append([]int(nil), index...))
	p.byIndex[key] = m
	return m, nil
}

// messageNamed returns the message of a name: full (shop.Order.Line),
// within the package (Order.Line) or short (Line) when no other message has
// that short name; "" is the file's first message, as Confluent's
// serializers choose. Its error does not name the file, which the caller
// names as its user knows it.
func (p *protoFile) messageNamed(name string) (*protoMessage, error) {
	if name == "" {
		return p.message([]int{0})
	}
	var exact []int
	var short []namedMessage
	for _, m := range p.named {
		if m.full == name || m.relative == name {
			exact = m.index
		}
		if m.short == name {
			short = append(short, m)
		}
	}
	if exact != nil {
		return p.message(exact)
	}
	switch len(short) {
	case 0:
		return nil, fmt.Errorf("no message %q (it has %s)", name, strings.Join(p.names(), ", "))
	case 1:
		return p.message(short[0].index)
	}
	relative := make([]string, len(short))
	for i, m := range short {
		relative[i] = m.relative
	}
	return nil, fmt.Errorf("%d messages are named %q (%s): give the one meant", len(short), name, strings.Join(relative, ", "))
}

// namedMessages lists the messages of f, nested ones after the message
// that holds them. The entries of map fields, messages that protoc makes
// and no one names, are left out, but they count in the indexes as the
// wire format counts them.
func namedMessages(f protoreflect.FileDescriptor) []namedMessage {
	pkg := string(f.Package())
	var out []namedMessage
	var walk func(msgs protoreflect.MessageDescriptors, path []int)
	walk = func(msgs protoreflect.MessageDescriptors, path []int) {
		for i := 0; i < msgs.Len(); i++ {
			md := msgs.Get(i)
			if md.IsMapEntry() {
				continue
			}
			here := append(path[:len(path):len(path)], i)
			full := string(md.FullName())
			out = append(out, namedMessage{full: full, relative: strings.TrimPrefix(full, pkg+"."), short: string(md.Name()), index: here})
			walk(md.Messages(), here)
		}
	}
	walk(f.Messages(), nil)
	return out
}

// names lists the file's messages by their names within the package.
func (p *protoFile) names() []string {
	all := make([]string, len(p.named))
	for i, m := range p.named {
		all[i] = m.relative
	}
	return all
}

func (p *protoFile) newMessage(md protoreflect.MessageDescriptor, index []int) *protoMessage {
	return &protoMessage{
		file:      p,
		md:        md,
		index:     index,
		marshal:   protojson.MarshalOptions{UseProtoNames: true, EmitDefaultValues: true, Resolver: p.resolver},
		parse:     protojson.UnmarshalOptions{Resolver: p.resolver},
		unmarshal: proto.UnmarshalOptions{Resolver: p.resolver},
		order:     newFieldOrder(md),
	}
}

func (m *protoMessage) AppendJSON(dst, payload []byte) ([]byte, error) {
	msg := dynamicpb.NewMessage(m.md)
	if err := m.unmarshal.Unmarshal(payload, msg); err != nil {
		return dst, fmt.Errorf("Protobuf %s: %s", m.md.FullName(), protoErrorText(err))
	}
	if err := unknownField(msg, ""); err != nil {
		return dst, fmt.Errorf("Protobuf %s: %w", m.md.FullName(), err)
	}
	var err error
	m.scratch, err = m.marshal.MarshalAppend(m.scratch[:0], msg)
	if err != nil {
		return dst, fmt.Errorf("Protobuf %s: %s", m.md.FullName(), protoErrorText(err))
	}
	// protojson varies its spacing on purpose; output must be stable.
	m.jsonSafe.Reset()
	if err := json.Compact(&m.jsonSafe, m.scratch); err != nil {
		return dst, err
	}
	doc := m.jsonSafe.Bytes()
	if bytes.Contains(doc, []byte("-0")) {
		m.scratch = appendNegativeZeros(m.scratch[:0], doc)
		doc = m.scratch
	}
	if m.file.groups {
		out, err := m.file.appendGroupNames(dst, doc, m.md)
		if err != nil {
			return dst, fmt.Errorf("Protobuf %s: %w", m.md.FullName(), err)
		}
		return out, nil
	}
	return append(dst, doc...), nil
}

// negativeZero is how a float or double of negative zero is written, as
// Java and Python write it.
const negativeZero = "-0.0"

// appendNegativeZeros appends the compact JSON doc with each number -0
// written -0.0: protojson writes a float or double of negative zero as -0
// (integers it writes 0, or as strings), which Python's json and Jackson
// read as the integer 0, losing the sign that protoc's runtimes print.
func appendNegativeZeros(dst, doc []byte) []byte {
	inString, escaped := false, false
	for i := 0; i < len(doc); i++ {
		c := doc[i]
		switch {
		case escaped:
			escaped = false
		case inString:
			escaped = c == '\\'
			inString = c != '"'
		case c == '"':
			inString = true
		case c == '-' && bytes.HasPrefix(doc[i+1:], []byte("0")) && (i+2 == len(doc) || strings.IndexByte(".eE0123456789", doc[i+2]) < 0):
			dst = append(dst, negativeZero...)
			i++
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

func (m *protoMessage) AppendEncoded(dst, doc []byte) ([]byte, error) {
	msg := dynamicpb.NewMessage(m.md)
	if err := m.parse.Unmarshal(doc, msg); err != nil {
		start, end, serr := docSpan(doc)
		if serr != nil {
			return dst, serr
		}
		// protojson refuses a key given twice, but only once it has
		// read the first one's value, which may be what it refuses.
		if field, kerr := twiceKey(doc[start:end], "", fieldSteps); kerr == nil && field != "" {
			return dst, fmt.Errorf("does not fit Protobuf %s: %w", m.md.FullName(), fieldTwice(field))
		}
		return dst, fmt.Errorf("does not fit Protobuf %s: %s", m.md.FullName(), m.protoParseError(doc, err))
	}
	if mayZero(doc) {
		start, end, _ := docSpan(doc) // protojson took it: it is one value
		if err := protoZeroed(m.md, doc[start:end], ""); err != nil {
			return dst, fmt.Errorf("does not fit Protobuf %s: %w", m.md.FullName(), err)
		}
	}
	if bytes.Contains(doc, []byte(`"NaN"`)) {
		canonicalNaNs(msg)
	}
	return m.order.appendMessage(dst, msg)
}

// unknownField says where m, or a message in it at path (field names
// from the decoded message, "" for itself), holds a field that its
// descriptor does not define, or a defined field in a wire type its type is
// not written in: proto.Unmarshal keeps either as unknown bytes, which the
// JSON would leave out, so a record copied through it would lose them. A
// payload of another message, or written with a schema other than its id's,
// shows this way.
func unknownField(m protoreflect.Message, path string) error {
	if raw := m.GetUnknown(); len(raw) > 0 {
		md := m.Descriptor()
		num, typ, _ := protowire.ConsumeTag(raw)
		if fd := md.Fields().ByNumber(num); fd != nil {
			name := string(fd.Name())
			if path != "" {
				name = path + "." + name
			}
			return fmt.Errorf("the payload holds field %s (number %d) as a %s value, which its type %s is not written as", name, num, wireTypeNames[typ], fd.Kind())
		}
		in := ""
		if path != "" {
			in = " in " + path
		}
		return fmt.Errorf("the payload holds field number %d%s, which %s does not define: its JSON would leave it out", num, in, md.FullName())
	}
	var err error
	within := func(fd protoreflect.FieldDescriptor, suffix string) string {
		if path == "" {
			return string(fd.Name()) + suffix
		}
		return path + "." + string(fd.Name()) + suffix
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsMap():
			if fd.MapValue().Message() != nil {
				v.Map().Range(func(k protoreflect.MapKey, e protoreflect.Value) bool {
					err = unknownField(e.Message(), joinPath(within(fd, ""), keyStep([]byte(k.String()))))
					return err == nil
				})
			}
		case fd.IsList():
			if fd.Message() != nil {
				for i := 0; i < v.List().Len() && err == nil; i++ {
					err = unknownField(v.List().Get(i).Message(), within(fd, fmt.Sprintf("[%d]", i)))
				}
			}
		case fd.Message() != nil:
			err = unknownField(v.Message(), within(fd, ""))
		}
		return err == nil
	})
	return err
}

// wireTypeNames names Protobuf's wire types as the encoding guide does.
var wireTypeNames = map[protowire.Type]string{
	protowire.VarintType:     "varint",
	protowire.Fixed64Type:    "64-bit",
	protowire.BytesType:      "length-delimited",
	protowire.StartGroupType: "group",
	protowire.EndGroupType:   "group end",
	protowire.Fixed32Type:    "32-bit",
}

// canonicalNaNs makes every double NaN in m, its messages, lists and maps
// included, the canonical one (canonicalNaN) that protojson's math.NaN()
// is not, as Java's and Python's runtimes write it.
func canonicalNaNs(m protoreflect.Message) {
	nan := protoreflect.ValueOfFloat64(canonicalNaN)
	isNaN := func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		return fd.Kind() == protoreflect.DoubleKind && math.IsNaN(v.Float())
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsMap():
			var nanKeys []protoreflect.MapKey
			v.Map().Range(func(k protoreflect.MapKey, e protoreflect.Value) bool {
				if fd.MapValue().Message() != nil {
					canonicalNaNs(e.Message())
				} else if isNaN(fd.MapValue(), e) {
					nanKeys = append(nanKeys, k)
				}
				return true
			})
			for _, k := range nanKeys {
				v.Map().Set(k, nan)
			}
		case fd.IsList():
			for i := 0; i < v.List().Len(); i++ {
				if fd.Message() != nil {
					canonicalNaNs(v.List().Get(i).Message())
				} else if isNaN(fd, v.List().Get(i)) {
					v.List().Set(i, nan)
				}
			}
		case fd.Message() != nil:
			canonicalNaNs(v.Message())
		case isNaN(fd, v):
			m.Set(fd, nan)
		}
		return true
	})
}

// protojsonPlace matches the place protojson gives in a parse error,
// "(line 1:38): ": a line of the document and a column in runes.
var protojsonPlace = regexp.MustCompile(`\(line (\d+):(\d+)\): `)

// protoParseError words protojson's error for doc by the field it is in
// (lines[0].qty, as the Avro encoder names fields), in place of protojson's
// line and column, which read as the input's line ("stdin line 3: ...
// (line 1:38)") and count within a --json line's value, not the line.
func (m *protoMessage) protoParseError(doc []byte, err error) string {
	text := protoErrorText(err)
	place := protojsonPlace.FindStringSubmatch(text)
	if place == nil {
		return text
	}
	// The place ends most errors' first words, and follows "syntax
	// error " in one's.
	text = strings.Replace(text, place[0], "", 1)
	if rest, ok := strings.CutPrefix(text, "syntax error "); ok {
		text = "syntax error: " + rest
	}
	line, _ := strconv.Atoi(place[1])
	column, _ := strconv.Atoi(place[2])
	i := runeAt(doc, line, column)
	start, end, serr := docSpan(doc)
	if serr != nil || i < start || i >= end {
		return text
	}
	field, inKey, earlier := fieldAt(doc[start:end], i-start, "")
	if set := protojsonOneofSet.FindStringSubmatch(text); set != nil && inKey {
		// The place is the key of the oneof's second member; the first
		// is among the keys before it.
		var second string
		if first := m.oneofMember(earlier, set[2]); first != nil && json.Unmarshal([]byte(set[1]), &second) == nil {
			oneof := set[2][strings.LastIndexByte(set[2], '.')+1:]
			return fmt.Sprintf("fields %s and %s are both set; oneof %s takes only one", joinPath(field, keyStep(first)), joinPath(field, keyStep([]byte(second))), oneof)
		}
	}
	if bad := protojsonBadNumber.FindStringSubmatch(text); bad != nil && !inKey {
		v := []byte(bad[2])
		f, err := strconv.ParseFloat(strings.Trim(bad[2], `"`), 64)
		if rerr := rangeError(v, f, err, bad[1] == "float"); rerr != nil {
			text = rerr.Error()
		}
	}
	switch {
	case field == "":
		return text
	case inKey:
		return "in " + field + ": " + text
	}
	return "field " + field + ": " + text
}

// oneofMember returns the key of the first of members that names a field
// of the oneof called name (by its JSON name or its own, as protojson reads
// either), or nil.
func (m *protoMessage) oneofMember(members []jsonMember, name string) []byte {
	d, err := m.file.resolver.FindDescriptorByName(protoreflect.FullName(name))
	od, ok := d.(protoreflect.OneofDescriptor)
	if err != nil || !ok {
		return nil
	}
	fields := od.Fields()
	for _, mb := range members {
		for i := 0; i < fields.Len(); i++ {
			if fd := fields.Get(i); string(mb.key) == fd.JSONName() || string(mb.key) == fd.TextName() {
				return mb.key
			}
		}
	}
	return nil
}

// protojsonOneofSet matches protojson's error for a second member of one
// oneof: the member's JSON key, and the oneof's full name.
var protojsonOneofSet = regexp.MustCompile(`^error parsing ("(?:[^"\\]|\\.)*"), oneof (\S+) is already set$`)

// protojsonBadNumber matches protojson's error for a float or double field
// whose value it refuses, a number beyond the type's range among them: the
// type, and the value as written.
var protojsonBadNumber = regexp.MustCompile(`^invalid value for (float|double) field \S+: (.+)$`)

// runeAt returns the index in doc of the rune at column of line (both
// counted from 1), or -1 when doc has no such place.
func runeAt(doc []byte, line, column int) int {
	i := 0
	for ; line > 1; line-- {
		n := bytes.IndexByte(doc[i:], '\n')
		if n < 0 {
			return -1
		}
		i += n + 1
	}
	for ; column > 1; column-- {
		if i >= len(doc) {
			return -1
		}
		_, size := utf8.DecodeRune(doc[i:])
		i += size
	}
	return i
}

// protoErrorText drops the "proto: " prefix and the odd non-breaking
// spaces protobuf puts in its errors.
func protoErrorText(err error) string {
	s := strings.ReplaceAll(err.Error(), "\u00a0", " ")
	return strings.TrimPrefix(s, "proto: ")
}
