package schema

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/jsonsrc"
	"github.com/kafkashore/shore/internal/protosrc"
)

// UnusedReference is a reference of a schema (--ref NAME=SUBJECT) whose
// name the schema never uses: a name typed wrong leaves a reference that
// nothing resolves through.
type UnusedReference struct {
	Name string
	// Uses says what the schema refers to instead: `it imports
	// "shop/common.proto"`.
	Uses string
}

// UnusedReferences returns those of s's references whose names s never
// uses, in the order given: for Protobuf, a name that no import's path
// is; for JSON Schema, one that no $ref reaches, as written or against
// the schema's $id (jsonsrc.Refs.Reaches); for Avro, one that is neither
// the full nor the simple name of a named type where a type goes. A
// schema that does not parse has none: its own error says more.
func UnusedReferences(s sr.Schema) []UnusedReference {
	if len(s.References) == 0 {
		return nil
	}
	var uses func(name string) bool
	var what string
	switch s.Type {
	case sr.TypeProtobuf:
		paths, ok := protosrc.Imports(s.Schema)
		if !ok {
			return nil
		}
		uses = func(name string) bool { return slices.Contains(paths, name) }
		what = "it imports " + quotedList(paths, "no file")
	case sr.TypeJSON:
		refs, ok := jsonsrc.ExternalRefs(s.Schema)
		if !ok {
			return nil
		}
		uses = refs.Reaches
		what = "it has $refs to " + quotedList(refs.Written, "no other schema")
	case sr.TypeAvro:
		names, ok := readAvroNames(s.Schema)
		if !ok {
			return nil
		}
		uses = names.uses
		what = "the named types it uses and does not define: " + quotedList(names.undefined(), "none")
	default:
		return nil
	}
	var out []UnusedReference
	for _, r := range s.References {
		if !uses(r.Name) {
			out = append(out, UnusedReference{Name: r.Name, Uses: what})
		}
	}
	return out
}

// quotedList quotes names and lists them, or is none when there are none.
func quotedList(names []string, none string) string {
	if len(names) == 0 {
		return none
	}
	quoted := make([]string, len(names))
	for i, name := range names {
		quoted[i] = strconv.Quote(name)
	}
	return format.List(quoted, "and")
}

// avroNames are the names of named types in an Avro schema.
type avroNames struct {
	// written are the names where a type goes, as written; full are
	// their full names, resolved in their namespaces.
	written, full []string
	// defined are the full names of the types the schema defines.
	defined map[string]bool
}

// readAvroNames reads the names of the Avro schema text; ok is false when
// it is not JSON.
func readAvroNames(text string) (n avroNames, ok bool) {
	var doc any
	if json.Unmarshal([]byte(text), &doc) != nil {
		return n, false
	}
	n.defined = map[string]bool{}
	n.read(doc, "")
	return n, true
}

// read reads v, a schema where a type goes, in namespace.
func (n *avroNames) read(v any, namespace string) {
	switch v := v.(type) {
	case string:
		if _, primitive := avroPrimitiveKinds[avro.Type(v)]; !primitive {
			n.written = append(n.written, v)
			n.full = append(n.full, avroFullName(v, namespace))
		}
	case []any: // a union
		for _, branch := range v {
			n.read(branch, namespace)
		}
	case map[string]any:
		switch t := v["type"]; t {
		case "record", "error", "enum", "fixed":
			name, _ := v["name"].(string)
			if ns, given := v["namespace"].(string); given {
				namespace = ns
			}
			full := avroFullName(name, namespace)
			n.defined[full] = true
			namespace = full[:max(strings.LastIndexByte(full, '.'), 0)]
			fields, _ := v["fields"].([]any)
			for _, f := range fields {
				if f, ok := f.(map[string]any); ok {
					n.read(f["type"], namespace)
				}
			}
		case "array":
			n.read(v["items"], namespace)
		case "map":
			n.read(v["values"], namespace)
		default:
			n.read(t, namespace)
		}
	}
}

// avroFullName is the full name of name in namespace: a name with a dot
// is one already.
func avroFullName(name, namespace string) string {
	if namespace == "" || strings.Contains(name, ".") {
		return name
	}
	return namespace + "." + name
}

// uses reports whether name is a name where a type goes: as written, a
// full name, or the simple name of one.
func (n avroNames) uses(name string) bool {
	if slices.Contains(n.written, name) || slices.Contains(n.full, name) {
		return true
	}
	return slices.ContainsFunc(n.full, func(full string) bool {
		return full[strings.LastIndexByte(full, '.')+1:] == name
	})
}

// undefined are the full names where a type goes that the schema does
// not define, sorted, each once: those a reference gives.
func (n avroNames) undefined() []string {
	var out []string
	for _, full := range n.full {
		if !n.defined[full] {
			out = append(out, full)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
