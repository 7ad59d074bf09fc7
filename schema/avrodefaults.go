package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hamba/avro/v2"
)

// parseRegisteredAvro parses a registered Avro schema, as parseAvro does,
// but for the fields whose default is not of their type, which it parses
// without their defaults and names in ignored. Confluent's registry
// accepts such a schema unless told to validate defaults, and a default
// plays no part in reading what the schema wrote: only in filling in a field
// a document leaves out (produce refuses it without one) or that an older
// writer's schema lacks.
func parseRegisteredAvro(text string, cache *avro.SchemaCache) (s avro.Schema, ignored []string, err error) {
	s, err = parseAvro(text, cache)
	var de *DefaultError
	if !errors.As(err, &de) {
		return s, nil, err
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var doc any
	if dec.Decode(&doc) != nil {
		return nil, nil, err
	}
	fields := defaultedFields(doc, "", nil)
	for errors.As(err, &de) {
		bad := culprit(doc, fields, de, cache)
		if bad < 0 {
			return nil, nil, err
		}
		delete(fields[bad].field, "default")
		ignored = append(ignored, fmt.Sprintf("record %s, %s", fields[bad].record, de))
		s, err = reparse(doc, cache)
	}
	return s, ignored, err
}

// defaultedField is a field with a default, in a schema's JSON, and the
// name of its record as written.
type defaultedField struct {
	field  map[string]any
	record string
}

// defaultedFields appends the fields with a default that v, an Avro
// schema's JSON, defines, in the order hamba checks them: each after the
// fields of its type's records.
func defaultedFields(v any, record string, into []defaultedField) []defaultedField {
	switch t := v.(type) {
	case []any:
		for _, b := range t {
			into = defaultedFields(b, record, into)
		}
	case map[string]any:
		if fields, ok := t["fields"].([]any); ok {
			name, _ := t["name"].(string)
			for _, f := range fields {
				field, _ := f.(map[string]any)
				into = defaultedFields(field["type"], name, into)
				if _, ok := field["default"]; ok {
					into = append(into, defaultedField{field, name})
				}
			}
			return into
		}
		for _, key := range []string{"type", "items", "values"} {
			into = defaultedFields(t[key], record, into)
		}
	}
	return into
}

// culprit returns the index in fields of the field hamba's err is about,
// or -1: among the fields of its name, the first whose default still fails
// the parse when the defaults after it are left out (those before were
// checked and passed, and a default depends only on the types, and their
// defaults, defined before it).
func culprit(doc any, fields []defaultedField, err *DefaultError, cache *avro.SchemaCache) int {
	for i, f := range fields {
		if _, ok := f.field["default"]; !ok || f.field["name"] != err.Field {
			continue
		}
		later := map[int]any{}
		for j := i + 1; j < len(fields); j++ {
			if def, ok := fields[j].field["default"]; ok {
				later[j] = def
				delete(fields[j].field, "default")
			}
		}
		_, perr := reparse(doc, cache)
		for j, def := range later {
			fields[j].field["default"] = def
		}
		var de *DefaultError
		if errors.As(perr, &de) && de.Field == err.Field {
			return i
		}
	}
	return -1
}

// reparse parses doc, a schema's JSON changed.
func reparse(doc any, cache *avro.SchemaCache) (avro.Schema, error) {
	text, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return parseAvro(string(text), cache)
}
