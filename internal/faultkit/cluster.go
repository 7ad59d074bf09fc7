// Package faultkit is the harness of the fault suite (faults/, make
// test-faults): a three-node Apache Kafka whose nodes a test kills, freezes
// and restarts (Cluster), shore run as a process that a test can signal
// (Cluster.Shore, Proc), and an independent count of what a topic holds,
// read with kcat (Cluster.Count, TallyOf). Tests skip unless make test-faults set up the cluster.
package faultkit

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/testbroker"
)

// EnvControl names the variable that holds the path of kafka/node.sh, which
// kills, freezes and restarts the nodes (make test-faults sets it).
const EnvControl = "SHORE_FAULT_CONTROL"

// Nodes is the size of the cluster make test-faults starts; node ids run
// from 1 to Nodes.
const Nodes = 3

// healTimeout bounds the wait for a cluster whose nodes all run again to
// have every replica back in sync: a restarted node registers within about
// 5 s and then catches up on what it missed.
const healTimeout = 2 * time.Minute

// Cluster is the test cluster of one fault test. Nodes the test took down
// are brought back, and the cluster waits to be whole again, when the test
// ends, so that the next test starts on a healthy cluster.
type Cluster struct {
	t       testing.TB
	control string
	// Brokers is the bootstrap list, for SHORE_BROKERS and kcat's -b.
	Brokers []string
	cl      *kgo.Client
	adm     *kadm.Client
	killed  map[int32]bool
	stopped map[int32]bool
}

// New returns the cluster, or skips the test unless make test-faults runs
// it. The fault tests must not run in parallel: each of them takes nodes
// of the one cluster down.
func New(t testing.TB) *Cluster {
	t.Helper()
	control := os.Getenv(EnvControl)
	if control == "" || !testbroker.Real() {
		t.Skipf("%s and %s are unset: the fault suite runs against three Apache Kafka nodes it may kill; run make test-faults", EnvControl, testbroker.EnvBrokers)
	}
	c := &Cluster{
		t:       t,
		control: control,
		Brokers: testbroker.Brokers(t),
		cl:      testbroker.Client(t),
		killed:  map[int32]bool{},
		stopped: map[int32]bool{},
	}
	c.adm = kadm.NewClient(c.cl)
	c.waitHealthy()
	c.balance()
	t.Cleanup(c.heal)
	return c
}

// balance gives every partition its preferred leader (its first replica)
// back, and waits until the metadata says so: after a node died, the others
// lead its partitions until an election, which Kafka holds only every five
// minutes by itself, so a test would otherwise find the group coordinators
// and leaders of the previous test's faults.
func (c *Cluster) balance() {
	c.t.Helper()
	c.poll(time.Minute, "every partition led by its preferred replica", func(ctx context.Context) (bool, error) {
		if _, err := c.adm.ElectLeaders(ctx, kadm.ElectPreferredReplica, nil); err != nil {
			return false, err
		}
		md, err := c.metadata(ctx)
		if err != nil {
			return false, err
		}
		for _, td := range md.Topics {
			for _, p := range td.Partitions {
				if len(p.Replicas) > 0 && p.Leader != p.Replicas[0] {
					return false, fmt.Errorf("%s/%d: led by %d, preferred %d", *td.Topic, p.Partition, p.Leader, p.Replicas[0])
				}
			}
		}
		return true, nil
	})
}

func (c *Cluster) node(action string, id int32) {
	c.t.Helper()
	out, err := exec.Command(c.control, action, strconv.Itoa(int(id))).CombinedOutput()
	if err != nil {
		c.t.Fatalf("%s %s %d: %v\n%s", c.control, action, id, err, out)
	}
	c.t.Logf("%s node %d", action, id)
}

// Kill ends node id with SIGKILL; it stays down until Start.
func (c *Cluster) Kill(id int32) {
	c.t.Helper()
	c.node("kill", id)
	c.killed[id] = true
}

// Restart stops node id with SIGTERM, as a rolling restart does (Kafka's
// controlled shutdown moves its leaderships away first), starts it again
// with its data, and waits until the cluster is whole.
func (c *Cluster) Restart(id int32) {
	c.t.Helper()
	c.node("term", id)
	c.killed[id] = true
	c.Start(id)
	c.waitHealthy()
}

// Stop freezes node id with SIGSTOP: its connections stay open and nothing
// answers, as in a long garbage-collection pause. Cont ends it.
func (c *Cluster) Stop(id int32) {
	c.t.Helper()
	c.node("stop", id)
	c.stopped[id] = true
}

// Cont lets a node that Stop froze run again.
func (c *Cluster) Cont(id int32) {
	c.t.Helper()
	c.node("cont", id)
	delete(c.stopped, id)
}

// Outage kills node id with SIGKILL, keeps it down for d and starts it
// again: the fault under test of a node restarted after a crash.
func (c *Cluster) Outage(id int32, d time.Duration) {
	c.t.Helper()
	c.Kill(id)
	time.Sleep(d)
	c.Start(id)
}

// Pause freezes node id with SIGSTOP for d and lets it run again: the
// fault under test of a long garbage-collection pause.
func (c *Cluster) Pause(id int32, d time.Duration) {
	c.t.Helper()
	c.Stop(id)
	time.Sleep(d)
	c.Cont(id)
}

// Thaw lets a node that Stop froze run again and waits until the cluster
// is whole, so that the next freeze starts from a healthy cluster and lasts
// no longer than the test means it to.
func (c *Cluster) Thaw(id int32) {
	c.t.Helper()
	c.Cont(id)
	c.waitHealthy()
}

// Start starts node id again after Kill, with its data, and returns once
// the cluster's metadata lists it as a broker again.
func (c *Cluster) Start(id int32) {
	c.t.Helper()
	c.node("start", id)
	delete(c.killed, id)
	c.poll(time.Minute, fmt.Sprintf("node %d registered again", id), func(ctx context.Context) (bool, error) {
		md, err := c.metadata(ctx)
		if err != nil {
			return false, err
		}
		return slices.ContainsFunc(md.Brokers, func(b kmsg.MetadataResponseBroker) bool { return b.NodeID == id }), nil
	})
}

// heal brings back every node the test took down and waits until the
// cluster is whole.
func (c *Cluster) heal() {
	for id := range c.stopped {
		c.Cont(id)
	}
	for id := range c.killed {
		c.Start(id)
	}
	c.waitHealthy()
}

// waitHealthy waits until every node is a broker in the metadata and
// answers requests itself, and every partition of every topic has all its
// replicas in sync. (A node just restarted is listed under its old
// registration until that expires, before it listens.)
func (c *Cluster) waitHealthy() {
	c.t.Helper()
	c.poll(healTimeout, "every node up and every replica in sync", func(ctx context.Context) (bool, error) {
		md, err := c.metadata(ctx)
		if err != nil {
			return false, err
		}
		if len(md.Brokers) != Nodes {
			return false, fmt.Errorf("%d brokers in the metadata", len(md.Brokers))
		}
		for id := int32(1); id <= Nodes; id++ {
			if _, err := kmsg.NewPtrMetadataRequest().RequestWith(ctx, c.cl.Broker(int(id))); err != nil {
				return false, fmt.Errorf("node %d does not answer: %v", id, err)
			}
		}
		for _, td := range md.Topics {
			for _, p := range td.Partitions {
				if p.Leader < 0 || len(p.ISR) != len(p.Replicas) {
					return false, fmt.Errorf("%s/%d: leader %d, in sync %v of %v", *td.Topic, p.Partition, p.Leader, p.ISR, p.Replicas)
				}
			}
		}
		return true, nil
	})
}

// metadata asks a broker about the cluster and topics (all when none are
// named). It never answers from the client's cache, whose list of brokers
// may be minutes old.
func (c *Cluster) metadata(ctx context.Context, topics ...string) (*kmsg.MetadataResponse, error) {
	req := kmsg.NewPtrMetadataRequest()
	for _, t := range topics {
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(t)
		req.Topics = append(req.Topics, rt)
	}
	return req.RequestWith(ctx, c.cl)
}

// poll calls cond until it holds or within passes, then fails the test
// with what cond last said.
func (c *Cluster) poll(within time.Duration, what string, cond func(context.Context) (bool, error)) {
	c.t.Helper()
	deadline := time.Now().Add(within)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		ok, err := cond(ctx)
		cancel()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("not %s within %s: %v", what, within, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// Topic creates a topic with replication factor 3 and
// min.insync.replicas=2 (configs may say otherwise), waits until every
// partition has a leader and all replicas in sync, and deletes it when the
// test ends.
func (c *Cluster) Topic(partitions int32, configs map[string]string) string {
	c.t.Helper()
	cfg := map[string]*string{"min.insync.replicas": kadm.StringPtr("2")}
	for k, v := range configs {
		cfg[k] = kadm.StringPtr(v)
	}
	name := c.create(partitions, cfg)
	c.waitHealthy()
	// Each broker learns of a new topic from the controller in its own
	// time, and one that has not yet answers UNKNOWN_TOPIC_OR_PARTITION.
	for id := int32(1); id <= Nodes; id++ {
		c.poll(time.Minute, fmt.Sprintf("node %d knowing topic %s", id, name), func(ctx context.Context) (bool, error) {
			req := kmsg.NewPtrMetadataRequest()
			rt := kmsg.NewMetadataRequestTopic()
			rt.Topic = kmsg.StringPtr(name)
			req.Topics = append(req.Topics, rt)
			resp, err := c.cl.Broker(int(id)).RetriableRequest(ctx, req)
			if err != nil {
				return false, err
			}
			md := resp.(*kmsg.MetadataResponse)
			if len(md.Topics) != 1 || md.Topics[0].ErrorCode != 0 || len(md.Topics[0].Partitions) != int(partitions) {
				return false, fmt.Errorf("node %d does not know all of %s yet", id, name)
			}
			return true, nil
		})
	}
	return name
}

// TopicNoWait creates a topic of replication factor 3 and returns at once,
// as Kafka's own tools do, while the brokers may not all know it yet; it is
// deleted when the test ends.
func (c *Cluster) TopicNoWait(partitions int32) string {
	c.t.Helper()
	return c.create(partitions, nil)
}

// create creates a topic of replication factor 3 with the settings cfg and
// deletes it when the test ends.
func (c *Cluster) create(partitions int32, cfg map[string]*string) string {
	c.t.Helper()
	name := testbroker.Name(c.t, "topic")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := c.adm.CreateTopic(ctx, partitions, Nodes, cfg, name)
	if err == nil {
		err = resp.Err
	}
	if err != nil {
		c.t.Fatalf("create topic %s: %v", name, err)
	}
	c.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = c.adm.DeleteTopics(ctx, name)
	})
	return name
}

// WaitInSync waits until every partition of topic has exactly n replicas
// in sync: after a node died, until the controller has taken it out.
func (c *Cluster) WaitInSync(topic string, n int) {
	c.t.Helper()
	c.poll(time.Minute, fmt.Sprintf("%d replicas in sync in every partition of %s", n, topic), func(ctx context.Context) (bool, error) {
		md, err := c.metadata(ctx, topic)
		if err != nil {
			return false, err
		}
		if len(md.Topics) != 1 || len(md.Topics[0].Partitions) == 0 {
			return false, fmt.Errorf("no partitions of %s in the metadata", topic)
		}
		for _, p := range md.Topics[0].Partitions {
			if len(p.ISR) != n {
				return false, fmt.Errorf("%s/%d: in sync %v", topic, p.Partition, p.ISR)
			}
		}
		return true, nil
	})
}

// Leader returns the node that leads topic's partition, waiting for one
// to be elected.
func (c *Cluster) Leader(topic string, partition int32) int32 {
	c.t.Helper()
	leader := int32(-1)
	c.poll(time.Minute, fmt.Sprintf("a leader for %s/%d", topic, partition), func(ctx context.Context) (bool, error) {
		md, err := c.metadata(ctx, topic)
		if err != nil {
			return false, err
		}
		for _, td := range md.Topics {
			for _, p := range td.Partitions {
				if p.Partition == partition && p.Leader >= 0 {
					leader = p.Leader
					return true, nil
				}
			}
		}
		return false, fmt.Errorf("no leader")
	})
	return leader
}

// Coordinator returns the node that coordinates group.
func (c *Cluster) Coordinator(group string) int32 {
	c.t.Helper()
	return c.coordinator("group", group, c.adm.FindGroupCoordinators)
}

// TxnCoordinator returns the node that coordinates the transactions of
// transactional id id.
func (c *Cluster) TxnCoordinator(id string) int32 {
	c.t.Helper()
	return c.coordinator("transactional id", id, c.adm.FindTxnCoordinators)
}

func (c *Cluster) coordinator(kind, key string, find func(context.Context, ...string) kadm.FindCoordinatorResponses) int32 {
	c.t.Helper()
	node := int32(-1)
	c.poll(time.Minute, "a coordinator for "+kind+" "+key, func(ctx context.Context) (bool, error) {
		r, ok := find(ctx, key)[key]
		if !ok {
			return false, fmt.Errorf("no answer about the %s", kind)
		}
		if r.Err != nil {
			return false, r.Err
		}
		node = r.NodeID
		return true, nil
	})
	return node
}

// Others returns the nodes other than id, in order.
func Others(id int32) []int32 {
	var out []int32
	for n := int32(1); n <= Nodes; n++ {
		if n != id {
			out = append(out, n)
		}
	}
	return out
}

// Bootstrap is Brokers joined with commas.
func (c *Cluster) Bootstrap() string { return strings.Join(c.Brokers, ",") }
