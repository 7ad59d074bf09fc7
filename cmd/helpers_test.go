package cmd_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
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

// The test helpers that more than one test file of the package uses.

func wantRun(t *testing.T, res shoretest.Result, code int, stdout, stderr string) {
	t.Helper()
	if res.Code != code || res.Stdout != stdout || res.Stderr != stderr {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit %d\nstdout:\n%s\nstderr:\n%s", res.Code, res.Stdout, res.Stderr, code, stdout, stderr)
	}
}

// wantJQ pipes out, consume --json's lines, through jq with args and wants
// want; without jq (.ci/run installs it) it checks that each line is
// JSON to encoding/json, which also takes what jq refuses.
func wantJQ(t *testing.T, out, want string, args ...string) {
	t.Helper()
	jq, err := exec.LookPath("jq")
	if err != nil {
		t.Log("jq is not installed: checked with encoding/json only")
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !json.Valid([]byte(line)) {
				t.Errorf("not JSON: %s", line)
			}
		}
		return
	}
	c := exec.Command(jq, args...)
	c.Stdin = strings.NewReader(out)
	var stderr strings.Builder
	c.Stderr = &stderr
	got, err := c.Output()
	if err != nil || string(got) != want {
		t.Errorf("jq %s: %v %s\n%q\nwant %q", strings.Join(args, " "), err, stderr.String(), got, want)
	}
}

// wantNoFile fails the test when --failed FILE exists: it holds no record
// that could be sent again.
func wantNoFile(t *testing.T, failed string) {
	t.Helper()
	if _, err := os.Stat(failed); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("--failed %s holds no record that can be sent again, yet: %v", failed, err)
	}
}

// leaderID is the id of the test cluster's broker that leads partition 0 of
// topic (0 on kfake, the node.id of a real broker), or -1 until every
// partition has a leader.
func leaderID(t *testing.T, topic string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	md, err := testbroker.Admin(t).Metadata(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	ps := md.Topics[topic].Partitions
	for _, p := range ps {
		if p.Leader < 0 {
			return "-1"
		}
	}
	if len(ps) == 0 {
		return "-1"
	}
	return strconv.Itoa(int(ps[0].Leader))
}

// table renders rows, the first being the header, as format.Table does.
func table(rows ...[]string) string {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], len(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(pad(widths, r...))
	}
	return b.String()
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// fixture produces records with every kind of content to a fresh topic.
func fixture(t *testing.T, partitions int32) (string, []*kgo.Record) {
	t.Helper()
	topic := testbroker.Topic(t, partitions, nil)
	ts := time.UnixMilli(1763856000000)
	var recs []*kgo.Record
	for i := range 3 {
		recs = append(recs, &kgo.Record{Topic: topic, Partition: 0, Key: []byte(fmt.Sprintf("k%d", i)), Value: []byte(fmt.Sprintf("v%d", i)), Timestamp: ts.Add(time.Duration(i) * time.Second)})
	}
	recs[1].Headers = []kgo.RecordHeader{{Key: "h", Value: []byte("x")}, {Key: "bin", Value: []byte{0xff, 0x00}}}
	recs[2].Key = nil
	recs = append(recs, &kgo.Record{Topic: topic, Partition: 0, Key: []byte{0xff, 0xfe}, Value: []byte("line\n\"quoted\"\x00"), Timestamp: ts.Add(3 * time.Second)})
	produceTo(t, recs...)
	return topic, recs
}

// produceTo writes records to the partitions they name.
func produceTo(t *testing.T, recs ...*kgo.Record) {
	t.Helper()
	cl := testbroker.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

// oneAndThree creates two topics of 1 and 3 partitions, holding
// numbered(topic, partitions, 1) and numbered(topic, partitions, 2), and
// returns their names and an expression that matches both alone.
func oneAndThree(t *testing.T) (one, three, re string) {
	base := testbroker.Name(t, "parts")
	one, three = base+".one", base+".three"
	testbroker.CreateTopic(t, one, 1, nil)
	testbroker.CreateTopic(t, three, 3, nil)
	produceTo(t, numbered(three, 3, 2)...)
	produceTo(t, numbered(one, 1, 1)...)
	return one, three, "^" + regexp.QuoteMeta(base) + `\.`
}

// numbered returns n records for each partition, valued P-NN.
func numbered(topic string, partitions int32, n int) []*kgo.Record {
	var recs []*kgo.Record
	for p := range partitions {
		for i := range n {
			recs = append(recs, &kgo.Record{Topic: topic, Partition: p, Value: fmt.Appendf(nil, "%d-%02d", p, i)})
		}
	}
	return recs
}

// readBack consumes the first n records of topic with a plain franz-go
// client, ordered by partition and offset.
func readBack(t *testing.T, topic string, n int, opts ...kgo.Opt) []*kgo.Record {
	t.Helper()
	cl := testbroker.Client(t, append([]kgo.Opt{kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart())}, opts...)...)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var recs []*kgo.Record
	for len(recs) < n {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			t.Fatalf("read back %s: got %d records, want %d", topic, len(recs), n)
		}
		fs.EachRecord(func(r *kgo.Record) { recs = append(recs, r) })
	}
	sort.Slice(recs, func(i, j int) bool {
		if recs[i].Partition != recs[j].Partition {
			return recs[i].Partition < recs[j].Partition
		}
		return recs[i].Offset < recs[j].Offset
	})
	return recs
}

// readBackUntil consumes topic until it sees a record with value last.
func readBackUntil(t *testing.T, topic, last string, opts ...kgo.Opt) []*kgo.Record {
	t.Helper()
	cl := testbroker.Client(t, append([]kgo.Opt{kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart())}, opts...)...)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var recs []*kgo.Record
	for {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			t.Fatalf("read back %s: no record %q among %d", topic, last, len(recs))
		}
		done := false
		fs.EachRecord(func(r *kgo.Record) {
			recs = append(recs, r)
			done = done || string(r.Value) == last
		})
		if done {
			return recs
		}
	}
}

// fill writes n records to each partition of topic, record i of a
// partition stamped base + i minutes.
func fill(t *testing.T, topic string, partitions int32, n int) {
	t.Helper()
	var rs []*kgo.Record
	for p := range partitions {
		for i := range n {
			rs = append(rs, &kgo.Record{Topic: topic, Partition: p, Key: []byte(fmt.Sprint(i)), Value: []byte("v"), Timestamp: base.Add(time.Duration(i) * time.Minute)})
		}
	}
	produceManual(t, rs...)
}

// consumer joins group as a real franz-go consumer of topic; kip848 selects
// the KIP-848 protocol.
func consumer(t *testing.T, group, topic, clientID string, kip848 bool) *kgo.Client {
	t.Helper()
	opts := []kgo.Opt{
		kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic), kgo.ClientID(clientID),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.DisableAutoCommit(),
		kgo.FetchMaxWait(100 * time.Millisecond),
	}
	if kip848 {
		opts = append(opts, kgo.ServerSideBalancer(), kgo.Balancers(kgo.RangeBalancer()))
	}
	return testbroker.Client(t, opts...)
}

// deleteRecords moves the log start of each partition in offsets up to its
// offset (DeleteRecords, as retention does), failing the test when the
// broker refuses.
func deleteRecords(t *testing.T, offsets kadm.Offsets) {
	t.Helper()
	deleted, err := testbroker.Admin(t).DeleteRecords(t.Context(), offsets)
	if err == nil {
		err = deleted.Error()
	}
	if err != nil {
		t.Fatal(err)
	}
}

// commitOffsets commits the offsets (TOPIC:PARTITION=OFFSET) for group with
// groups commit, failing the test when it does not exit 0.
func commitOffsets(t *testing.T, group string, offsets ...string) {
	t.Helper()
	if res := shoretest.Run(t, append([]string{"groups", "commit", group}, offsets...)...); res.Code != 0 {
		t.Fatalf("commit: exit %d: %s", res.Code, res.Stderr)
	}
}

// internalTopic is a topic that shore dev's broker marks internal
// (kfake.is_internal), as Kafka marks __consumer_offsets. Against Apache
// Kafka the test is skipped: it asks to change an internal topic, and a
// failure would cost every group on the cluster the suite shares its
// commits.
func internalTopic(t *testing.T) string {
	t.Helper()
	if testbroker.Real() {
		t.Skip("asks to change an internal topic: not on a shared Apache Kafka cluster")
	}
	yes := "true"
	return testbroker.Topic(t, 1, map[string]*string{"kfake.is_internal": &yes})
}

// behindByTwo is a group, without members, that a consumer left with a
// commit at 1 of its topic's three records: lag 2, for --watch's frames.
func behindByTwo(t *testing.T) (group, topic string) {
	t.Helper()
	topic = testbroker.Topic(t, 1, nil)
	fill(t, topic, 1, 3)
	group = testbroker.Name(t, "group")
	commitAfterReading(t, group, topic, false, map[int32]int64{0: 1})
	return group, topic
}

// commitAfterReading makes a consumer read each partition up to the given
// offset and commit exactly that offset, then leaves the group.
func commitAfterReading(t *testing.T, group, topic string, kip848 bool, want map[int32]int64) {
	t.Helper()
	cl := consumer(t, group, topic, "reader", kip848)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	read := make(map[int32]int64)
	done := func() bool {
		for p, o := range want {
			if read[p] < o {
				return false
			}
		}
		return true
	}
	for !done() {
		fs := cl.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			t.Fatalf("read %v of %v: %v", read, want, err)
		}
		fs.EachRecord(func(r *kgo.Record) { read[r.Partition] = max(read[r.Partition], r.Offset+1) })
	}
	offsets := map[string]map[int32]kgo.EpochOffset{topic: {}}
	for p, o := range want {
		offsets[topic][p] = kgo.EpochOffset{Epoch: -1, Offset: o}
	}
	var commitErr error
	cl.CommitOffsetsSync(ctx, offsets, func(_ *kgo.Client, _ *kmsg.OffsetCommitRequest, resp *kmsg.OffsetCommitResponse, err error) {
		commitErr = err
		if err == nil {
			for _, rt := range resp.Topics {
				for _, rp := range rt.Partitions {
					if e := kerr.ErrorForCode(rp.ErrorCode); e != nil {
						commitErr = e
					}
				}
			}
		}
	})
	if commitErr != nil {
		t.Fatalf("commit: %v", commitErr)
	}
	cl.Close()
}

// waitMembers waits until the group is Stable with n members that all own
// partitions.
func waitMembers(t *testing.T, group string, n int) {
	t.Helper()
	shoretest.Eventually(t, 30*time.Second, func() error {
		res := shoretest.Run(t, "groups", "describe", group, "-o", "json")
		var ds []struct {
			State   string
			Members []struct{ Assignment []any }
		}
		if res.Code != 0 || json.Unmarshal([]byte(res.Stdout), &ds) != nil || ds[0].State != "Stable" || len(ds[0].Members) != n {
			return fmt.Errorf("group %s is not Stable with %d members:\n%s%s", group, n, res.Stdout, res.Stderr)
		}
		for _, m := range ds[0].Members {
			if len(m.Assignment) == 0 {
				return fmt.Errorf("a member of group %s owns no partition:\n%s", group, res.Stdout)
			}
		}
		return nil
	})
}

// tableOf renders a header and rows the way format.Table does.
func tableOf(header []string, rows ...[]string) string {
	return table(append([][]string{header}, rows...)...)
}

// kinds runs fn for a classic group and a KIP-848 consumer group.
func kinds(t *testing.T, fn func(t *testing.T, kip848 bool, kind string)) {
	for _, kip848 := range []bool{false, true} {
		kind := map[bool]string{false: "classic", true: "consumer"}[kip848]
		t.Run(kind, func(t *testing.T) { fn(t, kip848, kind) })
	}
}

// produceManual writes records to the partitions they name, uncompressed
// (kafka-python here has no snappy).
func produceManual(t *testing.T, rs ...*kgo.Record) {
	t.Helper()
	cl := testbroker.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()), kgo.ProducerBatchCompression(kgo.NoCompression()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx, rs...).FirstErr(); err != nil {
		t.Fatalf("produce: %v", err)
	}
}

// csvOf is the group's commits as describe -o csv writes them.
func csvOf(t *testing.T, group string) string {
	t.Helper()
	res := shoretest.Run(t, "groups", "describe", group, "-o", "csv")
	if res.Code != 0 {
		t.Fatalf("describe: exit %d: %s", res.Code, res.Stderr)
	}
	return res.Stdout
}

// startDev runs `shore dev args...` in-process until the test ends and
// returns the bootstrap address it printed first, and a function that stops
// it and returns its exit code and stderr.
func startDev(t *testing.T, args ...string) (addr string, stop func() (int, string)) {
	t.Helper()
	lines, _, stop := startDevLines(t, 1, args...)
	return lines[0], stop
}

// startDevRegistry is startDev that also returns the schema registry's URL,
// the second line shore dev prints.
func startDevRegistry(t *testing.T, args ...string) (addr, registry string, stop func() (int, string)) {
	t.Helper()
	lines, _, stop := startDevLines(t, 2, args...)
	return lines[0], lines[1], stop
}

// startDevLines starts shore dev and returns the first n lines it prints,
// and its stderr so far.
func startDevLines(t *testing.T, n int, args ...string) (lines []string, stderr func() string, stop func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	errOut := &syncBuffer{}
	streams := &cmd.IOStreams{In: strings.NewReader(""), Out: outW, ErrOut: errOut}
	done := make(chan int, 1)
	go func() {
		code := cmd.Run(ctx, append([]string{"dev"}, args...), streams, nil)
		outW.Close()
		done <- code
	}()
	br := bufio.NewReader(outR)
	for range n {
		line, err := br.ReadString('\n')
		if err != nil {
			cancel()
			t.Fatalf("shore dev %v: exit %d before printing %d lines: %s", args, <-done, n, errOut.String())
		}
		lines = append(lines, strings.TrimSuffix(line, "\n"))
	}
	go func() { _, _ = io.Copy(io.Discard, br) }()
	var once sync.Once
	code := -1
	stop = func() (int, string) {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(10 * time.Second):
				t.Errorf("shore dev did not stop within 10s of cancellation")
			}
		})
		return code, errOut.String()
	}
	t.Cleanup(func() { stop() })
	return lines, errOut.String, stop
}

// recordsIn counts the records in topic: the sum of its end offsets.
func recordsIn(t *testing.T, topic string) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ends, err := testbroker.Admin(t).ListEndOffsets(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	ends.Each(func(o kadm.ListedOffset) { n += o.Offset })
	return n
}

// running is a shore run in-process, ended by cancelling its context.
type running struct {
	out, errOut *cmd.Buffer
	code        chan int
}

// startShore starts `shore args...` in-process with the environment env.
func startShore(ctx context.Context, env map[string]string, args ...string) *running {
	return startShoreIn(ctx, env, strings.NewReader(""), args...)
}

// startShoreIn is startShore reading stdin from in (the reading end of a
// pipe the test feeds).
func startShoreIn(ctx context.Context, env map[string]string, in io.Reader, args ...string) *running {
	r := &running{out: &cmd.Buffer{}, errOut: &cmd.Buffer{}, code: make(chan int, 1)}
	go func() {
		r.code <- cmd.Run(ctx, args, &cmd.IOStreams{In: in, Out: r.out, ErrOut: r.errOut}, env)
	}()
	return r
}

// exit waits for the run to end and returns its exit code.
func (r *running) exit(t *testing.T, within time.Duration) int {
	t.Helper()
	select {
	case code := <-r.code:
		return code
	case <-time.After(within):
		t.Fatalf("shore did not end within %s; stderr %q", within, r.errOut.String())
	}
	return -1
}

// signalWhenStuck runs the built binary, `shore args...` with the
// environment env and an empty stdin, sends it sig once stuck reports nil
// (shore waits for a server that says nothing), and returns what the user
// saw and how long shore took to end after the signal.
func signalWhenStuck(t *testing.T, env map[string]string, stuck func() error, sig syscall.Signal, args ...string) (shoretest.Result, time.Duration) {
	t.Helper()
	c, stdout, stderr := startBinary(t, env, args...)
	waited := make(chan struct{})
	go func() { _ = c.Wait(); close(waited) }()
	shoretest.Eventually(t, 10*time.Second, func() error {
		select {
		case <-waited:
			t.Fatalf("%s: exit %d before the signal; stdout %q stderr %q", strings.Join(args, " "), c.ProcessState.ExitCode(), stdout.String(), stderr.String())
		default:
		}
		return stuck()
	})
	if err := c.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	signalled := time.Now()
	select {
	case <-waited:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s: still running 20s after %v; stderr %q", strings.Join(args, " "), sig, stderr.String())
	}
	return shoretest.Result{Stdout: stdout.String(), Stderr: stderr.String(), Code: c.ProcessState.ExitCode()}, time.Since(signalled)
}

// startBinary starts the built binary, `shore args...` with the
// environment env and an empty stdin, and returns it with its stdout and
// stderr as they are written; the test's end kills it.
func startBinary(t *testing.T, env map[string]string, args ...string) (c *exec.Cmd, stdout, stderr *cmd.Buffer) {
	t.Helper()
	c = exec.Command(shoretest.Binary(t), args...)
	c.Env = shoretest.Environ(t, env)
	stdout, stderr = &cmd.Buffer{}, &cmd.Buffer{}
	c.Stdout, c.Stderr = stdout, stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Process.Kill() })
	return c, stdout, stderr
}

// acceptedOne is a stuck condition for signalWhenStuck: a listener of
// testbroker.SilentCounting has accepted a connection.
func acceptedOne(accepted func() int) func() error {
	return func() error {
		if accepted() == 0 {
			return errors.New("shore has not connected yet")
		}
		return nil
	}
}

// aclCluster returns the options of a run that logs in to a cluster that
// checks ACLs, holding the one-partition topics, as admin, a superuser, or
// as alice, whom acls allow what they allow and nothing else (see
// testbroker.ACLCluster).
func aclCluster(t *testing.T, topics []string, acls ...kfake.ACL) (admin, alice shoretest.Opts) {
	t.Helper()
	adminEnv, aliceEnv := testbroker.ACLCluster(t, topics, acls...)
	return shoretest.Opts{Env: adminEnv}, shoretest.Opts{Env: aliceEnv}
}

// aclClusterOf is aclCluster's kfake cluster, returned too, to count the
// requests it is sent: the test is skipped on a real cluster.
func aclClusterOf(t *testing.T, topics []string, acls ...kfake.ACL) (c *kfake.Cluster, admin, alice shoretest.Opts) {
	t.Helper()
	if testbroker.Real() {
		t.Skip("counts the requests a kfake cluster of its own is sent")
	}
	c, adminEnv, aliceEnv := testbroker.OwnACLCluster(t, topics, acls...)
	return c, shoretest.Opts{Env: adminEnv}, shoretest.Opts{Env: aliceEnv}
}

// faultCluster is a cluster of the test's own, of one broker with the topic
// orders, to inject faults into, and the options that run shore against it.
func faultCluster(t *testing.T) (*kfake.Cluster, shoretest.Opts) {
	t.Helper()
	if testbroker.Real() {
		t.Skip("faults a cluster of its own")
	}
	c := testbroker.Own(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "orders"))
	return c, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": c.ListenAddrs()[0]}}
}

// topicACL allows op on the topic name.
func topicACL(name string, op kmsg.ACLOperation) kfake.ACL {
	return kfake.ACL{Resource: kmsg.ACLResourceTypeTopic, Name: name, Pattern: kmsg.ACLResourcePatternTypeLiteral, Operation: op, Allow: true}
}

// groupACL allows op on the group name.
func groupACL(name string, op kmsg.ACLOperation) kfake.ACL {
	return kfake.ACL{Resource: kmsg.ACLResourceTypeGroup, Name: name, Pattern: kmsg.ACLResourcePatternTypeLiteral, Operation: op, Allow: true}
}
