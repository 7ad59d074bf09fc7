package devregistry

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"

	"github.com/kafkashore/shore/internal/protosrc"
)

// serveSerialized answers a schema request with ?format=serialized as
// Confluent's registry does: a Protobuf schema registered as .proto source
// comes back as a base64 FileDescriptorProto, its references resolved.
// confluent-kafka-python's Protobuf deserializer asks for that form and
// cannot read source. Other schemas, and Protobuf schemas registered in
// that form already, come back as srfake keeps them.
func (r *Registry) serveSerialized(w http.ResponseWriter, req *http.Request) {
	rec := httptest.NewRecorder()
	r.fake.Handler().ServeHTTP(rec, req)
	var body map[string]any
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &body) != nil || body["schemaType"] != sr.TypeProtobuf.String() {
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
		return
	}
	var s sr.Schema
	if err := json.Unmarshal(rec.Body.Bytes(), &s); err != nil {
		writeError(w, http.StatusInternalServerError, 50001, err.Error())
		return
	}
	if _, ok := protosrc.Serialized(s.Schema); !ok {
		text, err := r.serializeProto(s)
		if err != nil {
			writeError(w, http.StatusInternalServerError, 50001, "cannot serialize the Protobuf schema: "+err.Error())
			return
		}
		body["schema"] = text
	}
	respondJSON(w, http.StatusOK, body)
}

// mainProto is the name the schema being serialized compiles under; its
// imports are named by their references.
const mainProto = "shore-dev-registry-schema.proto"

// serializeProto compiles a Protobuf schema and its references and returns
// the schema as a base64 FileDescriptorProto.
func (r *Registry) serializeProto(s sr.Schema) (string, error) {
	files := map[string]string{}
	if err := r.referenceTexts(s.References, files); err != nil {
		return "", err
	}
	out, err := protosrc.Compile(mainProto, s.Schema, files, nil)
	if err != nil {
		return "", err
	}
	raw, err := proto.Marshal(protodesc.ToFileDescriptorProto(out[0]))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(raw), nil
}

// referenceTexts adds the text of each referenced schema, and of those
// they reference, to files by reference name: a .proto file's imports, a
// JSON Schema's $ref values.
func (r *Registry) referenceTexts(refs []sr.SchemaReference, files map[string]string) error {
	for _, ref := range refs {
		if _, ok := files[ref.Name]; ok {
			continue
		}
		rec := httptest.NewRecorder()
		r.fake.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/subjects/"+url.PathEscape(ref.Subject)+"/versions/"+strconv.Itoa(ref.Version), nil))
		var ss sr.SubjectSchema
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &ss) != nil {
			return fmt.Errorf("reference %s: version %d of subject %q: %s", ref.Name, ref.Version, ref.Subject, strings.TrimSpace(rec.Body.String()))
		}
		files[ref.Name] = ss.Schema.Schema
		if err := r.referenceTexts(ss.References, files); err != nil {
			return err
		}
	}
	return nil
}
