package produce

import (
	"errors"
	"net"
	"testing"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// TestErrorLog feeds the log lines franz-go writes when a broker refuses a
// produce or cannot be reached, and checks what a timeout would name.
func TestErrorLog(t *testing.T) {
	l := NewErrorLog("orders", nil)
	if l.Seen() != nil || l.Last(0) != nil || l.Level() != kgo.LogLevelInfo {
		t.Fatalf("a new log has errors, or level %v", l.Level())
	}
	l.Closer()
	if l.Level() != kgo.LogLevelDebug {
		t.Fatalf("level %v after Closer; want debug, where retriable refusals are", l.Level())
	}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	closed := &net.OpError{Op: "read", Net: "tcp", Err: net.ErrClosed}
	l.Log(kgo.LogLevelDebug, "read from broker errored, killing connection", "addr", "127.0.0.1:1", "err", closed)
	if l.Seen() != nil {
		t.Fatalf("a connection the client closed itself is trouble: %v", l.Seen())
	}
	l.Log(kgo.LogLevelWarn, "unable to open connection to broker", "addr", "127.0.0.1:1", "err", refused)
	l.Log(kgo.LogLevelDebug, "produced", "broker", "1", "to",
		"other[0{retrying@-1,2(NOT_LEADER_OR_FOLLOWER: x)}], orders[0{0=>5}, 2{retrying@-1,3(NOT_ENOUGH_REPLICAS: Messages are rejected since there are fewer in-sync replicas than required.)}]")
	l.Log(kgo.LogLevelInfo, "batch in a produce request failed", "topic", "other", "partition", int32(1), "err", kerr.MessageTooLarge)
	l.Log(kgo.LogLevelInfo, "batch errored, failing the producer ID", "topic", "orders", "partition", int32(2), "err", errors.New("producer id needs reloading"))
	for p, want := range map[int32]string{
		2: "NOT_ENOUGH_REPLICAS: Messages are rejected since there are fewer in-sync replicas than required.",
		0: "NOT_ENOUGH_REPLICAS: Messages are rejected since there are fewer in-sync replicas than required.",
	} {
		if got := l.Last(p); got == nil || got.Error() != want {
			t.Errorf("Last(%d) = %v; want %s", p, got, want)
		}
	}
	l.Log(kgo.LogLevelInfo, "batch in a produce request failed", "topic", "orders", "partition", int32(1), "err", kerr.NotLeaderForPartition)
	if got := l.Last(1); !errors.Is(got, kerr.NotLeaderForPartition) {
		t.Errorf("Last(1) = %v", got)
	}
	if got := l.Seen(); !errors.Is(got, kerr.NotLeaderForPartition) {
		t.Errorf("Seen() = %v", got)
	}
}
