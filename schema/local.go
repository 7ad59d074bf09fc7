package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// LocalFile is a schema read from a file rather than a registry.
type LocalFile struct {
	Type sr.SchemaType
	Text string
	// proto is the compiled file of a .proto, codec the compiled schema of
	// the others: a file is compiled as it is read, so that one that does
	// not compile is refused before anything is registered or sent.
	proto *protoFile
	codec Codec
	// imported holds the text of each file a .proto imports, directly or
	// not, by import path, as compiled.
	imported map[string]string
}

// ErrAvroDataFile refuses a schema file named .avro: the name of an Avro
// data file (its records behind their schema), where a schema is .avsc.
var ErrAvroDataFile = errors.New(".avro names an Avro data file, not a schema: an Avro schema is a .avsc file")

// ParseFile reads and compiles text, the schema file at path: .avsc is
// Avro (.avro is refused, ErrAvroDataFile), .proto Protobuf (ParseProto),
// .json JSON Schema. Its errors do not name path, which the caller names
// as its user gave it.
func ParseFile(path string, text []byte, importPaths []string, read func(path string) ([]byte, error)) (*LocalFile, error) {
	lf := &LocalFile{Text: string(text), imported: map[string]string{}}
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".avro":
		return nil, ErrAvroDataFile
	case ".avsc":
		lf.Type = sr.TypeAvro
		if lf.codec, err = newAvro(lf.Text, nil); err != nil {
			return nil, err
		}
	case ".json":
		lf.Type = sr.TypeJSON
		if lf.codec, err = newJSONSchema(lf.Text, nil); err != nil {
			return nil, err
		}
	case ".proto":
		return ParseProto(path, text, importPaths, read)
	default:
		return nil, fmt.Errorf("unknown schema type: want a .avsc (Avro), .proto (Protobuf) or .json (JSON Schema) file")
	}
	return lf, nil
}

// ParseProto reads and compiles text, the Protobuf schema file at path,
// whatever its name says. Its imports are found in importPaths, then beside
// it. read reads an imported file, within the bounds the caller sets for
// schema files; an error that is fs.ErrNotExist, or a directory of
// importPaths that is not one, sends the search on to the next directory,
// and any other stops it, naming the import and the file. An import found
// nowhere is named with the directories searched.
func ParseProto(path string, text []byte, importPaths []string, read func(path string) ([]byte, error)) (*LocalFile, error) {
	lf := &LocalFile{Type: sr.TypeProtobuf, Text: string(text), imported: map[string]string{}}
	dirs := append(append([]string(nil), importPaths...), filepath.Dir(path))
	// The compiler resolves a file's imports in goroutines of its own.
	var mu sync.Mutex
	lookup := func(imp string) (io.ReadCloser, error) {
		for _, d := range dirs {
			text, err := read(filepath.Join(d, imp))
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("import %q: %w", imp, err)
			}
			mu.Lock()
			lf.imported[imp] = string(text)
			mu.Unlock()
			return io.NopCloser(bytes.NewReader(text)), nil
		}
		return nil, fmt.Errorf("import %q: not found in %s", imp, strings.Join(dirs, ", "))
	}
	var err error
	if lf.proto, err = newProto(protoName(path, importPaths), lf.Text, nil, lookup); err != nil {
		return nil, err
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

// importedFile is a .proto file another imports, with the import paths of
// those it imports itself.
type importedFile struct {
	path, text string
	imports    []string
}

// dependencies lists the files a .proto file imports, directly or not,
// each after those it imports itself, leaving out Protobuf's well-known
// types (google/protobuf/...), which registries know.
func (lf *LocalFile) dependencies() ([]importedFile, error) {
	var out []importedFile
	seen := map[string]bool{}
	var walk func(fd protoreflect.FileDescriptor) error
	walk = func(fd protoreflect.FileDescriptor) error {
		for _, imp := range ownImports(fd) {
			if seen[imp.Path()] {
				continue
			}
			seen[imp.Path()] = true
			if err := walk(imp); err != nil {
				return err
			}
			text, ok := lf.imported[imp.Path()]
			if !ok {
				return fmt.Errorf("import %q: its text was not read", imp.Path())
			}
			f := importedFile{path: imp.Path(), text: text}
			for _, i := range ownImports(imp) {
				f.imports = append(f.imports, i.Path())
			}
			out = append(out, f)
		}
		return nil
	}
	if lf.proto == nil {
		return nil, nil
	}
	return out, walk(lf.proto.fd)
}

// ownImports lists the files fd imports, but Protobuf's well-known types.
func ownImports(fd protoreflect.FileDescriptor) []protoreflect.FileDescriptor {
	var out []protoreflect.FileDescriptor
	imps := fd.Imports()
	for i := 0; i < imps.Len(); i++ {
		if imp := imps.Get(i); !strings.HasPrefix(imp.Path(), "google/protobuf/") {
			out = append(out, imp.FileDescriptor)
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
	return lf.codec, nil
}
