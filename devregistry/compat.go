package devregistry

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"

	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/internal/jsonsrc"
)

// maxRefDepth bounds how deep references may nest, so that a cycle cannot
// recurse forever.
const maxRefDepth = 32

// serveRegister registers a new version unless it is incompatible with the
// versions the subject's compatibility level compares it with: 409, as
// Confluent's registry answers.
func (r *Registry) serveRegister(w http.ResponseWriter, req *http.Request) {
	body, err := readBody(w, req)
	if err != nil {
		return
	}
	var s sr.Schema
	if json.Unmarshal(body, &s) != nil {
		r.change(w, req, body) // srfake words the error
		return
	}
	subject, ok := versionsSubject(w, req)
	if !ok {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	// A schema the subject has already is registered again as itself,
	// whatever the level says now.
	if status, _ := r.call(http.MethodPost, "/subjects/"+url.PathEscape(subject), body, nil); status != http.StatusOK {
		if kept, ok := r.sameProto(subject, s); ok {
			respondJSON(w, http.StatusOK, map[string]int{"id": kept.ID})
			return
		}
		level := r.level(subject)
		problems, err := r.incompatibilities(s, subject, r.versionsFor(subject, level), level)
		if err != nil {
			writeError(w, http.StatusUnprocessableEntity, 42201, "Invalid schema: "+err.Error())
			return
		}
		if len(problems) > 0 {
			writeError(w, http.StatusConflict, http.StatusConflict, fmt.Sprintf("Schema being registered is incompatible with an earlier schema for subject %q, details: [%s]", subject, strings.Join(problems, "; ")))
			return
		}
	}
	r.applyLocked(w, req, body)
}

// serveCheck answers POST /compatibility/subjects/S/versions[/V]: against
// version V (a number or "latest"), or without V against the versions the
// subject's level compares with. A subject without live versions is 404, as
// Confluent's registry and Apicurio answer.
func (r *Registry) serveCheck(w http.ResponseWriter, req *http.Request) {
	rest := strings.TrimPrefix(req.URL.EscapedPath(), "/compatibility/subjects/")
	subject, version, ok := strings.Cut(rest, "/versions")
	version = strings.TrimPrefix(version, "/")
	subject, err := url.PathUnescape(subject)
	if !ok || err != nil || subject == "" || strings.Contains(version, "/") {
		writeError(w, http.StatusNotFound, http.StatusNotFound, "HTTP 404 Not Found")
		return
	}
	var s sr.Schema
	if err := json.NewDecoder(http.MaxBytesReader(w, req.Body, maxBody)).Decode(&s); err != nil {
		writeError(w, http.StatusUnprocessableEntity, 42201, "Invalid schema: "+err.Error())
		return
	}
	if len(r.versionsOf(subject, false)) == 0 {
		writeSubjectNotFound(w, subject)
		return
	}
	level := r.level(subject)
	versions := r.versionsFor(subject, level)
	if version != "" {
		var one sr.SubjectSchema
		status, raw := r.call(http.MethodGet, "/subjects/"+url.PathEscape(subject)+"/versions/"+url.PathEscape(version), nil, &one)
		if status != http.StatusOK {
			writeRaw(w, status, raw)
			return
		}
		versions = []sr.SubjectSchema{one}
	}
	problems, err := r.incompatibilities(s, subject, versions, level)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, 42201, "Invalid schema: "+err.Error())
		return
	}
	if problems == nil {
		problems = []string{}
	}
	respondJSON(w, http.StatusOK, map[string]any{"is_compatible": len(problems) == 0, "messages": problems})
}

// call sends one request to srfake in-process and decodes a 200 answer
// into into, when given; it returns the status and the raw answer.
func (r *Registry) call(method, path string, body []byte, into any) (int, []byte) {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	rec := httptest.NewRecorder()
	r.fake.Handler().ServeHTTP(rec, req)
	if rec.Code == http.StatusOK && into != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), into); err != nil {
			return http.StatusInternalServerError, rec.Body.Bytes()
		}
	}
	return rec.Code, rec.Body.Bytes()
}

// level is the subject's compatibility level, or the global one.
func (r *Registry) level(subject string) sr.CompatibilityLevel {
	var c struct {
		Level sr.CompatibilityLevel `json:"compatibilityLevel"`
	}
	r.call(http.MethodGet, "/config/"+url.PathEscape(subject)+"?defaultToGlobal=true", nil, &c)
	return c.Level
}

// versionsFor returns the live versions level compares a new schema with:
// the latest, or all of them for the transitive levels; none for NONE or a
// subject without versions.
func (r *Registry) versionsFor(subject string, level sr.CompatibilityLevel) []sr.SubjectSchema {
	numbers := r.versionsOf(subject, false)
	if len(numbers) == 0 {
		return nil
	}
	switch level {
	case sr.CompatNone:
		return nil
	case sr.CompatBackward, sr.CompatForward, sr.CompatFull:
		numbers = numbers[len(numbers)-1:]
	}
	var out []sr.SubjectSchema
	for _, n := range numbers {
		var s sr.SubjectSchema
		if status, _ := r.call(http.MethodGet, "/subjects/"+url.PathEscape(subject)+"/versions/"+strconv.Itoa(n), nil, &s); status == http.StatusOK {
			out = append(out, s)
		}
	}
	return out
}

// incompatibilities lists why s cannot follow the given versions under
// level, one line each; none means compatible. Only Avro is checked for
// real. An error means s itself does not parse (an Avro schema, or a
// Protobuf or JSON one that does not compile, its references included: a
// JSON $ref that names none of them), whatever the level and even as a
// subject's first version, as Confluent's registry refuses it.
func (r *Registry) incompatibilities(s sr.Schema, subject string, versions []sr.SubjectSchema, level sr.CompatibilityLevel) ([]string, error) {
	var parsed avro.Schema
	switch s.Type {
	case sr.TypeAvro:
		var err error
		if parsed, err = r.parseAvro(s, 0); err != nil {
			return nil, err
		}
	case sr.TypeProtobuf:
		if _, err := r.serializeProto(s); err != nil {
			return nil, err
		}
	case sr.TypeJSON:
		refs := map[string]string{}
		if err := r.referenceTexts(s.References, refs); err != nil {
			return nil, err
		}
		if _, err := jsonsrc.Compile(s.Schema, refs); err != nil {
			return nil, err
		}
	}
	if level == sr.CompatNone || len(versions) == 0 {
		return nil, nil
	}
	backward := level == sr.CompatBackward || level == sr.CompatBackwardTransitive || level == sr.CompatFull || level == sr.CompatFullTransitive
	forward := level == sr.CompatForward || level == sr.CompatForwardTransitive || level == sr.CompatFull || level == sr.CompatFullTransitive
	var problems []string
	for _, v := range versions {
		if v.Type != s.Type {
			problems = append(problems, fmt.Sprintf("version %d of %s is %s, the new schema %s", v.Version, subject, v.Type, s.Type))
			continue
		}
		if s.Type != sr.TypeAvro {
			continue
		}
		old, err := r.parseAvro(v.Schema, 0)
		if err != nil {
			problems = append(problems, fmt.Sprintf("version %d of %s does not parse: %v", v.Version, subject, err))
			continue
		}
		if backward {
			if err := cannotRead(parsed, old); err != nil {
				problems = append(problems, fmt.Sprintf("the new schema cannot read what version %d wrote: %v", v.Version, err))
			}
		}
		if forward {
			if err := cannotRead(old, parsed); err != nil {
				problems = append(problems, fmt.Sprintf("version %d cannot read what the new schema writes: %v", v.Version, err))
			}
		}
	}
	return problems, nil
}

// cannotRead says why reader cannot read what writer wrote, or nil. hamba
// names only the two types where they part, and at the top ("reader union
// lacking writer schema record" for a record's field deep in a union), so
// the field where they part comes first, with hamba's words for its types
// ("field addr.zip: reader schema int not compatible with writer schema
// string"), as Confluent's registry gives the path.
func cannotRead(reader, writer avro.Schema) error {
	c := avro.NewSchemaCompatibility()
	err := c.Compatible(reader, writer)
	if err == nil {
		return nil
	}
	if field, why := partingField(c, reader, writer, "", map[[2]string]bool{}); field != "" && why != nil {
		return fmt.Errorf("field %s: %s", field, hambaWords(why))
	}
	return errors.New(hambaWords(err))
}

// hambaWords is the text of hamba's err with its spaces made single: its
// words for a renamed record, "reader schema Order2 and writer schema
// Order  names do not match", hold two.
func hambaWords(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// partingField returns the field, at or below at (its dotted path), where
// reader, which cannot read what writer wrote, parts from writer, and why:
// the deepest field whose types part, or the record itself when its fields
// read (a field missing without a default, another name). Arrays, maps and
// union branches of the same kind are passed through. A nil error means
// that the pair of records was looked into already, as a recursive type's
// is.
func partingField(c *avro.SchemaCompatibility, reader, writer avro.Schema, at string, seen map[[2]string]bool) (string, error) {
	reader, writer = deref(reader), deref(writer)
	if _, ok := reader.(*avro.UnionSchema); ok || writer.Type() == avro.Union {
		for _, w := range branches(writer) {
			if c.Compatible(reader, w) == nil {
				continue
			}
			for _, r := range branches(reader) {
				if sameKind(r, w) {
					return partingField(c, r, w, at, seen)
				}
			}
			return at, c.Compatible(reader, w)
		}
	}
	switch r := reader.(type) {
	case *avro.RecordSchema:
		w, ok := writer.(*avro.RecordSchema)
		if !ok {
			break
		}
		pair := [2]string{r.FullName(), w.FullName()}
		if seen[pair] {
			return "", nil
		}
		seen[pair] = true
		for _, rf := range r.Fields() {
			wf := writerField(w, rf)
			if wf == nil || c.Compatible(rf.Type(), wf.Type()) == nil {
				continue
			}
			if field, why := partingField(c, rf.Type(), wf.Type(), strings.TrimPrefix(at+"."+rf.Name(), "."), seen); why != nil {
				return field, why
			}
		}
	case *avro.ArraySchema:
		if w, ok := writer.(*avro.ArraySchema); ok {
			return partingField(c, r.Items(), w.Items(), at, seen)
		}
	case *avro.MapSchema:
		if w, ok := writer.(*avro.MapSchema); ok {
			return partingField(c, r.Values(), w.Values(), at, seen)
		}
	}
	return at, c.Compatible(reader, writer)
}

// deref returns the schema a reference to a named type stands for.
func deref(s avro.Schema) avro.Schema {
	if ref, ok := s.(*avro.RefSchema); ok {
		return ref.Schema()
	}
	return s
}

// branches returns a union's types, or s alone.
func branches(s avro.Schema) []avro.Schema {
	if u, ok := s.(*avro.UnionSchema); ok {
		return u.Types()
	}
	return []avro.Schema{s}
}

// sameKind is whether a and b are of one type, and of one name when named
// (a type of a named kind is named).
func sameKind(a, b avro.Schema) bool {
	a, b = deref(a), deref(b)
	if a.Type() != b.Type() {
		return false
	}
	named, ok := a.(avro.NamedSchema)
	return !ok || named.FullName() == b.(avro.NamedSchema).FullName()
}

// writerField returns the field of w that reads into f: of its name, or
// of one of its aliases.
func writerField(w *avro.RecordSchema, f *avro.Field) *avro.Field {
	for _, name := range append([]string{f.Name()}, f.Aliases()...) {
		for _, wf := range w.Fields() {
			if wf.Name() == name {
				return wf
			}
		}
	}
	return nil
}

// parseAvro parses an Avro schema with the named types of its references.
func (r *Registry) parseAvro(s sr.Schema, depth int) (avro.Schema, error) {
	cache := &avro.SchemaCache{}
	if err := r.addAvroRefs(s.References, cache, depth); err != nil {
		return nil, err
	}
	return avro.ParseWithCache(s.Schema, "", cache)
}

func (r *Registry) addAvroRefs(refs []sr.SchemaReference, cache *avro.SchemaCache, depth int) error {
	if depth > maxRefDepth {
		return errors.New("references nest too deep")
	}
	for _, ref := range refs {
		var s sr.SubjectSchema
		path := "/subjects/" + url.PathEscape(ref.Subject) + "/versions/" + strconv.Itoa(ref.Version)
		if status, _ := r.call(http.MethodGet, path, nil, &s); status != http.StatusOK {
			return fmt.Errorf("reference %s: no version %d of subject %q", ref.Name, ref.Version, ref.Subject)
		}
		if err := r.addAvroRefs(s.References, cache, depth+1); err != nil {
			return err
		}
		if _, err := avro.ParseWithCache(s.Schema.Schema, "", cache); err != nil {
			return fmt.Errorf("reference %s: %v", ref.Name, err)
		}
	}
	return nil
}
