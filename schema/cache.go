package schema

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafkashore/shore/internal/protosrc"
)

// Schema is one registered schema, compiled.
type Schema struct {
	ID   int
	Type sr.SchemaType
	// Subject and Version are known when the schema was looked up by
	// subject, or by id with the Cache's Names set and the registry able to
	// tell; "" and 0 otherwise.
	Subject string
	Version int
	// NewSubject is whether Register made Subject: the registry had no
	// live version of it.
	NewSubject bool
	// registered holds the subject versions that hold the schema, by
	// subject and then version, when it was looked up by id with the
	// Cache's Names set; Subject and Version are the first.
	registered []sr.SubjectVersion

	codec Codec      // Avro and JSON Schema
	proto *protoFile // Protobuf
	// ignored names the Avro defaults left out, not of their fields'
	// types.
	ignored []string
}

// Cache compiles the schemas of a registry once per id (and per subject and
// version) for the whole run, failures included: a run asks the registry
// once per schema id whatever the record count.
type Cache struct {
	r *Registry
	// Names makes ByID also ask under which subject and version each id is
	// registered (GET /schemas/ids/ID/versions, once per id), for output
	// that names them. When an id is registered several times, the first
	// subject in alphabetical order and its lowest version name it, unless
	// SubjectIn is asked for a subject that holds it. When
	// the registry cannot tell, the schema has no subject and Notes, if
	// set, receives one line saying why.
	Names bool
	Notes io.Writer
	// Warnings, when set, receives one line for each default of a
	// registered Avro schema that is not of its field's type, which the
	// schema is read without.
	Warnings io.Writer

	mu        sync.Mutex
	byID      map[int]cached
	bySubject map[string]cached
}

type cached struct {
	s   *Schema
	err error
}

// NewCache returns a cache of r's schemas.
func NewCache(r *Registry) *Cache {
	return &Cache{r: r, byID: map[int]cached{}, bySubject: map[string]cached{}}
}

// ByID returns the schema of an id.
func (c *Cache) ByID(ctx context.Context, id int) (*Schema, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byID[id]; ok {
		return e.s, e.err
	}
	s, err := c.fetchID(ctx, id)
	c.byID[id] = cached{s, err}
	return s, err
}

func (c *Cache) fetchID(ctx context.Context, id int) (*Schema, error) {
	got, err := c.r.SchemaByID(ctx, id)
	if err != nil {
		return nil, err
	}
	s, err := c.compile(ctx, got, true)
	if err != nil {
		return nil, fmt.Errorf("schema id %d: %w", id, err)
	}
	s.ID = id
	if c.Names {
		c.name(ctx, s)
	}
	c.warnIgnored(s)
	return s, nil
}

// name sets the subject and version of s, fetched by id.
func (c *Cache) name(ctx context.Context, s *Schema) {
	vs, err := c.r.SubjectVersionsByID(ctx, s.ID)
	if err == nil && len(vs) == 0 {
		err = fmt.Errorf("schema registry %s lists no subject version for it", c.r.URL)
	}
	if err != nil {
		if c.Notes != nil {
			fmt.Fprintf(c.Notes, "shore: schema id %d is shown without its subject and version: %v\n", s.ID, err)
		}
		return
	}
	s.Subject, s.Version, s.registered = vs[0].Subject, vs[0].Version, vs
}

// SubjectIn returns the subject and version that name s for a record whose
// subject would be subject (TOPIC-value, Confluent's default naming): its
// lowest version of subject when subject holds s, else Subject and
// Version. A schema shared by subjects (a "string" key schema, one record
// type for several topics) is so named by each topic's own subject.
func (s *Schema) SubjectIn(subject string) (string, int) {
	for _, v := range s.registered {
		if v.Subject == subject {
			return v.Subject, v.Version
		}
	}
	return s.Subject, s.Version
}

// warnIgnored writes to c.Warnings the defaults s was read without.
func (c *Cache) warnIgnored(s *Schema) {
	if c.Warnings == nil {
		return
	}
	for _, d := range s.ignored {
		fmt.Fprintf(c.Warnings, "shore: warning: %s: %s; the schema is used without it (defaults take no part in decoding)\n", s.name(), d)
	}
}

// BySubject returns a version of a subject's schema; version -1 is the
// latest.
func (c *Cache) BySubject(ctx context.Context, subject string, version int) (*Schema, error) {
	key := subject + "\x00" + strconv.Itoa(version)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.bySubject[key]; ok {
		return e.s, e.err
	}
	s, err := c.fetchSubject(ctx, subject, version)
	c.bySubject[key] = cached{s, err}
	return s, err
}

func (c *Cache) fetchSubject(ctx context.Context, subject string, version int) (*Schema, error) {
	ss, err := c.r.SchemaByVersion(ctx, subject, version)
	var re *RegistryError
	if errors.As(err, &re) && re.NoSubject && c.r.SoftDeleted(ctx, subject) {
		// Not a typo: it was there, and its ids still serve.
		return nil, &RegistryError{Msg: fmt.Sprintf("schema registry %s: subject %q is soft-deleted (shore registry list %s --deleted shows its versions and ids)", c.r.URL, subject, subject), NotFound: true, SoftDeleted: true, Err: err}
	}
	if err != nil {
		return nil, err
	}
	s, err := c.compile(ctx, ss.Schema, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Target{Subject: subject, Version: version}, err)
	}
	s.ID, s.Subject, s.Version = ss.ID, ss.Subject, ss.Version
	c.warnIgnored(s)
	return s, nil
}

// Register registers a schema under subject (or finds it there, when it is
// already registered) and returns it. It looks the schema up first (POST
// /subjects/S): one request when it is there, and the answer that tells
// a subject the registry does not have (NewSubject) from one that has
// other versions; a registration (two requests) follows otherwise.
func (c *Cache) Register(ctx context.Context, subject string, sch sr.Schema) (*Schema, error) {
	s, err := c.compile(ctx, sch, false)
	if err != nil {
		return nil, err
	}
	ss, err := c.r.Client.LookupSchema(ctx, subject, sch)
	// Any answer but the schema's leaves the registration to say what the
	// registry takes; no answer is explained as it is.
	if re := (*sr.ResponseError)(nil); errors.As(err, &re) {
		s.NewSubject = re.ErrorCode == sr.ErrSubjectNotFound.Code
		ss, err = c.r.Client.CreateSchema(ctx, subject, sch)
	}
	if err != nil {
		return nil, c.r.ExplainRegister(ctx, err, subject, sch)
	}
	s.ID, s.Subject, s.Version = ss.ID, ss.Subject, ss.Version
	return s, nil
}

// RegisterFile registers a local schema file under subject, as Register
// does. A .proto file's imports are registered first (RegisterImports), and
// the file refers to them at the versions they got.
func (c *Cache) RegisterFile(ctx context.Context, subject string, lf *LocalFile) (*Schema, error) {
	refs, _, err := c.r.RegisterImports(ctx, lf)
	if err != nil {
		return nil, err
	}
	return c.Register(ctx, subject, sr.Schema{Schema: lf.Text, Type: lf.Type, References: refs})
}

// Import is a file a .proto file imports, as RegisterImports registered
// it: a reference to its subject and version.
type Import struct {
	sr.SchemaReference
	// Existed says that its subject had it already, at that version: no
	// version was added.
	Existed bool
}

// RegisterImports registers the files a .proto file imports, directly or
// not, as Confluent's serializers register them: each under a subject named
// by its import path, with references to the files it imports in turn,
// Protobuf's well-known types left out (registries know them); a file its
// subject has already keeps its version. It looks each up first (POST
// /subjects/S), as Cache.Register does, to tell those from the ones it
// registers. It returns lf's references to the files it imports itself,
// none for a file that is not Protobuf, and all the files it imports,
// directly or not.
func (r *Registry) RegisterImports(ctx context.Context, lf *LocalFile) (refs []sr.SchemaReference, imports []Import, _ error) {
	deps, err := lf.dependencies()
	if err != nil {
		return nil, nil, err
	}
	versions := map[string]int{}
	refsTo := func(paths []string) []sr.SchemaReference {
		var out []sr.SchemaReference
		for _, p := range paths {
			out = append(out, sr.SchemaReference{Name: p, Subject: p, Version: versions[p]})
		}
		return out
	}
	for _, d := range deps {
		imported := sr.Schema{Schema: d.text, Type: sr.TypeProtobuf, References: refsTo(d.imports)}
		ss, err := r.Client.LookupSchema(ctx, d.path, imported)
		existed := err == nil
		if re := (*sr.ResponseError)(nil); errors.As(err, &re) {
			ss, err = r.Client.CreateSchema(ctx, d.path, imported)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("import %s: %w", d.path, r.ExplainRegister(ctx, err, d.path, imported))
		}
		versions[d.path] = ss.Version
		imports = append(imports, Import{SchemaReference: sr.SchemaReference{Name: d.path, Subject: d.path, Version: ss.Version}, Existed: existed})
	}
	var direct []string
	if lf.proto != nil {
		for _, fd := range ownImports(lf.proto.fd) {
			direct = append(direct, fd.Path())
		}
	}
	return refsTo(direct), imports, nil
}

// Validate reports whether sch parses, its references fetched: what a
// registry checks before it registers a schema.
func (c *Cache) Validate(ctx context.Context, sch sr.Schema) error {
	_, err := c.compile(ctx, sch, false)
	return err
}

// compile builds the codec of a schema, fetching its references. An Avro
// schema that is registered (it is not a schema to register) is parsed
// without the defaults that are not of their fields' types
// (parseRegisteredAvro), which its ignored lists.
func (c *Cache) compile(ctx context.Context, sch sr.Schema, registered bool) (*Schema, error) {
	var refs []namedSchema
	if err := c.references(ctx, sch.References, map[string]bool{}, &refs); err != nil {
		return nil, err
	}
	s := &Schema{Type: sch.Type}
	var err error
	switch sch.Type {
	case sr.TypeAvro:
		texts := make([]string, 0, len(refs))
		for _, r := range refs {
			texts = append(texts, r.Schema.Schema)
		}
		if registered {
			s.codec, s.ignored, err = newAvroParsed(sch.Schema, texts, parseRegisteredAvro)
		} else {
			s.codec, err = newAvro(sch.Schema, texts)
		}
	case sr.TypeProtobuf:
		s.proto, err = newProto("registry-schema.proto", sch.Schema, textsByName(refs), nil)
	case sr.TypeJSON:
		s.codec, err = newJSONSchema(sch.Schema, textsByName(refs))
	default:
		err = fmt.Errorf("unsupported schema type %v", sch.Type)
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// ProtoSource returns the .proto source of a Protobuf schema that the
// registry keeps as a base64 FileDescriptorProto (confluent-kafka-python
// registers that form, and Apicurio keeps it as registered); ok is false
// for any other schema. The file is compiled with its references, fetched,
// so that custom options they declare are printed by name (a descriptor
// alone keeps them as unnamed field numbers).
func (c *Cache) ProtoSource(ctx context.Context, sch sr.Schema) (src string, ok bool, err error) {
	if sch.Type != sr.TypeProtobuf {
		return "", false, nil
	}
	if _, ok := protosrc.Serialized(sch.Schema); !ok {
		return "", false, nil
	}
	var refs []namedSchema
	if err := c.references(ctx, sch.References, map[string]bool{}, &refs); err != nil {
		return "", true, err
	}
	out, err := protosrc.Compile("", sch.Schema, textsByName(refs), nil)
	if err != nil {
		return "", true, err
	}
	src, err = protosrc.Source(out[0])
	return src, true, err
}

// textsByName maps the names of referenced schemas to their texts: a
// .proto file's imports, a JSON Schema's $ref values.
func textsByName(refs []namedSchema) map[string]string {
	texts := make(map[string]string, len(refs))
	for _, r := range refs {
		texts[r.name] = r.Schema.Schema
	}
	return texts
}

// maxReferences bounds the schemas one schema may pull in, against a
// registry that answers with a cycle.
const maxReferences = 1000

// namedSchema is a referenced schema and the name it is referenced by.
type namedSchema struct {
	name string
	sr.Schema
}

// references appends the referenced schemas to into, each after the ones
// it references itself.
func (c *Cache) references(ctx context.Context, refs []sr.SchemaReference, seen map[string]bool, into *[]namedSchema) error {
	for _, r := range refs {
		if seen[r.Name] {
			continue
		}
		seen[r.Name] = true
		if len(seen) > maxReferences {
			return fmt.Errorf("more than %d schema references", maxReferences)
		}
		ss, err := c.r.SchemaByVersion(ctx, r.Subject, r.Version)
		if err != nil {
			return fmt.Errorf("reference %s: %w", r.Name, err)
		}
		if err := c.references(ctx, ss.References, seen, into); err != nil {
			return err
		}
		*into = append(*into, namedSchema{r.Name, ss.Schema})
	}
	return nil
}

// AppendJSON decodes a wire-format payload whose id is s's (the bytes
// after the magic byte and the id) and appends it as JSON text. message is
// the full name of the Protobuf message the payload's index chose, "" for
// other types.
func (s *Schema) AppendJSON(dst, rest []byte) (out []byte, message string, err error) {
	if s.proto == nil {
		out, err = s.codec.AppendJSON(dst, rest)
		return out, "", err
	}
	index, payload, err := SplitIndex(rest)
	if err != nil {
		return dst, "", err
	}
	m, err := s.proto.message(index)
	if err != nil {
		return dst, "", err
	}
	out, err = m.AppendJSON(dst, payload)
	return out, string(m.md.FullName()), err
}

// Encoder encodes JSON documents with a schema into wire-format payloads.
type Encoder struct {
	header []byte
	codec  Codec
	// id is the schema id the header carries, 0 for a local schema (no
	// header); about names the schema for messages.
	id    int
	about string
	// byMessage holds the encoders of the schema's other Protobuf
	// messages, by the names they were asked for.
	byMessage map[string]*Encoder
}

// Encoder returns an encoder of s; message chooses the Protobuf message
// type by full or short name ("" is the first of the file) and must be ""
// for other types.
func (s *Schema) Encoder(message string) (*Encoder, error) {
	if s.proto == nil {
		if message != "" {
			return nil, fmt.Errorf("a message type applies to Protobuf schemas only, and schema id %d is %v", s.ID, s.Type)
		}
		return &Encoder{header: AppendHeader(nil, s.ID, nil), codec: s.codec, id: s.ID, about: s.name()}, nil
	}
	m, err := s.proto.messageNamed(message)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.name(), err)
	}
	return &Encoder{header: AppendHeader(nil, s.ID, m.index), codec: m, id: s.ID, about: s.name()}, nil
}

// name names s for messages: its id, and its subject and version when
// known.
func (s *Schema) name() string {
	if s.Subject == "" {
		return fmt.Sprintf("schema id %d", s.ID)
	}
	return fmt.Sprintf("schema id %d (subject %q, version %d)", s.ID, s.Subject, s.Version)
}

// RawEncoder encodes with a codec and no wire header: a local schema.
func RawEncoder(c Codec) *Encoder { return &Encoder{codec: c, about: "the schema file"} }

// About names e's schema for messages: schema id 7 (subject "s", version
// 2), or "the schema file".
func (e *Encoder) About() string { return e.about }

// Message is the full name of the Protobuf message e encodes, "" for other
// types.
func (e *Encoder) Message() string {
	if m, ok := e.codec.(*protoMessage); ok {
		return string(m.md.FullName())
	}
	return ""
}

// Messages lists the messages of e's Protobuf schema by their names
// within its package (Order.Line); nil for other types.
func (e *Encoder) Messages() []string {
	if m, ok := e.codec.(*protoMessage); ok {
		return m.file.names()
	}
	return nil
}

// ForMessage returns the encoder of the Protobuf message named name (full,
// as consume --json writes it, or any name Schema.Encoder takes) of e's
// schema: e itself when e encodes that message. An encoder of another
// type refuses every name. It is not safe for concurrent use.
func (e *Encoder) ForMessage(name string) (*Encoder, error) {
	m, ok := e.codec.(*protoMessage)
	if !ok {
		return nil, fmt.Errorf("%s is not a Protobuf schema", e.about)
	}
	if name == string(m.md.FullName()) {
		return e, nil
	}
	if enc, ok := e.byMessage[name]; ok {
		return enc, nil
	}
	other, err := m.file.messageNamed(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.about, err)
	}
	enc := e
	if other != m {
		enc = &Encoder{codec: other, id: e.id, about: e.about}
		if e.header != nil {
			enc.header = AppendHeader(nil, e.id, other.index)
		}
	}
	if e.byMessage == nil {
		e.byMessage = map[string]*Encoder{}
	}
	e.byMessage[name] = enc
	return enc, nil
}

// TakesString reports whether e's schema is of JSON strings: an Avro
// string, bytes, enum or fixed, or a JSON Schema of type string. Its
// documents are JSON too, so a bare word is not one. Bytes or fixed of a
// decimal are not: a string would be sent as its bytes, not its number.
func (e *Encoder) TakesString() bool {
	switch c := e.codec.(type) {
	case *avroCodec:
		switch c.s.Type() {
		case avro.String, avro.Enum:
			return true
		case avro.Bytes, avro.Fixed:
			return !declaresDecimal(c.s)
		}
	case *jsonCodec:
		return c.takesString
	}
	return false
}

// AppendEncode appends the payload of one JSON document. A string of doc
// with a \uXXXX escape of half a UTF-16 surrogate pair, which every codec
// would read as U+FFFD, is refused, naming its field.
func (e *Encoder) AppendEncode(dst, doc []byte) ([]byte, error) {
	if err := surrogateError(doc); err != nil {
		return dst, err
	}
	start := len(dst)
	dst = append(dst, e.header...)
	out, err := e.codec.AppendEncoded(dst, doc)
	if err != nil {
		return dst[:start], err
	}
	return out, nil
}
