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
			if err := avro.NewSchemaCompatibility().Compatible(parsed, old); err != nil {
				problems = append(problems, fmt.Sprintf("the new schema cannot read what version %d wrote: %v", v.Version, err))
			}
		}
		if forward {
			if err := avro.NewSchemaCompatibility().Compatible(old, parsed); err != nil {
				problems = append(problems, fmt.Sprintf("version %d cannot read what the new schema writes: %v", v.Version, err))
			}
		}
	}
	return problems, nil
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
