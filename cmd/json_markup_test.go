package cmd_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestRecordJSONKeepsMarkup: consume --json, produce -m and produce
// --failed write the <, > and & of keys, values, header names and values
// and input names as they are, as kcat -J does, not as \u003c, \u003e and
// \u0026; and produce --json reads what consume --json wrote back to the
// same records, text and base64 alike.
func TestRecordJSONKeepsMarkup(t *testing.T) {
	t.Parallel()
	src := testbroker.Topic(t, 1, nil)
	ts := time.UnixMilli(1763856000000)
	produceTo(t,
		&kgo.Record{Topic: src, Key: []byte("<k>&"), Value: []byte(`<a href="x?b=1&c=2">`), Headers: []kgo.RecordHeader{{Key: "h<&>", Value: []byte("x > y & z")}}, Timestamp: ts},
		&kgo.Record{Topic: src, Value: []byte("\xff<&>"), Headers: []kgo.RecordHeader{{Key: "<bin>", Value: []byte("\x00\xfe&")}}, Timestamp: ts.Add(time.Second)},
	)
	lines := `{"topic":"TOPIC","partition":0,"offset":0,"timestamp":1763856000000,"timestamp_type":"create","key":"<k>&","value":"<a href=\"x?b=1&c=2\">","headers":[{"key":"h<&>","value":"x > y & z"}],"leader_epoch":0}
{"topic":"TOPIC","partition":0,"offset":1,"timestamp":1763856001000,"timestamp_type":"create","key":null,"value":"/zwmPg==","value_encoding":"base64","headers":[{"key":"<bin>","value":"AP4m","value_encoding":"base64"}],"leader_epoch":0}
`
	consumed := shoretest.Run(t, "consume", src, "-e", "-J")
	wantRun(t, consumed, 0, strings.ReplaceAll(lines, "TOPIC", src), "")

	// Sent again from a file whose name has them too, and a line of stdin.
	input := filepath.Join(t.TempDir(), "in<&>.jsonl")
	writeFile(t, input, consumed.Stdout)
	dst := testbroker.Topic(t, 1, nil)
	stdin := `{"key":"s<&>","value":"&amp;","timestamp":1763856002000}` + "\n"
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: stdin}, "produce", dst, "--json", input, "-", "-m"), 0, fmt.Sprintf(
		`{"topic":"%[1]s","partition":0,"offset":0,"timestamp":1763856000000,"key_size":4,"value_size":20,"headers_size":13,"input":"%[2]s","input_line":1}
{"topic":"%[1]s","partition":0,"offset":1,"timestamp":1763856001000,"key_size":-1,"value_size":4,"headers_size":8,"input":"%[2]s","input_line":2}
{"topic":"%[1]s","partition":0,"offset":2,"timestamp":1763856002000,"key_size":4,"value_size":5,"headers_size":-1,"input":"stdin","input_line":1}
`, dst, input), "")
	wantRun(t, shoretest.Run(t, "consume", dst, "-e", "-J"), 0, strings.ReplaceAll(lines, "TOPIC", dst)+
		fmt.Sprintf(`{"topic":"%s","partition":0,"offset":2,"timestamp":1763856002000,"timestamp_type":"create","key":"s<&>","value":"&amp;","headers":[],"leader_epoch":0}`+"\n", dst), "")

	// A line that is not delivered is saved as it came, with its error.
	failed := filepath.Join(t.TempDir(), "failed.jsonl")
	undeliverable := `{"key":"<k>&","value":"a & b","headers":[{"key":"h<","value":">"}],"partition":5}` + "\n"
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: undeliverable}, "produce", dst, "--json", "--failed", failed)
	if res.Code != 1 {
		t.Fatalf("produce to partition 5: exit %d stderr %q", res.Code, res.Stderr)
	}
	saved, err := os.ReadFile(failed)
	want := fmt.Sprintf(`{"input":"stdin","input_line":1,"fate":"failed","error":"topic \"%s\" has no partition 5 (it has only 0)","key":"<k>&","value":"a & b","headers":[{"key":"h<","value":">"}],"partition":5}`+"\n", dst)
	if err != nil || string(saved) != want {
		t.Errorf("%s holds %q (%v); want %q", failed, saved, err, want)
	}
}

// TestDecodedJSONKeepsMarkup: a Protobuf value consume decodes keeps <, >
// and & as they are in consume --json, and copies back byte for byte; the
// registry keeps the map<string, string> that produce --register sent it.
func TestDecodedJSONKeepsMarkup(t *testing.T) {
	t.Parallel()
	src := testbroker.Topic(t, 1, nil)
	proto := "syntax = \"proto3\";\nmessage Tags {\n  map<string, string> tags = 1;\n  string note = 2;\n}\n"
	in := `{"key":"<k>","value":{"tags":{"<b>":"x & y"},"note":"a<b>&c"},"timestamp":1763856000000}` + "\n"
	wantRun(t, withRegistry(t, in, "produce", src, "--json", "--value-schema-file", schemaFile(t, "tags.proto", proto), "--register"), 0, "", "")
	id := latestID(t, src+"-value")
	wantRun(t, withRegistry(t, "", "consume", src, "--decode", "value", "-J", "-e"), 0, fmt.Sprintf(
		`{"topic":"%[1]s","partition":0,"offset":0,"timestamp":1763856000000,"timestamp_type":"create","key":"<k>","value":{"tags":{"<b>":"x & y"},"note":"a<b>&c"},"value_encoding":"json","value_schema":{"id":%[2]d,"type":"PROTOBUF","subject":"%[1]s-value","version":1,"message":"Tags"},"headers":[],"leader_epoch":0}`+"\n",
		src, id), "")
	copyDecoded(t, src, "--value-schema", fmt.Sprintf("id:%d", id))
	wantRun(t, withRegistry(t, "", "registry", "show", src+"-value", "-o", "schema"), 0, proto, "")
}

// TestJSONKeepsSeparators: -o json writes U+2028 and U+2029 as they are,
// as jq, Kafka's console tools and consume --json do, not as \u2028 and
// \u2029; a backslash before u2028 stays an escaped backslash.
func TestJSONKeepsSeparators(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	produceTo(t, &kgo.Record{Topic: topic, Value: []byte("a\u2028b\u2029c"), Timestamp: time.UnixMilli(1763856000000)})
	wantRun(t, shoretest.Run(t, "consume", topic, "-e", "-J"), 0, fmt.Sprintf(
		`{"topic":"%s","partition":0,"offset":0,"timestamp":1763856000000,"timestamp_type":"create","key":null,"value":"a`+"\u2028b\u2029"+`c","headers":[],"leader_epoch":0}`+"\n", topic), "")
	group := testbroker.Name(t, "group") + "\u2028\u2029\\u2028"
	commitAfterReading(t, group, topic, false, map[int32]int64{0: 1})
	res := shoretest.Run(t, "groups", "describe", group, "-o", "json")
	want := `"group": "` + strings.ReplaceAll(group, `\`, `\\`) + `"`
	if res.Code != 0 || res.Stderr != "" || !strings.Contains(res.Stdout, want) {
		t.Fatalf("exit %d, stderr %q; stdout lacks %s:\n%s", res.Code, res.Stderr, want, res.Stdout)
	}
}
