// Package protosrc compiles .proto files as schema registries hold them:
// .proto source, or a base64 FileDescriptorProto as some clients register
// (confluent-kafka-python does, and Apicurio hands it back as registered).
// Both the schema codecs and shore dev's registry compile with it, and
// [Source] prints a compiled file back as .proto source.
package protosrc

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/bufbuild/protocompile"
	"github.com/bufbuild/protocompile/ast"
	"github.com/bufbuild/protocompile/linker"
	"github.com/bufbuild/protocompile/parser"
	"github.com/bufbuild/protocompile/reporter"
	"github.com/jhump/protoreflect/v2/protoprint"

	"github.com/kafkashore/shore/format"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Serialized decodes text when it is a base64 FileDescriptorProto.
func Serialized(text string) (*descriptorpb.FileDescriptorProto, bool) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil || len(raw) == 0 {
		return nil, false
	}
	fdp := new(descriptorpb.FileDescriptorProto)
	return fdp, proto.Unmarshal(raw, fdp) == nil && fdp.GetName() != ""
}

// Imports returns the paths that the file whose text is text imports, in
// the order written; ok is false when the text does not parse (compiling
// it says why).
func Imports(text string) (paths []string, ok bool) {
	if fdp, ok := Serialized(text); ok {
		return fdp.GetDependency(), true
	}
	file, err := parser.Parse("", strings.NewReader(text), reporter.NewHandler(nil))
	if err != nil {
		return nil, false
	}
	for _, decl := range file.Decls {
		if imp, isImport := decl.(*ast.ImportNode); isImport {
			paths = append(paths, imp.Name.AsString())
		}
	}
	return paths, true
}

// MissingImportError is an import that neither the references given nor
// the well-known types hold.
type MissingImportError struct {
	Path string
	// Near is the file of Protobuf's own (google/protobuf/...) a typo or
	// two from Path, or "".
	Near string
}

func (e *MissingImportError) Error() string {
	if e.Near != "" {
		return fmt.Sprintf("import %q: Protobuf has no such file (did you mean %q?)", e.Path, e.Near)
	}
	return fmt.Sprintf("import %q: no such reference", e.Path)
}

// nearStandardImport is the file of Protobuf's own a typo or two from
// path, which is not one, or "".
func nearStandardImport(path string) string {
	if !strings.HasPrefix(path, "google/protobuf/") {
		return ""
	}
	var known []string
	protoregistry.GlobalFiles.RangeFiles(func(f protoreflect.FileDescriptor) bool {
		if p := f.Path(); strings.HasPrefix(p, "google/protobuf/") {
			known = append(known, p)
		}
		return true
	})
	slices.Sort(known)
	return format.Nearest(path, known, func(s string) string { return s }, format.MostTypos(path))
}

// Compile compiles the file whose text is text, named name unless it is a
// FileDescriptorProto that names itself; files maps the import paths of the
// files it imports to their text, and lookup, when not nil, is asked for
// the paths files lacks. Protobuf's well-known types are known without
// either. The compiled file comes first in what it returns.
func Compile(name, text string, files map[string]string, lookup func(path string) (io.ReadCloser, error)) (linker.Files, error) {
	if fdp, ok := Serialized(text); ok {
		name = fdp.GetName()
	}
	resolve := protocompile.ResolverFunc(func(path string) (protocompile.SearchResult, error) {
		src, ok := files[path]
		if path == name {
			src, ok = text, true
		}
		if !ok {
			if lookup == nil {
				return protocompile.SearchResult{}, &MissingImportError{Path: path, Near: nearStandardImport(path)}
			}
			rc, err := lookup(path)
			if err != nil {
				return protocompile.SearchResult{}, err
			}
			return protocompile.SearchResult{Source: rc}, nil
		}
		if fdp, ok := Serialized(src); ok {
			fdp.Name = proto.String(path)
			return protocompile.SearchResult{Proto: fdp}, nil
		}
		return protocompile.SearchResult{Source: strings.NewReader(src)}, nil
	})
	c := protocompile.Compiler{Resolver: protocompile.WithStandardImports(resolve)}
	out, err := c.Compile(context.Background(), name)
	if err != nil {
		return nil, withNearType(err, c, name, text)
	}
	return out, nil
}

// unknownType finds the type in protocompile's words for a field's type
// that is neither a scalar nor a message or enum in scope: "field
// shop.Order.name: unknown type strng", or, for a name whose first part is
// in scope, "...: unknown type Order.Lien; resolved to shop.Order.Lien
// which is not defined; consider using a leading dot".
var unknownType = regexp.MustCompile(`^((?:field|extension) (\S+): unknown type ([\w.]+))(?:; resolved to \S+ which is not defined; consider using a leading dot)?$`)

// withNearType adds to err, when it is a field of name, the file whose text
// is text, of a type unknown, the type meant if one is a typo or two away
// (format.NearestName): a scalar type, or a message or enum that the file
// or those it imports define ('unknown type strng (did you mean
// "string"?)'), where a leading dot would not help; or else the name that
// reaches the one type nested elsewhere whose name it is ('unknown type
// Line (did you mean "Order.Line"?)'). Any other error is as it is.
func withNearType(err error, c protocompile.Compiler, name, text string) error {
	var at reporter.ErrorWithPos
	if !errors.As(err, &at) || at.GetPosition().Filename != name {
		return err
	}
	m := unknownType.FindStringSubmatch(at.Unwrap().Error())
	if m == nil {
		return err
	}
	scope, _ := cutLast(m[2])
	names := typeNames(c, name, text, scope)
	near := format.NearestName(m[3], slices.Collect(maps.Keys(names)))
	if near == "" {
		near = nestedElsewhere(m[3], names)
	}
	if near == "" {
		return err
	}
	return reporter.Errorf(at, "%s (did you mean %q?)", m[1], near)
}

// scalarTypes are Protobuf's scalar types, which a field's type may be a
// typo of.
var scalarTypes = []string{"double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes"}

// nestedElsewhere is the shortest of names that reaches the one type whose
// full name ends in .typed, or "" when no type or several do.
func nestedElsewhere(typed string, names map[string]string) string {
	best, full := "", ""
	for n, f := range names {
		if !strings.HasSuffix(f, "."+typed) {
			continue
		}
		if full != "" && f != full {
			return ""
		}
		if full = f; best == "" || len(n) < len(best) {
			best = n
		}
	}
	return best
}

// typeNames are the names a field of the file named name, whose text is
// text, may give a type by from scope, the full name of the message that
// holds it (or of its package), each with the full name it reaches: the
// scalar types, and the messages and enums that the file and those it
// imports define, each by its full name and by its name relative to scope
// or to each scope that holds scope, as Protobuf resolves them: Line within
// Order, whose Line it is, and Order.Line beside it, where Line alone is no
// type. The imports are compiled by c; an import that does not compile
// gives none.
func typeNames(c protocompile.Compiler, name, text, scope string) map[string]string {
	names := map[string]string{}
	for _, t := range scalarTypes {
		names[t] = t
	}
	file, err := parser.Parse(name, strings.NewReader(text), reporter.NewHandler(nil))
	if err != nil {
		return names
	}
	res, err := parser.ResultFromAST(file, false, reporter.NewHandler(nil))
	if err != nil {
		return names
	}
	own := res.FileDescriptorProto()
	files := []*descriptorpb.FileDescriptorProto{own}
	for _, path := range own.GetDependency() {
		if imported, err := c.Compile(context.Background(), path); err == nil {
			files = append(files, protodesc.ToFileDescriptorProto(imported[0]))
		}
	}
	var walk func(within string, msgs []*descriptorpb.DescriptorProto, enums []*descriptorpb.EnumDescriptorProto)
	walk = func(within string, msgs []*descriptorpb.DescriptorProto, enums []*descriptorpb.EnumDescriptorProto) {
		defined := make([]string, 0, len(msgs)+len(enums))
		for _, e := range enums {
			defined = append(defined, e.GetName())
		}
		for _, m := range msgs {
			defined = append(defined, m.GetName())
			walk(within+m.GetName()+".", m.GetNestedType(), m.GetEnumType())
		}
		for _, short := range defined {
			full := within + short
			names[full] = full
			for outer, more := scope, scope != ""; more; outer, more = cutLast(outer) {
				if relative, ok := strings.CutPrefix(full, outer+"."); ok {
					names[relative] = full
				}
			}
		}
	}
	for _, fdp := range files {
		within := ""
		if pkg := fdp.GetPackage(); pkg != "" {
			within = pkg + "."
		}
		walk(within, fdp.GetMessageType(), fdp.GetEnumType())
	}
	return names
}

// cutLast is a dotted name without its last part: shop.Order.f is in
// shop.Order; more is false for a name of one part, in "".
func cutLast(dotted string) (before string, more bool) {
	i := strings.LastIndexByte(dotted, '.')
	if i < 0 {
		return "", false
	}
	return dotted[:i], true
}

// Source prints a compiled file as .proto source that compiles back to the
// same descriptor: syntax, package, imports, options, then the
// declarations, two spaces a level, without blank lines. A descriptor keeps
// no comments, so none are printed; the order of declarations is the
// descriptor's (see [declarationOrder]).
func Source(f linker.File) (string, error) {
	fdp := protodesc.ToFileDescriptorProto(f)
	fdp.SourceCodeInfo = declarationOrder(f)
	fd, err := protodesc.NewFile(fdp, linker.ResolverFromFile(f))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	p := protoprint.Printer{Compact: true, Indent: "  "}
	if err := p.PrintProtoFile(fd, &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// The field numbers of FileDescriptorProto and DescriptorProto that source
// code info paths name.
const (
	fileMessagesTag      = 4
	fileExtensionsTag    = 7
	messageFieldsTag     = 2
	messageNestedTag     = 3
	messageExtensionsTag = 6
)

// declarationOrder is source code info whose lines order each message's
// fields and nested messages (and a file's messages and extensions) as the
// descriptor lists them. protoprint prints declarations in source order,
// and without it prints all fields before all nested messages. But a map
// field's entry, or a group's message, is declared where its field is: a
// nested message that the descriptor lists before that entry must be
// printed before the field, or the text would list the nested messages in
// another order, and the message indexes that records carry would name
// other messages. Other declarations keep their order among their kind.
func declarationOrder(f protoreflect.FileDescriptor) *descriptorpb.SourceCodeInfo {
	info := &descriptorpb.SourceCodeInfo{}
	at := func(path []int32) {
		line := int32(len(info.Location))
		info.Location = append(info.Location, &descriptorpb.SourceCodeInfo_Location{Path: slices.Clone(path), Span: []int32{line, 0, 0}})
	}
	var order func(path []int32, msgs protoreflect.MessageDescriptors, msgTag int32, fields ...fieldList)
	order = func(path []int32, msgs protoreflect.MessageDescriptors, msgTag int32, fields ...fieldList) {
		next := 0
		// upTo places the messages before message j, with what
		// they declare, that are not placed yet.
		upTo := func(j int) {
			for ; next < j; next++ {
				at(append(path, msgTag, int32(next)))
				md := msgs.Get(next)
				order(append(path, msgTag, int32(next)), md.Messages(), messageNestedTag, fieldList{messageFieldsTag, md.Fields()}, fieldList{messageExtensionsTag, md.Extensions()})
			}
		}
		declaredAt := func(fd protoreflect.FieldDescriptor) (int, bool) {
			m := fd.Message()
			if m == nil || !fd.IsMap() && fd.Kind() != protoreflect.GroupKind {
				return 0, false
			}
			j := m.Index()
			return j, j >= next && j < msgs.Len() && msgs.Get(j) == m
		}
		for _, list := range fields {
			for i := 0; i < list.fields.Len(); i++ {
				fd := list.fields.Get(i)
				// A block is printed whole at its first field: the
				// messages listed before the first message that its
				// groups declare are printed before it.
				for _, member := range list.blockAt(i) {
					if j, ok := declaredAt(member); ok {
						upTo(j)
						break
					}
				}
				if j, ok := declaredAt(fd); ok {
					upTo(j + 1)
				}
				at(append(path, list.tag, int32(i)))
			}
		}
		upTo(msgs.Len())
	}
	order(nil, f.Messages(), fileMessagesTag, fieldList{fileExtensionsTag, f.Extensions()})
	return info
}

// fieldList is a message's fields or extensions, or a file's extensions,
// and the field of the descriptor proto that holds them.
type fieldList struct {
	tag    int32
	fields interface {
		Len() int
		Get(i int) protoreflect.FieldDescriptor
	}
}

// blockAt returns the fields that protoprint prints in one block with
// field i when it is the block's first: a oneof's fields, or the list's
// extensions of one message (an extend block); nil otherwise.
func (l fieldList) blockAt(i int) []protoreflect.FieldDescriptor {
	fd := l.fields.Get(i)
	var block []protoreflect.FieldDescriptor
	switch oo := fd.ContainingOneof(); {
	case oo != nil && oo.Fields().Get(0) == fd:
		for k := 0; k < oo.Fields().Len(); k++ {
			block = append(block, oo.Fields().Get(k))
		}
	case fd.IsExtension():
		for k := 0; k < l.fields.Len(); k++ {
			ext := l.fields.Get(k)
			if ext.ContainingMessage().FullName() != fd.ContainingMessage().FullName() {
				continue
			}
			if k < i {
				return nil
			}
			block = append(block, ext)
		}
	}
	return block
}
