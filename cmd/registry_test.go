package cmd_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

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

// registryRun runs shore against the test registry.
func registryRun(t *testing.T, stdin string, args ...string) shoretest.Result {
	t.Helper()
	return shoretest.RunWith(t, shoretest.Opts{Stdin: stdin, Env: map[string]string{"SHORE_REGISTRY_URL": testregistry.URL(t)}}, args...)
}

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
	res := registryRun(t, "", append(append([]string{"registry", "register"}, args...), "-o", "json")...)
	var got struct{ ID, Version int }
	if res.Code != 0 || json.Unmarshal([]byte(res.Stdout), &got) != nil || got.ID < 1 || got.Version < 1 {
		t.Fatalf("register %v: exit %d\n%s%s", args, res.Code, res.Stdout, res.Stderr)
	}
	return got.ID, got.Version
}

func TestRegistryRegisterShowCheck(t *testing.T) {
	address := testbroker.Name(t, "address")
	addressText := fmt.Sprintf(addressAvsc, address)
	dir := writeFiles(t, map[string]string{"address.avsc": addressText, "order.avsc": orderAvsc, "user.avsc": userAvsc, "user2.avsc": userV2, "user-bad.avsc": userBad})
	orders := testbroker.Name(t, "orders-value")

	addressID, _ := registered(t, address, filepath.Join(dir, "address.avsc"))
	res := registryRun(t, "", "registry", "register", orders, filepath.Join(dir, "order.avsc"), "--ref", "shop.Address="+address)
	if res.Code != 0 {
		t.Fatalf("register with a reference: exit %d: %s", res.Code, res.Stderr)
	}
	orderID, _ := registered(t, orders, filepath.Join(dir, "order.avsc"), "--ref", "shop.Address="+address+":1")
	wantRun(t, res, 0, table([]string{"SUBJECT", "VERSION", "ID"}, []string{orders, "1", strconv.Itoa(orderID)}), "")

	wantRun(t, registryRun(t, "", "registry", "show", orders), 0, fmt.Sprintf(`SUBJECT     %s
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
	wantRun(t, registryRun(t, "", "registry", "show", orders, "1", "-o", "schema"), 0, orderAvsc+"\n", "")
	wantRun(t, registryRun(t, "", "registry", "show", "--id", strconv.Itoa(addressID), "-o", "json"), 0, fmt.Sprintf(`{
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
	wantRun(t, registryRun(t, "", "registry", "compat", users, "--set", "backward"), 0,
		table([]string{"SUBJECT", "LEVEL"}, []string{users, "BACKWARD"}), "")
	wantRun(t, registryRun(t, "", "registry", "check", users, filepath.Join(dir, "user2.avsc")), 0,
		table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{users, "all", "BACKWARD", "compatible"}), "")
	bad := filepath.Join(dir, "user-bad.avsc")
	res = registryRun(t, "", "registry", "check", users, bad, "--version", "latest")
	prefix := fmt.Sprintf("shore: %s is not compatible with subject %q (BACKWARD, against latest): ", bad, users)
	if res.Code != 3 || res.Stdout != table([]string{"SUBJECT", "AGAINST", "LEVEL", "RESULT"}, []string{users, "latest", "BACKWARD", "incompatible"}) ||
		!strings.HasPrefix(res.Stderr, prefix) || strings.Count(res.Stderr, "\n") != 1 || !strings.Contains(res.Stderr, "age") {
		t.Fatalf("check of an incompatible schema: exit %d\nstdout:\n%s\nstderr:\n%s\nwant 3 and one line starting %q naming the field", res.Code, res.Stdout, res.Stderr, prefix)
	}
	if !testregistry.Real() {
		wantRun(t, res, 3, res.Stdout, prefix+"the new schema cannot read what version 1 wrote: reader field age is missing in writer schema and has no default\n")
	}
	res = registryRun(t, "", "registry", "register", users, bad)
	if res.Code != 1 || !strings.HasPrefix(res.Stderr, fmt.Sprintf("shore: schema registry %s refused the schema for subject %q as incompatible: ", testregistry.URL(t), users)) {
		t.Fatalf("registering an incompatible schema: exit %d: %s", res.Code, res.Stderr)
	}
	// Nothing registered yet under a subject: anything goes.
	fresh := testbroker.Name(t, "new-value")
	wantRun(t, registryRun(t, orderAvsc, "registry", "check", fresh, "-", "--type", "avro", "-o", "json"), 0, fmt.Sprintf(`{
  "subject": %q,
  "against": "all",
  "level": "",
  "compatible": true,
  "new_subject": true,
  "messages": []
}
`, fresh), "")
}
