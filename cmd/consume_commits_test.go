package cmd_test

import (
	"context"
	"fmt"
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

// refuseCommits makes c answer each OffsetCommit request of group with the
// error code that refusal returns for it, on every partition; 0 lets the
// request through.
func refuseCommits(c *kfake.Cluster, group string, refusal func() int16) {
	c.ControlKey(int16(kmsg.OffsetCommit), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		commit := req.(*kmsg.OffsetCommitRequest)
		if commit.Group != group {
			return nil, nil, false
		}
		code := refusal()
		if code == 0 {
			return nil, nil, false
		}
		resp := commit.ResponseKind().(*kmsg.OffsetCommitResponse)
		for _, rt := range commit.Topics {
			st := kmsg.NewOffsetCommitResponseTopic()
			st.Topic, st.TopicID = rt.Topic, rt.TopicID
			for _, rp := range rt.Partitions {
				sp := kmsg.NewOffsetCommitResponseTopicPartition()
				sp.Partition, sp.ErrorCode = rp.Partition, code
				st.Partitions = append(st.Partitions, sp)
			}
			resp.Topics = append(resp.Topics, st)
		}
		return resp, nil, true
	})
}

// commitCluster starts a cluster of the test's own with topic (one
// partition) holding three records, and returns it with shore's
// environment for it.
func commitCluster(t *testing.T, topic string) (*kfake.Cluster, map[string]string) {
	t.Helper()
	if testbroker.Real() {
		t.Skip("refuses commits in a cluster of its own")
	}
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.ProduceSync(context.Background(), numbered(topic, 1, 3)...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	return c, shoretest.Env(t, map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")})
}

// commitsFailing and commitsSucceedAgain are the lines of a streak of
// commits refused as REBALANCE_IN_PROGRESS and of its end.
func commitsFailing(group string) string {
	return fmt.Sprintf("shore: warning: commits of group %q have failed for 10s: REBALANCE_IN_PROGRESS: The group is rebalancing, so a rejoin is needed; records written since the last commit would be consumed again by the next owner of their partitions or a restart\n", group)
}

func commitsSucceedAgain(group string) string {
	return fmt.Sprintf("shore: commits of group %q succeed again\n", group)
}

// TestConsumeGroupCommitsFail refuses every commit of a member's group, as
// a coordinator does that cannot write its offsets: after 10s of failures
// one warning says so, and no other follows however many commits fail
// after it; once the coordinator takes commits again, one line says that
// they succeed again. Records are written all along, and the run ends
// normally.
func TestConsumeGroupCommitsFail(t *testing.T) {
	t.Parallel()
	const topic, group = "commits-fail", "commits-fail-group"
	c, env := commitCluster(t, topic)
	var refuse atomic.Bool
	var refused atomic.Int64
	refuse.Store(true)
	refuseCommits(c, group, func() int16 {
		if !refuse.Load() {
			return 0
		}
		refused.Add(1)
		return kerr.RebalanceInProgress.Code
	})

	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	m := startShore(ctx, env, "consume", topic, "-g", group)
	failing := commitsFailing(group)
	shoretest.Eventually(t, 60*time.Second, func() error {
		if got := m.errOut.String(); got != failing {
			return fmt.Errorf("stderr %q; want %q", got, failing)
		}
		return nil
	})
	// Three more refusals, a second apart: no more lines.
	more := refused.Load() + 3
	shoretest.Eventually(t, 30*time.Second, func() error {
		if n := refused.Load(); n < more {
			return fmt.Errorf("%d commits refused; want %d", n, more)
		}
		return nil
	})
	if got := m.errOut.String(); got != failing {
		t.Fatalf("stderr after three more refused commits %q; want only %q", got, failing)
	}
	refuse.Store(false)
	again := failing + commitsSucceedAgain(group)
	shoretest.Eventually(t, 30*time.Second, func() error {
		if got := m.errOut.String(); got != again {
			return fmt.Errorf("stderr %q; want %q", got, again)
		}
		return nil
	})
	interrupt()
	if code := m.exit(t, 30*time.Second); code != 0 || m.out.String() != "0-00\n0-01\n0-02\n" || m.errOut.String() != again {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0, the three records and %q", code, m.out.String(), m.errOut.String(), again)
	}
}

// TestConsumeGroupCommitFailsOnce refuses a member's first commit only, as
// a coordinator does when the group begins to rebalance: the next commit
// succeeds, and nothing is said.
func TestConsumeGroupCommitFailsOnce(t *testing.T) {
	t.Parallel()
	const topic, group = "commit-fails-once", "commit-fails-once-group"
	c, env := commitCluster(t, topic)
	var commits atomic.Int64
	refuseCommits(c, group, func() int16 {
		if commits.Add(1) == 1 {
			return kerr.RebalanceInProgress.Code
		}
		return 0
	})

	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	m := startShore(ctx, env, "consume", topic, "-g", group)
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	shoretest.Eventually(t, 30*time.Second, func() error {
		reqCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		offsets, err := adm.FetchOffsets(reqCtx, group)
		if err != nil {
			return err
		}
		if o, ok := offsets.Lookup(topic, 0); !ok || o.At != 3 || commits.Load() < 2 {
			return fmt.Errorf("%d commits, committed %+v; want the second to commit offset 3", commits.Load(), o)
		}
		return nil
	})
	interrupt()
	if code := m.exit(t, 30*time.Second); code != 0 || m.out.String() != "0-00\n0-01\n0-02\n" || m.errOut.String() != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0, the three records and nothing", code, m.out.String(), m.errOut.String())
	}
}

// TestConsumeGroupCommitNotAuthorized refuses a member's commits for
// authorization: no retry cures that, so the run ends at the first
// refusal, exit 1, as it ends when the group refuses to let it join, and
// the final commit is not tried (it would fail and say so again). The
// line names the group or topic and the operation the login lacks, as
// groups commit does, where it was Kafka's 'GROUP_AUTHORIZATION_FAILED:
// Not authorized to access group: Group authorization failed'.
func TestConsumeGroupCommitNotAuthorized(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		code int16
		want string
	}{
		{"group", kerr.GroupAuthorizationFailed.Code, `shore: not authorized to commit the offsets of group "commit-not-authorized-group-group" (GROUP_AUTHORIZATION_FAILED: no ACL allows this login READ on it); records written since the last commit will be consumed again` + "\n"},
		{"topic", kerr.TopicAuthorizationFailed.Code, `shore: commit offsets of group "commit-not-authorized-group-topic": not authorized to read topic "commit-not-authorized-topic" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login READ on it); records written since the last commit will be consumed again` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			topic, group := "commit-not-authorized-"+tc.name, "commit-not-authorized-group-"+tc.name
			c, env := commitCluster(t, topic)
			refuseCommits(c, group, func() int16 { return tc.code })
			m := startShore(context.Background(), env, "consume", topic, "-g", group)
			if code := m.exit(t, 30*time.Second); code != 1 || m.out.String() != "0-00\n0-01\n0-02\n" || m.errOut.String() != tc.want {
				t.Errorf("exit %d, stdout %q, stderr %q; want 1, the three records and %q", code, m.out.String(), m.errOut.String(), tc.want)
			}
		})
	}
}

// TestConsumeGroupNotAuthorized: a group the login may not join (no ACL
// allows it READ on the group) is named with what it lacks, where consume
// -g said 'group "other": GROUP_AUTHORIZATION_FAILED: Not authorized to
// access group: Group authorization failed.'; a topic it may describe but
// not read ends the run with the fetch's refusal alone, where the final
// commit's refusal of the same topic followed, 'commit offsets of group
// "app": not authorized to read topic "shown" (...); records written since
// the last commit will be consumed again', which no record was: the
// commit leaves such a topic out, the others' records committed.
func TestConsumeGroupNotAuthorized(t *testing.T) {
	t.Parallel()
	admin, alice := aclCluster(t, []string{"orders", "shown"}, topicACL("orders", kmsg.ACLOperationRead),
		topicACL("shown", kmsg.ACLOperationDescribe), groupACL("app", kmsg.ACLOperationRead), groupACL("other", kmsg.ACLOperationDescribe))
	for _, topic := range []string{"orders", "shown"} {
		admin.Stdin = "a\n"
		wantRun(t, shoretest.RunWith(t, admin, "produce", topic), 0, "", "")
	}
	wantRun(t, shoretest.RunWith(t, alice, "consume", "orders", "-g", "other", "-e"), 1, "",
		`shore: not authorized to join group "other" (GROUP_AUTHORIZATION_FAILED: no ACL allows this login READ on it)`+"\n")
	wantRun(t, shoretest.RunWith(t, alice, "consume", "orders", "-g", "nope", "-e"), 1, "",
		`shore: not authorized to join group "nope" (GROUP_AUTHORIZATION_FAILED: no ACL allows this login READ on it)`+"\n")
	unread := `shore: fetch shown:0: not authorized to read topic "shown" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login READ on it)` + "\n"
	wantRun(t, shoretest.RunWith(t, alice, "consume", "shown", "-g", "app", "-e"), 1, "", unread)
}

// TestConsumeGroupCoordinatorGone stops the cluster under a member: its
// session ends, and every attempt to join again fails. One warning says
// so, not one for every attempt (about one a second) for as long as the
// brokers stay away.
func TestConsumeGroupCoordinatorGone(t *testing.T) {
	t.Parallel()
	const topic, group = "coordinator-gone", "coordinator-gone-group"
	c, env := commitCluster(t, topic)
	env["SHORE_TIMEOUT"] = "2s"
	dropped := fmt.Sprintf("shore: warning: this member lost its place in group %q (", group)
	_, stderr := brokersGone(t, c, env, dropped, "consume", topic, "-g", group)
	if n := strings.Count(stderr, dropped); n != 1 {
		t.Errorf("%d lines start %q; want 1. stderr:\n%s", n, dropped, stderr)
	}
}

// TestConsumeBrokerGone stops the cluster under consume: one warning
// names the broker it cannot reach, where the client retried in silence
// and a tail (or -e waiting for records it has still to read) looked idle.
func TestConsumeBrokerGone(t *testing.T) {
	t.Parallel()
	const topic = "broker-gone"
	c, env := commitCluster(t, topic)
	unreachable := fmt.Sprintf("shore: warning: cannot reach broker %s (", c.ListenAddrs()[0])
	code, stderr := brokersGone(t, c, env, unreachable, "consume", topic)
	if code != 0 || !strings.HasPrefix(stderr, unreachable) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want 0 and one line starting %q", code, stderr, unreachable)
	}
}

// brokersGone runs shore with args on commitCluster's cluster c, stops c
// once the three records are written, waits until stderr holds warning,
// then for five seconds more, in which the client tries to reach the
// brokers again about once a second, and interrupts the run. It returns
// the exit status and stderr.
func brokersGone(t *testing.T, c *kfake.Cluster, env map[string]string, warning string, args ...string) (int, string) {
	t.Helper()
	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	m := startShore(ctx, env, args...)
	shoretest.Eventually(t, 30*time.Second, func() error {
		if got := m.out.String(); got != "0-00\n0-01\n0-02\n" {
			return fmt.Errorf("stdout %q; want the three records", got)
		}
		return nil
	})
	c.Close()
	shoretest.Eventually(t, 30*time.Second, func() error {
		if !strings.Contains(m.errOut.String(), warning) {
			return fmt.Errorf("stderr %q; want a line starting %q", m.errOut.String(), warning)
		}
		return nil
	})
	time.Sleep(5 * time.Second)
	interrupt()
	code := m.exit(t, 30*time.Second)
	return code, m.errOut.String()
}
