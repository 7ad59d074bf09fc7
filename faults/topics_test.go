package faults

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kafkashore/shore/internal/faultkit"
)

// TestTopicsDescribeTwoNodesDown describes a topic with two of three nodes
// dead, one of them partition 0's leader: shore shows what the live node
// knows, marks the offsets it cannot learn with -, names the brokers that
// did not answer, and exits 0.
func TestTopicsDescribeTwoNodesDown(t *testing.T) {
	c := faultkit.New(t)
	topic := c.Topic(3, nil)
	dead := c.Leader(topic, 0)
	c.Kill(dead)
	c.Kill(faultkit.Others(dead)[0])
	res := c.Shore(nil, "topics", "describe", topic).Wait(time.Minute)
	rows := regexp.MustCompile(`(?m)^[0-2] +\S+ +1,2,3 +\S+ +(\S+) +(\S+)$`).FindAllStringSubmatch(res.Stdout, -1)
	if res.Code != 0 || len(rows) != 3 || rows[0][1] != "-" || rows[0][2] != "-" ||
		!strings.HasPrefix(res.Stderr, "shore: warning: no answer from broker ") || strings.Count(res.Stderr, "\n") != 1 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant 0, three partition rows, partition 0's offsets marked -, and one warning", res.Code, res.Stdout, res.Stderr)
	}
}
