package cmd

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kafkashore/shore/check"
	"github.com/kafkashore/shore/topics"
)

func TestWriteNone(t *testing.T) {
	var buf bytes.Buffer
	err := writeCluster(&buf, "table", topics.ClusterInfo{Controller: -1, Brokers: []topics.Broker{{ID: 3, Host: "::1", Port: 9092}}})
	want := "CLUSTER  CONTROLLER\n-        -\n\nBROKER  ADDRESS     RACK\n3       [::1]:9092  -\n"
	if err != nil || buf.String() != want {
		t.Fatalf("got %q, %v; want %q", buf.String(), err, want)
	}
	buf.Reset()
	leaderless := []topics.Description{{Name: "t", Partitions: []topics.Partition{{Partition: 0, Leader: -1, LogStart: -1, LogEnd: -1}}}}
	err = writeTopicDescriptions(&buf, "table", leaderless, false)
	want = "NAME  PARTITIONS  REPLICAS\nt     1           0\n\nPARTITION  LEADER  REPLICAS  ISR  LOG-START  LOG-END\n0          -       -         -    -          -\n"
	if err != nil || buf.String() != want {
		t.Fatalf("got %q, %v; want %q", buf.String(), err, want)
	}
	// What a partition filter found is one table, TOPIC first.
	buf.Reset()
	err = writeTopicDescriptions(&buf, "table", leaderless, true)
	want = "TOPIC  PARTITION  LEADER  REPLICAS  ISR  LOG-START  LOG-END\nt      0          -       -         -    -          -\n"
	if err != nil || buf.String() != want {
		t.Fatalf("got %q, %v; want %q", buf.String(), err, want)
	}
}

// TestWriteNoneJSON: what a table shows as - is null in -o json, never -1
// or "", which jq would take for a broker, an id or a name.
func TestWriteNoneJSON(t *testing.T) {
	var buf bytes.Buffer
	err := writeCluster(&buf, "json", topics.ClusterInfo{Controller: -1, Brokers: []topics.Broker{}})
	want := "{\n  \"cluster_id\": null,\n  \"controller\": null,\n  \"brokers\": []\n}\n"
	if err != nil || buf.String() != want {
		t.Fatalf("cluster: got %q, %v; want %q", buf.String(), err, want)
	}
	buf.Reset()
	leaderless := []topics.Description{{Name: "t", Partitions: []topics.Partition{{Partition: 0, Leader: -1, Replicas: []int32{}, ISR: []int32{}}}, Configs: []topics.ConfigEntry{}}}
	err = writeTopicDescriptions(&buf, "json", leaderless, false)
	if got := compact(t, buf.Bytes()); err != nil || got != `[{"name":"t","id":null,"internal":false,"partitions":[{"partition":0,"leader":null,"replicas":[],"isr":[],"log_start":0,"log_end":0}],"configs":[]}]` {
		t.Fatalf("topics describe: got %s, %v", got, err)
	}
	buf.Reset()
	err = writeCheckReport(&buf, "json", &check.Report{Topic: "t", Partitions: []check.Leader{{Partition: 0, Leader: -1}}})
	if got := compact(t, buf.Bytes()); err != nil || !strings.Contains(got, `"partitions":[{"partition":0,"leader":null,"host":null,"port":null}]`) {
		t.Fatalf("check: got %s, %v", got, err)
	}
}

// compact is the JSON text b without its indentation.
func compact(t *testing.T, b []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return out.String()
}
