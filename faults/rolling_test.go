package faults

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kafkashore/shore/internal/faultkit"
	"github.com/kafkashore/shore/internal/testbroker"
)

// TestRollingRestart restarts the three nodes one after the other with
// SIGTERM, as an upgrade does, while shore produce writes at a steady rate
// and a consume -g member reads: produce exits 0 with every record in the
// topic once; the member, stopped with SIGINT after the restarts, exits 0,
// and with a drain by a second member with -e every record was printed and
// the group's lag is 0.
func TestRollingRestart(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	group := testbroker.Name(t, "group")
	input, ids := faultkit.Input(24000)
	p := c.Shore(strings.NewReader(input), "produce", topic, "-K", ":", "--rate", "500")
	member := startReader(t, topic, "-g", group)
	read := make(chan struct{})
	go func() {
		member.read(1 << 62)
		close(read)
	}()
	c.WaitRecords(topic, 1000)
	for id := int32(1); id <= faultkit.Nodes; id++ {
		c.Restart(id)
	}

	res := p.Wait(2 * time.Minute)
	t.Logf("produce, after %s:\n%s", res.Elapsed, res.Stderr)
	if res.Code != 0 {
		t.Fatalf("produce: exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	if err := member.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-read:
	case <-time.After(30 * time.Second):
		_ = member.cmd.Process.Signal(syscall.SIGQUIT)
		<-read
		_ = member.cmd.Wait()
		t.Fatalf("consume -g did not end within 30s of SIGINT; stderr:\n%s", member.stderr)
	}
	_ = member.cmd.Wait()
	if code := member.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("consume -g: exit %d after SIGINT, stderr:\n%s", code, member.stderr)
	}
	t.Logf("consume -g stderr:\n%s", member.stderr)
	drain := startReader(t, topic, "-g", group, "-e")
	if code := drain.finish(time.Minute); code != 0 {
		t.Fatalf("consume -g -e: exit %d, stderr:\n%s", code, drain.stderr)
	}
	// Before wantAll: kcat's count adds a marker to every partition.
	wantLagZero(t, topic, group)
	dups := wantAll(t, c, topic, ids, false, seen(member, drain))
	t.Logf("%d of %d records printed twice; the drain printed %d", dups, len(ids), len(drain.lines))
}
