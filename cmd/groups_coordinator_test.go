package cmd_test

import (
	"sync/atomic"
	"testing"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// notReadyCoordinator makes c answer its next n lookups of a group's
// coordinator (every one when n < 0) with COORDINATOR_NOT_AVAILABLE, as a
// new Apache Kafka cluster does until it has made __consumer_offsets.
func notReadyCoordinator(c *kfake.Cluster, n int64) {
	var left atomic.Int64
	left.Store(n)
	c.ControlKey(kmsg.FindCoordinator.Int16(), func(kreq kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if n >= 0 && left.Add(-1) < 0 {
			return nil, nil, false
		}
		req := kreq.(*kmsg.FindCoordinatorRequest)
		resp := req.ResponseKind().(*kmsg.FindCoordinatorResponse)
		code := kerr.CoordinatorNotAvailable.Code
		resp.ErrorCode = code
		for _, key := range append(req.CoordinatorKeys, req.CoordinatorKey) {
			if key == "" && req.Version >= 4 {
				continue
			}
			rc := kmsg.NewFindCoordinatorResponseCoordinator()
			rc.Key, rc.NodeID, rc.ErrorCode = key, -1, code
			resp.Coordinators = append(resp.Coordinators, rc)
		}
		return resp, nil, true
	})
}

// TestGroupsCoordinatorNotReady: a cluster that has no coordinator for a
// group yet (a new one, before __consumer_offsets is made) is asked again
// until --timeout, as the Java tools do, rather than failing at once with
// kadm's "request DescribeGroups has 1 separate shard errors"; when the
// time runs out, one line says what is missing and where to look.
func TestGroupsCoordinatorNotReady(t *testing.T) {
	if testbroker.Real() {
		t.Skip("answers kfake's coordinator lookups itself")
	}
	t.Run("ready after a few lookups", func(t *testing.T) {
		t.Parallel()
		c := testbroker.Own(t)
		notReadyCoordinator(c, 3)
		wantRun(t, shoretest.Run(t, "-b", c.ListenAddrs()[0], "groups", "describe", "billing"), 1, "", "shore: unknown group \"billing\"\n")
		notReadyCoordinator(c, 3)
		wantRun(t, shoretest.Run(t, "-b", c.ListenAddrs()[0], "groups", "delete", "billing"), 1, "GROUP    RESULT\nbilling  unknown group\n", "shore: group \"billing\" not deleted: unknown group\n")
	})
	t.Run("never ready", func(t *testing.T) {
		t.Parallel()
		c := testbroker.Own(t)
		notReadyCoordinator(c, -1)
		want := "no broker coordinates group \"billing\" yet (COORDINATOR_NOT_AVAILABLE: The coordinator is not available.): a new cluster makes __consumer_offsets at its first group request, and its partitions need a leader; 'shore topics describe __consumer_offsets' shows them\n"
		wantRun(t, shoretest.Run(t, "-b", c.ListenAddrs()[0], "--timeout", "3s", "groups", "describe", "billing"), 1, "", "shore: "+want)
		wantRun(t, shoretest.Run(t, "-b", c.ListenAddrs()[0], "--timeout", "3s", "groups", "seek", "billing", "--to", "start"), 1, "", "shore: "+want)
		wantRun(t, shoretest.Run(t, "-b", c.ListenAddrs()[0], "--timeout", "3s", "groups", "delete", "billing"), 1, "", "shore: delete groups: "+want)
	})
}

// TestConsumeGroupNoCoordinator: a member that cannot join its group at
// all (no broker coordinates it) says so, and --idle-timeout, which does
// not count while a member waits for the group to assign it partitions,
// counts from its first failed try: the run ends, exit 1, saying nothing
// was read. It waited forever with --idle-timeout, after a warning that
// the member had "lost its place" in a group it never joined.
func TestConsumeGroupNoCoordinator(t *testing.T) {
	if testbroker.Real() {
		t.Skip("answers kfake's coordinator lookups itself")
	}
	c := testbroker.Own(t, kfake.SeedTopics(1, "orders"))
	notReadyCoordinator(c, -1)
	res := shoretest.Run(t, "-b", c.ListenAddrs()[0], "--timeout", "1s", "consume", "orders", "-g", "billing", "-e", "--idle-timeout", "1s")
	why := "(COORDINATOR_NOT_AVAILABLE: The coordinator is not available.)"
	wantRun(t, res, 1, "", "shore: warning: cannot join group \"billing\" yet "+why+"; trying again until it can (--idle-timeout ends the wait)\n"+
		"shore: could not join group \"billing\" within --idle-timeout 1s "+why+": nothing was read\n")
}
