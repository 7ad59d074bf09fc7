package faults

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kafkashore/shore/internal/faultkit"
)

// produceRecords is the size of a produce run in this suite: with --rate
// produceRate it lasts long enough for a failover to happen in the middle,
// and a run ends in seconds on two cores.
const (
	produceRecords = 12000
	produceRate    = "1000"
)

// startProduce runs `shore produce TOPIC -K : ARGS...` with produceRecords
// keyed lines, each value a unique id, at produceRate, and waits until a
// sixth of them are in the topic, so that a fault strikes mid-run.
func startProduce(c *faultkit.Cluster, topic string, args ...string) (*faultkit.Proc, []string) {
	input, ids := faultkit.Input(produceRecords)
	p := c.Shore(strings.NewReader(input), append([]string{"produce", topic, "-K", ":", "--rate", produceRate}, args...)...)
	c.WaitRecords(topic, produceRecords/6)
	return p, ids
}

// wantDeliveredOnce fails the test unless the run exited 0 with a warning
// that says the brokers had trouble, and the topic holds every id exactly
// once.
func wantDeliveredOnce(t *testing.T, c *faultkit.Cluster, topic string, res faultkit.Result, ids []string) {
	t.Helper()
	if res.Code != 0 || !strings.Contains(res.Stderr, "shore: warning: every record was delivered, but the brokers had trouble: records waited up to ") {
		t.Fatalf("exit %d after %s, stderr:\n%s\nwant 0 and a warning", res.Code, res.Elapsed, res.Stderr)
	}
	if tally := faultkit.TallyOf(c.CountThroughMarkers(topic), ids); !tally.Exact() {
		t.Fatal(tally)
	}
}

// slowOnly is the one line a healthy run may print: on a machine loaded
// enough for acknowledgements to take seconds, shore says so.
var slowOnly = regexp.MustCompile(`^(shore: warning: every record was delivered, but the brokers had trouble: records waited up to \S+ for an acknowledgement\n)?$`)

// TestProduceHealthy is the baseline of the suite: no fault, no error on
// stderr, every record once.
func TestProduceHealthy(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	input, ids := faultkit.Input(2000)
	res := c.Shore(strings.NewReader(input), "produce", topic, "-K", ":").Wait(time.Minute)
	if res.Code != 0 || !slowOnly.MatchString(res.Stderr) {
		t.Fatalf("exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	if tally := faultkit.TallyOf(c.CountThroughMarkers(topic), ids); !tally.Exact() {
		t.Fatal(tally)
	}
}

// TestProduceLeaderKilledRestarted kills the leader of partition 0 with
// SIGKILL in the middle of a run and starts it again 5 s later.
func TestProduceLeaderKilledRestarted(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	p, ids := startProduce(c, topic)
	leader := c.Leader(topic, 0)
	c.Outage(leader, 5*time.Second)
	wantDeliveredOnce(t, c, topic, p.Wait(2*time.Minute), ids)
}

// TestProduceLeaderKilled kills the leader of partition 0 with SIGKILL in
// the middle of a run; it stays down until the run has ended.
func TestProduceLeaderKilled(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	p, ids := startProduce(c, topic)
	c.Kill(c.Leader(topic, 0))
	wantDeliveredOnce(t, c, topic, p.Wait(2*time.Minute), ids)
}

// TestProduceLeaderPaused freezes the leader of partition 0 with SIGSTOP
// for 15 s, as a long garbage-collection pause does, in the middle of a run
// with -m: every record is delivered once, and -m prints each.
func TestProduceLeaderPaused(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	p, ids := startProduce(c, topic, "-m")
	leader := c.Leader(topic, 0)
	c.Pause(leader, 15*time.Second)
	res := p.Wait(2 * time.Minute)
	wantDeliveredOnce(t, c, topic, res, ids)
	if n := strings.Count(res.Stdout, "\n"); n != len(ids) {
		t.Fatalf("-m printed %d lines for %d records", n, len(ids))
	}
}

// TestProduceLeaderPausedLong freezes the leader of partition 0 for 30 s,
// the longest pause the failover contract covers: longer than franz-go's
// wait for a produce answer, so the client gives up on the frozen
// connection while the controller moves leadership. Every record is
// delivered once, with the warning, and nothing else on stderr.
func TestProduceLeaderPausedLong(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	p, ids := startProduce(c, topic)
	c.Pause(c.Leader(topic, 0), 30*time.Second)
	wantDeliveredOnce(t, c, topic, p.Wait(2*time.Minute), ids)
}

// wantCommitted fails the test unless a --transactional-id run exited 0
// and a read_committed reader (kcat) finds every id in the topic once.
func wantCommitted(t *testing.T, c *faultkit.Cluster, topic string, res faultkit.Result, ids []string) {
	t.Helper()
	t.Logf("after %s:\n%s", res.Elapsed, res.Stderr)
	if res.Code != 0 {
		t.Fatalf("exit %d after %s, stderr:\n%s\nwant 0: the transaction committed", res.Code, res.Elapsed, res.Stderr)
	}
	if tally := faultkit.TallyOf(c.CountThroughMarkers(topic), ids); !tally.Exact() {
		t.Fatal(tally)
	}
}

// TestProduceTransactionalLeaderKilled kills the leader of partition 0
// with SIGKILL in the middle of a --transactional-id run and starts it
// again 5 s later: the transaction commits every record once.
func TestProduceTransactionalLeaderKilled(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	p, ids := startProduce(c, topic, "--transactional-id", topic)
	leader := c.Leader(topic, 0)
	c.Outage(leader, 5*time.Second)
	wantCommitted(t, c, topic, p.Wait(2*time.Minute), ids)
}

// TestProduceTransactionalCoordinatorKilled kills the transaction
// coordinator of a --transactional-id run with SIGKILL in its middle and
// starts it again 5 s later: another node takes over the transaction, and
// it commits every record once.
func TestProduceTransactionalCoordinatorKilled(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	p, ids := startProduce(c, topic, "--transactional-id", topic)
	coordinator := c.TxnCoordinator(topic)
	c.Outage(coordinator, 5*time.Second)
	wantCommitted(t, c, topic, p.Wait(2*time.Minute), ids)
}

// TestProduceTransactionalLeaderPaused freezes the leader of partition 0
// for 15 s in the middle of a --transactional-id run: the transaction
// commits every record once.
func TestProduceTransactionalLeaderPaused(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	p, ids := startProduce(c, topic, "--transactional-id", topic)
	leader := c.Leader(topic, 0)
	c.Pause(leader, 15*time.Second)
	wantCommitted(t, c, topic, p.Wait(2*time.Minute), ids)
}

// TestProduceAcksLeaderPaused freezes the leader of partition 0 for 15 s
// in the middle of a run with --acks leader and a 5 s delivery timeout, so
// that records sent to it time out unanswered. Without the idempotent
// producer the Kafka client fails such a record though the broker may have
// written it: shore must call every record it did not deliver of unknown
// fate, never failed. A record delivered is in the topic at most once: with
// acks=1 a leader acknowledges what its followers may not have copied when
// it froze, and the leader elected in its place has not got it, as shore's
// help says.
func TestProduceAcksLeaderPaused(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	failed := filepath.Join(t.TempDir(), "failed.json")
	p, ids := startProduce(c, topic, "--acks", "leader", "--delivery-timeout", "5s", "--failed", failed)
	leader := c.Leader(topic, 0)
	c.Pause(leader, 15*time.Second)
	res := p.Wait(2 * time.Minute)
	if res.Code != 1 || !strings.Contains(res.Stderr, " of unknown fate") {
		t.Fatalf("exit %d after %s, stderr:\n%s\nwant 1 and records of unknown fate", res.Code, res.Elapsed, res.Stderr)
	}
	t.Logf("after %s:\n%s", res.Elapsed, res.Stderr)
	fates := readFailed(t, failed)
	for id, fate := range fates {
		if fate != "unknown" {
			t.Fatalf("%s: %s is %q in %s; want unknown: with --acks leader a record that timed out may be in the topic", topic, id, fate, failed)
		}
	}
	c.WaitInSync(topic, 3)
	counts := c.CountThroughMarkers(topic)
	lost := 0
	for _, id := range ids {
		switch n := counts[id]; {
		case n > 1:
			t.Errorf("%s is in the topic %d times", id, n)
		case n == 0 && fates[id] == "":
			lost++
		}
	}
	t.Logf("%d records acknowledged by the frozen leader and not in the topic", lost)
}

// undeliveredLine is the part of a --failed line the tests read.
type undeliveredLine struct {
	Value string `json:"value"`
	Fate  string `json:"fate"`
	Error string `json:"error"`
}

// readFailed reads a --failed file: the fate of each id in it.
func readFailed(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fates := map[string]string{}
	for line := range strings.Lines(string(b)) {
		var u undeliveredLine
		if err := json.Unmarshal([]byte(line), &u); err != nil {
			t.Fatalf("%s: %q: %v", path, line, err)
		}
		fates[u.Value] = u.Fate
	}
	return fates
}

// TestProduceNotEnoughReplicas produces to a topic that wants three
// replicas in sync while one node is down: the broker refuses every try
// with NOT_ENOUGH_REPLICAS. The run ends after the delivery timeout with
// exit 1, naming the broker's error; --failed keeps every record, and once
// the node is back, sending that file again completes the job exactly.
func TestProduceNotEnoughReplicas(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, map[string]string{"min.insync.replicas": "3"})
	down := c.Leader(topic, 0)%faultkit.Nodes + 1 // any node will do
	c.Kill(down)
	c.WaitInSync(topic, 2)

	failed := filepath.Join(t.TempDir(), "failed.json")
	input, ids := faultkit.Input(300)
	res := c.Shore(strings.NewReader(input), "produce", topic, "-K", ":", "--delivery-timeout", "5s", "--failed", failed).Wait(time.Minute)
	if res.Code != 1 || !strings.Contains(res.Stderr, "shore: 300 of 300 records not delivered\n") ||
		!strings.Contains(res.Stderr, "not delivered: no acknowledgement within the delivery timeout (5s); last error: NOT_ENOUGH_REPLICAS") ||
		!strings.Contains(res.Stderr, "shore: send the records not delivered again with: shore produce "+topic+" --json "+failed+"\n") {
		t.Fatalf("exit %d after %s, stderr:\n%s", res.Code, res.Elapsed, res.Stderr)
	}
	if res.Elapsed > 30*time.Second {
		t.Fatalf("the run took %s; want about the 5s delivery timeout", res.Elapsed)
	}
	fates := readFailed(t, failed)
	for _, id := range ids {
		if fates[id] != "failed" {
			t.Fatalf("%s: %s is %q in %s; want every record there as failed", topic, id, fates[id], failed)
		}
	}

	c.Start(down)
	c.WaitInSync(topic, 3)
	f, err := os.Open(failed)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res = c.Shore(f, "produce", topic, "--json").Wait(time.Minute)
	if res.Code != 0 {
		t.Fatalf("sending %s again: exit %d, stderr:\n%s", failed, res.Code, res.Stderr)
	}
	if tally := faultkit.TallyOf(c.CountThroughMarkers(topic), ids); !tally.Exact() {
		t.Fatal(tally)
	}
}

// notDelivered and interruptedAt match the count of records read in the
// last line of a run that did not deliver everything, and of one that was
// interrupted.
var (
	notDelivered  = regexp.MustCompile(`shore: \d+ of (\d+) records? not delivered`)
	interruptedAt = regexp.MustCompile(`shore: stopped by interrupt: (\d+) records? read`)
)

// accountFor checks one run of TestProduceTwoNodesDead against the topic:
// records read and not in its --failed file are there once; those it says
// failed are not there; those of unknown fate are there at most once; those
// never read are not there.
func accountFor(t *testing.T, name string, res faultkit.Result, failed string, ids []string, counts map[string]int) {
	t.Helper()
	m := notDelivered.FindStringSubmatch(res.Stderr)
	if m == nil {
		m = interruptedAt.FindStringSubmatch(res.Stderr)
	}
	if m == nil {
		t.Fatalf("%s: no count of the records read in stderr:\n%s", name, res.Stderr)
	}
	read, _ := strconv.Atoi(m[1])
	fates := map[string]string{}
	if _, err := os.Stat(failed); err == nil {
		fates = readFailed(t, failed)
	}
	var failedN, unknownN int
	for i, id := range ids {
		fate, n := fates[id], counts[id]
		switch {
		case i >= read && n != 0:
			t.Errorf("%s: %s was never read, and the topic has it %d times", name, id, n)
		case i >= read:
		case fate == "failed":
			failedN++
			if n != 0 {
				t.Errorf("%s: %s failed, and the topic has it %d times", name, id, n)
			}
		case fate == "unknown":
			unknownN++
			if n > 1 {
				t.Errorf("%s: %s of unknown fate is in the topic %d times", name, id, n)
			}
		case n != 1:
			t.Errorf("%s: %s was delivered, and the topic has it %d times", name, id, n)
		}
	}
	if !strings.Contains(res.Stderr, " "+strconv.Itoa(failedN+unknownN)+" not delivered") &&
		!strings.Contains(res.Stderr, "shore: "+strconv.Itoa(failedN+unknownN)+" of ") {
		t.Errorf("%s: %s holds %d failed and %d of unknown fate; stderr says otherwise:\n%s", name, failed, failedN, unknownN, res.Stderr)
	}
}

// TestProduceTwoNodesDead kills two of three nodes one after the other in
// the middle of three runs: the controller quorum is lost, so the leader
// left keeps waiting for a dead replica. A run must end by itself within
// its delivery timeout and --timeout, with every record accounted for as
// delivered, failed or of unknown fate; a run interrupted by SIGINT ends
// within --timeout with exit 130; a second SIGINT ends a run at once.
func TestProduceTwoNodesDead(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	dir := t.TempDir()
	type run struct {
		name   string
		p      *faultkit.Proc
		ids    []string
		failed string
	}
	var runs []*run
	for _, name := range []string{"bound", "sigint", "twice"} {
		input, ids := faultkit.Input(1000)
		for i := range ids {
			ids[i] = name + "-" + ids[i]
		}
		input = strings.ReplaceAll(input, ":", ":"+name+"-")
		failed := filepath.Join(dir, name+".json")
		p := c.Shore(strings.NewReader(input), "produce", topic, "-K", ":", "--rate", "100",
			"--delivery-timeout", "10s", "--timeout", "5s", "--failed", failed)
		runs = append(runs, &run{name, p, ids, failed})
	}
	c.WaitRecords(topic, 300)
	first := c.Leader(topic, 0)
	c.Kill(first)
	second := faultkit.Others(first)[0]
	c.Kill(second)
	killed := time.Now()

	time.Sleep(2 * time.Second) // into the outage, with records in flight
	runs[1].p.Signal(syscall.SIGINT)
	runs[2].p.Signal(syscall.SIGINT)
	// Two signals sent at once are one to the kernel: the second goes
	// once shore has taken the first.
	runs[2].p.WaitStderr("shore: stopping: waiting up to 5s for ", 5*time.Second)
	runs[2].p.Signal(syscall.SIGINT)
	if res := runs[2].p.Wait(3 * time.Second); res.Code != 130 {
		t.Errorf("twice: a second SIGINT: exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	interrupted := runs[1].p.Wait(15 * time.Second)
	if interrupted.Code != 130 || !strings.Contains(interrupted.Stderr, "shore: stopped by interrupt: ") {
		t.Errorf("sigint: exit %d after %s, stderr:\n%s", interrupted.Code, interrupted.Elapsed, interrupted.Stderr)
	}
	bound := runs[0].p.Wait(time.Minute)
	if bound.Code != 1 || time.Since(killed) > 35*time.Second || !strings.Contains(bound.Stderr, "of unknown fate") && !strings.Contains(bound.Stderr, "not delivered") {
		t.Errorf("bound: exit %d %s after the second node died, stderr:\n%s", bound.Code, time.Since(killed), bound.Stderr)
	}

	t.Logf("bound, after %s:\n%s", bound.Elapsed, bound.Stderr)
	t.Logf("sigint, after %s:\n%s", interrupted.Elapsed, interrupted.Stderr)
	c.Start(first)
	c.Start(second)
	c.WaitInSync(topic, 3)
	counts := c.CountThroughMarkers(topic)
	accountFor(t, "bound", bound, runs[0].failed, runs[0].ids, counts)
	accountFor(t, "sigint", interrupted, runs[1].failed, runs[1].ids, counts)
}
