package connect

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"
)

func TestWaitingSilent(t *testing.T) {
	seed := kgo.BrokerMetadata{NodeID: -2147483648, Host: "127.0.0.1", Port: 9092}
	b1 := kgo.BrokerMetadata{NodeID: 1, Host: "127.0.0.1", Port: 9092}
	b2 := kgo.BrokerMetadata{NodeID: 2, Host: "127.0.0.1", Port: 9093}
	b3 := kgo.BrokerMetadata{NodeID: 3, Host: "127.0.0.1", Port: 9094}
	w := NewWaiting()
	for _, b := range []kgo.BrokerMetadata{seed, b1, b2, b3} {
		w.OnBrokerConnect(b, 0, nil, nil)
		w.OnBrokerWrite(b, 3, 10, 0, 0, nil)
		w.OnBrokerRead(b, 3, 10, 0, 0, nil)
	}
	if got := w.Silent(); got != "" {
		t.Fatalf("every request answered: Silent() = %q, want empty", got)
	}
	w.OnBrokerWrite(seed, 3, 10, 0, 0, nil)                            // unanswered, same address as broker 1
	w.OnBrokerWrite(b1, 3, 10, 0, 0, nil)                              // unanswered
	w.OnBrokerWrite(b2, 3, 10, 0, 0, errors.New("broken pipe"))        // never written: not waiting
	w.OnBrokerConnect(b3, 0, nil, errors.New("dial tcp: i/o timeout")) // its last dial failed
	if got, want := w.Silent(), "broker 1 (127.0.0.1:9092), broker 3 (127.0.0.1:9094)"; got != want {
		t.Fatalf("Silent() = %q, want %q", got, want)
	}
	w.OnBrokerRead(b1, 3, 10, 0, 0, nil)
	w.OnBrokerConnect(b3, 0, nil, nil)
	if got, want := w.Silent(), "127.0.0.1:9092"; got != want {
		t.Fatalf("after broker 1 answered and 3 connected: Silent() = %q, want %q (the seed still waits)", got, want)
	}
	w.OnBrokerDisconnect(b3, nil)
	w.OnBrokerDisconnect(seed, nil)
	w.OnBrokerWrite(b3, 3, 10, 0, 0, nil)
	w.OnBrokerDisconnect(b3, nil)
	if got, want := w.Silent(), "broker 3 (127.0.0.1:9094)"; got != want {
		t.Fatalf("after the seed's connection closed and one of broker 3's with a request: Silent() = %q, want %q", got, want)
	}
	var none *Waiting
	if got := none.Silent(); got != "" {
		t.Fatalf("nil Waiting: Silent() = %q", got)
	}
}

// TestWaitingUndialled names only the brokers whose last dial failed, not
// those still waiting for an answer.
func TestWaitingUndialled(t *testing.T) {
	seed := kgo.BrokerMetadata{NodeID: -2147483647, Host: "127.0.0.1", Port: 9093}
	b1 := kgo.BrokerMetadata{NodeID: 1, Host: "127.0.0.1", Port: 9092}
	w := NewWaiting()
	w.OnBrokerWrite(seed, 3, 10, 0, 0, nil) // unanswered
	w.OnBrokerConnect(b1, 0, nil, errors.New("dial tcp 127.0.0.1:9092: no answer within 2s"))
	if got, want := w.Undialled(), "broker 1 (127.0.0.1:9092)"; got != want {
		t.Fatalf("Undialled() = %q, want %q", got, want)
	}
	if got, want := w.Silent(), "127.0.0.1:9093, broker 1 (127.0.0.1:9092)"; got != want {
		t.Fatalf("Silent() = %q, want %q", got, want)
	}
}

// TestWaitingCancelledDial: a seed whose dial first contact cancelled,
// once another seed had answered, is not named as a broker that did not
// answer. A frozen group coordinator's timeout said 'no answer from
// 127.0.0.1:9093, broker 1 (127.0.0.1:9092) within ...', the first a
// healthy broker given to -b.
func TestWaitingCancelledDial(t *testing.T) {
	seed := kgo.BrokerMetadata{NodeID: -2147483647, Host: "127.0.0.1", Port: 9093}
	b1 := kgo.BrokerMetadata{NodeID: 1, Host: "127.0.0.1", Port: 9092}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, dialErr := (&net.Dialer{}).DialContext(ctx, "tcp", "127.0.0.1:9093")
	if dialErr == nil {
		t.Fatal("a dial with a cancelled context succeeded")
	}
	w := NewWaiting()
	w.OnBrokerConnect(seed, 0, nil, fmt.Errorf("unable to dial: %w", dialErr)) // as kgo wraps it
	w.OnBrokerConnect(b1, 0, nil, errors.New("unable to dial: dial tcp 127.0.0.1:9092: no answer within 2s"))
	if got, want := w.Undialled(), "broker 1 (127.0.0.1:9092)"; got != want {
		t.Fatalf("Undialled() = %q, want %q", got, want)
	}
}
