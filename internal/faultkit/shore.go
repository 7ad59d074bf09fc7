package faultkit

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafkashore/shore/internal/peers"
	"github.com/kafkashore/shore/internal/shoretest"
	"github.com/kafkashore/shore/internal/testbroker"
)

// Proc is the shore binary running against the cluster. The package's
// TestMain must call shoretest.Main, which removes the binary afterwards.
type Proc struct {
	t       testing.TB
	cmd     *exec.Cmd
	out     lockedBuffer
	errOut  lockedBuffer
	started time.Time
	done    chan struct{}
}

// Result is what a user saw of one run, and how long it took.
type Result struct {
	Stdout, Stderr string
	Code           int
	Elapsed        time.Duration
}

// Shore starts `shore args...` with stdin (nil: none) and SHORE_BROKERS
// at the cluster. The process is killed when the test ends if it still
// runs.
func (c *Cluster) Shore(stdin io.Reader, args ...string) *Proc {
	c.t.Helper()
	p := &Proc{t: c.t, done: make(chan struct{})}
	p.cmd = exec.Command(shoretest.Binary(c.t), args...)
	p.cmd.Env = shoretest.Environ(c.t, nil)
	p.cmd.Stdin = stdin
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.errOut
	p.started = time.Now()
	if err := p.cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	go func() {
		_ = p.cmd.Wait()
		close(p.done)
	}()
	c.t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// Signal sends sig to the process.
func (p *Proc) Signal(sig os.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatalf("signal %v: %v", sig, err)
	}
}

// Exited reports whether the process has ended.
func (p *Proc) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Wait waits for the process to end and returns what it printed and its
// exit status: 128+N when signal N killed it. When it has not ended within
// the given time, the test fails with what it printed so far.
func (p *Proc) Wait(within time.Duration) Result {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(within):
		_ = p.cmd.Process.Signal(syscall.SIGQUIT) // its goroutines, on stderr
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
			_ = p.cmd.Process.Kill()
			<-p.done
		}
		p.t.Fatalf("shore %s did not exit within %s\nstdout:\n%s\nstderr:\n%s",
			strings.Join(p.cmd.Args[1:], " "), within, p.out.String(), p.errOut.String())
	}
	code := p.cmd.ProcessState.ExitCode()
	if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		code = 128 + int(ws.Signal())
	}
	return Result{Stdout: p.out.String(), Stderr: p.errOut.String(), Code: code, Elapsed: time.Since(p.started)}
}

// WaitStderr waits until the process has printed want on stderr, and
// fails the test when it has not within the given time.
func (p *Proc) WaitStderr(want string, within time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(within)
	for !strings.Contains(p.errOut.String(), want) {
		if time.Now().After(deadline) || p.Exited() {
			p.t.Fatalf("shore did not print %q within %s; stderr:\n%s", want, within, p.errOut.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// WaitRecords waits until topic holds at least n records (the sum of its
// partitions' end offsets), so that a fault strikes in the middle of a run.
func (c *Cluster) WaitRecords(topic string, n int64) {
	c.t.Helper()
	c.poll(time.Minute, fmt.Sprintf("%d records in %s", n, topic), func(ctx context.Context) (bool, error) {
		ends, err := c.adm.ListEndOffsets(ctx, topic)
		if err != nil {
			return false, err
		}
		var sum int64
		ends.Each(func(o kadm.ListedOffset) { sum += o.Offset })
		return sum >= n, fmt.Errorf("%d records", sum)
	})
}

// Count reads all of topic with kcat, an independent client, and returns
// how often each value occurs. Right after a leader change the new leader's
// high watermark may lag behind what was acknowledged, and kcat -e stops
// there: CountThroughMarkers does not, at the cost of a record per
// partition.
func (c *Cluster) Count(topic string) map[string]int {
	c.t.Helper()
	out := peers.RunKcat(c.t, "", "-C", "-b", c.Bootstrap(), "-t", topic, "-o", "beginning", "-e", "-q", "-f", `%s\n`)
	counts := map[string]int{}
	for line := range strings.Lines(out) {
		counts[strings.TrimSuffix(line, "\n")]++
	}
	return counts
}

// endMarker is the value CountThroughMarkers writes at the end of every
// partition.
const endMarker = "faultkit-end-marker"

// CountThroughMarkers is Count for a topic whose leaders moved: it first
// writes a marker to every partition with acks=all, which moves the high
// watermark past every record acknowledged before, and leaves the markers
// out of the counts. The markers stay in the topic: a group that read it
// has them as lag.
func (c *Cluster) CountThroughMarkers(topic string) map[string]int {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	md, err := c.metadata(ctx, topic)
	if err != nil || len(md.Topics) != 1 {
		c.t.Fatalf("metadata of %s: %v", topic, err)
	}
	cl := testbroker.Client(c.t, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	var markers []*kgo.Record
	for _, p := range md.Topics[0].Partitions {
		markers = append(markers, &kgo.Record{Topic: topic, Partition: p.Partition, Value: []byte(endMarker)})
	}
	if err := cl.ProduceSync(ctx, markers...).FirstErr(); err != nil {
		c.t.Fatalf("end markers in %s: %v", topic, err)
	}
	counts := c.Count(topic)
	if counts[endMarker] != len(markers) {
		c.t.Fatalf("kcat read %d of the %d end markers of %s", counts[endMarker], len(markers), topic)
	}
	delete(counts, endMarker)
	return counts
}

// Input is n keyed lines for `shore produce -K :`, each value a unique id,
// and the ids in order. Keys spread the records over every partition.
func Input(n int) (lines string, ids []string) {
	var b strings.Builder
	ids = make([]string, n)
	for i := range n {
		ids[i] = fmt.Sprintf("id-%07d", i)
		fmt.Fprintf(&b, "key-%d:%s\n", i%97, ids[i])
	}
	return b.String(), ids
}

// Tally is how the records a test sent fared in the topic.
type Tally struct {
	// Lost are ids sent and not in the topic; Duplicated are ids in the
	// topic more than once; Unexpected are values in the topic that were
	// never sent.
	Lost, Duplicated, Unexpected []string
}

// TallyOf compares what the topic holds (Count) with the ids sent.
func TallyOf(counts map[string]int, ids []string) Tally {
	var t Tally
	sent := make(map[string]bool, len(ids))
	for _, id := range ids {
		sent[id] = true
		switch n := counts[id]; {
		case n == 0:
			t.Lost = append(t.Lost, id)
		case n > 1:
			t.Duplicated = append(t.Duplicated, id)
		}
	}
	for v := range counts {
		if !sent[v] {
			t.Unexpected = append(t.Unexpected, v)
		}
	}
	return t
}

// String says how many records were lost, duplicated or unexpected, with
// the first few of each.
func (t Tally) String() string {
	few := func(s []string) string {
		if len(s) > 5 {
			return strings.Join(s[:5], " ") + " ..."
		}
		return strings.Join(s, " ")
	}
	return fmt.Sprintf("%d lost [%s], %d duplicated [%s], %d unexpected [%s]",
		len(t.Lost), few(t.Lost), len(t.Duplicated), few(t.Duplicated), len(t.Unexpected), few(t.Unexpected))
}

// Exact reports whether every id sent is in the topic exactly once and
// nothing else is.
func (t Tally) Exact() bool {
	return len(t.Lost)+len(t.Duplicated)+len(t.Unexpected) == 0
}
