package cmd_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestTopicsAddPartitionsThenProduceAtOnce: add-partitions returns once every
// broker's metadata shows the new partitions, as create does for new topics,
// so a produce to a new partition right after it finds the partition, even
// from a broker that learns of it late, as Apache Kafka's brokers do, each
// at its own pace. Here broker 1 shows the old count for half a second
// after the partitions are added.
func TestTopicsAddPartitionsThenProduceAtOnce(t *testing.T) {
	if testbroker.Real() {
		t.Skip("holds back the metadata of one of three kfake brokers")
	}
	c := testbroker.Own(t, kfake.NumBrokers(3), kfake.SeedTopics(2, "grown"))
	lagging := c.ListenAddrs()[1]
	before := topicMetadata(t, c, "grown")

	var staleUntil atomic.Int64
	c.ControlKey(int16(kmsg.CreatePartitions), func(kmsg.Request) (kmsg.Response, error, bool) {
		staleUntil.Store(time.Now().Add(500 * time.Millisecond).UnixNano())
		return nil, nil, false
	})
	c.ControlKey(int16(kmsg.Metadata), func(req kmsg.Request) (kmsg.Response, error, bool) {
		if c.CurrentNode() != 1 || time.Now().UnixNano() >= staleUntil.Load() {
			return nil, nil, false
		}
		c.KeepControl()
		stale := *before
		stale.Version = req.GetVersion()
		return &stale, nil, true
	})

	res := shoretest.Run(t, "-b", lagging, "topics", "add-partitions", "grown", "--total", "3")
	wantRun(t, res, 0, "NAME   PARTITIONS\ngrown  3\n", "")
	res = shoretest.RunWith(t, shoretest.Opts{Stdin: "x\n"}, "-b", lagging, "produce", "grown", "-p", "2")
	wantRun(t, res, 0, "", "")
	if got := c.PartitionInfo("grown", 2); got == nil || got.HighWatermark != 1 {
		t.Fatalf("partition 2 of grown: %+v, want one record", got)
	}
}

// TestTopicsAddPartitionsSeveral: add-partitions grows each topic it can
// and gives each other one a line of its own on stderr, then exits 1. -o
// json is an array for several topics, and for one the object it always
// was.
func TestTopicsAddPartitionsSeveral(t *testing.T) {
	t.Parallel()
	a, b := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 1, nil)
	a, b = min(a, b), max(a, b)
	large := testbroker.Topic(t, 3, nil)
	ghost := testbroker.Name(t, "ghost")
	w := []int{max(len(a), len(b)), len("PARTITIONS")}
	refused := fmt.Sprintf("shore: unknown topic %q\nshore: topic %q already has 3 partitions; --total must be more (Kafka cannot remove partitions)\n", ghost, large)

	res := shoretest.Run(t, "topics", "add-partitions", large, ghost, b, a, "--total", "2")
	wantRun(t, res, 1, pad(w, "NAME", "PARTITIONS")+pad(w, a, "2")+pad(w, b, "2"), refused)
	partitions := map[string]string{a: "2", b: "2", large: "3"}
	lw := []int{max(len(a), len(b), len(large)), len("PARTITIONS"), len("REPLICAS")}
	list := pad(lw, "NAME", "PARTITIONS", "REPLICAS")
	for _, name := range slices.Sorted(maps.Keys(partitions)) {
		list += pad(lw, name, partitions[name], "1")
	}
	wantRun(t, shoretest.Run(t, "topics", "list", a, b, large), 0, list, "")

	res = shoretest.Run(t, "topics", "add-partitions", a, b, "--total", "3", "-o", "json")
	wantRun(t, res, 0, fmt.Sprintf("[\n  {\n    \"name\": %q,\n    \"partitions\": 3\n  },\n  {\n    \"name\": %q,\n    \"partitions\": 3\n  }\n]\n", a, b), "")
	res = shoretest.Run(t, "topics", "add-partitions", a, "--total", "4", "-o", "json")
	wantRun(t, res, 0, fmt.Sprintf("{\n  \"name\": %q,\n  \"partitions\": 4\n}\n", a), "")
	wantRun(t, shoretest.Run(t, "topics", "add-partitions", large, ghost, "--total", "2", "-o", "json"), 1, "[]\n", refused)
	wantRun(t, shoretest.Run(t, "topics", "add-partitions", large, "--total", "2", "-o", "json"), 1, "null\n",
		fmt.Sprintf("shore: topic %q already has 3 partitions; --total must be more (Kafka cannot remove partitions)\n", large))

	res = shoretest.Run(t, "topics", "add-partitions", b, ghost, "--total", "5", "--dry-run")
	wantRun(t, res, 1, pad(w, "NAME", "PARTITIONS")+pad(w, b, "5"), fmt.Sprintf("shore: dry run: validated only, nothing changed\nshore: unknown topic %q\n", ghost))
}

// TestTopicsAddPartitionsInternal: an internal topic is not grown, as
// Kafka's controller would grow __consumer_offsets, after which its
// coordinators look for each group's commits in another partition.
func TestTopicsAddPartitionsInternal(t *testing.T) {
	internal := internalTopic(t)
	wantRun(t, shoretest.Run(t, "topics", "add-partitions", internal, "--total", "2"), 1, "",
		`shore: topic "`+internal+`" is internal to Kafka, whose coordinators find each group's commits (and each transaction's state) in it by its partition count: shore does not add partitions to it`+"\n")
	if res := shoretest.Run(t, "topics", "list", "-o", "csv", internal); res.Code != 0 || res.Stdout != "NAME,PARTITIONS,REPLICAS\n"+internal+",1,1\n" {
		t.Fatalf("after the refusal: exit %d, stdout %q, stderr %q", res.Code, res.Stdout, res.Stderr)
	}
}

// topicMetadata is c's metadata of topic, as a broker that lags behind a
// change to it keeps answering.
func topicMetadata(t *testing.T, c *kfake.Cluster, topic string) *kmsg.MetadataResponse {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req := kmsg.NewPtrMetadataRequest()
	rt := kmsg.NewMetadataRequestTopic()
	rt.Topic = kmsg.StringPtr(topic)
	req.Topics = append(req.Topics, rt)
	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// staleAfter makes broker 1 of c answer every metadata request with what
// it said of topic before the first request of key, from that request on:
// a broker that never learns of the change.
func staleAfter(t *testing.T, c *kfake.Cluster, key kmsg.Key, topic string) {
	t.Helper()
	before := topicMetadata(t, c, topic)
	var changed atomic.Bool
	c.ControlKey(key.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		changed.Store(true)
		return nil, nil, false
	})
	c.ControlKey(kmsg.Metadata.Int16(), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if c.CurrentNode() != 1 || !changed.Load() {
			return nil, nil, false
		}
		stale := *before
		stale.Version = req.GetVersion()
		return &stale, nil, true
	})
}

// TestTopicsChangeUnled: a broker that does not show the new topic, or a
// topic's new partitions, with a leader when --timeout runs out is named
// in a warning, as delete names one that still lists a deleted topic; the
// change is made (exit 0, its table).
func TestTopicsChangeUnled(t *testing.T) {
	if testbroker.Real() {
		t.Skip("holds back the metadata of one of three kfake brokers")
	}
	t.Run("create", func(t *testing.T) {
		t.Parallel()
		c := testbroker.Own(t, kfake.NumBrokers(3))
		staleAfter(t, c, kmsg.CreateTopics, "fresh")
		res := shoretest.Run(t, "-b", c.ListenAddrs()[0], "--timeout", "1s", "topics", "create", "fresh", "-p", "2")
		wantRun(t, res, 0, "NAME   PARTITIONS  REPLICAS\nfresh  2           3\n",
			"shore: warning: broker 1 ("+c.ListenAddrs()[1]+") does not show new topic \"fresh\" with a leader for every partition after --timeout 1s; a command that asks it may not find it yet\n")
	})
	t.Run("add-partitions", func(t *testing.T) {
		t.Parallel()
		c := testbroker.Own(t, kfake.NumBrokers(3), kfake.SeedTopics(2, "grown"))
		staleAfter(t, c, kmsg.CreatePartitions, "grown")
		res := shoretest.Run(t, "-b", c.ListenAddrs()[0], "--timeout", "1s", "topics", "add-partitions", "grown", "--total", "3")
		wantRun(t, res, 0, "NAME   PARTITIONS\ngrown  3\n",
			"shore: warning: broker 1 ("+c.ListenAddrs()[1]+") does not show the new partitions of topic \"grown\" with a leader for every partition after --timeout 1s; a command that asks it may not find them yet\n")
	})
}
