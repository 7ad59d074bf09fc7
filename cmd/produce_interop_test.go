package cmd_test

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// keyedLines returns n lines "key-i:value-i".
func keyedLines(n int) string {
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "key-%d:value-%d\n", i, i)
	}
	return sb.String()
}

// partitionsByKey produces nothing: it reads topic back and maps each key
// to the partition it is on.
func partitionsByKey(t *testing.T, topic string, n int) map[string]int32 {
	t.Helper()
	out := map[string]int32{}
	for _, r := range readBack(t, topic, n) {
		out[string(r.Key)] = r.Partition
	}
	return out
}

func TestProduceMurmur2MatchesKafkaPython(t *testing.T) {
	peers.Python(t)
	const n = 1000
	topic := testbroker.Topic(t, 6, nil)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: keyedLines(n)}, "produce", topic, "-K", ":")
	if res.Code != 0 {
		t.Fatalf("exit %d stderr %q", res.Code, res.Stderr)
	}
	got := partitionsByKey(t, topic, n)
	out := peers.RunPython(t, `
import sys
from kafka.partitioner.default import DefaultPartitioner
p = DefaultPartitioner()
parts = list(range(6))
for i in range(int(sys.argv[1])):
    key = "key-%d" % i
    print(key, p(key.encode(), parts, parts))
`, fmt.Sprint(n))
	differ := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var key string
		var want int32
		if _, err := fmt.Sscanf(line, "%s %d", &key, &want); err != nil {
			t.Fatalf("kafka-python printed %q: %v", line, err)
		}
		if got[key] != want {
			differ++
			t.Errorf("key %s: shore chose partition %d, kafka-python %d", key, got[key], want)
		}
	}
	if len(got) != n || differ > 0 {
		t.Fatalf("%d keys read back, %d on another partition than kafka-python's", len(got), differ)
	}
}

// TestProducePartitionersMatchKcat sends the same keys with shore and kcat:
// --partitioner crc32 puts them where kcat's default does, and shore's
// default (murmur2) where kcat's -X partitioner=murmur2_random does, as the
// help says.
func TestProducePartitionersMatchKcat(t *testing.T) {
	peers.Kcat(t)
	const n = 1000
	for _, tc := range []struct {
		shoreArgs, kcatArgs []string
	}{
		{[]string{"--partitioner", "crc32"}, nil},
		{nil, []string{"-X", "partitioner=murmur2_random"}},
	} {
		shoreTopic, kcatTopic := testbroker.Topic(t, 6, nil), testbroker.Topic(t, 6, nil)
		res := shoretest.RunWith(t, shoretest.Opts{Stdin: keyedLines(n)}, append([]string{"produce", shoreTopic, "-K", ":"}, tc.shoreArgs...)...)
		if res.Code != 0 {
			t.Fatalf("%q: exit %d stderr %q", tc.shoreArgs, res.Code, res.Stderr)
		}
		peers.RunKcat(t, keyedLines(n), append([]string{"-P", "-b", strings.Join(testbroker.Brokers(t), ","), "-t", kcatTopic, "-K", ":"}, tc.kcatArgs...)...)
		got, want := partitionsByKey(t, shoreTopic, n), partitionsByKey(t, kcatTopic, n)
		if len(got) != n || len(want) != n {
			t.Fatalf("%q: read back %d keys from shore's topic, %d from kcat's; want %d", tc.shoreArgs, len(got), len(want), n)
		}
		for key, p := range want {
			if got[key] != p {
				t.Errorf("%q, kcat %q: key %s: shore chose partition %d, kcat %d", tc.shoreArgs, tc.kcatArgs, key, got[key], p)
			}
		}
	}
}

// interopInput has a key, a header, a null key, an empty header value, a
// null value and a binary value, as JSON lines for --json.
const interopInput = `{"key":"k1","value":"v1","headers":[{"key":"h","value":"x"}]}
{"key":null,"value":"plain"}
{"key":"k3","value":null,"headers":[{"key":"e","value":""}]}
{"key":"bin","value":"AP8=","value_encoding":"base64"}
`

// produceInterop sends interopInput to a new topic with one partition.
func produceInterop(t *testing.T) string {
	t.Helper()
	topic := testbroker.Topic(t, 1, nil)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: interopInput}, "produce", topic, "--json")
	if res.Code != 0 {
		t.Fatalf("exit %d stderr %q", res.Code, res.Stderr)
	}
	return topic
}

// sameOutput fails t when another client read something else than want.
func sameOutput(t *testing.T, client, out, want string) {
	t.Helper()
	if out != want {
		t.Fatalf("%s read:\n%q\nwant:\n%q", client, out, want)
	}
}

func TestProduceKafkaPythonReadsBack(t *testing.T) {
	peers.Python(t)
	topic := produceInterop(t)
	out := peers.RunPython(t, `
import sys
from kafka import KafkaConsumer
c = KafkaConsumer(sys.argv[2], bootstrap_servers=sys.argv[1].split(","), auto_offset_reset="earliest",
                  consumer_timeout_ms=15000, enable_auto_commit=False)
seen = 0
def show(b):
    return "<null>" if b is None else b.hex()
for m in c:
    print(m.offset, show(m.key), show(m.value), " ".join(k + ":" + show(v) for k, v in m.headers))
    seen += 1
    if seen == int(sys.argv[3]):
        break
`, strings.Join(testbroker.Brokers(t), ","), topic, "4")
	sameOutput(t, "kafka-python", out, "0 6b31 7631 h:78\n1 <null> 706c61696e \n2 6b33 <null> e:\n3 62696e 00ff \n")
}

// TestProduceJavaConsoleConsumerReadsBack runs Apache Kafka's console
// consumer (make test-kafka).
func TestProduceJavaConsoleConsumerReadsBack(t *testing.T) {
	peers.NeedJavaTools(t)
	topic := produceInterop(t)
	out := peers.JavaTool(t, "org.apache.kafka.tools.consumer.ConsoleConsumer", "--topic", topic,
		"--from-beginning", "--max-messages", "3", "--timeout-ms", "20000",
		"--formatter-property", "print.key=true", "--formatter-property", "print.headers=true")
	sameOutput(t, "console consumer", out, "h:x\tk1\tv1\nNO_HEADERS\tnull\tplain\ne:\tk3\tnull\n")
}

// TestProduceInterrupt sends SIGINT to the built binary while stdin is
// still open: what was read is delivered, the counts reported, exit 130.
func TestProduceInterrupt(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		want  string
		after string // what a read_committed consumer then sees
	}{
		{"plain", nil, "shore: stopped by interrupt: 3 records read, 3 delivered\nshore: interrupted\n", "a,b,c,end"},
		{"transaction", []string{"--transactional-id"}, "shore: stopped by interrupt: 3 records read, transaction aborted: none committed\nshore: interrupted\n", "end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			topic := testbroker.Topic(t, 1, nil)
			args := append([]string{"produce", topic, "--linger", "0"}, tc.args...)
			if tc.name == "transaction" {
				args = append(args, testbroker.Name(t, "txn"))
			}
			c := exec.Command(shoretest.Binary(t), args...)
			c.Env = shoretest.Environ(t, nil)
			stdin, err := c.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			c.Stderr = &stderr
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			if _, err := io.WriteString(stdin, "a\nb\nc\n"); err != nil {
				t.Fatal(err)
			}
			// Sent while stdin is open (in the open transaction, which a
			// read_uncommitted reader sees).
			readBack(t, topic, 3)
			if err := c.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			_ = c.Wait()
			// The acknowledgements may still be on their way to shore
			// when the signal comes: then it says it waits for them.
			got := regexp.MustCompile(`^shore: stopping: waiting up to 10s for [1-3] records? in flight; interrupt again to quit at once\n`).ReplaceAllString(stderr.String(), "")
			if code := c.ProcessState.ExitCode(); code != 130 || got != tc.want {
				t.Fatalf("exit %d stderr %q; want 130 and %q", code, stderr.String(), tc.want)
			}
			res := shoretest.RunWith(t, shoretest.Opts{Stdin: "end\n"}, "produce", topic)
			if res.Code != 0 {
				t.Fatalf("end marker: exit %d stderr %q", res.Code, res.Stderr)
			}
			var values []string
			for _, r := range readBackUntil(t, topic, "end", kgo.FetchIsolationLevel(kgo.ReadCommitted())) {
				values = append(values, string(r.Value))
			}
			if got := strings.Join(values, ","); got != tc.after {
				t.Fatalf("read_committed sees %s, want %s", got, tc.after)
			}
		})
	}
}

// TestProduceLatestTimestamp: the latest timestamp shore accepts is the one
// kcat and shore read back.
func TestProduceLatestTimestamp(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, testbroker.AnyTimestamp())
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"a","timestamp":0}` + "\n" + `{"value":"b","timestamp":"2262-04-11T23:47:16.854Z"}` + "\n"}, "produce", topic, "--json")
	if res.Code != 0 {
		t.Fatalf("produce --json: exit %d stderr %q", res.Code, res.Stderr)
	}
	if res := shoretest.RunWith(t, shoretest.Opts{Stdin: "9223372036854 c\n"}, "produce", topic, "-f", `%d %v\n`); res.Code != 0 {
		t.Fatalf("produce -f: exit %d stderr %q", res.Code, res.Stderr)
	}
	const want = "0 a\n9223372036854 b\n9223372036854 c\n"
	if res := shoretest.Run(t, "consume", topic, "-e", "-f", `%d %v\n`); res.Stdout != want {
		t.Errorf("consume: exit %d stderr %q stdout %q; want %q", res.Code, res.Stderr, res.Stdout, want)
	}
	t.Run("kcat", func(t *testing.T) {
		out := peers.RunKcat(t, "", "-C", "-b", brokers(t), "-t", topic, "-e", "-q", "-f", `%T %s\n`)
		sameOutput(t, "kcat", out, want)
	})
}

// TestProduceFutureTimestampRefused: a broker that refuses a timestamp
// (Apache Kafka 4 takes at most an hour ahead of its clock) gets its error
// with the settings that bound it; shore dev refuses it as Kafka does.
func TestProduceFutureTimestampRefused(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: `{"value":"v","timestamp":"2200-01-01T00:00:00Z"}` + "\n"}, "produce", topic, "--json")
	const want = "shore: stdin line 1: not delivered: INVALID_TIMESTAMP: The timestamp of the message is out of acceptable range; the topic's message.timestamp.before.max.ms and message.timestamp.after.max.ms bound how far from the broker's clock a timestamp may be; Apache Kafka 4 takes at most an hour ahead\nshore: 1 of 1 record not delivered\n"
	if res.Code != 1 || res.Stdout != "" || res.Stderr != want {
		t.Errorf("exit %d stdout %q stderr\n%s\nwant exit 1 and\n%s", res.Code, res.Stdout, res.Stderr, want)
	}
}

// TestProduceMinInsyncReplicasAboveReplicas: Apache Kafka 4 holds acks=all
// writes to at most as many in-sync replicas as a partition has (its
// effective min.insync.replicas), so a topic of one replica under
// min.insync.replicas=2 takes them, and so must shore dev: a refusal
// there, NOT_ENOUGH_REPLICAS, was added once and failed against Kafka 4.3.
func TestProduceMinInsyncReplicasAboveReplicas(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, map[string]*string{"min.insync.replicas": ptrTo("2")})
	wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "x\n"}, "produce", topic, "--delivery-timeout", "5s"), 0, "", "")
}
