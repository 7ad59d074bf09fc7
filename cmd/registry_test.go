package cmd_test

import (
	"context"
	"encoding/base64"
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
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/sr"
	"github.com/twmb/franz-go/pkg/sr/srfake"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/devregistry"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testregistry"
)

// The schemas are written compact with sorted keys, the form srfake (and so
// shore dev) stores them in, so that show prints the same text from every
// registry.
const (
	// addressAvsc's doc is made unique per run, so that its id is used by
	// this run's subject only (a registry gives one id to equal texts).
	addressAvsc = `{"doc":%q,"fields":[{"name":"city","type":"string"}],"name":"Address","namespace":"shop","type":"record"}`
	orderAvsc   = `{"fields":[{"name":"id","type":"string"},{"name":"to","type":"shop.Address"}],"name":"Order","namespace":"shop","type":"record"}`
	userAvsc    = `{"fields":[{"name":"id","type":"string"}],"name":"User","type":"record"}`
	// userV2 adds a field with a default: BACKWARD compatible.
	userV2 = `{"fields":[{"name":"id","type":"string"},{"default":"","name":"email","type":"string"}],"name":"User","type":"record"}`
	// userBad adds a field without one: it cannot read version 1's records.
	userBad = `{"fields":[{"name":"id","type":"string"},{"name":"age","type":"int"}],"name":"User","type":"record"}`
)

// writeFiles writes name→content into a temporary directory and returns
// its path.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// registered runs register -o json and returns the id and version.
func registered(t *testing.T, args ...string) (id, version int) {
	t.Helper()
	res := withRegistry(t, "", append(append([]string{"registry", "register"}, args...), "-o", "json")...)
	var got struct{ ID, Version int }
	if res.Code != 0 || json.Unmarshal([]byte(res.Stdout), &got) != nil || got.ID < 1 || got.Version < 1 {
		t.Fatalf("register %v: exit %d\n%s%s", args, res.Code, res.Stdout, res.Stderr)
	}
	return got.ID, got.Version
}

// TestRegistryCheckNamesField: an incompatible Avro schema is named by the
// field where it parts from the registered one, however deep, as
// Confluent's registry gives its path; hamba named the two types alone, and
// for a field in a union's record only the union. hamba's words come with
// single spaces: a renamed record's held two ("... writer schema Address
// names do not match").
func TestRegistryCheckNamesField(t *testing.T) {
	t.Parallel()
	order := `{"type":"record","name":"Order","fields":[
 {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"qty","type":"%s"}]}}},
 {"name":"address","type":["null",{"type":"record","name":"Address","fields":[{"name":"zip","type":"%s"}]}],"default":null}]}`
	node := `{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"],"default":null},{"name":"value","type":"%s"}]}`
	to := `{"type":"record","name":"Order","fields":[{"name":"to","type":{"type":"record","name":"%s","fields":[{"name":"city","type":"string"}]}}]}`
	for _, c := range []struct{ name, old, new, why string }{
		{"union", fmt.Sprintf(order, "int", "string"), fmt.Sprintf(order, "int", "int"), "field address.zip: reader schema int not compatible with writer schema string"},
		{"array", fmt.Sprintf(order, "int", "string"), fmt.Sprintf(order, "string", "string"), "field lines.qty: reader schema string not compatible with writer schema int"},
		{"recursive", fmt.Sprintf(node, "string"), fmt.Sprintf(node, "int"), "field value: reader schema int not compatible with writer schema string"},
		{"renamed", fmt.Sprintf(to, "Address"), fmt.Sprintf(to, "Place"), "field to: reader schema Place and writer schema Address names do not match"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			subject := testbroker.Name(t, "orders-value")
			registered(t, subject, schemaFile(t, "old.avsc", c.old))
			wantRun(t, withRegistry(t, "", "registry", "compat", subject, "--set", "backward"), 0,
				table([]string{"SUBJECT", "LEVEL"}, []string{subject, "BACKWARD"}), "")
			file := schemaFile(t, "new.avsc", c.new)
			res := withRegistry(t, "", "registry", "check", subject, file)
			if testregistry.Real() {
				if res.Code != 3 {
					t.Fatalf("check: exit %d: %s", res.Code, res.Stderr)
				}
				return
			}
			wantRun(t, res, 3, table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{subject, "all", "BACKWARD", "incompatible"}),
				fmt.Sprintf("shore: %s is not compatible with subject %q (BACKWARD, against all): the new schema cannot read what version 1 wrote: %s\n", file, subject, c.why))
			// register refuses it in check's words
			wantRun(t, withRegistry(t, "", "registry", "register", subject, file), 1, "",
				fmt.Sprintf("shore: %s is not compatible with subject %q (BACKWARD, against all): the new schema cannot read what version 1 wrote: %s\n", file, subject, c.why))
		})
	}
}

// TestRegistryRegisterIncompatibleWords: a registration refused as
// incompatible says what check says, in one line, whatever the registry's
// 409 holds: Confluent's quotes the old schema whole, and its check gives
// the reasons one by one (or, asked without verbose support, none: the
// 409's are taken); Apicurio answers the check with a 409 too. check
// leaves out the old schema that Confluent's reasons hold, as register
// does.
func TestRegistryRegisterIncompatibleWords(t *testing.T) {
	t.Parallel()
	const (
		old         = `{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}`
		reason      = `{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'age' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'age'}`
		apicurio409 = `{"error_code":0,"message":"Incompatible artifact: orders-value [AVRO]"}`
	)
	details := []string{reason, "{oldSchemaVersion: 1}", "{oldSchema: '" + old + "'}", "{validateFields: 'false', compatibility: 'BACKWARD'}"}
	messages, _ := json.Marshal(details)
	confluent409, _ := json.Marshal(map[string]any{"error_code": 409, "message": `Schema being registered is incompatible with an earlier schema for subject "orders-value", details: [` + strings.Join(details, ", ") + "]"})
	confluentWhy := "version 1: The field 'age' at path '/fields/1' in the new schema has no default value and is missing in the old schema"
	for _, c := range []struct {
		name, refusal, check string
		checkStatus          int
		why, checkWhy        string
	}{
		{"confluent", string(confluent409), `{"is_compatible":false,"messages":` + string(messages) + `}`, http.StatusOK, confluentWhy, confluentWhy},
		{"confluent without reasons in the check", string(confluent409), `{"is_compatible":false}`, http.StatusOK, confluentWhy, "the registry gave no reason"},
		{"apicurio", apicurio409, apicurio409, http.StatusConflict, "Incompatible artifact: orders-value [AVRO]", "Incompatible artifact: orders-value [AVRO]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			reg := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				switch {
				case r.URL.Path == "/subjects":
					fmt.Fprint(w, `["orders-value"]`)
				case r.URL.Path == "/subjects/orders-value/versions":
					w.WriteHeader(http.StatusConflict)
					fmt.Fprint(w, c.refusal)
				case r.URL.Path == "/compatibility/subjects/orders-value/versions":
					w.WriteHeader(c.checkStatus)
					fmt.Fprint(w, c.check)
				case r.URL.Path == "/config/orders-value":
					fmt.Fprint(w, `{"compatibilityLevel":"BACKWARD"}`)
				default:
					w.WriteHeader(http.StatusNotFound)
					fmt.Fprint(w, `{"error_code":404,"message":"HTTP 404 Not Found"}`)
				}
			}))
			t.Cleanup(reg.Close)
			file := schemaFile(t, "order.avsc", `{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"age","type":"int"}]}`)
			run := func(verb string) shoretest.Result {
				return shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_REGISTRY_URL": reg.URL}}, "registry", verb, "orders-value", file)
			}
			line := fmt.Sprintf("shore: %s is not compatible with subject \"orders-value\" (BACKWARD, against all): ", file)
			wantRun(t, run("register"), 1, "", line+c.why+"\n")
			wantRun(t, run("check"), 3, table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{"orders-value", "all", "BACKWARD", "incompatible"}), line+c.checkWhy+"\n")
		})
	}
}

func TestRegistryRegisterShowCheck(t *testing.T) {
	address := testbroker.Name(t, "address")
	addressText := fmt.Sprintf(addressAvsc, address)
	dir := writeFiles(t, map[string]string{"address.avsc": addressText, "order.avsc": orderAvsc, "user.avsc": userAvsc, "user2.avsc": userV2, "user-bad.avsc": userBad})
	orders := testbroker.Name(t, "orders-value")

	addressID, _ := registered(t, address, filepath.Join(dir, "address.avsc"))
	res := withRegistry(t, "", "registry", "register", orders, filepath.Join(dir, "order.avsc"), "--ref", "shop.Address="+address)
	if res.Code != 0 {
		t.Fatalf("register with a reference: exit %d: %s", res.Code, res.Stderr)
	}
	orderID, _ := registered(t, orders, filepath.Join(dir, "order.avsc"), "--ref", "shop.Address="+address+":1")
	wantRun(t, res, 0, table([]string{"SUBJECT", "VERSION", "ID"}, []string{orders, "1", strconv.Itoa(orderID)}), "")

	wantRun(t, withRegistry(t, "", "registry", "show", orders), 0, fmt.Sprintf(`SUBJECT     %s
VERSION     1
ID          %d
TYPE        AVRO
REFERENCES  shop.Address = %s version 1

{
  "fields": [
    {
      "name": "id",
      "type": "string"
    },
    {
      "name": "to",
      "type": "shop.Address"
    }
  ],
  "name": "Order",
  "namespace": "shop",
  "type": "record"
}
`, orders, orderID, address), "")
	wantRun(t, withRegistry(t, "", "registry", "show", orders, "1", "-o", "schema"), 0, orderAvsc+"\n", "")
	if !testregistry.Real() {
		// A version another schema refers to is not deleted, and --dry-run
		// says so rather than 'would soft-delete'.
		wantRun(t, withRegistry(t, "", "registry", "delete", address, "--dry-run"), 1, "",
			fmt.Sprintf("shore: schema registry %s will not delete version 1 of subject %q while schema id %d (%s version 1) refers to it; delete that first\n", testregistry.URL(t), address, orderID, orders))
		// The same schema under a second subject is one id, named once
		// with both subjects.
		orders2 := testbroker.Name(t, "orders2-value")
		if id, _ := registered(t, orders2, filepath.Join(dir, "order.avsc"), "--ref", "shop.Address="+address); id != orderID {
			t.Fatalf("%s: id %d, want %d (the same schema as %s's)", orders2, id, orderID, orders)
		}
		wantRun(t, withRegistry(t, "", "registry", "delete", address, "--dry-run"), 1, "",
			fmt.Sprintf("shore: schema registry %s will not delete version 1 of subject %q while schema id %d (%s version 1, %s version 1) refers to it; delete that first\n", testregistry.URL(t), address, orderID, orders, orders2))
	}
	wantRun(t, withRegistry(t, "", "registry", "show", "--id", strconv.Itoa(addressID), "-o", "json"), 0, fmt.Sprintf(`{
  "id": %d,
  "type": "AVRO",
  "references": [],
  "used_by": [
    {
      "subject": %q,
      "version": 1
    }
  ],
  "schema": %q
}
`, addressID, address, addressText), "")

	// A CI gate: compatible is 0, incompatible 3, whatever the registry's
	// own default level. (Without references: Apicurio 2.4 cannot check
	// an Avro schema that has them.)
	users := testbroker.Name(t, "users-value")
	registered(t, users, filepath.Join(dir, "user.avsc"))
	wantRun(t, withRegistry(t, "", "registry", "compat", users, "--set", "backward"), 0,
		table([]string{"SUBJECT", "LEVEL"}, []string{users, "BACKWARD"}), "")
	wantRun(t, withRegistry(t, "", "registry", "check", users, filepath.Join(dir, "user2.avsc")), 0,
		table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{users, "all", "BACKWARD", "compatible"}), "")
	bad := filepath.Join(dir, "user-bad.avsc")
	res = withRegistry(t, "", "registry", "check", users, bad, "--version", "latest")
	prefix := fmt.Sprintf("shore: %s is not compatible with subject %q (BACKWARD, against latest): ", bad, users)
	if res.Code != 3 || res.Stdout != table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{users, "latest", "BACKWARD", "incompatible"}) ||
		!strings.HasPrefix(res.Stderr, prefix) || strings.Count(res.Stderr, "\n") != 1 || !strings.Contains(res.Stderr, "age") {
		t.Fatalf("check of an incompatible schema: exit %d\nstdout:\n%s\nstderr:\n%s\nwant 3 and one line starting %q naming the field", res.Code, res.Stdout, res.Stderr, prefix)
	}
	if !testregistry.Real() {
		wantRun(t, res, 3, res.Stdout, prefix+"the new schema cannot read what version 1 wrote: reader field age is missing in writer schema and has no default\n")
	}
	// A schema read from stdin is named so, as the other messages name it.
	res = withRegistry(t, userBad, "registry", "check", users, "-", "--type", "avro", "--version", "latest")
	if prefix := fmt.Sprintf("shore: stdin is not compatible with subject %q (BACKWARD, against latest): ", users); res.Code != 3 || !strings.HasPrefix(res.Stderr, prefix) {
		t.Fatalf("check of an incompatible schema on stdin: exit %d\nstderr:\n%s\nwant 3 and a line starting %q", res.Code, res.Stderr, prefix)
	}
	res = withRegistry(t, "", "registry", "register", users, bad)
	if prefix := fmt.Sprintf("shore: %s is not compatible with subject %q (BACKWARD, against all): ", bad, users); res.Code != 1 || !strings.HasPrefix(res.Stderr, prefix) || strings.Count(res.Stderr, "\n") != 1 {
		t.Fatalf("registering an incompatible schema: exit %d: %s", res.Code, res.Stderr)
	}
	// Nothing registered yet under a subject: anything goes.
	fresh := testbroker.Name(t, "new-value")
	wantRun(t, withRegistry(t, paymentAvsc, "registry", "check", fresh, "-", "--type", "avro", "-o", "json"), 0, fmt.Sprintf(`{
  "subject": %q,
  "against": "all",
  "level": null,
  "compatible": true,
  "new_subject": true,
  "messages": []
}
`, fresh), "")
	// ... but a schema that would not register, which no registry reads
	// for a subject without versions, does not pass the gate: a file cut
	// short, a reference not given.
	cut := schemaFile(t, "cut.avsc", `{"type":"record","name":"Cut","fields":[`)
	wantRun(t, withRegistry(t, "", "registry", "check", fresh, cut), 1, "",
		fmt.Sprintf("shore: %s: the schema does not parse: Avro schema: not JSON: line 1, column 41: the JSON ends early\n", cut))
	wantRun(t, withRegistry(t, orderAvsc, "registry", "check", fresh, "-", "--type", "avro"), 1, "",
		`shore: stdin: the schema does not parse: Avro schema: unknown type "shop.Address": not an Avro type, nor a named type defined before its use; if another schema defines it, register that and give --ref shop.Address=SUBJECT`+"\n")
	semi := schemaFile(t, "semi.proto", "syntax = \"proto3\";\nmessage M { string id = 1 int64 n = 2; }\n")
	wantRun(t, withRegistry(t, "", "registry", "check", fresh, semi), 1, "",
		fmt.Sprintf("shore: %s: the schema does not parse: Protobuf schema: line 2, column 27: syntax error: expecting ';'\n", semi))
}

func TestRegistryListAndDelete(t *testing.T) {
	subject := testbroker.Name(t, "events-value")
	dir := writeFiles(t, map[string]string{
		"v1.avsc": fmt.Sprintf(`{"doc":%q,"type":"string"}`, subject),
		"v2.avsc": fmt.Sprintf(`{"doc":%q,"type":"string"}`, subject+"-2"),
	})
	id1, _ := registered(t, subject, filepath.Join(dir, "v1.avsc"))
	id2, _ := registered(t, subject, filepath.Join(dir, "v2.avsc"))

	res := withRegistry(t, "", "registry", "list", "-o", "json")
	var list []struct {
		Subject    string
		Latest, ID int
		Type       string
	}
	if err := json.Unmarshal([]byte(res.Stdout), &list); err != nil || res.Code != 0 {
		t.Fatalf("list -o json: exit %d, %v\n%s%s", res.Code, err, res.Stdout, res.Stderr)
	}
	found := false
	for i, s := range list {
		if i > 0 && list[i-1].Subject >= s.Subject {
			t.Errorf("list is not sorted: %q before %q", list[i-1].Subject, s.Subject)
		}
		if s.Subject == subject {
			found = s.Latest == 2 && s.ID == id2 && s.Type == "AVRO"
		}
	}
	if !found {
		t.Fatalf("list -o json lacks {%s 2 %d AVRO}:\n%s", subject, id2, res.Stdout)
	}
	res = withRegistry(t, "", "registry", "list")
	lines := strings.Split(res.Stdout, "\n")
	want := fmt.Sprintf("%s 2 %d AVRO", subject, id2)
	if res.Code != 0 || strings.Join(strings.Fields(lines[0]), " ") != "SUBJECT LATEST ID TYPE" || !slices.ContainsFunc(lines, func(l string) bool {
		return strings.Join(strings.Fields(l), " ") == want
	}) {
		t.Fatalf("list lacks the row %q:\n%s%s", want, res.Stdout, res.Stderr)
	}

	head := []string{"SUBJECT", "VERSION", "ID", "RESULT"}
	wantRun(t, withRegistry(t, "", "registry", "delete", subject, "--dry-run"), 0,
		table(head, []string{subject, "1", strconv.Itoa(id1), "would soft-delete"}, []string{subject, "2", strconv.Itoa(id2), "would soft-delete"}), "")
	wantRun(t, withRegistry(t, "", "registry", "delete", subject), 2, "",
		"shore: stdin is not a terminal to confirm on: give --yes to delete, or --dry-run to see what would go\n"+seeHelpFor("registry delete"))
	wantRun(t, withRegistry(t, "", "registry", "delete", subject, "latest", "--yes"), 0,
		table(head, []string{subject, "2", strconv.Itoa(id2), "soft-deleted"}), "")
	if !testregistry.Real() {
		// Apicurio keeps listing a soft-deleted version.
		wantRun(t, withRegistry(t, "", "registry", "show", subject, "-o", "json"), 0, fmt.Sprintf(`{
  "subject": %q,
  "version": 1,
  "id": %d,
  "type": "AVRO",
  "references": [],
  "schema": %q
}
`, subject, id1, fmt.Sprintf(`{"doc":%q,"type":"string"}`, subject)), "")
	}
	wantRun(t, withRegistry(t, "", "registry", "delete", subject, "--permanent", "-y", "-o", "json"), 0, fmt.Sprintf(`[
  {
    "subject": %q,
    "version": 1,
    "id": %d,
    "result": "deleted"
  },
  {
    "subject": %q,
    "version": 2,
    "id": %d,
    "result": "deleted"
  }
]
`, subject, id1, subject, id2), "")
	wantRun(t, withRegistry(t, "", "registry", "show", subject), 1, "",
		fmt.Sprintf("shore: schema registry %s has no subject %q\n", testregistry.URL(t), subject))
}

// A subject named twice is listed once, as a topic or a group named twice
// is: list and compat printed its rows twice.
func TestRegistrySubjectNamedTwice(t *testing.T) {
	subject := testbroker.Name(t, "twice-value")
	dir := writeFiles(t, map[string]string{"s.avsc": fmt.Sprintf(`{"doc":%q,"type":"string"}`, subject)})
	id, _ := registered(t, subject, filepath.Join(dir, "s.avsc"))
	wantRun(t, withRegistry(t, "", "registry", "list", subject, subject), 0,
		table([]string{"SUBJECT", "VERSION", "ID", "TYPE"}, []string{subject, "1", strconv.Itoa(id), "AVRO"}), "")
	wantRun(t, withRegistry(t, "", "registry", "compat", subject, subject, "--set", "FULL"), 0,
		table([]string{"SUBJECT", "LEVEL"}, []string{subject, "FULL"}), "")
}

func TestRegistryProtobufWithImport(t *testing.T) {
	common := testbroker.Name(t, "common")
	orders := testbroker.Name(t, "orders-value")
	commonProto := fmt.Sprintf("syntax = \"proto3\";\npackage shop;\n// %s\nmessage Money {\n  int64 cents = 1;\n}\n", common)
	orderProto := "syntax = \"proto3\";\npackage shop;\nimport \"shop/common.proto\";\nmessage Order {\n  string id = 1;\n  Money total = 2;\n}\n"
	dir := writeFiles(t, map[string]string{"common.proto": commonProto, "order.proto": orderProto})
	registered(t, common, filepath.Join(dir, "common.proto"))
	id, version := registered(t, orders, filepath.Join(dir, "order.proto"), "--ref", "shop/common.proto="+common+":1")
	wantRun(t, withRegistry(t, "", "registry", "show", orders), 0, fmt.Sprintf(`SUBJECT     %s
VERSION     %d
ID          %d
TYPE        PROTOBUF
REFERENCES  shop/common.proto = %s version 1

%s`, orders, version, id, common, orderProto), "")
}

// TestRegistryRegisterImportsBeside: register finds the imports of a
// .proto file beside it without -I, as produce --register does, registers
// them under their import paths and says so on stderr, where it sent the
// file alone and the registry refused it for the import it lacked
// ('import "money.proto": no such reference; register money.proto and give
// --ref money.proto=SUBJECT, or give -I DIR, which holds it, ...'). An
// import its subject has already is said to be so. An import that is not
// beside it is named so still.
func TestRegistryRegisterImportsBeside(t *testing.T) {
	t.Parallel()
	money := testbroker.Name(t, "money") + ".proto"
	orders := testbroker.Name(t, "orders-value")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, money), "syntax = \"proto3\";\npackage shop;\nmessage Money {\n  int64 cents = 1;\n}\n")
	order := filepath.Join(dir, "order.proto")
	writeFile(t, order, "syntax = \"proto3\";\npackage shop;\nimport \""+money+"\";\nmessage Order {\n  Money price = 1;\n}\n")
	res := withRegistry(t, "", "registry", "register", orders, order, "-o", "json")
	var got struct{ ID, Version int }
	if res.Code != 0 || json.Unmarshal([]byte(res.Stdout), &got) != nil || got.Version != 1 {
		t.Fatalf("register: exit %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	wantRun(t, res, 0, res.Stdout, fmt.Sprintf("shore: %s refers to the files it imports, registered under their import paths: %s version 1\n", order, money))
	// Again, the import is not registered twice, and the line says so,
	// where it said 'registered ... version 1' of the version it found.
	wantRun(t, withRegistry(t, "", "registry", "register", orders, order, "-o", "json"), 0, res.Stdout,
		fmt.Sprintf("shore: %s refers to the files it imports, which the subjects of their import paths have already: %s version 1\n", order, money))
	tax := testbroker.Name(t, "tax") + ".proto"
	writeFile(t, filepath.Join(dir, tax), "syntax = \"proto3\";\npackage shop;\nmessage Tax {\n  int64 cents = 1;\n}\n")
	invoice := filepath.Join(dir, "invoice.proto")
	writeFile(t, invoice, "syntax = \"proto3\";\npackage shop;\nimport \""+money+"\";\nimport \""+tax+"\";\nmessage Invoice {\n  Money price = 1;\n  Tax tax = 2;\n}\n")
	if res := withRegistry(t, "", "registry", "register", testbroker.Name(t, "invoices-value"), invoice); res.Code != 0 ||
		res.Stderr != fmt.Sprintf("shore: %s refers to the files it imports, registered under their import paths: %s version 1; and to the ones their subjects have already: %s version 1\n", invoice, tax, money) {
		t.Errorf("register %s: exit %d\n%s%s", invoice, res.Code, res.Stdout, res.Stderr)
	}
	if res := withRegistry(t, "", "registry", "show", orders); res.Code != 0 || !strings.Contains(res.Stdout, fmt.Sprintf("\nREFERENCES  %s = %s version 1\n", money, money)) {
		t.Errorf("show %s: exit %d, want a reference to %s:\n%s%s", orders, res.Code, money, res.Stdout, res.Stderr)
	}
	if testregistry.Real() {
		// Apicurio takes a .proto whose import has no reference, so the
		// refusal of one whose import is not beside it is shore dev's.
		return
	}
	lonely := schemaFile(t, "lonely.proto", "syntax = \"proto3\";\nimport \""+money+"\";\nmessage L {\n  shop.Money m = 1;\n}\n")
	wantRun(t, withRegistry(t, "", "registry", "register", orders, lonely), 1, "",
		fmt.Sprintf("shore: %s: the schema does not parse: Protobuf schema: line 2, column 8: import %q: no such reference; register %s and give --ref %s=SUBJECT, or give -I DIR, a directory that holds it, to register it first\n", lonely, money, money, money))
}

// TestRegistryRegisterProtoPath registers a .proto file with -I as
// produce --register does: each import found in DIR, directly or not, under
// its import path as subject, referring to those it imports, the file
// referring to its own, and google/protobuf/ left to the registry. Again,
// every schema keeps its version. An import found in no directory is a usage
// error naming it and where it was looked for, and --ref with -I is one too.
func TestRegistryRegisterProtoPath(t *testing.T) {
	t.Parallel()
	pkg := testbroker.Name(t, "shop")
	orders := testbroker.Name(t, "orders-value")
	protos := t.TempDir()
	if err := os.Mkdir(filepath.Join(protos, pkg), 0o700); err != nil {
		t.Fatal(err)
	}
	money := pkg + "/money.proto"
	line := pkg + "/line.proto"
	for name, text := range map[string]string{
		money: "syntax = \"proto3\";\npackage shop;\nmessage Money {\n  int64 cents = 1;\n}\n",
		line:  "syntax = \"proto3\";\npackage shop;\nimport \"" + money + "\";\nmessage Line {\n  Money price = 1;\n}\n",
	} {
		if err := os.WriteFile(filepath.Join(protos, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	orderProto := "syntax = \"proto3\";\npackage shop;\nimport \"" + line + "\";\nimport \"google/protobuf/timestamp.proto\";\nmessage Order {\n  Line line = 1;\n  google.protobuf.Timestamp at = 2;\n}\n"
	order := schemaFile(t, "order.proto", orderProto)

	id, version := registered(t, orders, order, "-I", protos)
	again, againVersion := registered(t, orders, order, "--proto-path", protos)
	if again != id || againVersion != version {
		t.Errorf("registered again: id %d version %d, want id %d version %d", again, againVersion, id, version)
	}
	wantRun(t, withRegistry(t, "", "registry", "show", orders), 0, fmt.Sprintf(`SUBJECT     %s
VERSION     %d
ID          %d
TYPE        PROTOBUF
REFERENCES  %s = %s version 1

%s`, orders, version, id, line, line, orderProto), "")
	if res := withRegistry(t, "", "registry", "show", line); res.Code != 0 || !strings.Contains(res.Stdout, "\nVERSION     1\n") || !strings.Contains(res.Stdout, "\nREFERENCES  "+money+" = "+money+" version 1\n") {
		t.Errorf("show %s: exit %d, want version 1 referring to %s:\n%s%s", line, res.Code, money, res.Stdout, res.Stderr)
	}
	if res := withRegistry(t, "", "registry", "show", money); res.Code != 0 || !strings.Contains(res.Stdout, "\nVERSION     1\n") || !strings.Contains(res.Stdout, "\nREFERENCES  -\n") {
		t.Errorf("show %s: exit %d, want version 1 without references:\n%s%s", money, res.Code, res.Stdout, res.Stderr)
	}

	elsewhere := t.TempDir()
	wantRun(t, withRegistry(t, "", "registry", "register", orders, order, "-I", elsewhere), 2, "",
		fmt.Sprintf("shore: schema file %s: Protobuf schema: line 3, column 8: import %q: not found in %s, %s\n%s", order, line, elsewhere, filepath.Dir(order), seeHelpFor("registry register")))
	wantRun(t, withRegistry(t, "", "registry", "register", orders, order, "-I", protos, "--ref", line+"="+line), 2, "",
		fmt.Sprintf("shore: --ref and --proto-path both give the imports of %s: -I registers each import it finds under its import path and refers to it; give one of them\n%s", order, seeHelpFor("registry register")))
}

// descriptorProto is a .proto file with a nested message, an enum, an
// import, a oneof and a map, and its text as registry show prints it from
// a base64 FileDescriptorProto: the nested message Line stays before the
// map field whose entry message comes after it.
const (
	descriptorProto = `syntax = "proto3";
package shop;
import "shop/common.proto";
message Order {
  enum Status {
    STATUS_UNSPECIFIED = 0;
    PAID = 1;
  }
  message Line {
    string sku = 1;
    Money price = 2;
  }
  string id = 1;
  repeated Line lines = 2;
  map<string, int64> stock = 3;
  oneof payment {
    string card = 4;
    string iban = 5;
  }
  Status status = 6;
}
`
	descriptorProtoShown = `syntax = "proto3";
package shop;
import "shop/common.proto";
message Order {
  string id = 1;
  repeated Line lines = 2;
  message Line {
    string sku = 1;
    Money price = 2;
  }
  map<string, int64> stock = 3;
  oneof payment {
    string card = 4;
    string iban = 5;
  }
  Status status = 6;
  enum Status {
    STATUS_UNSPECIFIED = 0;
    PAID = 1;
  }
}
`
)

// base64Descriptor is file, a path in dir, compiled, as
// confluent-kafka-python registers it: a base64 FileDescriptorProto.
func base64Descriptor(t *testing.T, dir, file string) string {
	t.Helper()
	raw, err := proto.Marshal(protodesc.ToFileDescriptorProto(compileProto(t, dir, file)[0]))
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(raw)
}

// jsonText is s, text without control characters but newlines, as -o json
// writes a string: quotes, backslashes and newlines escaped, and nothing
// else (a .proto's map<string, int64> as it is).
func jsonText(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// TestRegistryShowsDescriptorAsSource shows a Protobuf schema registered
// as a base64 FileDescriptorProto, as confluent-kafka-python registers one
// (and Apicurio and shore dev keep it), as .proto source, which registers
// again under another subject with the same reference.
func TestRegistryShowsDescriptorAsSource(t *testing.T) {
	common := testbroker.Name(t, "common")
	orders := testbroker.Name(t, "orders-value")
	dir := shopProtos(t, descriptorProto)
	cl := testregistry.Client(t)
	ctx := context.Background()
	if _, err := cl.CreateSchema(ctx, common, sr.Schema{Schema: base64Descriptor(t, dir, "shop/common.proto"), Type: sr.TypeProtobuf}); err != nil {
		t.Fatal(err)
	}
	kept := base64Descriptor(t, dir, "shop/order.proto")
	ss, err := cl.CreateSchema(ctx, orders, sr.Schema{Schema: kept, Type: sr.TypeProtobuf, References: []sr.SchemaReference{{Name: "shop/common.proto", Subject: common, Version: 1}}})
	if err != nil {
		t.Fatal(err)
	}

	wantRun(t, withRegistry(t, "", "registry", "show", orders), 0, fmt.Sprintf(`SUBJECT     %s
VERSION     1
ID          %d
TYPE        PROTOBUF
REFERENCES  shop/common.proto = %s version 1
STORED AS   a base64 FileDescriptorProto, shown as .proto source

%s`, orders, ss.ID, common, descriptorProtoShown), "")
	wantRun(t, withRegistry(t, "", "registry", "show", common, "-o", "schema"), 0, `syntax = "proto3";
package shop;
message Money {
  string currency = 1;
  int64 cents = 2;
}
`, "")
	res := withRegistry(t, "", "registry", "show", orders, "-o", "json")
	wantRun(t, res, 0, fmt.Sprintf(`{
  "subject": %q,
  "version": 1,
  "id": %d,
  "type": "PROTOBUF",
  "references": [
    {
      "name": "shop/common.proto",
      "subject": %q,
      "version": 1
    }
  ],
  "schema": %s,
  "descriptor": %q
}
`, orders, ss.ID, common, jsonText(descriptorProtoShown), kept), "")

	wantRun(t, withRegistry(t, "", "registry", "show", "--id", strconv.Itoa(ss.ID), "-o", "schema"), 0, descriptorProtoShown, "")

	// What -o schema writes is a schema file that check and register take.
	shown := withRegistry(t, "", "registry", "show", orders, "-o", "schema")
	wantRun(t, shown, 0, descriptorProtoShown, "")
	file := schemaFile(t, "order.proto", shown.Stdout)
	check := withRegistry(t, "", "registry", "check", orders, file, "--ref", "shop/common.proto="+common)
	if check.Code != 0 || !strings.HasSuffix(check.Stdout, " compatible\n") || check.Stderr != "" {
		t.Fatalf("check of the text shown: exit %d\n%s%s", check.Code, check.Stdout, check.Stderr)
	}
	if !testregistry.Real() {
		// Registered back under its subject, it is the version there,
		// as Confluent's registry finds a Protobuf schema by what it
		// means: shore dev's added a version 2 with a new id.
		wantRun(t, withRegistry(t, "", "registry", "register", orders, file, "--ref", "shop/common.proto="+common), 0,
			table([]string{"SUBJECT", "VERSION", "ID"}, []string{orders, "1", strconv.Itoa(ss.ID)}), "")
		respaced := schemaFile(t, "respaced.proto", strings.ReplaceAll(strings.ReplaceAll(shown.Stdout, "\n", "\n\n"), " = ", "="))
		wantRun(t, withRegistry(t, "", "registry", "register", orders, respaced, "--ref", "shop/common.proto="+common), 0,
			table([]string{"SUBJECT", "VERSION", "ID"}, []string{orders, "1", strconv.Itoa(ss.ID)}), "")
	}
	again := testbroker.Name(t, "orders-again-value")
	registered(t, again, file, "--ref", "shop/common.proto="+common)
	wantRun(t, withRegistry(t, "", "registry", "show", again, "-o", "schema"), 0, descriptorProtoShown, "")
}

// TestRegistryShowJSONKeepsMarkup: -o json writes the <, > and & of a
// schema as they are, as the table and -o schema show them, not as
// encoding/json's \u003c, \u003e and \u0026.
func TestRegistryShowJSONKeepsMarkup(t *testing.T) {
	subject := testbroker.Name(t, "markup-value")
	// The doc names the subject, so that this run's schema has an id
	// of its own.
	text := fmt.Sprintf(`{"doc":"<b>%s</b> & more","fields":[{"name":"f","type":"string"}],"name":"R","type":"record"}`, subject)
	id, _ := registered(t, subject, schemaFile(t, "r.avsc", text))
	wantRun(t, withRegistry(t, "", "registry", "show", subject, "-o", "json"), 0, fmt.Sprintf(`{
  "subject": "%[1]s",
  "version": 1,
  "id": %[2]d,
  "type": "AVRO",
  "references": [],
  "schema": "{\"doc\":\"<b>%[1]s</b> & more\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"}],\"name\":\"R\",\"type\":\"record\"}"
}
`, subject, id), "")
}

// TestRegistryShowsDescriptorWithoutReference shows a base64 descriptor
// that does not compile, for want of the reference its import needs (a
// registry that does not compile schemas keeps it), as kept, and says why
// on stderr.
func TestRegistryShowsDescriptorWithoutReference(t *testing.T) {
	dir := shopProtos(t, descriptorProto)
	kept := base64Descriptor(t, dir, "shop/order.proto")
	fake := srfake.New()
	t.Cleanup(fake.Close)
	fake.SeedSchema("orders-value", 1, 7, sr.Schema{Schema: kept, Type: sr.TypeProtobuf})
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_REGISTRY_URL": fake.URL()}}, "registry", "show", "orders-value", "-o", "schema")
	wantRun(t, res, 0, kept+"\n", `shore: warning: schema id 7 is shown as the registry keeps it, a base64 FileDescriptorProto, not as .proto source: shop/order.proto: import "shop/common.proto": no such reference`+"\n")
}

// webConsole serves a web console that answers every path with its page,
// 200, as a single-page app does, or a login page a redirect leads to; it
// returns its URL.
func webConsole(t *testing.T) string {
	t.Helper()
	console := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!doctype html><html><body>Console</body></html>\n")
	}))
	t.Cleanup(console.Close)
	return console.URL
}

func TestRegistryErrors(t *testing.T) {
	closed := "http://" + testbroker.Closed(t)
	url := testregistry.URL(t)
	missing := testbroker.Name(t, "missing")
	// A web server that is no registry, as python3 -m http.server answers:
	// an HTML page, 404 for GET and 501 for other methods.
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		code := http.StatusNotImplemented
		if r.Method == http.MethodGet {
			code = http.StatusNotFound
		}
		w.WriteHeader(code)
		fmt.Fprintf(w, "<html><body><h1>Error response</h1><p>Error code: %d</p></body></html>\n", code)
	}))
	t.Cleanup(web.Close)
	console := webConsole(t)
	// A registry that denies everything, as Confluent's with RBAC answers
	// a principal without a role.
	denied := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"error_code":40301,"message":"User is denied operation on this server."}`)
	}))
	t.Cleanup(denied.Close)
	// A service that answers every path with JSON of its own, which
	// decodes to a schema lookup's answer without a schema.
	status := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"foo":1}`)
	}))
	t.Cleanup(status.Close)
	// A URL that redirects to a host that refuses connections.
	moved := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, closed+r.URL.Path, http.StatusMovedPermanently)
	}))
	t.Cleanup(moved.Close)
	avsc := schemaFile(t, "user.avsc", userAvsc)
	present := testbroker.Name(t, "present")
	registered(t, present, avsc)
	for _, tc := range []struct {
		args   []string
		env    map[string]string
		stderr string
	}{
		{[]string{"registry", "list"}, map[string]string{"SHORE_REGISTRY_URL": closed}, "shore: cannot reach schema registry " + closed + ": connection refused\n"},
		{[]string{"registry", "show", missing}, nil, fmt.Sprintf("shore: schema registry %s has no subject %q\n", url, missing)},
		{[]string{"registry", "show", present, "99"}, nil, fmt.Sprintf("shore: schema registry %s has no version 99 of subject %q\n", url, present)},
		{[]string{"registry", "show", "--id", "987654321"}, nil, "shore: schema registry " + url + " has no schema with id 987654321\n"},
		// produce's id:N, which show takes with --id, is told so
		{[]string{"registry", "show", "id:987654321"}, nil, "shore: schema registry " + url + " has no subject \"id:987654321\"; a schema by its id is shown with --id: shore registry show --id 987654321\n"},
		// A reference to a version that is not there is named as such,
		// not in the raw JSON of the registry's refusal.
		{[]string{"registry", "register", missing, schemaFile(t, "order.avsc", orderAvsc), "--ref", "shop.Address=" + present + ":5"}, nil, fmt.Sprintf("shore: reference shop.Address: schema registry %s has no version 5 of subject %q\n", url, present)},
		{[]string{"registry", "list", "--registry", denied.URL}, nil, "shore: schema registry " + denied.URL + " denied access to the registry (HTTP 403 for GET /subjects)\n"},
		{[]string{"registry", "check", missing, avsc, "--registry", denied.URL}, nil, fmt.Sprintf("shore: schema registry %s denied access to subject %q (HTTP 403 for POST /compatibility/subjects/%s/versions)\n", denied.URL, missing, missing)},
		{[]string{"registry", "check", missing, avsc, "--version", "latest", "--registry", denied.URL}, nil, fmt.Sprintf("shore: schema registry %s denied access to the latest version of subject %q (HTTP 403 for POST /compatibility/subjects/%s/versions/latest)\n", denied.URL, missing, missing)},
		{[]string{"registry", "compat", "--registry", closed}, nil, "shore: cannot reach schema registry " + closed + ": connection refused\n"},
		{[]string{"registry", "list", "--registry", web.URL}, nil, "shore: " + web.URL + " does not answer as a schema registry (HTTP 404 for GET /subjects); an Apicurio registry's URL ends in /apis/ccompat/v7\n"},
		// Confluent's registry and shore dev's serve at the root, where
		// Apicurio's path sends a 404.
		{[]string{"registry", "show", missing, "--registry", web.URL + "/apis/ccompat/v7/"}, nil, "shore: " + web.URL + "/apis/ccompat/v7 does not answer as a schema registry (HTTP 404 for GET /subjects/" + missing + "/versions/latest); Confluent's registry and shore dev's answer at the root, not under /apis/ccompat/v7: try " + web.URL + "\n"},
		{[]string{"registry", "register", missing, avsc, "--registry", web.URL}, nil, "shore: " + web.URL + " does not answer as a schema registry (HTTP 501 for POST /subjects/" + missing + "/versions)\n"},
		// A URL copied from a request to the registry's API (curl
		// $URL/subjects), which named no URL to try instead.
		{[]string{"registry", "list", "--registry", web.URL + "/subjects"}, nil, "shore: " + web.URL + "/subjects does not answer as a schema registry (HTTP 404 for GET /subjects); the URL goes on into the registry's API (/subjects), which shore asks for itself: try " + web.URL + "\n"},
		{[]string{"registry", "register", missing, avsc, "--registry", web.URL + "/apis/ccompat/v7/schemas/ids/1/"}, nil, "shore: " + web.URL + "/apis/ccompat/v7/schemas/ids/1 does not answer as a schema registry (HTTP 501 for POST /subjects/" + missing + "/versions); the URL goes on into the registry's API (/schemas/ids/1), which shore asks for itself: try " + web.URL + "/apis/ccompat/v7\n"},
		{[]string{"registry", "compat", "--set", "none", "--registry", web.URL}, nil, "shore: " + web.URL + " does not answer as a schema registry (HTTP 501 for PUT /config)\n"},
		{[]string{"registry", "list", "--registry", console}, nil, "shore: " + console + " does not answer as a schema registry (HTTP 200 for GET /subjects, an answer that is not a registry's JSON)\n"},
		{[]string{"registry", "register", missing, avsc, "--registry", console + "/ui/"}, nil, "shore: " + console + "/ui does not answer as a schema registry (HTTP 200 for POST /subjects/" + missing + "/versions, an answer that is not a registry's JSON)\n"},
		{[]string{"registry", "show", missing, "--registry", status.URL}, nil, "shore: " + status.URL + " does not answer as a schema registry (HTTP 200 for GET /subjects/" + missing + "/versions/latest, an answer that holds no schema)\n"},
		{[]string{"registry", "show", missing, "3", "--registry", status.URL}, nil, "shore: " + status.URL + " does not answer as a schema registry (HTTP 200 for GET /subjects/" + missing + "/versions/3, an answer that holds no schema)\n"},
		{[]string{"registry", "show", missing, "--registry", moved.URL}, nil, "shore: cannot reach schema registry " + moved.URL + ", redirected to " + closed + "/subjects/" + missing + "/versions/latest: connection refused\n"},
	} {
		env := map[string]string{"SHORE_REGISTRY_URL": url}
		for k, v := range tc.env {
			env[k] = v
		}
		wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: env}, tc.args...), 1, "", tc.stderr)
	}
}

func TestRegistryUsageErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{"s.txt": "x", "empty.avsc": "", "s.avro": `"string"`, "p.avsc": `"string"`})
	for _, tc := range []struct {
		args []string
		msg  string
		help string
	}{
		{[]string{"show"}, "give SUBJECT [VERSION] or --id ID", seeHelpFor("registry show")},
		{[]string{"show", "s", "--id", "3"}, "give SUBJECT [VERSION] or --id, not both", seeHelpFor("registry show")},
		{[]string{"show", "--id", "0"}, "--id 0: want a schema id from 1 to 2147483647", seeHelpFor("registry show")},
		{[]string{"show", "--id", "2147483648"}, "--id 2147483648: want a schema id from 1 to 2147483647", seeHelpFor("registry show")},
		{[]string{"show", "--id", "99999999999999999999"}, "--id 99999999999999999999: out of range: want a whole number from 1 to 2147483647", seeHelpFor("registry show")},
		{[]string{"show", "s", "2147483648"}, `version "2147483648": out of range: want a number from 1 to 2147483647, or latest`, seeHelpFor("registry show")},
		{[]string{"delete", "s", "99999999999999999999", "--dry-run"}, `version "99999999999999999999": out of range: want a number from 1 to 2147483647, or latest`, seeHelpFor("registry delete")},
		{[]string{"show", "--id", "3", "--deleted"}, "--deleted is for SUBJECT [VERSION]; --id finds a soft-deleted schema without it", seeHelpFor("registry show")},
		{[]string{"show", "s", "0"}, `version "0": want a number from 1, or latest`, seeHelpFor("registry show")},
		{[]string{"show", "s", "-1"}, "-1 is read as a flag, not a VERSION: write latest (the registry's -1) or a number from 1", seeHelpFor("registry show")},
		{[]string{"delete", "s", "-2", "--dry-run"}, "-2 is read as a flag, not a VERSION: write latest (the registry's -1) or a number from 1", seeHelpFor("registry delete")},
		{[]string{"show", "s", "-o", "yaml"}, `--output "yaml": want table, json or schema`, seeHelpFor("registry show")},
		{[]string{"register", "s", filepath.Join(dir, "s.txt")}, "cannot tell the schema type of " + filepath.Join(dir, "s.txt") + " from its name (.avsc, .proto or .json); give --type", seeHelpFor("registry register")},
		{[]string{"register", "s", filepath.Join(dir, "s.avro")}, filepath.Join(dir, "s.avro") + ": .avro names an Avro data file, not a schema: an Avro schema is a .avsc file", seeHelpFor("registry register")},
		{[]string{"register", "s", "-"}, "a schema on stdin needs --type", seeHelpFor("registry register")},
		{[]string{"register", "s", filepath.Join(dir, "s.txt"), "--type", "xml"}, `--type "xml": want avro, protobuf or json`, seeHelpFor("registry register")},
		{[]string{"register", "s", filepath.Join(dir, "empty.avsc")}, "schema file " + filepath.Join(dir, "empty.avsc") + ": is empty", seeHelpFor("registry register")},
		{[]string{"register", "s", filepath.Join(dir, "missing.avsc")}, "schema file " + filepath.Join(dir, "missing.avsc") + ": no such file or directory", seeHelpFor("registry register")},
		{[]string{"register", "s", filepath.Join(dir, "empty.avsc"), "--ref", "shop.Address"}, `--ref: reference "shop.Address": want NAME=SUBJECT[:VERSION]`, seeHelpFor("registry register")},
		{[]string{"register", "s", filepath.Join(dir, "empty.avsc"), "--ref", "shop.A=a", "--ref", "shop.A=a"}, `--ref: reference "shop.A" is given twice (shop.A=a, then shop.A=a): a name refers to one schema`, seeHelpFor("registry register")},
		{[]string{"check", "s", filepath.Join(dir, "empty.avsc"), "--ref", "shop.A=a:1", "--ref", "shop.B=b", "--ref", "shop.A=c"}, `--ref: reference "shop.A" is given twice (shop.A=a:1, then shop.A=c): a name refers to one schema`, seeHelpFor("registry check")},
		{[]string{"check", "s", filepath.Join(dir, "empty.avsc"), "--ref", "A=b:x"}, `--ref: reference "A=b:x": version "x": want a number from 1, or latest`, seeHelpFor("registry check")},
		{[]string{"check", "s", filepath.Join(dir, "empty.avsc"), "--version", "none"}, `--version "none": want all, latest or a number from 1`, seeHelpFor("registry check")},
		{[]string{"check", "s", filepath.Join(dir, "empty.avsc"), "--version", "2147483648"}, `--version "2147483648": out of range: want all, latest or a number from 1 to 2147483647`, seeHelpFor("registry check")},
		{[]string{"register", "s", filepath.Join(dir, "empty.avsc"), "--ref", "A=b:99999999999999999999"}, `--ref: reference "A=b:99999999999999999999": version "99999999999999999999": out of range: want a number from 1 to 2147483647, or latest`, seeHelpFor("registry register")},
		{[]string{"compat", "--set", "sideways"}, `--set "sideways": want one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE`, seeHelpFor("registry compat")},
		{[]string{"delete", "s", "--dry-run", "--yes"}, "--dry-run and --yes contradict each other: choose one", seeHelpFor("registry delete")},
		{[]string{"compat", "--unset"}, "--unset needs a SUBJECT whose own level to remove; the global level is changed with --set", seeHelpFor("registry compat")},
		{[]string{"compat", "s", "--unset", "--set", "full"}, "--set and --unset contradict each other: choose one", seeHelpFor("registry compat")},
		{[]string{"show", ""}, "empty subject name", seeHelpFor("registry show")},
		{[]string{"show", "", "1"}, "empty subject name", seeHelpFor("registry show")},
		{[]string{"register", "", filepath.Join(dir, "s.txt")}, "empty subject name", seeHelpFor("registry register")},
		{[]string{"check", "", filepath.Join(dir, "s.txt")}, "empty subject name", seeHelpFor("registry check")},
		{[]string{"compat", "s", ""}, "empty subject name", seeHelpFor("registry compat")},
		{[]string{"delete", "", "--dry-run"}, "empty subject name", seeHelpFor("registry delete")},
		// SUBJECT and FILE the other way round, which was told to give --type
		{[]string{"register", filepath.Join(dir, "p.avsc"), "p-value"}, filepath.Join(dir, "p.avsc") + " is a schema file and p-value is no file: SUBJECT comes first, then FILE: shore registry register p-value " + filepath.Join(dir, "p.avsc"), seeHelpFor("registry register")},
		{[]string{"check", filepath.Join(dir, "p.avsc"), "p-value", "--type", "avro"}, filepath.Join(dir, "p.avsc") + " is a schema file and p-value is no file: SUBJECT comes first, then FILE: shore registry check p-value " + filepath.Join(dir, "p.avsc"), seeHelpFor("registry check")},
		// FILE "$F" with F unset
		{[]string{"register", "s", ""}, `schema file "": empty file name`, seeHelpFor("registry register")},
		{[]string{"check", "s", "", "--type", "avro"}, `schema file "": empty file name`, seeHelpFor("registry check")},
		{[]string{"delete"}, "registry delete: missing SUBJECT (usage: shore registry delete SUBJECT [VERSION])", seeHelpFor("registry delete")},
		// rpk's and the Confluent CLI's names for the verbs
		{[]string{"subjects"}, `unknown command "subjects" for "shore registry" (did you mean list?)`, seeHelpFor("registry")},
		{[]string{"get", "s"}, `unknown command "get" for "shore registry" (did you mean show?)`, seeHelpFor("registry")},
		{[]string{"describe", "s"}, `unknown command "describe" for "shore registry" (did you mean show?)`, seeHelpFor("registry")},
		{[]string{"create", "s"}, `unknown command "create" for "shore registry" (did you mean register?)`, seeHelpFor("registry")},
		{[]string{"check-compatibility", "s"}, `unknown command "check-compatibility" for "shore registry" (did you mean check?)`, seeHelpFor("registry")},
		{[]string{"compatibility"}, `unknown command "compatibility" for "shore registry" (did you mean check or compat?)`, seeHelpFor("registry")},
		{[]string{"compatibility-level"}, `unknown command "compatibility-level" for "shore registry" (did you mean compat?)`, seeHelpFor("registry")},
	} {
		res := withRegistry(t, "", append([]string{"registry"}, tc.args...)...)
		wantRun(t, res, 2, "", "shore: "+tc.msg+"\n"+tc.help)
	}
	res := withRegistry(t, "", "registry", "register", "s", "-", "--type", "avro")
	wantRun(t, res, 2, "", "shore: schema file stdin: is empty\n"+seeHelpFor("registry register"))
}

// TestDevRegistryKeepsSchemas checks shore dev's promise: with --data-dir,
// schemas survive a restart with their ids.
func TestDevRegistryKeepsSchemas(t *testing.T) {
	data := t.TempDir()
	schemas := writeFiles(t, map[string]string{"u.avsc": userAvsc})
	_, url, stop := startDevRegistry(t, "--listen", "127.0.0.1:0", "--data-dir", data)
	env := map[string]string{"SHORE_REGISTRY_URL": url}
	res := shoretest.RunWith(t, shoretest.Opts{Env: env}, "registry", "register", "users-value", filepath.Join(schemas, "u.avsc"))
	wantRun(t, res, 0, table([]string{"SUBJECT", "VERSION", "ID"}, []string{"users-value", "1", "1"}), "")
	if code, stderr := stop(); code != 0 {
		t.Fatalf("stop: exit %d: %s", code, stderr)
	}
	_, url, _ = startDevRegistry(t, "--listen", "127.0.0.1:0", "--data-dir", data)
	env["SHORE_REGISTRY_URL"] = url
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: env}, "registry", "list"), 0,
		table([]string{"SUBJECT", "LATEST", "ID", "TYPE"}, []string{"users-value", "1", "1", "AVRO"}), "")
}

// TestRegistryDeleteAsks: on a terminal, delete asks and does nothing
// unless the answer is yes.
func TestRegistryDeleteAsks(t *testing.T) {
	subject := testbroker.Name(t, "asked-value")
	dir := writeFiles(t, map[string]string{"s.avsc": fmt.Sprintf(`{"doc":%q,"type":"string"}`, subject)})
	id, _ := registered(t, subject, filepath.Join(dir, "s.avsc"))
	env := map[string]string{"SHORE_REGISTRY_URL": testregistry.URL(t), "HOME": t.TempDir()}
	run := func(answer string, args ...string) (int, string, string) {
		streams, out, errOut := cmd.TestStreams(answer)
		streams.InTTY = true
		code := cmd.Run(context.Background(), append([]string{"registry", "delete"}, args...), streams, env)
		return code, out.String(), errOut.String()
	}
	prompt := fmt.Sprintf("Soft-delete version 1 of subject %q? [y/N] ", subject)
	if code, out, errOut := run("n\n", subject); code != 1 || out != "" || errOut != prompt+"shore: nothing deleted: not confirmed\n" {
		t.Fatalf("answered no: exit %d stdout %q stderr %q", code, out, errOut)
	}
	if code, out, errOut := run("yes\n", subject); code != 0 || errOut != prompt || out != table([]string{"SUBJECT", "VERSION", "ID", "RESULT"}, []string{subject, "1", strconv.Itoa(id), "soft-deleted"}) {
		t.Fatalf("answered yes: exit %d stdout %q stderr %q", code, out, errOut)
	}
	// Several versions are named in one list.
	three := testbroker.Name(t, "three-value")
	for v := range 3 {
		dir := writeFiles(t, map[string]string{"s.avsc": fmt.Sprintf(`{"doc":"%s %d","type":"string"}`, three, v)})
		registered(t, three, filepath.Join(dir, "s.avsc"))
	}
	prompt = fmt.Sprintf("Permanently delete versions 1, 2 and 3 of subject %q? [y/N] ", three)
	if code, out, errOut := run("n\n", three, "--permanent"); code != 1 || out != "" || errOut != prompt+"shore: nothing deleted: not confirmed\n" {
		t.Fatalf("three versions: exit %d stdout %q stderr %q", code, out, errOut)
	}
}

// TestRegistryCompletion: TAB completes subjects for SUBJECT, files after.
func TestRegistryCompletion(t *testing.T) {
	prefix := testbroker.Name(t, "done")
	dir := writeFiles(t, map[string]string{"s.avsc": fmt.Sprintf(`{"doc":%q,"type":"string"}`, prefix)})
	registered(t, prefix+"-b", filepath.Join(dir, "s.avsc"))
	registered(t, prefix+"-a", filepath.Join(dir, "s.avsc"))
	wantRun(t, withRegistry(t, "", "__complete", "registry", "show", prefix), 0,
		prefix+"-a\n"+prefix+"-b\n:4\n", "Completion ended with directive: ShellCompDirectiveNoFileComp\n")
	wantRun(t, withRegistry(t, "", "__complete", "registry", "compat", prefix+"-a", prefix), 0,
		prefix+"-b\n:4\n", "Completion ended with directive: ShellCompDirectiveNoFileComp\n")
	wantRun(t, withRegistry(t, "", "__complete", "registry", "check", prefix+"-a", ""), 0,
		":0\n", "Completion ended with directive: ShellCompDirectiveDefault\n")
}

// registry compat SUBJECT for a subject the registry does not know (no
// version, no level of its own) would print the global level as if it
// were the subject's: a typo went unnoticed. It is named on stderr, exit 1,
// and the subjects it knows are still printed.
func TestRegistryCompatUnknownSubject(t *testing.T) {
	if testregistry.Real() {
		t.Skip("how a registry answers GET /config/S for a subject without a level of its own differs: Confluent's 40408, as shore dev's, is what this checks")
	}
	dir := writeFiles(t, map[string]string{"user.avsc": userAvsc})
	users := testbroker.Name(t, "users-value")
	registered(t, users, filepath.Join(dir, "user.avsc"))
	// Set ahead of the first version, a level of its own is known.
	ahead := testbroker.Name(t, "ahead-value")
	wantRun(t, withRegistry(t, "", "registry", "compat", ahead, "--set", "full"), 0,
		table([]string{"SUBJECT", "LEVEL"}, []string{ahead, "FULL"}), "")
	typo := users + "x"
	unknown := fmt.Sprintf("shore: subject %q (did you mean %q?) is not registered and has no compatibility level of its own (the global level, BACKWARD, would apply)\n", typo, users)

	// A registered subject without a level of its own falls back to the
	// global level, as before.
	wantRun(t, withRegistry(t, "", "registry", "compat", users, ahead), 0,
		table([]string{"SUBJECT", "LEVEL"}, []string{users, "BACKWARD"}, []string{ahead, "FULL"}), "")
	wantRun(t, withRegistry(t, "", "registry", "compat", typo), 1, "", unknown)
	wantRun(t, withRegistry(t, "", "registry", "compat", users, typo), 1,
		table([]string{"SUBJECT", "LEVEL"}, []string{users, "BACKWARD"}), unknown)
	wantRun(t, withRegistry(t, "", "registry", "compat", typo, "-o", "json"), 1, "[]\n", unknown)
	// The levels come first, then what was left out, as registry list
	// SUBJECT... has them.
	env := map[string]string{"SHORE_REGISTRY_URL": testregistry.URL(t)}
	if shown, code := oneStream(t, env, "registry", "compat", users, typo); code != 1 || shown != table([]string{"SUBJECT", "LEVEL"}, []string{users, "BACKWARD"})+unknown {
		t.Fatalf("registry compat on one terminal: exit %d\n%s\nwant exit 1, the table, then the line", code, shown)
	}
	wantRun(t, withRegistry(t, "", "registry", "compat", typo, "--unset"), 1, "", unknown)
	// --unset of the level set ahead of the first version removes it: the
	// global level is in force, and the subject was no typo.
	wantRun(t, withRegistry(t, "", "registry", "compat", ahead, "--unset"), 0,
		table([]string{"SUBJECT", "LEVEL"}, []string{ahead, "BACKWARD"}), "")
	// A soft-deleted subject is told as such, not as unregistered.
	gone := testbroker.Name(t, "gone-value")
	registered(t, gone, filepath.Join(dir, "user.avsc"))
	if res := withRegistry(t, "", "registry", "delete", gone, "--yes"); res.Code != 0 {
		t.Fatalf("delete: exit %d stderr %q", res.Code, res.Stderr)
	}
	wantRun(t, withRegistry(t, "", "registry", "compat", gone), 1, "",
		fmt.Sprintf("shore: subject %q is soft-deleted (shore registry list --deleted) and has no compatibility level of its own (the global level, BACKWARD, would apply)\n", gone))
}

// TestRegistryRefusesUnresolvedRef: a JSON Schema whose $ref names no
// reference does not parse, for registry check and for the registry
// (shore dev's refuses it as Confluent's does), so register fails.
func TestRegistryRefusesUnresolvedRef(t *testing.T) {
	if testregistry.Real() {
		t.Skip("Apicurio takes any schema unless a validity rule is set")
	}
	subject := testbroker.Name(t, "ref-value")
	ref := schemaFile(t, "ref.json", `{"type":"object","properties":{"to":{"$ref":"address.json"}}}`)
	res := withRegistry(t, "", "registry", "register", subject, ref)
	wantRun(t, res, 1, "", fmt.Sprintf("shore: %s: the schema does not parse: JSON schema: cannot resolve $ref \"address.json\": shore follows a $ref only to a registered reference, not to a file or URL; register address.json and give --ref address.json=SUBJECT\n", ref))
}

// TestRegistryJSONRefByURL: a JSON Schema reference named by the URL that
// a $ref reaches (an absolute $ref, or a relative one against the schema's
// absolute $id) is found there, as Confluent's serializers find it, for
// register, produce and consume.
func TestRegistryJSONRefByURL(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	address := testbroker.Name(t, "address")
	registered(t, address, schemaFile(t, "address.json", `{"$id":"https://example.com/s/address.json","type":"object","properties":{"city":{"type":"string"}},"required":["city"]}`))
	person := schemaFile(t, "person.json", `{"$id":"https://example.com/s/person.json","type":"object","properties":{"home":{"$ref":"address.json"},"work":{"$ref":"https://example.com/s/address.json"}}}`)
	registered(t, topic+"-value", person, "--ref", "https://example.com/s/address.json="+address)
	wantRun(t, withRegistry(t, `{"home":{"city":"a"},"work":{"city":"b"}}`+"\n"+`{"home":{}}`+"\n", "produce", topic, "--value-schema", "topic"), 1, "",
		"shore: stdin line 2: not delivered: value: does not fit the JSON schema: at /home: missing property 'city'\nshore: 1 of 2 records not delivered\n")
	wantRun(t, withRegistry(t, "", "consume", topic, "--decode", "value", "-e"), 0, `{"home":{"city":"a"},"work":{"city":"b"}}`+"\n", "")
}

// TestRegistryRegisterUnparsable: a schema the registry refuses as invalid
// is named by its file, with the line and column where it goes wrong, for
// register and for a check against versions (where the registry reads the
// schema); the registry's own reason for a cut-short Avro file was
// 'unknown type' and the file's text.
func TestRegistryRegisterUnparsable(t *testing.T) {
	if testregistry.Real() {
		t.Skip("Apicurio takes any schema unless a validity rule is set")
	}
	subject := testbroker.Name(t, "unparsable-value")
	registered(t, subject, schemaFile(t, "user.avsc", userAvsc))
	cut := schemaFile(t, "cut.avsc", "{\"type\":\"record\",\n \"name\":\"Cut\",\"fields\":[")
	semi := "syntax = \"proto3\";\nmessage M { string id = 1 int64 n = 2; }\n"
	imports := "syntax = \"proto3\";\nimport \"a.proto\";\nmessage B { A a = 1; }\n"
	// register names -I, which registers the import, where it named only
	// --ref; check, which registers nothing, names the import beside the
	// file, which register registers (TestRegistryRegisterImportsBeside)
	dir := writeFiles(t, map[string]string{"b.proto": imports, "a.proto": "syntax = \"proto3\";\nmessage A {}\n"})
	besideFile := filepath.Join(dir, "b.proto")
	missing := map[string]string{
		"register": "; register a.proto and give --ref a.proto=SUBJECT, or give -I DIR, a directory that holds it, to register it first\n",
		"check":    "; register a.proto and give --ref a.proto=SUBJECT\n",
	}
	wantRun(t, withRegistry(t, "", "registry", "check", subject, besideFile), 1, "",
		"shore: "+besideFile+": the schema does not parse: Protobuf schema: line 2, column 8: import \"a.proto\": no such reference"+missing["check"])
	for _, verb := range []string{"register", "check"} {
		wantRun(t, withRegistry(t, "", "registry", verb, subject, cut), 1, "",
			fmt.Sprintf("shore: %s: the schema does not parse: Avro schema: not JSON: line 2, column 25: the JSON ends early\n", cut))
		wantRun(t, withRegistry(t, semi, "registry", verb, subject, "-", "--type", "protobuf"), 1, "",
			"shore: stdin: the schema does not parse: Protobuf schema: line 2, column 27: syntax error: expecting ';'\n")
		wantRun(t, withRegistry(t, imports, "registry", verb, subject, "-", "--type", "protobuf"), 1, "",
			"shore: stdin: the schema does not parse: Protobuf schema: line 2, column 8: import \"a.proto\": no such reference"+missing[verb])
		// A typo of a type Avro has, or the schema defines, or of a file
		// Protobuf has, is no reference to register and give with --ref.
		wantRun(t, withRegistry(t, `{"type":"record","name":"R","fields":[{"name":"a","type":"strin"}]}`, "registry", verb, subject, "-", "--type", "avro"), 1, "",
			"shore: stdin: the schema does not parse: Avro schema: unknown type \"strin\" (did you mean \"string\"?): not an Avro type, nor a named type defined before its use\n")
		wantRun(t, withRegistry(t, `{"type":"record","name":"R","namespace":"shop","fields":[{"name":"a","type":{"type":"record","name":"Address","fields":[]}},{"name":"b","type":"shop.Adress"}]}`, "registry", verb, subject, "-", "--type", "avro"), 1, "",
			"shore: stdin: the schema does not parse: Avro schema: unknown type \"shop.Adress\" (did you mean \"shop.Address\"?): not an Avro type, nor a named type defined before its use\n")
		wantRun(t, withRegistry(t, `{"type":"record","name":"R","fields":[{"name":"b","type":"Address"},{"name":"a","type":{"type":"record","name":"Address","fields":[]}}]}`, "registry", verb, subject, "-", "--type", "avro"), 1, "",
			"shore: stdin: the schema does not parse: Avro schema: type \"Address\" is used before it is defined: Avro wants a named type defined where it is first used\n")
		wantRun(t, withRegistry(t, "syntax = \"proto3\";\nimport \"google/protobuf/timestmp.proto\";\nmessage B {}\n", "registry", verb, subject, "-", "--type", "protobuf"), 1, "",
			"shore: stdin: the schema does not parse: Protobuf schema: line 2, column 8: import \"google/protobuf/timestmp.proto\": Protobuf has no such file (did you mean \"google/protobuf/timestamp.proto\"?)\n")
		wantRun(t, withRegistry(t, "syntax = \"proto3\";\nmessage B {\n  strng name = 1;\n}\n", "registry", verb, subject, "-", "--type", "protobuf"), 1, "",
			"shore: stdin: the schema does not parse: Protobuf schema: line 3, column 3: field B.name: unknown type strng (did you mean \"string\"?)\n")
		// A bare type name is no schema to a registry, which reads JSON;
		// check of a new subject passed it, and register was refused.
		// .proto text given as Avro is placed as not JSON, where hamba
		// took the whole file for an unknown type's name.
		for _, text := range []string{"string", "string\n", semi} {
			wantRun(t, withRegistry(t, text, "registry", verb, subject+"-new", "-", "--type", "avro"), 1, "",
				"shore: stdin: the schema does not parse: Avro schema: not JSON: line 1, column 1: invalid character 's' looking for beginning of value\n")
		}
	}
}

// -v after a command that asked only the schema registry counts its
// requests, and says nothing of brokers it never dialed. One that failed
// before its first request (its CA file or password command) says nothing
// more than the failure, where it said '0 brokers reached; 0 requests, 0 B
// sent, 0 B received, 2ms in all' of a Kafka client it never made.
func TestRegistryVerboseSummary(t *testing.T) {
	res := withRegistry(t, "", "-v", "registry", "compat")
	summary := regexp.MustCompile(`(?m)^shore: [1-9]\d* schema registry requests?, \S+ in all$`)
	if res.Code != 0 || !summary.MatchString(res.Stderr) || strings.Contains(res.Stderr, "broker") {
		t.Fatalf("exit %d stderr %q; want one line counting the registry's requests", res.Code, res.Stderr)
	}
	ca := filepath.Join(t.TempDir(), "none.pem")
	wantRun(t, withRegistry(t, "", "-v", "registry", "list", "--registry-ca", ca), 2, "",
		"shore: --registry-ca "+ca+": no such file or directory\nRun 'shore registry list --help' for usage.\n")
	wantRun(t, withRegistry(t, "", "-v", "registry", "show", "s", "--registry-username", "u", "--registry-password-command", "exit 3"), 2, "",
		"shore: --registry-password-command \"exit 3\" failed: exit status 3\nRun 'shore registry show --help' for usage.\n")
}

// TestRegistryListSkipsDeleted: a subject deleted between registry list's
// listing of the subjects and its asking for the subject's latest version
// is left out, not a failure of the whole list. The registry, shore dev's
// of the test's own, sits behind a proxy that deletes a subject as soon as it
// has answered the listing (b-table, b-json).
func TestRegistryListSkipsDeleted(t *testing.T) {
	reg, err := devregistry.Start(devregistry.Options{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(reg.Close)
	backend, err := url.Parse(reg.URL())
	if err != nil {
		t.Fatal(err)
	}
	cl, err := sr.NewClient(sr.URLs(reg.URL()))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	register := func(subject string) int {
		s, err := cl.CreateSchema(ctx, subject, sr.Schema{Schema: fmt.Sprintf(`{"doc":%q,"type":"string"}`, subject)})
		if err != nil {
			t.Fatal(err)
		}
		return s.ID
	}
	a, c := register("a-value"), register("c-value")
	var victim string // the subject to delete next, a new one each run
	proxy := httputil.NewSingleHostReverseProxy(backend)
	proxy.ModifyResponse = func(res *http.Response) error {
		if res.Request.Method == http.MethodGet && res.Request.URL.Path == "/subjects" {
			_, err := cl.DeleteSubject(res.Request.Context(), victim, sr.SoftDelete)
			return err
		}
		return nil
	}
	front := httptest.NewServer(proxy)
	t.Cleanup(front.Close)
	for _, tc := range []struct{ output, stdout string }{
		{"table", table([]string{"SUBJECT", "LATEST", "ID", "TYPE"},
			[]string{"a-value", "1", strconv.Itoa(a), "AVRO"},
			[]string{"c-value", "1", strconv.Itoa(c), "AVRO"})},
		{"json", fmt.Sprintf(`[
  {
    "subject": "a-value",
    "latest": 1,
    "id": %d,
    "type": "AVRO"
  },
  {
    "subject": "c-value",
    "latest": 1,
    "id": %d,
    "type": "AVRO"
  }
]
`, a, c)},
	} {
		victim = "b-" + tc.output
		register(victim)
		res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_REGISTRY_URL": front.URL}}, "registry", "list", "-o", tc.output)
		wantRun(t, res, 0, tc.stdout, "")
	}
}

// TestRegistryListDeleted: list --deleted shows the subjects a soft
// deletion left, marked, with their latest soft-deleted version; list
// without it and after a permanent deletion does not; show names a
// soft-deleted subject or version as such, and shows it with --deleted.
// Registering under a soft-deleted subject says what to do. The registry is the
// test's own, so that the list is exactly what it holds.
func TestRegistryListDeleted(t *testing.T) {
	// int, then long, which reads what int wrote: BACKWARD compatible.
	run, regURL, dir := ownRegistry(t, map[string]string{"a.avsc": `"string"`, "b1.avsc": `"int"`, "b2.avsc": `"long"`},
		[][2]string{{"a-value", "a.avsc"}, {"b-value", "b1.avsc"}, {"b-value", "b2.avsc"}})
	if res := run("delete", "b-value", "--yes"); res.Code != 0 {
		t.Fatalf("delete: exit %d: %s", res.Code, res.Stderr)
	}
	live := table([]string{"SUBJECT", "LATEST", "ID", "TYPE"}, []string{"a-value", "1", "1", "AVRO"})
	wantRun(t, run("list"), 0, live, "")
	wantRun(t, run("list", "--deleted"), 0, table([]string{"SUBJECT", "LATEST", "ID", "TYPE", "DELETED"},
		[]string{"a-value", "1", "1", "AVRO", "-"},
		[]string{"b-value", "2", "3", "AVRO", "yes"}), "")
	wantRun(t, run("list", "--deleted", "-o", "json"), 0, `[
  {
    "subject": "a-value",
    "latest": 1,
    "id": 1,
    "type": "AVRO"
  },
  {
    "subject": "b-value",
    "latest": 2,
    "id": 3,
    "type": "AVRO",
    "deleted": true
  }
]
`, "")
	// show names a soft-deleted subject or version as such, and shows it
	// with --deleted.
	wantRun(t, run("show", "b-value"), 1, "",
		"shore: schema registry "+regURL+": subject \"b-value\" is soft-deleted; give --deleted to show it\n")
	wantRun(t, run("show", "b-value", "1"), 1, "",
		"shore: schema registry "+regURL+": version 1 of subject \"b-value\" is soft-deleted; give --deleted to show it\n")
	wantRun(t, run("show", "b-value", "--deleted", "-o", "json"), 0, `{
  "subject": "b-value",
  "version": 2,
  "id": 3,
  "type": "AVRO",
  "references": [],
  "deleted": true,
  "schema": "\"long\""
}
`, "")
	wantRun(t, run("show", "b-value", "1", "--deleted"), 0, `SUBJECT     b-value
VERSION     1
DELETED     yes (soft-deleted)
ID          2
TYPE        AVRO
REFERENCES  -

"int"
`, "")
	// show --id names the soft-deleted versions that hold the schema.
	wantRun(t, run("show", "--id", "2"), 0, `ID          2
TYPE        AVRO
REFERENCES  -
USED BY     b-value version 1 (soft-deleted)

"int"
`, "")
	wantRun(t, run("show", "--id", "2", "-o", "json"), 0, `{
  "id": 2,
  "type": "AVRO",
  "references": [],
  "used_by": [
    {
      "subject": "b-value",
      "version": 1,
      "deleted": true
    }
  ],
  "schema": "\"int\""
}
`, "")
	// shore dev's registry (srfake) refuses a new version of a soft-deleted
	// subject, as 'no such subject', which read so of the subject being
	// registered.
	wantRun(t, run("register", "b-value", filepath.Join(dir, "b2.avsc")), 1, "",
		"shore: schema registry "+regURL+" will not register under subject \"b-value\", which is soft-deleted (shore registry list --deleted); delete it for good first: shore registry delete b-value --permanent\n")
	if res := run("delete", "b-value", "--permanent", "--yes"); res.Code != 0 {
		t.Fatalf("delete --permanent: exit %d: %s", res.Code, res.Stderr)
	}
	wantRun(t, run("list", "--deleted"), 0, table([]string{"SUBJECT", "LATEST", "ID", "TYPE", "DELETED"}, []string{"a-value", "1", "1", "AVRO", "-"}), "")
}

// A subject whose only version was deleted lists as one deleted whole does:
// only with --deleted, marked deleted.
func TestRegistryListDeletedVersions(t *testing.T) {
	run, _, _ := ownRegistry(t, map[string]string{"a.avsc": `"string"`, "b.avsc": `"int"`, "c.avsc": `"long"`},
		[][2]string{{"a-value", "a.avsc"}, {"b-value", "b.avsc"}, {"c-value", "c.avsc"}})
	runAll(t, run, []string{"delete", "b-value", "--yes"}, []string{"delete", "c-value", "1", "--yes"})
	wantRun(t, run("list"), 0, table([]string{"SUBJECT", "LATEST", "ID", "TYPE"}, []string{"a-value", "1", "1", "AVRO"}), "")
	wantRun(t, run("list", "--deleted"), 0, table([]string{"SUBJECT", "LATEST", "ID", "TYPE", "DELETED"},
		[]string{"a-value", "1", "1", "AVRO", "-"},
		[]string{"b-value", "1", "2", "AVRO", "yes"},
		[]string{"c-value", "1", "3", "AVRO", "yes"}), "")
	runAll(t, run, []string{"delete", "a-value", "1", "--yes"}, []string{"delete", "b-value", "--permanent", "--yes"})
	wantRun(t, run("list"), 0, "", "shore: no subjects\n")
	wantRun(t, run("list", "--deleted"), 0, table([]string{"SUBJECT", "LATEST", "ID", "TYPE", "DELETED"},
		[]string{"a-value", "1", "1", "AVRO", "yes"},
		[]string{"c-value", "1", "3", "AVRO", "yes"}), "")
}

// TestRegistryListVersions: list SUBJECT... lists every version of each
// subject, as the Confluent CLI's subject describe and rpk registry schema
// list do, where no verb showed which versions a subject has; --deleted
// adds the soft-deleted ones, marked. A subject the registry does not have
// is left out with exit 1, and so is a soft-deleted one without --deleted,
// said as such.
func TestRegistryListVersions(t *testing.T) {
	run, regURL, _ := ownRegistry(t, map[string]string{"a1.avsc": `{"doc":"1","type":"string"}`, "a2.avsc": `{"doc":"2","type":"string"}`, "a3.avsc": `{"doc":"3","type":"string"}`, "b.proto": "syntax = \"proto3\";\nmessage B { string id = 1; }\n"},
		[][2]string{{"a-value", "a1.avsc"}, {"a-value", "a2.avsc"}, {"a-value", "a3.avsc"}, {"b-value", "b.proto"}, {"c-value", "a1.avsc"}})
	runAll(t, run, []string{"delete", "a-value", "2", "--yes"}, []string{"delete", "c-value", "--yes"})
	head := []string{"SUBJECT", "VERSION", "ID", "TYPE"}
	wantRun(t, run("list", "a-value", "b-value"), 0, table(head,
		[]string{"a-value", "1", "1", "AVRO"}, []string{"a-value", "3", "3", "AVRO"}, []string{"b-value", "1", "4", "PROTOBUF"}), "")
	wantRun(t, run("list", "a-value", "c-value", "--deleted", "-o", "csv"), 0,
		"SUBJECT,VERSION,ID,TYPE,DELETED\na-value,1,1,AVRO,-\na-value,2,2,AVRO,yes\na-value,3,3,AVRO,-\nc-value,1,1,AVRO,yes\n", "")
	wantRun(t, run("list", "c-value", "--deleted", "-o", "json"), 0, `[
  {
    "subject": "c-value",
    "version": 1,
    "id": 1,
    "type": "AVRO",
    "deleted": true
  }
]
`, "")
	wantRun(t, run("list", "d-value"), 1, "", fmt.Sprintf("shore: schema registry %s has no subject \"d-value\"\n", regURL))
	// The subjects that are there are listed all the same, as topics list
	// lists the topics that exist, and those left out are named after
	// them, the unknown ones first, then the soft-deleted ones; -o json
	// stays one document.
	leftOut := fmt.Sprintf("shore: schema registry %s has no subject \"d-value\"\n", regURL) +
		fmt.Sprintf("shore: schema registry %s: subject \"c-value\" is soft-deleted; give --deleted to list it\n", regURL)
	wantRun(t, run("list", "c-value", "b-value", "d-value"), 1, table(head, []string{"b-value", "1", "4", "PROTOBUF"}), leftOut)
	wantRun(t, run("list", "c-value", "b-value", "d-value", "-o", "csv"), 1, "SUBJECT,VERSION,ID,TYPE\nb-value,1,4,PROTOBUF\n", leftOut)
	wantRun(t, run("list", "c-value", "d-value", "-o", "json"), 1, "[]\n", leftOut)
	wantRun(t, run("list", "c-value", "d-value"), 1, "", leftOut)
}

// TestRegistryUnknownSubjectsInOneLine: the subjects a registry command is
// given that the registry does not have are named in one line, each with
// the subject it may mean, however many there are, and once each; the
// soft-deleted ones in another. References (--ref) to subjects the
// registry does not have are named together too.
func TestRegistryUnknownSubjectsInOneLine(t *testing.T) {
	t.Parallel()
	run, regURL, dir := ownRegistry(t, map[string]string{"a.avsc": `{"doc":"a","type":"string"}`,
		"r.avsc": `{"type":"record","name":"R","fields":[{"name":"b","type":"a.B"},{"name":"d","type":"c.D"},{"name":"f","type":"e.F"},{"name":"h","type":"g.H"}]}`},
		[][2]string{{"orders-value", "a.avsc"}, {"gone-value", "a.avsc"}, {"old-value", "a.avsc"}})
	runAll(t, run, []string{"delete", "gone-value", "--yes"}, []string{"delete", "old-value", "--yes"})
	given := []string{"ordres-value", "orders-value", "nope", "gone-value", "x", "old-value", "nope"}
	wantRun(t, run(append([]string{"list"}, given...)...), 1, table([]string{"SUBJECT", "VERSION", "ID", "TYPE"}, []string{"orders-value", "1", "1", "AVRO"}),
		fmt.Sprintf("shore: schema registry %s has no subjects \"ordres-value\" (did you mean \"orders-value\"?), \"nope\" and \"x\"\n", regURL)+
			fmt.Sprintf("shore: schema registry %s: subjects \"gone-value\" and \"old-value\" are soft-deleted; give --deleted to list them\n", regURL))
	wantRun(t, run(append([]string{"compat"}, given...)...), 1, table([]string{"SUBJECT", "LEVEL"}, []string{"orders-value", "BACKWARD"}),
		"shore: subjects \"ordres-value\" (did you mean \"orders-value\"?), \"nope\" and \"x\" are not registered and have no compatibility level of their own (the global level, BACKWARD, would apply)\n"+
			"shore: subjects \"gone-value\" and \"old-value\" are soft-deleted (shore registry list --deleted) and have no compatibility level of their own (the global level, BACKWARD, would apply)\n")
	avsc := filepath.Join(dir, "r.avsc")
	refs := []string{"--ref", "a.B=nope", "--ref", "c.D=orders-value", "--ref", "e.F=ordres-value", "--ref", "g.H=nope"}
	refused := fmt.Sprintf("shore: references a.B, e.F and g.H: schema registry %s has no subjects \"nope\" and \"ordres-value\" (did you mean \"orders-value\"?)\n", regURL)
	wantRun(t, run(append([]string{"register", "new-value", avsc}, refs...)...), 1, "", refused)
	wantRun(t, run(append([]string{"check", "new-value", avsc}, refs...)...), 1, "", refused)
}

// TestRegistryTypoSubject: a subject the registry does not have whose name
// is a typo of one it has is named with it by show and delete, as list
// and compat name it, where each said only 'has no subject "ordres-value"'
// (show SUBJECT 1: 'has no version 1 of subject "ordres-value"', as shore
// dev's registry answered 40402, not Confluent's 40401);
// check and register, which take such a subject as a new one, warn of it,
// where check passed the gate for any schema and register made a new
// subject of the typo without a word. A name near no subject, or the
// subject itself, gets no hint.
func TestRegistryTypoSubject(t *testing.T) {
	t.Parallel()
	run, regURL, dir := ownRegistry(t, map[string]string{"a.avsc": `{"doc":"a","type":"string"}`, "b.avsc": `"int"`},
		[][2]string{{"orders-value", "a.avsc"}})
	b := filepath.Join(dir, "b.avsc")
	noSubject := fmt.Sprintf("shore: schema registry %s has no subject \"ordres-value\" (did you mean \"orders-value\"?)\n", regURL)
	wantRun(t, run("show", "ordres-value"), 1, "", noSubject)
	wantRun(t, run("show", "ordres-value", "1"), 1, "", noSubject)
	wantRun(t, run("delete", "ordres-value", "--yes"), 1, "", noSubject)
	wantRun(t, run("delete", "ordres-value", "--permanent", "--dry-run"), 1, "", noSubject)
	wantRun(t, run("show", "zzz"), 1, "", fmt.Sprintf("shore: schema registry %s has no subject \"zzz\"\n", regURL))
	// produce --value-schema names it too, before the hint to register
	// under the subject given (which may be new: TOPIC-value).
	produce := func(subject string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Stdin: "{}\n", Env: map[string]string{"SHORE_REGISTRY_URL": regURL}}, "produce", "orders", "--value-schema", subject)
	}
	wantRun(t, produce("ordres-value"), 1, "", strings.TrimSuffix(noSubject, "\n")+"; register a schema under it with 'shore registry register ordres-value FILE', or add --value-schema-file FILE --register\n")
	wantRun(t, produce("zzz"), 1, "", fmt.Sprintf("shore: schema registry %s has no subject \"zzz\"; register a schema under it with 'shore registry register zzz FILE', or add --value-schema-file FILE --register\n", regURL))
	wantRun(t, run("check", "ordres-value", b), 0, table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{"ordres-value", "all", "-", "compatible (no versions yet)"}),
		"shore: warning: the registry has no subject \"ordres-value\" (did you mean \"orders-value\"?): the schema is checked as for a new subject, which takes any schema that parses\n")
	wantRun(t, run("check", "orders-value", b), 3, table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{"orders-value", "all", "BACKWARD", "incompatible"}),
		"shore: "+b+" is not compatible with subject \"orders-value\" (BACKWARD, against all): the new schema cannot read what version 1 wrote: reader schema int not compatible with writer schema string\n")
	registered := table([]string{"SUBJECT", "VERSION", "ID"}, []string{"ordres-value", "1", "2"})
	wantRun(t, run("register", "ordres-value", b), 0, registered,
		"shore: warning: the registry had no subject \"ordres-value\" (did you mean \"orders-value\"?); the schema is registered under it as version 1\n")
	wantRun(t, run("register", "ordres-value", b), 0, registered, "")
	wantRun(t, run("register", "payments-value", b, "-o", "json"), 0, "{\n  \"subject\": \"payments-value\",\n  \"version\": 1,\n  \"id\": 2\n}\n", "")
	// A new subject named so on purpose beside another is no typo of it,
	// where each got 'did you mean "orders-value"?'; a letter more or
	// less is.
	for _, subject := range []string{"orders2-value", "orders-v2-value", "orders_value"} {
		wantRun(t, run("register", subject, b), 0, table([]string{"SUBJECT", "VERSION", "ID"}, []string{subject, "1", "2"}), "")
	}
	wantRun(t, run("register", "order-value", b), 0, table([]string{"SUBJECT", "VERSION", "ID"}, []string{"order-value", "1", "2"}),
		"shore: warning: the registry had no subject \"order-value\" (did you mean \"orders-value\"?); the schema is registered under it as version 1\n")
	// A letter that is a word alone names a sibling (events-a, events-b),
	// where events-b-value got 'did you mean "events-a-value"?'.
	for _, subject := range []string{"events-a-value", "events-b-value"} {
		wantRun(t, run("register", subject, b), 0, table([]string{"SUBJECT", "VERSION", "ID"}, []string{subject, "1", "2"}), "")
	}
}

// TestProduceSchemaSpecMeantOther: a --value-schema the registry has no
// subject of that names a schema file, a schema id or the word latest, as
// kafka-avro-console-producer's and rpk's users may write it, is told what
// it likely meant, where each was told to register a schema under it
// ('shore registry register b.avsc FILE', a subject named like a file);
// the schema's text itself is a usage error, where '{"type":...}' was said
// to hold the version '"string"}]}'.
func TestProduceSchemaSpecMeantOther(t *testing.T) {
	t.Parallel()
	_, regURL, dir := ownRegistry(t, map[string]string{"a.avsc": `"string"`}, [][2]string{{"orders-value", "a.avsc"}})
	file := filepath.Join(dir, "a.avsc")
	produce := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Stdin: "{}\n", Env: map[string]string{"SHORE_REGISTRY_URL": regURL}}, append([]string{"produce", "orders"}, args...)...)
	}
	noSubject := "shore: schema registry " + regURL + " has no subject %q; %s\n"
	wantRun(t, produce("--value-schema", file), 1, "", fmt.Sprintf(noSubject, file, file+" is a file: give --value-schema-file "+file+", with --register to register it under orders-value"))
	wantRun(t, produce("--value-schema", "1"), 1, "", fmt.Sprintf(noSubject, "1", "for the schema with id 1, give --value-schema id:1"))
	wantRun(t, produce("--value-schema", "latest"), 1, "", fmt.Sprintf(noSubject, "latest", "for the latest schema of orders-value, give --value-schema topic (or SUBJECT:latest)"))
	wantRun(t, produce("-K:", "--key-schema", "7"), 1, "", fmt.Sprintf(noSubject, "7", "for the schema with id 7, give --key-schema id:7"))
}

// TestRegistryCaseSubject: a subject the registry does not have whose
// name differs from one it has only in case is named with it, as a typo's
// is and as unknown groups and topics name theirs, where ORDERS-VALUE, ten
// typos from orders-value, got no hint: list, show, delete and compat say
// so in their error, check and register (and produce --register) in their
// warning. Orders-value, one typo away, was named already.
func TestRegistryCaseSubject(t *testing.T) {
	t.Parallel()
	run, regURL, dir := ownRegistry(t, map[string]string{"a.avsc": `{"type":"record","name":"A","fields":[{"name":"a","type":"string"}]}`},
		[][2]string{{"orders-value", "a.avsc"}})
	a := filepath.Join(dir, "a.avsc")
	for _, subject := range []string{"ORDERS-VALUE", "Orders-value"} {
		noSubject := fmt.Sprintf("shore: schema registry %s has no subject %q (did you mean \"orders-value\"?)\n", regURL, subject)
		wantRun(t, run("list", subject), 1, "", noSubject)
		wantRun(t, run("show", subject), 1, "", noSubject)
		wantRun(t, run("delete", subject, "--yes"), 1, "", noSubject)
		wantRun(t, run("compat", subject), 1, "", fmt.Sprintf("shore: subject %q (did you mean \"orders-value\"?) is not registered and has no compatibility level of its own (the global level, BACKWARD, would apply)\n", subject))
		wantRun(t, run("check", subject, a), 0, table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{subject, "all", "-", "compatible (no versions yet)"}),
			fmt.Sprintf("shore: warning: the registry has no subject %q (did you mean \"orders-value\"?): the schema is checked as for a new subject, which takes any schema that parses\n", subject))
	}
	wantRun(t, run("register", "ORDERS-VALUE", a), 0, table([]string{"SUBJECT", "VERSION", "ID"}, []string{"ORDERS-VALUE", "1", "1"}),
		"shore: warning: the registry had no subject \"ORDERS-VALUE\" (did you mean \"orders-value\"?); the schema is registered under it as version 1\n")
	topic := testbroker.Topic(t, 1, nil)
	upper := strings.ToUpper(topic) + "-value"
	runAll(t, run, []string{"register", upper, a})
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: `{"a":"x"}` + "\n", Env: map[string]string{"SHORE_REGISTRY_URL": regURL}}, "produce", topic, "--value-schema-file", a, "--register"), 0, "",
		fmt.Sprintf("shore: warning: the registry had no subject %q (did you mean %q?); the schema is registered under it as version 1\n", topic+"-value", upper))
}

// TestProduceRegisterTypoSubject: produce --register into a subject the
// registry did not have whose name is a typo of one it has warns of it
// on stderr, as registry register does, where it made a new subject of
// the typo without a word. Produce into the subject meant warns of
// nothing.
func TestProduceRegisterTypoSubject(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	meant := topic + "s-value"
	run, regURL, dir := ownRegistry(t, map[string]string{"a.avsc": `{"type":"record","name":"A","fields":[{"name":"a","type":"string"}]}`},
		[][2]string{{meant, "a.avsc"}})
	produce := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Stdin: `{"a":"x"}` + "\n", Env: map[string]string{"SHORE_REGISTRY_URL": regURL}},
			append([]string{"produce", topic, "--value-schema-file", filepath.Join(dir, "a.avsc"), "--register"}, args...)...)
	}
	wantRun(t, produce(), 0, "", fmt.Sprintf("shore: warning: the registry had no subject %q (did you mean %q?); the schema is registered under it as version 1\n", topic+"-value", meant))
	wantRun(t, produce("--value-schema", meant), 0, "", "")
	wantRun(t, run("list"), 0, table([]string{"SUBJECT", "LATEST", "ID", "TYPE"}, []string{topic + "-value", "1", "1", "AVRO"}, []string{meant, "1", "1", "AVRO"}), "")
}

// TestProduceRegisterTypoSubjects: produce --register of a key and a value
// under new subjects that look mistyped warns of each, and asks the
// registry for its subjects once (-v -v shows each request), where it
// listed them once for each side.
func TestProduceRegisterTypoSubjects(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	_, regURL, dir := ownRegistry(t, map[string]string{"a.avsc": `{"type":"record","name":"A","fields":[{"name":"a","type":"string"}]}`, "k.avsc": `"string"`},
		[][2]string{{topic + "s-key", "k.avsc"}, {topic + "s-value", "a.avsc"}})
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: `"k":{"a":"x"}` + "\n", Env: map[string]string{"SHORE_REGISTRY_URL": regURL}},
		"produce", topic, "-K:", "--key-schema-file", filepath.Join(dir, "k.avsc"), "--value-schema-file", filepath.Join(dir, "a.avsc"), "--register", "-v", "-v")
	warnings := fmt.Sprintf("shore: warning: the registry had no subject %q (did you mean %q?); the schema is registered under it as version 1\n", topic+"-key", topic+"s-key") +
		fmt.Sprintf("shore: warning: the registry had no subject %q (did you mean %q?); the schema is registered under it as version 1\n", topic+"-value", topic+"s-value")
	listings := regexp.MustCompile(`(?m)method=GET URL=\S+/subjects$`).FindAllString(res.Stderr, -1)
	if res.Code != 0 || !strings.Contains(res.Stderr, warnings) || len(listings) != 1 {
		t.Fatalf("exit %d, %d listings of the subjects\nstderr:\n%s\nwant 0, one listing and the warnings\n%s", res.Code, len(listings), res.Stderr, warnings)
	}
}

// TestProduceRegisterUnknownTopic: produce --register to a topic that
// does not exist fails as produce to it does, and leaves the registry as
// it was, where it had registered the schema under the mistyped topic's
// subject (and a .proto file's imports under theirs) before it looked for
// the topic.
func TestProduceRegisterUnknownTopic(t *testing.T) {
	t.Parallel()
	topic := testbroker.Name(t, "topic")
	run, regURL, dir := ownRegistry(t, map[string]string{
		"a.avsc":       `{"type":"record","name":"A","fields":[{"name":"a","type":"string"}]}`,
		"k.avsc":       `"string"`,
		"common.proto": "syntax = \"proto3\";\npackage shop;\nmessage Money { int64 cents = 1; }\n",
		"order.proto":  "syntax = \"proto3\";\npackage shop;\nimport \"common.proto\";\nmessage Order { Money total = 1; }\n",
	}, [][2]string{{"orders-value", "a.avsc"}})
	unknown := fmt.Sprintf("shore: unknown topic %q (create it, or pass --allow-auto-create)\n", topic)
	for _, args := range [][]string{
		{"--value-schema-file", filepath.Join(dir, "a.avsc")},
		{"-K", ":", "--key-schema-file", filepath.Join(dir, "k.avsc")},
		{"--value-schema-file", filepath.Join(dir, "order.proto"), "-I", dir},
	} {
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: `k:{"a":"x"}` + "\n", Env: map[string]string{"SHORE_REGISTRY_URL": regURL}},
			append([]string{"produce", topic, "--register"}, args...)...)
		wantRun(t, res, 1, "", unknown)
		wantRun(t, run("list"), 0, table([]string{"SUBJECT", "LATEST", "ID", "TYPE"}, []string{"orders-value", "1", "1", "AVRO"}), "")
	}
}

// TestRegistryCheckSoftDeletedVersion: check --version N of a soft-deleted
// version says so and where the live versions are, where shore said the
// registry had no such version, of one list --deleted and show --deleted
// show; a version that never was is still not found.
func TestRegistryCheckSoftDeletedVersion(t *testing.T) {
	run, regURL, dir := ownRegistry(t, map[string]string{"a1.avsc": `{"doc":"1","type":"string"}`, "a2.avsc": `{"doc":"2","type":"string"}`},
		[][2]string{{"a-value", "a1.avsc"}, {"a-value", "a2.avsc"}})
	runAll(t, run, []string{"delete", "a-value", "1", "--yes"})
	a2 := filepath.Join(dir, "a2.avsc")
	wantRun(t, run("check", "a-value", a2, "--version", "1"), 1, "", fmt.Sprintf("shore: schema registry %s: version 1 of subject \"a-value\" is soft-deleted; a check compares with live versions only (shore registry list a-value)\n", regURL))
	wantRun(t, run("check", "a-value", a2, "--version", "3"), 1, "", fmt.Sprintf("shore: schema registry %s has no version 3 of subject \"a-value\"\n", regURL))
	wantRun(t, run("check", "a-value", a2, "--version", "2"), 0, table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{"a-value", "2", "BACKWARD", "compatible"}), "")
}

// TestRegistryCheckSoftDeletedSubject: check of a subject whose versions
// are all soft-deleted answers as for a new subject, as the registry does,
// and warns that those versions are there and not compared with, where it
// said nothing, as of a subject that never was; one that never was gets
// no warning.
func TestRegistryCheckSoftDeletedSubject(t *testing.T) {
	run, _, dir := ownRegistry(t, map[string]string{"a1.avsc": `{"doc":"1","type":"string"}`, "a2.avsc": `{"doc":"2","type":"string"}`},
		[][2]string{{"a-value", "a1.avsc"}, {"a-value", "a2.avsc"}})
	runAll(t, run, []string{"delete", "a-value", "--yes"})
	a2 := filepath.Join(dir, "a2.avsc")
	head := []string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}
	warning := "shore: warning: subject \"a-value\" has only soft-deleted versions (2), which a check does not compare with: the schema is checked as for a new subject (shore registry list a-value --deleted shows them)\n"
	wantRun(t, run("check", "a-value", a2), 0, table(head, []string{"a-value", "all", "-", "compatible (no versions yet)"}), warning)
	wantRun(t, run("check", "a-value", a2, "--version", "latest"), 0, table(head, []string{"a-value", "latest", "-", "compatible (no versions yet)"}), warning)
	wantRun(t, run("check", "b-value", a2), 0, table(head, []string{"b-value", "all", "-", "compatible (no versions yet)"}), "")
}

// TestRegistryCompatUnset: compat SUBJECT --unset removes the subject's
// own level (DELETE /config/SUBJECT), as Confluent's REST API does, so
// that it follows the global level from then on, and prints the level now
// in force; there was no way back to the global level but setting the
// same level, which then stayed when the global one changed. A subject
// without a level of its own is left as it is.
func TestRegistryCompatUnset(t *testing.T) {
	run, _, _ := ownRegistry(t, map[string]string{"a.avsc": `"string"`}, [][2]string{{"a-value", "a.avsc"}, {"b-value", "a.avsc"}})
	head := []string{"SUBJECT", "LEVEL"}
	wantRun(t, run("compat", "a-value", "--set", "full"), 0, table(head, []string{"a-value", "FULL"}), "")
	wantRun(t, run("compat", "a-value", "b-value", "--unset"), 0, table(head, []string{"a-value", "BACKWARD"}, []string{"b-value", "BACKWARD"}), "")
	wantRun(t, run("compat", "--set", "none"), 0, table(head, []string{"(global)", "NONE"}), "")
	wantRun(t, run("compat", "a-value", "--unset", "-o", "json"), 0, `[
  {
    "subject": "a-value",
    "level": "NONE"
  }
]
`, "")
}

// TestRegistryDeleteSoftDeletedAgain: a soft deletion of a subject or
// version that is soft-deleted already says so and names --permanent, as
// Confluent's registry does (40404, 40406), where shore said the registry
// had no such subject or version, of one that list --deleted and show
// --deleted show; --dry-run too. One that never was is still not found.
func TestRegistryDeleteSoftDeletedAgain(t *testing.T) {
	run, regURL, _ := ownRegistry(t, map[string]string{"a.avsc": `"string"`, "b.avsc": `"int"`, "c.avsc": `"long"`},
		[][2]string{{"a-value", "a.avsc"}, {"b-value", "b.avsc"}, {"b-value", "c.avsc"}})
	runAll(t, run, []string{"delete", "a-value", "--yes"}, []string{"delete", "b-value", "1", "--yes"})
	subject := fmt.Sprintf("shore: schema registry %s: subject \"a-value\" is soft-deleted already; give --permanent to delete it for good\n", regURL)
	version := fmt.Sprintf("shore: schema registry %s: version 1 of subject \"b-value\" is soft-deleted already; give --permanent to delete it for good\n", regURL)
	wantRun(t, run("delete", "a-value", "--yes"), 1, "", subject)
	wantRun(t, run("delete", "a-value", "latest", "--yes"), 1, "", subject)
	wantRun(t, run("delete", "a-value", "--dry-run"), 1, "", subject)
	wantRun(t, run("delete", "b-value", "1", "--yes"), 1, "", version)
	wantRun(t, run("delete", "b-value", "3", "--yes"), 1, "", fmt.Sprintf("shore: schema registry %s has no version 3 of subject \"b-value\"\n", regURL))
	wantRun(t, run("delete", "never-value", "--yes"), 1, "", fmt.Sprintf("shore: schema registry %s has no subject \"never-value\"\n", regURL))
	wantRun(t, run("delete", "b-value", "1", "--permanent", "--yes"), 0, table([]string{"SUBJECT", "VERSION", "ID", "RESULT"}, []string{"b-value", "1", "2", "deleted"}), "")
}

// runAll runs each command with run, and fails the test at the first that
// does not exit 0.
func runAll(t *testing.T, run func(args ...string) shoretest.Result, commands ...[]string) {
	t.Helper()
	for _, args := range commands {
		if res := run(args...); res.Code != 0 {
			t.Fatalf("%v: exit %d: %s", args, res.Code, res.Stderr)
		}
	}
}

// ownRegistry starts a schema registry of the test's own, so that what it
// lists is exactly what the test put there, writes files to a directory
// and registers them under subjects, each {subject, file} in order; it
// returns a runner of shore registry verbs against it, its URL and the
// directory of the files.
func ownRegistry(t *testing.T, files map[string]string, subjects [][2]string) (run func(args ...string) shoretest.Result, regURL, dir string) {
	t.Helper()
	reg, err := devregistry.Start(devregistry.Options{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(reg.Close)
	run = func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_REGISTRY_URL": reg.URL()}}, append([]string{"registry"}, args...)...)
	}
	dir = writeFiles(t, files)
	for _, r := range subjects {
		if res := run("register", r[0], filepath.Join(dir, r[1])); res.Code != 0 {
			t.Fatalf("register %v: exit %d: %s", r, res.Code, res.Stderr)
		}
	}
	return run, reg.URL(), dir
}

// TestRegistryInterrupted: a signal while the schema registry says nothing
// (it accepted the connection) ends every command that was waiting for it
// at once, with exit 130 and the signal's one line, from shore registry and
// from produce alike. net/http's error for the request the signal ended
// holds the signal's cause, not context.Canceled, and the commands said
// 'cannot reach schema registry URL: interrupted'. produce --register asks
// the registry once the topic is known to exist, so its topic does.
func TestRegistryInterrupted(t *testing.T) {
	t.Parallel()
	avsc := schemaFile(t, "user.avsc", userAvsc)
	topic := testbroker.Topic(t, 1, nil)
	for _, tc := range []struct {
		args []string
		sig  syscall.Signal
		last string
	}{
		{[]string{"registry", "list"}, syscall.SIGINT, "interrupted"},
		{[]string{"registry", "show", "users-value"}, syscall.SIGTERM, "terminated"},
		{[]string{"registry", "register", "users-value", avsc}, syscall.SIGINT, "interrupted"},
		{[]string{"registry", "check", "users-value", avsc}, syscall.SIGINT, "interrupted"},
		{[]string{"registry", "compat", "users-value"}, syscall.SIGINT, "interrupted"},
		{[]string{"registry", "delete", "users-value", "--yes"}, syscall.SIGINT, "interrupted"},
		{[]string{"produce", "users", "--value-schema", "users-value"}, syscall.SIGINT, "interrupted"},
		{[]string{"produce", topic, "--value-schema-file", avsc, "--register"}, syscall.SIGTERM, "terminated"},
	} {
		t.Run(strings.Join(tc.args[:min(3, len(tc.args))], " "), func(t *testing.T) {
			t.Parallel()
			silent, accepted := testbroker.SilentCounting(t)
			env := map[string]string{"SHORE_REGISTRY_URL": "http://" + silent}
			res, took := signalWhenStuck(t, env, acceptedOne(accepted), tc.sig, append(tc.args, "--timeout", "20s")...)
			if took > 5*time.Second {
				t.Errorf("%s: took %s after %v to leave the silent registry", strings.Join(tc.args, " "), took, tc.sig)
			}
			wantRun(t, res, 130, "", "shore: "+tc.last+"\n")
		})
	}
}

// oneStream runs `shore args...` with stdout and stderr on one buffer, as a
// terminal shows them, and returns what they showed and the exit code: for
// what must come after what across the two streams.
func oneStream(t *testing.T, env map[string]string, args ...string) (string, int) {
	t.Helper()
	both := &cmd.Buffer{}
	code := cmd.Run(context.Background(), args, &cmd.IOStreams{In: strings.NewReader(""), Out: both, ErrOut: both}, shoretest.Env(t, env))
	return both.String(), code
}

// TestRegistryUnusedReference: a --ref whose NAME the schema never uses
// (an import it does not have, a $ref it has not) is warned of, one line
// each, for register and check alike, and the schema goes to the registry
// as before; one the schema uses is not, nor any of an Avro schema, whose
// references' names reach nothing.
// A NAME typed wrong was registered without a word, leaving a reference
// that nothing resolves through.
func TestRegistryUnusedReference(t *testing.T) {
	run, _, dir := ownRegistry(t, map[string]string{
		"common.proto": "syntax = \"proto3\";\npackage shop;\nmessage Money { int64 cents = 1; }\n",
		"order.proto":  "syntax = \"proto3\";\npackage shop;\nimport \"shop/common.proto\";\nmessage Order { Money total = 1; }\n",
		"address.json": `{"type":"object","properties":{"city":{"type":"string"}}}`,
		"person.json":  `{"$id":"https://example.com/s/person.json","type":"object","properties":{"home":{"$ref":"address.json#/properties/city"}}}`,
		"address.avsc": `{"type":"record","name":"Address","namespace":"shop","fields":[{"name":"city","type":"string"}]}`,
		"order.avsc":   `{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"to","type":["null","Address"]}]}`,
	}, [][2]string{{"common", "common.proto"}, {"address-json", "address.json"}, {"address-avro", "address.avsc"}})
	for _, verb := range []string{"register", "check"} {
		for _, c := range []struct {
			subject, file string
			refs          []string
			stderr        string
		}{
			{"order-proto", "order.proto", []string{"common.proto=common", "shop/common.proto=common"},
				`--ref "common.proto" is not used by %s (it imports "shop/common.proto")`},
			{"person-json", "person.json", []string{"adress.json=address-json", "address.json=address-json", "https://example.com/s/address.json=address-json"},
				`--ref "adress.json" is not used by %s (it has $refs to "address.json")`},
		} {
			file := filepath.Join(dir, c.file)
			args := []string{verb, c.subject, file}
			for _, r := range c.refs {
				args = append(args, "--ref", r)
			}
			res := run(args...)
			want := fmt.Sprintf("shore: warning: "+c.stderr+"\n", file)
			if res.Code != 0 || res.Stderr != want || res.Stdout == "" {
				t.Errorf("%v: exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 0, stderr:\n%s", args, res.Code, res.Stdout, res.Stderr, want)
			}
		}
	}
	// The references a schema uses are taken without a word.
	wantRun(t, run("check", "order-proto", filepath.Join(dir, "order.proto"), "--ref", "shop/common.proto=common"), 0,
		table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{"order-proto", "all", "BACKWARD", "compatible"}), "")
	// An Avro reference named by its file, not its type, resolves all the
	// same, and is taken without a word.
	wantRun(t, run("check", "order-avro", filepath.Join(dir, "order.avsc"), "--ref", "address.avsc=address-avro"), 0,
		table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{"order-avro", "all", "-", "compatible (no versions yet)"}), "")
}

// TestRegistryJSONDraft07Keywords: a JSON Schema without "$schema", read
// as draft 2020-12, that has draft-07's "dependencies" or "additionalItems"
// gets a hint on stderr for each, from register and check, and is
// registered as before; one that says its draft, or has a property of that
// name, gets none. Such a schema was taken without a word, and a reader
// by draft 2020-12 ignores both keywords.
func TestRegistryJSONDraft07Keywords(t *testing.T) {
	run, _, dir := ownRegistry(t, map[string]string{
		"deps.json":     `{"type":"object","dependencies":{"card":["billing"]}}`,
		"rest.json":     `{"type":"array","prefixItems":[{"type":"string"}],"additionalItems":false}`,
		"draft7.json":   `{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","dependencies":{"card":["billing"]}}`,
		"property.json": `{"type":"object","properties":{"dependencies":{"type":"array"},"additionalItems":{"type":"string"}}}`,
	}, nil)
	dependencies := `"dependencies" is draft-07's, and a schema without "$schema" is read as draft 2020-12, where it is "dependentRequired" (for names) or "dependentSchemas" (for schemas) and validators such as confluent-kafka-python's ignore it: add "$schema": "http://json-schema.org/draft-07/schema#"`
	additionalItems := `"additionalItems" is draft-07's, and a schema without "$schema" is read as draft 2020-12, which ignores it: the items after "prefixItems" are "items" there`
	for _, verb := range []string{"register", "check"} {
		for file, hint := range map[string]string{"deps.json": dependencies, "rest.json": additionalItems, "draft7.json": "", "property.json": ""} {
			path := filepath.Join(dir, file)
			want := ""
			if hint != "" {
				want = fmt.Sprintf("shore: warning: %s: %s\n", path, hint)
			}
			res := run(verb, strings.TrimSuffix(file, ".json")+"-value", path)
			if res.Code != 0 || res.Stderr != want || res.Stdout == "" {
				t.Errorf("%s %s: exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 0, stderr:\n%s", verb, file, res.Code, res.Stdout, res.Stderr, want)
			}
		}
	}
}

// TestRegistryURLPasswordComma: a registry URL's password may hold a
// comma, as written or percent-encoded (%2C): the URL is one URL, not a
// list, and the password reaches the registry as basic auth. A list of
// such URLs is refused with each password masked whole.
func TestRegistryURLPasswordComma(t *testing.T) {
	t.Parallel()
	reg, err := devregistry.Start(devregistry.Options{Listen: "127.0.0.1:0", User: "alice", Password: "pa,ss"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(reg.Close)
	host := strings.TrimPrefix(reg.URL(), "http://")
	run := func(url string, args ...string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_REGISTRY_URL": url}}, append([]string{"registry"}, args...)...)
	}
	avsc := schemaFile(t, "a.avsc", `{"type":"string"}`)
	wantRun(t, run("http://alice:pa,ss@"+host, "register", "orders-value", avsc), 0, table([]string{"SUBJECT", "VERSION", "ID"}, []string{"orders-value", "1", "1"}), "")
	wantRun(t, run("http://alice:pa%2Css@"+host, "list"), 0, table([]string{"SUBJECT", "LATEST", "ID", "TYPE"}, []string{"orders-value", "1", "1", "AVRO"}), "")
	wantRun(t, run("http://alice:pa,sss@"+host, "list"), 1, "",
		"shore: schema registry "+reg.URL()+" refused the credentials (HTTP 401): the user and password in SHORE_REGISTRY_URL\n")
	wantRun(t, run("http://alice:pa,ss@"+host+",http://alice:pa,ss@"+host, "list"), 2, "",
		"shore: SHORE_REGISTRY_URL \"http://alice:********@"+host+",http://alice:********@"+host+"\": a list of URLs, as Confluent's clients take: shore takes one; give one of them\n")
}
