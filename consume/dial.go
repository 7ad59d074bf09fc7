package consume

import (
	"context"
	"errors"
	"net"
	"strconv"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// dialHook tells the Reporter of the brokers that cannot be reached, once
// each, and of their coming back.
type dialHook struct{ c *Consumer }

// OnBrokerConnect implements kgo.HookBrokerConnect.
func (h dialHook) OnBrokerConnect(meta kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	if errors.Is(err, kgo.ErrClientClosed) || errors.Is(err, context.Canceled) {
		return // the run is over: a dial cut short says nothing of the broker
	}
	if meta.NodeID < 0 {
		// A seed broker (kgo numbers them below zero): first contact
		// has said whether one answers, and partitions are read from
		// the brokers the cluster names.
		return
	}
	c := h.c
	addr := net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))
	c.mu.Lock()
	if c.closing {
		// The final commit and leave are bounded by Timeout, and a dial
		// they start late fails with that bound, not for the broker:
		// their own error says whom they waited for.
		c.mu.Unlock()
		return
	}
	// A broker told of as not answering fetches (see answerHook) may
	// still take connections: only an answered fetch ends that silence.
	told := c.unreachable[addr]
	unreachable := err != nil && told == answering
	answers := err == nil && told == dialFailed
	switch {
	case unreachable:
		c.unreachable[addr] = dialFailed
	case answers:
		c.unreachable[addr] = answering
	}
	c.mu.Unlock()
	switch {
	case unreachable:
		c.report.BrokerUnreachable(addr, err)
	case answers:
		c.report.BrokerAnswers(addr)
	}
}
