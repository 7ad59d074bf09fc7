package devregistry

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/kafkashore/shore/internal/protosrc"
)

// Confluent's registry tells Protobuf schemas apart by what they mean,
// not by their text: the same file written with other spacing, or as the
// base64 FileDescriptorProto confluent-kafka-python registers, is the same
// schema, and registering it again gives its existing version and id.
// srfake compares texts, so 'shore registry show -o schema' of a schema
// that Python registered, registered back, would add a version.

// sameProto returns the live version of subject that holds the Protobuf
// schema s in another text, if any.
func (r *Registry) sameProto(subject string, s sr.Schema) (sr.SubjectSchema, bool) {
	if s.Type != sr.TypeProtobuf {
		return sr.SubjectSchema{}, false
	}
	want, ok := r.protoMeaning(s)
	if !ok {
		return sr.SubjectSchema{}, false
	}
	for _, v := range r.versionsOf(subject, false) {
		var kept sr.SubjectSchema
		if status, _ := r.call(http.MethodGet, "/subjects/"+url.PathEscape(subject)+"/versions/"+strconv.Itoa(v), nil, &kept); status != http.StatusOK {
			continue
		}
		if kept.Type != sr.TypeProtobuf || !slices.Equal(kept.References, s.References) {
			continue
		}
		if got, ok := r.protoMeaning(kept.Schema); ok && bytes.Equal(got, want) {
			return kept, true
		}
	}
	return sr.SubjectSchema{}, false
}

// protoMeaning is s's FileDescriptorProto without what does not change
// its meaning (its file name, JSON names that are the default ones) as
// deterministic bytes; false when it does not compile.
func (r *Registry) protoMeaning(s sr.Schema) ([]byte, bool) {
	fdp, ok := protosrc.Serialized(s.Schema)
	if !ok {
		files := map[string]string{}
		if r.referenceTexts(s.References, files) != nil {
			return nil, false
		}
		out, err := protosrc.Compile(mainProto, s.Schema, files, nil)
		if err != nil {
			return nil, false
		}
		fdp = protodesc.ToFileDescriptorProto(out[0])
	}
	fdp = proto.Clone(fdp).(*descriptorpb.FileDescriptorProto)
	fdp.Name, fdp.SourceCodeInfo = nil, nil
	clearDefaultJSONNames(fdp.Extension)
	for _, m := range fdp.MessageType {
		clearMessageJSONNames(m)
	}
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(fdp)
	return b, err == nil
}

// clearMessageJSONNames clears the default JSON names of m's fields and
// extensions, and of its nested messages'.
func clearMessageJSONNames(m *descriptorpb.DescriptorProto) {
	clearDefaultJSONNames(m.Field)
	clearDefaultJSONNames(m.Extension)
	for _, n := range m.NestedType {
		clearMessageJSONNames(n)
	}
}

// clearDefaultJSONNames clears the JSON names of fields that are the ones
// protoc would give: compilers write them, a descriptor built by hand
// leaves them out.
func clearDefaultJSONNames(fields []*descriptorpb.FieldDescriptorProto) {
	for _, f := range fields {
		if f.GetJsonName() == defaultJSONName(f.GetName()) {
			f.JsonName = nil
		}
	}
}

// defaultJSONName is a field's JSON name as protoc derives it: its name
// with each underscore dropped and the letter after it upper-cased.
func defaultJSONName(name string) string {
	var b strings.Builder
	upper := false
	for _, c := range name {
		switch {
		case c == '_':
			upper = true
		case upper && 'a' <= c && c <= 'z':
			b.WriteRune(c - 'a' + 'A')
			upper = false
		default:
			b.WriteRune(c)
			upper = false
		}
	}
	return b.String()
}

// serveLookup answers POST /subjects/S, which looks a schema up among S's
// versions, finding a Protobuf schema by what it means as registering
// does.
func (r *Registry) serveLookup(w http.ResponseWriter, req *http.Request) {
	body, err := readBody(w, req)
	if err != nil {
		return
	}
	status, raw := r.call(http.MethodPost, req.URL.RequestURI(), body, nil)
	var s sr.Schema
	if status == http.StatusNotFound && json.Unmarshal(body, &s) == nil {
		subject, _ := url.PathUnescape(strings.TrimPrefix(req.URL.EscapedPath(), "/subjects/"))
		if kept, ok := r.sameProto(subject, s); ok {
			respondJSON(w, http.StatusOK, kept)
			return
		}
	}
	writeRaw(w, status, raw)
}
