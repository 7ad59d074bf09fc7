package cmd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestFrozenBrokerPartialAnswers freezes one broker of a three-broker
// embedded cluster (it reads requests and never answers, as a Kafka stopped
// with SIGSTOP does): topics describe, offsets and groups list answer with
// what the other two know, mark what the frozen one leads, name it in one
// warning, and exit 0. faults/ checks the same on Apache Kafka.
func TestFrozenBrokerPartialAnswers(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "frozen"
	c := testbroker.Own(t, kfake.NumBrokers(3), kfake.SeedTopics(3, topic))
	addrs := c.ListenAddrs()
	leaders := partitionLeaders(t, addrs, topic)
	frozen := leaders[0]
	c.Control(func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return nil, nil, c.CurrentNode() == frozen
	})
	warning := func(missing string) string {
		return fmt.Sprintf("shore: warning: no answer from broker %d (%s): no answer within 2s; %s\n", frozen, addrs[frozen], missing)
	}
	run := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": strings.Join(addrs, ",")}}, append(args, "--timeout", "6s")...)
	}

	var rows [][]string
	for p, leader := range leaders {
		offset := "0"
		if leader == frozen {
			offset = "-"
		}
		rows = append(rows, []string{topic, fmt.Sprint(p), offset, offset})
	}
	wantRun(t, run("offsets", topic), 0, tableOf([]string{"TOPIC", "PARTITION", "LOG-START", "LOG-END"}, rows...),
		warning("the offsets of the partitions led there are unknown, shown as -"))

	var partitions [][]string
	for p, leader := range leaders {
		offset := "0"
		if leader == frozen {
			offset = "-"
		}
		partitions = append(partitions, []string{fmt.Sprint(p), fmt.Sprint(leader), "0,1,2", "0,1,2", offset, offset})
	}
	want := tableOf([]string{"PARTITION", "LEADER", "REPLICAS", "ISR", "LOG-START", "LOG-END"}, partitions...)
	res := run("topics", "describe", topic)
	if res.Code != 0 || !strings.HasSuffix(res.Stdout, "\n"+want) || res.Stderr != warning("the offsets of the partitions led there are unknown, shown as -") {
		t.Fatalf("topics describe: exit %d\nstdout:\n%s\nstderr:\n%s\nwant 0, partitions\n%s\nand the warning", res.Code, res.Stdout, res.Stderr, want)
	}

	// -o json writes null where the table has -, as groups describe does
	// for an offset it does not know: -1 would read as an offset.
	var offsetsJSON, partitionsJSON []string
	for p, leader := range leaders {
		offset := "0"
		if leader == frozen {
			offset = "null"
		}
		offsetsJSON = append(offsetsJSON, fmt.Sprintf(`{"topic":%q,"partition":%d,"log_start":%s,"log_end":%s,"at":%s}`, topic, p, offset, offset, offset))
		partitionsJSON = append(partitionsJSON, fmt.Sprintf(`{"partition":%d,"leader":%d,"replicas":[0,1,2],"isr":[0,1,2],"log_start":%s,"log_end":%s}`, p, leader, offset, offset))
	}
	// ... and the warning says so: there is no - in it.
	res = run("offsets", topic, "--at", "-1h", "-o", "json")
	if got := compactJSON(t, res.Stdout); res.Code != 0 || got != "["+strings.Join(offsetsJSON, ",")+"]" || res.Stderr != warning("the offsets of the partitions led there are unknown, shown as null") {
		t.Fatalf("offsets -o json: exit %d\nstdout %s\nstderr %q\nwant 0 and\n[%s]", res.Code, got, res.Stderr, strings.Join(offsetsJSON, ","))
	}
	res = run("topics", "describe", topic, "-o", "json")
	if got := compactJSON(t, res.Stdout); res.Code != 0 || !strings.Contains(got, `"partitions":[`+strings.Join(partitionsJSON, ",")+`]`) ||
		res.Stderr != warning("the offsets of the partitions led there are unknown, shown as null") {
		t.Fatalf("topics describe -o json: exit %d\nstdout %s\nstderr %q\nwant 0 and partitions\n[%s]", res.Code, got, res.Stderr, strings.Join(partitionsJSON, ","))
	}

	wantRun(t, run("groups", "list"), 0, "", warning("the groups coordinated there are not listed")+"shore: no groups\n")
}

// compactJSON is s, JSON that shore indented, without the indentation.
func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return b.String()
}

// TestFrozenBrokerWatch: groups describe --watch with a frozen partition
// leader warns once, when the warning first appears, not with every frame.
//
// The first round must give up on the frozen broker within the request
// bound, a third of --timeout, to answer within --timeout. With --timeout 3s
// that bound was 1s, which a healthy broker of a loaded machine (two test
// suites at once) can miss as well, and the run was cut at a fixed 5s. Here
// --timeout is 9s: the bound, 3s, is far from what a healthy broker takes,
// and the frozen one still has to be given up on, or the first round runs
// into --timeout and the watch fails. The run ends once the second frame is
// out; the test waits for it only as long as the contract allows, connecting
// and two rounds of at most --timeout each, and the frozen broker is held
// for down (for --timeout) past the second round, so no round runs into it
// again.
func TestFrozenBrokerWatch(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "frozen-watch"
	const timeout, interval = 9 * time.Second, 200 * time.Millisecond
	c := testbroker.Own(t, kfake.NumBrokers(3), kfake.SeedTopics(6, topic))
	addrs := c.ListenAddrs()
	// A leader that does not coordinate the group: the description goes
	// on without it, its partitions marked. kfake picks leaders at random,
	// and may give all six to the coordinator of a group: another group
	// is coordinated elsewhere.
	leaders := partitionLeaders(t, addrs, topic)
	group, frozen := "", int32(-1)
	for i := 0; frozen < 0 && i < 50; i++ {
		group = fmt.Sprintf("frozen-watch-group-%d", i)
		coordinator := commitGroup(t, addrs, group, topic, 6)
		for _, leader := range leaders {
			if leader != coordinator {
				frozen = leader
			}
		}
	}
	if frozen < 0 {
		t.Fatalf("broker %d leads every partition and coordinates every group tried", leaders[0])
	}
	c.Control(func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return nil, nil, c.CurrentNode() == frozen
	})
	ctx, cancel := context.WithTimeout(context.Background(), 3*timeout+interval)
	defer cancel()
	env := shoretest.Env(t, map[string]string{"SHORE_BROKERS": strings.Join(addrs, ",")})
	run := startShore(ctx, env, "groups", "describe", group, "--watch", interval.String(), "--timeout", timeout.String())
	frames := func() int { return strings.Count(run.out.String(), "GROUP        "+group+"\n") }
	for frames() < 2 && ctx.Err() == nil {
		select {
		case <-run.code:
			t.Fatalf("the watch ended after %d frames; stderr:\n%s", frames(), run.errOut.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	cancel()
	code := run.exit(t, 10*time.Second)
	stdout, stderr := run.out.String(), run.errOut.String()
	want := fmt.Sprintf("shore: warning: no answer from broker %d (%s): no answer within 3s; the log offsets and lag of the partitions led there are unknown, shown as -\n", frozen, addrs[frozen])
	if n := strings.Count(stdout, "GROUP        "+group+"\n"); code != 0 || n < 2 || stderr != want {
		t.Fatalf("exit %d, %d frames, stderr:\n%s\nwant 0, 2 frames or more within %s and one warning:\n%s\nstdout:\n%s", code, n, stderr, 3*timeout+interval, want, stdout)
	}
}

// TestFrozenCoordinatorWatch: groups describe --watch whose group's
// coordinator freezes after the first frame keeps that frame and says once,
// in the words a describe without --watch fails with, whom it waited for
// and how long. It said 'no answer from broker 1 (127.0.0.1:PORT): unable
// to dial: dial tcp 127.0.0.1:PORT: no answer within 3s; the groups
// coordinated there cannot be described', the Kafka client's words with
// the address twice.
func TestFrozenCoordinatorWatch(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "frozen-coordinator"
	const timeout, interval = 9 * time.Second, 200 * time.Millisecond
	c := testbroker.Own(t, kfake.NumBrokers(3), kfake.SeedTopics(1, topic))
	addrs := c.ListenAddrs()
	group := "frozen-coordinator-group"
	coordinator := commitGroup(t, addrs, group, topic, 1)
	var frozen atomic.Bool
	c.Control(func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return nil, nil, frozen.Load() && c.CurrentNode() == coordinator
	})
	ctx, cancel := context.WithTimeout(context.Background(), 3*timeout)
	defer cancel()
	env := shoretest.Env(t, map[string]string{"SHORE_BROKERS": strings.Join(addrs, ",")})
	run := startShore(ctx, env, "groups", "describe", group, "--watch", interval.String(), "--timeout", timeout.String())
	want := fmt.Sprintf("shore: warning: no new frame: no answer from broker %d (%s) within 3s (one request's share of the 9s timeout); trying again every 200ms\n", coordinator, addrs[coordinator])
	for ctx.Err() == nil && !strings.Contains(run.errOut.String(), "no new frame") {
		if strings.Contains(run.out.String(), "GROUP        "+group+"\n") {
			frozen.Store(true)
		}
		select {
		case <-run.code:
			t.Fatalf("the watch ended; stderr:\n%s", run.errOut.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	cancel()
	code := run.exit(t, 10*time.Second)
	if stderr := run.errOut.String(); code != 0 || stderr != want {
		t.Fatalf("exit %d, stderr:\n%s\nwant 0 and:\n%s", code, stderr, want)
	}
}

// TestFrozenLeaderOfEveryPartition: groups describe answers when the one
// broker that leads every partition of the group's topic is frozen, and
// the coordinator is another: the commits are shown, the log offsets and
// lag are unknown, and the warning names the frozen broker. Before, no
// broker answering the offset listing failed the whole description (kfake
// picks leaders at random, which made the watch test above fail now and
// then when all six partitions fell to the frozen broker).
func TestFrozenLeaderOfEveryPartition(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "frozen-all"
	c := testbroker.Own(t, kfake.NumBrokers(3), kfake.SeedTopics(1, topic))
	addrs := c.ListenAddrs()
	frozen := partitionLeaders(t, addrs, topic)[0]
	group := ""
	for i := 0; group == "" && i < 50; i++ {
		name := fmt.Sprintf("frozen-all-%d", i)
		if commitGroup(t, addrs, name, topic, 1) != frozen {
			group = name
		}
	}
	if group == "" {
		t.Fatalf("broker %d coordinates every group tried", frozen)
	}
	c.Control(func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return nil, nil, c.CurrentNode() == frozen
	})
	run := func(args ...string) shoretest.Result {
		return shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": strings.Join(addrs, ",")}}, append([]string{"groups", "describe", group, "--timeout", "6s"}, args...)...)
	}
	warning := func(shown string) string {
		return fmt.Sprintf("shore: warning: no answer from broker %d (%s): no answer within 2s; the log offsets and lag of the partitions led there are unknown%s\n", frozen, addrs[frozen], shown)
	}
	res := run()
	want := tableOf([]string{"TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-START", "LOG-END", "LAG", "MEMBER-ID", "CLIENT-ID", "HOST"},
		[]string{topic, "0", "0", "-", "-", "-", "-", "-", "-"})
	if res.Code != 0 || !strings.Contains(res.Stdout, want) || res.Stderr != warning(", shown as -") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant 0, the partition\n%s\nand the warning\n%s", res.Code, res.Stdout, res.Stderr, want, warning(", shown as -"))
	}
	// The warning says what the format in use shows: null in JSON, and
	// nothing in -o csv, which writes the commits alone.
	res = run("-o", "json")
	wantJSON := fmt.Sprintf(`"partitions":[{"topic":%q,"partition":0,"current_offset":0,"log_start":null,"log_end":null,"lag":null,"member_id":null,"client_id":null,"host":null}]`, topic)
	if got := compactJSON(t, res.Stdout); res.Code != 0 || !strings.Contains(got, wantJSON) || res.Stderr != warning(", shown as null") {
		t.Fatalf("-o json: exit %d\nstdout %s\nstderr:\n%s\nwant 0, %s\nand the warning\n%s", res.Code, got, res.Stderr, wantJSON, warning(", shown as null"))
	}
	wantRun(t, run("-o", "csv"), 0, topic+",0,0\n", warning(""))
}

// commitGroup commits offset 0 for every partition of topic as group, and
// returns the group's coordinator.
func commitGroup(t *testing.T, addrs []string, group, topic string, partitions int32) int32 {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addrs...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var offsets kadm.Offsets
	for p := range partitions {
		offsets.AddOffset(topic, p, 0, -1)
	}
	if err := adm.CommitAllOffsets(ctx, group, offsets); err != nil {
		t.Fatal(err)
	}
	coordinators := adm.FindGroupCoordinators(ctx, group)
	coordinator, ok := coordinators[group]
	if !ok || coordinator.Err != nil {
		t.Fatalf("coordinator of %s: %+v", group, coordinators)
	}
	return coordinator.NodeID
}

// partitionLeaders returns the leader of each partition of topic.
func partitionLeaders(t *testing.T, addrs []string, topic string) []int32 {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addrs...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	md, err := kadm.NewClient(cl).Metadata(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	var leaders []int32
	for _, p := range md.Topics[topic].Partitions.Sorted() {
		leaders = append(leaders, p.Leader)
	}
	return leaders
}

// TestFrozenBrokerConsumeExit: consume --until gives up when --wait
// passes, and exits then (3, nothing matched), though the broker froze after the first fetch.
// Closing a client used to wait on it: for the fetch session's close, on a
// connection whose first request waits up to --timeout, and for a final
// client metrics push (KIP-714) of up to 1s, so the run took --wait and
// --timeout. Half of --timeout is the margin a slow machine gets.
func TestFrozenBrokerConsumeExit(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "frozen-until"
	const wait, timeout = 4 * time.Second, 2 * time.Second
	c := oneRecordCluster(t, topic)
	// The first fetch brings the record; from the second on the broker
	// answers nothing.
	fetches := 0
	c.Control(func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if req.Key() == kmsg.Fetch.Int16() {
			fetches++
		}
		return nil, nil, fetches > 1
	})
	start := time.Now()
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}},
		"consume", topic, "--until", `.key == "b"`, "--wait", wait.String(), "--timeout", timeout.String())
	took := time.Since(start)
	if bound := wait + timeout/2; res.Code != 3 || res.Stdout != "" || !strings.HasPrefix(res.Stderr, `shore: no record matched --until '.key == "b"' in `) || !strings.HasSuffix(res.Stderr, "(1 record read): --wait 4s passed\n") || took >= bound {
		t.Fatalf("exit %d after %s\nstdout:\n%s\nstderr:\n%s\nwant exit 3 within %s, no record, and --wait passed", res.Code, took.Round(time.Millisecond), res.Stdout, res.Stderr, bound)
	}
}

// TestFrozenBrokerConsumeExitIdle: consume -e --idle-timeout on a broker
// that stops answering fetches ends at the idle timeout, but the records
// before the end it had not read make it a failure (exit 1) naming them,
// where it exited 0 as if it had read all: a CI job's dump was silently
// short.
func TestFrozenBrokerConsumeExitIdle(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "frozen-exit-idle"
	c := oneRecordCluster(t, topic)
	c.Control(func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return nil, nil, req.Key() == kmsg.Fetch.Int16()
	})
	// --until's record may be the one not read: not found is no answer.
	for _, until := range [][]string{nil, {"--until", `.key == "a"`}} {
		start := time.Now()
		res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}},
			append([]string{"consume", topic, "-e", "--idle-timeout", "1s", "--timeout", "2s"}, until...)...)
		took := time.Since(start)
		wantRun(t, res, 1, "", "shore: no record arrived for --idle-timeout 1s before the end (-e or the -o range): 1 record not read (frozen-exit-idle:0 offset 0)\n")
		if took > 5*time.Second {
			t.Errorf("%v: took %s; want about 3s: --idle-timeout, then a probe within --timeout", until, took.Round(time.Millisecond))
		}
	}
}

// TestFrozenBrokerGroupUntil: with -g, a final commit and leave that the
// frozen coordinator never answers fail the run (exit 1), and the answer
// of --until is still said before that failure, which says whom it waited
// for and how long. The answer's time is the --wait that passed: it said
// 'in 6.004s', the wait and the leave's --timeout after it.
func TestFrozenBrokerGroupUntil(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "frozen-group-until"
	c := oneRecordCluster(t, topic)
	// The first fetch brings the record; from the next one on the broker
	// answers nothing. The client joins the group and fetches as soon as
	// it is made, alongside shore's first contact, which a loaded machine
	// can answer after that first fetch; the next fetch comes only once
	// shore polled the record, after its first contact: freezing at the
	// first one made the run fail as 'cannot reach' now and then.
	fetches := 0
	c.Control(func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if r, ok := req.(*kmsg.FetchRequest); ok && len(r.Topics) > 0 {
			fetches++
		}
		return nil, nil, fetches > 1
	})
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}},
		"consume", topic, "-g", "g1", "--until", `.key == "b"`, "--wait", "4s", "--timeout", "2s")
	// Warnings come first when the frozen coordinator's heartbeats time
	// out (the member is dropped); then the answer and the failure.
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(res.Stderr, "\n"), "\n") {
		if !strings.HasPrefix(l, "shore: warning: ") {
			lines = append(lines, l)
		}
	}
	if res.Code != 1 || res.Stdout != "" || len(lines) != 2 ||
		lines[0] != `shore: no record matched --until '.key == "b"' in 4s (1 record read): --wait 4s passed` ||
		lines[1] != `shore: leave group "g1": no answer from the group's coordinator within 2s; the group keeps this member's partitions from the others until its session times out (45s)` ||
		!strings.HasSuffix(res.Stderr, lines[1]+"\n") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 1, no record, the --until answer and then the group's failure", res.Code, res.Stdout, res.Stderr)
	}
}

// oneRecordCluster starts a one-broker kfake cluster of the test's own
// whose topic holds one record, key a and value 1.
func oneRecordCluster(t *testing.T, topic string) *kfake.Cluster {
	t.Helper()
	return clusterWith(t, topic, &kgo.Record{Topic: topic, Key: []byte("a"), Value: []byte("1")})
}

// clusterWith starts a one-broker kfake cluster of the test's own whose
// topic, of one partition, holds recs.
func clusterWith(t *testing.T, topic string, recs ...*kgo.Record) *kfake.Cluster {
	t.Helper()
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	err = cl.ProduceSync(context.Background(), recs...).FirstErr()
	cl.Close()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// frozenCoordinator starts a cluster of the test's own whose topic holds
// one record and whose coordinator answers no commit and no leave, and
// returns the environment that points shore at it.
func frozenCoordinator(t *testing.T, topic string) map[string]string {
	t.Helper()
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	c := oneRecordCluster(t, topic)
	c.Control(func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		k := req.Key()
		return nil, nil, k == kmsg.OffsetCommit.Int16() || k == kmsg.LeaveGroup.Int16()
	})
	return map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}
}

// TestFrozenCoordinatorFinalCommit: a group member that wrote a record and
// ends (-n 1) while its coordinator answers no commit and no leave fails
// (exit 1), saying what was lost and whom it waited for, for how long.
func TestFrozenCoordinatorFinalCommit(t *testing.T) {
	const topic = "frozen-final-commit"
	res := shoretest.RunWith(t, shoretest.Opts{Env: frozenCoordinator(t, topic)},
		"consume", topic, "-g", "g1", "-n", "1", "--timeout", "2s")
	wantRun(t, res, 1, "1\n", `shore: commit offsets of group "g1": no answer from the group's coordinator within 2s; records written since the last commit will be consumed again; `+
		`leave group "g1": no answer from the group's coordinator within 2s; the group keeps this member's partitions from the others until its session times out (45s)`+"\n")
}

// TestFrozenCoordinatorSignal: a group member stopped by SIGTERM while its
// coordinator answers no commit and no leave waits --timeout (longer than
// the 5s grace for a stdout nobody reads) for them, says so and exits 1;
// stdout, read all along, is not blamed for the wait.
func TestFrozenCoordinatorSignal(t *testing.T) {
	const topic = "frozen-signal"
	cmd, out, _, stderr := startConsumeEnv(t, frozenCoordinator(t, topic), topic, "-g", "g1", "-u", "--timeout", "7s")
	if line, err := out.ReadString('\n'); err != nil || line != "1\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(out)
	code := waitExit(t, cmd, 30*time.Second)
	want := `shore: commit offsets of group "g1": no answer from the group's coordinator within 7s; records written since the last commit will be consumed again; ` +
		`leave group "g1": no answer from the group's coordinator within 7s; the group keeps this member's partitions from the others until its session times out (45s)` + "\n"
	if code != 1 || len(rest) != 0 || stderr.String() != want {
		t.Errorf("exit %d, stdout after the record %q, stderr %q; want 1, nothing and %q", code, rest, stderr.String(), want)
	}
}

// TestFrozenCoordinatorAbort: a transactional produce whose broker froze
// once it had acknowledged the first record, and which then has to abort
// (interrupted, or a line that does not parse), waits --timeout for the
// abort and says that it had no answer, that nothing is committed and that
// Kafka aborts the transaction itself; interrupted, it exits 130 as the
// help says. It exited 1 with 'abort transaction: context deadline
// exceeded', without the counts.
func TestFrozenCoordinatorAbort(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const unanswered = "transaction not aborted: no answer to the abort within 1s; none committed, and Kafka aborts the open transaction itself after transaction.timeout.ms (40s)"
	for _, tc := range []struct {
		name, next string // next: written once the first record is acknowledged; "" interrupts
		code       int
		stderr     string
	}{
		{"interrupted", "", 130, "shore: stopped by interrupt: 1 record read, " + unanswered + "\nshore: interrupted\n"},
		{"bad line", "{\n", 1, "shore: stdin line 2: invalid JSON: the object is cut short; stopped reading there; " + unanswered + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			const topic = "frozen-abort"
			c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
			// Once a record was produced, the first other request
			// freezes the broker.
			var produced, frozen atomic.Bool
			c.Control(func(req kmsg.Request) (kmsg.Response, error, bool) {
				c.KeepControl()
				if req.Key() == kmsg.Produce.Int16() {
					produced.Store(true)
				} else if produced.Load() {
					frozen.Store(true)
				}
				return nil, nil, frozen.Load()
			})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			in, feed := io.Pipe()
			defer feed.Close()
			env := shoretest.Env(t, map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")})
			run := startShoreIn(ctx, env, in, "produce", topic, "--json", "--transactional-id", "tx", "--linger", "0", "-m", "--metadata-format", `%o\n`, "--timeout", "1s")
			if _, err := io.WriteString(feed, `{"value":"a"}`+"\n"); err != nil {
				t.Fatal(err)
			}
			shoretest.Eventually(t, 10*time.Second, func() error {
				if got := run.out.String(); got != "0\n" {
					return fmt.Errorf("stdout %q, not yet the first record's offset; stderr %q", got, run.errOut.String())
				}
				return nil
			})
			if tc.next == "" {
				cancel()
			} else if _, err := io.WriteString(feed, tc.next); err != nil {
				t.Fatal(err)
			}
			code := run.exit(t, 20*time.Second)
			wantRun(t, shoretest.Result{Stdout: run.out.String(), Stderr: run.errOut.String(), Code: code}, tc.code, "0\n", tc.stderr)
		})
	}
}

// TestFrozenBrokerInterrupted: SIGINT while the broker leaves one kind of
// request unanswered (--timeout is far off) ends the command at once with
// exit 130 and its one line. offsets, topics describe and groups list took
// the requests the signal cancelled for brokers that did not answer, and
// printed their partial answer, '-' for every offset, under the warning 'no
// answer from broker 0 (...): context canceled', exit 0; a watch
// interrupted before its first frame exited 0 with nothing on stdout or
// stderr; a transactional produce waited --timeout for the producer id its
// transaction needed to begin.
func TestFrozenBrokerInterrupted(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic, group = "frozen-signal", "frozen-signal-group"
	for _, tc := range []struct {
		frozen kmsg.Key
		args   []string
	}{
		{kmsg.ListOffsets, []string{"offsets", topic}},
		{kmsg.ListOffsets, []string{"topics", "describe", topic}},
		{kmsg.ListGroups, []string{"groups", "list"}},
		{kmsg.OffsetFetch, []string{"groups", "describe", group}},
		{kmsg.OffsetFetch, []string{"groups", "describe", group, "--watch", "1s"}},
		{kmsg.InitProducerID, []string{"produce", topic, "--transactional-id", "tx"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Parallel()
			c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
			commitGroup(t, c.ListenAddrs(), group, topic, 1)
			var asked atomic.Bool
			c.ControlKey(tc.frozen.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
				c.KeepControl()
				asked.Store(true)
				return nil, nil, true
			})
			stuck := func() error {
				if !asked.Load() {
					return fmt.Errorf("no %s request yet", tc.frozen.Name())
				}
				return nil
			}
			env := map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}
			res, took := signalWhenStuck(t, env, stuck, syscall.SIGINT, append(tc.args, "--timeout", "30s")...)
			if took > 5*time.Second {
				t.Errorf("took %s after SIGINT", took)
			}
			wantRun(t, res, 130, "", "shore: interrupted\n")
		})
	}
}

// TestFrozenPartitionCountInterrupted: a line naming a partition beyond
// the topic's count makes produce ask the cluster whether partitions were
// added, under --timeout; SIGINT while the broker leaves that question
// unanswered ends produce at once with exit 130, not after --timeout: Run
// does not wait for the reading goroutine once interrupted, and closing
// the client ends the question.
func TestFrozenPartitionCountInterrupted(t *testing.T) {
	t.Parallel()
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "frozen-partition-count"
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
	// Once the second line is written, the broker answers no metadata
	// request.
	var second, asked atomic.Bool
	c.ControlKey(kmsg.Metadata.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if second.Load() {
			asked.Store(true)
		}
		return nil, nil, second.Load()
	})
	p := exec.Command(shoretest.Binary(t), "produce", topic, "--json", "--linger", "0", "-m", "--metadata-format", `%o\n`, "--timeout", "30s")
	p.Env = shoretest.Environ(t, map[string]string{"SHORE_BROKERS": c.ListenAddrs()[0]})
	stdin, err := p.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, stderr := &cmd.Buffer{}, &cmd.Buffer{}
	p.Stdout, p.Stderr = stdout, stderr
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Process.Kill() })
	if _, err := io.WriteString(stdin, `{"value":"a"}`+"\n"); err != nil {
		t.Fatal(err)
	}
	shoretest.Eventually(t, 10*time.Second, func() error {
		if got := stdout.String(); got != "0\n" {
			return fmt.Errorf("stdout %q, not yet the first record's offset; stderr %q", got, stderr.String())
		}
		return nil
	})
	second.Store(true)
	if _, err := io.WriteString(stdin, `{"value":"b","partition":1}`+"\n"); err != nil {
		t.Fatal(err)
	}
	shoretest.Eventually(t, 10*time.Second, func() error {
		if !asked.Load() {
			return errors.New("no metadata request since the second line")
		}
		return nil
	})
	if err := p.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	signalled := time.Now()
	waited := make(chan struct{})
	go func() { _ = p.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(40 * time.Second):
		t.Fatalf("still running 40s after SIGINT; stderr %q", stderr.String())
	}
	if took := time.Since(signalled); took > 5*time.Second {
		t.Errorf("took %s after SIGINT", took)
	}
	wantRun(t, shoretest.Result{Stdout: stdout.String(), Stderr: stderr.String(), Code: p.ProcessState.ExitCode()}, 130, "0\n", "shore: stopped by interrupt: 1 record read, 1 delivered\nshore: interrupted\n")
}

// TestFrozenCoordinatorLookup: groups delete whose group's coordinator
// cannot be looked up, the broker leaving FindCoordinator unanswered, fails
// within --timeout saying whom it waited for and how long, as the other
// groups verbs do; it said kadm's 'delete groups: request DeleteGroups has 1
// separate shard errors, first: read tcp ...: i/o timeout'.
func TestFrozenCoordinatorLookup(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	c := testbroker.Own(t, kfake.NumBrokers(1))
	c.ControlKey(kmsg.FindCoordinator.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return nil, nil, true
	})
	addr := c.ListenAddrs()[0]
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": addr}}, "groups", "delete", "g1", "--timeout", "1s")
	wantRun(t, res, 1, "", "shore: no answer from "+addr+" within 333ms (one request's share of the 1s timeout)\n")
}

// TestFrozenCoordinatorCommit: a transactional produce whose commit has no
// answer within --timeout fails (exit 1) saying that its outcome is
// unknown, and ends the transaction by asking for the producer id again,
// which aborts it unless the commit reached Kafka: a record produced after
// it is read by a read_committed consumer at once, where the open
// transaction held it back until transaction.timeout.ms. When the id has no
// answer either, the transaction stays open, and the message says so. -v
// ends with the summary, as every run does.
func TestFrozenCoordinatorCommit(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const unconfirmed = "shore: commit of the transaction of 2 records: no answer within 1s; its outcome is unknown: "
	for _, tc := range []struct {
		name      string
		frozenID  bool // InitProducerID has no answer after the first
		end       string
		committed string // what read_committed reads after the run and a record "end"
	}{
		{"ended", false, "shore then ended the transaction, committed if the commit reached Kafka, else aborted; a read_committed consumer shows which: shore consume frozen-commit-ended --read-committed -e\n", "end\n"},
		{"open", true, "committed if the commit reached Kafka, else Kafka aborts the open transaction itself after transaction.timeout.ms (40s), since ending it failed (no answer within 1s); a read_committed consumer shows which once it is over: shore consume frozen-commit-open --read-committed -e\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			topic := "frozen-commit-" + tc.name
			c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
			c.ControlKey(kmsg.EndTxn.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
				c.KeepControl()
				return nil, nil, true
			})
			var ids atomic.Int32
			c.ControlKey(kmsg.InitProducerID.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
				c.KeepControl()
				return nil, nil, tc.frozenID && ids.Add(1) > 1
			})
			env := map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}
			res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n", Env: env}, "produce", topic, "--transactional-id", "tx", "--timeout", "1s", "-v")
			res.Stderr = verboseLines(res.Stderr)
			wantRun(t, res, 1, "", "shore: 2 records read, 2 delivered, commit of unknown outcome to "+topic+" (2 B) in T\n"+unconfirmed+tc.end)
			// Not idempotent: the record asks for no producer id.
			wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "end\n", Env: env}, "produce", topic, "--acks", "leader"), 0, "", "")
			wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: env}, "consume", topic, "--read-committed", "-e"), 0, tc.committed, "")
		})
	}
}

// verboseLines turns -v's lines of a produce run into what a test
// compares: the time and rate of the summary "T", without the line of
// connection statistics.
func verboseLines(stderr string) string {
	stderr = regexp.MustCompile(`(?m)^shore: 1 broker reached .*\n`).ReplaceAllString(stderr, "")
	return regexp.MustCompile(` in \S+, \d+ records?/s`).ReplaceAllString(stderr, " in T")
}

// TestRefusedCommit: a transactional produce whose commit the cluster
// refuses says that none of its records is committed and what becomes of
// the transaction: aborted when the Kafka client can abort it, else left to
// Kafka (exit 1); the input sent again is committed once. It said 'commit
// transaction: <error>' and did not abort.
func TestRefusedCommit(t *testing.T) {
	if testbroker.Real() {
		t.Skip("refuses a commit in a cluster of its own")
	}
	const commit = "shore: commit of the transaction of 2 records refused: "
	for _, tc := range []struct {
		refusal   *kerr.Error
		stderr    string
		committed string // what read_committed reads after the refusal and a record "end"
	}{
		{kerr.TransactionAbortable, commit + "TRANSACTION_ABORTABLE: The server encountered an error with the transaction. The client can abort the transaction to continue using this transactional ID; transaction aborted, none committed\n", "end\n"},
		// kfake's transaction is not fenced, and stays open.
		{kerr.ProducerFenced, commit + "PRODUCER_FENCED: There is a newer producer with the same transactionalId which fences the current one; none committed: Kafka aborted the transaction, open longer than transaction.timeout.ms (40s) or taken over by another producer with this transactional id\n", ""},
		{kerr.InvalidTxnState, commit + "INVALID_TXN_STATE: The producer attempted a transactional operation in an invalid state; transaction not aborted: the Kafka client cannot abort after this refusal; none committed, and Kafka aborts the open transaction itself after transaction.timeout.ms (40s)\n", ""},
	} {
		t.Run(tc.refusal.Message, func(t *testing.T) {
			t.Parallel()
			const topic = "refused-commit"
			c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
			var ended atomic.Int32
			c.ControlKey(kmsg.EndTxn.Int16(), func(req kmsg.Request) (kmsg.Response, error, bool) {
				c.KeepControl()
				if ended.Add(1) > 1 {
					return nil, nil, false
				}
				resp := req.(*kmsg.EndTxnRequest).ResponseKind().(*kmsg.EndTxnResponse)
				resp.ErrorCode = tc.refusal.Code
				return resp, nil, true
			})
			env := map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}
			produce := func(args ...string) shoretest.Result {
				return shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n", Env: env}, append([]string{"produce", topic, "--transactional-id", "tx", "--timeout", "1s"}, args...)...)
			}
			consume := func() shoretest.Result {
				return shoretest.RunWith(t, shoretest.Opts{Env: env}, "consume", topic, "--read-committed", "-e")
			}
			verbose := produce("-v")
			verbose.Stderr = verboseLines(verbose.Stderr)
			wantRun(t, verbose, 1, "", "shore: 2 records read, 2 delivered, commit refused: none committed to refused-commit (2 B) in T\n"+tc.stderr)
			// A read_committed consumer reads past a record produced
			// after an aborted transaction, and stops before an open one.
			wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: "end\n", Env: env}, "produce", topic), 0, "", "")
			wantRun(t, consume(), 0, tc.committed, "")
			// The second producer with the id aborts a transaction
			// still open.
			wantRun(t, produce(), 0, "", "")
			wantRun(t, consume(), 0, "end\na\nb\n", "")
		})
	}
}

// TestFrozenProducerID: an interrupted produce whose broker never issued
// the idempotent producer's id reports its records as failed, never sent,
// since the Kafka client sent none of them, and --failed keeps them as
// such; sending that file again delivers each record once. They were of
// unknown fate ("it may be in the topic"). Records sent and not answered
// (a frozen Produce) stay of unknown fate, and --failed keeps the
// timestamps they were sent with, so that sending them again writes the
// same records (it wrote none, and they got new ones).
func TestFrozenProducerID(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const never = "not delivered: never sent: shore stopped waiting before the Kafka client could send it; it is not in the topic (last error: unable to initialize a producer ID due to request failures: read tcp A->B: i/o timeout)"
	const unknown = "fate unknown: no answer from the broker when shore stopped waiting; it may be in the topic"
	for _, tc := range []struct {
		frozen kmsg.Key
		asked  int32 // requests frozen before the interrupt: InitProducerID's second one follows the first one's timeout, the client's last error
		fate   string
		line   string // the records' line on stderr, after "stdin line N: "
		where  string // the lines between those and the counts
		counts string
	}{
		{kmsg.InitProducerID, 2, "failed", never,
			"shore: send the records not delivered again with: shore produce frozen-InitProducerID --json FAILED\n",
			"2 records read, 0 delivered, 2 not delivered"},
		{kmsg.Produce, 1, "unknown", unknown,
			"shore: partition 0 may hold 2 of the records of unknown fate; look with: shore consume frozen-Produce -p 0 -o -2 -e\n" +
				`shore: send the records not delivered again with: shore produce frozen-Produce --json FAILED (those with "fate":"unknown" may be in the topic already)` + "\n",
			"2 records read, 0 delivered, 2 not delivered (2 of unknown fate)"},
	} {
		t.Run(tc.frozen.Name(), func(t *testing.T) {
			t.Parallel()
			topic := "frozen-" + tc.frozen.Name()
			c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
			var asked atomic.Int32
			var frozen atomic.Bool
			frozen.Store(true)
			c.ControlKey(tc.frozen.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
				c.KeepControl()
				asked.Add(1)
				return nil, nil, frozen.Load()
			})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			in, feed := io.Pipe()
			defer feed.Close()
			env := map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}
			failed := filepath.Join(t.TempDir(), "failed.json")
			run := startShoreIn(ctx, shoretest.Env(t, env), in, "produce", topic, "--timeout", "1s", "--failed", failed)
			if _, err := io.WriteString(feed, "a\nb\n"); err != nil {
				t.Fatal(err)
			}
			shoretest.Eventually(t, 10*time.Second, func() error {
				if n := asked.Load(); n < tc.asked {
					return fmt.Errorf("%s asked %d times", tc.frozen.Name(), n)
				}
				return nil
			})
			cancel()
			code := run.exit(t, 20*time.Second)
			// The client's error names the connection's ports.
			conn := regexp.MustCompile(`read tcp [0-9.]+:[0-9]+->[0-9.]+:[0-9]+`)
			stderr := strings.ReplaceAll(conn.ReplaceAllString(run.errOut.String(), "read tcp A->B"), failed, "FAILED")
			wantRun(t, shoretest.Result{Stdout: run.out.String(), Stderr: stderr, Code: code}, 130, "",
				"shore: stopping: waiting up to 1s for 2 records in flight; interrupt again to quit at once\n"+
					"shore: stdin line 1: "+tc.line+"\n"+
					"shore: stdin line 2: "+tc.line+"\n"+
					tc.where+
					"shore: stopped by interrupt: "+tc.counts+"\n"+
					"shore: interrupted\n")
			saved, err := os.ReadFile(failed)
			if err != nil {
				t.Fatal(err)
			}
			why := strings.SplitN(tc.line, ": ", 2)[1]
			// Records of unknown fate keep the timestamp they were
			// sent with; failed ones get a new one when sent again.
			stamp := regexp.MustCompile(`,"timestamp":([0-9]+)}`)
			stamped, stamps := "", ""
			if tc.fate == "unknown" {
				stamped = `,"timestamp":T`
				for _, m := range stamp.FindAllStringSubmatch(string(saved), -1) {
					stamps += m[1] + "\n"
				}
			}
			want := `{"input":"stdin","input_line":1,"fate":"` + tc.fate + `","error":"` + why + `","key":null,"value":"a","headers":[]` + stamped + "}\n" +
				`{"input":"stdin","input_line":2,"fate":"` + tc.fate + `","error":"` + why + `","key":null,"value":"b","headers":[]` + stamped + "}\n"
			if got := stamp.ReplaceAllString(conn.ReplaceAllString(string(saved), "read tcp A->B"), `,"timestamp":T}`); got != want {
				t.Fatalf("--failed:\n%s\nwant:\n%s", got, want)
			}
			// The frozen Produce requests were never answered: kfake
			// wrote nothing.
			frozen.Store(false)
			wantRun(t, shoretest.RunWith(t, shoretest.Opts{Stdin: string(saved), Env: env}, "produce", topic, "--json"), 0, "", "")
			wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: env}, "consume", topic, "-e"), 0, "a\nb\n", "")
			if tc.fate == "unknown" {
				wantRun(t, shoretest.RunWith(t, shoretest.Opts{Env: env}, "consume", topic, "-e", "-f", "%d\n"), 0, stamps, "")
			}
		})
	}
}

// TestFrozenProduceAcksLeader: with --acks leader the Kafka client fails a
// record at its delivery timeout also when it sent it and had no answer, so
// such a record may be in the topic: it is of unknown fate, not "not
// delivered", and --failed says so.
func TestFrozenProduceAcksLeader(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "frozen-acks-leader"
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
	var asked atomic.Int32
	c.ControlKey(kmsg.Produce.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		asked.Add(1)
		return nil, nil, true
	})
	env := map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}
	failed := filepath.Join(t.TempDir(), "failed.json")
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n", Env: env, Timeout: 20 * time.Second},
		"produce", topic, "--acks", "leader", "--delivery-timeout", "1s", "--timeout", "1s", "--failed", failed)
	if asked.Load() == 0 {
		t.Fatal("no Produce request was sent")
	}
	res.Stderr = strings.ReplaceAll(res.Stderr, failed, "FAILED")
	const why = "no acknowledgement within the delivery timeout (1s), and with --acks leader or none the client may have sent it: it may be in the topic"
	wantRun(t, res, 1, "",
		"shore: stdin line 1: fate unknown: "+why+"\n"+
			"shore: stdin line 2: fate unknown: "+why+"\n"+
			"shore: partition 0 may hold 2 of the records of unknown fate; look with: shore consume frozen-acks-leader -p 0 -o -2 -e\n"+
			`shore: send the records not delivered again with: shore produce frozen-acks-leader --json FAILED (those with "fate":"unknown" may be in the topic already)`+"\n"+
			"shore: 2 of 2 records not delivered: 0 failed, 2 of unknown fate (they may be in the topic)\n")
	saved, err := os.ReadFile(failed)
	if err != nil {
		t.Fatal(err)
	}
	// with the timestamps they were sent with (T)
	want := `{"input":"stdin","input_line":1,"fate":"unknown","error":"` + why + `","key":null,"value":"a","headers":[],"timestamp":T}` + "\n" +
		`{"input":"stdin","input_line":2,"fate":"unknown","error":"` + why + `","key":null,"value":"b","headers":[],"timestamp":T}` + "\n"
	if got := regexp.MustCompile(`"timestamp":[0-9]+`).ReplaceAllString(string(saved), `"timestamp":T`); got != want {
		t.Fatalf("--failed:\n%s\nwant:\n%s", saved, want)
	}
}

// TestFrozenProducePartitionMates sends two records to one partition a
// second apart while its leader never answers Produce: when the first
// record's delivery timeout passes, the Kafka client fails the one behind
// it with it, before its own timeout. Each is named as failed with an
// earlier record of its partition, not with a bare "context canceled", and
// with --acks leader it is of unknown fate, as the first is: the client
// may have sent it.
func TestFrozenProducePartitionMates(t *testing.T) {
	if testbroker.Real() {
		t.Skip("freezes a broker of a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "frozen-mates"
	env := map[string]string{"SHORE_BROKERS": neverAnswering(t, topic, kmsg.Produce)}
	failed := filepath.Join(t.TempDir(), "failed.json")
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n", Env: env, Timeout: 20 * time.Second},
		"produce", topic, "--acks", "leader", "--rate", "1", "--delivery-timeout", "2s", "--timeout", "1s", "--failed", failed)
	const maybe = ", and with --acks leader or none the client may have sent it: it may be in the topic"
	const behind = "fate unknown: the Kafka client failed it with an earlier record of partition 0 that had no acknowledgement within the delivery timeout (2s)" + maybe
	res.Stderr = strings.ReplaceAll(res.Stderr, failed, "FAILED")
	wantRun(t, res, 1, "",
		"shore: stdin line 1: fate unknown: no acknowledgement within the delivery timeout (2s)"+maybe+"\n"+
			"shore: stdin line 2: "+behind+"\n"+
			"shore: partition 0 may hold 2 of the records of unknown fate; look with: shore consume frozen-mates -p 0 -o -2 -e\n"+
			`shore: send the records not delivered again with: shore produce frozen-mates --json FAILED (those with "fate":"unknown" may be in the topic already)`+"\n"+
			"shore: 2 of 2 records not delivered: 0 failed, 2 of unknown fate (they may be in the topic)\n")
}

// TestRefusedProducePartitionMates is TestFrozenProducePartitionMates with
// the idempotent producer and a leader that answers every Produce with
// NOT_ENOUGH_REPLICAS: the records failed with the first are certainly not
// in the topic, "not delivered", with the broker's last error.
func TestRefusedProducePartitionMates(t *testing.T) {
	if testbroker.Real() {
		t.Skip("refuses Produce on a cluster of its own; the fault suite does this on Apache Kafka")
	}
	const topic = "refused-mates"
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
	c.ControlKey(kmsg.Produce.Int16(), func(kreq kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return refuseProduce(kreq, kerr.NotEnoughReplicas), nil, true
	})
	env := map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}
	res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n", Env: env, Timeout: 20 * time.Second},
		"produce", topic, "--rate", "1", "--delivery-timeout", "3s", "--timeout", "1s")
	last := "; last error: " + kerr.NotEnoughReplicas.Error()
	behind := "not delivered: the Kafka client failed it with an earlier record of partition 0 that had no acknowledgement within the delivery timeout (3s)" + last
	wantRun(t, res, 1, "",
		"shore: stdin line 1: not delivered: no acknowledgement within the delivery timeout (3s)"+last+"\n"+
			"shore: stdin line 2: "+behind+"\n"+
			"shore: 2 of 2 records not delivered\n")
}

// refuseProduce answers a Produce request with refusal for every partition
// it writes to.
func refuseProduce(kreq kmsg.Request, refusal *kerr.Error) kmsg.Response {
	req := kreq.(*kmsg.ProduceRequest)
	resp := req.ResponseKind().(*kmsg.ProduceResponse)
	for _, rt := range req.Topics {
		st := kmsg.NewProduceResponseTopic()
		st.Topic, st.TopicID = rt.Topic, rt.TopicID
		for _, rp := range rt.Partitions {
			sp := kmsg.NewProduceResponseTopicPartition()
			sp.Partition, sp.ErrorCode = rp.Partition, refusal.Code
			st.Partitions = append(st.Partitions, sp)
		}
		resp.Topics = append(resp.Topics, st)
	}
	return resp
}

// TestLeaderAcksRetriesOfUnknownFate: with --acks leader the first try of
// a record has no answer (its connection is lost), and every later one is
// answered UNKNOWN_TOPIC_OR_PARTITION until the Kafka client stops retrying
// and fails the record. The first try may have been written, and the
// non-idempotent client's tries are new writes: the record is of unknown
// fate, not "not delivered". One that the broker refuses as not authorized
// was refused so at every try: it is not delivered.
func TestLeaderAcksRetriesOfUnknownFate(t *testing.T) {
	if testbroker.Real() {
		t.Skip("drops and refuses Produce on a cluster of its own; the fault suite does this on Apache Kafka")
	}
	for _, tc := range []struct {
		name    string
		refusal *kerr.Error
		want    string
	}{
		{"retried", kerr.UnknownTopicOrPartition, "shore: stdin line 1: fate unknown: UNKNOWN_TOPIC_OR_PARTITION: This server does not host this topic-partition; with --acks leader or none a try of it may have been written without its answer arriving: it may be in the topic\n" +
			"shore: partition 0 may hold 1 of the records of unknown fate; look with: shore consume leader-acks-retried -p 0 -o -1 -e\n" +
			"shore: 1 of 1 record not delivered: 0 failed, 1 of unknown fate (they may be in the topic)\n"},
		{"refused", kerr.TopicAuthorizationFailed, `shore: stdin line 1: not delivered: not authorized to write to topic "leader-acks-refused" (TOPIC_AUTHORIZATION_FAILED: no ACL allows this login WRITE on it)` + "\n" +
			"shore: 1 of 1 record not delivered\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			topic := "leader-acks-" + tc.name
			c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
			var tries atomic.Int32
			c.ControlKey(kmsg.Produce.Int16(), func(kreq kmsg.Request) (kmsg.Response, error, bool) {
				c.KeepControl()
				if tries.Add(1) == 1 {
					return nil, errors.New("connection lost"), true
				}
				return refuseProduce(kreq, tc.refusal), nil, true
			})
			env := map[string]string{"SHORE_BROKERS": strings.Join(c.ListenAddrs(), ",")}
			res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\n", Env: env, Timeout: 30 * time.Second},
				"produce", topic, "--acks", "leader", "--delivery-timeout", "20s", "--timeout", "5s")
			if tries.Load() < 2 {
				t.Fatalf("%d Produce requests; want the lost one and a retry", tries.Load())
			}
			wantRun(t, res, 1, "", tc.want)
		})
	}
}

// neverAnswering starts a one-broker cluster of the test's own holding topic
// (one partition) that reads every request of key and never answers it, as
// a frozen broker does, and returns its address for SHORE_BROKERS.
func neverAnswering(t *testing.T, topic string, key kmsg.Key) string {
	t.Helper()
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
	c.ControlKey(key.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return nil, nil, true
	})
	return strings.Join(c.ListenAddrs(), ",")
}
