package connect

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

func TestRequestBound(t *testing.T) {
	for _, tc := range []struct{ timeout, want time.Duration }{
		{10 * time.Second, 3333 * time.Millisecond},
		{6 * time.Second, 2 * time.Second},
		{time.Second, 333 * time.Millisecond},
		{200 * time.Millisecond, 100 * time.Millisecond}, // kgo's floor
		{0, 100 * time.Millisecond},
	} {
		if got := RequestBound(tc.timeout); got != tc.want {
			t.Errorf("RequestBound(%s) = %s, want %s", tc.timeout, got, tc.want)
		}
	}
}

// TestSilence follows a broker through silence: a read that ran into its
// deadline closes the broker's connections and makes dials to it fail at
// once as refused dials do, until hold has passed; a read that a context
// ended, or one before first contact, changes nothing. The refusals are
// checked with a hold of an hour, which no pause of a loaded machine
// between a read and a dial outlasts, and the end of a hold with one of
// 200ms.
func TestSilence(t *testing.T) {
	const addr = "127.0.0.1:9092"
	meta := kgo.BrokerMetadata{NodeID: 2, Host: "127.0.0.1", Port: 9092}
	timedOut := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	s := newSilence(2*time.Second, time.Hour)

	s.OnBrokerRead(meta, 3, 0, 0, 0, timedOut)
	if err := s.refusal("tcp", addr); err != nil {
		t.Fatalf("before first contact: refusal = %v, want none", err)
	}
	s.armed.Store(true)
	s.OnBrokerRead(meta, 3, 0, 0, 0, context.DeadlineExceeded)
	if err := s.refusal("tcp", addr); err != nil {
		t.Fatalf("after a read that a context ended: refusal = %v, want none", err)
	}

	mine, theirs := net.Pipe()
	defer theirs.Close()
	other, otherPeer := net.Pipe()
	defer otherPeer.Close()
	conn := s.track(addr, mine)
	otherConn := s.track("127.0.0.1:9093", other)
	s.OnBrokerRead(meta, 3, 0, 0, 0, fmt.Errorf("read: %w", timedOut))
	if _, err := conn.Write([]byte("x")); err == nil {
		t.Fatal("a silent broker's connection: write succeeded, want it closed")
	}
	go func() { _, _ = otherPeer.Read(make([]byte, 1)) }()
	if _, err := otherConn.Write([]byte("x")); err != nil {
		t.Fatalf("another broker's connection: write = %v, want it open", err)
	}

	err := s.refusal("tcp", addr)
	var opErr *net.OpError
	var silent *SilentError
	if !errors.As(err, &opErr) || opErr.Op != "dial" || opErr.Timeout() || !errors.As(err, &silent) ||
		err.Error() != "dial tcp 127.0.0.1:9092: no answer within 2s" {
		t.Fatalf("refusal = %v, want a dial error (not a timeout) that says no answer within 2s", err)
	}
	if got := cause(fmt.Errorf("unable to dial: %w", err), 10*time.Second); got != "no answer within 2s" {
		t.Fatalf("cause = %q", got)
	}
	if err := s.refusal("tcp", "127.0.0.1:9093"); err != nil {
		t.Fatalf("another broker: refusal = %v, want none", err)
	}

	const hold = 200 * time.Millisecond
	brief := newSilence(2*time.Second, hold)
	brief.armed.Store(true)
	marked := time.Now()
	brief.OnBrokerRead(meta, 3, 0, 0, 0, timedOut)
	if brief.refusal("tcp", addr) == nil && time.Since(marked) < hold {
		t.Fatalf("dialled again %s after a read timed out, within the hold of %s", time.Since(marked), hold)
	}
	deadline := time.Now().Add(10 * time.Second)
	for brief.refusal("tcp", addr) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("still refused 10s after a hold of %s", hold)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
