package schema

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/twmb/franz-go/pkg/sr"
)

// LocalFile is a schema read from a file rather than a registry.
type LocalFile struct {
	Type sr.SchemaType
	Text string
	// proto is the compiled file of a .proto; others compile on Codec.
	proto *protoFile
}

// ReadFile reads a schema file: .avsc is Avro, .proto Protobuf (its imports
// found in importPaths, then beside it), .json JSON Schema.
func ReadFile(path string, importPaths []string) (*LocalFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lf := &LocalFile{Text: string(b)}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".avsc", ".avro":
		lf.Type = sr.TypeAvro
	case ".json":
		lf.Type = sr.TypeJSON
	case ".proto":
		lf.Type = sr.TypeProtobuf
		dirs := append(append([]string(nil), importPaths...), filepath.Dir(path))
		lookup := func(imp string) (io.ReadCloser, error) {
			for _, d := range dirs {
				if f, err := os.Open(filepath.Join(d, imp)); err == nil {
					return f, nil
				}
			}
			return nil, fmt.Errorf("import %q: not found in %s", imp, strings.Join(dirs, ", "))
		}
		if lf.proto, err = newProto(protoName(path, importPaths), lf.Text, nil, lookup); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	default:
		return nil, fmt.Errorf("%s: unknown schema type: want a .avsc (Avro), .proto (Protobuf) or .json (JSON Schema) file", path)
	}
	return lf, nil
}

// protoName is the name a .proto file is known by to those that import it:
// its path below the import path that holds it, else its base name.
func protoName(path string, importPaths []string) string {
	abs, _ := filepath.Abs(path)
	for _, d := range importPaths {
		dabs, _ := filepath.Abs(d)
		if rel, err := filepath.Rel(dabs, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(path)
}

// Imports lists the files a .proto file imports, other than Protobuf's own
// well-known types; registering the file alone would leave them out.
func (lf *LocalFile) Imports() []string {
	if lf.proto == nil {
		return nil
	}
	var out []string
	imps := lf.proto.fd.Imports()
	for i := 0; i < imps.Len(); i++ {
		if p := imps.Get(i).Path(); !strings.HasPrefix(p, "google/protobuf/") {
			out = append(out, p)
		}
	}
	return out
}

// Codec returns the codec of the file's schema; message chooses the
// Protobuf message type ("" is the file's first) and must be "" otherwise.
func (lf *LocalFile) Codec(message string) (Codec, error) {
	if lf.proto != nil {
		return lf.proto.messageNamed(message)
	}
	if message != "" {
		return nil, fmt.Errorf("a message type applies to .proto files only")
	}
	if lf.Type == sr.TypeAvro {
		return newAvro(lf.Text, nil)
	}
	return newJSONSchema(lf.Text, nil)
}
