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

// TestGroupsFrozenNode freezes the node that leads partition 0 of a topic
// and coordinates one of two groups with commits on it (the other group's
// coordinator stays healthy). Within --timeout: groups list shows the
// healthy coordinator's group and warns that the frozen node's are not
// listed (exit 0); groups describe of the healthy group shows its rows,
// with - for the log offsets and lag of the partitions the frozen node
// leads, and warns (exit 0); groups describe of the frozen node's group
// fails naming the node (exit 1), since only its coordinator knows it.
func TestGroupsFrozenNode(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	frozen := c.Leader(topic, 0)
	healthy := groupCoordinatedBy(t, c, func(n int32) bool { return n != frozen })
	silent := groupCoordinatedBy(t, c, func(n int32) bool { return n == frozen })
	for _, g := range []string{healthy, silent} {
		commit := []string{"groups", "commit", g, topic + ":0=0", topic + ":1=0", topic + ":2=0"}
		if res := c.Shore(nil, commit...).Wait(time.Minute); res.Code != 0 {
			t.Fatalf("groups commit %s: exit %d\n%s", g, res.Code, res.Stderr)
		}
	}
	ledByFrozen := map[string]bool{}
	for p := range int32(3) {
		ledByFrozen[fmt.Sprint(p)] = c.Leader(topic, p) == frozen
	}
	// Each command runs in a freeze of its own, which ends before Kafka
	// fences the node and moves its leaders and groups.
	frozenRun := func(args ...string) faultkit.Result {
		c.Stop(frozen)
		defer c.Thaw(frozen)
		return c.Shore(nil, append(args, "--timeout", frozenTimeout)...).Wait(time.Minute)
	}

	list := frozenRun("groups", "list")
	if list.Code != 0 || list.Elapsed >= frozenWithin || !regexp.MustCompile(`(?m)^`+healthy+` `).MatchString(list.Stdout) ||
		strings.Contains(list.Stdout, silent) || !frozenWarning(c, frozen, "the groups coordinated there are not listed").MatchString(list.Stderr) {
		t.Fatalf("node %d frozen: groups list: exit %d after %s\nstdout:\n%s\nstderr:\n%s\nwant 0 within %s, %s listed, %s not, and one warning naming node %d",
			frozen, list.Code, list.Elapsed, list.Stdout, list.Stderr, frozenWithin, healthy, silent, frozen)
	}

	describe := frozenRun("groups", "describe", healthy)
	// TOPIC PARTITION CURRENT-OFFSET LOG-START LOG-END LAG, then the member columns.
	rows := regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(topic)+` +([0-2]) +0 +(\S+) +(\S+) +(\S+) `).FindAllStringSubmatch(describe.Stdout, -1)
	ok := describe.Code == 0 && describe.Elapsed < frozenWithin && len(rows) == 3 &&
		frozenWarning(c, frozen, "the log offsets and lag of the partitions led there are unknown, shown as -").MatchString(describe.Stderr)
	for _, r := range rows {
		if unknown := r[2] == "-" && r[3] == "-" && r[4] == "-"; unknown != ledByFrozen[r[1]] {
			ok = false
		}
	}
	if !ok {
		t.Fatalf("node %d frozen: groups describe %s: exit %d after %s\nstdout:\n%s\nstderr:\n%s\nwant 0 within %s, three rows with - for the log offsets and lag where node %d leads (%v) and only there, and one warning naming it",
			frozen, healthy, describe.Code, describe.Elapsed, describe.Stdout, describe.Stderr, frozenWithin, frozen, ledByFrozen)
	}

	named := frozenRun("groups", "describe", silent)
	want := regexp.MustCompile(fmt.Sprintf(`^shore: no answer from broker %d \(%s\) within %s \(one request's share of the %s timeout\)\n$`, frozen, regexp.QuoteMeta(c.Brokers[frozen-1]), frozenBound, frozenTimeout))
	if named.Code != 1 || named.Elapsed >= frozenWithin || !want.MatchString(named.Stderr) {
		t.Fatalf("node %d frozen: groups describe %s (coordinated there): exit %d after %s, stderr %q; want 1 within %s and %s",
			frozen, silent, named.Code, named.Elapsed, named.Stderr, frozenWithin, want)
	}
}

// groupCoordinatedBy returns a new group name whose coordinator is a node
// for which pick holds.
func groupCoordinatedBy(t *testing.T, c *faultkit.Cluster, pick func(int32) bool) string {
	t.Helper()
	for i := range 100 {
		g := testbroker.Name(t, fmt.Sprintf("group%d", i))
		if pick(c.Coordinator(g)) {
			return g
		}
	}
	t.Fatal("no group name among 100 has a coordinator of the kind wanted")
	return ""
}
