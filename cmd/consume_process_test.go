package cmd_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafkashore/shore/cmd"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// startConsume runs the built binary with stdout on a pipe.
func startConsume(t *testing.T, args ...string) (*exec.Cmd, *bufio.Reader, io.Closer, *strings.Builder) {
	t.Helper()
	return startConsumeEnv(t, nil, args...)
}

// startConsumeEnv is startConsume with env's variables set over the test
// environment's (SHORE_BROKERS of a cluster of the test's own).
func startConsumeEnv(t *testing.T, env map[string]string, args ...string) (*exec.Cmd, *bufio.Reader, io.Closer, *strings.Builder) {
	t.Helper()
	return startPiped(t, env, append([]string{"consume"}, args...)...)
}

// startPiped runs the built binary with env's variables set over the test
// environment's and stdout on a pipe.
func startPiped(t *testing.T, env map[string]string, args ...string) (*exec.Cmd, *bufio.Reader, io.Closer, *strings.Builder) {
	t.Helper()
	c := exec.Command(shoretest.Binary(t), args...)
	c.Env = shoretest.Environ(t, env)
	stderr := &strings.Builder{}
	c.Stderr = stderr
	out, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Process.Kill() })
	return c, bufio.NewReader(out), out, stderr
}

// startSignalled runs the built binary with args, stdout to stdout (nil:
// discarded) and stderr kept, for a test that signals it and then reads
// what it said (waitExit).
func startSignalled(t *testing.T, stdout io.Writer, args ...string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	c := exec.Command(shoretest.Binary(t), args...)
	c.Env = shoretest.Environ(t, nil)
	stderr := &syncBuffer{}
	c.Stdout, c.Stderr = stdout, stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Process.Kill() })
	return c, stderr
}

func waitExit(t *testing.T, c *exec.Cmd, within time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
		return c.ProcessState.ExitCode()
	case <-time.After(within):
		t.Fatalf("shore did not exit within %s", within)
	}
	return -1
}

func produceValues(t *testing.T, topic string, n int) {
	t.Helper()
	recs := make([]*kgo.Record, n)
	for i := range recs {
		recs[i] = &kgo.Record{Topic: topic, Value: fmt.Appendf(nil, "record-%06d", i)}
	}
	testbroker.Produce(t, recs...)
}

// TestConsumeClosedStdout is `shore consume t | head -n 5`: more output than
// a pipe holds, and the reader goes away.
func TestConsumeClosedStdout(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	produceValues(t, topic, 20000)
	for _, args := range [][]string{{topic}, {topic, "-g", testbroker.Name(t, "group")}} {
		c, out, closer, stderr := startConsume(t, args...)
		for range 5 {
			if _, err := out.ReadString('\n'); err != nil {
				t.Fatal(err)
			}
		}
		closer.Close()
		if code := waitExit(t, c, 10*time.Second); code != 0 || stderr.String() != "" {
			t.Errorf("%v: exit %d stderr %q; want 0 and nothing", args, code, stderr.String())
		}
		if len(args) == 1 {
			continue
		}
		// Only what reached the pipe may be committed: at most what a
		// 64 KiB pipe and the five lines read hold, not the whole fetch.
		offs, err := testbroker.Admin(t).FetchOffsets(context.Background(), args[2])
		if err != nil {
			t.Fatal(err)
		}
		committed, _ := offs.Lookup(topic, 0)
		if maxWritten := int64((64<<10)/len("record-000000\n") + 5); committed.At > maxWritten {
			t.Errorf("committed %d records; at most %d reached stdout", committed.At, maxWritten)
		}
	}
}

// TestConsumeClosedStdoutQuietTopic is `shore consume t | head -n 2` on a
// topic where nothing more arrives: no write fails, yet consume must notice
// that the reader has gone and end with exit 0, having committed only what
// it wrote.
func TestConsumeClosedStdoutQuietTopic(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	produceValues(t, topic, 3)
	group := testbroker.Name(t, "group")
	for _, args := range [][]string{{topic}, {topic, "-g", group}} {
		c, out, closer, stderr := startConsume(t, args...)
		for range 2 {
			if _, err := out.ReadString('\n'); err != nil {
				t.Fatal(err)
			}
		}
		closer.Close()
		if code := waitExit(t, c, 10*time.Second); code != 0 || stderr.String() != "" {
			t.Errorf("%v: exit %d stderr %q; want 0 and nothing", args, code, stderr.String())
		}
	}
	offs, err := testbroker.Admin(t).FetchOffsets(context.Background(), group)
	if err != nil {
		t.Fatal(err)
	}
	// All three lines reached the pipe before it closed.
	if committed, _ := offs.Lookup(topic, 0); committed.At != 3 {
		t.Errorf("committed %d; want 3, what was written", committed.At)
	}
}

// TestConsumeUntilClosedStdout is `shore consume t --until X | reader`
// where the reader goes away before any record matched (it quit, or was
// killed): nobody got a match, so the answer is 3, not the 0 of a closed
// stdout, whether or not in a group.
func TestConsumeUntilClosedStdout(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	produceValues(t, topic, 3)
	notMet := regexp.MustCompile(`^shore: no record matched --until '\.value == "none"' in \d+(\.\d+)?m?s \([0-3] records? read\): stdout's reader went away\n$`)
	for _, args := range [][]string{{topic}, {topic, "-g", testbroker.Name(t, "group")}} {
		c, _, closer, stderr := startConsume(t, append(args, "--until", `.value == "none"`)...)
		closer.Close()
		if code := waitExit(t, c, 10*time.Second); code != 3 || !notMet.MatchString(stderr.String()) {
			t.Errorf("%v: exit %d stderr %q; want 3 and stderr like %s", args, code, stderr.String(), notMet)
		}
	}
}

// TestConsumeSignal stops a group member following a topic: it exits 0 and
// has committed exactly what it wrote.
func TestConsumeSignal(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	group := testbroker.Name(t, "group")
	produceValues(t, topic, 7)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		c, out, _, stderr := startConsume(t, topic, "-g", group)
		if sig == syscall.SIGTERM {
			produceValues(t, topic, 3)
		}
		want := map[syscall.Signal]int{syscall.SIGINT: 7, syscall.SIGTERM: 3}[sig]
		for range want {
			if _, err := out.ReadString('\n'); err != nil {
				t.Fatal(err)
			}
		}
		if err := c.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		if code := waitExit(t, c, 15*time.Second); code != 0 || stderr.String() != "" {
			t.Errorf("%v: exit %d stderr %q; want 0 and nothing", sig, code, stderr.String())
		}
		offs, err := testbroker.Admin(t).FetchOffsets(context.Background(), group)
		if err != nil {
			t.Fatal(err)
		}
		committed, _ := offs.Lookup(topic, 0)
		if wantAt := map[syscall.Signal]int64{syscall.SIGINT: 7, syscall.SIGTERM: 10}[sig]; committed.At != wantAt {
			t.Errorf("%v: committed %d; want %d", sig, committed.At, wantAt)
		}
		described, err := testbroker.Admin(t).DescribeGroups(context.Background(), group)
		if err != nil {
			t.Fatal(err)
		}
		if members := described[group].Members; len(members) != 0 {
			t.Errorf("%v: group still has %d members after exit", sig, len(members))
		}
	}
}

// TestConsumeSignalEndlessFilter: a --filter that never ends on a record
// (def f: f; f) still yields to Ctrl-C, as a follow does: exit 0, nothing
// on stderr, and the group's commit covers the record written before it,
// not the one it was stuck on.
func TestConsumeSignalEndlessFilter(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	group := testbroker.Name(t, "group")
	produceValues(t, topic, 3)
	c, out, _, stderr := startConsume(t, topic, "-g", group, "-u",
		"--filter", `def f: f; if .value == "record-000001" then f else true end`)
	if line, err := out.ReadString('\n'); err != nil || line != "record-000000\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
	if err := c.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, c, 15*time.Second); code != 0 || stderr.String() != "" {
		t.Errorf("exit %d stderr %q; want 0 and nothing", code, stderr.String())
	}
	offs, err := testbroker.Admin(t).FetchOffsets(context.Background(), group)
	if err != nil {
		t.Fatal(err)
	}
	if committed, _ := offs.Lookup(topic, 0); committed.At != 1 {
		t.Errorf("committed %d; want 1", committed.At)
	}
}

// TestConsumeSignalStdoutNotRead is a consume stuck writing to a pipe that
// nobody reads any more: the first SIGINT still ends it, after the grace,
// with 130 and one line saying what was dropped; the group's commit does
// not cover the records that were never written.
func TestConsumeSignalStdoutNotRead(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	group := testbroker.Name(t, "group")
	const n = 20000
	recs := make([]*kgo.Record, n)
	for i := range recs {
		recs[i] = &kgo.Record{Topic: topic, Value: fmt.Appendf(nil, "record-%06d-%0100d", i, 0)}
	}
	testbroker.Produce(t, recs...)
	c, out, _, stderr := startConsume(t, topic, "-g", group)
	// One line read, and no more: the rest (2 MB) fills the pipe.
	if _, err := out.ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	if err := c.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	const want = "shore: interrupted, and stdout took nothing for 5s: the records not yet written were dropped (with -g they were not committed, and the group waits for this member's session to time out)\n"
	if code := waitExit(t, c, 30*time.Second); code != 130 || stderr.String() != want {
		t.Errorf("exit %d stderr %q; want 130 and %q", code, stderr.String(), want)
	}
	offs, err := testbroker.Admin(t).FetchOffsets(context.Background(), group)
	if err != nil {
		t.Fatal(err)
	}
	if committed, _ := offs.Lookup(topic, 0); committed.At >= n {
		t.Errorf("committed %d: every record, though most were never written", committed.At)
	}
}

// TestConsumeSignalStdoutStuckBeforeSignal: the 5s of a stuck stdout count
// from when the write began, also before the signal, as consume --help
// says: a write stuck that long already ends consume at the signal, where
// the help said the 5s ran after it.
func TestConsumeSignalStdoutStuckBeforeSignal(t *testing.T) {
	t.Parallel()
	help := shoretest.Run(t, "consume", "--help")
	if said := "write to stdout has waited 5s (a stuck pipeline), counted from when it\n  began, before the signal or after"; !strings.Contains(help.Stdout, said) {
		t.Errorf("consume --help does not say %q", said)
	}
	topic := testbroker.Topic(t, 1, nil)
	recs := make([]*kgo.Record, 20000)
	for i := range recs {
		recs[i] = &kgo.Record{Topic: topic, Value: fmt.Appendf(nil, "record-%06d-%0100d", i, 0)}
	}
	testbroker.Produce(t, recs...)
	c, out, _, stderr := startConsume(t, topic)
	if _, err := out.ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	// The rest (2 MB) fills the pipe at once; the write then waits longer
	// than the grace before the signal comes.
	time.Sleep(6 * time.Second)
	if err := c.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	const want = "shore: terminated, and stdout took nothing for 5s: the records not yet written were dropped (with -g they were not committed, and the group waits for this member's session to time out)\n"
	if code := waitExit(t, c, 3*time.Second); code != 130 || stderr.String() != want {
		t.Errorf("exit %d stderr %q; want 130 and %q", code, stderr.String(), want)
	}
}

// TestConsumeLiveTail: a record produced while following shows at once,
// buffered (flushed after every fetch) or with -u.
func TestConsumeLiveTail(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	for _, extra := range [][]string{nil, {"-u"}} {
		c, out, _, stderr := startConsume(t, append([]string{topic, "-o", "end", "-f", `%v\n`}, extra...)...)
		line := make(chan string, 1)
		go func() {
			s, _ := out.ReadString('\n')
			line <- s
		}()
		// consume resolves "end" when it starts: produce until a record
		// lands after it.
		deadline := time.After(15 * time.Second)
	wait:
		for {
			produceValues(t, topic, 1)
			select {
			case s := <-line:
				if s != "record-000000\n" {
					t.Errorf("%v: first line %q", extra, s)
				}
				break wait
			case <-time.After(300 * time.Millisecond):
			case <-deadline:
				t.Fatalf("%v: no line within 15s of producing; stderr %q", extra, stderr.String())
			}
		}
		if err := c.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		if code := waitExit(t, c, 15*time.Second); code != 0 {
			t.Errorf("%v: exit %d after SIGINT; stderr %q", extra, code, stderr.String())
		}
	}
}

// TestConsumeGroupExitAfterLostSession is `consume -g G -e --no-commit`
// frozen (SIGSTOP) past its session timeout after partition 0 was written to
// its stop and partition 1 was not: the group drops the member, and on
// SIGCONT it gets both partitions back at their start. It must write them
// again and end by itself, not wait forever for a partition it had paused.
func TestConsumeGroupExitAfterLostSession(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 2, nil)
	group := testbroker.Name(t, "group")
	value := strings.Repeat("v", 1000)
	const short, long = 5, 25000
	var recs []*kgo.Record
	for i := range short + long {
		recs = append(recs, &kgo.Record{Topic: topic, Partition: int32(min(i/short, 1)), Value: []byte(value)})
	}
	if err := testbroker.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner())).ProduceSync(context.Background(), recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	c, out, _, stderr := startConsume(t, topic, "-g", group, "-e", "--no-commit", "--session-timeout", "6s", "-f", `%p %o %v\n`)
	seen := map[string]bool{}
	read := func() bool {
		line, err := out.ReadString('\n')
		if err != nil {
			return false
		}
		f := strings.Fields(line)
		seen[f[0]+" "+f[1]] = true
		return true
	}
	// Partition 0 is written and paused once its last line and the rest of
	// any fetch that held it (8 MiB, about 8,000 of these records) are out.
	for !seen[fmt.Sprintf("0 %d", short-1)] {
		if !read() {
			t.Fatalf("stdout ended early; stderr %q", stderr.String())
		}
	}
	for range 10000 {
		read()
	}
	// shore now waits on the pipe with partition 1 unfinished.
	if err := c.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	// The member is gone when the group is Empty: a description that
	// failed for the group (its Err) has no members either.
	adm := testbroker.Admin(t)
	for deadline := time.Now().Add(time.Minute); ; {
		described, err := adm.DescribeGroups(context.Background(), group)
		g := described[group]
		if err == nil && g.Err == nil && g.State == "Empty" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the group kept the frozen member for a minute: state %q, %v, %v", g.State, g.Err, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err := c.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	// Reading nothing holds shore on the full pipe with partition 1
	// unfinished until its heartbeat (every 3s) has learnt that the group
	// dropped it: drained at once, the records it had fetched before it
	// froze could all be written first, and it would end without ever
	// hearing of it. The client joins again only once it has handed the
	// lost session to the next poll, so the group has a member again then.
	shoretest.Eventually(t, time.Minute, func() error {
		described, err := adm.DescribeGroups(context.Background(), group)
		if g := described[group]; err != nil || g.Err != nil || g.State == "Empty" {
			return fmt.Errorf("the member has not joined again: state %q, %v, %v", g.State, g.Err, err)
		}
		return nil
	})
	drained := make(chan struct{})
	go func() {
		for read() {
		}
		close(drained)
	}()
	select {
	case <-drained:
	case <-time.After(90 * time.Second):
		t.Fatalf("shore did not end within 90s of SIGCONT; stderr %q", stderr.String())
	}
	if code := waitExit(t, c, 10*time.Second); code != 0 {
		t.Errorf("exit %d; stderr %q", code, stderr.String())
	}
	if want := fmt.Sprintf("shore: warning: this member lost its place in group %q (", group); !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr %q; want a warning starting %q", stderr.String(), want)
	}
	for p, n := range []int{short, long} {
		for o := range n {
			if !seen[fmt.Sprintf("%d %d", p, o)] {
				t.Fatalf("partition %d offset %d never written", p, o)
			}
		}
	}
}

// TestConsumeGroupSignalDuringJoin interrupts a member while its group
// rebalances and waits for a frozen member: the join would last until that
// member's session expires (45s), yet SIGINT ends the member within
// seconds, having left the group.
func TestConsumeGroupSignalDuringJoin(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 3, nil)
	group := testbroker.Name(t, "group")
	start := func(verbose bool) (*exec.Cmd, *cmd.Buffer) {
		args := []string{"consume", topic, "-g", group}
		if verbose {
			args = append(args, "-vv")
		}
		c := exec.Command(shoretest.Binary(t), args...)
		c.Env = shoretest.Environ(t, nil)
		stderr := &cmd.Buffer{}
		c.Stderr = stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Process.Kill(); _ = c.Wait() })
		return c, stderr
	}
	members := func() int {
		described, err := testbroker.Admin(t).DescribeGroups(context.Background(), group)
		if err != nil || described[group].State != "Stable" {
			return -1
		}
		return len(described[group].Members)
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(100 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no %s within a minute", what)
			}
		}
	}
	a, aErr := start(true)
	waitFor("stable group of one", func() bool { return members() == 1 })
	frozen, _ := start(false)
	waitFor("stable group of two", func() bool { return members() == 2 })
	if err := frozen.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	defer frozen.Process.Signal(syscall.SIGCONT)
	start(false)
	// The rebalance cannot end while the frozen member's session lasts;
	// the first member is in it once it has sent a join (which franz-go
	// logs at -vv) and had no answer that would make it sync.
	waitFor("join by the first member", func() bool {
		described, err := testbroker.Admin(t).DescribeGroups(context.Background(), group)
		log := aErr.String()
		return err == nil && described[group].State == "PreparingRebalance" && strings.LastIndex(log, "joining group") > strings.LastIndex(log, "syncing")
	})
	if err := a.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = a.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("SIGINT did not end a member in a join within 10s")
	}
	if code := a.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit %d; stderr %q", code, aErr.String())
	}
}

// TestConsumeGroupBrokersGone interrupts a member whose only broker has
// gone: it cannot leave the group, so it says so and does not exit 0.
func TestConsumeGroupBrokersGone(t *testing.T) {
	t.Parallel()
	addr, stopDev := startDev(t, "--listen", "127.0.0.1:0", "--topic", "gone")
	if res := shoretest.RunWith(t, shoretest.Opts{Stdin: "a\nb\n", Env: map[string]string{"SHORE_BROKERS": addr}}, "produce", "gone"); res.Code != 0 {
		t.Fatalf("produce: exit %d stderr %q", res.Code, res.Stderr)
	}
	c := exec.Command(shoretest.Binary(t), "consume", "gone", "-g", "g", "--timeout", "3s")
	c.Env = shoretest.Environ(t, map[string]string{"SHORE_BROKERS": addr})
	stderr := &strings.Builder{}
	c.Stderr = stderr
	stdout, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Process.Kill() })
	out := bufio.NewReader(stdout)
	for range 2 {
		if _, err := out.ReadString('\n'); err != nil {
			t.Fatal(err)
		}
	}
	stopDev()
	if err := c.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	code := waitExit(t, c, 30*time.Second)
	if code != 1 || !strings.HasPrefix(stderr.String(), "shore: ") || !strings.Contains(stderr.String(), `leave group "g": `) || !strings.Contains(stderr.String(), "until its session times out (45s)") {
		t.Errorf("exit %d stderr %q; want 1 and why the group could not be left", code, stderr.String())
	}
}

// readLines reads n lines of a consume's stdout, in the order written.
func readLines(t *testing.T, out *bufio.Reader, n int) []string {
	t.Helper()
	var lines []string
	for range n {
		line, err := out.ReadString('\n')
		if err != nil {
			t.Fatalf("after %q: %v", lines, err)
		}
		lines = append(lines, line)
	}
	return lines
}

func deleteTopics(t *testing.T, names ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := testbroker.Admin(t).DeleteTopics(ctx, names...)
	if err == nil {
		err = resp.Error()
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestConsumeTopicDeleted deletes a topic that consume follows: the run ends
// with exit 1 and a line naming the topic, having written (and with -g
// committed) every record read before, where it used to fetch the deleted
// topic for ever at full speed, saying nothing. A topic that -r matched
// leaves the topics matched instead; the last one to go ends the run.
func TestConsumeTopicDeleted(t *testing.T) {
	t.Parallel()
	t.Run("named", func(t *testing.T) {
		t.Parallel()
		topic := testbroker.Topic(t, 2, nil)
		produceValues(t, topic, 3)
		c, out, _, stderr := startConsume(t, topic, "-f", "%v\n")
		lines := readLines(t, out, 3)
		deleteTopics(t, topic)
		code := waitExit(t, c, 30*time.Second)
		sort.Strings(lines)
		if want := "shore: topic \"" + topic + "\" was deleted while it was consumed\n"; code != 1 || stderr.String() != want || strings.Join(lines, "") != "record-000000\nrecord-000001\nrecord-000002\n" {
			t.Errorf("exit %d, stderr %q, stdout %q; want exit 1, stderr %q and the three records", code, stderr.String(), lines, want)
		}
	})
	// One of several topics deleted ends the run too: consume was asked
	// for that topic, and can no longer give it.
	t.Run("one of two, in a group", func(t *testing.T) {
		t.Parallel()
		deleted, kept := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 2, nil)
		group := testbroker.Name(t, "group")
		produceValues(t, deleted, 2)
		produceValues(t, kept, 3)
		c, out, _, stderr := startConsume(t, deleted, kept, "-g", group, "-f", "%t %v\n")
		lines := readLines(t, out, 5)
		deleteTopics(t, deleted)
		code := waitExit(t, c, 30*time.Second)
		if want := "shore: topic \"" + deleted + "\" was deleted while it was consumed\n"; code != 1 || stderr.String() != want {
			t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr.String(), want)
		}
		sort.Strings(lines)
		want := []string{deleted + " record-000000\n", deleted + " record-000001\n", kept + " record-000000\n", kept + " record-000001\n", kept + " record-000002\n"}
		sort.Strings(want)
		if !slices.Equal(lines, want) {
			t.Errorf("stdout %q; want %q", lines, want)
		}
		offs, err := testbroker.Admin(t).FetchOffsets(context.Background(), group)
		if err != nil {
			t.Fatal(err)
		}
		var committed int64
		for p := range int32(2) {
			o, _ := offs.Lookup(kept, p)
			committed += max(o.At, 0)
		}
		if committed != 3 {
			t.Errorf("group %s committed %d records of %s; want 3, all written", group, committed, kept)
		}
	})
	// A member that the group gave no partition fetches nothing of the
	// topic, so no failed fetch tells it; it ends all the same, within
	// seconds. The member with the partition is frozen meanwhile, so
	// that it neither leaves nor times out (45s) and the group hands the
	// other one nothing to fetch; thawed, it ends too.
	t.Run("a member without partitions", func(t *testing.T) {
		t.Parallel()
		topic := testbroker.Topic(t, 1, nil)
		group := testbroker.Name(t, "group")
		produceValues(t, topic, 2)
		owner, ownerOut, _, ownerErr := startConsume(t, topic, "-g", group, "-f", "%v\n")
		if lines := readLines(t, ownerOut, 2); strings.Join(lines, "") != "record-000000\nrecord-000001\n" {
			t.Fatalf("the first member wrote %q; want the two records", lines)
		}
		idle, idleOut, _, idleErr := startConsume(t, topic, "-g", group, "-f", "%v\n")
		shoretest.Eventually(t, 30*time.Second, func() error {
			described, err := testbroker.Admin(t).DescribeGroups(context.Background(), group)
			if err != nil || described[group].State != "Stable" || len(described[group].Members) != 2 {
				return fmt.Errorf("group %s is not Stable with two members: %+v, %v", group, described[group], err)
			}
			return nil
		})
		if err := owner.Process.Signal(syscall.SIGSTOP); err != nil {
			t.Fatal(err)
		}
		defer owner.Process.Signal(syscall.SIGCONT)
		deleteTopics(t, topic)
		want := "shore: topic \"" + topic + "\" was deleted while it was consumed\n"
		// Within 30s, short of the frozen member's session: the group
		// does not hand its partition over before then.
		idleRest := make(chan []byte, 1)
		go func() {
			rest, _ := io.ReadAll(idleOut)
			idleRest <- rest
		}()
		var rest []byte
		select {
		case rest = <-idleRest:
		case <-time.After(30 * time.Second):
			t.Fatalf("the member without partitions did not end within 30s of the delete; stderr %q", idleErr.String())
		}
		if code := waitExit(t, idle, 10*time.Second); code != 1 || idleErr.String() != want || len(rest) != 0 {
			t.Errorf("the member without partitions: exit %d, stderr %q, stdout %q; want 1, %q and nothing", code, idleErr.String(), rest, want)
		}
		if err := owner.Process.Signal(syscall.SIGCONT); err != nil {
			t.Fatal(err)
		}
		if code := waitExit(t, owner, 30*time.Second); code != 1 || ownerErr.String() != want {
			t.Errorf("the member with the partition: exit %d, stderr %q; want 1 and %q", code, ownerErr.String(), want)
		}
	})
	t.Run("matched by -r", func(t *testing.T) {
		t.Parallel()
		first, second := testbroker.Topic(t, 1, nil), testbroker.Topic(t, 1, nil)
		produceValues(t, first, 1)
		produceValues(t, second, 1)
		c, out, _, stderr := startConsume(t, "-r", "^("+regexp.QuoteMeta(first)+"|"+regexp.QuoteMeta(second)+")$", "-f", "%t %v\n")
		readLines(t, out, 2)
		deleteTopics(t, first)
		// Consuming goes on with the other topic.
		produceValues(t, second, 1)
		if lines := readLines(t, out, 1); lines[0] != second+" record-000000\n" {
			t.Errorf("after %s was deleted: %q; want a record of %s", first, lines[0], second)
		}
		deleteTopics(t, second)
		code := waitExit(t, c, 30*time.Second)
		// On a loaded machine shore may notice the first delete only
		// after the second: either order, each topic once.
		lines := func(goesOn, last string) string {
			return "shore: warning: topic \"" + goesOn + "\" was deleted while it was consumed; consuming goes on with the other topics matched\n" +
				"shore: topic \"" + last + "\" was deleted while it was consumed; no other matched topic is left\n"
		}
		if got := stderr.String(); code != 1 || got != lines(first, second) && got != lines(second, first) {
			t.Errorf("exit %d, stderr %q; want exit 1 and %q (or the topics the other way round)", code, got, lines(first, second))
		}
	})
}

// TestConsumeAddedPartition: consume following a topic without a group
// writes the records of a partition added while it runs, from its start, as
// a group member does (TestConsumeGroupAddedPartition); it fetched only the
// partitions it found at start, and never wrote them.
func TestConsumeAddedPartition(t *testing.T) {
	t.Parallel()
	topic := testbroker.Topic(t, 1, nil)
	produceTo(t, &kgo.Record{Topic: topic, Partition: 0, Value: []byte("old")})
	c, out, _, stderr := startConsume(t, topic, "-n", "3", "-f", `%p %v\n`)
	// The first line says consume planned its partitions: only then is
	// the partition added.
	if line, err := out.ReadString('\n'); line != "0 old\n" {
		t.Fatalf("first line %q (%v); stderr %q", line, err, stderr.String())
	}
	testbroker.AddPartitions(t, topic, 2)
	produceTo(t, &kgo.Record{Topic: topic, Partition: 1, Value: []byte("new-1")}, &kgo.Record{Topic: topic, Partition: 1, Value: []byte("new-2")})
	rest := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(out)
		rest <- b
	}()
	select {
	case b := <-rest:
		if code := waitExit(t, c, 10*time.Second); code != 0 || string(b) != "1 new-1\n1 new-2\n" || stderr.String() != "" {
			t.Errorf("exit %d, then stdout %q, stderr %q; want 1 new-1, 1 new-2", code, b, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the added partition's records were not written within 30s; stderr %q", stderr.String())
	}
}

// TestConsumeLayoutTimesInUTC: %d{strftime[...]} and %d{go#...#} write the
// timestamp in UTC, whatever the process's TZ says (shore help layouts
// says so): only a process has its own local zone.
func TestConsumeLayoutTimesInUTC(t *testing.T) {
	t.Parallel()
	if _, err := time.LoadLocation("Asia/Tokyo"); err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	topic := testbroker.Topic(t, 1, nil)
	produceTo(t, &kgo.Record{Topic: topic, Value: []byte("v"), Timestamp: time.UnixMilli(1763856000000)})
	c := exec.Command(shoretest.Binary(t), "consume", topic, "-e", "-f", `%d{strftime[%F %T %z]} %d{go#2006-01-02T15:04:05Z07:00#}\n`)
	c.Env = shoretest.Environ(t, map[string]string{"TZ": "Asia/Tokyo"})
	out, err := c.Output()
	if want := "2025-11-23 00:00:00 +0000 2025-11-23T00:00:00Z\n"; err != nil || string(out) != want {
		t.Fatalf("consume with TZ=Asia/Tokyo: %v\n%q\nwant %q", err, out, want)
	}
}

// TestConsumeGroupCoordinatorNeverAnswers drops every FindCoordinator
// request, so that the member never joins: its warning says that it cannot
// join yet, not that it lost its place in the group and may write records
// again, which it never had and never wrote; when --wait passes, the run
// is a failure (exit 1), as when a broker gives no answer within it, not
// a wait in which no record matched (exit 3). --timeout bounds every
// request, the first connection's too: 1s was too short for it under the
// race detector on a loaded machine (a rehearsal of CI exited "cannot
// reach ...: no answer within 1s"); 3s still leaves two tries of
// FindCoordinator within --wait.
func TestConsumeGroupCoordinatorNeverAnswers(t *testing.T) {
	if testbroker.Real() {
		t.Skip("drops requests of a cluster of its own")
	}
	const topic = "nocoordinator"
	brokers := neverAnswering(t, topic, kmsg.FindCoordinator)
	group := testbroker.Name(t, "group")
	res := shoretest.RunWith(t, shoretest.Opts{Env: map[string]string{"SHORE_BROKERS": brokers}},
		"consume", topic, "-g", group, "--until", `.value == "never"`, "--wait", "6s", "--timeout", "3s")
	want := fmt.Sprintf("shore: warning: cannot join group %q yet (", group)
	end := regexp.MustCompile(fmt.Sprintf(`\nshore: could not join group %q within --wait 6s \(.+\): nothing was read\n$`, group))
	if res.Code != 1 || !strings.HasPrefix(res.Stderr, want) || !end.MatchString(res.Stderr) || strings.Contains(res.Stderr, "lost its place") {
		t.Fatalf("exit %d stderr %q; want 1, a warning starting %q and a last line matching %s", res.Code, res.Stderr, want, end)
	}
}
