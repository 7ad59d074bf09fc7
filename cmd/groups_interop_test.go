package cmd_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// pyConsumer runs testdata/kafka_python_consumer.py in a mode and returns
// the process, its stdin (closing it ends hold mode) and its first line.
func pyConsumer(t *testing.T, mode, topic, group, clientID string, extra ...string) (*exec.Cmd, func(), string) {
	t.Helper()
	args := append([]string{filepath.Join("testdata", "kafka_python_consumer.py"), mode, testbroker.Brokers(t)[0], topic, group, clientID}, extra...)
	c := exec.Command(peers.Python(t), args...)
	var stderr strings.Builder
	c.Stderr = &stderr
	stdin, err := c.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
	}()
	stop := func() {
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- c.Wait() }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = c.Process.Kill()
			t.Errorf("kafka-python %s did not stop; stderr:\n%s", mode, stderr.String())
		}
	}
	t.Cleanup(stop)
	select {
	case line := <-lines:
		if line == "" {
			stop()
			t.Fatalf("kafka-python %s printed nothing; stderr:\n%s", mode, stderr.String())
		}
		return c, stop, line
	case <-time.After(60 * time.Second):
		_ = c.Process.Kill()
		t.Fatalf("kafka-python %s timed out; stderr:\n%s", mode, stderr.String())
	}
	return nil, nil, ""
}

const consumerGroupCommand = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"

type describedJSON []struct {
	Members []struct {
		ClientID   string `json:"client_id"`
		Assignment []struct {
			Topic      string
			Partitions []int32
		}
	}
	Partitions []struct {
		Topic         string
		Partition     int32
		CurrentOffset *int64 `json:"current_offset"`
		LogEnd        *int64 `json:"log_end"`
		Lag           *int64
		ClientID      string `json:"client_id"`
	}
}

func TestGroupsInteropKafkaPython(t *testing.T) {
	peers.Python(t)
	topic := testbroker.Topic(t, 2, nil)
	fill(t, topic, 2, 10)
	group := testbroker.Name(t, "group")

	// A kafka-python consumer reads, commits 3 and 7, and stays in the group.
	_, stop, line := pyConsumer(t, "hold", topic, group, "py-1", `{"0": 3, "1": 7}`)
	if strings.TrimSpace(line) != `{"assigned": [0, 1]}` {
		t.Fatalf("kafka-python: %s", line)
	}
	res := shoretest.Run(t, "groups", "describe", group, "-o", "json")
	var ds describedJSON
	if err := json.Unmarshal([]byte(res.Stdout), &ds); err != nil || res.Code != 0 {
		t.Fatalf("describe: %v: %s%s", err, res.Stdout, res.Stderr)
	}
	if len(ds[0].Members) != 1 || ds[0].Members[0].ClientID != "py-1" || len(ds[0].Partitions) != 2 {
		t.Fatalf("members or partitions: %s", res.Stdout)
	}
	for i, want := range []int64{3, 7} {
		p := ds[0].Partitions[i]
		if p.CurrentOffset == nil || *p.CurrentOffset != want || *p.LogEnd != 10 || *p.Lag != 10-want || p.ClientID != "py-1" {
			t.Errorf("partition %d: %s", i, res.Stdout)
		}
	}
	t.Run("kafka-consumer-groups agrees", func(t *testing.T) {
		out := peers.JavaTool(t, consumerGroupCommand, "--describe", "--group", group)
		compareWithKafkaDescribe(t, out, ds)
	})

	// Seeking is refused while it is there; then it leaves.
	if res := shoretest.Run(t, "groups", "seek", group, "--to", "start"); res.Code != 1 || !strings.Contains(res.Stderr, "1 active member (py-1)") {
		t.Fatalf("seek with a member: exit %d %s", res.Code, res.Stderr)
	}
	stop()
	waitEmpty(t, group)

	committed := func() string {
		_, _, line := pyConsumer(t, "committed", topic, group, "py-check")
		return strings.TrimSpace(line)
	}
	if got := committed(); got != `{"0": 3, "1": 7}` {
		t.Fatalf("kafka-python committed(): %s", got)
	}
	// A dry run changes nothing kafka-python can see.
	at := "@" + base.Add(5*time.Minute).Format(time.RFC3339)
	if res := shoretest.Run(t, "groups", "seek", group, "--to", at); res.Code != 0 || res.Stderr != dryRun {
		t.Fatalf("dry run: exit %d %s", res.Code, res.Stderr)
	}
	if got := committed(); got != `{"0": 3, "1": 7}` {
		t.Fatalf("after a dry run, kafka-python committed(): %s", got)
	}
	// After --execute, a restarted kafka-python consumer starts at the plan.
	if res := shoretest.Run(t, "groups", "seek", group, "--to", at, "--execute"); res.Code != 0 {
		t.Fatalf("seek: exit %d %s", res.Code, res.Stderr)
	}
	_, _, first := pyConsumer(t, "first", topic, group, "py-2")
	if strings.TrimSpace(first) != `{"0": 5, "1": 5}` {
		t.Fatalf("kafka-python started at %s; want 5 and 5", first)
	}
	waitEmpty(t, group)

	// describe -o csv, then seek --from-file, round-trips.
	saved := filepath.Join(t.TempDir(), "offsets.csv")
	if err := os.WriteFile(saved, []byte(csvOf(t, group)), 0o600); err != nil {
		t.Fatal(err)
	}
	shoretest.Run(t, "groups", "seek", group, "--to", "end", "--execute")
	if res := shoretest.Run(t, "groups", "seek", group, "--from-file", saved, "--execute"); res.Code != 0 {
		t.Fatalf("seek --from-file: exit %d %s", res.Code, res.Stderr)
	}
	if got := committed(); got != `{"0": 5, "1": 5}` {
		t.Fatalf("after the round trip, kafka-python committed(): %s", got)
	}
	t.Run("kafka-consumer-groups reads the csv", func(t *testing.T) {
		out := peers.JavaTool(t, consumerGroupCommand, "--reset-offsets", "--group", group, "--from-file", saved, "--dry-run")
		for _, p := range []string{"0", "1"} {
			if !containsFields(out, group, topic, p, "5") {
				t.Errorf("kafka-consumer-groups --from-file plan lacks %s:%s at 5:\n%s", topic, p, out)
			}
		}
	})
}

// waitEmpty waits until the group has no members.
func waitEmpty(t *testing.T, group string) {
	t.Helper()
	shoretest.Eventually(t, 30*time.Second, func() error {
		if res := shoretest.Run(t, "groups", "describe", group); !strings.Contains(res.Stdout, "\nMEMBERS      0\n") {
			return fmt.Errorf("group %s still has members:\n%s", group, res.Stdout)
		}
		return nil
	})
}

// containsFields reports whether a line of out has exactly these leading
// whitespace-separated fields.
func containsFields(out string, fields ...string) bool {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= len(fields) && strings.Join(f[:len(fields)], " ") == strings.Join(fields, " ") {
			return true
		}
	}
	return false
}

// compareWithKafkaDescribe checks kafka-consumer-groups --describe rows
// (GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST
// CLIENT-ID) against shore's description.
func compareWithKafkaDescribe(t *testing.T, out string, ds describedJSON) {
	t.Helper()
	for _, p := range ds[0].Partitions {
		want := []string{p.Topic, strconv.Itoa(int(p.Partition)), fmt.Sprint(*p.CurrentOffset), fmt.Sprint(*p.LogEnd), fmt.Sprint(*p.Lag)}
		found := false
		for _, line := range strings.Split(out, "\n") {
			f := strings.Fields(line)
			if len(f) >= 9 && strings.Join(f[1:6], " ") == strings.Join(want, " ") && f[8] == p.ClientID {
				found = true
			}
		}
		if !found {
			t.Errorf("kafka-consumer-groups has no row %v %s:\n%s", want, p.ClientID, out)
		}
	}
}
