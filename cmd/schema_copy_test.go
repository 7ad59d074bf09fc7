package cmd_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
	"github.com/kafkashore/shore/internal/testregistry"
)

// rawRecords is every record of topic as consume -J writes it undecoded
// (keys, values and headers as bytes, timestamps), with the topic's name
// taken out, so that two topics' records compare byte for byte.
func rawRecords(t *testing.T, topic string) string {
	t.Helper()
	res := shoretest.Run(t, "consume", topic, "-e", "-J", "--key-encoding", "hex", "--value-encoding", "hex")
	if res.Code != 0 {
		t.Fatalf("consume %s: exit %d stderr %q", topic, res.Code, res.Stderr)
	}
	return strings.ReplaceAll(res.Stdout, fmt.Sprintf("%q", topic), `"TOPIC"`)
}

// copyDecoded copies src to a new topic as the README says, 'consume SRC
// --decode value -J -e | produce DST --json' with args, and returns DST
// after checking that its records are src's, byte for byte.
func copyDecoded(t *testing.T, src string, args ...string) string {
	t.Helper()
	decoded := withRegistry(t, "", "consume", src, "--decode", "value", "-J", "-e")
	if decoded.Code != 0 {
		t.Fatalf("consume --decode value -J: exit %d stderr %q", decoded.Code, decoded.Stderr)
	}
	dst := testbroker.Topic(t, 1, nil)
	wantRun(t, withRegistry(t, decoded.Stdout, append([]string{"produce", dst, "--json"}, args...)...), 0, "", "")
	if a, b := rawRecords(t, src), rawRecords(t, dst); a != b {
		t.Errorf("the copy differs from its source:\nsource %s\ncopy   %s\ndecoded %s", a, b, decoded.Stdout)
	}
	return dst
}

// latestID is the schema id of the latest version of subject.
func latestID(t *testing.T, subject string) int {
	t.Helper()
	s, err := testregistry.Client(t).SchemaByVersion(context.Background(), subject, -1)
	if err != nil {
		t.Fatal(err)
	}
	return s.ID
}

// TestSchemaCopyAvro copies Avro records with unions, an enum, a decimal,
// bytes, fixed, a map and an array exactly, keys and headers too.
func TestSchemaCopyAvro(t *testing.T) {
	t.Parallel()
	src := testbroker.Topic(t, 1, nil)
	avsc := schemaFile(t, "p.avsc", `{"type":"record","name":"P","namespace":"copy","fields":[
 {"name":"id","type":"string"},
 {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
 {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
 {"name":"raw","type":"bytes"},
 {"name":"digest","type":{"type":"fixed","name":"D","size":2}},
 {"name":"note","type":["null","string","long"]},
 {"name":"when","type":["null",{"type":"long","logicalType":"timestamp-millis"}]},
 {"name":"ratio","type":"float"},
 {"name":"attrs","type":{"type":"map","values":["null","double"]}},
 {"name":"tags","type":{"type":"array","items":"Kind"}}]}`)
	in := `{"key":"k1","headers":[{"key":"h","value":"x"},{"key":"b","value":"AP8=","value_encoding":"base64"}],"value":{"id":"é\u0000","kind":"B","price":"\u0001\u00ff","raw":"\u0000\u00ff\u0080","digest":"\u00ff\u0000","note":{"long":-9007199254740993},"when":{"long":1763856000000},"ratio":0.1,"attrs":{"z":{"double":-0.0},"a":null,"n":{"double":"NaN"}},"tags":["A","B"]}}
{"key":null,"value":{"id":"","kind":"A","price":"","raw":"","digest":"ab","note":{"string":"x\ny"},"when":null,"ratio":3.4028235e38,"attrs":{},"tags":[]}}
`
	wantRun(t, withRegistry(t, in, "produce", src, "--json", "--value-schema-file", avsc, "--register"), 0, "", "")
	copyDecoded(t, src, "--value-schema", fmt.Sprintf("id:%d", latestID(t, src+"-value")))
}

// TestSchemaCopyJSONSchema copies JSON Schema records exactly.
func TestSchemaCopyJSONSchema(t *testing.T) {
	t.Parallel()
	src := testbroker.Topic(t, 1, nil)
	file := schemaFile(t, "r.json", `{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"c":{"type":"number"}},"required":["c"]}`)
	in := `{"key":"k","headers":[{"key":"h","value":""}],"value":{"c":21.5,"z":[1,{"b":null,"a":"\u00e9\n"}],"big":12345678901234567890}}
{"value":{"c":-0,"e":1E+2}}
`
	wantRun(t, withRegistry(t, in, "produce", src, "--json", "--value-schema-file", file, "--register"), 0, "", "")
	copyDecoded(t, src, "--value-schema", fmt.Sprintf("id:%d", latestID(t, src+"-value")))
}
