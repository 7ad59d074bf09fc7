package schema

import (
	"slices"
	"strconv"

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
// the schema's $id (jsonsrc.Refs.Reaches). A schema that does not parse
// has none: its own error says more. Avro has none either: an Avro
// reference's name is not how the schema reaches it (the registry and the
// serializers parse the referenced schemas' text first, whatever their
// names), so a name nothing uses, a file name (address.avsc) as often as
// a typo, does no harm.
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
