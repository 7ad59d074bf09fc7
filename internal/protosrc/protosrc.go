// Package protosrc compiles .proto files as schema registries hold them:
// .proto source, or a base64 FileDescriptorProto as some clients register
// (confluent-kafka-python does, and Apicurio hands it back as registered).
// Both the schema codecs and shore dev's registry compile with it.
package protosrc

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"strings"

	"github.com/bufbuild/protocompile"
	"github.com/bufbuild/protocompile/linker"
	"google.golang.org/protobuf/proto"
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

// MissingImportError is an import that neither the references given nor
// the well-known types hold.
type MissingImportError struct{ Path string }

func (e *MissingImportError) Error() string {
	return fmt.Sprintf("import %q: no such reference", e.Path)
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
				return protocompile.SearchResult{}, &MissingImportError{Path: path}
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
	return c.Compile(context.Background(), name)
}
