package consume

import (
	"context"
	"testing"
	"time"
)

// TestIdleForWaitsForTheGroup checks that a group member is not idle while
// it waits for the group: before its first assignment (Apache Kafka delays
// a new group's first one by group.initial.rebalance.delay.ms, 3s) and
// during a rebalance. --idle-timeout 2s used to end such a member, exit 0,
// having read nothing.
func TestIdleForWaitsForTheGroup(t *testing.T) {
	start := time.Now().Add(-time.Hour)
	plain := &Consumer{}
	if got := plain.idleFor(start); got < time.Hour {
		t.Fatalf("without a group: idle %s; want an hour", got)
	}
	c := &Consumer{plan: &Plan{}, o: Options{Group: "g"}}
	if got := c.idleFor(start); got != 0 {
		t.Fatalf("before the first assignment: idle %s; want 0", got)
	}
	c.assigned(context.Background(), nil, nil)
	if got := c.idleFor(start); got <= 0 || got > time.Minute {
		t.Fatalf("after the assignment: idle %s; want the time since it", got)
	}
	c.hold()
	if got := c.idleFor(start); got != 0 {
		t.Fatalf("during a rebalance: idle %s; want 0", got)
	}
}
