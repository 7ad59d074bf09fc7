// Package jsonsrc compiles JSON Schemas as schema registries hold them: a
// schema and the schemas it references by name ([Compile]). Both the schema
// codecs and shore dev's registry compile with it, so that what one refuses
// the other refuses too.
package jsonsrc

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/internal/jsontext"
)

// base is where a schema and its references live for the compiler: a
// reference's name resolves against it, as a relative $ref.
const base = "https://schema-registry.shore.invalid/"

// UnresolvedRefError is a $ref to none of the referenced schemas given:
// shore loads none from a file or a URL.
type UnresolvedRefError struct{ Ref string }

func (e *UnresolvedRefError) Error() string {
	return fmt.Sprintf("JSON schema: cannot resolve $ref %q: shore follows a $ref only to a registered reference, not to a file or URL", e.Ref)
}

// Compile compiles the JSON Schema text; refs maps the names of referenced
// schemas (the $ref values that point at them) to their text. A $ref to
// anything else (a file, a URL) is refused, as is a schema that is not
// JSON or not valid by its metaschema; the error says where.
func Compile(text string, refs map[string]string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	add := func(name, what, text string) error {
		if err := Syntax(text); err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
		if err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		return c.AddResource(place(name), doc)
	}
	for name, t := range refs {
		if err := add(name, "referenced JSON schema "+name, t); err != nil {
			return nil, err
		}
	}
	if err := add("main.json", "JSON schema", text); err != nil {
		return nil, err
	}
	s, err := c.Compile(base + "main.json")
	var invalid *jsonschema.SchemaValidationError
	var ve *jsonschema.ValidationError
	var load *jsonschema.LoadURLError
	var pointer *jsonschema.JSONPointerNotFoundError
	switch {
	// A $ref that is none of refs: the compiler would load it from its
	// URL, which the loader refuses (and the base is shore's own).
	case errors.As(err, &load):
		return nil, &UnresolvedRefError{Ref: strings.TrimPrefix(load.URL, base)}
	case errors.As(err, &pointer):
		return nil, fmt.Errorf("JSON schema: $ref %q: no such location", strings.TrimPrefix(strings.TrimPrefix(pointer.URL, base), "main.json"))
	case errors.As(err, &invalid) && errors.As(invalid.Err, &ve):
		what := "JSON schema"
		if name := strings.TrimPrefix(strings.TrimSuffix(invalid.URL, "#"), base); name != "main.json" {
			what = "referenced JSON schema " + name
		}
		return nil, fmt.Errorf("%s: not a valid schema (by its metaschema): %s", what, Reasons(ve))
	case err != nil:
		return nil, fmt.Errorf("JSON schema: %v", err)
	}
	return s, nil
}

// place is where Compile puts the referenced schema named name: a name
// that is a URL already (https://example.com/address.json, a $ref against
// a schema's absolute $id) is where the schema is; any other is under
// shore's base, where a relative $ref reaches it.
func place(name string) string {
	if u, err := url.Parse(name); err == nil && u.IsAbs() {
		return name
	}
	return base + name
}

// Refs are the $refs of a schema to other schemas, which references
// (--ref NAME=SUBJECT) give.
type Refs struct {
	// Written are those $refs as written, without their fragments,
	// sorted, each once.
	Written []string
	// reached are the places (see place) they reach, against the
	// schema's own place and against every $id in it.
	reached map[string]bool
}

// ExternalRefs returns the $refs of the schema text to other schemas; ok
// is false when text is not JSON. Any "$ref" and "$id" whose value is a
// string counts, wherever it is: more than the keywords a validator reads,
// so that Reaches errs towards yes.
func ExternalRefs(text string) (refs Refs, ok bool) {
	var doc any
	if json.Unmarshal([]byte(text), &doc) != nil {
		return Refs{}, false
	}
	var written, ids []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				s, isString := e.(string)
				switch {
				case isString && k == "$ref":
					written = append(written, s)
				case isString && k == "$id":
					ids = append(ids, s)
				default:
					walk(e)
				}
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(doc)
	root, _ := url.Parse(base + "main.json")
	scopes := []*url.URL{root}
	for _, id := range ids {
		if u, err := root.Parse(id); err == nil {
			scopes = append(scopes, u)
		}
	}
	refs.reached = map[string]bool{}
	for _, ref := range written {
		ref, _, _ = strings.Cut(ref, "#")
		if ref == "" {
			continue // within the schema itself
		}
		refs.Written = append(refs.Written, ref)
		for _, scope := range scopes {
			if u, err := scope.Parse(ref); err == nil {
				refs.reached[u.String()] = true
			}
		}
	}
	slices.Sort(refs.Written)
	refs.Written = slices.Compact(refs.Written)
	return refs, true
}

// Reaches reports whether a $ref of the schema reaches the referenced
// schema named name, as Compile places it.
func (r Refs) Reaches(name string) bool {
	return slices.Contains(r.Written, name) || r.reached[place(name)]
}

// Reasons words each failing location of a validation with its reason, on
// one line.
func Reasons(ve *jsonschema.ValidationError) string {
	printer := message.NewPrinter(language.English)
	var reasons []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			reasons = append(reasons, fmt.Sprintf("at %s: %s", pointer(e.InstanceLocation), reason(e, printer)))
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return strings.Join(reasons, "; ")
}

// pointer writes tokens as a JSON pointer, each escaped as RFC 6901 does
// ('~' as ~0, '/' as ~1), so that a property named "a/b" is /a~1b, not the
// b in a of /a/b. The whole value is "/", as shore has always written it,
// where RFC 6901 writes "" (only a property named "" at the top reads as
// it too). A pointer with a control character in it is written as a JSON
// string ("/a\nb"), so that a property named with a line break stays on
// the error's one line.
func pointer(tokens []string) string {
	escaped := make([]string, len(tokens))
	for i, t := range tokens {
		escaped[i] = pointerEscape.Replace(t)
	}
	p := "/" + strings.Join(escaped, "/")
	if strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 }) {
		return string(jsontext.AppendString(nil, p))
	}
	return p
}

var pointerEscape = strings.NewReplacer("~", "~0", "/", "~1")

// reason words one failure. The validator calls a value that a schema of
// false refuses only 'false schema', which leaves the schema's author to
// guess which false it was (unevaluatedProperties, items, a property's):
// the reason names where in the schema it stands. A number, length or
// count out of its bounds is told what the bound asks for: the validator's
// 'exclusiveMinimum: got 0, want 0' reads as if 0 were wanted, and its
// 'maxLength: got 12, want 8' as if 8 were, with 12,000 for 12000.
func reason(e *jsonschema.ValidationError, printer *message.Printer) string {
	if _, ok := e.ErrorKind.(*kind.FalseSchema); ok {
		return falseReason(e)
	}
	if r, ok := boundReason(e.ErrorKind); ok {
		return r
	}
	if r, ok := regexReason(e.ErrorKind); ok {
		return r
	}
	return e.ErrorKind.LocalizedString(printer)
}

// regexReason words a regular expression that does not compile (a
// pattern's, or any value of format regex) as shore words one, where the
// validator gave Go's words ("'[' is not valid regex: error parsing
// regexp: missing closing ]: `[`").
func regexReason(k jsonschema.ErrorKind) (string, bool) {
	f, ok := k.(*kind.Format)
	if !ok || f.Want != "regex" {
		return "", false
	}
	expr, ok := f.Got.(string)
	if !ok {
		return "", false
	}
	if _, err := format.CompileRegexp(expr, ""); err != nil {
		return err.Error(), true
	}
	return "", false
}

// bounds says, by keyword, what each bound on a number, a length or a
// count asks for.
var bounds = map[string]string{
	"minimum": "%s or more", "maximum": "%s or less",
	"exclusiveMinimum": "more than %s", "exclusiveMaximum": "less than %s",
	"multipleOf": "a multiple of %s",
	"minLength":  "%s or more", "maxLength": "%s or fewer",
	"minItems": "%s or more", "maxItems": "%s or fewer",
	"minProperties": "%s or more", "maxProperties": "%s or fewer",
}

// boundReason words the failure of a bound: 'minimum: got -1, want 0 or
// more'. Each bound's kind holds what it got and wanted in fields Got and
// Want, a *big.Rat for a number's, an int for a length or count.
func boundReason(k jsonschema.ErrorKind) (string, bool) {
	path := k.KeywordPath()
	keyword := path[len(path)-1]
	asks, ok := bounds[keyword]
	if !ok {
		return "", false
	}
	v := reflect.ValueOf(k).Elem()
	got, want := v.FieldByName("Got"), v.FieldByName("Want")
	if !got.IsValid() || !want.IsValid() {
		// Not the kind the validator has for these keywords now.
		return "", false
	}
	return fmt.Sprintf("%s: got %s, want "+asks, keyword, boundText(got), boundText(want)), true
}

// boundText writes a bound's number: a whole number with all its digits
// and no thousands separator (the validator's float64 wrote
// 9007199254740993 as 9.007199254740992×10¹⁵, and 1001 as 1,001),
// anything else as the nearest float64 in its shortest form.
func boundText(v reflect.Value) string {
	r, ok := v.Interface().(*big.Rat)
	switch {
	case !ok:
		return fmt.Sprint(v.Interface())
	case r.IsInt():
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// falseReason names where the schema of false that refused a value stands.
func falseReason(e *jsonschema.ValidationError) string {
	name, pointer, _ := strings.Cut(strings.TrimPrefix(e.SchemaURL, base), "#")
	if p, err := url.PathUnescape(pointer); err == nil {
		pointer = p
	}
	schema := "the schema"
	if name != "main.json" {
		schema = "referenced JSON schema " + name
	}
	if pointer == "" {
		return fmt.Sprintf("not allowed (%s is false)", schema)
	}
	return fmt.Sprintf("not allowed (%s's %s is false)", schema, pointer)
}
