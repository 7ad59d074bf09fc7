package cmd_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// needJavaTools skips a test unless it runs against a real Kafka whose Java
// tools SHORE_KAFKA_TOOLS (kafka/tool.sh) runs, as make test-kafka sets up.
func needJavaTools(t *testing.T) {
	t.Helper()
	if os.Getenv("SHORE_KAFKA_TOOLS") == "" || !testbroker.Real() {
		t.Skip("SHORE_KAFKA_TOOLS and SHORE_TEST_BROKERS are unset (make test-kafka sets them); skipping the Java tools interop test")
	}
}

// javaTool runs one of Apache Kafka's Java tools against the test cluster.
func javaTool(t *testing.T, class string, args ...string) string {
	t.Helper()
	needJavaTools(t)
	tool := os.Getenv("SHORE_KAFKA_TOOLS")
	args = append([]string{class, "--bootstrap-server", strings.Join(testbroker.Brokers(t), ",")}, args...)
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", tool, args, err)
	}
	return string(out)
}

// kafka-topics.sh --describe and shore topics describe agree on a topic
// shore created: id, partition count, replication factor, settings, and
// each partition's leader, replicas and ISR.
func TestTopicsDescribeAgreesWithKafkaTopics(t *testing.T) {
	needJavaTools(t)
	name := testbroker.Name(t, "topic")
	if res := shoretest.Run(t, "topics", "create", name, "-p", "2", "-c", "retention.ms=86400000"); res.Code != 0 {
		t.Fatal(res.Stderr)
	}
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", name) })
	eventually(t, func() bool { return leaderID(t, name) != "-1" })

	res := shoretest.Run(t, "topics", "describe", name, "-o", "json")
	var ds []struct {
		Name       string `json:"name"`
		ID         string `json:"id"`
		Partitions []struct {
			Partition int32   `json:"partition"`
			Leader    int32   `json:"leader"`
			Replicas  []int32 `json:"replicas"`
			ISR       []int32 `json:"isr"`
		} `json:"partitions"`
		Configs []struct {
			Name  string  `json:"name"`
			Value *string `json:"value"`
		} `json:"configs"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &ds); err != nil || len(ds) != 1 {
		t.Fatalf("describe -o json: %v\n%s%s", err, res.Stdout, res.Stderr)
	}
	d := ds[0]
	var configs []string
	for _, c := range d.Configs {
		configs = append(configs, c.Name+"="+*c.Value)
	}
	ids := func(in []int32) string { return strings.Trim(strings.Join(strings.Fields(fmt.Sprint(in)), ","), "[]") }
	want := fmt.Sprintf("Topic: %s\tTopicId: %s\tPartitionCount: %d\tReplicationFactor: %d\tConfigs: %s\n",
		name, d.ID, len(d.Partitions), len(d.Partitions[0].Replicas), strings.Join(configs, ","))
	for _, p := range d.Partitions {
		want += fmt.Sprintf("\tTopic: %s\tPartition: %d\tLeader: %d\tReplicas: %s\tIsr: %s\n", name, p.Partition, p.Leader, ids(p.Replicas), ids(p.ISR))
	}
	var got strings.Builder
	for _, line := range strings.SplitAfter(javaTool(t, "org.apache.kafka.tools.TopicCommand", "--describe", "--topic", name), "\n") {
		// Kafka 4 adds the eligible leader replicas, which shore does not show.
		if before, _, ok := strings.Cut(line, "\tElr:"); ok {
			line = before + "\n"
		}
		got.WriteString(line)
	}
	if got.String() != want {
		t.Fatalf("kafka-topics --describe:\n%s\nshore says:\n%s", got.String(), want)
	}
}

// GetOffsetShell (kafka-get-offsets.sh) and shore offsets report the same
// start and end offsets.
func TestOffsetsAgreeWithGetOffsetShell(t *testing.T) {
	needJavaTools(t)
	name := testbroker.Topic(t, 3, nil)
	cl := testbroker.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx,
		&kgo.Record{Topic: name, Partition: 0, Value: []byte("a")},
		&kgo.Record{Topic: name, Partition: 0, Value: []byte("b")},
		&kgo.Record{Topic: name, Partition: 2, Value: []byte("c")},
	).FirstErr(); err != nil {
		t.Fatal(err)
	}
	res := shoretest.Run(t, "offsets", name, "-o", "json")
	var rows []struct {
		Partition int32 `json:"partition"`
		Start     int64 `json:"start"`
		End       int64 `json:"end"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &rows); err != nil {
		t.Fatalf("offsets -o json: %v\n%s%s", err, res.Stdout, res.Stderr)
	}
	var starts, ends string
	for _, r := range rows {
		starts += fmt.Sprintf("%s:%d:%d\n", name, r.Partition, r.Start)
		ends += fmt.Sprintf("%s:%d:%d\n", name, r.Partition, r.End)
	}
	if ends != fmt.Sprintf("%[1]s:0:2\n%[1]s:1:0\n%[1]s:2:1\n", name) {
		t.Fatalf("shore offsets: %s", res.Stdout)
	}
	if got := javaTool(t, "org.apache.kafka.tools.GetOffsetShell", "--topic", name, "--time", "-1"); got != ends {
		t.Errorf("end offsets: GetOffsetShell\n%s\nshore\n%s", got, ends)
	}
	if got := javaTool(t, "org.apache.kafka.tools.GetOffsetShell", "--topic", name, "--time", "-2"); got != starts {
		t.Errorf("start offsets: GetOffsetShell\n%s\nshore\n%s", got, starts)
	}
}
