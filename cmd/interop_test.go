package cmd_test

// The interop suite: kcat, kafka-python and Kafka's Java tools against what
// shore creates and reports. Each peer skips its part, saying how to install
// it, where it is missing (internal/peers).

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// bootstrap is the test cluster's address list for a peer's command line.
func bootstrap(t *testing.T) string {
	t.Helper()
	return strings.Join(testbroker.Brokers(t), ",")
}

// produceStamped writes, with a franz-go producer, one record per timestamp
// to each partition: stamps[p][i] becomes the record at offset i of
// partition p, valued "p-i".
func produceStamped(t *testing.T, topic string, stamps [][]time.Time) {
	t.Helper()
	var rs []*kgo.Record
	for p, ts := range stamps {
		for i, at := range ts {
			rs = append(rs, &kgo.Record{Topic: topic, Partition: int32(p), Value: fmt.Appendf(nil, "%d-%d", p, i), Timestamp: at})
		}
	}
	produceManual(t, rs...)
}

// offsetRow is one row of shore offsets -o json.
type offsetRow struct {
	Partition int32  `json:"partition"`
	LogStart  int64  `json:"log_start"`
	LogEnd    int64  `json:"log_end"`
	At        *int64 `json:"at"`
}

// shoreOffsets runs shore offsets topic args... -o json.
func shoreOffsets(t *testing.T, topic string, args ...string) []offsetRow {
	t.Helper()
	res := shoretest.Run(t, append([]string{"offsets", topic, "-o", "json"}, args...)...)
	var rows []offsetRow
	if err := json.Unmarshal([]byte(res.Stdout), &rows); err != nil || res.Code != 0 {
		t.Fatalf("shore offsets %s %v: exit %d %v\n%s%s", topic, args, res.Code, err, res.Stdout, res.Stderr)
	}
	return rows
}

// describedTopic is one topic of shore topics describe -o json.
type describedTopic struct {
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

// shoreCreate runs shore topics create name args..., deletes the topic when
// the test ends, and waits until every partition has a leader.
func shoreCreate(t *testing.T, name string, args ...string) {
	t.Helper()
	if res := shoretest.Run(t, append([]string{"topics", "create", name}, args...)...); res.Code != 0 {
		t.Fatalf("topics create %s: %s", name, res.Stderr)
	}
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", name) })
	shoretest.Eventually(t, 10*time.Second, func() error {
		if leaderID(t, name) == "-1" {
			return fmt.Errorf("topic %s has a partition without a leader", name)
		}
		return nil
	})
}

// shoreDescribe runs shore topics describe names... -o json.
func shoreDescribe(t *testing.T, names ...string) []describedTopic {
	t.Helper()
	res := shoretest.Run(t, append([]string{"topics", "describe", "-o", "json"}, names...)...)
	var ds []describedTopic
	if err := json.Unmarshal([]byte(res.Stdout), &ds); err != nil || len(ds) != len(names) {
		t.Fatalf("topics describe -o json: %v\n%s%s", err, res.Stdout, res.Stderr)
	}
	return ds
}

// joinIDs renders broker ids as Kafka's tools do: 1,2,3.
func joinIDs(ids []int32) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.Itoa(int(id))
	}
	return strings.Join(s, ",")
}

// partitionLines renders a topic's partitions as "TOPIC PARTITION LEADER
// REPLICAS ISR" lines, the form every peer's view is brought to.
func partitionLines(topic string, partition, leader int32, replicas, isr []int32) string {
	return fmt.Sprintf("%s %d %d %s %s\n", topic, partition, leader, joinIDs(replicas), joinIDs(isr))
}

const pythonTopics = `
import sys
from kafka import KafkaConsumer, KafkaAdminClient
addr, names = sys.argv[1], sys.argv[2:]
c = KafkaConsumer(bootstrap_servers=addr)
a = KafkaAdminClient(bootstrap_servers=addr)
listed, seen = a.list_topics(), c.topics()
for name in names:
    print(name, "listed" if name in listed else "missing", "seen" if name in seen else "unseen", sorted(c.partitions_for_topic(name) or []))
for t in sorted(a.describe_topics(names), key=lambda t: t["topic"]):
    for p in sorted(t["partitions"], key=lambda p: p["partition"]):
        print(t["topic"], p["partition"], p["leader"], ",".join(map(str, p["replicas"])), ",".join(map(str, p["isr"])))
c.close()
a.close()
`

// Topics that shore topics create makes are seen, with their partitions,
// leaders, replicas and ISR, by kcat, kafka-python and kafka-topics.
func TestInteropTopicsSeenByPeers(t *testing.T) {
	three, one := testbroker.Name(t, "three"), testbroker.Name(t, "one")
	counts := map[string]int{three: 3, one: 1}
	names := []string{three, one}
	slices.Sort(names) // shore and the peers list topics by name
	for _, name := range names {
		shoreCreate(t, name, "-p", strconv.Itoa(counts[name]))
	}
	var want, listed strings.Builder
	for _, d := range shoreDescribe(t, names...) {
		if len(d.Partitions) != counts[d.Name] {
			t.Fatalf("shore describes %s with %d partitions, created %d", d.Name, len(d.Partitions), counts[d.Name])
		}
		var ps []string
		for _, p := range d.Partitions {
			want.WriteString(partitionLines(d.Name, p.Partition, p.Leader, p.Replicas, p.ISR))
			ps = append(ps, strconv.Itoa(int(p.Partition)))
		}
		fmt.Fprintf(&listed, "%s listed seen [%s]\n", d.Name, strings.Join(ps, ", "))
	}

	t.Run("kcat", func(t *testing.T) {
		var got strings.Builder
		for _, name := range names {
			var md struct {
				Topics []struct {
					Topic      string
					Error      string
					Partitions []struct {
						Partition int32
						Leader    int32
						Replicas  []struct{ ID int32 }
						ISRs      []struct{ ID int32 }
					}
				}
			}
			out := peers.RunKcat(t, "", "-L", "-J", "-b", bootstrap(t), "-t", name)
			if err := json.Unmarshal([]byte(out), &md); err != nil || len(md.Topics) != 1 || md.Topics[0].Error != "" {
				t.Fatalf("kcat -L -J -t %s: %v\n%s", name, err, out)
			}
			for _, p := range md.Topics[0].Partitions {
				var replicas, isr []int32
				for _, r := range p.Replicas {
					replicas = append(replicas, r.ID)
				}
				for _, r := range p.ISRs {
					isr = append(isr, r.ID)
				}
				got.WriteString(partitionLines(md.Topics[0].Topic, p.Partition, p.Leader, replicas, isr))
			}
		}
		if got.String() != want.String() {
			t.Fatalf("kcat -L:\n%s\nshore:\n%s", got.String(), want.String())
		}
	})
	t.Run("kafka-python", func(t *testing.T) {
		got := peers.RunPython(t, pythonTopics, append([]string{bootstrap(t)}, names...)...)
		if got != listed.String()+want.String() {
			t.Fatalf("kafka-python:\n%s\nshore:\n%s%s", got, listed.String(), want.String())
		}
	})
	t.Run("kafka-topics", func(t *testing.T) {
		list := peers.JavaTool(t, "org.apache.kafka.tools.TopicCommand", "--list")
		for _, name := range names {
			if !slices.Contains(strings.Split(list, "\n"), name) {
				t.Errorf("kafka-topics --list lacks %s:\n%s", name, list)
			}
		}
		var got strings.Builder
		partitionLine := regexp.MustCompile(`^\tTopic: (\S+)\tPartition: (\d+)\tLeader: (\d+)\tReplicas: (\S+)\tIsr: (\S+)`)
		for _, name := range names {
			out := peers.JavaTool(t, "org.apache.kafka.tools.TopicCommand", "--describe", "--topic", name)
			if !strings.Contains(out, fmt.Sprintf("\tPartitionCount: %d\t", counts[name])) {
				t.Errorf("kafka-topics --describe %s: want PartitionCount: %d\n%s", name, counts[name], out)
			}
			for _, line := range strings.Split(out, "\n") {
				if m := partitionLine.FindStringSubmatch(line); m != nil {
					fmt.Fprintf(&got, "%s %s %s %s %s\n", m[1], m[2], m[3], m[4], m[5])
				}
			}
		}
		if got.String() != want.String() {
			t.Fatalf("kafka-topics --describe:\n%s\nshore:\n%s", got.String(), want.String())
		}
	})
}

// kafka-topics.sh --describe and shore topics describe agree on a topic
// shore created: id, partition count, replication factor, settings, and
// each partition's leader, replicas and ISR.
func TestInteropTopicsDescribeAgreesWithKafkaTopics(t *testing.T) {
	peers.NeedJavaTools(t)
	name := testbroker.Name(t, "topic")
	shoreCreate(t, name, "-p", "2", "-c", "retention.ms=86400000")
	d := shoreDescribe(t, name)[0]
	var configs []string
	for _, c := range d.Configs {
		configs = append(configs, c.Name+"="+*c.Value)
	}
	want := fmt.Sprintf("Topic: %s\tTopicId: %s\tPartitionCount: %d\tReplicationFactor: %d\tConfigs: %s\n",
		name, d.ID, len(d.Partitions), len(d.Partitions[0].Replicas), strings.Join(configs, ","))
	for _, p := range d.Partitions {
		want += fmt.Sprintf("\tTopic: %s\tPartition: %d\tLeader: %d\tReplicas: %s\tIsr: %s\n", name, p.Partition, p.Leader, joinIDs(p.Replicas), joinIDs(p.ISR))
	}
	var got strings.Builder
	for _, line := range strings.SplitAfter(peers.JavaTool(t, "org.apache.kafka.tools.TopicCommand", "--describe", "--topic", name), "\n") {
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

// kafka-topics --create makes a topic with its partitions and settings, as
// shore topics describe shows it.
func TestInteropKafkaTopicsCreate(t *testing.T) {
	peers.NeedJavaTools(t)
	name := testbroker.Name(t, "topic")
	out := peers.JavaTool(t, "org.apache.kafka.tools.TopicCommand", "--create", "--topic", name,
		"--partitions", "2", "--replication-factor", "1", "--config", "retention.ms=86400000")
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", name) })
	if out != "Created topic "+name+".\n" {
		t.Fatalf("kafka-topics --create: %q", out)
	}
	d := shoreDescribe(t, name)[0]
	// Besides the topic's own settings, describe shows those a broker
	// sets (the test Kafka's min.insync.replicas).
	retention := ""
	for _, c := range d.Configs {
		if c.Name == "retention.ms" && c.Value != nil {
			retention = *c.Value
		}
	}
	if len(d.Partitions) != 2 || len(d.Partitions[0].Replicas) != 1 || retention != "86400000" {
		t.Fatalf("shore topics describe: %d partitions, %d replicas, retention.ms %q; want 2, 1 and 86400000", len(d.Partitions), len(d.Partitions[0].Replicas), retention)
	}
}

// createdSettings is a Java program that creates a topic with the admin
// client, retention.ms=1000 given, and prints two of the settings the
// answer lists (CreateTopicsResult.config), as kafka-configs would name
// their sources.
const createdSettings = `import java.util.*;
import org.apache.kafka.clients.admin.*;

public class CreatedSettings {
	public static void main(String[] args) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", args[1]))) {
			NewTopic topic = new NewTopic(args[2], Optional.of(1), Optional.empty()).configs(Map.of("retention.ms", "1000"));
			CreateTopicsResult created = admin.createTopics(List.of(topic));
			for (String name : List.of("cleanup.policy", "retention.ms")) {
				ConfigEntry e = created.config(args[2]).get().get(name);
				System.out.println(e == null ? name + " missing" : name + "=" + e.value() + " " + e.source());
			}
		}
	}
}
`

// The Java admin client's createTopics answers every setting of the new
// topic with its source, the defaults too, as Kafka 4 answers.
func TestInteropCreatedTopicSettings(t *testing.T) {
	peers.NeedJavaTools(t)
	program := filepath.Join(t.TempDir(), "CreatedSettings.java")
	if err := os.WriteFile(program, []byte(createdSettings), 0o600); err != nil {
		t.Fatal(err)
	}
	name := testbroker.Name(t, "topic")
	out := peers.JavaTool(t, program, name)
	t.Cleanup(func() { shoretest.Run(t, "topics", "delete", name) })
	if want := "cleanup.policy=delete DEFAULT_CONFIG\nretention.ms=1000 DYNAMIC_TOPIC_CONFIG\n"; out != want {
		t.Fatalf("createTopics answered:\n%s\nwant:\n%s", out, want)
	}
}

// kafka-topics --create is refused in Kafka's words a replication factor
// above the brokers and a name that collides with an existing topic's.
func TestInteropKafkaTopicsCreateRefused(t *testing.T) {
	peers.NeedJavaTools(t)
	registered, err := testbroker.Admin(t).ListBrokers(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	over := len(registered) + 1
	dotted := testbroker.Name(t, "a.b")
	testbroker.CreateTopic(t, dotted, 1, nil)
	underscored := strings.Replace(dotted, "a.b", "a_b", 1)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--topic", testbroker.Name(t, "over"), "--replication-factor", strconv.Itoa(over)},
			fmt.Sprintf("Unable to replicate the partition %d time(s): The target replication factor of %d cannot be reached because only %d broker(s) are registered or some brokers have all their log directories cordoned.", over, over, len(registered))},
		{[]string{"--topic", underscored}, fmt.Sprintf("Topic '%s' collides with existing topic: %s", underscored, dotted)},
	} {
		out, code := peers.JavaToolRefused(t, "org.apache.kafka.tools.TopicCommand", append([]string{"--create"}, tc.args...)...)
		if want := "Error while executing topic command : " + tc.want + "\n"; code != 1 || !strings.HasSuffix(out, want) {
			t.Errorf("kafka-topics --create %s: exit %d, stdout:\n%s\nwant exit 1, stdout ending in:\n%s", strings.Join(tc.args, " "), code, out, want)
		}
	}
}

// Kafka's console producer writes keyed lines: shore offsets shows them on
// the partitions murmur2 picks. Its console consumer, in a group, reads
// them back, shore groups describe shows the group's commits at the ends
// shore offsets gives, and kafka-consumer-groups --list lists the group;
// --reset-offsets --to-current puts a new group at the ends.
func TestInteropJavaConsoleTools(t *testing.T) {
	peers.NeedJavaTools(t)
	topic := testbroker.Topic(t, 3, nil)
	keys := []string{"k1", "k2", "k3", "k1", "user-7", "k2"}
	var input strings.Builder
	var want []string
	ends := make([]int64, 3)
	for i, key := range keys {
		p := peers.JavaPartition(key, 3)
		fmt.Fprintf(&input, "%s:v%d\n", key, i)
		want = append(want, fmt.Sprintf("Partition:%d:Offset:%d:%s:v%d", p, ends[p], key, i))
		ends[p]++
	}
	peers.JavaToolStdin(t, input.String(), "org.apache.kafka.tools.ConsoleProducer", "--topic", topic,
		"--reader-property", "parse.key=true", "--reader-property", "key.separator=:")
	var committed strings.Builder
	for _, r := range shoreOffsets(t, topic) {
		if r.LogStart != 0 || r.LogEnd != ends[r.Partition] {
			t.Fatalf("shore offsets: partition %d holds %d to %d, want 0 to %d (murmur2 of the keys)", r.Partition, r.LogStart, r.LogEnd, ends[r.Partition])
		}
		fmt.Fprintf(&committed, "%s,%d,%d\n", topic, r.Partition, r.LogEnd)
	}

	group := testbroker.Name(t, "group")
	out := peers.JavaTool(t, "org.apache.kafka.tools.consumer.ConsoleConsumer", "--topic", topic, "--group", group,
		"--from-beginning", "--max-messages", strconv.Itoa(len(keys)), "--timeout-ms", "60000",
		"--formatter-property", "print.partition=true", "--formatter-property", "print.offset=true",
		"--formatter-property", "print.key=true", "--formatter-property", "key.separator=:")
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("kafka-console-consumer:\n%s\nwant (sorted):\n%s", out, strings.Join(want, "\n"))
	}
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv"), 0, committed.String(), "")
	if list := peers.JavaTool(t, consumerGroupCommand, "--list"); !slices.Contains(strings.Split(list, "\n"), group) {
		t.Errorf("kafka-consumer-groups --list lacks %s:\n%s", group, list)
	}
	// A group without commits resets to the current offsets, the ends.
	fresh := testbroker.Name(t, "group")
	plan := peers.JavaTool(t, consumerGroupCommand, "--reset-offsets", "--group", fresh, "--topic", topic, "--to-current", "--dry-run")
	for p, end := range ends {
		if !containsFields(plan, fresh, topic, strconv.Itoa(p), strconv.FormatInt(end, 10)) {
			t.Errorf("kafka-consumer-groups --reset-offsets --to-current of a new group lacks %s:%d at %d:\n%s", topic, p, end, plan)
		}
	}
}

// shore offsets, with and without --at, gives the same offsets as
// GetOffsetShell (kafka-get-offsets) and kcat -Q, on records with explicit
// timestamps, some equal and some out of order. Where no record is at or
// after the time, shore shows the end offset (documented), kcat -1, and
// GetOffsetShell leaves the partition out.
func TestInteropOffsetsAt(t *testing.T) {
	topic := testbroker.Topic(t, 3, nil)
	minute := func(m float64) time.Time { return base.Add(time.Duration(m * float64(time.Minute))) }
	produceStamped(t, topic, [][]time.Time{
		{minute(0), minute(1), minute(1), minute(3)},
		{minute(2), minute(0), minute(4)},
		{},
	})
	ends := []int64{4, 3, 0}
	for _, tc := range []struct {
		minutes float64
		at      []int64 // per partition; the end offset where no record is that recent
	}{
		{-1, []int64{0, 0, 0}},
		{0, []int64{0, 0, 0}},
		{0.5, []int64{1, 0, 0}},
		{1, []int64{1, 0, 0}},
		{2, []int64{3, 0, 0}},
		{3, []int64{3, 2, 0}},
		{4, []int64{4, 2, 0}},
		{5, []int64{4, 3, 0}},
	} {
		at := minute(tc.minutes)
		ms := strconv.FormatInt(at.UnixMilli(), 10)
		t.Run(fmt.Sprintf("%+gmin", tc.minutes), func(t *testing.T) {
			rows := shoreOffsets(t, topic, "--at", at.Format(time.RFC3339Nano))
			var getOffsets, kcat strings.Builder
			for p, r := range rows {
				if r.LogStart != 0 || r.LogEnd != ends[p] || r.At == nil || *r.At != tc.at[p] {
					t.Fatalf("shore offsets --at %s: partition %d: %+v, want log start 0 log end %d at %d", at.Format(time.RFC3339Nano), p, r, ends[p], tc.at[p])
				}
				kcatAt := *r.At
				if kcatAt == r.LogEnd {
					kcatAt = -1
				} else {
					fmt.Fprintf(&getOffsets, "%s:%d:%d\n", topic, p, *r.At)
				}
				fmt.Fprintf(&kcat, "%s [%d] offset %d\n", topic, p, kcatAt)
			}
			// kcat answers one time per partition and run.
			var got strings.Builder
			for p := range rows {
				got.WriteString(peers.RunKcat(t, "", "-Q", "-b", bootstrap(t), "-t", fmt.Sprintf("%s:%d:%s", topic, p, ms)))
			}
			if got.String() != kcat.String() {
				t.Errorf("kcat -Q at %s:\n%s\nshore:\n%s", ms, got.String(), kcat.String())
			}
			if got := peers.JavaTool(t, "org.apache.kafka.tools.GetOffsetShell", "--topic", topic, "--time", ms); got != getOffsets.String() {
				t.Errorf("GetOffsetShell --time %s:\n%s\nshore:\n%s", ms, got, getOffsets.String())
			}
		})
	}
	t.Run("start and end", func(t *testing.T) {
		var starts, endLines, kcatStarts, kcatEnds strings.Builder
		for _, r := range shoreOffsets(t, topic) {
			fmt.Fprintf(&starts, "%s:%d:%d\n", topic, r.Partition, r.LogStart)
			fmt.Fprintf(&endLines, "%s:%d:%d\n", topic, r.Partition, r.LogEnd)
			fmt.Fprintf(&kcatStarts, "%s [%d] offset %d\n", topic, r.Partition, r.LogStart)
			fmt.Fprintf(&kcatEnds, "%s [%d] offset %d\n", topic, r.Partition, r.LogEnd)
		}
		var gotStarts, gotEnds strings.Builder
		for p := range ends {
			// kcat -Q passes -1 (latest) and -2 (earliest) through to ListOffsets.
			gotEnds.WriteString(peers.RunKcat(t, "", "-Q", "-b", bootstrap(t), "-t", fmt.Sprintf("%s:%d:-1", topic, p)))
			gotStarts.WriteString(peers.RunKcat(t, "", "-Q", "-b", bootstrap(t), "-t", fmt.Sprintf("%s:%d:-2", topic, p)))
		}
		if gotStarts.String() != kcatStarts.String() || gotEnds.String() != kcatEnds.String() {
			t.Errorf("kcat -Q -2, -1:\n%s%s\nshore:\n%s%s", gotStarts.String(), gotEnds.String(), kcatStarts.String(), kcatEnds.String())
		}
		if got := peers.JavaTool(t, "org.apache.kafka.tools.GetOffsetShell", "--topic", topic, "--time", "-1"); got != endLines.String() {
			t.Errorf("GetOffsetShell --time -1:\n%s\nshore:\n%s", got, endLines.String())
		}
		if got := peers.JavaTool(t, "org.apache.kafka.tools.GetOffsetShell", "--topic", topic, "--time", "-2"); got != starts.String() {
			t.Errorf("GetOffsetShell --time -2:\n%s\nshore:\n%s", got, starts.String())
		}
	})
}

// consumeAll reads every record of topic up to the end offsets shore
// reports, with a franz-go consumer, keyed by "partition/offset".
func consumeAll(t *testing.T, topic string) map[string]*kgo.Record {
	t.Helper()
	want := 0
	for _, r := range shoreOffsets(t, topic) {
		want += int(r.LogEnd - r.LogStart)
	}
	cl := testbroker.Client(t, kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchMaxWait(100*time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	got := map[string]*kgo.Record{}
	for len(got) < want {
		fs := cl.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			t.Fatalf("read %d of %d records: %v", len(got), want, err)
		}
		fs.EachRecord(func(r *kgo.Record) { got[fmt.Sprintf("%d/%d", r.Partition, r.Offset)] = r })
	}
	return got
}

const pythonRecordMetadata = `
import json, sys
from kafka import KafkaProducer
addr, topic, stamp = sys.argv[1], sys.argv[2], int(sys.argv[3])
p = KafkaProducer(bootstrap_servers=addr)
sends = [
    dict(value=bytes(range(256))),
    dict(key=b"user-42", value=b"\x00keyed\xff", timestamp_ms=stamp, headers=[("trace", b"t-1")]),
]
for s in sends:
    m = p.send(topic, **s).get(timeout=30)
    print(json.dumps(dict(topic=m.topic, partition=m.partition, offset=m.offset, timestamp=m.timestamp,
        key_size=m.serialized_key_size, value_size=m.serialized_value_size, header_size=m.serialized_header_size)))
p.close()
`

// A kafka-python producer sends raw bytes and a keyed record with a header
// and a timestamp; the RecordMetadata it gets back matches what shore
// offsets and a franz-go consumer see.
func TestInteropKafkaPythonRecordMetadata(t *testing.T) {
	peers.Python(t)
	topic := testbroker.Topic(t, 3, nil)
	out := peers.RunPython(t, pythonRecordMetadata, bootstrap(t), topic, strconv.FormatInt(base.UnixMilli(), 10))
	type metadata struct {
		Topic      string `json:"topic"`
		Partition  int32  `json:"partition"`
		Offset     int64  `json:"offset"`
		Timestamp  int64  `json:"timestamp"`
		KeySize    int    `json:"key_size"`
		ValueSize  int    `json:"value_size"`
		HeaderSize int    `json:"header_size"`
	}
	var sent []metadata
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var m metadata
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("kafka-python: %v\n%s", err, out)
		}
		sent = append(sent, m)
	}
	if len(sent) != 2 {
		t.Fatalf("kafka-python: want 2 RecordMetadata lines:\n%s", out)
	}
	if keyed := sent[1]; keyed.Partition != int32(peers.JavaPartition("user-42", 3)) || keyed.Timestamp != base.UnixMilli() {
		t.Errorf("keyed record: partition %d timestamp %d, want %d and %d", keyed.Partition, keyed.Timestamp, peers.JavaPartition("user-42", 3), base.UnixMilli())
	}

	// shore offsets: the two records are all the topic holds.
	stored := map[string]bool{}
	for _, r := range shoreOffsets(t, topic) {
		for o := r.LogStart; o < r.LogEnd; o++ {
			stored[fmt.Sprintf("%d/%d", r.Partition, o)] = true
		}
	}
	read := consumeAll(t, topic)
	wantValues := [][]byte{make([]byte, 256), []byte("\x00keyed\xff")}
	for i := range wantValues[0] {
		wantValues[0][i] = byte(i)
	}
	wantKeys := [][]byte{nil, []byte("user-42")}
	for i, m := range sent {
		at := fmt.Sprintf("%d/%d", m.Partition, m.Offset)
		r := read[at]
		if m.Topic != topic || !stored[at] || r == nil {
			t.Fatalf("RecordMetadata %+v: shore offsets and franz-go have no record at %s of %s", m, at, topic)
		}
		delete(stored, at)
		headerSize := -1
		if len(r.Headers) > 0 {
			headerSize = 0
			for _, h := range r.Headers {
				headerSize += len(h.Key) + len(h.Value)
			}
		}
		keySize := -1
		if r.Key != nil {
			keySize = len(r.Key)
		}
		if string(r.Value) != string(wantValues[i]) || string(r.Key) != string(wantKeys[i]) {
			t.Errorf("record %d: franz-go read key %q value %q", i, r.Key, r.Value)
		}
		if m.Timestamp != r.Timestamp.UnixMilli() || m.KeySize != keySize || m.ValueSize != len(r.Value) || m.HeaderSize != headerSize {
			t.Errorf("record %d: RecordMetadata %+v; franz-go read timestamp %d, key %d, value %d and header %d bytes",
				i, m, r.Timestamp.UnixMilli(), keySize, len(r.Value), headerSize)
		}
	}
	if len(stored) != 0 {
		t.Errorf("shore offsets shows records kafka-python did not send: %v", stored)
	}
}

const pythonBatches = `
import sys
from kafka import KafkaProducer
addr, topic = sys.argv[1], sys.argv[2]
p = KafkaProducer(bootstrap_servers=addr, linger_ms=50, batch_size=16384)
futures = [p.send(topic, key=b"key-%d" % i, value=b"value-%d" % i) for i in range(1000)]
p.flush(timeout=60)
print(sum(1 for f in futures if f.succeeded()), "acknowledged")
p.close()
`

// A kafka-python producer with linger_ms and batch_size sends 1000 keyed
// records and flushes: shore offsets shows them all, each partition holding
// the keys that murmur2 sends there.
func TestInteropKafkaPythonBatches(t *testing.T) {
	peers.Python(t)
	topic := testbroker.Topic(t, 3, nil)
	if out := peers.RunPython(t, pythonBatches, bootstrap(t), topic); out != "1000 acknowledged\n" {
		t.Fatalf("kafka-python: %s", out)
	}
	want := make([]int64, 3)
	for i := range 1000 {
		want[peers.JavaPartition("key-"+strconv.Itoa(i), 3)]++
	}
	var got []int64
	var sum int64
	for _, r := range shoreOffsets(t, topic) {
		got = append(got, r.LogEnd-r.LogStart)
		sum += r.LogEnd - r.LogStart
	}
	if sum != 1000 || !slices.Equal(got, want) {
		t.Fatalf("shore offsets: %v records per partition (%d in all), want %v", got, sum, want)
	}
}

const pythonCommit = `
import sys, time
from kafka import KafkaConsumer, TopicPartition
addr, topic, group, total = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
c = KafkaConsumer(topic, bootstrap_servers=addr, group_id=group, enable_auto_commit=False,
                  auto_offset_reset="earliest", heartbeat_interval_ms=500)
read, deadline = 0, time.time() + 60
while read < total:
    if time.time() > deadline:
        sys.exit("read %d of %d records" % (read, total))
    read += sum(len(recs) for recs in c.poll(200).values())
c.commit()
for p in sorted(c.partitions_for_topic(topic)):
    offset = c.committed(TopicPartition(topic, p))
    if offset is not None:
        print("%s,%d,%d" % (topic, p, offset))
c.close(autocommit=False)
`

// A kafka-python consumer in a group, with enable_auto_commit=False, reads
// and commits: its committed offsets are what kadm and shore groups
// describe report.
func TestInteropKafkaPythonCommit(t *testing.T) {
	peers.Python(t)
	topic := testbroker.Topic(t, 3, nil)
	produceStamped(t, topic, [][]time.Time{{base, base, base, base, base}, {base, base, base}, {}})
	group := testbroker.Name(t, "group")
	got := peers.RunPython(t, pythonCommit, bootstrap(t), topic, group, "8")
	if want := fmt.Sprintf("%[1]s,0,5\n%[1]s,1,3\n%[1]s,2,0\n", topic); got != want {
		t.Fatalf("kafka-python committed:\n%s\nwant:\n%s", got, want)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	fetched, err := testbroker.Admin(t).FetchOffsets(ctx, group)
	if err != nil {
		t.Fatal(err)
	}
	var kadmSaw strings.Builder
	for _, o := range fetched.Sorted() {
		fmt.Fprintf(&kadmSaw, "%s,%d,%d\n", o.Topic, o.Partition, o.At)
	}
	if kadmSaw.String() != got {
		t.Errorf("kadm FetchOffsets:\n%s\nkafka-python:\n%s", kadmSaw.String(), got)
	}
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv"), 0, got, "")
}

const pythonSplit = `
import json, sys, threading, time
from kafka import KafkaConsumer, ConsumerRebalanceListener
addr, topic, group, counts = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
lock, done = threading.Lock(), threading.Event()
state = [{}, {}]  # per consumer: partition -> values read since the last assignment

class Listener(ConsumerRebalanceListener):
    def __init__(self, i):
        self.i = i
    def on_partitions_revoked(self, revoked):
        pass
    def on_partitions_assigned(self, assigned):
        with lock:
            state[self.i] = {tp.partition: [] for tp in assigned}

def run(i):
    c = KafkaConsumer(bootstrap_servers=addr, group_id=group, client_id="py-%d" % i, enable_auto_commit=False,
                      auto_offset_reset="earliest", heartbeat_interval_ms=500)
    c.subscribe([topic], listener=Listener(i))
    while not done.is_set():
        for tp, recs in c.poll(100).items():
            with lock:
                state[i].setdefault(tp.partition, []).extend(r.value.decode() for r in recs)
    c.commit()
    c.close(autocommit=False)

def finished():
    owned = [p for s in state for p in s]
    return (all(state) and sorted(owned) == list(range(len(counts)))
            and all(len(vs) == counts[p] for s in state for p, vs in s.items()))

threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
for th in threads:
    th.start()
deadline, split = time.time() + 90, None
while split is None and time.time() < deadline:
    with lock:
        if finished():
            split = json.dumps([{str(p): vs for p, vs in sorted(s.items())} for s in state])
    time.sleep(0.1)
done.set()
for th in threads:
    th.join()
# The split is judged when it was seen: the first consumer to close makes
# the group rebalance, which empties the other's state.
if split is None:
    sys.exit("no stable split in 90s: %r" % state)
print(split)
`

// Two kafka-python consumers in one group split the partitions: each gets
// a disjoint part, together all of them, and each reads exactly the records
// of its own partitions; the commits they make are where shore offsets
// says the partitions end.
func TestInteropKafkaPythonGroupSplit(t *testing.T) {
	peers.Python(t)
	topic := testbroker.Topic(t, 4, nil)
	produceStamped(t, topic, [][]time.Time{{base, base, base}, {base}, {base, base}, {base, base, base, base}})
	group := testbroker.Name(t, "group")
	out := peers.RunPython(t, pythonSplit, bootstrap(t), topic, group, "[3, 1, 2, 4]")
	var split []map[string][]string
	if err := json.Unmarshal([]byte(out), &split); err != nil || len(split) != 2 {
		t.Fatalf("kafka-python: %v\n%s", err, out)
	}
	owner := map[string]int{}
	for i, parts := range split {
		if len(parts) == 0 {
			t.Errorf("consumer %d got no partition: %s", i, out)
		}
		for p, values := range parts {
			if prev, ok := owner[p]; ok {
				t.Errorf("partition %s went to consumers %d and %d", p, prev, i)
			}
			owner[p] = i
			var want []string
			for o := range len(values) {
				want = append(want, p+"-"+strconv.Itoa(o))
			}
			if !slices.Equal(values, want) {
				t.Errorf("consumer %d read %v from partition %s, want %v", i, values, p, want)
			}
		}
	}
	var committed strings.Builder
	for _, r := range shoreOffsets(t, topic) {
		if _, ok := owner[strconv.Itoa(int(r.Partition))]; !ok {
			t.Errorf("partition %d went to no consumer: %s", r.Partition, out)
		}
		fmt.Fprintf(&committed, "%s,%d,%d\n", topic, r.Partition, r.LogEnd)
	}
	wantRun(t, shoretest.Run(t, "groups", "describe", group, "-o", "csv"), 0, committed.String(), "")
}

const pythonTwoGroups = `
import sys, time
from kafka import KafkaConsumer
addr, topic, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
for group in sys.argv[4:]:
    c = KafkaConsumer(topic, bootstrap_servers=addr, group_id=group, enable_auto_commit=False,
                      auto_offset_reset="earliest", heartbeat_interval_ms=500)
    values, deadline = [], time.time() + 60
    while len(values) < total:
        if time.time() > deadline:
            sys.exit("%s read %d of %d records" % (group, len(values), total))
        for recs in c.poll(200).values():
            values.extend(r.value.decode() for r in recs)
    c.commit()
    c.close(autocommit=False)
    print(group, " ".join(sorted(values)))
`

// Consumers in two groups each read every record, and each group's commits
// are at the partitions' ends.
func TestInteropKafkaPythonTwoGroups(t *testing.T) {
	peers.Python(t)
	topic := testbroker.Topic(t, 2, nil)
	produceStamped(t, topic, [][]time.Time{{base, base, base}, {base, base}})
	groups := []string{testbroker.Name(t, "group"), testbroker.Name(t, "group")}
	got := peers.RunPython(t, pythonTwoGroups, append([]string{bootstrap(t), topic, "5"}, groups...)...)
	var want, committed strings.Builder
	for _, g := range groups {
		fmt.Fprintf(&want, "%s 0-0 0-1 0-2 1-0 1-1\n", g)
	}
	if got != want.String() {
		t.Fatalf("kafka-python:\n%s\nwant:\n%s", got, want.String())
	}
	fmt.Fprintf(&committed, "%[1]s,0,3\n%[1]s,1,2\n", topic)
	for _, g := range groups {
		wantRun(t, shoretest.Run(t, "groups", "describe", g, "-o", "csv"), 0, committed.String(), "")
	}
}
