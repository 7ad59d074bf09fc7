package cmd_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestConsumeGroupRevokeCommitFails makes the commit that a member makes
// before a rebalance hands one of its two partitions to a new member fail,
// as a coordinator that answers REBALANCE_IN_PROGRESS does: the member
// names that partition in one warning, and the new member reads its records
// again from the last commit (here the log start), so none is lost. The
// partition the member keeps is not named, though its commit failed as well
// (at the end of the session, and again with the revoke): the member
// commits it again a second later. The coordinator refuses every commit of
// the group until the new member has its records, the first member's
// commits every second too, so that what it wrote is still uncommitted when
// the rebalance comes.
func TestConsumeGroupRevokeCommitFails(t *testing.T) {
	if testbroker.Real() {
		t.Skip("refuses commits in a cluster of its own")
	}
	t.Parallel()
	const topic, group = "revoke-commit", "revoke-commit-group"
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(2, topic))
	env := shoretest.Env(t, map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")})
	var refuse atomic.Bool
	refuse.Store(true)
	refuseCommits(c, group, func() int16 {
		if refuse.Load() {
			return kerr.RebalanceInProgress.Code
		}
		return 0
	})
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.ProduceSync(context.Background(), numbered(topic, 2, 3)...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	partition := func(p string) []string {
		return []string{p + " " + p + "-00\n", p + " " + p + "-01\n", p + " " + p + "-02\n"}
	}
	lines := func(m *running) []string {
		l := strings.SplitAfter(m.out.String(), "\n")
		l = l[:len(l)-1]
		slices.Sort(l)
		return l
	}

	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	args := []string{"consume", topic, "-g", group, "-f", "%p %v\n"}
	first := startShore(ctx, env, args...)
	shoretest.Eventually(t, 30*time.Second, func() error {
		if got := lines(first); len(got) != 6 {
			return fmt.Errorf("the first member wrote %q; want the six records", got)
		}
		return nil
	})
	second := startShore(ctx, env, args...)
	var taken []string
	shoretest.Eventually(t, 30*time.Second, func() error {
		switch got := lines(second); {
		case slices.Equal(got, partition("0")), slices.Equal(got, partition("1")):
			taken = got
			return nil
		default:
			return fmt.Errorf("the second member wrote %q; want the three records of the partition it took", got)
		}
	})
	refuse.Store(false)
	interrupt()
	want := fmt.Sprintf("shore: warning: commit offsets of group %q before a rebalance: REBALANCE_IN_PROGRESS: The group is rebalancing, so a rejoin is needed; the next owner of %s:%s starts at the group's last commit (without one, where its own -o or the log start puts it), so what was written since is consumed again\n", group, topic, taken[0][:1])
	// Refusals that last 10s on a loaded machine add the warning of
	// commits that keep failing and, with the final commit, the line of
	// their success (see TestConsumeGroupCommitsFail): both, or neither.
	code := first.exit(t, 30*time.Second)
	got := first.errOut.String()
	if failing, again := commitsFailing(group), commitsSucceedAgain(group); strings.Contains(got, failing) && strings.HasSuffix(got, again) {
		got = strings.Replace(strings.TrimSuffix(got, again), failing, "", 1)
	}
	if code != 0 || got != want {
		t.Errorf("first member: exit %d, stderr %q; want 0 and %q", code, first.errOut.String(), want)
	}
	if code := second.exit(t, 30*time.Second); code != 0 || second.errOut.String() != "" || !slices.Equal(lines(second), taken) {
		t.Errorf("second member: exit %d, stderr %q, stdout %q; want 0, nothing and %q", code, second.errOut.String(), lines(second), taken)
	}
}

// TestConsumeGroupExitNoPartitions: a member with -e that the group gives no
// partition (another member holds the topic's only one) says so on stderr,
// where it waited in silence for as long as the other member ran;
// --idle-timeout ends the wait.
func TestConsumeGroupExitNoPartitions(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 3)
	group := testbroker.Name(t, "group")
	_ = consumer(t, group, topic, "holder", false)
	waitMembers(t, group, 1)
	res := shoretest.Run(t, "consume", topic, "-g", group, "-e", "--idle-timeout", "2s")
	wantRun(t, res, 0, "", fmt.Sprintf("shore: group %q gave this member no partitions (its other members hold them all); -e waits until it gives some (--idle-timeout ends the wait)\n", group))
}

// TestConsumeGroupIdleTimeoutFromAssignment: a member with --idle-timeout
// that nothing arrives for ends the timeout after the group assigned it
// partitions. Its first poll began before the assignment and ran the whole
// timeout, and the next one the whole timeout again, so --idle-timeout 4s
// ended it after 8s, when the join took any time at all. The group's answer
// here comes a second late, and the run is timed from it: the time to the
// assignment is the machine's (the race detector's, a loaded CI's). The
// timeout is 8s, so that the margin for leaving the group and exiting
// (2.8s under -race in a clean-clone CI, where 4s and a bound of 5.5s
// failed) stays well short of the doubled timeout's end, 15s after it.
func TestConsumeGroupIdleTimeoutFromAssignment(t *testing.T) {
	const topic, group = "idle-assigned", "idle-assigned-group"
	c := delayableCluster(t, topic)
	res, assigned := runAnsweredLate(t, c, kmsg.SyncGroup, "consume", topic, "-g", group, "--idle-timeout", "8s")
	took := time.Since(assigned)
	wantRun(t, res, 0, "", "")
	if took > 12*time.Second {
		t.Errorf("--idle-timeout 8s: ended %s after the group's assignment; want about 8s", took.Round(time.Millisecond))
	}
}

// TestConsumeGroupResumesWithinIdleTimeout: a member resuming a partition
// from a commit that carries a leader epoch (every commit consume -g makes)
// fetches it only once its leader confirmed the epoch (OffsetForLeaderEpoch).
// When that answer came after the first fetch went out, the partition joined
// the fetches only once the broker answered the next, which it holds while
// nothing is new for the fetch's max wait, franz-go's 5s: --idle-timeout 3s
// then ended the run with that partition's record unread, exit 0, as if
// caught up (seen on a loaded machine against shore dev, where the answer
// came late by itself). The leader here answers a second late, so the
// record comes about 1.5s after the first; --idle-timeout 4s leaves the
// race detector on a loaded CI 2.5s more (3s failed there once, ending
// 3.2s after start) while franz-go's 5s max wait still fails it.
func TestConsumeGroupResumesWithinIdleTimeout(t *testing.T) {
	const topic, group = "resume-epoch", "resume-epoch-group"
	c := delayableCluster(t, topic)
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	// 0-01 is read from a commit with an epoch, 1-01 from one without
	commits := kadm.Offsets{}
	commits.Add(kadm.Offset{Topic: topic, Partition: 0, At: 1, LeaderEpoch: 0})
	commits.Add(kadm.Offset{Topic: topic, Partition: 1, At: 1, LeaderEpoch: -1})
	err = cl.ProduceSync(t.Context(), numbered(topic, 2, 2)...).FirstErr()
	if err == nil {
		var committed kadm.OffsetResponses
		committed, err = kadm.NewClient(cl).CommitOffsets(t.Context(), group, commits)
		err = cmp.Or(err, committed.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	res, _ := runAnsweredLate(t, c, kmsg.OffsetForLeaderEpoch, "consume", topic, "-g", group, "--idle-timeout", "4s")
	wantRun(t, res, 0, "1-01\n0-01\n", "")
}

// delayableCluster is a parallel test's own cluster, whose answers
// runAnsweredLate can delay, with topic of two partitions.
func delayableCluster(t *testing.T, topic string) *kfake.Cluster {
	t.Helper()
	if testbroker.Real() {
		t.Skip("delays a request of a cluster of its own")
	}
	t.Parallel()
	return testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(2, topic))
}

// runAnsweredLate runs shore against c, whose every answer to a request
// of key comes a second late; answered is when the last of them went out.
func runAnsweredLate(t *testing.T, c *kfake.Cluster, key kmsg.Key, args ...string) (res shoretest.Result, answered time.Time) {
	t.Helper()
	var last atomic.Int64
	c.ControlKey(key.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		c.SleepControl(func() { time.Sleep(time.Second) })
		last.Store(time.Now().UnixNano())
		return nil, nil, false
	})
	res = shoretest.RunWith(t, shoretest.Opts{Timeout: 30 * time.Second, Env: map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}}, args...)
	return res, time.Unix(0, last.Load())
}

// TestConsumeGroupFencedInstance: a static member that another consumer
// with its --instance-id fences out ends, exit 1, with a line that says
// what happened and what to do, where it printed Kafka's error alone.
func TestConsumeGroupFencedInstance(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 3)
	group := testbroker.Name(t, "group")
	ran := make(chan shoretest.Result, 1)
	go func() {
		ran <- shoretest.Run(t, "consume", topic, "-g", group, "--instance-id", "host-1", "-f", "%o\n")
	}()
	waitMembers(t, group, 1)
	twin := testbroker.Client(t, kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic), kgo.InstanceID("host-1"), kgo.DisableAutoCommit())
	go twin.PollFetches(t.Context())
	select {
	case res := <-ran:
		// The final commit, when records were written since the last one,
		// is fenced too, and its error joins the line.
		want := fmt.Sprintf("shore: group %q: another consumer joined as static instance \"host-1\" and fenced this one out (FENCED_INSTANCE_ID): give each consumer its own --instance-id", group)
		if res.Code != 1 || res.Stdout != "0\n1\n2\n" || !strings.HasPrefix(res.Stderr, want) {
			t.Errorf("exit %d, stdout %q, stderr %q; want exit 1, 0 1 2, stderr starting %q", res.Code, res.Stdout, res.Stderr, want)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the fenced member did not end")
	}
}
