package devregistry_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/kafkashore/shore/devregistry"
	"github.com/kafkashore/shore/internal/testcerts"
)

const (
	userV1 = `{"type":"record","name":"User","fields":[{"name":"id","type":"string"}]}`
	// userV2 adds a field with a default: it reads what v1 wrote.
	userV2 = `{"type":"record","name":"User","fields":[{"name":"id","type":"string"},{"name":"email","type":"string","default":""}]}`
	// userBad adds a field without a default: it cannot read what v1 wrote.
	userBad = `{"type":"record","name":"User","fields":[{"name":"id","type":"string"},{"name":"age","type":"int"}]}`
)

func start(t *testing.T, o devregistry.Options) (*devregistry.Registry, *sr.Client) {
	t.Helper()
	if o.Listen == "" {
		o.Listen = "127.0.0.1:0"
	}
	r, err := devregistry.Start(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	cl, err := sr.NewClient(sr.URLs(r.URL()))
	if err != nil {
		t.Fatal(err)
	}
	return r, cl
}

func register(t *testing.T, cl *sr.Client, subject string, s sr.Schema) sr.SubjectSchema {
	t.Helper()
	got, err := cl.CreateSchema(context.Background(), subject, s)
	if err != nil {
		t.Fatalf("register %s: %v", subject, err)
	}
	return got
}

func TestSchemaTypes(t *testing.T) {
	_, cl := start(t, devregistry.Options{})
	types, err := cl.SupportedTypes(context.Background())
	if err != nil || !reflect.DeepEqual(types, []sr.SchemaType{sr.TypeAvro, sr.TypeProtobuf, sr.TypeJSON}) {
		t.Fatalf("types = %v, %v", types, err)
	}
}

func TestAvroCompatibilityIsChecked(t *testing.T) {
	_, cl := start(t, devregistry.Options{})
	ctx := context.Background()
	register(t, cl, "users-value", sr.Schema{Schema: userV1})

	res, err := cl.CheckCompatibility(ctx, "users-value", -1, sr.Schema{Schema: userBad})
	if err != nil || res.Is || len(res.Messages) != 1 || !strings.HasPrefix(res.Messages[0], "the new schema cannot read what version 1 wrote: ") || !strings.Contains(res.Messages[0], "age") {
		t.Fatalf("check of a field without default = %+v, %v; want incompatible, naming the field", res, err)
	}
	// hamba's words for a renamed record hold two spaces; the registry
	// gives them with one.
	res, err = cl.CheckCompatibility(ctx, "users-value", -1, sr.Schema{Schema: strings.Replace(userV1, `"User"`, `"Person"`, 1)})
	if want := []string{"the new schema cannot read what version 1 wrote: reader schema Person and writer schema User names do not match"}; err != nil || res.Is || !reflect.DeepEqual(res.Messages, want) {
		t.Fatalf("check of a renamed record = %+v, %v; want incompatible, %q", res, err, want)
	}
	res, err = cl.CheckCompatibility(ctx, "users-value", -2, sr.Schema{Schema: userV2})
	if err != nil || !res.Is || len(res.Messages) != 0 {
		t.Fatalf("check of a field with a default = %+v, %v; want compatible", res, err)
	}

	_, err = cl.CreateSchema(ctx, "users-value", sr.Schema{Schema: userBad})
	var re *sr.ResponseError
	if !errors.As(err, &re) || re.StatusCode != http.StatusConflict || re.ErrorCode != 409 {
		t.Fatalf("registering an incompatible version: %v, want HTTP 409 with error code 409", err)
	}
	if got := register(t, cl, "users-value", sr.Schema{Schema: userV2}); got.Version != 2 {
		t.Fatalf("compatible version registered as %+v, want version 2", got)
	}

	// FORWARD: the old schema must read what the new one writes; dropping
	// the field without a default breaks that.
	if res := cl.SetCompatibility(ctx, sr.SetCompatibility{Level: sr.CompatForward}, "users-value"); res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	res, err = cl.CheckCompatibility(ctx, "users-value", -1, sr.Schema{Schema: `{"type":"record","name":"User","fields":[{"name":"email","type":"string"}]}`})
	if err != nil || res.Is || !strings.HasPrefix(res.Messages[0], "version 2 cannot read what the new schema writes: ") {
		t.Fatalf("FORWARD check without id = %+v, %v", res, err)
	}

	// NONE lets anything through.
	if res := cl.SetCompatibility(ctx, sr.SetCompatibility{Level: sr.CompatNone}, "users-value"); res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	if got := register(t, cl, "users-value", sr.Schema{Schema: userBad}); got.Version != 3 {
		t.Fatalf("under NONE: %+v, want version 3", got)
	}
}

func TestAvroCompatibilityWithReferences(t *testing.T) {
	_, cl := start(t, devregistry.Options{})
	ctx := context.Background()
	register(t, cl, "address", sr.Schema{Schema: `{"type":"record","name":"Address","namespace":"shop","fields":[{"name":"city","type":"string"}]}`})
	refs := []sr.SchemaReference{{Name: "shop.Address", Subject: "address", Version: 1}}
	register(t, cl, "orders-value", sr.Schema{
		Schema:     `{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"to","type":"Address"}]}`,
		References: refs,
	})
	res, err := cl.CheckCompatibility(ctx, "orders-value", -1, sr.Schema{
		Schema:     `{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"to","type":"Address"},{"name":"qty","type":"int"}]}`,
		References: refs,
	})
	if err != nil || res.Is {
		t.Fatalf("check with references = %+v, %v; want incompatible", res, err)
	}
}

// TestInvalidSchemaRefused checks that a schema that does not parse is
// refused as Confluent's registry refuses it (HTTP 422, error code 42201),
// also as a subject's first version and under NONE, where nothing used to
// look at it.
func TestInvalidSchemaRefused(t *testing.T) {
	_, cl := start(t, devregistry.Options{})
	ctx := context.Background()
	if res := cl.SetCompatibility(ctx, sr.SetCompatibility{Level: sr.CompatNone}, "none-value"); res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	for _, tc := range []struct {
		subject string
		s       sr.Schema
		want    string
	}{
		{"a-value", sr.Schema{Schema: `{"type":"record","name":"R","fields":[{"name":"a","type":"nosuch"}]}`}, "unknown type: nosuch"},
		{"none-value", sr.Schema{Schema: `{"type":"recordz"}`}, "recordz"},
		{"p-value", sr.Schema{Type: sr.TypeProtobuf, Schema: `syntax = "proto3"; message X { Unknown u = 1; }`}, "Unknown"},
		{"j-value", sr.Schema{Type: sr.TypeJSON, Schema: `{"type":"object","properties":{"to":{"$ref":"address.json"}}}`}, `cannot resolve $ref "address.json"`},
		{"none-value", sr.Schema{Type: sr.TypeJSON, Schema: `{"$ref":"#/definitions/nosuch"}`}, `$ref "#/definitions/nosuch": no such location`},
	} {
		_, err := cl.CreateSchema(ctx, tc.subject, tc.s)
		var re *sr.ResponseError
		if !errors.As(err, &re) || re.StatusCode != http.StatusUnprocessableEntity || re.ErrorCode != 42201 || !strings.Contains(re.Message, tc.want) {
			t.Errorf("%s: register %s: %v; want HTTP 422, error code 42201, naming %q", tc.subject, tc.s.Schema, err, tc.want)
		}
	}
}

func TestNotAvroIsCompatible(t *testing.T) {
	_, cl := start(t, devregistry.Options{})
	ctx := context.Background()
	register(t, cl, "p-value", sr.Schema{Type: sr.TypeProtobuf, Schema: `syntax = "proto3"; message A { string x = 1; }`})
	res, err := cl.CheckCompatibility(ctx, "p-value", -1, sr.Schema{Type: sr.TypeProtobuf, Schema: `syntax = "proto3"; message A { int64 x = 1; }`})
	if err != nil || !res.Is {
		t.Fatalf("protobuf check = %+v, %v; want compatible (not checked)", res, err)
	}
	res, err = cl.CheckCompatibility(ctx, "p-value", -1, sr.Schema{Schema: userV1})
	if err != nil || res.Is || res.Messages[0] != "version 1 of p-value is PROTOBUF, the new schema AVRO" {
		t.Fatalf("a change of type = %+v, %v", res, err)
	}
}

func TestDataDirKeepsSchemas(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	r, cl := start(t, devregistry.Options{DataDir: dir})
	register(t, cl, "a-value", sr.Schema{Schema: userV1})
	register(t, cl, "b-value", sr.Schema{Schema: `{"type":"string"}`})
	b2 := register(t, cl, "b-value", sr.Schema{Schema: `{"type":"string","x":1}`})
	register(t, cl, "gone-value", sr.Schema{Schema: `{"type":"long"}`})
	if _, err := cl.DeleteSubject(ctx, "gone-value", sr.SoftDelete); err != nil {
		t.Fatal(err)
	}
	if res := cl.SetCompatibility(ctx, sr.SetCompatibility{Level: sr.CompatFullTransitive}, "a-value"); res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	_, _ = cl.CreateSchema(ctx, "a-value", sr.Schema{Schema: userBad}) // refused: not kept
	journal := filepath.Join(dir, devregistry.JournalFile)
	if !holdsOpen(t, journal) {
		t.Fatalf("the running registry does not hold %s open", journal)
	}
	r.Close()
	if holdsOpen(t, journal) {
		t.Fatalf("Close left %s open", journal)
	}

	// shore dev killed while writing a line
	f, err := os.OpenFile(filepath.Join(dir, devregistry.JournalFile), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString(`{"method":"POST","path":"/subj`)
	f.Close()

	_, cl = start(t, devregistry.Options{DataDir: dir})
	subjects, err := cl.Subjects(ctx)
	if err != nil || !reflect.DeepEqual(subjects, []string{"a-value", "b-value"}) {
		t.Fatalf("subjects after a restart = %v, %v", subjects, err)
	}
	got, err := cl.SchemaByVersion(ctx, "b-value", 2)
	if err != nil || got.ID != b2.ID {
		t.Fatalf("b-value version 2 after a restart = %+v, %v; want id %d", got, err, b2.ID)
	}
	if c := cl.Compatibility(ctx, "a-value"); c[0].Err != nil || c[0].Level != sr.CompatFullTransitive {
		t.Fatalf("a-value compatibility after a restart = %+v", c[0])
	}
	// The torn line is gone and new changes follow the kept ones.
	if next := register(t, cl, "c-value", sr.Schema{Schema: `{"type":"int"}`}); next.ID <= b2.ID {
		t.Fatalf("a new schema after a restart got id %d, not after %d", next.ID, b2.ID)
	}
}

func TestBasicAuthAndTLS(t *testing.T) {
	set, err := testcerts.New()
	if err != nil {
		t.Fatal(err)
	}
	tlsCfg, err := set.ServerTLS(set.Server, false)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := start(t, devregistry.Options{TLS: tlsCfg, User: "alice", Password: "dev-secret"})
	if !strings.HasPrefix(r.URL(), "https://127.0.0.1:") {
		t.Fatalf("URL %q, want https://127.0.0.1:PORT", r.URL())
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(set.CA.CertPEM)
	for _, c := range []struct {
		user, pass string
		status     int
	}{
		{"alice", "dev-secret", 0},
		{"alice", "wrong", http.StatusUnauthorized},
		{"", "", http.StatusUnauthorized},
	} {
		opts := []sr.ClientOpt{sr.URLs(r.URL()), sr.DialTLSConfig(&tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12})}
		if c.user != "" {
			opts = append(opts, sr.BasicAuth(c.user, c.pass))
		}
		cl, err := sr.NewClient(opts...)
		if err != nil {
			t.Fatal(err)
		}
		_, err = cl.Subjects(context.Background())
		var re *sr.ResponseError
		switch {
		case c.status == 0 && err != nil:
			t.Errorf("%s/%s: %v", c.user, c.pass, err)
		case c.status != 0 && (!errors.As(err, &re) || re.StatusCode != c.status):
			t.Errorf("%s/%s: %v, want HTTP %d", c.user, c.pass, err, c.status)
		}
	}
}

// TestSchemaByIDIgnoresSubject: confluent-kafka's deserializers ask for an
// id with ?subject=TOPIC-value, which need not hold it.
func TestSchemaByIDIgnoresSubject(t *testing.T) {
	_, cl := start(t, devregistry.Options{})
	id := register(t, cl, "a-value", sr.Schema{Schema: userV1}).ID
	s, err := cl.SchemaByID(sr.WithParams(context.Background(), sr.Subject("other-value")), id)
	if err != nil || s.Schema != userV1 {
		t.Fatalf("schema %d asked with another subject: %+v, %v", id, s, err)
	}
}

// TestSubjectWithSlash: confluent-kafka registers a Protobuf import under
// its file name, slashes and all; such a subject is checked and kept too.
func TestSubjectWithSlash(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	r, cl := start(t, devregistry.Options{DataDir: dir})
	const subject = "shop/user.avsc"
	first := register(t, cl, subject, sr.Schema{Schema: userV1})
	if _, err := cl.CreateSchema(ctx, subject, sr.Schema{Schema: userBad}); err == nil {
		t.Fatal("an incompatible version of a subject with a slash was registered")
	}
	r.Close()
	_, cl = start(t, devregistry.Options{DataDir: dir})
	got, err := cl.SchemaByVersion(ctx, subject, 1)
	if err != nil || got.ID != first.ID {
		t.Fatalf("after a restart: %+v, %v; want id %d", got, err, first.ID)
	}
}

// holdsOpen tells whether this process has path open, from /proc/self/fd.
func holdsOpen(t *testing.T, path string) bool {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	for _, fd := range fds {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); err == nil && target == path {
			return true
		}
	}
	return false
}

// TestSerializedProtobuf serves a Protobuf schema registered as source, and
// its reference, as base64 FileDescriptorProtos with ?format=serialized, as
// Confluent's registry does; without it, as registered.
func TestSerializedProtobuf(t *testing.T) {
	r, cl := start(t, devregistry.Options{})
	money := "syntax = \"proto3\";\npackage shop;\nmessage Money { int64 units = 1; }\n"
	order := "syntax = \"proto3\";\npackage shop;\nimport \"shop/money.proto\";\nmessage Order { Money total = 1; }\n"
	register(t, cl, "shop/money.proto", sr.Schema{Schema: money, Type: sr.TypeProtobuf})
	o := register(t, cl, "orders-value", sr.Schema{Schema: order, Type: sr.TypeProtobuf, References: []sr.SchemaReference{{Name: "shop/money.proto", Subject: "shop/money.proto", Version: 1}}})
	get := func(path string) string {
		t.Helper()
		resp, err := http.Get(r.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var s sr.SubjectSchema
		if err := json.NewDecoder(resp.Body).Decode(&s); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: HTTP %d, %v", path, resp.StatusCode, err)
		}
		return s.Schema.Schema
	}
	if got := get(fmt.Sprintf("/schemas/ids/%d", o.ID)); got != order {
		t.Errorf("without a format: %q, want the source as registered", got)
	}
	for path, want := range map[string]string{
		fmt.Sprintf("/schemas/ids/%d?format=serialized", o.ID):      "Order importing [shop/money.proto]",
		"/subjects/shop%2Fmoney.proto/versions/1?format=serialized": "Money importing []",
	} {
		raw, err := base64.StdEncoding.DecodeString(get(path))
		fdp := new(descriptorpb.FileDescriptorProto)
		if err == nil {
			err = proto.Unmarshal(raw, fdp)
		}
		if err != nil || len(fdp.GetMessageType()) != 1 || fmt.Sprintf("%s importing %v", fdp.GetMessageType()[0].GetName(), fdp.GetDependency()) != want {
			t.Errorf("GET %s: %v, %v; want a FileDescriptorProto of %s", path, fdp, err, want)
		}
	}
}

// GET /config/S without defaultToGlobal=true is the subject's own level or
// 40408, as in Confluent's registry, whether or not S is registered.
func TestOwnLevel(t *testing.T) {
	_, cl := start(t, devregistry.Options{})
	ctx := context.Background()
	own := func(subject string) (string, int) {
		res := cl.Compatibility(ctx, subject)[0]
		var re *sr.ResponseError
		if errors.As(res.Err, &re) {
			return "", re.ErrorCode
		}
		if res.Err != nil {
			t.Fatalf("%s: %v", subject, res.Err)
		}
		return res.Level.String(), 0
	}
	register(t, cl, "users-value", sr.Schema{Schema: `{"type":"string"}`})
	if level, code := own("users-value"); code != 40408 {
		t.Errorf("registered, no level of its own: %q, %d; want 40408", level, code)
	}
	if level, code := own("nope-value"); code != 40408 {
		t.Errorf("not registered: %q, %d; want 40408", level, code)
	}
	if res := cl.Compatibility(sr.WithParams(ctx, sr.DefaultToGlobal), "nope-value")[0]; res.Err != nil || res.Level != sr.CompatBackward {
		t.Errorf("defaultToGlobal: %v, %v; want BACKWARD", res.Level, res.Err)
	}
	if res := cl.SetCompatibility(ctx, sr.SetCompatibility{Level: sr.CompatFull}, "users-value")[0]; res.Err != nil {
		t.Fatal(res.Err)
	}
	if level, code := own("users-value"); level != "FULL" || code != 0 {
		t.Errorf("own level: %q, %d; want FULL", level, code)
	}
}

// A subject counts as soft-deleted once all its versions are, however they
// were deleted, and as gone once none is left, as in Confluent's registry:
// GET /subjects lists it only with ?deleted=true or ?deletedOnly=true, and
// GET /subjects/S/versions is 40401 without ?deleted=true.
func TestSubjectOfDeletedVersions(t *testing.T) {
	r, cl := start(t, devregistry.Options{})
	do := func(method, path string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(method, r.URL()+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body strings.Builder
		if _, err := io.Copy(&body, resp.Body); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, strings.TrimSpace(body.String())
	}
	for _, s := range []string{"whole-value", "versions-value", "gone-value", "live-value"} {
		register(t, cl, s, sr.Schema{Schema: userV1})
	}
	register(t, cl, "live-value", sr.Schema{Schema: userV2})
	for _, path := range []string{
		"/subjects/whole-value",
		"/subjects/versions-value/versions/1",
		"/subjects/gone-value/versions/1",
		"/subjects/gone-value/versions/1?permanent=true",
		"/subjects/live-value/versions/1",
	} {
		if status, body := do(http.MethodDelete, path); status != http.StatusOK {
			t.Fatalf("DELETE %s: %d %s", path, status, body)
		}
	}
	for _, c := range []struct {
		path   string
		status int
		body   string
	}{
		{"/subjects", 200, `["live-value"]`},
		{"/subjects?deleted=true", 200, `["live-value","versions-value","whole-value"]`},
		{"/subjects?deletedOnly=true", 200, `["versions-value","whole-value"]`},
		{"/subjects?deleted=true&subjectPrefix=v", 200, `["versions-value"]`},
		{"/subjects/versions-value/versions", 404, `{"error_code":40401,"message":"Subject 'versions-value' not found."}`},
		{"/subjects/versions-value/versions?deleted=true", 200, `[1]`},
		{"/subjects/versions-value/versions?deletedOnly=true", 200, `[1]`},
		{"/subjects/whole-value/versions", 404, `{"error_code":40401,"message":"Subject 'whole-value' not found."}`},
		{"/subjects/whole-value/versions?deleted=true", 200, `[1]`},
		{"/subjects/gone-value/versions?deleted=true", 404, `{"error_code":40401,"message":"Subject 'gone-value' not found."}`},
		{"/subjects/live-value/versions", 200, `[2]`},
		{"/subjects/live-value/versions?deleted=true", 200, `[1,2]`},
		{"/subjects/live-value/versions?deletedOnly=true", 200, `[1]`},
		{"/subjects/nope-value/versions?deleted=true", 404, `{"error_code":40401,"message":"Subject 'nope-value' not found."}`},
		// A version of a subject without versions is a subject not
		// found, as Confluent's registry answers, not a version not
		// found, as of one its subject lacks.
		{"/subjects/nope-value/versions/1", 404, `{"error_code":40401,"message":"Subject 'nope-value' not found."}`},
		{"/subjects/nope-value/versions/1/schema", 404, `{"error_code":40401,"message":"Subject 'nope-value' not found."}`},
		{"/subjects/whole-value/versions/1", 404, `{"error_code":40401,"message":"Subject 'whole-value' not found."}`},
		{"/subjects/live-value/versions/1", 404, `{"error_code":40402,"message":"version 1 not found for \"live-value\""}`},
	} {
		if status, body := do(http.MethodGet, c.path); status != c.status || body != c.body {
			t.Errorf("GET %s: %d %s; want %d %s", c.path, status, body, c.status, c.body)
		}
	}
}
