package faults

import (
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/internal/faultkit"
)

// produceRecords is the size of a produce run in this suite: with --rate
// produceRate it lasts long enough for a failover to happen in the middle.
const (
	produceRecords = 12000
	produceRate    = "1000"
)

// TestProduceHealthy is the baseline of the suite: no fault, every record
// once.
func TestProduceHealthy(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	input, ids := faultkit.Input(2000)
	res := c.Shore(strings.NewReader(input), "produce", topic, "-K", ":").Wait(time.Minute)
	if res.Code != 0 || res.Stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	if tally := faultkit.TallyOf(c.Count(topic), ids); !tally.Exact() {
		t.Fatal(tally)
	}
}

// TestProduceLeaderKilledRestarted kills the leader of partition 0 with
// SIGKILL in the middle of a run and starts it again 5 s later.
func TestProduceLeaderKilledRestarted(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	input, ids := faultkit.Input(produceRecords)
	p := c.Shore(strings.NewReader(input), "produce", topic, "-K", ":", "--rate", produceRate)
	c.WaitRecords(topic, 2000)
	leader := c.Leader(topic, 0)
	c.Kill(leader)
	time.Sleep(5 * time.Second) // the fault under test: a node down for 5 s
	c.Start(leader)
	res := p.Wait(3 * time.Minute)
	if res.Code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	if tally := faultkit.TallyOf(c.Count(topic), ids); !tally.Exact() {
		t.Fatal(tally)
	}
}
