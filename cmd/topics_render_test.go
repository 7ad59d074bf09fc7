package cmd

import (
	"bytes"
	"testing"

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
