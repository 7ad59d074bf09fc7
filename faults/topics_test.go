package faults

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/internal/faultkit"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestTopicsDescribeTwoNodesDown describes a topic with two of three nodes
// dead, one of them partition 0's leader: shore shows what the live node
// knows, marks the offsets it cannot learn with -, names the brokers that
// did not answer, and exits 0.
func TestTopicsDescribeTwoNodesDown(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	dead := c.Leader(topic, 0)
	c.Kill(dead)
	c.Kill(faultkit.Others(dead)[0])
	res := c.Shore(nil, "topics", "describe", topic).Wait(time.Minute)
	rows := regexp.MustCompile(`(?m)^[0-2] +\S+ +1,2,3 +\S+ +(\S+) +(\S+)$`).FindAllStringSubmatch(res.Stdout, -1)
	if res.Code != 0 || len(rows) != 3 || rows[0][1] != "-" || rows[0][2] != "-" ||
		!strings.HasPrefix(res.Stderr, "shore: warning: no answer from brokers ") || strings.Count(res.Stderr, "\n") != 1 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant 0, three partition rows, partition 0's offsets marked -, and one warning", res.Code, res.Stdout, res.Stderr)
	}
}

// frozenTimeout is the --timeout of the frozen-node tests: short enough
// that the command ends before Kafka fences the frozen node (9 s) and moves
// its leaders, so the answer is the partial one the test expects. An admin
// command gives up on a silent broker after a third of it.
const (
	frozenTimeout = "6s"
	frozenBound   = "2s"
	// frozenWithin is the loose bound on a frozen-node run: the timeout,
	// plus the time a process takes to start on a busy machine.
	frozenWithin = 9 * time.Second
)

// TestTopicsDescribeFrozenNode describes a topic while partition 0's
// leader is frozen (its connections stay open, nothing answers): shore
// answers within --timeout with what the other nodes know, marks - the
// offsets of the partitions the frozen node leads, names it in one warning,
// and exits 0, as with a dead node.
func TestTopicsDescribeFrozenNode(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	frozen := c.Leader(topic, 0)
	c.Stop(frozen)
	res := c.Shore(nil, "topics", "describe", topic, "--timeout", frozenTimeout).Wait(time.Minute)
	rows := regexp.MustCompile(`(?m)^([0-2]) +(\S+) +1,2,3 +\S+ +(\S+) +(\S+)$`).FindAllStringSubmatch(res.Stdout, -1)
	ok := res.Code == 0 && len(rows) == 3 && res.Elapsed < frozenWithin && frozenWarning(c, frozen, "the offsets of the partitions led there are unknown, shown as -").MatchString(res.Stderr)
	for _, r := range rows {
		unknown := r[3] == "-" && r[4] == "-"
		if unknown != (r[2] == fmt.Sprint(frozen)) {
			ok = false
		}
	}
	if !ok {
		t.Fatalf("node %d frozen: exit %d after %s\nstdout:\n%s\nstderr:\n%s\nwant 0 within %s, three partition rows whose offsets are - where node %d leads and only there, and one warning naming it",
			frozen, res.Code, res.Elapsed, res.Stdout, res.Stderr, frozenWithin, frozen)
	}
	// -o json has null where the table has -, and the warning says so.
	res = c.Shore(nil, "topics", "describe", topic, "-o", "json", "--timeout", frozenTimeout).Wait(time.Minute)
	if res.Code != 0 || !strings.Contains(res.Stdout, `"log_end": null`) ||
		!frozenWarning(c, frozen, "the offsets of the partitions led there are unknown, shown as null").MatchString(res.Stderr) {
		t.Fatalf("node %d frozen: -o json: exit %d\nstdout:\n%s\nstderr:\n%s\nwant 0, a null log_end, and one warning naming it that says null",
			frozen, res.Code, res.Stdout, res.Stderr)
	}
}

// frozenWarning matches the one warning line that names the frozen node
// and says what the answer lacks.
func frozenWarning(c *faultkit.Cluster, frozen int32, missing string) *regexp.Regexp {
	return regexp.MustCompile(fmt.Sprintf(`^shore: warning: no answer from broker %d \(%s\): no answer within %s; %s\n$`,
		frozen, regexp.QuoteMeta(c.Brokers[frozen-1]), frozenBound, regexp.QuoteMeta(missing)))
}

// TestTopicsCreateThenUseOnEveryNode runs `shore topics create` and, at
// once, a produce through each node alone, ten times: create returns only
// once every broker knows the new topic, so none of them answers "unknown
// topic" to the next command (each broker learns of a topic at its own
// pace, and one that lags used to fail the produce).
func TestTopicsCreateThenUseOnEveryNode(t *testing.T) {
	c := faultkit.New(t)
	for i := range 10 {
		topic := testbroker.Name(t, fmt.Sprintf("created%d", i))
		if res := c.Shore(nil, "topics", "create", topic, "-p", "3", "-r", "3").Wait(time.Minute); res.Code != 0 {
			t.Fatalf("topics create: exit %d\n%s", res.Code, res.Stderr)
		}
		produceThroughEachNode(t, c, topic, i)
		if res := c.Shore(nil, "topics", "delete", topic).Wait(time.Minute); res.Code != 0 {
			t.Fatalf("topics delete: exit %d\n%s", res.Code, res.Stderr)
		}
	}
}

// TestUseRightAfterForeignCreate creates a topic the way Kafka's own tools
// do (returning before every broker knows it) and at once produces and
// consumes through each node alone, ten times: a broker that has not yet
// heard of the topic does not make shore call it unknown while another
// broker knows it.
func TestUseRightAfterForeignCreate(t *testing.T) {
	c := faultkit.New(t)
	for i := range 10 {
		topic := c.TopicNoWait(3)
		produceThroughEachNode(t, c, topic, i)
		for _, node := range c.Brokers {
			res := c.Shore(nil, "consume", topic, "-b", node, "-e").Wait(time.Minute)
			if res.Code != 0 || res.Stdout != "x\nx\nx\n" {
				t.Fatalf("round %d: consume through %s right after create: exit %d\nstdout %q\nstderr:\n%s", i, node, res.Code, res.Stdout, res.Stderr)
			}
		}
	}
}

// produceThroughEachNode sends one record "x" to topic through each node
// alone (-b that node), failing the test on any exit but 0.
func produceThroughEachNode(t *testing.T, c *faultkit.Cluster, topic string, round int) {
	t.Helper()
	for _, node := range c.Brokers {
		if res := c.Shore(strings.NewReader("x\n"), "produce", topic, "-b", node).Wait(time.Minute); res.Code != 0 {
			t.Fatalf("round %d: produce through %s right after create: exit %d\nstderr:\n%s", round, node, res.Code, res.Stderr)
		}
	}
}
