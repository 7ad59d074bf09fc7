package connect

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// RequestBound is how long an admin client waits for one answer from a
// broker: a third of the command's timeout (kgo's floor is 100ms), so that
// a broker that accepts requests and never answers (frozen) is given up on
// in time for the command to answer with the other brokers within timeout.
func RequestBound(timeout time.Duration) time.Duration {
	return max(timeout/3, 100*time.Millisecond).Truncate(time.Millisecond)
}

// silence remembers, for an admin client, the brokers that left a request
// (or a TLS handshake) unanswered for the request bound, and treats each of
// them as down for hold: its open connections are closed, which fails at
// once the requests still waiting on it, and it is not dialled again, so
// every later request to it fails at once as a dead broker's does (kgo
// sends a request that may go to any broker to another, and a part of a
// sharded request becomes a shard error). Without this, every request that
// happens to go to a frozen broker would wait out the bound again. It is
// armed once the client has made first contact, whose errors explain a
// silent bootstrap address in their own way.
type silence struct {
	bound, hold time.Duration
	armed       atomic.Bool
	mu          sync.Mutex
	until       map[string]time.Time             // by address: treated as down until then
	conns       map[string]map[*trackedConn]bool // by address: the open connections
}

func newSilence(bound, hold time.Duration) *silence {
	return &silence{bound: bound, hold: hold, until: map[string]time.Time{}, conns: map[string]map[*trackedConn]bool{}}
}

// SilentError is why a dial to a broker that silence treats as down
// fails: it left a request unanswered for Bound.
type SilentError struct{ Bound time.Duration }

func (e *SilentError) Error() string { return fmt.Sprintf("no answer within %s", e.Bound) }

// refusal is the error a dial to addr fails with while addr is treated as
// down, nil otherwise. It is a dial error, so kgo handles it as it handles
// a refused connection.
func (s *silence) refusal(network, addr string) error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if time.Now().After(s.until[addr]) {
		return nil
	}
	return &net.OpError{Op: "dial", Net: network, Addr: dialAddr{network, addr}, Err: &SilentError{Bound: s.bound}}
}

// track returns conn, counted among addr's open connections until closed.
func (s *silence) track(addr string, conn net.Conn) net.Conn {
	if s == nil {
		return conn
	}
	tc := &trackedConn{Conn: conn, s: s, addr: addr}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conns[addr] == nil {
		s.conns[addr] = map[*trackedConn]bool{}
	}
	s.conns[addr][tc] = true
	return tc
}

// mark treats addr as down for hold, if armed, and closes its connections.
func (s *silence) mark(addr string) {
	if s == nil || !s.armed.Load() {
		return
	}
	s.mu.Lock()
	s.until[addr] = time.Now().Add(s.hold)
	var open []*trackedConn
	for tc := range s.conns[addr] {
		open = append(open, tc)
	}
	s.mu.Unlock()
	for _, tc := range open {
		tc.Close()
	}
}

// OnBrokerRead implements kgo.HookBrokerRead: a read that ran into kgo's
// deadline (the request bound) found the broker silent. A read that a
// context ended says nothing about the broker.
func (s *silence) OnBrokerRead(meta kgo.BrokerMetadata, _ int16, _ int, _, _ time.Duration, err error) {
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		s.mark(net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port))))
	}
}

// trackedConn leaves its silence's count when closed.
type trackedConn struct {
	net.Conn
	s    *silence
	addr string
	once sync.Once
}

func (c *trackedConn) Close() error {
	c.once.Do(func() {
		c.s.mu.Lock()
		delete(c.s.conns[c.addr], c)
		c.s.mu.Unlock()
	})
	return c.Conn.Close()
}

// dialAddr is an address as a dial names it.
type dialAddr struct{ network, addr string }

func (a dialAddr) Network() string { return a.network }
func (a dialAddr) String() string  { return a.addr }
