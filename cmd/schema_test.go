package cmd_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sr"
	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testregistry"
)

// withRegistry runs shore with the test registry in SHORE_REGISTRY_URL.
func withRegistry(t *testing.T, stdin string, args ...string) shoretest.Result {
	t.Helper()
	return shoretest.RunWith(t, shoretest.Opts{Stdin: stdin, Env: map[string]string{"SHORE_REGISTRY_URL": testregistry.URL(t)}}, args...)
}

// schemaFile writes a schema file into the test's own directory.
func schemaFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	writeFile(t, path, text)
	return path
}

const paymentAvsc = `{"type":"record","name":"Payment","namespace":"shop","fields":[
 {"name":"id","type":"string"},
 {"name":"amount","type":"double"},
 {"name":"currency","type":{"type":"enum","name":"Currency","symbols":["EUR","NOK"]}},
 {"name":"note","type":["null","string"],"default":null}]}`

// TestSchemaAvroRoundTrip registers an Avro schema, produces JSON lines
// through it (one line does not fit), decodes them back, and copies the
// decoded records to a second topic through the same schema: the payloads
// are byte for byte the same.
func TestSchemaAvroRoundTrip(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "payment.avsc", paymentAvsc)
	in := `{"id":"p1","amount":12.5,"currency":"EUR","note":{"string":"first"}}
{"id":"p2","amount":3,"currency":"SEK"}
{"id":"p3","currency":"NOK"}
{"id":"p4","amount":"x","currency":"NOK"}
{"id":"p5","amount":0.25,"currency":"NOK"}
`
	res := withRegistry(t, in, "produce", topic, "--value-schema-file", avsc, "--register")
	wantRun(t, res, 1, "", `shore: stdin line 2: not delivered: value: field currency: unknown enum symbol "SEK" (enum shop.Currency has EUR, NOK)
shore: stdin line 3: not delivered: value: missing field amount
shore: stdin line 4: not delivered: value: field amount: want a number, got a string
shore: 3 of 5 records not delivered
`)

	want := `{"id":"p1","amount":12.5,"currency":"EUR","note":{"string":"first"}}
{"id":"p5","amount":0.25,"currency":"NOK","note":null}
`
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e"), 0, want, "")

	res = withRegistry(t, "", "consume", topic, "--decode", "value", "--json", "-e")
	if res.Code != 0 || !strings.Contains(res.Stdout, `"value":{"id":"p1","amount":12.5,"currency":"EUR","note":{"string":"first"}},"value_encoding":"json","value_schema":{"id":`) {
		t.Fatalf("consume --json: exit %d stdout %s stderr %s", res.Code, res.Stdout, res.Stderr)
	}

	copyTopic := testbroker.Topic(t, 1, nil)
	wantRun(t, withRegistry(t, "", "produce", copyTopic, "--value-schema-file", avsc, "--register"), 0, "", "")
	wantRun(t, withRegistry(t, res.Stdout, "produce", copyTopic, "--json", "--value-schema", "topic"), 0, "", "")
	hexOf := func(topic string) []string {
		res := shoretest.Run(t, "consume", topic, "-e", "-f", `%v{hex}\n`)
		var payloads []string
		for _, l := range strings.Fields(res.Stdout) {
			payloads = append(payloads, l[10:]) // after the magic byte and the id
		}
		return payloads
	}
	if a, b := hexOf(topic), hexOf(copyTopic); strings.Join(a, " ") != strings.Join(b, " ") || len(a) != 2 {
		t.Errorf("payloads differ after the round trip:\n%v\n%v", a, b)
	}
}

// TestSchemaDocumentLargerThanItsRecord sends JSON documents far larger
// than --max-message-bytes whose Avro encoding fits it (an array of nulls
// is a few bytes), as a line and as a --json line: both are sent. produce
// refused them by the size of the document, "record of 100001 bytes
// exceeds --max-message-bytes 1000", which the record is not.
func TestSchemaDocumentLargerThanItsRecord(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "nulls.avsc", `{"type":"array","items":"null"}`)
	doc := "[" + strings.Repeat("null,", 19999) + "null]"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: doc + "\n"}, "produce", topic, "--value-schema-file", avsc, "--max-message-bytes", "1000")
	wantRun(t, res, 0, "", "")
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":` + doc + "}\n"}, "produce", topic, "--json", "--value-schema-file", avsc, "--max-message-bytes", "1000")
	wantRun(t, res, 0, "", "")
	res = shoretest.Run(t, "consume", topic, "-e", "-f", "%V\n")
	wantRun(t, res, 0, "4\n4\n", "")
}

// TestSchemaJSONNamesSubjectVersion writes, in --json output, the subject
// and version of the schema id beside it. The id is registered under
// TOPIC-value and TOPIC-audit: a record of TOPIC is named by TOPIC-value,
// its topic's own subject, where the first subject by name, TOPIC-audit,
// named it; a record of another topic, whose subject does not hold the id,
// by the first subject by name. The registry is asked once for the schema
// and once for its subject versions, whatever the topics.
func TestSchemaJSONNamesSubjectVersion(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	other := testbroker.Topic(t, 1, nil)
	// a schema of this test's own: registries give the same text one id
	// across subjects, and the shared registry keeps other tests' subjects
	avsc := strings.Replace(paymentAvsc, `"namespace":"shop"`, `"namespace":"`+strings.ReplaceAll(topic, "-", "_")+`"`, 1)
	wantRun(t, withRegistry(t, "", "produce", topic, "--value-schema-file", schemaFile(t, "payment.avsc", avsc), "--register"), 0, "", "")
	audit, err := testregistry.Client(t).CreateSchema(context.Background(), topic+"-audit", sr.Schema{Schema: avsc})
	if err != nil {
		t.Fatal(err)
	}
	in := `{"timestamp":1763856000000,"value":{"id":"p1","amount":12.5,"currency":"EUR","note":null}}` + "\n"
	wantRun(t, withRegistry(t, in, "produce", topic, "--json", "--value-schema", "topic"), 0, "", "")
	wantRun(t, withRegistry(t, in, "produce", other, "--json", "--value-schema", fmt.Sprintf("id:%d", audit.ID)), 0, "", "")

	res := withRegistry(t, "", "consume", topic, other, "--decode", "value", "--json", "-e", "-vv")
	record := `{"topic":%q,"partition":0,"offset":0,"timestamp":1763856000000,"timestamp_type":"create","key":null,"value":{"id":"p1","amount":12.5,"currency":"EUR","note":null},"value_encoding":"json","value_schema":{"id":%d,"type":"AVRO","subject":%q,"version":1},"headers":[],"leader_epoch":0}` + "\n"
	lines := strings.SplitAfter(res.Stdout, "\n")
	slices.Sort(lines)
	want := []string{"", fmt.Sprintf(record, topic, audit.ID, topic+"-value"), fmt.Sprintf(record, other, audit.ID, topic+"-audit")}
	slices.Sort(want)
	if res.Code != 0 || !slices.Equal(lines, want) {
		t.Fatalf("exit %d\nstdout %s\nwant   %s\nstderr %s", res.Code, res.Stdout, strings.Join(want, ""), res.Stderr)
	}
	requests := regexp.MustCompile(`registry: sending request .*URL=`+regexp.QuoteMeta(testregistry.URL(t))+`(\S+)`).FindAllStringSubmatch(res.Stderr, -1)
	var paths []string
	for _, r := range requests {
		paths = append(paths, r[1])
	}
	if got, want := strings.Join(paths, " "), fmt.Sprintf("/schemas/ids/%d /schemas/ids/%d/versions", audit.ID, audit.ID); got != want {
		t.Errorf("registry requests %q, want %q", got, want)
	}
}

// TestSchemaJSONNamesKeySubject names a key schema that every topic shares,
// as a "string" key schema is, by the subject of the record's topic,
// TOPIC-key, where each topic's records were named by the first such
// subject by name, another topic's, and --filter on the subject missed
// them.
func TestSchemaJSONNamesKeySubject(t *testing.T) {
	t.Parallel()
	first, second := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 1, nil)
	// a key schema of this test's own, one id for both subjects
	keySchema := schemaFile(t, "key.avsc", `{"type":"record","name":"K`+strings.ReplaceAll(first, "-", "_")+`","fields":[{"name":"k","type":"string"}]}`)
	for _, topic := range []string{first, second} {
		wantRun(t, withRegistry(t, `{"k":"a"}|x`+"\n", "produce", topic, "-K|", "--key-schema-file", keySchema, "--register"), 0, "", "")
	}
	for _, topic := range []string{first, second} {
		res := withRegistry(t, "", "consume", topic, "--decode", "key", "-e", "--filter", `.key_schema.subject == "`+topic+`-key"`, "-f", `%k\n`)
		wantRun(t, res, 0, `{"k":"a"}`+"\n", "")
	}
}

// TestSchemaKeyCutByDelimiter: a record key of a JSON object, split from
// its value with -K: as Confluent's console producers split it, is cut at
// the ':' inside the key: the error says so and what to do, where it said
// 'the JSON ends early; each line is one document: for a document over
// several lines, use --whole ...', of a line that was one. A key that ends
// early at the delimiter, with no document running past it, keeps that
// hint.
func TestSchemaKeyCutByDelimiter(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	key := schemaFile(t, "key.avsc", `{"type":"record","name":"K","fields":[{"name":"id","type":"string"}]}`)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: `{"id":"k1"}:v` + "\n" + `{"id":"k2"|v` + "\n"}, "produce", topic, "-K:", "--key-schema-file", key)
	wantRun(t, res, 1, "", `shore: stdin line 1: not delivered: key: invalid JSON: the JSON ends early; -K ':' cuts each piece at its first ':', which is inside this key's JSON: give -K a delimiter that no key holds, such as -K '\t', or read --json lines
shore: stdin line 2: not delivered: key: invalid JSON: the JSON ends early; each line is one document: for a document over several lines, use --whole (one per file) or put it on one line (jq -c)
shore: 2 of 2 records not delivered
`)
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: `{"id":"k1"}` + "\tv\n"}, "produce", topic, "-K", `\t`, "--key-schema-file", key)
	wantRun(t, res, 0, "", "")
}

// TestSchemaProtobufFirstMessage: a line that does not fit the first
// message of a .proto file with several, taken because nothing chose one,
// says so and names the others, where it said only 'does not fit Protobuf
// Customer: unknown field "id"' and left --value-message to be found; a
// message that --value-message or the --json line's value_schema chose
// is not said to be the first.
func TestSchemaProtobufFirstMessage(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	proto := schemaFile(t, "order.proto", "syntax = \"proto3\";\nmessage Customer { string name = 1; }\nmessage Order { string id = 1; }\n")
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: `{"id":"o1"}` + "\n"}, "produce", topic, "--value-schema-file", proto)
	wantRun(t, res, 1, "", `shore: stdin line 1: not delivered: value: does not fit Protobuf Customer: unknown field "id"; Customer is the first of the file's messages (Customer, Order), taken as no --value-message chose one
shore: 1 of 1 record not delivered
`)
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: `{"name":"c"}` + "\n"}, "produce", topic, "--value-schema-file", proto, "--value-message", "Order")
	wantRun(t, res, 1, "", `shore: stdin line 1: not delivered: value: does not fit Protobuf Order: unknown field "name"
shore: 1 of 1 record not delivered
`)
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":{"id":"o1"},"value_schema":{"id":1,"type":"PROTOBUF","message":"Customer"}}` + "\n"}, "produce", topic, "--json", "--value-schema-file", proto)
	wantRun(t, res, 1, "", `shore: stdin line 1: not delivered: value: does not fit Protobuf Customer: unknown field "id"
shore: 1 of 1 record not delivered
`)
}

// TestSchemaKeyFlagChecked: -k's key, every record's, that does not fit
// the key schema is one usage error naming -k, before anything is sent,
// where each record was refused on its own line, 'stdin line 1: not
// delivered: key: ...', as if the line were wrong, however many lines.
func TestSchemaKeyFlagChecked(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	key := schemaFile(t, "key.avsc", `"string"`)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\nc\n"}, "produce", topic, "-k", "u1", "--key-schema-file", key)
	wantRun(t, res, 2, "", `shore: --key u1: key: invalid JSON at byte 0: want a value, got 'u'; its schema takes a JSON string: write the key in double quotes, "u1"
`+seeHelpFor("produce"))
	// With --register, before the schema is registered: a usage error
	// changes nothing.
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n"}, "produce", topic, "-k", "u1", "--key-schema-file", key, "--register")
	wantRun(t, res, 2, "", `shore: --key u1: key: invalid JSON at byte 0: want a value, got 'u'; its schema takes a JSON string: write the key in double quotes, "u1"
`+seeHelpFor("produce"))
	if res := shoretest.Run(t, "registry", "list"); strings.Contains(res.Stdout, topic+"-key") {
		t.Errorf("a usage error registered the key schema:\n%s", res.Stdout)
	}
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n"}, "produce", topic, "-k", `"u1"`, "--key-schema-file", key), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", "%v\n"), 0, "a\n", "")
}

// TestSchemaContextSubject: --value-schema takes a subject qualified by a
// Confluent context, :.CONTEXT:SUBJECT, with or without a version, where
// the subject's own ':' was read as the start of a version (a usage
// error).
func TestSchemaContextSubject(t *testing.T) {
	if testregistry.Real() {
		t.Skip("contexts are Confluent's")
	}
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	subject := ":.staging:" + topic + "-value"
	avsc := schemaFile(t, "n.avsc", `{"type":"record","name":"N","fields":[{"name":"n","type":"long"}]}`)
	registered(t, subject, avsc)
	for _, spec := range []string{subject, subject + ":1", subject + ":latest"} {
		wantRun(t, withRegistry(t, `{"n":1}`+"\n", "produce", topic, "--value-schema", spec), 0, "", "")
	}
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "-f", `%v\n`), 0, strings.Repeat(`{"n":1}`+"\n", 3), "")
}

// TestSchemaRegisterSoftDeleted: produce --register under a subject that
// was soft-deleted says so and what to do, where shore dev's registry
// (srfake) answers "no such subject".
func TestSchemaRegisterSoftDeleted(t *testing.T) {
	if testregistry.Real() {
		t.Skip("only shore dev's registry refuses a soft-deleted subject's new version")
	}
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "user.avsc", userAvsc)
	wantRun(t, withRegistry(t, "", "produce", topic, "--value-schema-file", avsc, "--register"), 0, "", "")
	if _, err := testregistry.Client(t).DeleteSubject(context.Background(), topic+"-value", sr.SoftDelete); err != nil {
		t.Fatal(err)
	}
	wantRun(t, withRegistry(t, `{"id":"u1"}`+"\n", "produce", topic, "--value-schema-file", avsc, "--register"), 1, "",
		fmt.Sprintf("shore: --value-schema-file %s: schema registry %s will not register under subject %q, which is soft-deleted (shore registry list --deleted); delete it for good first: shore registry delete %s --permanent\n", avsc, testregistry.URL(t), topic+"-value", topic+"-value"))
}

// TestSchemaRegisterIncompatible: produce --register of a schema that the
// subject's compatibility level refuses says so in the words registry
// check and registry register use, the level and the registry's reasons
// (without the old schema Confluent's 409 quotes), and sends nothing.
func TestSchemaRegisterIncompatible(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	subject := topic + "-value"
	wantRun(t, withRegistry(t, "", "produce", topic, "--value-schema-file", schemaFile(t, "user.avsc", userAvsc), "--register"), 0, "", "")
	wantRun(t, withRegistry(t, "", "registry", "compat", subject, "--set", "backward"), 0,
		table([]string{"SUBJECT", "LEVEL"}, []string{subject, "BACKWARD"}), "")
	bad := schemaFile(t, "user-bad.avsc", userBad)
	res := withRegistry(t, `{"id":"u1","age":3}`+"\n", "produce", topic, "--value-schema-file", bad, "--register")
	prefix := fmt.Sprintf("shore: --value-schema-file %s is not compatible with subject %q (BACKWARD, against all): ", bad, subject)
	if res.Code != 1 || res.Stdout != "" || !strings.HasPrefix(res.Stderr, prefix) || strings.Count(res.Stderr, "\n") != 1 {
		t.Fatalf("exit %d\nstdout %q\nstderr %q\nwant 1 and one line starting %q", res.Code, res.Stdout, res.Stderr, prefix)
	}
	why := "the new schema cannot read what version 1 wrote: reader field age is missing in writer schema and has no default"
	if !testregistry.Real() {
		wantRun(t, res, 1, "", prefix+why+"\n")
	}
	// registry register and check say the same of the same file
	wantRun(t, withRegistry(t, "", "registry", "register", subject, bad), 1, "", "shore: "+strings.TrimPrefix(res.Stderr, "shore: --value-schema-file "))
	wantRun(t, shoretest.Run(t, "consume", topic, "-e"), 0, "", "")
}

// registryFailing serves the test registry through a proxy that answers a
// request whose path fails takes with status and body, as a registry that
// fails it would, and returns the proxy's URL.
func registryFailing(t *testing.T, fails func(path string) bool, status int, body string) string {
	t.Helper()
	target, err := url.Parse(testregistry.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if fails(req.URL.Path) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
			return
		}
		proxy.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestSchemaJSONSubjectUnknown writes the schema id alone, with one -v
// note, when the registry cannot say which subject an id belongs to (here a
// proxy that refuses GET /schemas/ids/ID/versions, as older registries lack
// it).
func TestSchemaJSONSubjectUnknown(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	srv := registryFailing(t, func(path string) bool {
		return strings.HasSuffix(path, "/versions") && strings.Contains(path, "/schemas/ids/")
	}, http.StatusNotFound, `{"error_code":404,"message":"HTTP 404 Not Found"}`)
	avsc := schemaFile(t, "payment.avsc", paymentAvsc)
	in := `{"id":"p1","amount":12.5,"currency":"EUR","note":null}` + "\n"
	wantRun(t, withRegistry(t, in, "produce", topic, "--value-schema-file", avsc, "--register"), 0, "", "")
	id, err := testregistry.Client(t).SchemaByVersion(context.Background(), topic+"-value", -1)
	if err != nil {
		t.Fatal(err)
	}
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_REGISTRY_URL": srv}}, "consume", topic, "--decode", "value", "--json", "-e", "-v")
	note := fmt.Sprintf("shore: schema id %d is shown without its subject and version: schema registry %s: schema id %d: HTTP 404 Not Found (HTTP 404)\n", id.ID, srv, id.ID)
	if res.Code != 0 || !strings.Contains(res.Stdout, fmt.Sprintf(`"value_schema":{"id":%d,"type":"AVRO"},`, id.ID)) || strings.Count(res.Stderr, "is shown without") != 1 || !strings.Contains(res.Stderr, note) {
		t.Fatalf("exit %d\nstdout %s\nstderr %s\nwant the id alone and the note %s", res.Code, res.Stdout, res.Stderr, note)
	}
}

// TestSchemaUndecodable prints a record that cannot be decoded raw, warns
// about it, counts it and exits 1.
func TestSchemaUndecodable(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "plain text\n"}, "produce", topic), 0, "", "")
	res := withRegistry(t, "", "consume", topic, "--decode", "value", "-e")
	wantRun(t, res, 1, "plain text\n", "shore: warning: "+topic+":0 offset 0: cannot decode value: no schema registry header (magic byte 0 and a 4-byte schema id); written raw\n"+
		"shore: 1 record could not be decoded and was written raw\n")
	// auto leaves what has no header alone.
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "auto", "-e"), 0, "plain text\n", "")
	// A topic of plain text read with --decode: the first ten are named,
	// one line says more follow, and the count covers them all.
	many := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: strings.Repeat("plain\n", 12)}, "produce", many), 0, "", "")
	var warned strings.Builder
	for o := range 10 {
		fmt.Fprintf(&warned, "shore: warning: %s:0 offset %d: cannot decode value: no schema registry header (magic byte 0 and a 4-byte schema id); written raw\n", many, o)
	}
	wantRun(t, withRegistry(t, "", "consume", many, "--decode", "value", "-e"), 1, strings.Repeat("plain\n", 12), warned.String()+
		"shore: warning: more records cannot be decoded: they are written raw too, and counted at the end\n"+
		"shore: 12 records could not be decoded and were written raw\n")
	// a made-up schema id
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"000098968002","value_encoding":"hex"}` + "\n"}, "produce", topic, "--json"), 0, "", "")
	res = withRegistry(t, "", "consume", topic, "--decode", "value", "-o", "1", "-e", "-f", `%v{hex}\n`)
	if res.Code != 1 || !strings.Contains(res.Stderr, "offset 1: cannot decode value: schema registry "+testregistry.URL(t)+" has no schema with id 10000000; written raw\n") {
		t.Errorf("unknown id: exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
}

// TestSchemaRegistryFailsMidRun: a registry that fails when asked for a
// schema id met after the first records ends the run with one line naming
// the record it stopped at; the records before it are written.
func TestSchemaRegistryFailsMidRun(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "n.avsc", `{"type":"record","name":"N","fields":[{"name":"n","type":"long"}]}`)
	wantRun(t, withRegistry(t, `{"n":1}`+"\n"+`{"n":2}`+"\n", "produce", topic, "--value-schema-file", avsc, "--register"), 0, "", "")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"000098968002","value_encoding":"hex"}` + "\n"}, "produce", topic, "--json"), 0, "", "")
	srv := registryFailing(t, func(path string) bool {
		return strings.HasPrefix(path, "/schemas/ids/10000000")
	}, http.StatusInternalServerError, `{"error_code":50001,"message":"Error in the backend datastore"}`)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_REGISTRY_URL": srv}}, "consume", topic, "--decode", "value", "-e"), 1, `{"n":1}`+"\n"+`{"n":2}`+"\n",
		"shore: "+topic+":0 offset 2: schema registry "+srv+": schema id 10000000: Error in the backend datastore (HTTP 500)\n")
	// A group member commits the records it wrote, and goes on from there.
	group := testbroker.Name(t, "group")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_REGISTRY_URL": srv}}, "consume", topic, "--decode", "value", "-e", "-g", group), 1, `{"n":1}`+"\n"+`{"n":2}`+"\n",
		"shore: "+topic+":0 offset 2: schema registry "+srv+": schema id 10000000: Error in the backend datastore (HTTP 500)\n")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-g", group, "-f", "%o\n"), 0, "2\n", "")
}

// TestSchemaInterruptedLookup ends a consume while it waits for a schema:
// the record is neither written raw nor reported as undecodable (as it was
// when a pipeline's reader went away) nor is the registry blamed, and the
// run ends as an interrupted consume does, exit 0.
func TestSchemaInterruptedLookup(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"000000000102","value_encoding":"hex"}` + "\n"}, "produce", topic, "--json"), 0, "", "")
	asked := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		select {
		case asked <- struct{}{}:
		default:
		}
		<-req.Context().Done()
	}))
	t.Cleanup(srv.Close)
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_REGISTRY_URL": srv.URL}, Timeout: 2 * time.Second}, "consume", topic, "--decode", "value", "-e")
	select {
	case <-asked:
	default:
		t.Fatalf("the registry was never asked; exit %d stderr %q", res.Code, res.Stderr)
	}
	wantRun(t, res, 0, "", "")
}

const ordersProto = `syntax = "proto3";
package shop;
message Customer { string name = 1; }
message Order {
  message Line { string sku = 1; int32 qty = 2; }
  string id = 1;
  repeated Line lines = 2;
  int64 cents = 3;
}
`

// TestSchemaProtobuf registers a .proto file, encodes its second message
// (message index 2 2 on the wire, as Confluent's serializers write) and
// decodes it through the registry; the local file decodes raw payloads.
func TestSchemaProtobuf(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "orders.proto", ordersProto)
	in := `{"id":"o1","lines":[{"sku":"a","qty":2}],"cents":"1250"}
{"id":"o2","lines":[{"sku":"b","qty":"many"}]}
`
	res := withRegistry(t, in, "produce", topic, "--value-schema-file", file, "--register", "--value-message", "Order")
	if res.Code != 1 || !strings.HasPrefix(res.Stderr, "shore: stdin line 2: not delivered: value: does not fit Protobuf shop.Order: ") {
		t.Errorf("produce: exit %d stderr %q", res.Code, res.Stderr)
	}
	want := `{"id":"o1","lines":[{"sku":"a","qty":2}],"cents":"1250"}` + "\n"
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e"), 0, want, "")
	res = shoretest.Run(t, "consume", topic, "-e", "-f", `%v{hex}\n`)
	if !strings.HasPrefix(res.Stdout[10:], "0202") {
		t.Errorf("payload %s: want the message index 02 02 after the id", res.Stdout)
	}

	raw := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"id":"o9","cents":"5"}` + "\n"}, "produce", raw, "--value-schema-file", file, "--value-message", "shop.Order"), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", raw, "-e", "--value-schema-file", file, "--value-message", "Order", "-f", `%v\n`), 0, `{"id":"o9","lines":[],"cents":"5"}`+"\n", "")
}

// TestSchemaMessageTypo: a --value-message the .proto file lacks is a
// usage error that names where the message was looked for (the file, or
// the registry's schema by id and subject, never a name of shore's own)
// and the messages there are; with --register, before anything is
// registered. A record whose message index or payload its schema does not
// fit is written raw, named.
func TestSchemaMessageTypo(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "orders.proto", ordersProto)
	wantRun(t, withRegistry(t, "{}\n", "produce", topic, "--value-schema-file", file, "--register", "--value-message", "Ordr"), 2, "",
		"shore: --value-schema-file "+file+": no message \"Ordr\" (it has Customer, Order, Order.Line)\n"+seeHelpFor("produce"))
	if _, err := testregistry.Client(t).SchemaByVersion(context.Background(), topic+"-value", -1); err == nil {
		t.Errorf("subject %s-value was registered for a --value-message that is not in the file", topic)
	}
	res := withRegistry(t, `{"id":"o1"}`+"\n", "produce", topic, "--value-schema-file", file, "--register", "--value-message", "Order", "-m")
	var got struct{ Offset int }
	if res.Code != 0 || json.Unmarshal([]byte(res.Stdout), &got) != nil {
		t.Fatalf("produce: exit %d stdout %q stderr %q", res.Code, res.Stdout, res.Stderr)
	}
	latest, err := testregistry.Client(t).SchemaByVersion(context.Background(), topic+"-value", -1)
	if err != nil {
		t.Fatal(err)
	}
	wantRun(t, withRegistry(t, "{}\n", "produce", topic, "--value-schema", "topic", "--value-message", "shop.Ordr"), 2, "",
		fmt.Sprintf("shore: --value-message shop.Ordr: schema id %d (subject %q, version 1): no message \"shop.Ordr\" (it has Customer, Order, Order.Line)\n", latest.ID, topic+"-value")+seeHelpFor("produce"))

	// A record whose message index (5) is not in its schema is written
	// raw, with the schema named by its id; so is one whose index has a
	// count out of range (-1, 2147483647) or ends early. So is an Order
	// (index 2 2) holding a field it does not define, or a defined field
	// in a wire type its type is not written in (a payload written with
	// another schema than its id's): its JSON would leave the field out,
	// and a copy through it lose it, with exit 0.
	var bad, warned strings.Builder
	for i, c := range []struct{ wire, why string }{
		{"020a", "Protobuf message index [5]: no such message in the schema"},
		{"01", "bad Protobuf message index: its count, -1, is not from 0 to 64"},
		{"feffffff0f", "bad Protobuf message index: its count, 2147483647, is not from 0 to 64"},
		{"0402", "the payload ends within its Protobuf message index"},
		{"", "the payload ends within its Protobuf message index"},
		{"0202" + "0a026f312007", "Protobuf shop.Order: the payload holds field number 4, which shop.Order does not define: its JSON would leave it out"},
		{"0202" + "12030a016112024801", "Protobuf shop.Order: the payload holds field number 9 in lines[1], which shop.Order.Line does not define: its JSON would leave it out"},
		{"0202" + "1a0100", "Protobuf shop.Order: the payload holds field cents (number 3) as a length-delimited value, which its type int64 is not written as"},
	} {
		fmt.Fprintf(&bad, `{"value":"00%08x%s","value_encoding":"hex"}`+"\n", latest.ID, c.wire)
		fmt.Fprintf(&warned, "shore: warning: %s:0 offset %d: cannot decode value: schema id %d: %s; written raw\n", topic, i+1, latest.ID, c.why)
	}
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: bad.String()}, "produce", topic, "--json"), 0, "", "")
	res = withRegistry(t, "", "consume", topic, "--decode", "value", "-o", "1", "-e", "-f", "%o\n")
	wantRun(t, res, 1, "1\n2\n3\n4\n5\n6\n7\n8\n", warned.String()+"shore: 8 records could not be decoded and were written raw\n")

	// A local file's message does not take one either.
	bare := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"0a01611001","value_encoding":"hex"}` + "\n"}, "produce", bare, "--json"), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", bare, "-e", "--value-schema-file", file, "-f", "%o\n"), 1, "0\n",
		"shore: warning: "+bare+":0 offset 0: cannot decode value: Protobuf shop.Customer: the payload holds field number 2, which shop.Customer does not define: its JSON would leave it out; written raw\n"+
			"shore: 1 record could not be decoded and was written raw\n")
}

// TestSchemaRegisterNoneOnUsageError: produce --register with a good key
// schema file and a value schema file that does not compile is a usage
// error that registers neither: both files are checked before the first
// is registered.
func TestSchemaRegisterNoneOnUsageError(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	key := schemaFile(t, "key.avsc", `"string"`)
	typo := schemaFile(t, "typo.avsc", `{"type":"record","name":"P","fields":[{"name":"n","type":"lng"}]}`)
	wantRun(t, withRegistry(t, `"k":{"n":1}`+"\n", "produce", topic, "-K:", "--key-schema-file", key, "--value-schema-file", typo, "--register"), 2, "",
		"shore: --value-schema-file "+typo+`: Avro schema: unknown type "lng" (did you mean "long"?): not an Avro type, nor a named type defined before its use`+"\n"+seeHelpFor("produce"))
	if _, err := testregistry.Client(t).SchemaByVersion(context.Background(), topic+"-key", -1); err == nil {
		t.Errorf("subject %s-key was registered by a produce that ended in a usage error", topic)
	}
}

// extensionProto is a proto2 message with an extension field.
const extensionProto = `syntax = "proto2";
package legacy;
message Rec {
  required string id = 1;
  optional int32 n = 2;
  extensions 100 to 200;
}
extend Rec { optional string note = 100; }
`

// TestSchemaProtobufExtension decodes a proto2 extension field that a
// payload holds, as confluent-kafka's deserializer does, where it was left
// out of the JSON, and encodes it in field-number order.
func TestSchemaProtobufExtension(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "legacy.proto", extensionProto)
	in := `{"id":"c","n":3,"[legacy.note]":"e"}` + "\n"
	wantRun(t, withRegistry(t, in, "produce", topic, "--value-schema-file", file, "--register"), 0, "", "")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e"), 0, in, "")
	// The extension is sent in field-number order, after id and n, as
	// protoc's runtimes write it (confluent-kafka's: 0a0163 1003 a2060165),
	// so a copy comes back byte for byte.
	res := shoretest.Run(t, "consume", topic, "-e", "-f", `%v{hex}\n`)
	if want := "00" + "0a0163" + "1003" + "a2060165\n"; res.Code != 0 || len(res.Stdout) != 10+len(want) || res.Stdout[10:] != want {
		t.Errorf("payload %q (exit %d); want the header, then %q", res.Stdout, res.Code, want)
	}
}

// groupProto is a proto2 message with group fields.
const groupProto = `syntax = "proto2";
package legacy;
message Rec {
  optional group Head = 1 { optional string id = 2; }
  repeated group Item = 3 { optional int32 q = 4; }
}
`

// TestSchemaProtobufGroup shows a proto2 group field by its field name
// (head), as confluent-kafka's and Java's JSON show it, not by its type's
// (Head); produce takes either.
func TestSchemaProtobufGroup(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "legacy.proto", groupProto)
	in := `{"head":{"id":"a"},"item":[{"q":1},{"q":2}]}` + "\n" + `{"Head":{"id":"b"},"Item":[{"q":3}]}` + "\n"
	wantRun(t, withRegistry(t, in, "produce", topic, "--value-schema-file", file, "--register"), 0, "", "")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e"), 0,
		`{"head":{"id":"a"},"item":[{"q":1},{"q":2}]}`+"\n"+`{"head":{"id":"b"},"item":[{"q":3}]}`+"\n", "")
}

// TestSchemaJSONSchema validates before sending and embeds decoded values.
func TestSchemaJSONSchema(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "reading.json", `{"type":"object","properties":{"celsius":{"type":"number"}},"required":["celsius"]}`)
	// A key given twice would be validated by its last value only, and
	// read by its first by some readers: it is refused.
	res := withRegistry(t, "{\"celsius\": 21.5}\n{\"celsius\":\"warm\"}\n{\"celsius\":\"hot\",\"celsius\":2}\n{\"celsius\":1,\"at\":{\"x\":1,\"x\":2}}\n", "produce", topic, "--value-schema-file", file, "--register")
	wantRun(t, res, 1, "", "shore: stdin line 2: not delivered: value: does not fit the JSON schema: at /celsius: got string, want number\n"+
		"shore: stdin line 3: not delivered: value: key /celsius appears twice\n"+
		"shore: stdin line 4: not delivered: value: key /at/x appears twice\n"+
		"shore: 3 of 4 records not delivered\n")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "auto", "-e", "-f", `%v\n`), 0, `{"celsius":21.5}`+"\n", "")

	// A writer that does not validate: the same schema id before a payload
	// that does not fit it. consume validates as produce does, and writes
	// the record raw with a warning.
	latest, err := testregistry.Client(t).SchemaByVersion(context.Background(), topic+"-value", -1)
	if err != nil {
		t.Fatal(err)
	}
	bad := fmt.Sprintf("\x00%s{\"celsius\":\"warm\"}", string([]byte{byte(latest.ID >> 24), byte(latest.ID >> 16), byte(latest.ID >> 8), byte(latest.ID)}))
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: fmt.Sprintf(`{"value":"%x","value_encoding":"hex"}`+"\n", bad)}, "produce", topic, "--json"), 0, "", "")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "-f", `%v\n`), 1, `{"celsius":21.5}`+"\n"+bad+"\n",
		fmt.Sprintf("shore: warning: %s:0 offset 1: cannot decode value: schema id %d: does not fit the JSON schema: at /celsius: got string, want number; written raw\n", topic, latest.ID)+
			"shore: 1 record could not be decoded and was written raw\n")

	// A local schema file validates bare payloads alike.
	plain := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "{\"celsius\":3}\n{\"celsius\":null}\n"}, "produce", plain), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", plain, "--value-schema-file", file, "-e"), 1, "{\"celsius\":3}\n{\"celsius\":null}\n",
		"shore: warning: "+plain+":0 offset 1: cannot decode value: does not fit the JSON schema: at /celsius: got null, want number; written raw\n"+
			"shore: 1 record could not be decoded and was written raw\n")
}

// TestSchemaEmbedJSON embeds values that are JSON already, no registry
// needed, and warns about one that is not.
func TestSchemaEmbedJSON(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "{\"a\": [1, 2]}\nnot json\n"}, "produce", topic), 0, "", "")
	res := shoretest.Run(t, "consume", topic, "-e", "--json", "--value-encoding", "json")
	lines := strings.Split(res.Stdout, "\n")
	if res.Code != 1 || len(lines) != 3 || !strings.Contains(lines[0], `"value":{"a":[1,2]},"value_encoding":"json","headers"`) || !strings.Contains(lines[1], `"value":"not json","headers"`) {
		t.Errorf("exit %d stdout %s", res.Code, res.Stdout)
	}
	if !strings.Contains(res.Stderr, "offset 1: cannot decode value: not JSON: invalid character 'o' in literal null (expecting 'u'); written raw\n") {
		t.Errorf("stderr %q", res.Stderr)
	}

	// Half a surrogate pair escaped, as Python's json.dumps writes a
	// byte that surrogateescape decoded: jq refuses a first half alone,
	// so such a value is written as text, which copies it back as it is.
	halves := testbroker.Topic(t, 1, nil)
	var in strings.Builder
	for _, v := range []string{`"\ud800"`, `["\udc00"]`, `"\ud83d\ude00"`} {
		fmt.Fprintf(&in, `{"value":%q,"timestamp":1763856000000}`+"\n", v)
	}
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: in.String()}, "produce", halves, "--json"), 0, "", "")
	line := `{"topic":"` + halves + `","partition":0,"offset":%d,"timestamp":1763856000000,"timestamp_type":"create","key":null,"value":%s,"headers":[],"leader_epoch":0}` + "\n"
	res = shoretest.Run(t, "consume", halves, "-e", "--json", "--value-encoding", "json")
	wantRun(t, res, 1, fmt.Sprintf(line, 0, `"\"\\ud800\""`)+fmt.Sprintf(line, 1, `"[\"\\udc00\"]"`)+fmt.Sprintf(line, 2, `"\ud83d\ude00","value_encoding":"json"`),
		"shore: warning: "+halves+":0 offset 0: cannot decode value: not JSON in UTF-8: \\ud800 at byte 1 is half of a UTF-16 surrogate pair, which jq refuses or reads as U+FFFD; written raw\n"+
			"shore: warning: "+halves+":0 offset 1: cannot decode value: not JSON in UTF-8: \\udc00 at byte 2 is half of a UTF-16 surrogate pair, which jq refuses or reads as U+FFFD; written raw\n"+
			"shore: 2 records could not be decoded and were written raw\n")
	wantJQ(t, res.Stdout, `"\"\\ud800\""`+"\n"+`"[\"\\udc00\"]"`+"\n"+`"😀"`+"\n", "-c", ".value")
	// A layout prints the decoded text as it is: jq does not read it.
	anything := schemaFile(t, "any.json", `{}`)
	wantRun(t, shoretest.Run(t, "consume", halves, "-e", "--value-schema-file", anything), 0, `"\ud800"`+"\n"+`["\udc00"]`+"\n"+`"\ud83d\ude00"`+"\n", "")

	// jq 1.6 reads a line 256 deep, an object counting 2: values that
	// would nest the line deeper are written raw.
	deep := testbroker.Topic(t, 1, nil)
	objects := func(n int) string { return strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n) }
	arrays := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: objects(127) + "\n" + objects(128) + "\n" + arrays(254) + "\n" + arrays(255) + "\n"}, "produce", deep), 0, "", "")
	res = shoretest.Run(t, "consume", deep, "-e", "--json", "--value-encoding", "json")
	if want := "shore: warning: " + deep + ":0 offset 1: cannot decode value: its JSON nests 256 deep as jq counts (an object 2, an array 1): jq 1.6 reads at most 254 inside a --json line; written raw\n"; res.Code != 1 || !strings.HasPrefix(res.Stderr, want) {
		t.Errorf("exit %d stderr %s\nwant %s", res.Code, res.Stderr, want)
	}
	wantJQ(t, res.Stdout, "[0,\"json\"]\n[1,null]\n[2,\"json\"]\n[3,null]\n", "-c", "[.offset, .value_encoding]")

	// A value of the JSON text null is embedded as null, with
	// value_encoding json, and copied back as that text, not as a null
	// value (a tombstone).
	nulls, copied := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 1, nil)
	produceTo(t, &kgo.Record{Topic: nulls, Key: []byte("k"), Value: []byte("null")}, &kgo.Record{Topic: nulls, Key: []byte("k")})
	res = shoretest.Run(t, "consume", nulls, "-e", "--json", "--value-encoding", "json")
	wantJQ(t, res.Stdout, "[null,\"json\"]\n[null,null]\n", "-c", "[.value, .value_encoding]")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: res.Stdout}, "produce", copied, "--json"), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", copied, "-e", "-f", `%k %V %v\n`), 0, "k 4 null\nk -1 \n", "")
}

// TestSchemaRegistryErrors: an unreachable registry ends consume with one
// line, not a warning per record; an unknown subject ends produce before
// anything is sent.
func TestSchemaRegistryErrors(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"0000000001","value_encoding":"hex"}` + "\n" + `{"value":"0000000001","value_encoding":"hex"}` + "\n"}, "produce", topic, "--json"), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "--decode", "value", "-e", "--registry", "http://127.0.0.1:1"), 1, "",
		"shore: "+topic+":0 offset 0: cannot reach schema registry http://127.0.0.1:1: connection refused\n")
	console := webConsole(t)
	wantRun(t, shoretest.Run(t, "consume", topic, "--decode", "value", "-e", "--registry", console), 1, "",
		"shore: "+topic+":0 offset 0: "+console+" does not answer as a schema registry (HTTP 200 for GET /schemas/ids/1, an answer that is not a registry's JSON)\n")
	wantRun(t, shoretest.Run(t, "produce", topic, "--value-schema", "topic", "--registry", console), 1, "",
		"shore: "+console+" does not answer as a schema registry (HTTP 200 for GET /subjects/"+topic+"-value/versions/latest, an answer that is not a registry's JSON)\n")
	wantRun(t, withRegistry(t, "{}\n", "produce", topic, "--value-schema", "topic"), 1, "",
		"shore: schema registry "+testregistry.URL(t)+" has no subject \""+topic+"-value\"; register a schema under it with 'shore registry register "+topic+"-value FILE', or add --value-schema-file FILE --register\n")
	wantRun(t, withRegistry(t, "k\tv\n", "produce", topic, "-K", "\t", "--key-schema", "topic"), 1, "",
		"shore: schema registry "+testregistry.URL(t)+" has no subject \""+topic+"-key\"; register a schema under it with 'shore registry register "+topic+"-key FILE', or add --key-schema-file FILE --register\n")
	subject := testbroker.Name(t, "subject")
	wantRun(t, withRegistry(t, "{}\n", "produce", topic, "--value-schema", subject+":latest"), 1, "",
		"shore: schema registry "+testregistry.URL(t)+" has no subject \""+subject+"\"; register a schema under it with 'shore registry register "+subject+" FILE', or add --value-schema-file FILE --register\n")

	// The hint works as written: the file is registered under the
	// subject, and the record sent.
	avsc := schemaFile(t, "n.avsc", `{"type":"record","name":"N","fields":[{"name":"n","type":"long"}]}`)
	wantRun(t, withRegistry(t, `{"n":1}`+"\n", "produce", topic, "--value-schema", subject+":latest", "--value-schema-file", avsc, "--register"), 0, "", "")
	// A version the subject lacks is not the subject missing: no hint.
	wantRun(t, withRegistry(t, "{}\n", "produce", topic, "--value-schema", subject+":9"), 1, "",
		"shore: schema registry "+testregistry.URL(t)+" has no version 9 of subject \""+subject+"\"\n")
	// A soft-deleted subject is said to be one, not to be missing, with a
	// hint that works: registering under it is what shore dev refuses.
	if res := withRegistry(t, "", "registry", "delete", subject, "--yes"); res.Code != 0 {
		t.Fatalf("registry delete: exit %d: %s", res.Code, res.Stderr)
	}
	wantRun(t, withRegistry(t, "{}\n", "produce", topic, "--value-schema", subject), 1, "",
		"shore: schema registry "+testregistry.URL(t)+": subject \""+subject+"\" is soft-deleted (shore registry list "+subject+" --deleted shows its versions and ids); produce with the id of one (--value-schema id:N), which the registry still serves, or register a schema under it again\n")
}

// TestSchemaKeysAndProtobufCopy encodes keys and values, decodes both, and
// copies the decoded records through the registry to a second topic: the
// Protobuf payloads, message index included, are the same bytes.
func TestSchemaKeysAndProtobufCopy(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	proto := schemaFile(t, "orders.proto", ordersProto)
	// Apicurio takes a JSON schema that is not an object's only with $schema.
	key := schemaFile(t, "key.json", `{"$schema":"http://json-schema.org/draft-07/schema#","type":"string","maxLength":8}`)
	in := `{"key":"o1","value":{"id":"o1","lines":[{"sku":"a","qty":2}],"cents":"-3"}}
{"key":"far-too-long","value":{"id":"o2"}}
{"key":"o3","value":{"id":"o3"}}
`
	res := withRegistry(t, in, "produce", topic, "--json", "--register", "--value-schema-file", proto, "--value-message", "Order", "--key-schema-file", key)
	wantRun(t, res, 1, "", "shore: stdin line 2: not delivered: key: does not fit the JSON schema: at /: maxLength: got 12, want 8 or fewer\nshore: 1 of 3 records not delivered\n")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "key,value", "-e", "-f", `%k %v\n`), 0,
		`"o1" {"id":"o1","lines":[{"sku":"a","qty":2}],"cents":"-3"}`+"\n"+`"o3" {"id":"o3","lines":[],"cents":"0"}`+"\n", "")

	decoded := withRegistry(t, "", "consume", topic, "--decode", "key,value", "-e", "--json")
	if decoded.Code != 0 || !strings.Contains(decoded.Stdout, `"key":"o1","key_encoding":"json","key_schema":{"id":`) {
		t.Fatalf("consume --json: exit %d stdout %s stderr %s", decoded.Code, decoded.Stdout, decoded.Stderr)
	}
	copyTopic := testbroker.Topic(t, 1, nil)
	wantRun(t, withRegistry(t, "", "produce", copyTopic, "--json", "--register", "--value-schema-file", proto, "--key-schema-file", key), 0, "", "")
	wantRun(t, withRegistry(t, decoded.Stdout, "produce", copyTopic, "--json", "--value-schema", "topic", "--value-message", "Order", "--key-schema", "topic"), 0, "", "")
	payloads := func(topic string) string {
		res := shoretest.Run(t, "consume", topic, "-e", "-f", `%k{hex} %v{hex}\n`)
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(res.Stdout), "\n") {
			k, v, _ := strings.Cut(l, " ")
			out = append(out, k[10:]+" "+v[10:])
		}
		return strings.Join(out, "\n")
	}
	if a, b := payloads(topic), payloads(copyTopic); a != b {
		t.Errorf("payloads differ after the round trip:\n%s\n%s", a, b)
	}
}

// TestSchemaProtoImports finds a local .proto file's imports with -I, and
// registers a file with imports as Confluent's serializers do: each
// imported file (recursively, but the well-known types) under a subject
// named by its import path, the file with references to them.
func TestSchemaProtoImports(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	dir := t.TempDir()
	// import paths of this test's own, so that their subjects are too
	pkg := topic
	if err := os.Mkdir(filepath.Join(dir, pkg), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, pkg, "money.proto"), "syntax = \"proto3\";\npackage shop;\nmessage Money { int64 units = 1; string currency = 2; }\n")
	writeFile(t, filepath.Join(dir, pkg, "party.proto"), "syntax = \"proto3\";\npackage shop;\nimport \""+pkg+"/money.proto\";\nmessage Party { string name = 1; Money credit = 2; }\n")
	invoice := schemaFile(t, "invoice.proto", "syntax = \"proto3\";\npackage shop;\nimport \""+pkg+"/money.proto\";\nimport \""+pkg+"/party.proto\";\nimport \"google/protobuf/timestamp.proto\";\n"+
		"message Invoice { Money total = 1; Party buyer = 2; google.protobuf.Timestamp due = 3; }\n")
	in := `{"total":{"units":"12","currency":"EUR"},"buyer":{"name":"Kari","credit":{"units":"3","currency":"NOK"}},"due":"2026-12-03T12:00:00Z"}` + "\n"
	want := `{"total":{"units":"12","currency":"EUR"},"buyer":{"name":"Kari","credit":{"units":"3","currency":"NOK"}},"due":"2026-12-03T12:00:00Z"}` + "\n"
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic, "--value-schema-file", invoice, "-I", dir), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--value-schema-file", invoice, "-I", dir), 0, want, "")

	registered := testbroker.Topic(t, 1, nil)
	for range 2 { // registering again finds the same versions
		wantRun(t, withRegistry(t, in, "produce", registered, "--value-schema-file", invoice, "-I", dir, "--register"), 0, "", "")
	}
	wantRun(t, withRegistry(t, "", "consume", registered, "--decode", "value", "-e"), 0, want+want, "")
	cl := testregistry.Client(t)
	for subject, refs := range map[string][]sr.SchemaReference{
		registered + "-value": {{Name: pkg + "/money.proto", Subject: pkg + "/money.proto", Version: 1}, {Name: pkg + "/party.proto", Subject: pkg + "/party.proto", Version: 1}},
		pkg + "/party.proto":  {{Name: pkg + "/money.proto", Subject: pkg + "/money.proto", Version: 1}},
		pkg + "/money.proto":  nil,
	} {
		got, err := cl.SchemaByVersion(context.Background(), subject, -1)
		if err != nil || got.Version != 1 || fmt.Sprint(got.References) != fmt.Sprint(refs) {
			t.Errorf("subject %s: version %d, references %+v, %v; want version 1, references %+v", subject, got.Version, got.References, err, refs)
		}
	}
}

// TestSchemaAvroDefaults sends a record that leaves out fields whose
// defaults hamba's own encoder does not take: a union's record or enum, a
// record holding a null, a map of nulls (written sorted by key).
func TestSchemaAvroDefaults(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "defaults.avsc", `{"type":"record","name":"R","fields":[{"name":"v","type":"int"},
  {"name":"u","type":[{"type":"record","name":"Q","fields":[{"name":"a","type":"int"}]},"null"],"default":{"a":4}},
  {"name":"e","type":[{"type":"enum","name":"E","symbols":["X","Y"]},"null"],"default":"Y"},
  {"name":"r","type":{"type":"record","name":"RR","fields":[{"name":"o","type":["null","int"]}]},"default":{"o":null}},
  {"name":"m","type":{"type":"map","values":["null","string"]},"default":{"b":null,"a":null}}]}`)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"v":1}` + "\n"}, "produce", topic, "--value-schema-file", file), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%v{hex}\n`), 0, "0200080002000402610002620000\n", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--value-schema-file", file), 0, `{"v":1,"u":{"Q":{"a":4}},"e":{"E":"Y"},"r":{"o":null},"m":{"a":null,"b":null}}`+"\n", "")
}

// TestSchemaAvroUUID refuses a string of logical type uuid that is not a
// UUID in its 8-4-4-4-12 form, naming its line and field, and does not send
// such a default: Java's and Python's Avro readers, which turn it into a
// UUID, fail on the record.
func TestSchemaAvroUUID(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "ids.avsc", `{"type":"record","name":"Ids","fields":[{"name":"id","type":{"type":"string","logicalType":"uuid"}},
  {"name":"parent","type":["null",{"type":"string","logicalType":"uuid"}],"default":null}]}`)
	in := `{"id":"123e4567-e89b-12d3-a456-426614174000","parent":{"string":"123E4567-E89B-12D3-A456-426614174000"}}
{"id":"order-1"}
{"id":"123e4567-e89b-12d3-a456-426614174000","parent":{"string":"123e4567e89b12d3a456426614174000"}}
`
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic, "--value-schema-file", file), 1, "",
		`shore: stdin line 2: not delivered: value: field id: "order-1" is not a UUID (logical type uuid: 8-4-4-4-12 hex digits, as in "123e4567-e89b-12d3-a456-426614174000")`+"\n"+
			`shore: stdin line 3: not delivered: value: field parent: "123e4567e89b12d3a456426614174000" is not a UUID (logical type uuid: 8-4-4-4-12 hex digits, as in "123e4567-e89b-12d3-a456-426614174000")`+"\n"+
			"shore: 2 of 3 records not delivered\n")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--value-schema-file", file), 0,
		`{"id":"123e4567-e89b-12d3-a456-426614174000","parent":{"string":"123E4567-E89B-12D3-A456-426614174000"}}`+"\n", "")
	// A default that is no UUID is not sent: its field is required.
	defaults := schemaFile(t, "defaults.avsc", `{"type":"record","name":"D","fields":[{"name":"trace","type":{"type":"string","logicalType":"uuid"},"default":"none"},
  {"name":"span","type":{"type":"string","logicalType":"uuid"},"default":"00000000-0000-0000-0000-000000000000"}]}`)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "{}\n"}, "produce", topic, "--value-schema-file", defaults), 1, "",
		"shore: stdin line 1: not delivered: value: missing field trace\nshore: 1 of 1 record not delivered\n")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"trace":"123e4567-e89b-12d3-a456-426614174000"}` + "\n"}, "produce", topic, "--value-schema-file", defaults), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-o", "1", "-e", "--value-schema-file", defaults), 0,
		`{"trace":"123e4567-e89b-12d3-a456-426614174000","span":"00000000-0000-0000-0000-000000000000"}`+"\n", "")
}

// TestSchemaAvroDecimalNumbers sends a JSON number for an Avro decimal as
// the decimal: the two's-complement bytes of its unscaled value, the fewest
// (bytes) or sign-extended (fixed), as Java's BigDecimal conversion and
// fastavro write them, where a number was refused ('want a string of
// bytes'), which led to writing "12.34", sent as the bytes of that text (a
// reader's 2112..., silently). Avro's JSON form, a string of bytes, is
// still read as such; a number with more places than the scale or digits
// than the precision is refused, not rounded.
func TestSchemaAvroDecimalNumbers(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "prices.avsc", `{"type":"record","name":"Price","fields":[
  {"name":"p","type":{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}},
  {"name":"f","type":["null",{"type":"fixed","name":"F","size":3,"logicalType":"decimal","precision":6,"scale":1}],"default":null}]}`)
	in := `{"p":12.34,"f":{"F":-1.5}}
{"p":-0.01,"f":{"F":12345.6}}
{"p":1.275e2}
{"p":0}
{"p":"\u0004\u00d2"}
{"p":1.234}
{"p":1234.5}
{"p":1,"f":{"F":-99999.9}}
{"p":1e-99999999}
`
	wantRun(t, withRegistry(t, in, "produce", topic, "--value-schema-file", file, "--register"), 1, "",
		"shore: stdin line 6: not delivered: value: field p: 1.234 has more decimal places than decimal(5,2)'s scale, 2\n"+
			"shore: stdin line 7: not delivered: value: field p: 1234.5 has 6 digits, more than decimal(5,2)'s precision, 5\n"+
			"shore: stdin line 9: not delivered: value: field p: 1e-99999999 is far beyond decimal(5,2)\n"+
			"shore: 3 of 9 records not delivered\n")
	res := shoretest.Run(t, "consume", topic, "-e", "-f", `%v{hex}\n`)
	var payloads []string
	for _, line := range strings.Split(strings.TrimSuffix(res.Stdout, "\n"), "\n") {
		payloads = append(payloads, line[10:]) // after the magic byte and schema id
	}
	want := []string{"04" + "04d2" + "02" + "fffff1", "02" + "ff" + "02" + "01e240", "04" + "31ce" + "00", "02" + "00" + "00", "04" + "04d2" + "00", "02" + "64" + "02" + "f0bdc1"}
	if res.Code != 0 || !slices.Equal(payloads, want) {
		t.Errorf("payloads: exit %d\n%s\nwant %q", res.Code, res.Stdout, want)
	}
	wantRun(t, withRegistry(t, "", "consume", topic, "-e", "--decode", "value", "-n", "1"), 0, `{"p":"\u0004\u00d2","f":{"F":"\u00ff\u00ff\u00f1"}}`+"\n", "")
}

// TestSchemaAvroLongDefaults sends a left-out long's default as its
// digits, not as the float64 hamba reads it as (9007199254740993 would be
// sent as ...992): as a field's, a union's, within a record's and an
// array's default. An int default that is no whole int (hamba takes 1.5
// for 1) leaves its field required.
func TestSchemaAvroLongDefaults(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "longs.avsc", `{"type":"record","name":"L","fields":[{"name":"v","type":"int"},
  {"name":"l","type":"long","default":9007199254740993},
  {"name":"u","type":["long","null"],"default":-9007199254740993},
  {"name":"r","type":{"type":"record","name":"In","fields":[{"name":"x","type":"long","default":9223372036854775807},{"name":"i","type":"int","default":-2147483648}]},"default":{"i":7}},
  {"name":"a","type":{"type":"array","items":"long"},"default":[9007199254740995]},
  {"name":"h","type":"int","default":1.5}]}`)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"v":1}` + "\n" + `{"v":2,"h":3}` + "\n"}, "produce", topic, "--value-schema-file", file), 1, "",
		"shore: stdin line 1: not delivered: value: missing field h\nshore: 1 of 2 records not delivered\n")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--value-schema-file", file), 0,
		`{"v":2,"l":9007199254740993,"u":{"long":-9007199254740993},"r":{"x":9223372036854775807,"i":7},"a":[9007199254740995],"h":3}`+"\n", "")
}

// TestSchemaNaN sends "NaN" as the NaN Java and Python write (Go's
// math.NaN differs in its lowest bit), so a decoded copy is byte for byte:
// Avro's float and double, and a Protobuf double wherever it is (a field, a
// list, a map, a nested message).
func TestSchemaNaN(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ file, schema, in, hex string }{
		{"nan.avsc", `{"type":"record","name":"N","fields":[{"name":"f","type":"float"},{"name":"d","type":"double"}]}`,
			`{"f":"NaN","d":"NaN"}`, "0000c07f000000000000f87f"},
		{"nan.proto", "syntax = \"proto3\";\nmessage N { double d = 1; repeated double r = 2; map<string, double> m = 3; N n = 4; }\n",
			`{"d":"NaN","r":["NaN"],"m":{"k":"NaN"},"n":{"d":"NaN"}}`, "09000000000000f87f1208000000000000f87f1a0c0a016b11000000000000f87f220909000000000000f87f"},
	} {
		topic := testbroker.Topic(t, 1, nil)
		wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: c.in + "\n"}, "produce", topic, "--value-schema-file", schemaFile(t, c.file, c.schema)), 0, "", "")
		wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%v{hex}\n`), 0, c.hex+"\n", "")
	}
}

// TestSchemaNegativeZero prints a float or double of negative zero as
// -0.0, as Java and Python print it, where -0 was read by Python's json and
// Jackson as the integer 0, losing the sign: Avro's float and double, a
// union's, and a Protobuf float or double wherever it is (a field, a list,
// a map, a google.protobuf.Value); and -0.0 is sent back as negative zero.
func TestSchemaNegativeZero(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ file, schema, in, out, hex string }{
		{"z.avsc", `{"type":"record","name":"Z","fields":[{"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"u","type":["null","double"]},{"name":"s","type":"string"}]}`,
			`{"f":-0,"d":-0.0,"u":{"double":-0e0},"s":"-0"}`, `{"f":-0.0,"d":-0.0,"u":{"double":-0.0},"s":"-0"}`, "00000080" + "0000000000000080" + "02" + "0000000000000080" + "04" + "2d30"},
		{"z.proto", "syntax = \"proto3\";\nimport \"google/protobuf/struct.proto\";\nmessage Z { float f = 1; repeated double r = 2; map<string, double> m = 3; google.protobuf.Value v = 4; string s = 5; }\n",
			`{"f":-0,"r":[-0.0,-0.5],"m":{"-0":-0},"v":-0,"s":"\"-0"}`, `{"f":-0.0,"r":[-0.0,-0.5],"m":{"-0":-0.0},"v":-0.0,"s":"\"-0"}`,
			"0d00000080" + "1210" + "0000000000000080" + "000000000000e0bf" + "1a0d0a022d30110000000000000080" + "2209110000000000000080" + "2a03222d30"},
	} {
		topic := testbroker.Topic(t, 1, nil)
		file := schemaFile(t, c.file, c.schema)
		wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: c.in + "\n" + c.out + "\n"}, "produce", topic, "--value-schema-file", file), 0, "", "")
		wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--value-schema-file", file), 0, c.out+"\n"+c.out+"\n", "")
		wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-f", `%v{hex}\n`), 0, c.hex+"\n"+c.hex+"\n", "")
	}
}

// TestSchemaProtobufAnyOfImport sends and reads a google.protobuf.Any
// holding a message of an imported file, not only of the file itself.
func TestSchemaProtobufAnyOfImport(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	dir := writeFiles(t, map[string]string{
		"money.proto": "syntax = \"proto3\";\npackage m;\nmessage Money { int64 units = 1; }\n",
		"w.proto":     "syntax = \"proto3\";\nimport \"google/protobuf/any.proto\";\nimport \"money.proto\";\nmessage W { google.protobuf.Any a = 1; }\n",
	})
	in := `{"a":{"@type":"type.googleapis.com/m.Money","units":"5"}}` + "\n"
	file := filepath.Join(dir, "w.proto")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic, "--value-schema-file", file, "-I", dir), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--value-schema-file", file, "-I", dir), 0, in, "")
}

// TestSchemaProtobufAnyWellKnown sends and reads a google.protobuf.Any
// holding a well-known type that the file does not import, as protoc's
// runtimes resolve them: the payloads are the ones Python's protobuf
// writes, and such payloads written raw decode.
func TestSchemaProtobufAnyWellKnown(t *testing.T) {
	t.Parallel()
	file := schemaFile(t, "w.proto", "syntax = \"proto3\";\nimport \"google/protobuf/any.proto\";\nmessage W { google.protobuf.Any a = 1; }\n")
	in := `{"a":{"@type":"type.googleapis.com/google.protobuf.Int32Value","value":5}}` + "\n" +
		`{"a":{"@type":"type.googleapis.com/google.protobuf.Struct","value":{"k":[1,"x",null]}}}` + "\n"
	payloads := "0a340a2e747970652e676f6f676c65617069732e636f6d2f676f6f676c652e70726f746f6275662e496e74333256616c756512020805\n" +
		"0a4b0a2a747970652e676f6f676c65617069732e636f6d2f676f6f676c652e70726f746f6275662e537472756374121d0a1b0a016b121632140a0911000000000000f03f0a031a01780a020800\n"
	sent := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", sent, "--value-schema-file", file), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", sent, "-e", "-f", `%v{hex}\n`), 0, payloads, "")
	raw := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: payloads}, "produce", raw, "-f", `%v{hex}\n`), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", raw, "-e", "--value-schema-file", file), 0, in, "")
	// An Any of a type nobody defines is named, in protobuf's words
	// without their "proto: " prefix.
	unknown := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "0a1f0a1b747970652e676f6f676c65617069732e636f6d2f666f6f2e4261721200\n"}, "produce", unknown, "-f", `%v{hex}\n`), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", unknown, "-e", "--value-schema-file", file, "-f", "%o\n"), 1, "0\n",
		"shore: warning: "+unknown+`:0 offset 0: cannot decode value: Protobuf W: google.protobuf.Any: unable to resolve "type.googleapis.com/foo.Bar": not found; written raw`+"\n"+
			"shore: 1 record could not be decoded and was written raw\n")
}

// TestSchemaAvroUnionNames picks a union's branch by its full name, as
// consume prints it, though another branch's name ends the same (b.X is
// not a.b.X); a short name that fits several is refused.
func TestSchemaAvroUnionNames(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "union.avsc", `{"type":"record","name":"O","fields":[{"name":"u","type":[
  {"type":"record","name":"X","namespace":"a.b","fields":[{"name":"p","type":"int"}]},
  {"type":"record","name":"X","namespace":"b","fields":[{"name":"q","type":"string"}]}]}]}`)
	in := `{"u":{"b.X":{"q":"s"}}}` + "\n" + `{"u":{"a.b.X":{"p":1}}}` + "\n" + `{"u":{"X":{"p":2}}}` + "\n"
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic, "--value-schema-file", file), 1, "",
		"shore: stdin line 3: not delivered: value: field u: \"X\" names several of the union's types (a.b.X, b.X): give the full name\nshore: 1 of 3 records not delivered\n")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--value-schema-file", file), 0, `{"u":{"b.X":{"q":"s"}}}`+"\n"+`{"u":{"a.b.X":{"p":1}}}`+"\n", "")
}

// TestSchemaAvroNullNamespace names a type defined with "namespace": ""
// inside a namespaced record, and the types it encloses, in the null
// namespace, as the Avro specification does and Java's JSON encoder prints
// them (Address and Deep, not shop.Address and shop.Deep): Java's
// Schema.toString writes "namespace": "" for a type without a namespace
// within one that has. The payload is Java's (02020204020600).
func TestSchemaAvroNullNamespace(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "order.avsc", `{"type":"record","name":"Order","namespace":"shop","fields":[
  {"name":"a","type":["null",{"type":"record","name":"Address","namespace":"","fields":[{"name":"x","type":"int"},
    {"name":"in","type":["null",{"type":"record","name":"Deep","fields":[{"name":"z","type":"int"}]}]}]}]},
  {"name":"b","type":["null","Address"]}]}`)
	in := `{"a":{"Address":{"x":1,"in":{"Deep":{"z":2}}}},"b":{"Address":{"x":3,"in":null}}}` + "\n"
	wantRun(t, withRegistry(t, in+`{"a":{"shop.Address":{"x":1,"in":null}},"b":null}`+"\n", "produce", topic, "--value-schema-file", file, "--register"), 1, "",
		"shore: stdin line 2: not delivered: value: field a: \"shop.Address\" is not one of the union's types (null, Address)\nshore: 1 of 2 records not delivered\n")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e"), 0, in, "")
	res := shoretest.Run(t, "consume", topic, "-e", "-f", `%v{hex}\n`)
	if want := "02020204020600\n"; res.Code != 0 || len(res.Stdout) != 10+len(want) || res.Stdout[10:] != want {
		t.Errorf("payload %q (exit %d); want the header, then %q", res.Stdout, res.Code, want)
	}
}

// TestSchemaAvroBadDefaults decodes records of a registered Avro schema
// whose defaults are not of their fields' types, which Confluent's registry
// accepts unless told to validate defaults (shore dev's refuses it, as one
// that does): each is named in a warning and left out, a default playing no
// part in decoding; produce refuses a document that leaves such a field out.
// A field of the same name with a good default keeps it.
func TestSchemaAvroBadDefaults(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	fake := srfake.New()
	t.Cleanup(fake.Close)
	fake.SeedSchema(topic+"-value", 1, 7, sr.Schema{Type: sr.TypeAvro, Schema: `{"type":"record","name":"R","namespace":"shop","fields":[
  {"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"n","type":"long","default":1},{"name":"note","type":["null","string"],"default":"none"}]}},
  {"name":"id","type":"string"},{"name":"n","type":"int","default":"x"}]}`})
	env := map[string]string{"SHORE_REGISTRY_URL": fake.URL()}
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"00000000070202027a02610a","value_encoding":"hex"}` + "\n"}, "produce", topic, "--json"), 0, "", "")
	warnings := "shore: warning: schema id 7: record I, field note: its default is not of its union's first type, as a union's default must be (list that type first); the schema is used without it (defaults take no part in decoding)\n" +
		"shore: warning: schema id 7: record R, field n: its default is not of its type, int; the schema is used without it (defaults take no part in decoding)\n"
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: env}, "consume", topic, "--decode", "value", "-e"), 0, `{"inner":{"n":1,"note":{"string":"z"}},"id":"a","n":5}`+"\n", warnings)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: env, Stdin: `{"inner":{"note":null},"id":"b","n":6}` + "\n" + `{"inner":{"note":null},"id":"c"}` + "\n"}, "produce", topic, "--value-schema", "topic"), 1, "",
		strings.ReplaceAll(warnings, "schema id 7", `schema id 7 (subject "`+topic+`-value", version 1)`)+
			"shore: stdin line 2: not delivered: value: missing field n\nshore: 1 of 2 records not delivered\n")
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-o", "1", "-f", `%v{hex}\n`), 0, "0000000007020002620c\n", "")
}

// TestSchemaChoices picks a schema by subject and version and by id, and
// reads and writes bare Avro payloads with a local schema file.
func TestSchemaChoices(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	v1 := schemaFile(t, "v1.avsc", `{"type":"record","name":"Ping","fields":[{"name":"n","type":"long"}]}`)
	v2 := schemaFile(t, "v2.avsc", `{"type":"record","name":"Ping","fields":[{"name":"n","type":"long"},{"name":"tag","type":"string","default":"none"}]}`)
	subject := topic + "-pings"
	wantRun(t, withRegistry(t, `{"n":1}`+"\n", "produce", topic, "--value-schema-file", v1, "--register", "--value-schema", subject), 0, "", "")
	wantRun(t, withRegistry(t, `{"n":2,"tag":"b"}`+"\n", "produce", topic, "--value-schema-file", v2, "--register", "--value-schema", subject), 0, "", "")
	wantRun(t, withRegistry(t, `{"n":3,"tag":"c"}`+"\n", "produce", topic, "--value-schema", subject+":1"), 1, "",
		"shore: stdin line 1: not delivered: value: unknown field tag (record Ping has no such field)\nshore: 1 of 1 record not delivered\n")
	wantRun(t, withRegistry(t, `{"n":3}`+"\n", "produce", topic, "--value-schema", subject+":latest"), 0, "", "")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e"), 0, `{"n":1}`+"\n"+`{"n":2,"tag":"b"}`+"\n"+`{"n":3,"tag":"none"}`+"\n", "")

	ids := withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "--json")
	var first struct {
		ValueSchema struct{ ID int } `json:"value_schema"`
	}
	if err := json.Unmarshal([]byte(strings.SplitN(ids.Stdout, "\n", 2)[0]), &first); err != nil || first.ValueSchema.ID == 0 {
		t.Fatalf("no schema id in %q: %v", ids.Stdout, err)
	}
	wantRun(t, withRegistry(t, `{"n":4}`+"\n", "produce", topic, "--value-schema", fmt.Sprintf("id:%d", first.ValueSchema.ID)), 0, "", "")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-o", "3", "-e"), 0, `{"n":4}`+"\n", "")
	// A local schema file on records in the registry's wire format fails,
	// and says what would read them.
	res := shoretest.Run(t, "consume", topic, "-o", "3", "-e", "--value-schema-file", v1, "-f", "%o\n")
	wantRun(t, res, 1, "3\n", fmt.Sprintf("shore: warning: %s:0 offset 3: cannot decode value: Avro: 5 bytes left over after the value; it starts with a schema registry header (schema id %d): read it with --decode; written raw\n", topic, first.ValueSchema.ID)+
		"shore: 1 record could not be decoded and was written raw\n")

	raw := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"n":-1,"tag":"x"}` + "\n"}, "produce", raw, "--value-schema-file", v2), 0, "", "")
	wantRun(t, shoretest.Run(t, "consume", raw, "-e", "-f", `%v{hex}\n`), 0, "010278\n", "")
	wantRun(t, shoretest.Run(t, "consume", raw, "-e", "--value-schema-file", v2), 0, `{"n":-1,"tag":"x"}`+"\n", "")

	// A line that is not JSON says "invalid JSON" once, with the byte.
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "not json\n{\"n\":\n"}, "produce", raw, "--value-schema-file", v2), 1, "",
		"shore: stdin line 1: not delivered: value: invalid JSON at byte 0: want a value, got 'n'\n"+
			"shore: stdin line 2: not delivered: value: invalid JSON: the JSON ends early; each line is one document: for a document over several lines, use --whole (one per file) or put it on one line (jq -c)\n"+
			"shore: 2 of 2 records not delivered\n")
	// A field given twice is named.
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"n":1,"tag":"a","n":2}` + "\n"}, "produce", raw, "--value-schema-file", v2), 1, "",
		"shore: stdin line 1: not delivered: value: field n appears twice\nshore: 1 of 1 record not delivered\n")
	// An empty value, a tombstone in kcat's input, is no document: -Z
	// makes it one.
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "k:\n:{\"n\":1}\n"}, "produce", raw, "-K:", "--value-schema-file", v2, "--key-schema-file", v1), 1, "",
		"shore: stdin line 1: not delivered: key: invalid JSON at byte 0: want a value, got 'k'\n"+
			"shore: stdin line 2: not delivered: key: empty, not a JSON document\n"+
			"shore: 2 of 2 records not delivered\n")
	// A key of the wrong type is the key, not "the value".
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "5:{\"n\":1}\n"}, "produce", raw, "-K:", "--value-schema-file", v2, "--key-schema-file", v1), 1, "",
		"shore: stdin line 1: not delivered: key: want an object (record Ping), got the number 5\nshore: 1 of 1 record not delivered\n")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "\n"}, "produce", raw, "--value-schema-file", v2), 1, "",
		"shore: stdin line 1: not delivered: value: empty, not a JSON document; -Z sends an empty value as null (a tombstone)\nshore: 1 of 1 record not delivered\n")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "\n"}, "produce", raw, "--value-schema-file", v2, "-Z"), 0, "", "")
}

// TestSchemaBadJSONWordedAlike: a line that is not one JSON document is
// refused in the same words whatever the schema's type.
func TestSchemaBadJSONWordedAlike(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	for _, file := range []string{
		schemaFile(t, "n.avsc", `{"type":"record","name":"N","fields":[{"name":"n","type":"long"}]}`),
		schemaFile(t, "n.proto", "syntax = \"proto3\";\nmessage N { int64 n = 1; }\n"),
		schemaFile(t, "n.json", `{"type":"object","properties":{"n":{"type":"integer"}}}`),
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: "oops\n{\"n\":\n{\"n\":1} 2\n\xef\xbb\xbf{\"n\":1}\n"}, "produce", topic, "--value-schema-file", file)
		wantRun(t, res, 1, "", "shore: stdin line 1: not delivered: value: invalid JSON at byte 0: want a value, got 'o'\n"+
			"shore: stdin line 2: not delivered: value: invalid JSON: the JSON ends early; each line is one document: for a document over several lines, use --whole (one per file) or put it on one line (jq -c)\n"+
			"shore: stdin line 3: not delivered: value: more than one JSON value\n"+
			"shore: stdin line 4: not delivered: value: a byte order mark (EF BB BF) comes before the JSON, which JSON does not allow: remove it\n"+
			"shore: 4 of 4 records not delivered\n")
	}
}

// TestSchemaLoneSurrogate: a \uXXXX escape of half a UTF-16 surrogate
// pair (Python's json.dumps writes one for a byte that surrogateescape
// decoded) in a document's string, value or key, is refused naming its
// field, whatever the schema's type, as --json refuses it in a line; a
// whole pair is sent.
func TestSchemaLoneSurrogate(t *testing.T) {
	t.Parallel()
	in := `{"s":"ok\ud83d\ude00"}` + "\n" + `{"s":"a\udcff"}` + "\n" + `{"s":"x","l":["y","\ud800z"]}` + "\n" + `{"s":"x","m":{"k\udc80":"v"}}` + "\n"
	for _, c := range []struct{ file, schema, decoded string }{
		{"s.avsc", `{"type":"record","name":"S","fields":[{"name":"s","type":"string"},
  {"name":"l","type":{"type":"array","items":"string"},"default":[]},{"name":"m","type":{"type":"map","values":"string"},"default":{}}]}`,
			"{\"s\":\"ok\U0001F600\",\"l\":[],\"m\":{}}"},
		{"s.proto", "syntax = \"proto3\";\nmessage S { string s = 1; repeated string l = 2; map<string, string> m = 3; }\n",
			"{\"s\":\"ok\U0001F600\",\"l\":[],\"m\":{}}"},
		{"s.json", `{"type":"object","properties":{"s":{"type":"string"}}}`, `{"s":"ok\ud83d\ude00"}`},
	} {
		topic := testbroker.Topic(t, 1, nil)
		file := schemaFile(t, c.file, c.schema)
		const half = " is half of a UTF-16 surrogate pair, which no UTF-8 text holds: it would be read as U+FFFD; write such bytes base64 or hex\n"
		wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: in}, "produce", topic, "--value-schema-file", file), 1, "",
			"shore: stdin line 2: not delivered: value: field s: \\udcff at byte 7"+half+
				"shore: stdin line 3: not delivered: value: field l[1]: \\ud800 at byte 19"+half+
				"shore: stdin line 4: not delivered: value: a key of field m: \\udc80 at byte 16"+half+
				"shore: 3 of 4 records not delivered\n")
		wantRun(t, shoretest.Run(t, "consume", topic, "-e", "--value-schema-file", file), 0, c.decoded+"\n", "")
	}
}

// TestSchemaDecodeEncodingForRawOnly: with --decode, --value-encoding
// base64 or hex writes only the values written raw in it, as --help says;
// decoded values are embedded as JSON.
func TestSchemaDecodeEncodingForRawOnly(t *testing.T) {
	t.Parallel()
	help := shoretest.Run(t, "consume", "--help")
	for _, said := range []string{"text, base64 or hex applies\n  only to the values written raw, not decoded", "with --decode or\n                                   --value-schema-file, only the values written\n                                   raw, not decoded"} {
		if !strings.Contains(help.Stdout, said) {
			t.Errorf("consume --help does not say %q", said)
		}
	}
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "n.avsc", `{"type":"record","name":"N","fields":[{"name":"n","type":"long"}]}`)
	wantRun(t, withRegistry(t, `{"n":1}`+"\n", "produce", topic, "--value-schema-file", file, "--register"), 0, "", "")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "plain\n"}, "produce", topic), 0, "", "")
	res := withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "-J", "--value-encoding", "hex")
	got := regexp.MustCompile(`"value":.*"headers"`).FindAllString(res.Stdout, -1)
	if want := []string{`"value":{"n":1},"value_encoding":"json","value_schema"`, `"value":"706c61696e","value_encoding":"hex","headers"`}; res.Code != 1 || len(got) != 2 || !strings.HasPrefix(got[0], want[0]) || got[1] != want[1] {
		t.Errorf("exit %d, values %q; want 1 and %q", res.Code, got, want)
	}
}

// TestSchemaUsageErrors: schema flags that do not fit are exit 2 with one
// line, before anything is read or asked.
func TestSchemaUsageErrors(t *testing.T) {
	t.Parallel()
	avsc := schemaFile(t, "p.avsc", `{"type":"record","name":"P","fields":[{"name":"n","type":"long"}]}`)
	// Schema files that do not compile are refused as they are read,
	// with or without --register, and a syntax error is placed.
	comma := schemaFile(t, "comma.avsc", "{\"type\": \"record\", \"name\": \"P\",\n \"fields\": [{\"name\": \"n\", \"type\": \"long\"},]}\n")
	short := schemaFile(t, "short.avsc", "{\"type\": \"record\",\n")
	typo := schemaFile(t, "typo.avsc", `{"type":"record","name":"P","fields":[{"name":"n","type":"lng"}]}`)
	jsonComma := schemaFile(t, "comma.json", "{\"type\": \"object\",\n \"properties\": {\"n\": {\"type\": \"number\"},}}")
	jsonType := schemaFile(t, "type.json", `{"type":"objet"}`)
	empty := schemaFile(t, "empty.avsc", "")
	ref := schemaFile(t, "ref.json", `{"type":"object","properties":{"a":{"$ref":"other.json"}}}`)
	pointer := schemaFile(t, "pointer.json", `{"type":"object","properties":{"a":{"$ref":"#/$defs/x"}}}`)
	blank := schemaFile(t, "blank.json", "\n \n")
	proto := schemaFile(t, "semi.proto", "syntax = \"proto3\";\nmessage M { string id = 1 int64 n = 2; }\n")
	protoTypo := schemaFile(t, "typo.proto", "syntax = \"proto3\";\nmessage M { int23 id = 1; }\n")
	protoAsAvro := schemaFile(t, "order.avsc", "syntax = \"proto3\";\nmessage Order { string id = 1; }\n")
	bareName := schemaFile(t, "bare.avsc", "string\n")
	// A schema of the other kind than its extension says is named as
	// what it is, not as a type that wants a reference.
	jsonAsAvro := schemaFile(t, "reading.avsc", `{"type":"object","properties":{"celsius":{"type":"number"}}}`)
	avroAsJSON := schemaFile(t, "p.json", `{"type":"record","name":"P","fields":[{"name":"n","type":"long"}]}`)
	// a key's Avro schema of strings saved under a .json name
	avroStringAsJSON := schemaFile(t, "key.json", `"string"`)
	// draft-07's tuple items in a schema that does not say its draft
	tuple := schemaFile(t, "pair.json", `{"type":"object","properties":{"p":{"type":"array","items":[{"type":"string"},{"type":"number"}]}}}`)
	badPattern := schemaFile(t, "pattern.json", `{"type":"object","properties":{"sku":{"type":"string","pattern":"^[A-Z"}}}`)
	// A default of another type is named by its field, whatever the
	// Avro library's words.
	nullLast := schemaFile(t, "null-last.avsc", `{"type":"record","name":"P","fields":[{"name":"note","type":["string","null"],"default":null}]}`)
	wordDefault := schemaFile(t, "word.avsc", `{"type":"record","name":"P","fields":[{"name":"n","type":"int","default":"x"}]}`)
	for _, tc := range []struct {
		args   []string
		stderr string
		help   string
	}{
		{[]string{"consume", "t", "--decode", "values"}, `--decode "values": want value, key, key,value or auto`, seeHelpFor("consume")},
		// kcat's -s value=avro: the format, where --decode takes the side
		{[]string{"consume", "t", "--decode", "avro"}, `--decode "avro": want value, key, key,value or auto, the side to decode: the registry's schema of each record says whether it is Avro, Protobuf or JSON Schema (kcat's -s value=avro is --decode value)`, seeHelpFor("consume")},
		{[]string{"consume", "t", "--decode", "value=avro"}, `--decode "value=avro": want value, key, key,value or auto, the side to decode: the registry's schema of each record says whether it is Avro, Protobuf or JSON Schema (kcat's -s value=avro is --decode value)`, seeHelpFor("consume")},
		{[]string{"consume", "t", "--decode", "key=avro"}, `--decode "key=avro": want value, key, key,value or auto, the side to decode: the registry's schema of each record says whether it is Avro, Protobuf or JSON Schema (kcat's -s key=avro is --decode key)`, seeHelpFor("consume")},
		{[]string{"consume", "t", "--decode", "AVRO"}, `--decode "AVRO": want value, key, key,value or auto, the side to decode: the registry's schema of each record says whether it is Avro, Protobuf or JSON Schema (kcat's -s value=avro is --decode value)`, seeHelpFor("consume")},
		{[]string{"consume", "t", "--decode", "Value"}, `--decode "Value": want value, key, key,value or auto (did you mean "value"?)`, seeHelpFor("consume")},
		{[]string{"consume", "t", "--decode", "json"}, `--decode "json": want value, key, key,value or auto, the side to decode through the registry, whatever its schema type; values that are JSON text without a schema are embedded with --json --value-encoding json`, seeHelpFor("consume")},
		{[]string{"consume", "t", "--decode", "protobuf"}, `--decode "protobuf": want value, key, key,value or auto, the side to decode: the registry's schema of each record says whether it is Avro, Protobuf or JSON Schema (kcat's -s value=avro is --decode value)`, seeHelpFor("consume")},
		{[]string{"consume", "t", "--decode", "value", "--value-schema-file", avsc}, "--decode value and --value-schema-file each decode the value: choose one", seeHelpFor("consume")},
		{[]string{"consume", "t", "--value-message", "Order"}, "--value-message needs --value-schema-file with a .proto file", seeHelpFor("consume")},
		{[]string{"consume", "t", "--key-schema-file", "nope.avsc"}, "--key-schema-file nope.avsc: no such file or directory", seeHelpFor("consume")},
		{[]string{"consume", "t", "--value-schema-file", "p.xml"}, "--value-schema-file p.xml: no such file or directory", seeHelpFor("consume")},
		{[]string{"consume", "t", "--value-schema-file", avsc, "--value-message", "P"}, "--value-schema-file " + avsc + ": a message type applies to .proto files only", seeHelpFor("consume")},
		{[]string{"produce", "t", "--value-schema", "s:0"}, `--value-schema "s:0": version "0": want a number from 1, or latest`, seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema", "id:x"}, `--value-schema "id:x": "x" is not a schema id (1 or more)`, seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema", paymentAvsc}, "--value-schema takes where the registry holds the schema (topic, SUBJECT, SUBJECT:VERSION or id:N), not the schema's text: write it to a file and give --value-schema-file FILE --register, which registers it under t-value", seeHelpFor("produce")},
		{[]string{"produce", "t", "-K:", "--key-schema", `"string"`}, "--key-schema takes where the registry holds the schema (topic, SUBJECT, SUBJECT:VERSION or id:N), not the schema's text: write it to a file and give --key-schema-file FILE --register, which registers it under t-key", seeHelpFor("produce")},
		// "$SUBJECT" or "$FILE" with the variable unset: each was taken as
		// not given, and produce sent the documents unencoded (exit 0)
		{[]string{"produce", "t", "--value-schema", ""}, `--value-schema "": want topic, SUBJECT, SUBJECT:VERSION or id:N`, seeHelpFor("produce")},
		{[]string{"produce", "t", "-K:", "--key-schema", ""}, `--key-schema "": want topic, SUBJECT, SUBJECT:VERSION or id:N`, seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema-file", ""}, `--value-schema-file "": empty file name`, seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema", "topic", "--value-message", ""}, `--value-message "": empty message name`, seeHelpFor("produce")},
		{[]string{"consume", "t", "--value-schema-file="}, `--value-schema-file "": empty file name`, seeHelpFor("consume")},
		{[]string{"consume", "t", "--key-schema-file", ""}, `--key-schema-file "": empty file name`, seeHelpFor("consume")},
		{[]string{"produce", "t", "--register"}, "--register needs --value-schema-file or --key-schema-file", seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema", "s", "--value-schema-file", avsc}, "--value-schema and --value-schema-file both choose the schema; add --register to register the file under --value-schema's subject", seeHelpFor("produce")},
		{[]string{"produce", "t", "--key-message", "K"}, "--key-message needs --key-schema or --key-schema-file", seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema-file", comma}, "--value-schema-file " + comma + ": Avro schema: not JSON: line 2, column 43: invalid character ']' looking for beginning of value", seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema-file", comma, "--register"}, "--value-schema-file " + comma + ": Avro schema: not JSON: line 2, column 43: invalid character ']' looking for beginning of value", seeHelpFor("produce")},
		{[]string{"produce", "t", "--key-schema-file", short, "--register", "--json"}, "--key-schema-file " + short + ": Avro schema: not JSON: line 1, column 19: the JSON ends early", seeHelpFor("produce")},
		{[]string{"consume", "t", "--value-schema-file", short}, "--value-schema-file " + short + ": Avro schema: not JSON: line 1, column 19: the JSON ends early", seeHelpFor("consume")},
		{[]string{"produce", "t", "--value-schema-file", typo, "--register"}, "--value-schema-file " + typo + `: Avro schema: unknown type "lng" (did you mean "long"?): not an Avro type, nor a named type defined before its use`, seeHelpFor("produce")},
		{[]string{"produce", "t", "--key-schema-file", typo, "-K:"}, "--key-schema-file " + typo + `: Avro schema: unknown type "lng" (did you mean "long"?): not an Avro type, nor a named type defined before its use`, seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema-file", jsonComma, "--register"}, "--value-schema-file " + jsonComma + ": JSON schema: not JSON: line 2, column 41: invalid character '}' looking for beginning of object key string", seeHelpFor("produce")},
		{[]string{"consume", "t", "--value-schema-file", jsonComma}, "--value-schema-file " + jsonComma + ": JSON schema: not JSON: line 2, column 41: invalid character '}' looking for beginning of object key string", seeHelpFor("consume")},
		{[]string{"produce", "t", "--value-schema-file", ref}, "--value-schema-file " + ref + `: JSON schema: cannot resolve $ref "other.json": shore follows a $ref only to a registered reference, not to a file or URL; if another schema defines it, register that, then this file with 'shore registry register SUBJECT ` + ref + ` --ref other.json=ITS_SUBJECT', and produce with --value-schema SUBJECT`, seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema-file", ref, "--register"}, "--value-schema-file " + ref + `: JSON schema: cannot resolve $ref "other.json": shore follows a $ref only to a registered reference, not to a file or URL; if another schema defines it, register that, then this file with 'shore registry register SUBJECT ` + ref + ` --ref other.json=ITS_SUBJECT', and produce with --value-schema SUBJECT`, seeHelpFor("produce")},
		{[]string{"consume", "t", "--value-schema-file", ref}, "--value-schema-file " + ref + `: JSON schema: cannot resolve $ref "other.json": shore follows a $ref only to a registered reference, not to a file or URL`, seeHelpFor("consume")},
		{[]string{"consume", "t", "--value-schema-file", pointer}, "--value-schema-file " + pointer + `: JSON schema: $ref "#/$defs/x": no such location`, seeHelpFor("consume")},
		{[]string{"produce", "t", "--value-schema-file", empty, "--register"}, "--value-schema-file " + empty + ": is empty", seeHelpFor("produce")},
		{[]string{"consume", "t", "--key-schema-file", blank}, "--key-schema-file " + blank + ": is empty", seeHelpFor("consume")},
		{[]string{"produce", "t", "--value-schema-file", proto, "--register"}, "--value-schema-file " + proto + ": Protobuf schema: line 2, column 27: syntax error: expecting ';'", seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema-file", protoTypo, "--register"}, "--value-schema-file " + protoTypo + `: Protobuf schema: line 2, column 13: field M.id: unknown type int23 (did you mean "int32"?)`, seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema-file", protoAsAvro, "--register"}, "--value-schema-file " + protoAsAvro + ": Avro schema: not JSON: line 1, column 1: invalid character 's' looking for beginning of value", seeHelpFor("produce")},
		{[]string{"consume", "t", "--value-schema-file", bareName}, "--value-schema-file " + bareName + ": Avro schema: not JSON: line 1, column 1: invalid character 's' looking for beginning of value", seeHelpFor("consume")},
		{[]string{"produce", "t", "--value-schema-file", jsonType, "--register"}, "--value-schema-file " + jsonType + ": JSON schema: not a valid schema (by its metaschema): at /type: value must be one of 'array', 'boolean', 'integer', 'null', 'number', 'object', 'string'; at /type: got string, want array", seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema-file", jsonAsAvro, "--register"}, "--value-schema-file " + jsonAsAvro + `: Avro schema: type "object" is JSON Schema's: this is a JSON Schema (a .json file), not an Avro schema`, seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema-file", nullLast, "--register"}, "--value-schema-file " + nullLast + `: Avro schema: field note: its default is not of its union's first type, as a union's default must be (list that type first)`, seeHelpFor("produce")},
		{[]string{"consume", "t", "--value-schema-file", wordDefault}, "--value-schema-file " + wordDefault + `: Avro schema: field n: its default is not of its type, int`, seeHelpFor("consume")},
		{[]string{"consume", "t", "--value-schema-file", avroAsJSON}, "--value-schema-file " + avroAsJSON + `: JSON schema: not a valid schema (by its metaschema): at /type: value must be one of 'array', 'boolean', 'integer', 'null', 'number', 'object', 'string'; at /type: got string, want array; "type":"record" is Avro's: this is an Avro schema (a .avsc file), not a JSON Schema`, seeHelpFor("consume")},
		{[]string{"produce", "t", "--value-schema-file", tuple}, "--value-schema-file " + tuple + `: JSON schema: not a valid schema (by its metaschema): at /properties/p/items: got array, want boolean or object; an "items" array is draft-07's tuple form, and a schema without "$schema" is read as draft 2020-12, which writes it "prefixItems": add "$schema": "http://json-schema.org/draft-07/schema#"`, seeHelpFor("produce")},
		{[]string{"produce", "t", "--value-schema-file", badPattern}, "--value-schema-file " + badPattern + `: JSON schema: not a valid schema (by its metaschema): at /properties/sku/pattern: bad regular expression "^[A-Z": missing closing ] at "[A-Z"`, seeHelpFor("produce")},
		{[]string{"produce", "t", "-K:", "--key-schema-file", avroStringAsJSON}, "--key-schema-file " + avroStringAsJSON + `: JSON schema: not a valid schema (by its metaschema): at /: got string, want boolean or object; "string" is Avro's: this is an Avro schema (a .avsc file), not a JSON Schema`, seeHelpFor("produce")},
	} {
		res := shoretest.Run(t, tc.args...)
		if res.Code != 2 || res.Stdout != "" || res.Stderr != "shore: "+tc.stderr+"\n"+tc.help {
			t.Errorf("%v: exit %d stdout %q stderr %q; want 2 and %q", tc.args, res.Code, res.Stdout, res.Stderr, tc.stderr)
		}
	}
}

// TestSchemaSilentRegistryUntilWait: --wait passing while a record waits
// for its schema from a registry that accepts connections and never answers
// is that registry's failure (exit 1, the registry named, and how long the
// record waited for it), not "no record matched" (exit 3): the record was
// read and never looked at. The same command against a healthy registry
// ends 0 on a match and 3 without one. The limits are 3s, so that reading
// the record within them is sure on a loaded machine: the test runs in
// parallel with others, and the cmd suite's commands have been seen to take
// 2.5s more than their timeout there.
func TestSchemaSilentRegistryUntilWait(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "n.avsc", `{"type":"record","name":"N","fields":[{"name":"n","type":"long"}]}`)
	wantRun(t, withRegistry(t, `{"n":1}`+"\n", "produce", topic, "--value-schema-file", avsc, "--register"), 0, "", "")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "--until", ".value.n == 1", "--wait", "10s", "-f", `%v\n`), 0, `{"n":1}`+"\n", "")
	res := withRegistry(t, "", "consume", topic, "--decode", "value", "--until", ".value.n == 2", "--wait", "3s")
	if res.Code != 3 || res.Stdout != "" || !strings.HasPrefix(res.Stderr, "shore: no record matched --until '.value.n == 2' in ") || !strings.HasSuffix(res.Stderr, " (1 record read): --wait 3s passed\n") {
		t.Errorf("healthy registry, no match: exit %d stdout %q stderr %q; want 3 and --wait passed", res.Code, res.Stdout, res.Stderr)
	}
	silent := "http://" + testbroker.Silent(t)
	for _, decode := range []string{"value", "auto"} {
		res := shoretest.Run(t, "consume", topic, "--decode", decode, "--until", ".value.n == 1", "--wait", "3s", "--timeout", "10s", "--registry", silent)
		want := regexp.MustCompile(`^shore: no answer from schema registry ` + regexp.QuoteMeta(silent) + ` within (\S+) for schema id \d+ of ` + topic + `:0 offset 0's value, when --wait 3s passed: the record was read, not decoded, and not matched against --until\n$`)
		m := want.FindStringSubmatch(res.Stderr)
		// The record waited for the registry from when it was read until
		// --wait passed: less than --wait, give or take a moment.
		var waited time.Duration
		if m != nil {
			waited, _ = time.ParseDuration(m[1])
		}
		if res.Code != 1 || res.Stdout != "" || waited <= 0 || waited >= 4*time.Second {
			t.Errorf("--decode %s, silent registry: exit %d stdout %q stderr %q; want 1 and %s with a wait of less than --wait", decode, res.Code, res.Stdout, res.Stderr, want)
		}
	}
	// A registry request that --timeout ends first is the registry's
	// failure alone: no line about --until, whose run did not end at the
	// partitions' ends.
	res = shoretest.Run(t, "consume", topic, "--decode", "value", "--until", ".value.n == 1", "--wait", "10s", "--timeout", "3s", "--registry", silent)
	wantRun(t, res, 1, "", "shore: "+topic+":0 offset 0: no answer from schema registry "+silent+" within 3s\n")
}

// TestSchemaDecodedCopyNeedsSchema: records consume decoded through the
// registry, piped to produce --json without --value-schema, are refused
// with their line, where they were sent as JSON text that the copy's Avro
// readers could not decode; with --value-schema they are encoded again.
func TestSchemaDecodedCopyNeedsSchema(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "n.avsc", `{"type":"record","name":"N","fields":[{"name":"n","type":"long"}]}`)
	wantRun(t, withRegistry(t, `{"n":1}`+"\n"+`{"n":2}`+"\n", "produce", topic, "--value-schema-file", avsc, "--register"), 0, "", "")
	decoded := withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "-J")
	if decoded.Code != 0 || strings.Count(decoded.Stdout, "\n") != 2 {
		t.Fatalf("consume -J: exit %d stdout %q stderr %q", decoded.Code, decoded.Stdout, decoded.Stderr)
	}
	var first struct {
		ValueSchema struct{ ID int } `json:"value_schema"`
	}
	if err := json.Unmarshal([]byte(strings.SplitN(decoded.Stdout, "\n", 2)[0]), &first); err != nil || first.ValueSchema.ID == 0 {
		t.Fatalf("no value_schema id in %q: %v", decoded.Stdout, err)
	}
	id := first.ValueSchema.ID
	copyTopic := testbroker.Topic(t, 1, nil)
	var want strings.Builder
	for line := 1; line <= 2; line++ {
		fmt.Fprintf(&want, "shore: stdin line %d: not delivered: value: decoded through schema id %d (value_schema), and no --value-schema encodes it again, which would send its JSON text: add --value-schema id:%d (or topic, or SUBJECT), or leave value_schema out to send the text\n", line, id, id)
	}
	want.WriteString("shore: 2 of 2 records not delivered\n")
	wantRun(t, withRegistry(t, decoded.Stdout, "produce", copyTopic, "--json"), 1, "", want.String())
	wantRun(t, withRegistry(t, decoded.Stdout, "produce", copyTopic, "--json", "--value-schema", fmt.Sprintf("id:%d", id)), 0, "", "")
	wantRun(t, withRegistry(t, "", "consume", copyTopic, "--decode", "value", "-e", "-f", `%v\n`), 0, `{"n":1}`+"\n"+`{"n":2}`+"\n", "")
}

// TestSchemaUndecodedCopyHint: records of plain JSON text, as consume
// --json writes them (a JSON string), piped to produce --json through a
// schema are refused with how to send the document the string holds; the
// jq the hint gives sends them.
func TestSchemaUndecodedCopyHint(t *testing.T) {
	t.Parallel()
	plain := testbroker.Topic(t, 1, nil)
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"n":1}` + "\n"}, "produce", plain), 0, "", "")
	lines := shoretest.Run(t, "consume", plain, "-e", "--json")
	if lines.Code != 0 || !strings.Contains(lines.Stdout, `"value":"{\"n\":1}"`) {
		t.Fatalf("consume --json: exit %d stdout %q stderr %q", lines.Code, lines.Stdout, lines.Stderr)
	}
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "n.avsc", `{"type":"record","name":"N","fields":[{"name":"n","type":"long"}]}`)
	wantRun(t, withRegistry(t, lines.Stdout, "produce", topic, "--json", "--value-schema-file", avsc, "--register"), 1, "",
		`shore: stdin line 1: not delivered: value: want an object (record N), got a string; the string holds a JSON document, as consume --json writes a value it did not decode: "value_encoding":"text" on the line sends that document (jq -c '.value_encoding = "text"')`+"\n"+
			"shore: 1 of 1 record not delivered\n")
	text := strings.Replace(lines.Stdout, `"value":`, `"value_encoding":"text","value":`, 1)
	wantRun(t, withRegistry(t, text, "produce", topic, "--json", "--value-schema", "topic"), 0, "", "")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "-f", `%v\n`), 0, `{"n":1}`+"\n", "")
}

// TestSchemaPrettyDocumentHint: a pretty-printed document sent line by
// line fails at its first line with a hint to --whole or one line per
// document, where the failure only said the JSON ended early.
func TestSchemaPrettyDocumentHint(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "n.avsc", `{"type":"record","name":"N","fields":[{"name":"n","type":"long"}]}`)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "{\n  \"n\": 1\n}\n"}, "produce", topic, "--value-schema-file", avsc)
	wantRun(t, res, 1, "", "shore: stdin line 1: not delivered: value: invalid JSON: the JSON ends early; each line is one document: for a document over several lines, use --whole (one per file) or put it on one line (jq -c)\n"+
		"shore: stdin line 2: not delivered: value: more than one JSON value\n"+
		"shore: stdin line 3: not delivered: value: invalid JSON at byte 0: want a value, got '}'\n"+
		"shore: 3 of 3 records not delivered\n")
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "{\n  \"n\": 1\n}\n"}, "produce", topic, "--value-schema-file", avsc, "--whole"), 0, "", "")
}

// TestSchemaMessageMapEntry: the messages protoc makes for map fields are
// not named among a file's messages, nor taken by --value-message, and
// still count in the message indexes of those after them.
func TestSchemaMessageMapEntry(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "m.proto", "syntax = \"proto3\";\npackage m;\nmessage A { map<string, int32> counts = 1; message B { string s = 1; } }\n")
	for _, message := range []string{"Ordr", "A.CountsEntry"} {
		wantRun(t, withRegistry(t, "{}\n", "produce", topic, "--value-schema-file", file, "--register", "--value-message", message), 2, "",
			fmt.Sprintf("shore: --value-schema-file %s: no message %q (it has A, A.B)\n", file, message)+seeHelpFor("produce"))
	}
	wantRun(t, withRegistry(t, `{"s":"x"}`+"\n", "produce", topic, "--value-schema-file", file, "--register", "--value-message", "B"), 0, "", "")
	res := shoretest.Run(t, "consume", topic, "-e", "-f", `%v{hex}\n`)
	if res.Code != 0 || !strings.HasSuffix(res.Stdout, "0400020a0178\n") {
		t.Errorf("payload %q: want the message indexes 0 1 (the map's entry is 0 0) before the field", res.Stdout)
	}
}

// TestSchemaRefusedNotSavedAsNull produces, with --failed, a line that does
// not fit the schema between two that do: the line is named on stderr and
// left out of FILE, as a record too large to send is, since it cannot be
// sent again as it is. FILE held it with "value":null, and the resend that
// stderr suggested ('shore produce T --json FILE') delivered a tombstone,
// exit 0, in place of the document.
func TestSchemaRefusedNotSavedAsNull(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "reading.json", `{"type":"object","properties":{"celsius":{"type":"number"}},"required":["celsius"]}`)
	failed := filepath.Join(t.TempDir(), "failed.json")
	res := withRegistry(t, "{\"celsius\":1}\n{\"celsius\":\"warm\"}\n{\"celsius\":2}\n", "produce", topic, "--value-schema-file", file, "--register", "--failed", failed)
	wantRun(t, res, 1, "", "shore: stdin line 2: not delivered: value: does not fit the JSON schema: at /celsius: got string, want number\n"+
		"shore: 1 of 3 records not delivered\n")
	wantNoFile(t, failed)
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e", "-f", `%v\n`), 0, "{\"celsius\":1}\n{\"celsius\":2}\n", "")

	// A decoded record copied with no schema to encode it again is
	// refused, and left out of FILE alike, where it was saved as a null.
	decoded := withRegistry(t, "", "consume", topic, "--decode", "value", "-J", "-e", "-n", "1")
	wantRun(t, decoded, 0, decoded.Stdout, "")
	res = withRegistry(t, decoded.Stdout, "produce", topic, "--json", "--failed", failed)
	if res.Code != 1 || !strings.Contains(res.Stderr, "no --value-schema encodes it again") || strings.Contains(res.Stderr, "send the records not delivered again") {
		t.Fatalf("exit %d stderr %q; want 1, the refusal and no resend", res.Code, res.Stderr)
	}
	wantNoFile(t, failed)
}

// TestSchemaAvroDecodeNamesField: an Avro payload that does not decode
// inside a record's field, an array's item or a map's value is written raw
// with a warning that names where, as produce's errors name the field of
// the JSON they encode; it said only "Avro: a string is not valid UTF-8".
func TestSchemaAvroDecodeNamesField(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "order.avsc", `{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},
		{"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"sku","type":"string"},{"name":"qty","type":"int"}]}}},
		{"name":"tags","type":{"type":"map","values":"int"}}]}`)
	wantRun(t, withRegistry(t, `{"id":"o1","lines":[{"sku":"a","qty":1}],"tags":{}}`+"\n", "produce", topic, "--value-schema-file", avsc, "--register"), 0, "", "")
	latest, err := testregistry.Client(t).SchemaByVersion(context.Background(), topic+"-value", -1)
	if err != nil {
		t.Fatal(err)
	}
	var bad, warned strings.Builder
	for i, c := range []struct{ payload, why string }{
		{"046f31" + "04" + "026102" + "02ff02" + "00" + "00", "field lines[1].sku: a string is not valid UTF-8"},
		{"046f31" + "00" + "02026b8080808010" + "00", "field tags.k: int out of range"},
		{"046f31" + "020261", "field lines[0].qty: the payload ends early"},
		{"046f31" + "00" + "0202ff02" + "00", "field tags: a map key is not valid UTF-8"},
		{"046f31" + "00" + "0206612e62" + "8080808010" + "00", `field tags["a.b"]: int out of range`},
	} {
		fmt.Fprintf(&bad, `{"value":"00%08x%s","value_encoding":"hex"}`+"\n", latest.ID, c.payload)
		fmt.Fprintf(&warned, "shore: warning: %s:0 offset %d: cannot decode value: schema id %d: Avro: %s; written raw\n", topic, i+1, latest.ID, c.why)
	}
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: bad.String()}, "produce", topic, "--json"), 0, "", "")
	res := withRegistry(t, "", "consume", topic, "--decode", "value", "-o", "1", "-e", "-f", "%o\n")
	wantRun(t, res, 1, "1\n2\n3\n4\n5\n", warned.String()+"shore: 5 records could not be decoded and were written raw\n")
}
