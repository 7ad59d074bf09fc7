package cmd_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/consume"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestConsumeUnanswered: consume -e through a broker that takes its
// fetches and answers none (frozen) said nothing until the broker thawed,
// as if the topic were empty; a member whose coordinator takes its join and
// does not answer said nothing until the Kafka client's request timeout
// (the rebalance timeout, a minute, and --timeout). Now one warning comes
// after 6s (for a join twice the 3s by which Apache Kafka delays the first
// join of a group by default): it names the broker and the partition that
// waits for it, or the group, and one line says when the answer comes.
func TestConsumeUnanswered(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own")
	}
	t.Parallel()
	for _, tc := range []struct {
		name     string
		key      kmsg.Key
		args     []string
		warning  string // ADDR the broker's address, TOPIC the topic
		answered string
	}{
		{"fetch", kmsg.Fetch, nil,
			"shore: warning: broker ADDR has not answered a fetch for 6s (TOPIC:0 waits for it); waiting until it does (Ctrl-C or --idle-timeout ends the wait)\n",
			"shore: broker ADDR answers again\n"},
		{"join", kmsg.JoinGroup, []string{"-g", "unanswered-join-group"},
			"shore: warning: group \"unanswered-join-group\" has not answered this member's join for 6s (its coordinator ADDR may be waiting for other members of the group: to rejoin, or the leader to assign partitions); waiting until it does (Ctrl-C ends the wait)\n",
			"shore: group \"unanswered-join-group\" answered the join\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			topic := "unanswered-" + tc.name
			c := oneRecordCluster(t, topic)
			thaw := heldUntilThawed(c, tc.key)
			addr := c.ListenAddrs()[0]
			run := startShore(t.Context(), shoretest.Env(t, map[string]string{"SHORE_BROKERS": addr}), append([]string{"consume", topic, "-e", "-f", "%k=%v\n"}, tc.args...)...)
			expand := strings.NewReplacer("ADDR", addr, "TOPIC", topic).Replace
			warning := expand(tc.warning)
			waitStderr(t, run, warning)
			thaw()
			if code := run.exit(t, 30*time.Second); code != 0 || run.out.String() != "a=1\n" || run.errOut.String() != warning+expand(tc.answered) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 0, a=1 and the warning, then the answer", code, run.out.String(), run.errOut.String())
			}
		})
	}
}

// TestConsumeQuietTail: a tail that nothing new arrives for is not a
// stall: the broker holds each fetch for its max wait and answers it
// empty, and consume says nothing for longer than a fetch unanswered takes
// to be warned of. It runs alone, not beside the parallel tests: under
// make race on two cores they starved the test broker of the CPU to
// answer a fetch for 6s once, which consume then rightly warned of.
func TestConsumeQuietTail(t *testing.T) {
	topic := testbroker.Topic(t, 2, nil)
	res := shoretest.Run(t, "consume", topic, "--idle-timeout", "8s")
	wantRun(t, res, 0, "", "")
}

// TestConsumeOffsetFetchUnanswered: a member whose coordinator does not
// answer its request for the group's commits loses its place each time
// that request fails, and the group assigns it its partitions again: the
// warning that it lost its place came again with each try, every few
// seconds. It comes once until the member has its commits.
func TestConsumeOffsetFetchUnanswered(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own")
	}
	t.Parallel()
	const topic, group = "offset-fetch-unanswered", "offset-fetch-unanswered-group"
	addr := neverAnswering(t, topic, kmsg.OffsetFetch)
	ctx, interrupt := context.WithCancel(t.Context())
	defer interrupt()
	run := startShore(ctx, shoretest.Env(t, map[string]string{"SHORE_BROKERS": addr}), "consume", topic, "-g", group, "--timeout", "3s")
	const lost = "this member lost its place in group"
	waitStderr(t, run, lost)
	// Each try takes --timeout; two more fail meanwhile. (With 2s, first
	// contact itself ran out once on a loaded machine.)
	time.Sleep(3 * 3 * time.Second)
	interrupt()
	run.exit(t, 30*time.Second)
	if n := strings.Count(run.errOut.String(), lost); n != 1 {
		t.Fatalf("stderr %q: %d warnings that the member lost its place; want 1", run.errOut.String(), n)
	}
}

// TestConsumeUntilWaitBrokerSilent: --until --wait whose wait passed while
// the broker that leads the topic's partition did not answer its fetches
// said 'no record matched ... --wait 10s passed', exit 3: the answer a
// script takes for "the record never came", though the partition was not
// read and its record might match. Now that is a failure, exit 1, as a
// broker that gives no answer within --wait is: the line names the broker
// and the partition. (--wait leaves 4s past the warning's 6s for a
// loaded machine's slow start.)
func TestConsumeUntilWaitBrokerSilent(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own")
	}
	t.Parallel()
	const topic = "until-wait-silent"
	c := oneRecordCluster(t, topic)
	thaw := heldUntilThawed(c, kmsg.Fetch)
	defer thaw()
	addr := c.ListenAddrs()[0]
	run := startShore(t.Context(), shoretest.Env(t, map[string]string{"SHORE_BROKERS": addr}), "consume", topic, "--until", `.value == "never"`, "--wait", "10s")
	want := fmt.Sprintf("shore: warning: broker %[1]s has not answered a fetch for 6s (%[2]s:0 waits for it); waiting until it does (Ctrl-C or --idle-timeout ends the wait)\n"+
		"shore: no record matched --until '.value == \"never\"' in 10s (0 records read), but broker %[1]s was not answering when --wait 10s passed: a record of %[2]s:0 that it did not send may match\n", addr, topic)
	if code := run.exit(t, 30*time.Second); code != 1 || run.out.String() != "" || run.errOut.String() != want {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 1, nothing and %q", code, run.out.String(), run.errOut.String(), want)
	}
}

// heldUntilThawed makes c hold every request of key until thaw is called,
// as a broker frozen and thawed again does; then it answers them.
func heldUntilThawed(c *kfake.Cluster, key kmsg.Key) (thaw func()) {
	thawed := make(chan struct{})
	c.ControlKey(key.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		c.SleepControl(func() { <-thawed })
		return nil, nil, false
	})
	var once sync.Once
	return func() { once.Do(func() { close(thawed) }) }
}

// waitStderr waits until run's stderr holds want.
func waitStderr(t *testing.T, run *running, want string) {
	t.Helper()
	shoretest.Eventually(t, 30*time.Second, func() error {
		if got := run.errOut.String(); !strings.Contains(got, want) {
			return fmt.Errorf("stderr %q; want %q", got, want)
		}
		return nil
	})
}

// TestConsumeStoppedIsNoStall: shore itself stopped (SIGSTOP, a suspended
// laptop) for longer than a fetch may go unanswered is no broker that
// stopped answering: its fetch's answer waits to be read when it goes on.
// A timer that came due while shore was stopped said "has not answered a
// fetch for 6s" and, a moment later, "answers again". The broker is the
// test's own: the one the tests share runs in the test process, one request
// at a time, and under make race another test's (a 101 MiB record) held it
// for over 6s, a silence that shore rightly told of.
func TestConsumeStoppedIsNoStall(t *testing.T) {
	t.Parallel()
	topic := testbroker.Name(t, "topic")
	brokers := strings.Join(oneRecordCluster(t, topic).ListenAddrs(), ",")
	c, out, _, stderr := startConsumeEnv(t, map[string]string{"SHORE_BROKERS": brokers}, topic, "-g", testbroker.Name(t, "group"))
	if line, err := out.ReadString('\n'); err != nil || line != "1\n" {
		t.Fatalf("first line %q, %v; stderr %q", line, err, stderr.String())
	}
	time.Sleep(time.Second)
	if err := c.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(consume.AnswerAfter + 2*time.Second)
	if err := c.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second)
	if err := c.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, c, 15*time.Second); code != 0 || stderr.String() != "" {
		t.Errorf("exit %d, stderr %q; want 0 and nothing", code, stderr.String())
	}
}
